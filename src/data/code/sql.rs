//! Ops as DuckDB SQL: one `SELECT` per op over the whole table.

use super::{Piece, replacement_pieces};
use crate::data::recipe::{CaseTo, Keep, Op};

/// The `SELECT` doing `op` on `table`.
pub(super) fn op(op: &Op, table: &str) -> String {
    let t = ident(table);
    let replace = |column: &str, expr: String| {
        let c = ident(column);
        format!("SELECT * REPLACE ({expr} AS {c}) FROM {t}")
    };
    match op {
        Op::Trim { column } => replace(column, format!("TRIM({})", ident(column))),
        Op::CollapseSpaces { column } => replace(
            column,
            format!("TRIM(REGEXP_REPLACE({}, '\\s+', ' ', 'g'))", ident(column)),
        ),
        Op::Case { column, to } => {
            let c = ident(column);
            let expr = match to {
                CaseTo::Lower => format!("LOWER({c})"),
                CaseTo::Upper => format!("UPPER({c})"),
                // DuckDB has no INITCAP: capitalise each space-separated word.
                CaseTo::Title => format!(
                    "ARRAY_TO_STRING(LIST_TRANSFORM(STRING_SPLIT(LOWER({c}), ' '), w -> UPPER(w[1]) || w[2:]), ' ')"
                ),
            };
            replace(column, expr)
        }
        Op::Replace {
            column,
            find,
            with,
            regex,
        } => {
            let c = ident(column);
            let expr = if *regex {
                format!(
                    "REGEXP_REPLACE({c}, {}, {}, 'g')",
                    literal(find),
                    literal(&replacement(with))
                )
            } else {
                format!("REPLACE({c}, {}, {})", literal(find), literal(with))
            };
            replace(column, expr)
        }
        Op::Pad {
            column,
            width,
            with,
        } => {
            let c = ident(column);
            // LPAD alone would cut longer values (02906-1234) down to the width.
            replace(
                column,
                format!(
                    "CASE WHEN LENGTH({c}) < {width} THEN LPAD({c}, {width}, {}) ELSE {c} END",
                    literal(with)
                ),
            )
        }
        Op::DigitsOnly { column } => replace(
            column,
            format!("REGEXP_REPLACE({}, '[^0-9]', '', 'g')", ident(column)),
        ),
        Op::ParseDate { column, formats } => {
            let list: Vec<String> = formats.iter().map(|f| literal(f)).collect();
            replace(
                column,
                format!(
                    "CAST(TRY_STRPTIME({}, [{}]) AS DATE)",
                    ident(column),
                    list.join(", ")
                ),
            )
        }
        Op::Fill {
            column,
            value,
            down,
        } => {
            let c = ident(column);
            if *down {
                format!(
                    "SELECT * REPLACE (LAST_VALUE(CASE WHEN TRIM({c}) <> '' THEN {c} END IGNORE NULLS) OVER (ORDER BY rowid ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS {c}) FROM {t} ORDER BY rowid"
                )
            } else {
                let v = literal(value.as_deref().unwrap_or_default());
                replace(
                    column,
                    format!("CASE WHEN {c} IS NULL OR TRIM({c}) = '' THEN {v} ELSE {c} END"),
                )
            }
        }
        Op::DropNulls { column } => {
            format!("SELECT * FROM {t} WHERE TRIM({}) <> ''", ident(column))
        }
        Op::Dedupe {
            by,
            keep,
            keep_blanks,
            ..
        } => {
            let cols: Vec<String> = by.iter().map(|c| ident(c)).collect();
            let order = match keep {
                Keep::First => "rowid",
                Keep::Last => "rowid DESC",
            };
            let blanks = if *keep_blanks {
                let blank: Vec<String> = cols
                    .iter()
                    .map(|c| format!("COALESCE(TRIM({c}), '') = ''"))
                    .collect();
                format!("({}) OR ", blank.join(" AND "))
            } else {
                String::new()
            };
            format!(
                "SELECT * FROM {t} QUALIFY {blanks}ROW_NUMBER() OVER (PARTITION BY {} ORDER BY {order}) = 1 ORDER BY rowid",
                cols.join(", ")
            )
        }
        Op::MergeValues { column, map } => {
            if map.is_empty() {
                return format!("SELECT * FROM {t}");
            }
            let c = ident(column);
            let whens: Vec<String> = map
                .iter()
                .map(|(k, v)| format!("WHEN {} THEN {}", literal(k), literal(v)))
                .collect();
            replace(column, format!("CASE {c} {} ELSE {c} END", whens.join(" ")))
        }
        Op::Split { column, by, into } => {
            let c = ident(column);
            let sep = literal(by);
            let n = into.len();
            let parts: Vec<String> = into
                .iter()
                .enumerate()
                .map(|(i, name)| {
                    let part = if n == 1 {
                        c.clone()
                    } else if i + 1 < n {
                        format!("SPLIT_PART({c}, {sep}, {})", i + 1)
                    } else {
                        format!("ARRAY_TO_STRING(STRING_SPLIT({c}, {sep})[{n}:], {sep})")
                    };
                    format!("NULLIF(TRIM({part}), '') AS {}", ident(name))
                })
                .collect();
            format!("SELECT *, {} FROM {t}", parts.join(", "))
        }
        Op::Rename { column, to } => {
            // `* RENAME` is DuckDB's alone; this runs in DuckDB, DataFusion and
            // Snowflake (the renamed column moves to the end).
            format!(
                "SELECT * EXCLUDE ({c}), {c} AS {} FROM {t}",
                ident(to),
                c = ident(column)
            )
        }
        Op::DropColumn { column } => format!("SELECT * EXCLUDE ({}) FROM {t}", ident(column)),
        Op::Filter { condition, .. } => format!("SELECT * FROM {t} WHERE {condition}"),
    }
}

