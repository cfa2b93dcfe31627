//! Read an export into a table: detect the format and encoding, keep ID-like text,
//! apply the lesson's declared types, and name the row of anything that is wrong.
//!
//! Import is two stages so new formats slot in: a reader turns bytes into a
//! [`RawTable`] (every cell text, plus where each row came from); [`apply_types`]
//! then converts declared columns and infers the rest. The reader is picked by the
//! bytes, never the file name: CSV/TSV text (any encoding), XLSX/XLS workbooks
//! ([`crate::data::sheets`]) and Parquet ([`crate::data::parquet`]).

use crate::data::decode::{TextEncoding, decode};
use crate::data::layout::{HeaderChoice, SkippedLine};
use crate::data::load_progress::{LoadProgress, Stage};
use crate::data::problems::Problem;
use crate::data::quarantine::BadRow;
use crate::data::types::{ColumnType, convert_text_column, infer_type};
use crate::diag::suggestion;
use polars::prelude::*;
use serde::Serialize;
use std::path::Path;

/// Why a file could not be imported, in words a learner can act on.
#[derive(Debug, PartialEq)]
pub enum ImportError {
    /// The file could not be read from disk.
    Io(String),
    /// The person stopped the reading (Esc); nothing was loaded.
    Stopped,
    /// No bytes, or only blank lines.
    Empty,
    /// A header and nothing else.
    HeaderOnly(String),
    /// Rows with more or fewer fields than the header.
    Ragged {
        /// Up to five (line, fields) examples.
        lines: Vec<(u32, usize)>,
        /// Fields in the header.
        header_fields: usize,
        /// Ragged rows in all.
        total: usize,
    },
    /// A declared column is not in the file.
    MissingColumns {
        /// Declared names not found.
        missing: Vec<String>,
        /// Columns the file has.
        available: Vec<String>,
    },
    /// A value does not parse as its declared type.
    BadValue {
        /// 1-based data row.
        row: usize,
        /// 1-based line in the file.
        line: usize,
        /// Column name.
        column: String,
        /// The text found.
        value: String,
        /// The declared type.
        expected: ColumnType,
        /// How many other values fail.
        others: usize,
    },
    /// A format huddle does not read (yet).
    Unsupported(String),
    /// A sheet name that is not in the workbook.
    NoSuchSheet {
        /// The name asked for.
        sheet: String,
        /// The workbook's sheets.
        sheets: Vec<String>,
    },
    /// The sheet asked for has nothing in it.
    EmptySheet {
        /// The sheet.
        sheet: String,
        /// The workbook's sheets.
        sheets: Vec<String>,
    },
    /// A sheet was asked for, but the file is text or Parquet.
    NotAWorkbook(String),
    /// The CSV reader failed for another reason.
    Unreadable(String),
}

impl std::error::Error for ImportError {}

impl std::fmt::Display for ImportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        use crate::i18n::{tr, trf};
        let text = match self {
            ImportError::Io(e) => trf(
                "cannot read the file: {error}. Check the path and that the file is not open in another program, then try again",
                &[("error", e)],
            ),
            ImportError::Stopped => {
                tr("reading was stopped before the end; nothing was loaded. Open the file again to read it all").to_string()
            }
            ImportError::Empty => tr(
                "the file is empty: export the data again and check it has a header row and rows",
            )
            .to_string(),
            ImportError::HeaderOnly(h) => trf(
                "the file has a header row ({header}) but no data rows: export it again with its rows, or check that the right file was picked",
                &[("header", h)],
            ),
            ImportError::Ragged {
                lines,
                header_fields,
                total,
            } => ragged_message(lines, *header_fields, *total),
            ImportError::MissingColumns { missing, available } => {
                missing_message(missing, available)
            }
            ImportError::BadValue {
                row,
                line,
                column,
                value,
                expected,
                others,
            } => {
                let mut t = trf(
                    "row {row} (line {line}), column `{column}`: \"{value}\" is not {expected}. Fix the cell in the file, or map that column to another one",
                    &[
                        ("row", row),
                        ("line", line),
                        ("column", column),
                        ("value", value),
                        ("expected", &crate::i18n::tr_dyn(expected.example())),
                    ],
                );
                if *others > 0 {
                    t.push_str(&trf(
                        " ({n} more value(s) in this column fail too)",
                        &[("n", others)],
                    ));
                }
                t
            }
            ImportError::Unsupported(m) => m.clone(),
            ImportError::NoSuchSheet { sheet, sheets } => no_sheet_message(sheet, sheets),
            ImportError::EmptySheet { sheet, sheets } => trf(
                "sheet `{sheet}` is empty; pick another with FILE#SHEET. The workbook's sheets are: {sheets}",
                &[("sheet", sheet), ("sheets", &sheets.join(", "))],
            ),
            ImportError::NotAWorkbook(sheet) => trf(
                "this file is not a workbook, so it has no sheet `{sheet}`: leave out `#{sheet}` to read it",
                &[("sheet", sheet)],
            ),
            ImportError::Unreadable(e) => trf(
                "the file could not be read as a table: {error}. Open it in a spreadsheet and save it again as CSV (UTF-8), then try again",
                &[("error", e)],
            ),
        };
        f.write_str(&text)
    }
}

