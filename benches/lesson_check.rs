//! `huddle check` on long lessons: load and check a lesson of 250, 500 and 1,000 steps
//! (the most a lesson may have), each step a warning (no text, no hints), so the time
//! per step shows whether anything is quadratic. Run: `cargo bench --bench lesson_check`.

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use huddle::lesson::course::{CourseRoot, LessonEntry, Location};
use huddle::lesson::validate::check_entries;
use std::hint::black_box;

fn lesson(steps: usize) -> LessonEntry {
    let mut text = String::from(
        "format = 1\n[lesson]\nid = \"long\"\ntitle = \"Long\"\nsummary = \"s\"\nminutes = 5\nlevel = \"beginner\"\n",
    );
    for i in 0..steps {
        text.push_str(&format!(
            "\n[[steps]]\nid = \"s{i}\"\nkind = \"choice\"\ntitle = \"Step {i}\"\nquestion = \"q\"\nchoices = [\"a\", \"b\"]\nanswer = \"a\"\n"
        ));
    }
    LessonEntry {
        display: "long.toml".into(),
        location: Location::Disk("long.toml".into()),
        root: CourseRoot::Disk(".".into()),
        text,
    }
}

fn bench(c: &mut Criterion) {
    let mut g = c.benchmark_group("check_long_lesson");
    g.sample_size(10);
    for steps in [250, 500, 1_000] {
        let entry = lesson(steps);
        g.bench_with_input(BenchmarkId::from_parameter(steps), &entry, |b, e| {
            b.iter(|| black_box(check_entries(std::slice::from_ref(e))))
        });
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
