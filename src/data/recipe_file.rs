//! Recipe files: a list of cleaning ops saved as TOML so `huddle apply` can replay
//! them on next month's export, and so a learner can share them with a coach.
//!
//! ```toml
//! format = 1
//! [recipe]                     # optional
//! lesson = "who-are-our-people"
//! table = "members"
//! made = 2024-10-15
//! note = "October member list"
//! [[ops]]
//! op = "pad"
//! column = "zip"
//! width = 5
//! with = "0"
//! ```
//!
//! Recipes travel, so they must not carry member data: [`Recipe::personal_values`]
//! finds literal emails and phone numbers, and [`Recipe::save`] refuses to write them.

mod parse;

use crate::data::mask::{looks_like_email, looks_like_phone};
use crate::data::recipe::{CaseTo, Op};
use crate::diag::Diagnostic;
use chrono::NaiveDate;
use std::collections::HashSet;
use std::io::Write;
use std::path::Path;

/// The recipe format version this huddle reads and writes.
pub const RECIPE_FORMAT: i64 = 1;

/// A saved list of cleaning ops, applied in order.
#[derive(Debug, Clone, PartialEq)]
pub struct Recipe {
    /// The ops, first to last.
    pub ops: Vec<Op>,
}

/// The optional `[recipe]` table: where a recipe came from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RecipeHeader {
    /// The lesson id it was made in.
    pub lesson: Option<String>,
    /// The lesson table it cleans.
    pub table: Option<String>,
    /// The day it was made.
    pub made: Option<NaiveDate>,
    /// A free note (not personal data: it is shared).
    pub note: Option<String>,
}

impl RecipeHeader {
    fn is_empty(&self) -> bool {
        self == &RecipeHeader::default()
    }
}

const FILE_COMMENT: &str = "\
# A huddle cleaning recipe: each [[ops]] row below is one step, applied in order.
# Re-apply it to the next export of the same kind (the export is never changed):
#
#   huddle apply this.toml NEXT-EXPORT.csv -o cleaned.csv
#
# If a column has another name in that export, add --map OLD=NEW (OLD as written here).
# The ops are described in docs/recipes.md. Recipes are shared: keep member data out.
";

impl Recipe {
    /// Parse recipe text; `file` names it in diagnostics (`file:line:col`).
    pub fn parse(file: &str, text: &str) -> Result<Recipe, Vec<Diagnostic>> {
        Recipe::parse_with_header(file, text).map(|(r, _)| r)
    }

    /// Parse recipe text and its optional `[recipe]` table.
    pub fn parse_with_header(
        file: &str,
        text: &str,
    ) -> Result<(Recipe, RecipeHeader), Vec<Diagnostic>> {
        parse::parse(file, text).map(|(ops, header)| (Recipe { ops }, header))
    }

    /// The recipe as a readable TOML file that [`Recipe::parse`] reads back.
    pub fn to_toml(&self, header: &RecipeHeader) -> String {
        let mut out = String::from(FILE_COMMENT);
        out.push_str("format = 1\n");
        if !header.is_empty() {
            out.push_str("\n[recipe]\n");
            for (key, value) in [
                ("lesson", &header.lesson),
                ("table", &header.table),
                ("note", &header.note),
            ] {
                if let Some(v) = value {
                    out.push_str(&format!("{key} = {}\n", toml_string(v)));
                }
            }
            if let Some(d) = header.made {
                out.push_str(&format!("made = {}\n", d.format("%Y-%m-%d")));
            }
        }
        for (i, op) in self.ops.iter().enumerate() {
            out.push_str(&format!("\n# {}. {}\n[[ops]]\n", i + 1, op_summary(op)));
            out.push_str(&op_rows(op));
        }
        out
    }

    /// Where the recipe holds a literal that looks personal (an email or a phone
    /// number), as `op 3 (merge_values): key 2 of `map``: positions and keys only,
    /// never the values, so the list can be shown and logged.
    pub fn personal_values(&self) -> Vec<String> {
        let mut found = Vec::new();
        for (i, op) in self.ops.iter().enumerate() {
            let at = |what: &str| format!("op {} ({}): {what}", i + 1, op.name());
            match op {
                Op::Replace { find, with, .. } => {
                    if looks_personal(find) {
                        found.push(at("`find`"));
                    }
                    if looks_personal(with) {
                        found.push(at("`with`"));
                    }
                }
                Op::MergeValues { map, .. } => {
                    for (j, (k, v)) in map.iter().enumerate() {
                        if looks_personal(k) {
                            found.push(at(&format!("key {} of `map`", j + 1)));
                        }
                        if looks_personal(v) {
                            found.push(at(&format!("value {} of `map`", j + 1)));
                        }
                    }
                }
                Op::Fill { value: Some(v), .. } if looks_personal(v) => found.push(at("`value`")),
                Op::Filter { condition, .. } if looks_personal(condition) => {
                    found.push(at("`where`"));
                }
                _ => {}
            }
        }
        found
    }