fn ragged_message(lines: &[(u32, usize)], header: usize, total: usize) -> String {
    use crate::i18n::trf;
    let (first_line, first_n) = lines.first().copied().unwrap_or((0, 0));
    let more: Vec<String> = lines.iter().skip(1).map(|(l, _)| l.to_string()).collect();
    let also = if more.is_empty() {
        String::new()
    } else {
        trf("; also line(s) {lines}", &[("lines", &more.join(", "))])
    };
    trf(
        "line {line} has {fields} fields but the header has {header}{also} ({total} row(s) in all). A value probably contains the delimiter without quotes around it: quote that value, or re-export the file",
        &[
            ("line", &first_line),
            ("fields", &first_n),
            ("header", &header),
            ("also", &also),
            ("total", &total),
        ],
    )
}

fn no_sheet_message(sheet: &str, sheets: &[String]) -> String {
    use crate::i18n::trf;
    let near = crate::diag::nearest(sheet, sheets.iter().map(String::as_str))
        .map(|n| trf(" (did you mean `{name}`?)", &[("name", &n)]))
        .unwrap_or_default();
    trf(
        "the workbook has no sheet `{sheet}`{near}; its sheets are: {sheets}",
        &[
            ("sheet", &sheet),
            ("near", &near),
            ("sheets", &sheets.join(", ")),
        ],
    )
}

fn missing_message(missing: &[String], available: &[String]) -> String {
    let cands: Vec<&str> = available.iter().map(String::as_str).collect();
    let parts: Vec<String> = missing
        .iter()
        .map(|m| format!("`{m}` ({})", suggestion(m, &cands)))
        .collect();
    crate::i18n::trf(
        "the file has no column {columns}; map your columns or rename them in the header",
        &[("columns", &parts.join(", "))],
    )
}

/// How a file was read.
#[derive(Debug, Clone, Serialize)]
pub struct ImportReport {
    /// The text encoding, or the binary format (XLSX, XLS, Parquet).
    pub encoding: TextEncoding,
    /// The delimiter of a text file; `None` for workbooks and Parquet.
    pub delimiter: Option<char>,
    /// Data rows.
    pub rows: usize,
    /// Columns.
    pub columns: usize,
    /// Header names that were blank, repeated or padded and what they became.
    pub renamed: Vec<RenamedHeader>,
    /// The sheet read, for a workbook.
    pub sheet: Option<String>,
    /// What reading changed that a learner should know: Excel error cells left
    /// blank (`excel_errors`), Parquet columns left out (`column_left_out`), rows
    /// set aside (`quarantined_rows`), titles skipped (`title_rows_skipped`), ...
    pub notes: Vec<Problem>,
    /// 1-based line (row of a sheet) of the header; `None` when the file has none.
    pub header_line: Option<u32>,
    /// Rows the header spans (1; 2 or 3 when joined; 0 when headerless).
    pub header_rows: u32,
    /// Non-blank lines above the header that were skipped (titles, notes).
    pub skipped_above: Vec<SkippedLine>,
    /// Lines after the data that were skipped (footnotes).
    pub footnotes: Vec<SkippedLine>,
    /// Rows that could not be read, left out of the table, with their text.
    pub quarantined: Vec<BadRow>,
    /// Types the source states for its columns (a database's column types): used
    /// when a lesson declares none, instead of guessing from the text.
    #[serde(skip)]
    pub types: Vec<(String, ColumnType)>,
}

