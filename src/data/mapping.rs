//! A learner's own export mapped onto a lesson's declared columns.
//!
//! Lessons use their declared names (`zip`, `member_id`); exports do not
//! (`ZipOrPostal`, `VanID`, `can2_county`). [`propose`] guesses a mapping —
//! remembered, same name, similar name, then by the values — the learner
//! reviews it, and [`apply`] renames and types the table so every step runs.
//! Typing is lenient: a declared column whose values do not all parse stays
//! text and a [`DataProblem`] says which rows and which cleaning op fixes them.

mod check;
mod content;
mod names;
mod saved;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_content;

pub use check::{DataProblem, column_problems, problems};
pub use names::{concept, mentions, normalize, words};
pub use saved::{
    MAPPING_FORMAT, SavedMapping, header_key, load_mapping, mappings_dir, save_mapping,
};

use crate::data::import::RawTable;
use crate::data::types::{ColumnType, convert_text_column, infer_type};
use crate::lesson::model::{
    Choices, Expected, Lesson, Rule, Step, StepBody, TableSource, ValueList,
};
use content::{Shape, fits, wanted_shape};
use polars::prelude::*;

/// A column the lesson needs, and what needs it.
#[derive(Debug, Clone, PartialEq)]
pub struct Wanted {
    /// The declared name, as lesson SQL uses it.
    pub name: String,
    /// The declared type.
    pub kind: ColumnType,
    /// The coach's description.
    pub description: Option<String>,
    /// Personal data: never shown or reported by value.
    pub pii: bool,
    /// Titles of the steps that use the column.
    pub used_by: Vec<String>,
}

/// Why a declared column got its file column (or none).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Why {
    /// The learner chose it for this lesson before.
    Remembered,
    /// The file has a column of that name (ignoring case).
    SameName,
    /// The names mean the same (`ZipOrPostal` for `zip`).
    SimilarName,
    /// The values look right (email addresses for `email`).
    Content,
    /// The learner picked it on the mapping screen.
    Chosen,
    /// Nothing in the file was found for it.
    Missing,
}

impl Why {
    /// A few words for the mapping screen, in the learner's language.
    pub fn label(self) -> &'static str {
        use crate::i18n::tr;
        match self {
            Why::Remembered => tr("remembered"),
            Why::SameName => tr("same name"),
            Why::SimilarName => tr("similar name"),
            Why::Content => tr("by its values"),
            Why::Chosen => tr("your choice"),
            Why::Missing => tr("missing"),
        }
    }
}

/// One declared column and the learner's column that stands for it.
#[derive(Debug, Clone, PartialEq)]
pub struct Pair {
    /// The declared name.
    pub declared: String,
    /// The learner's column, if any.
    pub file_column: Option<String>,
    /// How it was found.
    pub why: Why,
}

/// Declared columns (in the lesson's order) and the file column each maps to.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Mapping {
    /// One pair per declared column.
    pub pairs: Vec<Pair>,
    /// Declared columns the learner chose to go without: their steps show them blank.
    pub without: Vec<String>,
}

impl Mapping {
    /// The pair of a declared column.
    pub fn pair(&self, declared: &str) -> Option<&Pair> {
        self.pairs.iter().find(|p| p.declared == declared)
    }

    /// The file column mapped to a declared column.
    pub fn file_column(&self, declared: &str) -> Option<&str> {
        self.pair(declared).and_then(|p| p.file_column.as_deref())
    }

    /// The declared column a file column is mapped to.
    pub fn declared_for(&self, file_column: &str) -> Option<&str> {
        self.pairs
            .iter()
            .find(|p| p.file_column.as_deref() == Some(file_column))
            .map(|p| p.declared.as_str())
    }

    /// Map `declared` to `file_column` (or to nothing), as the learner's choice.
    /// A file column stands for one declared column at most: another pair that
    /// had it loses it.
    pub fn choose(&mut self, declared: &str, file_column: Option<String>) {
        if let Some(f) = &file_column {
            for p in &mut self.pairs {
                if p.declared != declared && p.file_column.as_ref() == Some(f) {
                    p.file_column = None;
                    p.why = Why::Missing;
                }
            }
        }
        let why = if file_column.is_some() {
            Why::Chosen
        } else {
            Why::Missing
        };
        match self.pairs.iter_mut().find(|p| p.declared == declared) {
            Some(p) => {
                p.file_column = file_column;
                p.why = why;
            }
            None => self.pairs.push(Pair {
                declared: declared.to_string(),
                file_column,
                why,
            }),
        }
    }
}

