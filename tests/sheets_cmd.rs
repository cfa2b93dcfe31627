//! Workbooks (XLSX, real BIFF8 .xls) and Parquet: read as the text a learner sees in
//! Excel, sheets picked by name, and `huddle inspect` on them end to end. The
//! fixtures are synthetic (tests/fixtures/data/make_workbooks.py).

mod common;

use common::{fixture, huddle, run};
use huddle::data::decode::TextEncoding;
use huddle::data::import::{
    ImportError, RawTable, apply_types, read_raw, read_raw_file, read_raw_file_sheet,
    read_raw_sheet,
};
use huddle::data::sheets::sheet_names;
use huddle::data::types::ColumnType;
use polars::prelude::*;
use std::path::Path;

fn xlsx() -> Vec<u8> {
    std::fs::read(fixture("data/members.xlsx")).unwrap()
}

fn xls() -> Vec<u8> {
    std::fs::read(fixture("data/members_biff8.xls")).unwrap()
}

fn cell(raw: &RawTable, column: &str, row: usize) -> Option<String> {
    raw.df
        .column(column)
        .unwrap()
        .str()
        .unwrap()
        .get(row)
        .map(str::to_string)
}

fn names(raw: &RawTable) -> Vec<String> {
    raw.df
        .get_column_names()
        .iter()
        .map(|n| n.to_string())
        .collect()
}

/// What both workbook fixtures hold on their "Members" sheet.
fn assert_members_sheet(raw: &RawTable, encoding: TextEncoding) {
    assert_eq!(raw.report.encoding, encoding);
    assert_eq!(
        raw.report.sheet.as_deref(),
        Some("Members"),
        "Cover is empty"
    );
    assert_eq!(raw.report.delimiter, None);
    assert_eq!(
        names(raw),
        [
            "member_id",
            "first_name",
            "zip",
            "joined",
            "last_contact",
            "events",
            "active",
            "score",
            "Reserved",
            "Reserved_2",
            "column_11"
        ]
    );
    assert_eq!(raw.report.renamed.len(), 2);
    // Header on spreadsheet row 2; row 5 is blank.
    assert_eq!(raw.row_lines, [3, 4, 6]);
    let col = |c: &str| (0..3).map(|r| cell(raw, c, r)).collect::<Vec<_>>();
    let s = |v: &str| Some(v.to_string());
    assert_eq!(col("member_id"), [s("001"), s("002"), s("003")]);
    assert_eq!(col("first_name"), [s("Ana"), s("José"), s("  Lee ")]);
    assert_eq!(col("zip"), [s("02134"), s("2134"), s("10001")]);
    assert_eq!(
        col("joined"),
        [s("2023-03-04"), s("2023-03-05"), s("2024-01-15")]
    );
    assert_eq!(
        col("last_contact"),
        [
            s("2023-03-04 04:33:42"),
            s("2023-03-05 18:00:00"),
            s("2024-01-15 09:05:00")
        ]
    );
    assert_eq!(col("events"), [s("2"), s("0"), s("12")]);
    assert_eq!(col("active"), [s("true"), s("false"), s("true")]);
    assert_eq!(col("score"), [s("7.5"), None, None]);
    let note = raw
        .report
        .notes
        .iter()
        .find(|n| n.kind == "excel_errors")
        .expect("a note about the error cells");
    assert_eq!(note.column.as_deref(), Some("score"));
    assert_eq!(note.rows, 2);
    assert!(
        note.message.contains("#N/A in row 4") && note.message.contains("#DIV/0! in row 6"),
        "{}",
        note.message
    );
}

#[test]
fn an_xlsx_reads_as_excel_shows_it() {
    assert_members_sheet(&read_raw(&xlsx()).unwrap(), TextEncoding::Xlsx);
}

#[test]
fn a_real_biff8_xls_reads_the_same() {
    assert_members_sheet(&read_raw(&xls()).unwrap(), TextEncoding::Xls);
}

#[test]
fn typing_a_sheet_keeps_zeros_and_names_the_spreadsheet_row() {
    let raw = read_raw(&xlsx()).unwrap();
    let df = apply_types(
        raw.clone(),
        &[
            ("zip".to_string(), ColumnType::Text),
            ("joined".to_string(), ColumnType::Date),
        ],
    )
    .unwrap();
    assert_eq!(df.column("joined").unwrap().dtype(), &DataType::Date);
    assert_eq!(df.column("events").unwrap().dtype(), &DataType::Int64);
    assert_eq!(
        df.column("zip").unwrap().str().unwrap().get(0),
        Some("02134")
    );
    let err = apply_types(raw, &[("first_name".to_string(), ColumnType::Integer)])
        .unwrap_err()
        .to_string();
    assert!(
        err.starts_with("row 1 (line 3), column `first_name`"),
        "{err}"
    );
}

#[test]
fn a_sheet_is_picked_by_name() {
    for bytes in [xlsx(), xls()] {
        assert_eq!(
            sheet_names(&bytes).unwrap(),
            ["Cover", "Members", "Event Signups"]
        );
        for name in ["Event Signups", "event signups"] {
            let raw = read_raw_sheet(&bytes, Some(name)).unwrap();
            assert_eq!(raw.report.sheet.as_deref(), Some("Event Signups"));
            assert_eq!(names(&raw), ["event_id", "event date", "attendees"]);
            assert_eq!(cell(&raw, "event_id", 1).as_deref(), Some("102"));
            assert_eq!(cell(&raw, "event date", 0).as_deref(), Some("2023-06-01"));
            assert_eq!(raw.row_lines, [2, 3]);
        }
    }
}

