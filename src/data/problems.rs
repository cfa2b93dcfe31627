//! Problems worth telling a data manager about before they trust an export: lost
//! leading zeros, Excel's scientific-notation IDs, mixed date formats, one value
//! spelled several ways, likely duplicate people. Works on the raw text of each
//! column, as the file has it.

use crate::data::types::{parse_date, parse_datetime};
use polars::prelude::*;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};

mod duplicate_people;
use duplicate_people::duplicate_people;

/// One problem found in a column.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Problem {
    /// What kind: `lost_zeros`, `scientific_ids`, `mixed_dates`, `variants`,
    /// `duplicate_people`, `renamed_header`, `ragged_rows`.
    pub kind: &'static str,
    /// The column, when the problem is in one.
    pub column: Option<String>,
    /// Rows affected.
    pub rows: usize,
    /// What it is and what to do, in plain words.
    pub message: String,
    /// A few values as examples.
    pub examples: Vec<String>,
}

/// A column's distinct values and how many rows hold each, in the order they first
/// appear ([`crate::data::distinct`]).
pub type Counted<'a> = [(&'a str, u64)];

/// Every problem found in the text columns of `raw` (all columns text).
/// Columns are looked at side by side, on every core; problems come in column order.
pub fn find(raw: &DataFrame) -> Vec<Problem> {
    use rayon::prelude::*;
    raw.columns()
        .par_iter()
        .map(|col| {
            let Ok(ca) = col.str() else {
                return Vec::new();
            };
            let counts = crate::data::distinct::ValueCounts::of(ca.iter());
            let values: Vec<(&str, u64)> = counts.iter().collect();
            in_column(col.name(), &values, raw.height())
        })
        .collect::<Vec<_>>()
        .concat()
}

/// The problems of the text column `name` of a table of `height` rows, given its
/// distinct values (blank ones are left out here).
pub fn in_column(name: &str, values: &Counted<'_>, height: usize) -> Vec<Problem> {
    let mut out = Vec::new();
    let blank = |v: &(&str, u64)| v.0.trim().is_empty();
    let values: std::borrow::Cow<'_, Counted<'_>> = if values.iter().any(blank) {
        values.iter().filter(|v| !blank(v)).copied().collect()
    } else {
        std::borrow::Cow::Borrowed(values)
    };
    if values.is_empty() {
        return out;
    }
    // The checks are independent: they run side by side, and are kept in this order.
    let ((lost, sci), (dates, (dup, spelled))) = rayon::join(
        || (lost_zeros(name, &values), scientific_ids(name, &values)),
        || {
            rayon::join(
                || mixed_dates(name, &values),
                || {
                    rayon::join(
                        || duplicate_people(name, &values),
                        || variants(name, &values, height),
                    )
                },
            )
        },
    );
    out.extend([lost, sci, dates, dup, spelled].into_iter().flatten());
    out
}

/// The rows of counted values.
fn rows_of(values: &Counted<'_>) -> u64 {
    values.iter().map(|v| v.1).sum()
}

fn examples<'a>(it: impl Iterator<Item = &'a str>) -> Vec<String> {
    let mut seen: Vec<String> = Vec::new();
    for v in it {
        if !seen.iter().any(|s| s == v) {
            seen.push(v.to_string());
        }
        if seen.len() == 3 {
            break;
        }
    }
    seen
}

/// The full width of a column of digits that lost leading zeros: most values have
/// this many digits, some of those start with 0, and some values are shorter.
/// `None` when the column does not look like that. Blank values are ignored.
/// `values` are each value with its rows, read once (a column of millions is not
/// held again).
pub(crate) fn lost_zeros_width<'a>(values: impl Iterator<Item = (&'a str, u64)>) -> Option<usize> {
    // Per number of digits: rows, and rows whose digits start with 0.
    let mut by_len: BTreeMap<usize, (u64, u64)> = BTreeMap::new();
    let (mut filled, mut all_digits, mut any_digits) = (0u64, 0u64, false);
    for (v, n) in values {
        let v = v.trim();
        if v.is_empty() {
            continue;
        }
        filled += n;
        let d = zip5_part(v);
        if d.is_empty() || !d.bytes().all(|b| b.is_ascii_digit()) {
            continue;
        }
        any_digits = true;
        all_digits += n;
        let e = by_len.entry(d.len()).or_default();
        e.0 += n;
        if d.starts_with('0') {
            e.1 += n;
        }
    }
    if !any_digits || all_digits * 10 < filled * 9 {
        return None;
    }
    let (&common, &(n_common, zero_led)) = by_len.iter().max_by_key(|(len, e)| (e.0, **len))?;
    let short: u64 = by_len.range(..common).map(|(_, e)| e.0).sum();
    // Only when the full-length values show zeros can be leading, and most are full length.
    if short == 0 || zero_led == 0 || n_common * 2 < all_digits {
        return None;
    }
    Some(common)
}

