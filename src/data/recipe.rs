//! Cleaning operations: the rows of a clean step's solution and of a learner's recipe.
//!
//! Each op is all-or-nothing: it either returns a new table and what it changed, or an
//! error in plain words; the table it was given is never touched.

use crate::data::sql;
use crate::data::types::{ColumnType, convert_text_column, parse_date_with};
use crate::diag::suggestion;
use chrono::NaiveDate;
use indexmap::IndexMap;
use polars::prelude::*;
use serde::{Deserialize, Serialize};

pub use crate::data::op_spec::{OneOrMany, OpSpec};

/// Op names of format v1.
pub const OP_NAMES: &[&str] = &[
    "trim",
    "collapse_spaces",
    "case",
    "replace",
    "pad",
    "digits_only",
    "parse_date",
    "fill",
    "drop_nulls",
    "dedupe",
    "merge_values",
    "split",
    "rename",
    "drop_column",
    "filter",
];

/// Keys an op accepts besides `op`.
pub fn op_keys(op: &str) -> &'static [&'static str] {
    match op {
        "case" | "rename" => &["column", "to"],
        "replace" => &["column", "find", "with", "regex"],
        "pad" => &["column", "width", "with"],
        "parse_date" => &["column", "formats"],
        "fill" => &["column", "value", "down"],
        "dedupe" => &["column", "by", "keep", "keep_blanks"],
        "merge_values" => &["column", "map"],
        "split" => &["column", "by", "into"],
        "filter" => &["column", "where"],
        _ => &["column"],
    }
}

/// Letter case targets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum CaseTo {
    /// all lower.
    Lower,
    /// ALL UPPER.
    Upper,
    /// Each Word Capitalised.
    Title,
}

/// Which duplicate to keep.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Keep {
    /// The first row of each group.
    #[default]
    First,
    /// The last row of each group.
    Last,
}

/// One cleaning operation.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
#[serde(tag = "op", rename_all = "snake_case")]
pub enum Op {
    /// Remove spaces at both ends.
    Trim { column: String },
    /// Trim and turn runs of spaces into one.
    CollapseSpaces { column: String },
    /// Change letter case.
    Case { column: String, to: CaseTo },
    /// Replace text (literally, or by regular expression).
    Replace {
        column: String,
        find: String,
        with: String,
        #[serde(skip_serializing_if = "std::ops::Not::not")]
        regex: bool,
    },
    /// Left-pad to a width (ZIPs that lost their zeros).
    Pad {
        column: String,
        width: usize,
        with: String,
    },
    /// Keep only digits (phones).
    DigitsOnly { column: String },
    /// Parse text dates with the given formats into a date column.
    ParseDate {
        column: String,
        formats: Vec<String>,
    },
    /// Fill blanks with a value, or with the value above.
    Fill {
        column: String,
        #[serde(skip_serializing_if = "Option::is_none")]
        value: Option<String>,
        #[serde(skip_serializing_if = "std::ops::Not::not")]
        down: bool,
    },
    /// Remove rows where the column is blank.
    DropNulls { column: String },
    /// Remove repeated rows, judged by some columns.
    Dedupe {
        #[serde(skip_serializing_if = "Option::is_none")]
        column: Option<String>,
        by: Vec<String>,
        keep: Keep,
        /// Keep every row whose `by` values are all blank: people with no phone are
        /// not one person. Off, blanks count as one value (as pandas and dplyr do).
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        keep_blanks: bool,
    },
    /// Replace variants with one spelling.
    MergeValues {
        column: String,
        map: IndexMap<String, String>,
    },
    /// Split a column into new columns at a separator.
    Split {
        column: String,
        by: String,
        into: Vec<String>,
    },
    /// Rename a column.
    Rename { column: String, to: String },
    /// Remove a column.
    DropColumn { column: String },
    /// Keep rows where an SQL condition holds.
    Filter {
        #[serde(skip_serializing_if = "Option::is_none")]
        column: Option<String>,
        #[serde(rename = "where")]
        condition: String,
    },
}

