//! `huddle report`: a learner's run of a lesson as one web page. The page must be
//! well-formed (every chart an SVG that parses), hold the charts, the learner's
//! reflection and recipe, no member row unless asked, and nothing personal under
//! `--mask`.

mod common;

use common::{huddle, run};
use std::path::Path;

const LESSON: &str = "put-back-the-zeros";
/// The learner's reflection, naming the sample's second member (a name and an
/// email that are in the data, so `--mask` knows them).
fn reflection() -> String {
    let m = member(2);
    format!("Ask {} ({}) why the ZIPs lost zeros", m[0], m[1])
}

/// A progress record: the clean step done with a `pad` recipe, the reflection kept.
fn progress(data: &Path) {
    let dir = data.join("progress");
    std::fs::create_dir_all(&dir).unwrap();
    let mut steps: Vec<serde_json::Value> = (0..9)
        .map(|_| serde_json::json!({ "status": "done" }))
        .collect();
    steps[4] = serde_json::json!({
        "status": "done",
        "recipe": [{ "op": "pad", "column": "zip", "width": 5, "with": "0" }],
    });
    steps[8] = serde_json::json!({ "status": "done", "reflection": reflection() });
    let record = serde_json::json!({
        "format": 1,
        "lesson": LESSON,
        "current": 8,
        "steps": steps,
        "finished": true,
    });
    std::fs::write(dir.join(format!("{LESSON}.json")), record.to_string()).unwrap();
}

/// Write the report, with `global` flags before the command and `flags` after it;
/// returns the page.
fn report(data: &Path, lesson: &str, global: &[&str], flags: &[&str]) -> String {
    let out = data.join("report.html");
    let _ = std::fs::remove_file(&out);
    let ran = run(huddle(data)
        .args(global)
        .args(["report", lesson])
        .args(flags)
        .arg("--out")
        .arg(&out));
    assert_eq!(ran.code, 0, "{}", ran.stderr);
    assert!(ran.stdout.contains("wrote"), "{}", ran.stdout);
    std::fs::read_to_string(&out).unwrap()
}

/// The page parsed as XML (it is written as well-formed XHTML-compatible HTML),
/// with its text and the number of inline charts.
fn parse(page: &str) -> (String, usize) {
    let body = page.trim_start_matches("<!DOCTYPE html>");
    let doc = roxmltree::Document::parse(body).unwrap_or_else(|e| panic!("{e}\n{page}"));
    let svgs = doc
        .descendants()
        .filter(|n| n.tag_name().name() == "svg")
        .count();
    let text: Vec<&str> = doc
        .descendants()
        .filter(|n| n.is_text())
        .filter(|n| {
            !n.ancestors()
                .any(|a| matches!(a.tag_name().name(), "svg" | "style"))
        })
        .filter_map(|n| n.text())
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .collect();
    (text.join("\n"), svgs)
}

/// The first name, email and phone of the sample's member on data row `n`.
fn member(n: usize) -> Vec<String> {
    let csv = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-data/members.csv"),
    )
    .unwrap();
    let row: Vec<&str> = csv.lines().nth(n).unwrap().split(',').collect();
    let m = vec![
        row[1].trim().to_string(),
        row[3].to_string(),
        row[4].to_string(),
    ];
    assert!(m.iter().all(|v| v.len() > 3), "{m:?}");
    m
}

fn sample_personal() -> Vec<String> {
    member(1)
}

