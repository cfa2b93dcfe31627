//! What a learner sends their coach: a versioned JSON document with, per lesson, the
//! lesson-defined ids and titles and, per step, its kind, status, tries, hints and
//! time, plus the learner's reflections as they chose to share them. It is built only
//! from a [`LessonReport`], which holds no data value and no column name of the
//! learner's files (progress recipes and saved mappings are never read into it).

use super::StepStatus;
use super::report::LessonReport;
use serde::{Deserialize, Serialize};
use std::io::Write as _;
use std::path::Path;

/// The export format version written by this huddle.
pub const EXPORT_VERSION: u32 = 1;

/// What a reflection the learner chose not to share becomes.
pub const NOT_SHARED: &str = "(not shared)";

/// Files larger than this are not exports (a coach's folder may hold other JSON).
pub const MAX_EXPORT_BYTES: u64 = 8 * 1024 * 1024;

/// The whole export document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Export {
    /// The format version: always present, so a coach's huddle can tell what it reads.
    pub huddle_progress_export: u32,
    /// The name or handle the learner chose; may be blank.
    #[serde(default)]
    pub name: String,
    /// The day the export was written (`YYYY-MM-DD`, UTC).
    pub date: String,
    /// The huddle version that wrote it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub huddle: Option<String>,
    /// Lessons with progress.
    pub lessons: Vec<ExportLesson>,
}

/// One lesson of an export.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExportLesson {
    /// Lesson id.
    pub id: String,
    /// Lesson title, when the lesson was in the learner's course.
    #[serde(default)]
    pub title: Option<String>,
    /// The learner reached the end of the lesson.
    pub finished: bool,
    /// Per step, in lesson order.
    pub steps: Vec<ExportStep>,
}

/// One step of an export.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExportStep {
    /// 1-based position in the lesson.
    pub step: usize,
    /// The step's id, when the lesson gives one.
    #[serde(default)]
    pub id: Option<String>,
    /// The step's title.
    #[serde(default)]
    pub title: Option<String>,
    /// The step kind (`read`, `query`, `reflect`…).
    #[serde(default)]
    pub kind: Option<String>,
    /// Where the step stands.
    pub status: StepStatus,
    /// Answers submitted.
    pub tries: u32,
    /// Hints revealed.
    pub hints: u32,
    /// Active seconds.
    pub seconds: u64,
    /// The reflection as shared (or [`NOT_SHARED`]); absent on other steps.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reflection: Option<String>,
}

impl ExportLesson {
    /// Steps answered right or read.
    pub fn steps_done(&self) -> usize {
        self.steps.iter().filter(|s| s.status.is_done()).count()
    }

    /// Active seconds over all steps.
    pub fn seconds(&self) -> u64 {
        self.steps
            .iter()
            .map(|s| s.seconds)
            .fold(0, u64::saturating_add)
    }
}

impl Export {
    /// The export of `reports`, written on `date`, under `name` (trimmed; may be blank).
    pub fn new(reports: &[LessonReport], name: &str, date: String) -> Self {
        let lessons = reports
            .iter()
            .map(|l| ExportLesson {
                id: l.id.clone(),
                title: l.title.clone(),
                finished: l.finished,
                steps: l
                    .steps
                    .iter()
                    .map(|s| ExportStep {
                        step: s.step,
                        id: s.id.clone(),
                        title: s.title.clone(),
                        kind: s.kind.map(str::to_string),
                        status: s.status,
                        tries: s.tries,
                        hints: s.hints,
                        seconds: s.seconds,
                        reflection: s.reflection.clone(),
                    })
                    .collect(),
            })
            .collect();
        Export {
            huddle_progress_export: EXPORT_VERSION,
            name: crate::text::sanitize_line(name.trim()),
            date,
            huddle: Some(env!("CARGO_PKG_VERSION").to_string()),
            lessons,
        }
    }

    /// Every reflection, as (lesson index, step index, text).
    pub fn reflections(&self) -> Vec<(usize, usize, &str)> {
        let mut out = Vec::new();
        for (li, l) in self.lessons.iter().enumerate() {
            for (si, s) in l.steps.iter().enumerate() {
                if let Some(r) = &s.reflection {
                    out.push((li, si, r.as_str()));
                }
            }
        }
        out
    }

    /// Replace one reflection: `Some(text)` to share `text`, `None` for [`NOT_SHARED`].
    pub fn set_reflection(&mut self, lesson: usize, step: usize, text: Option<String>) {
        if let Some(s) = self
            .lessons
            .get_mut(lesson)
            .and_then(|l| l.steps.get_mut(step))
        {
            s.reflection = Some(text.unwrap_or_else(|| NOT_SHARED.to_string()));
        }
    }
}

