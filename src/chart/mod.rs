//! From a chart spec and a query result to what a chart draws: labelled bars,
//! histogram bins, or series of points with a number or date x axis. UI-free, so
//! the player, `huddle chart` and the tests share it.

mod bins;
mod every;

pub use bins::{Bin, histogram, histogram_weighted};
pub use every::{AUTO_MAX_POINTS, Every, bucket_points};

use crate::data::cell::{Cell, column_cells};
use crate::data::types::parse_date;
use crate::i18n::{tr, trf};
use crate::lesson::model::{ChartKind, ChartSpec};
use chrono::{Datelike, NaiveDate};
use polars::prelude::DataFrame;

/// One labelled bar.
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    /// Category.
    pub label: String,
    /// Height.
    pub value: f64,
}

/// Points of one series.
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    /// Legend name (empty for a single series).
    pub name: String,
    /// (x, y) in data units; dates are days since 1970-01-01.
    pub points: Vec<(f64, f64)>,
}

/// What the x axis of a point chart holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum XScale {
    /// Plain numbers.
    Number,
    /// Calendar dates.
    Date,
}

/// The drawable content of a chart.
#[derive(Debug, Clone, PartialEq)]
pub enum ChartData {
    /// Bars, columns and histograms.
    Bars(Vec<Bar>),
    /// Lines and scatter plots.
    Points {
        /// One or more series.
        series: Vec<Series>,
        /// How to label x.
        x_scale: XScale,
    },
}

/// A chart ready to draw.
#[derive(Debug, Clone, PartialEq)]
pub struct Prepared {
    /// Chart type.
    pub kind: ChartKind,
    /// Title.
    pub title: String,
    /// x axis label (the x column's name).
    pub x_label: String,
    /// The column whose values name the series of a line or scatter chart.
    pub series_label: Option<String>,
    /// y axis label.
    pub y_label: String,
    /// Content.
    pub data: ChartData,
    /// Something left out, e.g. rows with blank values.
    pub note: Option<String>,
    /// A line over dates drawn per week, month… (values in each added up).
    pub every: Option<Every>,
}

/// Build a chart from a result table. Errors are for people: a missing column or
/// values that cannot be plotted.
pub fn prepare(spec: &ChartSpec, df: &DataFrame, title: &str) -> Result<Prepared, String> {
    prepare_filling(spec, df, title, true)
}

