//! `huddle inspect`: what is in an export and what is wrong with it.

mod common;

use common::{fixture, huddle};
use std::path::{Path, PathBuf};

fn run(file: &Path, json: bool) -> (i32, String, String) {
    let data = tempfile::tempdir().unwrap();
    let mut cmd = huddle(data.path());
    cmd.arg("inspect").arg(file);
    if json {
        cmd.args(["--format", "json"]);
    }
    let out = cmd.output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

fn members() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-data/members.csv")
}

#[test]
fn the_sample_members_show_every_planted_problem() {
    let before = std::fs::read(members()).unwrap();
    let (code, text, _) = run(&members(), false);
    assert_eq!(code, 0);
    assert!(
        text.contains("UTF-8, comma-separated, 2,050 rows, 8 columns"),
        "{text}"
    );
    for needle in [
        "`zip`: 295 value(s) have fewer than 5 digits",
        "`joined`: dates are written in 3 ways",
        "month/day/two-digit year (3/1/24)",
        "`county`:",
        "\"Essex\" / \"Essex \"",
        "`phone`: 50 value(s) appear on more than one row",
    ] {
        assert!(text.contains(needle), "missing {needle:?} in:\n{text}");
    }
    assert_eq!(
        std::fs::read(members()).unwrap(),
        before,
        "the file is never modified"
    );
}

#[test]
fn json_has_the_documented_shape() {
    let (code, out, _) = run(&fixture("data/excel_damaged.csv"), true);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    for key in [
        "file",
        "encoding",
        "delimiter",
        "rows",
        "columns",
        "column_info",
        "problems",
    ] {
        assert!(v.get(key).is_some(), "no {key} in {v}");
    }
    let kinds: Vec<&str> = v["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["kind"].as_str().unwrap())
        .collect();
    assert!(
        kinds.contains(&"scientific_ids") && kinds.contains(&"lost_zeros"),
        "{kinds:?}"
    );
    let col = &v["column_info"][0];
    for key in ["name", "type", "nulls", "distinct", "examples"] {
        assert!(col.get(key).is_some(), "no {key} in {col}");
    }
}

#[test]
fn encodings_delimiters_and_header_fixes_are_reported() {
    let (_, text, _) = run(&fixture("data/van_utf16.xls"), false);
    assert!(text.contains("UTF-16LE, tab-separated"), "{text}");
    let (_, text, _) = run(&fixture("data/actblue_cp1252.csv"), false);
    assert!(
        text.contains("Windows-1252") && text.contains("`Reserved_2`"),
        "{text}"
    );
    let (_, text, _) = run(&fixture("data/action_network_bom.csv"), false);
    assert!(text.contains("UTF-8 with BOM"), "{text}");
}

#[test]
fn unreadable_files_say_why() {
    for (f, why) in [
        ("empty.csv", "the file is empty"),
        ("header_only.csv", "no data rows"),
    ] {
        let (code, out, err) = run(&fixture(&format!("data/{f}")), false);
        assert_eq!(code, 1, "{f}");
        assert!(out.is_empty(), "{f}: {out}");
        assert!(err.contains(why), "{f}: {err}");
    }
    let (code, _, err) = run(Path::new("no/such/file.csv"), false);
    assert_eq!(code, 1);
    assert!(err.contains("cannot read the file"), "{err}");
}

#[test]
fn a_row_with_too_many_fields_is_listed_and_the_rest_read_unless_strict() {
    let file = fixture("data/too_many_fields.csv");
    let (code, out, err) = run(&file, false);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("- 1 row could not be read (line 4); they are left out of the table. Line 4 has 4 fields but the header has 3"),
        "{out}"
    );
    let (code, json, _) = run(&file, true);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["quarantined"][0]["line"], 4);
    assert_eq!(v["quarantined"][0]["text"], "003,02136,Essex, MA");
    assert_eq!(v["header_line"], 1);
    let data = tempfile::tempdir().unwrap();
    let out = huddle(data.path())
        .arg("inspect")
        .arg(&file)
        .arg("--strict")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("line 4 has 4 fields but the header has 3"),
        "{err}"
    );
}

/// Planted personal values: the most common name (with spellings that differ in
/// case and spaces, so a problem quotes them), an email, a phone written two ways
/// on two rows, and a row with a missing field set aside with its text.
const PLANTED: &[&str] = &["zzyzxia", "qwertyson", "vexbridge", "555-0187", "5550187"];

fn planted_file(dir: &Path) -> PathBuf {
    let mut csv = String::from("first_name,last_name,email,phone,county\n");
    for i in 0..40 {
        let first = match i % 4 {
            0 => " Zzyzxia ",
            1 => "ZZYZXIA",
            _ => "Zzyzxia",
        };
        csv.push_str(&format!(
            "{first},Qwertyson,zzyzxia{i}@vexbridge.org,(413) 555-01{:02},Essex\n",
            i % 30
        ));
    }
    csv.push_str("Ana,Lopez,ana@example.org,413-555-0187,Essex\n");
    csv.push_str("Bo,Li,bo@example.org,4135550187,Suffolk\n");
    csv.push_str("Zzyzxia Qwertyson,4135550187,Essex\n");
    let path = dir.join("planted.csv");
    std::fs::write(&path, csv).unwrap();
    path
}

#[test]
fn under_mask_inspect_shows_no_personal_value() {
    let dir = tempfile::tempdir().unwrap();
    let file = planted_file(dir.path());
    let inspect = |mask: bool, json: bool| {
        let mut cmd = huddle(dir.path());
        if mask {
            cmd.arg("--mask");
        }
        cmd.arg("inspect").arg(&file);
        if json {
            cmd.args(["--format", "json"]);
        }
        let out = cmd.output().unwrap();
        assert_eq!(out.status.code(), Some(0));
        String::from_utf8(out.stdout).unwrap().to_lowercase()
    };
    // Unmasked, the planted values are there to be found.
    let plain = inspect(false, true);
    for p in ["zzyzxia", "qwertyson", "vexbridge", "(413) 555-01"] {
        assert!(plain.contains(p), "{p} not shown unmasked: {plain}");
    }
    for json in [false, true] {
        let masked = inspect(true, json);
        for p in PLANTED {
            assert!(!masked.contains(p), "{p} shown under --mask: {masked}");
        }
        // Still useful: the counts, the columns and the problems stay.
        assert!(masked.contains("first_name"), "{masked}");
        assert!(masked.contains("county"), "{masked}");
        assert!(masked.contains("essex"), "{masked}");
        assert!(masked.contains("spaces or case"), "{masked}");
    }
}

#[test]
fn dates_written_year_first_are_named_dates_and_mixed_ones_stay_text() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("dates.csv");
    std::fs::write(
        &file,
        "joined,seen,mixed\n2024-03-01,2024-03-01 10:00:00,2024-03-01\n\
         2023-12-31,2023-12-31T23:59:59,3/1/2024\n,,\n",
    )
    .unwrap();
    let (code, json, _) = run(&file, true);
    assert_eq!(code, 0);
    let json: serde_json::Value = serde_json::from_str(&json).unwrap();
    let kind = |name: &str| {
        json["column_info"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["name"] == name)
            .map(|c| c["type"].as_str().unwrap().to_string())
            .unwrap()
    };
    assert_eq!(kind("joined"), "date");
    assert_eq!(kind("seen"), "datetime");
    assert_eq!(kind("mixed"), "text");
}
