//! One open lesson: the lesson, its loaded data, per-step state and the learner's
//! progress, with the operations the keys trigger. Drawing lives in `views`.

use super::bench::{Bench, BenchAt};
use super::step_ui::{Focus, StepUi};
use crate::check::Verdict;
use crate::data::sql::Catalog;
use crate::lesson::model::{Lesson, Step, StepBody, StepKind};
use crate::progress::clock::ActiveClock;
use crate::progress::store::Store;
use crate::progress::{LessonProgress, StepStatus};
use std::sync::Arc;
use std::time::Instant;

/// Wrong tries before `s` shows the solution.
pub const TRIES_BEFORE_SOLUTION: u32 = 3;

/// An open lesson.
pub struct Session {
    /// The lesson.
    pub lesson: Lesson,
    /// Its tables, once loaded.
    pub catalog: Option<Arc<Catalog>>,
    /// Mask mode's masker for the loaded tables.
    pub masker: Option<Arc<crate::data::mask::Masker>>,
    /// Why the tables could not be loaded.
    pub load_error: Option<String>,
    /// Per-step state.
    pub steps: Vec<StepUi>,
    /// What is saved.
    pub progress: LessonProgress,
    /// Which pane has the keyboard.
    pub focus: Focus,
    /// A message for the learner (e.g. progress moved aside).
    pub note: Option<String>,
    /// The free "clean" workspace, while it is open (it covers the step).
    pub workspace: Option<super::bench::Bench>,
    /// The workspace table's scroll and selected column.
    pub workspace_table: super::views::table::TableState,
    clock: ActiveClock,
}

impl Session {
    /// Open `lesson`, resuming the learner's saved progress.
    pub fn open(lesson: Lesson, store: &Store) -> Self {
        let ids: Vec<Option<String>> = lesson.steps.iter().map(|s| s.id.clone()).collect();
        let mut opened = store.open(&lesson.meta.id, &ids);
        opened.progress.label_with(&lesson);
        let steps = lesson
            .steps
            .iter()
            .zip(&opened.progress.steps)
            .map(|(s, p)| StepUi::new(s, p.reflection.as_deref()))
            .collect();
        // Until the data loads, masking knows the lesson's names and `pii` columns.
        let masker = Some(Arc::new(super::masking::declared(&lesson)));
        let mut s = Session {
            lesson,
            catalog: None,
            masker,
            load_error: None,
            steps,
            progress: opened.progress,
            focus: Focus::Text,
            note: opened.note,
            workspace: None,
            workspace_table: Default::default(),
            clock: ActiveClock::start(Instant::now()),
        };
        let at = s.progress.current;
        s.arrive(at);
        s
    }

    /// The current step's index.
    pub fn index(&self) -> usize {
        self.progress.current
    }

    /// The current step.
    pub fn step(&self) -> &Step {
        &self.lesson.steps[self.index()]
    }

    /// The current step's state.
    pub fn ui(&self) -> &StepUi {
        &self.steps[self.index()]
    }

    /// The current step's state, mutably.
    pub fn ui_mut(&mut self) -> &mut StepUi {
        let i = self.index();
        &mut self.steps[i]
    }

    /// The bench the cleaning keys act on: the workspace when open, else a clean step's.
    pub fn active_bench(&self) -> Option<(BenchAt, &Bench)> {
        if let Some(b) = &self.workspace {
            return Some((BenchAt::Workspace, b));
        }
        let i = self.index();
        self.steps[i].bench.as_ref().map(|b| (BenchAt::Step(i), b))
    }

    /// The bench at `at`, mutably.
    pub fn bench_mut(&mut self, at: BenchAt) -> Option<&mut Bench> {
        match at {
            BenchAt::Workspace => self.workspace.as_mut(),
            BenchAt::Step(i) => self.steps.get_mut(i).and_then(|u| u.bench.as_mut()),
        }
    }

