//! What the learner sees: every screen and step kind drawn on ratatui's TestBackend
//! at 80×24 and 120×40, compared with reviewed snapshots (tests/snapshots/).

mod common;

use huddle::progress::store::Store;
use huddle::tui::app::App;
use huddle::tui::theme::Theme;
use huddle::tui::views;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use std::time::Duration;

const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];

struct Player {
    app: App,
    _dir: tempfile::TempDir,
}

impl Player {
    fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(Some(dir.path().to_path_buf()));
        let app = App::new(common::frozen_course(), store, Theme::plain());
        Player { app, _dir: dir }
    }

    fn key(&mut self, code: KeyCode) -> &mut Self {
        self.mods(code, KeyModifiers::NONE)
    }

    fn mods(&mut self, code: KeyCode, m: KeyModifiers) -> &mut Self {
        self.app.handle(Event::Key(KeyEvent::new(code, m)));
        self.app.settle(Duration::from_secs(60));
        self
    }

    fn chars(&mut self, s: &str) -> &mut Self {
        for c in s.chars() {
            self.key(KeyCode::Char(c));
        }
        self
    }

    fn screen(&mut self, w: u16, h: u16) -> String {
        let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
        t.draw(|f| views::draw(&mut self.app, f)).unwrap();
        t.backend().to_string()
    }

    /// Snapshot at both sizes.
    fn snap(&mut self, name: &str) {
        for (w, h) in SIZES {
            let screen = self.screen(w, h);
            insta::assert_snapshot!(format!("{name}_{w}x{h}"), screen);
        }
    }

    /// Open lesson `n` (1-based) from the picker.
    fn open(&mut self, n: usize) -> &mut Self {
        for _ in 1..n {
            self.key(KeyCode::Down);
        }
        self.key(KeyCode::Enter)
    }

    fn next(&mut self, times: usize) -> &mut Self {
        for _ in 0..times {
            // An exercise opens with its box focused: Esc leaves it, then n moves on.
            self.key(KeyCode::Esc).key(KeyCode::Char('n'));
        }
        self
    }
}

#[test]
fn picker_lists_lessons_with_progress() {
    let mut p = Player::new();
    p.snap("picker");
    let s = p.screen(80, 24);
    assert!(s.contains("Who are our people?") && s.contains("not started"));
}

#[test]
fn help_overlay_lists_the_keys() {
    let mut p = Player::new();
    p.open(1).key(KeyCode::Char('?'));
    p.snap("help");
    assert!(
        p.screen(120, 40)
            .contains("show the solution (after 3 tries)")
    );
}

#[test]
fn read_step() {
    let mut p = Player::new();
    p.open(1);
    p.snap("read");
    let s = p.screen(80, 24);
    assert!(s.contains("step 1 of 7") && s.contains("1 · Welcome"));
}

#[test]
fn table_step_scrolls_and_profiles() {
    let mut p = Player::new();
    p.open(1).next(1);
    p.snap("table");
    p.key(KeyCode::Char(']'))
        .key(KeyCode::Char(']'))
        .key(KeyCode::Char(']'));
    p.key(KeyCode::Char('i'));
    p.snap("profile");
    let s = p.screen(120, 40);
    assert!(s.contains("Column `email`") && s.contains("blank"), "{s}");
}

#[test]
fn answer_step_feedback_and_hints() {
    let mut p = Player::new();
    p.open(1).next(2);
    p.snap("answer");
    p.chars("2000").key(KeyCode::Enter);
    p.snap("answer_mistake");
    let s = p.screen(120, 40);
    assert!(
        s.contains("✗ Not yet") && s.contains("some people signed up"),
        "{s}"
    );
    p.key(KeyCode::Esc).key(KeyCode::Char('h'));
    p.snap("answer_hint");
    assert!(p.screen(120, 40).contains("Hint 1 of"));
}

#[test]
fn choice_step_right_answer() {
    let mut p = Player::new();
    p.open(1).next(3);
    p.snap("choice");
    p.key(KeyCode::Down).key(KeyCode::Down).key(KeyCode::Enter);
    p.snap("choice_correct");
    assert!(p.screen(80, 24).contains("✓ Correct"));
}

#[test]
fn chart_step() {
    let mut p = Player::new();
    p.open(1).next(4);
    p.snap("chart");
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
    p.snap("query");
    p.key(KeyCode::F(5));
    p.snap("query_run");
    // A query that does not run: the error is in plain words.
    p.chars(" WHERE nope = 1").key(KeyCode::F(5));
    let s = p.screen(120, 40);
    assert!(
        s.contains("did not run") && s.contains("no column `nope`"),
        "{s}"
    );
    p.snap("query_error");
    for _ in 0.." WHERE nope = 1".len() {
        p.key(KeyCode::Backspace);
    }
    p.chars(" GROUP BY county ORDER BY members DESC, county")
        .key(KeyCode::Up)
        .key(KeyCode::End)
        .chars(", COUNT(*) AS members")
        .mods(KeyCode::Char('s'), KeyModifiers::CONTROL);
    p.snap("query_correct");
    assert!(p.screen(120, 40).contains("✓ Correct"));
}

#[test]
fn clean_step_shows_rules_and_the_solution_after_three_tries() {
    let mut p = Player::new();
    p.open(2).next(3);
    p.snap("clean");
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
    p.snap("clean_solution");
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
    p.snap("clean_menu");
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
    p.snap("clean_preview");
    let preview = p.screen(120, 40);
    assert!(preview.contains("295 rows change."), "{preview}");
    assert!(preview.contains("1846  →  01846"), "{preview}");
    p.key(KeyCode::Enter);
    p.snap("clean_applied");
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
    p.snap("reflect");
    p.chars("Middlesex is bigger than I thought.")
        .key(KeyCode::Enter);
    p.snap("reflect_saved");
    p.next(1);
    p.snap("finished");
    assert!(p.screen(80, 24).contains("You finished"));
    p.key(KeyCode::Enter);
    let s = p.screen(80, 24);
    assert!(
        s.contains("done"),
        "back on the picker, the lesson reads done: {s}"
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
    p.snap("confirm_reset");
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
        .chars("12")
        .key(KeyCode::Esc)
        .key(KeyCode::Char('q'));
    p.snap("confirm_quit");
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
    p.open(1).next(2);
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
    p.key(KeyCode::Enter);
    let s = p.screen(120, 40);
    assert!(s.contains("Write a few words first"), "{s}");
    // Still in the box: letters are text, not keys (m would turn masking on).
    p.chars("more members").key(KeyCode::Enter);
    let s = p.screen(120, 40);
    assert!(s.contains("✓ Saved"), "{s}");
    assert!(!s.contains("MASKED"), "{s}");
}
