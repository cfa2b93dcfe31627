//! A delimited file read piece by piece ([`crate::data::chunks`]), each piece
//! scanned as it comes, so memory holds one piece and what the caller keeps from
//! it, however big the file. Files the pieces cannot be read from as they come
//! (not UTF-8, bare CR line endings, `, ` separators, a record over 256 MB) are
//! left to a read of the whole text ([`read_text`]), which scans them the same way.

use crate::data::chunks::{ChunkError, Chunks};
use crate::data::decode::{TextEncoding, decode};
use crate::data::delimited::{Good, prepare, sort_ragged};
use crate::data::import::{ImportError, Kind, ReadOptions, refuse_web_page, sniff_kind};
use crate::data::layout::Layout;
use crate::data::load_progress::{LoadProgress, Stage};
use crate::data::scan::{BadRecord, Scan};
use std::borrow::Cow;
use std::path::Path;

/// Bytes read at a time.
pub const PIECE: usize = 8 << 20;
/// The longest record read piece by piece; a longer one is left to the whole read.
const LONGEST_RECORD: usize = 256 << 20;

/// The scan of one piece (or of the whole text): given its text, the layout to
/// read it by and, for a whole text, the progress of splitting its rows.
pub type ScanPiece<'s> = dyn FnMut(&str, &Layout, Option<&LoadProgress>) -> Scan + 's;

/// What the scans found, put together.
#[derive(Debug)]
pub struct Read {
    /// The header's cells as written (see [`Scan::header`]).
    pub header: Vec<String>,
    /// The good records.
    pub good: Good,
    /// Records set aside, their spans into [`Read::ragged_text`].
    pub bad: Vec<BadRecord>,
    /// Footnotes after the data, their spans into [`Read::ragged_text`].
    pub footnotes: Vec<BadRecord>,
    /// The text of the ragged records, one after another.
    pub ragged_text: String,
    /// Where the table sits in the file (the first piece's layout).
    pub layout: Layout,
    /// The text's encoding.
    pub encoding: Option<TextEncoding>,
    /// The file had bare CR line endings (a whole read only).
    pub bare_cr: bool,
}

impl Read {
    /// Nothing read yet.
    fn empty() -> Read {
        Read {
            header: Vec::new(),
            good: Good::default(),
            bad: Vec::new(),
            footnotes: Vec::new(),
            ragged_text: String::new(),
            layout: Layout::plain(b','),
            encoding: None,
            bare_cr: false,
        }
    }

    /// Add one piece's scan; `text` is the piece.
    fn add(&mut self, text: &str, s: Scan) {
        if self.header.is_empty() {
            self.header = s.header;
        }
        self.good.rows += s.row_lines.len();
        if let Some(&last) = s.row_lines.last() {
            self.good.last_line = last;
        }
        for r in s.ragged {
            let start = self.ragged_text.len();
            self.ragged_text.push_str(&text[r.span.0..r.span.1]);
            let end = self.ragged_text.len();
            self.bad.push(BadRecord {
                span: (start, end),
                next: end,
                ..r
            });
        }
    }

    /// Sort the ragged records into rows set aside and footnotes (see
    /// [`crate::data::delimited::sort_records`]).
    fn sort(mut self, strict: bool) -> Result<Read, ImportError> {
        let ragged = std::mem::take(&mut self.bad);
        let (bad, footnotes) = sort_ragged(
            &self.ragged_text,
            ragged,
            &self.header,
            self.good,
            self.layout.delimiter,
            strict,
        )?;
        self.bad = bad;
        self.footnotes = footnotes;
        Ok(self)
    }

    /// The records set aside, as rows with their text.
    pub fn set_aside(&self) -> Vec<crate::data::quarantine::BadRow> {
        self.bad
            .iter()
            .map(|r| crate::data::quarantine::BadRow {
                line: r.line,
                fields: r.fields,
                expected: self.header.len(),
                text: self.text_of(r).to_string(),
            })
            .collect()
    }

    /// The footnotes skipped after the data, with their lines.
    pub fn footnote_lines(&self) -> Vec<crate::data::layout::SkippedLine> {
        self.footnotes
            .iter()
            .map(|r| crate::data::layout::SkippedLine {
                line: r.line,
                text: crate::data::layout::excerpt(self.text_of(r)),
            })
            .collect()
    }

