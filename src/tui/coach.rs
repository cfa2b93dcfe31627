//! Coach mode (`--coach`): the coach panel's state (shown or hidden, the call timer,
//! answers computed from the data) and the go-to-step list. Drawing is in
//! `views/coach.rs`. Jumping never marks a step done.

use super::app::{App, Job, Overlay};
use super::keymap::Action;
use crate::lesson::model::{Expected, StepBody};
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use std::collections::HashMap;
use std::time::{Duration, Instant};

/// The coach's side of a live session.
#[derive(Debug, Clone)]
pub struct Coach {
    /// When the call timer started: the lesson opened, or `T` was pressed.
    pub started: Instant,
    /// The panel is shown (`C` hides it while the coach shares their own screen).
    pub visible: bool,
    /// `answer_sql` values computed on the loaded data, by step index.
    pub answers: HashMap<usize, Result<String, String>>,
    /// Answers being computed: step index to worker job.
    pending: HashMap<usize, u64>,
    /// The timer's second at the last draw (to redraw once a second).
    pub drawn_second: u64,
    /// The panel's scroll: its own state, reset on every step.
    pub scroll: PanelScroll,
}

/// How far the coach panel is scrolled, for which step, and how far it can go
/// (known from the last draw).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PanelScroll {
    /// Lines scrolled past.
    pub top: u16,
    /// The step the scroll is for (another step starts at the top).
    pub step: usize,
    /// The most lines the panel can scroll, at its size on the last draw.
    pub max: u16,
}

impl PanelScroll {
    /// Scroll by `d` lines (negative: up), within what the last draw allowed.
    pub fn by(&mut self, d: isize) {
        self.top = (self.top as isize + d).clamp(0, self.max as isize) as u16;
    }

    /// Fit to the step shown and to the panel's room: `lines` of text in `height`
    /// rows. Returns the first line to show.
    pub fn fit(&mut self, step: usize, lines: u16, height: u16) -> u16 {
        if step != self.step {
            *self = PanelScroll {
                step,
                ..Default::default()
            };
        }
        self.max = lines.saturating_sub(height);
        self.top = self.top.min(self.max);
        self.top
    }

    /// More below what is shown.
    pub fn more_below(&self) -> bool {
        self.top < self.max
    }
}

impl Default for Coach {
    fn default() -> Self {
        Coach {
            started: Instant::now(),
            visible: true,
            answers: HashMap::new(),
            pending: HashMap::new(),
            drawn_second: 0,
            scroll: PanelScroll::default(),
        }
    }
}

impl Coach {
    /// Time since the timer started.
    pub fn elapsed(&self) -> Duration {
        self.started.elapsed()
    }

    /// Forget computed answers (another lesson, or other data).
    pub fn forget_answers(&mut self) {
        self.answers.clear();
        self.pending.clear();
    }
}

