//! Numbers written for people: `"1,243"` with thousands separators and `45.2%`.
//! A text column read from a delimited file whose every value is written like that
//! is rewritten as plain numbers (`1243`, `45.2`) so it types as a number; the
//! change is reported. A percent keeps the number as written: `45.2%` is 45.2
//! (percent points), as a spreadsheet shows it, not 0.452.

use crate::data::problems::Problem;
use crate::data::types::{is_blank_cell, parse_integer, parse_number, trim_cell};
use polars::prelude::*;
use std::borrow::Cow;

/// `1,243`, `12,400,301`, `-3,000.5`: digit groups of three after a first group of
/// one to three digits that does not start with 0. Returns the text without commas.
fn ungrouped(v: &str) -> Option<String> {
    // A number without a comma has no group to take off.
    if !v.contains(',') {
        return None;
    }
    let t = trim_cell(v);
    let (sign, rest) = match t.strip_prefix('-') {
        Some(r) => ("-", r),
        None => ("", t.strip_prefix('+').unwrap_or(t)),
    };
    let (int, frac) = match rest.split_once('.') {
        Some((i, f)) if !f.is_empty() && f.bytes().all(|b| b.is_ascii_digit()) => (i, Some(f)),
        Some(_) => return None,
        None => (rest, None),
    };
    let mut groups = int.split(',');
    let first = groups.next()?;
    if first.is_empty()
        || first.len() > 3
        || first.starts_with('0')
        || !first.bytes().all(|b| b.is_ascii_digit())
    {
        return None;
    }
    let mut n = 0;
    for g in groups {
        if g.len() != 3 || !g.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        n += 1;
    }
    if n == 0 {
        return None;
    }
    let mut out = format!("{sign}{}", int.replace(',', ""));
    if let Some(f) = frac {
        out.push('.');
        out.push_str(f);
    }
    Some(out)
}

/// `45.2%`, `7%`, `-3 %`: a plain number followed by a percent sign. Returns the number.
fn percent(v: &str) -> Option<String> {
    let n = trim_cell(v).strip_suffix('%')?.trim_end();
    parse_number(n).map(|_| n.to_string())
}

/// Whether a column is all grouped numbers (plain ones allowed) with at least one
/// grouped, or all percents; the rewritten values when it is.
fn rewrite(ca: &StringChunked, thousands: bool) -> Option<(StringChunked, &'static str)> {
    let mut written = WrittenNumbers::new(thousands);
    for v in ca.iter().flatten() {
        if !written.see(v) {
            return None;
        }
    }
    let kind = written.kind()?;
    Some((rewrite_as(ca, kind), kind))
}

/// How a column's numbers are written for people, found value by value: all
/// percents, or all grouped numbers (plain ones allowed) with at least one grouped.
#[derive(Debug, Clone)]
pub struct WrittenNumbers {
    seen: usize,
    grouped: usize,
    all_grouped: bool,
    all_percent: bool,
}

impl WrittenNumbers {
    /// Nothing seen yet; `thousands` when the comma is not the decimal mark.
    pub fn new(thousands: bool) -> Self {
        WrittenNumbers {
            seen: 0,
            grouped: 0,
            all_grouped: thousands,
            all_percent: true,
        }
    }

    /// Look at one value (not null); `false` once the column cannot be rewritten.
    pub fn see(&mut self, v: &str) -> bool {
        if is_blank_cell(v) {
            return self.alive();
        }
        self.seen += 1;
        if self.all_percent && percent(v).is_none() {
            self.all_percent = false;
        }
        if self.all_grouped {
            let t = trim_cell(v);
            let leading_zero = t.len() > 1 && t.starts_with('0') && !t.starts_with("0.");
            if ungrouped(v).is_some() {
                self.grouped += 1;
            } else if leading_zero || (parse_integer(t).is_none() && parse_number(t).is_none()) {
                self.all_grouped = false;
            }
        }
        self.alive()
    }

    /// These values' findings followed by `later`'s, seen apart (side by side).
    pub fn absorb(&mut self, later: &WrittenNumbers) {
        self.seen += later.seen;
        self.grouped += later.grouped;
        self.all_grouped &= later.all_grouped;
        self.all_percent &= later.all_percent;
    }

