//! Flat serde shapes for the parts of a lesson whose keys depend on a kind
//! (steps by `kind`, rules by `rule`), and their conversion to typed values.

use crate::data::types::ColumnType;
use crate::lesson::model::{
    AnswerValue, ChartSpec, Choices, Expected, QueryCheck, Rule, StepBody, StepKind, TableSource,
    ValueList,
};
use schemars::JsonSchema;
use serde::Deserialize;

/// Keys every step accepts.
pub const COMMON_STEP_KEYS: &[&str] = &["kind", "id", "title", "text", "coach"];
/// Keys only exercise steps accept.
pub const EXERCISE_KEYS: &[&str] = &["hints", "mistakes"];

/// Keys a step of `kind` accepts beyond the common ones.
pub fn step_keys(kind: StepKind) -> &'static [&'static str] {
    match kind {
        StepKind::Read => &[],
        StepKind::Table => &["table", "sql"],
        StepKind::Chart => &["sql", "chart"],
        StepKind::Choice => &["question", "choices", "choices_sql", "answer", "answer_sql"],
        StepKind::Answer => &["question", "answer", "answer_sql", "tolerance"],
        StepKind::Query => &["question", "starter", "solution", "check", "chart"],
        StepKind::Clean => &["question", "table", "expect", "solution"],
        StepKind::Reflect => &["question"],
    }
}

/// A `[[steps]]` table with every key any kind may use.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct StepSpec {
    /// What the learner does: read, table, chart, choice, answer, query, clean or reflect.
    pub kind: StepKind,
    /// Optional stable id (`[a-z0-9-]+`): keeps a learner's progress when steps are reordered.
    pub id: Option<String>,
    /// The step's title, shown in the header.
    pub title: String,
    /// What the learner reads first (Markdown: paragraphs, *emphasis*, lists, `code`).
    pub text: Option<String>,
    /// Notes shown only in coach mode: what to ask, what to watch for.
    pub coach: Option<String>,
    /// Hints revealed one at a time: start with a nudge, end near the answer.
    #[serde(default)]
    pub hints: Vec<String>,
    /// Common wrong answers, each with the feedback that teaches (read separately by the loader).
    #[schemars(
        with = "Option<Vec<super::schema::Translated<crate::lesson::model::Mistake, super::schema::MistakeText>>>"
    )]
    pub mistakes: Option<toml::Value>,
    /// The question the learner answers.
    pub question: Option<String>,
    /// A declared table's name (`[tables.NAME]`).
    pub table: Option<String>,
    /// An SQL query over the declared tables.
    pub sql: Option<String>,
    /// How to draw the result: `{ type = "bar", x = "county", y = "members" }`.
    pub chart: Option<ChartSpec>,
    /// The options, written out (or compute them with `choices_sql`).
    pub choices: Option<Vec<AnswerValue>>,
    /// A query whose first column gives the options, computed on the data loaded.
    pub choices_sql: Option<String>,
    /// The right answer, written out (or compute it with `answer_sql`).
    pub answer: Option<AnswerValue>,
    /// A query returning exactly one value: the right answer on whatever data is loaded.
    pub answer_sql: Option<String>,
    /// How far a number answer may be from the right one (absolute, default 0).
    pub tolerance: Option<f64>,
    /// The text the SQL editor starts with.
    pub starter: Option<String>,
    /// A query step's SQL, or a clean step's list of ops (read by the loader).
    #[schemars(with = "Option<String>")]
    pub solution: Option<toml::Value>,
    /// How a query's result is compared with the solution's.
    pub check: Option<QueryCheck>,
    /// Rules the cleaned table must meet (read rule by rule by the loader).
    #[schemars(with = "Option<Vec<super::schema::ExpectRule>>")]
    pub expect: Option<toml::Value>,
}

/// Which of two alternative keys a step used.
enum OneOf<T> {
    First(T),
    Second(T),
}

