//! The mapping screen's model: the lesson's columns, the learner's columns with a
//! few sample values, the mapping being edited and the problems it shows.
//! Drawing is in `views::mapping`; keys arrive through [`MappingScreen::handle`].

use crate::data::import::RawTable;
use crate::data::layout::HeaderChoice;
use crate::data::mapping::{DataProblem, Mapping, Wanted, Why, column_problems, concept};
use crate::data::mask::{looks_like_email, looks_like_phone};
use polars::prelude::DataFrame;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use std::borrow::Cow;
use std::collections::HashMap;

/// Sample values kept per file column.
const SAMPLES: usize = 3;
/// Rows looked at to find the samples.
const SAMPLE_SCAN: usize = 500;
/// What a masked value shows.
pub const MASKED: &str = "•••";

/// One of the learner's columns, as the screen shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct FileColumn {
    /// The header name.
    pub name: String,
    /// Up to three different non-blank values from the first rows.
    pub samples: Vec<String>,
}

/// What a key did on the mapping screen.
#[derive(Debug, Clone, PartialEq)]
pub enum MappingOutcome {
    /// Stay on the screen.
    Continue,
    /// The learner left without using their file.
    Cancel,
    /// The learner accepted this mapping.
    Confirmed(Mapping),
    /// Read the file again with its header here (`+` one line lower, `-` higher).
    Header(crate::data::layout::HeaderChoice),
}

/// The mapping screen for one table of a lesson.
#[derive(Debug, Clone)]
pub struct MappingScreen {
    /// The lesson's table being mapped.
    pub table: String,
    /// The lesson's columns for it.
    pub wanted: Vec<Wanted>,
    /// The learner's columns, in file order.
    pub columns: Vec<FileColumn>,
    /// The mapping as it stands.
    pub mapping: Mapping,
    /// Problems of the mapped columns, the selected column's first.
    pub problems: Vec<DataProblem>,
    /// Selected row: a declared column, or `wanted.len()` for "Use this mapping".
    pub cursor: usize,
    /// Something to tell the learner (why the mapping cannot be used yet).
    pub message: Option<String>,
    /// Mask personal sample values (on until the real masker is wired in).
    pub masking: bool,
    /// The learner was told which needed columns are missing; confirming again
    /// goes on without them (their steps show them blank).
    armed: bool,
    /// What reading the file found: rows set aside, the header's line and what
    /// was skipped above it (one line each).
    pub reading: Vec<String>,
    /// Rows that could not be read, left out of the table.
    pub bad_rows: Vec<crate::data::quarantine::BadRow>,
    /// The list of rows that could not be read is open (`r`).
    pub show_bad: bool,
    /// The line the header was read from (`None`: the file was read as headerless).
    pub header_line: Option<u32>,
    raw: DataFrame,
    row_lines: Vec<u32>,
    cache: HashMap<(String, String), Vec<DataProblem>>,
}

impl MappingScreen {
    /// A screen over `raw` for `table`, starting from a proposed mapping.
    pub fn new(table: &str, wanted: Vec<Wanted>, raw: &RawTable, mapping: Mapping) -> Self {
        let columns = raw
            .df
            .columns()
            .iter()
            .map(|c| FileColumn {
                name: c.name().to_string(),
                samples: samples(c),
            })
            .collect();
        let mut s = MappingScreen {
            table: table.to_string(),
            wanted,
            columns,
            mapping,
            problems: Vec::new(),
            cursor: 0,
            message: None,
            masking: true,
            armed: false,
            reading: reading_lines(raw),
            bad_rows: raw.report.quarantined.clone(),
            show_bad: false,
            header_line: raw.report.header_line,
            raw: raw.df.clone(),
            row_lines: raw.row_lines.clone(),
            cache: HashMap::new(),
        };
        s.recompute();
        s
    }

    /// The row index of "Use this mapping".
    pub fn confirm_row(&self) -> usize {
        self.wanted.len()
    }

    /// The declared column under the cursor (none on the confirm row).
    pub fn selected(&self) -> Option<&Wanted> {
        self.wanted.get(self.cursor)
    }

    /// The file column mapped to the selected declared column.
    pub fn selected_file_column(&self) -> Option<&FileColumn> {
        let name = self.mapping.file_column(&self.selected()?.name)?;
        self.columns.iter().find(|c| c.name == name)
    }

