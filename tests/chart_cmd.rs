//! `huddle chart`: a quick chart of any export on stdout, plain when piped.

mod common;

use common::{fixture, huddle};
use std::path::Path;

fn members() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-data/members.csv")
}

#[test]
fn bars_count_rows_per_category_largest_first() {
    let data = tempfile::tempdir().unwrap();
    let out = huddle(data.path())
        .arg("chart")
        .arg(members())
        .args(["--x", "county", "--width", "70", "--height", "12"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines[0].contains("rows by county"), "{text}");
    assert!(
        lines[1].contains("Middlesex") && lines[1].contains("588"),
        "{text}"
    );
    assert!(
        text.contains("other ("),
        "categories that do not fit fold into other: {text}"
    );
    assert!(!text.contains('\x1b'), "no colour codes when piped");
    assert!(lines.iter().all(|l| l.chars().count() <= 70), "{text}");
}

#[test]
fn a_histogram_and_a_sum_draw() {
    let data = tempfile::tempdir().unwrap();
    let turnout = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-data/turnout.csv");
    let out = huddle(data.path())
        .arg("chart")
        .arg(&turnout)
        .args([
            "--x",
            "registered",
            "--type",
            "histogram",
            "--width",
            "60",
            "--height",
            "10",
        ])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    assert!(text.contains("(histogram)") && text.contains('█'), "{text}");

    let out = huddle(data.path())
        .arg("chart")
        .arg(members())
        .args(["--x", "county", "--y", "member_id", "--agg", "sum"])
        .assert()
        .failure()
        .get_output()
        .stderr
        .clone();
    let err = String::from_utf8(out).unwrap();
    assert!(
        err.contains("needs numbers") && err.contains("`member_id` holds text"),
        "{err}"
    );

    let out = huddle(data.path())
        .arg("chart")
        .arg(&turnout)
        .args([
            "--x", "county", "--y", "voted", "--agg", "sum", "--type", "column",
        ])
        .args(["--width", "80", "--height", "14"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    assert!(
        text.contains("sum of voted by county") && text.contains("Essex"),
        "{text}"
    );
}

#[test]
fn a_missing_column_lists_the_file_columns() {
    let data = tempfile::tempdir().unwrap();
    let out = huddle(data.path())
        .arg("chart")
        .arg(members())
        .args(["--x", "countie"])
        .assert()
        .code(1)
        .get_output()
        .stderr
        .clone();
    let err = String::from_utf8(out).unwrap();
    assert!(err.contains("countie") && err.contains("county"), "{err}");
}

#[test]
fn broken_files_are_reported_not_panicked() {
    let data = tempfile::tempdir().unwrap();
    for f in ["empty.csv", "too_many_fields.csv", "header_only.csv"] {
        let out = huddle(data.path())
            .arg("chart")
            .arg(fixture(&format!("data/{f}")))
            .args(["--x", "county"])
            .assert()
            .code(1)
            .get_output()
            .stderr
            .clone();
        let err = String::from_utf8(out).unwrap();
        assert!(err.starts_with("huddle chart:"), "{f}: {err}");
    }
}

#[test]
fn run_with_an_unknown_lesson_suggests_the_nearest() {
    let data = tempfile::tempdir().unwrap();
    let out = huddle(data.path())
        .args(["run", "who-are-our-peple"])
        .assert()
        .code(2)
        .get_output()
        .stderr
        .clone();
    let err = String::from_utf8(out).unwrap();
    assert!(err.contains("did you mean `who-are-our-people`?"), "{err}");
}
