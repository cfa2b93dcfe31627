//! Spreadsheets (XLSX, real XLS, and the XLSB/ODS calamine also reads) into a
//! [`RawTable`]: every cell becomes the text a learner would expect to see in Excel.
//!
//! Whole numbers lose Excel's `.0`, date cells become ISO dates, text cells stay
//! exactly as typed (so `02134` keeps its zero), error cells (`#N/A`) become blanks
//! with a note in the report. The header is the first row with anything in it.

use crate::data::decode::TextEncoding;
use crate::data::import::{ImportError, ImportReport, RawTable, ReadOptions, unique_names};
use crate::data::layout::{
    HeaderChoice, SAMPLE_LINES, SkippedLine, excerpt, extra_header_rows, is_data_row,
    join_header_rows,
};
use crate::data::load_progress::{LoadProgress, Stage};
use crate::data::problems::Problem;
use crate::data::quarantine::{LineUnit, reading_notes};
use calamine::{Data, ExcelDateTime, Range, Reader, SheetType, SheetVisible, Sheets};
use polars::prelude::{Column, DataFrame};
use std::io::Cursor;
use std::path::{Path, PathBuf};

/// A workbook opened over bytes in memory.
type Book<'a> = Sheets<Cursor<&'a [u8]>>;

/// Rows converted between two progress reports.
const ROWS_PER_REPORT: usize = 4096;

/// The sheets of a workbook, in workbook order.
pub fn sheet_names(bytes: &[u8]) -> Result<Vec<String>, ImportError> {
    contained(|| Ok(open(bytes)?.1.sheet_names()))
}

/// Run spreadsheet-reader work so that a panic inside it (a damaged file can
/// trip the reader's arithmetic) is an error for this file, not a crash.
fn contained<T>(work: impl FnOnce() -> Result<T, ImportError>) -> Result<T, ImportError> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(work)).unwrap_or_else(|_| {
        Err(ImportError::Unreadable(
            "the workbook is damaged: its contents contradict themselves. Open it in Excel and \
             save it again (or save it as CSV UTF-8)"
                .into(),
        ))
    })
}

/// Read one sheet: `sheet` by name (an exact match, else the only one that matches
/// ignoring case and spaces), or with `None` the first sheet that has data.
pub fn read_sheet(bytes: &[u8], sheet: Option<&str>) -> Result<RawTable, ImportError> {
    read_sheet_with(bytes, sheet, &LoadProgress::new())
}

/// [`read_sheet`], reporting progress: "opening workbook", then "reading cells"
/// per batch of rows.
pub fn read_sheet_with(
    bytes: &[u8],
    sheet: Option<&str>,
    progress: &LoadProgress,
) -> Result<RawTable, ImportError> {
    read_sheet_opts(bytes, sheet, &ReadOptions::default(), progress)
}

/// [`read_sheet_with`], with the header row chosen by `opts` (else found from the
/// cells: titles and notes above it are skipped and reported).
pub fn read_sheet_opts(
    bytes: &[u8],
    sheet: Option<&str>,
    opts: &ReadOptions,
    progress: &LoadProgress,
) -> Result<RawTable, ImportError> {
    contained(|| read_sheet_contained(bytes, sheet, opts, progress))
}

