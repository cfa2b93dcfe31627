//! The live call in the player: the coach's room (who is where, who is stuck, the
//! coach's keys) or the learner's session bar (the coach's messages, the hand, a
//! banner to follow). The pane owns its state; the app gives it only the session.

use super::session::Session;
use crate::i18n::{tr, trf};
use crate::live::host::{Host, HostCmd, HostEvent};
use crate::live::join::{Learner, LearnerEvent};
use crate::live::protocol::{Status, ToLearner};
use crate::live::room::{LessonOutline, Room};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// How often a status is sent when only the seconds changed.
const SECONDS_EVERY: Duration = Duration::from_secs(10);

/// One side of a live call.
pub enum Live {
    /// The coach hosting.
    Host(Box<HostPane>),
    /// A learner who joined.
    Learner(Box<LearnerPane>),
}

/// What the pane asks the app to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LiveAsk {
    /// Go to a step (following the coach).
    Follow(usize),
    /// Show the current step's solution (the coach showed it to all).
    ShowSolution,
    /// Show a message in a popup.
    Message(String),
}

impl Live {
    /// Take in what the network brought; true when the screen changed.
    pub fn tick(&mut self, session: Option<&Session>) -> bool {
        match self {
            Live::Host(h) => h.tick(session),
            Live::Learner(l) => l.tick(session),
        }
    }

    /// A key outside any text box; `None` when the pane does not use it.
    pub fn key(&mut self, key: KeyEvent, session: Option<&Session>) -> Option<Option<LiveAsk>> {
        match self {
            Live::Host(h) => h.key(key, session),
            Live::Learner(l) => l.key(key, session),
        }
    }

    /// Whether the learner may go to step `to` (the coach may hold the group).
    pub fn may_go(&self, to: usize) -> Result<(), String> {
        match self {
            Live::Learner(l) => match l.hold {
                Some(h) if to > h => Err(trf(
                    "The coach is holding the group at step {n}: wait for the coach, or look back at earlier steps.",
                    &[("n", &(h + 1))],
                )),
                _ => Ok(()),
            },
            Live::Host(_) => Ok(()),
        }
    }

    /// The pane is typing a message (every key goes to it).
    pub fn typing(&self) -> bool {
        matches!(self, Live::Host(h) if h.typing.is_some())
    }

    /// Leave or end the call; returns what to tell the user afterwards.
    pub fn close(self) -> Option<String> {
        match self {
            Live::Host(h) => h.end(),
            Live::Learner(l) => {
                if let Some(learner) = l.learner {
                    learner.leave();
                }
                None
            }
        }
    }
}

/// The coach's room.
pub struct HostPane {
    host: Host,
    /// The room as the coach sees it.
    pub room: Room,
    /// The join code, as text.
    pub code: String,
    /// A message to everyone being typed (`M`).
    pub typing: Option<String>,
    /// The last thing the pane did, for the coach.
    pub note: Option<String>,
    /// Where the per-learner summaries go when the call ends.
    pub summaries: Option<PathBuf>,
    /// Show names as "learner N" (mask mode).
    pub mask_names: bool,
    /// The lesson hosted, for the summaries (the player may have closed it).
    lesson: crate::lesson::model::Lesson,
}

impl HostPane {
    /// The pane over a started host.
    pub fn new(host: Host, lesson: &crate::lesson::model::Lesson, stuck_after: Duration) -> Self {
        let code = host.code.encode();
        HostPane {
            host,
            room: Room::new(LessonOutline::of(lesson), stuck_after),
            code,
            typing: None,
            note: None,
            summaries: None,
            mask_names: false,
            lesson: lesson.clone(),
        }
    }

    fn tick(&mut self, session: Option<&Session>) -> bool {
        let now = Instant::now();
        let mut changed = false;
        for ev in self.host.events() {
            if let HostEvent::Dropped { why, .. } = &ev {
                self.note = Some(trf(
                    "A learner's connection was closed: {why}",
                    &[("why", why)],
                ));
            }
            self.room.apply(&ev, now);
            changed = true;
        }
        if let Some(s) = session
            && self.room.coach_step != s.index()
        {
            self.room.coach_step = s.index();
            changed = true;
        }
        changed
    }

