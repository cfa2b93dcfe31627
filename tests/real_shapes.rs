//! The real-shapes corpus (`tests/fixtures/real-shapes/`, written by its `make.py`):
//! files shaped like the ones election offices, Excel, vote-tabulation systems and
//! vendors really hand out. Each test says what must be read from one file: where
//! the header is, how many rows, which lines were set aside, the types, and a
//! zero-padded value kept as written.

mod common;

use common::{fixture, huddle, run};
use huddle::data::import::{ImportReport, ReadOptions, apply_types, read_raw_file_opts};
use huddle::data::layout::HeaderChoice;
use huddle::data::load_progress::LoadProgress;
use huddle::data::sheets::parse_file_sheet;
use polars::prelude::*;

/// A corpus file read as `huddle inspect` reads it, typed.
struct Read {
    df: DataFrame,
    report: ImportReport,
}

fn read_with(name: &str, opts: ReadOptions) -> Read {
    let path = fixture(&format!("real-shapes/{name}"));
    let (path, sheet) = parse_file_sheet(path.to_str().unwrap());
    let raw = read_raw_file_opts(&path, sheet.as_deref(), &opts, &LoadProgress::new())
        .unwrap_or_else(|e| panic!("{name}: {e}"));
    let report = raw.report.clone();
    let df = apply_types(raw, &[]).unwrap_or_else(|e| panic!("{name}: {e}"));
    Read { df, report }
}

fn read(name: &str) -> Read {
    read_with(name, ReadOptions::default())
}

impl Read {
    fn names(&self) -> Vec<String> {
        self.df
            .get_column_names()
            .iter()
            .map(|s| s.to_string())
            .collect()
    }

    fn text(&self, column: &str, row: usize) -> String {
        let col = self.df.column(column).unwrap_or_else(|e| panic!("{e}"));
        col.str()
            .unwrap_or_else(|_| panic!("`{column}` is {:?}, not text", col.dtype()))
            .get(row)
            .unwrap_or_default()
            .to_string()
    }

    fn dtype(&self, column: &str) -> DataType {
        self.df.column(column).unwrap().dtype().clone()
    }

    fn set_aside(&self) -> Vec<u32> {
        self.report.quarantined.iter().map(|b| b.line).collect()
    }

    fn has_note(&self, kind: &str) -> bool {
        self.report.notes.iter().any(|n| n.kind == kind)
    }
}

// --- rows that cannot be read are set aside, with their lines ----------------

#[test]
fn two_rows_with_an_unquoted_comma_are_set_aside_below_a_title() {
    let r = read("ragged_extra_fields.csv");
    assert_eq!(r.report.header_line, Some(2));
    assert_eq!(r.df.height(), 38);
    assert_eq!(r.set_aside(), vec![12, 30]);
    assert_eq!(
        r.report.quarantined[0].text,
        "010,Mayor,CHAVEZ, ED,DEM,10,20,0,30,910"
    );
    assert_eq!(r.dtype("total"), DataType::Int64);
    assert_eq!(r.text("precinct", 0), "001");
    assert!(r.has_note("quarantined_rows") && r.has_note("title_rows_skipped"));
}

#[test]
fn a_short_row_is_set_aside_and_the_zips_keep_their_zeros() {
    let r = read("ragged_short_row.csv");
    assert_eq!((r.report.header_line, r.df.height()), (Some(1), 19));
    assert_eq!(r.set_aside(), vec![8]);
    assert_eq!(r.report.quarantined[0].text, "00007,Name7,02107");
    assert_eq!(r.text("zip", 0), "02101");
    assert_eq!(r.text("member_id", 6), "00008");
}

#[test]
fn a_row_with_one_trailing_empty_field_is_set_aside() {
    let r = read("ragged_trailing_empty.csv");
    assert_eq!((r.df.height(), r.set_aside()), (11, vec![6]));
    assert_eq!(r.dtype("id"), DataType::Int64);
    assert_eq!(r.text("zip", 0), "02101");
}

