//! `inspect`'s read of a delimited file: one pass that checks its records and
//! counts every column's distinct values ([`ValueCounts`]), with no table built.
//! A big UTF-8 file is read piece by piece ([`crate::data::piecewise`]); any other
//! text is decoded and scanned whole, the same way. What a column's profile and
//! problems need follows from its distinct values and their rows, so memory holds
//! those, within [`BUDGET`], and not the file.

use crate::data::decode::decode;
use crate::data::distinct::ValueCounts;
use crate::data::import::{ImportError, Kind, ReadOptions, refuse_web_page, sniff_kind};
use crate::data::layout::Layout;
use crate::data::load_progress::LoadProgress;
use crate::data::piecewise::{PIECE, Piecewise, Read, read_pieces, read_text};
use crate::data::scan::{Scan, every_column, scan_picked, unquote};
use crate::data::value_shapes::SubtotalRows;
use std::path::Path;

/// Memory the distinct values of all columns may take together. Past it, values
/// already kept are still counted, and new ones only as rows.
pub const BUDGET: usize = 4 << 30;

/// Cells gathered before they are counted, column by column on every core.
const BATCH: usize = 1 << 16;

/// What one pass over a delimited file found.
pub struct Survey {
    /// The records, the rows set aside, the footnotes and the layout.
    pub read: Read,
    /// Per column, its distinct values.
    pub columns: Vec<ValueCounts>,
    /// Rows that look like totals.
    pub subtotal: SubtotalRows,
    /// The budget was reached: some values were not kept.
    pub over_budget: bool,
}

/// Survey the file at `path`; `None` when it is not delimited text (a workbook or
/// Parquet), which is read as a table instead.
pub fn survey_file(
    path: &Path,
    opts: &ReadOptions,
    progress: &LoadProgress,
) -> Result<Option<Survey>, ImportError> {
    survey_with(path, opts, progress, PIECE, BUDGET)
}

/// [`survey_file`] with pieces of `piece` bytes and a `budget` (the tests use small ones).
pub(crate) fn survey_with(
    path: &Path,
    opts: &ReadOptions,
    progress: &LoadProgress,
    piece: usize,
    budget: usize,
) -> Result<Option<Survey>, ImportError> {
    // A workbook or Parquet is left to the table read at once, not read here first.
    if !is_text(path) {
        return Ok(None);
    }
    let size = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    let mut counting = Counting::new(budget, size);
    let mut scan = |t: &str, l: &Layout, p: Option<&LoadProgress>| counting.scan(t, l, p);
    if let Piecewise::Done(read) = read_pieces(path, opts, progress, piece, &mut scan)? {
        return Ok(Some(counting.finish(read)));
    }
    let bytes = std::fs::read(path).map_err(|e| ImportError::Io(e.to_string()))?;
    refuse_web_page(&bytes)?;
    let (text, encoding) = decode(&bytes);
    let mut counting = Counting::new(budget, 0);
    let mut scan = |t: &str, l: &Layout, p: Option<&LoadProgress>| counting.scan(t, l, p);
    let read = read_text(&text, encoding, opts, progress, &mut scan)?;
    Ok(Some(counting.finish(read)))
}

/// Whether the file at `path` starts as text does (not a workbook or Parquet);
/// a file that cannot be read is left to the read that says why.
fn is_text(path: &Path) -> bool {
    use std::io::Read as _;
    let mut head = Vec::with_capacity(8);
    match std::fs::File::open(path) {
        Ok(f) => {
            let _ = f.take(8).read_to_end(&mut head);
            sniff_kind(&head) == Kind::Text
        }
        Err(_) => true,
    }
}

/// The counts as the scans go.
struct Counting {
    columns: Vec<ValueCounts>,
    /// The file's bytes, to size the columns of mostly different values from the
    /// first piece (0: not sized).
    size: u64,
    subtotal: SubtotalRows,
    budget: usize,
    over_budget: bool,
}

impl Counting {
    fn new(budget: usize, size: u64) -> Self {
        Counting {
            columns: Vec::new(),
            size,
            subtotal: SubtotalRows::default(),
            budget,
            over_budget: false,
        }
    }