#[test]
fn an_unknown_or_empty_sheet_lists_the_sheets() {
    let err = read_raw_sheet(&xlsx(), Some("Member")).unwrap_err();
    let msg = err.to_string();
    assert!(
        msg.contains("no sheet `Member`")
            && msg.contains("did you mean `Members`")
            && msg.contains("Cover, Members, Event Signups"),
        "{msg}"
    );
    let msg = read_raw_sheet(&xlsx(), Some("Cover"))
        .unwrap_err()
        .to_string();
    assert!(
        msg.contains("sheet `Cover` is empty") && msg.contains("Event Signups"),
        "{msg}"
    );
}

#[test]
fn text_named_xls_is_still_text_and_has_no_sheets() {
    let path = fixture("data/van_utf16.xls");
    let raw = read_raw_file(&path).unwrap();
    assert_eq!(raw.report.encoding, TextEncoding::Utf16Le);
    assert_eq!(raw.report.delimiter, Some('\t'));
    assert_eq!(
        read_raw_file_sheet(&path, Some("Sheet1")).unwrap_err(),
        ImportError::NotAWorkbook("Sheet1".into())
    );
}

#[test]
fn web_pages_and_plain_zips_are_refused_with_what_to_do() {
    let html =
        b"<html><body><table><tr><td>VANID</td></tr><tr><td>1</td></tr></table></body></html>";
    let msg = read_raw(html).unwrap_err().to_string();
    assert!(msg.contains("web page") && msg.contains("CSV"), "{msg}");
    // A zip holding a CSV rather than a workbook: the same bytes as an .xlsx start with.
    let mut zip = xlsx();
    let cut = zip.len() / 3;
    zip.truncate(cut);
    let msg = read_raw(&zip).unwrap_err().to_string();
    assert!(msg.contains("ZIP archive"), "{msg}");
}

fn write_parquet(path: &Path) {
    let mut df = DataFrame::new(
        3,
        vec![
            Column::new("zip".into(), ["02134", "10001", "02134"]),
            Column::new("amount".into(), [25.0f64, 7.5, 100.0]),
        ],
    )
    .unwrap();
    let file = std::fs::File::create(path).unwrap();
    ParquetWriter::new(file).finish(&mut df).unwrap();
}

#[test]
fn huddle_inspect_reads_a_workbook() {
    let data = tempfile::tempdir().unwrap();
    let file = fixture("data/members.xlsx");
    let before = std::fs::read(&file).unwrap();
    let r = run(huddle(data.path()).arg("inspect").arg(&file));
    assert_eq!(r.code, 0, "{}", r.stderr);
    for needle in [
        "Excel workbook (.xlsx), sheet “Members”, 3 rows, 11 columns",
        "Sheets: Cover, Members, Event Signups (pick one with FILE#SHEET)",
        "#N/A in row 4",
        "`zip`: 1 value(s) have fewer than 5 digits",
    ] {
        assert!(r.stdout.contains(needle), "no {needle:?} in:\n{}", r.stdout);
    }
    assert_eq!(std::fs::read(&file).unwrap(), before, "never modified");

    let with_sheet = format!("{}#Event Signups", file.display());
    let r = run(huddle(data.path())
        .arg("inspect")
        .arg(&with_sheet)
        .args(["--format", "json"]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v["encoding"], "xlsx");
    assert_eq!(v["delimiter"], serde_json::Value::Null);
    assert_eq!(v["sheet"], "Event Signups");
    assert_eq!(v["sheets"].as_array().unwrap().len(), 3);
    assert_eq!(v["rows"], 2);

    let r = run(huddle(data.path())
        .arg("inspect")
        .arg(format!("{}#Events", file.display())));
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains("no sheet `Events`") && r.stderr.contains("Event Signups"),
        "{}",
        r.stderr
    );
}

#[test]
fn huddle_inspect_reads_parquet_and_a_real_xls() {
    let data = tempfile::tempdir().unwrap();
    let pq = data.path().join("gifts.parquet");
    write_parquet(&pq);
    let r = run(huddle(data.path()).arg("inspect").arg(&pq));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout
            .contains("gifts.parquet: Parquet, 3 rows, 2 columns"),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("02134"), "{}", r.stdout);
    let r = run(huddle(data.path())
        .arg("inspect")
        .arg(fixture("data/members_biff8.xls")));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout
            .contains("Excel 97-2003 workbook (.xls), sheet “Members”, 3 rows"),
        "{}",
        r.stdout
    );
}

#[test]
fn huddle_chart_counts_a_workbook_column() {
    let data = tempfile::tempdir().unwrap();
    let r = run(huddle(data.path())
        .arg("chart")
        .arg(fixture("data/members.xlsx"))
        .args(["--x", "active", "--width", "40"]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout.contains("true") && r.stdout.contains("false"),
        "{}",
        r.stdout
    );
}
