//! What a whole read decides about each column from all its values, found as the
//! values go by in [`super::first_pass`]: whether its numbers are rewritten
//! (decimal commas, thousands separators, percents) and its type, by the rules the
//! whole read applies to the whole column.

use crate::data::delimited::DecimalCommas;
use crate::data::layout::Layout;
use crate::data::number_reading::NumberReading;
use crate::data::number_text::{WrittenNumbers, rewritten};
use crate::data::piecewise::scan_halves;
use crate::data::scan::{Scan, every_column, scan_picked};

use crate::data::scan::unquote;
use crate::data::survey::ColumnTally;
use crate::data::types::{ColumnType, is_blank_cell, trim_cell};

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
    /// Scan one piece in halves side by side, each half reading its good records'
    /// cells as they go by; the second half's findings are then added to the first's.
    pub(super) fn scan(&mut self, text: &str, layout: &Layout) -> Scan {
        let semicolon = layout.delimiter == b';';
        scan_halves(
            text,
            layout,
            self,
            Reading::default,
            Reading::absorb,
            |part, l, reading| reading.scan_part(part, l, semicolon),
        )
    }

    /// Scan one part of a piece, reading each record's cells as it goes by; a
    /// column whose verdict no value can change any more is passed over.
    fn scan_part(&mut self, text: &str, layout: &Layout, semicolon: bool) -> Scan {
        let columns = &mut self.columns;
        let mut keep = |cells: &[&str]| {
            if columns.len() < cells.len() {
                columns.resize_with(cells.len(), || ColumnReading::new(semicolon));
            }
            for (column, raw) in columns.iter_mut().zip(cells) {
                if column.settled() {
                    continue;
                }
                // An empty cell without quotes holds nothing; a quoted one holds "".
                if !raw.is_empty() {
                    column.add(&unquote(raw));
                }
            }
        };
        scan_picked(text, layout, &every_column, &mut keep, None)
    }

    /// These columns' findings followed by `later`'s, read apart.
    fn absorb(&mut self, later: Reading) {
        for (i, column) in later.columns.into_iter().enumerate() {
            match self.columns.get_mut(i) {
                Some(mine) => mine.absorb(column),
                None => self.columns.push(column),
            }
        }
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

impl ColumnReading {
    /// Whether no value can change the verdict any more: text, rewritten by nothing.
    fn settled(&self) -> bool {
        !self.plain.any_left()
            && !self.written.alive()
            && (!self.semicolon || self.commas.ruled_out())
    }

    /// This column's findings followed by `later`'s, read apart (side by side).
    /// A reading not yet begun (no value rewritten) is the plain one; and a
    /// rewrite's reading is used only when every value allowed the rewrite, so each
    /// half read every value into it.
    fn absorb(&mut self, later: ColumnReading) {
        let joined = |mine: Option<NumberReading>, mine_plain, theirs: Option<NumberReading>| match (
            mine, theirs,
        ) {
            (None, None) => None,
            (a, b) => Some(a.unwrap_or(mine_plain).then(b.unwrap_or(later.plain))),
        };
        self.pointed = joined(self.pointed, self.plain, later.pointed);
        self.grouped = joined(self.grouped, self.plain, later.grouped);
        self.plain = self.plain.then(later.plain);
        self.percents = self.percents.then(later.percents);
        self.commas.absorb(&later.commas);
        self.written.absorb(&later.written);
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
    let t = trim_cell(v);
    if !is_blank_cell(t) {
        reading.read(t);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(values: &[&str], semicolon: bool) -> ColumnReading {
        let mut c = ColumnReading::new(semicolon);
        for v in values {
            c.add(v);
        }
        c
    }

    /// Any list of values read in two parts side by side and joined gives the
    /// verdict of reading it in one go, wherever it is cut.
    #[test]
    fn two_parts_joined_read_as_the_whole() {
        let lists: &[&[&str]] = &[
            &["3.5", "7", "1,250", "2,000"],
            &["1,250", "7", "3.5"],
            &["12%", "7.5%", " 3 %", "n/a"],
            &["12%", "7.5%", "x"],
            &["1", "2,5", "3", "4,25"],
            &["2,5", "1", "0,5", "word"],
            &["7", "", "0012", "1,000"],
            &["true", "FALSE", "true"],
            &["1", "2", "many", "3"],
            &["-", "1,234,567", "12", "1.5"],
        ];
        for semicolon in [false, true] {
            for values in lists {
                let whole = read(values, semicolon).verdict();
                for k in 0..=values.len() {
                    let mut first = read(&values[..k], semicolon);
                    first.absorb(read(&values[k..], semicolon));
                    assert_eq!(
                        first.verdict(),
                        whole,
                        "{values:?} cut at {k}, semicolon {semicolon}"
                    );
                }
            }
        }
    }
}
