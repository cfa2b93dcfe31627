//! 501 beginner queries in the styles of the well-known SQL courses, over the
//! bundled sample tables, with answers computed by DuckDB (scripts/sql-oracle/).
//!
//! Every query must give DuckDB's answer or a clear "huddle does not support this
//! yet" message; no wrong answer; every query DuckDB refuses is refused here too.

mod common;

use common::slt::run_file;
use huddle::lesson::course;
use huddle::lesson::load::load_str;
use huddle::lesson::validate::load_tables;
use huddle::sql::Catalog;
use std::path::Path;

/// The six sample tables, each as the lesson that declares most of its columns reads it.
fn sample_catalog() -> Catalog {
    let mut best: Vec<(String, polars::prelude::DataFrame)> = Vec::new();
    for entry in course::bundled() {
        let lesson = load_str(&entry.display, &entry.text)
            .lesson
            .expect("bundled lessons load");
        let data = load_tables(&entry, &lesson).expect("sample data loads");
        for name in data.names() {
            let df = data.get(name).expect("registered").clone();
            match best.iter_mut().find(|(n, _)| n == name) {
                Some((_, old)) if old.width() < df.width() => *old = df,
                Some(_) => {}
                None => best.push((name.to_string(), df)),
            }
        }
    }
    let mut c = Catalog::new();
    for (n, df) in best {
        c.insert(n, df);
    }
    c
}

#[test]
fn beginner_queries_give_duckdbs_answers() {
    let catalog = sample_catalog();
    let mut names = catalog.names();
    names.sort();
    assert_eq!(
        names,
        [
            "attendance",
            "counties",
            "events",
            "members",
            "one_on_ones",
            "turnout"
        ]
    );
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/sql-corpus/beginner.test");
    let text = std::fs::read_to_string(path).expect("fixture present");
    let tally = common::slt::run_file_on(&text, "huddle", catalog);
    eprintln!(
        "beginner corpus: {} of {} as DuckDB; {} wrong, {} errors, {} accepted that DuckDB refuses",
        tally.passed + tally.refused_ok,
        tally.total(),
        tally.wrong.len(),
        tally.errors.len(),
        tally.accepted_wrongly.len()
    );
    for w in &tally.wrong {
        eprintln!("WRONG: {w}");
    }
    for w in &tally.accepted_wrongly {
        eprintln!("ACCEPTED: {w}");
    }
    for e in &tally.errors {
        eprintln!("ERROR: {e}");
    }
    assert!(tally.total() >= 300, "the corpus has too few queries");
    assert!(
        tally.wrong.is_empty(),
        "{} wrong answers",
        tally.wrong.len()
    );
    assert!(
        tally.accepted_wrongly.is_empty(),
        "{} invalid queries accepted",
        tally.accepted_wrongly.len()
    );
    let unclear: Vec<&String> = tally
        .errors
        .iter()
        .filter(|e| !e.contains("does not support") && !e.contains("there is no function"))
        .collect();
    assert!(
        unclear.is_empty(),
        "{} queries failed without a clear message",
        unclear.len()
    );
    let _ = run_file;
}