/// The op as a statement that replaces the table.
pub(super) fn statement(op: &Op, table: &str) -> String {
    format!(
        "CREATE OR REPLACE TABLE {} AS\n{};",
        ident(table),
        self::op(op, table)
    )
}

/// Read the export with every column as text.
pub(super) fn preamble(table: &str) -> String {
    format!(
        "-- A huddle recipe as SQL for DuckDB (https://duckdb.org): duckdb < this.sql\n\
         -- Every column is read as text, as huddle does, so ZIP codes keep their zeros.\n\
         CREATE OR REPLACE TABLE {} AS\nSELECT * FROM read_csv({}, all_varchar = true);\n",
        ident(table),
        literal(&format!("{table}.csv"))
    )
}

/// Write the cleaned table.
pub(super) fn closing(table: &str) -> String {
    format!(
        "COPY (SELECT * FROM {} ORDER BY rowid) TO {} (HEADER);\n",
        ident(table),
        literal(&format!("{table}_cleaned.csv"))
    )
}

/// A column or table name, in double quotes unless it is a plain lower-case word.
pub(super) fn ident(name: &str) -> String {
    const RESERVED: &[&str] = &[
        "all",
        "and",
        "any",
        "as",
        "asc",
        "between",
        "by",
        "case",
        "cast",
        "check",
        "column",
        "create",
        "date",
        "default",
        "desc",
        "distinct",
        "do",
        "else",
        "end",
        "except",
        "false",
        "for",
        "from",
        "group",
        "having",
        "in",
        "interval",
        "is",
        "join",
        "like",
        "limit",
        "not",
        "null",
        "offset",
        "on",
        "or",
        "order",
        "qualify",
        "select",
        "table",
        "then",
        "time",
        "timestamp",
        "to",
        "true",
        "union",
        "user",
        "using",
        "when",
        "where",
        "window",
        "with",
    ];
    let plain = name
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_lowercase() || c == '_')
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        && !RESERVED.contains(&name);
    if plain {
        name.to_string()
    } else {
        format!("\"{}\"", name.replace('"', "\"\""))
    }
}

/// A string literal: single quotes, doubled inside.
pub(super) fn literal(s: &str) -> String {
    format!("'{}'", s.replace('\'', "''"))
}

/// A replacement in RE2's syntax: `\1` for groups, `\\` for a backslash.
fn replacement(with: &str) -> String {
    replacement_pieces(with)
        .into_iter()
        .map(|p| match p {
            Piece::Text(t) => t.replace('\\', "\\\\"),
            Piece::Group(g) => format!("\\{g}"),
        })
        .collect()
}
