//! Cleaning ops as code a learner can take elsewhere: SQL (DuckDB), Python pandas
//! and R dplyr. The code does what the op does in huddle, written the way a person
//! would write it in that language.
//!
//! Conventions, shared by the three languages:
//! - the export is read with every column as text (as huddle reads it), so ZIP codes
//!   and IDs keep their leading zeros; [`recipe_code`] writes that reading line;
//! - SQL is written for DuckDB. Each op is one `SELECT` over the table using DuckDB's
//!   `* REPLACE (...)`, `* RENAME (...)` and `* EXCLUDE (...)`, so every other column
//!   passes through untouched; a recipe replaces the table op by op with
//!   `CREATE OR REPLACE TABLE t AS ...`. Ops that depend on row order (`dedupe`,
//!   `fill` down) use DuckDB's `rowid`. Many ops (trim, case upper/lower, replace,
//!   pad, merge_values, rename, drop_column, drop_nulls, fill with a value, filter)
//!   also run in huddle's own SQL;
//! - a `filter` condition is SQL; for pandas and dplyr it is translated when it uses
//!   only comparisons, AND/OR/NOT, IS [NOT] NULL and IN (...), and otherwise left as a
//!   comment to translate by hand.

mod condition;
mod dplyr;
mod pandas;
mod sql;

use crate::data::recipe::Op;
use crate::data::recipe_file::op_summary;

/// A language to write ops in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    /// SQL for DuckDB.
    Sql,
    /// Python with pandas.
    Pandas,
    /// R with dplyr, stringr and tidyr.
    Dplyr,
}

impl Lang {
    /// Every language, in menu order.
    pub const ALL: [Lang; 3] = [Lang::Sql, Lang::Pandas, Lang::Dplyr];

    /// The name shown to people.
    pub fn label(self) -> &'static str {
        match self {
            Lang::Sql => "SQL (DuckDB)",
            Lang::Pandas => "Python (pandas)",
            Lang::Dplyr => "R (dplyr)",
        }
    }

    /// The comment marker of the language.
    fn comment(self) -> &'static str {
        match self {
            Lang::Sql => "--",
            Lang::Pandas | Lang::Dplyr => "#",
        }
    }
}

/// One op as code working on `table` (a table name in SQL, a data frame variable in
/// pandas and dplyr; made into a valid name when it is not one).
pub fn op_code(op: &Op, lang: Lang, table: &str) -> String {
    match lang {
        Lang::Sql => sql::op(op, table),
        Lang::Pandas => pandas::op(op, &variable(table)),
        Lang::Dplyr => dplyr::op(op, &variable(table)),
    }
}

/// A whole recipe as a script: the imports, reading `TABLE.csv` with every column as
/// text, each op under a numbered comment, and writing `TABLE_cleaned.csv`.
pub fn recipe_code(ops: &[Op], lang: Lang, table: &str) -> String {
    let var = variable(table);
    let (mut out, end) = match lang {
        Lang::Sql => (sql::preamble(table), sql::closing(table)),
        Lang::Pandas => (pandas::preamble(&var), pandas::closing(&var)),
        Lang::Dplyr => (dplyr::preamble(&var), dplyr::closing(&var)),
    };
    for (i, op) in ops.iter().enumerate() {
        out.push_str(&format!(
            "\n{} {}. {}\n",
            lang.comment(),
            i + 1,
            op_summary(op)
        ));
        match lang {
            Lang::Sql => out.push_str(&sql::statement(op, table)),
            _ => out.push_str(&op_code(op, lang, table)),
        }
        out.push('\n');
    }
    out.push('\n');
    out.push_str(&end);
    out
}

/// `table` as a variable name valid in Python and R: letters, digits and `_`,
/// not starting with a digit; `df` when nothing is left.
fn variable(table: &str) -> String {
    let mut v: String = table
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect();
    if v.trim_matches('_').is_empty() {
        return "df".into();
    }
    if v.starts_with(|c: char| c.is_ascii_digit()) {
        v.insert(0, '_');
    }
    const RESERVED: &[&str] = &[
        "and", "as", "break", "class", "def", "del", "else", "for", "from", "function", "if",
        "import", "in", "is", "lambda", "next", "not", "or", "pass", "repeat", "return", "while",
        "with", "NA", "NULL", "TRUE", "FALSE", "True", "False", "None", "Inf", "NaN",
    ];
    if RESERVED.contains(&v.as_str()) {
        v.push('_');
    }
    v
}

/// A part of a regex replacement: literal text or a capture group reference.
#[derive(Debug, PartialEq)]
enum Piece {
    Text(String),
    Group(String),
}

/// Split a replacement written in huddle's (Rust regex) syntax, where `$1`,
/// `${1}` and `${name}` are groups and `$$` is a dollar sign.
fn replacement_pieces(with: &str) -> Vec<Piece> {
    let mut out: Vec<Piece> = Vec::new();
    let mut text = String::new();
    let mut rest = with;
    while let Some(pos) = rest.find('$') {
        text.push_str(&rest[..pos]);
        let after = &rest[pos + 1..];
        if let Some(tail) = after.strip_prefix('$') {
            text.push('$');
            rest = tail;
            continue;
        }
        let (name, tail) = if let Some(inner) = after.strip_prefix('{') {
            match inner.find('}') {
                Some(end) => (&inner[..end], &inner[end + 1..]),
                None => ("", after),
            }
        } else {
            let end = after
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                .unwrap_or(after.len());
            (&after[..end], &after[end..])
        };
        if name.is_empty() {
            text.push('$');
            rest = after;
            continue;
        }
        if !text.is_empty() {
            out.push(Piece::Text(std::mem::take(&mut text)));
        }
        out.push(Piece::Group(name.to_string()));
        rest = tail;
    }
    text.push_str(rest);
    if !text.is_empty() {
        out.push(Piece::Text(text));
    }
    out
}

#[cfg(test)]
mod tests;
