//! The player's model and its update: screens, overlays, worker jobs, and what
//! each intent does. Drawing is in `views`; keys become intents in `keymap`.

use super::keymap::{Action, Mode, action};
use super::picker::Picker;
use super::session::Session;
use super::step_ui::Focus;
use super::theme::Theme;
use super::worker::Worker;
use crate::data::profile::ColumnProfile;
use crate::lesson::course::LessonEntry;
use crate::lesson::model::{StepBody, StepKind};
use crate::lesson::stage::{QueryRun, Staged, stage};
use crate::lesson::validate::{load_entry, load_tables};
use crate::progress::store::Store;
use ratatui::crossterm::event::{Event, KeyCode, KeyEventKind, KeyModifiers, MouseEventKind};
use std::sync::Arc;
use std::time::Duration;

pub use super::job::Job;

/// A popup over the screen. Only one is open at a time, so the size of its largest
/// variant does not matter.
#[derive(Debug, Clone)]
#[allow(clippy::large_enum_variant)]
pub enum Overlay {
    /// The keys.
    Help,
    /// Quit with unsaved typing?
    ConfirmQuit(Vec<usize>),
    /// Reset a lesson's progress? (picker row)
    ConfirmReset(usize),
    /// A column's profile.
    Profile(ColumnProfile),
    /// The end of a lesson.
    Finished,
    /// A message to read.
    Message(String),
    /// The cleaning-op menu.
    OpMenu {
        /// The op under the cursor.
        selected: usize,
    },
    /// One op's settings, with its preview once computed.
    OpForm {
        /// The settings.
        form: super::op_form::OpForm,
        /// The op previewed and what it would do.
        preview: Option<(
            crate::data::recipe::Op,
            Result<crate::data::preview::Preview, String>,
        )>,
        /// The preview job running.
        waiting: Option<u64>,
        /// Why the settings do not make an op.
        error: Option<String>,
    },
    /// A column's values with their counts.
    Facet(super::facet::Facet),
    /// Clusters of spellings to merge.
    Cluster(super::facet::ClusterView),
    /// The recipe as code: SQL, pandas or dplyr.
    Code {
        /// Index into [`super::export::LANGS`].
        lang: usize,
        /// Lines scrolled.
        scroll: u16,
    },
    /// Coach mode: the list of steps to jump to.
    GoTo(super::coach::GoTo),
    /// Where to save the recipe or the cleaned table.
    SaveAs {
        /// Recipe or data.
        what: super::export::SaveWhat,
        /// The path typed.
        path: String,
        /// Why the last try failed.
        error: Option<String>,
    },
}

impl Overlay {
    /// Popups that take keys themselves (menus and forms) rather than closing on any key.
    pub fn interactive(&self) -> bool {
        matches!(
            self,
            Overlay::OpMenu { .. }
                | Overlay::OpForm { .. }
                | Overlay::Facet(_)
                | Overlay::Cluster(_)
                | Overlay::Code { .. }
                | Overlay::SaveAs { .. }
                | Overlay::GoTo(_)
        )
    }
}

