//! Lesson format v1 as Rust types: what a coach writes, checked and typed.
//!
//! The serde structs here mirror the TOML exactly (`deny_unknown_fields`); the few
//! places where one TOML shape serves several kinds (steps, rules, ops) are read as
//! flat "spec" structs and turned into enums by [`crate::lesson::load`].

use crate::data::recipe::Op;
use crate::data::types::ColumnType;
use indexmap::IndexMap;
use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::{Deserialize, Deserializer, Serialize};
use std::borrow::Cow;
use std::fmt;

/// The only lesson format this version of huddle reads.
pub const FORMAT_VERSION: i64 = 1;

/// A whole lesson file.
#[derive(Debug, Clone)]
pub struct Lesson {
    /// Metadata from `[lesson]`.
    pub meta: LessonMeta,
    /// Declared tables, in file order.
    pub tables: IndexMap<String, TableDecl>,
    /// Steps, in order.
    pub steps: Vec<Step>,
    /// The same texts in other languages (`[lesson.es]`, `[steps.es]`, ...).
    pub translations: crate::lesson::translation::Translations,
}

/// `[lesson]`: who the lesson is and how long it takes.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LessonMeta {
    /// Lowercase letters, digits and dashes, unique in a course; progress is kept by it, so do not change it once shared.
    #[schemars(pattern(r"^[a-z0-9]+(-[a-z0-9]+)*$"))]
    pub id: String,
    /// The lesson's title, shown in the picker.
    pub title: String,
    /// One or two sentences: what the learner will be able to do.
    #[serde(default)]
    pub summary: Option<String>,
    /// About how many minutes the lesson takes.
    #[serde(default)]
    pub minutes: Option<u32>,
    /// beginner | intermediate | advanced.
    #[serde(default)]
    pub level: Option<Level>,
    /// Free tags, e.g. ["members", "cleaning"].
    #[serde(default)]
    pub tags: Vec<String>,
    /// The language the lesson is written in: a BCP-47 tag such as "en" (the default) or "es".
    #[serde(default)]
    pub language: Option<String>,
}

/// How much a lesson expects the learner to know.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// New to data work.
    Beginner,
    /// Has done a few lessons.
    Intermediate,
    /// Comfortable with SQL.
    Advanced,
}

impl Level {
    /// The lowercase name used in files.
    pub fn as_str(self) -> &'static str {
        match self {
            // Marked as translation keys: the picker shows them in the learner's language.
            Level::Beginner => crate::i18n::tr_key("beginner"),
            Level::Intermediate => crate::i18n::tr_key("intermediate"),
            Level::Advanced => crate::i18n::tr_key("advanced"),
        }
    }
}

/// `[tables.NAME]`: a table the lesson loads and registers for SQL under NAME.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TableDecl {
    /// The sample data, relative to the lesson file and inside the course folder, e.g. "data/members.csv".
    pub file: String,
    /// What one row is, e.g. "One row per person on your list."
    #[serde(default)]
    pub description: Option<String>,
    /// The columns lesson SQL uses; a learner's own file is mapped onto these names.
    #[serde(default)]
    pub columns: IndexMap<String, ColumnDecl>,
    /// The file is made-up or public sample data, never member data: a coach may send
    /// it to learners in a live call (`huddle host --share-data`).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub sample: bool,
}

/// One declared column.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ColumnDecl {
    /// The type every value must parse as.
    #[serde(rename = "type")]
    pub kind: ColumnType,
    /// Shown when a learner maps their own file's columns.
    #[serde(default)]
    pub description: Option<String>,
    /// Personal data (names, emails, phones): masked on screen with --mask, never written to progress files.
    #[serde(default)]
    pub pii: bool,
}

/// One step of a lesson.
#[derive(Debug, Clone)]
pub struct Step {
    /// Optional stable id (an extension: lets progress survive reordering).
    pub id: Option<String>,
    /// Shown in the header.
    pub title: String,
    /// Markdown.
    pub text: Option<String>,
    /// Notes for coach mode only.
    pub coach: Option<String>,
    /// Revealed one at a time.
    pub hints: Vec<String>,
    /// Common wrong answers and what to say.
    pub mistakes: Vec<Mistake>,
    /// What the learner does.
    pub body: StepBody,
}

impl Step {
    /// The step kind's name as written in files.
    pub fn kind(&self) -> StepKind {
        match &self.body {
            StepBody::Read => StepKind::Read,
            StepBody::Table { .. } => StepKind::Table,
            StepBody::Chart { .. } => StepKind::Chart,
            StepBody::Choice { .. } => StepKind::Choice,
            StepBody::Answer { .. } => StepKind::Answer,
            StepBody::Query { .. } => StepKind::Query,
            StepBody::Clean { .. } => StepKind::Clean,
            StepBody::Reflect { .. } => StepKind::Reflect,
        }
    }
}

