//! Ops on a table cleaned piece by piece, as a big file is: each piece's rows run
//! through the ops in turn, and what an op needs from the rows before (the value
//! above for `fill` down, the keys already kept for `dedupe`) is carried from one
//! piece to the next, so the pieces give what the whole table gives.

use super::{Keep, Op, OpOutcome, apply_each, apply_op, fill, text_values};
use polars::prelude::*;
use std::collections::HashSet;

/// What the ops carry from one piece of a table to the next, op by op.
#[derive(Debug, Default)]
pub struct Carried {
    ops: Vec<OpCarry>,
}

/// What one op carries.
#[derive(Debug, Default)]
struct OpCarry {
    /// `fill` down: the last value of the pieces before.
    above: Option<String>,
    /// `dedupe`: the keys of the rows kept so far.
    seen: HashSet<Vec<Option<String>>>,
}

/// Whether `op` gives the same rows piece by piece as on the whole table: not a
/// `dedupe` that keeps the last row, which needs the rows after, nor a `filter`
/// whose condition holds a query of its own (it would see one piece).
pub fn runs_piecewise(op: &Op) -> bool {
    match op {
        Op::Dedupe { keep, .. } => *keep == Keep::First,
        Op::Filter { condition, .. } => !condition.to_ascii_lowercase().contains("select"),
        _ => true,
    }
}

/// Apply ops in order to one piece of a table, carrying what they need from the
/// pieces before in `carried` (see [`runs_piecewise`] for the ops that may run).
pub fn apply_all_carried(
    df: &DataFrame,
    ops: &[Op],
    carried: &mut Carried,
) -> Result<(DataFrame, Vec<OpOutcome>), String> {
    if carried.ops.len() < ops.len() {
        carried.ops.resize_with(ops.len(), OpCarry::default);
    }
    apply_each(df, ops, |i, df, op| {
        let carry = &mut carried.ops[i];
        match op {
            Op::Fill {
                column,
                value,
                down: true,
            } => fill(df, column, value.as_deref(), true, &mut carry.above),
            Op::Dedupe {
                by,
                keep: Keep::First,
                keep_blanks,
                ..
            } => {
                let idx = first_rows(df, by, *keep_blanks, &mut carry.seen)?;
                let out = df
                    .take(&idx)
                    .map_err(|e| format!("op `dedupe` failed: {e}"))?;
                let removed = df.height() - out.height();
                Ok((
                    out,
                    OpOutcome {
                        rows_changed: 0,
                        rows_removed: removed,
                    },
                ))
            }
            _ => apply_op(df, op),
        }
    })
}

/// The rows whose `by` values were not kept before (in `seen`, which gains them),
/// and, with `keep_blanks`, every row whose `by` values are all blank.
fn first_rows(
    df: &DataFrame,
    by: &[String],
    keep_blanks: bool,
    seen: &mut HashSet<Vec<Option<String>>>,
) -> Result<IdxCa, String> {
    let cols: Vec<StringChunked> = by
        .iter()
        .map(|c| text_values(df, c))
        .collect::<Result<_, _>>()?;
    let mut idx: Vec<IdxSize> = Vec::new();
    for row in 0..df.height() {
        // Keeping blanks, a null is a blank as `""` is (as on the whole table).
        let key: Vec<Option<&str>> = cols
            .iter()
            .map(|c| match c.get(row) {
                None if keep_blanks => Some(""),
                v => v,
            })
            .collect();
        let blank = key.iter().all(|v| v.is_none_or(|s| s.trim().is_empty()));
        if (keep_blanks && blank) || seen.insert(key_of(&key)) {
            idx.push(row as IdxSize);
        }
    }
    Ok(IdxCa::from_vec("row".into(), idx))
}

fn key_of(key: &[Option<&str>]) -> Vec<Option<String>> {
    key.iter().map(|v| v.map(str::to_string)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn recipe(text: &str) -> Vec<Op> {
        crate::data::recipe_file::Recipe::parse("r.toml", &format!("format = 1\n{text}"))
            .expect("recipe")
            .ops
    }

    /// The table cut into pieces of `rows` rows, cleaned piece by piece, put back together.
    fn in_pieces(df: &DataFrame, ops: &[Op], rows: usize) -> (DataFrame, Vec<OpOutcome>) {
        let mut carried = Carried::default();
        let mut out: Option<DataFrame> = None;
        let mut total: Vec<OpOutcome> = Vec::new();
        let mut start = 0;
        while start < df.height() {
            let piece = df.slice(start as i64, rows);
            let (done, outcomes) = apply_all_carried(&piece, ops, &mut carried).expect("piece");
            match &mut out {
                Some(o) => {
                    o.vstack_mut(&done).expect("stack");
                }
                None => out = Some(done),
            }
            if total.is_empty() {
                total = outcomes;
            } else {
                for (t, o) in total.iter_mut().zip(outcomes) {
                    t.rows_changed += o.rows_changed;
                    t.rows_removed += o.rows_removed;
                }
            }
            start += rows;
        }
        (out.expect("rows"), total)
    }

    #[test]
    fn fill_down_and_dedupe_carry_across_pieces() {
        let df = df!(
            "ward" => [Some("1"), None, None, Some("2"), None, None, Some("3")],
            "email" => [Some("a@x"), Some("b@x"), Some("a@x"), None, Some("c@x"), None, Some("b@x")],
        )
        .expect("frame");
        for keep_blanks in [false, true] {
            let ops = recipe(&format!(
                "[[ops]]\nop = \"fill\"\ncolumn = \"ward\"\ndown = true\n[[ops]]\nop = \"dedupe\"\nby = [\"email\"]\nkeep = \"first\"\nkeep_blanks = {keep_blanks}\n"
            ));
            let whole = super::super::apply_all(&df, &ops).expect("whole");
            for rows in [1, 2, 3, 7] {
                let pieces = in_pieces(&df, &ops, rows);
                assert!(pieces.0.equals_missing(&whole.0), "{rows}: {}", pieces.0);
                assert_eq!(pieces.1, whole.1, "{rows} rows a piece");
            }
        }
    }

    #[test]
    fn ops_that_need_the_whole_table_are_named() {
        let ops = recipe(
            "[[ops]]\nop = \"dedupe\"\nby = [\"e\"]\nkeep = \"last\"\n[[ops]]\nop = \"filter\"\nwhere = \"n > (SELECT avg(n) FROM t)\"\n[[ops]]\nop = \"filter\"\nwhere = \"n > 3\"\n",
        );
        let runs: Vec<bool> = ops.iter().map(runs_piecewise).collect();
        assert_eq!(runs, vec![false, false, true]);
    }
}
