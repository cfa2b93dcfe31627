//! Writing files: no command replaces a device, a pipe, a symbolic link or one of
//! its own inputs, outputs get the usual permissions, a killed save's temporary file
//! is swept at the next start, and lesson paths resolve the same from any folder.

#![cfg(unix)]

mod common;

use common::{Ran, huddle, run};
use std::os::unix::fs::{FileTypeExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::process::Command;

struct Bench {
    dir: tempfile::TempDir,
    data: tempfile::TempDir,
}

impl Bench {
    fn new() -> Bench {
        let b = Bench {
            dir: tempfile::tempdir().unwrap(),
            data: tempfile::tempdir().unwrap(),
        };
        std::fs::write(
            b.path("members.csv"),
            "zip,county\n2134,Suffolk\n1001,Hampden\n",
        )
        .unwrap();
        std::fs::write(
            b.path("pad.toml"),
            "format = 1\n\n[[ops]]\nop = \"pad\"\ncolumn = \"zip\"\nwidth = 5\n",
        )
        .unwrap();
        b
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn apply(&self, output: &Path, force: bool) -> Ran {
        let mut cmd = huddle(self.data.path());
        cmd.current_dir(self.dir.path())
            .args(["apply", "pad.toml", "members.csv", "-o"])
            .arg(output);
        if force {
            cmd.arg("--force");
        }
        run(&mut cmd)
    }
}

#[test]
fn apply_never_replaces_a_pipe_even_with_force() {
    let b = Bench::new();
    let fifo = b.path("pipe");
    let made = Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(made.success());
    let ran = b.apply(&fifo, true);
    assert_eq!(ran.code, 2, "{}", ran.stderr);
    assert!(
        ran.stderr.contains("is not a regular file"),
        "{}",
        ran.stderr
    );
    let kind = std::fs::symlink_metadata(&fifo).unwrap().file_type();
    assert!(kind.is_fifo(), "the pipe was replaced");
}

#[test]
fn apply_never_writes_through_or_replaces_a_symlink() {
    let b = Bench::new();
    let target = b.path("precious.csv");
    std::fs::write(&target, "keep me\n").unwrap();
    let link = b.path("link.csv");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    let ran = b.apply(&link, true);
    assert_eq!(ran.code, 2, "{}", ran.stderr);
    assert!(ran.stderr.contains("symbolic link"), "{}", ran.stderr);
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "keep me\n");
}

#[test]
fn apply_refuses_to_write_over_its_own_recipe_by_any_name() {
    let b = Bench::new();
    let before = std::fs::read(b.path("pad.toml")).unwrap();
    for output in [b.path("pad.toml"), PathBuf::from("./pad.toml")] {
        let ran = b.apply(&output, true);
        assert_eq!(ran.code, 2, "{}", ran.stderr);
        assert!(
            ran.stderr
                .contains("is one of this command's own input files"),
            "{}",
            ran.stderr
        );
    }
    std::fs::hard_link(b.path("pad.toml"), b.path("alias.toml")).unwrap();
    let ran = b.apply(&b.path("alias.toml"), true);
    assert_eq!(ran.code, 2, "{}", ran.stderr);
    assert_eq!(std::fs::read(b.path("pad.toml")).unwrap(), before);
}

#[test]
fn outputs_get_the_usual_permissions_not_private_ones() {
    let b = Bench::new();
    let bin = assert_cmd::cargo::cargo_bin("huddle");
    let out = Command::new("sh")
        .arg("-c")
        .arg("umask 022 && exec \"$0\" apply pad.toml members.csv -o out.csv")
        .arg(&bin)
        .current_dir(b.dir.path())
        .env("HUDDLE_DATA_DIR", b.data.path())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mode = std::fs::metadata(b.path("out.csv"))
        .unwrap()
        .permissions()
        .mode()
        & 0o777;
    assert_eq!(mode, 0o644, "mode {mode:o}");
    let out = Command::new("sh")
        .arg("-c")
        .arg("umask 022 && exec \"$0\" new perms --dir course")
        .arg(&bin)
        .current_dir(b.dir.path())
        .env("HUDDLE_DATA_DIR", b.data.path())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mode = std::fs::metadata(b.path("course/perms.toml"))
        .unwrap()
        .permissions()
        .mode()
        & 0o777;
    assert_eq!(mode, 0o644, "mode {mode:o}");
}

#[test]
fn a_temporary_file_left_by_a_killed_save_is_swept_at_the_next_start() {
    let data = tempfile::tempdir().unwrap();
    let progress = data.path().join("progress");
    std::fs::create_dir_all(progress.join("mappings")).unwrap();
    let old = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    let left = [
        progress.join(".tmpAb12Cd"),
        progress.join(".huddle-tmp-x1y2z3"),
        progress.join("mappings").join(".tmpZz99Yy"),
    ];
    for f in &left {
        std::fs::write(f, "{\"format\": 1}").unwrap();
        std::fs::File::options()
            .write(true)
            .open(f)
            .unwrap()
            .set_modified(old)
            .unwrap();
    }
    std::fs::write(progress.join("notes.txt"), "mine").unwrap();
    let ran = run(huddle(data.path()).arg("progress"));
    assert_eq!(ran.code, 0, "{}", ran.stderr);
    for f in &left {
        assert!(!f.exists(), "{} is still there", f.display());
    }
    assert!(progress.join("notes.txt").exists(), "other files are kept");
}

#[test]
fn progress_export_refuses_a_progress_record_and_a_pipe() {
    let data = tempfile::tempdir().unwrap();
    let store = huddle::progress::store::Store::new(Some(data.path().to_path_buf()));
    let p = huddle::progress::LessonProgress::new("welcome", &[None, None]);
    store.save(&p).unwrap();
    let record = data.path().join("progress/welcome.json");
    let before = std::fs::read(&record).unwrap();
    let ran = run(huddle(data.path())
        .args(["progress", "--yes", "--force", "--export"])
        .arg(&record));
    assert_eq!(ran.code, 2, "{}", ran.stderr);
    assert!(ran.stderr.contains("own input files"), "{}", ran.stderr);
    assert_eq!(std::fs::read(&record).unwrap(), before);
}

/// A course folder: `course/lessons/fz.toml` reading `../sample-data/members.csv`.
fn course() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let lessons = dir.path().join("course/lessons");
    let data = dir.path().join("course/sample-data");
    std::fs::create_dir_all(&lessons).unwrap();
    std::fs::create_dir_all(&data).unwrap();
    std::fs::write(
        data.join("members.csv"),
        "member_id,county\n1,Suffolk\n2,Essex\n",
    )
    .unwrap();
    std::fs::write(
        lessons.join("fz.toml"),
        r#"format = 1

[lesson]
id = "fz"
title = "Counting"
summary = "Count the members."
minutes = 5
level = "beginner"

[tables.members]
file = "../sample-data/members.csv"

[[steps]]
kind = "query"
title = "How many?"
text = "Count them."
question = "How many members are there?"
solution = "SELECT COUNT(*) AS n FROM members"
hints = ["COUNT(*)"]
"#,
    )
    .unwrap();
    dir
}

#[test]
fn check_resolves_a_lesson_the_same_from_inside_its_folder() {
    let c = course();
    let data = tempfile::tempdir().unwrap();
    let lessons = c.path().join("course/lessons");
    for (cwd, arg) in [
        (lessons.clone(), "fz.toml"),
        (lessons.clone(), "./fz.toml"),
        (lessons.clone(), "../lessons/fz.toml"),
        (lessons.clone(), "."),
        (c.path().join("course"), "lessons/fz.toml"),
    ] {
        let ran = run(huddle(data.path()).current_dir(&cwd).args(["check", arg]));
        assert_eq!(
            ran.code,
            0,
            "huddle check {arg} from {}:\n{}{}",
            cwd.display(),
            ran.stdout,
            ran.stderr
        );
    }
}
