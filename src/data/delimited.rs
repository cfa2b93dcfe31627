//! Delimited text (already decoded) into a [`RawTable`], in one pass over the file:
//! the layout (separator, header line) is found from the first lines, the scan
//! marks each record good or ragged, and polars reads only the good records.
//! Ragged rows are set aside with their text ([`BadRow`]); footnotes after the
//! data and titles above the header are skipped and reported.

use crate::data::decode::TextEncoding;
use crate::data::import::{ImportError, ImportReport, RawTable, ReadOptions, go_on, unique_names};
use crate::data::layout::{
    Layout, SkippedLine, drop_space_after, excerpt, find_layout, plain_line_endings,
};
use crate::data::load_progress::{LoadProgress, Stage};
use crate::data::quarantine::{BadRow, LineUnit, reading_notes};
use crate::data::scan::{BadRecord, Scan, scan_layout, split_record};
use polars::prelude::*;
use std::borrow::Cow;
use std::io::Cursor;

/// Text with plain line endings and no space after the separator, and where the
/// table sits in it.
pub(crate) struct Prepared<'t> {
    /// The text the scan and polars read.
    pub text: Cow<'t, str>,
    /// Where the table is.
    pub layout: Layout,
    /// Whether the file had bare CR line endings.
    pub bare_cr: bool,
}

/// Make line endings plain, find the layout, drop the space of `, ` separators.
pub(crate) fn prepare<'t>(text: &'t str, opts: &ReadOptions) -> Prepared<'t> {
    let (text, bare_cr) = plain_line_endings(text);
    let layout = find_layout(&text, opts.header);
    if layout.comma_space {
        let spaced = drop_space_after(&text, layout.delimiter);
        let layout = find_layout(&spaced, opts.header);
        return Prepared {
            text: Cow::Owned(spaced),
            layout,
            bare_cr,
        };
    }
    Prepared {
        text,
        layout,
        bare_cr,
    }
}

/// What the scan found, sorted into data, set-aside rows and footnotes.
pub(crate) struct Sorted {
    pub scan: Scan,
    pub bad: Vec<BadRecord>,
    pub footnotes: Vec<BadRecord>,
}

/// Split the ragged records into footnotes (a run after the last good row whose
/// rows are mostly empty) and rows set aside; refuse when strict, or when more rows
/// are ragged than good (the file is not read as the table it is).
pub(crate) fn sort_records(
    text: &str,
    mut scan: Scan,
    delimiter: u8,
    strict: bool,
) -> Result<Sorted, ImportError> {
    let ragged = std::mem::take(&mut scan.ragged);
    let good = Good {
        rows: scan.row_lines.len(),
        last_line: scan.row_lines.last().copied().unwrap_or(0),
    };
    let (bad, footnotes) = sort_ragged(text, ragged, &scan.header, good, delimiter, strict)?;
    Ok(Sorted {
        scan,
        bad,
        footnotes,
    })
}

/// The good records a scan found: how many, and the line of the last.
#[derive(Debug, Clone, Copy, Default)]
pub struct Good {
    /// Good records.
    pub rows: usize,
    /// 1-based line where the last one starts.
    pub last_line: u32,
}

/// [`sort_records`] given only the ragged records (their spans into `text`) and the
/// good records' count: gives the rows set aside and the footnotes.
pub(crate) fn sort_ragged(
    text: &str,
    mut ragged: Vec<BadRecord>,
    header: &[String],
    good: Good,
    delimiter: u8,
    strict: bool,
) -> Result<(Vec<BadRecord>, Vec<BadRecord>), ImportError> {
    let width = header.len();
    let last_good = good.last_line;
    let mut footnotes = Vec::new();
    while let Some(r) = ragged.last() {
        // A footnote is one cell of words after the last good row, not a short record.
        let row = split_record(&text[r.span.0..r.span.1], delimiter);
        let cells: Vec<&String> = row.iter().filter(|c| !c.trim().is_empty()).collect();
        let note = cells.len() == 1 && cells[0].chars().any(char::is_alphabetic);
        if r.line > last_good && note {
            if let Some(f) = ragged.pop() {
                footnotes.push(f);
            }
        } else {
            break;
        }
    }
    footnotes.reverse();
    if good.rows == 0 && ragged.is_empty() {
        return Err(ImportError::HeaderOnly(excerpt(&header.join(", "))));
    }
    if !ragged.is_empty() && (strict || ragged.len() > good.rows) {
        // More ragged rows than good ones: this is not the table the file holds.
        return Err(ImportError::Ragged {
            lines: ragged.iter().take(5).map(|r| (r.line, r.fields)).collect(),
            header_fields: width,
            total: ragged.len(),
        });
    }
    Ok((ragged, footnotes))
}

