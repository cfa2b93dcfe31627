//! The rules of `huddle check`: a lesson loads, its data loads, every query runs, and
//! every answer, solution and mistake behaves as the coach meant — on the default data.

use crate::check::answer::{expected_value, same_answer};
use crate::check::{self, Input};
use crate::data::import::{ImportError, ReadOptions, apply_types, read_raw_opts};
use crate::data::load_progress::LoadProgress;
use crate::data::sql::Catalog;
use crate::diag::{Diagnostic, Severity};
use crate::lesson::course::LessonEntry;
use crate::lesson::load::{LessonSource, Loaded, load_str};
use crate::lesson::model::{
    ChartKind, ChartSpec, Choices, Lesson, Rule, StepBody, StepKind, TableSource, ValueList,
};
use std::collections::BTreeSet;

/// What `huddle check` found in one lesson file.
#[derive(Debug, Clone, serde::Serialize)]
pub struct LessonCheck {
    /// The file as shown.
    pub file: String,
    /// The lesson id, when it could be read.
    pub id: Option<String>,
    /// Problems, errors first.
    pub diagnostics: Vec<Diagnostic>,
}

/// Check every lesson, plus rules across lessons (unique ids).
pub fn check_entries(entries: &[LessonEntry]) -> Vec<LessonCheck> {
    let mut out: Vec<LessonCheck> = Vec::new();
    let mut seen: Vec<(String, String)> = Vec::new();
    for entry in entries {
        let loaded = load_str(&entry.display, &entry.text);
        let id = loaded.lesson.as_ref().map(|l| l.meta.id.clone());
        let mut diags = loaded.diagnostics.clone();
        if let Some(lesson) = &loaded.lesson {
            diags.extend(check_lesson(entry, lesson, &loaded.source));
            diags.extend(crate::lesson::translation::missing_warnings(
                lesson,
                &loaded.source,
            ));
            if let Some((_, other)) = seen.iter().find(|(i, _)| i == &lesson.meta.id) {
                diags.push(loaded.source.diag(
                    Severity::Error,
                    "lesson.id",
                    format!("lesson id \"{}\" is also used by {other}: ids must be unique in a course, since progress is kept by id", lesson.meta.id),
                ));
            }
            seen.push((lesson.meta.id.clone(), entry.display.clone()));
        }
        diags.sort_by_key(|d| (d.severity, d.line, d.column));
        out.push(LessonCheck {
            file: entry.display.clone(),
            id,
            diagnostics: diags,
        });
    }
    out
}

/// Load a lesson's tables into a catalog. Errors are `(table, message)`.
pub fn load_tables(entry: &LessonEntry, lesson: &Lesson) -> Result<Catalog, Vec<(String, String)>> {
    load_tables_except(entry, lesson, &[])
}

/// Load a lesson's tables except those in `skip` (the learner brings their own).
pub fn load_tables_except(
    entry: &LessonEntry,
    lesson: &Lesson,
    skip: &[String],
) -> Result<Catalog, Vec<(String, String)>> {
    load_each_table(entry, lesson, skip)
        .map_err(|errors| errors.into_iter().map(|(t, e)| (t, e.message)).collect())
}

/// Why one table of a lesson did not load.
struct TableError {
    /// What went wrong, in words.
    message: String,
    /// The declared columns the problem is about (missing, or values that do not fit).
    columns: Vec<String>,
}

fn load_each_table(
    entry: &LessonEntry,
    lesson: &Lesson,
    skip: &[String],
) -> Result<Catalog, Vec<(String, TableError)>> {
    let mut catalog = Catalog::new();
    let mut errors = Vec::new();
    for (name, decl) in &lesson.tables {
        if skip.contains(name) {
            continue;
        }
        let declared: Vec<_> = decl
            .columns
            .iter()
            .map(|(n, c)| (n.clone(), c.kind))
            .collect();
        let result = entry
            .read_data(&decl.file)
            .map_err(|e| TableError {
                message: e.to_string(),
                columns: Vec::new(),
            })
            .and_then(|bytes| {
                read_raw_opts(&bytes, None, &ReadOptions::strict(), &LoadProgress::new())
                    .and_then(|raw| apply_types(raw, &declared))
                    .map_err(|e| describe_import(&decl.file, &e))
            });
        match result {
            Ok(df) => catalog.insert(name.clone(), df),
            Err(e) => errors.push((name.clone(), e)),
        }
    }
    if errors.is_empty() {
        Ok(catalog)
    } else {
        Err(errors)
    }
}

