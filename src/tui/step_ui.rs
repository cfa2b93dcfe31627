//! What the player keeps for one step while a lesson is open: the input, the
//! staged data, the last query run and verdict, scroll positions.

use super::views::table::TableState;
use crate::check::Verdict;
use crate::lesson::model::{Step, StepBody};
use crate::lesson::stage::{QueryRun, Staged};
use ratatui_textarea::TextArea;

/// Which pane has the keyboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    /// The lesson text.
    Text,
    /// The step's table or chart.
    Panel,
    /// The answer box, choice list, editor or reflection.
    Input,
}

/// Per-step player state.
pub struct StepUi {
    /// Answer box, SQL editor or reflection (steps that take text).
    pub editor: Option<TextArea<'static>>,
    /// The choice under the cursor.
    pub choice: usize,
    /// The step's data once computed.
    pub staged: Option<Staged>,
    /// The learner's last query run.
    pub run: Option<QueryRun>,
    /// The last verdict.
    pub verdict: Option<Verdict>,
    /// The job computing `staged`, while it runs (so it is not started twice).
    pub staging: Option<u64>,
    /// The newest query run or check: older results that arrive later are dropped.
    pub running: Option<u64>,
    /// The solution, once shown (computed once, not on every frame).
    pub solution: Option<String>,
    /// The text that was last submitted (to know if anything typed is unsaved).
    pub submitted: String,
    /// The step's text, rendered from Markdown on first draw.
    pub text_lines: Option<Vec<ratatui::text::Line<'static>>>,
    /// Lesson text scroll.
    pub text_scroll: u16,
    /// Table scroll.
    pub table: TableState,
    /// Query result shows the chart rather than the table (when both do not fit).
    pub show_chart: bool,
    /// A note from the player, e.g. that the solution opens after 3 tries.
    pub note: Option<String>,
    /// Clean steps: the cleaning bench, once the table is loaded.
    pub bench: Option<super::bench::Bench>,
}

impl StepUi {
    /// Fresh state for `step`; a reflect step gets back its saved text.
    pub fn new(step: &Step, reflection: Option<&str>) -> Self {
        let editor = match &step.body {
            StepBody::Answer { .. } => {
                Some(editor(&[], crate::i18n::tr("type your answer, then Enter")))
            }
            StepBody::Query { starter, .. } => {
                let lines: Vec<String> = starter.lines().map(str::to_string).collect();
                let mut e = editor(
                    &lines,
                    crate::i18n::tr("write a query: SELECT ... FROM ..."),
                );
                e.set_line_number_style(
                    ratatui::style::Style::new().add_modifier(ratatui::style::Modifier::DIM),
                );
                Some(e)
            }
            StepBody::Reflect { .. } => {
                let lines: Vec<String> = reflection
                    .map(|r| r.lines().map(str::to_string).collect())
                    .unwrap_or_default();
                let mut e = editor(
                    &lines,
                    crate::i18n::tr("write a few words for your next coaching call, then Enter"),
                );
                // A reflection is prose: long lines wrap at words inside the box.
                e.set_wrap_mode(ratatui_textarea::WrapMode::Word);
                Some(e)
            }
            _ => None,
        };
        let submitted = match &step.body {
            StepBody::Query { starter, .. } => starter.lines().collect::<Vec<_>>().join("\n"),
            StepBody::Reflect { .. } => reflection.unwrap_or_default().to_string(),
            _ => String::new(),
        };
        StepUi {
            editor,
            choice: 0,
            staged: None,
            run: None,
            verdict: None,
            staging: None,
            running: None,
            solution: None,
            submitted,
            text_lines: None,
            text_scroll: 0,
            table: TableState::default(),
            show_chart: true,
            note: None,
            bench: None,
        }
    }

    /// How many choices a choice step offers (0 until its data is ready).
    pub fn choice_count(&self) -> usize {
        self.staged.as_ref().map(|st| st.choices.len()).unwrap_or(0)
    }

    /// Show a new query result, scrolled to its top; columns keep their widths.
    pub fn show_result(&mut self, run: QueryRun) {
        self.table = self.table.fresh_keeping_widths();
        self.table.set_origin(Some(run.sql.clone()));
        self.run = Some(run);
    }

    /// The editor's text.
    pub fn text(&self) -> String {
        self.editor
            .as_ref()
            .map(|e| e.lines().join("\n"))
            .unwrap_or_default()
    }

    /// Something typed that was not submitted or saved.
    pub fn unsaved(&self) -> bool {
        self.editor.is_some() && self.text().trim() != self.submitted.trim()
    }

    /// Replace the editor's text (the solution shown in the editor).
    pub fn set_text(&mut self, text: &str) {
        if let Some(e) = &mut self.editor {
            let lines: Vec<String> = text.lines().map(str::to_string).collect();
            let mut fresh = editor(&lines, e.placeholder_text());
            fresh.set_line_number_style(e.line_number_style().unwrap_or_default());
            *e = fresh;
        }
    }
}

fn editor(lines: &[String], placeholder: &str) -> TextArea<'static> {
    let mut e = TextArea::new(if lines.is_empty() {
        vec![String::new()]
    } else {
        lines.to_vec()
    });
    e.set_placeholder_text(placeholder);
    e.set_cursor_line_style(ratatui::style::Style::new());
    e.set_tab_length(2);
    e.move_cursor(ratatui_textarea::CursorMove::Bottom);
    e.move_cursor(ratatui_textarea::CursorMove::End);
    e
}
