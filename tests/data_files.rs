//! Broken and messy data files. Broken ones: `huddle check` on a lesson that uses them
//! exits 1, points at the lesson's `file =` line, and names the data row/line and the
//! fix. Messy ones: they import with the right encoding, delimiter and text intact.
//! No file is ever modified.

mod common;
use common::*;
use huddle::data::decode::TextEncoding;
use huddle::data::import::import_bytes;
use huddle::data::types::ColumnType;
use polars::prelude::*;

/// A one-table lesson over a copy of the fixture, with `columns` declared.
fn check_with(data: &str, columns: &str) -> (Ran, std::path::PathBuf, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let src = fixture(&format!("data/{data}"));
    let before = std::fs::read(&src).unwrap();
    std::fs::copy(&src, dir.path().join(data)).unwrap();
    let lesson = dir.path().join("lesson.toml");
    std::fs::write(
        &lesson,
        format!(
            "format = 1\n\n[lesson]\nid = \"data\"\ntitle = \"Data\"\n\n[tables.t]\nfile = \"{data}\"\n\n[tables.t.columns]\n{columns}\n\n[[steps]]\nkind = \"table\"\ntitle = \"Look\"\ntext = \"Look.\"\ntable = \"t\"\n"
        ),
    )
    .unwrap();
    let r = run(huddle(dir.path()).arg("check").arg(&lesson));
    assert_eq!(std::fs::read(&src).unwrap(), before, "{data} was modified");
    assert_eq!(
        std::fs::read(dir.path().join(data)).unwrap(),
        before,
        "{data} copy was modified"
    );
    (r, lesson, dir)
}

fn broken_data(data: &str, columns: &str, expect: &[&str]) {
    let (r, lesson, _dir) = check_with(data, columns);
    let all = format!("{}{}", r.stdout, r.stderr);
    assert_eq!(r.code, 1, "{data}:\n{all}");
    assert!(!all.contains("panicked"), "{data}:\n{all}");
    // At the table's `file = …` line, or at a column's declaration with that line
    // named as context.
    let line = line_of(&lesson, "file = ");
    assert!(
        r.stdout.contains(&format!("{}:{line}:", lesson.display()))
            || (r.stdout.contains(&format!("{}:", lesson.display()))
                && r.stdout.contains(&format!("is on line {line})"))),
        "{data}: no position:\n{all}"
    );
    for e in expect {
        assert!(r.stdout.contains(e), "{data}: expected {e:?} in:\n{all}");
    }
}

const ID_ZIP_COUNTY: &str =
    "member_id = { type = \"text\" }\nzip = { type = \"text\" }\ncounty = { type = \"text\" }";

#[test]
fn an_empty_file_says_so() {
    broken_data(
        "empty.csv",
        ID_ZIP_COUNTY,
        &["empty.csv: the file is empty", "export the data again"],
    );
}

#[test]
fn a_header_without_rows_says_so() {
    broken_data(
        "header_only.csv",
        ID_ZIP_COUNTY,
        &["header row (member_id, zip, county) but no data rows"],
    );
}

#[test]
fn a_row_with_too_many_fields_names_its_line() {
    broken_data(
        "too_many_fields.csv",
        ID_ZIP_COUNTY,
        &[
            "line 4 has 4 fields but the header has 3",
            "quote that value",
        ],
    );
}

#[test]
fn a_row_with_too_few_fields_names_its_line() {
    broken_data(
        "too_few_fields.csv",
        ID_ZIP_COUNTY,
        &["line 3 has 2 fields but the header has 3"],
    );
}

#[test]
fn a_date_that_does_not_parse_names_row_line_and_column() {
    let cols = format!("{ID_ZIP_COUNTY}\njoined = {{ type = \"date\" }}");
    broken_data(
        "bad_date.csv",
        &cols,
        &["row 3 (line 4), column `joined`: \"next tuesday\" is not a date such as 2023-03-04"],
    );
}

#[test]
fn a_number_with_a_misplaced_comma_is_reported_not_nulled() {
    // `"1,204"` now reads as 1204 (real_shapes.rs); `"1,20"` is no thousands grouping.
    let cols = format!("{ID_ZIP_COUNTY}\nevents = {{ type = \"integer\" }}");
    broken_data(
        "bad_integer.csv",
        &cols,
        &["row 2 (line 3), column `events`: \"1,20\" is not a whole number"],
    );
}

#[test]
fn a_missing_declared_column_gets_a_close_name() {
    broken_data(
        "missing_column.csv",
        ID_ZIP_COUNTY,
        &["has no column `zip`", "did you mean `zip_code`?"],
    );
}

#[test]
fn messy_files_check_clean_when_declared_as_they_are() {
    let (r, _, _d) = check_with(
        "actblue_cp1252.csv",
        "\"Donor ZIP\" = { type = \"text\" }\nRecurring = { type = \"boolean\" }",
    );
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    let (r, _, _d) = check_with(
        "van_utf16.xls",
        "VanID = { type = \"text\" }\n\"Date Canvassed\" = { type = \"date\" }",
    );
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
}