    /// Keep a clean step's ops with the progress (ops with personal values are not kept).
    pub fn record_recipe(&mut self, i: usize) {
        let Some(ops) = self
            .steps
            .get(i)
            .and_then(|u| u.bench.as_ref())
            .map(|b| b.ops.clone())
        else {
            return;
        };
        self.keep_recipe(i, &ops);
    }

    /// Keep `ops` as step `i`'s recipe in the progress (ops with personal values are
    /// not kept).
    pub fn keep_recipe(&mut self, i: usize, ops: &[crate::data::recipe::Op]) {
        if let Some(p) = self.progress.steps.get_mut(i) {
            p.recipe = ops
                .iter()
                .filter(|op| !crate::data::recipe::holds_personal_value(op))
                .filter_map(|op| serde_json::to_value(op).ok())
                .collect();
        }
    }

    /// A clean step's saved ops (rows that no longer read are skipped).
    pub fn saved_recipe(&self, i: usize) -> Vec<crate::data::recipe::Op> {
        self.progress
            .steps
            .get(i)
            .map(|p| p.ops())
            .unwrap_or_default()
    }

    /// Whether the current step takes input.
    pub fn has_input(&self) -> bool {
        !matches!(
            self.step().kind(),
            StepKind::Read | StepKind::Table | StepKind::Chart | StepKind::Clean
        )
    }

    /// Whether the current step shows a panel beside the text.
    pub fn has_panel(&self) -> bool {
        self.step().kind() != StepKind::Read
    }

    /// Whether the step shows a chart that `v` switches with its table (chart steps,
    /// query steps with a chart); elsewhere `v` finds spelling variants.
    pub fn shows_chart(&self) -> bool {
        self.workspace.is_none()
            && match &self.step().body {
                StepBody::Chart { .. } => true,
                StepBody::Query { chart, .. } => chart.is_some(),
                _ => false,
            }
    }

    /// The current step's record.
    pub fn record(&self) -> &crate::progress::StepProgress {
        &self.progress.steps[self.index()]
    }

    fn record_mut(&mut self) -> &mut crate::progress::StepProgress {
        let i = self.index();
        &mut self.progress.steps[i]
    }

    /// Count the time since the last key towards the current step, capped.
    pub fn tick(&mut self) {
        self.tick_at(Instant::now());
    }

    /// Count the time up to `now` towards the current step (pauses capped at two minutes).
    pub fn tick_at(&mut self, now: Instant) {
        let whole = self.clock.lap(now);
        if whole > 0 {
            let rec = self.record_mut();
            rec.seconds = rec.seconds.saturating_add(whole);
        }
    }

    fn arrive(&mut self, i: usize) {
        self.progress.current = i.min(self.lesson.steps.len().saturating_sub(1));
        if self.record().status == StepStatus::NotSeen {
            self.record_mut().status = StepStatus::Open;
        }
        self.focus = Self::arrival_focus(self.step().kind());
    }

    /// Where the keyboard is on arriving at a step of `kind`: never in a box, so the
    /// keys that move between steps (`n`, `p`) are never typed. Enter, `a` or Tab
    /// goes into the box (a digit, on a choice list); Esc comes back out.
    pub fn arrival_focus(kind: StepKind) -> Focus {
        match kind {
            StepKind::Query | StepKind::Table | StepKind::Chart | StepKind::Clean => Focus::Panel,
            StepKind::Read | StepKind::Answer | StepKind::Choice | StepKind::Reflect => Focus::Text,
        }
    }

    fn leave(&mut self) {
        let kind = self.step().kind();
        // A reflection left empty is not done: nothing was written.
        let unanswered = kind.is_exercise() || kind == StepKind::Reflect;
        let rec = self.record_mut();
        if rec.status == StepStatus::Open {
            rec.status = if unanswered {
                StepStatus::Skipped
            } else {
                StepStatus::Done
            };
        }
    }

    /// Move to step `i` (clamped). Returns false when already there.
    pub fn go(&mut self, i: usize) -> bool {
        let i = i.min(self.lesson.steps.len().saturating_sub(1));
        if i == self.index() {
            return false;
        }
        self.leave();
        self.arrive(i);
        true
    }

