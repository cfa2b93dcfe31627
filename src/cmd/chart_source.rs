//! `huddle chart` on a warehouse table: bars, columns and lines are grouped in the
//! database, so only the result rows come back; histograms and scatters fetch just
//! the one or two columns they draw (within the row cap).

use super::chart::{Agg, ChartArgs, grouped, largest_first};
use crate::data::import::apply_types;
use crate::data::load_progress::LoadProgress;
use crate::lesson::model::{ChartKind, ChartSpec};
use crate::source::pgpass::Ask;
use crate::source::{Combine, GroupBy, Source};
use polars::prelude::*;

/// The chart's table, its spec and the rows it was made of.
pub(super) fn shape(
    source: &Source,
    args: &ChartArgs,
    kind: ChartKind,
) -> Result<(DataFrame, ChartSpec, usize), String> {
    let mut src = source.open(Ask::when_interactive());
    src.describe()?; // connects first: a password prompt is not drawn over
    let _waiting = super::spinner::Spinner::start(crate::i18n::tr("asking the database"));
    if !grouped(kind) {
        let mut cols = vec![args.x.clone()];
        if let Some(y) = &args.y
            && y != &args.x
        {
            cols.push(y.clone());
        }
        let raw = src.read(Some(&cols), None, &LoadProgress::new())?;
        let df = apply_types(raw, &[]).map_err(|e| e.to_string())?;
        let rows = df.height();
        let (t, s) = super::chart::shape(df, args, kind)?;
        return Ok((t, s, rows));
    }
    let (combine, value) = match (args.agg, &args.y) {
        (Agg::Sum, Some(y)) => (Combine::Sum, format!("sum of {y}")),
        (Agg::Mean, Some(y)) => (Combine::Mean, format!("mean of {y}")),
        _ => (Combine::Count, "rows".to_string()),
    };
    let spec = GroupBy {
        x: args.x.clone(),
        y: (combine != Combine::Count)
            .then(|| args.y.clone())
            .flatten(),
        combine,
        bucket_dates: kind == ChartKind::Line,
        every: args.every,
    };
    let grouped = src.aggregate(&spec, &value)?;
    let x = args.x.as_str();
    let sorted = if kind == ChartKind::Bar {
        largest_first(grouped.df.lazy(), &value, x)
    } else {
        grouped.df.lazy().sort(
            [x],
            SortMultipleOptions::default().with_maintain_order(true),
        )
    }
    .collect()
    .map_err(|e| e.to_string())?;
    let chart = ChartSpec {
        every: grouped.every,
        ..ChartSpec::new(kind, x, Some(&value))
    };
    Ok((sorted, chart, grouped.rows))
}
