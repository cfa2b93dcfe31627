//! The tally of a file read piece by piece ([`crate::data::piecewise`]): memory
//! holds one piece and the distinct values, however big the file. Files the pieces
//! cannot be read from as they come are left to the whole-text tally, which reads
//! them as a table would.

use super::{Counts, Tally, Want, finish, scan_counts};
use crate::data::import::{ImportError, ReadOptions};
use crate::data::load_progress::LoadProgress;
use crate::data::piecewise::{PIECE, Piecewise, read_pieces};
use std::path::Path;

/// What [`tally_stream`] did.
#[derive(Debug)]
pub enum Streamed {
    /// The file was tallied (`None`: see [`super::tally_text`]).
    Done(Option<Tally>),
    /// The file cannot be tallied piece by piece: read it whole.
    ReadWhole,
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
    let mut counts = Counts::default();
    let mut scan = |text: &str, layout: &_, p: Option<&LoadProgress>| {
        scan_counts(text, layout, want, &mut counts, p)
    };
    let read = match read_pieces(path, opts, progress, piece, &mut scan)? {
        Piecewise::Done(read) => read,
        Piecewise::ReadWhole => return Ok(Streamed::ReadWhole),
    };
    finish(want, counts, &read).map(Streamed::Done)
}
