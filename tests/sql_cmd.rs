//! `huddle sql`: one query over files, printed as a table, CSV or JSON, with errors
//! that point at the place in the query.

mod common;

use common::huddle;
use std::path::PathBuf;

fn sample(name: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("sample-data")
        .join(name)
        .display()
        .to_string()
}

#[test]
fn a_group_by_prints_as_a_table_csv_and_json() {
    let dir = tempfile::tempdir().unwrap();
    let members = format!("members={}", sample("members.csv"));
    let sql = "SELECT COUNT(*), COUNT(DISTINCT member_id) AS people FROM members";
    let out = huddle(dir.path())
        .args(["sql", "--table", &members, sql])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("count  people\n"), "{text}");
    assert!(text.contains("2050   2050"), "{text}");
    assert!(text.ends_with("(1 row)\n"), "{text}");

    let out = huddle(dir.path())
        .args([
            "sql",
            "--format",
            "csv",
            "--table",
            &members,
            "SELECT zip FROM members WHERE member_id = 'M00001'",
        ])
        .output()
        .unwrap();
    assert_eq!(String::from_utf8(out.stdout).unwrap(), "zip\n02741\n");

    let out = huddle(dir.path())
        .args([
            "sql",
            "--format",
            "json",
            "--table",
            &members,
            "SELECT county, COUNT(*) AS n FROM members GROUP BY county ORDER BY n DESC LIMIT 1",
        ])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(v[0]["n"].is_u64(), "{v}");
    assert!(v[0]["county"].is_string(), "{v}");
}

#[test]
fn a_mistake_is_explained_at_its_place_and_exits_1() {
    let dir = tempfile::tempdir().unwrap();
    let members = format!("members={}", sample("members.csv"));
    let out = huddle(dir.path())
        .args([
            "sql",
            "--table",
            &members,
            "SELECT county, COUNT(*)\nFROM members",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.starts_with("query:1:8: error: `county` is in SELECT but not in GROUP BY"),
        "{err}"
    );
    assert!(
        err.contains("\n  SELECT county, COUNT(*)\n         ^\n"),
        "{err}"
    );
}

#[test]
fn no_table_is_a_usage_error_and_mask_hides_member_data() {
    let dir = tempfile::tempdir().unwrap();
    let out = huddle(dir.path())
        .args(["sql", "SELECT 1"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let members = format!("members={}", sample("members.csv"));
    let out = huddle(dir.path())
        .args([
            "--mask",
            "sql",
            "--table",
            &members,
            "SELECT email AS contact, last_name FROM members WHERE member_id = 'M00001'",
        ])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(!text.contains("carlos.rivera0@example.org"), "{text}");
    assert!(!text.contains("Rivera"), "{text}");
}