/// The declared columns of `table`, each with the titles of the steps that use
/// it: steps whose SQL names the table and the column, and clean steps on the
/// table whose rules or solution name the column.
pub fn wanted_columns(lesson: &Lesson, table: &str) -> Vec<Wanted> {
    let Some(decl) = lesson.tables.get(table) else {
        return Vec::new();
    };
    decl.columns
        .iter()
        .map(|(name, c)| Wanted {
            name: name.clone(),
            kind: c.kind,
            description: c.description.clone(),
            pii: c.pii,
            used_by: lesson
                .steps
                .iter()
                .filter(|s| step_uses(s, table, name))
                .map(|s| s.title.clone())
                .fold(Vec::new(), |mut acc, t| {
                    if !acc.contains(&t) {
                        acc.push(t);
                    }
                    acc
                }),
        })
        .collect()
}

/// Whether a step reads `column` of `table`.
fn step_uses(step: &Step, table: &str, column: &str) -> bool {
    let sql_uses = |sql: &str| mentions(sql, table) && mentions(sql, column);
    match &step.body {
        StepBody::Read | StepBody::Reflect { .. } => false,
        StepBody::Table { source } => match source {
            TableSource::Table(_) => false,
            TableSource::Sql(sql) => sql_uses(sql),
        },
        StepBody::Chart { sql, .. } => sql_uses(sql),
        StepBody::Choice {
            choices, answer, ..
        } => {
            matches!(choices, Choices::Sql(s) if sql_uses(s))
                || matches!(answer, Expected::Sql(s) if sql_uses(s))
        }
        StepBody::Answer { answer, .. } => matches!(answer, Expected::Sql(s) if sql_uses(s)),
        StepBody::Query { solution, .. } => sql_uses(solution),
        StepBody::Clean {
            table: t,
            expect,
            solution,
            ..
        } => {
            let own = t == table;
            let rule_uses = |r: &Rule| match r {
                Rule::In {
                    values: ValueList::Sql(s),
                    ..
                } if sql_uses(s) => true,
                Rule::Rows {
                    equals_sql: Some(s),
                    ..
                } if sql_uses(s) => true,
                r => own && r.column() == Some(column),
            };
            expect.iter().any(rule_uses)
                || (own
                    && solution
                        .iter()
                        .any(|op| op.columns_needed().contains(&column)))
        }
    }
}

/// Guess which file column stands for each declared column. In order: the
/// remembered choice (if that column is still in the file), the same name, a
/// name that means the same, then the values. Each file column is used once;
/// the same inputs always give the same mapping.
pub fn propose(wanted: &[Wanted], raw: &DataFrame, remembered: Option<&SavedMapping>) -> Mapping {
    let columns: Vec<String> = raw
        .get_column_names()
        .iter()
        .map(|s| s.to_string())
        .collect();
    let mut a = Assign {
        found: vec![None; wanted.len()],
        used: vec![false; columns.len()],
    };

    if let Some(saved) = remembered {
        for (wi, w) in wanted.iter().enumerate() {
            let hit = saved
                .columns
                .get(&w.name)
                .and_then(|f| columns.iter().position(|c| c == f));
            a.take(wi, hit, Why::Remembered);
        }
    }

    // Same name: exactly, then ignoring case and surrounding spaces.
    for exact in [true, false] {
        for (wi, w) in wanted.iter().enumerate() {
            let hit = a
                .free(wi, &columns)
                .find(|&ci| same_name(&columns[ci], &w.name, exact));
            a.take(wi, hit, Why::SameName);
        }
    }

    // Similar name: the same normalised name, else the same concept (best alias
    // first), else an alias as a word of a longer name whose values fit. Content
    // outweighs name: a mostly blank column, or one of the wrong shape, comes after
    // every candidate whose values are good (`voter_zip` before an almost empty
    // `relative_request_zip`).
    for (wi, w) in wanted.iter().enumerate() {
        let rank = |ci: usize| similar_rank(w, &columns[ci], raw);
        let weak = |ci: usize| {
            !raw.column(&columns[ci])
                .is_ok_and(|col| !content::weak_content(w, col))
        };
        let best = a
            .free(wi, &columns)
            .filter_map(|ci| rank(ci).map(|r| (weak(ci), r, ci)))
            .min()
            .map(|(_, _, ci)| ci);
        a.take(wi, best, Why::SimilarName);
    }

    // By content: specific shapes (email, phone, ZIP, dates, yes/no) first, then
    // plain numbers; the first fitting file column wins.
    for specific in [true, false] {
        for (wi, w) in wanted.iter().enumerate() {
            let Some(shape) = wanted_shape(w).filter(|s| s.specific() == specific) else {
                continue;
            };
            let hit = a.free(wi, &columns).find(|&ci| {
                raw.column(&columns[ci])
                    .is_ok_and(|col| fits(shape, col) && !(shape == Shape::Number && id_like(col)))
            });
            a.take(wi, hit, Why::Content);
        }
    }

    Mapping {
        pairs: wanted
            .iter()
            .zip(a.found)
            .map(|(w, f)| Pair {
                declared: w.name.clone(),
                file_column: f.and_then(|(ci, _)| columns.get(ci).cloned()),
                why: f.map_or(Why::Missing, |(_, why)| why),
            })
            .collect(),
        without: Vec::new(),
    }
}

