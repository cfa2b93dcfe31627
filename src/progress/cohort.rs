//! A coach's roll-up of learners' progress exports: who finished which lessons,
//! steps done and time per learner, and the steps where learners needed the most
//! tries and hints. Broken files are named with what is wrong and left out.

use super::export::{self, Export};
use crate::lesson::model::Lesson;
use serde::Serialize;
use std::path::Path;

/// One learner's line for one lesson.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LearnerLesson {
    /// Lesson id.
    pub id: String,
    /// Reached the end.
    pub finished: bool,
    /// Steps answered right or read.
    pub steps_done: usize,
    /// Steps in the lesson (as the learner's export has it).
    pub steps: usize,
    /// Tries over the lesson.
    pub tries: u32,
    /// Hints over the lesson.
    pub hints: u32,
    /// Active seconds over the lesson.
    pub seconds: u64,
}

/// One learner (one export file).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Learner {
    /// The name in the export, or the file's stem when it is blank.
    pub name: String,
    /// The export's file name.
    pub file: String,
    /// The export's date.
    pub date: String,
    /// Lessons with progress.
    pub lessons: Vec<LearnerLesson>,
}

impl Learner {
    /// Lessons finished.
    pub fn finished(&self) -> usize {
        self.lessons.iter().filter(|l| l.finished).count()
    }

    /// Steps done over all lessons.
    pub fn steps_done(&self) -> usize {
        self.lessons.iter().map(|l| l.steps_done).sum()
    }

    /// Steps over all lessons.
    pub fn steps(&self) -> usize {
        self.lessons.iter().map(|l| l.steps).sum()
    }

    /// Active seconds over all lessons.
    pub fn seconds(&self) -> u64 {
        self.lessons
            .iter()
            .map(|l| l.seconds)
            .fold(0, u64::saturating_add)
    }

    /// This learner's record of lesson `id`.
    pub fn lesson(&self, id: &str) -> Option<&LearnerLesson> {
        self.lessons.iter().find(|l| l.id == id)
    }
}

/// A lesson across the cohort.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LessonRollup {
    /// Lesson id.
    pub id: String,
    /// Title, from the first export that has one.
    pub title: Option<String>,
    /// Learners with progress in it.
    pub learners: usize,
    /// Learners who finished it.
    pub finished: usize,
}

/// A step across the cohort.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StepRollup {
    /// Lesson id.
    pub lesson: String,
    /// 1-based step number.
    pub step: usize,
    /// Step id, when the lesson gives one.
    pub id: Option<String>,
    /// Step title.
    pub title: Option<String>,
    /// Step kind.
    pub kind: Option<String>,
    /// Learners who opened it.
    pub learners: usize,
    /// Tries, all learners.
    pub tries: u32,
    /// Hints, all learners.
    pub hints: u32,
    /// Active seconds, all learners.
    pub seconds: u64,
}

impl StepRollup {
    /// Tries plus hints: how much help the step needed.
    pub fn need(&self) -> u32 {
        self.tries.saturating_add(self.hints)
    }
}

/// A file left out of the roll-up.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Skipped {
    /// The file name.
    pub file: String,
    /// What is wrong with it.
    pub problem: String,
}

/// The roll-up of a folder of exports.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Cohort {
    /// Learners, by name.
    pub learners: Vec<Learner>,
    /// Lessons, in the order they first appear.
    pub lessons: Vec<LessonRollup>,
    /// Steps, the most tries and hints first.
    pub steps: Vec<StepRollup>,
    /// Files that were left out.
    pub skipped: Vec<Skipped>,
}

impl Cohort {
    /// Steps that needed any help, the most first, at most `n`.
    pub fn hardest(&self, n: usize) -> Vec<&StepRollup> {
        self.steps.iter().filter(|s| s.need() > 0).take(n).collect()
    }

    /// Show lesson and step titles in the coach's language: for each `(lesson as
    /// written, lesson in that language)` of the course, a title the export wrote in
    /// the lesson's own words becomes the translated one. A step is retitled only when
    /// its exported title is the course's, so an edited lesson keeps its own words.
    pub fn retitle(&mut self, course: &[(Lesson, Lesson)]) {
        for (orig, shown) in course {
            let id = orig.meta.id.as_str();
            for l in self.lessons.iter_mut().filter(|l| l.id == id) {
                if l.title.as_deref().is_none_or(|t| t == orig.meta.title) {
                    l.title = Some(shown.meta.title.clone());
                }
            }
            for s in self.steps.iter_mut().filter(|s| s.lesson == id) {
                let i = s.step.wrapping_sub(1);
                if let (Some(o), Some(t)) = (orig.steps.get(i), shown.steps.get(i))
                    && s.title.as_deref() == Some(o.title.as_str())
                {
                    s.title = Some(t.title.clone());
                }
            }
        }
    }

    /// The lesson's title, or its id.
    pub fn lesson_label(&self, id: &str) -> String {
        self.lessons
            .iter()
            .find(|l| l.id == id)
            .and_then(|l| l.title.clone())
            .unwrap_or_else(|| id.to_string())
    }
}

/// Read every `*.json` file in `dir` (not sub-folders) and roll them up. `Err` only
/// when the folder cannot be read; broken files go to [`Cohort::skipped`].
pub fn read_dir(dir: &Path) -> Result<Cohort, String> {
    let entries = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let mut paths: Vec<std::path::PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            p.is_file()
                && p.extension()
                    .and_then(|x| x.to_str())
                    .is_some_and(|x| x.eq_ignore_ascii_case("json"))
        })
        .collect();
    paths.sort();
    let mut good = Vec::new();
    let mut skipped = Vec::new();
    for path in paths {
        let file = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        match export::read(&path) {
            Ok(e) => good.push((file, e)),
            Err(problem) => skipped.push(Skipped { file, problem }),
        }
    }
    Ok(roll_up(good, skipped))
}

