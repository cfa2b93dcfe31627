//! Import a generated 1M-row members CSV and run a GROUP BY through the sandboxed SQL.
//! Results are recorded in docs/benchmarks.md. Run: `cargo bench --bench import_query`.

use criterion::{Criterion, criterion_group, criterion_main};
use huddle::data::import::import_bytes;
use huddle::data::sql::Catalog;
use huddle::data::types::ColumnType;
use std::fmt::Write as _;
use std::hint::black_box;

const COUNTIES: &[&str] = &[
    "Essex",
    "Suffolk",
    "Middlesex",
    "Hampden",
    "Worcester",
    "Bristol",
    "essex",
    "ESSEX CO.",
];

/// A members file shaped like sample-data/members.csv, `n` rows.
pub fn members_csv(n: usize) -> Vec<u8> {
    let mut s = String::with_capacity(n * 80);
    s.push_str("member_id,first_name,last_name,email,phone,zip,county,joined\n");
    let mut x: u64 = 42;
    for i in 0..n {
        x = x
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let r = (x >> 33) as usize;
        let _ = writeln!(
            s,
            "M{i:07},Name{},Family{},person{i}@example.org,617{:07},0{:04},{},20{:02}-{:02}-{:02}",
            r % 97,
            r % 89,
            r % 10_000_000,
            r % 3000,
            COUNTIES[r % COUNTIES.len()],
            22 + r % 3,
            1 + r % 12,
            1 + r % 28
        );
    }
    s.into_bytes()
}

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