impl Op {
    /// The op's name as written in files.
    pub fn name(&self) -> &'static str {
        match self {
            Op::Trim { .. } => "trim",
            Op::CollapseSpaces { .. } => "collapse_spaces",
            Op::Case { .. } => "case",
            Op::Replace { .. } => "replace",
            Op::Pad { .. } => "pad",
            Op::DigitsOnly { .. } => "digits_only",
            Op::ParseDate { .. } => "parse_date",
            Op::Fill { .. } => "fill",
            Op::DropNulls { .. } => "drop_nulls",
            Op::Dedupe { .. } => "dedupe",
            Op::MergeValues { .. } => "merge_values",
            Op::Split { .. } => "split",
            Op::Rename { .. } => "rename",
            Op::DropColumn { .. } => "drop_column",
            Op::Filter { .. } => "filter",
        }
    }

    /// Every existing column the op needs.
    pub fn columns_needed(&self) -> Vec<&str> {
        match self {
            Op::Dedupe { by, .. } => by.iter().map(String::as_str).collect(),
            Op::Filter { column, .. } => column.iter().map(String::as_str).collect(),
            Op::Trim { column }
            | Op::CollapseSpaces { column }
            | Op::Case { column, .. }
            | Op::Replace { column, .. }
            | Op::Pad { column, .. }
            | Op::DigitsOnly { column }
            | Op::ParseDate { column, .. }
            | Op::Fill { column, .. }
            | Op::DropNulls { column }
            | Op::MergeValues { column, .. }
            | Op::Split { column, .. }
            | Op::Rename { column, .. }
            | Op::DropColumn { column } => vec![column],
        }
    }
}

/// Whether an op carries a literal that looks personal (an email or a phone number),
/// so it must not be written to progress files or shared recipes.
pub fn holds_personal_value(op: &Op) -> bool {
    let one = crate::data::recipe_file::Recipe {
        ops: vec![op.clone()],
    };
    !one.personal_values().is_empty()
}

/// What one op did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpOutcome {
    /// Rows whose value changed.
    pub rows_changed: usize,
    /// Rows removed.
    pub rows_removed: usize,
}

/// An op as one inline TOML row, e.g. `{ op = "pad", column = "zip", width = 5, with = "0" }`.
pub fn describe(op: &Op) -> String {
    toml::Value::try_from(op)
        .map(|v| v.to_string())
        .unwrap_or_else(|_| op.name().to_string())
}

/// Apply one op to a table, returning the new table and what changed.
pub fn apply_op(df: &DataFrame, op: &Op) -> Result<(DataFrame, OpOutcome), String> {
    let names: Vec<String> = df
        .get_column_names()
        .iter()
        .map(|s| s.to_string())
        .collect();
    for col in op.columns_needed() {
        if !names.iter().any(|n| n == col) {
            let cands: Vec<&str> = names.iter().map(String::as_str).collect();
            return Err(format!(
                "op `{}`: the table has no column `{col}`; {}",
                op.name(),
                suggestion(col, &cands)
            ));
        }
    }
    let fail = |e: PolarsError| format!("op `{}` failed: {e}", op.name());
    let height = df.height();
    match op {
        Op::Trim { column } => map_text(df, column, text_ops::trim),
        Op::CollapseSpaces { column } => map_text(df, column, text_ops::collapse_spaces),
        Op::Case { column, to } => map_text(df, column, |s| text_ops::case(s, *to)),
        Op::Replace {
            column,
            find,
            with,
            regex,
        } => {
            if *regex {
                let re = crate::limits::regex(find).map_err(|e| format!("op `replace`: {e}"))?;
                map_text(df, column, |s| re.replace_all(s, with.as_str()))
            } else {
                map_text(df, column, |s| text_ops::replace(s, find, with))
            }
        }
        Op::Pad {
            column,
            width,
            with,
        } => {
            if *width > crate::limits::MAX_PAD_WIDTH {
                return Err(format!(
                    "op `pad`: `width = {width}` is wider than huddle pads ({})",
                    crate::limits::MAX_PAD_WIDTH
                ));
            }
            let c = with.chars().next().unwrap_or('0');
            map_text(df, column, |s| text_ops::pad(s, *width, c))
        }
        Op::DigitsOnly { column } => map_text(df, column, text_ops::digits_only),
        Op::MergeValues { column, map } => map_text(df, column, |s| match map.get(s) {
            Some(to) => std::borrow::Cow::Owned(to.clone()),
            None => std::borrow::Cow::Borrowed(s),
        }),
        Op::Fill {
            column,
            value,
            down,
        } => fill(df, column, value.as_deref(), *down, &mut None),
        Op::ParseDate { column, formats } => parse_dates(df, column, formats),
        Op::DropNulls { column } => {
            let col = text_values(df, column)?;
            let mask: BooleanChunked = col
                .iter()
                .map(|v| v.is_some_and(|s| !s.trim().is_empty()))
                .collect();
            let out = df.filter(&mask).map_err(fail)?;
            let removed = height - out.height();
            Ok((
                out,
                OpOutcome {
                    rows_changed: 0,
                    rows_removed: removed,
                },
            ))
        }
        Op::Dedupe {
            by,
            keep,
            keep_blanks: true,
            ..
        } => {
            let idx = dedupe_keeping_blanks(df, by, *keep)?;
            let out = df.take(&idx).map_err(fail)?;
            let removed = height - out.height();
            Ok((
                out,
                OpOutcome {
                    rows_changed: 0,
                    rows_removed: removed,
                },
            ))
        }
        Op::Dedupe { by, keep, .. } => {
            let strategy = match keep {
                Keep::First => UniqueKeepStrategy::First,
                Keep::Last => UniqueKeepStrategy::Last,
            };
            let out = df.unique_stable(Some(by), strategy, None).map_err(fail)?;
            let removed = height - out.height();
            Ok((
                out,
                OpOutcome {
                    rows_changed: 0,
                    rows_removed: removed,
                },
            ))
        }
        Op::Split { column, by, into } => {
            let vals = text_values(df, column)?;
            let mut out = df.clone();
            for (i, name) in into.iter().enumerate() {
                let last = i + 1 == into.len();
                let part: StringChunked = vals
                    .iter()
                    .map(|v| {
                        v.and_then(|s| {
                            let mut parts =
                                s.splitn(if last { i + 1 } else { into.len() + 1 }, by.as_str());
                            parts
                                .nth(i)
                                .map(|p| p.trim().to_string())
                                .filter(|p| !p.is_empty())
                        })
                    })
                    .collect();
                out.with_column(part.with_name(name.as_str().into()).into_column())
                    .map_err(fail)?;
            }
            let changed = vals.iter().filter(|v| v.is_some()).count();
            Ok((
                out,
                OpOutcome {
                    rows_changed: changed,
                    rows_removed: 0,
                },
            ))
        }
        Op::Rename { column, to } => {
            if names.iter().any(|n| n == to) {
                return Err(format!("op `rename`: there is already a column `{to}`"));
            }
            let mut out = df.clone();
            out.rename(column, to.as_str().into()).map_err(fail)?;
            Ok((
                out,
                OpOutcome {
                    rows_changed: 0,
                    rows_removed: 0,
                },
            ))
        }
        Op::DropColumn { column } => {
            let out = df.drop(column).map_err(fail)?;
            Ok((
                out,
                OpOutcome {
                    rows_changed: 0,
                    rows_removed: 0,
                },
            ))
        }
        Op::Filter { condition, .. } => {
            let out = sql::filter_rows(df, condition).map_err(|e| format!("op `filter`: {e}"))?;
            let removed = height - out.height();
            Ok((
                out,
                OpOutcome {
                    rows_changed: 0,
                    rows_removed: removed,
                },
            ))
        }
    }
}

