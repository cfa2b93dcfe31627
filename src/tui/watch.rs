//! `huddle run FILE --watch` in the player: poll the lesson file, check a changed
//! text on its own worker (so Esc, which cancels the learner's work, never drops a
//! reload), and swap the lesson in at the same step. A file with errors leaves the
//! last good lesson running and its errors on screen until the file is fixed.

use super::app::App;
use super::session::Session;
use super::worker::Worker;
use crate::diag::Diagnostic;
use crate::lesson::course::LessonEntry;
use crate::lesson::model::Lesson;
use crate::lesson::watch::{FileWatch, disk_path, recheck, with_text};
use std::time::{Duration, Instant};

/// How often the file is looked at.
pub const POLL: Duration = Duration::from_millis(400);
/// How long "reloaded" stays in the footer.
const NOTE_FOR: Duration = Duration::from_secs(3);

type Checked = (LessonEntry, Result<Lesson, Vec<Diagnostic>>);

/// The watched lesson file and what the last save of it gave.
pub struct Watch {
    file: FileWatch,
    worker: Worker<Checked>,
    next_poll: Instant,
    /// The errors of the file as last saved (`file:line:col: error: message`); empty
    /// when it is good.
    pub errors: Vec<String>,
    /// A changed text is being checked.
    pub checking: bool,
    /// When the lesson was last reloaded.
    pub reloaded: Option<Instant>,
}

impl Watch {
    /// Watch the file behind `entry`; the bundled course cannot be watched.
    pub fn new(entry: &LessonEntry) -> Result<Self, String> {
        let path = disk_path(entry).ok_or_else(|| {
            crate::i18n::tr(
                "--watch needs a lesson file on disk: huddle run path/to/lesson.toml --watch",
            )
            .to_string()
        })?;
        Ok(Watch {
            file: FileWatch::new(path, &entry.text),
            worker: Worker::default(),
            next_poll: Instant::now() + POLL,
            errors: Vec::new(),
            checking: false,
            reloaded: None,
        })
    }

    /// The footer's word on the watch, if any.
    pub fn status(&self) -> Option<String> {
        let name = self
            .file
            .path()
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if self.checking {
            Some(crate::i18n::trf("checking {name}…", &[("name", &name)]))
        } else if self.reloaded.is_some_and(|t| t.elapsed() < NOTE_FOR) {
            Some(crate::i18n::trf("↻ reloaded {name}", &[("name", &name)]))
        } else {
            None
        }
    }
}

impl App {
    /// Look at the watched file (every [`POLL`]) and take in finished checks; true
    /// when the screen changed.
    pub fn watch_tick(&mut self) -> bool {
        let Some(w) = &mut self.watch else {
            return false;
        };
        let mut changed = false;
        if w.reloaded.is_some_and(|t| t.elapsed() >= NOTE_FOR) {
            w.reloaded = None;
            changed = true;
        }
        if Instant::now() >= w.next_poll {
            w.next_poll = Instant::now() + POLL;
            if let (Some(text), Some(entry)) = (w.file.poll(), self.entry.as_ref()) {
                let entry = with_text(entry, text);
                // Only the newest save matters.
                w.worker.cancel_all();
                w.worker
                    .spawn(crate::i18n::tr("Checking the lesson file"), move || {
                        let r = recheck(&entry);
                        (entry, r)
                    });
                w.checking = true;
                changed = true;
            }
        }
        let done = w.worker.drain();
        if !done.is_empty() {
            w.checking = w.worker.busy().is_some();
            changed = true;
        }
        for (_, r) in done {
            match r {
                Ok((entry, Ok(lesson))) => self.reload(entry, lesson),
                Ok((_, Err(diags))) => {
                    if let Some(w) = &mut self.watch {
                        w.errors = diags.iter().map(Diagnostic::headline).collect();
                        w.reloaded = None;
                    }
                }
                Err(e) => {
                    if let Some(w) = &mut self.watch {
                        w.errors = vec![e];
                        w.reloaded = None;
                    }
                }
            }
        }
        changed
    }

    /// Look at the file now and wait up to `timeout` for its check (tests).
    pub fn watch_settle(&mut self, timeout: Duration) {
        let deadline = Instant::now() + timeout;
        if let Some(w) = &mut self.watch {
            w.next_poll = Instant::now();
        }
        self.watch_tick();
        while self.watch.as_ref().is_some_and(|w| w.checking) && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(20));
            self.watch_tick();
        }
        self.settle(deadline.saturating_duration_since(Instant::now()));
    }

    /// Swap in the checked `lesson`, at the same step (by id when the step has one,
    /// else by number), keeping the loaded data when the tables did not change.
    fn reload(&mut self, entry: LessonEntry, lesson: Lesson) {
        let lesson = crate::lesson::translation::localize(&lesson, crate::i18n::lang().tag());
        let Some(old) = &self.session else { return };
        let (at, step_id) = (old.index(), old.step().id.clone());
        let same_tables = serde_json::to_string(&old.lesson.tables).ok()
            == serde_json::to_string(&lesson.tables).ok();
        let data = match (&old.catalog, &old.masker) {
            (Some(c), Some(m)) if same_tables => Some((c.clone(), m.clone())),
            _ => None,
        };
        let started = self.coach.as_ref().map(|c| c.started);
        self.save();
        self.overlay = None;
        if let Some((catalog, masker)) = data {
            // Results of jobs for the old steps must not land on the new ones.
            self.worker.cancel_all();
            let mut s = Session::open(lesson, &self.store);
            s.catalog = Some(catalog);
            s.masker = Some(masker);
            self.session = Some(s);
            self.entry = Some(entry);
        } else if let Err(e) = self.open(entry) {
            if let Some(w) = &mut self.watch {
                w.errors = vec![e];
            }
            return;
        }
        if let Some(c) = &mut self.coach {
            c.forget_answers();
            c.started = started.unwrap_or(c.started);
        }
        if let Some(s) = &mut self.session {
            let target = step_id
                .and_then(|id| {
                    s.lesson
                        .steps
                        .iter()
                        .position(|st| st.id.as_deref() == Some(&id))
                })
                .unwrap_or(at);
            s.jump(target);
        }
        if let Some(w) = &mut self.watch {
            w.errors.clear();
            w.reloaded = Some(Instant::now());
        }
        self.save();
        self.stage_current();
    }
}
