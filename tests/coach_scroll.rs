//! The coach panel scrolls: on a step with long notes, solution and mistakes the
//! panel says there is more, and `J`/`K` bring the rest into view.

mod common;

use common::player::Player;
use huddle::lesson::course;
use ratatui::crossterm::event::KeyCode;

/// Bundled lesson 06, step 5, in coach mode (with its long SQL mistakes).
fn lesson_06_step_5() -> Player {
    let mut p = Player::on(course::bundled()).coach();
    p.open(7);
    p.key(KeyCode::Char('g')).chars("5").key(KeyCode::Enter);
    let s = p.app.session.as_ref().unwrap();
    assert_eq!(s.step().title, "Members per 1,000 residents");
    p
}

/// The last mistake's feedback, as the panel shows its first words.
fn last_feedback(p: &Player) -> String {
    let s = p.app.session.as_ref().unwrap();
    let m = s.step().mistakes.last().expect("the step has mistakes");
    m.feedback
        .split_whitespace()
        .take(3)
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn the_coach_panel_scrolls_to_the_last_mistake() {
    let mut p = lesson_06_step_5();
    let last = last_feedback(&p);
    let before = p.screen(120, 36);
    assert!(!before.contains(&last), "cut off at first:\n{before}");
    assert!(
        before.contains("more ↓"),
        "the panel says there is more:\n{before}"
    );
    for _ in 0..40 {
        p.key(KeyCode::Char('J'));
    }
    let after = p.screen(120, 36);
    assert!(after.contains(&last), "J scrolls to the end:\n{after}");
    assert!(!after.contains("more ↓"), "nothing more below:\n{after}");
    // The answer box took none of it, and K scrolls back to the top.
    assert!(p.app.session.as_ref().unwrap().unsaved().is_empty());
    for _ in 0..40 {
        p.key(KeyCode::Char('K'));
    }
    assert!(p.screen(120, 36).contains("more ↓"));
    // Another step starts at its top.
    p.key(KeyCode::Char('J'))
        .key(KeyCode::Char('n'))
        .key(KeyCode::Char('p'));
    assert!(p.screen(120, 36).contains("more ↓"));
}

#[test]
fn the_help_lists_the_coach_panel_scroll_keys() {
    let mut p = lesson_06_step_5();
    p.key(KeyCode::Char('?'));
    let help = p.screen(120, 40);
    assert!(help.contains("J / K"), "{help}");
}
