//! The cleaning tools in the player: the op menu and form with a before/after
//! preview, undo and redo, live re-checking of the step's rules, and the free
//! workspace on any table. State lives in [`Bench`]; work runs on the worker.

use super::app::{App, Job, Overlay};
use super::bench::{Bench, BenchAt};
use super::op_form::{FormKey, MENU, OpForm};
use crate::check::clean::check_rules;
use crate::data::preview::preview;
use crate::data::recipe::apply_all;
use crate::lesson::model::StepBody;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use std::sync::Arc;

/// Rows shown in an op's preview.
pub const PREVIEW_ROWS: usize = 8;

impl App {
    /// Make the bench for clean step `i` once its table is staged, restoring saved ops.
    pub(super) fn ensure_bench(&mut self, i: usize) {
        let Some(s) = &mut self.session else { return };
        let Some(StepBody::Clean {
            table, solution, ..
        }) = s.lesson.steps.get(i).map(|st| st.body.clone())
        else {
            return;
        };
        let Some(ui) = s.steps.get(i) else { return };
        if ui.bench.is_some() {
            return;
        }
        let Some(staged) = &ui.staged else { return };
        let Some(df) = &staged.table else { return };
        let mut bench = Bench::new(&table, Arc::new(df.clone()), staged.rules.clone());
        let mut ops = s.saved_recipe(i);
        if ops.is_empty() && ui.solution.is_some() {
            ops = solution;
        }
        let restore = !ops.is_empty();
        if restore {
            bench.set_ops(ops);
        }
        s.steps[i].bench = Some(bench);
        if restore {
            self.recompute(BenchAt::Step(i));
        }
    }

    /// Re-apply a bench's ops from its base table and re-check the rules, on the worker.
    pub(super) fn recompute(&mut self, at: BenchAt) {
        let Some(s) = &mut self.session else { return };
        let Some(cat) = s.catalog.clone() else { return };
        let expect = match at {
            BenchAt::Step(i) => match s.lesson.steps.get(i).map(|st| &st.body) {
                Some(StepBody::Clean { expect, .. }) => expect.clone(),
                _ => Vec::new(),
            },
            BenchAt::Workspace => Vec::new(),
        };
        let Some(b) = s.bench_mut(at) else { return };
        let (base, ops, version) = (Arc::clone(&b.base), b.ops.clone(), b.version);
        self.worker
            .spawn(crate::i18n::tr("Applying your cleaning"), move || {
                let result = apply_all(&base, &ops);
                let rules = match &result {
                    Ok((df, _)) => check_rules(df, &expect, &cat).unwrap_or_default(),
                    Err(_) => Vec::new(),
                };
                Job::Benched {
                    at,
                    version,
                    result,
                    rules,
                }
            });
    }

    /// Re-check only the rules after an op whose result is already known.
    fn recheck(&mut self, at: BenchAt) {
        let Some(s) = &mut self.session else { return };
        let Some(cat) = s.catalog.clone() else { return };
        let expect = match at {
            BenchAt::Step(i) => match s.lesson.steps.get(i).map(|st| &st.body) {
                Some(StepBody::Clean { expect, .. }) => expect.clone(),
                _ => return,
            },
            BenchAt::Workspace => return,
        };
        let Some(b) = s.bench_mut(at) else { return };
        let (df, outcomes, version) = (Arc::clone(&b.current), b.outcomes.clone(), b.version);
        self.worker
            .spawn(crate::i18n::tr("Checking the rules"), move || {
                let rules = check_rules(&df, &expect, &cat).unwrap_or_default();
                Job::Benched {
                    at,
                    version,
                    result: Ok(((*df).clone(), outcomes)),
                    rules,
                }
            });
    }

    /// `o`: the op menu, on a clean step or in the workspace.
    pub(super) fn open_op_menu(&mut self) {
        if self.active_bench_or_note().is_some() {
            self.overlay = Some(Overlay::OpMenu { selected: 0 });
        }
    }

