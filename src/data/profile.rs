//! Column statistics for the table view's profile popup (and later `huddle inspect`):
//! type, blanks, distinct values, smallest and largest, most common values.

use crate::data::types::ColumnType;
use polars::prelude::*;

/// What a learner sees about one column.
#[derive(Debug, Clone, PartialEq)]
pub struct ColumnProfile {
    /// Column name.
    pub name: String,
    /// huddle's name for its type (text, integer, date, ...).
    pub kind: &'static str,
    /// Rows in the table.
    pub rows: usize,
    /// Blank values.
    pub nulls: usize,
    /// Distinct non-blank values.
    pub distinct: usize,
    /// Smallest value, as text (numbers and dates compare as such).
    pub min: Option<String>,
    /// Largest value, as text.
    pub max: Option<String>,
    /// The most common values with their counts, most common first.
    pub top: Vec<(String, usize)>,
}

/// Profile column `name` of `df`; `None` when there is no such column.
pub fn profile(df: &DataFrame, name: &str, top_n: usize) -> Option<ColumnProfile> {
    let col = df.column(name).ok()?;
    let s = col.as_materialized_series();
    let kind = ColumnType::of_dtype(s.dtype()).as_str();
    let rows = s.len();
    let nulls = s.null_count();
    let (min, max) = extremes(s);
    let (distinct, top) = counts(s, None, top_n)?;
    Some(ColumnProfile {
        name: name.to_string(),
        kind,
        rows,
        nulls,
        distinct,
        min,
        max,
        top,
    })
}

/// The profile of the column `name` given as its distinct values, typed (`values`,
/// in the order they first appear; text ones all different), and the rows holding
/// each (`rows_of`): the profile [`profile`] gives of the whole column.
pub fn profile_counted(
    name: &str,
    values: &Series,
    rows_of: &[u64],
    top_n: usize,
) -> Option<ColumnProfile> {
    if values.len() != rows_of.len() {
        return None;
    }
    let kind = ColumnType::of_dtype(values.dtype()).as_str();
    let rows: u64 = rows_of.iter().sum();
    let nulls: u64 = values
        .is_null()
        .iter()
        .zip(rows_of)
        .filter(|(null, _)| *null == Some(true))
        .map(|(_, n)| n)
        .sum();
    let (min, max) = extremes(values);
    let (distinct, top) = counts(values, Some(rows_of), top_n)?;
    Some(ColumnProfile {
        name: name.to_string(),
        kind,
        rows: rows as usize,
        nulls: nulls as usize,
        distinct,
        min,
        max,
        top,
    })
}

/// Distinct values and the `top_n` most common, each value counted once or, with
/// `rows_of`, as that many rows.
fn counts(
    s: &Series,
    rows_of: Option<&[u64]>,
    top_n: usize,
) -> Option<(usize, Vec<(String, usize)>)> {
    Some(match s.str() {
        Ok(ca) => text_counts(ca, rows_of, top_n),
        Err(_) => match keyed(s) {
            Some(keys) => key_counts(s, &keys, rows_of, top_n)?,
            None => {
                let text = s.cast(&DataType::String).ok()?;
                text_counts(text.str().ok()?, rows_of, top_n)
            }
        },
    })
}

/// The rows value `i` stands for.
#[inline]
fn weight(rows_of: Option<&[u64]>, i: usize) -> usize {
    rows_of.map_or(1, |w| w[i] as usize)
}

