//! A chart's numbers tallied in the one pass that checks a delimited file, with no
//! table built: the rows (and a value column's sum) per distinct category, or the
//! distinct pairs of numbers. Only the chart's columns are looked at, and a
//! value column's numbers are read once, as they go by.
//!
//! Distinct values are few next to rows, so they are then typed by the very rules
//! that type a table's columns (decimal commas, thousands separators, percents,
//! whole numbers, numbers), and a chart drawn from the tally is the chart drawn from
//! the whole table.

use crate::data::delimited::decimal_commas;
use crate::data::import::{ImportError, ReadOptions, unique_names};
use crate::data::load_progress::LoadProgress;
use crate::data::number_reading::NumberReading;
use crate::data::scan::{scan_picked, unquote};
use crate::data::types::{infer_and_convert, is_blank_cell, trim_cell};
use polars::prelude::*;

/// What to tally.
#[derive(Debug, Clone, Copy)]
pub enum Want<'c> {
    /// Rows per value of `x`; with `y`, also the sum and the count of `y`'s numbers.
    ByX {
        /// The category column.
        x: &'c str,
        /// The value column whose numbers are added up.
        y: Option<&'c str>,
    },
    /// Rows per distinct pair of numbers (`x`, `y`); rows where either is blank
    /// are left out. `None` unless both columns are plain numbers.
    Pairs {
        /// The first column.
        x: &'c str,
        /// The second column (not `x`).
        y: &'c str,
    },
}

impl Want<'_> {
    /// The columns looked at, in the order their cells are handed over.
    fn columns(&self) -> Vec<&str> {
        match *self {
            Want::ByX { x, y } => std::iter::once(x).chain(y).collect(),
            Want::Pairs { x, y } => vec![x, y],
        }
    }
}

/// Names of the tally's own columns next to the chart's.
pub const ROWS: &str = "rows";
/// The sum of the value column's numbers per category.
pub const SUM: &str = "sum";
/// How many of the value column's cells per category hold a number.
pub const NUMBERS: &str = "numbers";

/// What one pass tallied.
#[derive(Debug, Clone)]
pub struct Tally {
    /// What was counted.
    pub counted: Counted,
    /// Data rows read.
    pub rows: usize,
    /// Lines of rows left out because they could not be read.
    pub set_aside: Vec<u32>,
}

/// What a tally counted, by what was wanted.
#[derive(Debug, Clone)]
pub enum Counted {
    /// For [`Want::ByX`], one row per distinct value: the chart's columns, typed
    /// as a whole table's would be, then [`ROWS`], and for a value column [`SUM`]
    /// and [`NUMBERS`].
    Values(DataFrame),
    /// For [`Want::Pairs`]: each distinct pair of numbers once.
    Pairs(Pairs),
}

/// The distinct pairs of numbers of two columns.
#[derive(Debug, Clone, PartialEq)]
pub struct Pairs {
    /// The first column's name.
    pub x: String,
    /// The second column's name.
    pub y: String,
    /// Each distinct pair once, in order.
    pub points: Vec<(f64, f64)>,
    /// Rows that held a pair of numbers.
    pub rows: u64,
}

impl Pairs {
    /// The pairs as a table of the columns `x` and `y`, one row per pair.
    pub fn table(&self) -> PolarsResult<DataFrame> {
        let (xs, ys): (Vec<f64>, Vec<f64>) = self.points.iter().copied().unzip();
        DataFrame::new(
            self.points.len(),
            vec![
                Column::new(self.x.as_str().into(), xs),
                Column::new(self.y.as_str().into(), ys),
            ],
        )
    }
}

/// Rows and the value column's numbers of one category.
#[derive(Debug, Clone, Copy, Default)]
struct Group {
    rows: u64,
    sum: f64,
    numbers: u64,
}

/// Tally decoded delimited `text`. `None` when a value column holds something other
/// than plain numbers and blanks (written numbers such as `$1,200`, decimal commas,
/// text, or nothing at all): the caller then reads the columns whole, which gives
/// the same chart, or the error saying why there is none.
pub fn tally_text(
    text: &str,
    want: &Want<'_>,
    opts: &ReadOptions,
    progress: &LoadProgress,
) -> Result<Option<Tally>, ImportError> {
    let mut counts = Counts::default();
    let mut scan = |text: &str, layout: &_, p: Option<&LoadProgress>| {
        scan_counts(text, layout, want, &mut counts, p)
    };
    let encoding = crate::data::decode::TextEncoding::Utf8;
    let read = crate::data::piecewise::read_text(text, encoding, opts, progress, &mut scan)?;
    finish(want, counts, &read)
}