/// A duration as `mm:ss`, or `h:mm:ss` from an hour on.
pub fn clock(d: Duration) -> String {
    let s = d.as_secs();
    if s >= 3600 {
        format!("{}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)
    } else {
        format!("{:02}:{:02}", s / 60, s % 60)
    }
}

/// The go-to-step list: a cursor, and the step number typed so far.
#[derive(Debug, Clone, Default)]
pub struct GoTo {
    /// The step under the cursor (0-based).
    pub at: usize,
    /// Digits typed after `g`.
    pub typed: String,
    /// The number typed is not a step.
    pub error: Option<String>,
}

impl App {
    /// Coach-mode intents; false when not in coach mode or not a coach intent.
    pub(super) fn coach_action(&mut self, a: &Action) -> bool {
        let Some(c) = &mut self.coach else {
            return false;
        };
        match a {
            Action::CoachPanel => c.visible = !c.visible,
            Action::CoachTimer => c.started = Instant::now(),
            Action::CoachScroll(d) if c.visible => c.scroll.by(*d),
            Action::GoTo => {
                let at = self.session.as_ref().map(|s| s.index()).unwrap_or(0);
                self.overlay = Some(Overlay::GoTo(GoTo {
                    at,
                    ..Default::default()
                }));
            }
            _ => return false,
        }
        true
    }

    /// The call timer shows another second than at the last draw.
    pub fn coach_clock_moved(&self) -> bool {
        self.coach.as_ref().is_some_and(|c| {
            c.visible && self.session.is_some() && c.elapsed().as_secs() != c.drawn_second
        })
    }

    /// Keys in the go-to list: digits type a step number, arrows move, Enter jumps.
    pub(super) fn goto_key(&mut self, mut g: GoTo, key: KeyEvent) {
        let n = self.session.as_ref().map_or(0, |s| s.lesson.steps.len());
        let last = n.saturating_sub(1);
        match key.code {
            KeyCode::Esc | KeyCode::Char('q') | KeyCode::Char('g') => return,
            KeyCode::Char(d) if d.is_ascii_digit() => {
                if g.typed.len() < 4 {
                    g.typed.push(d);
                }
                g.error = None;
                if let Ok(k) = g.typed.parse::<usize>()
                    && (1..=n).contains(&k)
                {
                    g.at = k - 1;
                }
            }
            KeyCode::Backspace => {
                g.typed.pop();
                g.error = None;
            }
            KeyCode::Up | KeyCode::Char('k') => g.at = g.at.saturating_sub(1),
            KeyCode::Down | KeyCode::Char('j') => g.at = (g.at + 1).min(last),
            KeyCode::PageUp => g.at = g.at.saturating_sub(10),
            KeyCode::PageDown => g.at = (g.at + 10).min(last),
            KeyCode::Home => g.at = 0,
            KeyCode::End => g.at = last,
            KeyCode::Enter => {
                let target = if g.typed.is_empty() {
                    Some(g.at)
                } else {
                    g.typed
                        .parse::<usize>()
                        .ok()
                        .filter(|k| (1..=n).contains(k))
                        .map(|k| k - 1)
                };
                match target {
                    Some(i) => return self.jump_to(i),
                    None => {
                        g.error = Some(crate::i18n::trf(
                            "There is no step {typed} (1 to {n}).",
                            &[("typed", &g.typed), ("n", &n)],
                        ))
                    }
                }
            }
            _ => {}
        }
        if matches!(
            key.code,
            KeyCode::Up
                | KeyCode::Down
                | KeyCode::Char('k')
                | KeyCode::Char('j')
                | KeyCode::PageUp
                | KeyCode::PageDown
                | KeyCode::Home
                | KeyCode::End
        ) {
            g.typed.clear();
            g.error = None;
        }
        self.overlay = Some(Overlay::GoTo(g));
    }

    /// Go to step `i` (0-based, clamped) without marking any step done.
    pub fn jump_to(&mut self, i: usize) {
        let Some(s) = &mut self.session else { return };
        s.workspace = None;
        if s.jump(i) {
            self.save();
            self.stage_current();
        }
    }

    /// In coach mode, compute the current step's `answer_sql` on the loaded data
    /// (once per step, off the UI thread).
    pub(super) fn coach_answer(&mut self) {
        let Some(s) = &self.session else { return };
        let Some(c) = &self.coach else { return };
        let i = s.index();
        let (StepBody::Answer {
            answer: expected @ Expected::Sql(_),
            ..
        }
        | StepBody::Choice {
            answer: expected @ Expected::Sql(_),
            ..
        }) = &s.step().body
        else {
            return;
        };
        let Some(cat) = s.catalog.clone() else { return };
        if c.answers.contains_key(&i)
            || c.pending
                .get(&i)
                .is_some_and(|id| self.worker.is_pending(*id))
        {
            return;
        }
        let expected = expected.clone();
        let id = self.worker.spawn(
            crate::i18n::tr("Computing the answer for the coach"),
            move || Job::CoachAnswer(i, crate::check::answer::expected_value(&expected, &cat)),
        );
        if let Some(c) = &mut self.coach {
            c.pending.insert(i, id);
        }
    }

    /// Take in an answer computed for the coach panel.
    pub(super) fn take_coach_answer(&mut self, i: usize, r: Result<String, String>) {
        if let Some(c) = &mut self.coach {
            c.pending.remove(&i);
            c.answers.insert(i, r);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_panel_scroll_stays_in_range_and_starts_over_on_another_step() {
        let mut sc = PanelScroll::default();
        assert_eq!(sc.fit(4, 30, 10), 0);
        assert!(sc.more_below());
        sc.by(50);
        assert_eq!(sc.fit(4, 30, 10), 20);
        assert!(!sc.more_below());
        sc.by(-3);
        assert_eq!(sc.top, 17);
        assert_eq!(sc.fit(5, 30, 10), 0, "another step starts at the top");
        assert_eq!(sc.fit(5, 8, 10), 0);
        assert!(!sc.more_below());
    }

    #[test]
    fn the_clock_reads_minutes_and_seconds_then_hours() {
        assert_eq!(clock(Duration::from_secs(0)), "00:00");
        assert_eq!(clock(Duration::from_secs(754)), "12:34");
        assert_eq!(clock(Duration::from_secs(3600 + 61)), "1:01:01");
    }
}