/// Blank lines at the end of the data need no copy to leave out: the data ends
/// before them. Returns the new end and the blank lines still inside the data.
fn without_trailing_blanks<'b>(
    text: &str,
    mut end: usize,
    blank: &'b [(usize, usize)],
) -> (usize, &'b [(usize, usize)]) {
    let mut inside = blank;
    while let Some((&(start, next), rest)) = inside.split_last() {
        let after = text.get(next.min(end)..end).unwrap_or("");
        if start < end && after.trim().is_empty() {
            end = start;
            inside = rest;
        } else if start >= end {
            inside = rest;
        } else {
            break;
        }
    }
    (end, inside)
}

/// The good records only, from the first data row to the last good row: the text
/// itself when nothing was set aside, else a copy without the set-aside rows and
/// blank lines.
fn good_body<'t>(
    text: &'t str,
    from: usize,
    to: usize,
    bad: &[BadRecord],
    blank: &[(usize, usize)],
) -> Cow<'t, str> {
    let to = to.max(from).min(text.len());
    if bad.is_empty() && blank.is_empty() {
        return Cow::Borrowed(&text[from..to]);
    }
    let mut cuts: Vec<(usize, usize)> = bad.iter().map(|r| (r.span.0, r.next)).collect();
    cuts.extend(blank.iter().copied());
    cuts.sort_unstable();
    let mut out = String::with_capacity(to - from);
    let mut at = from;
    for (start, next) in cuts {
        let start = start.min(to);
        if start > at {
            out.push_str(&text[at..start]);
        }
        at = next.max(at);
    }
    if to > at {
        out.push_str(&text[at..to]);
    }
    Cow::Owned(out)
}

/// Read delimited text into a raw table.
pub(crate) fn read_delimited(
    text: &str,
    encoding: TextEncoding,
    columns: Option<&[String]>,
    opts: &ReadOptions,
    progress: &LoadProgress,
) -> Result<RawTable, ImportError> {
    if text.trim().is_empty() {
        return Err(ImportError::Empty);
    }
    let Prepared {
        text,
        layout,
        bare_cr,
    } = prepare(text, opts);
    let rows = progress.stage_span(Stage::SplittingRows, 0.05, 0.5);
    let s = scan_layout(&text, &layout, None, Some(&rows));
    go_on(progress)?;
    let Sorted {
        scan: s,
        bad,
        footnotes,
    } = sort_records(&text, s, layout.delimiter, opts.strict)?;
    progress.stage_span(Stage::BuildingTable, 0.5, 1.0);
    let (names, renamed) = unique_names(&s.header);
    let schema: Schema = names
        .iter()
        .map(|n| Field::new(n.as_str().into(), DataType::String))
        .collect();
    let projection: Option<Vec<usize>> = match columns {
        Some(wanted) => {
            crate::data::import::check_columns(wanted, &names)?;
            Some(
                wanted
                    .iter()
                    .filter_map(|w| names.iter().position(|n| n == w))
                    .collect(),
            )
        }
        None => None,
    };
    let end = footnotes.first().map_or(text.len(), |f| f.span.0);
    let (end, blank) = without_trailing_blanks(&text, end, &s.blank);
    let body = good_body(&text, s.data_start, end, &bad, blank);
    let df = if s.row_lines.is_empty() {
        DataFrame::empty_with_schema(&schema)
    } else {
        CsvReadOptions::default()
            .with_has_header(false)
            .with_schema(Some(Arc::new(schema)))
            .with_projection(projection.map(Arc::new))
            .with_parse_options(
                CsvParseOptions::default()
                    .with_separator(layout.delimiter)
                    .with_quote_char(Some(b'"')),
            )
            .into_reader_with_file_handle(Cursor::new(body.as_bytes()))
            .finish()
            .map_err(|e| unreadable(&e, &s))?
    };
    let quarantined: Vec<BadRow> = bad
        .iter()
        .map(|r| BadRow {
            line: r.line,
            fields: r.fields,
            expected: names.len(),
            text: text[r.span.0..r.span.1].to_string(),
        })
        .collect();
    let footnotes: Vec<SkippedLine> = footnotes
        .iter()
        .map(|r| SkippedLine {
            line: r.line,
            text: excerpt(&text[r.span.0..r.span.1]),
        })
        .collect();
    Ok(table_read(
        df,
        TableParts {
            encoding,
            layout: &layout,
            renamed,
            quarantined,
            footnotes,
            bare_cr,
            row_lines: s.row_lines,
        },
    ))
}