/// Distinct values and the `top_n` most common of a text column (ties: A to Z).
fn text_counts(
    ca: &StringChunked,
    rows_of: Option<&[u64]>,
    top_n: usize,
) -> (usize, Vec<(String, usize)>) {
    let order = |a: &(&str, usize), b: &(&str, usize)| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0));
    if let Some(rows_of) = rows_of {
        // Distinct values already: nothing to count, and the few most common are
        // kept as they go by.
        let mut distinct = 0;
        let mut top: Vec<(&str, usize)> = Vec::with_capacity(top_n + 1);
        for (v, n) in ca.iter().zip(rows_of) {
            let Some(v) = v else { continue };
            distinct += 1;
            let e = (v, *n as usize);
            if top.len() < top_n || top.last().is_some_and(|w| order(&e, w).is_lt()) {
                let at = top.partition_point(|t| order(t, &e).is_lt());
                top.insert(at, e);
                top.truncate(top_n);
            }
        }
        return (
            distinct,
            top.into_iter().map(|(k, v)| (k.to_string(), v)).collect(),
        );
    }
    let mut counts: PlHashMap<&str, usize> = PlHashMap::default();
    for v in ca.iter().flatten() {
        *counts.entry(v).or_default() += 1;
    }
    let mut all: Vec<(&str, usize)> = counts.into_iter().collect();
    let distinct = all.len();
    if all.len() > top_n && top_n > 0 {
        all.select_nth_unstable_by(top_n - 1, order);
    }
    all.truncate(top_n);
    all.sort_by(order);
    (
        distinct,
        all.into_iter().map(|(k, v)| (k.to_string(), v)).collect(),
    )
}

/// Each value of a number, date or true/false column as a 64-bit key (its bits),
/// so it is counted without being written out as text; `None` for other types.
fn keyed(s: &Series) -> Option<Vec<Option<u64>>> {
    let phys = s.to_physical_repr();
    Some(match phys.dtype() {
        DataType::Int64 => phys
            .i64()
            .ok()?
            .iter()
            .map(|v| v.map(|v| v as u64))
            .collect(),
        DataType::Int32 => phys
            .i32()
            .ok()?
            .iter()
            .map(|v| v.map(|v| v as u64))
            .collect(),
        DataType::Float64 => phys
            .f64()
            .ok()?
            .iter()
            .map(|v| v.map(f64::to_bits))
            .collect(),
        DataType::Boolean => phys.bool().ok()?.iter().map(|v| v.map(u64::from)).collect(),
        _ => return None,
    })
}

/// [`text_counts`] over keys: the values are written as text only for the few shown.
/// Ties are put A to Z by their text, as the table shows them; among more than a
/// thousand tied values, by their order in the column.
fn key_counts(
    s: &Series,
    keys: &[Option<u64>],
    rows_of: Option<&[u64]>,
    top_n: usize,
) -> Option<(usize, Vec<(String, usize)>)> {
    let mut counts: PlHashMap<u64, (usize, usize)> = PlHashMap::default();
    for (row, k) in keys.iter().enumerate() {
        if let Some(k) = k {
            counts.entry(*k).or_insert((0, row)).0 += weight(rows_of, row);
        }
    }
    let distinct = counts.len();
    let mut all: Vec<(usize, usize)> = counts.into_values().collect();
    if top_n == 0 || all.is_empty() {
        return Some((distinct, Vec::new()));
    }
    let by_count = |a: &(usize, usize), b: &(usize, usize)| b.0.cmp(&a.0).then(a.1.cmp(&b.1));
    if all.len() > top_n {
        all.select_nth_unstable_by(top_n - 1, by_count);
    }
    let cut = all[..top_n.min(all.len())]
        .iter()
        .map(|e| e.0)
        .min()
        .unwrap_or(0);
    let mut chosen: Vec<(usize, usize)> = all.iter().filter(|e| e.0 > cut).copied().collect();
    let mut tied: Vec<(usize, usize)> = all.iter().filter(|e| e.0 == cut).copied().collect();
    tied.sort_by(by_count);
    tied.truncate(1000);
    chosen.extend(tied);
    let text = |row: usize| -> Option<String> {
        let one = s.slice(row as i64, 1).cast(&DataType::String).ok()?;
        Some(one.str().ok()?.get(0)?.to_string())
    };
    let mut shown: Vec<(String, usize)> = chosen
        .into_iter()
        .map(|(n, row)| Some((text(row)?, n)))
        .collect::<Option<_>>()?;
    shown.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    shown.truncate(top_n);
    Some((distinct, shown))
}

