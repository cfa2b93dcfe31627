//! Per-dataset masking decisions: which columns are personal, and each cell's mask.

use super::header::{HeaderVerdict, header_verdict};
use super::{PiiKind, kind_from_values, mask, mask_anywhere};
use polars::prelude::*;
use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

/// How many non-blank values of a column are looked at to decide its kind.
const SAMPLE: usize = 200;

/// Share of sampled values that must look like learned names for a column to be names.
const LEARNED_SHARE: f64 = 0.30;

/// Decides which columns hold personal data and masks their cells. Build one per loaded
/// dataset: [`declare`](Masker::declare) the lesson's `pii` columns,
/// [`learn_values`](Masker::learn_values) (or [`learn_frame`](Masker::learn_frame)) the
/// names in the loaded tables, then [`plan`](Masker::plan) each table or query result
/// once and mask each shown value with [`cell`](Masker::cell).
#[derive(Debug, Clone, Default)]
pub struct Masker {
    /// Declared columns, by trimmed lower-case name.
    declared: HashMap<String, PiiKind>,
    /// Hashes of the words of known personal values (names), never the words.
    learned: HashSet<u64>,
    /// Hashes of the words of every value of every personal column (names, emails,
    /// addresses…), for scrubbing free text such as error messages.
    personal_words: HashSet<u64>,
    /// Each loaded table's columns (lower case) and their kinds, by lower-case name.
    sources: HashMap<String, Vec<(String, Option<PiiKind>)>>,
    /// Names of tables and columns (lower case): kept when text is scrubbed.
    known: HashSet<String>,
}

impl Masker {
    /// A masker that knows nothing yet: headers and content decide.
    pub fn new() -> Self {
        Masker::default()
    }

    /// Mark a column as personal data of `kind` (a lesson's `pii = true` column, or one
    /// found in the learner's file). Matched by name, ignoring case and outer spaces.
    pub fn declare(&mut self, column: &str, kind: PiiKind) {
        self.declared.insert(column.trim().to_lowercase(), kind);
    }