fn read_sheet_contained(
    bytes: &[u8],
    sheet: Option<&str>,
    opts: &ReadOptions,
    progress: &LoadProgress,
) -> Result<RawTable, ImportError> {
    progress.stage_span(Stage::OpeningWorkbook, 0.0, 0.5);
    let (encoding, mut book) = open(bytes)?;
    crate::data::import::go_on(progress)?;
    let (name, range) = match sheet {
        Some(wanted) => {
            let name = resolve(&book.sheet_names(), wanted)?;
            let range = book
                .worksheet_range(&name)
                .map_err(|e| unreadable(encoding, &e))?;
            (name, range)
        }
        None => first_with_data(&mut book, encoding)?,
    };
    let cells = progress.stage_span(Stage::ReadingCells, 0.5, 1.0);
    let table = table_from_range(&range, opts.header, &cells).map_err(|e| match e {
        ImportError::Empty => ImportError::EmptySheet {
            sheet: name.clone(),
            sheets: book.sheet_names(),
        },
        other => other,
    })?;
    cells.finish();
    let SheetTable {
        names,
        columns,
        row_lines,
        renamed,
        mut notes,
        header_line,
        header_rows,
        skipped,
    } = table;
    notes.extend(reading_notes(
        &[],
        &skipped,
        &[],
        header_line,
        LineUnit::Row,
    ));
    let height = row_lines.len();
    let cols: Vec<Column> = names
        .iter()
        .zip(columns)
        .map(|(n, values)| Column::new(n.as_str().into(), values))
        .collect();
    let df = DataFrame::new(height, cols).map_err(|e| ImportError::Unreadable(e.to_string()))?;
    Ok(RawTable {
        report: ImportReport {
            renamed,
            sheet: Some(name),
            notes,
            header_line,
            header_rows,
            skipped_above: skipped,
            ..ImportReport::new(encoding, df.height(), df.width())
        },
        df,
        row_lines,
    })
}

/// `FILE#SHEET` as typed on the command line: a path that exists is taken as it is
/// (file names may contain `#`); otherwise the text after a `#` names the sheet,
/// splitting at the first `#` whose left part is an existing file, else at the last.
pub fn parse_file_sheet(arg: &str) -> (PathBuf, Option<String>) {
    if Path::new(arg).exists() {
        return (PathBuf::from(arg), None);
    }
    let split = |i: usize| {
        let (file, rest) = arg.split_at(i);
        let sheet = rest.get(1..).unwrap_or("");
        (
            PathBuf::from(file),
            (!sheet.is_empty()).then(|| sheet.to_string()),
        )
    };
    let hashes: Vec<usize> = arg.match_indices('#').map(|(i, _)| i).collect();
    if let Some(&i) = hashes
        .iter()
        .find(|&&i| i > 0 && Path::new(&arg[..i]).is_file())
    {
        return split(i);
    }
    match hashes.last() {
        Some(&i) if i > 0 => split(i),
        _ => (PathBuf::from(arg), None),
    }
}

/// Open a workbook, saying what kind it is.
fn open(bytes: &[u8]) -> Result<(TextEncoding, Book<'_>), ImportError> {
    let cursor = || Cursor::new(bytes);
    if bytes.starts_with(&crate::data::import::OLE_MAGIC) {
        crate::data::xls_guard::check(bytes)?;
        return calamine::open_workbook_from_rs(cursor())
            .map(|b| (TextEncoding::Xls, Sheets::Xls(b)))
            .map_err(|e: calamine::XlsError| {
                ImportError::Unsupported(crate::i18n::trf(
                    "this is an Office file huddle cannot open as a workbook ({error}). If it is password-protected, save a copy without a password; otherwise open it in Excel and use File → Save As → Excel Workbook (.xlsx) or CSV UTF-8",
                    &[("error", &e)],
                ))
            });
    }
    crate::data::zip_guard::check(bytes)?;
    let xlsx_error = match calamine::open_workbook_from_rs(cursor()) {
        Ok(b) => return Ok((TextEncoding::Xlsx, Sheets::Xlsx(b))),
        Err(e) => e,
    };
    if let Ok(b) = calamine::open_workbook_from_rs(cursor()) {
        return Ok((TextEncoding::Xlsb, Sheets::Xlsb(b)));
    }
    if let Ok(b) = calamine::open_workbook_from_rs(cursor()) {
        return Ok((TextEncoding::Ods, Sheets::Ods(b)));
    }
    let e: calamine::XlsxError = xlsx_error;
    Err(ImportError::Unsupported(crate::i18n::trf(
        "this is a ZIP archive but not a workbook huddle can read ({error}). If it holds CSV files, unzip it and open one of them; if it is a workbook, open it in Excel and save it again",
        &[("error", &e)],
    )))
}

fn unreadable(encoding: TextEncoding, e: &dyn std::fmt::Display) -> ImportError {
    ImportError::Unreadable(crate::i18n::trf(
        "{format} sheet: {error}",
        &[("format", &encoding.label()), ("error", e)],
    ))
}

