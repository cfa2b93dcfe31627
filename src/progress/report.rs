//! A learner's progress as a report: each lesson with a progress file, its title and
//! step kinds from the course, and per step the status, tries, hints, time and
//! reflection. The cleaning recipes kept in progress files are never part of it.

use super::{LessonProgress, StepStatus};
use crate::lesson::model::Lesson;
use serde::Serialize;

/// One step of a lesson report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StepReport {
    /// 1-based position in the lesson.
    pub step: usize,
    /// The step's id, when the lesson gives one.
    pub id: Option<String>,
    /// The step's title (from the lesson; `None` when the lesson is not in the course).
    pub title: Option<String>,
    /// The step kind (`None` when the lesson is not in the course).
    pub kind: Option<&'static str>,
    /// Where the step stands.
    pub status: StepStatus,
    /// Answers submitted.
    pub tries: u32,
    /// Hints revealed.
    pub hints: u32,
    /// Active seconds spent on the step.
    pub seconds: u64,
    /// The learner's reflection (reflect steps), when not blank.
    pub reflection: Option<String>,
}

/// One lesson of the report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LessonReport {
    /// Lesson id.
    pub id: String,
    /// Title from the course (`None` when the lesson is not in it).
    pub title: Option<String>,
    /// Whether the lesson was found in the course.
    pub in_course: bool,
    /// The learner reached the end.
    pub finished: bool,
    /// The step the learner is on, 1-based.
    pub current_step: usize,
    /// Steps answered right or read.
    pub steps_done: usize,
    /// Tries over all steps.
    pub tries: u32,
    /// Hints over all steps.
    pub hints: u32,
    /// Active seconds over all steps.
    pub seconds: u64,
    /// When the progress file was last written (RFC 3339, UTC).
    pub updated: Option<String>,
    /// Per step, in lesson order.
    pub steps: Vec<StepReport>,
}

impl LessonReport {
    /// The title, or the id when the lesson is not in the course.
    pub fn label(&self) -> &str {
        self.title.as_deref().unwrap_or(&self.id)
    }
}

/// Reports for `records`, lessons of `course` first in course order, then the rest
/// by id. Each record is fitted to its lesson as it is now (as the player does).
pub fn build(records: &[LessonProgress], course: &[Lesson]) -> Vec<LessonReport> {
    let mut out: Vec<LessonReport> = Vec::new();
    for lesson in course {
        if let Some(rec) = records.iter().find(|r| r.lesson == lesson.meta.id) {
            out.push(from_lesson(rec, lesson));
        }
    }
    let mut rest: Vec<&LessonProgress> = records
        .iter()
        .filter(|r| !course.iter().any(|l| l.meta.id == r.lesson))
        .collect();
    rest.sort_by(|a, b| a.lesson.cmp(&b.lesson));
    out.extend(rest.into_iter().map(without_lesson));
    out
}

fn from_lesson(rec: &LessonProgress, lesson: &Lesson) -> LessonReport {
    let ids: Vec<Option<String>> = lesson.steps.iter().map(|s| s.id.clone()).collect();
    let mut rec = rec.clone();
    rec.fit(&ids);
    let steps = lesson
        .steps
        .iter()
        .zip(&rec.steps)
        .enumerate()
        .map(|(i, (step, p))| {
            let kind = step.kind();
            let reflection = (kind == crate::lesson::model::StepKind::Reflect)
                .then(|| not_blank(p.reflection.as_deref()))
                .flatten();
            StepReport {
                step: i + 1,
                id: step.id.clone(),
                title: Some(step.title.clone()),
                kind: Some(kind.as_str()),
                status: p.status,
                tries: p.tries,
                hints: p.hints,
                seconds: p.seconds,
                reflection,
            }
        })
        .collect();
    totals(&rec, Some(lesson.meta.title.clone()), true, steps)
}

