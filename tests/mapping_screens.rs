//! The mapping screen a learner sees when they bring their own export: a VAN-like
//! saved list mapped onto the first lesson's `members` table, drawn on ratatui's
//! TestBackend at 80×24 and 120×40 and compared with reviewed snapshots.

mod common;

use huddle::data::import::{RawTable, read_raw};
use huddle::data::mapping::{Why, propose, wanted_columns};
use huddle::lesson::validate::load_entry;
use huddle::tui::mapping_ui::{MappingOutcome, MappingScreen};
use huddle::tui::theme::Theme;
use huddle::tui::views;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];

/// Synthetic people in a VAN saved-list shape; two ZIPs lost their zero.
const VAN: &str = "\
VanID,FirstName,LastName,Address,City,State,ZipOrPostal,County,HomePhone,CellPhone
100234,Ana,Ruiz,1 Main St,Lowell,MA,01852,Middlesex,(978) 555-0100,9785550101
100235,Ben,Ode,2 Elm St,Salem,MA,1970,Essex,,(978) 555-0102
100236,Cy,Park,3 Oak Ave,Boston,MA,02134,Suffolk,6175550103,
100237,Di,Moss,4 Pine Rd,Lynn,MA,1902,Essex,,978-555-0104
100238,Ed,Vale,5 Ash Ct,Quincy,MA,02169,Norfolk,6175550105,6175550106
";

fn raw(csv: &str) -> RawTable {
    read_raw(csv.as_bytes()).unwrap()
}

fn screen_for(csv: &str) -> MappingScreen {
    let lesson = common::frozen_course()
        .iter()
        .filter_map(|e| load_entry(e).lesson)
        .find(|l| l.meta.id == "who-are-our-people")
        .unwrap();
    let wanted = wanted_columns(&lesson, "members");
    let t = raw(csv);
    let proposed = propose(&wanted, &t.df, None);
    MappingScreen::new("members", wanted, &t, proposed)
}

fn key(s: &mut MappingScreen, code: KeyCode) -> MappingOutcome {
    s.handle(KeyEvent::new(code, KeyModifiers::NONE))
}

fn down(s: &mut MappingScreen, times: usize) {
    for _ in 0..times {
        key(s, KeyCode::Down);
    }
}

fn render(s: &MappingScreen, w: u16, h: u16) -> String {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    let theme = Theme::plain();
    t.draw(|f| views::mapping::draw(s, &theme, f, f.area()))
        .unwrap();
    t.backend().to_string()
}

fn snap(s: &MappingScreen, name: &str) {
    for (w, h) in SIZES {
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), render(s, w, h));
    }
}

/// No personal value of the sample file is ever on screen.
fn assert_no_personal_values(screen: &str) {
    for v in ["Ruiz", "Ode", "555-0100", "9785550101", "1 Main St"] {
        assert!(!screen.contains(v), "`{v}` is on screen:\n{screen}");
    }
}

#[test]
fn a_van_list_opens_with_its_guesses_explained() {
    let s = screen_for(VAN);
    snap(&s, "van_first_look");
    let screen = render(&s, 120, 40);
    assert!(screen.contains("← ZipOrPostal · similar name"), "{screen}");
    assert!(screen.contains("← County · same name"), "{screen}");
    assert!(
        screen.contains("100234"),
        "VanID samples are shown:\n{screen}"
    );
    assert!(
        screen.contains("missing · no step needs it"),
        "email and joined are not needed by lesson 1:\n{screen}"
    );
    assert_no_personal_values(&screen);
    assert_no_personal_values(&render(&s, 80, 24));
}

#[test]
fn the_zip_row_shows_its_values_and_the_lost_zeros_by_line() {
    let mut s = screen_for(VAN);
    down(&mut s, 5);
    assert_eq!(s.selected().map(|w| w.name.as_str()), Some("zip"));
    snap(&s, "van_zip");
    let screen = render(&s, 120, 40);
    assert!(screen.contains("01852"), "{screen}");
    assert!(
        screen.contains("lines 3, 5 · fix: pad zip to 5 with \"0\""),
        "{screen}"
    );
}

