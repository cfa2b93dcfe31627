//! `huddle chart` on a delimited file in one pass: the chart's columns are tallied
//! while the file is checked ([`crate::data::tally`]), so no table of whole columns
//! is built. Gives the chart reading the columns whole gives; anything the tally
//! does not read (workbooks, written numbers, text where numbers belong) is left to
//! that path, which also words the errors.

use super::chart::{
    Agg, ChartArgs, ChartOf, FileBytes, bucket_dates, finish, group_sorted, grouped, masked,
    read_failure, title,
};
use crate::chart::{Tallied, prepare_tallied};
use crate::data::import::tally_file;
use crate::data::load_progress::LoadProgress;
use crate::data::tally::{Counted, NUMBERS, ROWS, SUM, Streamed, Tally, Want, tally_stream};
use crate::lesson::model::{ChartKind, ChartSpec};
use polars::prelude::*;

/// The chart from one tallying pass over the file, or `None` when the columns must
/// be read whole instead.
pub(super) fn chart(args: &ChartArgs, kind: ChartKind) -> Result<Option<ChartOf>, (i32, String)> {
    let x = args.x.as_str();
    let want = match kind {
        ChartKind::Histogram => Want::ByX { x, y: None },
        ChartKind::Scatter => match args.y.as_deref() {
            Some(y) if y != x => Want::Pairs { x, y },
            _ => return Ok(None),
        },
        _ => Want::ByX {
            x,
            y: match args.agg {
                Agg::Count => None,
                Agg::Sum | Agg::Mean => args.y.as_deref(),
            },
        },
    };
    let progress = LoadProgress::new();
    let bar = super::spinner::Progress::follow(&args.file.display().to_string(), &progress);
    let fail = |e| read_failure(args, e);
    let tally = match tally_stream(&args.file, &want, &args.read, &progress).map_err(fail)? {
        Streamed::Done(t) => t,
        Streamed::ReadWhole => {
            let file = FileBytes::open(&args.file).map_err(|e| {
                (
                    super::EXIT_PROBLEMS,
                    format!("{}: cannot read the file: {e}", args.file.display()),
                )
            })?;
            tally_file(&file, &want, &args.read, &progress).map_err(fail)?
        }
    };
    drop(bar);
    let Some(Tally {
        counted,
        rows,
        set_aside,
    }) = tally
    else {
        return Ok(None);
    };
    let problem = |e: String| (super::EXIT_PROBLEMS, e);
    let spec = ChartSpec::new(kind, x, args.y.as_deref());
    let (tallied, table) = match counted {
        Counted::Values(table) if grouped(kind) => {
            let (shaped, spec) = shape(table, args, kind).map_err(problem)?;
            return finish(args, kind, shaped, spec, rows, set_aside).map(Some);
        }
        Counted::Values(table) => {
            let Some(values) = histogram(&table, args) else {
                // Values that are not numbers: the whole-column path says why, or
                // draws what it can.
                return Ok(None);
            };
            (Tallied::Histogram(values), args.mask.then_some(table))
        }
        Counted::Pairs(pairs) => {
            let table = if args.mask {
                Some(pairs.table().map_err(|e| problem(e.to_string()))?)
            } else {
                None
            };
            let counted = usize::try_from(pairs.rows).unwrap_or(usize::MAX);
            let points = pairs.points;
            (Tallied::Scatter { points, counted }, table)
        }
    };
    // The tally's table is only needed again to mask the chart.
    let table = table.unwrap_or_else(DataFrame::empty);
    let prepared = prepare_tallied(&spec, tallied, rows, &title(args, kind)).map_err(problem)?;
    Ok(Some(masked(args, prepared, &table, rows, set_aside)))
}

/// A histogram's numbers with the rows that had each, from the tally's `table`;
/// `None` when the column is not numbers.
fn histogram(table: &DataFrame, args: &ChartArgs) -> Option<Vec<(f64, usize)>> {
    let (weights, xs) = (weights(table)?, floats(table, &args.x)?);
    let weights = weights.u64().ok()?.iter().map(|n| n.unwrap_or(0) as usize);
    Some(
        xs.f64()
            .ok()?
            .iter()
            .zip(weights)
            .filter_map(|(v, n)| Some((v?, n)))
            .collect(),
    )
}

/// Rows per tallied value.
fn weights(table: &DataFrame) -> Option<Column> {
    let c = table.column(ROWS).ok()?;
    (c.dtype() == &DataType::UInt64).then(|| c.clone())
}

/// A column's values as numbers, when it was typed as numbers.
fn floats(table: &DataFrame, name: &str) -> Option<Column> {
    let c = table.column(name).ok()?;
    if !c.dtype().is_primitive_numeric() {
        return None;
    }
    c.cast(&DataType::Float64).ok()
}

/// Group the tallied categories as [`super::chart::shape`] groups rows: dates put
/// in their buckets first for a line, then rows (or the value's sum or mean) per
/// category.
fn shape(
    table: DataFrame,
    args: &ChartArgs,
    kind: ChartKind,
) -> Result<(DataFrame, ChartSpec), String> {
    let x = args.x.as_str();
    let (table, every) = if kind == ChartKind::Line {
        bucket_dates(table, x, args.every)?
    } else {
        (table, None)
    };
    let (value, expr) = match (args.agg, args.y.as_deref()) {
        (Agg::Sum, Some(y)) => (format!("sum of {y}"), col(SUM).sum()),
        (Agg::Mean, Some(y)) => (
            format!("mean of {y}"),
            when(col(NUMBERS).sum().gt(lit(0)))
                .then(col(SUM).sum() / col(NUMBERS).sum().cast(DataType::Float64))
                .otherwise(lit(NULL)),
        ),
        _ => (ROWS.to_string(), col(ROWS).sum()),
    };
    let out = group_sorted(table, x, kind, &value, expr)?;
    let spec = ChartSpec {
        every,
        ..ChartSpec::new(kind, x, Some(&value))
    };
    Ok((out, spec))
}

#[cfg(test)]
mod tests;
