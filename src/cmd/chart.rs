//! `huddle chart FILE --x COL [--y COL] [--agg ...] [--type ...]`: the player's
//! chart widgets drawn straight to stdout — colour on a terminal, plain text when
//! piped. Reads only the columns it needs.

use super::{EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE};
use crate::chart::{Every, prepare_filling};
use crate::data::import::{apply_types, read_raw_columns_with};
use crate::lesson::model::{ChartKind, ChartSpec};
use crate::tui::theme::{Theme, ThemeName};
use crate::tui::views::chart::ChartView;
use clap::ValueEnum;
use polars::prelude::*;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier};
use ratatui::widgets::Widget;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;

/// How values are combined per category.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum Agg {
    /// Rows per category.
    #[default]
    Count,
    /// Sum of `--y` per category.
    Sum,
    /// Mean of `--y` per category.
    Mean,
}

/// Chart types on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum ChartType {
    /// Horizontal bars.
    #[default]
    Bar,
    /// Vertical bars.
    Column,
    /// A line over x.
    Line,
    /// Counts of x in bins.
    Histogram,
    /// Points of x and y.
    Scatter,
}

impl From<ChartType> for ChartKind {
    fn from(t: ChartType) -> Self {
        match t {
            ChartType::Bar => ChartKind::Bar,
            ChartType::Column => ChartKind::Column,
            ChartType::Line => ChartKind::Line,
            ChartType::Histogram => ChartKind::Histogram,
            ChartType::Scatter => ChartKind::Scatter,
        }
    }
}

/// Arguments of `huddle chart`.
#[derive(Debug, Clone)]
pub struct ChartArgs {
    /// The data file.
    pub file: PathBuf,
    /// Category or x column.
    pub x: String,
    /// Value column.
    pub y: Option<String>,
    /// How to combine values per category.
    pub agg: Agg,
    /// Chart type.
    pub kind: ChartType,
    /// Width in cells (default: the terminal's, else 80).
    pub width: Option<u16>,
    /// Height in cells (default: 20).
    pub height: Option<u16>,
    /// Write a picture here (`.png` or `.svg`) instead of drawing on the terminal.
    pub out: Option<PathBuf>,
    /// The chart's title instead of the one made from the columns.
    pub title: Option<String>,
    /// Replace `out` if it exists.
    pub force: bool,
    /// A line over dates: one point per day, week, month… (default: by itself).
    pub every: Option<crate::chart::Every>,
    /// Mask personal values in labels (`--mask`).
    pub mask: bool,
    /// `--strict` and `--header-row`.
    pub read: crate::data::import::ReadOptions,
}

/// Run `huddle chart`.
pub fn run(args: &ChartArgs, theme: ThemeName) -> i32 {
    if let Some(path) = &args.out {
        return match write_picture(args, path) {
            Ok(msg) => {
                println!("{msg}");
                EXIT_OK
            }
            Err((code, msg)) => {
                eprintln!("huddle chart: {}", shown_error(args, msg));
                code
            }
        };
    }
    let out = std::io::stdout();
    let color = out.is_terminal() && !Theme::no_color_requested();
    match render_noting(args, theme, color) {
        Ok((text, set_aside)) => {
            let mut lock = out.lock();
            let _ = lock.write_all(text.as_bytes());
            note_set_aside(args, &set_aside);
            EXIT_OK
        }
        Err((code, msg)) => {
            eprintln!("huddle chart: {}", shown_error(args, msg));
            code
        }
    }
}

/// An error as printed: scrubbed of data values under `--mask`.
fn shown_error(args: &ChartArgs, msg: String) -> String {
    if !args.mask {
        return msg;
    }
    let mut names = vec![args.x.as_str()];
    names.extend(args.y.as_deref());
    super::masked_error(&msg, &names, &args.file)
}

/// Name on stderr the rows left out because they could not be read.
fn note_set_aside(args: &ChartArgs, set_aside: &[u32]) {
    if set_aside.is_empty() {
        return;
    }
    eprintln!(
        "huddle chart: {}: {}",
        args.file.display(),
        crate::i18n::trf(
            "{summary}; they are left out of the chart (huddle inspect lists them)",
            &[(
                "summary",
                &crate::data::quarantine::summary_of_lines(set_aside)
            )],
        )
    );
}