/// The eight step kinds of format v1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum StepKind {
    /// The learner reads `text`.
    Read,
    /// The learner browses a declared `table`, or the result of `sql`.
    Table,
    /// The learner looks at a `chart` of the result of `sql`.
    Chart,
    /// The learner picks one of `choices` (or `choices_sql`); `answer` (or `answer_sql`) is right.
    Choice,
    /// The learner types a number or a word; `answer` (or `answer_sql`) is right, within `tolerance`.
    Answer,
    /// The learner writes SQL; it passes when its result matches the `solution`'s, as `check` says.
    Query,
    /// The learner applies cleaning ops to `table` until it meets the `expect` rules.
    Clean,
    /// The learner writes a note for the next coaching call; never graded.
    Reflect,
}

impl StepKind {
    /// Name as written in files.
    pub fn as_str(self) -> &'static str {
        match self {
            StepKind::Read => "read",
            StepKind::Table => "table",
            StepKind::Chart => "chart",
            StepKind::Choice => "choice",
            StepKind::Answer => "answer",
            StepKind::Query => "query",
            StepKind::Clean => "clean",
            StepKind::Reflect => "reflect",
        }
    }

    /// Steps that are checked (and so take hints and mistakes).
    pub fn is_exercise(self) -> bool {
        matches!(
            self,
            StepKind::Choice | StepKind::Answer | StepKind::Query | StepKind::Clean
        )
    }
}

/// What a step shows and asks, by kind.
#[derive(Debug, Clone)]
pub enum StepBody {
    /// Text only.
    Read,
    /// A table or query result to browse.
    Table {
        /// A declared table or a query.
        source: TableSource,
    },
    /// A chart of a query result.
    Chart {
        /// The query.
        sql: String,
        /// How to draw it.
        chart: ChartSpec,
    },
    /// Pick one.
    Choice {
        /// The question.
        question: String,
        /// Given or computed choices.
        choices: Choices,
        /// The right one.
        answer: Expected,
    },
    /// Type a number or a word.
    Answer {
        /// The question.
        question: String,
        /// The right answer.
        answer: Expected,
        /// Absolute tolerance for numbers.
        tolerance: f64,
    },
    /// Write SQL.
    Query {
        /// The question.
        question: String,
        /// Editor's starting text.
        starter: String,
        /// The coach's query.
        solution: String,
        /// How results are compared.
        check: QueryCheck,
        /// Optional chart of the result.
        chart: Option<ChartSpec>,
    },
    /// Clean a table until the rules hold.
    Clean {
        /// The question.
        question: String,
        /// The declared table to clean.
        table: String,
        /// Rules the cleaned table must meet.
        expect: Vec<Rule>,
        /// Ops that make it pass.
        solution: Vec<Op>,
    },
    /// Free text for the next coaching call.
    Reflect {
        /// The prompt.
        question: String,
    },
}

/// Where a `table` step's rows come from.
#[derive(Debug, Clone)]
pub enum TableSource {
    /// A declared table by name.
    Table(String),
    /// A query over declared tables.
    Sql(String),
}

/// A choice step's options.
#[derive(Debug, Clone)]
pub enum Choices {
    /// Written in the lesson.
    Given(Vec<String>),
    /// One column of a query, computed on the loaded data.
    Sql(String),
}

/// A right answer: written down, or computed from the data actually loaded.
#[derive(Debug, Clone)]
pub enum Expected {
    /// Written in the lesson.
    Given(AnswerValue),
    /// A query returning exactly one value.
    Sql(String),
}

/// A common wrong answer and the feedback for it.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Mistake {
    /// For choice and answer steps: the wrong answer.
    #[serde(default)]
    pub answer: Option<AnswerValue>,
    /// For query steps: a wrong query; matched by its result.
    #[serde(default)]
    pub sql: Option<String>,
    /// What to tell the learner who gives this answer: why it is tempting, and what to look at instead.
    pub feedback: String,
}

/// A number or a word, as written in a lesson (`answer = 42` or `answer = "Essex"`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AnswerValue(pub String);

impl fmt::Display for AnswerValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl JsonSchema for AnswerValue {
    fn schema_name() -> Cow<'static, str> {
        "AnswerValue".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "A number or a word, e.g. 42 or \"Essex\".",
            "type": ["string", "number", "boolean"]
        })
    }
}

impl<'de> Deserialize<'de> for AnswerValue {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = AnswerValue;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a number or a word")
            }
            fn visit_str<E>(self, v: &str) -> Result<AnswerValue, E> {
                Ok(AnswerValue(v.to_string()))
            }
            fn visit_i64<E>(self, v: i64) -> Result<AnswerValue, E> {
                Ok(AnswerValue(v.to_string()))
            }
            fn visit_u64<E>(self, v: u64) -> Result<AnswerValue, E> {
                Ok(AnswerValue(v.to_string()))
            }
            fn visit_f64<E>(self, v: f64) -> Result<AnswerValue, E> {
                Ok(AnswerValue(v.to_string()))
            }
            fn visit_bool<E>(self, v: bool) -> Result<AnswerValue, E> {
                Ok(AnswerValue(v.to_string()))
            }
        }
        d.deserialize_any(V)
    }
}

