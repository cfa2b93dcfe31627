//! A cleaned piece written as CSV, byte for byte as polars' `CsvWriter` writes it
//! (comma, `"` quotes only where needed, a blank written as nothing and empty
//! text as `""`), faster: the cells no op changed are written from the piece's
//! text ([`super::raw_rows`]), text columns straight from their views, and only
//! the other columns go through polars, one column at a time, their values then
//! placed in each row. A piece with a column of another kind that could hold a
//! line break is written by polars whole.

use super::raw_rows::Untouched;
use polars::prelude::*;
use polars_arrow::array::Utf8ViewArray;
use std::io::Write;

/// Bytes of rows gathered before they are written out.
const FLUSH_AT: usize = 256 << 10;

/// Write `df`'s rows (after its header when `header`) to `out` as CSV; the
/// columns `untouched` names are written from the file's text, whatever `df`
/// holds in them.
pub(super) fn write_piece(
    df: &mut DataFrame,
    untouched: Option<&Untouched>,
    header: bool,
    out: &mut (dyn Write + Send),
) -> PolarsResult<()> {
    let source = |j: usize| untouched.and_then(|u| u.sources.get(j).copied().flatten());
    if df.width() == 0 || !df.columns().iter().all(|c| row_safe(c.dtype())) {
        if let Some(u) = untouched {
            for j in 0..df.width() {
                if let Some(k) = source(j) {
                    let name = df.columns()[j].name().clone();
                    let records = (0..df.height()).map(|i| u.record_of(i));
                    let text = u.rows.column(k, records)?.with_name(name);
                    df.replace_column(j, text.into_column())?;
                }
            }
        }
        return CsvWriter::new(out).include_header(header).finish(df);
    }
    let mut buf: Vec<u8> = Vec::new();
    if header {
        CsvWriter::new(&mut buf)
            .include_header(true)
            .finish(&mut df.head(Some(0)))?;
    }
    let mut columns: Vec<Cells> = Vec::with_capacity(df.width());
    for (j, c) in df.columns().iter().enumerate() {
        if let Some(k) = source(j) {
            // Side by side in the file as in the output: one run.
            if let Some(Cells::Raw(run)) = columns.last_mut()
                && run.1 == k
            {
                run.1 = k + 1;
            } else {
                columns.push(Cells::Raw((k, k + 1)));
            }
            continue;
        }
        columns.push(match c.dtype() {
            DataType::String => Cells::Text(Text::new(c.str()?)),
            _ => {
                let mut one = DataFrame::new(df.height(), vec![c.clone()])?;
                let mut written = Vec::new();
                CsvWriter::new(&mut written)
                    .include_header(false)
                    .finish(&mut one)?;
                Cells::Written { written, at: 0 }
            }
        });
    }
    let raw = untouched.filter(|_| columns.iter().any(|c| matches!(c, Cells::Raw(_))));
    buf.reserve(FLUSH_AT);
    for i in 0..df.height() {
        let record = match raw {
            Some(u) => u.rows.record(u.record_of(i))?,
            None => &[],
        };
        for (j, cells) in columns.iter_mut().enumerate() {
            if j > 0 {
                buf.push(b',');
            }
            match (cells, raw) {
                (Cells::Raw(run), Some(u)) => u.rows.write_run(&mut buf, record, *run)?,
                (cells, _) => cells.write_next(&mut buf)?,
            }
        }
        buf.push(b'\n');
        // Written a little at a time, so the rows go out from a buffer kept warm.
        if buf.len() >= FLUSH_AT {
            out.write_all(&buf)?;
            buf.clear();
        }
    }
    out.write_all(&buf)?;
    Ok(())
}

/// Whether polars writes every value of type `t` on one line without a comma or
/// quote: numbers, true/false, dates and times.
fn row_safe(t: &DataType) -> bool {
    t.is_primitive_numeric()
        || matches!(
            t,
            DataType::String
                | DataType::Boolean
                | DataType::Date
                | DataType::Datetime(_, _)
                | DataType::Time
                | DataType::Null
        )
}

/// One column's cells, taken a row at a time.
enum Cells<'a> {
    /// File columns `from..to`, side by side, from the file's text.
    Raw((usize, usize)),
    /// Text, from the column's views.
    Text(Text<'a>),
    /// The column as polars wrote it alone: one line per row.
    Written { written: Vec<u8>, at: usize },
}

impl Cells<'_> {
    fn write_next(&mut self, buf: &mut Vec<u8>) -> PolarsResult<()> {
        match self {
            Cells::Raw(_) => {
                polars_bail!(ComputeError: "cells from the file's text without the text")
            }
            Cells::Text(t) => {
                if let Some(v) = t.next() {
                    write_text(buf, v.as_bytes());
                }
            }
            Cells::Written { written, at } => {
                let rest = &written[*at..];
                let Some(end) = memchr::memchr(b'\n', rest) else {
                    polars_bail!(ComputeError: "a column wrote fewer rows than the piece has");
                };
                buf.extend_from_slice(&rest[..end]);
                *at += end + 1;
            }
        }
        Ok(())
    }
}