fn describe_import(file: &str, e: &ImportError) -> TableError {
    let columns = match e {
        ImportError::MissingColumns { missing, .. } => missing.clone(),
        ImportError::BadValue { column, .. } => vec![column.clone()],
        _ => Vec::new(),
    };
    TableError {
        message: format!("{file}: {e}"),
        columns,
    }
}

/// A table that did not load, reported where a coach fixes it: at each declared
/// column the problem is about (with the table's `file = …` line as context), else
/// at the `file = …` line.
fn table_diagnostics(
    source: &LessonSource,
    table: &str,
    file: &str,
    e: TableError,
) -> Vec<Diagnostic> {
    let file_path = format!("tables.{table}.file");
    let at_columns: Vec<String> = e
        .columns
        .iter()
        .map(|c| format!("tables.{table}.columns.{c}"))
        .filter(|p| source.has_key(p))
        .collect();
    if at_columns.is_empty() {
        return vec![source.diag(Severity::Error, &file_path, e.message)];
    }
    let context = match source.line_of(&file_path) {
        Some(line) => format!(" (the table's `file = \"{file}\"` is on line {line})"),
        None => String::new(),
    };
    at_columns
        .iter()
        .map(|p| source.diag_key(Severity::Error, p, format!("{}{context}", e.message)))
        .collect()
}

struct Ctx<'a> {
    source: &'a LessonSource,
    data: &'a Catalog,
    diags: Vec<Diagnostic>,
    used: BTreeSet<String>,
}

impl Ctx<'_> {
    fn error(&mut self, path: &str, msg: impl Into<String>) {
        self.diags
            .push(self.source.diag(Severity::Error, path, msg));
    }

    fn warn(&mut self, path: &str, msg: impl Into<String>) {
        self.diags
            .push(self.source.diag(Severity::Warning, path, msg));
    }

    /// Run a query; report failure at `path`.
    fn run(&mut self, path: &str, sql: &str) -> Option<polars::prelude::DataFrame> {
        if let Ok(tables) = self.data.guard(sql) {
            self.used.extend(tables);
        }
        match self.data.query(sql) {
            Ok(df) => Some(df),
            Err(e) => {
                self.error(
                    path,
                    format!("this SQL does not run on the lesson's data: {e}"),
                );
                None
            }
        }
    }

    fn chart(&mut self, path: &str, chart: &ChartSpec, df: &polars::prelude::DataFrame) {
        let names: Vec<String> = df
            .get_column_names()
            .iter()
            .map(|s| s.to_string())
            .collect();
        for col in chart.columns() {
            if !names.iter().any(|n| n == col) {
                let cands: Vec<&str> = names.iter().map(String::as_str).collect();
                self.error(
                    path,
                    format!(
                        "the chart names column `{col}`, but the query result has {}; {}",
                        cands.join(", "),
                        crate::diag::suggestion(col, &cands)
                    ),
                );
            }
        }
        if chart.y.is_none() && chart.kind != ChartKind::Histogram {
            self.error(path, "this chart needs `y`, the column with the values (only histograms count x by themselves)");
        }
        if chart.every.is_some() && chart.kind != ChartKind::Line {
            self.error(
                path,
                "`every` is for a line over dates: use `type = \"line\"`, or remove `every`",
            );
        }
    }
}

/// Run every rule of "What huddle check guarantees" on one loaded lesson.
pub fn check_lesson(
    entry: &LessonEntry,
    lesson: &Lesson,
    source: &LessonSource,
) -> Vec<Diagnostic> {
    let data = match load_each_table(entry, lesson, &[]) {
        Ok(c) => c,
        Err(errors) => {
            return errors
                .into_iter()
                .flat_map(|(t, e)| {
                    let file = lesson.tables.get(&t).map(|d| d.file.as_str()).unwrap_or("");
                    table_diagnostics(source, &t, file, e)
                })
                .collect();
        }
    };
    let mut cx = Ctx {
        source,
        data: &data,
        diags: Vec::new(),
        used: BTreeSet::new(),
    };
    for (i, step) in lesson.steps.iter().enumerate() {
        let p = format!("steps[{i}]");
        let n = i + 1;
        if step.text.as_deref().is_none_or(|t| t.trim().is_empty()) {
            cx.warn(&p, format!("step {n} has no `text`: a sentence or two helps the learner know why this step matters"));
        }
        if step.kind().is_exercise() && step.hints.is_empty() {
            cx.warn(&p, format!("step {n} is an exercise without `hints`: add at least one for a learner who is stuck"));
        }
        if step.kind() != StepKind::Query
            && let Some(k) = step.hints.iter().position(|h| is_sql_query(h))
        {
            cx.warn(
                &format!("{p}.hints[{k}]"),
                format!(
                    "step {n}'s hint {} is an SQL query, but `{}` steps have no place to run it: say it in words (what to look at or count), or make it a query step",
                    k + 1,
                    step.kind().as_str()
                ),
            );
        }
        check_step(&mut cx, &p, n, step);
    }
    for name in lesson.tables.keys() {
        if !cx.used.contains(name) {
            cx.warn(
                &format!("tables.{name}"),
                format!("table `{name}` is never used by a step: remove it or use it"),
            );
        }
    }
    cx.diags
}