#[test]
fn a_72_column_pipe_file_with_one_short_row() {
    let r = read("pipe_72_columns_one_short.txt");
    assert_eq!(r.report.delimiter, Some('|'));
    assert_eq!((r.df.height(), r.df.width()), (14, 72));
    assert_eq!(r.set_aside(), vec![10]);
    assert_eq!(r.report.quarantined[0].fields, 40);
    assert_eq!(r.text("c01", 0), "0001");
}

#[test]
fn short_rows_after_blank_lines_are_set_aside_and_blank_lines_are_not_rows() {
    let r = read("ragged_after_blank_lines.csv");
    assert_eq!(r.df.height(), 3);
    assert_eq!(r.set_aside(), vec![5, 7, 9]);
    assert_eq!(r.df.column("ward").unwrap().null_count(), 0);
    assert_eq!(r.text("precinct", 2), "0003");
}

#[test]
fn strict_reading_refuses_a_file_with_rows_it_cannot_read() {
    let path = fixture("real-shapes/ragged_short_row.csv");
    let err = read_raw_file_opts(&path, None, &ReadOptions::strict(), &LoadProgress::new())
        .unwrap_err()
        .to_string();
    assert!(
        err.starts_with("line 8 has 3 fields but the header has 5"),
        "{err}"
    );
}

// --- the header is found -----------------------------------------------------

#[test]
fn two_title_lines_above_the_header_are_skipped_and_named() {
    let r = read("title_two_lines.csv");
    assert_eq!(r.report.header_line, Some(3));
    assert_eq!(r.names(), vec!["precinct", "candidate", "votes"]);
    assert_eq!(r.df.height(), 10);
    let skipped: Vec<u32> = r.report.skipped_above.iter().map(|s| s.line).collect();
    assert_eq!(skipped, vec![1, 2]);
    let note = r
        .report
        .notes
        .iter()
        .find(|n| n.kind == "title_rows_skipped")
        .unwrap();
    assert!(
        note.message.starts_with(
            "header found on line 3; lines 1–2 look like a title: 'Official Election Results'"
        ),
        "{}",
        note.message
    );
    assert_eq!(r.text("precinct", 0), "01");
    assert_eq!(r.dtype("votes"), DataType::Int64);
}

#[test]
fn blank_lines_and_a_title_above_the_header() {
    let r = read("blank_lines_and_title.csv");
    assert_eq!((r.report.header_line, r.df.height()), (Some(5), 6));
    assert_eq!(r.report.skipped_above[0].text, "Membership report");
    assert_eq!(r.text("member_id", 0), "0001");
}

#[test]
fn a_padded_title_and_footnotes_are_not_data() {
    let r = read("title_and_footnotes.csv");
    assert_eq!(r.report.header_line, Some(2));
    assert_eq!(
        r.names(),
        vec!["precinct", "registered", "ballots", "turnout"]
    );
    assert_eq!(r.df.height(), 8);
    assert!(r.set_aside().is_empty());
    let notes: Vec<u32> = r.report.footnotes.iter().map(|s| s.line).collect();
    assert_eq!(notes, vec![12, 13]);
    assert_eq!(r.report.footnotes[0].text, "* Unofficial until certified");
    assert_eq!(r.text("precinct", 7), "008");
}

#[test]
fn a_two_row_header_is_joined_into_one_name_per_column() {
    let r = read("two_row_header.csv");
    assert_eq!(r.report.header_rows, 2);
    assert_eq!(
        r.names(),
        vec![
            "Precinct",
            "Votes Early",
            "Votes Election Day",
            "Turnout Percent"
        ]
    );
    assert_eq!(r.df.height(), 6);
    assert_eq!(r.text("Precinct", 0), "01");
    assert_eq!(r.dtype("Votes Early"), DataType::Int64);
}

#[test]
fn a_three_row_header_is_joined_too() {
    let r = read("three_row_header.csv");
    assert_eq!(r.report.header_rows, 3);
    assert_eq!(r.names()[1], "General 2020 Votes Early");
    assert_eq!(r.df.height(), 5);
}

