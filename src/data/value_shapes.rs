//! Values people actually get, reported by `inspect` with the op that fixes them:
//! placeholders for blank (`-`, `N/A`, `NULL`), IDs a spreadsheet turned into
//! floats (`27215.0`), and subtotal rows (`Total`, `County Total`) among the data.

use crate::data::problems::Problem;
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
            let name = col.name().to_string();
            blank_markers(&name, ca)
                .into_iter()
                .chain(float_ids(&name, ca))
                .collect()
        })
        .collect::<Vec<Vec<Problem>>>()
        .concat();
    out.extend(subtotal_rows(raw));
    out
}

/// Cells holding a placeholder for blank.
fn blank_markers(name: &str, ca: &StringChunked) -> Option<Problem> {
    let mut found: Vec<&str> = Vec::new();
    let mut n = 0usize;
    for v in ca.iter().flatten() {
        let t = v.trim();
        if BLANK_MARKERS.contains(&t) {
            n += 1;
            if !found.contains(&t) {
                found.push(t);
            }
        }
    }
    (n > 0).then(|| Problem {
        kind: "blank_markers",
        column: Some(name.to_string()),
        rows: n,
        message: trf(
            "`{name}`: {n} cell(s) hold a placeholder for blank ({markers}); they count as blanks in numbers and dates. To make them blank everywhere, use the `replace` op on each",
            &[("name", &name), ("n", &n), ("markers", &found.join(", "))],
        ),
        examples: found.iter().map(|s| s.to_string()).collect(),
    })
}

/// A column of whole numbers written `27215.0`: IDs or ZIPs that went through a
/// spreadsheet as numbers.
fn float_ids(name: &str, ca: &StringChunked) -> Option<Problem> {
    let mut n = 0usize;
    let mut examples = Vec::new();
    for v in ca.iter().flatten() {
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
        n += 1;
        if examples.len() < 3 {
            examples.push(t.to_string());
        }
    }
    (n > 0).then(|| Problem {
        kind: "float_ids",
        column: Some(name.to_string()),
        rows: n,
        message: trf(
            "`{name}`: every value ends in .0 (like {example}): a spreadsheet turned these IDs into numbers. Remove the .0 with the `replace` op: find \\.0$ with nothing, as a regular expression; then `pad` if zeros were lost",
            &[("name", &name), ("example", &examples[0])],
        ),
        examples,
    })
}

/// Rows whose first text column says `Total` (`County Total`, `Election Total`) or
/// is empty while the other columns are filled, among rows that name something.
fn subtotal_rows(raw: &DataFrame) -> Option<Problem> {
    let first = raw.columns().first()?;
    let ca = first.str().ok()?;
    let name = first.name().to_string();
    let height = raw.height();
    if height < 3 {
        return None;
    }
    let mut rows: Vec<usize> = Vec::new();
    let mut examples: Vec<String> = Vec::new();
    let others_filled = |i: usize| {
        raw.columns().iter().skip(1).any(|c| {
            c.str()
                .ok()
                .and_then(|s| s.get(i))
                .is_some_and(|v| !v.trim().is_empty())
        })
    };
    for (i, v) in ca.iter().enumerate() {
        let t = v.unwrap_or("").trim();
        let total = t.len() >= 5
            && t.to_lowercase()
                .split_whitespace()
                .any(|w| w == "total" || w == "totals");
        if total || (t.is_empty() && others_filled(i)) {
            rows.push(i);
            if examples.len() < 3 {
                examples.push(if t.is_empty() {
                    "(empty)".to_string()
                } else {
                    t.to_string()
                });
            }
        }
    }
    // Subtotals are a few rows among many, not a column that is mostly blank.
    if rows.is_empty() || rows.len() * 2 > height {
        return None;
    }
    Some(Problem {
        kind: "subtotal_rows",
        column: Some(name.clone()),
        rows: rows.len(),
        message: trf(
            "`{name}`: {n} row(s) look like totals, not data (a `Total` or an empty `{name}`): summing the column would count them twice. Drop them with the `filter` op: where {name} IS NOT NULL AND {name} NOT ILIKE '%total%'",
            &[("name", &name), ("n", &rows.len())],
        ),
        examples,
    })
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