/// [`prepare`]; `fill_empty` false leaves a bucket with no rows out of a line over
/// dates instead of drawing it as zero (for means, where zero would be a reading).
pub fn prepare_filling(
    spec: &ChartSpec,
    df: &DataFrame,
    title: &str,
    fill_empty: bool,
) -> Result<Prepared, String> {
    for name in [Some(&spec.x), spec.y.as_ref(), spec.series.as_ref()]
        .into_iter()
        .flatten()
    {
        column_exists(df, name)?;
    }
    // Histograms and scatters of number columns read the numbers straight from the
    // column; everything else makes a cell of each value.
    let fast_x = match spec.kind {
        ChartKind::Histogram => numeric(df, &spec.x),
        ChartKind::Scatter if spec.series.is_none() => numeric(df, &spec.x),
        _ => None,
    };
    let fast_y = match (&fast_x, spec.kind, &spec.y) {
        (Some(_), ChartKind::Scatter, Some(y)) => numeric(df, y),
        _ => None,
    };
    let fast = fast_x.is_some() && (spec.kind == ChartKind::Histogram || fast_y.is_some());
    let x = if fast {
        Vec::new()
    } else {
        column(df, &spec.x)?
    };
    let y = match &spec.y {
        Some(_) if fast => None,
        Some(name) => Some(column(df, name)?),
        None => None,
    };
    let series = match &spec.series {
        Some(name) => Some(column(df, name)?),
        None => None,
    };
    let title = spec.title.clone().unwrap_or_else(|| title.to_string());
    let mut skipped = 0usize;
    let mut every = None;
    let data = match spec.kind {
        ChartKind::Bar | ChartKind::Column => {
            let mut bars: Vec<Bar> = Vec::new();
            let mut index = std::collections::HashMap::new();
            for (i, xv) in x.iter().enumerate() {
                let v = match &y {
                    Some(y) => match number(&y[i]) {
                        Some(v) => v,
                        None => {
                            skipped += 1;
                            continue;
                        }
                    },
                    None => 1.0,
                };
                let label = label(xv);
                let at = *index.entry(label.clone()).or_insert_with(|| {
                    bars.push(Bar { label, value: 0.0 });
                    bars.len() - 1
                });
                bars[at].value += v;
            }
            ChartData::Bars(bars)
        }
        ChartKind::Histogram => {
            let (values, rows): (Vec<(f64, usize)>, usize) = match &fast_x {
                Some(v) => (v.iter().flatten().map(|v| (*v, 1)).collect(), v.len()),
                None => (
                    x.iter().filter_map(number).map(|v| (v, 1)).collect(),
                    x.len(),
                ),
            };
            let (data, left_out) = histogram_data(spec, &values, rows)?;
            skipped = left_out;
            data
        }
        ChartKind::Scatter if fast => {
            let (xs, ys) = (fast_x.unwrap_or_default(), fast_y.unwrap_or_default());
            let points: Vec<(f64, f64)> = xs
                .iter()
                .zip(&ys)
                .filter_map(|(x, y)| Some(((*x)?, (*y)?)))
                .collect();
            let counted = points.len();
            let (data, left_out) = scatter_data(spec, points, counted, xs.len())?;
            skipped = left_out;
            data
        }
        ChartKind::Line | ChartKind::Scatter => {
            let Some(y) = &y else {
                return Err(if spec.kind == ChartKind::Line {
                    tr("a line chart needs a `y` column").to_string()
                } else {
                    tr("a scatter chart needs a `y` column").to_string()
                });
            };
            let x_scale = if x.iter().any(|c| matches!(c, Cell::Text(_)))
                && x.iter()
                    .all(|c| matches!(c, Cell::Null) || date(c).is_some())
            {
                XScale::Date
            } else {
                XScale::Number
            };
            let mut out: Vec<Series> = Vec::new();
            for i in 0..x.len() {
                let xv = match x_scale {
                    XScale::Date => date(&x[i]),
                    XScale::Number => number(&x[i]),
                };
                let (Some(xv), Some(yv)) = (xv, number(&y[i])) else {
                    skipped += 1;
                    continue;
                };
                let name = series.as_ref().map(|s| label(&s[i])).unwrap_or_default();
                match out.iter_mut().find(|s| s.name == name) {
                    Some(s) => s.points.push((xv, yv)),
                    None => out.push(Series {
                        name,
                        points: vec![(xv, yv)],
                    }),
                }
            }
            if spec.kind == ChartKind::Line {
                for s in &mut out {
                    s.points.sort_by(|a, b| a.0.total_cmp(&b.0));
                }
                if x_scale == XScale::Date {
                    every = buckets(spec.every, &mut out, fill_empty);
                }
            }
            if out.is_empty() && !x.is_empty() {
                return Err(no_points(spec));
            }
            ChartData::Points {
                series: out,
                x_scale,
            }
        }
    };
    Ok(assemble(spec, title, data, skipped, every))
}

/// Values counted elsewhere (in the pass that checks a file), for charts that need
/// no table: each distinct number, or pair, with the rows that had it.
#[derive(Debug, Clone, PartialEq)]
pub enum Tallied {
    /// The numbers of x.
    Histogram(Vec<(f64, usize)>),
    /// The distinct (x, y) pairs where both are numbers, and the rows that had
    /// one of them.
    Scatter {
        /// Each distinct pair once.
        points: Vec<(f64, f64)>,
        /// Rows with a pair of numbers.
        counted: usize,
    },
}

/// A histogram or scatter from [`Tallied`] values out of `rows` rows (the rest had
/// a blank or non-number value); the chart [`prepare`] draws from the rows themselves.
pub fn prepare_tallied(
    spec: &ChartSpec,
    tallied: Tallied,
    rows: usize,
    title: &str,
) -> Result<Prepared, String> {
    let (data, skipped) = match tallied {
        Tallied::Histogram(values) => histogram_data(spec, &values, rows)?,
        Tallied::Scatter { points, counted } => scatter_data(spec, points, counted, rows)?,
    };
    let title = spec.title.clone().unwrap_or_else(|| title.to_string());
    Ok(assemble(spec, title, data, skipped, None))
}

/// Histogram bars of `values` (with the rows that had each) out of `rows` rows, and
/// the rows left out.
fn histogram_data(
    spec: &ChartSpec,
    values: &[(f64, usize)],
    rows: usize,
) -> Result<(ChartData, usize), String> {
    let counted: usize = values.iter().map(|p| p.1).sum();
    if counted == 0 && rows > 0 {
        return Err(trf(
            "a histogram needs numbers, and `{column}` has none: pick a number column",
            &[("column", &spec.x)],
        ));
    }
    let bins = histogram_weighted(values, spec.bins.map(|b| b as usize));
    let bars = bins
        .into_iter()
        .map(|b| Bar {
            label: b.label,
            value: b.count as f64,
        })
        .collect();
    Ok((ChartData::Bars(bars), rows.saturating_sub(counted)))
}