/// What a read of delimited text found besides the table's columns.
pub(crate) struct TableParts<'l> {
    pub encoding: TextEncoding,
    pub layout: &'l Layout,
    /// Header names that had to be renamed.
    pub renamed: Vec<crate::data::import::RenamedHeader>,
    pub quarantined: Vec<BadRow>,
    pub footnotes: Vec<SkippedLine>,
    pub bare_cr: bool,
    /// The line each good record starts on.
    pub row_lines: Vec<u32>,
}

/// The raw table of the text columns `df` read from delimited text: numbers with
/// decimal commas (a semicolon file) or written for people made plain, and the
/// report of what reading found and changed.
pub(crate) fn table_read(df: DataFrame, parts: TableParts<'_>) -> RawTable {
    let TableParts {
        encoding,
        layout,
        renamed,
        quarantined,
        footnotes,
        bare_cr,
        row_lines,
    } = parts;
    let (df, decimal) = if layout.delimiter == b';' {
        decimal_commas(df)
    } else {
        (df, Vec::new())
    };
    let (df, written_numbers) =
        crate::data::number_text::read_written_numbers(df, layout.delimiter != b';');
    let header_line = (!layout.headerless()).then_some(layout.first_line);
    let mut notes = reading_notes(
        &quarantined,
        &layout.skipped,
        &footnotes,
        header_line,
        LineUnit::Line,
    );
    if bare_cr {
        notes.push(bare_cr_note());
    }
    if !decimal.is_empty() {
        notes.push(decimal_commas_note(&decimal));
    }
    notes.extend(written_numbers);
    let row_lines = if row_lines.len() == df.height() {
        row_lines
    } else {
        Vec::new()
    };
    RawTable {
        report: ImportReport {
            encoding,
            delimiter: Some(layout.delimiter as char),
            rows: df.height(),
            columns: df.width(),
            renamed,
            sheet: None,
            notes,
            header_line,
            header_rows: layout.header_rows,
            skipped_above: layout.skipped.clone(),
            footnotes,
            quarantined,
            types: Vec::new(),
        },
        df,
        row_lines,
    }
}

/// The note that a file's lines end with a bare CR.
pub(crate) fn bare_cr_note() -> crate::data::problems::Problem {
    crate::data::problems::Problem {
        kind: "bare_cr_line_endings",
        column: None,
        rows: 0,
        message: crate::i18n::tr(
            "lines end with a bare CR (classic Mac line endings); they were read as line breaks",
        )
        .to_string(),
        examples: Vec::new(),
    }
}

/// The note that the `columns` hold numbers written with a decimal comma.
pub(crate) fn decimal_commas_note(columns: &[String]) -> crate::data::problems::Problem {
    crate::data::problems::Problem {
        kind: "decimal_commas",
        column: None,
        rows: 0,
        message: crate::i18n::trf(
            "numbers with a decimal comma (61,5) were read as numbers in: {columns}",
            &[("columns", &columns.join(", "))],
        ),
        examples: Vec::new(),
    }
}

/// A polars failure in words, naming the first data line.
fn unreadable(e: &PolarsError, s: &Scan) -> ImportError {
    let first = e.to_string();
    let first = first.lines().next().unwrap_or("");
    ImportError::Unreadable(crate::i18n::trf(
        "the rows starting at line {line} could not be split into the header's {n} columns ({detail}); check the file's quotes, or re-export it",
        &[
            ("line", &s.row_lines.first().copied().unwrap_or(1)),
            ("n", &s.header.len()),
            ("detail", &first),
        ],
    ))
}