    /// The text of a record set aside or a footnote.
    pub fn text_of(&self, r: &BadRecord) -> &str {
        &self.ragged_text[r.span.0..r.span.1]
    }
}

/// What [`read_pieces`] did.
#[derive(Debug)]
pub enum Piecewise {
    /// The file was read and scanned.
    Done(Read),
    /// The file cannot be read piece by piece: read its whole text.
    ReadWhole,
}

/// Read the file at `path` in pieces of `piece` bytes, scanning each with `scan`,
/// and reporting the share read to `progress`.
pub fn read_pieces(
    path: &Path,
    opts: &ReadOptions,
    progress: &LoadProgress,
    piece: usize,
    scan: &mut ScanPiece<'_>,
) -> Result<Piecewise, ImportError> {
    let Ok(file) = std::fs::File::open(path) else {
        return Ok(Piecewise::ReadWhole);
    };
    let size = file.metadata().map(|m| m.len()).unwrap_or(0).max(1);
    let progress = &progress.stage_span(Stage::Reading, 0.0, 1.0);
    // The next pieces are read on another thread while this one is scanned.
    let Ok(reader) = crate::data::read_ahead::ReadAhead::new(file) else {
        return Ok(Piecewise::ReadWhole);
    };
    let mut pieces = Chunks::new(reader, piece, LONGEST_RECORD);
    let mut read = Read::empty();
    let mut layout: Option<Layout> = None;
    let mut next_line: u32 = 1;
    loop {
        crate::data::import::go_on(progress)?;
        // The first piece holds the lines the header is found from, as in a whole read.
        let lines_wanted = if layout.is_none() {
            crate::data::layout::SAMPLE_LINES + 1
        } else {
            0
        };
        let (piece, last) = match pieces.next_piece_of(lines_wanted) {
            Ok(Some(p)) => p,
            Ok(None) => break,
            Err(ChunkError::RecordTooLong(_) | ChunkError::Io(_)) => {
                return Ok(Piecewise::ReadWhole);
            }
        };
        match &layout {
            None => {
                if sniff_kind(piece) != Kind::Text {
                    return Ok(Piecewise::ReadWhole);
                }
                refuse_web_page(piece)?;
                let (Cow::Borrowed(text), encoding) = decode(piece) else {
                    return Ok(Piecewise::ReadWhole);
                };
                let sampled = text
                    .split_inclusive('\n')
                    .filter(|l| l.ends_with('\n') && !l.trim().is_empty())
                    .take(crate::data::layout::SAMPLE_LINES)
                    .count();
                if text.trim().is_empty() || (sampled < crate::data::layout::SAMPLE_LINES && !last)
                {
                    return Ok(Piecewise::ReadWhole);
                }
                let prepared = prepare(text, opts);
                if prepared.bare_cr || !matches!(prepared.text, Cow::Borrowed(_)) {
                    return Ok(Piecewise::ReadWhole);
                }
                let s = scan(text, &prepared.layout, None);
                next_line = s.next_line;
                read.add(text, s);
                if read.header.is_empty() {
                    return Ok(Piecewise::ReadWhole);
                }
                read.encoding = Some(encoding);
                layout = Some(prepared.layout);
            }
            Some(first) => {
                let Ok(text) = std::str::from_utf8(piece) else {
                    return Ok(Piecewise::ReadWhole);
                };
                if bare_cr(piece) {
                    return Ok(Piecewise::ReadWhole);
                }
                let go_on = Layout {
                    delimiter: first.delimiter,
                    comma_space: false,
                    start: 0,
                    first_line: next_line,
                    header_rows: 0,
                    names: Some(read.header.clone()),
                    skipped: Vec::new(),
                };
                let s = scan(text, &go_on, None);
                next_line = s.next_line;
                read.add(text, s);
            }
        }
        progress.set(pieces.consumed as f32 / size as f32);
    }
    let Some(layout) = layout else {
        return Ok(Piecewise::ReadWhole);
    };
    progress.set(1.0);
    read.layout = layout;
    read.sort(opts.strict).map(Piecewise::Done)
}

