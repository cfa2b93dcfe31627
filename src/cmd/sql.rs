//! `huddle sql [--table NAME=FILE]... "SELECT …"`: one query over files, through the
//! same import, guard and engine as the player, printed as a table, CSV or JSON.
//!
//! For a learner after the course (their own exports, the warehouse's SQL), and for
//! tests. Files are only read.

use super::{EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE};
use crate::data::import::{ReadOptions, apply_types};
use crate::data::load_progress::LoadProgress;
use crate::data::mask::Masker;
use crate::sql::{Catalog, SqlError};
use crate::text::{display_width, sanitize_line, truncate};
use clap::ValueEnum;
use polars::prelude::*;
use std::io::Write;

/// How `huddle sql` prints its result.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum SqlFormat {
    /// An aligned table, for people.
    #[default]
    Text,
    /// CSV with a header row.
    Csv,
    /// A JSON array of objects, one per row.
    Json,
}

/// One `--table NAME=FILE`.
#[derive(Debug, Clone)]
pub struct TableArg {
    /// The table's name in the query.
    pub name: String,
    /// The file (`FILE#SHEET` picks a sheet).
    pub file: String,
}

/// Parse `NAME=FILE`.
pub fn parse_table_arg(s: &str) -> Result<TableArg, String> {
    let Some((name, file)) = s.split_once('=') else {
        return Err(format!("`{s}`: write NAME=FILE, like members=export.csv"));
    };
    let name = name.trim();
    let ok = !name.is_empty()
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        && !name.starts_with(|c: char| c.is_ascii_digit());
    if !ok {
        return Err(format!(
            "`{name}` cannot be a table name: use letters, digits and _ (like members or sign_ups)"
        ));
    }
    if file.is_empty() {
        return Err(format!("`{s}`: the file after = is missing"));
    }
    Ok(TableArg {
        name: name.to_lowercase(),
        file: file.to_string(),
    })
}

/// Rows printed in the text format before "… N more rows".
const TEXT_ROWS: usize = 200;

/// Run `huddle sql`; returns the exit code.
pub fn run(
    tables: &[TableArg],
    query: &str,
    format: SqlFormat,
    read: &ReadOptions,
    mask: bool,
) -> i32 {
    if tables.is_empty() {
        eprintln!(
            "error: name at least one table: huddle sql --table members=export.csv \"SELECT …\""
        );
        return EXIT_USAGE;
    }
    let (catalog, narrowed) = match load(tables, query, read, mask) {
        Ok(loaded) => loaded,
        Err(code) => return code,
    };
    let masker = mask.then(|| {
        let mut m = Masker::new();
        m.learn_catalog(&catalog);
        m
    });
    let df = match catalog.query(query) {
        Ok(df) => df,
        Err(e) => {
            let e = with_every_column(&catalog, &narrowed, query).unwrap_or(e);
            let shown = match &masker {
                Some(m) => SqlError {
                    message: m.scrub(&e.message),
                    ..e.clone()
                },
                None => e.clone(),
            };
            eprint!("{}", pointed(query, &shown));
            return EXIT_PROBLEMS;
        }
    };
    let cells = cells(&df, masker.as_ref(), query);
    let names: Vec<String> = df
        .get_column_names()
        .iter()
        .map(|n| n.to_string())
        .collect();
    let out = match format {
        SqlFormat::Text => text_table(&names, &cells),
        SqlFormat::Csv => csv_text(&names, &cells),
        SqlFormat::Json => json_text(&names, &cells, &df),
    };
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(out.as_bytes()) {
        Ok(()) => EXIT_OK,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => EXIT_OK,
        Err(e) => {
            eprintln!("error: {e}");
            EXIT_PROBLEMS
        }
    }
}

/// Tables read for the columns the query names: each one's name and every column name.
type Narrowed = Vec<(String, Vec<String>)>;

/// Read and type the tables; a file's columns the query does not name are left
/// unread (all are read under `mask`, so the masker learns from every column).
/// `Err` is the exit code, the error printed.
fn load(
    tables: &[TableArg],
    query: &str,
    read: &ReadOptions,
    mask: bool,
) -> Result<(Catalog, Narrowed), i32> {
    let mut catalog = Catalog::new();
    // Tables read for the columns the query names: each one's every column name.
    let mut narrowed: Narrowed = Vec::new();
    let words = if mask {
        None
    } else {
        crate::sql::named::words_naming_columns(query)
    };
    for t in tables {
        let (path, sheet) = crate::data::sheets::parse_file_sheet(&t.file);
        let raw = match (&words, &sheet) {
            (Some(words), None) => read_named(&path, words, read),
            _ => Ok(None),
        };
        let raw = raw.and_then(|named| match named {
            Some(columns) => {
                narrowed.push((t.name.clone(), columns.names));
                Ok(columns.raw)
            }
            None => crate::source::read_raw(
                &path,
                sheet.as_deref(),
                read,
                &LoadProgress::new(),
                crate::source::pgpass::Ask::when_interactive(),
            ),
        });
        let typed = raw.and_then(|raw| {
            if !raw.report.quarantined.is_empty() {
                eprintln!(
                    "{}: {} row(s) could not be read and were left out (see `huddle inspect {}`)",
                    path.display(),
                    raw.report.quarantined.len(),
                    path.display()
                );
            }
            apply_types(raw, &[]).map_err(|e| e.to_string())
        });
        match typed {
            Ok(df) => catalog.insert(t.name.clone(), df),
            Err(e) => {
                let e = if mask {
                    super::masked_error(&e, &[t.name.as_str()], &path)
                } else {
                    e
                };
                eprintln!("{}: error: {e}", crate::source::shown(&path));
                return Err(EXIT_PROBLEMS);
            }
        }
    }
    Ok((catalog, narrowed))
}