fn read(
    name: &str,
    declared: &[(&str, ColumnType)],
) -> (DataFrame, huddle::data::import::ImportReport) {
    let bytes = std::fs::read(fixture(&format!("data/{name}"))).unwrap();
    let decl: Vec<(String, ColumnType)> =
        declared.iter().map(|(n, t)| (n.to_string(), *t)).collect();
    import_bytes(&bytes, &decl).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn text(df: &DataFrame, col: &str) -> Vec<Option<String>> {
    df.column(col)
        .unwrap()
        .str()
        .unwrap()
        .iter()
        .map(|v| v.map(str::to_string))
        .collect()
}

#[test]
fn semicolon_files_keep_quoted_semicolons_and_short_zips() {
    let (df, rep) = read("semicolons.csv", &[]);
    assert_eq!(rep.delimiter, Some(';'));
    assert_eq!(text(&df, "county")[1].as_deref(), Some("Suffolk; Boston"));
    assert_eq!(
        text(&df, "zip"),
        vec![Some("02134".into()), Some("1001".into())]
    );
}

#[test]
fn actblue_cp1252_names_repeated_headers_and_zero_zips_survive() {
    let (df, rep) = read("actblue_cp1252.csv", &[("Recurring", ColumnType::Boolean)]);
    assert_eq!(rep.encoding, TextEncoding::Windows1252);
    assert_eq!(
        text(&df, "Donor First Name")[..2],
        [Some("José".into()), Some("Zoë".into())]
    );
    assert_eq!(text(&df, "Donor ZIP")[0].as_deref(), Some("02906"));
    assert!(df.column("Reserved_2").is_ok(), "repeated header renamed");
    assert!(
        rep.renamed
            .iter()
            .any(|r| r.original == "Reserved" && r.name == "Reserved_2")
    );
    assert_eq!(
        df.column("Recurring").unwrap().bool().unwrap().get(0),
        Some(true)
    );
}

#[test]
fn van_xls_that_is_utf16_text_reads_as_tab_separated() {
    let (df, rep) = read("van_utf16.xls", &[("Date Canvassed", ColumnType::Date)]);
    assert_eq!(rep.encoding, TextEncoding::Utf16Le);
    assert_eq!(rep.delimiter, Some('\t'));
    assert_eq!(text(&df, "ContactName")[0].as_deref(), Some("García, Ana"));
    assert_eq!(
        text(&df, "Result")[1].as_deref(),
        Some("Not Home"),
        "no stray \\r"
    );
    assert_eq!(
        df.column("Date Canvassed").unwrap().dtype(),
        &DataType::Date
    );
}

#[test]
fn action_network_bom_and_padded_headers_are_cleaned() {
    let (df, rep) = read("action_network_bom.csv", &[("uuid", ColumnType::Text)]);
    assert_eq!(rep.encoding, TextEncoding::Utf8Bom);
    assert!(
        df.column("email").is_ok(),
        "trailing space trimmed from header"
    );
    assert!(
        rep.renamed
            .iter()
            .any(|r| r.original == "email " && r.name == "email")
    );
    assert_eq!(text(&df, "zip_code")[0].as_deref(), Some("02134-1111"));
    assert_eq!(
        text(&df, "can2_user_tags")[0].as_deref(),
        Some("Volunteer, Phonebank")
    );
}

#[test]
fn excel_damage_is_kept_as_text_for_cleaning() {
    let (df, _) = read("excel_damaged.csv", &[]);
    assert_eq!(
        text(&df, "precinct"),
        vec![Some("01".into()), Some("1".into())]
    );
    assert_eq!(text(&df, "id")[0].as_deref(), Some("1.2345E+09"));
    assert_eq!(text(&df, "phone")[0].as_deref(), Some("(831) 401-6718"));
    assert_eq!(
        text(&df, "zip"),
        vec![Some("2134".into()), Some("02134".into())]
    );
}

#[test]
fn a_stopped_load_gives_up_with_a_plain_message_and_no_table() {
    use huddle::data::import::{ImportError, read_raw_file_with};
    use huddle::data::load_progress::LoadProgress;
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("list.csv");
    std::fs::write(&csv, "member_id,zip\n001,02134\n002,02135\n").unwrap();
    let progress = LoadProgress::new();
    assert!(read_raw_file_with(&csv, None, &progress).is_ok());
    let stopped = LoadProgress::new();
    stopped.cancel();
    let err = read_raw_file_with(&csv, None, &stopped).unwrap_err();
    assert_eq!(err, ImportError::Stopped);
    assert!(err.to_string().contains("stopped"), "{err}");
    assert_eq!(
        std::fs::read_to_string(&csv).unwrap(),
        "member_id,zip\n001,02134\n002,02135\n"
    );
}
