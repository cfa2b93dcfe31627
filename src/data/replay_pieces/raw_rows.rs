//! The cells no op changed, written straight from the piece's text. A whole read
//! writes such a column back as the file's own text, so its cells need not be
//! made into a column at all: a run of them side by side in a record is copied
//! in one go when none is quoted, so most of a wide file's row is one copy.

use super::csv_rows::write_text;
use super::views::{CellValue, cell_value};
use polars::prelude::*;
use polars_buffer::Buffer;

/// A piece's text and its good records' cells, for writing the cells no op
/// changed.
pub(super) struct RawRows {
    /// The piece's text (UTF-8).
    pub text: Buffer<u8>,
    /// Each cell's start and end in `text`, one record after another.
    pub cells: Vec<(u32, u32)>,
    /// Cells a record.
    pub width: usize,
    /// Whether the file's delimiter is a comma, as the output's is.
    pub comma: bool,
    /// Whether the text holds a quote or a carriage return anywhere: when it does
    /// not, every cell is written as it is ([`RawRows::holds_quotes`]).
    pub quotes: bool,
}

/// The rows of a cleaned piece that come from the file as they were.
pub(super) struct Untouched {
    pub rows: RawRows,
    /// For each output column, the file column whose cells it writes unchanged.
    pub sources: Vec<Option<usize>>,
    /// The record of each output row; `None` when they are the same.
    pub kept: Option<Vec<IdxSize>>,
}

impl Untouched {
    /// The piece's record that output row `i` comes from.
    #[inline]
    pub(super) fn record_of(&self, i: usize) -> usize {
        match &self.kept {
            Some(kept) => kept.get(i).map_or(usize::MAX, |&r| r as usize),
            None => i,
        }
    }
}

impl RawRows {
    /// Whether `text` holds a quote or a carriage return, which a cell written as
    /// polars writes it may not keep as it is.
    pub(super) fn holds_quotes(text: &[u8]) -> bool {
        memchr::memchr2(b'"', b'\r', text).is_some()
    }

    /// The cells of record `r`.
    #[inline]
    pub(super) fn record(&self, r: usize) -> PolarsResult<&[(u32, u32)]> {
        let cells = r
            .checked_mul(self.width)
            .and_then(|at| Some(at..at.checked_add(self.width)?))
            .and_then(|range| self.cells.get(range));
        match cells {
            Some(cells) => Ok(cells),
            None => polars_bail!(ComputeError: "a row is not among the piece's records"),
        }
    }

    /// Write cells `from..to` of `record` (one of [`RawRows::record`]), a comma
    /// between two, each as polars writes its value.
    #[inline]
    pub(super) fn write_run(
        &self,
        buf: &mut Vec<u8>,
        record: &[(u32, u32)],
        (from, to): (usize, usize),
    ) -> PolarsResult<()> {
        let Some(cells) = record.get(from..to) else {
            polars_bail!(ComputeError: "a column past the record's end");
        };
        if cells.is_empty() {
            return Ok(());
        }
        if !self.comma {
            for (i, &cell) in cells.iter().enumerate() {
                if i > 0 {
                    buf.push(b',');
                }
                self.write_cell(buf, cell)?;
            }
            return Ok(());
        }
        // Cells lie side by side, one comma apart: the text from the first cell's
        // start to the last one's end is the cells as written, unless one of them
        // is quoted or holds a carriage return.
        let text: &[u8] = &self.text;
        let mut i = 0;
        while i < cells.len() {
            let (start, end) = (cells[i].0 as usize, cells[cells.len() - 1].1 as usize);
            let Some(span) = text.get(start..end) else {
                polars_bail!(ComputeError: "a cell does not lie within the piece's text");
            };
            // A piece without quotes has no quoted cell to look for.
            let found = if self.quotes {
                memchr::memchr2(b'"', b'\r', span)
            } else {
                None
            };
            let Some(at) = found else {
                buf.extend_from_slice(span);
                return Ok(());
            };
            // The cell holding the quote; those before it are copied as they are.
            let at = start + at;
            let j = i + cells[i..].partition_point(|c| c.1 as usize <= at);
            let j = j.min(cells.len() - 1);
            if j > i {
                let Some(before) = text.get(start..cells[j - 1].1 as usize) else {
                    polars_bail!(ComputeError: "a cell does not lie within the piece's text");
                };
                buf.extend_from_slice(before);
                buf.push(b',');
            }
            self.write_cell(buf, cells[j])?;
            if j + 1 < cells.len() {
                buf.push(b',');
            }
            i = j + 1;
        }
        Ok(())
    }

    /// Write one cell's value as polars writes it; a blank as nothing.
    #[inline]
    fn write_cell(&self, buf: &mut Vec<u8>, cell: (u32, u32)) -> PolarsResult<()> {
        match cell_value(&self.text, cell) {
            CellValue::Blank => {}
            CellValue::Slice(a, b) => write_text(buf, &self.text[a..b]),
            CellValue::Unescaped(v) => write_text(buf, v.as_bytes()),
            CellValue::Outside => {
                polars_bail!(ComputeError: "a cell does not lie within the piece's text")
            }
        }
        Ok(())
    }

