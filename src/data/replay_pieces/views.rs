//! A piece's text columns built as views into the piece's own text, so the cells
//! are not copied one by one into each column: every column shares the piece's
//! bytes, and only quoted cells with doubled quotes (`""`) are written out again.

use polars::prelude::*;
use polars_arrow::array::{Utf8ViewArray, View};
use polars_arrow::bitmap::MutableBitmap;
use polars_arrow::datatypes::ArrowDataType;
use polars_buffer::Buffer;

/// The columns `wanted` (by position, in order) of a piece whose good records'
/// cells are `cells` (start and end in `text`, `width` a record, one record after
/// another), each cell unquoted; an empty cell without quotes is blank (null), as
/// [`crate::data::scan::unquote`] reads it. The records are taken in two halves
/// side by side, each filled record by record (in the order the cells lie), so
/// each column has two chunks.
pub(super) fn text_columns(
    text: &Buffer<u8>,
    cells: &[(u32, u32)],
    width: usize,
    wanted: &[usize],
) -> PolarsResult<Vec<StringChunked>> {
    if width == 0 || wanted.is_empty() {
        return Ok(Vec::new());
    }
    if wanted.iter().any(|&k| k >= width) {
        polars_bail!(ComputeError: "a column past the record's end was asked for");
    }
    let rows = cells.len() / width;
    let (first, second) = cells.split_at(rows / 2 * width);
    let (first, second) = rayon::join(
        || columns(text, first, width, wanted),
        || columns(text, second, width, wanted),
    );
    let (first, second) = (first?, second?);
    first
        .into_iter()
        .zip(second)
        .map(|(mut a, b)| a.append(&b).map(|_| a))
        .collect()
}

/// The columns `wanted` of whole records `cells`, filled record by record.
fn columns(
    text: &Buffer<u8>,
    cells: &[(u32, u32)],
    width: usize,
    wanted: &[usize],
) -> PolarsResult<Vec<StringChunked>> {
    let rows = cells.len() / width;
    let mut columns: Vec<ViewColumn> = wanted.iter().map(|_| ViewColumn::new(rows)).collect();
    for record in cells.chunks_exact(width) {
        for (column, &k) in columns.iter_mut().zip(wanted) {
            column.push(text, record[k]);
        }
    }
    columns.into_iter().map(|c| c.finish(text)).collect()
}

/// What a raw cell holds, as a whole read gives it.
pub(super) enum CellValue {
    /// Nothing: an empty cell without quotes.
    Blank,
    /// The text's bytes `a..b` (the cell, less its quotes).
    Slice(usize, usize),
    /// A quoted cell with doubled quotes, unescaped.
    Unescaped(String),
    /// The cell does not lie within the text between two characters.
    Outside,
}

/// The value of the cell `text[a..b]` of UTF-8 `text`: surrounding quotes
/// removed and doubled quotes made one, as [`crate::data::scan::unquote`] does.
#[inline]
pub(super) fn cell_value(text: &[u8], (a, b): (u32, u32)) -> CellValue {
    let (mut a, mut b) = (a as usize, b as usize);
    if !(a <= b && char_start(text, a) && char_start(text, b)) {
        return CellValue::Outside;
    }
    if a == b {
        return CellValue::Blank;
    }
    if text[a] == b'"' {
        let cell = &text[a..b];
        a += 1;
        if b > a && text[b - 1] == b'"' {
            b -= 1;
        }
        if memchr::memmem::find(&text[a..b], b"\"\"").is_some() {
            // Rare: doubled quotes, unescaped as the whole read does it.
            let Ok(cell) = std::str::from_utf8(cell) else {
                return CellValue::Outside;
            };
            return CellValue::Unescaped(crate::data::scan::unquote(cell).into_owned());
        }
    }
    CellValue::Slice(a, b)
}

/// One column's views as they are filled.
struct ViewColumn {
    views: Vec<View>,
    valid: MutableBitmap,
    blanks: usize,
    /// Quoted cells with doubled quotes, unescaped: the column's second buffer.
    unescaped: Vec<u8>,
    /// Whether every view is a slice of the text between two characters: the text
    /// is UTF-8 (it was a `String`), so each view is too, and need not be checked.
    between_chars: bool,
}

impl ViewColumn {
    fn new(rows: usize) -> Self {
        ViewColumn {
            views: Vec::with_capacity(rows),
            valid: MutableBitmap::with_capacity(rows),
            blanks: 0,
            unescaped: Vec::new(),
            between_chars: true,
        }
    }