/// Scan decoded delimited `text` whole with `scan` (line endings made plain and
/// `, ` separators tightened first), reporting the rows split to `progress`.
pub fn read_text(
    text: &str,
    encoding: TextEncoding,
    opts: &ReadOptions,
    progress: &LoadProgress,
    scan: &mut ScanPiece<'_>,
) -> Result<Read, ImportError> {
    if text.trim().is_empty() {
        return Err(ImportError::Empty);
    }
    let prepared = prepare(text, opts);
    let rows = progress.stage_span(Stage::SplittingRows, 0.0, 1.0);
    let s = scan(&prepared.text, &prepared.layout, Some(&rows));
    let mut read = Read::empty();
    read.add(&prepared.text, s);
    read.layout = prepared.layout;
    read.encoding = Some(encoding);
    read.bare_cr = prepared.bare_cr;
    read.sort(opts.strict)
}

/// Pieces smaller than this are scanned whole rather than in halves.
const HALVES_FROM: usize = 1 << 20;

/// Scan a piece that goes on from an earlier one in two halves side by side, split
/// at a record's end as pieces are: `scan(part, layout, state)` scans a part into
/// its state; the second half's state, from `fresh`, is then added to the first's by
/// `merge`. The scans put together are the scan of the whole piece. A first piece
/// (it holds the header) or a small one is scanned whole.
pub(crate) fn scan_halves<S: Send>(
    text: &str,
    layout: &Layout,
    state: &mut S,
    fresh: impl FnOnce() -> S,
    merge: impl FnOnce(&mut S, S),
    scan: impl Fn(&str, &Layout, &mut S) -> Scan + Sync,
) -> Scan {
    let goes_on = layout.names.is_some() && layout.header_rows == 0 && layout.start == 0;
    let mut mid = text.len() / 2;
    while !text.is_char_boundary(mid) {
        mid -= 1;
    }
    let split = crate::data::chunks::record_end(&text.as_bytes()[..mid]);
    let (true, Some(k)) = (goes_on && text.len() >= HALVES_FROM, split) else {
        return scan(text, layout, state);
    };
    let (first, second) = text.split_at(k);
    let later = Layout {
        first_line: layout.first_line
            + crate::data::scan::count_byte(first.as_bytes(), b'\n') as u32,
        ..layout.clone()
    };
    let mut other = fresh();
    let (a, b) = rayon::join(
        || scan(first, layout, state),
        || scan(second, &later, &mut other),
    );
    merge(state, other);
    joined(a, b, k)
}

/// Every good record's cells of a piece, as their start and end in `text`, one
/// record after another; scanned in halves side by side ([`scan_halves`]).
pub(crate) fn cells_in_halves(text: &str, layout: &Layout) -> (Vec<(u32, u32)>, Scan) {
    let base = text.as_ptr() as usize;
    let mut cells = Vec::new();
    let s = scan_halves(
        text,
        layout,
        &mut cells,
        Vec::new,
        |a: &mut Vec<(u32, u32)>, b| a.extend(b),
        |part, l, cells| {
            let mut keep = |c: &[&str]| {
                cells.extend(c.iter().map(|v| {
                    let start = (v.as_ptr() as usize - base) as u32;
                    (start, start + v.len() as u32)
                }))
            };
            crate::data::scan::scan_picked(
                part,
                l,
                &crate::data::scan::every_column,
                &mut keep,
                None,
            )
        },
    );
    (cells, s)
}

/// The scan of a text from the scans of its two parts, the second starting at byte `k`.
fn joined(mut a: Scan, b: Scan, k: usize) -> Scan {
    a.row_lines.extend(b.row_lines);
    a.ragged.extend(b.ragged.into_iter().map(|r| BadRecord {
        span: (r.span.0 + k, r.span.1 + k),
        next: r.next + k,
        ..r
    }));
    a.blank
        .extend(b.blank.into_iter().map(|(s, e)| (s + k, e + k)));
    a.next_line = b.next_line;
    a
}

/// Whether `bytes` has a CR that does not end a CRLF line.
fn bare_cr(bytes: &[u8]) -> bool {
    memchr::memchr_iter(b'\r', bytes).any(|i| bytes.get(i + 1) != Some(&b'\n'))
}