/// One series of scatter `points` (had by `counted` rows) out of `rows` rows, and
/// the rows left out.
fn scatter_data(
    spec: &ChartSpec,
    points: Vec<(f64, f64)>,
    counted: usize,
    rows: usize,
) -> Result<(ChartData, usize), String> {
    if counted == 0 && rows > 0 {
        return Err(no_points(spec));
    }
    let series = if points.is_empty() {
        Vec::new()
    } else {
        vec![Series {
            name: String::new(),
            points,
        }]
    };
    Ok((
        ChartData::Points {
            series,
            x_scale: XScale::Number,
        },
        rows.saturating_sub(counted),
    ))
}

/// The chart around its data: labels, and a note of rows left out.
fn assemble(
    spec: &ChartSpec,
    title: String,
    data: ChartData,
    skipped: usize,
    every: Option<Every>,
) -> Prepared {
    let y_label = match (spec.kind, &spec.y) {
        (ChartKind::Histogram, _) => "count".to_string(),
        (_, Some(y)) => y.clone(),
        (_, None) => "rows".to_string(),
    };
    Prepared {
        kind: spec.kind,
        title,
        x_label: spec.x.clone(),
        series_label: spec.series.clone(),
        y_label,
        data,
        note: (skipped > 0).then(|| {
            trf(
                "{n} row(s) with a blank or non-number value left out",
                &[("n", &group_thousands(skipped as i64))],
            )
        }),
        every,
    }
}

/// The most points a bucketed line draws.
const MAX_BUCKETS: usize = 5_000;

/// Bucket each series of a line over dates, when asked to or when it has more than
/// [`AUTO_MAX_POINTS`] distinct days; returns the bucket used.
fn buckets(asked: Option<Every>, series: &mut [Series], fill_empty: bool) -> Option<Every> {
    let days = || {
        series
            .iter()
            .flat_map(|s| s.points.iter().map(|p| p.0 as i64))
    };
    let (first, last) = (days().min()?, days().max()?);
    let every = match asked {
        Some(e) => e,
        None => {
            let distinct: std::collections::HashSet<i64> = days().collect();
            if distinct.len() as i64 <= AUTO_MAX_POINTS {
                return None;
            }
            Every::auto(first, last)
        }
    };
    for s in series.iter_mut() {
        s.points = bucket_points(&s.points, every, MAX_BUCKETS, fill_empty);
    }
    Some(every)
}

/// Keep at most `max` bars: the `max - 1` largest, in their order, and the rest
/// summed into one "other (k)" bar at the end.
pub fn fold(bars: &[Bar], max: usize) -> Vec<Bar> {
    if max == 0 {
        return Vec::new();
    }
    if bars.len() <= max {
        return bars.to_vec();
    }
    let keep = max - 1;
    let mut order: Vec<usize> = (0..bars.len()).collect();
    order.sort_by(|&a, &b| bars[b].value.total_cmp(&bars[a].value).then(a.cmp(&b)));
    let mut kept: Vec<usize> = order[..keep].to_vec();
    kept.sort_unstable();
    let rest: Vec<usize> = order[keep..].to_vec();
    let mut out: Vec<Bar> = kept.iter().map(|&i| bars[i].clone()).collect();
    out.push(Bar {
        label: format!("other ({})", rest.len()),
        value: rest.iter().map(|&i| bars[i].value).sum(),
    });
    out
}

/// A date axis tick: `2024` for spans over six years, `Mar 2024` over three
/// months, else `Mar 15`.
pub fn date_tick(days: f64, span_days: f64) -> String {
    let Some(d) = NaiveDate::from_ymd_opt(1970, 1, 1)
        .and_then(|e| e.checked_add_signed(chrono::Duration::days(days.round() as i64)))
    else {
        return String::new();
    };
    if span_days > 6.0 * 365.0 {
        d.format("%Y").to_string()
    } else if span_days > 90.0 {
        d.format("%b %Y").to_string()
    } else {
        d.format("%b %d").to_string()
    }
}