#[test]
fn personal_samples_are_masked_and_a_choice_is_marked() {
    let mut s = screen_for(VAN);
    down(&mut s, 4);
    assert_eq!(s.mapping.file_column("phone"), Some("CellPhone"));
    let before = render(&s, 120, 40);
    assert!(before.contains("•••"), "{before}");
    assert_no_personal_values(&before);
    key(&mut s, KeyCode::Left);
    assert_eq!(s.mapping.file_column("phone"), Some("HomePhone"));
    assert_eq!(s.why("phone"), Why::Chosen);
    snap(&s, "van_phone_chosen");
    let after = render(&s, 120, 40);
    assert!(after.contains("← HomePhone · your choice"), "{after}");
    assert_no_personal_values(&after);
}

#[test]
fn confirming_waits_for_every_column_a_step_needs() {
    let mut s = screen_for(VAN);
    down(&mut s, 6);
    key(&mut s, KeyCode::Delete);
    assert_eq!(s.mapping.file_column("county"), None);
    key(&mut s, KeyCode::Home);
    assert_eq!(key(&mut s, KeyCode::Char('c')), MappingOutcome::Continue);
    assert_eq!(
        s.selected().map(|w| w.name.as_str()),
        Some("county"),
        "the cursor goes to what is missing"
    );
    snap(&s, "van_county_missing");
    let screen = render(&s, 120, 40);
    assert!(
        screen.contains("No `county` in your file (3 steps use it)."),
        "{screen}"
    );
    assert!(screen.contains("needed by The biggest county"), "{screen}");

    // Cycle through the free columns until County comes round again.
    for _ in 0..s.columns.len() {
        if s.mapping.file_column("county") == Some("County") {
            break;
        }
        key(&mut s, KeyCode::Right);
    }
    assert_eq!(s.mapping.file_column("county"), Some("County"));
    assert!(
        s.message.is_none(),
        "the warning goes once something changes"
    );
    key(&mut s, KeyCode::End);
    match key(&mut s, KeyCode::Enter) {
        MappingOutcome::Confirmed(m) => {
            assert_eq!(m.file_column("county"), Some("County"));
            assert_eq!(m.pair("county").map(|p| p.why), Some(Why::Chosen));
            assert_eq!(m.file_column("zip"), Some("ZipOrPostal"));
        }
        other => panic!("expected a confirmed mapping, got {other:?}"),
    }
}

#[test]
fn confirming_twice_goes_on_without_a_missing_column() {
    let mut s = screen_for(VAN);
    down(&mut s, 6);
    key(&mut s, KeyCode::Delete);
    assert_eq!(key(&mut s, KeyCode::Char('c')), MappingOutcome::Continue);
    let screen = render(&s, 120, 40);
    assert!(
        screen.contains("Map it, or c again to go without."),
        "{screen}"
    );
    match key(&mut s, KeyCode::Char('c')) {
        MappingOutcome::Confirmed(m) => {
            assert_eq!(m.without, vec!["county".to_string()]);
            assert_eq!(m.file_column("county"), None);
            assert_eq!(m.file_column("zip"), Some("ZipOrPostal"));
        }
        other => panic!("expected a confirmed mapping, got {other:?}"),
    }
}

#[test]
fn esc_cancels_and_key_releases_do_nothing() {
    let mut s = screen_for(VAN);
    let mut release = KeyEvent::new(KeyCode::Down, KeyModifiers::NONE);
    release.kind = KeyEventKind::Release;
    assert_eq!(s.handle(release), MappingOutcome::Continue);
    assert_eq!(s.cursor, 0);
    let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
    assert_eq!(
        s.handle(ctrl_c),
        MappingOutcome::Continue,
        "Ctrl-C is the app's"
    );
    assert_eq!(key(&mut s, KeyCode::Esc), MappingOutcome::Cancel);
}

#[test]
fn a_wide_export_keeps_the_chosen_column_in_view() {
    let mut header: Vec<String> = (1..=30).map(|i| format!("Reserved {i}")).collect();
    header.push("Donor Email".into());
    header.push("Donor County".into());
    let row: Vec<String> = (1..=30)
        .map(|i| i.to_string())
        .chain(["a@example.org".to_string(), "Essex".to_string()])
        .collect();
    let csv = format!("{}\n{}\n", header.join(","), row.join(","));
    let mut s = screen_for(&csv);
    down(&mut s, 6);
    assert_eq!(s.mapping.file_column("county"), Some("Donor County"));
    let screen = render(&s, 80, 24);
    assert!(screen.contains("▸ Donor County → county"), "{screen}");
    assert!(!screen.contains("a@example.org"), "{screen}");
}