/// Whether two names are the same: exactly, or ignoring case and surrounding spaces.
fn same_name(a: &str, b: &str, exact: bool) -> bool {
    if exact {
        a == b
    } else {
        a.trim().eq_ignore_ascii_case(b.trim())
    }
}

/// The file column found for each declared column so far, and which file
/// columns are taken.
struct Assign {
    found: Vec<Option<(usize, Why)>>,
    used: Vec<bool>,
}

impl Assign {
    /// File columns still free, when declared column `wi` still needs one.
    fn free<'a>(&'a self, wi: usize, columns: &'a [String]) -> impl Iterator<Item = usize> + 'a {
        let open = self.found.get(wi).is_some_and(Option::is_none);
        (0..columns.len()).filter(move |&ci| open && !self.used.get(ci).copied().unwrap_or(true))
    }

    /// Give file column `ci` to declared column `wi`, if both are free.
    fn take(&mut self, wi: usize, ci: Option<usize>, why: Why) {
        let Some(ci) = ci else { return };
        if let (Some(slot @ None), Some(u @ false)) =
            (self.found.get_mut(wi), self.used.get_mut(ci))
        {
            *slot = Some((ci, why));
            *u = true;
        }
    }
}

/// How well a file column's name matches a declared column (lower is better):
/// the same normalised name, the same concept, or a concept word in a longer
/// name whose values have the right shape.
fn similar_rank(w: &Wanted, column: &str, raw: &DataFrame) -> Option<usize> {
    let norm = normalize(&w.name);
    if !norm.is_empty() && normalize(column) == norm {
        return Some(0);
    }
    let wanted_concept = concept(&w.name)?.0;
    if let Some((c, r)) = concept(column)
        && c == wanted_concept
    {
        return Some(1 + r);
    }
    let r = names::concept_word(column, wanted_concept)?;
    let col = raw.column(column).ok()?;
    wanted_shape(w)
        .is_none_or(|s| fits(s, col))
        .then_some(1000 + r)
}

/// Codes with leading zeros (IDs, ZIPs) are not a guess for a number column.
fn id_like(col: &Column) -> bool {
    col.str().is_ok_and(|ca| {
        ca.iter()
            .flatten()
            .map(str::trim)
            .any(|v| v.len() > 1 && v.starts_with('0') && v.bytes().all(|b| b.is_ascii_digit()))
    })
}