    /// Whether the values seen so far are all percents.
    pub fn percents(&self) -> bool {
        self.all_percent
    }

    /// Whether the values seen so far can still be rewritten.
    pub fn alive(&self) -> bool {
        self.all_percent || self.all_grouped
    }

    /// The rewrite the values seen call for: `percent_values` or `thousands_separators`.
    pub fn kind(&self) -> Option<&'static str> {
        if self.seen == 0 {
            None
        } else if self.all_percent {
            Some("percent_values")
        } else if self.all_grouped && self.grouped > 0 {
            Some("thousands_separators")
        } else {
            None
        }
    }
}

/// One value as a plain number, by the rewrite `kind` (see [`WrittenNumbers::kind`]);
/// a value the rewrite does not fit (a blank) stays as it is.
pub fn rewritten<'v>(v: &'v str, kind: &str) -> Cow<'v, str> {
    let plain = match kind {
        "percent_values" => percent(v),
        _ => ungrouped(v),
    };
    plain.map_or(Cow::Borrowed(v), Cow::Owned)
}

/// A column's values rewritten by `kind`, nulls kept.
pub fn rewrite_as(ca: &StringChunked, kind: &str) -> StringChunked {
    let out: StringChunked = ca
        .iter()
        .map(|v| v.map(|v| rewritten(v, kind).into_owned()))
        .collect();
    out.with_name(ca.name().clone())
}

/// Rewrite the text columns of `df` that hold only thousands-grouped numbers (when
/// `thousands`, i.e. the comma is not the decimal mark) or only percents, and say
/// what was done to each in a problem naming the column.
pub fn read_written_numbers(mut df: DataFrame, thousands: bool) -> (DataFrame, Vec<Problem>) {
    let mut notes = Vec::new();
    let names: Vec<PlSmallStr> = df.get_column_names().into_iter().cloned().collect();
    for name in names {
        let Ok(ca) = df.column(&name).and_then(|c| c.str().cloned()) else {
            continue;
        };
        let Some((fixed, kind)) = rewrite(&ca, thousands) else {
            continue;
        };
        let rows = ca.iter().flatten().filter(|v| !is_blank_cell(v)).count();
        let example = ca
            .iter()
            .flatten()
            .find(|v| !is_blank_cell(v))
            .unwrap_or_default()
            .trim()
            .to_string();
        let plain = fixed
            .iter()
            .flatten()
            .find(|v| !is_blank_cell(v))
            .unwrap_or_default()
            .to_string();
        if df.with_column(fixed.into_column()).is_err() {
            continue;
        }
        let message = match kind {
            "percent_values" => crate::i18n::trf(
                "`{name}` holds percents: {example} was read as the number {plain} (percent points, as a spreadsheet shows it, not a fraction of 1)",
                &[
                    ("name", &name.as_str()),
                    ("example", &example),
                    ("plain", &plain),
                ],
            ),
            _ => crate::i18n::trf(
                "`{name}` holds numbers written with thousands separators: {example} was read as the number {plain}",
                &[
                    ("name", &name.as_str()),
                    ("example", &example),
                    ("plain", &plain),
                ],
            ),
        };
        notes.push(Problem {
            kind,
            column: Some(name.to_string()),
            rows,
            message,
            examples: Vec::new(),
        });
    }
    (df, notes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grouping_must_be_in_threes_and_not_start_with_zero() {
        assert_eq!(ungrouped("12,400,301").as_deref(), Some("12400301"));
        assert_eq!(ungrouped("-1,243.5").as_deref(), Some("-1243.5"));
        assert_eq!(ungrouped("1,24"), None);
        assert_eq!(ungrouped("01,243"), None);
        assert_eq!(ungrouped("1243"), None);
        assert_eq!(ungrouped("01-01"), None);
        assert_eq!(percent("7%").as_deref(), Some("7"));
        assert_eq!(percent("45.2 %").as_deref(), Some("45.2"));
        assert_eq!(percent("%"), None);
    }
}
