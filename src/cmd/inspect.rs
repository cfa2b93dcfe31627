//! `huddle inspect FILE`: what is in an export and what is wrong with it, before a
//! lesson or a recipe touches it. The file is only read.

use super::{EXIT_OK, EXIT_PROBLEMS};
use crate::cli::Format;
use crate::data::import::{ImportError, ReadOptions, apply_types, read_raw_opts};
use crate::data::load_progress::LoadProgress;
use crate::data::piecewise::PIECE;
use crate::data::problems::{self, Problem};
use crate::data::profile::profile;
use crate::data::survey::{BUDGET, survey_with};
use crate::text::{display_width, sanitize_line, truncate};
use serde::Serialize;
use std::io::IsTerminal;
use std::path::Path;

mod counted;

/// One column of the report.
#[derive(Debug, Serialize)]
pub struct ColumnInfo {
    /// Name (after blank or repeated names were made unique).
    pub name: String,
    /// Inferred type: text, integer, number, date, datetime, boolean.
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// Blank cells.
    pub nulls: usize,
    /// Distinct values.
    pub distinct: usize,
    /// The most common values, up to three.
    pub examples: Vec<String>,
}

/// `huddle inspect --format json` (shape documented in docs/cli-json.md).
#[derive(Debug, Serialize)]
pub struct Inspection {
    /// The file as given.
    pub file: String,
    /// Text encoding, or the binary format (`xlsx`, `xls`, `parquet`).
    pub encoding: crate::data::decode::TextEncoding,
    /// Delimiter character; `null` for workbooks and Parquet.
    pub delimiter: Option<char>,
    /// The sheet read, for a workbook.
    pub sheet: Option<String>,
    /// All the workbook's sheets (empty for other files).
    pub sheets: Vec<String>,
    /// The workbook's hidden and very hidden sheets (never read unless named).
    pub hidden_sheets: Vec<String>,
    /// Data rows.
    pub rows: usize,
    /// Columns.
    pub columns: usize,
    /// Per column.
    pub column_info: Vec<ColumnInfo>,
    /// Problems found.
    pub problems: Vec<Problem>,
    /// 1-based line (row of a sheet) of the header; `null` when the file has none.
    pub header_line: Option<u32>,
    /// Rows that could not be read and were left out: line, fields, expected, text.
    pub quarantined: Vec<crate::data::quarantine::BadRow>,
}

/// Inspect `file` (`FILE#SHEET` picks a workbook's sheet); `Err` is a message
/// saying why it cannot be read.
pub fn inspect(file: &Path) -> Result<Inspection, String> {
    inspect_with(file, &ReadOptions::default())
}

/// [`inspect`] with `--strict` / `--header-row`.
pub fn inspect_with(file: &Path, opts: &ReadOptions) -> Result<Inspection, String> {
    inspect_opts(file, opts, false)
}

/// [`inspect_with`], masked as `--mask` shows it when `mask`.
pub fn inspect_opts(file: &Path, opts: &ReadOptions, mask: bool) -> Result<Inspection, String> {
    if let Some(source) = crate::source::parse_path(file) {
        let mut src = source?.open(crate::source::pgpass::Ask::when_interactive());
        let raw = src
            .read(None, None, &LoadProgress::new())
            .map_err(|e| format!("{}: {e}", src.label()))?;
        return describe(src.label(), raw, (Vec::new(), Vec::new()), mask);
    }
    let (path, sheet) = match file.to_str() {
        Some(arg) => crate::data::sheets::parse_file_sheet(arg),
        None => (file.to_path_buf(), None),
    };
    if !mask
        && sheet.is_none()
        && let Some(ins) = inspect_surveyed(file, &path, opts, PIECE)?
    {
        return Ok(ins);
    }
    inspect_whole(file, &path, sheet, opts, mask)
}