/// Only the columns of the file at `path` that the query's `words` name, read piece
/// by piece; `None` when the file is read whole instead (not UTF-8 text, a database).
fn read_named(
    path: &std::path::Path,
    words: &[String],
    read: &ReadOptions,
) -> Result<Option<crate::data::piecewise_columns::ColumnsRead>, String> {
    if crate::source::parse_path(path).is_some() {
        return Ok(None);
    }
    let choose = |names: &[String]| crate::sql::named::named_columns(words, names);
    crate::data::piecewise_columns::read_file_columns(
        path,
        &choose,
        read,
        &LoadProgress::new(),
        crate::data::piecewise::PIECE,
    )
    .map_err(|e| e.to_string())
}

/// A query that failed on tables read for the columns it names, run again on the
/// tables with every column and no rows: the error a whole read gives (a column
/// the query names that is not there, with the names close to it). `None` when
/// no table was narrowed, or the query then runs (its error was in the rows).
fn with_every_column(
    catalog: &Catalog,
    narrowed: &[(String, Vec<String>)],
    query: &str,
) -> Option<SqlError> {
    if narrowed.is_empty() {
        return None;
    }
    let mut empty = Catalog::new();
    for name in catalog.names() {
        let df = catalog.get(name)?.slice(0, 0);
        let every = narrowed.iter().find(|(n, _)| n == name).map(|(_, c)| c);
        let df = match every {
            None => df,
            Some(columns) => {
                let columns: Vec<Column> = columns
                    .iter()
                    .map(|c| match df.column(c) {
                        Ok(col) => col.clone(),
                        Err(_) => Column::new_empty(c.as_str().into(), &DataType::String),
                    })
                    .collect();
                DataFrame::new(0, columns).ok()?
            }
        };
        empty.insert(name, df);
    }
    empty.query(query).err()
}

/// `query:LINE:COL: error: …`, then the line and a caret under the place.
pub fn pointed(query: &str, e: &SqlError) -> String {
    match (e.line, e.column) {
        (Some(l), Some(c)) => {
            let line = query.lines().nth(l.saturating_sub(1)).unwrap_or("");
            let shown = sanitize_line(line);
            let pad: usize = shown
                .chars()
                .take(c.saturating_sub(1))
                .map(|ch| display_width(&ch.to_string()))
                .sum();
            format!(
                "query:{l}:{c}: error: {}\n  {shown}\n  {}^\n",
                e.message,
                " ".repeat(pad)
            )
        }
        _ => format!("query: error: {}\n", e.message),
    }
}

/// Every cell as text (`None` for a blank), masked when asked.
fn cells(df: &DataFrame, masker: Option<&Masker>, query: &str) -> Vec<Vec<Option<String>>> {
    let plan = masker.map(|m| m.plan_query(df, Some(query)));
    let mut rows = vec![Vec::with_capacity(df.width()); df.height()];
    for (ci, col) in df.columns().iter().enumerate() {
        let kind = plan.as_ref().and_then(|p| p.get(ci).copied().flatten());
        for (ri, row) in rows.iter_mut().enumerate() {
            let v = col.get(ri).ok();
            let text = match v {
                None | Some(AnyValue::Null) => None,
                Some(AnyValue::String(s)) => Some(s.to_string()),
                Some(AnyValue::StringOwned(s)) => Some(s.to_string()),
                Some(other) => Some(other.to_string()),
            };
            let text = match (masker, text) {
                (Some(m), Some(t)) => Some(m.cell(kind, &t).into_owned()),
                (_, t) => t,
            };
            row.push(text);
        }
    }
    rows
}

