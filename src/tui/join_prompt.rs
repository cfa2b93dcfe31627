//! "Join a cohort call" from the lesson list (`J`): paste the coach's code, give a
//! name, and the call's lesson opens. Dialing runs on its own thread, so the
//! screen never freezes while the coach's huddle is reached.

use super::live::{LearnerPane, Start};
use crate::i18n::tr;
use crate::lesson::course::LessonEntry;
use crate::live::code::{JoinCode, MAX_CODE_CHARS};
use crate::live::iroh_net::Net;
use crate::live::protocol::MAX_NAME_CHARS;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::sync::mpsc;

/// What joining brings back: the learner's bar and the lesson to open.
pub type Joined = Result<(LearnerPane, LessonEntry), String>;

/// Which box has the keyboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Field {
    /// The join code.
    #[default]
    Code,
    /// The display name.
    Name,
}

/// The prompt's state.
#[derive(Default)]
pub struct JoinPrompt {
    /// The code as typed or pasted.
    pub code: String,
    /// The name the coach will see (empty: "learner N").
    pub name: String,
    /// The box being typed in.
    pub field: Field,
    /// Why the last try failed.
    pub error: Option<String>,
    /// The dialing under way.
    waiting: Option<mpsc::Receiver<Joined>>,
}

/// What a key asks of the app.
pub enum Ask {
    /// Nothing beyond redrawing.
    Stay,
    /// Close the prompt.
    Close,
}

impl JoinPrompt {
    /// Whether the coach's huddle is being reached.
    pub fn dialing(&self) -> bool {
        self.waiting.is_some()
    }

    /// A key for the prompt; `course` is handed to the dialing thread.
    pub fn key(&mut self, key: KeyEvent, course: &[LessonEntry]) -> Ask {
        if key.code == KeyCode::Esc {
            // Leaving while dialing drops the answer; a learner who got in leaves at once.
            return Ask::Close;
        }
        if self.dialing() {
            return Ask::Stay;
        }
        let box_ = match self.field {
            Field::Code => &mut self.code,
            Field::Name => &mut self.name,
        };
        let cap = match self.field {
            Field::Code => MAX_CODE_CHARS,
            Field::Name => MAX_NAME_CHARS,
        };
        match key.code {
            KeyCode::Tab | KeyCode::BackTab | KeyCode::Up | KeyCode::Down => {
                self.field = match self.field {
                    Field::Code => Field::Name,
                    Field::Name => Field::Code,
                };
            }
            KeyCode::Backspace => {
                box_.pop();
            }
            KeyCode::Enter => self.submit(course),
            KeyCode::Char(c)
                if !key.modifiers.contains(KeyModifiers::CONTROL)
                    && !c.is_control()
                    && box_.chars().count() < cap =>
            {
                box_.push(c);
                self.error = None;
            }
            _ => {}
        }
        Ask::Stay
    }

    fn submit(&mut self, course: &[LessonEntry]) {
        if self.field == Field::Code && self.name.is_empty() && self.code.trim().is_empty() {
            return;
        }
        let code = match JoinCode::parse(&self.code) {
            Ok(c) => c,
            Err(e) => {
                self.error = Some(e.to_string());
                self.field = Field::Code;
                return;
            }
        };
        let start = Start::Join {
            net: Net {
                local: code.loopback_only(),
                relay: None,
            },
            code,
            name: self.name.trim().to_string(),
        };
        let course = course.to_vec();
        let (tx, rx) = mpsc::channel();
        let spawned = std::thread::Builder::new()
            .name("huddle-join".into())
            .spawn(move || {
                let _ = tx.send(super::live::join(&start, &course));
            });
        match spawned {
            Ok(_) => {
                self.error = None;
                self.waiting = Some(rx);
            }
            Err(e) => self.error = Some(format!("{}: {e}", tr("could not start dialing"))),
        }
    }

    /// The dialing's answer once it came: `Some(Ok)` to open the call's lesson.
    pub fn poll(&mut self) -> Option<Joined> {
        let rx = self.waiting.as_ref()?;
        match rx.try_recv() {
            Ok(Ok(joined)) => {
                self.waiting = None;
                Some(Ok(joined))
            }
            Ok(Err(e)) => {
                self.waiting = None;
                self.error = Some(e);
                None
            }
            Err(mpsc::TryRecvError::Empty) => None,
            Err(mpsc::TryRecvError::Disconnected) => {
                self.waiting = None;
                self.error = Some(tr("could not reach the coach's huddle; try again").to_string());
                None
            }
        }
    }
}

impl super::app::App {
    /// Keys for the join prompt while it is open; true when used.
    pub(super) fn join_key(&mut self, key: KeyEvent) -> bool {
        let course: Vec<LessonEntry> = self.picker.items.iter().map(|i| i.entry.clone()).collect();
        let Some(p) = &mut self.join_prompt else {
            return false;
        };
        if let Ask::Close = p.key(key, &course) {
            self.join_prompt = None;
        }
        true
    }

    /// Take in the dialing's answer: open the call's lesson, with the session bar.
    pub(super) fn join_tick(&mut self) -> bool {
        let Some(p) = &mut self.join_prompt else {
            return false;
        };
        let dialing = p.dialing();
        let Some(Ok((pane, entry))) = p.poll() else {
            // The spinner moves while dialing; an error shows in the prompt.
            return dialing;
        };
        self.join_prompt = None;
        self.live = Some(super::live::Live::Learner(Box::new(pane)));
        self.from_picker = true;
        if let Err(e) = self.open(entry) {
            let _ = self.close_live();
            self.overlay = Some(super::app::Overlay::Message(e));
        }
        true
    }
}