impl ImportReport {
    /// A report for a table read whole, with its header on the first line.
    pub fn new(encoding: TextEncoding, rows: usize, columns: usize) -> ImportReport {
        ImportReport {
            encoding,
            delimiter: None,
            rows,
            columns,
            renamed: Vec::new(),
            sheet: None,
            notes: Vec::new(),
            header_line: Some(1),
            header_rows: 1,
            skipped_above: Vec::new(),
            footnotes: Vec::new(),
            quarantined: Vec::new(),
            types: Vec::new(),
        }
    }
}

/// How to read a file.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ReadOptions {
    /// Refuse a file with rows that cannot be read, instead of setting them aside
    /// (`--strict`, and a lesson's own data in `huddle check`).
    pub strict: bool,
    /// Where the header is (`--header-row N`).
    pub header: HeaderChoice,
}

impl ReadOptions {
    /// Refuse ragged rows.
    pub fn strict() -> ReadOptions {
        ReadOptions {
            strict: true,
            ..ReadOptions::default()
        }
    }
}

/// A header cell huddle had to rename.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct RenamedHeader {
    /// 1-based position.
    pub position: usize,
    /// As written.
    pub original: String,
    /// As used.
    pub name: String,
}

/// A table whose cells are all text, before types are applied.
#[derive(Debug, Clone)]
pub struct RawTable {
    /// Every column is text.
    pub df: DataFrame,
    /// Line in the file where each data row starts.
    pub row_lines: Vec<u32>,
    /// How it was read.
    pub report: ImportReport,
}

/// The first bytes of an OLE compound file: a real `.xls` (or an encrypted workbook).
pub const OLE_MAGIC: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// What the bytes are, whatever the file is called.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Text,
    Workbook,
    Parquet,
}

fn sniff_kind(bytes: &[u8]) -> Kind {
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(&OLE_MAGIC) {
        Kind::Workbook
    } else if bytes.starts_with(b"PAR1") {
        Kind::Parquet
    } else {
        Kind::Text
    }
}

/// Read a file from disk (never modified) into a raw table; a workbook's first
/// sheet with data.
pub fn read_raw_file(path: &Path) -> Result<RawTable, ImportError> {
    read_raw_file_sheet(path, None)
}

/// [`read_raw_file`], picking a workbook's sheet by name (see
/// [`crate::data::sheets::parse_file_sheet`] for the `FILE#SHEET` form).
pub fn read_raw_file_sheet(path: &Path, sheet: Option<&str>) -> Result<RawTable, ImportError> {
    read_raw_file_with(path, sheet, &LoadProgress::new())
}

/// [`read_raw_file_sheet`], reporting progress as it goes; `progress` reaches 1.0
/// when the table is read (use [`LoadProgress::span`] to leave room for typing).
pub fn read_raw_file_with(
    path: &Path,
    sheet: Option<&str>,
    progress: &LoadProgress,
) -> Result<RawTable, ImportError> {
    read_raw_file_opts(path, sheet, &ReadOptions::default(), progress)
}

/// [`read_raw_file_with`] with [`ReadOptions`].
pub fn read_raw_file_opts(
    path: &Path,
    sheet: Option<&str>,
    opts: &ReadOptions,
    progress: &LoadProgress,
) -> Result<RawTable, ImportError> {
    let bytes = read_file_with(path, &progress.stage_span(Stage::Reading, 0.0, 0.15))?;
    go_on(progress)?;
    let raw = read_raw_opts(&bytes, sheet, opts, &progress.span(0.15, 1.0))?;
    go_on(progress)?;
    progress.finish();
    Ok(raw)
}

/// Read a whole file in chunks, reporting the share read.
fn read_file_with(path: &Path, progress: &LoadProgress) -> Result<Vec<u8>, ImportError> {
    use std::io::Read;
    let io = |e: std::io::Error| ImportError::Io(e.to_string());
    let mut file = std::fs::File::open(path).map_err(io)?;
    let size = file.metadata().map(|m| m.len()).unwrap_or(0);
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    let mut chunk = vec![0u8; 1 << 20];
    loop {
        let n = match file.read(&mut chunk) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(io(e)),
        };
        bytes.extend_from_slice(chunk.get(..n).unwrap_or_default());
        go_on(progress)?;
        if size > 0 {
            progress.set(bytes.len() as f32 / size as f32);
        }
    }
    progress.set(1.0);
    Ok(bytes)
}

