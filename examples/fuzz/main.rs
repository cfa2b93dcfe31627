//! `cargo run --release --example fuzz -- [TARGET...] [--iterations N] [--seed S]
//! [--crashes DIR] [--slow-ms MS]`: mutation-fuzz the lesson loader, the recipe
//! loader, CSV and workbook import, and the SQL guard plus engine (see harness.rs).
//! Targets: lesson, recipe, csv, xlsx, sql (default: all). Findings are saved in the
//! crash folder (default `target/fuzz-crashes`) and listed; the exit code is 1 when
//! any input panicked. Run it under a memory cap, e.g. `ulimit -v 4000000`.

mod harness;

use harness::{Target, fuzz, load_corpus, quiet_panics};
use std::path::PathBuf;
use std::time::{Duration, Instant};

fn main() {
    let mut targets = Vec::new();
    let mut iterations: u64 = 10_000;
    let mut seed: u64 = 1;
    let mut crashes = PathBuf::from("target/fuzz-crashes");
    let mut slow_ms: u64 = 2_000;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut value = |name: &str| {
            args.next()
                .unwrap_or_else(|| panic!("{name} needs a value"))
        };
        match a.as_str() {
            "--iterations" => iterations = value("--iterations").parse().expect("a number"),
            "--seed" => seed = value("--seed").parse().expect("a number"),
            "--crashes" => crashes = PathBuf::from(value("--crashes")),
            "--slow-ms" => slow_ms = value("--slow-ms").parse().expect("a number"),
            name => match Target::from_name(name) {
                Some(t) => targets.push(t),
                None => {
                    eprintln!("unknown target {name}; targets: lesson recipe csv xlsx sql");
                    std::process::exit(2);
                }
            },
        }
    }
    if targets.is_empty() {
        targets = Target::ALL.to_vec();
    }
    quiet_panics();
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/fuzz");
    let mut found = false;
    for target in targets {
        let corpus = load_corpus(&root.join(target.name()));
        let started = Instant::now();
        let report = fuzz(
            target,
            &corpus,
            iterations,
            seed,
            &crashes,
            Duration::from_millis(slow_ms),
        );
        println!(
            "{}: {} inputs from {} seeds in {:.1} s, {} panic(s), {} slow",
            target.name(),
            report.iterations,
            corpus.len(),
            started.elapsed().as_secs_f64(),
            report.panics.len(),
            report.slow.len()
        );
        for (path, msg) in &report.panics {
            found = true;
            println!(
                "  panic: {} — {}",
                path.display(),
                msg.lines().next().unwrap_or("")
            );
        }
        for (path, took) in &report.slow {
            println!("  slow ({:.1} s): {}", took.as_secs_f64(), path.display());
        }
    }
    std::process::exit(i32::from(found));
}
