//! A text op applied to a column's views: a value the op leaves alone, or trims to
//! a part of itself, keeps pointing at the bytes it already had; only a value the op
//! writes anew is copied, into one new buffer. A `trim` over a column of names that
//! are mostly tidy copies almost nothing.

use polars::prelude::*;
use polars_arrow::array::{Array, Utf8ViewArray, View};
use polars_arrow::datatypes::ArrowDataType;
use polars_buffer::Buffer;
use std::borrow::Cow;

/// A new buffer is begun before one grows past this (view offsets are 32 bits).
const BUFFER_MAX: usize = 1 << 31;

/// What [`map_views`] stopped at.
#[derive(Debug, PartialEq)]
pub(super) struct OverBudget;

/// `f` applied to each value of `ca` (blanks stay blank), and the values it
/// changed; [`OverBudget`] once the values out add up to more than `budget` bytes.
pub(super) fn map_views(
    ca: &StringChunked,
    budget: usize,
    f: impl for<'s> Fn(&'s str) -> Cow<'s, str>,
) -> Result<(StringChunked, usize), OverBudget> {
    let (mut changed, mut bytes) = (0usize, 0usize);
    let mut chunks = Vec::with_capacity(ca.chunks().len());
    for array in ca.downcast_iter() {
        chunks.push(map_array(array, budget, &f, &mut changed, &mut bytes)?);
    }
    let out = StringChunked::from_chunk_iter(ca.name().clone(), chunks);
    Ok((out, changed))
}

