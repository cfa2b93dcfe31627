//! Text that did not come from the lesson (an engine's error, a check's details)
//! made safe to show in mask mode: anything that could be a data value is hidden and
//! the words that help are kept.

use super::masker::for_each_word;
use super::{HIDDEN, Masker, mask_anywhere};

/// Quoted values kept as they are: type names the engines quote.
const TYPE_WORDS: &[&str] = &[
    "str", "string", "utf8", "text", "i8", "i16", "i32", "i64", "u8", "u16", "u32", "u64", "f32",
    "f64", "int", "integer", "bigint", "float", "double", "bool", "boolean", "date", "datetime",
    "time", "number", "null", "list", "decimal",
];

/// Short words of English and Spanish sentences that a name can also be (`de`, `la`,
/// `do`, `to`): kept, so a message stays readable.
const SENTENCE_WORDS: &[&str] = &[
    "a", "an", "the", "of", "in", "on", "at", "to", "for", "from", "by", "with", "and", "or",
    "not", "no", "is", "are", "was", "be", "as", "it", "its", "this", "that", "there", "your",
    "you", "we", "has", "have", "do", "does", "can", "cannot", "will", "may", "than", "then", "so",
    "but", "if", "when", "which", "who", "all", "any", "each", "one", "more", "only", "into",
    "out", "up", "down", "over", "after", "before", "row", "rows", "column", "columns", "value",
    "values", "table", "tables", "query", "line", "file", "data", "number", "text", "date", "type",
    "de", "la", "el", "los", "las", "y", "en", "un", "una", "del", "al", "con", "por", "para",
    "sin", "que", "es", "son", "su", "sus", "se", "lo", "como", "fila", "filas", "columna",
    "columnas", "valor", "valores", "tabla", "tablas", "consulta", "archivo", "datos", "texto",
    "fecha", "tipo",
];

impl Masker {
    /// `text` (an error from any layer, a check's details) as it may be shown in
    /// mask mode. Hidden: lists in brackets (`[…]`, how engines quote failing
    /// values); anything quoted that is not a known table or column name or a type;
    /// runs of comma-separated fields (lines of a file); every word of a personal
    /// value of the loaded data; emails and phone numbers. Kept: the rest, so the
    /// message still says what went wrong and where.
    pub fn scrub(&self, text: &str) -> String {
        self.scrub_keeping(text, &[])
    }

    /// [`scrub`](Masker::scrub), also keeping `words` where quoted (the names in a
    /// query the learner wrote, which the editor shows anyway).
    pub fn scrub_keeping(&self, text: &str, words: &[String]) -> String {
        let s = hide_lists(text);
        let s = self.hide_quoted(&s, words);
        let s = hide_file_lines(&s);
        let s = mask_anywhere(&s);
        self.hide_personal_words(&s)
    }

    /// `text` that quotes values on purpose (a rule's examples): only the words of
    /// personal values of the loaded data, emails and phone numbers are hidden, so
    /// `"Essex "` stays readable and `"Zelda "` does not.
    pub fn hide_personal(&self, text: &str) -> String {
        self.hide_personal_words(&mask_anywhere(text))
    }

    fn keep_quoted(&self, inner: &str, words: &[String]) -> bool {
        let t = inner.trim();
        t.is_empty()
            || self.is_known_name(t)
            || words.iter().any(|w| w.eq_ignore_ascii_case(t))
            || TYPE_WORDS.contains(&t.to_lowercase().as_str())
            || t.chars().all(|c| c.is_ascii_digit())
    }

    fn hide_quoted(&self, text: &str, words: &[String]) -> String {
        let chars: Vec<char> = text.chars().collect();
        let mut out = String::with_capacity(text.len());
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i];
            let Some(close) = opening_quote(&chars, i) else {
                out.push(c);
                i += 1;
                continue;
            };
            let end = (i + 1..chars.len()).find(|&j| closes(&chars, j, close));
            let stop = end.unwrap_or_else(|| {
                (i + 1..chars.len())
                    .find(|&j| chars[j] == '\n')
                    .unwrap_or(chars.len())
            });
            let inner: String = chars[i + 1..stop].iter().collect();
            out.push(c);
            if self.keep_quoted(&inner, words) {
                out.push_str(&inner);
            } else {
                out.push_str(HIDDEN);
            }
            if end.is_some() {
                out.push(close);
                i = stop + 1;
            } else {
                i = stop;
            }
        }
        out
    }

    fn hide_personal_words(&self, text: &str) -> String {
        let mut out = String::with_capacity(text.len());
        let mut word = String::new();
        let flush = |word: &mut String, out: &mut String| {
            if !word.is_empty() {
                let lower = word.to_lowercase();
                let mut personal = false;
                for_each_word(word, |h| personal |= self.is_personal_word(h));
                let keep = SENTENCE_WORDS.contains(&lower.as_str()) || self.is_known_name(&lower);
                out.push_str(if personal && !keep { HIDDEN } else { word });
                word.clear();
            }
        };
        for c in text.chars() {
            if c.is_alphanumeric() {
                word.push(c);
            } else {
                flush(&mut word, &mut out);
                out.push(c);
            }
        }
        flush(&mut word, &mut out);
        out
    }
}