/// `Err(Stopped)` once the person has stopped the load.
pub(crate) fn go_on(progress: &LoadProgress) -> Result<(), ImportError> {
    if progress.is_cancelled() {
        Err(ImportError::Stopped)
    } else {
        Ok(())
    }
}

/// Read bytes into a raw table, detecting the format; a workbook's first sheet
/// with data.
pub fn read_raw(bytes: &[u8]) -> Result<RawTable, ImportError> {
    read_raw_columns(bytes, None)
}

/// [`read_raw`], picking a workbook's sheet by name. A sheet name for a text or
/// Parquet file is an error.
pub fn read_raw_sheet(bytes: &[u8], sheet: Option<&str>) -> Result<RawTable, ImportError> {
    read_raw_with(bytes, sheet, &LoadProgress::new())
}

/// [`read_raw_sheet`], reporting progress.
pub fn read_raw_with(
    bytes: &[u8],
    sheet: Option<&str>,
    progress: &LoadProgress,
) -> Result<RawTable, ImportError> {
    read_raw_opts(bytes, sheet, &ReadOptions::default(), progress)
}

/// [`read_raw_with`] with [`ReadOptions`].
pub fn read_raw_opts(
    bytes: &[u8],
    sheet: Option<&str>,
    opts: &ReadOptions,
    progress: &LoadProgress,
) -> Result<RawTable, ImportError> {
    let raw = match (sniff_kind(bytes), sheet) {
        (Kind::Workbook, _) => crate::data::sheets::read_sheet_opts(bytes, sheet, opts, progress)?,
        (_, Some(s)) => return Err(ImportError::NotAWorkbook(s.to_string())),
        (Kind::Parquet, None) => crate::data::parquet::read_parquet_with(bytes, progress)?,
        (Kind::Text, None) => read_text(bytes, None, opts, progress)?,
    };
    progress.finish();
    Ok(raw)
}

/// Like [`read_raw`], keeping only `columns` (all when `None`). A name that is
/// not in the file is an error listing the file's columns.
pub fn read_raw_columns(bytes: &[u8], columns: Option<&[String]>) -> Result<RawTable, ImportError> {
    read_raw_columns_opts(bytes, columns, &ReadOptions::default())
}

/// [`read_raw_columns`] with [`ReadOptions`].
pub fn read_raw_columns_opts(
    bytes: &[u8],
    columns: Option<&[String]>,
    opts: &ReadOptions,
) -> Result<RawTable, ImportError> {
    let progress = LoadProgress::new();
    if sniff_kind(bytes) == Kind::Text {
        return read_text(bytes, columns, opts, &progress);
    }
    let raw = read_raw_opts(bytes, None, opts, &progress)?;
    match columns {
        Some(wanted) => select_columns(raw, wanted),
        None => Ok(raw),
    }
}

/// Keep `wanted` columns of a table already read.
fn select_columns(raw: RawTable, wanted: &[String]) -> Result<RawTable, ImportError> {
    let available: Vec<String> = raw
        .df
        .get_column_names()
        .iter()
        .map(|s| s.to_string())
        .collect();
    check_columns(wanted, &available)?;
    let df = raw
        .df
        .select(wanted.iter().map(|w| PlSmallStr::from(w.as_str())))
        .map_err(|e| ImportError::Unreadable(e.to_string()))?;
    let mut report = raw.report;
    report.columns = df.width();
    Ok(RawTable {
        df,
        row_lines: raw.row_lines,
        report,
    })
}

/// Every name in `wanted` is in `available`, or an error naming the missing ones.
pub(crate) fn check_columns(wanted: &[String], available: &[String]) -> Result<(), ImportError> {
    let missing: Vec<String> = wanted
        .iter()
        .filter(|w| !available.contains(w))
        .cloned()
        .collect();
    if missing.is_empty() {
        Ok(())
    } else {
        Err(ImportError::MissingColumns {
            missing,
            available: available.to_vec(),
        })
    }
}

/// Delimited text in any encoding.
fn read_text(
    bytes: &[u8],
    columns: Option<&[String]>,
    opts: &ReadOptions,
    progress: &LoadProgress,
) -> Result<RawTable, ImportError> {
    refuse_web_page(bytes)?;
    progress.stage_span(Stage::Decoding, 0.0, 0.05);
    let (text, encoding) = decode(bytes);
    go_on(progress)?;
    crate::data::delimited::read_delimited(&text, encoding, columns, opts, progress)
}

