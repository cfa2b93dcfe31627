//! What a cleaning op would do, before the learner applies it: how many rows change
//! or go, and a few of them shown before and after.

use crate::data::recipe::{Op, OpOutcome, apply_op};
use polars::prelude::*;

/// One affected row: its number (1-based, in the table before the op), the value
/// before and after (`None`: the row is removed).
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    /// 1-based row number in the table before the op.
    pub row: usize,
    /// The op's column before.
    pub before: String,
    /// The op's column after, or `None` when the row is removed.
    pub after: Option<String>,
}

/// An op tried on a table.
#[derive(Debug, Clone)]
pub struct Preview {
    /// The table after the op.
    pub result: DataFrame,
    /// Rows changed and removed.
    pub outcome: OpOutcome,
    /// The column shown in `changes`.
    pub column: Option<String>,
    /// Up to `limit` affected rows.
    pub changes: Vec<Change>,
    /// Columns the op adds.
    pub added: Vec<String>,
    /// Columns the op removes.
    pub removed: Vec<String>,
}

/// Try `op` on `df` and describe up to `limit` affected rows.
pub fn preview(df: &DataFrame, op: &Op, limit: usize) -> Result<Preview, String> {
    let (result, outcome) = apply_op(df, op)?;
    let names = |d: &DataFrame| -> Vec<String> {
        d.get_column_names().iter().map(|s| s.to_string()).collect()
    };
    let (before_names, after_names) = (names(df), names(&result));
    let added: Vec<String> = after_names
        .iter()
        .filter(|n| !before_names.contains(n))
        .cloned()
        .collect();
    let removed: Vec<String> = before_names
        .iter()
        .filter(|n| !after_names.contains(n))
        .cloned()
        .collect();
    let column = op.columns_needed().first().map(|c| c.to_string());
    let changes = match &column {
        Some(c) if outcome.rows_removed > 0 => removed_rows(df, c, op, limit),
        Some(c) if !added.is_empty() => split_rows(df, &result, c, &added, limit),
        Some(c) if result.height() == df.height() && after_names.contains(c) => {
            changed_rows(df, &result, c, limit)
        }
        _ => Vec::new(),
    };
    Ok(Preview {
        result,
        outcome,
        column,
        changes,
        added,
        removed,
    })
}

fn texts(df: &DataFrame, column: &str) -> Vec<Option<String>> {
    df.column(column)
        .ok()
        .and_then(|c| c.cast(&DataType::String).ok())
        .and_then(|c| {
            c.str()
                .ok()
                .map(|s| s.iter().map(|v| v.map(str::to_string)).collect())
        })
        .unwrap_or_default()
}

fn shown(v: &Option<String>) -> String {
    v.clone().unwrap_or_default()
}

fn changed_rows(before: &DataFrame, after: &DataFrame, column: &str, limit: usize) -> Vec<Change> {
    let (b, a) = (texts(before, column), texts(after, column));
    b.iter()
        .zip(&a)
        .enumerate()
        .filter(|(_, (x, y))| x != y)
        .take(limit)
        .map(|(i, (x, y))| Change {
            row: i + 1,
            before: shown(x),
            after: Some(shown(y)),
        })
        .collect()
}

/// Rows that an op removed, found by running it again on the table with row numbers.
fn removed_rows(before: &DataFrame, column: &str, op: &Op, limit: usize) -> Vec<Change> {
    const ROW: &str = "__huddle_row";
    let Ok(indexed) = before.with_row_index(ROW.into(), None) else {
        return Vec::new();
    };
    let Ok((kept, _)) = apply_op(&indexed, op) else {
        return Vec::new();
    };
    let kept: std::collections::HashSet<u32> = kept
        .column(ROW)
        .ok()
        .and_then(|c| c.idx().ok().map(|i| i.iter().flatten().collect()))
        .unwrap_or_default();
    let values = texts(before, column);
    values
        .iter()
        .enumerate()
        .filter(|(i, _)| !kept.contains(&(*i as u32)))
        .take(limit)
        .map(|(i, v)| Change {
            row: i + 1,
            before: shown(v),
            after: None,
        })
        .collect()
}

