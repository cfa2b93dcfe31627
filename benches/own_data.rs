//! A learner's own 1M-row export through the whole own-data path: read it (encoding,
//! delimiter, ragged-row scan), map its columns onto lesson 2's `members` table, pad the
//! ZIPs, and re-check the clean step's rules. Results are in docs/benchmarks.md.
//! Run: `cargo bench --bench own_data`.

use criterion::{Criterion, criterion_group, criterion_main};
use huddle::data::import::read_raw;
use huddle::data::mapping::{Wanted, apply, propose, wanted_columns};
use huddle::data::recipe::Op;
use huddle::data::sql::Catalog;
use huddle::lesson::course::bundled;
use huddle::lesson::load::load_str;
use huddle::lesson::model::{Lesson, Rule, StepBody};
use huddle::lesson::stage::stage_clean;
use std::hint::black_box;

#[path = "common/export_1m.rs"]
mod export_1m;

fn zeros_lesson() -> Lesson {
    let entry = bundled()
        .into_iter()
        .find(|e| e.display.contains("zeros"))
        .expect("the bundled course has the zeros lesson");
    load_str(&entry.display, &entry.text)
        .lesson
        .expect("the bundled lesson loads")
}

fn pad_rules(lesson: &Lesson) -> Vec<Rule> {
    lesson
        .steps
        .iter()
        .find_map(|s| match &s.body {
            StepBody::Clean {
                expect, solution, ..
            } if solution.iter().any(|op| matches!(op, Op::Pad { .. })) => Some(expect.clone()),
            _ => None,
        })
        .expect("lesson 2 has a pad step")
}

/// Read, map, pad, re-check: the rows that passed the rules afterwards.
fn whole_path(bytes: &[u8], wanted: &[Wanted], rules: &[Rule], pad: &[Op]) -> usize {
    let raw = read_raw(bytes).expect("bench export reads");
    let mapping = propose(wanted, &raw.df, None);
    let (members, _problems) = apply(raw, wanted, &mapping).expect("bench export maps");
    let mut cat = Catalog::new();
    cat.insert("members", members);
    let staged = stage_clean("members", rules, pad, &cat);
    assert!(staged.error.is_none(), "{:?}", staged.error);
    staged.rules.iter().filter(|r| r.pass).count()
}

fn bench(c: &mut Criterion) {
    let bytes = export_1m::export_cp1252(1_000_000);
    let on_disk = std::env::temp_dir().join("huddle-bench-export-1m.csv");
    if let Err(e) = std::fs::write(&on_disk, &bytes) {
        eprintln!("could not write {}: {e}", on_disk.display());
    }
    let lesson = zeros_lesson();
    let wanted = wanted_columns(&lesson, "members");
    let rules = pad_rules(&lesson);
    let pad = vec![Op::Pad {
        column: "zip".into(),
        width: 5,
        with: "0".into(),
    }];

    // The mapping must find every declared column, or the numbers mean nothing.
    let raw = read_raw(&bytes).expect("bench export reads");
    let mapping = propose(&wanted, &raw.df, None);
    for w in &wanted {
        assert!(
            mapping.file_column(&w.name).is_some(),
            "{} unmapped",
            w.name
        );
    }
    let passed = whole_path(&bytes, &wanted, &rules, &pad);
    assert_eq!(passed, rules.len(), "pad makes every rule pass");

    let mut g = c.benchmark_group("own_export_1m");
    g.sample_size(10);
    g.bench_function("read", |b| {
        b.iter(|| black_box(read_raw(&bytes).map(|r| r.df.height())))
    });
    g.bench_function("map", |b| {
        b.iter(|| {
            let mapping = propose(&wanted, &raw.df, None);
            black_box(apply(raw.clone(), &wanted, &mapping).map(|(df, _)| df.height()))
        })
    });
    let mapped = apply(raw.clone(), &wanted, &mapping).expect("maps").0;
    let mut cat = Catalog::new();
    cat.insert("members", mapped);
    g.bench_function("pad_and_recheck", |b| {
        b.iter(|| black_box(stage_clean("members", &rules, &pad, &cat).rules.len()))
    });
    g.bench_function("read_map_pad_recheck", |b| {
        b.iter(|| black_box(whole_path(&bytes, &wanted, &rules, &pad)))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