/// The whole player.
pub struct App {
    /// Styles.
    pub theme: Theme,
    /// Where progress is saved.
    pub store: Store,
    /// The lesson list.
    pub picker: Picker,
    /// The open lesson.
    pub session: Option<Session>,
    /// The lesson was opened from the picker (so `q` goes back to it).
    pub from_picker: bool,
    /// A popup.
    pub overlay: Option<Overlay>,
    /// Background work.
    pub worker: Worker<Job>,
    /// Set when the app should end.
    pub quit: bool,
    /// Animation frame for the spinner.
    pub spinner: usize,
    /// Panes' places at the last draw, for the mouse wheel.
    pub panes: super::views::Panes,
    /// Mask mode (`--mask`, `m`): personal values are hidden on screen.
    pub masked: bool,
    /// The learner's own files for the open lesson's tables.
    pub own: Vec<super::own_data::OwnFile>,
    /// The open lesson's entry (to re-open it with another file).
    pub entry: Option<LessonEntry>,
    /// Own files being mapped.
    pub own_load: Option<super::own_flow::OwnLoad>,
    /// Progress of reading own files.
    pub load_progress: Option<crate::data::load_progress::LoadProgress>,
    /// The file browser ("use my own file"), while open.
    pub browser: Option<super::browser::Browser>,
    /// "Which table is this file for?", after the browser in a lesson with several tables.
    pub table_chooser: Option<super::table_chooser::TableChooser>,
    /// The browser to go back to while a picked file is read for the table chooser.
    pub probe_back: Option<super::browser::Browser>,
    /// Coach mode (`--coach`): the coach panel and the call timer.
    pub coach: Option<super::coach::Coach>,
    /// `--watch`: the lesson file reloaded when it changes.
    pub watch: Option<super::watch::Watch>,
    /// A live cohort call: the coach's room or the learner's session bar.
    pub live: Option<super::live::Live>,
    /// "Join a cohort call" (`J` in the lesson list), while open.
    pub join_prompt: Option<super::join_prompt::JoinPrompt>,
}

impl App {
    /// The player on a course, starting at the picker.
    pub fn new(course: Vec<LessonEntry>, store: Store, theme: Theme) -> Self {
        let picker = Picker::new(course, &store);
        App {
            theme,
            store,
            picker,
            session: None,
            from_picker: true,
            overlay: None,
            worker: Worker::default(),
            quit: false,
            spinner: 0,
            panes: Default::default(),
            masked: false,
            own: Vec::new(),
            entry: None,
            own_load: None,
            load_progress: None,
            browser: None,
            table_chooser: None,
            probe_back: None,
            coach: None,
            watch: None,
            live: None,
            join_prompt: None,
        }
    }

    /// Open a lesson directly (`huddle run`); `q` then leaves the app.
    pub fn open_direct(&mut self, entry: LessonEntry) -> Result<(), String> {
        self.from_picker = false;
        self.open(entry)
    }

    /// Open a lesson entry: parse it, resume progress, start loading its data.
    pub fn open(&mut self, entry: LessonEntry) -> Result<(), String> {
        // `lesson` is None when the file has any error.
        let own_words = load_entry(&entry).lesson;
        let Some(lesson) = own_words
            .as_ref()
            .map(|l| crate::lesson::translation::localize(l, crate::i18n::lang().tag()))
        else {
            return Err(format!(
                "{} has errors, so it cannot be opened. Run `huddle check {}` to see them.",
                entry.display, entry.display
            ));
        };
        if lesson.steps.is_empty() {
            return Err(format!("{} has no steps.", entry.display));
        }
        super::own_data::check_tables(&self.own, &lesson)?;
        let mut session = Session::open(lesson.clone(), &self.store);
        // Reports name steps in the lesson's own words, as the course does.
        if let Some(own_words) = &own_words {
            session.progress.label_with(own_words);
        }
        let name = lesson.tables.keys().cloned().collect::<Vec<_>>().join(", ");
        self.session = Some(session);
        self.worker.cancel_all();
        self.own_load = None;
        self.load_progress = None;
        self.entry = Some(entry.clone());
        if let Some(c) = &mut self.coach {
            c.forget_answers();
            c.started = std::time::Instant::now();
        }
        if !self.own.is_empty() {
            self.load_own(entry, lesson);
            self.save();
            return Ok(());
        }
        self.worker.spawn(
            crate::i18n::trf("Loading {name}", &[("name", &name)]),
            move || {
                Job::Loaded(
                    load_tables(&entry, &lesson)
                        .map(|cat| {
                            let m = super::masking::for_lesson(&lesson, &cat);
                            (cat, m)
                        })
                        .map_err(|errs| {
                            errs.into_iter()
                                .map(|(t, m)| format!("table `{t}`: {m}"))
                                .collect::<Vec<_>>()
                                .join("\n")
                        }),
                )
            },
        );
        self.save();
        Ok(())
    }