    /// Jump to step `i` (clamped), as the coach's go-to does: unlike [`Session::go`],
    /// the step left keeps its status, so a jump never marks a step done or skipped.
    pub fn jump(&mut self, i: usize) -> bool {
        let i = i.min(self.lesson.steps.len().saturating_sub(1));
        if i == self.index() {
            return false;
        }
        self.arrive(i);
        true
    }

    /// Past the last step: the lesson is finished when every exercise passed or
    /// had its solution shown. Returns whether it is.
    pub fn finish(&mut self) -> bool {
        self.leave();
        let kinds: Vec<StepKind> = self.lesson.steps.iter().map(|s| s.kind()).collect();
        if self.progress.exercises_closed(&kinds) {
            self.progress.finished = true;
        }
        self.progress.finished
    }

    /// Exercises not passed and not shown, as 1-based step numbers.
    pub fn exercises_open(&self) -> Vec<usize> {
        self.lesson
            .steps
            .iter()
            .zip(&self.progress.steps)
            .enumerate()
            .filter(|(_, (st, rec))| st.kind().is_exercise() && !rec.status.is_closed())
            .map(|(i, _)| i + 1)
            .collect()
    }

    /// Reveal the next hint; the message says what happened.
    pub fn hint(&mut self) -> Result<(), String> {
        let n = self.step().hints.len();
        if n == 0 {
            return Err(crate::i18n::tr("This step has no hints.").into());
        }
        let shown = self.record().hints as usize;
        if shown >= n {
            return Err(crate::i18n::trf(
                "That was the last hint ({n} of {n}).",
                &[("n", &n)],
            ));
        }
        self.record_mut().hints += 1;
        Ok(())
    }

    /// The hints revealed so far.
    pub fn hints_shown(&self) -> &[String] {
        let n = (self.record().hints as usize).min(self.step().hints.len());
        &self.step().hints[..n]
    }

    /// Whether the solution may be shown now, or why not.
    pub fn may_show_solution(&self) -> Result<(), String> {
        if !self.step().kind().is_exercise() || self.step().kind() == StepKind::Reflect {
            return Err(crate::i18n::tr("This step has nothing to solve.").into());
        }
        let rec = self.record();
        if rec.status.is_closed() || rec.tries >= TRIES_BEFORE_SOLUTION {
            return Ok(());
        }
        let left = TRIES_BEFORE_SOLUTION - rec.tries;
        Err(crate::i18n::trf(
            "The solution opens after {max} tries ({tries} so far, {left} to go). Press h for a hint.",
            &[
                ("max", &TRIES_BEFORE_SOLUTION),
                ("tries", &rec.tries),
                ("left", &left),
            ],
        ))
    }

    /// Mark the solution as shown (not solved).
    pub fn mark_shown(&mut self) {
        let text = self.solution_text();
        self.ui_mut().solution = Some(text);
        if self.record().status != StepStatus::Done {
            self.record_mut().status = StepStatus::Shown;
        }
    }

    /// The solution as text for the feedback area (an `answer_sql` runs here, once).
    fn solution_text(&self) -> String {
        match &self.step().body {
            StepBody::Choice { answer, .. } | StepBody::Answer { answer, .. } => {
                match self.catalog.as_deref() {
                    Some(c) => crate::check::answer::expected_value(answer, c)
                        .unwrap_or_else(|e| format!("(could not compute: {e})")),
                    None => "(the data is still loading)".into(),
                }
            }
            StepBody::Query { solution, .. } => solution.clone(),
            StepBody::Clean { solution, .. } => solution
                .iter()
                .map(crate::data::recipe::describe)
                .collect::<Vec<_>>()
                .join("\n"),
            _ => String::new(),
        }
    }