    /// Add the cell `text[a..b]`, unquoted.
    #[inline]
    fn push(&mut self, text: &[u8], cell: (u32, u32)) {
        match cell_value(text, cell) {
            CellValue::Slice(a, b) => {
                self.valid.push(true);
                self.views
                    .push(View::new_from_bytes(&text[a..b], 0, a as u32));
            }
            CellValue::Blank => {
                self.views.push(View::default());
                self.valid.push(false);
                self.blanks += 1;
            }
            CellValue::Unescaped(value) => {
                self.valid.push(true);
                let at = self.unescaped.len();
                self.unescaped.extend_from_slice(value.as_bytes());
                let value = &self.unescaped[at..];
                self.views.push(View::new_from_bytes(value, 1, at as u32));
            }
            CellValue::Outside => {
                self.between_chars = false;
                self.views.push(View::default());
                self.valid.push(false);
            }
        }
    }

    fn finish(self, text: &Buffer<u8>) -> PolarsResult<StringChunked> {
        if !self.between_chars {
            polars_bail!(ComputeError: "a cell does not lie within the piece's text");
        }
        let validity = (self.blanks > 0).then(|| self.valid.into());
        let buffers = vec![text.clone(), Buffer::from(self.unescaped)];
        // SAFETY: each view is a slice of `text` between two characters (checked in
        // `push`) or of `unescaped`, built from such slices less one of each pair of
        // ASCII quotes; so every view is in its buffer's bounds and is UTF-8, and
        // `validity` has one bit per view.
        let array = unsafe {
            Utf8ViewArray::new_unchecked_unknown_md(
                ArrowDataType::Utf8View,
                Buffer::from(self.views),
                Buffer::from(buffers),
                validity,
                None,
            )
        };
        Ok(StringChunked::with_chunk(PlSmallStr::EMPTY, array))
    }
}

/// Whether byte `i` of UTF-8 `text` starts a character (or is its end).
fn char_start(text: &[u8], i: usize) -> bool {
    // A continuation byte is 0b10xx_xxxx.
    i == text.len() || text.get(i).is_some_and(|&b| (b as i8) >= -0x40)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::scan::unquote;

    fn buffer(text: &str) -> Buffer<u8> {
        Buffer::from(text.as_bytes().to_vec())
    }

    /// Each cell reads as `unquote` reads it, blanks as nulls.
    #[test]
    fn views_hold_the_unquoted_cells() {
        let cells_text = [
            "",
            "a",
            "\"\"",
            "\"quoted, with comma\"",
            "\"say \"\"hi\"\" twice \"\"\"\"\"",
            "a value longer than twelve bytes",
            "\"\"\"\"",
            "ñandú ünïcode and more than twelve",
            "\"unclosed",
        ];
        let mut text = String::new();
        let mut cells = Vec::new();
        for c in cells_text {
            let a = text.len() as u32;
            text.push_str(c);
            cells.push((a, text.len() as u32));
            text.push(',');
        }
        let columns = text_columns(&buffer(&text), &cells, 1, &[0]).unwrap();
        let got: Vec<Option<String>> = columns[0].iter().map(|v| v.map(str::to_string)).collect();
        let want: Vec<Option<String>> = cells_text
            .iter()
            .map(|c| (!c.is_empty()).then(|| unquote(c).into_owned()))
            .collect();
        assert_eq!(got, want);
        // Two columns, one record after another.
        let columns = text_columns(&buffer(&text), &cells[..8], 2, &[0, 1]).unwrap();
        assert_eq!(columns[0].get(0), None);
        assert_eq!(columns[0].get(2), Some("say \"hi\" twice \"\""));
        assert_eq!(columns[1].get(1), Some("quoted, with comma"));
        assert_eq!(columns[0].get(3), Some("\""));
        // Only the columns asked for, in the order asked.
        let columns = text_columns(&buffer(&text), &cells[..8], 2, &[1]).unwrap();
        assert_eq!(columns.len(), 1);
        assert_eq!(columns[0].get(1), Some("quoted, with comma"));
        assert_eq!(columns[0].get(0), Some("a"));
        assert!(text_columns(&buffer(&text), &cells[..8], 2, &[2]).is_err());
        // A cell that would cut a character in two, or lie outside the text, is
        // refused rather than read.
        let n_tilde = text.find('ñ').unwrap() as u32;
        assert!(text_columns(&buffer(&text), &[(n_tilde, n_tilde + 1)], 1, &[0]).is_err());
        assert!(text_columns(&buffer(&text), &[(0, text.len() as u32 + 1)], 1, &[0]).is_err());
        assert!(text_columns(&buffer(&text), &[(3, 2)], 1, &[0]).is_err());
    }
}