/// The sheet called `wanted`: exactly, else the one match ignoring case and spaces.
fn resolve(names: &[String], wanted: &str) -> Result<String, ImportError> {
    if let Some(n) = names.iter().find(|n| n.as_str() == wanted) {
        return Ok(n.clone());
    }
    let loose = |s: &str| s.trim().to_lowercase();
    let close: Vec<&String> = names.iter().filter(|n| loose(n) == loose(wanted)).collect();
    match close.as_slice() {
        [one] => Ok((*one).clone()),
        _ => Err(ImportError::NoSuchSheet {
            sheet: wanted.to_string(),
            sheets: names.to_vec(),
        }),
    }
}

/// The workbook's hidden and very hidden sheets, in workbook order: listed as
/// hidden, and opened only when asked for by name (`FILE#SHEET`).
pub fn hidden_sheet_names(bytes: &[u8]) -> Result<Vec<String>, ImportError> {
    Ok(open(bytes)?
        .1
        .sheets_metadata()
        .iter()
        .filter(|s| s.visible != SheetVisible::Visible)
        .map(|s| s.name.clone())
        .collect())
}

/// The first visible worksheet with a non-blank cell. Hidden sheets are never read
/// unless named; when only they have data, the error names them.
fn first_with_data(
    book: &mut Book<'_>,
    encoding: TextEncoding,
) -> Result<(String, Range<Data>), ImportError> {
    let sheets = book.sheets_metadata().to_vec();
    let worksheets = sheets.iter().filter(|s| s.typ == SheetType::WorkSheet);
    let (visible, hidden): (Vec<_>, Vec<_>) =
        worksheets.partition(|s| s.visible == SheetVisible::Visible);
    if visible.is_empty() && !hidden.is_empty() {
        let names: Vec<String> = hidden.iter().map(|s| s.name.clone()).collect();
        return Err(ImportError::Unsupported(crate::i18n::trf(
            "every worksheet of this workbook is hidden ({names}); read one by naming it: FILE#SHEET",
            &[("names", &names.join(", "))],
        )));
    }
    for s in visible {
        let range = book
            .worksheet_range(&s.name)
            .map_err(|e| unreadable(encoding, &e))?;
        if range.used_cells().any(|(_, _, d)| cell_text(d).is_some()) {
            return Ok((s.name.clone(), range));
        }
    }
    Err(ImportError::Empty)
}

/// A sheet's cells as text columns.
struct SheetTable {
    names: Vec<String>,
    columns: Vec<Vec<Option<String>>>,
    row_lines: Vec<u32>,
    renamed: Vec<crate::data::import::RenamedHeader>,
    notes: Vec<Problem>,
    header_line: Option<u32>,
    header_rows: u32,
    skipped: Vec<SkippedLine>,
}

/// Where the header is in a sheet.
struct SheetHeader {
    /// Index (in `range.rows()`) of the first header row, or of the first data row.
    at: usize,
    /// Header rows (0: headerless).
    rows: usize,
    /// The header's names, one per column of the range.
    names: Vec<String>,
    /// Non-empty rows above the header.
    skipped: Vec<SkippedLine>,
    /// 1-based row of the header.
    line: Option<u32>,
}

