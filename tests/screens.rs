//! What the learner sees: every screen and step kind drawn on ratatui's TestBackend
//! at 80×24 and 120×40, compared with reviewed snapshots (tests/snapshots/).

mod common;

use common::player::{Player, snap};

use ratatui::crossterm::event::{KeyCode, KeyModifiers};

#[test]
fn picker_lists_lessons_with_progress() {
    let mut p = Player::new();
    snap!(p, "picker");
    let s = p.screen(80, 24);
    assert!(s.contains("Who are our people?") && s.contains("not started"));
}

#[test]
fn help_overlay_lists_the_keys() {
    let mut p = Player::new();
    p.open(1).key(KeyCode::Char('?'));
    snap!(p, "help");
    assert!(
        p.screen(120, 40)
            .contains("show the solution (after 3 tries)")
    );
}

#[test]
fn read_step() {
    let mut p = Player::new();
    p.open(1);
    snap!(p, "read");
    let s = p.screen(80, 24);
    assert!(s.contains("step 1 of 7") && s.contains("1 · Welcome"));
}

#[test]
fn table_step_scrolls_and_profiles() {
    let mut p = Player::new();
    p.open(1).next(1);
    snap!(p, "table");
    p.key(KeyCode::Char(']'))
        .key(KeyCode::Char(']'))
        .key(KeyCode::Char(']'));
    p.key(KeyCode::Char('i'));
    snap!(p, "profile");
    let s = p.screen(120, 40);
    assert!(s.contains("Column `email`") && s.contains("blank"), "{s}");
}

#[test]
fn answer_step_feedback_and_hints() {
    let mut p = Player::new();
    p.open(1).next(2);
    snap!(p, "answer");
    // Arriving never puts the keys in the box; the box says how to get in.
    assert!(p.screen(120, 40).contains("Enter or a to type"));
    p.key(KeyCode::Enter);
    assert!(p.screen(120, 40).contains("typing, Esc leaves"));
    p.chars("2000").key(KeyCode::Enter);
    snap!(p, "answer_mistake");
    let s = p.screen(120, 40);
    assert!(
        s.contains("✗ Not yet") && s.contains("some people signed up"),
        "{s}"
    );
    p.key(KeyCode::Esc).key(KeyCode::Char('h'));
    snap!(p, "answer_hint");
    assert!(p.screen(120, 40).contains("Hint 1 of"));
}

#[test]
fn choice_step_right_answer() {
    let mut p = Player::new();
    p.open(1).next(3);
    snap!(p, "choice");
    p.key(KeyCode::Enter)
        .key(KeyCode::Down)
        .key(KeyCode::Down)
        .key(KeyCode::Enter);
    snap!(p, "choice_correct");
    assert!(p.screen(80, 24).contains("✓ Correct"));
}

#[test]
fn chart_step() {
    let mut p = Player::new();
    p.open(1).next(4);
    snap!(p, "chart");
    let big = p.screen(120, 40);
    assert!(
        big.contains("Middlesex") && !big.contains("other ("),
        "all counties fit: {big}"
    );
    let small = p.screen(80, 24);
    assert!(
        small.contains("other ("),
        "the rest folds into other: {small}"
    );
}

#[test]
fn query_step_runs_errors_and_passes() {
    let mut p = Player::new();
    p.open(1).next(5);
    snap!(p, "query");
    p.key(KeyCode::F(5));
    snap!(p, "query_run");
    // A query that does not run: the error is in plain words.
    p.key(KeyCode::Enter)
        .chars(" WHERE nope = 1")
        .key(KeyCode::F(5));
    let s = p.screen(120, 40);
    assert!(
        s.contains("did not run") && s.contains("no column `nope`"),
        "{s}"
    );
    snap!(p, "query_error");
    for _ in 0.." WHERE nope = 1".len() {
        p.key(KeyCode::Backspace);
    }
    p.chars(" GROUP BY county ORDER BY members DESC, county")
        .key(KeyCode::Up)
        .key(KeyCode::End)
        .chars(", COUNT(*) AS members")
        .mods(KeyCode::Char('s'), KeyModifiers::CONTROL);
    snap!(p, "query_correct");
    assert!(p.screen(120, 40).contains("✓ Correct"));
}