/// [`lost_zeros_width`] of counted values.
fn lost_zeros_width_counted(values: &Counted<'_>) -> Option<usize> {
    lost_zeros_width(values.iter().copied())
}

/// The digits before a ZIP+4's dash (`02134-1234` gives `02134`, `2134-1234` gives
/// `2134`): a ZIP+4 lost its zero the same way; any other value is itself.
pub(crate) fn zip5_part(v: &str) -> &str {
    match v.split_once('-') {
        Some((head, tail))
            if !head.is_empty()
                && head.len() <= 5
                && tail.len() == 4
                && head.bytes().all(|b| b.is_ascii_digit())
                && tail.bytes().all(|b| b.is_ascii_digit()) =>
        {
            head
        }
        _ => v,
    }
}

/// Whether `v` is digits (or a ZIP+4) shorter than `width`: a value that lost zeros.
pub(crate) fn is_short_digits(v: &str, width: usize) -> bool {
    let d = zip5_part(v.trim());
    !d.is_empty() && d.len() < width && d.bytes().all(|b| b.is_ascii_digit())
}

/// A column of digits where some values are shorter than most: Excel dropped zeros.
fn lost_zeros(name: &str, values: &Counted<'_>) -> Option<Problem> {
    let common = lost_zeros_width_counted(values)?;
    let short: Vec<(&str, u64)> = values
        .iter()
        .map(|(v, n)| (v.trim(), *n))
        .filter(|(d, _)| is_short_digits(d, common))
        .collect();
    let rows = rows_of(&short);
    Some(Problem {
        kind: "lost_zeros",
        column: Some(name.to_string()),
        rows: rows as usize,
        message: format!(
            "`{name}`: {rows} value(s) have fewer than {common} digits while most have {common} and some start with 0: Excel probably dropped leading zeros. Pad them back (the `pad` cleaning op, width {common}, with \"0\")."
        ),
        examples: examples(short.iter().map(|s| s.0)),
    })
}

/// IDs that Excel turned into `1.23457E+11`.
fn scientific_ids(name: &str, values: &Counted<'_>) -> Option<Problem> {
    let sci: Vec<(&str, u64)> = values
        .iter()
        .map(|(v, n)| (v.trim(), *n))
        .filter(|(v, _)| is_scientific(v))
        .collect();
    if sci.is_empty() {
        return None;
    }
    let rows = rows_of(&sci);
    Some(Problem {
        kind: "scientific_ids",
        column: Some(name.to_string()),
        rows: rows as usize,
        message: format!(
            "`{name}`: {rows} value(s) are in scientific notation (like 1.23457E+11): Excel rounded these numbers and the lost digits cannot be recovered from this file. Export again with the column formatted as text."
        ),
        examples: examples(sci.iter().map(|s| s.0)),
    })
}

/// Whether a value is in Excel's scientific notation (`1.23457E+11`).
pub(crate) fn is_scientific(v: &str) -> bool {
    // The first E must be the one before `+`: a mantissa holds only digits and dots.
    let Some(e) = v.bytes().position(|b| b == b'E' || b == b'e') else {
        return false;
    };
    let (mant, exp) = (&v[..e], &v[e + 1..]);
    let Some(exp) = exp.strip_prefix('+') else {
        return false;
    };
    !mant.is_empty()
        && mant.bytes().all(|b| b.is_ascii_digit() || b == b'.')
        && mant.bytes().next().is_some_and(|b| b.is_ascii_digit())
        && !exp.is_empty()
        && exp.bytes().all(|b| b.is_ascii_digit())
}

/// The written form of a date: digits become 9, letters a (so 2024-03-01 → 9999-99-99).
fn shape(v: &str) -> String {
    v.chars()
        .map(|c| {
            if c.is_ascii_digit() {
                '9'
            } else if c.is_alphabetic() {
                'a'
            } else {
                c
            }
        })
        .collect()
}

/// Which way a date is written, by its shape.
fn date_family(d: &str) -> &'static str {
    let s = shape(d);
    let last_part = s.rsplit(['/', '-', '.']).next().unwrap_or("");
    if s.contains('a') {
        "with a month name (Mar 1, 2024)"
    } else if s.starts_with("9999-") && s.contains(' ') {
        "year-month-day with a time (2024-03-01 10:00)"
    } else if s.starts_with("9999-") {
        "year-month-day (2024-03-01)"
    } else if s.starts_with("9999/") {
        "year/month/day (2024/03/01)"
    } else if s.contains('/') && last_part.len() == 2 {
        "month/day/two-digit year (3/1/24)"
    } else if s.contains('/') {
        "month/day/year (3/1/2024)"
    } else if s.contains('.') {
        "day.month.year (01.03.2024)"
    } else if s.contains('-') {
        "month-day-year (03-01-2024)"
    } else {
        "other"
    }
}

