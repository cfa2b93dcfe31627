//! The file browser popup on ratatui's TestBackend, over a folder with fixed names
//! and sizes. The folder is shown under a home set to the temporary folder, so the
//! snapshots read `~/exports` wherever the tests run.

use huddle::tui::browser::{Browser, BrowserOutcome};
use huddle::tui::theme::Theme;
use huddle::tui::views::browser::draw;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::fs;

fn exports() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("exports");
    fs::create_dir_all(root.join("2024 canvass")).unwrap();
    fs::create_dir_all(root.join("archive")).unwrap();
    fs::write(root.join("members.csv"), "x".repeat(12_300)).unwrap();
    fs::write(root.join("members_2023.xlsx"), "x".repeat(4_200)).unwrap();
    fs::write(root.join("van_contacts.xls"), "x".repeat(812)).unwrap();
    fs::write(root.join("donations.parquet"), "x".repeat(2_500_000)).unwrap();
    fs::write(root.join("meeting notes.docx"), "x".repeat(20_000)).unwrap();
    fs::write(root.join(".DS_Store"), "x").unwrap();
    tmp
}

fn screen(b: &Browser, w: u16, h: u16) -> String {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| draw(f, f.area(), b, &Theme::plain())).unwrap();
    t.backend().to_string()
}

fn key(b: &mut Browser, code: KeyCode) -> BrowserOutcome {
    b.handle(KeyEvent::new(code, KeyModifiers::NONE))
}

#[test]
fn the_browser_lists_folders_then_files_with_what_huddle_reads() {
    let tmp = exports();
    let mut b = Browser::new(&tmp.path().join("exports")).with_home(tmp.path());
    insta::assert_snapshot!("browser_80x24", screen(&b, 80, 24));
    for _ in 0..2 {
        key(&mut b, KeyCode::Down);
    }
    insta::assert_snapshot!("browser_selected_60x18", screen(&b, 60, 18));
}

#[test]
fn typing_filters_and_tab_lists_the_matches() {
    let tmp = exports();
    let mut b = Browser::new(&tmp.path().join("exports")).with_home(tmp.path());
    for c in "mem".chars() {
        key(&mut b, KeyCode::Char(c));
    }
    key(&mut b, KeyCode::Tab);
    key(&mut b, KeyCode::Tab);
    insta::assert_snapshot!("browser_typed_80x24", screen(&b, 80, 24));
}

#[test]
fn a_missing_folder_says_so_in_the_popup() {
    let tmp = exports();
    let b = Browser::new(&tmp.path().join("exports/gone")).with_home(tmp.path());
    let s = screen(&b, 80, 24);
    assert!(s.contains("~/exports/gone"), "{s}");
    assert!(
        s.contains("This folder cannot be read: it does not exist"),
        "{s}"
    );
}

#[test]
fn tiny_terminals_do_not_panic() {
    let tmp = exports();
    let b = Browser::new(&tmp.path().join("exports")).with_home(tmp.path());
    for (w, h) in [(1, 1), (10, 4), (20, 8), (30, 10)] {
        screen(&b, w, h);
    }
}

#[test]
fn a_workbook_with_several_sheets_asks_which_one() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("exports");
    fs::create_dir_all(&root).unwrap();
    let fixture = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/data");
    fs::copy(fixture.join("members.xlsx"), root.join("book.xlsx")).unwrap();
    fs::write(root.join("list.csv"), "a,b\n1,2\n").unwrap();
    let mut b = Browser::new(&root).with_home(tmp.path());
    for c in "book".chars() {
        key(&mut b, KeyCode::Char(c));
    }
    assert_eq!(key(&mut b, KeyCode::Enter), BrowserOutcome::Continue);
    let choice = b.sheet_choice().expect("the sheets are listed");
    assert_eq!(choice.sheets, ["Cover", "Members", "Event Signups"]);
    key(&mut b, KeyCode::Down);
    insta::assert_snapshot!("browser_sheets_80x24", screen(&b, 80, 24));
    assert_eq!(
        key(&mut b, KeyCode::Enter),
        BrowserOutcome::Picked(root.join("book.xlsx"), Some("Members".into()))
    );

    // Esc goes back to the folder; a CSV is picked at once.
    let mut b = Browser::new(&root).with_home(tmp.path());
    for c in "book".chars() {
        key(&mut b, KeyCode::Char(c));
    }
    key(&mut b, KeyCode::Enter);
    key(&mut b, KeyCode::Esc);
    assert!(b.sheet_choice().is_none());
    for _ in 0..4 {
        key(&mut b, KeyCode::Backspace);
    }
    for c in "list".chars() {
        key(&mut b, KeyCode::Char(c));
    }
    assert_eq!(
        key(&mut b, KeyCode::Enter),
        BrowserOutcome::Picked(root.join("list.csv"), None)
    );
}