/// A number written short for an axis or a bar end: 1234 → 1,234; 8340 → 8,340;
/// 2.5e6 → 2.5M.
pub fn short_number(v: f64) -> String {
    let a = v.abs();
    if a >= 1e9 {
        format!("{:.1}B", v / 1e9)
    } else if a >= 1e6 {
        format!("{:.1}M", v / 1e6)
    } else if a >= 1e3 {
        // One format on one chart: 8,340 beside 13,338, never 8340.
        group_thousands(v.round() as i64)
    } else if v.fract() == 0.0 {
        format!("{}", v as i64)
    } else if a >= 100.0 {
        format!("{v:.0}")
    } else if a >= 1.0 {
        format!("{v:.1}")
    } else {
        format!("{v:.2}")
    }
}

/// Whether an axis (or a set of bins) running from `lo` to `hi`, its values all
/// whole numbers when `whole`, holds years (1800 to 2100): written plain, 1930
/// and not 1,930.
pub fn years(lo: f64, hi: f64, whole: bool) -> bool {
    whole && lo >= 1800.0 && hi <= 2100.0
}

/// A number on an axis or a bin's label: plain on an axis of [`years`], else
/// [`short_number`].
pub fn axis_number(v: f64, years: bool) -> String {
    if years && v.is_finite() {
        format!("{}", v.round() as i64)
    } else {
        short_number(v)
    }
}

/// Whole number with thousands separators: 1234567 → 1,234,567.
pub fn group_thousands(n: i64) -> String {
    let s = n.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, ch) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    if n < 0 { format!("-{out}") } else { out }
}

/// Why a line or scatter has nothing to draw.
fn no_points(spec: &ChartSpec) -> String {
    trf(
        "no row has both a usable `{x}` (a number or a date) and a number in `{y}`",
        &[
            ("x", &spec.x),
            ("y", &spec.y.as_deref().unwrap_or_default()),
        ],
    )
}

/// The column as numbers (blank when not finite) when it holds numbers or
/// true/false, read without making a cell of each value; `None` for the rest.
fn numeric(df: &DataFrame, name: &str) -> Option<Vec<Option<f64>>> {
    use polars::prelude::DataType;
    let c = df.column(name).ok()?;
    if !(c.dtype().is_primitive_numeric() || c.dtype().is_bool()) {
        return None;
    }
    let f = c.cast(&DataType::Float64).ok()?;
    Some(
        f.f64()
            .ok()?
            .iter()
            .map(|v| v.filter(|v| v.is_finite()))
            .collect(),
    )
}

fn column_exists(df: &DataFrame, name: &str) -> Result<(), String> {
    column_or(df, name, |_| ())
}

fn column(df: &DataFrame, name: &str) -> Result<Vec<Cell>, String> {
    column_or(df, name, column_cells)
}

/// `read` of the column, or an error naming the columns there are.
fn column_or<T>(
    df: &DataFrame,
    name: &str,
    read: impl FnOnce(&polars::prelude::Column) -> T,
) -> Result<T, String> {
    match df.column(name) {
        Ok(c) => Ok(read(c)),
        Err(_) => {
            let names: Vec<String> = df
                .get_column_names()
                .iter()
                .map(|n| format!("`{n}`"))
                .collect();
            let has = if names.is_empty() {
                tr("no columns").to_string()
            } else {
                names.join(", ")
            };
            Err(trf(
                "the chart needs a column `{name}`, and the result has {has}",
                &[("name", &name), ("has", &has)],
            ))
        }
    }
}

fn number(c: &Cell) -> Option<f64> {
    match c {
        Cell::Num(v) if v.is_finite() => Some(*v),
        Cell::Bool(b) => Some(f64::from(u8::from(*b))),
        _ => None,
    }
}

/// A text cell as a day: a date, the date of a timestamp, or a month written
/// `2024-03` (its first day, as month buckets are drawn).
fn date(c: &Cell) -> Option<f64> {
    let Cell::Text(s) = c else { return None };
    let day = s.get(..10).unwrap_or(s);
    let d = parse_date(day).or_else(|| month(s.trim()))?;
    let epoch = NaiveDate::from_ymd_opt(1970, 1, 1)?;
    Some((d - epoch).num_days() as f64)
}

/// `2024-03` as 1 March 2024.
fn month(s: &str) -> Option<NaiveDate> {
    let (y, m) = s.split_once('-')?;
    if y.len() != 4 || m.len() != 2 || !(y.bytes().chain(m.bytes())).all(|b| b.is_ascii_digit()) {
        return None;
    }
    NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, 1).filter(|d| d.year() >= 1000)
}

fn label(c: &Cell) -> String {
    match c {
        Cell::Null => "(blank)".to_string(),
        other => crate::text::sanitize_line(&other.to_string()),
    }
}

#[cfg(test)]
mod tests;
