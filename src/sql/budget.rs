//! What one query may spend: time, result rows and memory, and a way to stop it.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

/// Limits for one query. The defaults are far above what a lesson needs and well
/// below what takes a laptop down.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Budget {
    /// Wall-clock time before the query is stopped.
    pub time: Duration,
    /// Most rows in a result.
    pub rows: usize,
    /// Most memory for the engine's work (joins, sorts, groups) and for the result.
    pub memory: usize,
}

impl Default for Budget {
    fn default() -> Self {
        Budget {
            time: Duration::from_secs(60),
            rows: 5_000_000,
            memory: 2 << 30,
        }
    }
}

/// A flag another thread sets to stop a running query (Esc in the player).
#[derive(Debug, Clone, Default)]
pub struct Cancel(Arc<AtomicBool>);

impl Cancel {
    /// A flag not yet set.
    pub fn new() -> Self {
        Cancel::default()
    }

    /// Ask the query to stop.
    pub fn cancel(&self) {
        self.0.store(true, Ordering::SeqCst);
    }

    /// Whether [`Cancel::cancel`] was called.
    pub fn is_cancelled(&self) -> bool {
        self.0.load(Ordering::SeqCst)
    }
}