#[test]
fn the_header_row_can_be_given_instead_of_found() {
    let r = read_with(
        "two_row_header.csv",
        ReadOptions {
            header: HeaderChoice::Line(2),
            ..ReadOptions::default()
        },
    );
    assert_eq!(r.report.header_line, Some(2));
    assert_eq!(
        r.names(),
        vec!["Precinct", "Early", "Election Day", "Percent"]
    );
    assert_eq!(r.df.height(), 6);
    // A header row that makes most rows unreadable is refused, not half-read.
    let path = fixture("real-shapes/title_two_lines.csv");
    let opts = ReadOptions {
        header: HeaderChoice::Line(2),
        ..ReadOptions::default()
    };
    let err = read_raw_file_opts(&path, None, &opts, &LoadProgress::new()).unwrap_err();
    assert!(
        err.to_string()
            .starts_with("line 3 has 3 fields but the header has 2"),
        "{err}"
    );
}

#[test]
fn a_file_of_numbers_from_the_first_line_is_headerless() {
    let r = read("headerless_numbers.csv");
    assert_eq!(r.report.header_line, None);
    assert_eq!(r.names(), vec!["column_1", "column_2", "column_3"]);
    assert_eq!(r.df.height(), 6);
    assert_eq!(r.text("column_2", 0), "02101");
    assert!(r.has_note("headerless"));
}

// --- line endings and separators --------------------------------------------

#[test]
fn bare_cr_line_endings_with_a_cr_inside_quotes() {
    let r = read("bare_cr.csv");
    assert_eq!(r.df.height(), 12);
    assert_eq!(r.text("candidate", 3), "Smith,\nJo 4");
    assert_eq!(r.text("precinct", 11), "12");
    assert_eq!(r.dtype("votes"), DataType::Int64);
    assert!(r.has_note("bare_cr_line_endings"));
}

#[test]
fn mixed_line_endings_without_a_final_newline() {
    let r = read("mixed_line_endings.csv");
    assert_eq!(r.df.height(), 4);
    assert_eq!(r.text("zip", 3), "00501");
    assert_eq!(r.text("city", 2), "Providence");
}

#[test]
fn crlf_without_a_final_newline() {
    let r = read("crlf_no_final_newline.csv");
    assert_eq!(r.df.height(), 8);
    assert_eq!(r.text("County", 7), "Essex");
    assert_eq!(r.text("ZipOrPostal", 0), "02100");
}

#[test]
fn pipe_and_tab_separated_files() {
    let r = read("pipe_separated.txt");
    assert_eq!((r.report.delimiter, r.df.height()), (Some('|'), 6));
    assert_eq!(r.text("precinct", 0), "001");
    let r = read("tab_separated.tsv");
    assert_eq!((r.report.delimiter, r.df.height()), (Some('\t'), 6));
    assert_eq!(r.text("Zip5", 0), "02101");
}

#[test]
fn comma_space_without_a_header_keeps_a_quoted_comma_in_its_cell() {
    let r = read("comma_space_headerless.txt");
    assert_eq!(r.report.header_line, None);
    assert_eq!(r.df.height(), 8);
    assert_eq!(r.text("column_2", 2), "ED CHAVEZ, JR.");
    assert_eq!(r.text("column_2", 0), "ANN LEE");
    assert_eq!(r.text("column_3", 0), "0001");
    assert_eq!(r.dtype("column_4"), DataType::Int64);
}

// --- encodings and odd cells -------------------------------------------------

#[test]
fn utf16_latin1_and_bom_files() {
    let r = read("utf16_tab.txt");
    assert_eq!(r.text("Contact Name", 1), "Pérez, José");
    let r = read("latin1.csv");
    assert_eq!(
        (r.text("name", 0), r.text("note", 0)),
        ("José".into(), "© 2020".into())
    );
    let r = read("utf8_bom.csv");
    assert_eq!(r.names(), vec!["uuid", "email", "zip_code"]);
    assert_eq!(r.text("zip_code", 0), "02134");
}