#[test]
fn the_page_holds_the_charts_the_reflection_and_the_recipe_and_no_member_row() {
    let data = tempfile::tempdir().unwrap();
    progress(data.path());
    let page = report(data.path(), LESSON, &[], &[]);
    let (text, svgs) = parse(&page);
    // The lesson's chart step and the query step's chart are not both charts: the
    // chart step is drawn, as an SVG with its labels as text.
    assert_eq!(svgs, 1, "{page}");
    assert!(page.contains("How long are the ZIP codes?"), "{text}");
    assert!(text.contains("Put back the zeros"), "{text}");
    assert!(text.contains(&reflection()), "{text}");
    // The recipe in the three languages.
    for lang in ["SQL (DuckDB)", "Python (pandas)", "R (dplyr)"] {
        assert!(text.contains(lang), "{lang} missing: {text}");
    }
    assert!(text.contains("str_pad") || text.contains("zfill"), "{text}");
    // No member row: no name, email or phone of the sample data.
    for v in sample_personal() {
        assert!(!page.contains(&v), "{v} is in the page");
    }
    assert!(!page.contains("<script"), "the page runs no script");
    for load in ["src=", "href=", "url("] {
        assert!(!page.contains(load), "the page loads nothing: {load}");
    }
    insta::assert_snapshot!(
        "report_text",
        text.replace(&huddle_date(), "DATE")
            .replace(env!("CARGO_PKG_VERSION"), "VERSION")
    );
}

fn huddle_date() -> String {
    let ran = std::process::Command::new("date")
        .args(["-u", "+%Y-%m-%d"])
        .output()
        .unwrap();
    String::from_utf8_lossy(&ran.stdout).trim().to_string()
}

#[test]
fn rows_only_when_asked_and_masked_under_mask() {
    let data = tempfile::tempdir().unwrap();
    progress(data.path());
    // Meet your data shows the members table itself.
    let page = report(data.path(), "meet-your-data", &[], &[]);
    assert!(!page.contains("<table>"), "rows without --include-rows");
    let with_rows = report(data.path(), "meet-your-data", &[], &["--include-rows"]);
    let (text, _) = parse(&with_rows);
    assert!(text.contains("first_name"), "{text}");
    assert!(text.contains("The first 50 of 2,050 rows"), "{text}");
    // The sample's first member is in the rows, so the masked pages below can fail.
    for v in sample_personal() {
        assert!(with_rows.contains(&v), "{v} not in the rows: {text}");
    }
    let masked = report(data.path(), LESSON, &["--mask"], &[]);
    let masked_rows = report(
        data.path(),
        "meet-your-data",
        &["--mask"],
        &["--include-rows"],
    );
    parse(&masked_rows);
    for page in [&masked, &masked_rows] {
        for v in sample_personal() {
            assert!(!page.contains(&v), "{v} is in the masked page");
        }
        for v in member(2) {
            assert!(!page.contains(&v), "{v} is in the masked page");
        }
        assert!(page.contains("Personal values are masked"));
    }
    // The reflection is still there, with the personal parts hidden.
    assert!(masked.contains("why the ZIPs lost zeros"), "{masked}");
}

#[test]
fn an_existing_page_is_kept_and_a_wrong_name_or_table_is_refused() {
    let data = tempfile::tempdir().unwrap();
    let out = data.path().join("report.html");
    std::fs::write(&out, "mine").unwrap();
    let ran = run(huddle(data.path())
        .args(["report", LESSON, "--out"])
        .arg(&out));
    assert_ne!(ran.code, 0);
    assert!(ran.stderr.contains("--force"), "{}", ran.stderr);
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "mine");
    let ran = run(huddle(data.path())
        .args(["report", LESSON, "--out"])
        .arg(data.path().join("report.pdf")));
    assert_eq!(ran.code, 2, "{}", ran.stderr);
    assert!(ran.stderr.contains("report.html"), "{}", ran.stderr);
    let ran = run(huddle(data.path())
        .args(["report", LESSON, "--data", "membrs=x.csv", "--out"])
        .arg(data.path().join("r.html")));
    assert_eq!(ran.code, 2, "{}", ran.stderr);
    assert!(ran.stderr.contains("`members`"), "{}", ran.stderr);
    // Without a progress record the page is still made: the charts, every step not started.
    let ran = run(huddle(data.path())
        .args(["report", LESSON, "--out"])
        .arg(data.path().join("fresh.html")));
    assert_eq!(ran.code, 0, "{}", ran.stderr);
    let page = std::fs::read_to_string(data.path().join("fresh.html")).unwrap();
    assert!(page.contains("not started"), "{page}");
    assert_eq!(parse(&page).1, 1);
}