fn check_step(cx: &mut Ctx<'_>, p: &str, n: usize, step: &crate::lesson::model::Step) {
    match &step.body {
        StepBody::Read | StepBody::Reflect { .. } => {}
        StepBody::Table {
            source: TableSource::Table(t),
        } => {
            if cx.data.get(t).is_some() {
                cx.used.insert(t.clone());
            } else {
                cx.error(&format!("{p}.table"), format!("step {n} shows table `{t}`, which this lesson does not declare; declare it under [tables.{t}]"));
            }
        }
        StepBody::Table {
            source: TableSource::Sql(sql),
        } => {
            cx.run(&format!("{p}.sql"), sql);
        }
        StepBody::Chart { sql, chart } => {
            if let Some(df) = cx.run(&format!("{p}.sql"), sql) {
                cx.chart(&format!("{p}.chart"), chart, &df);
            }
        }
        StepBody::Choice {
            choices, answer, ..
        } => {
            let list: Option<Vec<String>> = match choices {
                Choices::Given(c) => Some(c.clone()),
                Choices::Sql(sql) => cx
                    .run(&format!("{p}.choices_sql"), sql)
                    .map(|df| crate::check::answer::first_column_values(&df)),
            };
            let Some(list) = list else { return };
            if list.len() < 2 {
                cx.error(
                    &format!("{p}.choices"),
                    format!(
                        "step {n} offers {} choice(s): give at least two",
                        list.len()
                    ),
                );
            }
            note_sql_tables(cx, answer_sql(answer));
            match expected_value(answer, cx.data) {
                Ok(ans) => {
                    if !list.iter().any(|c| same_answer(c, &ans, 0.0)) {
                        cx.error(
                            &answer_path(p, answer),
                            format!(
                                "step {n}'s answer \"{ans}\" is not among its choices ({})",
                                list.join(", ")
                            ),
                        );
                    }
                    check_answer_mistakes(cx, p, n, step, &Input::Choice, Some(&list));
                }
                Err(e) => cx.error(&answer_path(p, answer), format!("step {n}: {e}")),
            }
        }
        StepBody::Answer { answer, .. } => {
            note_sql_tables(cx, answer_sql(answer));
            match expected_value(answer, cx.data) {
                Ok(_) => check_answer_mistakes(cx, p, n, step, &Input::Answer, None),
                Err(e) => cx.error(&answer_path(p, answer), format!("step {n}: {e}")),
            }
        }
        StepBody::Query {
            starter,
            solution,
            chart,
            ..
        } => {
            let Some(df) = cx.run(&format!("{p}.solution"), solution) else {
                return;
            };
            if let Some(chart) = chart {
                cx.chart(&format!("{p}.chart"), chart, &df);
            }
            match check::step(step, &Input::Query(solution.clone()), cx.data) {
                Ok(v) if v.pass => {}
                Ok(v) => cx.error(
                    &format!("{p}.solution"),
                    format!(
                        "step {n}'s solution does not pass its own check: {}",
                        v.message
                    ),
                ),
                Err(e) => cx.error(&format!("{p}.solution"), e),
            }
            if let Ok(v) = check::step(step, &Input::Query(starter.clone()), cx.data)
                && v.pass
            {
                cx.error(&format!("{p}.starter"), format!("step {n}'s starter already passes the check: the learner would have nothing to do"));
            }
            for (j, m) in step.mistakes.iter().enumerate() {
                let Some(sql) = &m.sql else { continue };
                let mp = format!("{p}.mistakes[{j}].sql");
                if cx.run(&mp, sql).is_none() {
                    continue;
                }
                match check::step(step, &Input::Query(sql.clone()), cx.data) {
                    Ok(v) if v.pass => cx.error(&mp, format!("mistake {} of step {n} passes the check: it is not a mistake", j + 1)),
                    Ok(v) if v.mistake != Some(j) => cx.error(
                        &mp,
                        match v.mistake {
                            Some(k) => format!("mistake {} of step {n} gives the same result as mistake {}, so its feedback is never shown", j + 1, k + 1),
                            None => format!("mistake {} of step {n} is not recognised as that mistake", j + 1),
                        },
                    ),
                    _ => {}
                }
            }
        }
        StepBody::Clean {
            table,
            expect,
            solution,
            ..
        } => {
            if cx.data.get(table).is_none() {
                cx.error(
                    &format!("{p}.table"),
                    format!("step {n} cleans table `{table}`, which this lesson does not declare"),
                );
                return;
            }
            cx.used.insert(table.clone());
            match check::step(step, &Input::Clean(Vec::new()), cx.data) {
                Ok(v) if v.pass => cx.error(&format!("{p}.expect"), format!("step {n}'s table already meets every rule before cleaning: there is nothing to clean")),
                Err(e) => cx.error(&format!("{p}.expect"), e),
                _ => {}
            }
            match check::step(step, &Input::Clean(solution.clone()), cx.data) {
                Ok(v) if v.pass => {}
                Ok(v) => cx.error(
                    &format!("{p}.solution"),
                    format!(
                        "step {n}'s solution does not make the table meet its rules: {} {}",
                        v.message,
                        v.details.join("; ")
                    ),
                ),
                Err(e) => cx.error(&format!("{p}.solution"), e),
            }
            for rule in expect {
                match rule {
                    Rule::In {
                        values: ValueList::Sql(sql),
                        ..
                    }
                    | Rule::Rows {
                        equals_sql: Some(sql),
                        ..
                    } => {
                        note_sql_tables(cx, Some(sql));
                    }
                    _ => {}
                }
            }
        }
    }
}

