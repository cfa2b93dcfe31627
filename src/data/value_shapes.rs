//! Values people actually get, reported by `inspect` with the op that fixes them:
//! placeholders for blank (`-`, `N/A`, `NULL`), IDs a spreadsheet turned into
//! floats (`27215.0`), and subtotal rows (`Total`, `County Total`) among the data.

use crate::data::problems::{Counted, Problem};
use crate::data::types::BLANK_MARKERS;
use crate::i18n::trf;
use polars::prelude::*;

/// Every value-shape problem in the text columns of `raw`.
pub fn find(raw: &DataFrame) -> Vec<Problem> {
    use rayon::prelude::*;
    let mut out = raw
        .columns()
        .par_iter()
        .map(|col| {
            let Ok(ca) = col.str() else {
                return Vec::new();
            };
            let counts = crate::data::distinct::ValueCounts::of(ca.iter());
            let values: Vec<(&str, u64)> = counts.iter().collect();
            in_column(col.name(), &values)
        })
        .collect::<Vec<Vec<Problem>>>()
        .concat();
    out.extend(subtotal_rows(raw));
    out
}

/// The value-shape problems of the text column `name`, given its distinct values.
pub fn in_column(name: &str, values: &Counted<'_>) -> Vec<Problem> {
    blank_markers(name, values)
        .into_iter()
        .chain(float_ids(name, values))
        .collect()
}

/// Cells holding a placeholder for blank.
fn blank_markers(name: &str, values: &Counted<'_>) -> Option<Problem> {
    let mut found: Vec<&str> = Vec::new();
    let mut n = 0u64;
    for (v, rows) in values {
        let t = v.trim();
        if BLANK_MARKERS.contains(&t) {
            n += rows;
            if !found.contains(&t) {
                found.push(t);
            }
        }
    }
    (n > 0).then(|| Problem {
        kind: "blank_markers",
        column: Some(name.to_string()),
        rows: n as usize,
        message: trf(
            "`{name}`: {n} cell(s) hold a placeholder for blank ({markers}); they count as blanks in numbers and dates. To make them blank everywhere, use the `replace` op on each",
            &[("name", &name), ("n", &n), ("markers", &found.join(", "))],
        ),
        examples: found.iter().map(|s| s.to_string()).collect(),
    })
}

/// A column whose every value is a whole number written with `.0`.
fn float_ids(name: &str, values: &Counted<'_>) -> Option<Problem> {
    let mut n = 0u64;
    let mut examples: Vec<String> = Vec::new();
    for (v, rows) in values {
        let t = v.trim();
        if t.is_empty() {
            continue;
        }
        let whole = t
            .strip_suffix(".0")
            .is_some_and(|d| !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit()));
        if !whole {
            return None;
        }
        n += rows;
        if examples.len() < 3 && !examples.iter().any(|e| e == t) {
            examples.push(t.to_string());
        }
    }
    (n > 0).then(|| Problem {
        kind: "float_ids",
        column: Some(name.to_string()),
        rows: n as usize,
        message: trf(
            "`{name}`: every value ends in .0 (like {example}): a spreadsheet turned these IDs into numbers. Remove the .0 with the `replace` op: find \\.0$ with nothing, as a regular expression; then `pad` if zeros were lost",
            &[("name", &name), ("example", &examples[0])],
        ),
        examples,
    })
}

/// Rows that look like totals, found row by row: a first cell that says `Total`,
/// or an empty first cell on a row with other cells filled.
#[derive(Debug, Default)]
pub struct SubtotalRows {
    /// Rows seen.
    height: usize,
    /// Rows that look like totals.
    rows: usize,
    /// The first few of their first cells.
    examples: Vec<String>,
}

impl SubtotalRows {
    /// Look at one row: its first cell (`""` when blank), and whether any other
    /// cell is filled (asked only when the first is blank).
    #[inline]
    pub fn row(&mut self, first: &str, others_filled: impl FnOnce() -> bool) {
        self.height += 1;
        let t = first.trim();
        let total = t.len() >= 5
            && t.to_lowercase()
                .split_whitespace()
                .any(|w| w == "total" || w == "totals");
        if total || (t.is_empty() && others_filled()) {
            self.rows += 1;
            if self.examples.len() < 3 {
                self.examples.push(if t.is_empty() {
                    "(empty)".to_string()
                } else {
                    t.to_string()
                });
            }
        }
    }

    /// The problem, for a first column named `name`, when some rows (but not most)
    /// look like totals.
    pub fn problem(self, name: &str) -> Option<Problem> {
        if self.height < 3 || self.rows == 0 || self.rows * 2 > self.height {
            return None;
        }
        Some(Problem {
            kind: "subtotal_rows",
            column: Some(name.to_string()),
            rows: self.rows,
            message: trf(
                "`{name}`: {n} row(s) look like totals, not data (a `Total` or an empty `{name}`): summing the column would count them twice. Drop them with the `filter` op: where {name} IS NOT NULL AND {name} NOT ILIKE '%total%'",
                &[("name", &name), ("n", &self.rows)],
            ),
            examples: self.examples,
        })
    }
}

/// Rows of `raw` that look like totals (see [`SubtotalRows`]); a first column that
/// is not text has none. Other columns count as filled when they hold text or a
/// value.
fn subtotal_rows(raw: &DataFrame) -> Option<Problem> {
    let first = raw.columns().first()?;
    let ca = first.str().ok()?;
    let others: Vec<&Column> = raw.columns().iter().skip(1).collect();
    let filled = |c: &Column, i: usize| match c.str() {
        Ok(s) => s.get(i).is_some_and(|v| !v.trim().is_empty()),
        Err(_) => c.get(i).is_ok_and(|v| !v.is_null()),
    };
    let mut found = SubtotalRows::default();
    for (i, v) in ca.iter().enumerate() {
        found.row(v.unwrap_or(""), || others.iter().any(|c| filled(c, i)));
    }
    found.problem(first.name())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_float_ids_and_subtotals_are_reported() {
        let df = df!(
            "precinct" => ["001", "002", "Total", "003", "004", "", "005", "006", "007"],
            "zip" => ["27215.0", "27216.0", "27217.0", "27218.0", "27219.0", "27220.0", "27221.0", "27222.0", "27223.0"],
            "party" => ["DEM", "-", "N/A", "REP", "NULL", "DEM", "—", "REP", "DEM"]
        )
        .unwrap();
        let found = find(&df);
        let kinds: Vec<(&str, usize)> = found.iter().map(|p| (p.kind, p.rows)).collect();
        assert!(kinds.contains(&("blank_markers", 4)), "{kinds:?}");
        assert!(kinds.contains(&("float_ids", 9)), "{kinds:?}");
        assert!(kinds.contains(&("subtotal_rows", 2)), "{kinds:?}");
        let plain = df!("zip" => ["27215", "27216.5"], "n" => ["1", "2"]).unwrap();
        assert!(find(&plain).is_empty());
    }
}
