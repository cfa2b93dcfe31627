//! Active time on a step: the time between two key presses counts, but a pause is
//! counted as at most [`IDLE_CAP`], so a learner who walks away is not timed.

use std::time::{Duration, Instant};

/// Longest pause counted as time spent.
pub const IDLE_CAP: Duration = Duration::from_secs(120);

/// Measures active time between events, in whole seconds (fractions carry over).
#[derive(Debug, Clone)]
pub struct ActiveClock {
    last_seen: Instant,
    carried: Duration,
}

impl ActiveClock {
    /// A clock that starts counting at `now`.
    pub fn start(now: Instant) -> Self {
        ActiveClock {
            last_seen: now,
            carried: Duration::ZERO,
        }
    }

    /// Whole seconds of active time since the last lap (pauses capped at
    /// [`IDLE_CAP`]); the part of a second left over counts towards the next lap.
    pub fn lap(&mut self, now: Instant) -> u64 {
        self.carried += now.saturating_duration_since(self.last_seen).min(IDLE_CAP);
        self.last_seen = now;
        let whole = self.carried.as_secs();
        self.carried -= Duration::from_secs(whole);
        whole
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_gaps_count_in_full() {
        let t0 = Instant::now();
        let mut c = ActiveClock::start(t0);
        assert_eq!(c.lap(t0 + Duration::from_secs(7)), 7);
        assert_eq!(c.lap(t0 + Duration::from_secs(37)), 30);
    }

    #[test]
    fn a_long_pause_counts_as_two_minutes_at_most() {
        let t0 = Instant::now();
        let mut c = ActiveClock::start(t0);
        assert_eq!(c.lap(t0 + Duration::from_secs(3600)), 120);
        assert_eq!(
            c.lap(t0 + Duration::from_secs(3610)),
            10,
            "counting goes on"
        );
    }

    #[test]
    fn fractions_of_a_second_add_up() {
        let t0 = Instant::now();
        let mut c = ActiveClock::start(t0);
        let mut total = 0;
        for i in 1..=10 {
            total += c.lap(t0 + Duration::from_millis(300 * i));
        }
        assert_eq!(total, 3, "ten key presses 0.3 s apart are 3 seconds");
    }
}
