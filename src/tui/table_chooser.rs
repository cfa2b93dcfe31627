//! "Which table is this file for?": after the learner picks a file with `d` in a
//! lesson with several tables, this pane names the file and lists the lesson's
//! tables, best match first with the reason, to pick with ↑↓ and Enter.

use super::browser::Browser;
use crate::data::import::RawTable;
use crate::data::mapping::{propose, wanted_columns};
use crate::lesson::model::Lesson;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use std::path::PathBuf;

/// Rows of the file read to rank the tables (enough to judge content).
const SAMPLE_ROWS: usize = 50;

/// One lesson table the file could stand in for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableOption {
    /// The lesson table.
    pub table: String,
    /// Its declared columns the file has a column for.
    pub matched: usize,
    /// Its declared columns.
    pub wanted: usize,
}

/// What a key did in the chooser.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChooserOutcome {
    /// Still choosing.
    Continue,
    /// Esc: back to the file browser.
    Back,
    /// Enter: the file stands in for this table.
    Chosen(String),
}

/// The chooser's state: the file, the ranked tables, the selected row, and the
/// browser to go back to.
pub struct TableChooser {
    /// The file picked.
    pub path: PathBuf,
    /// Its sheet, for a workbook.
    pub sheet: Option<String>,
    /// The lesson's tables, best match first (lesson order on a tie).
    pub options: Vec<TableOption>,
    /// The selected option.
    pub selected: usize,
    /// The browser as the learner left it, for Esc.
    pub back: Option<Browser>,
}

impl TableChooser {
    /// Rank `lesson`'s tables for the file whose first rows are `raw`.
    pub fn new(path: PathBuf, sheet: Option<String>, lesson: &Lesson, raw: &RawTable) -> Self {
        let head = raw.df.head(Some(SAMPLE_ROWS));
        let mut options: Vec<TableOption> = lesson
            .tables
            .keys()
            .map(|t| {
                let wanted = wanted_columns(lesson, t);
                let m = propose(&wanted, &head, None);
                let matched = m.pairs.iter().filter(|p| p.file_column.is_some()).count();
                TableOption {
                    table: t.clone(),
                    matched,
                    wanted: wanted.len(),
                }
            })
            .collect();
        // Stable: lesson order is kept among equal matches.
        options.sort_by_key(|o| std::cmp::Reverse(o.matched));
        TableChooser {
            path,
            sheet,
            options,
            selected: 0,
            back: None,
        }
    }

    /// The file's name as the learner knows it.
    pub fn file_name(&self) -> String {
        self.path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| self.path.display().to_string())
    }

    /// Act on a key: ↑↓ (k/j) move, Enter chooses, Esc goes back.
    pub fn handle(&mut self, key: KeyEvent) -> ChooserOutcome {
        if key.kind != KeyEventKind::Press || key.modifiers.contains(KeyModifiers::CONTROL) {
            return ChooserOutcome::Continue;
        }
        let last = self.options.len().saturating_sub(1);
        match key.code {
            KeyCode::Up | KeyCode::Char('k') | KeyCode::BackTab => {
                self.selected = self.selected.saturating_sub(1)
            }
            KeyCode::Down | KeyCode::Char('j') | KeyCode::Tab => {
                self.selected = (self.selected + 1).min(last)
            }
            KeyCode::Home => self.selected = 0,
            KeyCode::End => self.selected = last,
            KeyCode::Esc | KeyCode::Char('q') => return ChooserOutcome::Back,
            KeyCode::Enter => {
                if let Some(o) = self.options.get(self.selected) {
                    return ChooserOutcome::Chosen(o.table.clone());
                }
            }
            _ => {}
        }
        ChooserOutcome::Continue
    }
}