/// A five-digit whole number Excel uses for a date (1927–2173).
pub(crate) fn is_excel_serial(v: &str) -> bool {
    v.len() == 5
        && v.parse::<u32>()
            .is_ok_and(|n| (10_000..=99_999).contains(&n))
}

/// A date column written in more than one way (2024-03-01 and 3/1/2024).
fn mixed_dates(name: &str, values: &Counted<'_>) -> Option<Problem> {
    // Dates must be 8 rows in 10: the look stops once more than 2 in 10 are not.
    let all = rows_of(values);
    let (mut written, mut serials, mut other) = (Vec::new(), Vec::new(), 0u64);
    for &(v, n) in values {
        let v = v.trim();
        if v.chars().any(|c| !c.is_ascii_digit())
            && (parse_date(v).is_some() || parse_datetime(v).is_some())
        {
            written.push((v, n));
        } else if is_excel_serial(v) {
            serials.push((v, n));
        } else {
            other += n;
            if (all - other) * 10 < all * 8 {
                return None;
            }
        }
    }
    // Excel day numbers (45000) count as a way of writing dates, but only in a
    // column that has dates written out too.
    if written.is_empty() {
        serials.clear();
    }
    if (rows_of(&written) + rows_of(&serials)) * 10 < all * 8 {
        return None;
    }
    // Per way of writing: its rows, and the first value written that way.
    let mut families: BTreeMap<&'static str, (u64, &str)> = BTreeMap::new();
    for (d, n) in &written {
        families.entry(date_family(d)).or_insert((0, d)).0 += n;
    }
    if let Some((first, _)) = serials.first() {
        families.insert("Excel day numbers (45000)", (rows_of(&serials), first));
    }
    if families.len() < 2 {
        return None;
    }
    let mut parts: Vec<(u64, String)> = families
        .iter()
        .map(|(f, (n, _))| (*n, format!("{f}: {n} row(s)")))
        .collect();
    parts.sort_by_key(|p| std::cmp::Reverse(p.0));
    let minority: u64 = parts.iter().skip(1).map(|p| p.0).sum();
    let mut ex: Vec<&str> = families.values().map(|(_, first)| *first).collect();
    ex.truncate(3);
    Some(Problem {
        kind: "mixed_dates",
        column: Some(name.to_string()),
        rows: minority as usize,
        message: format!(
            "`{name}`: dates are written in {} ways — {}. Turn them into one with the `parse_date` cleaning op, listing each format.",
            parts.len(),
            parts
                .into_iter()
                .map(|p| p.1)
                .collect::<Vec<_>>()
                .join(", ")
        ),
        examples: ex.into_iter().map(str::to_string).collect(),
    })
}