/// At `i`, a quote that opens; returns the character that closes it. A straight
/// apostrophe opens only where a word does not go on (`can't` is no quote).
fn opening_quote(chars: &[char], i: usize) -> Option<char> {
    let c = chars[i];
    match c {
        '"' | '`' => Some(c),
        '“' => Some('”'),
        '‘' => Some('’'),
        '«' => Some('»'),
        '\'' => {
            let before = i.checked_sub(1).map(|p| chars[p]);
            (!before.is_some_and(char::is_alphanumeric)).then_some('\'')
        }
        _ => None,
    }
}

fn closes(chars: &[char], j: usize, close: char) -> bool {
    chars[j] == close && (close != '\'' || !chars.get(j + 1).is_some_and(|c| c.is_alphanumeric()))
}

/// `[…]` lists (nested or not; an unclosed one runs to the end) become `[•••]`.
fn hide_lists(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut depth = 0usize;
    for c in text.chars() {
        match c {
            '[' => {
                if depth == 0 {
                    out.push('[');
                    out.push_str(HIDDEN);
                }
                depth += 1;
            }
            ']' if depth > 0 => {
                depth -= 1;
                if depth == 0 {
                    out.push(']');
                }
            }
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

/// A line holding fields joined by `,` `;` `|` or tab without a space after them (two
/// or more, not inside a number such as `2,050`) quotes a file: from the field run's
/// start (after the last `: ` before it) to the end of the line becomes `•••`.
fn hide_file_lines(text: &str) -> String {
    text.split('\n')
        .map(|line| {
            let chars: Vec<(usize, char)> = line.char_indices().collect();
            let seps: Vec<usize> = chars
                .iter()
                .enumerate()
                .filter(|&(k, &(_, c))| {
                    matches!(c, ',' | ';' | '|' | '\t')
                        && chars.get(k + 1).is_some_and(|&(_, n)| !n.is_whitespace())
                        && !(k > 0
                            && chars[k - 1].1.is_ascii_digit()
                            && chars.get(k + 1).is_some_and(|&(_, n)| n.is_ascii_digit()))
                })
                .map(|(_, &(b, _))| b)
                .collect();
            if seps.len() < 2 {
                return line.to_string();
            }
            let first = seps[0];
            let start = line[..first].rfind(": ").map(|p| p + 2).unwrap_or_else(|| {
                line[..first]
                    .rfind(char::is_whitespace)
                    .map(|p| p + 1)
                    .unwrap_or(0)
            });
            format!("{}{HIDDEN}", &line[..start])
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::sql::Catalog;
    use polars::prelude::*;

    fn masker() -> Masker {
        let mut c = Catalog::new();
        c.insert(
            "members",
            df![
                "first_name" => ["Zelda", "Ximena"],
                "last_name" => ["Quistgaard", "de la Cruz"],
                "email" => ["zelda.q@example.org", "xo@example.net"],
                "county" => ["Essex", "Suffolk"],
            ]
            .expect("frame"),
        );
        let mut m = Masker::new();
        m.learn_catalog(&c);
        m
    }

    #[test]
    fn engine_errors_lose_their_values_and_keep_their_words() {
        let m = masker();
        let polars = "conversion from `str` to `i64` failed in column 'email' for 2 out of 2 values: [\"zelda.q@example.org\", \"xo@example.net\"]";
        assert_eq!(
            m.scrub(polars),
            "conversion from `str` to `i64` failed in column 'email' for 2 out of 2 values: [•••]"
        );
        assert_eq!(
            m.scrub("row 2 (line 3), column `joined`: \"Zelda\" is not a date"),
            "row 2 (line 3), column `•••`: \"•••\" is not a date",
            "a column the data does not have is hidden too"
        );
        assert_eq!(
            m.scrub("row 2, column `county`: 'Quistgaard' can't be read"),
            "row 2, column `county`: '•••' can't be read"
        );
        assert_eq!(
            m.scrub("Row 1: yours is (Zelda Quistgaard, 2), the answer has (Essex, 2)."),
            "Row 1: yours is (••• •••, 2), the answer has (Essex, 2)."
        );
        assert_eq!(
            m.scrub("line 4: 004,Zelda,Quistgaard,12 Larkspur Lane,Essex"),
            "line 4: •••"
        );
        assert_eq!(
            m.scrub("la tabla tiene 2,050 filas de Cruz"),
            "la tabla tiene 2,050 filas de •••"
        );
        assert_eq!(
            m.scrub("write to zelda.q@example.org"),
            "write to z•••@•••.org"
        );
    }

    #[test]
    fn rule_examples_hide_people_and_keep_places() {
        let m = masker();
        assert_eq!(
            m.hide_personal("first_name: 2 row(s) have a space, e.g. \"Zelda \", \"Ximena\""),
            "first_name: 2 row(s) have a space, e.g. \"••• \", \"•••\""
        );
        assert_eq!(
            m.hide_personal("county: 1 row(s) are not allowed, e.g. \"Essex \""),
            "county: 1 row(s) are not allowed, e.g. \"Essex \""
        );
    }
}