    /// Every column the recipe needs from the input file, as (0-based op index,
    /// column), first use only. Columns made by an earlier op (`split` into,
    /// `rename` to) are not needed from the file.
    pub fn columns_needed(&self) -> Vec<(usize, String)> {
        let mut made: HashSet<&str> = HashSet::new();
        let mut seen: HashSet<&str> = HashSet::new();
        let mut needed = Vec::new();
        for (i, op) in self.ops.iter().enumerate() {
            for col in op.columns_needed() {
                if !made.contains(col) && seen.insert(col) {
                    needed.push((i, col.to_string()));
                }
            }
            match op {
                Op::Split { into, .. } => made.extend(into.iter().map(String::as_str)),
                Op::Rename { column, to } => {
                    made.remove(column.as_str());
                    made.insert(to);
                }
                Op::DropColumn { column } => {
                    made.remove(column.as_str());
                }
                _ => {}
            }
        }
        needed
    }

    /// Write the recipe to `path` atomically, refusing when it holds personal
    /// values (see [`Recipe::personal_values`]), when `path` is one of `inputs` or
    /// not a regular file, or when it exists and `overwrite` is false. The error is a message for people, without values.
    pub fn save(
        &self,
        header: &RecipeHeader,
        path: &Path,
        inputs: &[&Path],
        overwrite: bool,
    ) -> Result<(), String> {
        let personal = self.personal_values();
        if !personal.is_empty() {
            return Err(format!(
                "not saved: recipes are shared with coaches, and this one holds what looks like an email or phone number in {}. Remove those values from the ops first",
                personal.join("; ")
            ));
        }
        let text = self.to_toml(header);
        crate::output::write(
            path,
            inputs,
            crate::output::Existing::replace_if(overwrite),
            crate::output::Audience::Shared,
            |f| f.write_all(text.as_bytes()),
        )
        .map_err(|e| match e {
            crate::output::OutputError::Exists(p) => format!(
                "not saved: {} already exists; choose another name",
                p.display()
            ),
            e => format!("not saved: {e}"),
        })
    }
}

/// A short description of an op for screens and logs: `pad zip`, `dedupe by email`.
/// It names columns, never values (values may be personal).
pub fn op_summary(op: &Op) -> String {
    let clean = |s: &str| -> String {
        s.chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect()
    };
    let list = |v: &[String]| v.iter().map(|s| clean(s)).collect::<Vec<_>>().join(", ");
    match op {
        Op::Trim { column } => format!("trim {}", clean(column)),
        Op::CollapseSpaces { column } => format!("collapse spaces in {}", clean(column)),
        Op::Case { column, to } => {
            let to = match to {
                CaseTo::Lower => "lower",
                CaseTo::Upper => "upper",
                CaseTo::Title => "title",
            };
            format!("{to} case {}", clean(column))
        }
        Op::Replace { column, .. } => format!("replace text in {}", clean(column)),
        Op::Pad { column, .. } => format!("pad {}", clean(column)),
        Op::DigitsOnly { column } => format!("digits only in {}", clean(column)),
        Op::ParseDate { column, .. } => format!("parse dates in {}", clean(column)),
        Op::Fill { column, down, .. } => {
            if *down {
                format!("fill down {}", clean(column))
            } else {
                format!("fill blanks in {}", clean(column))
            }
        }
        Op::DropNulls { column } => format!("drop rows with blank {}", clean(column)),
        Op::Dedupe {
            by, keep_blanks, ..
        } => {
            let blanks = if *keep_blanks { " (blanks kept)" } else { "" };
            format!("dedupe by {}{blanks}", list(by))
        }
        Op::MergeValues { column, map } => {
            format!("merge {} spelling(s) in {}", map.len(), clean(column))
        }
        Op::Split { column, into, .. } => format!("split {} into {}", clean(column), list(into)),
        Op::Rename { column, to } => format!("rename {} to {}", clean(column), clean(to)),
        Op::DropColumn { column } => format!("drop column {}", clean(column)),
        Op::Filter { .. } => "filter rows".to_string(),
    }
}

/// The `key = value` lines of one op; a `map` goes last, as its own `[ops.map]` table.
fn op_rows(op: &Op) -> String {
    let Ok(toml::Value::Table(t)) = toml::Value::try_from(op) else {
        return format!("op = {}\n", toml_string(op.name()));
    };
    let mut out = String::new();
    let mut tables = String::new();
    for (k, v) in &t {
        match v {
            toml::Value::Table(sub) => {
                if k == "map" {
                    tables.push_str("# each line: \"spelling found\" = \"spelling to keep\"\n");
                }
                tables.push_str(&format!("[ops.{}]\n", toml_key(k)));
                for (sk, sv) in sub {
                    tables.push_str(&format!("{} = {sv}\n", toml_key(sk)));
                }
            }
            v => out.push_str(&format!("{} = {v}\n", toml_key(k))),
        }
    }
    out + &tables
}

/// A key bare when TOML allows it, quoted otherwise.
fn toml_key(k: &str) -> String {
    let bare = !k.is_empty()
        && k.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    if bare { k.to_string() } else { toml_string(k) }
}

fn toml_string(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

/// Whether text is, or contains as a quoted literal or word, an email or a phone.
fn looks_personal(s: &str) -> bool {
    if looks_like_email(s) || looks_like_phone(s) {
        return true;
    }
    let quoted = s.split('\'').skip(1).step_by(2);
    let words = s.split(|c: char| c.is_whitespace() || ",;=<>()'\"".contains(c));
    quoted
        .chain(words)
        .any(|w| !w.is_empty() && (looks_like_email(w) || looks_like_phone(w)))
}

#[cfg(test)]
mod tests;