/// Delimited text surveyed in one pass, read in pieces of `piece` bytes, with no
/// table built (the masked report needs the table its masking plans are made
/// from); `None` for a workbook or Parquet.
fn inspect_surveyed(
    file: &Path,
    path: &Path,
    opts: &ReadOptions,
    piece: usize,
) -> Result<Option<Inspection>, String> {
    let progress = LoadProgress::new();
    let bar = super::spinner::Progress::follow(&file.display().to_string(), &progress);
    let surveyed = survey_with(path, opts, &progress, piece, BUDGET).map_err(|e| e.to_string())?;
    drop(bar);
    Ok(surveyed.map(|survey| {
        let _checking = super::spinner::Spinner::start(crate::i18n::tr("checking the columns"));
        counted::describe(file.display().to_string(), survey)
    }))
}

/// The file read whole into a table, then inspected.
fn inspect_whole(
    file: &Path,
    path: &Path,
    sheet: Option<String>,
    opts: &ReadOptions,
    mask: bool,
) -> Result<Inspection, String> {
    let bytes = std::fs::read(path).map_err(|e| ImportError::Io(e.to_string()).to_string())?;
    let progress = LoadProgress::new();
    let bar = super::spinner::Progress::follow(&file.display().to_string(), &progress);
    let raw =
        read_raw_opts(&bytes, sheet.as_deref(), opts, &progress).map_err(|e| e.to_string())?;
    drop(bar);
    let _checking = super::spinner::Spinner::start(crate::i18n::tr("checking the columns"));
    let (sheets, hidden_sheets) = if raw.report.sheet.is_some() {
        (
            crate::data::sheets::sheet_names(&bytes).unwrap_or_default(),
            crate::data::sheets::hidden_sheet_names(&bytes).unwrap_or_default(),
        )
    } else {
        (Vec::new(), Vec::new())
    };
    describe(
        file.display().to_string(),
        raw,
        (sheets, hidden_sheets),
        mask,
    )
}

/// The problems that say which header cells were renamed, and why.
fn renamed_problems(renamed: &[crate::data::import::RenamedHeader]) -> Vec<Problem> {
    renamed
        .iter()
        .map(|r| Problem {
            kind: "renamed_header",
            column: Some(r.name.clone()),
            rows: 0,
            message: format!(
                "header {} {} is used as `{}`",
                r.position,
                if r.original.trim().is_empty() {
                    "is blank, so it".to_string()
                } else {
                    format!(
                        "\"{}\" is repeated or padded with spaces, so it",
                        r.original
                    )
                },
                r.name
            ),
            examples: Vec::new(),
        })
        .collect()
}

/// The inspection of a table read from `file` (a path or a database's label).
fn describe(
    file: String,
    raw: crate::data::import::RawTable,
    (sheets, hidden_sheets): (Vec<String>, Vec<String>),
    mask: bool,
) -> Result<Inspection, String> {
    let report = raw.report.clone();
    let mut found = renamed_problems(&report.renamed);
    found.extend(report.notes.iter().cloned());
    found.extend(problems::find(&raw.df));
    found.extend(crate::data::value_shapes::find(&raw.df));
    let typed = apply_types(raw, &[]).map_err(|e| e.to_string())?;
    use rayon::prelude::*;
    let names: Vec<String> = typed
        .get_column_names()
        .iter()
        .map(|n| n.to_string())
        .collect();
    let profiles: Vec<_> = names
        .par_iter()
        .filter_map(|n| profile(&typed, n, 3))
        .map(|p| {
            let iso = (p.kind == "text")
                .then(|| iso_dates(typed.column(&p.name).ok()?.str().ok()?))
                .flatten();
            (p, iso)
        })
        .collect();
    let column_info = profiles
        .into_iter()
        .map(|(p, iso)| ColumnInfo {
            kind: iso.unwrap_or(p.kind),
            name: p.name,
            nulls: p.nulls,
            distinct: p.distinct,
            examples: p.top.into_iter().map(|(v, _)| v).collect(),
        })
        .collect();
    let ins = Inspection {
        file,
        encoding: report.encoding,
        delimiter: report.delimiter,
        sheet: report.sheet,
        sheets,
        hidden_sheets,
        rows: report.rows,
        columns: report.columns,
        column_info,
        problems: found,
        header_line: report.header_line,
        quarantined: report.quarantined,
    };
    Ok(if mask { masked(ins, typed) } else { ins })
}

