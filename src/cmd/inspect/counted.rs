//! The report of a delimited file from its survey ([`crate::data::survey`]): each
//! column typed, profiled and checked from its distinct values and their rows, as
//! the table read whole would be.

use super::{ColumnInfo, Inspection, iso_dates, renamed_problems};
use crate::data::delimited::{bare_cr_note, decimal_commas, decimal_commas_note};
use crate::data::distinct::ValueCounts;
use crate::data::import::unique_names;
use crate::data::layout::SkippedLine;
use crate::data::problems::{self, Problem};
use crate::data::profile::profile_counted;
use crate::data::quarantine::{BadRow, LineUnit, reading_notes};
use crate::data::survey::Survey;
use crate::data::types::{infer_and_convert, is_blank_cell};
use polars::prelude::*;

/// What one column's distinct values say.
struct Findings {
    info: ColumnInfo,
    /// Its numbers are written with a decimal comma.
    decimal: bool,
    /// Notes on numbers written with separators or as percents.
    written: Vec<Problem>,
    /// Its problems ([`problems::in_column`]).
    problems: Vec<Problem>,
    /// Its value shapes ([`crate::data::value_shapes::in_column`]).
    shapes: Vec<Problem>,
    /// It stays text once written numbers are read.
    text: bool,
}

/// The inspection of the delimited `file` from its survey.
pub(super) fn describe(file: String, survey: Survey) -> Inspection {
    use rayon::prelude::*;
    let Survey {
        read,
        columns,
        subtotal,
        over_budget,
    } = survey;
    let (names, renamed) = unique_names(&read.header);
    let delimiter = read.layout.delimiter;
    let height = read.good.rows;
    // Each column's values are let go once it is described.
    let mut unkept_notes: Vec<Option<Problem>> = Vec::new();
    if over_budget {
        unkept_notes = names
            .iter()
            .zip(&columns)
            .map(|(n, c)| unkept(n, c))
            .collect();
    }
    let findings: Vec<Findings> = names
        .par_iter()
        .zip(columns.into_par_iter())
        .map(|(name, counts)| findings(name, counts, delimiter, height))
        .collect();
    let quarantined: Vec<BadRow> = read.set_aside();
    let footnotes: Vec<SkippedLine> = read.footnote_lines();
    let header_line = (!read.layout.headerless()).then_some(read.layout.first_line);
    let mut found = renamed_problems(&renamed);
    found.extend(reading_notes(
        &quarantined,
        &read.layout.skipped,
        &footnotes,
        header_line,
        LineUnit::Line,
    ));
    if read.bare_cr {
        found.push(bare_cr_note());
    }
    let decimal: Vec<String> = names
        .iter()
        .zip(&findings)
        .filter(|(_, f)| f.decimal)
        .map(|(n, _)| n.clone())
        .collect();
    if !decimal.is_empty() {
        found.push(decimal_commas_note(&decimal));
    }
    found.extend(findings.iter().flat_map(|f| f.written.iter().cloned()));
    found.extend(findings.iter().flat_map(|f| f.problems.iter().cloned()));
    found.extend(findings.iter().flat_map(|f| f.shapes.iter().cloned()));
    if let (Some(first), Some(f)) = (names.first(), findings.first())
        && f.text
    {
        found.extend(subtotal.problem(first));
    }
    found.extend(unkept_notes.into_iter().flatten());
    Inspection {
        file,
        encoding: read
            .encoding
            .unwrap_or(crate::data::decode::TextEncoding::Utf8),
        delimiter: Some(delimiter as char),
        sheet: None,
        sheets: Vec::new(),
        hidden_sheets: Vec::new(),
        rows: height,
        columns: names.len(),
        column_info: findings.into_iter().map(|f| f.info).collect(),
        problems: found,
        header_line,
        quarantined,
    }
}