    /// Remember the words of known personal values (every first and last name of the
    /// loaded member table), so that a query that joins or renames them is still
    /// caught. Only 64-bit hashes of lower-case words of two or more characters with a
    /// letter are kept, once each: about 16 bytes per distinct word.
    pub fn learn_values<'a>(&mut self, values: impl Iterator<Item = &'a str>) {
        for v in values {
            for_each_word(v, |h| {
                self.learned.insert(h);
            });
        }
    }

    /// Learn the values of every column of `df` that is planned as names.
    pub fn learn_frame(&mut self, df: &DataFrame) {
        let plan = self.plan(df);
        for (col, kind) in df.columns().iter().zip(plan) {
            if kind != Some(PiiKind::Name) {
                continue;
            }
            let Ok(text) = col.cast(&DataType::String) else {
                continue;
            };
            if let Ok(ca) = text.str() {
                self.learn_values(ca.iter().flatten());
            }
        }
    }

    /// Learn a whole dataset: the names of every table first (so a query joining two
    /// tables is judged with all of them), then each table's columns and their kinds,
    /// so a query's result can be masked by where its columns come from
    /// ([`plan_query`](Masker::plan_query)), and the words of every personal value, so
    /// free text can be scrubbed of them ([`scrub`](Masker::scrub)).
    pub fn learn_catalog(&mut self, catalog: &crate::data::sql::Catalog) {
        for name in catalog.names() {
            if let Some(df) = catalog.get(name) {
                self.learn_frame(df);
            }
        }
        for name in catalog.names() {
            let Some(df) = catalog.get(name) else {
                continue;
            };
            let plan = self.plan(df);
            self.know_name(name);
            let mut cols = Vec::new();
            for (col, kind) in df.columns().iter().zip(plan) {
                self.know_name(col.name().as_str());
                cols.push((col.name().to_lowercase(), kind));
                if kind.is_none() {
                    continue;
                }
                let Ok(text) = col.cast(&DataType::String) else {
                    continue;
                };
                if let Ok(ca) = text.str() {
                    for v in ca.iter().flatten() {
                        // An email's domain is not personal (`example`, `org`).
                        let v = match kind {
                            Some(PiiKind::Email) => v.split('@').next().unwrap_or(v),
                            _ => v,
                        };
                        for_each_word(v, |h| {
                            self.personal_words.insert(h);
                        });
                    }
                }
            }
            self.sources.insert(name.to_lowercase(), cols);
        }
    }

    /// Remember a table or column name: scrubbed text keeps it ([`scrub`](Masker::scrub)).
    pub fn know_name(&mut self, name: &str) {
        self.known.insert(name.trim().to_lowercase());
    }

    /// Whether `name` is a known table or column name.
    pub(super) fn is_known_name(&self, name: &str) -> bool {
        self.known.contains(&name.trim().to_lowercase())
    }

    /// Whether a word (hashed as [`for_each_word`] does) is part of a personal value.
    pub(super) fn is_personal_word(&self, hash: u64) -> bool {
        self.personal_words.contains(&hash)
    }

    /// The kinds of a query's result columns by where they come from, traced through
    /// the SQL ([`super::lineage`]): a column is masked as the personal columns it is
    /// made of, whatever its alias. `None` when the SQL cannot be traced.
    pub fn lineage_kinds(&self, sql: &str) -> Option<Vec<LineageKind>> {
        let tables: super::lineage::Tables = self
            .sources
            .iter()
            .map(|(t, cols)| (t.clone(), cols.iter().map(|(c, _)| c.clone()).collect()))
            .collect();
        let origins = super::lineage::trace(sql, &tables)?;
        Some(
            origins
                .into_iter()
                .map(|o| {
                    let kinds: HashSet<PiiKind> = o
                        .sources
                        .iter()
                        .filter_map(|(t, c)| self.source_kind(t, c))
                        .collect();
                    match kinds.len() {
                        0 if o.unclear => LineageKind::Unclear,
                        0 => LineageKind::NotPersonal,
                        1 => LineageKind::Personal(
                            kinds.into_iter().next().unwrap_or(PiiKind::Other),
                        ),
                        _ => LineageKind::Personal(PiiKind::Other),
                    }
                })
                .collect(),
        )
    }

    fn source_kind(&self, table: &str, column: &str) -> Option<PiiKind> {
        self.sources
            .get(table)?
            .iter()
            .find(|(c, _)| c == column)
            .and_then(|(_, k)| *k)
    }

    /// One decision per column of a query's result: [`plan`](Masker::plan) by header
    /// and content, overruled by where each column comes from in `sql`. A column made
    /// from a personal column is masked as it; a text column whose origin is unclear
    /// (or all of them when the SQL cannot be traced) is hidden. When in doubt, mask.
    pub fn plan_query(&self, df: &DataFrame, sql: Option<&str>) -> Vec<Option<PiiKind>> {
        let base = self.plan(df);
        let Some(sql) = sql else {
            return base;
        };
        let lineage = self
            .lineage_kinds(sql)
            .filter(|l| l.len() == df.width())
            .unwrap_or_else(|| vec![LineageKind::Unclear; df.width()]);
        base.into_iter()
            .zip(lineage)
            .zip(df.columns())
            .map(|((kind, lin), col)| lin.decide(kind, holds_text(col.dtype())))
            .collect()
    }

    /// The kind of the values in column `index` of `sql`'s result, judged by
    /// lineage and then by a sample of them (choices, a computed answer).
    pub fn sql_value_kind(&self, sql: &str, index: usize, sample: &[&str]) -> Option<PiiKind> {
        let lin = self
            .lineage_kinds(sql)
            .and_then(|l| l.get(index).copied())
            .unwrap_or(LineageKind::Unclear);
        lin.decide(self.column_kind("", sample), true)
    }

    /// How many distinct words have been learned.
    pub fn learned_words(&self) -> usize {
        self.learned.len()
    }

    /// The kind of personal data column `name` holds, from a sample of its values:
    /// a declared column's kind; else the header's kind ([`super::kind_from_name`]); else
    /// the content's ([`kind_from_values`]); else `Name` when at least 30% of the
    /// non-blank sampled values are made of learned name words (more than half of a
    /// value's words learned). The last check is skipped for a header about a thing or
    /// place (`county`, `city`, `precinct_name`…), so a county `Essex` stays visible even
    /// when a member is called Essex; the 30% share keeps a column where a few values
    /// happen to be names (a `Strong` among survey answers) visible.
    pub fn column_kind(&self, name: &str, sample: &[&str]) -> Option<PiiKind> {
        if let Some(&kind) = self.declared.get(&name.trim().to_lowercase()) {
            return Some(kind);
        }
        let verdict = header_verdict(name);
        if let HeaderVerdict::Personal(kind) = verdict {
            return Some(kind);
        }
        if let Some(kind) = kind_from_values(sample) {
            return Some(kind);
        }
        if verdict == HeaderVerdict::NotPersonal || self.learned.is_empty() {
            return None;
        }
        let filled: Vec<&str> = sample
            .iter()
            .copied()
            .filter(|v| !v.trim().is_empty())
            .collect();
        if filled.is_empty() {
            return None;
        }
        let named = filled.iter().filter(|v| self.is_learned_name(v)).count();
        (named as f64 >= LEARNED_SHARE * filled.len() as f64).then_some(PiiKind::Name)
    }

    /// Whether a value is mostly learned words: more than half of its words (so
    /// `Jo Garcia`, `GARCIA, Jo` and `Member: Jo Garcia` are; `Strong Support` is not
    /// when only `Strong` is someone's name).
    fn is_learned_name(&self, value: &str) -> bool {
        let (mut words, mut known) = (0usize, 0usize);
        for_each_word(value, |h| {
            words += 1;
            if self.learned.contains(&h) {
                known += 1;
            }
        });
        2 * known > words
    }

    /// One decision per column of `df`, in order (see [`column_kind`](Masker::column_kind)).
    pub fn plan(&self, df: &DataFrame) -> Vec<Option<PiiKind>> {
        df.columns()
            .iter()
            .map(|col| {
                let sample = sample_text(col);
                let refs: Vec<&str> = sample.iter().map(String::as_str).collect();
                self.column_kind(col.name().as_str(), &refs)
            })
            .collect()
    }

    /// The value to show: masked as `kind` when the column is personal, else with any
    /// email or phone number inside it masked ([`mask_anywhere`]).
    pub fn cell<'a>(&self, kind: Option<PiiKind>, value: &'a str) -> Cow<'a, str> {
        match kind {
            Some(_) if value.trim().is_empty() => Cow::Borrowed(value),
            Some(kind) => Cow::Owned(mask(kind, value)),
            None => mask_anywhere(value),
        }
    }
}

