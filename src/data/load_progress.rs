//! How far a file load has got, shared between the thread that loads and the
//! screen that shows a progress bar. Updates are relaxed atomic stores made at most
//! every few tens of thousands of rows, so watching costs the loader nothing.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU8, AtomicU32, Ordering};

/// Stage names, indexed by [`Stage`].
const STAGE_NAMES: [&str; 10] = [
    "waiting",
    "reading",
    "decoding",
    "splitting rows",
    "building table",
    "opening workbook",
    "reading cells",
    "typing columns",
    "done",
    "cleaning",
];

/// One stage of a load, as shown next to the bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// Nothing started yet.
    Waiting = 0,
    /// Reading bytes from disk.
    Reading = 1,
    /// Turning bytes into text (UTF-16, Windows-1252) or decoding Parquet.
    Decoding = 2,
    /// Finding where each row of a CSV starts.
    SplittingRows = 3,
    /// Building the table from the text.
    BuildingTable = 4,
    /// Unpacking a spreadsheet.
    OpeningWorkbook = 5,
    /// Turning spreadsheet cells into text.
    ReadingCells = 6,
    /// Converting columns to their types.
    TypingColumns = 7,
    /// Finished.
    Done = 8,
    /// Running a recipe's ops on the rows read (`huddle apply` on a big file).
    Cleaning = 9,
}

impl Stage {
    /// The name shown to people, e.g. "splitting rows".
    pub fn name(self) -> &'static str {
        STAGE_NAMES[self as usize]
    }
}

/// Millionths: the resolution of the shared fraction.
const SCALE: f32 = 1_000_000.0;

#[derive(Debug, Default)]
struct Shared {
    /// Overall fraction done, in millionths; only ever grows.
    millionths: AtomicU32,
    /// Index into [`STAGE_NAMES`].
    stage: AtomicU8,
    /// The person stopped the load; the loader gives up at its next check.
    cancelled: AtomicBool,
    /// Every report as (stage, millionths), so tests can check the order.
    #[cfg(test)]
    log: std::sync::Mutex<Vec<(u8, u32)>>,
}

/// Progress of one load: cheap to clone (an `Arc`), readable from any thread.
///
/// The loader reports progress within a part of the bar ([`LoadProgress::span`]),
/// so reading a file and typing its columns can share one bar that only moves
/// forward and ends at 1.0.
#[derive(Debug, Clone)]
pub struct LoadProgress {
    shared: Arc<Shared>,
    lo: f32,
    hi: f32,
}

impl Default for LoadProgress {
    fn default() -> Self {
        Self::new()
    }
}

impl LoadProgress {
    /// A fresh bar at 0.0, stage "waiting".
    pub fn new() -> Self {
        LoadProgress {
            shared: Arc::new(Shared::default()),
            lo: 0.0,
            hi: 1.0,
        }
    }

    /// Overall fraction done, 0.0 to 1.0; never goes down.
    pub fn fraction(&self) -> f32 {
        (self.shared.millionths.load(Ordering::Relaxed) as f32 / SCALE).min(1.0)
    }

