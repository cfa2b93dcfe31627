//! The one-pass survey against the table read whole: the same report, whatever
//! the file and however small the pieces it is read in.

use super::*;
use std::path::PathBuf;

/// The report (or the error) as JSON, by the survey with pieces of `piece` bytes.
fn surveyed(path: &Path, opts: &ReadOptions, piece: usize) -> Option<Result<String, String>> {
    match inspect_surveyed(path, path, opts, piece) {
        Ok(Some(ins)) => Some(Ok(serde_json::to_string_pretty(&ins).unwrap())),
        Ok(None) => None,
        Err(e) => Some(Err(e)),
    }
}

/// The report (or the error) as JSON, from the table read whole.
fn whole(path: &Path, opts: &ReadOptions) -> Result<String, String> {
    inspect_whole(path, path, None, opts, false).map(|i| serde_json::to_string_pretty(&i).unwrap())
}

pub(crate) fn text_files(dir: &str) -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&root)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.extension()
                .is_some_and(|e| ["csv", "tsv", "txt", "xls"].contains(&e.to_str().unwrap()))
        })
        .collect();
    files.sort();
    files
}

/// Every text file in the test fixtures and the sample data: real export shapes,
/// peers' CSV cases and fuzz finds.
pub(crate) fn fixture_text_files() -> Vec<PathBuf> {
    [
        "tests/fixtures/real-shapes",
        "tests/fixtures/data",
        "tests/fixtures/fuzz/csv",
        "sample-data",
    ]
    .iter()
    .flat_map(|dir| text_files(dir))
    .collect()
}

/// Compare the survey with the whole read on `path`, at several piece sizes.
fn same_report(path: &Path, opts: &ReadOptions) -> usize {
    let want = whole(path, opts);
    let mut compared = 0;
    for piece in [PIECE, 4096, 97] {
        let Some(got) = surveyed(path, opts, piece) else {
            return 0;
        };
        assert_eq!(
            got,
            want,
            "{} read in pieces of {piece} bytes",
            path.display()
        );
        compared += 1;
    }
    compared
}

#[test]
fn the_survey_reports_every_real_file_shape_as_the_whole_read_does() {
    let mut compared = 0;
    for path in fixture_text_files() {
        compared += same_report(&path, &ReadOptions::default());
    }
    assert!(compared > 100, "only {compared} reports compared");
}

#[test]
fn strict_reads_and_chosen_header_rows_survey_as_the_whole_read_does() {
    let strict = ReadOptions {
        strict: true,
        ..ReadOptions::default()
    };
    let header_row = ReadOptions {
        header: crate::data::layout::HeaderChoice::Line(2),
        ..ReadOptions::default()
    };
    let headerless = ReadOptions {
        header: crate::data::layout::HeaderChoice::None,
        ..ReadOptions::default()
    };
    let mut compared = 0;
    for path in text_files("tests/fixtures/real-shapes") {
        for opts in [&strict, &header_row, &headerless] {
            compared += same_report(&path, opts);
        }
    }
    assert!(compared > 50, "only {compared} reports compared");
}

/// A member list of `rows` rows with every problem inspect knows planted in it,
/// most values repeated, as in a real export.
pub(crate) fn planted_member_list(rows: usize, delimiter: char) -> String {
    let d = delimiter;
    let mut out = format!(
        "Member export{d}{d}{d}{d}{d}{d}{d}{d}{d}{d}\nid{d}zip{d}van_id{d}joined{d}email{d}county{d}party{d}donation{d}share{d}precinct{d}\n"
    );
    let counties = ["Essex", "essex ", "ESSEX", "Suffolk", "Norfolk", "N/A", ""];
    for i in 0..rows {
        let zip = if i % 7 == 0 {
            format!("{}", 2100 + i % 40)
        } else {
            format!("0{}", 2100 + i % 40)
        };
        let van = if i % 11 == 0 {
            "1.23457E+11".to_string()
        } else {
            format!("{}", 100_000 + i)
        };
        let joined = match i % 5 {
            0 => format!("{}/{}/2023", 1 + i % 12, 1 + i % 28),
            1 => "45000".to_string(),
            _ => format!("2023-{:02}-{:02}", 1 + i % 12, 1 + i % 28),
        };
        let email = format!("m{}@example.org", i % (rows / 2).max(1));
        let county = counties[i % counties.len()];
        let party = ["DEM", "REP", "-", "NULL", "UNA"][i % 5];
        let donation = if d == ';' {
            format!("{},{}", i % 90, i % 10)
        } else {
            format!("\"{},{:03}\"", 1 + i % 9, i % 1000)
        };
        let share = format!("{}%", i % 100);
        let precinct = format!("{}.0", 10 + i % 30);
        let id = if i % 97 == 0 && i > 0 {
            "County Total".to_string()
        } else {
            format!("{}", i + 1)
        };
        out.push_str(&format!(
            "{id}{d}{zip}{d}{van}{d}{joined}{d}{email}{d}{county}{d}{party}{d}{donation}{d}{share}{d}{precinct}{d}\n"
        ));
        if i % 501 == 0 {
            out.push_str(&format!("{}{d}short row\n", i + 1));
        }
    }
    out.push_str("Source: the county board of elections\n");
    out
}

