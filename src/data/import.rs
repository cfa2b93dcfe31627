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
use crate::data::types::{ColumnType, convert_text_column};
use polars::prelude::*;
use serde::Serialize;
use std::path::Path;

mod error;
#[cfg(test)]
mod tests;

pub use error::ImportError;

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
pub(crate) enum Kind {
    Text,
    Workbook,
    Parquet,
}

pub(crate) fn sniff_kind(bytes: &[u8]) -> Kind {
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
    read_raw_columns_with(bytes, columns, opts, &LoadProgress::new())
}

/// [`read_raw_columns_opts`], reporting progress.
pub fn read_raw_columns_with(
    bytes: &[u8],
    columns: Option<&[String]>,
    opts: &ReadOptions,
    progress: &LoadProgress,
) -> Result<RawTable, ImportError> {
    if sniff_kind(bytes) == Kind::Text {
        let raw = read_text(bytes, columns, opts, progress)?;
        progress.finish();
        return Ok(raw);
    }
    let raw = read_raw_opts(bytes, None, opts, progress)?;
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
pub(crate) fn refuse_web_page(bytes: &[u8]) -> Result<(), ImportError> {
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

/// A chart's columns tallied in the one pass that checks a delimited file
/// ([`crate::data::tally`]). `None` when they must be read whole instead: workbooks
/// and Parquet, or values the tally does not read (see [`crate::data::tally::tally_text`]).
pub fn tally_file(
    bytes: &[u8],
    want: &crate::data::tally::Want<'_>,
    opts: &ReadOptions,
    progress: &LoadProgress,
) -> Result<Option<crate::data::tally::Tally>, ImportError> {
    if sniff_kind(bytes) != Kind::Text {
        return Ok(None);
    }
    refuse_web_page(bytes)?;
    let (text, _) = decode(bytes);
    crate::data::tally::tally_text(&text, want, opts, progress)
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
    // Columns are typed side by side, on every core; the first bad value reported
    // is the first in column order, as when they were typed one by one.
    use rayon::prelude::*;
    let done = std::sync::atomic::AtomicUsize::new(0);
    let typed: Vec<Result<Column, ImportError>> = raw
        .df
        .columns()
        .par_iter()
        .map(|col| {
            go_on(progress)?;
            let named = |list: &[(String, ColumnType)]| {
                list.iter()
                    .find(|(n, _)| n.as_str() == col.name().as_str())
                    .map(|(_, t)| *t)
            };
            let Some(ty) = named(declared).or_else(|| named(&raw.report.types)) else {
                let typed = crate::data::types::infer_and_convert(col);
                let n = done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
                typing.set(n as f32 / width as f32);
                return Ok(typed);
            };
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
            let n = done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
            typing.set(n as f32 / width as f32);
            Ok(converted)
        })
        .collect();
    let columns = typed.into_iter().collect::<Result<Vec<_>, _>>()?;
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
