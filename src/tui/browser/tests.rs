use super::*;
use std::fs;

fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

fn ctrl(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)
}

fn typed(b: &mut Browser, text: &str) {
    for c in text.chars() {
        assert_eq!(b.handle(key(KeyCode::Char(c))), BrowserOutcome::Continue);
    }
}

fn names(b: &Browser) -> Vec<&str> {
    b.entries().iter().map(|e| e.name.as_str()).collect()
}

/// exports/{2024/, archive/, members.csv, Members.xlsx, notes.docx, .secret.csv}
fn exports() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("exports");
    fs::create_dir_all(root.join("2024")).unwrap();
    fs::create_dir_all(root.join("archive/old")).unwrap();
    fs::write(root.join("members.csv"), "id\n1\n").unwrap();
    fs::write(root.join("Members.xlsx"), "").unwrap();
    fs::write(root.join("notes.docx"), "").unwrap();
    fs::write(root.join(".secret.csv"), "").unwrap();
    fs::write(root.join("2024/events.tsv"), "").unwrap();
    (tmp, root)
}

#[test]
fn folders_come_first_dotfiles_hide_and_tables_are_marked() {
    let (_tmp, root) = exports();
    let mut b = Browser::new(&root);
    assert_eq!(b.folder(), root.as_path());
    assert_eq!(
        names(&b),
        [
            "..",
            "2024",
            "archive",
            "members.csv",
            "Members.xlsx",
            "notes.docx"
        ]
    );
    let readable: Vec<bool> = b.entries().iter().map(|e| e.readable).collect();
    assert_eq!(readable, [false, false, false, true, true, false]);
    assert_eq!(b.hidden_count(), 1);
    b.handle(key(KeyCode::Char('.')));
    assert!(b.showing_hidden() && names(&b).contains(&".secret.csv"));
    b.handle(ctrl('h'));
    assert!(!names(&b).contains(&".secret.csv"));
}

#[test]
fn enter_opens_folders_and_going_up_reselects_where_you_were() {
    let (_tmp, root) = exports();
    let mut b = Browser::new(&root);
    assert_eq!(
        b.entries()[b.selected()].name,
        "2024",
        "`..` is not the default"
    );
    assert_eq!(b.handle(key(KeyCode::Enter)), BrowserOutcome::Continue);
    assert_eq!(b.folder(), root.join("2024"));
    assert_eq!(names(&b), ["..", "events.tsv"]);
    b.handle(key(KeyCode::Backspace));
    assert_eq!(b.folder(), root.as_path());
    assert_eq!(b.entries().get(b.selected()).unwrap().name, "2024");
    b.handle(key(KeyCode::Home));
    b.handle(key(KeyCode::Enter)); // `..`
    assert_eq!(b.folder(), root.parent().unwrap());
    b.handle(key(KeyCode::Right));
    assert_eq!(
        b.folder(),
        root.as_path(),
        "Right opens the selected folder"
    );
}

#[test]
fn picking_a_table_returns_its_absolute_path() {
    let (_tmp, root) = exports();
    let mut b = Browser::new(&root);
    b.handle(key(KeyCode::End));
    b.handle(key(KeyCode::Up));
    b.handle(key(KeyCode::Up));
    assert_eq!(
        b.handle(key(KeyCode::Enter)),
        BrowserOutcome::Picked(root.join("members.csv"), None)
    );
}

#[test]
fn other_files_need_a_second_enter() {
    let (_tmp, root) = exports();
    let mut b = Browser::new(&root);
    b.handle(key(KeyCode::End));
    assert_eq!(b.handle(key(KeyCode::Enter)), BrowserOutcome::Continue);
    assert!(b.message().unwrap().contains("Press Enter again"));
    assert_eq!(
        b.handle(key(KeyCode::Enter)),
        BrowserOutcome::Picked(root.join("notes.docx"), None)
    );
    // Any other key in between asks again.
    b.handle(key(KeyCode::Enter));
    b.handle(key(KeyCode::Down));
    assert_eq!(b.handle(key(KeyCode::Enter)), BrowserOutcome::Continue);
}

#[test]
fn typing_filters_and_tab_completes_as_far_as_names_agree() {
    let (_tmp, root) = exports();
    let mut b = Browser::new(&root);
    typed(&mut b, "mem");
    assert_eq!(names(&b), ["members.csv", "Members.xlsx"], "case ignored");
    b.handle(key(KeyCode::Tab));
    assert!(
        b.message().unwrap().starts_with("2 matches"),
        "{:?}",
        b.message()
    );
    typed(&mut b, "bers.c");
    assert_eq!(names(&b), ["members.csv"]);
    b.handle(key(KeyCode::Tab));
    assert_eq!(b.input(), "members.csv");
    assert_eq!(
        b.handle(key(KeyCode::Enter)),
        BrowserOutcome::Picked(root.join("members.csv"), None)
    );
}

