//! A learner's progress as the coach may see it. Built only from counts and
//! statuses: the learner's answers, queries, reflections and data never enter it.

use super::protocol::{Mark, Status};
use crate::progress::LessonProgress;

/// The status to send for a lesson's progress, with the step the learner is on, the
/// mistakes matched per step and the hand flag.
pub fn of(progress: &LessonProgress, step: usize, mistakes: &[Option<u32>], hand: bool) -> Status {
    let marks = progress
        .steps
        .iter()
        .take(super::protocol::MAX_STATUS_STEPS)
        .enumerate()
        .map(|(i, s)| Mark {
            status: s.status,
            tries: s.tries,
            hints: s.hints,
            seconds: s.seconds,
            mistake: mistakes.get(i).copied().flatten(),
        })
        .collect::<Vec<_>>();
    Status {
        step: step.min(marks.len().saturating_sub(1)) as u32,
        marks,
        hand,
    }
}
