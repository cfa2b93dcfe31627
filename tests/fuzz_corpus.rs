//! A short run of the fuzz harness (examples/fuzz) in `cargo test`: every seed of
//! every target's corpus (tests/fixtures/fuzz/<target>/), then a few hundred mutated
//! inputs each, must load or fail with an error, never panic. Long runs and what
//! they found: docs/reliability.md.

#[path = "../examples/fuzz/harness.rs"]
mod harness;

use harness::{Target, fuzz, load_corpus, quiet_panics};
use std::path::Path;
use std::time::Duration;

/// Mutated inputs per target: a few thousand in all, seconds in a debug build.
const ITERATIONS: u64 = 400;

#[test]
fn no_seed_and_no_mutation_of_one_panics() {
    quiet_panics();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/fuzz");
    let crashes = tempfile::tempdir().unwrap();
    let mut found = Vec::new();
    for target in Target::ALL {
        let corpus = load_corpus(&root.join(target.name()));
        assert!(!corpus.is_empty(), "{} has seeds", target.name());
        let report = fuzz(
            target,
            &corpus,
            corpus.len() as u64 + ITERATIONS,
            7,
            crashes.path(),
            Duration::from_secs(3600),
        );
        assert_eq!(report.iterations, corpus.len() as u64 + ITERATIONS);
        found.extend(report.panics);
    }
    let _ = std::panic::take_hook();
    assert!(found.is_empty(), "inputs that panic: {found:#?}");
}