/// Write the chart as a picture at `path`; returns the line saying where it went.
pub fn write_picture(args: &ChartArgs, path: &std::path::Path) -> Result<String, (i32, String)> {
    use crate::export::picture::{Picture, PictureFormat, render as draw};
    let Some(format) = PictureFormat::from_path(path) else {
        return Err((
            EXIT_USAGE,
            format!(
                "{}: a picture is written as .png or .svg; name the file e.g. chart.png",
                path.display()
            ),
        ));
    };
    let (chart, rows, set_aside) = chart_of(args)?;
    note_set_aside(args, &set_aside);
    let name = args
        .file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let source = format!(
        "{name}, {} {}, {}",
        crate::chart::group_thousands(rows as i64),
        if rows == 1 { "row" } else { "rows" },
        crate::progress::export::today()
    );
    let picture = Picture {
        chart: &chart,
        source,
        width: args.width.map_or(1000, u32::from),
        height: args.height.map_or(600, u32::from),
    };
    let bytes = draw(&picture, format)
        .map_err(|e| (EXIT_PROBLEMS, format!("could not draw the chart: {e}")))?;
    let existing = crate::output::Existing::replace_if(args.force);
    crate::output::write(
        path,
        &[args.file.as_path()],
        existing,
        crate::output::Audience::Shared,
        |f| std::io::Write::write_all(f, &bytes),
    )
    .map_err(|e| (EXIT_PROBLEMS, e.to_string()))?;
    Ok(format!("wrote {}", path.display()))
}

/// Draw the chart to a string (ANSI colours when `color`).
pub fn render(args: &ChartArgs, theme: ThemeName, color: bool) -> Result<String, (i32, String)> {
    render_noting(args, theme, color).map(|(text, _)| text)
}

/// [`render`], also giving the lines of rows left out because they could not be read.
pub fn render_noting(
    args: &ChartArgs,
    theme: ThemeName,
    color: bool,
) -> Result<(String, Vec<u32>), (i32, String)> {
    let (prepared, _, set_aside) = chart_of(args)?;
    let width = args
        .width
        .or_else(|| ratatui::crossterm::terminal::size().ok().map(|(w, _)| w))
        .unwrap_or(80)
        .clamp(20, 500);
    let height = args.height.unwrap_or(20).clamp(5, 300);
    let area = Rect::new(0, 0, width, height);
    let mut buf = Buffer::empty(area);
    let theme = if color {
        Theme::new(theme, false)
    } else {
        Theme::plain()
    };
    ChartView {
        chart: &prepared,
        theme: &theme,
        border: false,
    }
    .render(area, &mut buf);
    Ok((buffer_text(&buf, color), set_aside))
}

/// What a chart is made of: the chart (masked under `--mask`), the number of data rows
/// read, and the lines of rows left out because they could not be read.
pub(super) type ChartOf = (crate::chart::Prepared, usize, Vec<u32>);

/// Read the file's columns and build the chart.
fn chart_of(args: &ChartArgs) -> Result<ChartOf, (i32, String)> {
    chart_of_by(args, true)
}

/// [`chart_of`]; `tally` false reads the columns whole even where one pass could
/// tally them (the tests compare the two).
pub(super) fn chart_of_by(args: &ChartArgs, tally: bool) -> Result<ChartOf, (i32, String)> {
    let kind: ChartKind = args.kind.into();
    if args.agg != Agg::Count && args.y.is_none() {
        return Err((
            EXIT_USAGE,
            format!("--agg {:?} needs --y COLUMN to add up", args.agg).to_lowercase(),
        ));
    }
    if args.every.is_some() && kind != ChartKind::Line {
        return Err((
            EXIT_USAGE,
            "--every is for a line over dates: add --type line, or leave out --every".into(),
        ));
    }
    if matches!(kind, ChartKind::Scatter) && args.y.is_none() {
        return Err((EXIT_USAGE, "a scatter chart needs --y COLUMN".into()));
    }
    let mut wanted = vec![args.x.clone()];
    if let Some(y) = &args.y
        && y != &args.x
    {
        wanted.push(y.clone());
    }
    if let Some(source) = crate::source::parse_path(&args.file) {
        let source = source.map_err(|e| (EXIT_USAGE, e))?;
        let (table, spec, rows) = super::chart_source::shape(&source, args, kind)
            .map_err(|e| (EXIT_PROBLEMS, format!("{}: {e}", source_label(&source))))?;
        return finish(args, kind, table, spec, rows, Vec::new());
    }
    if tally && let Some(done) = super::chart_tally::chart(args, kind)? {
        return Ok(done);
    }
    let file = FileBytes::open(&args.file).map_err(|e| {
        (
            EXIT_PROBLEMS,
            format!("{}: cannot read the file: {e}", args.file.display()),
        )
    })?;
    let bytes: &[u8] = &file;
    let fail = |e| read_failure(args, e);
    // Workbooks, Parquet, and value columns the tally does not read: the columns
    // are read whole.
    let progress = crate::data::load_progress::LoadProgress::new();
    let bar = super::spinner::Progress::follow(&args.file.display().to_string(), &progress);
    let raw = read_raw_columns_with(bytes, Some(&wanted), &args.read, &progress).map_err(fail)?;
    let set_aside = raw.report.quarantined.iter().map(|b| b.line).collect();
    let df = apply_types(raw, &[]).map_err(fail)?;
    drop(bar);
    let rows = df.height();
    let (table, spec) = shape(df, args, kind).map_err(|e| (EXIT_PROBLEMS, e))?;
    finish(args, kind, table, spec, rows, set_aside)
}