/// Roll up exports given as (file name, export).
pub fn roll_up(exports: Vec<(String, Export)>, skipped: Vec<Skipped>) -> Cohort {
    let mut pairs: Vec<(Learner, Export)> = exports
        .into_iter()
        .map(|(f, e)| (learner(&f, &e), e))
        .collect();
    pairs.sort_by(|(a, _), (b, _)| {
        a.name
            .to_lowercase()
            .cmp(&b.name.to_lowercase())
            .then(a.file.cmp(&b.file))
    });
    let mut lessons: Vec<LessonRollup> = Vec::new();
    let mut steps: Vec<StepRollup> = Vec::new();
    let mut step_index = std::collections::HashMap::new();
    for (_, e) in &pairs {
        for l in &e.lessons {
            let at = match lessons.iter().position(|r| r.id == l.id) {
                Some(at) => at,
                None => {
                    lessons.push(LessonRollup {
                        id: l.id.clone(),
                        title: None,
                        learners: 0,
                        finished: 0,
                    });
                    lessons.len() - 1
                }
            };
            let r = &mut lessons[at];
            r.learners += 1;
            r.finished += usize::from(l.finished);
            if r.title.is_none() {
                r.title = l.title.clone();
            }
            for s in &l.steps {
                add_step(&mut steps, &mut step_index, &l.id, s);
            }
        }
    }
    let lesson_rank = |id: &str| {
        lessons
            .iter()
            .position(|l| l.id == id)
            .unwrap_or(usize::MAX)
    };
    steps.sort_by(|a, b| {
        b.need()
            .cmp(&a.need())
            .then(b.tries.cmp(&a.tries))
            .then(lesson_rank(&a.lesson).cmp(&lesson_rank(&b.lesson)))
            .then(a.step.cmp(&b.step))
    });
    Cohort {
        learners: pairs.into_iter().map(|(l, _)| l).collect(),
        lessons,
        steps,
        skipped,
    }
}

fn learner(file: &str, e: &Export) -> Learner {
    let stem = Path::new(file)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| file.to_string());
    let name = crate::text::sanitize_line(e.name.trim());
    Learner {
        name: if name.is_empty() { stem } else { name },
        file: file.to_string(),
        date: e.date.clone(),
        lessons: e
            .lessons
            .iter()
            .map(|l| LearnerLesson {
                id: l.id.clone(),
                finished: l.finished,
                steps_done: l.steps_done(),
                steps: l.steps.len(),
                tries: l.steps.iter().map(|s| s.tries).fold(0, u32::saturating_add),
                hints: l.steps.iter().map(|s| s.hints).fold(0, u32::saturating_add),
                seconds: l.seconds(),
            })
            .collect(),
    }
}

/// Add one learner's step to the roll-up; `index` finds a (lesson, step) already
/// there without a scan, so a big folder of exports rolls up in linear time.
fn add_step(
    steps: &mut Vec<StepRollup>,
    index: &mut std::collections::HashMap<(String, usize), usize>,
    lesson: &str,
    s: &export::ExportStep,
) {
    let at = match index.get(&(lesson.to_string(), s.step)) {
        Some(at) => *at,
        None => {
            index.insert((lesson.to_string(), s.step), steps.len());
            steps.push(StepRollup {
                lesson: lesson.to_string(),
                step: s.step,
                id: s.id.clone(),
                title: s.title.clone(),
                kind: s.kind.clone(),
                learners: 0,
                tries: 0,
                hints: 0,
                seconds: 0,
            });
            steps.len() - 1
        }
    };
    let r = &mut steps[at];
    if s.status != super::StepStatus::NotSeen {
        r.learners += 1;
    }
    r.tries = r.tries.saturating_add(s.tries);
    r.hints = r.hints.saturating_add(s.hints);
    r.seconds = r.seconds.saturating_add(s.seconds);
    if r.title.is_none() {
        r.title = s.title.clone();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::progress::export::parse;

    fn ex(name: &str, finished: bool, tries: [u32; 2]) -> Export {
        parse(&format!(
            r#"{{"huddle_progress_export": 1, "name": "{name}", "date": "2025-03-01", "lessons": [
            {{"id": "l1", "title": "One", "finished": {finished}, "steps": [
              {{"step": 1, "title": "A", "status": "done", "tries": {}, "hints": 0, "seconds": 60}},
              {{"step": 2, "title": "B", "status": "open", "tries": {}, "hints": 1, "seconds": 30}}]}}]}}"#,
            tries[0], tries[1]
        ))
        .unwrap()
    }

    #[test]
    fn finishes_and_the_hardest_step_add_up_over_learners() {
        let c = roll_up(
            vec![
                ("b.json".into(), ex("Bo", true, [1, 4])),
                ("a.json".into(), ex("", false, [2, 3])),
            ],
            Vec::new(),
        );
        let names: Vec<&str> = c.learners.iter().map(|l| l.name.as_str()).collect();
        assert_eq!(
            names,
            vec!["a", "Bo"],
            "blank name falls back to the file stem"
        );
        assert_eq!(c.lessons[0].finished, 1);
        assert_eq!(c.lessons[0].learners, 2);
        let top = c.hardest(1);
        assert_eq!((top[0].step, top[0].tries, top[0].hints), (2, 7, 2));
        assert_eq!(c.learners[1].seconds(), 90);
    }
}