/// Some systems export an HTML table named `.xls`: say so instead of reading tags.
fn refuse_web_page(bytes: &[u8]) -> Result<(), ImportError> {
    let head = String::from_utf8_lossy(bytes.get(..4096).unwrap_or(bytes)).to_lowercase();
    let head = head.trim_start_matches('\u{feff}').trim_start();
    if head.starts_with('<') && (head.contains("<html") || head.contains("<table")) {
        return Err(ImportError::Unsupported(
            crate::i18n::tr(
                "this file is a web page (an HTML table), even if its name ends in .xls: open it in Excel and use File → Save As → CSV UTF-8 or Excel Workbook (.xlsx)",
            )
            .into(),
        ));
    }
    Ok(())
}

/// Rows per value of `column`, counted in the one pass that checks the file, with
/// no table built: what a quick bar chart of a big export needs. Blank cells count
/// as `None`; rows that cannot be read are left out. Same errors as a full import
/// (empty, header only, missing column).
pub fn count_values(
    bytes: &[u8],
    column: &str,
) -> Result<Vec<(Option<String>, usize)>, ImportError> {
    count_values_opts(bytes, column, &ReadOptions::default()).map(|(counts, _)| counts)
}

/// [`count_values`] with [`ReadOptions`], also giving the lines of rows left out.
pub fn count_values_opts(
    bytes: &[u8],
    column: &str,
    opts: &ReadOptions,
) -> Result<crate::data::delimited::Counted, ImportError> {
    if sniff_kind(bytes) != Kind::Text {
        let raw = read_raw_opts(bytes, None, opts, &LoadProgress::new())?;
        let lines = raw.report.quarantined.iter().map(|b| b.line).collect();
        return Ok((count_table_values(raw, column)?, lines));
    }
    refuse_web_page(bytes)?;
    let (text, _) = decode(bytes);
    crate::data::delimited::count_text_values(&text, column, opts)
}

/// [`count_values`] over a table already read (workbooks, Parquet).
fn count_table_values(
    raw: RawTable,
    column: &str,
) -> Result<Vec<(Option<String>, usize)>, ImportError> {
    let raw = select_columns(raw, &[column.to_string()])?;
    let mut counts: indexmap::IndexMap<Option<String>, usize> = indexmap::IndexMap::new();
    let col = raw
        .df
        .column(column)
        .and_then(|c| c.str().cloned())
        .map_err(|e| ImportError::Unreadable(e.to_string()))?;
    for v in col.iter() {
        *counts.entry(v.map(str::to_string)).or_insert(0) += 1;
    }
    Ok(counts.into_iter().collect())
}

/// Make header names usable: trim, name blanks `column_N`, number repeats `name_2`.
pub fn unique_names(header: &[String]) -> (Vec<String>, Vec<RenamedHeader>) {
    let mut names: Vec<String> = Vec::with_capacity(header.len());
    let mut renamed = Vec::new();
    for (i, raw) in header.iter().enumerate() {
        let trimmed = raw.trim();
        let base = if trimmed.is_empty() {
            format!("column_{}", i + 1)
        } else {
            trimmed.to_string()
        };
        let mut name = base.clone();
        let mut k = 2;
        while names.iter().any(|n| n == &name)
            || (name != base && header.iter().any(|h| h.trim() == name))
        {
            name = format!("{base}_{k}");
            k += 1;
        }
        if &name != raw {
            renamed.push(RenamedHeader {
                position: i + 1,
                original: raw.clone(),
                name: name.clone(),
            });
        }
        names.push(name);
    }
    (names, renamed)
}

/// Convert declared columns to their types and infer the others.
/// `declared` is (name, type) in the lesson's order.
pub fn apply_types(
    raw: RawTable,
    declared: &[(String, ColumnType)],
) -> Result<DataFrame, ImportError> {
    apply_types_with(raw, declared, &LoadProgress::new())
}

