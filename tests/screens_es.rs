//! The player in Spanish: the picker, a read step, an exercise with feedback and a
//! hint, and the help overlay, drawn on TestBackend and compared with reviewed
//! snapshots. The frozen lessons (tests/fixtures/course) carry their own Spanish (`[steps.es]`).

mod common;

use common::player::{Player, snap};

use ratatui::crossterm::event::KeyCode;

#[test]
fn picker_in_spanish() {
    let mut p = Player::spanish();
    snap!(p, "es_picker");
    let s = p.screen(120, 40);
    assert!(s.contains("¿Quiénes son nuestra gente?"), "{s}");
    assert!(
        s.contains("sin empezar") && s.contains("principiante"),
        "{s}"
    );
    assert!(s.contains("Enter abrir"), "{s}");
}

#[test]
fn read_step_in_spanish() {
    let mut p = Player::spanish();
    p.open(1);
    snap!(p, "es_read");
    let s = p.screen(120, 40);
    assert!(
        s.contains("1 · Bienvenida") && s.contains("paso 1 de 7"),
        "{s}"
    );
    assert!(s.contains("n siguiente") && s.contains("? ayuda"), "{s}");
}

#[test]
fn exercise_feedback_and_hint_in_spanish() {
    let mut p = Player::spanish();
    p.open(1).next(2).key(KeyCode::Enter);
    p.chars("2000").key(KeyCode::Enter);
    snap!(p, "es_answer_mistake");
    let s = p.screen(120, 40);
    assert!(
        s.contains("¿Cuántas filas tiene la lista de miembros?"),
        "{s}"
    );
    assert!(
        s.contains("✗ Todavía no") && s.contains("se inscribieron dos veces"),
        "the mistake's Spanish feedback: {s}"
    );
    p.key(KeyCode::Esc).key(KeyCode::Char('h'));
    snap!(p, "es_answer_hint");
    let s = p.screen(120, 40);
    assert!(s.contains("Pista 1 de 2: La vista de la tabla"), "{s}");
}

#[test]
fn right_answer_in_spanish_comes_from_the_worker_in_spanish() {
    let mut p = Player::spanish();
    p.open(1).next(2).key(KeyCode::Enter);
    p.chars("2140").key(KeyCode::Enter);
    let s = p.screen(120, 40);
    assert!(
        s.contains("✓ ¡Correcto!") || s.contains("✗ Todavía no"),
        "a verdict is shown: {s}"
    );
    assert!(
        !s.contains("is right") && !s.contains("is not the answer"),
        "{s}"
    );
}

#[test]
fn help_overlay_in_spanish() {
    let mut p = Player::spanish();
    p.open(1).key(KeyCode::Char('?'));
    snap!(p, "es_help");
    let s = p.screen(120, 40);
    assert!(
        s.contains("Teclas") && s.contains("mostrar la solución (después de 3 intentos)"),
        "{s}"
    );
}

#[test]
fn english_stays_english_on_other_threads() {
    let _es = Player::spanish();
    let english = std::thread::spawn(|| huddle::i18n::tr("Press any key to close."))
        .join()
        .unwrap();
    assert_eq!(english, "Press any key to close.");
}
