//! Column statistics for the table view's profile popup (and later `huddle inspect`):
//! type, blanks, distinct values, smallest and largest, most common values.

use crate::data::types::ColumnType;
use polars::prelude::*;
use std::collections::HashMap;

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
    let text = s.cast(&DataType::String).ok()?;
    let text = text.str().ok()?;
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for v in text.iter().flatten() {
        *counts.entry(v).or_default() += 1;
    }
    let distinct = counts.len();
    let mut top: Vec<(String, usize)> = counts
        .into_iter()
        .map(|(k, v)| (k.to_string(), v))
        .collect();
    top.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    top.truncate(top_n);
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
}
