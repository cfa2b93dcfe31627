//! `d` in a lesson with two tables: the learner's new file is named, the lesson's
//! tables are listed best match first with the reason, the learner picks one, and
//! the mapping screen shows THIS file's columns for that table.

mod common;

use common::player::Player;
use huddle::lesson::course;
use ratatui::crossterm::event::KeyCode;
use std::path::Path;

/// Lesson 04 of the bundled course: `members` and `attendance`.
fn two_table_lesson() -> Player {
    let entry = course::bundled()
        .into_iter()
        .find(|e| e.display.contains("04-one-person-one-row"))
        .expect("lesson 04 is bundled");
    let mut p = Player::on(vec![entry]);
    p.app.own = Vec::new();
    p
}

fn write_files(dir: &Path) {
    std::fs::write(
        dir.join("attendance_oct.csv"),
        "event_id,member_id,status\nE700,M00001,attended\nE700,M00002,no-show\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("members_nov.csv"),
        "member_id,first_name,last_name,email,phone,zip,joined,county\n\
         N00001,Ana,Ruiz,ana.ruiz@example.org,6175550100,02134,2026-11-02,Suffolk\n\
         N00002,Ben,Ode,ben.ode@example.org,4135550101,01002,2026-11-03,Hampshire\n",
    )
    .unwrap();
}

/// `d`, then the file typed by its full path and Enter.
fn pick(p: &mut Player, file: &Path) {
    p.key(KeyCode::Esc).key(KeyCode::Char('d'));
    assert!(p.app.browser.is_some(), "d opens the file browser");
    p.chars(&file.display().to_string()).key(KeyCode::Enter);
}

/// The screen line listing `table` with `reason`.
fn row_of(screen: &str, table: &str, reason: &str) -> usize {
    screen
        .lines()
        .position(|l| l.contains(&format!(" {table} ")) && l.contains(reason))
        .unwrap_or_else(|| panic!("no `{table}` row with “{reason}”:\n{screen}"))
}

#[test]
fn a_new_file_is_named_and_the_learner_chooses_its_table() {
    let dir = tempfile::tempdir().unwrap();
    write_files(dir.path());
    let mut p = two_table_lesson();
    p.open(1);

    // October's attendance first, for the attendance table.
    pick(&mut p, &dir.path().join("attendance_oct.csv"));
    let s = p.screen(120, 40);
    assert!(s.contains("attendance_oct.csv — which table is it?"), "{s}");
    let attendance = row_of(&s, "attendance", "3 of 3 columns match");
    let members = row_of(&s, "members", "1 of 7 columns match");
    assert!(attendance < members, "best match first:\n{s}");
    p.key(KeyCode::Enter);
    let s = p.screen(120, 40);
    assert!(
        s.contains("E700"),
        "the mapping screen shows this file:\n{s}"
    );
    p.key(KeyCode::Char('c'));
    assert!(p.app.own_load.is_none(), "the lesson runs on the file");

    // Then November's members: named, members first, and Esc goes back to the files.
    pick(&mut p, &dir.path().join("members_nov.csv"));
    insta::assert_snapshot!("table_chooser_80x24", p.screen(80, 24));
    p.key(KeyCode::Esc);
    assert!(p.app.table_chooser.is_none() && p.app.browser.is_some());
    p.key(KeyCode::Enter);
    let s = p.screen(120, 40);
    assert!(s.contains("members_nov.csv — which table is it?"), "{s}");
    let members = row_of(&s, "members", "7 of 7 columns match");
    let attendance = row_of(&s, "attendance", "1 of 3 columns match");
    assert!(members < attendance, "best match first:\n{s}");

    // The mapping screen shows THIS file's columns, never October's.
    p.key(KeyCode::Enter);
    let s = p.screen(120, 40);
    assert!(s.contains("members_nov") || s.contains("county"), "{s}");
    assert!(!s.contains("E700"), "not the previous file:\n{s}");
}

#[test]
fn the_learner_may_choose_a_table_other_than_the_best_match() {
    let dir = tempfile::tempdir().unwrap();
    write_files(dir.path());
    let mut p = two_table_lesson();
    p.open(1);
    pick(&mut p, &dir.path().join("members_nov.csv"));
    p.key(KeyCode::Down).key(KeyCode::Enter);
    let s = p.screen(120, 40);
    assert!(p.app.table_chooser.is_none(), "{s}");
    let own = &p.app.own;
    assert_eq!(own.len(), 1);
    assert_eq!(own[0].table, "attendance", "{s}");
    assert!(s.contains("first_name") && s.contains("county"), "{s}");
}

#[test]
fn a_lesson_with_one_table_skips_the_chooser() {
    let dir = tempfile::tempdir().unwrap();
    write_files(dir.path());
    let mut p = Player::new();
    p.open(1);
    pick(&mut p, &dir.path().join("members_nov.csv"));
    let s = p.screen(120, 40);
    assert!(p.app.table_chooser.is_none(), "{s}");
    assert!(!s.contains("which table is it?"), "{s}");
    assert!(s.contains("county"), "straight to the mapping screen:\n{s}");
}