#[test]
fn small_windows_get_a_message_or_a_squeezed_screen() {
    let s = screen_for(VAN);
    assert!(render(&s, 30, 5).contains("Make the window"));
    let squeezed = render(&s, 60, 18);
    assert!(squeezed.contains("Map your columns"), "{squeezed}");
    assert!(squeezed.contains("member_id"), "{squeezed}");
    for (w, h) in [(40, 10), (41, 11), (200, 12), (45, 60)] {
        assert!(render(&s, w, h).contains("Map your"), "{w}x{h}");
    }
}

/// The VAN list below a two-line title, with three rows that cannot be read.
fn van_with_title_and_bad_rows() -> String {
    let mut lines: Vec<&str> = VAN.lines().collect();
    // Lines 1-2 are the title; the header is line 3.
    lines.insert(0, "Saved list: Essex volunteers,,,,,,,,,");
    lines.insert(1, "Exported by VAN,,,,,,,,,");
    let mut csv = lines.join("\n") + "\n";
    csv.push_str("100239,Flo,Lind,6 Elm St,Lynn,MA,01902,Essex,9785550107\n");
    csv.push_str("100240,Gus,Hale,7 Oak St,Salem,MA,01970,Essex,,978-555-0108,extra\n");
    csv.push_str("100241,Hal,Ives,8 Elm St,Lowell,MA,01852,Middlesex,,9785550109\n");
    csv.push_str("100242,Ida\n");
    csv
}

#[test]
fn rows_that_cannot_be_read_and_a_title_are_named_and_can_be_looked_at() {
    let csv = van_with_title_and_bad_rows();
    let mut s = screen_for(&csv);
    assert_eq!(
        s.bad_rows.iter().map(|b| b.line).collect::<Vec<_>>(),
        vec![9, 10, 12]
    );
    snap(&s, "title_and_bad_rows");
    let screen = render(&s, 120, 40);
    assert!(
        screen.contains(
            "3 rows could not be read (lines 9, 10, 12) · r shows them · c goes on without them"
        ),
        "{screen}"
    );
    assert!(
        screen.contains(
            "header found on line 3; lines 1–2 look like a title: 'Saved list: Essex volunteers'"
        ),
        "{screen}"
    );
    assert_no_personal_values(&screen);
    // r opens the rows; while masking their text stays hidden.
    assert_eq!(key(&mut s, KeyCode::Char('r')), MappingOutcome::Continue);
    assert!(s.show_bad);
    snap(&s, "title_and_bad_rows_open");
    let open = render(&s, 120, 40);
    assert!(
        open.contains("line 10: has 11 fields but the header has 10"),
        "{open}"
    );
    assert!(
        !open.contains("Gus") && !open.contains("978-555-0108"),
        "{open}"
    );
    // Any key closes the list; c goes on with the rows that were read.
    key(&mut s, KeyCode::Esc);
    assert!(!s.show_bad);
    key(&mut s, KeyCode::Char('c'));
    assert!(matches!(
        key(&mut s, KeyCode::Char('c')),
        MappingOutcome::Confirmed(_)
    ));
}

#[test]
fn plus_and_minus_move_the_header_line_and_the_footer_says_so() {
    use huddle::data::layout::HeaderChoice;
    let key = |c: char| KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
    let titled = format!("Member list, exported 2026-11-30\n{VAN}");
    let mut s = screen_for(&titled);
    assert_eq!(s.header_line, Some(2), "the title line was skipped");
    assert!(matches!(
        s.handle(key('-')),
        MappingOutcome::Header(HeaderChoice::Line(1))
    ));
    assert!(matches!(
        s.handle(key('+')),
        MappingOutcome::Header(HeaderChoice::Line(3))
    ));
    let mut plain = screen_for(VAN);
    assert!(matches!(
        plain.handle(key('-')),
        MappingOutcome::Header(HeaderChoice::None)
    ));
    let text = render(&s, 120, 40);
    assert!(text.contains("+/- header line"), "{text}");
}