    /// The current stage's name in the screens' language, e.g. "leyendo".
    pub fn stage_said(&self) -> &'static str {
        use crate::i18n::tr;
        match self.shared.stage.load(Ordering::Relaxed) {
            0 => tr("waiting"),
            1 => tr("reading"),
            2 => tr("decoding"),
            3 => tr("splitting rows"),
            4 => tr("building table"),
            5 => tr("opening workbook"),
            6 => tr("reading cells"),
            7 => tr("typing columns"),
            8 => tr("done"),
            9 => tr("cleaning"),
            _ => tr("working"),
        }
    }

    /// The current stage's name in English, e.g. "splitting rows".
    pub fn stage(&self) -> &'static str {
        STAGE_NAMES
            .get(self.shared.stage.load(Ordering::Relaxed) as usize)
            .copied()
            .unwrap_or("working")
    }

    /// The same bar, with this handle's reports mapped into `lo..hi` of its own part
    /// (both 0.0 to 1.0), e.g. `span(0.0, 0.8)` for reading and `span(0.8, 1.0)` for
    /// typing.
    pub fn span(&self, lo: f32, hi: f32) -> LoadProgress {
        let lo = lo.clamp(0.0, 1.0);
        let hi = hi.clamp(lo, 1.0);
        let width = self.hi - self.lo;
        LoadProgress {
            shared: Arc::clone(&self.shared),
            lo: self.lo + lo * width,
            hi: self.lo + hi * width,
        }
    }

    /// Enter `stage`, which covers `from..to` of this handle's part of the bar;
    /// returns the handle to report progress within it.
    pub fn stage_span(&self, stage: Stage, from: f32, to: f32) -> LoadProgress {
        self.shared.stage.store(stage as u8, Ordering::Relaxed);
        let part = self.span(from, to);
        part.set(0.0);
        part
    }

    /// Say the load is now at `stage`, leaving the bar where it is.
    pub fn say_stage(&self, stage: Stage) {
        self.shared.stage.store(stage as u8, Ordering::Relaxed);
    }

    /// Report `done` (0.0 to 1.0) of this handle's part. Cheap: one relaxed atomic
    /// `fetch_max`, so the bar never moves backwards.
    pub fn set(&self, done: f32) {
        let done = if done.is_finite() {
            done.clamp(0.0, 1.0)
        } else {
            0.0
        };
        let overall = self.lo + done * (self.hi - self.lo);
        let m = (overall * SCALE).round() as u32;
        self.shared.millionths.fetch_max(m, Ordering::Relaxed);
        #[cfg(test)]
        if let Ok(mut log) = self.shared.log.lock() {
            log.push((self.shared.stage.load(Ordering::Relaxed), m));
        }
    }

    /// Every report so far as (stage name, overall fraction), oldest first.
    #[cfg(test)]
    pub(crate) fn reports(&self) -> Vec<(&'static str, f32)> {
        let log = self
            .shared
            .log
            .lock()
            .map(|l| l.clone())
            .unwrap_or_default();
        log.into_iter()
            .map(|(st, m)| {
                let name = STAGE_NAMES.get(st as usize).copied().unwrap_or("?");
                (name, m as f32 / SCALE)
            })
            .collect()
    }

    /// Ask the loader to stop (Esc on the screen). Every handle of this bar sees it.
    pub fn cancel(&self) {
        self.shared.cancelled.store(true, Ordering::Relaxed);
    }

    /// Whether [`LoadProgress::cancel`] was called; loaders check it between
    /// chunks, stages and columns and stop with nothing half-made.
    pub fn is_cancelled(&self) -> bool {
        self.shared.cancelled.load(Ordering::Relaxed)
    }

    /// Mark this handle's part finished; the whole bar says "done" once it is full.
    pub fn finish(&self) {
        self.set(1.0);
        if self.fraction() >= 1.0 {
            self.shared
                .stage
                .store(Stage::Done as u8, Ordering::Relaxed);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_map_into_their_part_and_never_go_back() {
        let p = LoadProgress::new();
        assert_eq!((p.fraction(), p.stage()), (0.0, "waiting"));
        let read = p.span(0.0, 0.8);
        let rows = read.stage_span(Stage::SplittingRows, 0.5, 1.0);
        assert_eq!(p.stage(), "splitting rows");
        rows.set(0.5);
        assert!((p.fraction() - 0.6).abs() < 1e-4, "{}", p.fraction());
        rows.set(0.1);
        assert!((p.fraction() - 0.6).abs() < 1e-4, "went back");
        read.finish();
        assert!((p.fraction() - 0.8).abs() < 1e-4);
        assert_ne!(p.stage(), "done");
        p.span(0.8, 1.0)
            .stage_span(Stage::TypingColumns, 0.0, 1.0)
            .finish();
        assert_eq!((p.fraction(), p.stage()), (1.0, "done"));
    }

    #[test]
    fn cancelling_reaches_every_part_of_the_bar() {
        let p = LoadProgress::new();
        let part = p.span(0.5, 1.0).stage_span(Stage::ReadingCells, 0.0, 1.0);
        assert!(!part.is_cancelled());
        p.cancel();
        assert!(part.is_cancelled() && p.span(0.0, 0.1).is_cancelled());
    }
}
