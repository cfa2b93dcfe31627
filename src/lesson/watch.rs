//! `huddle run FILE --watch`: notice when a lesson file changes on disk, and check the
//! new text the way `huddle check` does. UI-free: the player polls [`FileWatch`] from
//! its event loop and runs [`recheck`] on a worker thread.
//!
//! Polling (no file-system notification crate): each poll looks at the file's size
//! and modification time by path, so an editor that saves by writing a new file and
//! renaming it over the old one is seen like any other save. The text is read when
//! those change, or while the file was modified in the last two seconds (a second
//! save within one mtime tick), and only a different text counts as a change.

use crate::diag::Diagnostic;
use crate::lesson::course::{LessonEntry, Location};
use crate::lesson::model::Lesson;
use crate::lesson::validate::check_entries;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

/// How recent a modification time is re-read on every poll.
const FRESH: Duration = Duration::from_secs(2);

/// Watches one lesson file for a different text.
#[derive(Debug, Clone)]
pub struct FileWatch {
    path: PathBuf,
    text: String,
    seen: Option<(u64, Option<SystemTime>)>,
}

impl FileWatch {
    /// Watch `path`, whose current text is `text` (the text the lesson was opened from).
    pub fn new(path: &Path, text: &str) -> Self {
        FileWatch {
            path: path.to_path_buf(),
            text: text.to_string(),
            seen: stamp(path),
        }
    }

    /// The file watched.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The file's new text, when it differs from the text seen last. A file that is
    /// missing or unreadable for a moment (in the middle of a save) is not a change.
    pub fn poll(&mut self) -> Option<String> {
        let now = stamp(&self.path)?;
        let fresh = now
            .1
            .and_then(|t| SystemTime::now().duration_since(t).ok())
            .is_none_or(|age| age < FRESH);
        if Some(now) == self.seen && !fresh {
            return None;
        }
        self.seen = Some(now);
        let bytes = std::fs::read(&self.path).ok()?;
        let text = String::from_utf8_lossy(&bytes)
            .trim_start_matches('\u{feff}')
            .to_string();
        if text == self.text {
            return None;
        }
        self.text = text.clone();
        Some(text)
    }
}

fn stamp(path: &Path) -> Option<(u64, Option<SystemTime>)> {
    let m = std::fs::metadata(path).ok()?;
    Some((m.len(), m.modified().ok()))
}

/// `entry` with its text replaced by `text` (same place, same course root).
pub fn with_text(entry: &LessonEntry, text: String) -> LessonEntry {
    LessonEntry {
        text,
        ..entry.clone()
    }
}

/// The lesson file on disk behind `entry`, if it is one (the bundled course is not).
pub fn disk_path(entry: &LessonEntry) -> Option<&Path> {
    match &entry.location {
        Location::Disk(p) => Some(p),
        Location::Bundled(_) => None,
    }
}

/// Check `entry` as `huddle check` does: the lesson when it has no errors, else its
/// errors (each with file, line and column). Warnings do not stop a reload.
pub fn recheck(entry: &LessonEntry) -> Result<Lesson, Vec<Diagnostic>> {
    let errors: Vec<Diagnostic> = check_entries(std::slice::from_ref(entry))
        .into_iter()
        .flat_map(|c| c.diagnostics)
        .filter(Diagnostic::is_error)
        .collect();
    if !errors.is_empty() {
        return Err(errors);
    }
    crate::lesson::validate::load_entry(entry)
        .lesson
        .ok_or_else(|| {
            vec![Diagnostic::file_level(
                crate::diag::Severity::Error,
                &entry.display,
                "the lesson could not be read",
            )]
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_text_is_seen_once_and_a_save_by_rename_counts() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("l.toml");
        std::fs::write(&path, "one").unwrap();
        let mut w = FileWatch::new(&path, "one");
        assert_eq!(w.poll(), None, "same text: no change");
        std::fs::write(&path, "two").unwrap();
        assert_eq!(w.poll().as_deref(), Some("two"));
        assert_eq!(w.poll(), None, "a change is reported once");
        // An editor that writes a new file and renames it over the old one.
        let tmp = dir.path().join(".l.toml.swp");
        std::fs::write(&tmp, "three").unwrap();
        std::fs::rename(&tmp, &path).unwrap();
        assert_eq!(w.poll().as_deref(), Some("three"));
        // Missing for a moment: not a change, and the next text is still seen.
        std::fs::remove_file(&path).unwrap();
        assert_eq!(w.poll(), None);
        std::fs::write(&path, "four").unwrap();
        assert_eq!(w.poll().as_deref(), Some("four"));
    }
}