    /// The cells of file column `k` for each record in `records`, as a whole read
    /// gives them.
    pub(super) fn column(
        &self,
        k: usize,
        records: impl Iterator<Item = usize>,
    ) -> PolarsResult<StringChunked> {
        let mut values: Vec<Option<String>> = Vec::new();
        for r in records {
            let Some(&cell) = self.record(r)?.get(k) else {
                polars_bail!(ComputeError: "a column past the record's end");
            };
            values.push(match cell_value(&self.text, cell) {
                CellValue::Blank => None,
                CellValue::Slice(a, b) => {
                    Some(String::from_utf8_lossy(&self.text[a..b]).into_owned())
                }
                CellValue::Unescaped(v) => Some(v),
                CellValue::Outside => {
                    polars_bail!(ComputeError: "a cell does not lie within the piece's text")
                }
            });
        }
        Ok(StringChunked::from_iter_options(
            PlSmallStr::EMPTY,
            values.into_iter(),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::scan::unquote;

    /// Records of `cells` joined by `delimiter`, one a line, as the scan finds them.
    fn rows(records: &[&[&str]], delimiter: char) -> RawRows {
        let mut text = String::new();
        let mut cells = Vec::new();
        for record in records {
            for (i, cell) in record.iter().enumerate() {
                if i > 0 {
                    text.push(delimiter);
                }
                let a = text.len() as u32;
                text.push_str(cell);
                cells.push((a, text.len() as u32));
            }
            text.push('\n');
        }
        RawRows {
            quotes: RawRows::holds_quotes(text.as_bytes()),
            text: Buffer::from(text.into_bytes()),
            cells,
            width: records[0].len(),
            comma: delimiter == ',',
        }
    }

    /// A cell written as polars writes its value: a blank as nothing.
    fn one_by_one(cells: &[&str]) -> String {
        let mut buf = Vec::new();
        for (i, cell) in cells.iter().enumerate() {
            if i > 0 {
                buf.push(b',');
            }
            if !cell.is_empty() {
                write_text(&mut buf, unquote(cell).as_bytes());
            }
        }
        String::from_utf8(buf).unwrap()
    }

    /// Every run of cells, quoted or not, with carriage returns, doubled quotes
    /// and blanks anywhere in it, is written as its cells one by one would be.
    #[test]
    fn runs_are_written_as_their_cells_one_by_one() {
        let records: [&[&str]; 4] = [
            &[
                "a",
                "\"12 Main St\"",
                "",
                "b",
                "\"\"",
                "c d",
                "\"x, y\"",
                "z",
            ],
            &["\"say \"\"hi\"\"\"", "1", "2", "3", "\"\"\"\"", "ñ", "", ""],
            &["", "", "", "", "", "", "", ""],
            &[
                "q\rr",
                "\"line\nbreak\"",
                "\"unclosed",
                "plain",
                "\"quoted\"",
                "",
                "\"",
                "e",
            ],
        ];
        let plain: [&[&str]; 2] = [&["a", "", "b c", "d"], &["", "", "", "é"]];
        for (records, delimiter) in [
            (&records[..], ','),
            (&records[..], ';'),
            (&records[..], '\t'),
            (&plain[..], ','),
            (&plain[..], ';'),
        ] {
            let raw = rows(records, delimiter);
            for (r, record) in records.iter().enumerate() {
                for from in 0..=record.len() {
                    for to in from..=record.len() {
                        let mut buf = Vec::new();
                        let cells = raw.record(r).unwrap();
                        raw.write_run(&mut buf, cells, (from, to)).unwrap();
                        assert_eq!(
                            String::from_utf8(buf).unwrap(),
                            one_by_one(&record[from..to]),
                            "record {r}, cells {from}..{to}, delimiter {delimiter:?}"
                        );
                    }
                }
            }
        }
    }

    /// A record or a column that is not in the piece is an error, not a panic.
    #[test]
    fn rows_and_columns_outside_the_piece_are_refused() {
        let raw = rows(&[&["a", "b"][..]], ',');
        assert!(raw.record(1).is_err());
        assert!(raw.record(usize::MAX).is_err());
        assert!(raw.record(usize::MAX / 2).is_err());
        let mut buf = Vec::new();
        let cells = raw.record(0).unwrap();
        assert!(raw.write_run(&mut buf, cells, (1, 3)).is_err());
        // A cell past the text's end, quoted or not.
        for quotes in [false, true] {
            let raw = RawRows {
                quotes,
                ..rows(&[&["a", "b"][..]], ',')
            };
            assert!(raw.write_run(&mut buf, &[(0, 1), (2, 99)], (0, 2)).is_err());
        }
        assert!(raw.column(2, [0].into_iter()).is_err());
        let column = raw.column(1, [0, 0].into_iter()).unwrap();
        assert_eq!(column.get(1), Some("b"));
    }
}