    /// The masker to draw with: `None` unless mask mode is on. Before the data has
    /// loaded, headers and content alone decide.
    pub fn active_mask(&self) -> Option<Arc<crate::data::mask::Masker>> {
        if !self.masked {
            return None;
        }
        Some(
            self.session
                .as_ref()
                .and_then(|s| s.masker.clone())
                .unwrap_or_default(),
        )
    }

    /// The keymap that applies now.
    pub fn mode(&self) -> Mode {
        if let Some(o) = &self.overlay {
            return match o {
                Overlay::ConfirmQuit(_) | Overlay::ConfirmReset(_) => Mode::Confirm,
                _ => Mode::Popup,
            };
        }
        let Some(s) = &self.session else {
            return Mode::Picker;
        };
        if s.focus != Focus::Input || !s.has_input() {
            return Mode::Lesson;
        }
        match s.step().kind() {
            StepKind::Answer => Mode::AnswerInput,
            StepKind::Choice => Mode::ChoiceInput,
            StepKind::Query => Mode::QueryInput,
            StepKind::Reflect => Mode::ReflectInput,
            _ => Mode::Lesson,
        }
    }

    /// Handle one terminal event.
    pub fn handle(&mut self, event: Event) {
        if let Some(s) = &mut self.session {
            s.tick();
        }
        match event {
            Event::Key(key) if key.kind == KeyEventKind::Press => {
                let ctrl_c = key.modifiers.contains(KeyModifiers::CONTROL)
                    && matches!(key.code, KeyCode::Char('c') | KeyCode::Char('C'));
                if !ctrl_c && self.overlay.is_none() {
                    if self.join_prompt.is_some() && self.join_key(key) {
                        return;
                    }
                    if self.browser.is_some() && self.browser_key(key) {
                        return;
                    }
                    if self.table_chooser.is_some() && self.chooser_key(key) {
                        return;
                    }
                    if super::own_flow::screen(self).is_some() && self.mapping_key(key) {
                        return;
                    }
                }
                if !ctrl_c
                    && self.overlay.as_ref().is_some_and(Overlay::interactive)
                    && self.cleaning_key(key)
                {
                    return;
                }
                if !ctrl_c && self.live_key(key) {
                    return;
                }
                if let Some(a) = action(self.mode(), key) {
                    self.update(a);
                }
            }
            Event::Mouse(m) => {
                let delta = match m.kind {
                    MouseEventKind::ScrollUp => -3,
                    MouseEventKind::ScrollDown => 3,
                    _ => return,
                };
                if self.overlay.is_none() {
                    // The wheel scrolls what is under it; it never puts the keyboard in a
                    // box (only Enter, `a` or Tab do), so no key typed next lands there.
                    if let (Some(s), Some(f)) = (&mut self.session, self.panes.at(m.column, m.row))
                    {
                        s.focus = if f == Focus::Input { Focus::Panel } else { f };
                    }
                    self.update(Action::Scroll(delta));
                }
            }
            _ => {}
        }
    }

    /// Take in finished background work.
    pub fn poll_jobs(&mut self) -> bool {
        let done = self.worker.drain();
        let any = !done.is_empty();
        for (id, r) in done {
            self.apply(id, r);
        }
        any
    }

    /// Wait until background work is done (tests and scripted runs).
    pub fn settle(&mut self, timeout: Duration) {
        while self.worker.busy().is_some() {
            match self.worker.wait(timeout) {
                Some((id, r)) => self.apply(id, r),
                None => break,
            }
        }
    }

