//! An op row as written in TOML (`OpSpec`) and its checked conversion to an [`Op`].

use crate::data::recipe::{CaseTo, Keep, OP_NAMES, Op};
use crate::diag::suggestion;
use crate::limits;
use indexmap::IndexMap;
use schemars::JsonSchema;
use serde::Deserialize;

/// A string or a list of strings (`by` is a separator for `split`, columns for `dedupe`).
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum OneOrMany {
    /// A single string.
    One(String),
    /// Several strings.
    Many(Vec<String>),
}

/// An op row as written in TOML, before it is checked.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OpSpec {
    /// The operation's name.
    pub op: String,
    /// The column it changes.
    pub column: Option<String>,
    /// `case`: lower, upper or title; `rename`: the new name.
    pub to: Option<String>,
    /// `replace`: the text (or regular expression) to find.
    pub find: Option<String>,
    /// `replace`: the replacement; `pad`: the one character to pad with (default "0").
    pub with: Option<String>,
    /// `replace`: true when `find` is a regular expression.
    pub regex: Option<bool>,
    /// `pad`: the width to pad to, e.g. 5 for ZIP codes.
    pub width: Option<usize>,
    /// `parse_date`: the formats to try, e.g. ["%m/%d/%Y", "%Y-%m-%d"].
    pub formats: Option<Vec<String>>,
    /// `fill`: the value for blank cells.
    pub value: Option<crate::lesson::model::AnswerValue>,
    /// `fill`: true to fill blanks with the value above.
    pub down: Option<bool>,
    /// `dedupe`: the columns that identify a duplicate; `split`: the separator.
    pub by: Option<OneOrMany>,
    /// `dedupe`: which row of a group to keep.
    pub keep: Option<Keep>,
    /// `dedupe`: keep every row whose `by` values are all blank.
    pub keep_blanks: Option<bool>,
    /// `merge_values`: each variant and the spelling it becomes.
    pub map: Option<IndexMap<String, String>>,
    /// `split`: the names of the new columns.
    pub into: Option<Vec<String>>,
    /// `filter`: an SQL condition; rows where it holds are kept.
    #[serde(rename = "where")]
    pub condition: Option<String>,
}