/// The tally's table from what the scans of `read` counted, or `None` (see
/// [`tally_text`]).
fn finish(
    want: &Want<'_>,
    counts: Counts,
    read: &crate::data::piecewise::Read,
) -> Result<Option<Tally>, ImportError> {
    let delimiter = read.layout.delimiter;
    let (names, _) = unique_names(&read.header);
    let missing: Vec<String> = want
        .columns()
        .iter()
        .filter(|w| !names.iter().any(|n| n == *w))
        .map(|w| w.to_string())
        .collect();
    if !missing.is_empty() {
        return Err(ImportError::MissingColumns {
            missing,
            available: names,
        });
    }
    let numbers = counts.plain && counts.reading.numbers();
    match want {
        Want::ByX { y: Some(_), .. } if !numbers => return Ok(None),
        Want::Pairs { .. } if !(numbers && counts.x_reading.numbers()) => return Ok(None),
        _ => {}
    }
    let counted = match *want {
        Want::ByX { x, y } => Counted::Values(type_values(
            by_x_table(x, y.is_some(), counts.groups)
                .map_err(|e| ImportError::Unreadable(e.to_string()))?,
            delimiter,
        )),
        Want::Pairs { x, y } => {
            let (points, rows) = counts.pairs.finish();
            Counted::Pairs(Pairs {
                x: x.to_string(),
                y: y.to_string(),
                points,
                rows,
            })
        }
    };
    Ok(Some(Tally {
        counted,
        rows: read.good.rows,
        set_aside: read.bad.iter().map(|b| b.line).collect(),
    }))
}

/// What the scans counted, keyed by raw cells.
struct Counts {
    groups: PlHashMap<Box<str>, Group>,
    /// The distinct pairs of numbers, as their bits.
    pairs: DistinctPairs,
    /// What the value column's (or the second column's) cells allow it to be.
    reading: NumberReading,
    /// What the first column's cells allow it to be, for pairs.
    x_reading: NumberReading,
    /// Every value cell so far is blank or a plain number.
    plain: bool,
}

impl Default for Counts {
    fn default() -> Self {
        Counts {
            groups: PlHashMap::default(),
            pairs: DistinctPairs::default(),
            reading: NumberReading::default(),
            x_reading: NumberReading::default(),
            plain: true,
        }
    }
}

impl Counts {
    /// Add what `later` counted in the part of the file after this one's.
    fn absorb(&mut self, later: Counts) {
        for (raw, g) in later.groups {
            let mine = self.groups.entry(raw).or_default();
            mine.rows += g.rows;
            mine.sum += g.sum;
            mine.numbers += g.numbers;
        }
        self.pairs.absorb(later.pairs);
        self.reading = self.reading.then(later.reading);
        self.x_reading = self.x_reading.then(later.x_reading);
        self.plain &= later.plain;
    }

    /// Count one record's picked cells.
    #[inline]
    fn add(&mut self, want: &Want<'_>, c: &[&str]) {
        match want {
            Want::Pairs { .. } => {
                if !self.plain {
                    return;
                }
                let x = plain_number(&mut self.x_reading, c[0]);
                let y = plain_number(&mut self.reading, c[1]);
                match (x, y) {
                    (Ok(Some(a)), Ok(Some(b))) => {
                        self.pairs.add(a, b);
                    }
                    (Ok(_), Ok(_)) => {}
                    _ => self.plain = false,
                }
            }
            Want::ByX { y, .. } => {
                let g = match self.groups.get_mut(c[0]) {
                    Some(g) => g,
                    None => self.groups.entry(c[0].into()).or_default(),
                };
                g.rows += 1;
                if y.is_some() && self.plain {
                    match plain_number(&mut self.reading, c[1]) {
                        Ok(Some(n)) => {
                            g.sum += n;
                            g.numbers += 1;
                        }
                        Ok(None) => {}
                        Err(()) => self.plain = false,
                    }
                }
            }
        }
    }
}