/// Find the header among the first non-empty rows: the first row as full as the
/// table's usual row, below rows that look like titles or notes (a note in C3
/// above a header on row 9); a first row of numbers means no header.
fn find_sheet_header(range: &Range<Data>, choice: HeaderChoice) -> SheetHeader {
    let (first_row, _) = range.start().unwrap_or((0, 0));
    let width = range.width();
    let mut sample: Vec<(usize, u32, Vec<String>)> = Vec::new();
    for (i, row) in range.rows().enumerate() {
        let texts: Vec<String> = row
            .iter()
            .map(|c| cell_text(c).unwrap_or_default())
            .collect();
        if texts.iter().all(String::is_empty) {
            continue;
        }
        let line = first_row.saturating_add(i as u32).saturating_add(1);
        sample.push((i, line, texts));
        if sample.len() == SAMPLE_LINES {
            break;
        }
    }
    let filled = |r: &[String]| r.iter().filter(|c| !c.trim().is_empty()).count();
    let counts: Vec<usize> = sample.iter().map(|(_, _, r)| filled(r)).collect();
    let mut usual = (0usize, 0usize);
    for &c in &counts {
        let freq = counts.iter().filter(|&&x| x == c).count();
        if freq > usual.1 || (freq == usual.1 && c > usual.0) {
            usual = (c, freq);
        }
    }
    let usual = usual.0;
    let k = match choice {
        HeaderChoice::Line(n) => sample.iter().position(|(_, l, _)| *l >= n).unwrap_or(0),
        HeaderChoice::None => 0,
        // Rows of one cell above the table are titles and notes; the first row of
        // two or more cells starts the header (a group row over merged cells too).
        HeaderChoice::Detect if usual > 1 => counts.iter().position(|&c| c >= 2).unwrap_or(0),
        HeaderChoice::Detect => 0,
    };
    let skipped = sample[..k.min(sample.len())]
        .iter()
        .map(|(_, line, r)| SkippedLine {
            line: *line,
            text: excerpt(
                &r.iter()
                    .filter(|c| !c.is_empty())
                    .cloned()
                    .collect::<Vec<_>>()
                    .join(" "),
            ),
        })
        .collect();
    let Some((at, line, head)) = sample.get(k).cloned() else {
        return SheetHeader {
            at: 0,
            rows: 1,
            names: Vec::new(),
            skipped,
            line: None,
        };
    };
    // The columns anything is written in, for judging the header's shape.
    let lo = sample
        .iter()
        .filter_map(|(_, _, r)| r.iter().position(|c| !c.is_empty()))
        .min()
        .unwrap_or(0);
    let hi = sample
        .iter()
        .filter_map(|(_, _, r)| r.iter().rposition(|c| !c.is_empty()))
        .max()
        .unwrap_or(0);
    let trimmed: Vec<Vec<String>> = sample[k..]
        .iter()
        .map(|(_, _, r)| r.get(lo..=hi.max(lo)).unwrap_or_default().to_vec())
        .collect();
    let headerless = match choice {
        HeaderChoice::None => true,
        HeaderChoice::Line(_) => false,
        HeaderChoice::Detect => is_data_row(&trimmed[0], trimmed.get(1)),
    };
    if headerless {
        let names = (1..=width).map(|i| format!("column_{i}")).collect();
        return SheetHeader {
            at,
            rows: 0,
            names,
            skipped,
            line: None,
        };
    }
    let extra = if choice == HeaderChoice::Detect {
        extra_header_rows(&trimmed, hi.max(lo) - lo + 1)
    } else {
        0
    };
    let mut names = if extra > 0 {
        let full: Vec<Vec<String>> = sample[k..=k + extra]
            .iter()
            .map(|(_, _, r)| r.clone())
            .collect();
        join_header_rows(&full)
    } else {
        head
    };
    names.resize(width, String::new());
    SheetHeader {
        at,
        rows: 1 + extra,
        names,
        skipped,
        line: Some(line),
    }
}

/// Error cells of one column: how many, and the first few with their rows.
#[derive(Default)]
struct ErrorCells {
    count: usize,
    examples: Vec<(String, u32)>,
}