/// Apply ops in order; stop at the first that fails, naming it (1-based).
pub fn apply_all(df: &DataFrame, ops: &[Op]) -> Result<(DataFrame, Vec<OpOutcome>), String> {
    apply_each(df, ops, |_, df, op| apply_op(df, op))
}

/// Apply ops in order with `one(index, table, op)`; stop at the first that fails,
/// naming it (1-based).
fn apply_each(
    df: &DataFrame,
    ops: &[Op],
    mut one: impl FnMut(usize, &DataFrame, &Op) -> Result<(DataFrame, OpOutcome), String>,
) -> Result<(DataFrame, Vec<OpOutcome>), String> {
    let mut cur = df.clone();
    let mut outcomes = Vec::with_capacity(ops.len());
    for (i, op) in ops.iter().enumerate() {
        let (next, out) =
            one(i, &cur, op).map_err(|e| format!("op {} ({}): {e}", i + 1, op.name()))?;
        cur = next;
        outcomes.push(out);
    }
    Ok((cur, outcomes))
}

/// Rows to keep for a `dedupe` that keeps blanks: every row whose `by` values are all
/// blank (null or only spaces), and the first (or last) row of each other key, in the
/// table's order.
fn dedupe_keeping_blanks(df: &DataFrame, by: &[String], keep: Keep) -> Result<IdxCa, String> {
    let cols: Vec<StringChunked> = by
        .iter()
        .map(|c| text_values(df, c))
        .collect::<Result<_, _>>()?;
    let key = |row: usize| -> Option<Vec<&str>> {
        let parts: Vec<&str> = cols.iter().map(|c| c.get(row).unwrap_or("")).collect();
        parts.iter().any(|p| !p.trim().is_empty()).then_some(parts)
    };
    let mut seen = std::collections::HashSet::new();
    let mut keep_row = vec![false; df.height()];
    let rows: Box<dyn Iterator<Item = usize>> = match keep {
        Keep::First => Box::new(0..df.height()),
        Keep::Last => Box::new((0..df.height()).rev()),
    };
    for row in rows {
        keep_row[row] = match key(row) {
            None => true,
            Some(k) => seen.insert(k),
        };
    }
    let idx: Vec<IdxSize> = keep_row
        .iter()
        .enumerate()
        .filter(|(_, k)| **k)
        .map(|(i, _)| i as IdxSize)
        .collect();
    Ok(IdxCa::from_vec("row".into(), idx))
}