/// [`apply_types`], reporting "typing columns" progress column by column.
pub fn apply_types_with(
    raw: RawTable,
    declared: &[(String, ColumnType)],
    progress: &LoadProgress,
) -> Result<DataFrame, ImportError> {
    let typing = progress.stage_span(Stage::TypingColumns, 0.0, 1.0);
    let width = raw.df.width().max(1);
    let available: Vec<String> = raw
        .df
        .get_column_names()
        .iter()
        .map(|s| s.to_string())
        .collect();
    let missing: Vec<String> = declared
        .iter()
        .filter(|(n, _)| !available.contains(n))
        .map(|(n, _)| n.clone())
        .collect();
    if !missing.is_empty() {
        return Err(ImportError::MissingColumns { missing, available });
    }
    let mut columns = Vec::with_capacity(raw.df.width());
    for col in raw.df.columns() {
        go_on(progress)?;
        let named = |list: &[(String, ColumnType)]| {
            list.iter()
                .find(|(n, _)| n.as_str() == col.name().as_str())
                .map(|(_, t)| *t)
        };
        let ty = named(declared)
            .or_else(|| named(&raw.report.types))
            .unwrap_or_else(|| infer_type(col));
        let converted = convert_text_column(col, ty).map_err(|bad| ImportError::BadValue {
            row: bad.row + 1,
            line: raw
                .row_lines
                .get(bad.row)
                .map(|l| *l as usize)
                .unwrap_or(bad.row + 2),
            column: col.name().to_string(),
            value: bad.value,
            expected: ty,
            others: bad.count.saturating_sub(1),
        })?;
        columns.push(converted);
        typing.set(columns.len() as f32 / width as f32);
    }
    typing.finish();
    DataFrame::new(raw.df.height(), columns).map_err(|e| ImportError::Unreadable(e.to_string()))
}

/// Read and type a file in one go.
pub fn import_file(
    path: &Path,
    declared: &[(String, ColumnType)],
) -> Result<(DataFrame, ImportReport), ImportError> {
    let raw = read_raw_file(path)?;
    let report = raw.report.clone();
    Ok((apply_types(raw, declared)?, report))
}