    /// Declared columns that steps use and that have no file column yet.
    pub fn blocking(&self) -> Vec<&Wanted> {
        self.wanted
            .iter()
            .filter(|w| !w.used_by.is_empty() && self.mapping.file_column(&w.name).is_none())
            .collect()
    }

    /// Act on a key press: ↑/↓ (k/j, Tab) choose a row; ←/→ (h/l) or Enter change
    /// the selected column's file column, through "(none)"; Delete sets none;
    /// Enter on "Use this mapping", or `c` anywhere, confirms; Esc or `q` cancels.
    pub fn handle(&mut self, key: KeyEvent) -> MappingOutcome {
        if key.kind != KeyEventKind::Press {
            return MappingOutcome::Continue;
        }
        // Ctrl-keys belong to the app (Ctrl-C leaves it from anywhere).
        if key.modifiers.contains(KeyModifiers::CONTROL) {
            return MappingOutcome::Continue;
        }
        if self.show_bad {
            // The list of unreadable rows is open: any key closes it.
            self.show_bad = false;
            return MappingOutcome::Continue;
        }
        let on_confirm = self.cursor == self.confirm_row();
        match key.code {
            KeyCode::Char('r') if !self.bad_rows.is_empty() => self.show_bad = true,
            KeyCode::Esc | KeyCode::Char('q') => return MappingOutcome::Cancel,
            KeyCode::Char('+') | KeyCode::Char('=') => {
                return MappingOutcome::Header(HeaderChoice::Line(
                    self.header_line.map_or(1, |l| l.saturating_add(1)),
                ));
            }
            KeyCode::Char('-') => match self.header_line {
                Some(1) => return MappingOutcome::Header(HeaderChoice::None),
                Some(l) => return MappingOutcome::Header(HeaderChoice::Line(l - 1)),
                None => {}
            },
            KeyCode::Up | KeyCode::Char('k') | KeyCode::BackTab => self.move_by(-1),
            KeyCode::Down | KeyCode::Char('j') | KeyCode::Tab => self.move_by(1),
            KeyCode::Home => self.cursor = 0,
            KeyCode::End => self.cursor = self.confirm_row(),
            KeyCode::Left | KeyCode::Char('h') if !on_confirm => self.cycle(-1),
            KeyCode::Right | KeyCode::Char('l') if !on_confirm => self.cycle(1),
            KeyCode::Enter if !on_confirm => self.cycle(1),
            KeyCode::Delete | KeyCode::Backspace if !on_confirm => self.assign(None),
            KeyCode::Enter | KeyCode::Char('c') => return self.confirm(),
            _ => {}
        }
        MappingOutcome::Continue
    }

