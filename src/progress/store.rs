//! Progress files on disk: one JSON file per lesson under `<data dir>/progress/`,
//! written atomically (a temporary file in the same folder, then a rename).

use super::{LessonProgress, PROGRESS_FORMAT};
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

/// Where progress lives. With no folder (no home directory), nothing is saved.
#[derive(Debug, Clone)]
pub struct Store {
    dir: Option<PathBuf>,
}

/// A loaded record and anything the learner should be told about it.
#[derive(Debug)]
pub struct Opened {
    /// The record (fresh when there was none, or it was unreadable).
    pub progress: LessonProgress,
    /// A message, e.g. that a corrupt file was moved aside.
    pub note: Option<String>,
}

impl Store {
    /// A store in `<data_dir>/progress`.
    pub fn new(data_dir: Option<PathBuf>) -> Self {
        Store {
            dir: data_dir.map(|d| d.join("progress")),
        }
    }

    /// The store for this user (`HUDDLE_DATA_DIR`, else the XDG data dir).
    pub fn for_user() -> Self {
        Store::new(crate::paths::data_dir())
    }

    /// The progress folder, if there is one.
    pub fn dir(&self) -> Option<&Path> {
        self.dir.as_deref()
    }

    /// Remove the temporary files a killed save left in the progress folder and its
    /// `mappings/` folder (see [`crate::output::sweep_stale_temp_files`]); huddle
    /// calls this once at start. Returns how many were removed.
    pub fn sweep_stale(&self) -> usize {
        let Some(dir) = &self.dir else { return 0 };
        crate::output::sweep_stale_temp_files(dir)
            + crate::output::sweep_stale_temp_files(&dir.join("mappings"))
    }

    /// The lesson record files in the folder (`<lesson-id>.json`), sorted.
    pub fn record_files(&self) -> Vec<PathBuf> {
        let Some(dir) = self.dir.as_ref() else {
            return Vec::new();
        };
        let Ok(entries) = std::fs::read_dir(dir) else {
            return Vec::new();
        };
        let mut paths: Vec<PathBuf> = entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.is_file() && p.extension().is_some_and(|x| x == "json"))
            .filter(|p| {
                p.file_stem()
                    .and_then(|s| s.to_str())
                    .is_some_and(|id| self.file(id).is_some())
            })
            .collect();
        paths.sort();
        paths
    }

    fn file(&self, lesson: &str) -> Option<PathBuf> {
        // Lesson ids are checked to be [a-z0-9-]+, so they are safe file names;
        // refuse anything else rather than write outside the folder.
        let safe = !lesson.is_empty()
            && lesson
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        if !safe {
            return None;
        }
        self.dir.as_ref().map(|d| d.join(format!("{lesson}.json")))
    }

    /// Read a lesson's record without changing anything on disk.
    pub fn peek(&self, lesson: &str) -> Option<LessonProgress> {
        let text = std::fs::read_to_string(self.file(lesson)?).ok()?;
        serde_json::from_str(&text).ok()
    }

    /// Open a lesson's record. A corrupt file is moved aside (never deleted) and a
    /// fresh record returned, with a note saying where the old file went.
    pub fn open(&self, lesson: &str, step_ids: &[Option<String>]) -> Opened {
        let fresh = || LessonProgress::new(lesson, step_ids);
        let Some(path) = self.file(lesson) else {
            return Opened {
                progress: fresh(),
                note: None,
            };
        };
        let text = match std::fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Opened {
                    progress: fresh(),
                    note: None,
                };
            }
            Err(e) => {
                return Opened {
                    progress: fresh(),
                    note: Some(format!(
                        "Could not read your saved progress ({e}); starting this lesson from the top."
                    )),
                };
            }
        };
        match serde_json::from_str::<LessonProgress>(&text) {
            Ok(mut p) if p.format <= PROGRESS_FORMAT && p.lesson == lesson => {
                p.fit(step_ids);
                Opened {
                    progress: p,
                    note: None,
                }
            }
            Ok(p) if p.format > PROGRESS_FORMAT => Opened {
                progress: fresh(),
                note: Some(format!(
                    "Your saved progress was written by a newer huddle (format {}); it is left as it is and this session starts fresh.",
                    p.format
                )),
            },
            _ => {
                let aside = path.with_extension(format!("json.corrupt-{}", unix_now()));
                let note = match std::fs::rename(&path, &aside) {
                    Ok(()) => format!(
                        "Your saved progress for this lesson could not be read, so it was moved to {} and the lesson starts from the top.",
                        aside.display()
                    ),
                    Err(e) => format!(
                        "Your saved progress for this lesson could not be read ({e}); the lesson starts from the top."
                    ),
                };
                Opened {
                    progress: fresh(),
                    note: Some(note),
                }
            }
        }
    }

    /// Write a record atomically. Does nothing when there is no progress folder.
    pub fn save(&self, progress: &LessonProgress) -> std::io::Result<()> {
        let Some(path) = self.file(&progress.lesson) else {
            return Ok(());
        };
        let Some(dir) = path.parent() else {
            return Ok(());
        };
        std::fs::create_dir_all(dir)?;
        let mut record = progress.clone();
        record.format = PROGRESS_FORMAT;
        record.updated = Some(rfc3339_now());
        let json = serde_json::to_vec_pretty(&record).map_err(std::io::Error::other)?;
        crate::output::write(
            &path,
            &[],
            crate::output::Existing::Replace,
            crate::output::Audience::Private,
            |f| f.write_all(&json),
        )?;
        Ok(())
    }

    /// Every lesson record in the folder, read only (nothing is moved or changed),
    /// sorted by lesson id, and the files that could not be read with what is wrong.
    /// Only `<lesson-id>.json` files are read: `mappings/` and files set aside are not.
    pub fn records(&self) -> (Vec<LessonProgress>, Vec<(PathBuf, String)>) {
        let mut found = Vec::new();
        let mut problems = Vec::new();
        for path in self.record_files() {
            let Some(id) = path
                .file_stem()
                .and_then(|s| s.to_str())
                .map(str::to_string)
            else {
                continue;
            };
            if self.file(&id).is_none() {
                continue;
            }
            let parsed = std::fs::read_to_string(&path)
                .map_err(|e| e.to_string())
                .and_then(|t| {
                    serde_json::from_str::<LessonProgress>(&t).map_err(|e| e.to_string())
                });
            match parsed {
                Ok(p) if p.format > PROGRESS_FORMAT => problems.push((
                    path,
                    format!("written by a newer huddle (format {})", p.format),
                )),
                Ok(p) if p.lesson != id => {
                    problems.push((path, format!("holds lesson `{}`, not `{id}`", p.lesson)))
                }
                Ok(p) => found.push(p),
                Err(e) => problems.push((path, format!("not a progress file: {e}"))),
            }
        }
        (found, problems)
    }

    /// Forget a lesson's progress (the picker's `r`).
    pub fn reset(&self, lesson: &str) -> std::io::Result<()> {
        match self.file(lesson) {
            Some(path) => match std::fs::remove_file(path) {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
                _ => Ok(()),
            },
            None => Ok(()),
        }
    }
}