/// Type, profile and check the column `name` from its distinct values.
fn findings(name: &str, counts: ValueCounts, delimiter: u8, height: usize) -> Findings {
    let nulls = (counts.nulls() > 0).then_some(None);
    let texts = counts.iter().map(|(v, _)| Some(v)).chain(nulls);
    let col = StringChunked::from_iter_options(name.into(), texts).into_column();
    let mut rows_of: Vec<u64> = counts.iter().map(|(_, n)| n).collect();
    if counts.nulls() > 0 {
        rows_of.push(counts.nulls());
    }
    let filled: u64 = counts
        .iter()
        .filter(|(v, _)| !is_blank_cell(v))
        .map(|(_, n)| n)
        .sum();
    let (blank, kept) = (counts.nulls() as usize, counts.len());
    drop(counts);
    let df = DataFrame::new(col.len(), vec![col]).unwrap_or_default();
    // The rules a whole read applies, in its order: decimal commas in a semicolon
    // file, then thousands separators and percents, then the column's type.
    let (df, decimal) = if delimiter == b';' {
        decimal_commas(df)
    } else {
        (df, Vec::new())
    };
    let (df, mut written) = crate::data::number_text::read_written_numbers(df, delimiter != b';');
    for w in &mut written {
        w.rows = filled as usize;
    }
    let Ok(col) = df.column(name).cloned() else {
        return Findings {
            info: ColumnInfo {
                name: name.to_string(),
                kind: "text",
                nulls: blank,
                distinct: kept,
                examples: Vec::new(),
            },
            decimal: false,
            written,
            problems: Vec::new(),
            shapes: Vec::new(),
            text: false,
        };
    };
    // The checks and the profile read the same values: they run side by side.
    let ((found, shapes, text), (kind, nulls, distinct, examples)) = rayon::join(
        || checked(name, &col, &rows_of, height),
        || profiled(name, &col, &rows_of, (blank, kept)),
    );
    Findings {
        info: ColumnInfo {
            name: name.to_string(),
            kind,
            nulls,
            distinct,
            examples,
        },
        decimal: !decimal.is_empty(),
        written,
        problems: found,
        shapes,
        text,
    }
}

/// The problems and value shapes of the column `col`, whose distinct values hold
/// `rows_of` rows each, and whether it is text.
fn checked(
    name: &str,
    col: &Column,
    rows_of: &[u64],
    height: usize,
) -> (Vec<Problem>, Vec<Problem>, bool) {
    let Ok(ca) = col.str() else {
        return (Vec::new(), Vec::new(), false);
    };
    let values: Vec<(&str, u64)> = ca
        .iter()
        .zip(rows_of)
        .filter_map(|(v, n)| Some((v?, *n)))
        .collect();
    let (found, shapes) = rayon::join(
        || problems::in_column(name, &values, height),
        || crate::data::value_shapes::in_column(name, &values),
    );
    (found, shapes, true)
}

/// The column `col` typed and profiled: its kind, blanks, distinct values and most
/// common ones; `(blank, kept)` when it has no profile.
fn profiled(
    name: &str,
    col: &Column,
    rows_of: &[u64],
    (blank, kept): (usize, usize),
) -> (&'static str, usize, usize, Vec<String>) {
    let typed = infer_and_convert(col);
    let series = typed.as_materialized_series();
    match profile_counted(name, series, rows_of, 3) {
        Some(p) => {
            let iso = (p.kind == "text")
                .then(|| series.str().ok().and_then(iso_dates))
                .flatten();
            (
                iso.unwrap_or(p.kind),
                p.nulls,
                p.distinct,
                p.top.into_iter().map(|(v, _)| v).collect(),
            )
        }
        None => ("text", blank, kept, Vec::new()),
    }
}

/// The note that some of `name`'s values were not kept: the memory budget was
/// reached, so what the report says of the column is from the values kept.
fn unkept(name: &str, counts: &ValueCounts) -> Option<Problem> {
    let rows = counts.unkept();
    (rows > 0).then(|| Problem {
        kind: "values_not_kept",
        column: Some(name.to_string()),
        rows: rows as usize,
        message: crate::i18n::trf(
            "`{name}`: {rows} row(s) hold values past what inspect keeps in memory; its distinct count, most common values and problems are from the first {kept} values. Inspect a smaller part of the file for all of them",
            &[("name", &name), ("rows", &rows), ("kept", &counts.len())],
        ),
        examples: Vec::new(),
    })
}
