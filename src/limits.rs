//! Budgets for what a lesson or recipe file may ask of the machine.
//!
//! Lessons and recipes are shared between groups, so a number in one is never trusted
//! as a size: a `pad` to a width of a billion, a regular expression that compiles to
//! gigabytes, a list of a million steps or a text nested ten thousand brackets deep
//! are refused with a message at `file:line:col` that names the limit and the fix.
//! The limits are far above what any real lesson or recipe needs (docs/reliability.md).

use crate::diag::{Diagnostic, Severity, SourceText};
use toml::Spanned;
use toml::de::{DeTable, DeValue};

/// Largest lesson or recipe file read, in bytes.
pub const MAX_FILE_BYTES: usize = 4 * 1024 * 1024;
/// Deepest nesting of `[` and `{` in a lesson or recipe file.
pub const MAX_DEPTH: usize = 32;
/// Most characters in any one text of a file (a step's text, a query, a value).
pub const MAX_TEXT_CHARS: usize = 100_000;
/// Most items in any one list or table of a file (choices, rows of a map, columns).
pub const MAX_ITEMS: usize = 10_000;
/// Most steps in a lesson.
pub const MAX_STEPS: usize = 1_000;
/// Most tables a lesson declares.
pub const MAX_TABLES: usize = 50;
/// Most ops in a recipe or in a clean step's solution.
pub const MAX_OPS: usize = 1_000;
/// Widest `pad` width.
pub const MAX_PAD_WIDTH: usize = 1_000;
/// Longest SQL query text, in characters.
pub const MAX_SQL_CHARS: usize = 100_000;
/// Most expressions, subqueries and set operations in one SQL query.
pub const MAX_SQL_NODES: usize = 5_000;
/// Deepest nesting of expressions and subqueries in one SQL query.
pub const MAX_SQL_DEPTH: usize = 200;
/// Widest result of `LPAD`, `RPAD` or `REPEAT` in SQL, in characters.
pub const MAX_SQL_PAD: i128 = 10_000;
/// Most formats a `parse_date` tries.
pub const MAX_DATE_FORMATS: usize = 50;
/// Most columns a `split` makes.
pub const MAX_SPLIT_COLUMNS: usize = 100;
/// Most characters a `replace` may put in for one match.
pub const MAX_REPLACEMENT_CHARS: usize = 1_000;
/// Largest compiled regular expression, in bytes (the `regex` crate's `size_limit`).
pub const MAX_REGEX_BYTES: usize = 1024 * 1024;
/// Deepest nesting of groups in a regular expression.
pub const MAX_REGEX_NEST: u32 = 64;

/// A column an op rewrites may grow to this many bytes of text at least.
pub const MIN_GROWN_COLUMN_BYTES: usize = 64 * 1024 * 1024;
/// ... and to this many times its size before, when that is more.
pub const COLUMN_GROWTH_FACTOR: usize = 4;

/// The most bytes of text a column of `before` bytes may hold after one op.
pub fn grown_column_budget(before: usize) -> usize {
    before
        .saturating_mul(COLUMN_GROWTH_FACTOR)
        .max(MIN_GROWN_COLUMN_BYTES)
}

/// The error when an op would grow column `column` past `budget` bytes.
pub fn grown_column_message(column: &str, budget: usize) -> String {
    format!(
        "this op would make column `{column}` hold more than {} MB of text (the limit: {}× its \
         size before, or {} MB); check its width, replacement or pattern",
        budget / (1024 * 1024),
        COLUMN_GROWTH_FACTOR,
        MIN_GROWN_COLUMN_BYTES / (1024 * 1024)
    )
}

/// Compile a regular expression from a file within [`MAX_REGEX_BYTES`] and
/// [`MAX_REGEX_NEST`]; the error says which limit was hit.
pub fn regex(pattern: &str) -> Result<regex::Regex, String> {
    regex::RegexBuilder::new(pattern)
        .size_limit(MAX_REGEX_BYTES)
        .dfa_size_limit(MAX_REGEX_BYTES)
        .nest_limit(MAX_REGEX_NEST)
        .build()
        .map_err(|e| match e {
            regex::Error::CompiledTooBig(_) => format!(
                "this regular expression is too large: it compiles to more than {} KB (the limit); \
                 use a shorter pattern, e.g. fewer or smaller repetitions like {{1000}}",
                MAX_REGEX_BYTES / 1024
            ),
            other => other.to_string(),
        })
}