/// Exactly one of two keys: `(a, b)` present → the value, both or none → a message.
fn one_of<T>(
    a: (&str, Option<T>),
    b: (&str, Option<T>),
    kind: StepKind,
) -> Result<OneOf<T>, String> {
    match (a.1, b.1) {
        (Some(x), None) => Ok(OneOf::First(x)),
        (None, Some(y)) => Ok(OneOf::Second(y)),
        (Some(_), Some(_)) => Err(format!(
            "a `{}` step takes `{}` or `{}`, not both: remove one",
            kind.as_str(),
            a.0,
            b.0
        )),
        (None, None) => Err(format!(
            "a `{}` step needs `{}` or `{}`",
            kind.as_str(),
            a.0,
            b.0
        )),
    }
}

fn required<T>(v: Option<T>, key: &str, kind: StepKind) -> Result<T, String> {
    v.ok_or_else(|| format!("a `{}` step needs `{key}`", kind.as_str()))
}

/// Build a step body from a spec whose rules and ops were read already.
pub fn step_body(
    spec: &mut StepSpec,
    rules: Vec<Rule>,
    ops: Vec<crate::data::recipe::Op>,
    solution_sql: Option<String>,
) -> Result<StepBody, String> {
    use OneOf::{First as Left, Second as Right};
    let kind = spec.kind;
    Ok(match kind {
        StepKind::Read => StepBody::Read,
        StepKind::Table => StepBody::Table {
            source: match one_of(("table", spec.table.take()), ("sql", spec.sql.take()), kind)? {
                Left(t) => TableSource::Table(t),
                Right(s) => TableSource::Sql(s),
            },
        },
        StepKind::Chart => StepBody::Chart {
            sql: required(spec.sql.take(), "sql", kind)?,
            chart: required(spec.chart.take(), "chart", kind)?,
        },
        StepKind::Choice => StepBody::Choice {
            question: required(spec.question.take(), "question", kind)?,
            choices: match one_of(
                ("choices", spec.choices.take()),
                (
                    "choices_sql",
                    spec.choices_sql.take().map(|s| vec![AnswerValue(s)]),
                ),
                kind,
            )? {
                Left(c) => Choices::Given(c.into_iter().map(|v| v.0).collect()),
                Right(mut s) => Choices::Sql(s.pop().map(|v| v.0).unwrap_or_default()),
            },
            answer: expected(spec, kind)?,
        },
        StepKind::Answer => StepBody::Answer {
            question: required(spec.question.take(), "question", kind)?,
            answer: expected(spec, kind)?,
            tolerance: match spec.tolerance {
                Some(t) if t < 0.0 || !t.is_finite() => {
                    return Err("`tolerance` must be zero or a positive number".into());
                }
                t => t.unwrap_or(0.0),
            },
        },
        StepKind::Query => StepBody::Query {
            question: required(spec.question.take(), "question", kind)?,
            starter: spec.starter.take().unwrap_or_default(),
            solution: required(solution_sql, "solution", kind)?,
            check: spec.check.unwrap_or_default(),
            chart: spec.chart.take(),
        },
        StepKind::Clean => {
            if spec.expect.is_none() {
                return Err(
                    "a `clean` step needs `expect`, the rules the cleaned table must meet".into(),
                );
            }
            if spec.solution.is_none() {
                return Err(
                    "a `clean` step needs `solution`, a list of ops that make it pass".into(),
                );
            }
            StepBody::Clean {
                question: required(spec.question.take(), "question", kind)?,
                table: required(spec.table.take(), "table", kind)?,
                expect: rules,
                solution: ops,
            }
        }
        StepKind::Reflect => StepBody::Reflect {
            question: required(spec.question.take(), "question", kind)?,
        },
    })
}

fn expected(spec: &mut StepSpec, kind: StepKind) -> Result<Expected, String> {
    Ok(
        match one_of(
            ("answer", spec.answer.take()),
            ("answer_sql", spec.answer_sql.take().map(AnswerValue)),
            kind,
        )? {
            OneOf::First(v) => Expected::Given(v),
            OneOf::Second(s) => Expected::Sql(s.0),
        },
    )
}

