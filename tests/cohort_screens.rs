//! The coach's cohort table and the learner's export review, drawn on TestBackend
//! and compared with reviewed snapshots, in English and in Spanish.

mod common;
use common::cohort::write_folder;
use huddle::i18n::{Lang, override_thread};
use huddle::progress::cohort::read_dir;
use huddle::progress::export::parse;
use huddle::tui::cohort::CohortScreen;
use huddle::tui::review::Review;
use huddle::tui::theme::Theme;
use huddle::tui::views;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn cohort_screen(screen: &CohortScreen, w: u16, h: u16) -> String {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| views::cohort::draw(screen, &Theme::plain(), f))
        .unwrap();
    t.backend().to_string()
}

#[test]
fn cohort_table_shows_who_finished_what_and_where_help_was_needed() {
    let dir = tempfile::tempdir().unwrap();
    write_folder(dir.path());
    let c = read_dir(dir.path()).unwrap();
    let mut screen = CohortScreen::new(c, "exports/");
    screen.key(KeyEvent::new(KeyCode::Down, KeyModifiers::NONE));
    for (w, h) in [(80, 24), (120, 40)] {
        insta::assert_snapshot!(format!("cohort_{w}x{h}"), cohort_screen(&screen, w, h));
    }
}

fn review_with_one_dropped() -> Review {
    let e = parse(
        r#"{"huddle_progress_export": 1, "name": "Ana", "date": "2025-03-04", "lessons": [
        {"id": "who-are-our-people", "title": "Who are our people?", "finished": true, "steps": [
          {"step": 7, "title": "What it means for organizing", "kind": "reflect", "status": "done",
           "tries": 0, "hints": 0, "seconds": 60,
           "reflection": "Most sign-ups are in two counties.\nAsk jo@example.org for the turf maps."},
          {"step": 8, "title": "Next steps", "kind": "reflect", "status": "done",
           "tries": 0, "hints": 0, "seconds": 60, "reflection": "Clean the ZIPs first."}]}]}"#,
    )
    .unwrap();
    let mut r = Review::new(&e, "for-coach.json");
    r.key(KeyEvent::new(KeyCode::Down, KeyModifiers::NONE));
    r.key(KeyEvent::new(KeyCode::Char('d'), KeyModifiers::NONE));
    r.key(KeyEvent::new(KeyCode::Up, KeyModifiers::NONE));
    r
}

fn review_screen(r: &mut Review, w: u16, h: u16) -> String {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| views::review::draw(r, &Theme::plain(), f))
        .unwrap();
    t.backend().to_string()
}

#[test]
fn export_review_flags_a_reflection_with_an_email() {
    let mut r = review_with_one_dropped();
    insta::assert_snapshot!("export_review_80x24", review_screen(&mut r, 80, 24));
}

#[test]
fn export_review_in_spanish() {
    let _es = override_thread(Lang::Es);
    let mut r = review_with_one_dropped();
    insta::assert_snapshot!("es_export_review_80x24", review_screen(&mut r, 80, 24));
    let s = review_screen(&mut r, 80, 24);
    assert!(
        s.contains("Antes de compartir → for-coach.json")
            && s.contains("Nombre: Ana · 1 lección(es) · 2 reflexión(es)"),
        "{s}"
    );
    assert!(
        s.contains("paso 7 “What it means for organizing” [se comparte]")
            && s.contains("paso 8 “Next steps” [no se comparte]"),
        "{s}"
    );
    assert!(
        s.contains("⚠ parece que tiene un correo electrónico: edítala (e) o quítala (d)"),
        "{s}"
    );
    assert!(s.contains("w escribir el archivo · q cancelar"), "{s}");
    // The learner's own words are never translated.
    assert!(s.contains("Ask jo@example.org for the turf maps."), "{s}");
    r.key(KeyEvent::new(KeyCode::Char('e'), KeyModifiers::NONE));
    let s = review_screen(&mut r, 80, 24);
    assert!(
        s.contains("Edita la reflexión (Esc al terminar)")
            && s.contains("escribe para cambiar el texto · Esc terminar de editar"),
        "{s}"
    );
}

#[test]
fn cohort_table_in_spanish() {
    let _es = override_thread(Lang::Es);
    let dir = tempfile::tempdir().unwrap();
    write_folder(dir.path());
    let c = read_dir(dir.path()).unwrap();
    let mut screen = CohortScreen::new(c, "exports/");
    screen.key(KeyEvent::new(KeyCode::Down, KeyModifiers::NONE));
    for (w, h) in [(80, 24), (120, 40)] {
        insta::assert_snapshot!(format!("es_cohort_{w}x{h}"), cohort_screen(&screen, w, h));
    }
    let s = cohort_screen(&screen, 80, 24);
    assert!(
        s.contains("Grupo · aprendices: 8 · lecciones: 2 · terminadas: 7 · exports/"),
        "{s}"
    );
    assert!(s.contains("⚠ 2 archivo(s) sin incluir"), "{s}");
    assert!(
        s.contains("Quién terminó qué") && s.contains("aprendiz") && s.contains("pasos"),
        "{s}"
    );
    assert!(s.contains("Bo") && s.contains("hecho"), "{s}");
    assert!(s.contains("la terminaron 5 de 8"), "{s}");
    assert!(
        s.contains("Dónde necesitaron ayuda")
            && s.contains("barras: paso · largo: intentos + pistas"),
        "{s}"
    );
    assert!(s.contains("↑↓ elegir aprendiz · q salir"), "{s}");
}

#[test]
fn under_mask_the_review_hides_emails_and_phones_in_reflections() {
    let e = parse(
        r#"{"huddle_progress_export": 1, "name": "Ana", "date": "2025-03-04", "lessons": [
        {"id": "who-are-our-people", "title": "Who are our people?", "finished": true, "steps": [
          {"step": 7, "title": "What it means", "kind": "reflect", "status": "done",
           "tries": 0, "hints": 0, "seconds": 60,
           "reflection": "Ask jo@example.org or call 413-555-0123 for the turf maps."}]}]}"#,
    )
    .unwrap();
    let draw = |masked: bool| {
        let mut r = Review::new(&e, "for-coach.json");
        r.masked = masked;
        let mut t = Terminal::new(TestBackend::new(100, 24)).unwrap();
        t.draw(|f| views::review::draw(&mut r, &Theme::plain(), f))
            .unwrap();
        t.backend().to_string()
    };
    let plain = draw(false);
    assert!(plain.contains("jo@example.org"), "{plain}");
    let masked = draw(true);
    assert!(
        !masked.contains("jo@example.org") && !masked.contains("555-0123"),
        "{masked}"
    );
    assert!(masked.contains("for the turf maps"), "{masked}");
}