/// A text column's values in order, across its chunks.
struct Text<'a> {
    chunks: Vec<&'a Utf8ViewArray>,
    chunk: usize,
    row: usize,
}

impl<'a> Text<'a> {
    fn new(ca: &'a StringChunked) -> Self {
        Text {
            chunks: ca.downcast_iter().collect(),
            chunk: 0,
            row: 0,
        }
    }

    /// The next row's value; `None` for a blank (and past the end).
    #[inline]
    fn next(&mut self) -> Option<&'a str> {
        while let Some(a) = self.chunks.get(self.chunk) {
            if self.row < a.len() {
                let i = self.row;
                self.row += 1;
                return a.get(i);
            }
            self.chunk += 1;
            self.row = 0;
        }
        None
    }
}

/// Write one text value as polars does with quotes where necessary: quoted when
/// it holds a comma, a line break or a quote (each quote doubled); empty text as
/// `""`.
#[inline]
pub(super) fn write_text(buf: &mut Vec<u8>, b: &[u8]) {
    if b.is_empty() {
        buf.extend_from_slice(b"\"\"");
        return;
    }
    if !b.iter().any(|&c| matches!(c, b',' | b'"' | b'\n' | b'\r')) {
        buf.extend_from_slice(b);
        return;
    }
    buf.push(b'"');
    for (i, part) in b.split(|&c| c == b'"').enumerate() {
        if i > 0 {
            buf.extend_from_slice(b"\"\"");
        }
        buf.extend_from_slice(part);
    }
    buf.push(b'"');
}

#[cfg(test)]
mod tests {
    use super::*;

    fn polars_csv(df: &DataFrame, header: bool) -> Vec<u8> {
        let mut out = Vec::new();
        CsvWriter::new(&mut out)
            .include_header(header)
            .finish(&mut df.clone())
            .unwrap();
        out
    }

    fn ours(df: &DataFrame, header: bool) -> Vec<u8> {
        let mut out = Vec::new();
        write_piece(&mut df.clone(), None, header, &mut out).unwrap();
        out
    }

    /// Text of every kind polars quotes or not, beside numbers, dates and blanks,
    /// in two chunks: written as polars writes them, byte for byte.
    #[test]
    fn rows_are_written_as_polars_writes_them() {
        let texts = [
            Some("plain"),
            None,
            Some(""),
            Some("a,b"),
            Some("say \"hi\""),
            Some("\""),
            Some("line\nbreak"),
            Some("carriage\rreturn"),
            Some(" spaced "),
            Some("Ünïcödé ß, ǅ"),
            Some("\"\""),
            Some("a very long value that is not inline in its view, with a comma"),
        ];
        let n = texts.len();
        let mut text = StringChunked::new("name, quoted \"x\"".into(), &texts);
        text.append(&StringChunked::new("".into(), &texts)).unwrap();
        let ints: Vec<Option<i64>> = (0..2 * n as i64)
            .map(|i| (i % 3 != 0).then_some(i * 1000 - 7))
            .collect();
        let floats: Vec<Option<f64>> = (0..2 * n)
            .map(|i| (i % 4 != 1).then_some(i as f64 / 3.0 - 2.5))
            .collect();
        let flags: Vec<Option<bool>> = (0..2 * n)
            .map(|i| (i % 5 != 2).then_some(i % 2 == 0))
            .collect();
        let days: Vec<Option<i32>> = (0..2 * n as i32)
            .map(|i| (i % 6 != 3).then_some(i * 400 - 3000))
            .collect();
        let dates = Int32Chunked::new("when".into(), &days)
            .into_series()
            .cast(&DataType::Date)
            .unwrap();
        let df = DataFrame::new(
            2 * n,
            vec![
                text.into_column(),
                Column::new("n".into(), ints),
                Column::new("x".into(), floats),
                Column::new("yes".into(), flags),
                dates.into_column(),
                Column::new(
                    "only text".into(),
                    texts.iter().chain(&texts).copied().collect::<Vec<_>>(),
                ),
            ],
        )
        .unwrap();
        for header in [true, false] {
            let (want, got) = (polars_csv(&df, header), ours(&df, header));
            assert_eq!(
                String::from_utf8_lossy(&got),
                String::from_utf8_lossy(&want)
            );
        }
        // One column alone, and a column of blanks only.
        for name in ["n", "only text", "x"] {
            let one = df.select([name]).unwrap();
            assert_eq!(ours(&one, true), polars_csv(&one, true), "{name}");
        }
        let blanks =
            DataFrame::new(3, vec![Column::full_null("b".into(), 3, &DataType::String)]).unwrap();
        assert_eq!(ours(&blanks, true), polars_csv(&blanks, true));
    }
}