impl OpSpec {
    /// The typed op, or what is missing or wrong.
    pub fn into_op(self) -> Result<Op, String> {
        let name = self.op.clone();
        let need =
            |v: Option<String>, key: &str| v.ok_or_else(|| format!("op `{name}` needs `{key}`"));
        let column = || need(self.column.clone(), "column");
        Ok(match self.op.as_str() {
            "trim" => Op::Trim { column: column()? },
            "collapse_spaces" => Op::CollapseSpaces { column: column()? },
            "digits_only" => Op::DigitsOnly { column: column()? },
            "drop_nulls" => Op::DropNulls { column: column()? },
            "drop_column" => Op::DropColumn { column: column()? },
            "case" => Op::Case {
                column: column()?,
                to: match need(self.to.clone(), "to")?.as_str() {
                    "lower" => CaseTo::Lower,
                    "upper" => CaseTo::Upper,
                    "title" => CaseTo::Title,
                    other => {
                        return Err(format!(
                            "op `case`: `to = \"{other}\"` is not a case; {}",
                            suggestion(other, &["lower", "upper", "title"])
                        ));
                    }
                },
            },
            "replace" => {
                let find = need(self.find.clone(), "find")?;
                let regex = self.regex.unwrap_or(false);
                if regex {
                    limits::regex(&find).map_err(|e| {
                        format!("op `replace`: `find` is not a valid regular expression: {e}")
                    })?;
                }
                let with = need(self.with.clone(), "with")?;
                let chars = with.chars().count();
                if chars > limits::MAX_REPLACEMENT_CHARS {
                    return Err(format!(
                        "op `replace`: `with` is {chars} characters, more than a replacement may be ({}); use a shorter text",
                        limits::MAX_REPLACEMENT_CHARS
                    ));
                }
                Op::Replace {
                    column: column()?,
                    find,
                    with,
                    regex,
                }
            }
            "pad" => {
                let with = self.with.clone().unwrap_or_else(|| "0".into());
                if with.chars().count() != 1 {
                    return Err(format!(
                        "op `pad`: `with` must be one character, not \"{with}\""
                    ));
                }
                let width = self.width.ok_or("op `pad` needs `width`")?;
                if width > limits::MAX_PAD_WIDTH {
                    return Err(format!(
                        "op `pad`: `width = {width}` is wider than huddle pads ({}); use the width the values should have, e.g. 5 for ZIP codes",
                        limits::MAX_PAD_WIDTH
                    ));
                }
                Op::Pad {
                    column: column()?,
                    width,
                    with,
                }
            }
            "parse_date" => {
                let formats = self
                    .formats
                    .clone()
                    .ok_or("op `parse_date` needs `formats`, e.g. [\"%m/%d/%Y\", \"%Y-%m-%d\"]")?;
                if formats.is_empty() {
                    return Err("op `parse_date`: `formats` is empty".into());
                }
                if formats.len() > limits::MAX_DATE_FORMATS {
                    return Err(format!(
                        "op `parse_date`: `formats` lists {} formats, more than huddle tries ({}); keep the ones your file uses",
                        formats.len(),
                        limits::MAX_DATE_FORMATS
                    ));
                }
                Op::ParseDate {
                    column: column()?,
                    formats,
                }
            }
            "fill" => {
                let down = self.down.unwrap_or(false);
                let value = self.value.clone().map(|v| v.0);
                if down == value.is_some() {
                    return Err(
                        "op `fill` needs either `value = ...` or `down = true` (one of them)"
                            .into(),
                    );
                }
                Op::Fill {
                    column: column()?,
                    value,
                    down,
                }
            }
            "dedupe" => {
                let by = match (self.by.clone(), self.column.clone()) {
                    (Some(OneOrMany::Many(v)), _) if !v.is_empty() => v,
                    (Some(OneOrMany::One(s)), _) => vec![s],
                    (None, Some(c)) => vec![c],
                    _ => return Err("op `dedupe` needs `by = [\"column\", ...]`".into()),
                };
                Op::Dedupe {
                    column: self.column.clone(),
                    by,
                    keep: self.keep.unwrap_or_default(),
                    keep_blanks: self.keep_blanks.unwrap_or(false),
                }
            }
            "merge_values" => Op::MergeValues {
                column: column()?,
                map: self
                    .map
                    .clone()
                    .ok_or("op `merge_values` needs `map = { \"variant\" = \"canonical\" }`")?,
            },
            "split" => Op::Split {
                column: column()?,
                by: match self.by.clone() {
                    Some(OneOrMany::One(s)) if !s.is_empty() => s,
                    _ => {
                        return Err(
                            "op `split` needs `by`, the separator text, e.g. by = \",\"".into()
                        );
                    }
                },
                into: match self.into.clone().filter(|v| !v.is_empty()) {
                    None => return Err("op `split` needs `into = [\"new_col1\", ...]`".into()),
                    Some(v) if v.len() > limits::MAX_SPLIT_COLUMNS => {
                        return Err(format!(
                            "op `split`: `into` names {} columns, more than a split makes ({}); name only the parts you need",
                            v.len(),
                            limits::MAX_SPLIT_COLUMNS
                        ));
                    }
                    Some(v) => v,
                },
            },
            "rename" => Op::Rename {
                column: column()?,
                to: need(self.to.clone(), "to")?,
            },
            "filter" => Op::Filter {
                column: self.column.clone(),
                condition: need(self.condition.clone(), "where")?,
            },
            other => {
                return Err(format!(
                    "unknown op `{other}`; {}",
                    suggestion(other, OP_NAMES)
                ));
            }
        })
    }
}