    /// Record a verdict for step `i`: a try, and done when it passed.
    pub fn record_verdict(&mut self, i: usize, verdict: Verdict) {
        let Some(rec) = self.progress.steps.get_mut(i) else {
            return;
        };
        let graded = self.lesson.steps[i].kind() != StepKind::Reflect;
        if graded {
            rec.tries += 1;
        }
        if verdict.pass && rec.status != StepStatus::Shown {
            rec.status = StepStatus::Done;
        }
        let passed = verdict.pass;
        let ui = &mut self.steps[i];
        ui.submitted = ui.text();
        ui.verdict = Some(verdict);
        ui.note = None;
        // Right: step out of the box so `n` moves on at once.
        if passed && i == self.index() && self.focus == Focus::Input {
            self.focus = Focus::Text;
        }
        // Wrong answer: select it, so the next answer typed replaces it (arrows
        // and Backspace still edit it).
        if !passed
            && self.lesson.steps[i].kind() == StepKind::Answer
            && let Some(e) = &mut self.steps[i].editor
        {
            e.select_all();
        }
    }

    /// Save the current reflection (reflect steps).
    pub fn save_reflection(&mut self) {
        let text = self.ui().text().trim().to_string();
        if text.is_empty() {
            // Nothing written yet: stay in the box rather than step out of it.
            self.ui_mut().note = Some(
                crate::i18n::tr("Write a few words first; n moves on without writing.").into(),
            );
            return;
        }
        let rec = self.record_mut();
        rec.reflection = (!text.is_empty()).then_some(text.clone());
        rec.status = StepStatus::Done;
        self.focus = Focus::Text;
        let ui = self.ui_mut();
        ui.submitted = text;
        ui.verdict = Some(Verdict::pass(crate::i18n::tr(
            "Bring it to your next coaching call: your coach sees it only if you send your progress.",
        )));
    }

    /// Steps with something typed and not submitted.
    pub fn unsaved(&self) -> Vec<usize> {
        self.steps
            .iter()
            .enumerate()
            .filter(|(_, s)| s.unsaved())
            .map(|(i, _)| i + 1)
            .collect()
    }

    /// Tab in the SQL editor: complete the table or column name before the cursor.
    /// `false` when there is nothing to complete (Tab then moves the focus).
    pub fn complete_name(&mut self) -> bool {
        use crate::tui::complete::{Completion, complete};
        let Some(cat) = self.catalog.clone() else {
            return false;
        };
        let mut names: Vec<String> = cat.names().iter().map(|n| n.to_string()).collect();
        for t in cat.names() {
            if let Some(df) = cat.get(t) {
                names.extend(df.get_column_names().iter().map(|c| c.to_string()));
            }
        }
        let ui = self.ui_mut();
        let Some(editor) = &mut ui.editor else {
            return false;
        };
        let ratatui_textarea::DataCursor(row, col) = editor.cursor();
        let line = editor.lines().get(row).cloned().unwrap_or_default();
        match complete(&line, col, &names) {
            Completion::Insert(rest) => {
                editor.insert_str(rest);
                true
            }
            Completion::Choices(list) => {
                let shown: Vec<String> = list.into_iter().take(12).collect();
                ui.note = Some(crate::i18n::trf(
                    "Tab: {names}",
                    &[("names", &shown.join(", "))],
                ));
                true
            }
            Completion::Nothing => false,
        }
    }

    /// Cycle focus among the panes this step has.
    pub fn cycle_focus(&mut self, back: bool) {
        let mut order = vec![Focus::Text];
        if self.has_panel()
            && !matches!(
                self.step().kind(),
                StepKind::Answer | StepKind::Choice | StepKind::Reflect
            )
        {
            order.push(Focus::Panel);
        }
        if self.has_input() {
            order.push(Focus::Input);
        }
        let at = order.iter().position(|f| *f == self.focus).unwrap_or(0);
        let n = order.len();
        self.focus = order[if back { (at + n - 1) % n } else { (at + 1) % n }];
    }

    /// Save progress; the message says why it failed.
    pub fn save(&mut self, store: &Store) -> Result<(), String> {
        self.tick();
        store
            .save(&self.progress)
            .map_err(|e| crate::i18n::trf("Could not save your progress: {e}", &[("e", &e)]))
    }
}
