//! Words on screen: the picker's help lists its own keys, and the footer is never cut
//! in the middle of a key, at any width.

mod common;

use common::player::Player;
use ratatui::crossterm::event::KeyCode;

#[test]
fn the_pickers_help_lists_its_keys_r_included() {
    let mut p = Player::new();
    p.key(KeyCode::Char('?'));
    let help = p.screen(100, 30);
    assert!(
        help.contains("start the selected lesson over"),
        "no `r` in the picker's help:\n{help}"
    );
    assert!(!help.contains("next step (you can come back)"), "{help}");
}

/// Keys the footer can end with.
const WHOLE_KEYS: &[&str] = &[
    "q quit",
    "? help",
    "Tab focus",
    "↑↓ scroll",
    "Esc leave the box",
    "Enter check",
    "Enter answer",
    "Enter save",
    "Enter write",
    "F5 run",
    "Ctrl-S check",
    "s solution",
];

#[test]
fn the_footer_keeps_whole_keys_at_every_width() {
    let mut p = Player::new();
    p.open(1);
    for _ in 0..6 {
        for w in [70u16, 80, 100, 120, 160] {
            let screen = p.screen(w, 30);
            let footer = screen.lines().last().unwrap().trim_matches('"').trim_end();
            let last = footer.rsplit(" · ").next().unwrap_or("").trim();
            let whole =
                WHOLE_KEYS.contains(&last) || (last.starts_with("h hint (") && last.ends_with(')'));
            assert!(whole, "footer cut at {w} columns: {footer:?}");
        }
        p.next(1);
    }
}

/// Lesson texts number lessons as the picker does (1 is the first lesson listed).
#[test]
fn lesson_texts_number_lessons_as_the_picker_does() {
    let course = huddle::lesson::course::bundled();
    let position = |id: &str| {
        course
            .iter()
            .position(|e| e.text.contains(&format!("id = \"{id}\"")))
            .map(|i| i + 1)
            .unwrap_or_else(|| panic!("{id} in the course"))
    };
    let text = |id: &str| course[position(id) - 1].text.clone();
    let tidy = position("tidy-names-and-places");
    assert!(
        text("meet-your-data").contains(&format!("lesson {tidy} tidies them")),
        "meet-your-data should send the learner to lesson {tidy}"
    );
    assert!(
        text("meet-your-data").contains(&format!("la lección {tidy} los arregla")),
        "in Spanish too"
    );
    let polls = position("members-at-the-polls");
    assert!(
        text("welcome").contains(&format!("your power (lesson {polls})")),
        "the welcome names the last lesson {polls}"
    );
    assert!(
        text("where-are-our-people").contains(&format!("recipe from lesson {tidy}")),
        "where-are-our-people sends the learner back to lesson {tidy}"
    );
}

/// A long reflection wraps inside its box: its first and last words are both on
/// screen (a box that scrolls sideways hides the start).
#[test]
fn the_reflect_box_wraps() {
    let mut p = Player::new();
    p.open(1).next(6);
    // Enter puts the keys in the box (arriving at a step never types).
    p.key(KeyCode::Enter);
    p.chars("Middlesex is bigger than I thought and Essex has more sign-ups than any other county, which zebrafinch");
    let screen = p.screen(80, 24);
    assert!(
        screen.contains("zebrafinch") && screen.contains("Middlesex"),
        "the line does not wrap:\n{screen}"
    );
}
