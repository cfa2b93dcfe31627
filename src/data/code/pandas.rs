//! Ops as Python pandas: one assignment per op on a data frame of text columns.

use super::condition::{Target, translate};
use super::{Piece, replacement_pieces};
use crate::data::recipe::{CaseTo, Keep, Op};

/// The pandas lines doing `op` on the data frame `v`.
pub(super) fn op(op: &Op, v: &str) -> String {
    let set = |column: &str, expr: String| {
        let c = string(column);
        format!("{v}[{c}] = {v}[{c}]{expr}")
    };
    match op {
        Op::Trim { column } => set(column, ".str.strip()".into()),
        Op::CollapseSpaces { column } => set(
            column,
            ".str.replace(r\"\\s+\", \" \", regex=True).str.strip()".into(),
        ),
        Op::Case { column, to } => set(
            column,
            match to {
                CaseTo::Lower => ".str.lower()",
                CaseTo::Upper => ".str.upper()",
                CaseTo::Title => ".str.title()",
            }
            .into(),
        ),
        Op::Replace {
            column,
            find,
            with,
            regex,
        } => {
            let (with, flag) = if *regex {
                (replacement(with), "True")
            } else {
                (with.clone(), "False")
            };
            set(
                column,
                format!(
                    ".str.replace({}, {}, regex={flag})",
                    string(find),
                    string(&with)
                ),
            )
        }
        Op::Pad {
            column,
            width,
            with,
        } => {
            if with == "0" {
                set(column, format!(".str.zfill({width})"))
            } else {
                set(column, format!(".str.rjust({width}, {})", string(with)))
            }
        }
        Op::DigitsOnly { column } => {
            set(column, ".str.replace(r\"[^0-9]\", \"\", regex=True)".into())
        }
        Op::ParseDate { column, formats } => {
            let c = string(column);
            let parse = |f: &str, strict: bool| {
                let errors = if strict { "" } else { ", errors=\"coerce\"" };
                format!("pd.to_datetime({v}[{c}], format={}{errors})", string(f))
            };
            match formats.as_slice() {
                [one] => format!("{v}[{c}] = {}", parse(one, true)),
                _ => {
                    let mut out = format!("{v}[{c}] = (\n");
                    for (i, f) in formats.iter().enumerate() {
                        if i == 0 {
                            out.push_str(&format!("    {}\n", parse(f, false)));
                        } else {
                            out.push_str(&format!("    .fillna({})\n", parse(f, false)));
                        }
                    }
                    out.push(')');
                    out
                }
            }
        }
        Op::Fill {
            column,
            value,
            down,
        } => {
            if *down {
                set(column, ".ffill()".into())
            } else {
                set(
                    column,
                    format!(".fillna({})", string(value.as_deref().unwrap_or_default())),
                )
            }
        }
        Op::DropNulls { column } => format!("{v} = {v}.dropna(subset=[{}])", string(column)),
        Op::Dedupe {
            by,
            keep,
            keep_blanks,
            ..
        } => {
            let keep = match keep {
                Keep::First => "first",
                Keep::Last => "last",
            };
            if *keep_blanks {
                format!(
                    "blank = {v}[[{cols}]].apply(lambda c: c.astype(\"string\").fillna(\"\").str.strip() == \"\").all(axis=1)\n{v} = {v}[blank | ~{v}.duplicated(subset=[{cols}], keep=\"{keep}\")]",
                    cols = list(by)
                )
            } else {
                format!(
                    "{v} = {v}.drop_duplicates(subset=[{}], keep=\"{keep}\")",
                    list(by)
                )
            }
        }
        Op::MergeValues { column, map } => {
            let pairs: Vec<String> = map
                .iter()
                .map(|(k, val)| format!("{}: {}", string(k), string(val)))
                .collect();
            let dict = if pairs.len() <= 2 {
                format!("{{{}}}", pairs.join(", "))
            } else {
                format!("{{\n    {},\n}}", pairs.join(",\n    "))
            };
            set(column, format!(".replace({dict})"))
        }
        Op::Split { column, by, into } => {
            let mut out = format!(
                "parts = {v}[{}].str.split({}, n={}, regex=False)",
                string(column),
                string(by),
                into.len().saturating_sub(1)
            );
            for (i, name) in into.iter().enumerate() {
                out.push_str(&format!(
                    "\n{v}[{}] = parts.str.get({i}).str.strip()",
                    string(name)
                ));
            }
            out
        }
        Op::Rename { column, to } => format!(
            "{v} = {v}.rename(columns={{{}: {}}})",
            string(column),
            string(to)
        ),
        Op::DropColumn { column } => format!("{v} = {v}.drop(columns=[{}])", string(column)),
        Op::Filter { condition, .. } => match translate(condition, Target::Pandas) {
            Some(expr) => format!("{v} = {v}.query({}, engine=\"python\")", string(&expr)),
            None => format!(
                "# keep the rows where (SQL): {}\n# translate this condition to pandas by hand, e.g. {v} = {v}[{v}[\"county\"] == \"Essex\"]",
                one_line(condition)
            ),
        },
    }
}

/// Imports and reading the export with every column as text.
pub(super) fn preamble(v: &str) -> String {
    format!(
        "import pandas as pd\n\n\
         # Every column is read as text, as huddle does, so ZIP codes keep their zeros;\n\
         # only empty cells are missing values.\n\
         {v} = pd.read_csv({}, dtype=str, keep_default_na=False, na_values=[\"\"])\n",
        string(&format!("{v}.csv"))
    )
}

/// Writing the cleaned data frame.
pub(super) fn closing(v: &str) -> String {
    format!(
        "{v}.to_csv({}, index=False)\n",
        string(&format!("{v}_cleaned.csv"))
    )
}

/// A Python string literal: raw when that keeps backslashes readable.
pub(super) fn string(s: &str) -> String {
    let raw_ok = s.contains('\\')
        && !s.contains('"')
        && !s.ends_with('\\')
        && !s.chars().any(char::is_control);
    if raw_ok {
        return format!("r\"{s}\"");
    }
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

fn list(items: &[String]) -> String {
    items
        .iter()
        .map(|s| string(s))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A replacement in Python's syntax: `\g<1>` for groups, `\\` for a backslash.
fn replacement(with: &str) -> String {
    replacement_pieces(with)
        .into_iter()
        .map(|p| match p {
            Piece::Text(t) => t.replace('\\', "\\\\"),
            Piece::Group(g) => format!("\\g<{g}>"),
        })
        .collect()
}

/// Text on one line, for a comment.
pub(super) fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}