/// The label of a database source, for messages.
fn source_label(source: &crate::source::Source) -> String {
    match source {
        crate::source::Source::Postgres(url) => url.label(),
    }
}

/// A file that could not be read, as `huddle chart` reports it.
pub(super) fn read_failure(args: &ChartArgs, e: crate::data::import::ImportError) -> (i32, String) {
    (EXIT_PROBLEMS, format!("{}: {e}", args.file.display()))
}

/// Title, prepare and mask the shaped table.
pub(super) fn finish(
    args: &ChartArgs,
    kind: ChartKind,
    table: DataFrame,
    spec: ChartSpec,
    rows: usize,
    set_aside: Vec<u32>,
) -> Result<ChartOf, (i32, String)> {
    let fill_empty = args.agg != Agg::Mean;
    let prepared = prepare_filling(&spec, &table, &title(args, kind), fill_empty)
        .map_err(|e| (EXIT_PROBLEMS, e))?;
    Ok(masked(args, prepared, &table, rows, set_aside))
}

/// The chart's title: `--title`, else one made from the columns.
pub(super) fn title(args: &ChartArgs, kind: ChartKind) -> String {
    let made = match (&args.y, args.agg) {
        (Some(y), Agg::Sum) if grouped(kind) => format!("sum of {y} by {}", args.x),
        (Some(y), Agg::Mean) if grouped(kind) => format!("mean of {y} by {}", args.x),
        (_, _) if kind == ChartKind::Histogram => format!("{} (histogram)", args.x),
        (Some(y), _) if kind == ChartKind::Scatter => format!("{y} by {}", args.x),
        _ => format!("rows by {}", args.x),
    };
    args.title.clone().unwrap_or(made)
}

/// The chart, masked by what `table` holds under `--mask`.
pub(super) fn masked(
    args: &ChartArgs,
    prepared: crate::chart::Prepared,
    table: &DataFrame,
    rows: usize,
    set_aside: Vec<u32>,
) -> ChartOf {
    if !args.mask {
        return (prepared, rows, set_aside);
    }
    let mut masker = crate::data::mask::Masker::new();
    masker.learn_frame(table);
    (
        crate::tui::masking::chart(&prepared, &masker, None),
        rows,
        set_aside,
    )
}

/// Bars, columns and lines show one value per category.
pub(super) fn grouped(kind: ChartKind) -> bool {
    matches!(kind, ChartKind::Bar | ChartKind::Column | ChartKind::Line)
}

/// Group and aggregate for bars, columns and lines; pass values through otherwise.
pub(super) fn shape(
    df: DataFrame,
    args: &ChartArgs,
    kind: ChartKind,
) -> Result<(DataFrame, ChartSpec), String> {
    let x = args.x.as_str();
    let (df, every) = if kind == ChartKind::Line {
        bucket_dates(df, x, args.every)?
    } else {
        (df, None)
    };
    let spec = |y: Option<&str>| ChartSpec {
        every,
        ..ChartSpec::new(kind, x, y)
    };
    if !grouped(kind) {
        return Ok((df, spec(args.y.as_deref())));
    }
    if let (Agg::Sum | Agg::Mean, Some(y)) = (args.agg, &args.y)
        && let Ok(c) = df.column(y)
        && !c.dtype().is_primitive_numeric()
    {
        return Err(format!(
            "--agg {} needs numbers, and `{y}` holds {}: pick a number column, or leave out --y to count rows",
            if args.agg == Agg::Sum { "sum" } else { "mean" },
            crate::data::types::ColumnType::of_dtype(c.dtype()).as_str()
        ));
    }
    let (value, expr) = match (args.agg, &args.y) {
        (Agg::Sum, Some(y)) => (
            format!("sum of {y}"),
            col(y.as_str()).cast(DataType::Float64).sum(),
        ),
        (Agg::Mean, Some(y)) => (
            format!("mean of {y}"),
            col(y.as_str()).cast(DataType::Float64).mean(),
        ),
        _ => ("rows".to_string(), len()),
    };
    let out = group_sorted(df, x, kind, &value, expr)?;
    Ok((out, spec(Some(&value))))
}

