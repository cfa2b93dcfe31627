//! `apply` on a big delimited file: read twice, piece by piece, and written as it
//! goes ([`crate::data::replay_pieces`]), so memory holds a piece, not the file.
//! Other inputs, and recipes with an op that needs the whole table (a `dedupe`
//! keeping the last row, a `filter` with a query inside), are read whole.

use super::{ApplyArgs, EXIT_PROBLEMS, Failure, replay_failure};
use crate::cmd::spinner::Progress;
use crate::data::import::ImportError;
use crate::data::load_progress::LoadProgress;
use crate::data::piecewise::PIECE;
use crate::data::recipe::{OpOutcome, runs_piecewise};
use crate::data::recipe_file::Recipe;
use crate::data::replay_pieces::{
    FirstPass, PIECEWISE_FROM, PieceError, first_pass, replay_pieces,
};
use crate::output::{self, Audience, Existing};

/// When a file is read piece by piece, and how big a piece is.
#[derive(Debug, Clone, Copy)]
pub(super) struct Pieces {
    /// Files at least this big.
    pub from: u64,
    /// Bytes a piece.
    pub piece: usize,
}

impl Default for Pieces {
    fn default() -> Self {
        Pieces {
            from: PIECEWISE_FROM,
            piece: PIECE,
        }
    }
}

impl Pieces {
    /// The first pass over the input; `None` when it is read whole instead.
    pub(super) fn first_pass(
        &self,
        args: &ApplyArgs,
        recipe: &Recipe,
    ) -> Result<Option<FirstPass>, ImportError> {
        if !recipe.ops.iter().all(runs_piecewise)
            || !crate::data::sample::is_big(&args.input, self.from)
        {
            return Ok(None);
        }
        let progress = LoadProgress::new();
        let _bar = Progress::follow(&name(args), &progress);
        first_pass(
            &args.input,
            &args.read,
            &progress.span(0.0, 0.5),
            self.piece,
        )
    }

    /// Replay the recipe piece by piece into the output, all or nothing: what each
    /// op did, and the rows and columns written.
    pub(super) fn write(
        &self,
        args: &ApplyArgs,
        first: &FirstPass,
        recipe: &Recipe,
        map: &[(String, String)],
    ) -> Result<(Vec<OpOutcome>, (usize, usize)), Failure> {
        let progress = LoadProgress::new();
        let bar = Progress::follow(&name(args), &progress);
        let mut done = None;
        let mut failed = None;
        let wrote = output::write(
            &args.output,
            &[&args.input, &args.recipe],
            Existing::replace_if(args.force),
            Audience::Shared,
            |file| {
                let mut out = std::io::BufWriter::with_capacity(1 << 20, file);
                let pieces = replay_pieces(
                    &args.input,
                    first,
                    (recipe, map),
                    &args.read,
                    &progress.span(0.5, 1.0),
                    self.piece,
                    &mut out,
                );
                match pieces {
                    Ok(w) => {
                        std::io::Write::flush(&mut out)?;
                        done = Some(w);
                        Ok(())
                    }
                    Err(e) => {
                        failed = Some(e);
                        Err(std::io::Error::other("stopped"))
                    }
                }
            },
        );
        drop(bar);
        let nothing = |m: String| {
            (
                EXIT_PROBLEMS,
                format!("huddle apply: {m}\nnothing was written"),
            )
        };
        match (failed, wrote, done) {
            (Some(PieceError::Replay(e)), _, _) => Err(replay_failure(args, e, first.names())),
            (Some(PieceError::Read(m)), _, _) => Err(nothing(format!(
                "{}: {m}",
                crate::source::shown(&args.input)
            ))),
            (Some(PieceError::Write(e)), _, _) => {
                Err(nothing(format!("{}: {e}", args.output.display())))
            }
            (None, Err(e), _) => Err(nothing(e.to_string())),
            (None, Ok(()), Some(w)) => Ok((w.outcomes, (w.rows, w.columns))),
            (None, Ok(()), None) => Err(nothing("the file could not be read".into())),
        }
    }
}

/// The input's name, for the progress bar.
fn name(args: &ApplyArgs) -> String {
    args.input
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| args.input.display().to_string())
}
