//! A lesson on the learner's own export: the mapping screen, the lesson on their data,
//! mask mode over it, and the file left exactly as it was.

mod common;

use huddle::progress::store::Store;
use huddle::tui::app::App;
use huddle::tui::own_data::OwnFile;
use huddle::tui::theme::Theme;
use huddle::tui::views;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use std::path::Path;
use std::time::Duration;

/// A VAN-style saved list: UTF-16LE with a BOM, tab-separated, named `.xls`.
fn write_van_list(path: &Path) {
    let mut text =
        String::from("VanID\tFirstName\tLastName\tEmail\tCellPhone\tZipOrPostal\tCounty\r\n");
    let rows = [
        (
            "00017",
            "Ines",
            "Barrow",
            "ines.barrow@example.org",
            "(413) 555-0101",
            "1843",
            "Essex",
        ),
        (
            "00018",
            "Tomas",
            "Vale",
            "tomas.vale@example.net",
            "4135550102",
            "02134",
            "essex ",
        ),
        ("00019", "Ruth", "Okafor", "", "", "2139", "Suffolk"),
        (
            "00020",
            "Dev",
            "Amani",
            "dev.amani@example.com",
            "413-555-0104",
            "01001",
            "Hampden",
        ),
    ];
    for r in rows {
        text.push_str(&format!(
            "{}\t{}\t{}\t{}\t{}\t{}\t{}\r\n",
            r.0, r.1, r.2, r.3, r.4, r.5, r.6
        ));
    }
    let mut bytes = vec![0xFF, 0xFE];
    for u in text.encode_utf16() {
        bytes.extend_from_slice(&u.to_le_bytes());
    }
    std::fs::write(path, bytes).unwrap();
}

struct Player {
    app: App,
}

impl Player {
    fn key(&mut self, code: KeyCode) -> &mut Self {
        self.app
            .handle(Event::Key(KeyEvent::new(code, KeyModifiers::NONE)));
        self.app.settle(Duration::from_secs(60));
        self
    }

    fn screen(&mut self) -> String {
        let mut t = Terminal::new(TestBackend::new(120, 40)).unwrap();
        t.draw(|f| views::draw(&mut self.app, f)).unwrap();
        t.backend().to_string()
    }
}

fn player(data_dir: &Path, file: &Path, masked: bool) -> Player {
    let store = Store::new(Some(data_dir.to_path_buf()));
    let mut app = App::new(common::frozen_course(), store, Theme::plain());
    app.masked = masked;
    app.own = vec![OwnFile {
        table: "members".into(),
        path: file.to_path_buf(),
        sheet: None,
        header: Default::default(),
    }];
    let mut p = Player { app };
    // The second bundled lesson: put back the zeros.
    p.key(KeyCode::Down).key(KeyCode::Enter);
    p
}

#[test]
fn a_van_export_is_mapped_then_the_lesson_runs_on_it() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("van_list.xls");
    write_van_list(&file);
    let before = std::fs::read(&file).unwrap();
    let data = tempfile::tempdir().unwrap();

    let mut p = player(data.path(), &file, false);
    let mapping = p.screen();
    assert!(mapping.contains("Map your columns"), "{mapping}");
    assert!(mapping.contains("← VanID"), "{mapping}");
    assert!(mapping.contains("← ZipOrPostal"), "{mapping}");
    assert!(
        mapping.contains("pad zip to 5"),
        "the lost zeros are found:\n{mapping}"
    );

    p.key(KeyCode::Char('c'));
    let first = p.screen();
    assert!(first.contains("your file van_list.xls (4 rows)"), "{first}");
    // Step 2 lists the damaged ZIPs of *this* file, under the lesson's names.
    p.key(KeyCode::Char('n'));
    let table = p.screen();
    assert!(table.contains("00017") && table.contains("1843"), "{table}");
    assert!(!table.contains("00018"), "02134 is not damaged:\n{table}");

    // The choice is remembered: the next run proposes the same mapping.
    let saved = std::fs::read_dir(data.path().join("progress/mappings"))
        .unwrap()
        .count();
    assert_eq!(saved, 1);
    assert_eq!(
        std::fs::read(&file).unwrap(),
        before,
        "the export is untouched"
    );
}

#[test]
fn the_mapping_screen_and_lesson_are_masked_in_mask_mode() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("van_list.xls");
    write_van_list(&file);
    let data = tempfile::tempdir().unwrap();
    let mut p = player(data.path(), &file, true);
    // Look at the sample values of every column on the mapping screen.
    let mut screens = vec![p.screen()];
    for _ in 0..4 {
        p.key(KeyCode::Down);
        screens.push(p.screen());
    }
    p.key(KeyCode::Char('c')).key(KeyCode::Char('n'));
    for _ in 0..6 {
        p.key(KeyCode::Char(']'));
        screens.push(p.screen());
    }
    for s in &screens {
        for planted in [
            "ines.barrow",
            "Barrow",
            "555-0101",
            "4135550102",
            "tomas.vale",
            "Okafor",
        ] {
            assert!(!s.contains(planted), "`{planted}` shown while masked:\n{s}");
        }
    }
}

#[test]
fn plus_and_minus_on_the_mapping_screen_read_the_file_again() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("titled.csv");
    std::fs::write(
        &file,
        "Member list, exported 2026-11-30\nVanID,FirstName,LastName,ZipOrPostal,County\n1,Ana,Ruiz,01852,Middlesex\n2,Ben,Ode,1970,Essex\n",
    )
    .unwrap();
    let data = tempfile::tempdir().unwrap();
    let mut p = player(data.path(), &file, false);
    let first = p.screen();
    assert!(first.contains("header found on line 2"), "{first}");
    // One line higher: the title is the header, and the rows do not fit it.
    p.key(KeyCode::Char('-'));
    let wrong = p.screen();
    assert!(
        wrong.contains("Map your columns"),
        "still on the screen:\n{wrong}"
    );
    assert!(wrong.contains("cannot be read"), "{wrong}");
    assert!(
        wrong.contains("← VanID"),
        "the reading on line 2 stays:\n{wrong}"
    );
    // One line lower: a data row as the header, so nothing matches.
    p.key(KeyCode::Char('+'));
    let low = p.screen();
    assert!(low.contains("header found on line 3"), "{low}");
    assert!(low.contains("0 of 4 lesson columns"), "{low}");
    // And back: the columns are found again.
    p.key(KeyCode::Char('-'));
    let right = p.screen();
    assert!(
        right.contains("header found on line 2") && right.contains("← VanID"),
        "{right}"
    );
}