/// Rule names of format v1.
pub const RULE_NAMES: &[&str] = &[
    "not_null",
    "unique",
    "matches",
    "in",
    "type",
    "distinct_at_most",
    "rows",
    "no_leading_trailing_space",
];

/// Keys a rule accepts besides `rule`.
pub fn rule_keys(rule: &str) -> &'static [&'static str] {
    match rule {
        "matches" => &["column", "pattern"],
        "in" => &["column", "values", "values_sql"],
        "type" => &["column", "is"],
        "distinct_at_most" => &["column", "n"],
        "rows" => &["at_least", "at_most", "equals_sql"],
        _ => &["column"],
    }
}

/// One `expect` rule with every key any rule may use.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RuleSpec {
    /// The rule's name.
    pub rule: String,
    /// The column the rule looks at.
    pub column: Option<String>,
    /// A regular expression every value must match, e.g. "^[0-9]{5}$".
    pub pattern: Option<String>,
    /// The allowed values, written out.
    pub values: Option<Vec<AnswerValue>>,
    /// A query whose first column gives the allowed values.
    pub values_sql: Option<String>,
    /// The type every value must parse as.
    pub is: Option<ColumnType>,
    /// The largest number of distinct values allowed.
    pub n: Option<usize>,
    /// The fewest rows the table may have.
    pub at_least: Option<usize>,
    /// The most rows the table may have.
    pub at_most: Option<usize>,
    /// A query returning the exact number of rows the table must have.
    pub equals_sql: Option<String>,
}

impl RuleSpec {
    /// The typed rule, or what is missing.
    pub fn into_rule(self) -> Result<Rule, String> {
        let name = self.rule.clone();
        let need =
            |v: Option<String>, key: &str| v.ok_or_else(|| format!("rule `{name}` needs `{key}`"));
        Ok(match self.rule.as_str() {
            "not_null" => Rule::NotNull {
                column: need(self.column, "column")?,
            },
            "unique" => Rule::Unique {
                column: need(self.column, "column")?,
            },
            "no_leading_trailing_space" => Rule::NoLeadingTrailingSpace {
                column: need(self.column, "column")?,
            },
            "matches" => {
                let pattern = need(self.pattern, "pattern")?;
                if let Err(e) = crate::limits::regex(&pattern) {
                    return Err(format!("`pattern` is not a valid regular expression: {e}"));
                }
                Rule::Matches {
                    column: need(self.column, "column")?,
                    pattern,
                }
            }
            "in" => Rule::In {
                column: need(self.column, "column")?,
                values: match (self.values, self.values_sql) {
                    (Some(v), None) => ValueList::Given(v.into_iter().map(|v| v.0).collect()),
                    (None, Some(s)) => ValueList::Sql(s),
                    _ => {
                        return Err("rule `in` needs `values` or `values_sql` (one of them)".into());
                    }
                },
            },
            "type" => Rule::Type {
                column: need(self.column, "column")?,
                is: self.is.ok_or(
                    "rule `type` needs `is` (text, integer, number, date, datetime or boolean)",
                )?,
            },
            "distinct_at_most" => Rule::DistinctAtMost {
                column: need(self.column, "column")?,
                n: self.n.ok_or("rule `distinct_at_most` needs `n`")?,
            },
            "rows" => {
                if self.at_least.is_none() && self.at_most.is_none() && self.equals_sql.is_none() {
                    return Err("rule `rows` needs `at_least`, `at_most` or `equals_sql`".into());
                }
                Rule::Rows {
                    at_least: self.at_least,
                    at_most: self.at_most,
                    equals_sql: self.equals_sql,
                }
            }
            other => {
                return Err(format!(
                    "unknown rule `{other}`; {}",
                    crate::diag::suggestion(other, RULE_NAMES)
                ));
            }
        })
    }
}