    /// A sample value as the screen may show it. This is the masking hook: a
    /// value of a column mapped to a personal (pii) column, of a column whose
    /// name means a name, email, phone or address, or that looks like an email
    /// or phone, is masked.
    pub fn sample_text<'a>(&self, column: &str, value: &'a str) -> Cow<'a, str> {
        if !self.masking {
            return Cow::Borrowed(value);
        }
        let pii_declared = self
            .mapping
            .declared_for(column)
            .and_then(|d| self.wanted.iter().find(|w| w.name == d))
            .is_some_and(|w| w.pii);
        let personal_name = concept(column).is_some_and(|(c, _)| {
            matches!(
                c,
                "first_name" | "last_name" | "name" | "email" | "phone" | "address"
            )
        });
        if pii_declared || personal_name || looks_like_email(value) || looks_like_phone(value) {
            Cow::Borrowed(MASKED)
        } else {
            Cow::Borrowed(value)
        }
    }

    fn move_by(&mut self, d: isize) {
        self.cursor = self.cursor.saturating_add_signed(d).min(self.confirm_row());
    }

    /// Give the selected declared column the next (or previous) file column
    /// that no other declared column uses, or "(none)".
    fn cycle(&mut self, d: isize) {
        let Some(w) = self.selected() else { return };
        let declared = w.name.clone();
        let current = self.mapping.file_column(&declared).map(str::to_string);
        let mut options: Vec<Option<String>> = vec![None];
        options.extend(
            self.columns
                .iter()
                .filter(|c| {
                    self.mapping
                        .declared_for(&c.name)
                        .is_none_or(|other| other == declared)
                })
                .map(|c| Some(c.name.clone())),
        );
        let at = options.iter().position(|o| *o == current).unwrap_or(0);
        let n = options.len() as isize;
        let next = (at as isize + d).rem_euclid(n.max(1)) as usize;
        let choice = options.get(next).cloned().flatten();
        self.assign(choice);
    }

    fn assign(&mut self, file_column: Option<String>) {
        let Some(declared) = self.selected().map(|w| w.name.clone()) else {
            return;
        };
        self.mapping.choose(&declared, file_column);
        self.message = None;
        self.armed = false;
        self.recompute();
    }

    fn confirm(&mut self) -> MappingOutcome {
        let blocking: Vec<(String, usize)> = self
            .blocking()
            .iter()
            .map(|w| (w.name.clone(), w.used_by.len()))
            .collect();
        let Some((first, steps)) = blocking.first() else {
            return MappingOutcome::Confirmed(self.mapping.clone());
        };
        if self.armed {
            let mut mapping = self.mapping.clone();
            mapping.without = blocking.into_iter().map(|(n, _)| n).collect();
            return MappingOutcome::Confirmed(mapping);
        }
        self.armed = true;
        self.message = Some(if blocking.len() == 1 {
            if *steps == 1 {
                crate::i18n::trf(
                    "No `{first}` in your file (1 step uses it). Map it, or c again to go without.",
                    &[("first", first)],
                )
            } else {
                crate::i18n::trf(
                    "No `{first}` in your file ({steps} steps use it). Map it, or c again to go without.",
                    &[("first", first), ("steps", steps)],
                )
            }
        } else {
            let names: Vec<String> = blocking.iter().map(|(n, _)| format!("`{n}`")).collect();
            crate::i18n::trf(
                "No {names} in your file. Map them, or c again to go without.",
                &[("names", &names.join(", "))],
            )
        });
        if let Some(i) = self.wanted.iter().position(|w| &w.name == first) {
            self.cursor = i;
        }
        MappingOutcome::Continue
    }

    /// Problems of every mapped pair, each pair computed once and cached; the
    /// selected column's problems come first.
    fn recompute(&mut self) {
        let mut out: Vec<DataProblem> = Vec::new();
        for w in &self.wanted {
            let Some(file) = self.mapping.file_column(&w.name) else {
                continue;
            };
            let key = (w.name.clone(), file.to_string());
            if !self.cache.contains_key(&key) {
                let found = self
                    .raw
                    .column(file)
                    .map(|c| column_problems(w, file, c, &self.row_lines))
                    .unwrap_or_default();
                self.cache.insert(key.clone(), found);
            }
            if let Some(found) = self.cache.get(&key) {
                out.extend(found.iter().cloned());
            }
        }
        let selected = self.selected().map(|w| w.name.clone());
        out.sort_by_key(|p| Some(&p.column) != selected.as_ref());
        self.problems = out;
    }

    /// How a declared column got its file column (or that it has none).
    pub fn why(&self, declared: &str) -> Why {
        self.mapping.pair(declared).map_or(Why::Missing, |p| p.why)
    }
}

/// One line per thing reading the file found that the learner should know: rows
/// that could not be read (and how to see them), the header found below a title.
fn reading_lines(raw: &RawTable) -> Vec<String> {
    let report = &raw.report;
    let mut out = Vec::new();
    if !report.quarantined.is_empty() {
        out.push(crate::i18n::trf(
            "{summary} · r shows them · c goes on without them",
            &[(
                "summary",
                &crate::data::quarantine::summary(&report.quarantined),
            )],
        ));
    }
    for p in &report.notes {
        if matches!(
            p.kind,
            "title_rows_skipped" | "headerless" | "footnotes_skipped"
        ) {
            out.push(p.message.clone());
        }
    }
    out
}

/// Up to [`SAMPLES`] different non-blank values from the first rows.
fn samples(col: &polars::prelude::Column) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let Ok(ca) = col.str() else { return out };
    for v in ca.iter().take(SAMPLE_SCAN).flatten() {
        let v = v.trim();
        if !v.is_empty() && !out.iter().any(|o| o == v) {
            out.push(v.to_string());
            if out.len() == SAMPLES {
                break;
            }
        }
    }
    out
}
