//! The coach's view of the call: one seat per learner, and the roll-up for the step
//! the coach is on. Pure state, fed by [`super::host::HostEvent`]s; drawn by the
//! player's live panel and read by the tests.

use super::protocol::{Mark, Status};
use crate::progress::StepStatus;
use std::time::{Duration, Instant};

/// One learner's place in the call.
#[derive(Debug, Clone)]
pub struct Seat {
    /// The connection's number, stable across the learner's reconnects.
    pub id: u64,
    /// The display name the learner chose.
    pub name: String,
    /// The last status, once one came.
    pub status: Option<Status>,
    /// When the learner arrived at the step they are on.
    pub since: Instant,
    /// Connected now.
    pub connected: bool,
}

impl Seat {
    /// The step the learner is on.
    pub fn step(&self) -> Option<usize> {
        self.status.as_ref().map(|s| s.step as usize)
    }

    /// The hand is up.
    pub fn hand(&self) -> bool {
        self.status.as_ref().is_some_and(|s| s.hand)
    }

    /// One step's mark.
    pub fn mark(&self, step: usize) -> Option<Mark> {
        self.status
            .as_ref()
            .and_then(|s| s.marks.get(step).copied())
    }

    /// Time on the current step.
    pub fn on_step(&self, now: Instant) -> Duration {
        now.saturating_duration_since(self.since)
    }
}

/// The lesson as the coach's room needs it: titles, and each step's mistakes named
/// by their feedback.
#[derive(Debug, Clone, Default)]
pub struct LessonOutline {
    /// The lesson id.
    pub id: String,
    /// Step titles.
    pub titles: Vec<String>,
    /// Per step, a short name for each mistake (the first line of its feedback).
    pub mistakes: Vec<Vec<String>>,
}

impl LessonOutline {
    /// The outline of a lesson.
    pub fn of(lesson: &crate::lesson::model::Lesson) -> Self {
        LessonOutline {
            id: lesson.meta.id.clone(),
            titles: lesson.steps.iter().map(|s| s.title.clone()).collect(),
            mistakes: lesson
                .steps
                .iter()
                .map(|s| {
                    s.mistakes
                        .iter()
                        .map(|m| short_feedback(&m.feedback))
                        .collect()
                })
                .collect(),
        }
    }
}

/// A mistake's name: the first sentence of its feedback, cut to 60 characters.
pub fn short_feedback(feedback: &str) -> String {
    let line = feedback
        .lines()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("");
    let end = line
        .char_indices()
        .find(|&(i, c)| matches!(c, '.' | '!' | '?' | ';') && i > 0)
        .map(|(i, _)| i)
        .unwrap_or(line.len());
    let s = crate::text::sanitize_line(line[..end].trim());
    if s.chars().count() > 60 {
        let cut: String = s.chars().take(59).collect();
        format!("{cut}…")
    } else {
        s
    }
}

/// The roll-up line under the seats, for one step.
#[derive(Debug, Clone, PartialEq)]
pub struct StepSummary {
    /// Learners who finished the step (solved or read).
    pub done: usize,
    /// Learners with a status.
    pub of: usize,
    /// Median seconds on the step, over those who spent any.
    pub median_seconds: Option<u64>,
    /// The mistake most learners last made there, and how many.
    pub common_mistake: Option<(usize, usize)>,
}

/// The whole room.
#[derive(Debug, Clone)]
pub struct Room {
    /// The lesson.
    pub outline: LessonOutline,
    /// Seats in the order learners joined.
    pub seats: Vec<Seat>,
    /// The step the coach is on.
    pub coach_step: usize,
    /// The group is held at the coach's step.
    pub hold: bool,
    /// Time on a step after which a learner is shown as stuck.
    pub stuck_after: Duration,
}

impl Room {
    /// An empty room for a lesson.
    pub fn new(outline: LessonOutline, stuck_after: Duration) -> Self {
        Room {
            outline,
            seats: Vec::new(),
            coach_step: 0,
            hold: false,
            stuck_after,
        }
    }

