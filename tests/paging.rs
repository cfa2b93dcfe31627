//! Moving between steps never types: paging a whole lesson with `p` and `n` leaves
//! every answer box, SQL editor and reflection as it was, on every kind of step,
//! in the bundled course and the frozen one, in English and Spanish.

mod common;

use common::player::Player;
use huddle::lesson::course;
use ratatui::crossterm::event::KeyCode;

/// Page lesson `n` (1-based in the picker) forward to its last step and back to its
/// first, asserting after every key that no box holds typed text.
fn page_through(p: &mut Player, n: usize) {
    p.open(n);
    let steps = p.app.session.as_ref().unwrap().lesson.steps.len();
    let id = p.app.session.as_ref().unwrap().lesson.meta.id.clone();
    for (key, times) in [('n', steps - 1), ('p', steps - 1)] {
        for _ in 0..times {
            p.key(KeyCode::Char(key));
            let s = p.app.session.as_ref().unwrap();
            let typed = s.unsaved();
            assert!(
                typed.is_empty(),
                "{id}: `{key}` typed into step(s) {typed:?} at step {}",
                s.index() + 1
            );
        }
    }
    let s = p.app.session.as_ref().unwrap();
    assert_eq!(s.index(), 0, "{id}: p went back to the first step");
    p.key(KeyCode::Char('q'));
}

#[test]
fn paging_every_bundled_lesson_types_nothing() {
    let lessons = course::bundled().len();
    for n in 1..=lessons {
        page_through(&mut Player::on(course::bundled()), n);
    }
}

#[test]
fn paging_the_frozen_lessons_in_spanish_types_nothing() {
    for n in 1..=2 {
        page_through(&mut Player::spanish(), n);
    }
}