#[test]
fn a_nul_byte_field_does_not_stop_the_file() {
    let r = read("nul_field.csv");
    assert_eq!(r.df.height(), 3);
    assert_eq!(r.text("zip", 2), "02136");
}

#[test]
fn district_and_mixed_codes_stay_text() {
    let r = read("district_codes.csv");
    assert_eq!(r.dtype("district"), DataType::String);
    assert_eq!(r.text("district", 0), "01-01");
    let r = read("mixed_codes.csv");
    assert_eq!(r.dtype("code"), DataType::String);
    assert_eq!(
        (r.text("code", 0), r.text("code", 1)),
        ("000010".into(), "00006B".into())
    );
}

// --- workbooks ---------------------------------------------------------------

#[test]
fn a_sheet_with_a_note_above_a_header_on_row_9() {
    let r = read("header_on_row_9.xlsx");
    assert_eq!(r.report.header_line, Some(9));
    assert_eq!(r.names(), vec!["member_id", "name", "zip"]);
    assert_eq!(r.df.height(), 6);
    assert_eq!(r.text("member_id", 0), "00001");
    assert_eq!(r.report.skipped_above[0].line, 3);
}

#[test]
fn a_table_that_starts_at_b4() {
    let r = read("table_at_b4.xlsx");
    assert_eq!(r.report.header_line, Some(4));
    assert_eq!(r.names(), vec!["member_id", "name", "zip"]);
    assert_eq!(r.text("zip", 5), "02106");
}

#[test]
fn hidden_sheets_are_not_opened_by_default_and_are_listed_as_hidden() {
    let r = read("hidden_sheets.xlsx");
    assert_eq!(r.report.sheet.as_deref(), Some("Members"));
    assert_eq!(r.text("member_id", 0), "00001");
    let ins = huddle::cmd::inspect::inspect(&fixture("real-shapes/hidden_sheets.xlsx")).unwrap();
    assert_eq!(ins.hidden_sheets, vec!["Secret", "Lookup"]);
    let text = huddle::cmd::inspect::text(&ins);
    assert!(
        text.contains("Sheets: Secret (hidden), Lookup (hidden), Members"),
        "{text}"
    );
    // Named, a hidden sheet is read.
    let r = read("hidden_sheets.xlsx#Lookup");
    assert_eq!(r.text("code", 0), "A");
}

#[test]
fn a_semicolon_file_with_decimal_commas_reads_its_numbers_as_numbers() {
    let r = read("semicolon_decimal_comma.csv");
    assert_eq!(r.report.delimiter, Some(';'));
    assert_eq!(r.dtype("opkomst"), DataType::Float64);
    let v = r.df.column("opkomst").unwrap().f64().unwrap().get(0);
    assert_eq!(v, Some(61.5));
    assert_eq!(r.dtype("stemmen"), DataType::Int64);
    assert_eq!(r.text("stembureau", 0), "001");
    assert!(r.has_note("decimal_commas"));
}

#[test]
fn a_chart_sheet_is_skipped() {
    let r = read("chart_sheet_first.xlsx");
    assert_eq!(r.report.sheet.as_deref(), Some("Data"));
    assert_eq!(r.df.height(), 2);
}

#[test]
fn the_1904_date_system_gives_the_dates_excel_shows() {
    let r = read("date_1904.xlsx");
    assert_eq!(r.text("signed_up", 0), "2023-03-04");
}

#[test]
fn merged_header_cells_name_every_column_under_them() {
    let r = read("merged_header.xlsx");
    assert_eq!(
        r.names(),
        vec![
            "Precinct",
            "Votes Early",
            "Votes Election Day",
            "Turnout Percent"
        ]
    );
    assert_eq!(r.text("Precinct", 0), "01");
    assert_eq!(r.df.height(), 5);
}

