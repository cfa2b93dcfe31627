//! A generated cohort: learners' progress exports written through the real
//! report and export code, with numbers a test can recompute.

use huddle::lesson::course;
use huddle::lesson::model::Lesson;
use huddle::lesson::validate::load_entry;
use huddle::progress::export::{self, Export};
use huddle::progress::{LessonProgress, StepStatus, report};
use std::path::Path;

/// Learner names; `""` falls back to the file stem.
pub const NAMES: [&str; 8] = ["Ana", "Bo", "", "Dee", "Lee, Sam", "Max", "Noor", "Pat"];

/// The bundled lessons.
pub fn lessons() -> Vec<Lesson> {
    course::bundled()
        .iter()
        .filter_map(|e| load_entry(e).lesson)
        .collect()
}

/// Planted tries for learner `i`, lesson `l`, step `s` (0-based).
pub fn tries(i: usize, l: usize, s: usize) -> u32 {
    match (l, s) {
        (0, 2) => i as u32 + 1,
        (1, 3) => 2,
        (0, 5) => (i % 2) as u32,
        _ => 0,
    }
}

/// Planted hints.
pub fn hints(i: usize, l: usize, s: usize) -> u32 {
    u32::from((l, s) == (1, 2) && i.is_multiple_of(2))
}

/// Whether learner `i` finished lesson `l` (the second lesson only some started).
pub fn finished(i: usize, l: usize) -> bool {
    if l == 0 {
        !i.is_multiple_of(3)
    } else {
        i % 4 == 1
    }
}

/// Whether learner `i` has progress in lesson `l`.
pub fn started(i: usize, l: usize) -> bool {
    l == 0 || i % 2 == 1
}

/// Learner `i`'s export.
pub fn export_for(i: usize, lessons: &[Lesson]) -> Export {
    let mut records = Vec::new();
    for (l, lesson) in lessons.iter().enumerate().take(2) {
        if !started(i, l) {
            continue;
        }
        let ids: Vec<Option<String>> = lesson.steps.iter().map(|s| s.id.clone()).collect();
        let mut p = LessonProgress::new(&lesson.meta.id, &ids);
        let n = ids.len();
        let reached = if finished(i, l) { n } else { (i % n).max(1) };
        for (s, st) in p.steps.iter_mut().enumerate() {
            st.status = if s < reached {
                StepStatus::Done
            } else {
                StepStatus::NotSeen
            };
            st.tries = tries(i, l, s);
            st.hints = hints(i, l, s);
            st.seconds = 60 * (s as u64 + 1) + i as u64;
        }
        p.finished = finished(i, l);
        p.current = reached.saturating_sub(1);
        records.push(p);
    }
    let reports = report::build(&records, lessons);
    Export::new(&reports, NAMES[i], "2025-03-04".into())
}

/// Write the eight good exports and two broken ones (bad JSON, a missing field) to `dir`.
pub fn write_folder(dir: &Path) {
    let lessons = lessons();
    for i in 0..NAMES.len() {
        let file = dir.join(format!("learner-{i:02}.json"));
        export::write(&export_for(i, &lessons), &file, &[], false).unwrap();
    }
    std::fs::write(dir.join("broken.json"), "{ \"huddle_progress_export\": 1, ").unwrap();
    let mut v: serde_json::Value = serde_json::to_value(export_for(0, &lessons)).unwrap();
    v["lessons"][0]["steps"][1]
        .as_object_mut()
        .unwrap()
        .remove("tries");
    std::fs::write(dir.join("no-tries.json"), v.to_string()).unwrap();
    std::fs::write(dir.join("notes.txt"), "not an export").unwrap();
}
