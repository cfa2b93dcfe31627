//! SQLite's sqllogictest `select1`–`select5` (test data, public domain: see
//! tests/fixtures/sqllogictest/NOTICE) through huddle's guard and engine.
//!
//! select1 and select2 run in `cargo test`; select3–select5 take about a quarter of an
//! hour in a debug build and run by hand with `cargo test --test sqllogictest --
//! --ignored`. The target is 95% of each file's queries giving SQLite's answer.

mod common;

use common::slt::{Tally, run_file};
use std::path::Path;

fn run(name: &str) -> Tally {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/sqllogictest")
        .join(format!("{name}.test"));
    let text = std::fs::read_to_string(&path).expect("fixture present");
    let tally = run_file(&text, "sqlite");
    eprintln!(
        "{name}: {} of {} as SQLite ({:.1}%): {} wrong, {} errors, {} skipped",
        tally.passed + tally.refused_ok,
        tally.total(),
        100.0 * tally.rate(),
        tally.wrong.len(),
        tally.errors.len(),
        tally.skipped
    );
    for w in tally.wrong.iter().take(5) {
        eprintln!("WRONG: {w}");
    }
    for e in tally.errors.iter().take(5) {
        eprintln!("ERROR: {e}");
    }
    tally
}

fn assert_target(name: &str) {
    let tally = run(name);
    assert!(
        tally.total() > 100,
        "{name}: the runner read too few queries"
    );
    assert!(
        tally.rate() >= 0.95,
        "{name}: {:.1}% match SQLite, below the 95% target",
        100.0 * tally.rate()
    );
}

#[test]
fn select1_matches_sqlite() {
    assert_target("select1");
}

#[test]
fn select2_matches_sqlite() {
    assert_target("select2");
}

#[test]
#[ignore = "slow: run in CI with --ignored"]
fn select3_matches_sqlite() {
    assert_target("select3");
}

#[test]
#[ignore = "slow: run in CI with --ignored"]
fn select4_matches_sqlite() {
    assert_target("select4");
}

#[test]
#[ignore = "slow: run in CI with --ignored"]
fn select5_matches_sqlite() {
    assert_target("select5");
}