/// A raw cell as a number by `reading`'s rules: `Ok(None)` when blank, `Err` when
/// it is not a plain number.
#[inline]
fn plain_number(reading: &mut NumberReading, raw: &str) -> Result<Option<f64>, ()> {
    let v = unquote(raw);
    let t = trim_cell(&v);
    if is_blank_cell(t) {
        return Ok(None);
    }
    reading.read(t).1.map(Some).ok_or(())
}

/// The columns' positions in `header`, in the order wanted; none unless all are there.
fn positions(header: &[String], wanted: &[&str]) -> Vec<usize> {
    let names = unique_names(header).0;
    let at: Vec<usize> = wanted
        .iter()
        .filter_map(|w| names.iter().position(|n| n == w))
        .collect();
    if at.len() == wanted.len() {
        at
    } else {
        Vec::new()
    }
}

/// The scan that checks `text` (from where `layout` says), counting the `wanted`
/// columns' cells into `counts`.
fn scan_counts(
    text: &str,
    layout: &crate::data::layout::Layout,
    want: &Want<'_>,
    counts: &mut Counts,
    progress: Option<&LoadProgress>,
) -> crate::data::scan::Scan {
    if progress.is_some() {
        // A whole text, with its progress shown: scanned in one go.
        return scan_part(text, layout, want, counts, progress);
    }
    crate::data::piecewise::scan_halves(
        text,
        layout,
        counts,
        Counts::default,
        Counts::absorb,
        |t, l, c| scan_part(t, l, want, c, None),
    )
}

/// [`scan_counts`] on one part of a piece.
fn scan_part(
    text: &str,
    layout: &crate::data::layout::Layout,
    want: &Want<'_>,
    counts: &mut Counts,
    progress: Option<&LoadProgress>,
) -> crate::data::scan::Scan {
    let wanted = want.columns();
    let pick = |h: &[String]| positions(h, &wanted);
    let mut cells = |c: &[&str]| counts.add(want, c);
    scan_picked(text, layout, &pick, &mut cells, progress)
}

/// A raw cell as the value a table holds: unquoted; an empty cell without quotes is
/// blank (`None`).
fn value(raw: &str) -> Option<String> {
    let v = unquote(raw);
    (!v.is_empty() || raw.starts_with('"')).then(|| v.into_owned())
}

/// One row per distinct value of `x` (cells differing only in quoting merged).
fn by_x_table(
    x: &str,
    with_value: bool,
    groups: PlHashMap<Box<str>, Group>,
) -> PolarsResult<DataFrame> {
    let mut merged: indexmap::IndexMap<Option<String>, Group> = indexmap::IndexMap::new();
    for (raw, g) in groups {
        let m = merged.entry(value(&raw)).or_default();
        m.rows += g.rows;
        m.sum += g.sum;
        m.numbers += g.numbers;
    }
    let keys: Vec<Option<String>> = merged.keys().cloned().collect();
    let mut columns = vec![
        Column::new(x.into(), keys),
        Column::new(
            ROWS.into(),
            merged.values().map(|g| g.rows).collect::<Vec<u64>>(),
        ),
    ];
    if with_value {
        columns.push(Column::new(
            SUM.into(),
            merged.values().map(|g| g.sum).collect::<Vec<f64>>(),
        ));
        columns.push(Column::new(
            NUMBERS.into(),
            merged.values().map(|g| g.numbers).collect::<Vec<u64>>(),
        ));
    }
    DataFrame::new(merged.len(), columns)
}

/// Type the text columns as reading the whole file types them: decimal commas in a
/// semicolon file, thousands separators and percents, then whole numbers, numbers
/// or true/false. Each rule looks at the set of values, so distinct values suffice.
fn type_values(df: DataFrame, delimiter: u8) -> DataFrame {
    let (df, _) = if delimiter == b';' {
        decimal_commas(df)
    } else {
        (df, Vec::new())
    };
    let (mut df, _) = crate::data::number_text::read_written_numbers(df, delimiter != b';');
    let text: Vec<PlSmallStr> = df
        .columns()
        .iter()
        .filter(|c| c.dtype() == &DataType::String)
        .map(|c| c.name().clone())
        .collect();
    for name in text {
        if let Ok(c) = df.column(&name) {
            let typed = infer_and_convert(c);
            let _ = df.with_column(typed);
        }
    }
    df
}

mod pairs;
mod stream;
use pairs::DistinctPairs;
pub use stream::{Streamed, tally_stream};

#[cfg(test)]
mod tests;