/// `date` or `datetime` for a text column whose every value is written year first
/// (`2024-03-01`, `2024-03-01 10:00:00`): one way, no guessing, so it is named for
/// what it is. (Tables keep such columns as text for lessons, which declare their
/// dates and teach `parse_date`; columns written several ways are a problem listed
/// below the table instead.)
fn iso_dates(ca: &polars::prelude::StringChunked) -> Option<&'static str> {
    use crate::data::types::{parse_date, parse_datetime};
    let iso = |t: &str| {
        let b = t.as_bytes();
        b.len() >= 10 && b[4] == b'-' && b[7] == b'-' && b[..4].iter().all(u8::is_ascii_digit)
    };
    let (mut dates, mut times) = (0usize, 0usize);
    for v in ca.iter().flatten() {
        let t = v.trim();
        if t.is_empty() {
            continue;
        }
        if !iso(t) {
            return None;
        }
        if t.len() == 10 && parse_date(t).is_some() {
            dates += 1;
        } else if parse_datetime(t).is_some() {
            times += 1;
        } else {
            return None;
        }
    }
    match (dates, times) {
        (0, 0) => None,
        (_, 0) => Some("date"),
        _ => Some("datetime"),
    }
}

/// The inspection as `--mask` shows it, for a shared screen: the most common values
/// masked by their column's kind, personal values quoted in problems hidden, and the
/// text of rows set aside hidden (their line and field counts stay).
fn masked(mut ins: Inspection, typed: polars::prelude::DataFrame) -> Inspection {
    use crate::data::mask::{HIDDEN, Masker};
    let mut catalog = crate::data::sql::Catalog::new();
    let mut m = Masker::new();
    let kinds: std::collections::HashMap<String, _> = typed
        .get_column_names()
        .iter()
        .map(|n| n.to_string())
        .zip(m.plan(&typed))
        .collect();
    catalog.insert("data", typed);
    m.learn_catalog(&catalog);
    let kind = |col: Option<&String>| col.and_then(|c| kinds.get(c).copied().flatten());
    for c in &mut ins.column_info {
        let k = kind(Some(&c.name));
        for v in &mut c.examples {
            let shown = m.hide_personal(&m.cell(k, v));
            *v = shown;
        }
    }
    for p in &mut ins.problems {
        p.message = m.hide_personal(&p.message);
        let k = kind(p.column.as_ref());
        for v in &mut p.examples {
            let shown = m.hide_personal(&m.cell(k, v));
            *v = shown;
        }
    }
    for b in &mut ins.quarantined {
        b.text = HIDDEN.to_string();
    }
    ins
}

/// Run `huddle inspect`.
pub fn run(file: &Path, format: Format) -> i32 {
    run_with(file, format, &ReadOptions::default(), false)
}

/// [`run`] with `--strict` / `--header-row`; masked for a shared screen when `mask`.
pub fn run_with(file: &Path, format: Format, opts: &ReadOptions, mask: bool) -> i32 {
    let ins = match inspect_opts(file, opts, mask) {
        Ok(i) => i,
        Err(e) => {
            let e = if mask {
                super::masked_error(&e, &[], file)
            } else {
                e
            };
            eprintln!("huddle inspect: {}: {e}", crate::source::shown(file));
            return EXIT_PROBLEMS;
        }
    };
    match format {
        Format::Json => println!("{}", serde_json::to_string_pretty(&ins).unwrap_or_default()),
        Format::Text => {
            // On a terminal, the table of columns fits its width (the most common
            // values are cut short) instead of wrapping each row over two lines.
            let width = std::io::stdout()
                .is_terminal()
                .then(|| ratatui::crossterm::terminal::size().ok())
                .flatten()
                .map(|(w, _)| usize::from(w).max(40));
            print!("{}", text_fitted(&ins, width))
        }
    }
    EXIT_OK
}