/// One chunk of [`map_views`].
fn map_array(
    array: &Utf8ViewArray,
    budget: usize,
    f: &impl for<'s> Fn(&'s str) -> Cow<'s, str>,
    changed: &mut usize,
    bytes: &mut usize,
) -> Result<Utf8ViewArray, OverBudget> {
    let old = array.data_buffers().len();
    let mut fresh: Vec<Vec<u8>> = vec![Vec::new()];
    let mut views: Vec<View> = Vec::with_capacity(array.len());
    let mut uses_old = false;
    for (i, view) in array.views().iter().enumerate() {
        if !array.is_valid(i) {
            views.push(View::default());
            continue;
        }
        // SAFETY: `i` is within the array.
        let s = unsafe { array.value_unchecked(i) };
        let out = f(s);
        *bytes += out.len();
        if *bytes > budget {
            return Err(OverBudget);
        }
        let within = |o: &str| {
            let (start, end) = (s.as_ptr() as usize, s.as_ptr() as usize + s.len());
            let at = o.as_ptr() as usize;
            (at >= start && at + o.len() <= end).then(|| at - start)
        };
        let part = match &out {
            Cow::Borrowed(o) => within(o).map(|skip| (*o, skip)),
            Cow::Owned(_) => None,
        };
        let view = match part {
            Some((o, skip)) => {
                if o.len() != s.len() {
                    *changed += 1;
                }
                if o.len() <= View::MAX_INLINE_SIZE as usize {
                    View::new_inline(o.as_bytes())
                } else {
                    // A part of a long value lies in the same buffer, further on.
                    uses_old = true;
                    View::new_from_bytes(o.as_bytes(), view.buffer_idx, view.offset + skip as u32)
                }
            }
            None => {
                if out.as_ref() != s {
                    *changed += 1;
                }
                let o = out.as_bytes();
                if o.len() <= View::MAX_INLINE_SIZE as usize {
                    View::new_inline(o)
                } else {
                    let last = fresh.last_mut().filter(|b| b.len() + o.len() <= BUFFER_MAX);
                    let buffer = match last {
                        Some(b) => b,
                        None => {
                            fresh.push(Vec::new());
                            fresh.last_mut().expect("just pushed")
                        }
                    };
                    let offset = buffer.len() as u32;
                    buffer.extend_from_slice(o);
                    let idx = (old + fresh.len() - 1) as u32;
                    View::new_from_bytes(o, idx, offset)
                }
            }
        };
        views.push(view);
    }
    // The old buffers are kept only while a view points into them.
    let mut buffers: Vec<Buffer<u8>> = Vec::with_capacity(old + fresh.len());
    if uses_old {
        buffers.extend(array.data_buffers().iter().cloned());
    } else {
        for v in views.iter_mut() {
            if v.length > View::MAX_INLINE_SIZE {
                v.buffer_idx -= old as u32;
            }
        }
    }
    buffers.extend(fresh.into_iter().map(Buffer::from));
    // SAFETY: every view is inline (UTF-8 bytes of a `str`), or a `str` (so UTF-8,
    // between characters) in a fresh buffer at the offset it was copied to, or a part
    // of a value of `array` (a `str` within the value's bytes) in that value's own
    // buffer at its offset plus the part's distance from the value's start; a
    // blank's view is kept with its validity bit.
    let array = unsafe {
        Utf8ViewArray::new_unchecked_unknown_md(
            ArrowDataType::Utf8View,
            Buffer::from(views),
            Buffer::from(buffers),
            array.validity().cloned(),
            None,
        )
    };
    Ok(array)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Values long and short, with spaces, blanks, and non-ASCII letters.
    fn column() -> StringChunked {
        let a = StringChunked::new(
            "c".into(),
            [
                Some("  a long value with spaces around it   "),
                None,
                Some("short"),
                Some(" x "),
                Some("Ünïcödé ß and more than twelve bytes"),
                Some(""),
                Some("   "),
            ],
        );
        let b = StringChunked::new("c".into(), [Some(" second chunk, long enough "), None]);
        let mut a = a;
        a.append(&b).unwrap();
        a
    }

    fn plain(ca: &StringChunked, f: impl Fn(&str) -> String) -> Vec<Option<String>> {
        ca.iter().map(|v| v.map(&f)).collect()
    }

    #[test]
    fn mapped_views_read_as_the_values_mapped() {
        let ca = column();
        type Op = fn(&str) -> Cow<'_, str>;
        type Plain = fn(&str) -> String;
        let ops: [(Op, Plain); 4] = [
            (|s| Cow::Borrowed(s.trim()), |s| s.trim().to_string()),
            (|s| Cow::Owned(s.to_uppercase()), |s| s.to_uppercase()),
            (|s| Cow::Borrowed(s), |s| s.to_string()),
            (
                |s| match s.len() % 2 {
                    0 => Cow::Borrowed(s.trim_start()),
                    _ => Cow::Owned(format!("{s}{s}")),
                },
                |s| match s.len() % 2 {
                    0 => s.trim_start().to_string(),
                    _ => format!("{s}{s}"),
                },
            ),
        ];
        for (f, g) in ops {
            let (out, changed) = map_views(&ca, usize::MAX, f).unwrap();
            let want = plain(&ca, g);
            let got: Vec<Option<String>> = out.iter().map(|v| v.map(str::to_string)).collect();
            assert_eq!(got, want);
            let differ = ca
                .iter()
                .zip(out.iter())
                .filter(|(a, b)| a.is_some() && a != b)
                .count();
            assert_eq!(changed, differ);
            assert_eq!(out.chunks().len(), ca.chunks().len());
        }
    }

    #[test]
    fn a_borrowed_value_from_elsewhere_is_copied() {
        let ca = column();
        let (out, changed) = map_views(&ca, usize::MAX, |_| {
            Cow::Borrowed("a value that lives in the program, not in the column")
        })
        .unwrap();
        assert!(
            out.iter()
                .flatten()
                .all(|v| v.starts_with("a value that lives"))
        );
        assert_eq!(changed, 7);
    }

    #[test]
    fn the_budget_stops_a_growing_column() {
        let ca = column();
        let grown = map_views(&ca, 100, |s| Cow::Owned(s.repeat(10)));
        assert_eq!(grown.err(), Some(OverBudget));
    }
}