/// One value spelled several ways (`Essex`, `essex `, `ESSEX`) in a column of categories.
fn variants(name: &str, values: &Counted<'_>, rows: usize) -> Option<Problem> {
    // Spellings are grouped; a column with more spellings than this is IDs or free
    // text, not categories, and is left alone.
    const MAX_SPELLINGS: usize = 20_000;
    if values.len() > MAX_SPELLINGS {
        return None;
    }
    let mut groups: HashMap<String, BTreeMap<&str, u64>> = HashMap::new();
    for &(v, n) in values {
        let key = v
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase();
        groups.entry(key).or_default().insert(v, n);
    }
    if groups.len() > 1000 || groups.len() * 2 > rows.max(1) {
        return None;
    }
    let mut found: Vec<(u64, Vec<&str>)> = groups
        .values()
        .filter(|g| g.len() > 1)
        .map(|g| {
            let mut spellings: Vec<(&str, u64)> = g.iter().map(|(k, n)| (*k, *n)).collect();
            spellings.sort_by_key(|s| std::cmp::Reverse(s.1));
            let minority: u64 = spellings.iter().skip(1).map(|s| s.1).sum();
            (minority, spellings.into_iter().map(|s| s.0).collect())
        })
        .collect();
    if found.is_empty() {
        return None;
    }
    // Most rows affected first; ties by spelling, so the report reads the same every run.
    found.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    let rows: u64 = found.iter().map(|f| f.0).sum();
    let shown: Vec<String> = found
        .iter()
        .take(3)
        .map(|(_, s)| {
            s.iter()
                .take(4)
                .map(|v| format!("\"{v}\""))
                .collect::<Vec<_>>()
                .join(" / ")
        })
        .collect();
    Some(Problem {
        kind: "variants",
        column: Some(name.to_string()),
        rows: rows as usize,
        message: format!(
            "`{name}`: {} value(s) are written several ways that differ only in spaces or case ({rows} rows use a less common spelling): {}. Clean with `trim`, `collapse_spaces` and `case`.",
            found.len(),
            shown.join("; ")
        ),
        examples: found
            .iter()
            .take(3)
            .filter_map(|(_, s)| s.get(1).map(|v| v.to_string()))
            .collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(df: &DataFrame) -> Vec<(&'static str, Option<String>, usize)> {
        find(df)
            .into_iter()
            .map(|p| (p.kind, p.column, p.rows))
            .collect()
    }

    #[test]
    fn planted_problems_are_found_and_clean_columns_are_not() {
        let df = df!(
            "zip" => ["02134", "2134", "01840", "02139", "1840"],
            "van_id" => ["1.23457E+11", "123456789012", "123456789013", "123456789014", "123456789015"],
            "joined" => ["2024-03-01", "2024-03-02", "3/4/2024", "2024-03-05", "2024-03-06"],
            "email" => ["a@x.org", "A@x.org ", "b@x.org", "c@x.org", "d@x.org"],
            "county" => ["Essex", "essex ", "Essex", "Suffolk", "Essex"],
            "name" => ["Ann", "Bo", "Cy", "Di", "Ed"]
        )
        .unwrap();
        let got = kinds(&df);
        assert!(
            got.contains(&("lost_zeros", Some("zip".into()), 2)),
            "{got:?}"
        );
        assert!(
            got.contains(&("scientific_ids", Some("van_id".into()), 1)),
            "{got:?}"
        );
        assert!(
            got.contains(&("mixed_dates", Some("joined".into()), 1)),
            "{got:?}"
        );
        assert!(
            got.contains(&("duplicate_people", Some("email".into()), 2)),
            "{got:?}"
        );
        assert!(
            got.contains(&("variants", Some("county".into()), 1)),
            "{got:?}"
        );
        assert!(
            !got.iter().any(|g| g.1.as_deref() == Some("name")),
            "{got:?}"
        );
    }

    #[test]
    fn mixed_dates_need_eight_rows_in_ten_wherever_the_others_are() {
        let column = |others: usize, first: bool| {
            let mut v: Vec<&str> = vec!["2024-03-01", "3/2/2024", "2024-03-03", "2024-03-04"];
            v.extend(["2024-03-05", "2024-03-06", "2024-03-07", "2024-03-08"]);
            let notes = vec!["call back"; others];
            let all = if first {
                [notes, v].concat()
            } else {
                [v, notes].concat()
            };
            let df = df!("joined" => all).unwrap();
            find(&df).into_iter().any(|p| p.kind == "mixed_dates")
        };
        for first in [true, false] {
            assert!(column(2, first), "8 dates in 10 are mixed dates");
            assert!(!column(3, first), "8 dates in 11 are not");
        }
    }

    #[test]
    fn plain_numbers_are_not_lost_zeros() {
        let df = df!("votes" => ["12", "7", "130", "45", "9"]).unwrap();
        assert!(find(&df).is_empty());
    }

    #[test]
    fn zips_that_lost_zeros_are_found_among_zip_plus_4_values() {
        // 600 ZIPs: 240 four-digit (zero lost), 240 ZIP+4, 120 five-digit.
        let mut zips: Vec<String> = Vec::new();
        for i in 0..600 {
            zips.push(match i % 5 {
                0 | 1 => format!("{}", 2100 + i % 50),
                2 | 3 => format!("0{}-{:04}", 2100 + i % 50, i),
                _ => format!("0{}", 2100 + i % 50),
            });
        }
        let df = df!("zip" => zips).unwrap();
        let lost = find(&df)
            .into_iter()
            .find(|p| p.kind == "lost_zeros")
            .expect("lost zeros reported");
        assert_eq!(lost.rows, 240, "{}", lost.message);
        assert!(
            lost.message.contains("fewer than 5 digits"),
            "{}",
            lost.message
        );
    }

    #[test]
    fn every_way_of_writing_dates_is_counted_excel_day_numbers_too() {
        let df = df!("joined" => [
            "2023-03-04", "3/4/2023", "3/5/23", "45000", "45001",
            "2023/03/06", "03-10-2023", "2023-03-08 10:00:00", "2023-03-09"
        ])
        .unwrap();
        let mixed = find(&df)
            .into_iter()
            .find(|p| p.kind == "mixed_dates")
            .expect("mixed dates reported");
        assert!(mixed.message.contains("in 7 ways"), "{}", mixed.message);
        assert!(
            mixed
                .message
                .contains("Excel day numbers (45000): 2 row(s)"),
            "{}",
            mixed.message
        );
        let serial_only = df!("n" => ["45000", "45001", "45002"]).unwrap();
        assert!(find(&serial_only).iter().all(|p| p.kind != "mixed_dates"));
    }
}