    fn key(&mut self, key: KeyEvent, _session: Option<&Session>) -> Option<Option<LiveAsk>> {
        if let Some(text) = &mut self.typing {
            match key.code {
                KeyCode::Enter => {
                    let t = std::mem::take(text);
                    self.typing = None;
                    if !t.trim().is_empty() {
                        self.host.send(HostCmd::Say(t));
                        self.note = Some(tr("Message sent to everyone.").to_string());
                    }
                }
                KeyCode::Esc => self.typing = None,
                KeyCode::Backspace => {
                    text.pop();
                }
                KeyCode::Char(c)
                    if !key.modifiers.contains(KeyModifiers::CONTROL)
                        && text.chars().count() < crate::live::protocol::MAX_SAY_CHARS =>
                {
                    text.push(c);
                }
                _ => {}
            }
            return Some(None);
        }
        let step = self.room.coach_step as u32;
        match key.code {
            KeyCode::Char('B') => {
                self.host.send(HostCmd::Bring(step));
                self.note = Some(trf(
                    "Everyone is asked to come to step {n}.",
                    &[("n", &(step + 1))],
                ));
            }
            KeyCode::Char('L') => {
                self.room.hold = !self.room.hold;
                self.host
                    .send(HostCmd::Hold(self.room.hold.then_some(step)));
                self.note = Some(if self.room.hold {
                    trf("The group is held at step {n}.", &[("n", &(step + 1))])
                } else {
                    tr("The group may move ahead again.").to_string()
                });
            }
            KeyCode::Char('M') => self.typing = Some(String::new()),
            KeyCode::Char('S') => {
                self.host.send(HostCmd::Solution(step));
                self.note = Some(trf(
                    "The solution of step {n} is shown to everyone.",
                    &[("n", &(step + 1))],
                ));
            }
            KeyCode::Char('H') => {
                let Some(seat) = self.room.hands().first().map(|s| (s.id, s.name.clone())) else {
                    self.note = Some(tr("No hand is raised.").to_string());
                    return Some(None);
                };
                self.host.send(HostCmd::LowerHand(seat.0));
                if let Some(s) = self.room.seats.iter_mut().find(|s| s.id == seat.0)
                    && let Some(st) = &mut s.status
                {
                    st.hand = false;
                }
                self.note = Some(trf(
                    "Lowered {name}'s hand.",
                    &[("name", &self.shown_name(seat.0, &seat.1))],
                ));
            }
            KeyCode::Char('I') => {
                return Some(Some(LiveAsk::Message(trf(
                    "Join code (learners paste it after `huddle join`):\n\n{code}",
                    &[("code", &self.code)],
                ))));
            }
            _ => return None,
        }
        Some(None)
    }

    /// A learner's name as drawn: "learner N" in mask mode.
    pub fn shown_name(&self, seat: u64, name: &str) -> String {
        if self.mask_names || name.is_empty() {
            trf("learner {n}", &[("n", &seat)])
        } else {
            name.to_string()
        }
    }

    fn end(self) -> Option<String> {
        let HostPane {
            host,
            mut room,
            summaries,
            lesson,
            ..
        } = self;
        // The last statuses sent before the end still count.
        for ev in host.events() {
            room.apply(&ev, Instant::now());
        }
        host.end();
        let dir = summaries?;
        Some(
            match crate::live::summary::write_all(&room, &lesson, &dir) {
                Ok(files) => trf(
                    "huddle host: {n} learner summaries written to {dir} (roll them up with `huddle cohort {dir}`)",
                    &[("n", &files.len()), ("dir", &dir.display())],
                ),
                Err(e) => trf(
                    "huddle host: the summaries were not written: {e}",
                    &[("e", &e)],
                ),
            },
        )
    }
}

/// Where the learner's connection stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Link {
    /// In the call.
    Connected,
    /// Dialing again after a drop (attempt number).
    Reconnecting(u32),
    /// The call is over, and why.
    Ended(String),
}

/// The learner's session bar.
pub struct LearnerPane {
    learner: Option<Learner>,
    /// The coach's name.
    pub coach: String,
    /// The connection.
    pub link: Link,
    /// The hand is raised.
    pub hand: bool,
    /// The step the coach holds the group at.
    pub hold: Option<usize>,
    /// The step the coach asked everyone to come to, until followed.
    pub bring: Option<usize>,
    /// The coach showed this step's solution to everyone, until seen.
    pub solution: Option<usize>,
    /// The coach's last message.
    pub message: Option<String>,
    last: Option<(Status, Instant)>,
}

impl LearnerPane {
    /// The bar over a joined call.
    pub fn new(learner: Learner) -> Self {
        let w = &learner.welcome;
        LearnerPane {
            coach: w.coach.clone(),
            hold: w.hold.map(|h| h as usize),
            bring: w.bring.map(|b| b as usize),
            learner: Some(learner),
            link: Link::Connected,
            hand: false,
            solution: None,
            message: None,
            last: None,
        }
    }

