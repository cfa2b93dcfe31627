//! The coach's cohort table and the learner's export review, drawn on TestBackend
//! and compared with reviewed snapshots.

mod common;
use common::cohort::write_folder;
use huddle::progress::cohort::read_dir;
use huddle::progress::export::parse;
use huddle::tui::cohort::CohortScreen;
use huddle::tui::review::Review;
use huddle::tui::theme::Theme;
use huddle::tui::views;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn cohort_screen(screen: &CohortScreen, w: u16, h: u16) -> String {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| views::cohort::draw(screen, &Theme::plain(), f))
        .unwrap();
    t.backend().to_string()
}

#[test]
fn cohort_table_shows_who_finished_what_and_where_help_was_needed() {
    let dir = tempfile::tempdir().unwrap();
    write_folder(dir.path());
    let c = read_dir(dir.path()).unwrap();
    let mut screen = CohortScreen::new(c, "exports/");
    screen.key(KeyEvent::new(KeyCode::Down, KeyModifiers::NONE));
    for (w, h) in [(80, 24), (120, 40)] {
        insta::assert_snapshot!(format!("cohort_{w}x{h}"), cohort_screen(&screen, w, h));
    }
}

#[test]
fn export_review_flags_a_reflection_with_an_email() {
    let e = parse(
        r#"{"huddle_progress_export": 1, "name": "Ana", "date": "2025-03-04", "lessons": [
        {"id": "who-are-our-people", "title": "Who are our people?", "finished": true, "steps": [
          {"step": 7, "title": "What it means for organizing", "kind": "reflect", "status": "done",
           "tries": 0, "hints": 0, "seconds": 60,
           "reflection": "Most sign-ups are in two counties.\nAsk jo@example.org for the turf maps."},
          {"step": 8, "title": "Next steps", "kind": "reflect", "status": "done",
           "tries": 0, "hints": 0, "seconds": 60, "reflection": "Clean the ZIPs first."}]}]}"#,
    )
    .unwrap();
    let mut r = Review::new(&e, "for-coach.json");
    r.key(KeyEvent::new(KeyCode::Down, KeyModifiers::NONE));
    r.key(KeyEvent::new(KeyCode::Char('d'), KeyModifiers::NONE));
    r.key(KeyEvent::new(KeyCode::Up, KeyModifiers::NONE));
    let mut t = Terminal::new(TestBackend::new(80, 24)).unwrap();
    t.draw(|f| views::review::draw(&mut r, &Theme::plain(), f))
        .unwrap();
    insta::assert_snapshot!("export_review_80x24", t.backend().to_string());
}