/// A hint that holds a whole query (`SELECT … FROM …`), which only a query step can
/// run. Naming a function (`COUNT(DISTINCT email)`) is words about SQL, not a query.
pub fn is_sql_query(hint: &str) -> bool {
    let words: Vec<String> = hint
        .split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|w| !w.is_empty())
        .map(str::to_ascii_uppercase)
        .collect();
    words
        .iter()
        .position(|w| w == "SELECT")
        .is_some_and(|i| words[i + 1..].iter().any(|w| w == "FROM"))
}

fn answer_sql(answer: &crate::lesson::model::Expected) -> Option<&str> {
    match answer {
        crate::lesson::model::Expected::Sql(s) => Some(s),
        _ => None,
    }
}

fn note_sql_tables(cx: &mut Ctx<'_>, sql: Option<&str>) {
    if let Some(sql) = sql
        && let Ok(t) = cx.data.guard(sql)
    {
        cx.used.extend(t);
    }
}

fn answer_path(p: &str, answer: &crate::lesson::model::Expected) -> String {
    match answer {
        crate::lesson::model::Expected::Sql(_) => format!("{p}.answer_sql"),
        _ => format!("{p}.answer"),
    }
}

fn check_answer_mistakes(
    cx: &mut Ctx<'_>,
    p: &str,
    n: usize,
    step: &crate::lesson::model::Step,
    wrap: &dyn Fn(String) -> Input,
    choices: Option<&[String]>,
) {
    for (j, m) in step.mistakes.iter().enumerate() {
        let Some(ans) = &m.answer else { continue };
        let mp = format!("{p}.mistakes[{j}].answer");
        if let Some(list) = choices
            && !list.iter().any(|c| same_answer(c, &ans.0, 0.0))
        {
            cx.error(
                &mp,
                format!(
                    "mistake {} of step {n} is \"{ans}\", which is not one of the choices",
                    j + 1
                ),
            );
            continue;
        }
        match check::step(step, &wrap(ans.0.clone()), cx.data) {
            Ok(v) if v.pass => cx.error(&mp, format!("mistake {} of step {n} (\"{ans}\") is accepted as right: it is not a mistake", j + 1)),
            Ok(v) if v.mistake != Some(j) => cx.error(&mp, format!("mistake {} of step {n} repeats an earlier mistake's answer, so its feedback is never shown", j + 1)),
            Err(e) => cx.error(&mp, e),
            _ => {}
        }
    }
}

/// Load a lesson from an entry (for commands that need the lesson, not a check).
pub fn load_entry(entry: &LessonEntry) -> Loaded {
    load_str(&entry.display, &entry.text)
}

#[cfg(test)]
mod hint_tests {
    use super::is_sql_query;

    #[test]
    fn a_whole_query_in_a_hint_is_found_and_words_about_sql_are_not() {
        assert!(is_sql_query("In SQL: SELECT COUNT(*) FROM members"));
        assert!(is_sql_query("select county\nfrom members group by county"));
        assert!(!is_sql_query(
            "COUNT(DISTINCT email) counts different emails."
        ));
        assert!(!is_sql_query("Select the county column, then press v."));
        assert!(!is_sql_query("Count the rows from the table view."));
    }
}
