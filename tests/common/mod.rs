//! Shared helpers for integration tests.
#![allow(dead_code)]

pub mod answers;
pub mod cohort;
pub mod exports;
pub mod pg;
pub mod player;
pub mod pty;
pub mod schema;
pub mod slt;

use assert_cmd::Command;
use std::path::{Path, PathBuf};

/// The huddle binary, isolated from the user's data folder.
pub fn huddle(data_dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("huddle").expect("binary builds");
    cmd.env("HUDDLE_DATA_DIR", data_dir)
        .env_remove("XDG_DATA_HOME");
    cmd
}

/// A fixture path.
pub fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(rel)
}

/// 1-based line of the first occurrence of `needle` in `file`.
pub fn line_of(file: &Path, needle: &str) -> usize {
    let text = std::fs::read_to_string(file).expect("fixture readable");
    text.lines()
        .position(|l| l.contains(needle))
        .map(|i| i + 1)
        .unwrap_or_else(|| panic!("{needle:?} not in {}", file.display()))
}

/// Output of a finished command, as text.
pub struct Ran {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// Run and capture.
pub fn run(cmd: &mut Command) -> Ran {
    let out = cmd.output().expect("command runs");
    Ran {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// The two lessons the screen tests were written against, frozen in
/// `tests/fixtures/course/` so the bundled course can grow without moving every
/// snapshot. They read the bundled sample data, as the bundled lessons do.
pub fn frozen_course() -> Vec<huddle::lesson::course::LessonEntry> {
    use huddle::lesson::course::{CourseRoot, LessonEntry, Location};
    let dir = fixture("course");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .expect("frozen course folder")
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.ends_with(".toml"))
        .collect();
    names.sort();
    names
        .into_iter()
        .map(|name| LessonEntry {
            display: format!("<bundled>/lessons/{name}"),
            location: Location::Bundled(format!("lessons/{name}")),
            root: CourseRoot::Bundled,
            text: std::fs::read_to_string(dir.join(&name)).expect("frozen lesson readable"),
        })
        .collect()
}

/// The frozen course as a course folder on disk, for tests that run the binary:
/// `DIR/lessons/*.toml` (the frozen lessons) and `DIR/sample-data/` (copied from the
/// project's), so `--lessons DIR/lessons` runs them as the player would.
pub fn frozen_course_dir() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().expect("temporary folder");
    let lessons = tmp.path().join("lessons");
    let data = tmp.path().join("sample-data");
    std::fs::create_dir_all(&lessons).expect("lessons folder");
    std::fs::create_dir_all(&data).expect("sample-data folder");
    for e in std::fs::read_dir(fixture("course")).expect("frozen course folder") {
        let path = e.expect("entry").path();
        if path.extension().is_some_and(|x| x == "toml")
            && let Some(name) = path.file_name()
        {
            std::fs::copy(&path, lessons.join(name)).expect("lesson copied");
        }
    }
    let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-data");
    for e in std::fs::read_dir(&samples).expect("sample-data folder") {
        let path = e.expect("entry").path();
        if path.extension().is_some_and(|x| x == "csv")
            && let Some(name) = path.file_name()
        {
            std::fs::copy(&path, data.join(name)).expect("sample copied");
        }
    }
    tmp
}
