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