#[test]
fn a_workbook_without_dimension_or_cell_references() {
    let r = read("no_dimension_no_refs.xlsx");
    assert_eq!(r.df.height(), 2);
    assert_eq!(r.text("zip", 0), "02134");
}

#[test]
fn an_ods_sheet_with_a_title_row() {
    let r = read("members.ods");
    assert_eq!(r.report.header_line, Some(3));
    assert_eq!(r.names(), vec!["member_id", "zip", "events"]);
    assert_eq!(r.text("member_id", 0), "0001");
    assert_eq!(r.dtype("events"), DataType::Int64);
}

// --- problems found in the values ---------------------------------------------

#[test]
fn lost_zeros_among_zip_plus_4_and_dates_among_excel_day_numbers() {
    let ins =
        huddle::cmd::inspect::inspect(&fixture("real-shapes/zip_plus4_lost_zeros.csv")).unwrap();
    let lost = ins
        .problems
        .iter()
        .find(|p| p.kind == "lost_zeros")
        .unwrap();
    assert_eq!(lost.rows, 10);
    let ins =
        huddle::cmd::inspect::inspect(&fixture("real-shapes/mixed_dates_serials.csv")).unwrap();
    let mixed = ins
        .problems
        .iter()
        .find(|p| p.kind == "mixed_dates")
        .unwrap();
    assert!(
        mixed
            .message
            .contains("Excel day numbers (45000): 2 row(s)"),
        "{}",
        mixed.message
    );
}

#[test]
fn placeholders_for_blank_float_ids_and_subtotal_rows_are_reported() {
    let problems = |f: &str| {
        huddle::cmd::inspect::inspect(&fixture(&format!("real-shapes/{f}")))
            .unwrap()
            .problems
    };
    let p = problems("blank_markers.csv");
    let markers = p.iter().find(|p| p.kind == "blank_markers").unwrap();
    assert_eq!(
        (markers.column.as_deref(), markers.rows),
        (Some("party"), 2)
    );
    let phone = p
        .iter()
        .find(|p| p.column.as_deref() == Some("phone"))
        .unwrap();
    assert_eq!((phone.kind, phone.rows), ("blank_markers", 2));
    let p = problems("zip_as_float.csv");
    let floats = p.iter().find(|p| p.kind == "float_ids").unwrap();
    assert_eq!((floats.column.as_deref(), floats.rows), (Some("Zip"), 6));
    assert!(
        floats.message.contains("`replace` op"),
        "{}",
        floats.message
    );
    let p = problems("subtotals.csv");
    let totals = p.iter().find(|p| p.kind == "subtotal_rows").unwrap();
    assert_eq!(totals.rows, 3);
    assert_eq!(totals.examples, vec!["Total", "(empty)", "County Total"]);
}

#[test]
fn a_number_column_with_placeholders_for_blank_reads_as_numbers() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("votes.csv");
    std::fs::write(&path, "precinct,votes\n001,12\n002,-\n003,N/A\n004,7\n").unwrap();
    let raw =
        read_raw_file_opts(&path, None, &ReadOptions::default(), &LoadProgress::new()).unwrap();
    let df = apply_types(raw, &[]).unwrap();
    assert_eq!(df.column("votes").unwrap().dtype(), &DataType::Int64);
    assert_eq!(df.column("votes").unwrap().null_count(), 2);
}

// --- every file: a reading or a clear refusal, never a panic -------------------

#[test]
fn inspect_reads_every_file_or_says_plainly_why_not() {
    let dir = fixture("real-shapes");
    let data = tempfile::tempdir().unwrap();
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e != "py"))
        .collect();
    files.sort();
    assert!(files.len() >= 30, "the corpus has {} files", files.len());
    let refused = ["empty.csv", "header_only.csv", "web_page.xls"];
    for file in files {
        let name = file.file_name().unwrap().to_str().unwrap().to_string();
        let ran = run(huddle(data.path()).arg("inspect").arg(&file));
        let all = format!("{}{}", ran.stdout, ran.stderr);
        assert!(!all.contains("panicked"), "{name}: {all}");
        for internal in ["Schema", "polars", "truncate_ragged_lines", "ignore_errors"] {
            assert!(!all.contains(internal), "{name} shows {internal:?}: {all}");
        }
        if refused.contains(&name.as_str()) {
            assert_eq!(ran.code, 1, "{name}: {all}");
            assert!(
                ran.stderr.contains(&name),
                "{name}: the refusal names the file: {all}"
            );
        } else {
            assert_eq!(ran.code, 0, "{name}: {all}");
        }
    }
}

