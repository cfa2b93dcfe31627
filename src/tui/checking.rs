//! The exercise actions of the player: checking an answer, query or cleaning,
//! running a query, showing a solution, profiling a column. Work runs on the worker.

use super::app::{App, Job, table_of};
use crate::check::{Input, Verdict};
use crate::data::profile::profile;
use crate::lesson::model::{StepBody, StepKind};
use crate::lesson::stage::{QueryRun, run_query};

impl App {
    pub(super) fn submit(&mut self) {
        let Some(s) = &mut self.session else { return };
        let i = s.index();
        let step = s.step().clone();
        if step.kind() == StepKind::Reflect {
            s.save_reflection();
            self.save();
            return;
        }
        let Some(cat) = s.catalog.clone() else {
            s.ui_mut().note =
                Some(crate::i18n::tr("The data is still loading; try again in a moment.").into());
            return;
        };
        let input = match &step.body {
            StepBody::Answer { .. } => {
                let t = s.ui().text();
                if t.trim().is_empty() {
                    s.ui_mut().note = Some(crate::i18n::tr("Type an answer first.").into());
                    return;
                }
                Input::Answer(t)
            }
            StepBody::Choice { .. } => {
                let ui = s.ui();
                match ui.staged.as_ref().and_then(|st| st.choices.get(ui.choice)) {
                    Some(c) => Input::Choice(c.clone()),
                    None => return,
                }
            }
            StepBody::Query { .. } => Input::Query(s.ui().text()),
            StepBody::Clean { .. } => Input::Clean(
                s.ui()
                    .bench
                    .as_ref()
                    .map(|b| b.ops.clone())
                    .unwrap_or_default(),
            ),
            _ => return,
        };
        let chart = match &step.body {
            StepBody::Query { chart, .. } => chart.clone(),
            _ => None,
        };
        let id =
            self.worker
                .spawn_stoppable(crate::i18n::tr("Checking your answer"), move |stop| {
                    let cat = cat.with_cancel(stop);
                    let run = match &input {
                        Input::Query(sql) => {
                            Some(run_query(sql, chart.as_ref(), &step.title, &cat))
                        }
                        _ => None,
                    };
                    let verdict = match &run {
                        Some(QueryRun { result: Err(e), .. }) => Ok(Verdict::fail(
                            crate::i18n::trf("Your query did not run: {e}", &[("e", e)]),
                        )),
                        _ => crate::check::step(&step, &input, &cat),
                    };
                    Job::Checked(i, run, verdict)
                });
        if let Some(s) = &mut self.session {
            s.steps[i].running = Some(id);
        }
    }

    pub(super) fn run_query(&mut self) {
        let Some(s) = &mut self.session else { return };
        let StepBody::Query { chart, .. } = &s.step().body else {
            return;
        };
        let Some(cat) = s.catalog.clone() else { return };
        let (i, sql, chart, title) = (
            s.index(),
            s.ui().text(),
            chart.clone(),
            s.step().title.clone(),
        );
        let id = self
            .worker
            .spawn_stoppable(crate::i18n::tr("Running your query"), move |stop| {
                let cat = cat.with_cancel(stop);
                Job::Ran(i, run_query(&sql, chart.as_ref(), &title, &cat))
            });
        if let Some(s) = &mut self.session {
            s.steps[i].running = Some(id);
        }
    }

    pub(super) fn show_solution(&mut self) {
        self.reveal_solution(false);
    }

    /// The coach showed the step's solution to everyone in a live call: no tries
    /// are needed first.
    pub(super) fn show_solution_for_all(&mut self) {
        self.reveal_solution(true);
    }

    fn reveal_solution(&mut self, coach: bool) {
        let Some(s) = &mut self.session else { return };
        let may = s.may_show_solution();
        let nothing = !s.step().kind().is_exercise() || s.step().kind() == StepKind::Reflect;
        if let Err(e) = may
            && (!coach || nothing)
        {
            s.ui_mut().note = Some(e);
            return;
        }
        s.mark_shown();
        match s.step().body.clone() {
            StepBody::Query { solution, .. } => {
                s.ui_mut().set_text(&solution);
                self.run_query();
            }
            StepBody::Clean { solution, .. } => {
                let i = s.index();
                let ui = s.ui_mut();
                ui.verdict = None;
                if let Some(b) = &mut ui.bench {
                    b.set_ops(solution);
                    s.record_recipe(i);
                    self.recompute(super::bench::BenchAt::Step(i));
                }
            }
            StepBody::Choice { .. } => {
                let ui = s.ui_mut();
                let answer = ui.solution.clone().unwrap_or_default();
                if let Some(at) = ui.staged.as_ref().and_then(|st| {
                    st.choices
                        .iter()
                        .position(|c| crate::check::answer::same_answer(c, &answer, 0.0))
                }) {
                    ui.choice = at;
                }
            }
            _ => {}
        }
        self.save();
    }

    pub(super) fn profile(&mut self) {
        let Some(s) = &self.session else { return };
        let ui = s.ui();
        let Some(df) = table_of(ui).cloned() else {
            return;
        };
        let Some(name) = df
            .get_column_names()
            .get(ui.table.col)
            .map(|n| n.to_string())
        else {
            return;
        };
        self.worker.spawn(
            crate::i18n::trf("Profiling `{name}`", &[("name", &name)]),
            move || Job::Profiled(profile(&df, &name, 5)),
        );
    }
}