/// Read and type in-memory bytes in one go.
pub fn import_bytes(
    bytes: &[u8],
    declared: &[(String, ColumnType)],
) -> Result<(DataFrame, ImportReport), ImportError> {
    let raw = read_raw(bytes)?;
    let report = raw.report.clone();
    Ok((apply_types(raw, declared)?, report))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decl(cols: &[(&str, ColumnType)]) -> Vec<(String, ColumnType)> {
        cols.iter().map(|(n, t)| (n.to_string(), *t)).collect()
    }

    #[test]
    fn progress_moves_forward_through_every_stage_to_one() {
        use std::io::Write;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.csv");
        let mut f = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
        writeln!(f, "member_id,zip,county,joined").unwrap();
        for i in 0..300_000u32 {
            writeln!(f, "{i:06},0{:04},Essex,2023-03-04", i % 10_000).unwrap();
        }
        drop(f);
        assert!(std::fs::metadata(&path).unwrap().len() > 8_000_000);
        let progress = LoadProgress::new();
        let watcher = progress.clone();
        let raw = read_raw_file_with(&path, None, &progress).unwrap();
        assert_eq!(raw.df.height(), 300_000);
        assert_eq!((watcher.fraction(), watcher.stage()), (1.0, "done"));
        let reports = watcher.reports();
        for pair in reports.windows(2) {
            assert!(pair[0].1 <= pair[1].1, "went back: {pair:?}");
        }
        let inside = |stage: &str| {
            reports
                .iter()
                .filter(|(s, f)| *s == stage && *f > 0.0 && *f < 1.0)
                .map(|(_, f)| f.to_bits())
                .collect::<std::collections::BTreeSet<_>>()
                .len()
        };
        assert!(inside("reading") >= 4, "{reports:?}");
        assert!(inside("splitting rows") >= 4, "{reports:?}");
        let stages: Vec<&str> = reports.iter().map(|(s, _)| *s).collect();
        for s in ["reading", "decoding", "splitting rows", "building table"] {
            assert!(stages.contains(&s), "no {s} in {stages:?}");
        }
    }

    #[test]
    fn counting_values_matches_a_full_import() {
        let csv = "id;county\n1;Essex\n2;\"Essex\"\n3;\n4;Suffolk\n5;\"Es;sex\"\n";
        let mut counts = count_values(csv.as_bytes(), "county").unwrap();
        counts.sort();
        assert_eq!(
            counts,
            vec![
                (None, 1),
                (Some("Es;sex".to_string()), 1),
                (Some("Essex".to_string()), 2),
                (Some("Suffolk".to_string()), 1)
            ]
        );
        let (df, _) = import_bytes(csv.as_bytes(), &[]).unwrap();
        assert_eq!(df.column("county").unwrap().null_count(), 1);
        assert!(matches!(
            count_values(csv.as_bytes(), "countie"),
            Err(ImportError::MissingColumns { .. })
        ));
        assert!(matches!(
            count_values(b"a,b\n1,2,3\n", "a"),
            Err(ImportError::Ragged { .. })
        ));
        assert_eq!(count_values(b"", "a"), Err(ImportError::Empty));
    }

    #[test]
    fn zips_keep_their_zeros_and_declared_dates_parse() {
        let csv = b"member_id,zip,joined,events\n001,02134,3/4/2023,2\n002,10001,2023-03-05,\n";
        let (df, report) = import_bytes(csv, &decl(&[("joined", ColumnType::Date)])).unwrap();
        assert_eq!(report.rows, 2);
        assert_eq!(
            df.column("zip").unwrap().str().unwrap().get(0),
            Some("02134")
        );
        assert_eq!(
            df.column("member_id").unwrap().str().unwrap().get(0),
            Some("001")
        );
        assert_eq!(df.column("joined").unwrap().dtype(), &DataType::Date);
        assert_eq!(df.column("events").unwrap().dtype(), &DataType::Int64);
    }

    #[test]
    fn a_bad_declared_value_names_row_line_and_column() {
        let csv = b"id,joined\n1,2023-01-01\n2,soon\n3,later\n";
        let err = import_bytes(csv, &decl(&[("joined", ColumnType::Date)])).unwrap_err();
        let msg = err.to_string();
        assert!(
            msg.contains("row 2 (line 3), column `joined`: \"soon\""),
            "{msg}"
        );
        assert!(msg.contains("1 more"), "{msg}");
    }

    #[test]
    fn repeated_and_blank_headers_are_renamed_and_reported() {
        let csv = b"Reserved,Reserved, ,email \nx,y,z,a@b.org\n";
        let (df, report) = import_bytes(csv, &[]).unwrap();
        let names: Vec<String> = df
            .get_column_names()
            .iter()
            .map(|s| s.to_string())
            .collect();
        assert_eq!(names, vec!["Reserved", "Reserved_2", "column_3", "email"]);
        assert_eq!(report.renamed.len(), 3);
    }

    #[test]
    fn semicolon_files_with_cp1252_read_cleanly() {
        let (df, report) = import_bytes(b"name;city\nJos\xe9;Lowell\n", &[]).unwrap();
        assert_eq!(report.delimiter, Some(';'));
        assert_eq!(
            df.column("name").unwrap().str().unwrap().get(0),
            Some("José")
        );
    }

    #[test]
    fn empty_header_only_and_ragged_files_say_why() {
        assert_eq!(import_bytes(b"", &[]).unwrap_err(), ImportError::Empty);
        assert!(matches!(
            import_bytes(b"a,b\n", &[]).unwrap_err(),
            ImportError::HeaderOnly(_)
        ));
        // A ragged row is set aside, not a reason to refuse the file...
        let raw = read_raw(b"a,b\n1,2\n3,4,5\n6,7\n").unwrap();
        assert_eq!(raw.df.height(), 2);
        assert_eq!(raw.row_lines, vec![2, 4]);
        let bad = &raw.report.quarantined;
        assert_eq!(
            (bad.len(), bad[0].line, bad[0].text.as_str()),
            (1, 3, "3,4,5")
        );
        assert!(
            raw.report
                .notes
                .iter()
                .any(|n| n.kind == "quarantined_rows")
        );
        // ...unless the reader is strict.
        let msg = read_raw_opts(
            b"a,b\n1,2\n3,4,5\n",
            None,
            &ReadOptions::strict(),
            &LoadProgress::new(),
        )
        .unwrap_err()
        .to_string();
        assert!(
            msg.starts_with("line 3 has 3 fields but the header has 2"),
            "{msg}"
        );
    }

    #[test]
    fn missing_declared_columns_are_all_listed_with_suggestions() {
        let msg = import_bytes(
            b"zip_code,mail\n1,2\n",
            &decl(&[("zip", ColumnType::Text), ("email", ColumnType::Text)]),
        )
        .unwrap_err()
        .to_string();
        assert!(
            msg.contains("`zip`") && msg.contains("`email`") && msg.contains("did you mean `mail`"),
            "{msg}"
        );
    }
}