fn text_table(names: &[String], rows: &[Vec<Option<String>>]) -> String {
    let shown = rows.len().min(TEXT_ROWS);
    let cell = |c: &Option<String>| truncate(&sanitize_line(c.as_deref().unwrap_or("")), 40);
    let mut widths: Vec<usize> = names.iter().map(|n| display_width(n)).collect();
    for row in &rows[..shown] {
        for (w, c) in widths.iter_mut().zip(row) {
            *w = (*w).max(display_width(&cell(c)));
        }
    }
    let line = |values: Vec<String>| {
        let parts: Vec<String> = values
            .iter()
            .zip(&widths)
            .map(|(v, w)| format!("{v}{}", " ".repeat(w.saturating_sub(display_width(v)))))
            .collect();
        format!("{}\n", parts.join("  ").trim_end())
    };
    let mut out = line(names.iter().map(|n| sanitize_line(n)).collect());
    out.push_str(&line(widths.iter().map(|w| "-".repeat(*w)).collect()));
    for row in &rows[..shown] {
        out.push_str(&line(row.iter().map(cell).collect()));
    }
    if rows.len() > shown {
        out.push_str(&format!(
            "… {} more rows (use --format csv for all)\n",
            rows.len() - shown
        ));
    }
    out.push_str(&format!(
        "({} row{})\n",
        rows.len(),
        if rows.len() == 1 { "" } else { "s" }
    ));
    out
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) || s.starts_with(' ') || s.ends_with(' ') {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

fn csv_text(names: &[String], rows: &[Vec<Option<String>>]) -> String {
    let mut out = names
        .iter()
        .map(|n| csv_field(n))
        .collect::<Vec<_>>()
        .join(",");
    out.push('\n');
    for row in rows {
        let fields: Vec<String> = row
            .iter()
            .map(|c| csv_field(c.as_deref().unwrap_or("")))
            .collect();
        out.push_str(&fields.join(","));
        out.push('\n');
    }
    out
}

fn json_text(names: &[String], rows: &[Vec<Option<String>>], df: &DataFrame) -> String {
    let numeric: Vec<bool> = df
        .columns()
        .iter()
        .map(|c| c.dtype().is_primitive_numeric())
        .collect();
    let boolean: Vec<bool> = df
        .columns()
        .iter()
        .map(|c| c.dtype() == &DataType::Boolean)
        .collect();
    let list: Vec<serde_json::Value> = rows
        .iter()
        .map(|row| {
            let mut obj = serde_json::Map::new();
            for (i, (name, c)) in names.iter().zip(row).enumerate() {
                let v = match c {
                    None => serde_json::Value::Null,
                    Some(t) if numeric[i] => t
                        .parse::<serde_json::Number>()
                        .map(serde_json::Value::Number)
                        .unwrap_or_else(|_| serde_json::Value::String(t.clone())),
                    Some(t) if boolean[i] => serde_json::Value::Bool(t == "true"),
                    Some(t) => serde_json::Value::String(t.clone()),
                };
                obj.insert(name.clone(), v);
            }
            serde_json::Value::Object(obj)
        })
        .collect();
    let mut s = serde_json::to_string_pretty(&list).unwrap_or_else(|_| "[]".into());
    s.push('\n');
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tables() -> Vec<TableArg> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-data");
        ["members", "counties", "attendance", "events"]
            .iter()
            .map(|t| TableArg {
                name: t.to_string(),
                file: root.join(format!("{t}.csv")).display().to_string(),
            })
            .collect()
    }

    /// The query on tables read for the columns it names, and on tables read whole.
    fn both(query: &str) -> (Result<DataFrame, SqlError>, Result<DataFrame, SqlError>) {
        let read = ReadOptions::default();
        let (narrow, narrowed) = load(&tables(), query, &read, false).unwrap();
        // Read whole, as under --mask.
        let (whole, none) = load(&tables(), query, &read, true).unwrap();
        assert!(none.is_empty());
        let narrow_result = narrow
            .query(query)
            .map_err(|e| with_every_column(&narrow, &narrowed, query).unwrap_or(e));
        (narrow_result, whole.query(query))
    }

    #[test]
    fn a_query_on_the_columns_it_names_answers_as_on_every_column() {
        for query in [
            "SELECT county, count(*) AS n FROM members GROUP BY county ORDER BY n DESC, county",
            "SELECT count(*) FROM members",
            "SELECT COUNTY, Zip FROM members WHERE \"first_name\" = 'CARLOS' ORDER BY zip",
            "SELECT m.county, c.population FROM members m JOIN counties c ON m.county = c.county ORDER BY 1, 2 LIMIT 5",
            "SELECT e.name, count(*) FROM attendance a JOIN events e USING (event_id) GROUP BY 1 ORDER BY 1",
            "SELECT * FROM counties ORDER BY county",
            "SELECT count(*) FROM (SELECT * FROM members) s",
            "SELECT county FROM members WHERE member_id IN (SELECT member_id FROM attendance) ORDER BY 1 LIMIT 3",
            "SELECT population * 2 AS twice FROM counties ORDER BY 1",
        ] {
            let (narrow, whole) = both(query);
            let (narrow, whole) = (narrow.unwrap(), whole.unwrap());
            assert!(narrow.equals_missing(&whole), "{query}\n{narrow}\n{whole}");
        }
    }

    #[test]
    fn a_mistake_is_explained_as_on_every_column() {
        for query in [
            "SELECT countyy FROM members",
            "SELECT joined_on, county FROM members",
            "SELECT county, count(*) FROM members",
            "SELECT m.county FROM members m JOIN counties c ON m.county = c.name",
        ] {
            let (narrow, whole) = both(query);
            let (narrow, whole) = (narrow.unwrap_err(), whole.unwrap_err());
            assert_eq!(narrow.message, whole.message, "{query}");
            assert_eq!((narrow.line, narrow.column), (whole.line, whole.column));
        }
    }
}
