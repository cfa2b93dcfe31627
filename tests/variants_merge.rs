//! The variants tool (`v`, cluster & merge) merges spellings that differ only by
//! spaces at their ends: the merge keys keep every space, from the form to the
//! recipe to the generated code.

mod common;

use common::player::Player;
use huddle::lesson::course;
use ratatui::crossterm::event::KeyCode;

/// Bundled lesson 02 at its step 7 ("One spelling per county"), county selected.
fn county_step() -> Player {
    let mut p = Player::on(course::bundled());
    p.open(3);
    for _ in 0..6 {
        p.key(KeyCode::Char('n'));
    }
    let s = p.app.session.as_ref().unwrap();
    assert_eq!(s.step().title, "One spelling per county");
    let b = s.ui().bench.as_ref().expect("the clean step has its table");
    let col = b
        .current
        .get_column_names()
        .iter()
        .position(|c| c.as_str() == "county")
        .unwrap();
    for _ in 0..col {
        p.key(KeyCode::Char(']'));
    }
    p
}

fn space_rule(p: &Player) -> (bool, usize) {
    let s = p.app.session.as_ref().unwrap();
    let b = s.ui().bench.as_ref().unwrap();
    let r = b
        .rules
        .iter()
        .find(|r| r.rule == "no_leading_trailing_space")
        .unwrap();
    (r.pass, r.broken)
}

#[test]
fn merging_every_group_of_the_variants_tool_leaves_no_space_at_the_ends() {
    let mut p = county_step();
    let (pass, broken) = space_rule(&p);
    assert!(!pass && broken > 0, "the county column starts with spaces");
    // v: spelling variants (same letters and words); a ticks every group; Enter
    // previews the merge and Enter applies it.
    p.key(KeyCode::Char('v'))
        .key(KeyCode::Char('a'))
        .key(KeyCode::Enter);
    let screen = p.screen(120, 40);
    assert!(
        screen.contains("\"Essex \" = Essex"),
        "the form shows the space kept in the key:\n{screen}"
    );
    p.key(KeyCode::Enter);
    assert_eq!(
        space_rule(&p),
        (true, 0),
        "every spelling with spaces at its ends was merged:\n{}",
        p.screen(120, 40)
    );
    // The code view names the exact spellings merged, spaces included.
    p.key(KeyCode::Char('c'));
    let code = p.screen(120, 40);
    assert!(code.contains("WHEN 'Essex ' THEN 'Essex'"), "{code}");
}