fn without_lesson(rec: &LessonProgress) -> LessonReport {
    let steps = rec
        .steps
        .iter()
        .enumerate()
        .map(|(i, p)| StepReport {
            step: i + 1,
            id: p.id.clone(),
            title: p.title.clone(),
            kind: p.kind.map(|k| k.as_str()),
            status: p.status,
            tries: p.tries,
            hints: p.hints,
            seconds: p.seconds,
            reflection: not_blank(p.reflection.as_deref()),
        })
        .collect();
    // Not in the course: the titles kept with the record when it was last played.
    totals(rec, rec.title.clone(), false, steps)
}

fn totals(
    rec: &LessonProgress,
    title: Option<String>,
    in_course: bool,
    steps: Vec<StepReport>,
) -> LessonReport {
    LessonReport {
        id: rec.lesson.clone(),
        in_course,
        title,
        finished: rec.finished,
        current_step: rec.current.min(steps.len().saturating_sub(1)) + 1,
        steps_done: steps.iter().filter(|s| s.status.is_done()).count(),
        tries: steps.iter().map(|s| s.tries).fold(0, u32::saturating_add),
        hints: steps.iter().map(|s| s.hints).fold(0, u32::saturating_add),
        seconds: steps.iter().map(|s| s.seconds).fold(0, u64::saturating_add),
        updated: rec.updated.clone(),
        steps,
    }
}

fn not_blank(s: Option<&str>) -> Option<String> {
    s.filter(|t| !t.trim().is_empty()).map(str::to_string)
}

/// Seconds as people read them: `40s`, `12m`, `1h 05m`.
pub fn duration_text(seconds: u64) -> String {
    if seconds < 60 {
        format!("{seconds}s")
    } else if seconds < 3600 {
        format!("{}m", seconds / 60)
    } else {
        format!("{}h {:02}m", seconds / 3600, (seconds % 3600) / 60)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lesson::load::load_str;

    fn lesson() -> Lesson {
        let text = r#"
format = 1
[lesson]
id = "tiny"
title = "A tiny lesson"
[[steps]]
kind = "read"
title = "Hello"
text = "Hi."
[[steps]]
kind = "reflect"
title = "Your thoughts"
question = "What surprised you?"
"#;
        load_str("tiny.toml", text)
            .lesson
            .expect("tiny lesson loads")
    }

    #[test]
    fn titles_and_kinds_come_from_the_lesson_and_totals_add_up() {
        let mut p = LessonProgress::new("tiny", &[None, None]);
        p.steps[0].status = StepStatus::Done;
        p.steps[0].seconds = 30;
        p.steps[1].tries = 2;
        p.steps[1].hints = 1;
        p.steps[1].seconds = 95;
        p.steps[1].reflection = Some("More than I thought.".into());
        p.steps[1].recipe = vec![serde_json::json!({"op": "trim", "column": "x"})];
        let r = build(&[p], &[lesson()]);
        assert_eq!(r.len(), 1);
        assert_eq!(r[0].title.as_deref(), Some("A tiny lesson"));
        assert_eq!(r[0].steps[1].kind, Some("reflect"));
        assert_eq!(r[0].steps_done, 1);
        assert_eq!((r[0].tries, r[0].hints, r[0].seconds), (2, 1, 125));
        assert_eq!(
            r[0].steps[1].reflection.as_deref(),
            Some("More than I thought.")
        );
    }

    #[test]
    fn lessons_not_in_the_course_come_last_without_titles() {
        let other = LessonProgress::new("aaa-gone", &[None]);
        let tiny = LessonProgress::new("tiny", &[None, None]);
        let r = build(&[other, tiny], &[lesson()]);
        assert_eq!(r[0].id, "tiny");
        assert_eq!(r[1].id, "aaa-gone");
        assert!(!r[1].in_course);
        assert_eq!(r[1].label(), "aaa-gone");
    }

    #[test]
    fn durations_read_naturally() {
        assert_eq!(duration_text(40), "40s");
        assert_eq!(duration_text(12 * 60 + 5), "12m");
        assert_eq!(duration_text(3600 + 5 * 60), "1h 05m");
    }
}