#[test]
fn a_typed_folder_is_shown_as_you_type_and_enter_opens_it() {
    let (_tmp, root) = exports();
    let mut b = Browser::new(&root);
    typed(&mut b, "ar");
    b.handle(key(KeyCode::Tab));
    assert_eq!(b.input(), "archive/");
    assert_eq!(b.folder(), root.join("archive"));
    assert_eq!(names(&b), ["..", "old"]);
    b.handle(key(KeyCode::Backspace));
    assert_eq!(b.folder(), root.as_path(), "back to the folder part typed");
    typed(&mut b, "/o");
    b.handle(key(KeyCode::Enter));
    assert_eq!(
        b.folder(),
        root.join("archive/old"),
        "Enter on the only match"
    );
    assert_eq!(b.input(), "");
    // `.` on an empty line shows dotfiles, so a path is typed from a name, `/` or `~`.
    b.handle(key(KeyCode::Left));
    b.handle(key(KeyCode::Left));
    typed(&mut b, "archive/../2024/events.tsv");
    assert_eq!(
        b.handle(key(KeyCode::Enter)),
        BrowserOutcome::Picked(root.join("2024/events.tsv"), None)
    );
}

#[test]
fn home_and_absolute_paths_can_be_typed() {
    let (tmp, root) = exports();
    let mut b = Browser::new(&root.join("2024")).with_home(tmp.path());
    assert_eq!(b.folder_label(), "~/exports/2024");
    typed(&mut b, "~");
    b.handle(key(KeyCode::Tab));
    assert_eq!(b.input(), "~/");
    typed(&mut b, "exports/members.csv");
    assert_eq!(
        b.handle(key(KeyCode::Enter)),
        BrowserOutcome::Picked(root.join("members.csv"), None)
    );
    let mut b = Browser::new(&root);
    typed(&mut b, &format!("{}/", root.join("archive").display()));
    assert_eq!(names(&b), ["..", "old"]);
    typed(&mut b, "zz");
    assert!(b.entries().is_empty());
    b.handle(key(KeyCode::Enter));
    assert!(
        b.message().unwrap().contains("Nothing called"),
        "{:?}",
        b.message()
    );
    b.handle(ctrl('u'));
    assert_eq!((b.input(), b.folder()), ("", root.as_path()));
}

#[test]
fn a_folder_that_cannot_be_read_says_why_and_nothing_panics() {
    let (tmp, root) = exports();
    let mut b = Browser::new(&root);
    fs::remove_dir_all(root.join("2024")).unwrap();
    b.handle(key(KeyCode::Enter));
    assert_eq!(b.folder(), root.as_path(), "stays where it was");
    let msg = b.message().unwrap();
    assert!(msg.contains("Cannot open") && msg.contains("2024"), "{msg}");

    let mut lost = Browser::new(&tmp.path().join("no/such/folder"));
    assert!(lost.folder_error().is_some());
    assert!(lost.entries().is_empty());
    for k in [
        KeyCode::Down,
        KeyCode::Up,
        KeyCode::PageDown,
        KeyCode::End,
        KeyCode::Enter,
        KeyCode::Tab,
        KeyCode::Right,
    ] {
        assert_eq!(lost.handle(key(k)), BrowserOutcome::Continue);
    }
    lost.handle(key(KeyCode::Left));
    assert!(lost.folder_error().is_some(), "its parent is missing too");
}

#[test]
fn paging_moves_by_the_rows_drawn_and_esc_cancels() {
    let tmp = tempfile::tempdir().unwrap();
    for i in 0..30 {
        fs::write(tmp.path().join(format!("f{i:02}.csv")), "").unwrap();
    }
    let mut b = Browser::new(tmp.path());
    assert_eq!((b.selected(), b.scroll_for(10)), (1, 0));
    b.handle(key(KeyCode::PageDown));
    assert_eq!(b.selected(), 11);
    assert_eq!(b.scroll_for(10), 2, "the selection stays in view");
    b.handle(key(KeyCode::End));
    assert_eq!((b.selected(), b.scroll_for(10)), (30, 21));
    b.handle(key(KeyCode::PageUp));
    assert_eq!((b.selected(), b.scroll_for(10)), (20, 20));
    b.handle(key(KeyCode::Home));
    assert_eq!((b.selected(), b.scroll_for(10)), (0, 0));
    let mut release = key(KeyCode::Esc);
    release.kind = KeyEventKind::Release;
    assert_eq!(b.handle(release), BrowserOutcome::Continue);
    assert_eq!(b.handle(key(KeyCode::Esc)), BrowserOutcome::Cancel);
}