#[test]
fn a_member_list_with_every_problem_surveys_as_the_whole_read_does() {
    let dir = tempfile::tempdir().unwrap();
    for d in [',', ';', '\t'] {
        let path = dir.path().join(format!("members_{}.csv", d as u32));
        std::fs::write(&path, planted_member_list(3_000, d)).unwrap();
        assert_eq!(same_report(&path, &ReadOptions::default()), 3);
        let report = whole(&path, &ReadOptions::default()).unwrap();
        for kind in [
            "lost_zeros",
            "scientific_ids",
            "mixed_dates",
            "duplicate_people",
            "variants",
            "blank_markers",
            "float_ids",
            "subtotal_rows",
            "quarantined_rows",
            "title_rows_skipped",
            "footnotes_skipped",
        ] {
            assert!(
                report.contains(kind),
                "{kind} not found with {d:?}: {report}"
            );
        }
    }
}

#[test]
fn past_its_memory_budget_the_survey_says_which_columns_it_kept_part_of() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("members.csv");
    std::fs::write(&path, planted_member_list(20_000, ',')).unwrap();
    let progress = LoadProgress::new();
    let opts = ReadOptions::default();
    let survey = survey_with(&path, &opts, &progress, 4096, 64 << 10)
        .unwrap()
        .unwrap();
    assert!(survey.over_budget);
    let ins = counted::describe(path.display().to_string(), survey);
    let full = inspect_with(&path, &opts).unwrap();
    assert_eq!(ins.rows, full.rows);
    let unkept: Vec<&Problem> = ins
        .problems
        .iter()
        .filter(|p| p.kind == "values_not_kept")
        .collect();
    let id = unkept
        .iter()
        .find(|p| p.column.as_deref() == Some("id"))
        .expect("the id column's values were not all kept");
    assert!(
        id.message.contains("inspect keeps in memory"),
        "{}",
        id.message
    );
    let ids = |i: &Inspection| i.column_info[0].distinct;
    assert!(ids(&ins) < ids(&full), "{} vs {}", ids(&ins), ids(&full));
    // A column of few values is whole.
    let party = |i: &Inspection| {
        i.column_info
            .iter()
            .find(|c| c.name == "party")
            .map(|c| (c.distinct, c.nulls))
    };
    assert_eq!(party(&ins), party(&full));
}

#[test]
fn on_a_narrow_terminal_the_table_of_columns_is_cut_and_the_problems_are_whole() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("members.csv");
    std::fs::write(&path, planted_member_list(500, ',')).unwrap();
    let ins = inspect_with(&path, &ReadOptions::default()).unwrap();
    let fitted = text_fitted(&ins, Some(50));
    let (table, problems) = fitted.split_once("Problems found").unwrap();
    let rows: Vec<&str> = table.lines().skip(2).filter(|l| !l.is_empty()).collect();
    assert_eq!(rows.len(), ins.columns + 1, "{table}");
    for line in &rows {
        assert!(crate::text::display_width(line) <= 50, "{line:?}");
    }
    assert!(rows.iter().any(|l| l.ends_with('…')), "{table}");
    // The sentences below the table are left for the terminal to wrap.
    let whole = text(&ins);
    assert!(whole.ends_with(problems), "{problems}");
    assert!(problems.lines().any(|l| crate::text::display_width(l) > 50));
}