    fn apply(&mut self, id: u64, r: Result<Job, String>) {
        let job = match r {
            Ok(job) => job,
            Err(e) => {
                self.overlay = Some(Overlay::Message(e));
                return;
            }
        };
        let job = match job {
            Job::Profiled(p) => {
                if let Some(p) = p {
                    self.overlay = Some(Overlay::Profile(p));
                }
                return;
            }
            Job::Previewed(op, p) => return self.take_preview(id, op, p),
            Job::CoachAnswer(i, r) => return self.take_coach_answer(i, r),
            job @ (Job::Counted(..) | Job::Clustered(..)) => return self.take_counts(job),
            Job::ReadOwn(r) => return self.own_read(*r),
            Job::Probed(r) => {
                let (path, sheet, raw) = *r;
                return self.probed(path, sheet, raw);
            }
            Job::Reread(r) => {
                let (file, raw) = *r;
                return self.own_reread(file, raw);
            }
            Job::Mapped(file, rows, r) => return self.own_mapped(file, rows, r),
            Job::Benched {
                at,
                version,
                result,
                rules,
            } => {
                if let Some(b) = self.session.as_mut().and_then(|s| s.bench_mut(at)) {
                    b.settle(version, result, rules);
                }
                return;
            }
            job => job,
        };
        let Some(s) = &mut self.session else { return };
        match job {
            Job::Loaded(Ok((cat, masker))) => {
                s.catalog = Some(Arc::new(cat));
                s.masker = Some(Arc::new(masker));
                s.load_error = None;
                if let Some(c) = &mut self.coach {
                    c.forget_answers();
                }
                self.stage_current();
            }
            Job::Loaded(Err(e)) => s.load_error = Some(e),
            Job::Staged(i, st) => {
                if let Some(ui) = s.steps.get_mut(i) {
                    if ui.run.is_none() && ui.bench.is_none() {
                        ui.table.set_origin(st.sql.clone());
                    }
                    ui.staged = Some(st);
                    ui.staging = None;
                }
                self.ensure_bench(i);
            }
            Job::Ran(i, run) => {
                if let Some(ui) = s.steps.get_mut(i).filter(|ui| ui.running == Some(id)) {
                    ui.show_result(run);
                }
            }
            Job::Checked(i, run, verdict) => {
                if let (Some(run), Some(ui)) = (run, s.steps.get_mut(i))
                    && ui.running == Some(id)
                {
                    ui.show_result(run);
                }
                // A submitted answer counts even if a newer run replaced its result.
                match verdict {
                    Ok(v) => s.record_verdict(i, v),
                    Err(e) => {
                        if let Some(ui) = s.steps.get_mut(i) {
                            ui.note = Some(crate::i18n::trf(
                                "This step could not be checked: {e}. Tell your coach; it is a problem in the lesson, not your answer.",
                                &[("e", &e)],
                            ));
                        }
                    }
                }
                self.save();
            }
            Job::Profiled(_)
            | Job::Previewed(..)
            | Job::Benched { .. }
            | Job::Counted(..)
            | Job::Clustered(..)
            | Job::CoachAnswer(..)
            | Job::ReadOwn(_)
            | Job::Probed(_)
            | Job::Reread(_)
            | Job::Mapped(..) => {}
        }
    }

    /// Start computing the current step's data, if it is not there yet.
    pub(super) fn stage_current(&mut self) {
        self.coach_answer();
        let Some(s) = &mut self.session else { return };
        let Some(cat) = s.catalog.clone() else { return };
        let i = s.index();
        if s.steps[i].staged.is_some() || s.steps[i].staging.is_some() {
            return;
        }
        let step = s.step().clone();
        if step.kind() == StepKind::Read
            || matches!(
                step.body,
                StepBody::Answer { .. } | StepBody::Reflect { .. }
            )
        {
            s.steps[i].staged = Some(Staged::default());
            return;
        }
        let id = self
            .worker
            .spawn(crate::i18n::tr("Getting the data ready"), move || {
                Job::Staged(i, stage(&step, &cat))
            });
        if let Some(s) = &mut self.session {
            s.steps[i].staging = Some(id);
        }
    }

    pub(super) fn save(&mut self) {
        let Some(s) = &mut self.session else { return };
        if let Err(e) = s.save(&self.store) {
            s.note = Some(e);
        }
    }

    /// Carry out an intent.
    pub fn update(&mut self, a: Action) {
        if a == Action::ForceQuit {
            self.save();
            self.quit = true;
            return;
        }
        if self.overlay.is_some() {
            return self.update_overlay(a);
        }
        if self.session.is_none() {
            return self.update_picker(a);
        }
        self.update_lesson(a);
    }

