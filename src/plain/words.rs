//! The word commands of the plain player, in English and Spanish. Every key of the
//! full player has a word here; both languages are understood whatever the
//! player's language is.

/// What a typed line asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    /// The next step.
    Next,
    /// The step before.
    Back,
    /// Step `n` (counted from 1).
    Go(usize),
    /// The next hint.
    Hint,
    /// Submit what was typed last (an answer, a query, the cleaning ops).
    Check,
    /// Show the solution.
    Show,
    /// Read the step again.
    Repeat,
    /// The next rows of a table.
    More,
    /// The steps of the lesson and where each stands.
    Steps,
    /// The words.
    Help,
    /// Leave (progress is saved).
    Quit,
    /// Anything else: an answer, a choice, a query, an op, a reflection.
    Text(String),
}

/// Read one line as a command. A line that is only a command word (any case, with
/// or without a leading `:`) is that command; `:` forces a word (`:next` when the
/// answer itself is "next"); everything else is text for the step.
pub fn parse(line: &str) -> Command {
    let t = line.trim();
    let (forced, word) = match t.strip_prefix(':') {
        Some(rest) => (true, rest.trim()),
        None => (false, t),
    };
    let lower = word.to_lowercase();
    let mut parts = lower.split_whitespace();
    let first = parts.next().unwrap_or("");
    let rest: Vec<&str> = parts.collect();
    let cmd = match (first, rest.as_slice()) {
        ("next" | "n" | "siguiente" | "sig", []) => Some(Command::Next),
        ("back" | "b" | "previous" | "atrás" | "atras" | "anterior", []) => Some(Command::Back),
        ("go" | "step" | "ir" | "paso", [n]) => n.parse().ok().map(Command::Go),
        ("hint" | "h" | "pista", []) => Some(Command::Hint),
        ("check" | "c" | "submit" | "comprobar" | "revisar", []) => Some(Command::Check),
        ("show" | "solution" | "mostrar" | "solución" | "solucion", []) => Some(Command::Show),
        ("repeat" | "again" | "r" | "repetir" | "otra", []) => Some(Command::Repeat),
        ("more" | "m" | "más" | "mas", []) => Some(Command::More),
        ("steps" | "pasos", []) => Some(Command::Steps),
        ("help" | "?" | "ayuda", []) => Some(Command::Help),
        ("quit" | "q" | "exit" | "salir", []) => Some(Command::Quit),
        _ => None,
    };
    match cmd {
        Some(c) => c,
        None if forced => Command::Help,
        None => Command::Text(t.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_in_both_languages_and_text_otherwise() {
        assert_eq!(parse(" Next "), Command::Next);
        assert_eq!(parse("siguiente"), Command::Next);
        assert_eq!(parse("pista"), Command::Hint);
        assert_eq!(parse("go 3"), Command::Go(3));
        assert_eq!(parse("ir 2"), Command::Go(2));
        assert_eq!(parse(":salir"), Command::Quit);
        assert_eq!(parse("212"), Command::Text("212".into()));
        assert_eq!(
            parse("SELECT county FROM members"),
            Command::Text("SELECT county FROM members".into())
        );
        // A word inside a longer answer is the answer.
        assert_eq!(parse("next year"), Command::Text("next year".into()));
        assert_eq!(parse(":nope"), Command::Help);
    }
}
