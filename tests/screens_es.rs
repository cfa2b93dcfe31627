//! The player in Spanish: the picker, a read step, an exercise with feedback and a
//! hint, and the help overlay, drawn on TestBackend and compared with reviewed
//! snapshots. The frozen lessons (tests/fixtures/course) carry their own Spanish (`[steps.es]`).

mod common;

use huddle::i18n::{Lang, ThreadLang, override_thread};
use huddle::progress::store::Store;
use huddle::tui::app::App;
use huddle::tui::theme::Theme;
use huddle::tui::views;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use std::time::Duration;

const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];

struct Player {
    app: App,
    _dir: tempfile::TempDir,
    _lang: ThreadLang,
}

impl Player {
    /// A player on the frozen course with Spanish on this test's thread.
    fn new() -> Self {
        let lang = override_thread(Lang::Es);
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(Some(dir.path().to_path_buf()));
        let app = App::new(common::frozen_course(), store, Theme::plain());
        Player {
            app,
            _dir: dir,
            _lang: lang,
        }
    }

    fn key(&mut self, code: KeyCode) -> &mut Self {
        self.app
            .handle(Event::Key(KeyEvent::new(code, KeyModifiers::NONE)));
        self.app.settle(Duration::from_secs(60));
        self
    }

    fn chars(&mut self, s: &str) -> &mut Self {
        for c in s.chars() {
            self.key(KeyCode::Char(c));
        }
        self
    }

    fn screen(&mut self, w: u16, h: u16) -> String {
        let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
        t.draw(|f| views::draw(&mut self.app, f)).unwrap();
        t.backend().to_string()
    }

    fn snap(&mut self, name: &str) {
        for (w, h) in SIZES {
            let screen = self.screen(w, h);
            insta::assert_snapshot!(format!("{name}_{w}x{h}"), screen);
        }
    }

    fn open_first(&mut self) -> &mut Self {
        self.key(KeyCode::Enter)
    }

    fn next(&mut self, times: usize) -> &mut Self {
        for _ in 0..times {
            self.key(KeyCode::Esc).key(KeyCode::Char('n'));
        }
        self
    }
}

#[test]
fn picker_in_spanish() {
    let mut p = Player::new();
    p.snap("es_picker");
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
    let mut p = Player::new();
    p.open_first();
    p.snap("es_read");
    let s = p.screen(120, 40);
    assert!(
        s.contains("1 · Bienvenida") && s.contains("paso 1 de 7"),
        "{s}"
    );
    assert!(s.contains("n siguiente") && s.contains("? ayuda"), "{s}");
}

#[test]
fn exercise_feedback_and_hint_in_spanish() {
    let mut p = Player::new();
    p.open_first().next(2);
    p.chars("2000").key(KeyCode::Enter);
    p.snap("es_answer_mistake");
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
    p.snap("es_answer_hint");
    let s = p.screen(120, 40);
    assert!(s.contains("Pista 1 de 2: La vista de la tabla"), "{s}");
}

#[test]
fn right_answer_in_spanish_comes_from_the_worker_in_spanish() {
    let mut p = Player::new();
    p.open_first().next(2);
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
    let mut p = Player::new();
    p.open_first().key(KeyCode::Char('?'));
    p.snap("es_help");
    let s = p.screen(120, 40);
    assert!(
        s.contains("Teclas") && s.contains("mostrar la solución (después de 3 intentos)"),
        "{s}"
    );
}

#[test]
fn english_stays_english_on_other_threads() {
    let _es = Player::new();
    let english = std::thread::spawn(|| huddle::i18n::tr("Press any key to close."))
        .join()
        .unwrap();
    assert_eq!(english, "Press any key to close.");
}
