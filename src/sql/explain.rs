//! Engine failures in plain words, pointing at the place in the query.
//!
//! The engine's own texts name its internals (`Schema error`, `Int64`, `Utf8`). A
//! learner gets instead what went wrong, where, and what to write.

use super::SqlError;
use super::functions::other_name;
use super::locate::{locate_word, locate_word_after};
use crate::diag::nearest;
use crate::i18n::{tr, trf};
use std::time::Duration;

/// Why a query did not give a result, before it is put in words.
#[derive(Debug)]
pub enum EngineFailure {
    /// The engine refused or failed: its message and, when known, line and column.
    Engine {
        /// The engine's text.
        raw: String,
        /// 1-based line and column in the query.
        at: Option<(usize, usize)>,
    },
    /// The time budget ran out.
    TimedOut(Duration),
    /// The result grew past the row budget.
    TooManyRows(usize),
    /// The result grew past the memory budget.
    TooMuchMemory(usize),
    /// Someone pressed Esc.
    Cancelled,
    /// The engine stopped unexpectedly (a bug in it, contained).
    Panicked,
    /// Anything else, for a developer.
    Other(String),
}

/// What [`explain`] knows of the query: its text and the columns of every table.
pub struct Context<'a> {
    /// The query as written.
    pub sql: &'a str,
    /// Every registered column, by table.
    pub columns: Vec<(&'a str, Vec<String>)>,
}

/// A failure in plain words.
pub fn explain(f: EngineFailure, cx: &Context) -> SqlError {
    match f {
        EngineFailure::Engine { raw, at } => engine_words(&raw, at, cx),
        EngineFailure::TimedOut(d) => SqlError::plain(trf(
            "the query ran for {s} seconds and was stopped: it may join tables without ON, or read many more rows than it needs (add WHERE, GROUP BY or LIMIT)",
            &[("s", &d.as_secs())],
        )),
        EngineFailure::TooManyRows(n) => SqlError::plain(trf(
            "the result would have more than {n} rows, so huddle stopped the query: add WHERE, GROUP BY or LIMIT, and check that each JOIN has its ON",
            &[("n", &n)],
        )),
        EngineFailure::TooMuchMemory(b) => SqlError::plain(trf(
            "the query needs more than {gb} GB of memory, so huddle stopped it: add WHERE or GROUP BY, and check that each JOIN has its ON",
            &[("gb", &(b >> 30))],
        )),
        EngineFailure::Cancelled => SqlError::plain(tr("the query was stopped")),
        EngineFailure::Panicked => SqlError::plain(tr(
            "this query made the SQL engine stop unexpectedly; try writing it another way",
        )),
        EngineFailure::Other(e) => {
            SqlError::plain(trf("the query failed: {e}", &[("e", &first_line(&e))]))
        }
    }
}

