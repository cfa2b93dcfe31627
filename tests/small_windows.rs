//! Small windows: on a query step the result gets the room before old feedback,
//! so at 70×20 the table of the last run is there to read.

mod common;

use common::player::Player;
use ratatui::crossterm::event::{KeyCode, KeyModifiers};

/// The frozen lesson's query step after a wrong check (feedback with details) and a
/// run of the starter query.
fn query_with_feedback_then_run() -> Player {
    let mut p = Player::new();
    p.open(1).next(5);
    p.mods(KeyCode::Char('s'), KeyModifiers::CONTROL);
    p.key(KeyCode::Char('h')).key(KeyCode::Char('h'));
    p.key(KeyCode::F(5));
    p
}

#[test]
fn at_70x20_the_query_result_shows_rows_before_old_feedback() {
    let mut p = query_with_feedback_then_run();
    let s = p.screen(70, 20);
    insta::assert_snapshot!("query_result_70x20", s);
    // The result box shows at least two numbered rows of the result.
    let rows = s
        .lines()
        .filter(|l| {
            l.trim_start_matches('"')
                .strip_prefix('│')
                .is_some_and(|r| r.starts_with(|c: char| c.is_ascii_digit()))
        })
        .count();
    assert!(rows >= 2, "the result shows rows:\n{s}");
    assert!(s.contains("Not yet"), "the verdict is still there:\n{s}");
    insta::assert_snapshot!("query_result_120x40", p.screen(120, 40));
}