fn extremes(s: &Series) -> (Option<String>, Option<String>) {
    let show = |v: PolarsResult<Scalar>| -> Option<String> {
        let v = v.ok()?;
        let c = crate::data::cell::Cell::from_any(v.value());
        match c {
            crate::data::cell::Cell::Null => None,
            c => Some(c.to_string()),
        }
    };
    if s.dtype().is_primitive_numeric() || s.dtype().is_temporal() || s.dtype().is_bool() {
        (show(s.min_reduce()), show(s.max_reduce()))
    } else if let Ok(ca) = s.str() {
        let mut it = ca.iter().flatten();
        let first = it.next();
        let (lo, hi) = it.fold((first, first), |(lo, hi), v| {
            (lo.map(|l| l.min(v)), hi.map(|h| h.max(v)))
        });
        (lo.map(str::to_string), hi.map(str::to_string))
    } else {
        (None, None)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn profile_counts_blanks_distinct_and_top_values() {
        let df = df!(
            "county" => [Some("Essex"), Some("Suffolk"), None, Some("Essex")],
            "n" => [Some(3i64), None, Some(10), Some(-2)]
        )
        .unwrap();
        let p = profile(&df, "county", 5).unwrap();
        assert_eq!((p.rows, p.nulls, p.distinct), (4, 1, 2));
        assert_eq!(p.top[0], ("Essex".to_string(), 2));
        assert_eq!(p.min.as_deref(), Some("Essex"));
        assert_eq!(p.max.as_deref(), Some("Suffolk"));
        let n = profile(&df, "n", 5).unwrap();
        assert_eq!(n.kind, "integer");
        assert_eq!(
            (n.min.as_deref(), n.max.as_deref()),
            (Some("-2"), Some("10"))
        );
        assert!(profile(&df, "nope", 5).is_none());
    }

    /// A column's distinct values in the order they first appear, each with its rows.
    fn counted(s: &Series) -> (Series, Vec<u64>) {
        let text = s.cast(&DataType::String).unwrap();
        let mut order: Vec<Option<String>> = Vec::new();
        let mut rows: Vec<u64> = Vec::new();
        for v in text.str().unwrap().iter() {
            let v = v.map(str::to_string);
            match order.iter().position(|o| *o == v) {
                Some(i) => rows[i] += 1,
                None => {
                    order.push(v);
                    rows.push(1);
                }
            }
        }
        let distinct = Series::new(s.name().clone(), order)
            .cast(s.dtype())
            .unwrap();
        (distinct, rows)
    }

    #[test]
    fn a_column_given_as_its_counted_values_profiles_as_the_whole_column() {
        // Text and numbers, blanks, and ties at the cut of the most common.
        let names: Vec<Option<&str>> = (0..400)
            .map(|i| match i % 9 {
                0 => None,
                1 | 2 => Some("Essex"),
                3 | 4 => Some("Bristol"),
                5 | 6 => Some("Suffolk"),
                _ => Some(["Ann", "Bo", "Cy", "Di", "Ed"][i % 5]),
            })
            .collect();
        let numbers: Vec<Option<f64>> = (0..400)
            .map(|i| (i % 7 != 0).then_some((i % 13) as f64 / 2.0))
            .collect();
        let df = df!("name" => names, "amount" => numbers).unwrap();
        for (name, top) in [("name", 3), ("amount", 3), ("amount", 1), ("name", 0)] {
            let whole = profile(&df, name, top).unwrap();
            let s = df.column(name).unwrap().as_materialized_series().clone();
            let (distinct, rows) = counted(&s);
            let got = profile_counted(name, &distinct, &rows, top).unwrap();
            assert_eq!(got, whole, "{name}, top {top}");
        }
        let s = df.column("name").unwrap().as_materialized_series();
        assert!(profile_counted("name", s, &[1, 2], 3).is_none());
    }
}