fn unix_now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
}

fn rfc3339_now() -> String {
    chrono::DateTime::from_timestamp(unix_now() as i64, 0)
        .map(|t| t.format("%Y-%m-%dT%H:%M:%SZ").to_string())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::progress::StepStatus;

    fn ids(n: usize) -> Vec<Option<String>> {
        vec![None; n]
    }

    #[test]
    fn save_then_open_resumes() {
        let tmp = tempfile::tempdir().unwrap();
        let store = Store::new(Some(tmp.path().to_path_buf()));
        let mut p = store.open("meet-your-data", &ids(4)).progress;
        p.current = 2;
        p.steps[1].status = StepStatus::Done;
        p.steps[1].tries = 2;
        store.save(&p).unwrap();
        let back = store.open("meet-your-data", &ids(4));
        assert!(back.note.is_none());
        assert_eq!(back.progress.current, 2);
        assert_eq!(back.progress.steps[1].tries, 2);
        assert!(back.progress.updated.is_some());
        let leftovers: Vec<_> = std::fs::read_dir(tmp.path().join("progress"))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
            .collect();
        assert_eq!(leftovers, vec!["meet-your-data.json"], "no temp files left");
    }

    #[test]
    fn corrupt_file_is_moved_aside_not_lost() {
        let tmp = tempfile::tempdir().unwrap();
        let store = Store::new(Some(tmp.path().to_path_buf()));
        let dir = tmp.path().join("progress");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("x.json"), "{ not json").unwrap();
        let opened = store.open("x", &ids(2));
        assert_eq!(opened.progress.current, 0);
        assert!(opened.note.unwrap().contains("moved to"));
        let names: Vec<String> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
            .collect();
        assert_eq!(names.len(), 1);
        assert!(names[0].starts_with("x.json.corrupt-"));
        assert_eq!(
            std::fs::read_to_string(dir.join(&names[0])).unwrap(),
            "{ not json"
        );
    }

    #[test]
    fn unsafe_lesson_ids_are_never_written() {
        let tmp = tempfile::tempdir().unwrap();
        let store = Store::new(Some(tmp.path().to_path_buf()));
        let p = LessonProgress::new("../escape", &ids(1));
        store.save(&p).unwrap();
        assert!(!tmp.path().join("escape.json").exists());
        assert!(!tmp.path().join("progress").exists());
    }

    #[test]
    fn records_reads_every_lesson_and_names_the_broken_file_without_moving_it() {
        let tmp = tempfile::tempdir().unwrap();
        let store = Store::new(Some(tmp.path().to_path_buf()));
        let mut a = LessonProgress::new("b-lesson", &ids(2));
        a.steps[0].tries = 4;
        store.save(&a).unwrap();
        store
            .save(&LessonProgress::new("a-lesson", &ids(1)))
            .unwrap();
        let dir = tmp.path().join("progress");
        std::fs::write(dir.join("broken.json"), "{ nope").unwrap();
        std::fs::create_dir_all(dir.join("mappings")).unwrap();
        std::fs::write(dir.join("mappings").join("m.json"), "{}").unwrap();
        let (found, problems) = store.records();
        let ids: Vec<&str> = found.iter().map(|p| p.lesson.as_str()).collect();
        assert_eq!(ids, vec!["a-lesson", "b-lesson"]);
        assert_eq!(found[1].steps[0].tries, 4);
        assert_eq!(problems.len(), 1);
        assert!(problems[0].0.ends_with("broken.json"));
        assert!(dir.join("broken.json").exists(), "left where it was");
    }

    #[test]
    fn reset_forgets() {
        let tmp = tempfile::tempdir().unwrap();
        let store = Store::new(Some(tmp.path().to_path_buf()));
        let mut p = LessonProgress::new("a", &ids(2));
        p.current = 1;
        store.save(&p).unwrap();
        store.reset("a").unwrap();
        assert_eq!(store.open("a", &ids(2)).progress.current, 0);
        store.reset("a").unwrap();
    }
}