/// Whether `v` is a number written with a decimal comma (`61,5`, `-0,25`).
fn decimal_comma_number(v: &str) -> bool {
    let t = v.trim().trim_start_matches(['-', '+']);
    match t.split_once(',') {
        Some((int, frac)) => {
            !int.is_empty()
                && !frac.is_empty()
                && int.bytes().all(|b| b.is_ascii_digit())
                && frac.bytes().all(|b| b.is_ascii_digit())
                && !(int.len() > 1 && int.starts_with('0'))
        }
        None => false,
    }
}

/// In a semicolon file, columns whose values are all numbers and some have a decimal
/// comma get a decimal point instead, so they read as numbers; their names are returned.
pub(crate) fn decimal_commas(mut df: DataFrame) -> (DataFrame, Vec<String>) {
    let mut changed = Vec::new();
    let names: Vec<PlSmallStr> = df.get_column_names().into_iter().cloned().collect();
    for name in names {
        let Ok(ca) = df.column(&name).and_then(|c| c.str().cloned()) else {
            continue;
        };
        let mut commas = DecimalCommas::default();
        if !ca.iter().flatten().all(|v| commas.see(v)) || !commas.found() {
            continue;
        }
        let col = with_decimal_points(&ca).into_column();
        if df.with_column(col).is_ok() {
            changed.push(name.to_string());
        }
    }
    (df, changed)
}

/// Whether a column's numbers are written with a decimal comma, found value by
/// value: every value a whole number or a decimal-comma number, some of them the latter.
#[derive(Debug, Clone, Default)]
pub(crate) struct DecimalCommas {
    commas: usize,
    other: bool,
}

impl DecimalCommas {
    /// Look at one value (not null); `false` once the column cannot be one.
    pub(crate) fn see(&mut self, v: &str) -> bool {
        if self.other {
            return false;
        }
        let t = crate::data::types::trim_cell(v);
        let whole = t.is_empty() || crate::data::types::parse_integer(t).is_some();
        if whole {
            return true;
        }
        if decimal_comma_number(t) {
            self.commas += 1;
        } else {
            self.other = true;
        }
        !self.other
    }

    /// These values' findings followed by `later`'s, seen apart (side by side).
    pub(crate) fn absorb(&mut self, later: &DecimalCommas) {
        self.commas += later.commas;
        self.other |= later.other;
    }

    /// Whether a value seen rules the column out (it stays ruled out).
    pub(crate) fn ruled_out(&self) -> bool {
        self.other
    }

    /// Whether the values seen make a decimal-comma column.
    pub(crate) fn found(&self) -> bool {
        !self.other && self.commas > 0
    }
}

/// A column's values with the first comma made a decimal point, nulls kept.
pub(crate) fn with_decimal_points(ca: &StringChunked) -> StringChunked {
    let fixed: StringChunked = ca
        .iter()
        .map(|v| v.map(|v| v.replacen(',', ".", 1)))
        .collect();
    fixed.with_name(ca.name().clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blank_lines_at_the_end_are_cut_off_without_a_copy() {
        let text = "a,b\n1,2\n3,4\n\n\n";
        let s = scan_layout(text, &Layout::plain(b','), None, None);
        assert_eq!(s.blank.len(), 2);
        let (end, inside) = without_trailing_blanks(text, text.len(), &s.blank);
        assert!(inside.is_empty());
        let body = good_body(text, s.data_start, end, &[], inside);
        assert!(matches!(body, Cow::Borrowed("1,2\n3,4\n")), "{body:?}");
        // A blank line among the rows is left out with a copy.
        let text = "a,b\n1,2\n\n3,4\n";
        let s = scan_layout(text, &Layout::plain(b','), None, None);
        let (end, inside) = without_trailing_blanks(text, text.len(), &s.blank);
        assert_eq!(
            good_body(text, s.data_start, end, &[], inside),
            "1,2\n3,4\n"
        );
    }
}