#[test]
fn clean_step_shows_rules_and_the_solution_after_three_tries() {
    let mut p = Player::new();
    p.open(2).next(3);
    snap!(p, "clean");
    let s = p.screen(120, 40);
    assert!(s.contains("✗") && s.contains("zip"), "{s}");
    p.key(KeyCode::Char('s'));
    assert!(
        p.screen(120, 40)
            .contains("The solution opens after 3 tries")
    );
    for _ in 0..3 {
        p.key(KeyCode::Enter);
    }
    p.key(KeyCode::Char('s'));
    snap!(p, "clean_solution");
    let s = p.screen(120, 40);
    assert!(
        s.contains("solution shown") && s.contains("op = \"pad\""),
        "{s}"
    );
}

#[test]
fn cleaning_tools_preview_apply_undo_and_redo() {
    let mut p = Player::new();
    p.open(2).next(3);
    // Select the zip column, open the menu, pick `pad`.
    for _ in 0..5 {
        p.key(KeyCode::Char(']'));
    }
    p.key(KeyCode::Char('o'));
    snap!(p, "clean_menu");
    for _ in 0..4 {
        p.key(KeyCode::Down);
    }
    p.key(KeyCode::Enter);
    let form = p.screen(120, 40);
    assert!(
        form.contains("column  zip") && form.contains("width  5"),
        "{form}"
    );
    p.key(KeyCode::Enter);
    snap!(p, "clean_preview");
    let preview = p.screen(120, 40);
    assert!(preview.contains("295 rows change."), "{preview}");
    assert!(preview.contains("1846  →  01846"), "{preview}");
    p.key(KeyCode::Enter);
    snap!(p, "clean_applied");
    let applied = p.screen(120, 40);
    assert!(applied.contains("✓ zip: ok"), "{applied}");
    assert!(applied.contains("295 rows"), "{applied}");
    // Undo brings the failing rule back; redo fixes it again.
    p.key(KeyCode::Char('u'));
    assert!(p.screen(120, 40).contains("✗ zip"));
    p.key(KeyCode::Char('U'));
    assert!(p.screen(120, 40).contains("✓ zip: ok"));
    // c shows the recipe as code, whole, on a window of any usual size.
    p.key(KeyCode::Char('c'));
    for (w, h) in [(120, 40), (100, 30)] {
        let code = p.screen(w, h);
        assert!(code.contains("LPAD"), "{code}");
        assert!(code.contains("Tab next language"), "{code}");
    }
    p.key(KeyCode::Esc);
    // Enter checks the learner's own recipe.
    p.key(KeyCode::Enter);
    assert!(p.screen(120, 40).contains("✓ Correct"));
}

#[test]
fn a_bad_op_setting_is_explained_in_the_form() {
    let mut p = Player::new();
    p.open(2).next(3);
    p.key(KeyCode::Char('o'));
    for _ in 0..3 {
        p.key(KeyCode::Down);
    }
    p.key(KeyCode::Enter).key(KeyCode::Enter);
    let s = p.screen(120, 40);
    assert!(s.contains("op `replace` needs `find`"), "{s}");
}

#[test]
fn reflect_step_and_the_end_of_a_lesson() {
    let mut p = Player::new();
    p.open(1).next(6);
    snap!(p, "reflect");
    p.key(KeyCode::Char('a'))
        .chars("Middlesex is bigger than I thought.")
        .key(KeyCode::Enter);
    snap!(p, "reflect_saved");
    p.next(1);
    // Every exercise was moved past unsolved: the end, but not finished.
    snap!(p, "finished");
    let s = p.screen(80, 24);
    assert!(
        s.contains("You reached the end") && !s.contains("You finished"),
        "{s}"
    );
    p.key(KeyCode::Enter);
    let s = p.screen(80, 24);
    assert!(
        s.contains("step 7 of 7"),
        "back on the picker, the lesson is not done: {s}"
    );
}

#[test]
fn choosing_by_number_then_enter() {
    let mut p = Player::new();
    p.open(1).next(3).key(KeyCode::Char('2'));
    assert!(
        !p.screen(80, 24).contains("Not yet"),
        "a number only moves the cursor"
    );
    p.key(KeyCode::Enter);
    assert!(p.screen(80, 24).contains("✗ Not yet"));
}

