//! After the call: one progress export per learner, so `huddle cohort` rolls the
//! call up like any folder of exports.

use super::room::Room;
use crate::lesson::model::Lesson;
use crate::progress::export::{EXPORT_VERSION, Export, ExportLesson, ExportStep};
use std::path::{Path, PathBuf};

/// The export for each seat that sent a status, with the file name to write it to.
pub fn exports(room: &Room, lesson: &Lesson, date: &str) -> Vec<(String, Export)> {
    room.seats
        .iter()
        .filter_map(|seat| {
            let status = seat.status.as_ref()?;
            let steps = lesson
                .steps
                .iter()
                .enumerate()
                .map(|(i, step)| {
                    let m = status.marks.get(i).copied().unwrap_or_default();
                    ExportStep {
                        step: i + 1,
                        id: step.id.clone(),
                        title: Some(step.title.clone()),
                        kind: Some(step.kind().as_str().to_string()),
                        status: m.status,
                        tries: m.tries,
                        hints: m.hints,
                        seconds: m.seconds,
                        reflection: None,
                    }
                })
                .collect::<Vec<_>>();
            let finished = !steps.is_empty() && steps.iter().all(|s| s.status.is_closed());
            let export = Export {
                huddle_progress_export: EXPORT_VERSION,
                name: seat.name.clone(),
                date: date.to_string(),
                huddle: Some(env!("CARGO_PKG_VERSION").to_string()),
                lessons: vec![ExportLesson {
                    id: lesson.meta.id.clone(),
                    title: Some(lesson.meta.title.clone()),
                    finished,
                    steps,
                }],
            };
            Some((file_name(&seat.name, seat.id), export))
        })
        .collect()
}

/// `call-<name>-<seat>.json`, with only letters, digits and `-` from the name.
fn file_name(name: &str, seat: u64) -> String {
    let safe: String = name
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { '-' })
        .take(30)
        .collect();
    let safe = safe.trim_matches('-');
    if safe.is_empty() {
        format!("call-learner-{seat}.json")
    } else {
        format!("call-{safe}-{seat}.json")
    }
}

/// Write every learner's export into `dir` (created if missing); returns the files.
pub fn write_all(room: &Room, lesson: &Lesson, dir: &Path) -> Result<Vec<PathBuf>, String> {
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let mut written = Vec::new();
    let date = crate::progress::export::today();
    for (name, export) in exports(room, lesson, &date) {
        // Never over an earlier call's file: the next free name.
        let stem = format!("{date}-{}", name.trim_end_matches(".json"));
        let path = (1..100)
            .map(|n| match n {
                1 => dir.join(format!("{stem}.json")),
                n => dir.join(format!("{stem}-{n}.json")),
            })
            .find(|p| std::fs::symlink_metadata(p).is_err())
            .ok_or_else(|| format!("{}: too many summaries of this call", dir.display()))?;
        crate::progress::export::write(&export, &path, &[], false)?;
        written.push(path);
    }
    Ok(written)
}