fn engine_words(raw: &str, at: Option<(usize, usize)>, cx: &Context) -> SqlError {
    let text = strip_prefixes(raw);
    let place = |fallback: Option<(usize, usize)>| at.or(fallback);
    let error = |message: String, pos: Option<(usize, usize)>| match pos {
        Some((l, c)) => SqlError::at(message, l, c),
        None => SqlError::plain(message),
    };
    if let Some(column) = between(&text, "column \"", "\" must appear in the GROUP BY") {
        let name = last_part(column);
        let clause = ["HAVING", "ORDER BY", "QUALIFY", "DISTINCT ON"]
            .into_iter()
            .find(|c| text.starts_with(&format!("Column in {c} ")))
            .unwrap_or("SELECT");
        return error(
            trf(
                "`{name}` is in {clause} but not in GROUP BY: with COUNT, SUM or AVG each row of the result is a group, so every other column must be grouped. Add GROUP BY {name}, or take {name} out",
                &[("name", &name), ("clause", &clause)],
            ),
            place(locate_word(cx.sql, name)),
        );
    }
    if text.contains("Aggregate functions are not allowed in the WHERE clause") {
        let pos = ["count", "sum", "avg", "min", "max"]
            .iter()
            .filter_map(|f| locate_word_after(cx.sql, "where", f))
            .min();
        return error(
            tr("WHERE picks rows before they are counted, so it cannot use COUNT, SUM or AVG: move this condition to HAVING, after GROUP BY").to_string(),
            place(pos),
        );
    }
    if let Some(rest) = text.strip_prefix("No field named ") {
        return unknown_column(rest, at, cx);
    }
    if let Some(name) = text.strip_prefix("Ambiguous reference to unqualified field ") {
        let name = name.trim().trim_matches('"');
        let tables: Vec<&str> = cx
            .columns
            .iter()
            .filter(|(_, cols)| cols.iter().any(|c| c == name))
            .map(|(t, _)| *t)
            .collect();
        let example = tables.first().copied().unwrap_or("members");
        return error(
            trf(
                "`{name}` is a column of more than one joined table ({tables}): say which one, like {example}.{name}",
                &[
                    ("name", &name),
                    ("tables", &tables.join(", ")),
                    ("example", &example),
                ],
            ),
            place(locate_word(cx.sql, name)),
        );
    }
    if let Some(name) = text.strip_prefix(super::semantics::TEXT_FUNCTION_ON_NUMBER) {
        let upper = name.to_uppercase();
        return error(
            trf(
                "{f} works on text, and here it is given a number or a date: write {f}(CAST(x AS VARCHAR)) if you mean its digits",
                &[("f", &upper)],
            ),
            place(locate_word(cx.sql, name)),
        );
    }
    if let Some(name) = between(&text, "Invalid function '", "'") {
        return unknown_function(name, &text, place(locate_word(cx.sql, name)));
    }
    if let Some(value) = between(&text, "Cannot cast string '", "'") {
        let kind = between(&text, "to value of ", " type").unwrap_or("");
        return error(
            trf(
                "the text '{value}' cannot be turned into {kind}: look at those values, or leave out the CAST; compare text with text in single quotes ('Essex') and numbers with numbers",
                &[("value", &value), ("kind", &type_words(kind))],
            ),
            place(None),
        );
    }
    if text.contains("Divide by zero") {
        return error(
            tr("a division by zero: divide by NULLIF(x, 0) to get an empty value instead")
                .to_string(),
            place(locate_word(cx.sql, "/")),
        );
    }
    if text.starts_with("Resources exhausted") {
        return error(
            tr("the query needs more memory than huddle allows: add WHERE or GROUP BY, and check that each JOIN has its ON").to_string(),
            None,
        );
    }
    if text.contains("Cannot infer common argument type for comparison")
        || text.contains("There isn't a common type to coerce")
        || text.contains("Cannot coerce arithmetic expression")
    {
        return error(
            tr("text is compared with or added to a number: put quotes around text ('Essex'), compare number columns with numbers, and join text with ||").to_string(),
            place(None),
        );
    }
    if text.contains("does not support logical expression")
        || text.starts_with("This feature is not implemented")
    {
        let what = text
            .trim_start_matches("This feature is not implemented: ")
            .to_string();
        return error(
            trf(
                "huddle does not support this yet ({what}); write it another way, for example with a JOIN or a WITH step instead of a subquery",
                &[("what", &first_line(&what))],
            ),
            place(None),
        );
    }
    error(
        trf("the query cannot run: {e}", &[("e", &first_line(&text))]),
        place(None),
    )
}