fn split_rows(
    before: &DataFrame,
    after: &DataFrame,
    column: &str,
    added: &[String],
    limit: usize,
) -> Vec<Change> {
    let b = texts(before, column);
    let parts: Vec<Vec<Option<String>>> = added.iter().map(|n| texts(after, n)).collect();
    b.iter()
        .enumerate()
        .filter(|(_, v)| v.is_some())
        .take(limit)
        .map(|(i, v)| Change {
            row: i + 1,
            before: shown(v),
            after: Some(
                parts
                    .iter()
                    .zip(added)
                    .map(|(p, n)| format!("{n}={}", p.get(i).map(shown).unwrap_or_default()))
                    .collect::<Vec<_>>()
                    .join(" · "),
            ),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::recipe::Keep;

    fn members() -> DataFrame {
        df!(
            "email" => ["a@x.org", "b@x.org", "a@x.org", "c@x.org", "b@x.org"],
            "zip" => ["2134", "02135", "2136", "02137", "2138"],
            "tags" => ["Volunteer, Phonebank", "Volunteer", "", "Donor, Host", "Host"],
        )
        .expect("frame")
    }

    #[test]
    fn a_value_op_shows_each_changed_row_before_and_after() {
        let p = preview(
            &members(),
            &Op::Pad {
                column: "zip".into(),
                width: 5,
                with: "0".into(),
            },
            10,
        )
        .expect("preview");
        assert_eq!(p.outcome.rows_changed, 3);
        let rows: Vec<(usize, &str, Option<&str>)> = p
            .changes
            .iter()
            .map(|c| (c.row, c.before.as_str(), c.after.as_deref()))
            .collect();
        assert_eq!(
            rows,
            vec![
                (1, "2134", Some("02134")),
                (3, "2136", Some("02136")),
                (5, "2138", Some("02138")),
            ]
        );
    }

    #[test]
    fn dedupe_names_the_rows_it_removes() {
        let p = preview(
            &members(),
            &Op::Dedupe {
                column: None,
                by: vec!["email".into()],
                keep: Keep::First,
                keep_blanks: false,
            },
            10,
        )
        .expect("preview");
        assert_eq!(p.outcome.rows_removed, 2);
        let rows: Vec<usize> = p.changes.iter().map(|c| c.row).collect();
        assert_eq!(rows, vec![3, 5]);
        assert!(p.changes.iter().all(|c| c.after.is_none()));
    }

    #[test]
    fn dedupe_keeping_the_last_removes_the_earlier_rows() {
        let p = preview(
            &members(),
            &Op::Dedupe {
                column: None,
                by: vec!["email".into()],
                keep: Keep::Last,
                keep_blanks: false,
            },
            10,
        )
        .expect("preview");
        let rows: Vec<usize> = p.changes.iter().map(|c| c.row).collect();
        assert_eq!(rows, vec![1, 2]);
    }

    #[test]
    fn split_shows_the_new_columns() {
        let p = preview(
            &members(),
            &Op::Split {
                column: "tags".into(),
                by: ",".into(),
                into: vec!["tag1".into(), "tag2".into()],
            },
            2,
        )
        .expect("preview");
        assert_eq!(p.added, vec!["tag1".to_string(), "tag2".to_string()]);
        assert_eq!(
            p.changes[0].after.as_deref(),
            Some("tag1=Volunteer · tag2=Phonebank")
        );
    }

    #[test]
    fn a_missing_column_is_an_error_not_a_panic() {
        let e = preview(
            &members(),
            &Op::Trim {
                column: "zip_code".into(),
            },
            5,
        )
        .expect_err("no such column");
        assert!(e.contains("zip_code"), "{e}");
    }
}