    /// Take in one event from the host.
    pub fn apply(&mut self, ev: &super::host::HostEvent, now: Instant) {
        use super::host::HostEvent;
        match ev {
            HostEvent::Joined { seat, name } => {
                if let Some(s) = self.seats.iter_mut().find(|s| s.id == *seat) {
                    s.connected = true;
                    s.name = name.clone();
                } else {
                    self.seats.push(Seat {
                        id: *seat,
                        name: name.clone(),
                        status: None,
                        since: now,
                        connected: true,
                    });
                }
            }
            HostEvent::Status { seat, status } => {
                if let Some(s) = self.seats.iter_mut().find(|s| s.id == *seat) {
                    if s.step() != Some(status.step as usize) {
                        s.since = now;
                    }
                    s.status = Some(status.clone());
                }
            }
            HostEvent::Left { seat } => {
                if let Some(s) = self.seats.iter_mut().find(|s| s.id == *seat) {
                    s.connected = false;
                }
            }
            HostEvent::Refused { .. } | HostEvent::Dropped { .. } => {}
        }
    }

    /// Learners on a step longer than [`Room::stuck_after`] without finishing it.
    pub fn is_stuck(&self, seat: &Seat, now: Instant) -> bool {
        let Some(step) = seat.step() else {
            return false;
        };
        let open = seat.mark(step).is_none_or(|m| !m.status.is_closed());
        seat.connected && open && seat.on_step(now) >= self.stuck_after
    }

    /// Hands up, in join order.
    pub fn hands(&self) -> Vec<&Seat> {
        self.seats.iter().filter(|s| s.hand()).collect()
    }

    /// The roll-up for a step.
    pub fn summary(&self, step: usize) -> StepSummary {
        let marks: Vec<Mark> = self.seats.iter().filter_map(|s| s.mark(step)).collect();
        let done = marks
            .iter()
            .filter(|m| m.status == StepStatus::Done)
            .count();
        let mut secs: Vec<u64> = marks.iter().map(|m| m.seconds).filter(|&s| s > 0).collect();
        secs.sort_unstable();
        let median_seconds = (!secs.is_empty()).then(|| secs[secs.len() / 2]);
        let mut counts: Vec<(usize, usize)> = Vec::new();
        for m in marks.iter().filter_map(|m| m.mistake) {
            let m = m as usize;
            match counts.iter_mut().find(|(i, _)| *i == m) {
                Some(c) => c.1 += 1,
                None => counts.push((m, 1)),
            }
        }
        counts.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        StepSummary {
            done,
            of: marks.len(),
            median_seconds,
            common_mistake: counts.first().copied(),
        }
    }

    /// A mistake's name at a step, from the lesson's own feedback.
    pub fn mistake_name(&self, step: usize, index: usize) -> Option<&str> {
        self.outline
            .mistakes
            .get(step)?
            .get(index)
            .map(String::as_str)
    }

    /// The roll-up as the coach reads it: "7 of 9 done · median 3 min · most common
    /// mistake: forgot GROUP BY ×4".
    pub fn summary_line(&self, step: usize) -> String {
        use crate::i18n::trf;
        let s = self.summary(step);
        let mut parts = vec![trf(
            "{done} of {of} done",
            &[("done", &s.done), ("of", &s.of)],
        )];
        if let Some(m) = s.median_seconds {
            parts.push(trf(
                "median {time}",
                &[("time", &crate::progress::report::duration_text(m))],
            ));
        }
        if let Some((i, n)) = s.common_mistake {
            let name = self
                .mistake_name(step, i)
                .map(str::to_string)
                .unwrap_or_else(|| format!("#{}", i + 1));
            parts.push(trf(
                "most common mistake: {name} ×{n}",
                &[("name", &name), ("n", &n)],
            ));
        }
        parts.join(" · ")
    }
}
