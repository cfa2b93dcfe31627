//! Recipe TOML text → ops, with every problem reported as `file:line:col`.
//!
//! Like lesson loading, the text is parsed once into a spanned tree (all syntax
//! errors at once); then the header and each op row are checked on their own, so
//! one bad row does not hide the problems of the next.

use super::{RECIPE_FORMAT, RecipeHeader};
use crate::data::recipe::{OP_NAMES, Op, OpSpec, op_keys};
use crate::diag::{Diagnostic, Severity, SourceText, suggestion};
use crate::lesson::load::{LessonSource, humanize_serde, humanize_toml, misfit_keys};
use crate::lesson::spans::{SpanIndex, key_path};
use chrono::NaiveDate;
use serde::Deserialize;
use serde::de::IntoDeserializer;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

const TOP_KEYS: &[&str] = &["format", "recipe", "ops"];
const HEADER_KEYS: &[&str] = &["lesson", "table", "made", "note"];

/// Parse recipe text; `file` names it in diagnostics.
pub(super) fn parse(file: &str, text: &str) -> Result<(Vec<Op>, RecipeHeader), Vec<Diagnostic>> {
    crate::limits::check_file_size(file, text).map_err(|d| vec![d])?;
    crate::limits::check_nesting(&SourceText::new(file, text), text).map_err(|d| vec![d])?;
    let (root, errors) = DeTable::parse_recoverable(text);
    let source = LessonSource::new(file, text, SpanIndex::build(root.get_ref()));
    let src = source.source_text();
    if !errors.is_empty() {
        return Err(errors
            .iter()
            .map(|e| {
                src.at(
                    Severity::Error,
                    e.span().unwrap_or(0..0),
                    humanize_toml(e.message()),
                )
            })
            .collect());
    }
    let too_big = crate::limits::check_tree(&src, root.get_ref());
    if !too_big.is_empty() {
        return Err(too_big);
    }
    let mut p = Parser {
        src: &src,
        source: &source,
        diags: Vec::new(),
    };
    let root = root.get_ref();
    p.top_keys(root);
    p.format(root);
    let header = p.header(root.get("recipe"));
    let ops = p.ops(root.get("ops"));
    match (ops, header) {
        (Some(ops), Some(header)) if p.diags.is_empty() => Ok((ops, header)),
        _ => Err(p.diags),
    }
}

struct Parser<'a> {
    src: &'a SourceText<'a>,
    source: &'a LessonSource,
    diags: Vec<Diagnostic>,
}