/// `chart = { type, x, y }`.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ChartSpec {
    /// bar | column | line | histogram | scatter.
    #[serde(rename = "type")]
    pub kind: ChartKind,
    /// Column for categories or the x axis.
    pub x: String,
    /// Column for values (not needed by histograms).
    #[serde(default)]
    pub y: Option<String>,
    /// Optional title (default: the step title).
    #[serde(default)]
    pub title: Option<String>,
    /// Optional column that splits lines or points into series.
    #[serde(default)]
    pub series: Option<String>,
    /// Histogram bins (default: chosen from the data).
    #[serde(default)]
    pub bins: Option<u32>,
    /// A line over dates: one point per day, week, month, quarter or year, the
    /// values in each added up (default: by itself past 150 days' points).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub every: Option<crate::chart::Every>,
}

impl ChartSpec {
    /// A chart of `kind` over `x` (and `y`), with no title, series or bins.
    pub fn new(kind: ChartKind, x: &str, y: Option<&str>) -> Self {
        ChartSpec {
            kind,
            x: x.to_string(),
            y: y.map(str::to_string),
            title: None,
            series: None,
            bins: None,
            every: None,
        }
    }

    /// Every column the chart reads.
    pub fn columns(&self) -> Vec<&str> {
        let mut cols = vec![self.x.as_str()];
        cols.extend(self.y.as_deref());
        cols.extend(self.series.as_deref());
        cols
    }
}

/// Chart types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum ChartKind {
    /// Horizontal bars.
    Bar,
    /// Vertical bars.
    Column,
    /// A line over x (often dates).
    Line,
    /// Counts of x in bins.
    Histogram,
    /// Points.
    Scatter,
}

/// `check = { rows, columns }` of a query step.
#[derive(Debug, Clone, Copy, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct QueryCheck {
    /// Whether row order matters.
    #[serde(default)]
    pub rows: RowOrder,
    /// Whether column names matter.
    #[serde(default)]
    pub columns: ColumnMatch,
}

/// Row order in query checks.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum RowOrder {
    /// Rows must come in the solution's order.
    ExactOrder,
    /// Any order.
    #[default]
    AnyOrder,
}

/// Column matching in query checks.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ColumnMatch {
    /// Names must match (any order of columns).
    #[default]
    ByName,
    /// Only positions matter; names are free.
    ByPosition,
}

/// A rule a cleaned table must meet (`expect` in clean steps).
#[derive(Debug, Clone, PartialEq, JsonSchema)]
#[schemars(tag = "rule", rename_all = "snake_case")]
pub enum Rule {
    /// No nulls or blanks.
    NotNull {
        /// Column.
        column: String,
    },
    /// No repeated values.
    Unique {
        /// Column.
        column: String,
    },
    /// Every value matches a regular expression.
    Matches {
        /// Column.
        column: String,
        /// Regular expression.
        pattern: String,
    },
    /// Every value is one of a list.
    In {
        /// Column.
        column: String,
        /// Allowed values.
        values: ValueList,
    },
    /// Values parse as a type.
    Type {
        /// Column.
        column: String,
        /// The type.
        is: ColumnType,
    },
    /// At most `n` distinct values.
    DistinctAtMost {
        /// Column.
        column: String,
        /// Limit.
        n: usize,
    },
    /// Row count bounds.
    Rows {
        /// Minimum.
        at_least: Option<usize>,
        /// Maximum.
        at_most: Option<usize>,
        /// Exactly the count a query returns.
        equals_sql: Option<String>,
    },
    /// No value starts or ends with whitespace.
    NoLeadingTrailingSpace {
        /// Column.
        column: String,
    },
}

impl Rule {
    /// The rule's name as written in files.
    pub fn name(&self) -> &'static str {
        match self {
            Rule::NotNull { .. } => "not_null",
            Rule::Unique { .. } => "unique",
            Rule::Matches { .. } => "matches",
            Rule::In { .. } => "in",
            Rule::Type { .. } => "type",
            Rule::DistinctAtMost { .. } => "distinct_at_most",
            Rule::Rows { .. } => "rows",
            Rule::NoLeadingTrailingSpace { .. } => "no_leading_trailing_space",
        }
    }

    /// The column the rule looks at, if any.
    pub fn column(&self) -> Option<&str> {
        match self {
            Rule::NotNull { column }
            | Rule::Unique { column }
            | Rule::Matches { column, .. }
            | Rule::In { column, .. }
            | Rule::Type { column, .. }
            | Rule::DistinctAtMost { column, .. }
            | Rule::NoLeadingTrailingSpace { column } => Some(column),
            Rule::Rows { .. } => None,
        }
    }
}

/// Allowed values for an `in` rule.
#[derive(Debug, Clone, PartialEq, JsonSchema)]
#[schemars(untagged)]
pub enum ValueList {
    /// Written in the lesson.
    Given(Vec<String>),
    /// One column of a query.
    Sql(String),
}