/// One row per value of `x` with `expr` as column `value`: largest first for bars,
/// in order of `x` otherwise.
pub(super) fn group_sorted(
    df: DataFrame,
    x: &str,
    kind: ChartKind,
    value: &str,
    expr: Expr,
) -> Result<DataFrame, String> {
    let grouped = df.lazy().group_by([col(x)]).agg([expr.alias(value)]);
    let sorted = if kind == ChartKind::Bar {
        largest_first(grouped, value, x)
    } else {
        grouped.sort(
            [x],
            SortMultipleOptions::default().with_maintain_order(true),
        )
    };
    sorted.collect().map_err(|e| {
        format!(
            "could not group by `{x}`: {}",
            e.to_string().lines().next().unwrap_or("")
        )
    })
}

/// Put each date of column `x` at the start of its bucket (`every`, or chosen by
/// itself past [`crate::chart::AUTO_MAX_POINTS`] distinct days), before the group-by,
/// so a mean is a mean per bucket. Columns that are not dates pass through.
pub(super) fn bucket_dates(
    df: DataFrame,
    x: &str,
    every: Option<Every>,
) -> Result<(DataFrame, Option<Every>), String> {
    let Ok(c) = df.column(x) else {
        return Ok((df, None));
    };
    let days: Vec<Option<i64>> = match c.dtype() {
        DataType::Date => {
            let n = c.cast(&DataType::Int32).map_err(|e| e.to_string())?;
            let n = n.i32().map_err(|e| e.to_string())?;
            n.iter().map(|v| v.map(i64::from)).collect()
        }
        DataType::Datetime(unit, _) => {
            let per_day: i64 = match unit {
                TimeUnit::Milliseconds => 86_400_000,
                TimeUnit::Microseconds => 86_400_000_000,
                TimeUnit::Nanoseconds => 86_400_000_000_000,
            };
            let n = c.cast(&DataType::Int64).map_err(|e| e.to_string())?;
            let n = n.i64().map_err(|e| e.to_string())?;
            n.iter().map(|v| v.map(|t| t.div_euclid(per_day))).collect()
        }
        DataType::String => {
            let t = c.str().map_err(|e| e.to_string())?;
            let epoch = chrono::NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or_default();
            let parsed: Vec<Option<i64>> = t
                .iter()
                .map(|v| {
                    let v = v?;
                    let d = crate::data::types::parse_date(v.get(..10).unwrap_or(v))?;
                    Some((d - epoch).num_days())
                })
                .collect();
            // Every value that is there must read as a date, or this is not a date column.
            if t.iter()
                .zip(&parsed)
                .any(|(v, d)| v.is_some() && d.is_none())
            {
                if every.is_some() {
                    return Err(format!(
                        "--every needs dates, and `{x}` holds values that are not dates: pick a date column"
                    ));
                }
                return Ok((df, None));
            }
            parsed
        }
        _ if every.is_some() => {
            return Err(format!(
                "--every needs dates, and `{x}` holds {}: pick a date column",
                crate::data::types::ColumnType::of_dtype(c.dtype()).as_str()
            ));
        }
        _ => return Ok((df, None)),
    };
    let every = match every {
        Some(e) => e,
        None => {
            let distinct: std::collections::HashSet<i64> = days.iter().flatten().copied().collect();
            let (Some(&lo), Some(&hi)) = (distinct.iter().min(), distinct.iter().max()) else {
                return Ok((df, None));
            };
            if distinct.len() as i64 <= crate::chart::AUTO_MAX_POINTS {
                return Ok((df, None));
            }
            Every::auto(lo, hi)
        }
    };
    let starts: Vec<Option<i32>> = days
        .iter()
        .map(|d| d.and_then(|d| i32::try_from(every.start(d)).ok()))
        .collect();
    let bucketed = Column::new(x.into(), starts)
        .cast(&DataType::Date)
        .map_err(|e| e.to_string())?;
    let mut df = df;
    df.with_column(bucketed).map_err(|e| e.to_string())?;
    Ok((df, Some(every)))
}

/// A data file's bytes: memory-mapped when the file is big (no copy, no page of
/// its own per 4 KB), read into memory otherwise. The map is read-only; huddle never
/// writes to a learner's file.
pub(super) enum FileBytes {
    Mapped(memmap2::Mmap),
    Read(Vec<u8>),
}

