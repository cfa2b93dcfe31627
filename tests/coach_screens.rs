//! Coach mode and `--watch` as a coach sees them: the coach panel (notes, solution,
//! mistakes, timer) beside the step at 120×40 and under it at 80×24, hidden with `C`;
//! the go-to-step list; and a lesson file edited on disk while it runs.

mod common;

use common::player::{Player, snap};

use huddle::lesson::course;
use huddle::progress::StepStatus;
use huddle::tui::watch::Watch;
use ratatui::crossterm::event::KeyCode;
use std::path::Path;
use std::time::Duration;

#[test]
fn the_coach_panel_shows_notes_answer_and_mistakes_and_hides_with_c() {
    let mut p = Player::new().coach();
    // Lesson 1, step 4: a choice whose answer is computed from the data.
    p.key(KeyCode::Enter).key(KeyCode::Char('g')).chars("4");
    p.key(KeyCode::Enter);
    snap!(p, "coach_choice");
    let big = p.screen(120, 40);
    for want in [
        "Coach · 12:34",
        "= Middlesex",
        "the right choice is 3 of 4",
        "Mistakes",
        "Suffolk has the big city",
        "C hide",
    ] {
        assert!(big.contains(want), "{want:?} missing:\n{big}");
    }
    let small = p.screen(80, 24);
    assert!(
        small.contains("Coach · 12:34") && small.contains("= Middlesex"),
        "{small}"
    );

    // `C` hides the panel (the coach shares their own screen); the step takes the room.
    p.key(KeyCode::Esc).key(KeyCode::Char('C'));
    snap!(p, "coach_hidden");
    let hidden = p.screen(120, 40);
    assert!(
        !hidden.contains("Coach")
            && !hidden.contains("Middlesex =")
            && !hidden.contains("= Middlesex"),
        "{hidden}"
    );
    assert!(hidden.contains("C show coach"), "{hidden}");
    p.key(KeyCode::Char('C'));
    assert!(p.screen(120, 40).contains("= Middlesex"));

    // `T` starts the timer again.
    p.key(KeyCode::Char('T'));
    assert!(p.app.coach.as_ref().unwrap().elapsed() < Duration::from_secs(5));
}

#[test]
fn the_panel_shows_coach_notes_and_a_clean_steps_solution_ops() {
    let mut p = Player::new().coach();
    p.key(KeyCode::Down).key(KeyCode::Enter);
    p.key(KeyCode::Char('g')).chars("4").key(KeyCode::Enter);
    snap!(p, "coach_clean");
    let s = p.screen(120, 40);
    assert!(
        s.contains("Solution ops")
            && s.contains("op = \"pad\"")
            && s.contains("Point out that the member count"),
        "{s}"
    );
}

#[test]
fn go_to_jumps_by_number_or_from_the_list_and_marks_nothing_done() {
    let mut p = Player::new().coach();
    p.key(KeyCode::Enter).key(KeyCode::Char('g'));
    let list = p.screen(120, 40);
    assert!(
        list.contains("Go to step") && list.contains("7 not seen") && list.contains("reflect"),
        "{list}"
    );
    insta::assert_snapshot!("coach_goto_120x40", list);

    p.chars("5").key(KeyCode::Enter);
    assert!(p.screen(120, 40).contains("step 5 of 7"));
    // Jumping over steps 1 to 4 (and away from 5) closes none of them.
    p.key(KeyCode::Char('g'))
        .key(KeyCode::Up)
        .key(KeyCode::Up)
        .key(KeyCode::Enter);
    assert!(p.screen(120, 40).contains("step 3 of 7"));
    let st = p.statuses();
    assert!(
        st.iter()
            .all(|s| !s.is_closed() && *s != StepStatus::Skipped),
        "{st:?}"
    );
    assert_eq!(p.app.session.as_ref().unwrap().index(), 2);

    // A number that is not a step says so and stays open.
    p.key(KeyCode::Esc).key(KeyCode::Char('g')).chars("9");
    p.key(KeyCode::Enter);
    let s = p.screen(120, 40);
    assert!(s.contains("There is no step 9 (1 to 7)."), "{s}");
    p.key(KeyCode::Esc);
    assert!(p.screen(120, 40).contains("step 3 of 7"));
}

#[test]
fn coach_keys_do_nothing_without_coach_mode() {
    let mut p = Player::new().coach();
    p.app.coach = None;
    p.key(KeyCode::Enter).key(KeyCode::Char('g')).chars("5");
    let s = p.screen(120, 40);
    assert!(
        s.contains("step 1 of 7") && !s.contains("Go to step") && !s.contains("Coach"),
        "{s}"
    );
}

#[test]
fn v_finds_variants_on_a_table_and_switches_a_chart() {
    let mut p = Player::new().coach();
    p.key(KeyCode::Down).key(KeyCode::Enter);
    p.key(KeyCode::Char('g')).chars("5").key(KeyCode::Enter);
    // Lesson 2, step 5 cleans counties: `v` on the county column finds the variants.
    let s = p.screen(120, 40);
    assert!(s.contains("v variants"), "{s}");
    for _ in 0..8 {
        if p.screen(120, 40).contains("county ▲") {
            break;
        }
        p.key(KeyCode::Char(']'));
    }
    p.key(KeyCode::Char('v'));
    let s = p.screen(120, 40);
    assert!(
        s.contains("Looking for variants") || s.contains("same letters and words"),
        "{s}"
    );

    // On a chart step, `v` switches to the result table.
    let mut p = Player::new().coach();
    p.key(KeyCode::Enter).key(KeyCode::Char('g')).chars("5");
    p.key(KeyCode::Enter);
    let chart = p.screen(120, 40);
    p.key(KeyCode::Char('v'));
    let table = p.screen(120, 40);
    assert_ne!(chart, table);
    assert!(!table.contains("variants"), "{table}");
}