    fn update_overlay(&mut self, a: Action) {
        let Some(o) = self.overlay.take() else { return };
        match (o, a) {
            (Overlay::ConfirmQuit(_), Action::Yes) => self.close_lesson(),
            (Overlay::ConfirmReset(i), Action::Yes) => {
                if let Err(e) = self.picker.reset(i, &self.store) {
                    self.overlay = Some(Overlay::Message(e));
                }
            }
            (Overlay::Finished, _) => {
                if self.from_picker {
                    self.close_lesson();
                } else {
                    self.save();
                    self.quit = true;
                }
            }
            _ => {}
        }
    }

    fn update_picker(&mut self, a: Action) {
        match a {
            Action::Scroll(d) => self.picker.move_by(d),
            Action::Page(d) => self.picker.move_by(d * 5),
            Action::Home => self.picker.move_by(isize::MIN / 2),
            Action::End => self.picker.move_by(isize::MAX / 2),
            Action::Help => self.overlay = Some(Overlay::Help),
            Action::ToggleMask => self.masked = !self.masked,
            Action::Quit => self.quit = true,
            Action::JoinCall if self.live.is_none() => {
                self.join_prompt = Some(Default::default());
            }
            Action::Reset if self.picker.selected_started() => {
                self.overlay = Some(Overlay::ConfirmReset(self.picker.selected));
            }
            Action::Open => {
                if let Some(entry) = self.picker.selected_entry()
                    && let Err(e) = self.open(entry)
                {
                    self.overlay = Some(Overlay::Message(e));
                }
            }
            _ => {}
        }
    }

    fn close_lesson(&mut self) {
        self.save();
        self.worker.cancel_all();
        self.session = None;
        if self.from_picker {
            self.picker.refresh(&self.store);
            // A call joined from the list ends with its lesson; progress stays here.
            if self.live.is_some() {
                let _ = self.close_live();
                self.overlay = Some(Overlay::Message(
                    crate::i18n::tr("You left the call. Your progress is kept on this computer.")
                        .to_string(),
                ));
            }
        } else {
            self.quit = true;
        }
    }