fn delimiter_name(d: char) -> String {
    match d {
        ',' => "comma-separated".into(),
        ';' => "semicolon-separated".into(),
        '\t' => "tab-separated".into(),
        '|' => "pipe-separated".into(),
        other => format!("separated by {other:?}"),
    }
}

/// The report for people.
pub fn text(ins: &Inspection) -> String {
    text_fitted(ins, None)
}

/// [`text`], with the table of columns cut to `width` columns when given.
pub fn text_fitted(ins: &Inspection, width: Option<usize>) -> String {
    let fit = |line: String| match width {
        Some(w) => truncate(&line, w),
        None => line,
    };
    let enc = ins.encoding.label();
    let how = match (ins.delimiter, &ins.sheet) {
        (Some(d), _) => format!(", {}", delimiter_name(d)),
        (None, Some(sheet)) => format!(", sheet “{}”", sanitize_line(sheet)),
        (None, None) => String::new(),
    };
    let mut out = format!(
        "{}: {enc}{how}, {} rows, {} columns\n",
        sanitize_line(&ins.file),
        crate::chart::group_thousands(ins.rows as i64),
        ins.columns
    );
    if ins.sheets.len() > 1 {
        let names: Vec<String> = ins
            .sheets
            .iter()
            .map(|s| {
                if ins.hidden_sheets.contains(s) {
                    format!("{} (hidden)", sanitize_line(s))
                } else {
                    sanitize_line(s)
                }
            })
            .collect();
        out.push_str(&format!(
            "Sheets: {} (pick one with FILE#SHEET)\n",
            names.join(", ")
        ));
    }
    out.push('\n');
    let name_w = ins
        .column_info
        .iter()
        .map(|c| display_width(&sanitize_line(&c.name)).min(24))
        .max()
        .unwrap_or(6)
        .max(6);
    // Counts as wide as the widest (a voter file has 10,000,000 distinct IDs).
    let count_w = |of: fn(&ColumnInfo) -> usize, least: usize| {
        ins.column_info
            .iter()
            .map(|c| crate::chart::group_thousands(of(c) as i64).len())
            .max()
            .unwrap_or(0)
            .max(least)
    };
    let blank_w = count_w(|c| c.nulls, 7);
    let distinct_w = count_w(|c| c.distinct, 8);
    out.push_str(&fit(format!(
        "{:<name_w$}  {:<8}  {:>blank_w$}  {:>distinct_w$}  most common",
        "column", "type", "blank", "distinct"
    )));
    out.push('\n');
    for c in &ins.column_info {
        let name = truncate(&sanitize_line(&c.name), name_w);
        let pad = name_w.saturating_sub(display_width(&name));
        let ex: Vec<String> = c
            .examples
            .iter()
            .map(|e| truncate(&sanitize_line(e), 24))
            .collect();
        out.push_str(&fit(format!(
            "{name}{}  {:<8}  {:>blank_w$}  {:>distinct_w$}  {}",
            " ".repeat(pad),
            c.kind,
            crate::chart::group_thousands(c.nulls as i64),
            crate::chart::group_thousands(c.distinct as i64),
            ex.join(", ")
        )));
        out.push('\n');
    }
    if ins.problems.is_empty() {
        out.push_str("\nNo problems found.\n");
    } else {
        out.push_str(&format!("\nProblems found ({}):\n", ins.problems.len()));
        for p in &ins.problems {
            out.push_str(&format!("- {}", sanitize_line(&p.message)));
            if !p.examples.is_empty() {
                let ex: Vec<String> = p
                    .examples
                    .iter()
                    .map(|e| format!("\"{}\"", truncate(&sanitize_line(e), 30)))
                    .collect();
                out.push_str(&format!(" e.g. {}", ex.join(", ")));
            }
            out.push('\n');
        }
    }
    out
}

#[cfg(test)]
pub(crate) mod tests;