fn unknown_column(rest: &str, at: Option<(usize, usize)>, cx: &Context) -> SqlError {
    let name_part = rest
        .split(". Did you mean")
        .next()
        .unwrap_or(rest)
        .lines()
        .next()
        .unwrap_or("")
        .trim_end_matches('.');
    let qualified = name_part.trim_matches('"');
    let name = last_part(qualified).trim_matches('"');
    let double_quoted = cx.sql.contains(&format!("\"{name}\""));
    let pos = at.or_else(|| locate_word(cx.sql, name));
    let all: Vec<&str> = cx
        .columns
        .iter()
        .flat_map(|(_, cols)| cols.iter().map(String::as_str))
        .collect();
    let message = match nearest(name, all.iter().copied()) {
        Some(best) => trf(
            "there is no column `{missing}`; did you mean `{best}`?",
            &[("missing", &name), ("best", &best)],
        ),
        None if double_quoted => trf(
            "there is no column `{missing}`: \"double quotes\" name a column. For text, use single quotes: '{missing}'",
            &[("missing", &name)],
        ),
        None => {
            let mut listed: Vec<&str> = all.clone();
            listed.dedup();
            listed.truncate(30);
            trf(
                "there is no column `{missing}`; the tables have: {columns}",
                &[("missing", &name), ("columns", &listed.join(", "))],
            )
        }
    };
    match pos {
        Some((l, c)) => SqlError::at(message, l, c),
        None => SqlError::plain(message),
    }
}

fn unknown_function(name: &str, text: &str, pos: Option<(usize, usize)>) -> SqlError {
    let message = match other_name(name) {
        Some(o) if o.warehouses.is_empty() => trf(
            "there is no function `{name}` here; write {here} (the same in Postgres, BigQuery and Redshift)",
            &[("name", &name), ("here", &o.here)],
        ),
        Some(o) => trf(
            "there is no function `{name}` here; write {here} ({elsewhere})",
            &[
                ("name", &name),
                ("here", &o.here),
                ("elsewhere", &o.warehouses),
            ],
        ),
        None => match between(text, "Did you mean '", "'") {
            Some(best) => trf(
                "there is no function `{name}`; did you mean `{best}`?",
                &[("name", &name), ("best", &best)],
            ),
            None => trf("there is no function `{name}` here", &[("name", &name)]),
        },
    };
    match pos {
        Some((l, c)) => SqlError::at(message, l, c),
        None => SqlError::plain(message),
    }
}

/// The engine's text without its category prefixes, wrappers and backtraces.
fn strip_prefixes(raw: &str) -> String {
    let mut t = raw.trim();
    loop {
        let before = t;
        for p in [
            "Error during planning: ",
            "Schema error: ",
            "Arrow error: ",
            "Execution error: ",
            "External error: ",
            "Invalid argument error: ",
            "Cast error: ",
            "Compute error: ",
            "Optimizer rule 'scalar_subquery_to_join' failed\ncaused by\n",
            "Context(\"",
        ] {
            t = t.strip_prefix(p).unwrap_or(t).trim_start();
        }
        if let Some(i) = t.find("\ncaused by\n") {
            t = &t[i + "\ncaused by\n".len()..];
        }
        if t == before {
            break;
        }
    }
    t.to_string()
}

/// An engine's type name (`Int64`, `Date32`) in words: `whole numbers`, `dates`.
fn type_words(t: &str) -> &'static str {
    match t {
        t if t.starts_with("Int") || t.starts_with("UInt") => tr("whole numbers"),
        t if t.starts_with("Float") || t.starts_with("Decimal") => tr("numbers"),
        t if t.starts_with("Date") || t.starts_with("Timestamp") => tr("dates"),
        "Boolean" => tr("yes/no values"),
        _ => tr("text"),
    }
}

fn between<'a>(text: &'a str, start: &str, end: &str) -> Option<&'a str> {
    let from = text.find(start)? + start.len();
    let to = text[from..].find(end)? + from;
    Some(&text[from..to])
}

fn last_part(name: &str) -> &str {
    name.rsplit('.').next().unwrap_or(name).trim_matches('"')
}

fn first_line(s: &str) -> String {
    s.lines().next().unwrap_or("").trim().to_string()
}