/// Refuse a file larger than [`MAX_FILE_BYTES`], before it is parsed.
pub fn check_file_size(name: &str, text: &str) -> Result<(), Diagnostic> {
    if text.len() <= MAX_FILE_BYTES {
        return Ok(());
    }
    Err(Diagnostic::file_level(
        Severity::Error,
        name,
        format!(
            "the file is {} KB, more than huddle reads ({} KB): lessons and recipes are small \
             text files; put data in a CSV file and name it in [tables]",
            text.len() / 1024,
            MAX_FILE_BYTES / 1024
        ),
    ))
}

/// Refuse brackets nested deeper than [`MAX_DEPTH`], before parsing: a parser and
/// everything that walks its tree would otherwise recurse that deep.
pub fn check_nesting(src: &SourceText<'_>, text: &str) -> Result<(), Diagnostic> {
    let bytes = text.as_bytes();
    let mut depth = 0usize;
    // Dots of the dotted key being read (`a.b.c = 1` nests tables too).
    let mut dots = 0usize;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'#' => {
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
                continue;
            }
            q @ (b'"' | b'\'') => {
                i = skip_string(bytes, i, q);
                continue;
            }
            b'[' | b'{' => depth += 1,
            b']' | b'}' => depth = depth.saturating_sub(1),
            b'.' => {
                let digit =
                    |j: Option<usize>| j.and_then(|j| bytes.get(j)).is_some_and(u8::is_ascii_digit);
                // 1.5 and 12:00:00.5 are numbers, not keys.
                if !(digit(i.checked_sub(1)) && digit(Some(i + 1))) {
                    dots += 1;
                }
            }
            b'\n' | b',' | b'=' => dots = 0,
            _ => {}
        }
        if depth + dots > MAX_DEPTH {
            return Err(src.at(
                Severity::Error,
                i..i + 1,
                format!(
                    "lists, tables and dotted keys are nested more than {MAX_DEPTH} deep here (the limit): \
                     a lesson or recipe never needs that; close the brackets sooner or use shorter keys"
                ),
            ));
        }
        i += 1;
    }
    Ok(())
}

/// The index just past the string that opens at `start` with quote `q` (basic or
/// literal, single- or multi-line); the end of the text when it never closes.
fn skip_string(bytes: &[u8], start: usize, q: u8) -> usize {
    let triple = bytes.get(start..start + 3) == Some(&[q, q, q][..]);
    let mut i = start + if triple { 3 } else { 1 };
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'\\' && q == b'"' {
            i += 2;
            continue;
        }
        if b == q {
            if !triple {
                return i + 1;
            }
            if bytes.get(i..i + 3) == Some(&[q, q, q][..]) {
                // Up to two more quotes may belong to the string's content.
                let mut end = i + 3;
                while end < bytes.len() && bytes[end] == q && end < i + 5 {
                    end += 1;
                }
                return end;
            }
        }
        if b == b'\n' && !triple {
            return i;
        }
        i += 1;
    }
    bytes.len()
}

/// Every text longer than [`MAX_TEXT_CHARS`] and every list or table with more than
/// [`MAX_ITEMS`] entries in a parsed file, as errors at their place.
pub fn check_tree(src: &SourceText<'_>, root: &DeTable<'_>) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    check_table(src, root, None, &mut out);
    out
}

fn check_table(
    src: &SourceText<'_>,
    t: &DeTable<'_>,
    span: Option<std::ops::Range<usize>>,
    out: &mut Vec<Diagnostic>,
) {
    if t.len() > MAX_ITEMS {
        let at = span
            .filter(|s| !s.is_empty())
            .or_else(|| t.iter().next().map(|(k, _)| k.span()))
            .unwrap_or(0..0);
        out.push(src.at(Severity::Error, at, too_many(t.len())));
        return;
    }
    for (_, v) in t.iter() {
        check_value(src, v, out);
    }
}

