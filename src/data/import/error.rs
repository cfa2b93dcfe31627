//! Why a file could not be imported, in words a learner can act on: each error
//! names the place (line, sheet, column) and the fix.

use crate::data::types::ColumnType;
use crate::diag::suggestion;

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
