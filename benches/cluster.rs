//! Cluster & merge over 100,000 distinct invented place names (county/city-like, with
//! planted variants: case, trailing space, dropped or swapped letter, ` Co.`). Target: well
//! under 2 s per run for nearest neighbour at radius 2. Run: `cargo bench --bench cluster`.

use criterion::{Criterion, criterion_group, criterion_main};
use huddle::data::cluster::{Method, clusters, merge_map};
use std::hint::black_box;

#[path = "common/places.rs"]
mod places;

fn bench(c: &mut Criterion) {
    let counts = places::place_counts(100_000);
    let mut g = c.benchmark_group("cluster_100k_distinct");
    g.sample_size(10);
    for (name, method) in [
        ("fingerprint", Method::Fingerprint),
        ("nearest_radius_1", Method::Nearest { radius: 1 }),
        ("nearest_radius_2", Method::Nearest { radius: 2 }),
    ] {
        g.bench_function(name, |b| {
            b.iter(|| black_box(clusters(black_box(&counts), method).len()))
        });
    }
    let found = clusters(&counts, Method::Nearest { radius: 1 });
    g.bench_function("merge_map_all_radius_1", |b| {
        b.iter(|| black_box(merge_map(found.iter()).len()))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