impl Parser<'_> {
    fn error_at(&mut self, path: &str, msg: impl Into<String>) {
        let d = self.source.diag(Severity::Error, path, msg);
        self.diags.push(d);
    }

    fn error_key(&mut self, path: &str, msg: impl Into<String>) {
        let d = self.source.diag_key(Severity::Error, path, msg);
        self.diags.push(d);
    }

    fn error_top(&mut self, msg: &str) {
        self.diags.push(Diagnostic {
            line: 1,
            column: 1,
            ..Diagnostic::file_level(Severity::Error, &self.source.name, msg)
        });
    }

    fn top_keys(&mut self, root: &DeTable<'_>) {
        for (k, _) in root.iter() {
            let key = k.get_ref().as_ref();
            if !TOP_KEYS.contains(&key) {
                let msg = format!(
                    "unknown key `{key}` at the top of the recipe; {}",
                    suggestion(key, TOP_KEYS)
                );
                self.error_key(&key_path("", key), msg);
            }
        }
    }

    fn format(&mut self, root: &DeTable<'_>) {
        let Some(v) = root.get("format") else {
            self.error_top("missing `format = 1`: add it as the first line of the recipe");
            return;
        };
        match v
            .get_ref()
            .as_integer()
            .and_then(|i| i.as_str().parse::<i64>().ok())
        {
            Some(RECIPE_FORMAT) => {}
            Some(n) => self.error_at(
                "format",
                format!(
                    "this recipe is written in format {n}, but this huddle reads format {RECIPE_FORMAT}: write `format = 1` or update huddle"
                ),
            ),
            None => self.error_at("format", "`format` must be the number 1: write `format = 1`"),
        }
    }

    fn header(&mut self, v: Option<&Spanned<DeValue<'_>>>) -> Option<RecipeHeader> {
        let mut header = RecipeHeader::default();
        let Some(v) = v else { return Some(header) };
        let Some(t) = v.get_ref().as_table() else {
            self.error_at(
                "recipe",
                "`recipe` must be a table: write [recipe] with lesson, table, made and note",
            );
            return None;
        };
        let mut ok = true;
        for (k, val) in t.iter() {
            let key = k.get_ref().as_ref();
            let path = key_path("recipe", key);
            match key {
                "lesson" | "table" | "note" => match val.get_ref().as_str() {
                    Some(s) => {
                        let s = Some(s.to_string());
                        match key {
                            "lesson" => header.lesson = s,
                            "table" => header.table = s,
                            _ => header.note = s,
                        }
                    }
                    None => {
                        ok = false;
                        self.error_at(&path, format!("`{key}` must be text in quotes"));
                    }
                },
                "made" => match made_date(val.get_ref()) {
                    Some(d) => header.made = Some(d),
                    None => {
                        ok = false;
                        self.error_at(
                            &path,
                            "`made` must be a date such as 2024-10-15 (year-month-day)",
                        );
                    }
                },
                _ => {
                    ok = false;
                    let msg = format!(
                        "unknown key `{key}` in [recipe]; {}",
                        suggestion(key, HEADER_KEYS)
                    );
                    self.error_key(&path, msg);
                }
            }
        }
        ok.then_some(header)
    }

    fn ops(&mut self, v: Option<&Spanned<DeValue<'_>>>) -> Option<Vec<Op>> {
        let Some(v) = v else {
            self.error_top(
                "the recipe has no ops: add [[ops]] rows such as op = \"trim\" and column = \"county\"",
            );
            return None;
        };
        let Some(arr) = v.get_ref().as_array() else {
            self.error_at(
                "ops",
                "ops must be written as [[ops]] tables, one per cleaning operation",
            );
            return None;
        };
        if arr.is_empty() {
            self.error_at(
                "ops",
                "the list of ops is empty: add at least one [[ops]] row",
            );
            return None;
        }
        if arr.len() > crate::limits::MAX_OPS {
            self.error_at(
                &format!("ops[{}].op", crate::limits::MAX_OPS),
                crate::limits::over(
                    "ops",
                    arr.len(),
                    crate::limits::MAX_OPS,
                    "split the recipe into several recipes and apply them one after the other",
                ),
            );
            return None;
        }
        let mut ops = Vec::with_capacity(arr.len());
        let mut ok = true;
        for (i, ov) in arr.iter().enumerate() {
            match self.op(i, ov) {
                Some(op) => ops.push(op),
                None => ok = false,
            }
        }
        ok.then_some(ops)
    }

    fn op(&mut self, i: usize, ov: &Spanned<DeValue<'_>>) -> Option<Op> {
        let path = format!("ops[{i}]");
        // Rows opened by `[[ops]]` have no span of their own: point at their `op` key.
        let at = format!("{path}.op");
        let n = i + 1;
        let Some(t) = ov.get_ref().as_table() else {
            self.error_at(
                &path,
                format!("op {n} must be a table: write [[ops]] and its keys below it"),
            );
            return None;
        };
        let Some(name) = t.get("op").map(|v| v.get_ref().as_str()) else {
            self.error_at(
                &at,
                format!(
                    "op {n} has no `op`: add op = \"trim\" (or {})",
                    OP_NAMES.get(1..).unwrap_or_default().join(", ")
                ),
            );
            return None;
        };
        let Some(name) = name else {
            self.error_at(&at, format!("`op` in op {n} must be text such as \"trim\""));
            return None;
        };
        if !OP_NAMES.contains(&name) {
            let msg = format!(
                "unknown op \"{name}\" in op {n}; {}",
                suggestion(name, OP_NAMES)
            );
            self.error_at(&at, msg);
            return None;
        }
        if !self.keys_fit(&path, t, name, op_keys(name)) {
            return None;
        }
        let spec: OpSpec = match OpSpec::deserialize(ov.clone().into_deserializer()) {
            Ok(s) => s,
            Err(e) => {
                let span = e.span().unwrap_or_else(|| ov.span());
                let msg = humanize_serde(e.message(), &format!("op {n} (`{name}`)"));
                self.diags.push(if span.is_empty() {
                    self.source.diag(Severity::Error, &at, msg)
                } else {
                    self.src.at(Severity::Error, span, msg)
                });
                return None;
            }
        };
        match spec.into_op() {
            Ok(op) => Some(op),
            Err(msg) => {
                // Point at the key the message is about when the row has it.
                let key = msg
                    .split('`')
                    .skip(1)
                    .step_by(2)
                    .filter_map(|s| s.split([' ', '=']).next())
                    .find(|k| *k != "op" && t.get(*k).is_some());
                let path = key.map_or(at, |k| key_path(&path, k));
                let prefix = format!("op `{name}`");
                let msg = match msg.strip_prefix(&prefix) {
                    Some(rest) => format!("op {n} (`{name}`){rest}"),
                    None => format!("op {n}: {msg}"),
                };
                self.error_at(&path, msg);
                None
            }
        }
    }

    /// Report keys of an op row that its op does not take.
    fn keys_fit(&mut self, path: &str, t: &DeTable<'_>, name: &str, allowed: &[&str]) -> bool {
        let misfits = misfit_keys(t, "op", name, allowed);
        for (key, message) in &misfits {
            self.error_key(&key_path(path, key), message.clone());
        }
        misfits.is_empty()
    }
}

/// A TOML date (`2024-10-15`) or the same as text.
fn made_date(v: &DeValue<'_>) -> Option<NaiveDate> {
    match v {
        DeValue::Datetime(dt) if dt.time.is_none() && dt.offset.is_none() => {
            let d = dt.date?;
            NaiveDate::from_ymd_opt(i32::from(d.year), u32::from(d.month), u32::from(d.day))
        }
        DeValue::String(s) => NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").ok(),
        _ => None,
    }
}