/// Rename the mapped columns to their declared names and type the table.
///
/// Declared columns come first, in the lesson's order, then the file's other
/// columns under their own names (one whose name is taken by a declared column
/// gets `_2`, and a problem says so). A declared column whose values all parse
/// gets its type; otherwise it stays text and a problem names the rows, so no
/// value is lost and the lesson's cleaning steps can fix it. A declared column
/// with no file column is an error when a step uses it; when none does it is
/// added empty, with a note.
pub fn apply(
    raw: RawTable,
    wanted: &[Wanted],
    mapping: &Mapping,
) -> Result<(DataFrame, Vec<DataProblem>), String> {
    let names: Vec<String> = raw
        .df
        .get_column_names()
        .iter()
        .map(|s| s.to_string())
        .collect();
    let source = |w: &Wanted| {
        mapping
            .file_column(&w.name)
            .filter(|f| names.iter().any(|n| n == f))
    };
    let missing: Vec<&Wanted> = wanted
        .iter()
        .filter(|w| {
            source(w).is_none() && !w.used_by.is_empty() && !mapping.without.contains(&w.name)
        })
        .collect();
    if !missing.is_empty() {
        return Err(missing_message(&missing));
    }

    let height = raw.df.height();
    let mut notes: Vec<DataProblem> = Vec::new();
    let mut columns: Vec<Column> = Vec::with_capacity(names.len() + wanted.len());
    for w in wanted {
        let col = match source(w).and_then(|f| raw.df.column(f).ok()) {
            Some(c) => {
                let renamed = c.clone().with_name(w.name.as_str().into());
                convert_text_column(&renamed, w.kind).unwrap_or(renamed)
            }
            None => {
                let what = if w.used_by.is_empty() {
                    crate::i18n::trf(
                        "your file has no column for `{column}`; no step uses it, so it was added with every value blank",
                        &[("column", &w.name)],
                    )
                } else {
                    let steps: Vec<String> = w.used_by.iter().map(|t| format!("\"{t}\"")).collect();
                    crate::i18n::trf(
                        "your file has no column for `{column}`, so it is blank; {steps} will show it empty",
                        &[("column", &w.name), ("steps", &steps.join(", "))],
                    )
                };
                notes.push(DataProblem {
                    column: w.name.clone(),
                    what,
                    rows: Vec::new(),
                    count: 0,
                    fix: crate::i18n::tr("nothing to do; map a column to it to see its values")
                        .into(),
                    op: None,
                });
                Column::full_null(w.name.as_str().into(), height, &w.kind.dtype())
            }
        };
        columns.push(col);
    }
    let mut taken: Vec<String> = wanted.iter().map(|w| w.name.clone()).collect();
    for (name, col) in names.iter().zip(raw.df.columns()) {
        if mapping.declared_for(name).is_some() {
            continue;
        }
        let mut new_name = name.clone();
        let mut k = 2;
        while taken.contains(&new_name) || (new_name != *name && names.contains(&new_name)) {
            new_name = format!("{name}_{k}");
            k += 1;
        }
        if new_name != *name {
            let what = match mapping.file_column(name) {
                Some(f) => crate::i18n::trf(
                    "your column `{name}` is not the lesson's `{name}` (which comes from your column `{from}`), so it is called `{new_name}` here",
                    &[("name", name), ("from", &f), ("new_name", &new_name)],
                ),
                None => crate::i18n::trf(
                    "your column `{name}` is not the lesson's `{name}` (which is missing from your file), so it is called `{new_name}` here",
                    &[("name", name), ("new_name", &new_name)],
                ),
            };
            notes.push(DataProblem {
                column: new_name.clone(),
                what,
                rows: Vec::new(),
                count: 0,
                fix: crate::i18n::trf(
                    "use `{new_name}` in your own queries to see it",
                    &[("new_name", &new_name)],
                ),
                op: None,
            });
        }
        taken.push(new_name.clone());
        let renamed = col.clone().with_name(new_name.as_str().into());
        let ty = infer_type(&renamed);
        columns.push(convert_text_column(&renamed, ty).unwrap_or(renamed));
    }
    let df = DataFrame::new(height, columns)
        .map_err(|e| format!("the table could not be built: {e}"))?;
    let mut found = problems(wanted, &raw.df, mapping, &raw.row_lines);
    found.extend(notes);
    Ok((df, found))
}

/// "Your file has no column for …", with what each missing column is for.
fn missing_message(missing: &[&Wanted]) -> String {
    let parts: Vec<String> = missing
        .iter()
        .map(|w| {
            let about = w
                .description
                .as_deref()
                .map(|d| format!(" ({d})"))
                .unwrap_or_default();
            let steps: Vec<String> = w.used_by.iter().map(|t| format!("\"{t}\"")).collect();
            format!("`{}`{about}, needed by {}", w.name, steps.join(", "))
        })
        .collect();
    format!(
        "your file has no column for {}. Pick one of your columns for each on the mapping screen, or add the column to your file.",
        parts.join("; ")
    )
}