/// What the lineage of a result column says about it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineageKind {
    /// Made from personal columns of this kind (`Other` when of several kinds).
    Personal(PiiKind),
    /// Made from columns that are not personal (or from none: a count, a literal).
    NotPersonal,
    /// Where it comes from is not clear.
    Unclear,
}

impl LineageKind {
    /// The final kind: lineage first, then the header-and-content `kind`; an unclear
    /// text column with no kind is hidden.
    fn decide(self, kind: Option<PiiKind>, text: bool) -> Option<PiiKind> {
        match self {
            LineageKind::Personal(k) => Some(k),
            LineageKind::NotPersonal => kind,
            LineageKind::Unclear if text => kind.or(Some(PiiKind::Other)),
            LineageKind::Unclear => kind,
        }
    }
}

/// Whether values of this type are shown as text that could be a person's data
/// (numbers and yes/no are not; a phone stored as a number is found by content).
fn holds_text(dt: &DataType) -> bool {
    !(dt.is_primitive_numeric() || dt.is_bool())
}

/// Up to about [`SAMPLE`] non-blank values of a column as text, spread evenly over it:
/// every k-th of at most `4 × SAMPLE` evenly spaced rows. When those are all blank, the
/// first non-blank values anywhere.
fn sample_text(col: &Column) -> Vec<String> {
    let stride = (col.len() / (4 * SAMPLE)).max(1);
    let spread = if stride > 1 {
        col.gather_every(stride, 0).ok()
    } else {
        None
    };
    let mut out = non_blank_text(spread.as_ref().unwrap_or(col));
    if out.is_empty() && spread.is_some() {
        let filled = col.drop_nulls();
        out = if filled.dtype() == &DataType::String {
            non_blank_text(&filled)
        } else {
            non_blank_text(&filled.slice(0, 4 * SAMPLE))
        };
    }
    let step = out.len().div_ceil(SAMPLE).max(1);
    out.into_iter().step_by(step).collect()
}

