//! `huddle chart`: a quick chart of any export on stdout, plain when piped.

mod common;

use common::{fixture, huddle};
use std::path::{Path, PathBuf};

fn sample(file: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("sample-data")
        .join(file)
}

/// Run `huddle chart FILE ARGS...`; returns (exit code, stdout, stderr).
fn chart(file: &Path, args: &[&str]) -> (i32, String, String) {
    let data = tempfile::tempdir().unwrap();
    let out = huddle(data.path())
        .arg("chart")
        .arg(file)
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn bars_count_rows_per_category_largest_first() {
    let (code, text, _) = chart(
        &sample("members.csv"),
        &["--x", "county", "--width", "70", "--height", "12"],
    );
    assert_eq!(code, 0);
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
fn a_histogram_and_a_sum_draw_and_text_cannot_be_summed() {
    let turnout = sample("turnout.csv");
    let (code, text, _) = chart(
        &turnout,
        &[
            "--x",
            "registered",
            "--type",
            "histogram",
            "--width",
            "60",
            "--height",
            "10",
        ],
    );
    assert_eq!(code, 0);
    assert!(text.contains("(histogram)") && text.contains('█'), "{text}");

    let (code, _, err) = chart(
        &sample("members.csv"),
        &["--x", "county", "--y", "member_id", "--agg", "sum"],
    );
    assert_eq!(code, 1);
    assert!(
        err.contains("needs numbers") && err.contains("`member_id` holds text"),
        "{err}"
    );

    let (code, text, _) = chart(
        &turnout,
        &[
            "--x", "county", "--y", "voted", "--agg", "sum", "--type", "column", "--width", "80",
        ],
    );
    assert_eq!(code, 0);
    assert!(
        text.contains("sum of voted by county") && text.contains("Essex"),
        "{text}"
    );
}

#[test]
fn a_missing_column_lists_the_file_columns() {
    let (code, _, err) = chart(&sample("members.csv"), &["--x", "countie"]);
    assert_eq!(code, 1);
    assert!(err.contains("countie") && err.contains("county"), "{err}");
}

#[test]
fn broken_files_are_reported_not_panicked() {
    for f in ["empty.csv", "header_only.csv"] {
        let (code, _, err) = chart(&fixture(&format!("data/{f}")), &["--x", "county"]);
        assert_eq!(code, 1, "{f}");
        assert!(err.starts_with("huddle chart:"), "{f}: {err}");
    }
}

#[test]
fn a_row_that_cannot_be_read_is_left_out_and_named_unless_strict() {
    let file = fixture("data/too_many_fields.csv");
    let (code, out, err) = chart(&file, &["--x", "county"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("Essex"), "{out}");
    assert!(
        err.contains("1 row could not be read (line 4); they are left out of the chart"),
        "{err}"
    );
    let (code, _, err) = chart(&file, &["--x", "county", "--strict"]);
    assert_eq!(code, 1);
    assert!(
        err.contains("line 4 has 4 fields but the header has 3"),
        "{err}"
    );
}

#[test]
fn a_200_kb_file_with_bare_cr_line_endings_charts_every_row() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mac.csv");
    let mut csv = String::from("precinct,county,votes\r");
    let counties = ["Essex", "Suffolk", "Hampden", "Worcester"];
    for i in 0..12_000 {
        csv.push_str(&format!("{i:05},{},{}\r", counties[i % 4], i % 97));
    }
    assert!(csv.len() > 190_000 && !csv.contains('\n'));
    std::fs::write(&path, &csv).unwrap();
    let (code, out, err) = chart(&path, &["--x", "county", "--width", "60"]);
    assert_eq!(code, 0, "{err}");
    for c in counties {
        assert!(out.contains(c), "{c} missing: {out}");
    }
    assert_eq!(
        out.matches(" 3,000").count(),
        4,
        "each county has 3,000 rows: {out}"
    );
}

#[test]
fn run_with_an_unknown_lesson_suggests_the_nearest() {
    let data = tempfile::tempdir().unwrap();
    let out = huddle(data.path())
        .args(["run", "meet-you-data"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("did you mean `meet-your-data`?"), "{err}");
}

#[test]
fn a_big_file_is_read_through_a_map_and_counted_exactly() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.csv");
    let mut csv = String::from("id,county,note\n");
    for i in 0..30_000 {
        let county = ["Essex", "Suffolk", "\"Hampden\""][i % 3];
        csv.push_str(&format!(
            "{i},{county},\"a long note, with a comma, to make the file big\"\n"
        ));
    }
    assert!(
        csv.len() > 1 << 20,
        "the file is over the mapping threshold"
    );
    std::fs::write(&path, &csv).unwrap();
    let before = std::fs::read(&path).unwrap();
    let (code, text, err) = chart(&path, &["--x", "county", "--width", "60", "--height", "8"]);
    assert_eq!(code, 0, "{err}");
    for name in ["Essex", "Suffolk", "Hampden"] {
        let line = text
            .lines()
            .find(|l| l.contains(name))
            .unwrap_or_else(|| panic!("{text}"));
        assert!(line.ends_with("10,000"), "{line}");
    }
    assert_eq!(
        std::fs::read(&path).unwrap(),
        before,
        "the file is never modified"
    );
}

#[test]
fn every_month_counts_sign_ups_per_month_and_is_only_for_lines() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("signups.csv");
    std::fs::write(
        &file,
        "joined,amount\n2024-01-03,10\n2024-01-20,30\n2024-03-02,5\n2024-03-09,7\n",
    )
    .unwrap();
    let (code, text, err) = chart(
        &file,
        &[
            "--x", "joined", "--type", "line", "--every", "month", "--width", "70",
        ],
    );
    assert_eq!(code, 0, "{err}");
    assert!(text.contains("per month"), "{text}");
    let (code, _, err) = chart(&file, &["--x", "joined", "--every", "week"]);
    assert_ne!(code, 0);
    assert!(err.contains("--every is for a line"), "{err}");
    let (code, _, err) = chart(
        &file,
        &[
            "--x", "amount", "--y", "amount", "--type", "line", "--every", "week",
        ],
    );
    assert_ne!(code, 0);
    assert!(err.contains("needs dates"), "{err}");
}