    /// The active bench, or a note saying where the cleaning tools work.
    fn active_bench_or_note(&mut self) -> Option<BenchAt> {
        let s = self.session.as_mut()?;
        match s.active_bench() {
            Some((at, _)) => Some(at),
            None => {
                s.ui_mut().note = Some(
                    crate::i18n::tr(
                        "The cleaning tools work on a clean step, or press W on a table to clean it freely.",
                    )
                    .into(),
                );
                None
            }
        }
    }

    /// The selected column of the active bench's table.
    fn selected_column(&self) -> String {
        let Some(s) = &self.session else {
            return String::new();
        };
        let Some((_, b)) = s.active_bench() else {
            return String::new();
        };
        let col = match &s.workspace {
            Some(_) => s.workspace_table.col,
            None => s.ui().table.col,
        };
        b.current
            .get_column_names()
            .get(col)
            .map(|c| c.to_string())
            .unwrap_or_default()
    }

    /// Keys in the interactive cleaning popups. Returns false when the popup is not one.
    pub(super) fn cleaning_key(&mut self, key: KeyEvent) -> bool {
        match self.overlay.take() {
            Some(Overlay::OpMenu { selected }) => {
                match key.code {
                    KeyCode::Up | KeyCode::Char('k') => {
                        self.overlay = Some(Overlay::OpMenu {
                            selected: selected.saturating_sub(1),
                        })
                    }
                    KeyCode::Down | KeyCode::Char('j') => {
                        self.overlay = Some(Overlay::OpMenu {
                            selected: (selected + 1).min(MENU.len() - 1),
                        })
                    }
                    KeyCode::Enter => {
                        let column = self.selected_column();
                        if let Some(kind) = MENU.get(selected) {
                            self.overlay = Some(Overlay::OpForm {
                                form: OpForm::new(kind, &column),
                                preview: None,
                                waiting: None,
                                error: None,
                            });
                        }
                    }
                    KeyCode::Esc | KeyCode::Char('q') => {}
                    _ => self.overlay = Some(Overlay::OpMenu { selected }),
                }
                true
            }
            Some(Overlay::OpForm {
                mut form,
                preview,
                waiting,
                ..
            }) => {
                match form.key(key) {
                    FormKey::Cancel => {}
                    FormKey::Edited => {
                        // What was previewed no longer matches the form.
                        let same = preview
                            .as_ref()
                            .is_some_and(|(op, _)| form.to_op().as_ref() == Ok(op));
                        self.overlay = Some(Overlay::OpForm {
                            form,
                            preview: preview.filter(|_| same),
                            waiting: waiting.filter(|_| same),
                            error: None,
                        });
                    }
                    FormKey::Enter => self.form_enter(form, preview),
                }
                true
            }
            o @ Some(Overlay::Code { .. } | Overlay::SaveAs { .. }) => {
                self.overlay = o;
                self.export_key(key)
            }
            Some(Overlay::Facet(f)) => {
                self.facet_key(f, key);
                true
            }
            Some(Overlay::Cluster(c)) => {
                self.cluster_key(c, key);
                true
            }
            Some(Overlay::GoTo(g)) => {
                self.goto_key(g, key);
                true
            }
            other => {
                self.overlay = other;
                false
            }
        }
    }

    /// Enter in the op form: preview the op, or apply the op already previewed.
    fn form_enter(
        &mut self,
        form: OpForm,
        preview: Option<(
            crate::data::recipe::Op,
            Result<crate::data::preview::Preview, String>,
        )>,
    ) {
        let op = match form.to_op() {
            Ok(op) => op,
            Err(e) => {
                self.overlay = Some(Overlay::OpForm {
                    form,
                    preview: None,
                    waiting: None,
                    error: Some(e),
                });
                return;
            }
        };
        if let Some((seen, Ok(p))) = &preview
            && *seen == op
        {
            let Some(s) = &mut self.session else { return };
            let Some((at, _)) = s.active_bench() else {
                return;
            };
            if let Some(b) = s.bench_mut(at) {
                b.push_applied(op, p.result.clone(), p.outcome.clone());
            }
            if let BenchAt::Step(i) = at {
                s.record_recipe(i);
                self.save();
            }
            self.recheck(at);
            return;
        }
        let Some(s) = &self.session else { return };
        let Some((_, b)) = s.active_bench() else {
            return;
        };
        let df = Arc::clone(&b.current);
        let job_op = op.clone();
        let id = self.worker.spawn(crate::i18n::tr("Previewing"), move || {
            Job::Previewed(job_op.clone(), preview_job(&df, &job_op))
        });
        self.overlay = Some(Overlay::OpForm {
            form,
            preview: None,
            waiting: Some(id),
            error: None,
        });
    }

