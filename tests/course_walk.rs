//! Every bundled lesson walked from its first step to "You finished" in the real
//! player (on ratatui's TestBackend), answering each exercise the way a learner
//! would: typing the right answer, picking the right choice, and, for queries and
//! clean steps, failing three times and then using the solution the lesson gives.

mod common;

use common::player::Player;

use huddle::check::answer::{expected_value, same_answer};
use huddle::lesson::course;
use huddle::lesson::load::load_str;
use huddle::lesson::model::{Lesson, StepBody};
use huddle::lesson::stage::stage;
use huddle::lesson::validate::load_tables;
use ratatui::crossterm::event::{KeyCode, KeyModifiers};

/// Walk lesson `n` (0-based, in picker order), asserting each exercise passes.
fn walk(n: usize, lesson: &Lesson, entry: &course::LessonEntry) {
    let data = load_tables(entry, lesson).expect("the lesson's sample data loads");
    let id = &lesson.meta.id;
    let mut p = Player::on(course::bundled());
    for _ in 0..n {
        p.key(KeyCode::Down);
    }
    p.key(KeyCode::Enter);
    for (i, step) in lesson.steps.iter().enumerate() {
        let at = format!("{id} step {} ({})", i + 1, step.title);
        let screen = p.screen(120, 40);
        assert!(
            screen.contains(&format!("step {} of {}", i + 1, lesson.steps.len())),
            "{at}: not on this step:\n{screen}"
        );
        match &step.body {
            StepBody::Answer { answer, .. } => {
                let value = expected_value(answer, &data).expect("answer computes");
                // Enter goes into the box; arriving never does.
                p.key(KeyCode::Enter).chars(&value).key(KeyCode::Enter);
            }
            StepBody::Choice { answer, .. } => {
                let value = expected_value(answer, &data).expect("answer computes");
                let choices = stage(step, &data).choices;
                let k = choices
                    .iter()
                    .position(|c| same_answer(c, &value, 0.0))
                    .expect("the answer is a choice");
                assert!(k < 9, "{at}: choice {k} has no number key");
                p.key(KeyCode::Char(char::from(b'1' + k as u8)))
                    .key(KeyCode::Enter);
            }
            StepBody::Query { .. } => {
                for _ in 0..3 {
                    p.mods(KeyCode::Char('s'), KeyModifiers::CONTROL);
                }
                p.key(KeyCode::Esc).key(KeyCode::Char('s'));
                p.mods(KeyCode::Char('s'), KeyModifiers::CONTROL);
            }
            StepBody::Clean { .. } => {
                for _ in 0..3 {
                    p.key(KeyCode::Enter);
                }
                p.key(KeyCode::Char('s')).key(KeyCode::Enter);
            }
            StepBody::Reflect { .. } => {
                p.key(KeyCode::Enter)
                    .chars("We should call the people we have not met yet.")
                    .key(KeyCode::Enter);
            }
            _ => {}
        }
        let screen = p.screen(120, 40);
        if step.kind().is_exercise() {
            assert!(screen.contains("✓ Correct"), "{at}: not passed:\n{screen}");
        }
        assert!(!screen.contains("query failed"), "{at}:\n{screen}");
        p.key(KeyCode::Esc).key(KeyCode::Char('n'));
    }
    let screen = p.screen(120, 40);
    assert!(
        screen.contains("You finished"),
        "{id}: no end screen:\n{screen}"
    );
}

#[test]
fn every_bundled_lesson_can_be_walked_to_the_end_with_its_solutions() {
    let entries = course::bundled();
    assert!(!entries.is_empty());
    for (n, entry) in entries.iter().enumerate() {
        let lesson = load_str(&entry.display, &entry.text)
            .lesson
            .expect("bundled lessons load");
        walk(n, &lesson, entry);
    }
}
