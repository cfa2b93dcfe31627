//! A piece's text columns built as views into the piece's own text, so the cells
//! are not copied one by one into each column: every column shares the piece's
//! bytes, and only quoted cells with doubled quotes (`""`) are written out again.

use polars::prelude::*;
use polars_arrow::array::{Utf8ViewArray, View};
use polars_arrow::bitmap::MutableBitmap;
use polars_arrow::datatypes::ArrowDataType;
use polars_buffer::Buffer;

/// The `width` columns of a piece whose good records' cells are `cells` (start and
/// end in `text`, one record after another), each cell unquoted; an empty cell
/// without quotes is blank (null), as [`crate::data::scan::unquote`] reads it.
pub(super) fn text_columns(
    text: String,
    cells: &[(u32, u32)],
    width: usize,
) -> PolarsResult<Vec<StringChunked>> {
    use rayon::prelude::*;
    let text: Buffer<u8> = Buffer::from(text.into_bytes());
    (0..width)
        .into_par_iter()
        .map(|c| column(&text, cells.iter().skip(c).step_by(width.max(1))))
        .collect()
}

/// One column's cells as views into `text`.
fn column<'c>(
    text: &Buffer<u8>,
    cells: impl ExactSizeIterator<Item = &'c (u32, u32)>,
) -> PolarsResult<StringChunked> {
    let mut views: Vec<View> = Vec::with_capacity(cells.len());
    let mut valid = MutableBitmap::with_capacity(cells.len());
    let mut blanks = 0usize;
    // Quoted cells with doubled quotes, unescaped: the column's second buffer.
    let mut unescaped: Vec<u8> = Vec::new();
    // Whether every view is a slice of the text between two characters: the text is
    // UTF-8 (it was a `String`), so each view is too, and need not be checked again.
    let mut between_chars = true;
    for &(a, b) in cells {
        let (mut a, mut b) = (a as usize, b as usize);
        between_chars &= a <= b && char_start(text, a) && char_start(text, b);
        if !between_chars {
            break;
        }
        if a == b {
            views.push(View::default());
            valid.push(false);
            blanks += 1;
            continue;
        }
        valid.push(true);
        if text[a] == b'"' {
            a += 1;
            if b > a && text[b - 1] == b'"' {
                b -= 1;
            }
            let inner = &text[a..b];
            if memchr::memmem::find(inner, b"\"\"").is_some() {
                let at = unescaped.len();
                unescape_into(inner, &mut unescaped);
                let value = &unescaped[at..];
                views.push(View::new_from_bytes(value, 1, at as u32));
                continue;
            }
        }
        views.push(View::new_from_bytes(&text[a..b], 0, a as u32));
    }
    if !between_chars {
        polars_bail!(ComputeError: "a cell does not lie within the piece's text");
    }
    let validity = (blanks > 0).then(|| valid.into());
    let buffers = vec![text.clone(), Buffer::from(unescaped)];
    // SAFETY: each view is a slice of `text` between two characters (checked above)
    // or of `unescaped`, built from such slices less one of each pair of ASCII
    // quotes; so every view is in its buffer's bounds and is UTF-8, and `validity`
    // has one bit per view.
    let array = unsafe {
        Utf8ViewArray::new_unchecked_unknown_md(
            ArrowDataType::Utf8View,
            Buffer::from(views),
            Buffer::from(buffers),
            validity,
            None,
        )
    };
    Ok(StringChunked::with_chunk(PlSmallStr::EMPTY, array))
}

/// Whether byte `i` of UTF-8 `text` starts a character (or is its end).
fn char_start(text: &[u8], i: usize) -> bool {
    // A continuation byte is 0b10xx_xxxx.
    i == text.len() || text.get(i).is_some_and(|&b| (b as i8) >= -0x40)
}

/// `inner` (a quoted cell without its outer quotes) with each `""` made `"`.
fn unescape_into(inner: &[u8], out: &mut Vec<u8>) {
    let mut rest = inner;
    while let Some(i) = memchr::memmem::find(rest, b"\"\"") {
        out.extend_from_slice(&rest[..=i]);
        rest = &rest[i + 2..];
    }
    out.extend_from_slice(rest);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::scan::unquote;

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
        let columns = text_columns(text.clone(), &cells, 1).unwrap();
        let got: Vec<Option<String>> = columns[0].iter().map(|v| v.map(str::to_string)).collect();
        let want: Vec<Option<String>> = cells_text
            .iter()
            .map(|c| (!c.is_empty()).then(|| unquote(c).into_owned()))
            .collect();
        assert_eq!(got, want);
        // Two columns, one record after another.
        let columns = text_columns(text.clone(), &cells[..8], 2).unwrap();
        assert_eq!(columns[0].get(0), None);
        assert_eq!(columns[0].get(2), Some("say \"hi\" twice \"\""));
        assert_eq!(columns[1].get(1), Some("quoted, with comma"));
        assert_eq!(columns[0].get(3), Some("\""));
        // A cell that would cut a character in two, or lie outside the text, is
        // refused rather than read.
        let n_tilde = text.find('ñ').unwrap() as u32;
        assert!(text_columns(text.clone(), &[(n_tilde, n_tilde + 1)], 1).is_err());
        assert!(text_columns(text.clone(), &[(0, text.len() as u32 + 1)], 1).is_err());
        assert!(text_columns(text, &[(3, 2)], 1).is_err());
    }
}