fn table_from_range(
    range: &Range<Data>,
    choice: HeaderChoice,
    progress: &LoadProgress,
) -> Result<SheetTable, ImportError> {
    let (first_row, _) = range.start().unwrap_or((0, 0));
    let height = range.height().max(1);
    let width = range.width();
    let found = find_sheet_header(range, choice);
    let data_from = found.at + found.rows;
    let mut header: Option<Vec<String>> = None;
    let mut columns: Vec<Vec<Option<String>>> = vec![Vec::new(); width];
    let mut row_lines = Vec::new();
    let mut errors: Vec<ErrorCells> = (0..width).map(|_| ErrorCells::default()).collect();
    for (i, row) in range.rows().enumerate() {
        if i % ROWS_PER_REPORT == 0 {
            crate::data::import::go_on(progress)?;
            progress.set(i as f32 / height as f32);
        }
        if i < data_from {
            if i == found.at {
                header = Some(found.names.clone());
            }
            continue;
        }
        let line = first_row.saturating_add(i as u32).saturating_add(1);
        let texts: Vec<Option<String>> = row.iter().map(cell_text).collect();
        if texts.iter().all(Option::is_none) {
            continue;
        }
        if header.is_none() {
            header = Some(found.names.clone());
        }
        for (c, (cell, text)) in row.iter().zip(texts).enumerate() {
            if let (Data::Error(e), Some(errs)) = (cell, errors.get_mut(c)) {
                errs.count += 1;
                if errs.examples.len() < 3 {
                    errs.examples.push((e.to_string(), line));
                }
            }
            if let Some(col) = columns.get_mut(c) {
                col.push(text);
            }
        }
        row_lines.push(line);
    }
    let Some(mut header) = header else {
        return Err(ImportError::Empty);
    };
    header.resize(width, String::new());
    let (header, columns, errors) = drop_unused_columns(header, columns, errors);
    if row_lines.is_empty() {
        return Err(ImportError::HeaderOnly(header.join(", ")));
    }
    let (names, renamed) = unique_names(&header);
    let notes = names
        .iter()
        .zip(errors)
        .filter(|(_, e)| e.count > 0)
        .map(|(name, e)| error_note(name, e))
        .collect();
    Ok(SheetTable {
        names,
        columns,
        row_lines,
        renamed,
        notes,
        header_line: found.line,
        header_rows: found.rows as u32,
        skipped: found.skipped,
    })
}

/// A sheet's columns, as (header, cells, error cells) per column.
type Parts = (Vec<String>, Vec<Vec<Option<String>>>, Vec<ErrorCells>);

/// Leave out columns with no header and no data: only Excel's formatting.
fn drop_unused_columns(
    header: Vec<String>,
    columns: Vec<Vec<Option<String>>>,
    errors: Vec<ErrorCells>,
) -> Parts {
    let mut out: Parts = (Vec::new(), Vec::new(), Vec::new());
    for ((h, col), errs) in header.into_iter().zip(columns).zip(errors) {
        if !h.trim().is_empty() || col.iter().any(Option::is_some) {
            out.0.push(h);
            out.1.push(col);
            out.2.push(errs);
        }
    }
    out
}

fn error_note(column: &str, e: ErrorCells) -> Problem {
    let where_: Vec<String> = e
        .examples
        .iter()
        .map(|(v, row)| format!("{v} in row {row}"))
        .collect();
    Problem {
        kind: "excel_errors",
        column: Some(column.to_string()),
        rows: e.count,
        message: format!(
            "`{column}`: {} cell(s) held Excel errors ({}{}) and are left blank: \
             fix the formulas in Excel if those values matter",
            e.count,
            where_.join(", "),
            if e.count > where_.len() { ", …" } else { "" }
        ),
        // The message names the errors and their rows already.
        examples: Vec::new(),
    }
}

