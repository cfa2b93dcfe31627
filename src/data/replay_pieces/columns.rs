//! What a whole read decides about each column from all its values, found as the
//! values go by in [`super::first_pass`]: whether its numbers are rewritten
//! (decimal commas, thousands separators, percents) and its type, by the rules the
//! whole read applies to the whole column.

use crate::data::delimited::DecimalCommas;
use crate::data::layout::Layout;
use crate::data::number_reading::NumberReading;
use crate::data::number_text::{WrittenNumbers, rewritten};
use crate::data::piecewise::cells_in_halves;
use crate::data::scan::Scan;
use crate::data::survey::{ColumnTally, count};
use crate::data::types::{ColumnType, is_blank_cell};

/// How a whole read rewrites a column's text before typing it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Rewrite {
    /// As written.
    None,
    /// Decimal commas made points (a semicolon file).
    DecimalPoint,
    /// Thousands separators or percent signs taken off ([`WrittenNumbers::kind`]).
    Written(&'static str),
}

/// The first pass as it goes: every column's values read as they go by.
#[derive(Default)]
pub(super) struct Reading {
    pub(super) columns: Vec<ColumnReading>,
}

impl Reading {
    /// Scan one piece in halves side by side, then read its good records' cells,
    /// in the file's order, column by column on every core.
    pub(super) fn scan(&mut self, text: &str, layout: &Layout) -> Scan {
        let semicolon = layout.delimiter == b';';
        let (cells, s) = cells_in_halves(text, layout);
        let width = s.header.len();
        let cells: Vec<&str> = cells
            .iter()
            .map(|&(a, b)| &text[a as usize..b as usize])
            .collect();
        self.read(&cells, width, semicolon);
        s
    }

    fn read(&mut self, cells: &[&str], width: usize, semicolon: bool) {
        if self.columns.len() < width {
            self.columns
                .resize_with(width, || ColumnReading::new(semicolon));
        }
        count(&mut self.columns, cells, width);
    }
}

/// One column's values as they go by: what a whole read makes of them.
pub(super) struct ColumnReading {
    semicolon: bool,
    /// The values as written.
    plain: NumberReading,
    /// Whether they have decimal commas (a semicolon file).
    commas: DecimalCommas,
    /// The values with decimal points, once a decimal comma was seen.
    pointed: Option<NumberReading>,
    /// Whether they are written with thousands separators or as percents.
    written: WrittenNumbers,
    /// The values without separators, once one was seen.
    grouped: Option<NumberReading>,
    /// The values without percent signs.
    percents: NumberReading,
}

impl Default for ColumnReading {
    fn default() -> Self {
        ColumnReading::new(false)
    }
}

impl ColumnReading {
    fn new(semicolon: bool) -> Self {
        ColumnReading {
            semicolon,
            plain: NumberReading::default(),
            commas: DecimalCommas::default(),
            pointed: None,
            written: WrittenNumbers::new(!semicolon),
            grouped: None,
            percents: NumberReading::default(),
        }
    }

    /// The rewrite and type a whole read gives the column.
    pub(super) fn verdict(&self) -> (Rewrite, ColumnType) {
        if self.semicolon && self.commas.found() {
            let reading = self.pointed.unwrap_or(self.plain);
            return (Rewrite::DecimalPoint, reading.column_type());
        }
        match self.written.kind() {
            Some(kind @ "percent_values") => (Rewrite::Written(kind), self.percents.column_type()),
            Some(kind) => (
                Rewrite::Written(kind),
                self.grouped.unwrap_or(self.plain).column_type(),
            ),
            None => (Rewrite::None, self.plain.column_type()),
        }
    }
}

impl ColumnTally for ColumnReading {
    fn add(&mut self, v: &str) {
        // Until a value is rewritten, the rewritten values are the values as written.
        let before = self.plain;
        typing(&mut self.plain, v);
        if self.semicolon && self.commas.see(v) {
            if v.contains(',') {
                let pointed = self.pointed.get_or_insert(before);
                typing(pointed, &v.replacen(',', ".", 1));
            } else if let Some(pointed) = &mut self.pointed {
                typing(pointed, v);
            }
        }
        if self.written.alive() && self.written.see(v) {
            if self.written.percents() {
                typing(&mut self.percents, &rewritten(v, "percent_values"));
            }
            let plain = rewritten(v, "thousands_separators");
            if matches!(plain, std::borrow::Cow::Owned(_)) {
                typing(self.grouped.get_or_insert(before), &plain);
            } else if let Some(grouped) = &mut self.grouped {
                typing(grouped, v);
            }
        }
    }

    fn add_null(&mut self) {}
}

/// Read one value into `reading`, as typing a whole column does.
fn typing(reading: &mut NumberReading, v: &str) {
    if !reading.any_left() {
        return;
    }
    let t = v.trim();
    if !is_blank_cell(t) {
        reading.read(t);
    }
}