// --- numbers written for people ------------------------------------------------

#[test]
fn quoted_thousands_and_percents_read_as_numbers() {
    let r = read("quoted_thousands_percent.csv");
    assert_eq!(r.dtype("votes"), DataType::Int64);
    let votes = r.df.column("votes").unwrap().i64().unwrap();
    assert_eq!((votes.get(0), votes.get(1)), (Some(1201), Some(902)));
    assert_eq!(r.dtype("share"), DataType::Float64);
    let share = r.df.column("share").unwrap().f64().unwrap();
    assert_eq!((share.get(0), share.get(1)), (Some(41.2), Some(42.0)));
    assert_eq!(r.text("precinct", 0), "001");
    assert!(r.has_note("thousands_separators"));
    assert!(r.has_note("percent_values"));
}

#[test]
fn millions_and_whole_percents_read_while_zips_and_district_codes_stay_text() {
    let r = read("thousands_percent_codes.csv");
    let reg = r.df.column("registered").unwrap();
    assert_eq!(reg.dtype(), &DataType::Int64);
    assert_eq!(reg.i64().unwrap().get(0), Some(12_400_301));
    assert_eq!(reg.i64().unwrap().get(2), Some(1_000_000));
    let turnout = r.df.column("turnout").unwrap().f64().unwrap();
    assert_eq!(turnout.get(0), Some(7.0));
    assert_eq!(turnout.get(1), Some(45.2));
    assert_eq!(turnout.get(2), None, "`-` is a blank");
    assert_eq!(turnout.get(3), Some(100.0));
    assert_eq!(r.text("zip", 3), "00501");
    assert_eq!(r.text("district", 0), "01-01");
    let ins =
        huddle::cmd::inspect::inspect(&fixture("real-shapes/thousands_percent_codes.csv")).unwrap();
    let text = huddle::cmd::inspect::text(&ins);
    assert!(
        text.contains("`turnout` holds percents: 7% was read as the number 7 (percent points"),
        "{text}"
    );
    assert!(
        text.contains("`registered` holds numbers written with thousands separators: 12,400,301 was read as the number 12400301"),
        "{text}"
    );
}

// --- refusals in Spanish -------------------------------------------------------

#[test]
fn refusals_are_in_spanish_and_name_the_line_and_what_to_do() {
    let _es = huddle::i18n::override_thread(huddle::i18n::Lang::Es);
    let path = fixture("real-shapes/ragged_short_row.csv");
    let err = read_raw_file_opts(&path, None, &ReadOptions::strict(), &LoadProgress::new())
        .unwrap_err()
        .to_string();
    assert!(
        err.starts_with("la línea 8 tiene 3 campos pero el encabezado tiene 5"),
        "{err}"
    );
    assert!(err.contains("pon ese valor entre comillas"), "{err}");
    let path = fixture("real-shapes/header_only.csv");
    let err = read_raw_file_opts(&path, None, &ReadOptions::default(), &LoadProgress::new())
        .unwrap_err()
        .to_string();
    assert!(
        err.starts_with("el archivo tiene una fila de encabezado (")
            && err.contains("expórtalo de nuevo"),
        "{err}"
    );
    let path = fixture("real-shapes/district_codes.csv");
    let err = read_raw_file_opts(
        &path,
        Some("Hoja1"),
        &ReadOptions::default(),
        &LoadProgress::new(),
    )
    .unwrap_err()
    .to_string();
    assert!(err.contains("quita `#Hoja1` para leerlo"), "{err}");
}
