//! Import a generated 1M-row members CSV and run a GROUP BY through the sandboxed SQL.
//! Results are recorded in docs/benchmarks.md. Run: `cargo bench --bench import_query`.

use criterion::{Criterion, criterion_group, criterion_main};
use huddle::data::import::import_bytes;
use huddle::data::sql::Catalog;
use huddle::data::types::ColumnType;
use std::hint::black_box;

#[path = "common/members.rs"]
mod members;
use members::members_csv;

fn bench(c: &mut Criterion) {
    let bytes = members_csv(1_000_000);
    // Leave the file on disk so other tools (pandas, xan) can be timed on the same bytes.
    let on_disk = std::env::temp_dir().join("huddle-bench-members-1m.csv");
    if let Err(e) = std::fs::write(&on_disk, &bytes) {
        eprintln!("could not write {}: {e}", on_disk.display());
    }
    let declared = vec![
        ("member_id".to_string(), ColumnType::Text),
        ("zip".to_string(), ColumnType::Text),
        ("joined".to_string(), ColumnType::Date),
    ];
    let sql =
        "SELECT county, COUNT(*) AS members FROM members GROUP BY county ORDER BY members DESC";
    let mut g = c.benchmark_group("members_1m");
    g.sample_size(10);
    g.bench_function("import", |b| {
        b.iter(|| black_box(import_bytes(&bytes, &declared).map(|(df, _)| df.height())))
    });
    g.bench_function("import_and_group_by", |b| {
        b.iter(|| {
            let (df, _) = import_bytes(&bytes, &declared).expect("bench data imports");
            let mut cat = Catalog::new();
            cat.insert("members", df);
            black_box(cat.query(sql).map(|r| r.height()))
        })
    });
    let (df, _) = import_bytes(&bytes, &declared).expect("bench data imports");
    let mut cat = Catalog::new();
    cat.insert("members", df);
    g.bench_function("group_by_only", |b| {
        b.iter(|| black_box(cat.query(sql).map(|r| r.height())))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
