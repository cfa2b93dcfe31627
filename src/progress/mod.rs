//! What a learner has done in each lesson: where they are, which steps are done,
//! tries, hints, time, reflections, and the cleaning ops of clean steps (the recipe,
//! which names lesson columns and the spellings merged, but never a personal value).

pub mod clock;
pub mod cohort;
pub mod export;
pub mod report;
pub mod store;

use serde::{Deserialize, Serialize};

/// The progress file format written by this version.
pub const PROGRESS_FORMAT: u32 = 1;

/// Where a step stands for the learner.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StepStatus {
    /// Never opened.
    #[default]
    NotSeen,
    /// Opened, not finished.
    Open,
    /// Answered correctly (exercises) or read and moved past (other steps).
    Done,
    /// The solution was shown: visited but not solved.
    Shown,
    /// An exercise the learner moved past without solving.
    Skipped,
}

impl StepStatus {
    /// Where a step stands, in words (in the player's language).
    pub fn word(self) -> &'static str {
        use crate::i18n::tr;
        match self {
            StepStatus::Done => tr("done"),
            StepStatus::Shown => tr("solution shown"),
            StepStatus::Skipped => tr("skipped"),
            StepStatus::Open => tr("started"),
            StepStatus::NotSeen => tr("not started"),
        }
    }

    /// Solved or read.
    pub fn is_done(self) -> bool {
        self == StepStatus::Done
    }

    /// Finished one way or another (done or solution shown).
    pub fn is_closed(self) -> bool {
        matches!(self, StepStatus::Done | StepStatus::Shown)
    }
}

/// One step's record.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct StepProgress {
    /// The step's id, when the lesson gives one (to notice a lesson that changed).
    pub id: Option<String>,
    /// Where the step stands.
    pub status: StepStatus,
    /// Answers submitted.
    pub tries: u32,
    /// Hints revealed.
    pub hints: u32,
    /// Seconds spent on the step.
    pub seconds: u64,
    /// The learner's reflection (reflect steps only).
    pub reflection: Option<String>,
    /// The step's title as the lesson had it when last played, so a report can name
    /// the step of a lesson that is in no course (a coach's own file).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The step's kind as the lesson had it when last played.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kind: Option<crate::lesson::model::StepKind>,
    /// Clean steps: the learner's cleaning ops, as recipe rows (`{ op = "pad", ... }`).
    /// Ops holding a personal value (an email, a phone) are never saved.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub recipe: Vec<serde_json::Value>,
}

impl StepProgress {
    /// A clean step's saved ops (rows that no longer read are skipped).
    pub fn ops(&self) -> Vec<crate::data::recipe::Op> {
        self.recipe
            .iter()
            .filter_map(|v| serde_json::from_value::<crate::data::op_spec::OpSpec>(v.clone()).ok())
            .filter_map(|spec| spec.into_op().ok())
            .collect()
    }
}

/// A learner's record of one lesson.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct LessonProgress {
    /// File format version.
    pub format: u32,
    /// The lesson's id.
    pub lesson: String,
    /// The lesson's title as it was when last played (see [`StepProgress::title`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The step the learner is on (0-based).
    pub current: usize,
    /// One record per step, in lesson order.
    pub steps: Vec<StepProgress>,
    /// The learner reached the end of the lesson.
    pub finished: bool,
    /// When this was last written (RFC 3339, UTC).
    pub updated: Option<String>,
}

impl Default for LessonProgress {
    fn default() -> Self {
        LessonProgress {
            format: PROGRESS_FORMAT,
            lesson: String::new(),
            title: None,
            current: 0,
            steps: Vec::new(),
            finished: false,
            updated: None,
        }
    }
}

impl LessonProgress {
    /// A fresh record for a lesson of `steps` steps.
    pub fn new(lesson: &str, step_ids: &[Option<String>]) -> Self {
        let mut p = LessonProgress {
            lesson: lesson.to_string(),
            ..Default::default()
        };
        p.fit(step_ids);
        p
    }

    /// Match the record to the lesson as it is now: one entry per step, the
    /// current step in range. A step whose id changed starts over.
    pub fn fit(&mut self, step_ids: &[Option<String>]) {
        self.steps
            .resize_with(step_ids.len(), StepProgress::default);
        for (rec, id) in self.steps.iter_mut().zip(step_ids) {
            if rec.id.is_some() && id.is_some() && rec.id != *id {
                *rec = StepProgress::default();
            }
            rec.id = id.clone();
        }
        if self.current >= step_ids.len() {
            self.current = step_ids.len().saturating_sub(1);
        }
    }

    /// Keep the lesson's and its steps' titles and kinds with the record (call after
    /// [`LessonProgress::fit`], so there is one record per step).
    pub fn label_with(&mut self, lesson: &crate::lesson::model::Lesson) {
        self.title = Some(lesson.meta.title.clone());
        for (rec, step) in self.steps.iter_mut().zip(&lesson.steps) {
            rec.title = Some(step.title.clone());
            rec.kind = Some(step.kind());
        }
    }

    /// Every exercise (choice, answer, query, clean) passed or had its solution
    /// shown: what "finished" means. Reading past a step or leaving a reflection
    /// empty does not count against it; moving past an unsolved exercise does.
    pub fn exercises_closed(&self, kinds: &[crate::lesson::model::StepKind]) -> bool {
        self.steps
            .iter()
            .zip(kinds)
            .all(|(rec, kind)| !kind.is_exercise() || rec.status.is_closed())
    }

    /// Total seconds across steps.
    pub fn seconds(&self) -> u64 {
        self.steps.iter().map(|s| s.seconds).sum()
    }

    /// What the picker shows: not started, step k of n, or done.
    pub fn summary(&self, n_steps: usize) -> String {
        if self.finished {
            crate::i18n::tr("done").to_string()
        } else if self.steps.iter().all(|s| s.status == StepStatus::NotSeen) {
            crate::i18n::tr("not started").to_string()
        } else {
            crate::i18n::trf(
                "step {k} of {n}",
                &[("k", &(self.current + 1)), ("n", &n_steps.max(1))],
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fit_resizes_and_resets_changed_steps() {
        let ids = vec![Some("a".to_string()), None, Some("c".to_string())];
        let mut p = LessonProgress::new("l", &ids);
        p.steps[0].tries = 3;
        p.steps[2].tries = 2;
        p.current = 2;
        let new_ids = vec![Some("a".to_string()), Some("x".to_string())];
        p.fit(&new_ids);
        assert_eq!(p.steps.len(), 2);
        assert_eq!(p.steps[0].tries, 3, "unchanged step keeps its record");
        assert_eq!(p.current, 1, "current step stays inside the shorter lesson");
    }

    #[test]
    fn summary_reads_like_the_picker() {
        let ids = vec![None, None, None];
        let mut p = LessonProgress::new("l", &ids);
        assert_eq!(p.summary(3), "not started");
        p.steps[0].status = StepStatus::Done;
        p.current = 1;
        assert_eq!(p.summary(3), "step 2 of 3");
        p.finished = true;
        assert_eq!(p.summary(3), "done");
    }
}