/// A cell as a learner expects to see it; `None` for blanks and error cells.
pub fn cell_text(cell: &Data) -> Option<String> {
    let text = match cell {
        Data::Empty | Data::Error(_) => return None,
        Data::String(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => number_text(*f),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(dt) => datetime_text(dt),
        Data::DateTimeIso(s) => s.replacen('T', " ", 1),
        Data::DurationIso(s) => s.clone(),
    };
    (!text.is_empty()).then_some(text)
}

/// A number without Excel's artefacts: `2134.0` is `2134`, no exponent, no `-0`.
pub fn number_text(f: f64) -> String {
    if f == 0.0 {
        return "0".into();
    }
    if f.is_finite() && f.fract() == 0.0 && f.abs() < 1e15 {
        return format!("{}", f as i64);
    }
    format!("{f}")
}

/// An Excel date cell as ISO text: `2023-03-04`, `2023-03-04 04:33:42`, a time
/// alone as `04:33:42`, a duration as `26:15:00`.
fn datetime_text(dt: &ExcelDateTime) -> String {
    let serial = dt.as_f64();
    if dt.is_duration() {
        let total = (serial * 86_400.0).round() as i64;
        let sign = if total < 0 { "-" } else { "" };
        let t = total.abs();
        return format!("{sign}{}:{:02}:{:02}", t / 3600, t / 60 % 60, t % 60);
    }
    let (y, mo, d, h, mi, s, ms) = dt.to_ymd_hms_milli();
    let time = if ms > 0 {
        format!("{h:02}:{mi:02}:{s:02}.{ms:03}")
    } else {
        format!("{h:02}:{mi:02}:{s:02}")
    };
    if (0.0..1.0).contains(&serial) {
        time
    } else if (h, mi, s, ms) == (0, 0, 0, 0) {
        format!("{y:04}-{mo:02}-{d:02}")
    } else {
        format!("{y:04}-{mo:02}-{d:02} {time}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use calamine::ExcelDateTimeType;

    fn date(serial: f64) -> Data {
        Data::DateTime(ExcelDateTime::new(
            serial,
            ExcelDateTimeType::DateTime,
            false,
        ))
    }

    #[test]
    fn cells_read_the_way_excel_shows_them() {
        assert_eq!(cell_text(&Data::Float(2134.0)).as_deref(), Some("2134"));
        assert_eq!(cell_text(&Data::Float(-0.0)).as_deref(), Some("0"));
        assert_eq!(cell_text(&Data::Float(7.5)).as_deref(), Some("7.5"));
        assert_eq!(
            cell_text(&Data::Float(1e20)).as_deref(),
            Some("100000000000000000000")
        );
        assert_eq!(
            cell_text(&Data::String("02134".into())).as_deref(),
            Some("02134")
        );
        assert_eq!(cell_text(&Data::String(String::new())), None);
        assert_eq!(cell_text(&Data::Bool(false)).as_deref(), Some("false"));
        assert_eq!(cell_text(&date(44989.0)).as_deref(), Some("2023-03-04"));
        let with_time = 44989.0 + (4.0 * 3600.0 + 33.0 * 60.0 + 42.0) / 86_400.0;
        assert_eq!(
            cell_text(&date(with_time)).as_deref(),
            Some("2023-03-04 04:33:42")
        );
        assert_eq!(cell_text(&date(0.75)).as_deref(), Some("18:00:00"));
        let long = Data::DateTime(ExcelDateTime::new(
            1.09375,
            ExcelDateTimeType::TimeDelta,
            false,
        ));
        assert_eq!(cell_text(&long).as_deref(), Some("26:15:00"));
        assert_eq!(
            cell_text(&Data::DateTimeIso("2023-03-04T04:33:42".into())).as_deref(),
            Some("2023-03-04 04:33:42")
        );
        assert_eq!(cell_text(&Data::Error(calamine::CellErrorType::NA)), None);
    }

    #[test]
    fn sheet_names_match_exactly_then_loosely() {
        let names = vec!["Members".to_string(), "Event Signups".to_string()];
        assert_eq!(resolve(&names, "Members").unwrap(), "Members");
        assert_eq!(resolve(&names, " event signups").unwrap(), "Event Signups");
        let err = resolve(&names, "Member").unwrap_err().to_string();
        assert!(
            err.contains("`Member`") && err.contains("Members, Event Signups"),
            "{err}"
        );
    }

    #[test]
    fn file_and_sheet_split_at_a_hash_unless_the_path_exists() {
        let dir = tempfile::tempdir().unwrap();
        let literal = dir.path().join("a#b.csv");
        std::fs::write(&literal, "x\n1\n").unwrap();
        let s = literal.to_str().unwrap();
        assert_eq!(parse_file_sheet(s), (literal.clone(), None));
        let with_sheet = format!("{s}#Sheet 2");
        assert_eq!(
            parse_file_sheet(&with_sheet),
            (literal.clone(), Some("Sheet 2".to_string()))
        );
        assert_eq!(
            parse_file_sheet("no/such.xlsx#Members"),
            (PathBuf::from("no/such.xlsx"), Some("Members".to_string()))
        );
        assert_eq!(
            parse_file_sheet("no/such.xlsx#"),
            (PathBuf::from("no/such.xlsx"), None)
        );
        assert_eq!(parse_file_sheet("#x"), (PathBuf::from("#x"), None));
    }
}