impl FileBytes {
    pub(super) fn open(path: &std::path::Path) -> std::io::Result<Self> {
        let file = std::fs::File::open(path)?;
        let len = file.metadata()?.len();
        if len >= 1 << 20 {
            // SAFETY: the map is only read. If another program truncates the file
            // while huddle reads it, the OS may stop the process; huddle itself
            // never changes the file.
            if let Ok(map) = unsafe { memmap2::Mmap::map(&file) } {
                return Ok(FileBytes::Mapped(map));
            }
        }
        std::fs::read(path).map(FileBytes::Read)
    }
}

impl std::ops::Deref for FileBytes {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        match self {
            FileBytes::Mapped(m) => m,
            FileBytes::Read(v) => v,
        }
    }
}

/// Largest first; ties by name, so the same file always draws the same chart.
pub(super) fn largest_first(lf: LazyFrame, value: &str, x: &str) -> LazyFrame {
    lf.sort(
        [value, x],
        SortMultipleOptions::default().with_order_descending_multi([true, false]),
    )
}

/// A buffer as text: one line per row, trailing blanks cut; ANSI colours when asked.
pub fn buffer_text(buf: &Buffer, color: bool) -> String {
    let area = buf.area;
    let mut out = String::new();
    for y in 0..area.height {
        let mut line = String::new();
        let mut current: Option<(Color, bool)> = None;
        for x in 0..area.width {
            let cell = &buf[(x, y)];
            if color {
                let style = (cell.fg, cell.modifier.contains(Modifier::BOLD));
                if current != Some(style) {
                    line.push_str("\x1b[0m");
                    if style.1 {
                        line.push_str("\x1b[1m");
                    }
                    line.push_str(&ansi_fg(style.0));
                    current = Some(style);
                }
            }
            line.push_str(cell.symbol());
        }
        if color {
            line.push_str("\x1b[0m");
        }
        let trimmed = if color {
            line.as_str()
        } else {
            line.trim_end()
        };
        out.push_str(trimmed);
        out.push('\n');
    }
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

fn ansi_fg(c: Color) -> String {
    match c {
        Color::Rgb(r, g, b) => format!("\x1b[38;2;{r};{g};{b}m"),
        Color::Indexed(i) => format!("\x1b[38;5;{i}m"),
        Color::Black => "\x1b[30m".into(),
        Color::Red => "\x1b[31m".into(),
        Color::Green => "\x1b[32m".into(),
        Color::Yellow => "\x1b[33m".into(),
        Color::Blue => "\x1b[34m".into(),
        Color::Magenta => "\x1b[35m".into(),
        Color::Cyan => "\x1b[36m".into(),
        Color::Gray => "\x1b[37m".into(),
        Color::DarkGray => "\x1b[90m".into(),
        Color::LightRed => "\x1b[91m".into(),
        Color::LightGreen => "\x1b[92m".into(),
        Color::LightYellow => "\x1b[93m".into(),
        Color::LightBlue => "\x1b[94m".into(),
        Color::LightMagenta => "\x1b[95m".into(),
        Color::LightCyan => "\x1b[96m".into(),
        Color::White => "\x1b[97m".into(),
        Color::Reset => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chart::ChartData;

    fn line(file: &std::path::Path, y: Option<&str>, agg: Agg) -> Vec<(f64, f64)> {
        let args = ChartArgs {
            file: file.to_path_buf(),
            x: "joined".into(),
            y: y.map(str::to_string),
            agg,
            kind: ChartType::Line,
            width: None,
            height: None,
            out: None,
            title: None,
            force: false,
            every: Some(Every::Month),
            mask: false,
            read: Default::default(),
        };
        let (p, _, _) = chart_of(&args).unwrap();
        let ChartData::Points { series, .. } = p.data else {
            panic!("a line")
        };
        series[0].points.clone()
    }

    #[test]
    fn a_mean_per_month_is_a_mean_and_a_count_fills_empty_months() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("gifts.csv");
        std::fs::write(
            &file,
            "joined,amount\n2024-01-03,10\n2024-01-20,30\n2024-03-02,5\n2024-03-09,7\n",
        )
        .unwrap();
        let ys = |pts: Vec<(f64, f64)>| pts.into_iter().map(|p| p.1).collect::<Vec<_>>();
        assert_eq!(ys(line(&file, None, Agg::Count)), vec![2.0, 0.0, 2.0]);
        assert_eq!(
            ys(line(&file, Some("amount"), Agg::Sum)),
            vec![40.0, 0.0, 12.0]
        );
        // No February gifts: no February mean, rather than a mean of zero.
        assert_eq!(ys(line(&file, Some("amount"), Agg::Mean)), vec![20.0, 6.0]);
    }
}
