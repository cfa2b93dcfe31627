//! Checking a learner's input against a step: pure functions from (step, input, data)
//! to a [`Verdict`]. The player, `huddle check` and the tests all call [`step`].

pub mod answer;
pub mod clean;
pub mod query;

use crate::data::recipe::Op;
use crate::data::sql::Catalog;
use crate::lesson::model::{Step, StepBody};
use serde::Serialize;

/// The outcome of one check.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Verdict {
    /// Right or not.
    pub pass: bool,
    /// What to tell the learner (a mistake's feedback when one matched).
    pub message: String,
    /// Further lines: what differs, which rules fail.
    pub details: Vec<String>,
    /// Index of the mistake whose feedback was given, if any.
    pub mistake: Option<usize>,
}

impl Verdict {
    /// A passing verdict.
    pub fn pass(message: impl Into<String>) -> Self {
        Verdict {
            pass: true,
            message: message.into(),
            details: Vec::new(),
            mistake: None,
        }
    }

    /// A failing verdict.
    pub fn fail(message: impl Into<String>) -> Self {
        Verdict {
            pass: false,
            message: message.into(),
            details: Vec::new(),
            mistake: None,
        }
    }
}

/// What a learner gave for a step.
#[derive(Debug, Clone)]
pub enum Input {
    /// The text of the picked choice.
    Choice(String),
    /// A typed answer.
    Answer(String),
    /// A query.
    Query(String),
    /// Cleaning ops applied to the step's table.
    Clean(Vec<Op>),
}

/// Check `input` for `step` on the loaded data. `Err` means the step itself could
/// not be evaluated (its own SQL failed) — a lesson problem, not a learner's.
pub fn step(step: &Step, input: &Input, data: &Catalog) -> Result<Verdict, String> {
    match (&step.body, input) {
        (StepBody::Choice { answer, .. }, Input::Choice(picked)) => {
            let expected = answer::expected_value(answer, data)?;
            Ok(answer::check_choice(picked, &expected, &step.mistakes))
        }
        (
            StepBody::Answer {
                answer, tolerance, ..
            },
            Input::Answer(given),
        ) => {
            let expected = answer::expected_value(answer, data)?;
            Ok(answer::check_answer(
                given,
                &expected,
                *tolerance,
                &step.mistakes,
            ))
        }
        (
            StepBody::Query {
                solution, check, ..
            },
            Input::Query(sql),
        ) => query::check_query_step(sql, solution, *check, &step.mistakes, data),
        (StepBody::Clean { table, expect, .. }, Input::Clean(ops)) => {
            clean::check_clean_step(table, expect, ops, data)
        }
        (_, _) => Err(format!(
            "a {} step cannot be checked with this kind of input",
            step.kind().as_str()
        )),
    }
}