    /// A preview arrived: show it if the form still waits for it.
    pub(super) fn take_preview(
        &mut self,
        id: u64,
        op: crate::data::recipe::Op,
        p: Result<crate::data::preview::Preview, String>,
    ) {
        if let Some(Overlay::OpForm {
            preview, waiting, ..
        }) = &mut self.overlay
            && *waiting == Some(id)
        {
            *preview = Some((op, p));
            *waiting = None;
        }
    }

    /// `u`: take back the last op.
    pub(super) fn undo(&mut self) {
        self.bench_change(|b| b.undo(), crate::i18n::tr("Nothing to undo."));
    }

    /// `U`: put back the last undone op.
    pub(super) fn redo(&mut self) {
        self.bench_change(|b| b.redo(), crate::i18n::tr("Nothing to redo."));
    }

    fn bench_change(&mut self, change: impl FnOnce(&mut Bench) -> bool, none: &str) {
        let Some(at) = self.active_bench_or_note() else {
            return;
        };
        let Some(s) = &mut self.session else { return };
        let changed = s.bench_mut(at).map(change).unwrap_or(false);
        if !changed {
            s.ui_mut().note = Some(none.into());
            return;
        }
        if let BenchAt::Step(i) = at {
            s.record_recipe(i);
            self.save();
        }
        self.recompute(at);
    }

    /// `W`: open the free workspace on the table the panel shows; again to close it.
    pub(super) fn toggle_workspace(&mut self) {
        let Some(s) = &mut self.session else { return };
        if s.workspace.take().is_some() {
            return;
        }
        let ui = s.ui();
        let Some(df) = super::app::table_of(ui).cloned() else {
            s.ui_mut().note =
                Some(crate::i18n::tr("There is no table on this step to clean.").into());
            return;
        };
        let name = match &s.step().body {
            StepBody::Clean { table, .. } => table.clone(),
            StepBody::Table {
                source: crate::lesson::model::TableSource::Table(t),
            } => t.clone(),
            _ => "result".to_string(),
        };
        s.workspace_table = Default::default();
        s.workspace = Some(Bench::new(&name, Arc::new(df), Vec::new()));
    }
}

impl App {
    /// Keys while the workspace covers the step; returns true when handled.
    pub(super) fn update_workspace(&mut self, a: &super::keymap::Action) -> bool {
        use super::keymap::Action;
        let Some(s) = &mut self.session else {
            return false;
        };
        let Some(b) = &s.workspace else { return false };
        let (h, w) = (b.current.height(), b.current.width());
        let t = &mut s.workspace_table;
        match a {
            Action::Escape | Action::Quit | Action::Workspace => s.workspace = None,
            Action::Scroll(d) => t.scroll(*d, h),
            Action::Page(d) => t.scroll(d * 10, h),
            Action::Home => t.scroll(isize::MIN / 2, h),
            Action::End => t.scroll(isize::MAX / 2, h),
            Action::Column(d) => t.move_col(*d, w),
            Action::OpMenu
            | Action::Undo
            | Action::Redo
            | Action::Help
            | Action::ForceQuit
            | Action::Facet
            | Action::ToggleView
            | Action::OwnFile
            | Action::Code
            | Action::SaveRecipe
            | Action::SaveData
            | Action::ToggleMask => {
                return false;
            }
            Action::Profile => return false,
            _ => {}
        }
        true
    }
}

fn preview_job(
    df: &polars::prelude::DataFrame,
    op: &crate::data::recipe::Op,
) -> Result<crate::data::preview::Preview, String> {
    preview(df, op, PREVIEW_ROWS)
}
