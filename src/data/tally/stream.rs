//! The tally of a file read piece by piece ([`crate::data::chunks`]): memory holds
//! one piece and the distinct values, however big the file. Files the pieces cannot
//! be read from as they come (not UTF-8, bare CR line endings, `, ` separators)
//! are left to the whole-text tally, which reads them as a table would.

use super::{Counts, Tally, Want, finish, scan_counts};
use crate::data::chunks::{ChunkError, Chunks};
use crate::data::decode::decode;
use crate::data::delimited::{Good, prepare, sort_ragged};
use crate::data::import::{ImportError, Kind, ReadOptions, refuse_web_page, sniff_kind};
use crate::data::layout::Layout;
use crate::data::load_progress::LoadProgress;
use crate::data::scan::{BadRecord, Scan};
use std::borrow::Cow;
use std::path::Path;

/// Bytes read at a time.
const PIECE: usize = 8 << 20;
/// The longest record read piece by piece; a longer one is left to the whole read.
const LONGEST_RECORD: usize = 256 << 20;

/// What [`tally_stream`] did.
#[derive(Debug)]
pub enum Streamed {
    /// The file was tallied (`None`: see [`super::tally_text`]).
    Done(Option<Tally>),
    /// The file cannot be tallied piece by piece: read it whole.
    ReadWhole,
}

/// What the pieces' scans found, put together.
#[derive(Default)]
struct Found {
    header: Vec<String>,
    good: Good,
    /// Ragged records, their spans into `ragged_text`.
    ragged: Vec<BadRecord>,
    ragged_text: String,
}

impl Found {
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
            self.ragged.push(BadRecord {
                span: (start, end),
                next: end,
                ..r
            });
        }
    }
}

/// Tally the file at `path` piece by piece, reporting the share read to `progress`.
pub fn tally_stream(
    path: &Path,
    want: &Want<'_>,
    opts: &ReadOptions,
    progress: &LoadProgress,
) -> Result<Streamed, ImportError> {
    tally_pieces(path, want, opts, progress, PIECE)
}

/// [`tally_stream`] with pieces of `piece` bytes (the tests use tiny ones).
pub(super) fn tally_pieces(
    path: &Path,
    want: &Want<'_>,
    opts: &ReadOptions,
    progress: &LoadProgress,
    piece: usize,
) -> Result<Streamed, ImportError> {
    let Ok(file) = std::fs::File::open(path) else {
        return Ok(Streamed::ReadWhole);
    };
    let size = file.metadata().map(|m| m.len()).unwrap_or(0).max(1);
    let progress = &progress.stage_span(crate::data::load_progress::Stage::Reading, 0.0, 1.0);
    let mut pieces = Chunks::new(file, piece, LONGEST_RECORD);
    let mut counts = Counts::default();
    let mut found = Found::default();
    let mut layout: Option<Layout> = None;
    let mut next_line: u32 = 1;
    loop {
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
                return Ok(Streamed::ReadWhole);
            }
        };
        match &layout {
            None => {
                if sniff_kind(piece) != Kind::Text {
                    return Ok(Streamed::ReadWhole);
                }
                refuse_web_page(piece)?;
                let Cow::Borrowed(text) = decode(piece).0 else {
                    return Ok(Streamed::ReadWhole);
                };
                let sampled = text
                    .split_inclusive('\n')
                    .filter(|l| l.ends_with('\n') && !l.trim().is_empty())
                    .take(crate::data::layout::SAMPLE_LINES)
                    .count();
                if text.trim().is_empty() || (sampled < crate::data::layout::SAMPLE_LINES && !last)
                {
                    return Ok(Streamed::ReadWhole);
                }
                let prepared = prepare(text, opts);
                if prepared.bare_cr || !matches!(prepared.text, Cow::Borrowed(_)) {
                    return Ok(Streamed::ReadWhole);
                }
                let s = scan_counts(text, &prepared.layout, want, &mut counts, None);
                next_line = s.next_line;
                found.add(text, s);
                if found.header.is_empty() {
                    return Ok(Streamed::ReadWhole);
                }
                layout = Some(prepared.layout);
            }
            Some(first) => {
                let Ok(text) = std::str::from_utf8(piece) else {
                    return Ok(Streamed::ReadWhole);
                };
                if bare_cr(piece) {
                    return Ok(Streamed::ReadWhole);
                }
                let go_on = Layout {
                    delimiter: first.delimiter,
                    comma_space: false,
                    start: 0,
                    first_line: next_line,
                    header_rows: 0,
                    names: Some(found.header.clone()),
                    skipped: Vec::new(),
                };
                let s = scan_counts(text, &go_on, want, &mut counts, None);
                next_line = s.next_line;
                found.add(text, s);
            }
        }
        progress.set(pieces.consumed as f32 / size as f32);
    }
    let Some(layout) = layout else {
        return Ok(Streamed::ReadWhole);
    };
    progress.set(1.0);
    let (bad, _) = sort_ragged(
        &found.ragged_text,
        found.ragged,
        &found.header,
        found.good,
        layout.delimiter,
        opts.strict,
    )?;
    let set_aside = bad.iter().map(|b| b.line).collect();
    finish(
        want,
        &found.header,
        counts,
        found.good,
        set_aside,
        layout.delimiter,
    )
    .map(Streamed::Done)
}

/// Whether `bytes` has a CR that does not end a CRLF line.
fn bare_cr(bytes: &[u8]) -> bool {
    memchr::memchr_iter(b'\r', bytes).any(|i| bytes.get(i + 1) != Some(&b'\n'))
}
