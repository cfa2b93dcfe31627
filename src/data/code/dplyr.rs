//! Ops as R: dplyr verbs with stringr and tidyr, on a tibble of text columns.

use super::condition::{Target, translate};
use super::pandas::one_line;
use super::{Piece, replacement_pieces};
use crate::data::recipe::{CaseTo, Keep, Op};

/// The R lines doing `op` on the data frame `v`.
pub(super) fn op(op: &Op, v: &str) -> String {
    let pipe = |verb: String| format!("{v} <- {v} |> {verb}");
    let mutate = |column: &str, expr: String| pipe(format!("mutate({} = {expr})", name(column)));
    match op {
        Op::Trim { column } => mutate(column, format!("str_trim({})", name(column))),
        Op::CollapseSpaces { column } => mutate(column, format!("str_squish({})", name(column))),
        Op::Case { column, to } => {
            let f = match to {
                CaseTo::Lower => "str_to_lower",
                CaseTo::Upper => "str_to_upper",
                CaseTo::Title => "str_to_title",
            };
            mutate(column, format!("{f}({})", name(column)))
        }
        Op::Replace {
            column,
            find,
            with,
            regex,
        } => {
            let expr = if *regex {
                format!(
                    "str_replace_all({}, {}, {})",
                    name(column),
                    string(find),
                    string(&replacement(with))
                )
            } else {
                // stringr reads `\` in a replacement as an escape, even with fixed().
                format!(
                    "str_replace_all({}, fixed({}), {})",
                    name(column),
                    string(find),
                    string(&with.replace('\\', "\\\\"))
                )
            };
            mutate(column, expr)
        }
        Op::Pad {
            column,
            width,
            with,
        } => mutate(
            column,
            format!("str_pad({}, {width}, pad = {})", name(column), string(with)),
        ),
        Op::DigitsOnly { column } => mutate(
            column,
            format!("str_remove_all({}, \"[^0-9]\")", name(column)),
        ),
        Op::ParseDate { column, formats } => {
            let parses: Vec<String> = formats
                .iter()
                .map(|f| format!("as.Date({}, format = {})", name(column), string(f)))
                .collect();
            let expr = match parses.as_slice() {
                [one] => one.clone(),
                _ => format!("coalesce({})", parses.join(", ")),
            };
            mutate(column, expr)
        }
        Op::Fill {
            column,
            value,
            down,
        } => {
            if *down {
                pipe(format!("fill({}, .direction = \"down\")", name(column)))
            } else {
                mutate(
                    column,
                    format!(
                        "coalesce({}, {})",
                        name(column),
                        string(value.as_deref().unwrap_or_default())
                    ),
                )
            }
        }
        Op::DropNulls { column } => pipe(format!("drop_na({})", name(column))),
        Op::Dedupe {
            by,
            keep,
            keep_blanks,
            ..
        } => {
            let cols = names(by);
            let last = if matches!(keep, Keep::Last) {
                ", fromLast = TRUE"
            } else {
                ""
            };
            match (keep, keep_blanks) {
                (_, true) => pipe(format!(
                    "filter(if_all(c({cols}), \\(x) is.na(x) | trimws(x) == \"\") | !duplicated(pick({cols}){last}))"
                )),
                (Keep::First, false) => pipe(format!("distinct({cols}, .keep_all = TRUE)")),
                (Keep::Last, false) => pipe(format!("filter(!duplicated(pick({cols}){last}))")),
            }
        }
        Op::MergeValues { column, map } => {
            if map.is_empty() {
                return format!("# nothing to merge in {}", name(column));
            }
            let cases: Vec<String> = map
                .iter()
                .map(|(k, val)| format!("{} ~ {}", string(k), string(val)))
                .collect();
            let c = name(column);
            if cases.len() <= 2 {
                mutate(
                    column,
                    format!("case_match({c}, {}, .default = {c})", cases.join(", ")),
                )
            } else {
                mutate(
                    column,
                    format!(
                        "case_match(\n    {c},\n    {},\n    .default = {c}\n  )",
                        cases.join(",\n    ")
                    ),
                )
            }
        }
        Op::Split { column, by, into } => {
            let new: Vec<String> = into.iter().map(|n| string(n)).collect();
            format!(
                "{v} <- {v} |>\n  separate_wider_delim({}, delim = {}, names = c({}),\n    too_few = \"align_start\", too_many = \"merge\", cols_remove = FALSE) |>\n  mutate(across(c({}), str_trim))",
                name(column),
                string(by),
                new.join(", "),
                names(into)
            )
        }
        Op::Rename { column, to } => pipe(format!("rename({} = {})", name(to), name(column))),
        Op::DropColumn { column } => pipe(format!("select(-{})", name(column))),
        Op::Filter { condition, .. } => match translate(condition, Target::Dplyr) {
            Some(expr) => pipe(format!("filter({expr})")),
            None => format!(
                "# keep the rows where (SQL): {}\n# translate this condition to R by hand, e.g. {v} <- {v} |> filter(county == \"Essex\")",
                one_line(condition)
            ),
        },
    }
}

/// Library lines and reading the export with every column as text.
pub(super) fn preamble(v: &str) -> String {
    format!(
        "library(dplyr)\nlibrary(readr)\nlibrary(stringr)\nlibrary(tidyr)\n\n\
         # Every column is read as text, as huddle does, so ZIP codes keep their zeros.\n\
         {v} <- read_csv({}, col_types = cols(.default = col_character()), na = \"\")\n",
        string(&format!("{v}.csv"))
    )
}

/// Writing the cleaned data frame.
pub(super) fn closing(v: &str) -> String {
    format!(
        "write_csv({v}, {}, na = \"\")\n",
        string(&format!("{v}_cleaned.csv"))
    )
}

/// A column name: bare when R allows it, in backticks otherwise.
pub(super) fn name(column: &str) -> String {
    const RESERVED: &[&str] = &[
        "if", "else", "repeat", "while", "function", "for", "next", "break", "in", "TRUE", "FALSE",
        "NULL", "Inf", "NaN", "NA",
    ];
    let mut chars = column.chars();
    let syntactic = match chars.next() {
        Some(c) if c.is_ascii_alphabetic() => true,
        Some('.') => !column.chars().nth(1).is_some_and(|c| c.is_ascii_digit()),
        _ => false,
    } && column
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '_')
        && !RESERVED.contains(&column);
    if syntactic {
        column.to_string()
    } else {
        format!("`{}`", column.replace('\\', "\\\\").replace('`', "\\`"))
    }
}

fn names(columns: &[String]) -> String {
    columns
        .iter()
        .map(|c| name(c))
        .collect::<Vec<_>>()
        .join(", ")
}

/// An R string literal in double quotes.
pub(super) fn string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A replacement in stringr's syntax: `\1` for groups, `\\` for a backslash.
fn replacement(with: &str) -> String {
    replacement_pieces(with)
        .into_iter()
        .map(|p| match p {
            Piece::Text(t) => t.replace('\\', "\\\\"),
            Piece::Group(g) => format!("\\{g}"),
        })
        .collect()
}