    fn tick(&mut self, session: Option<&Session>) -> bool {
        let mut changed = false;
        let events = self
            .learner
            .as_ref()
            .map(|l| l.events())
            .unwrap_or_default();
        for ev in events {
            changed = true;
            match ev {
                LearnerEvent::Coach(m) => match m {
                    ToLearner::Bring { step } => self.bring = Some(step as usize),
                    ToLearner::Hold { step } => self.hold = step.map(|s| s as usize),
                    ToLearner::Say { text } => self.message = Some(text),
                    ToLearner::Solution { step } => self.solution = Some(step as usize),
                    ToLearner::LowerHand => self.hand = false,
                    ToLearner::Welcome(_) | ToLearner::Refused { .. } | ToLearner::End => {}
                },
                LearnerEvent::Reconnecting(n) => self.link = Link::Reconnecting(n),
                LearnerEvent::Reconnected => self.link = Link::Connected,
                LearnerEvent::Ended(why) => {
                    self.link = Link::Ended(why);
                    self.hold = None;
                    self.bring = None;
                    if let Some(l) = self.learner.take() {
                        // The thread has ended; joining it is immediate.
                        l.leave();
                    }
                }
            }
        }
        if let Some(s) = session {
            if self.bring == Some(s.index()) {
                self.bring = None;
                changed = true;
            }
            self.send_status(s);
        }
        changed
    }

    fn send_status(&mut self, s: &Session) {
        let Some(l) = &self.learner else { return };
        let mistakes: Vec<Option<u32>> = s
            .steps
            .iter()
            .map(|ui| {
                ui.verdict
                    .as_ref()
                    .filter(|v| !v.pass)
                    .and_then(|v| v.mistake)
                    .map(|m| m as u32)
            })
            .collect();
        let status = crate::live::status::of(&s.progress, s.index(), &mistakes, self.hand);
        let now = Instant::now();
        let due = match &self.last {
            None => true,
            Some((last, at)) => {
                !same_but_seconds(last, &status)
                    || now.duration_since(*at) >= SECONDS_EVERY && *last != status
            }
        };
        if due {
            l.status(status.clone());
            self.last = Some((status, now));
        }
    }

    fn key(&mut self, key: KeyEvent, session: Option<&Session>) -> Option<Option<LiveAsk>> {
        match key.code {
            KeyCode::Char('H') if self.learner.is_some() => {
                self.hand = !self.hand;
                if let Some(s) = session {
                    self.send_status(s);
                }
                Some(None)
            }
            KeyCode::Char('F') => {
                if let Some(step) = self.solution.take() {
                    return Some(Some(if session.is_some_and(|s| s.index() == step) {
                        LiveAsk::ShowSolution
                    } else {
                        self.solution = Some(step);
                        LiveAsk::Follow(step)
                    }));
                }
                self.bring.map(|b| Some(LiveAsk::Follow(b)))
            }
            _ => None,
        }
    }
}

fn same_but_seconds(a: &Status, b: &Status) -> bool {
    a.step == b.step
        && a.hand == b.hand
        && a.marks.len() == b.marks.len()
        && a.marks.iter().zip(&b.marks).all(|(x, y)| {
            x.status == y.status
                && x.tries == y.tries
                && x.hints == y.hints
                && x.mistake == y.mistake
        })
}

impl super::app::App {
    /// Keys for the live pane: the coach's B, L, M, S, H, I and the learner's H and
    /// F, only while no text box has the keyboard (a message being typed takes all).
    pub(super) fn live_key(&mut self, key: KeyEvent) -> bool {
        let typing = self.live.as_ref().is_some_and(Live::typing);
        if !typing && (self.mode() != super::keymap::Mode::Lesson || self.session.is_none()) {
            return false;
        }
        let Some(live) = &mut self.live else {
            return false;
        };
        let Some(ask) = live.key(key, self.session.as_ref()) else {
            return false;
        };
        if let Some(ask) = ask {
            self.live_ask(ask);
        }
        true
    }

    /// Take in the call's news; true when the screen changed.
    pub fn live_tick(&mut self) -> bool {
        let joined = self.join_tick();
        let Some(live) = &mut self.live else {
            return joined;
        };
        live.tick(self.session.as_ref())
    }

    fn live_ask(&mut self, ask: LiveAsk) {
        match ask {
            LiveAsk::Follow(step) => {
                if let Some(s) = &mut self.session
                    && s.jump(step)
                {
                    self.save();
                    self.stage_current();
                }
            }
            LiveAsk::ShowSolution => self.show_solution_for_all(),
            LiveAsk::Message(m) => self.overlay = Some(super::app::Overlay::Message(m)),
        }
    }

