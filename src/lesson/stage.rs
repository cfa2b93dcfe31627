//! What a step shows, computed from the loaded data: the table to browse, the
//! chart, the choices, a clean step's rules and how the table fares. UI-free: the
//! player runs these on a worker thread; tests call them directly.

use crate::chart::{Prepared, prepare};
use crate::check::answer::choice_list;
use crate::check::clean::{RuleOutcome, check_rules};
use crate::data::recipe::{Op, apply_all};
use crate::data::sql::{Catalog, SqlError};
use crate::lesson::model::{ChartSpec, Choices, Step, StepBody, TableSource};
use polars::prelude::DataFrame;

/// A step's data, ready to show.
#[derive(Debug, Clone, Default)]
pub struct Staged {
    /// The table to browse (table, clean steps; chart steps show their result too).
    pub table: Option<DataFrame>,
    /// The chart, or why it cannot be drawn.
    pub chart: Option<Result<Prepared, String>>,
    /// A choice step's options.
    pub choices: Vec<String>,
    /// A clean step's rules, tested on the table as it is now.
    pub rules: Vec<RuleOutcome>,
    /// The step's own SQL failed: a lesson problem, shown as such.
    pub error: Option<String>,
    /// The SQL the table, chart or choices came from, so mask mode can follow each
    /// column to its sources.
    pub sql: Option<String>,
}

/// Compute what `step` shows on `data`.
pub fn stage(step: &Step, data: &Catalog) -> Staged {
    let mut out = Staged::default();
    match &step.body {
        StepBody::Table { source } => match source {
            TableSource::Table(name) => match data.get(name) {
                Some(df) => out.table = Some(df.clone()),
                None => out.error = Some(format!("the lesson has no table `{name}`")),
            },
            TableSource::Sql(sql) => {
                out.sql = Some(sql.clone());
                match data.query(sql) {
                    Ok(df) => out.table = Some(df),
                    Err(e) => out.error = Some(format!("this step's query failed: {e}")),
                }
            }
        },
        StepBody::Chart { sql, chart } => {
            out.sql = Some(sql.clone());
            let run = run_query(sql, Some(chart), &step.title, data);
            match run.result {
                Ok(df) => {
                    out.table = Some(df);
                    out.chart = run.chart;
                }
                Err(e) => out.error = Some(format!("this step's query failed: {e}")),
            }
        }
        StepBody::Choice { choices, .. } => {
            if let Choices::Sql(sql) = choices {
                out.sql = Some(sql.clone());
            }
            match choice_list(choices, data) {
                Ok(list) => out.choices = list,
                Err(e) => out.error = Some(e),
            }
        }
        StepBody::Clean { table, expect, .. } => {
            return stage_clean(table, expect, &[], data);
        }
        StepBody::Read
        | StepBody::Answer { .. }
        | StepBody::Query { .. }
        | StepBody::Reflect { .. } => {}
    }
    out
}

/// A clean step's table after `ops`, with each `expect` rule tested on it.
pub fn stage_clean(
    table: &str,
    expect: &[crate::lesson::model::Rule],
    ops: &[Op],
    data: &Catalog,
) -> Staged {
    let mut out = Staged::default();
    let Some(df) = data.get(table) else {
        out.error = Some(format!("the lesson has no table `{table}`"));
        return out;
    };
    let cleaned = match apply_all(df, ops) {
        Ok((cleaned, _)) => cleaned,
        Err(e) => {
            out.error = Some(e);
            return out;
        }
    };
    match check_rules(&cleaned, expect, data) {
        Ok(rules) => out.rules = rules,
        Err(e) => out.error = Some(e),
    }
    out.table = Some(cleaned);
    out
}

/// A learner's query run: its result (or error) and its chart.
#[derive(Debug, Clone)]
pub struct QueryRun {
    /// The result, or the error in plain words.
    pub result: Result<DataFrame, SqlError>,
    /// The chart of the result, when the step has one and the query ran.
    pub chart: Option<Result<Prepared, String>>,
    /// The query, so mask mode can follow each result column to its sources.
    pub sql: String,
}

/// Run `sql` through the sandbox and chart its result.
pub fn run_query(sql: &str, chart: Option<&ChartSpec>, title: &str, data: &Catalog) -> QueryRun {
    let result = data.query(sql);
    let chart = match (&result, chart) {
        (Ok(df), Some(spec)) => Some(prepare(spec, df, title)),
        _ => None,
    };
    QueryRun {
        result,
        chart,
        sql: sql.to_string(),
    }
}