/// A column's values as text (numbers and dates are written as text first).
fn text_values(df: &DataFrame, column: &str) -> Result<StringChunked, String> {
    let col = df
        .column(column)
        .map_err(|_| format!("the table has no column `{column}`"))?;
    let cast = col
        .cast(&DataType::String)
        .map_err(|e| format!("column `{column}` cannot be read as text: {e}"))?;
    cast.str()
        .cloned()
        .map_err(|e| format!("column `{column}` cannot be read as text: {e}"))
}

fn replace_column(
    df: &DataFrame,
    column: &str,
    new: Column,
    changed: usize,
) -> Result<(DataFrame, OpOutcome), String> {
    let mut out = df.clone();
    out.with_column(new.with_name(column.into()))
        .map_err(|e| format!("could not replace column `{column}`: {e}"))?;
    Ok((
        out,
        OpOutcome {
            rows_changed: changed,
            rows_removed: 0,
        },
    ))
}

/// Fill blanks in `column` with `value`, or (`down`) with the value above; `last`
/// is the value above the first row (from the piece before), and is left as the
/// last value of this one.
fn fill(
    df: &DataFrame,
    column: &str,
    value: Option<&str>,
    down: bool,
    last: &mut Option<String>,
) -> Result<(DataFrame, OpOutcome), String> {
    let vals = text_values(df, column)?;
    let original_type = df.column(column).map(|c| c.dtype().clone()).ok();
    let mut changed = 0usize;
    let new: StringChunked = vals
        .iter()
        .map(|v| match v {
            Some(s) if !s.trim().is_empty() => {
                *last = Some(s.to_string());
                Some(s.to_string())
            }
            _ => {
                let fillv = if down {
                    last.clone()
                } else {
                    value.map(str::to_string)
                };
                if fillv.is_some() {
                    changed += 1;
                }
                fillv
            }
        })
        .collect();
    let mut col = new.into_column();
    if let Some(dt) = original_type.filter(|d| d != &DataType::String) {
        // Back to the column's type the way import does it (text → boolean has no cast).
        let bad = || {
            format!(
                "op `fill`: \"{}\" is not a valid {} for column `{column}`",
                value.unwrap_or_default(),
                ColumnType::of_dtype(&dt)
            )
        };
        col = convert_text_column(&col, ColumnType::of_dtype(&dt)).map_err(|_| bad())?;
        if col.dtype() != &dt {
            col = col.strict_cast(&dt).map_err(|_| bad())?;
        }
    }
    replace_column(df, column, col, changed)
}

fn parse_dates(
    df: &DataFrame,
    column: &str,
    formats: &[String],
) -> Result<(DataFrame, OpOutcome), String> {
    let vals = text_values(df, column)?;
    let epoch = NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or_default();
    let mut bad: Option<(usize, String)> = None;
    let mut bad_count = 0usize;
    let mut changed = 0usize;
    let days: Int32Chunked = vals
        .iter()
        .enumerate()
        .map(|(i, v)| match v {
            Some(s) if !s.trim().is_empty() => match parse_date_with(s, formats) {
                Some(d) => {
                    changed += 1;
                    Some((d - epoch).num_days() as i32)
                }
                None => {
                    bad_count += 1;
                    bad.get_or_insert((i, s.to_string()));
                    None
                }
            },
            _ => None,
        })
        .collect();
    if let Some((row, value)) = bad {
        return Err(format!(
            "{bad_count} value(s) match none of the formats {formats:?}; the first is \"{value}\" in row {}. Add its format to `formats`.",
            row + 1
        ));
    }
    let col = days
        .into_column()
        .cast(&DataType::Date)
        .map_err(|e| format!("op `parse_date`: {e}"))?;
    replace_column(df, column, col, changed)
}

fn title_case(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut start = true;
    for c in s.chars() {
        if c.is_alphabetic() {
            if start {
                out.extend(c.to_uppercase());
            } else {
                out.extend(c.to_lowercase());
            }
            start = false;
        } else {
            out.push(c);
            start = c.is_whitespace() || c == '-';
        }
    }
    out
}

mod carried;
mod text_ops;
mod view_map;
pub use carried::{Carried, apply_all_carried, runs_piecewise};
use text_ops::map_text;

#[cfg(test)]
mod tests;
