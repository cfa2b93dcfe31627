//! A `filter` op's SQL condition translated for pandas `query` or dplyr `filter`:
//! comparisons, AND/OR/NOT, IS [NOT] NULL, IN (...), numbers and text. Anything
//! else (LIKE, functions, ...) gives `None`, and the caller leaves a comment.

/// Which language to translate to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Target {
    /// A pandas `query` string (python engine).
    Pandas,
    /// A dplyr `filter` expression.
    Dplyr,
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Text(String),
    Name(String),
    Word(String),
    Number(String),
    Sym(&'static str),
}

fn tokens(sql: &str) -> Option<Vec<Tok>> {
    let mut out = Vec::new();
    let mut chars = sql.chars().peekable();
    while let Some(&c) = chars.peek() {
        if c.is_whitespace() {
            chars.next();
        } else if c == '\'' || c == '"' {
            chars.next();
            let mut s = String::new();
            loop {
                match chars.next()? {
                    q if q == c => {
                        if chars.peek() == Some(&c) {
                            chars.next();
                            s.push(c);
                        } else {
                            break;
                        }
                    }
                    other => s.push(other),
                }
            }
            out.push(if c == '\'' {
                Tok::Text(s)
            } else {
                Tok::Name(s)
            });
        } else if c.is_ascii_digit() || c == '.' {
            let mut s = String::new();
            while let Some(&d) = chars.peek().filter(|d| d.is_ascii_digit() || **d == '.') {
                s.push(d);
                chars.next();
            }
            out.push(Tok::Number(s));
        } else if c.is_alphabetic() || c == '_' {
            let mut s = String::new();
            while let Some(&d) = chars.peek().filter(|d| d.is_alphanumeric() || **d == '_') {
                s.push(d);
                chars.next();
            }
            out.push(Tok::Word(s));
        } else {
            chars.next();
            let next = chars.peek().copied();
            let sym = match (c, next) {
                ('<', Some('>')) | ('!', Some('=')) => "!=",
                ('<', Some('=')) => "<=",
                ('>', Some('=')) => ">=",
                ('=', _) => "==",
                ('<', _) => "<",
                ('>', _) => ">",
                ('(', _) => "(",
                (')', _) => ")",
                (',', _) => ",",
                ('+', _) => "+",
                ('-', _) => "-",
                ('*', _) => "*",
                ('/', _) => "/",
                _ => return None,
            };
            if sym.len() == 2 {
                chars.next();
            }
            out.push(Tok::Sym(sym));
        }
    }
    Some(out)
}

/// The condition in the target language, or `None` when it uses more than this
/// translator knows.
pub(super) fn translate(sql: &str, target: Target) -> Option<String> {
    let toks = tokens(sql)?;
    let pandas = target == Target::Pandas;
    let mut out: Vec<String> = Vec::new();
    let mut i = 0;
    while let Some(tok) = toks.get(i) {
        let next = toks.get(i + 1);
        match tok {
            Tok::Text(s) => out.push(if pandas {
                super::pandas::string(s)
            } else {
                super::dplyr::string(s)
            }),
            Tok::Number(n) => out.push(n.clone()),
            Tok::Sym(s) => out.push((*s).to_string()),
            Tok::Name(n) => out.push(column(n, target)),
            Tok::Word(w) => {
                let upper = w.to_ascii_uppercase();
                match upper.as_str() {
                    "AND" => out.push(if pandas { "and" } else { "&" }.into()),
                    "OR" => out.push(if pandas { "or" } else { "|" }.into()),
                    "TRUE" => out.push(if pandas { "True" } else { "TRUE" }.into()),
                    "FALSE" => out.push(if pandas { "False" } else { "FALSE" }.into()),
                    "NOT" if word_is(next, "IN") => {
                        if !pandas {
                            return None;
                        }
                        out.push("not in".into());
                        i += 1;
                        if toks.get(i + 1) != Some(&Tok::Sym("(")) {
                            return None;
                        }
                    }
                    "NOT" => out.push(if pandas { "not" } else { "!" }.into()),
                    "IN" => {
                        if next != Some(&Tok::Sym("(")) {
                            return None;
                        }
                        out.push(if pandas { "in (" } else { "%in% c(" }.into());
                        i += 1;
                    }
                    "IS" => {
                        let negated = word_is(next, "NOT");
                        let null_at = if negated { i + 2 } else { i + 1 };
                        if !word_is(toks.get(null_at), "NULL") {
                            return None;
                        }
                        let operand = out.pop()?;
                        out.push(match (pandas, negated) {
                            (true, false) => format!("{operand}.isna()"),
                            (true, true) => format!("{operand}.notna()"),
                            (false, false) => format!("is.na({operand})"),
                            (false, true) => format!("!is.na({operand})"),
                        });
                        i = null_at;
                    }
                    "NULL" | "LIKE" | "ILIKE" | "BETWEEN" | "CASE" | "SELECT" | "EXISTS" => {
                        return None;
                    }
                    _ if next == Some(&Tok::Sym("(")) => return None,
                    _ => out.push(column(w, target)),
                }
            }
        }
        i += 1;
    }
    if out.is_empty() {
        return None;
    }
    Some(join(&out))
}

fn word_is(tok: Option<&Tok>, word: &str) -> bool {
    matches!(tok, Some(Tok::Word(w)) if w.eq_ignore_ascii_case(word))
}

fn column(name: &str, target: Target) -> String {
    match target {
        Target::Dplyr => super::dplyr::name(name),
        Target::Pandas => {
            let plain = name
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
                && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
                && !["and", "or", "not", "in", "is", "True", "False", "None"].contains(&name);
            if plain {
                name.to_string()
            } else {
                format!("`{}`", name.replace('`', ""))
            }
        }
    }
}

/// Parts joined by spaces, except inside parentheses and before commas.
fn join(parts: &[String]) -> String {
    let mut out = String::new();
    for (i, p) in parts.iter().enumerate() {
        let tight = i == 0 || out.ends_with('(') || p == ")" || p == ",";
        if !tight {
            out.push(' ');
        }
        out.push_str(p);
    }
    out
}