const LESSON: &str = r#"format = 1

[lesson]
id = "watched"
title = "Watched"

[tables.people]
file = "people.csv"

[tables.people.columns]
name = { type = "text" }
county = { type = "text" }

[[steps]]
kind = "read"
title = "Hello"
text = "Welcome."

[[steps]]
kind = "table"
title = "The people"
text = "Look."
table = "people"
coach = "Ask who they know."

[[steps]]
kind = "answer"
title = "How many?"
text = "Count them."
question = "How many people?"
answer_sql = "SELECT COUNT(*) FROM people"
hints = ["Count the rows."]
"#;

const PEOPLE: &str = "name,county\nAna,Essex\nBo,Suffolk\nCy,Essex\n";

fn write(path: &Path, text: &str) {
    // As many editors do: a new file renamed over the old one.
    let tmp = path.with_extension("toml.tmp");
    std::fs::write(&tmp, text).unwrap();
    std::fs::rename(&tmp, path).unwrap();
}

#[test]
fn watch_reloads_an_edited_lesson_shows_errors_in_place_and_recovers() {
    let course = tempfile::tempdir().unwrap();
    let lesson = course.path().join("watched.toml");
    std::fs::write(&lesson, LESSON).unwrap();
    std::fs::write(course.path().join("people.csv"), PEOPLE).unwrap();
    let (entries, errors) = course::from_paths(std::slice::from_ref(&lesson));
    assert!(errors.is_empty(), "{errors:?}");
    let entry = entries.into_iter().next().unwrap();

    let mut p = Player::new().coach();
    p.app.watch = Some(Watch::new(&entry).unwrap());
    p.app.open_direct(entry).unwrap();
    p.app.settle(Duration::from_secs(60));
    p.key(KeyCode::Char('n'));
    let before = p.screen(120, 40);
    assert!(
        before.contains("step 2 of 3") && before.contains("2 · The people"),
        "{before}"
    );

    // A new step title: the same step is open, with the new title.
    write(
        &lesson,
        &LESSON.replace("title = \"The people\"", "title = \"Everyone on the list\""),
    );
    p.app.watch_settle(Duration::from_secs(60));
    let edited = p.screen(120, 40);
    assert!(
        edited.contains("step 2 of 3") && edited.contains("2 · Everyone on the list"),
        "{edited}"
    );
    assert!(edited.contains("Ana"), "the data is still there:\n{edited}");
    // A reload is not a step change: the step stays open, not done.
    assert_eq!(p.statuses()[1], StepStatus::Open);

    // A broken file: its error with file:line:col, and the last good lesson still runs.
    let broken = LESSON
        .replace("title = \"The people\"", "title = \"Everyone on the list\"")
        .replace("table = \"people\"", "tabel = \"people\"");
    write(&lesson, &broken);
    p.app.watch_settle(Duration::from_secs(60));
    let shown = p.screen(120, 40);
    assert!(
        shown.contains("The lesson file has errors") && shown.contains("watched.toml:23:1"),
        "{shown}"
    );
    assert!(shown.contains("2 · Everyone on the list"), "{shown}");
    assert!(
        !shown.contains("reloaded"),
        "no stale reload note:\n{shown}"
    );
    p.key(KeyCode::Char('n'));
    assert!(p.screen(120, 40).contains("step 3 of 3"), "still usable");
    p.key(KeyCode::Esc).key(KeyCode::Char('p'));

    // Fixed: the error goes away and the fix is in.
    write(
        &lesson,
        &LESSON.replace("title = \"The people\"", "title = \"Our people\""),
    );
    p.app.watch_settle(Duration::from_secs(60));
    let fixed = p.screen(120, 40);
    assert!(
        !fixed.contains("has errors") && fixed.contains("2 · Our people"),
        "{fixed}"
    );
    assert!(fixed.contains("step 2 of 3"), "{fixed}");
}

#[test]
fn a_reload_keeps_the_lesson_in_the_learners_language() {
    let _es = huddle::i18n::override_thread(huddle::i18n::Lang::Es);
    let with_spanish = LESSON.replace(
        "coach = \"Ask who they know.\"",
        "coach = \"Ask who they know.\"\n\n[steps.es]\ntitle = \"Nuestra gente\"\ntext = \"Mira.\"\ncoach = \"Pregunta a quién conocen.\"",
    );
    let course = tempfile::tempdir().unwrap();
    let lesson = course.path().join("watched.toml");
    std::fs::write(&lesson, &with_spanish).unwrap();
    std::fs::write(course.path().join("people.csv"), PEOPLE).unwrap();
    let (entries, errors) = course::from_paths(std::slice::from_ref(&lesson));
    assert!(errors.is_empty(), "{errors:?}");
    let entry = entries.into_iter().next().unwrap();
    let mut p = Player::new().coach();
    p.app.watch = Some(Watch::new(&entry).unwrap());
    p.app.open_direct(entry).unwrap();
    p.app.settle(Duration::from_secs(60));
    p.key(KeyCode::Char('n'));
    assert!(p.screen(120, 40).contains("2 · Nuestra gente"));
    write(&lesson, &with_spanish.replace("Mira.", "Mira la tabla."));
    p.app.watch_settle(Duration::from_secs(60));
    let after = p.screen(120, 40);
    assert!(
        after.contains("2 · Nuestra gente") && after.contains("Mira la tabla."),
        "{after}"
    );
}