    /// End or leave the call (quitting the player); returns what to print afterwards.
    pub fn close_live(&mut self) -> Option<String> {
        self.live.take()?.close()
    }
}

/// How `huddle host` and `huddle join` start the player.
#[derive(Debug, Clone)]
pub enum Start {
    /// Host the lesson the player opens.
    Host {
        /// Loopback or internet, and the relay.
        net: crate::live::iroh_net::Net,
        /// The coach's display name.
        coach: String,
        /// Also write the join code here.
        code_file: Option<PathBuf>,
        /// The most learners.
        cap: usize,
        /// Time on a step before a learner shows as stuck.
        stuck_after: Duration,
        /// Where to write per-learner summaries at the end.
        summaries: Option<PathBuf>,
        /// Send the lesson's `sample = true` tables with it.
        share_data: bool,
    },
    /// Join a call; the lesson comes from the host.
    Join {
        /// The code.
        code: crate::live::code::JoinCode,
        /// The learner's display name.
        name: String,
        /// Loopback or internet, and the relay.
        net: crate::live::iroh_net::Net,
    },
}

/// Start hosting `entry` for the app; returns the pane.
pub fn host(
    start: &Start,
    entry: &crate::lesson::course::LessonEntry,
    lesson: &crate::lesson::model::Lesson,
) -> Result<HostPane, String> {
    let Start::Host {
        net,
        coach,
        code_file,
        cap,
        stuck_after,
        summaries,
        share_data,
    } = start
    else {
        return Err("not a host".into());
    };
    let outgoing = if *share_data {
        crate::live::share::outgoing(entry, lesson)?
    } else {
        Default::default()
    };
    let host = Host::start_net(
        crate::live::host::HostOptions {
            coach: coach.clone(),
            lesson_id: lesson.meta.id.clone(),
            lesson: entry.text.clone(),
            cap: *cap,
            shared: std::sync::Arc::new(outgoing.files),
        },
        net.clone(),
    )?;
    let mut pane = HostPane::new(host, lesson, *stuck_after);
    pane.summaries = summaries.clone();
    if !outgoing.kept.is_empty() {
        pane.note = Some(outgoing.kept.join("; "));
    }
    if let Some(path) = code_file {
        let text = format!("{}\n", pane.code);
        crate::output::write(
            path,
            &[],
            crate::output::Existing::replace_if(true),
            crate::output::Audience::Shared,
            |f| std::io::Write::write_all(f, text.as_bytes()),
        )
        .map_err(|e| {
            trf(
                "--code-file {path}: {e}",
                &[("path", &path.display()), ("e", &e)],
            )
        })?;
    }
    Ok(pane)
}

/// Join the call a code names; returns the pane and the lesson entry to open.
pub fn join(
    start: &Start,
    course: &[crate::lesson::course::LessonEntry],
) -> Result<(LearnerPane, crate::lesson::course::LessonEntry), String> {
    let Start::Join { code, name, net } = start else {
        return Err("not a join".into());
    };
    let learner = Learner::join_net(code.clone(), name, net.clone()).map_err(|e| e.to_string())?;
    let w = &learner.welcome;
    if w.lesson_hash != crate::live::host::lesson_hash(&w.lesson) {
        return Err(tr("the lesson from the coach arrived damaged; join again").to_string());
    }
    // The same lesson in this learner's course keeps its data beside it; else the
    // coach's file is read as if it were in the bundled course.
    let known = course.iter().find(|e| {
        crate::lesson::validate::load_entry(e)
            .lesson
            .is_some_and(|l| l.meta.id == w.lesson_id)
    });
    let entry = match known {
        Some(e) => crate::lesson::course::LessonEntry {
            text: w.lesson.clone(),
            ..e.clone()
        },
        None => {
            let mut entry = crate::lesson::course::LessonEntry {
                display: trf("{id} (from the coach)", &[("id", &w.lesson_id)]),
                location: crate::lesson::course::Location::Bundled(format!(
                    "lessons/{}.toml",
                    w.lesson_id
                )),
                root: crate::lesson::course::CourseRoot::Bundled,
                text: w.lesson.clone(),
            };
            // Sample data the coach sent with a lesson this learner does not have.
            if !w.files.is_empty()
                && let Some(lesson) = crate::lesson::validate::load_entry(&entry).lesson
            {
                let files = crate::live::share::incoming(&lesson, &w.files)?;
                entry.root = crate::lesson::course::CourseRoot::Shared(std::sync::Arc::new(files));
            }
            entry
        }
    };
    Ok((LearnerPane::new(learner), entry))
}