/// Read an export; `Err` says what is wrong (not JSON, another version, a missing field).
pub fn parse(text: &str) -> Result<Export, String> {
    let value: serde_json::Value =
        serde_json::from_str(text).map_err(|e| format!("not valid JSON: {e}"))?;
    let Some(obj) = value.as_object() else {
        return Err("not a huddle progress export (not a JSON object)".into());
    };
    match obj.get("huddle_progress_export") {
        None => {
            return Err("not a huddle progress export (no `huddle_progress_export` key)".into());
        }
        Some(v) => match v.as_u64() {
            Some(n) if n == u64::from(EXPORT_VERSION) => {}
            Some(n) if n > u64::from(EXPORT_VERSION) => {
                return Err(format!(
                    "export version {n} is newer than this huddle reads ({EXPORT_VERSION}); update huddle"
                ));
            }
            _ => {
                return Err(format!(
                    "`huddle_progress_export` is {v}; this huddle reads version {EXPORT_VERSION}"
                ));
            }
        },
    }
    let export = serde_json::from_str::<Export>(text).map_err(|e| e.to_string())?;
    // Ids are printed as they are: only lesson ids huddle itself allows.
    if let Some(bad) = export
        .lessons
        .iter()
        .find(|l| !crate::lesson::load::valid_id(&l.id))
    {
        return Err(format!(
            "lesson id {:?} is not a huddle lesson id (lowercase letters, digits and dashes)",
            bad.id
                .chars()
                .filter(|c| !c.is_control())
                .collect::<String>()
        ));
    }
    Ok(export)
}

/// Read the export at `path`; `Err` says what is wrong with it.
pub fn read(path: &Path) -> Result<Export, String> {
    let meta = std::fs::metadata(path).map_err(|e| e.to_string())?;
    if meta.len() > MAX_EXPORT_BYTES {
        return Err(format!(
            "{} bytes is too large for a progress export",
            meta.len()
        ));
    }
    let bytes = std::fs::read(path).map_err(|e| e.to_string())?;
    let text = String::from_utf8(bytes).map_err(|_| "not UTF-8 text".to_string())?;
    parse(&text)
}

/// Write `export` to `path` atomically (a temporary file beside it, then a rename).
/// An existing file is refused unless `force`; `inputs` (the progress records it was
/// made from) and anything but a regular file are always refused.
pub fn write(export: &Export, path: &Path, inputs: &[&Path], force: bool) -> Result<(), String> {
    let mut json = serde_json::to_vec_pretty(export).map_err(|e| e.to_string())?;
    json.push(b'\n');
    crate::output::write(
        path,
        inputs,
        crate::output::Existing::replace_if(force),
        crate::output::Audience::Shared,
        |f| f.write_all(&json),
    )
    .map_err(|e| e.to_string())
}

/// Today's date, `YYYY-MM-DD` (UTC).
pub fn today() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    chrono::DateTime::from_timestamp(i64::try_from(secs).unwrap_or(0), 0)
        .map(|t| t.format("%Y-%m-%d").to_string())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = r#"{"huddle_progress_export": 1, "name": "Ana", "date": "2025-03-01",
      "lessons": [{"id": "l", "title": "L", "finished": true,
        "steps": [{"step": 1, "kind": "read", "status": "done", "tries": 0, "hints": 0, "seconds": 9}]}]}"#;

    #[test]
    fn a_good_export_parses() {
        let e = parse(GOOD).unwrap();
        assert_eq!(e.name, "Ana");
        assert_eq!(e.lessons[0].steps_done(), 1);
        assert_eq!(e.lessons[0].seconds(), 9);
    }

    #[test]
    fn each_broken_export_says_what_is_wrong() {
        assert!(parse("{ nope").unwrap_err().contains("not valid JSON"));
        assert!(parse("[1]").unwrap_err().contains("not a JSON object"));
        assert!(
            parse(r#"{"lessons": []}"#)
                .unwrap_err()
                .contains("no `huddle_progress_export`")
        );
        let v2 = GOOD.replace(
            "\"huddle_progress_export\": 1",
            "\"huddle_progress_export\": 2",
        );
        assert!(parse(&v2).unwrap_err().contains("version 2 is newer"));
        let no_tries = GOOD.replace("\"tries\": 0, ", "");
        assert!(
            parse(&no_tries)
                .unwrap_err()
                .contains("missing field `tries`")
        );
    }

    #[test]
    fn dropping_a_reflection_leaves_a_marker() {
        let mut e = parse(GOOD).unwrap();
        e.set_reflection(0, 0, None);
        assert_eq!(
            e.lessons[0].steps[0].reflection.as_deref(),
            Some(NOT_SHARED)
        );
    }

    #[test]
    fn an_existing_file_is_refused_unless_forced() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("mine.json");
        std::fs::write(&path, "keep me").unwrap();
        let e = parse(GOOD).unwrap();
        let err = write(&e, &path, &[], false).unwrap_err();
        assert!(err.contains("--force"), "{err}");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "keep me");
        write(&e, &path, &[], true).unwrap();
        assert_eq!(read(&path).unwrap(), e);
    }
}
