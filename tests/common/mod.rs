//! Shared helpers for integration tests.
#![allow(dead_code)]

pub mod exports;
pub mod schema;

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
