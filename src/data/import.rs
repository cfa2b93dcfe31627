//! Read an export into a table: detect the format and encoding, keep ID-like text,
//! apply the lesson's declared types, and name the row of anything that is wrong.
//!
//! Import is two stages so new formats slot in: a reader turns bytes into a
//! [`RawTable`] (every cell text, plus where each row came from); [`apply_types`]
//! then converts declared columns and infers the rest.

use crate::data::decode::{TextEncoding, decode};
use crate::data::scan::{Scan, Visit, scan, scan_visit, sniff_delimiter, unquote};
use crate::data::types::{ColumnType, convert_text_column, infer_type};
use crate::diag::suggestion;
use polars::prelude::*;
use serde::Serialize;
use std::io::Cursor;
use std::path::Path;
use thiserror::Error;

/// Why a file could not be imported, in words a learner can act on.
#[derive(Debug, Error, PartialEq)]
pub enum ImportError {
    /// The file could not be read from disk.
    #[error("cannot read the file: {0}")]
    Io(String),
    /// No bytes, or only blank lines.
    #[error("the file is empty: export the data again and check it has a header row and rows")]
    Empty,
    /// A header and nothing else.
    #[error("the file has a header row ({0}) but no data rows")]
    HeaderOnly(String),
    /// Rows with more or fewer fields than the header.
    #[error("{}", ragged_message(.lines, *.header_fields, *.total))]
    Ragged {
        /// Up to five (line, fields) examples.
        lines: Vec<(u32, usize)>,
        /// Fields in the header.
        header_fields: usize,
        /// Ragged rows in all.
        total: usize,
    },
    /// A declared column is not in the file.
    #[error("{}", missing_message(.missing, .available))]
    MissingColumns {
        /// Declared names not found.
        missing: Vec<String>,
        /// Columns the file has.
        available: Vec<String>,
    },
    /// A value does not parse as its declared type.
    #[error(
        "row {row} (line {line}), column `{column}`: \"{value}\" is not {}{}",
        .expected.example(),
        if *.others > 0 { format!(" ({} more value(s) in this column fail too)", .others) } else { String::new() }
    )]
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
    #[error("{0}")]
    Unsupported(String),
    /// The CSV reader failed for another reason.
    #[error("the file could not be read as a table: {0}")]
    Unreadable(String),
}

fn ragged_message(lines: &[(u32, usize)], header: usize, total: usize) -> String {
    let (first_line, first_n) = lines.first().copied().unwrap_or((0, 0));
    let more: Vec<String> = lines.iter().skip(1).map(|(l, _)| l.to_string()).collect();
    let also = if more.is_empty() {
        String::new()
    } else {
        format!("; also line(s) {}", more.join(", "))
    };
    format!(
        "line {first_line} has {first_n} fields but the header has {header}{also} ({total} row(s) in all). \
         A value probably contains the delimiter without quotes around it: quote that value, or re-export the file"
    )
}

fn missing_message(missing: &[String], available: &[String]) -> String {
    let cands: Vec<&str> = available.iter().map(String::as_str).collect();
    let parts: Vec<String> = missing
        .iter()
        .map(|m| format!("`{m}` ({})", suggestion(m, &cands)))
        .collect();
    format!(
        "the file has no column {}; map your columns or rename them in the header",
        parts.join(", ")
    )
}