    /// Scan one piece (or the whole text), counting its good records' cells.
    fn scan<'a>(
        &mut self,
        text: &'a str,
        layout: &Layout,
        progress: Option<&LoadProgress>,
    ) -> Scan {
        let mut cells: Vec<&'a str> = Vec::new();
        let mut keep = |c: &[&'a str]| {
            self.subtotal.row(&unquote(c[0]), || {
                c[1..].iter().any(|v| !unquote(v).trim().is_empty())
            });
            cells.extend_from_slice(c);
            if cells.len() >= BATCH {
                count(&mut self.columns, &cells, c.len());
                cells.clear();
                self.watch_budget();
            }
        };
        let s = scan_picked(text, layout, &every_column, &mut keep, progress);
        count(&mut self.columns, &cells, s.header.len());
        self.make_room(text.len(), s.row_lines.len());
        self.watch_budget();
        s
    }

    /// After the first piece (`bytes` long, `rows` good records), make room in each
    /// column whose values were mostly different for as many more as the rest of
    /// the file would hold at that rate, within a quarter of the budget.
    fn make_room(&mut self, bytes: usize, rows: usize) {
        let size = std::mem::take(&mut self.size);
        if size <= bytes as u64 || bytes < (1 << 20) || rows == 0 {
            return;
        }
        let scale = (size - bytes as u64) as f64 / bytes as f64;
        let mut room = self.budget / 4;
        for counts in &mut self.columns {
            if counts.len() * 2 < rows {
                continue;
            }
            let each = counts.text_bytes() / counts.len().max(1);
            let more = (counts.len() as f64 * scale) as usize;
            let cost = more.saturating_mul(each + 40);
            if cost > room {
                continue;
            }
            room -= cost;
            counts.reserve(more, each);
        }
    }

    /// Stop keeping new values once the budget is reached.
    fn watch_budget(&mut self) {
        if self.over_budget {
            return;
        }
        let held: usize = self.columns.iter().map(ValueCounts::bytes).sum();
        if held > self.budget {
            self.over_budget = true;
            self.columns.iter_mut().for_each(ValueCounts::stop_keeping);
        }
    }

    fn finish(mut self, read: Read) -> Survey {
        let width = read.header.len();
        if self.columns.len() < width {
            self.columns.resize_with(width, ValueCounts::new);
        }
        Survey {
            read,
            columns: self.columns,
            subtotal: self.subtotal,
            over_budget: self.over_budget,
        }
    }
}

/// What takes in a column's cells one by one.
pub(crate) trait ColumnTally: Send + Default {
    /// A cell's value, unquoted.
    fn add(&mut self, value: &str);
    /// An empty cell without quotes: no value.
    fn add_null(&mut self);
    /// The column's raw cells, in order.
    fn add_cells<'c>(&mut self, cells: impl Iterator<Item = &'c str>) {
        for raw in cells {
            match cell_value(raw) {
                Some(v) => self.add(&v),
                None => self.add_null(),
            }
        }
    }
}

impl ColumnTally for ValueCounts {
    fn add(&mut self, value: &str) {
        ValueCounts::add(self, value);
    }
    fn add_null(&mut self) {
        ValueCounts::add_null(self);
    }
    fn add_cells<'c>(&mut self, cells: impl Iterator<Item = &'c str>) {
        self.add_all(cells.map(cell_value));
    }
}

/// A raw cell's value, unquoted; `None` for an empty cell without quotes, which
/// holds nothing (a quoted one holds "").
fn cell_value(raw: &str) -> Option<std::borrow::Cow<'_, str>> {
    (!raw.is_empty()).then(|| unquote(raw))
}

/// Count `cells`, records of `width` cells one after another, into `columns`, a
/// column per core at a time.
pub(crate) fn count<T: ColumnTally>(columns: &mut Vec<T>, cells: &[&str], width: usize) {
    use rayon::prelude::*;
    if width == 0 || cells.is_empty() {
        return;
    }
    if columns.len() < width {
        columns.resize_with(width, T::default);
    }
    columns.par_iter_mut().enumerate().for_each(|(c, counts)| {
        counts.add_cells(cells.iter().skip(c).step_by(width).copied());
    });
}