/// The non-blank values as text. Whole-number floats lose their `.0`, so a phone stored
/// as a float reads as digits.
fn non_blank_text(col: &Column) -> Vec<String> {
    let col = if col.dtype().is_float() {
        col.cast(&DataType::Int64).unwrap_or_else(|_| col.clone())
    } else {
        col.clone()
    };
    let Ok(text) = col.cast(&DataType::String) else {
        return Vec::new();
    };
    let Ok(ca) = text.str() else {
        return Vec::new();
    };
    ca.iter()
        .flatten()
        .filter(|v| !v.trim().is_empty())
        .map(str::to_string)
        .collect()
}

/// Calls `f` with the hash of each word of `value` that counts: split at anything but
/// letters and digits, lower-cased, at least two characters, with at least one letter.
pub(super) fn for_each_word(value: &str, mut f: impl FnMut(u64)) {
    let mut hash = FNV_OFFSET;
    let (mut chars, mut letter) = (0usize, false);
    for c in value.chars().chain(std::iter::once(' ')) {
        if c.is_alphanumeric() {
            for lc in c.to_lowercase() {
                let mut buf = [0u8; 4];
                for &b in lc.encode_utf8(&mut buf).as_bytes() {
                    hash = (hash ^ u64::from(b)).wrapping_mul(FNV_PRIME);
                }
            }
            chars += 1;
            letter |= c.is_alphabetic();
        } else {
            if chars >= 2 && letter {
                f(hash);
            }
            hash = FNV_OFFSET;
            chars = 0;
            letter = false;
        }
    }
}

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

#[cfg(test)]
mod tests {
    use super::*;

    fn hashes(v: &str) -> Vec<u64> {
        let mut out = Vec::new();
        for_each_word(v, |h| out.push(h));
        out
    }

    #[test]
    fn words_are_split_lowered_and_short_ones_skipped() {
        assert_eq!(
            hashes("Garcia, Jo"),
            hashes("jo GARCIA").into_iter().rev().collect::<Vec<_>>()
        );
        assert_eq!(hashes("J. Garcia 42").len(), 1);
        assert_eq!(hashes("José"), hashes("JOSÉ"));
        assert_ne!(hashes("José"), hashes("Jose"));
        assert!(hashes("🎉 A 7").is_empty());
    }

    #[test]
    fn learned_words_are_kept_once() {
        let mut m = Masker::new();
        m.learn_values(["Jo Garcia", "Garcia, Jo", "jo", "A"].into_iter());
        assert_eq!(m.learned_words(), 2);
    }

    #[test]
    fn declared_columns_win_ignoring_case() {
        let mut m = Masker::new();
        m.declare("Member Notes", PiiKind::Other);
        assert_eq!(
            m.column_kind(" member notes ", &["anything"]),
            Some(PiiKind::Other)
        );
        assert_eq!(m.column_kind("county", &["Essex"]), None);
    }

    #[test]
    fn learned_names_need_a_share_and_a_header_not_about_a_place() {
        let mut m = Masker::new();
        m.learn_values(["Jo", "Garcia", "Essex", "Strong", "Lee", "Kim"].into_iter());
        let who = ["Jo Garcia", "Lee Kim", "Essex Lee"];
        assert_eq!(m.column_kind("who", &who), Some(PiiKind::Name));
        // A county column whose values happen to be surnames: header says place.
        assert_eq!(m.column_kind("county", &["Essex", "Essex"]), None);
        assert_eq!(m.column_kind("region", &["Essex", "Essex"]), None);
        // One learned value in ten stays below the share.
        let mut answers = vec!["Strong"];
        answers.extend(["Undecided"; 9]);
        assert_eq!(m.column_kind("answer", &answers), None);
        // Half the words of `Strong Support` being a name is not enough.
        let support = ["Strong Support"; 5];
        assert_eq!(m.column_kind("answer", &support), None);
        let titled = ["Member: Jo Garcia", "Member: Lee Kim", "Strong Support"];
        assert_eq!(m.column_kind("answer", &titled), Some(PiiKind::Name));
        // Without learned words nothing is a name by content.
        assert_eq!(Masker::new().column_kind("who", &who), None);
    }

    #[test]
    fn cells_are_masked_by_kind_or_anywhere() {
        let m = Masker::new();
        assert_eq!(m.cell(Some(PiiKind::Name), "Jo Garcia"), "J. G.");
        assert_eq!(m.cell(Some(PiiKind::Name), "  "), "  ");
        assert!(matches!(m.cell(None, "Essex"), Cow::Borrowed("Essex")));
        assert_eq!(m.cell(None, "call 831-401-6718"), "call (•••) •••-6718");
    }
}
