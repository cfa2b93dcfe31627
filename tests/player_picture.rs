//! `e` on a chart in the player saves it as a picture (issue 19): PNG or SVG by the
//! name's ending, into a new file, with the lesson's files as its source line.

mod common;

use common::player::Player;
use huddle::lesson::course;
use ratatui::crossterm::event::KeyCode;

/// Type `path` into the save prompt in place of the name it suggests, and save.
fn save_as(p: &mut Player, path: &std::path::Path) -> String {
    p.key(KeyCode::Char('e'));
    let prompt = p.screen(100, 30);
    for _ in 0..200 {
        p.key(KeyCode::Backspace);
    }
    p.chars(path.to_str().unwrap()).key(KeyCode::Enter);
    prompt
}

#[test]
fn e_on_a_chart_step_saves_the_chart_as_a_picture() {
    let mut p = Player::on(course::bundled());
    // Meet your data: step 6 charts members per county.
    p.open(2).next(5);
    let screen = p.screen(100, 30);
    assert!(screen.contains("6 of 8"), "{screen}");
    let dir = tempfile::tempdir().unwrap();
    let png = dir.path().join("county.png");
    let prompt = save_as(&mut p, &png);
    assert!(prompt.contains("Save the chart"), "{prompt}");
    assert!(prompt.contains("meet-your-data-step6.png"), "{prompt}");
    let said = p.screen(100, 30);
    assert!(said.contains("Saved the chart to"), "{said}");
    let bytes = std::fs::read(&png).unwrap();
    assert!(bytes.starts_with(b"\x89PNG\r\n\x1a\n"), "not a PNG");
    p.key(KeyCode::Esc);
    let svg = dir.path().join("county.svg");
    save_as(&mut p, &svg);
    let text = std::fs::read_to_string(&svg).unwrap();
    roxmltree::Document::parse(&text).expect("the SVG parses");
    assert!(text.contains("Middlesex"), "the labels are text in the SVG");
    assert!(
        text.contains("members.csv"),
        "the source line names the file"
    );
    // An existing file is never replaced.
    p.key(KeyCode::Esc);
    let before = std::fs::read(&png).unwrap();
    save_as(&mut p, &png);
    let refused = p.screen(100, 30);
    assert!(refused.contains("exists"), "{refused}");
    assert_eq!(std::fs::read(&png).unwrap(), before);
}

#[test]
fn e_on_a_step_without_a_chart_still_saves_the_recipe() {
    let mut p = Player::on(course::bundled());
    p.open(2).next(1);
    p.key(KeyCode::Char('e'));
    let screen = p.screen(100, 30);
    assert!(!screen.contains("Save the chart"), "{screen}");
}
