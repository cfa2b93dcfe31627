//! The real player (`App`) driven by keys and drawn on ratatui's TestBackend: the
//! one harness the screen tests share.

use huddle::i18n::{Lang, ThreadLang, override_thread};
use huddle::lesson::course::LessonEntry;
use huddle::progress::StepStatus;
use huddle::progress::store::Store;
use huddle::tui::app::App;
use huddle::tui::coach::Coach;
use huddle::tui::theme::Theme;
use huddle::tui::views;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use std::time::{Duration, Instant};

/// The two sizes every screen is snapshotted at.
pub const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];

/// A player over a course, with its own empty progress folder.
pub struct Player {
    pub app: App,
    _dir: tempfile::TempDir,
    _lang: Option<ThreadLang>,
}

impl Player {
    /// The frozen course (tests/fixtures/course), in English.
    pub fn new() -> Self {
        Player::on(super::frozen_course())
    }

    /// Any course, in English.
    pub fn on(course: Vec<LessonEntry>) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(Some(dir.path().to_path_buf()));
        let app = App::new(course, store, Theme::plain());
        Player {
            app,
            _dir: dir,
            _lang: None,
        }
    }

    /// The frozen course with Spanish on this test's thread, for as long as the
    /// player lives (set before the app is built: the picker is made in Spanish).
    pub fn spanish() -> Self {
        let lang = override_thread(Lang::Es);
        let mut p = Player::new();
        p._lang = Some(lang);
        p
    }

    /// Coach mode (`--coach`).
    pub fn coach(mut self) -> Self {
        self.app.coach = Some(Coach::default());
        self
    }

    pub fn key(&mut self, code: KeyCode) -> &mut Self {
        self.mods(code, KeyModifiers::NONE)
    }

    pub fn mods(&mut self, code: KeyCode, m: KeyModifiers) -> &mut Self {
        self.app.handle(Event::Key(KeyEvent::new(code, m)));
        self.app.settle(Duration::from_secs(60));
        self
    }

    pub fn chars(&mut self, s: &str) -> &mut Self {
        for c in s.chars() {
            self.key(KeyCode::Char(c));
        }
        self
    }

    /// The screen at `w`×`h`; a coach's call timer reads 12:34, so snapshots do not
    /// depend on the clock.
    pub fn screen(&mut self, w: u16, h: u16) -> String {
        if let Some(c) = &mut self.app.coach {
            c.started = Instant::now() - Duration::from_secs(754);
        }
        let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
        t.draw(|f| views::draw(&mut self.app, f)).unwrap();
        t.backend().to_string()
    }

    /// Open lesson `n` (1-based) from the picker.
    pub fn open(&mut self, n: usize) -> &mut Self {
        for _ in 1..n {
            self.key(KeyCode::Down);
        }
        self.key(KeyCode::Enter)
    }

    /// Move on `times` steps: Esc leaves a box the test went into (arriving never
    /// enters one), then n moves on.
    pub fn next(&mut self, times: usize) -> &mut Self {
        for _ in 0..times {
            self.key(KeyCode::Esc).key(KeyCode::Char('n'));
        }
        self
    }

    /// Each step's status in the open lesson.
    pub fn statuses(&self) -> Vec<StepStatus> {
        let s = self.app.session.as_ref().unwrap();
        s.progress.steps.iter().map(|p| p.status).collect()
    }
}

#[allow(unused_macros)]
/// Snapshot a player's screen at both [`SIZES`], named `{name}_{w}x{h}` (a macro, so
/// insta names the snapshot after the calling test file).
macro_rules! snap {
    ($p:expr, $name:expr) => {
        for (w, h) in $crate::common::player::SIZES {
            let screen = $p.screen(w, h);
            insta::assert_snapshot!(format!("{}_{w}x{h}", $name), screen);
        }
    };
}
#[allow(unused_imports)]
pub(crate) use snap;