#[test]
fn reset_on_the_picker_asks_then_starts_over() {
    let mut p = Player::new();
    p.open(1).next(2).key(KeyCode::Esc).key(KeyCode::Char('q'));
    assert!(p.screen(80, 24).contains("step 3 of 7"));
    p.key(KeyCode::Char('r'));
    snap!(p, "confirm_reset");
    p.key(KeyCode::Char('n'));
    assert!(
        p.screen(80, 24).contains("step 3 of 7"),
        "anything but y keeps it"
    );
    p.key(KeyCode::Char('r')).key(KeyCode::Char('y'));
    let s = p.screen(80, 24);
    assert!(
        s.contains("not started") && !s.contains("step 3 of 7"),
        "{s}"
    );
    p.key(KeyCode::Enter);
    assert!(
        p.screen(80, 24).contains("step 1 of 7"),
        "the lesson starts from the top"
    );
}

#[test]
fn quitting_with_typed_text_asks_first() {
    let mut p = Player::new();
    p.open(1)
        .next(2)
        .key(KeyCode::Enter)
        .chars("12")
        .key(KeyCode::Esc)
        .key(KeyCode::Char('q'));
    snap!(p, "confirm_quit");
    p.key(KeyCode::Char('x'));
    assert!(p.app.session.is_some(), "any key but y stays");
    p.key(KeyCode::Char('q')).key(KeyCode::Char('y'));
    assert!(p.app.session.is_none(), "y leaves to the picker");
}

#[test]
fn a_tiny_terminal_asks_for_more_room() {
    let mut p = Player::new();
    p.open(1);
    let s = p.screen(50, 12);
    insta::assert_snapshot!("tiny_50x12", s);
    assert!(s.contains("Make the window larger"));
    for (w, h) in [(1, 1), (59, 17), (60, 18), (2, 40), (300, 3)] {
        p.screen(w, h);
    }
}

#[test]
fn a_trim_preview_shows_the_spaces_it_removes() {
    let mut p = Player::new();
    p.open(2).next(4);
    for _ in 0..6 {
        p.key(KeyCode::Char(']'));
    }
    p.key(KeyCode::Char('o'));
    let menu = p.screen(120, 40);
    assert!(menu.contains("▶ trim"), "{menu}");
    p.key(KeyCode::Enter);
    let form = p.screen(120, 40);
    assert!(form.contains("column  county"), "{form}");
    p.key(KeyCode::Enter);
    let preview = p.screen(120, 40);
    assert!(preview.contains("“Essex ”  →  “Essex”"), "{preview}");
}

#[test]
fn after_a_wrong_answer_the_next_one_typed_replaces_it() {
    let mut p = Player::new();
    p.open(1).next(2).key(KeyCode::Enter);
    p.chars("2000").key(KeyCode::Enter);
    assert!(p.screen(120, 40).contains("✗ Not yet"));
    p.chars("2050").key(KeyCode::Enter);
    let s = p.screen(120, 40);
    assert!(s.contains("✓ Correct"), "{s}");
    assert!(!s.contains("20002050"), "{s}");
}

#[test]
fn enter_on_an_empty_reflection_stays_in_the_box() {
    let mut p = Player::new();
    p.open(1).next(6);
    p.key(KeyCode::Enter).key(KeyCode::Enter);
    let s = p.screen(120, 40);
    assert!(s.contains("Write a few words first"), "{s}");
    // Still in the box: letters are text, not keys (m would turn masking on).
    p.chars("more members").key(KeyCode::Enter);
    let s = p.screen(120, 40);
    assert!(s.contains("✓ Saved"), "{s}");
    assert!(!s.contains("MASKED"), "{s}");
}

#[test]
fn tab_in_the_sql_editor_completes_table_and_column_names() {
    let mut p = Player::new();
    p.open(1).next(5);
    // Wait for the lesson's tables: completion needs their names.
    p.key(KeyCode::F(5));
    p.key(KeyCode::Enter).chars(" WHERE coun").key(KeyCode::Tab);
    let s = p.screen(120, 40);
    assert!(s.contains("WHERE county"), "{s}");
    // With nothing begun before the cursor, Tab leaves the box as before.
    p.chars(" ").key(KeyCode::Tab);
    let s = p.screen(120, 40);
    assert!(!s.contains("typing, Esc leaves"), "{s}");
}
