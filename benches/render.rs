//! Frame render time of the player with a 1M-row table loaded: the table step and
//! the chart step (members per county), drawn at 120×40 the way the app draws
//! them. Target < 16 ms per frame. Run: `cargo bench --bench render`.

use criterion::{Criterion, criterion_group, criterion_main};
use huddle::lesson::course;
use huddle::progress::store::Store;
use huddle::tui::app::App;
use huddle::tui::theme::{Theme, ThemeName};
use huddle::tui::views;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use std::hint::black_box;
use std::time::Duration;

#[path = "common/members.rs"]
mod members;

const LESSON: &str = r#"
format = 1
[lesson]
id = "big"
title = "A million members"
[tables.members]
file = "members.csv"
[tables.members.columns]
member_id = { type = "text" }
zip = { type = "text" }
joined = { type = "date" }
[[steps]]
kind = "table"
title = "All of them"
text = "Every row."
table = "members"
[[steps]]
kind = "chart"
title = "Members per county"
text = "Each bar is a county."
sql = "SELECT county, COUNT(*) AS members FROM members GROUP BY county ORDER BY members DESC"
chart = { type = "bar", x = "county", y = "members" }
"#;

fn key(app: &mut App, code: KeyCode) {
    app.handle(Event::Key(KeyEvent::new(code, KeyModifiers::NONE)));
    app.settle(Duration::from_secs(600));
}

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("big.toml"), LESSON).expect("lesson written");
    std::fs::write(
        dir.path().join("members.csv"),
        members::members_csv(1_000_000),
    )
    .expect("data written");
    let (entries, errors) = course::from_paths(&[dir.path().to_path_buf()]);
    assert!(errors.is_empty(), "{errors:?}");
    let store = Store::new(Some(dir.path().join("data")));
    let mut app = App::new(entries.clone(), store, Theme::new(ThemeName::Dark, false));
    app.open(entries[0].clone()).expect("lesson opens");
    app.settle(Duration::from_secs(600));
    let mut term = Terminal::new(TestBackend::new(120, 40)).expect("terminal");

    let mut g = c.benchmark_group("frame_1m_rows_120x40");
    g.bench_function("table_step", |b| {
        b.iter(|| {
            // Scroll a page each frame so the rows drawn change, as they do for a learner.
            key(&mut app, KeyCode::PageDown);
            black_box(term.draw(|f| views::draw(&mut app, f)).map(|_| ()))
        })
    });
    key(&mut app, KeyCode::Char('n'));
    g.bench_function("chart_step", |b| {
        b.iter(|| black_box(term.draw(|f| views::draw(&mut app, f)).map(|_| ())))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