    fn update_lesson(&mut self, a: Action) {
        if self.coach_action(&a) {
            return;
        }
        let Some(s) = &mut self.session else { return };
        if s.workspace.is_some() && self.update_workspace(&a) {
            return;
        }
        let Some(s) = &mut self.session else { return };
        let kind = s.step().kind();
        match a {
            Action::Quit => {
                let unsaved = s.unsaved();
                if unsaved.is_empty() {
                    self.close_lesson();
                } else {
                    self.overlay = Some(Overlay::ConfirmQuit(unsaved));
                }
            }
            Action::Next => {
                if s.index() + 1 >= s.lesson.steps.len() {
                    // The overlay says whether the lesson is finished or what is left.
                    let _ = s.finish();
                    self.save();
                    self.overlay = Some(Overlay::Finished);
                } else {
                    let i = s.index() + 1;
                    if let Some(Err(e)) = self.live.as_ref().map(|l| l.may_go(i)) {
                        s.ui_mut().note = Some(e);
                        return;
                    }
                    s.go(i);
                    self.save();
                    self.stage_current();
                }
            }
            Action::Prev => {
                let i = s.index().saturating_sub(1);
                if s.go(i) {
                    self.save();
                    self.stage_current();
                }
            }
            Action::Escape => {
                if self.worker.cancel_all() {
                    if let Some(progress) = self.load_progress.take() {
                        // The reading thread stops at its next check, freeing memory.
                        progress.cancel();
                        s.load_error = Some(
                            crate::i18n::tr(
                                "You stopped reading your file. Press d to choose a file again, or q to leave.",
                            )
                            .into(),
                        );
                    }
                    // Forgotten jobs will not report: let the step start them again.
                    for ui in &mut s.steps {
                        ui.staging = None;
                    }
                    s.ui_mut().note = Some(crate::i18n::tr("Stopped.").into());
                } else if s.focus == Focus::Input {
                    s.focus = if s.has_panel()
                        && !matches!(
                            kind,
                            StepKind::Answer | StepKind::Choice | StepKind::Reflect
                        ) {
                        Focus::Panel
                    } else {
                        Focus::Text
                    };
                }
            }
            Action::FocusNext => s.cycle_focus(false),
            Action::Complete => {
                if !s.complete_name() {
                    s.cycle_focus(false);
                }
            }
            Action::FocusPrev => s.cycle_focus(true),
            Action::FocusInput => match kind {
                _ if s.has_input() => s.focus = Focus::Input,
                StepKind::Clean => self.submit(),
                _ => self.update_lesson(Action::Next),
            },
            Action::Hint => {
                let r = s.hint();
                s.ui_mut().note = r.err();
                self.save();
            }
            Action::Solution => self.show_solution(),
            Action::Help => self.overlay = Some(Overlay::Help),
            Action::Submit => self.submit(),
            Action::Run => self.run_query(),
            Action::ToggleView if s.shows_chart() => {
                let ui = s.ui_mut();
                ui.show_chart = !ui.show_chart;
            }
            Action::ToggleView => self.open_clusters(0),
            Action::Profile => self.profile(),
            Action::Pick(n) => {
                if kind == StepKind::Choice && n < s.ui().choice_count() {
                    s.ui_mut().choice = n;
                    s.focus = Focus::Input;
                }
            }
            Action::ChoiceMove(d) => {
                let count = s.ui().choice_count();
                let ui = s.ui_mut();
                ui.choice = ui
                    .choice
                    .saturating_add_signed(d)
                    .min(count.saturating_sub(1));
            }
            Action::Edit(key) => {
                if let Some(e) = &mut s.ui_mut().editor {
                    e.input(key);
                }
            }
            Action::Scroll(d) => self.scroll(d),
            Action::Page(d) => self.scroll(d * 10),
            Action::Home => self.scroll(isize::MIN / 2),
            Action::End => self.scroll(isize::MAX / 2),
            Action::Column(d) => {
                let ui = s.ui_mut();
                let width = table_of(ui).map(|df| df.width()).unwrap_or(0);
                ui.table.move_col(d, width);
            }
            Action::OpMenu => self.open_op_menu(),
            Action::Undo => self.undo(),
            Action::Redo => self.redo(),
            Action::Workspace => self.toggle_workspace(),
            Action::ToggleMask => self.masked = !self.masked,
            Action::Facet => self.open_facet(),
            Action::OwnFile => self.open_browser(),
            Action::Code => self.open_code(),
            Action::SaveRecipe => {
                if !self.open_picture_save() {
                    self.open_save(super::export::SaveWhat::Recipe)
                }
            }
            Action::SaveData => self.open_save(super::export::SaveWhat::Data),
            Action::ForceQuit
            | Action::Yes
            | Action::No
            | Action::Reset
            | Action::JoinCall
            | Action::Open
            | Action::GoTo
            | Action::CoachPanel
            | Action::CoachTimer
            | Action::CoachScroll(_) => {}
        }
    }

    fn scroll(&mut self, d: isize) {
        let Some(s) = &mut self.session else { return };
        match s.focus {
            Focus::Text => {
                let ui = s.ui_mut();
                ui.text_scroll = (ui.text_scroll as isize + d).clamp(0, u16::MAX as isize) as u16;
            }
            Focus::Panel | Focus::Input => {
                let ui = s.ui_mut();
                if let Some(h) = table_of(ui).map(|df| df.height()) {
                    ui.table.scroll(d, h);
                }
            }
        }
    }
}

/// The table a step's panel shows: the learner's query result, or the staged table.
pub fn table_of(ui: &super::step_ui::StepUi) -> Option<&polars::prelude::DataFrame> {
    if let Some(b) = &ui.bench {
        return Some(&b.current);
    }
    match &ui.run {
        Some(QueryRun { result: Ok(df), .. }) => Some(df),
        _ => ui.staged.as_ref().and_then(|st| st.table.as_ref()),
    }
}