/// How a file was read.
#[derive(Debug, Clone, Serialize)]
pub struct ImportReport {
    /// The text encoding.
    pub encoding: TextEncoding,
    /// The delimiter, as a character.
    pub delimiter: char,
    /// Data rows.
    pub rows: usize,
    /// Columns.
    pub columns: usize,
    /// Header names that were blank, repeated or padded and what they became.
    pub renamed: Vec<RenamedHeader>,
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

/// Read a file from disk (never modified) into a raw table.
pub fn read_raw_file(path: &Path) -> Result<RawTable, ImportError> {
    let bytes = std::fs::read(path).map_err(|e| ImportError::Io(e.to_string()))?;
    read_raw(&bytes)
}

/// Read bytes into a raw table, detecting the format.
pub fn read_raw(bytes: &[u8]) -> Result<RawTable, ImportError> {
    read_raw_columns(bytes, None)
}

/// Like [`read_raw`], keeping only `columns` (all when `None`). A name that is
/// not in the file is an error listing the file's columns.
pub fn read_raw_columns(bytes: &[u8], columns: Option<&[String]>) -> Result<RawTable, ImportError> {
    refuse_unsupported(bytes)?;
    let (text, encoding) = decode(bytes);
    read_delimited(&text, encoding, columns)
}

/// Formats recognised but not read yet get a plain message.
fn refuse_unsupported(bytes: &[u8]) -> Result<(), ImportError> {
    if bytes.starts_with(b"PK\x03\x04") {
        return Err(ImportError::Unsupported(
            "this is an Excel workbook (.xlsx); huddle reads CSV and tab-separated text for now: \
             in Excel use File → Save As → CSV UTF-8"
                .into(),
        ));
    }
    if bytes.starts_with(b"PAR1") {
        return Err(ImportError::Unsupported(
            "this is a Parquet file; huddle reads CSV and tab-separated text for now".into(),
        ));
    }
    Ok(())
}

fn read_delimited(
    text: &str,
    encoding: TextEncoding,
    columns: Option<&[String]>,
) -> Result<RawTable, ImportError> {
    if text.trim().is_empty() {
        return Err(ImportError::Empty);
    }
    let delimiter = sniff_delimiter(text);
    let s = scan(text, delimiter);
    check_shape(&s)?;
    let (names, renamed) = unique_names(&s.header);
    let schema: Schema = names
        .iter()
        .map(|n| Field::new(n.as_str().into(), DataType::String))
        .collect();
    if let Some(wanted) = columns {
        let missing: Vec<String> = wanted
            .iter()
            .filter(|w| !names.contains(w))
            .cloned()
            .collect();
        if !missing.is_empty() {
            return Err(ImportError::MissingColumns {
                missing,
                available: names,
            });
        }
    }
    let projection: Option<Arc<[PlSmallStr]>> =
        columns.map(|c| c.iter().map(|n| PlSmallStr::from(n.as_str())).collect());
    let df = CsvReadOptions::default()
        .with_has_header(true)
        .with_schema(Some(Arc::new(schema)))
        .with_columns(projection)
        .with_parse_options(
            CsvParseOptions::default()
                .with_separator(delimiter)
                .with_quote_char(Some(b'"')),
        )
        .into_reader_with_file_handle(Cursor::new(text.as_bytes()))
        .finish()
        .map_err(|e| {
            ImportError::Unreadable(e.to_string().lines().next().unwrap_or("").to_string())
        })?;
    let report = ImportReport {
        encoding,
        delimiter: delimiter as char,
        rows: df.height(),
        columns: df.width(),
        renamed,
    };
    let row_lines = if s.row_lines.len() == df.height() {
        s.row_lines
    } else {
        Vec::new()
    };
    Ok(RawTable {
        df,
        row_lines,
        report,
    })
}

/// Refuse a scan with no data rows or with ragged rows.
fn check_shape(s: &Scan) -> Result<(), ImportError> {
    if s.row_lines.is_empty() {
        return Err(ImportError::HeaderOnly(s.header.join(", ")));
    }
    if !s.ragged.is_empty() {
        return Err(ImportError::Ragged {
            lines: s.ragged.iter().take(5).copied().collect(),
            header_fields: s.header.len(),
            total: s.ragged.len(),
        });
    }
    Ok(())
}

/// Rows per value of `column`, counted in the one pass that checks the file, with
/// no table built: what a quick bar chart of a big export needs. Blank cells count
/// as `None`. Same errors as a full import (empty, header only, ragged, missing column).
pub fn count_values(
    bytes: &[u8],
    column: &str,
) -> Result<Vec<(Option<String>, usize)>, ImportError> {
    refuse_unsupported(bytes)?;
    let (text, _) = decode(bytes);
    if text.trim().is_empty() {
        return Err(ImportError::Empty);
    }
    let (s, counts) = count_cells(&text, column);
    check_shape(&s)?;
    let (names, _) = unique_names(&s.header);
    if !names.iter().any(|n| n == column) {
        return Err(ImportError::MissingColumns {
            missing: vec![column.to_string()],
            available: names,
        });
    }
    // Cells that differ only in quoting are the same value.
    let mut merged: indexmap::IndexMap<Option<String>, usize> = indexmap::IndexMap::new();
    for (raw, n) in counts {
        let v = unquote(raw);
        let key = (!v.is_empty() || raw.starts_with('"')).then(|| v.into_owned());
        *merged.entry(key).or_insert(0) += n;
    }
    Ok(merged.into_iter().collect())
}

fn count_cells<'a>(text: &'a str, column: &str) -> (Scan, PlHashMap<&'a str, usize>) {
    let mut counts: PlHashMap<&'a str, usize> = PlHashMap::default();
    let mut cell = |c: &'a str| *counts.entry(c).or_insert(0) += 1;
    let pick = |h: &[String]| unique_names(h).0.iter().position(|n| n == column);
    let s = scan_visit(
        text,
        sniff_delimiter(text),
        Some(Visit {
            pick: &pick,
            cell: &mut cell,
        }),
    );
    (s, counts)
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
        let ty = declared
            .iter()
            .find(|(n, _)| n.as_str() == col.name().as_str())
            .map(|(_, t)| *t)
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
    }
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
        assert_eq!(report.delimiter, ';');
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
        let msg = import_bytes(b"a,b\n1,2\n3,4,5\n", &[])
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