fn check_value(src: &SourceText<'_>, v: &Spanned<DeValue<'_>>, out: &mut Vec<Diagnostic>) {
    match v.get_ref() {
        DeValue::String(s) => {
            let chars = s.chars().count();
            if chars > MAX_TEXT_CHARS {
                out.push(src.at(
                    Severity::Error,
                    v.span(),
                    format!(
                        "this text is {chars} characters long, more than huddle takes in one value \
                         ({MAX_TEXT_CHARS}); shorten it or split it over several steps"
                    ),
                ));
            }
        }
        DeValue::Array(a) => {
            if a.len() > MAX_ITEMS {
                out.push(src.at(Severity::Error, v.span(), too_many(a.len())));
                return;
            }
            for item in a.iter() {
                check_value(src, item, out);
            }
        }
        DeValue::Table(t) => check_table(src, t, Some(v.span()), out),
        _ => {}
    }
}

fn too_many(n: usize) -> String {
    format!(
        "this list has {n} entries, more than huddle takes in one list or table ({MAX_ITEMS}); \
         a lesson or recipe never needs that many: remove some, or put data in a CSV file"
    )
}

/// The message for a count over its limit: `what` names the things counted.
pub fn over(what: &str, n: usize, limit: usize, fix: &str) -> String {
    format!("{n} {what} is more than huddle takes ({limit}); {fix}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deep_brackets_are_refused_at_the_bracket_that_crosses_the_limit() {
        let text = format!("x = {}1{}\n", "[".repeat(40), "]".repeat(40));
        let src = SourceText::new("deep.toml", &text);
        let d = check_nesting(&src, &text).unwrap_err();
        assert_eq!((d.line, d.column), (1, 5 + MAX_DEPTH));
        assert!(
            d.message.contains("nested more than 32 deep"),
            "{}",
            d.message
        );
        let dotted = format!("{} = 1\n", vec!["a"; 40].join("."));
        let src = SourceText::new("dots.toml", &dotted);
        assert!(check_nesting(&src, &dotted).is_err());
        let header = format!("[{}]\n", vec!["a"; 40].join("."));
        let src = SourceText::new("dots.toml", &header);
        assert!(check_nesting(&src, &header).is_err());
    }

    #[test]
    fn brackets_in_strings_comments_and_headers_do_not_count() {
        let deep = "[".repeat(100);
        let text = format!(
            "# {deep}\n[[steps]]\ntext = \"{deep}\"\nsql = '{deep}'\nmore = \"\"\"\n{deep}\n\"\"\"\nlit = '''{deep}'''\nx = [[1], [2]]\nf = [{}]\nt = 12:00:00.5\na.b.c = 1\n",
            vec!["1.5"; 100].join(", ")
        );
        let src = SourceText::new("ok.toml", &text);
        assert!(check_nesting(&src, &text).is_ok());
    }

    #[test]
    fn long_texts_and_long_lists_are_refused_where_they_are() {
        let text = format!(
            "a = \"{}\"\nb = [{}]\n",
            "x".repeat(MAX_TEXT_CHARS + 1),
            "1,".repeat(MAX_ITEMS + 1)
        );
        let (root, errs) = DeTable::parse_recoverable(&text);
        assert!(errs.is_empty());
        let src = SourceText::new("big.toml", &text);
        let d = check_tree(&src, root.get_ref());
        assert_eq!(d.len(), 2, "{d:?}");
        assert_eq!((d[0].line, d[0].column), (1, 5));
        assert!(d[0].message.contains("100000"), "{}", d[0].message);
        assert_eq!((d[1].line, d[1].column), (2, 5));
        assert!(d[1].message.contains("10000"), "{}", d[1].message);
    }

    #[test]
    fn a_regex_that_compiles_too_big_is_refused_with_the_limit() {
        let e = regex(r"\w{1000}\w{1000}\w{1000}").unwrap_err();
        assert!(e.contains("too large") && e.contains("1024 KB"), "{e}");
        assert!(regex(r"^\d{5}$").is_ok());
        let nested = format!("{}a{}", "(".repeat(200), ")".repeat(200));
        assert!(regex(&nested).is_err());
    }
}
