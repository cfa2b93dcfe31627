//! A prepared chart as a picture for a report or a slide: SVG (text stays text) or PNG
//! (drawn with the bundled DejaVu Sans, so a machine without fonts still gets labels).
//!
//! Every picture has the title, axis labels, readable numbers (`13,338`, `2.5`), the
//! Okabe–Ito colours (safe for the common kinds of colour blindness) and a source line
//! such as "members.csv, 2,050 rows, 2026-12-04". Masking happens before this module:
//! it draws exactly the labels it is given.

use crate::chart::{ChartData, Prepared, XScale, group_thousands};
use crate::lesson::model::ChartKind;
use plotters::coord::Shift;
use plotters::prelude::*;
use std::sync::Once;

/// The Okabe–Ito palette, in its usual order (black last).
pub const OKABE_ITO: [RGBColor; 8] = [
    RGBColor(0, 114, 178),   // blue
    RGBColor(230, 159, 0),   // orange
    RGBColor(0, 158, 115),   // bluish green
    RGBColor(204, 121, 167), // reddish purple
    RGBColor(86, 180, 233),  // sky blue
    RGBColor(213, 94, 0),    // vermillion
    RGBColor(240, 228, 66),  // yellow
    RGBColor(0, 0, 0),       // black
];

/// The most bars a picture draws; the rest are named in the source line.
pub const MAX_BARS: usize = 40;
/// The smallest and largest picture, in pixels per side.
pub const SIZE_RANGE: (u32, u32) = (200, 4000);

const FONT: &str = "sans-serif";
static FONT_BYTES: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");
static REGISTER: Once = Once::new();

/// The file formats a picture can be written as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PictureFormat {
    /// Scalable, text kept as text.
    Svg,
    /// A bitmap.
    Png,
}

impl PictureFormat {
    /// The format a file name asks for by its ending, if any.
    pub fn from_path(path: &std::path::Path) -> Option<Self> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "svg" => Some(PictureFormat::Svg),
            "png" => Some(PictureFormat::Png),
            _ => None,
        }
    }
}

/// What to draw and how big.
#[derive(Debug, Clone)]
pub struct Picture<'a> {
    /// The chart, already masked where it must be.
    pub chart: &'a Prepared,
    /// The line under the chart: where the data came from.
    pub source: String,
    /// Width in pixels (clamped to [`SIZE_RANGE`]).
    pub width: u32,
    /// Height in pixels (clamped to [`SIZE_RANGE`]).
    pub height: u32,
}

/// Draw `picture` in `format`, returning the file's bytes.
pub fn render(picture: &Picture, format: PictureFormat) -> Result<Vec<u8>, String> {
    REGISTER.call_once(|| {
        // Both back ends measure text with this font. The bundled font is valid; if it
        // somehow is not, drawing reports the missing font as an error.
        let _ = plotters::style::register_font(FONT, FontStyle::Normal, FONT_BYTES);
    });
    let (w, h) = clamp_size(picture.width, picture.height);
    match format {
        PictureFormat::Svg => {
            let mut svg = String::new();
            {
                let root = SVGBackend::with_string(&mut svg, (w, h)).into_drawing_area();
                draw(&root, picture)?;
                root.present().map_err(|e| e.to_string())?;
            }
            Ok(svg.into_bytes())
        }
        PictureFormat::Png => {
            let mut rgb = vec![255u8; w as usize * h as usize * 3];
            {
                let root = BitMapBackend::with_buffer(&mut rgb, (w, h)).into_drawing_area();
                draw(&root, picture)?;
                root.present().map_err(|e| e.to_string())?;
            }
            encode_png(&rgb, w, h)
        }
    }
}

fn clamp_size(w: u32, h: u32) -> (u32, u32) {
    let (lo, hi) = SIZE_RANGE;
    (w.clamp(lo, hi), h.clamp(lo, hi))
}

fn encode_png(rgb: &[u8], w: u32, h: u32) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    let mut enc = png::Encoder::new(&mut out, w, h);
    enc.set_color(png::ColorType::Rgb);
    enc.set_depth(png::BitDepth::Eight);
    let mut writer = enc.write_header().map_err(|e| e.to_string())?;
    writer.write_image_data(rgb).map_err(|e| e.to_string())?;
    writer.finish().map_err(|e| e.to_string())?;
    Ok(out)
}

/// Title on top, the source line at the bottom, the chart between.
fn draw<DB: DrawingBackend>(root: &DrawingArea<DB, Shift>, p: &Picture) -> Result<(), String> {
    let err = |e: DrawingAreaErrorKind<DB::ErrorType>| e.to_string();
    root.fill(&WHITE).map_err(err)?;
    let (_, h) = root.dim_in_pixel();
    let footer_h = 28.min(h / 6);
    let (body, footer) = root.split_vertically(h - footer_h);
    let mut source = p.source.clone();
    if let Some(note) = &p.chart.note {
        source = format!("{source} · {note}");
    }
    footer
        .draw(&Text::new(
            clip(&source, 160),
            (12, 4),
            (FONT, 14).into_font().color(&RGBColor(90, 90, 90)),
        ))
        .map_err(err)?;
    let body = body
        .titled(&clip(&p.chart.title, 90), (FONT, 24))
        .map_err(err)?;
    match &p.chart.data {
        ChartData::Bars(bars) if bars.is_empty() => empty(&body),
        ChartData::Points { series, .. } if series.iter().all(|s| s.points.is_empty()) => {
            empty(&body)
        }
        ChartData::Bars(bars) => {
            let shown = &bars[..bars.len().min(MAX_BARS)];
            let labels: Vec<String> = shown.iter().map(|b| clip(&b.label, 28)).collect();
            let values: Vec<f64> = shown.iter().map(|b| b.value).collect();
            match p.chart.kind {
                ChartKind::Bar => bars_horizontal(&body, p.chart, &labels, &values),
                _ => bars_vertical(&body, p.chart, &labels, &values),
            }
        }
        ChartData::Points { series, x_scale } => points(&body, p.chart, series, *x_scale),
    }
}

fn empty<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>) -> Result<(), String> {
    let (w, h) = area.dim_in_pixel();
    area.draw(&Text::new(
        "No rows to draw".to_string(),
        (w as i32 / 2 - 60, h as i32 / 2),
        (FONT, 18).into_font().color(&RGBColor(90, 90, 90)),
    ))
    .map_err(|e| e.to_string())
}

/// One band per bar (plotters' integer ranges include their end).
fn bands(
    n: usize,
) -> plotters::coord::ranged1d::SegmentedCoord<plotters::coord::types::RangedCoordusize> {
    (0..n.saturating_sub(1)).into_segmented()
}

/// The value axis: from zero (or the smallest negative value) to a little past the top.
fn value_range(values: &[f64]) -> std::ops::Range<f64> {
    let lo = values.iter().copied().fold(0.0_f64, f64::min);
    let hi = values.iter().copied().fold(0.0_f64, f64::max);
    let span = (hi - lo).max(1.0);
    lo..hi + span * 0.08
}

fn bars_horizontal<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    chart: &Prepared,
    labels: &[String],
    values: &[f64],
) -> Result<(), String> {
    let err = |e: DrawingAreaErrorKind<DB::ErrorType>| e.to_string();
    let n = labels.len();
    let widest = labels.iter().map(|l| l.chars().count()).max().unwrap_or(4) as u32;
    let mut c = ChartBuilder::on(area)
        .margin(12)
        .x_label_area_size(44)
        .y_label_area_size((widest * 8 + 16).clamp(48, 260))
        .build_cartesian_2d(value_range(values), bands(n))
        .map_err(err)?;
    // Largest first from the top: row i of the data sits at band n-1-i.
    let label_of = |v: &SegmentValue<usize>| match v {
        SegmentValue::CenterOf(i) if *i < n => labels[n - 1 - i].clone(),
        _ => String::new(),
    };
    c.configure_mesh()
        .disable_y_mesh()
        .y_labels(n)
        .y_label_formatter(&label_of)
        .x_label_formatter(&|v| number(*v))
        .x_desc(axis(&chart.y_label))
        .y_desc(&chart.x_label)
        .light_line_style(WHITE)
        .bold_line_style(RGBColor(225, 225, 225))
        .label_style((FONT, 13))
        .axis_desc_style((FONT, 15))
        .draw()
        .map_err(err)?;
    let color = OKABE_ITO[0];
    c.draw_series(values.iter().enumerate().map(|(i, v)| {
        let band = n - 1 - i;
        let mut r = Rectangle::new(
            [
                (0.0, SegmentValue::Exact(band)),
                (*v, SegmentValue::Exact(band + 1)),
            ],
            color.filled(),
        );
        r.set_margin(3, 3, 0, 0);
        r
    }))
    .map_err(err)?;
    Ok(())
}

fn bars_vertical<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    chart: &Prepared,
    labels: &[String],
    values: &[f64],
) -> Result<(), String> {
    let err = |e: DrawingAreaErrorKind<DB::ErrorType>| e.to_string();
    let n = labels.len();
    let histogram = chart.kind == ChartKind::Histogram;
    let mut c = ChartBuilder::on(area)
        .margin(12)
        .x_label_area_size(48)
        .y_label_area_size(72)
        .build_cartesian_2d(bands(n), value_range(values))
        .map_err(err)?;
    let label_of = |v: &SegmentValue<usize>| match v {
        SegmentValue::CenterOf(i) if *i < n => labels[*i].clone(),
        _ => String::new(),
    };
    c.configure_mesh()
        .disable_x_mesh()
        .x_labels(n.min(24))
        .x_label_formatter(&label_of)
        .y_label_formatter(&|v| number(*v))
        .x_desc(&chart.x_label)
        .y_desc(axis(&chart.y_label))
        .light_line_style(WHITE)
        .bold_line_style(RGBColor(225, 225, 225))
        .label_style((FONT, 13))
        .axis_desc_style((FONT, 15))
        .draw()
        .map_err(err)?;
    let color = OKABE_ITO[0];
    let gap = if histogram { 0 } else { 4 };
    c.draw_series(values.iter().enumerate().map(|(i, v)| {
        let mut r = Rectangle::new(
            [
                (SegmentValue::Exact(i), 0.0),
                (SegmentValue::Exact(i + 1), *v),
            ],
            color.filled(),
        );
        r.set_margin(0, 0, gap, gap);
        r
    }))
    .map_err(err)?;
    Ok(())
}

fn points<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    chart: &Prepared,
    series: &[crate::chart::Series],
    x_scale: XScale,
) -> Result<(), String> {
    let err = |e: DrawingAreaErrorKind<DB::ErrorType>| e.to_string();
    let all = series.iter().flat_map(|s| s.points.iter());
    let (mut x0, mut x1, mut y0, mut y1) = (f64::MAX, f64::MIN, 0.0_f64, f64::MIN);
    let mut whole = true;
    for (x, y) in all {
        x0 = x0.min(*x);
        x1 = x1.max(*x);
        y0 = y0.min(*y);
        y1 = y1.max(*y);
        whole &= x.fract() == 0.0;
    }
    // Years read plain: 1930, not 1,930.
    let years = crate::chart::years(x0, x1, whole);
    if x1 <= x0 {
        x0 -= 1.0;
        x1 += 1.0;
    }
    if chart.kind == ChartKind::Scatter {
        // Room around the outermost points, so none is cut in half by an axis.
        let pad = (x1 - x0) * 0.04;
        x0 -= pad;
        x1 += pad;
    }
    let y_span = (y1 - y0).max(1.0);
    let mut c = ChartBuilder::on(area)
        .margin(12)
        .x_label_area_size(44)
        .y_label_area_size(72)
        .build_cartesian_2d(x0..x1, y0..y1 + y_span * 0.08)
        .map_err(err)?;
    // Dates read as the terminal's axis reads them: `Mar 2024` over a year or
    // more, `2024` over many, the day over a few weeks.
    let span = x1 - x0;
    let x_fmt = |v: &f64| match x_scale {
        XScale::Date => crate::chart::date_tick(*v, span),
        XScale::Number if years => crate::chart::axis_number(*v, true),
        XScale::Number => number(*v),
    };
    let x_desc = match chart.every {
        Some(every) => format!("{} (per {})", chart.x_label, every.as_str()),
        None => chart.x_label.clone(),
    };
    c.configure_mesh()
        .x_labels(8)
        .x_label_formatter(&x_fmt)
        .y_label_formatter(&|v| number(*v))
        .x_desc(&x_desc)
        .y_desc(axis(&chart.y_label))
        .light_line_style(WHITE)
        .bold_line_style(RGBColor(225, 225, 225))
        .label_style((FONT, 13))
        .axis_desc_style((FONT, 15))
        .draw()
        .map_err(err)?;
    let scatter = chart.kind == ChartKind::Scatter;
    for (i, s) in series.iter().enumerate() {
        let mut pts = s.points.clone();
        if !scatter {
            // A line goes left to right, whatever order the rows came in.
            pts.sort_by(|a, b| a.0.total_cmp(&b.0));
        }
        let color = OKABE_ITO[i % OKABE_ITO.len()];
        let drawn = if scatter {
            c.draw_series(pts.iter().map(|p| Circle::new(*p, 3, color.filled())))
                .map_err(err)?
        } else {
            if pts.len() > DENSE_POINTS {
                // More points than the picture has room for: each slice of x shows the
                // range its points span (the rasteriser draws steep zig-zags with spikes).
                c.draw_series(
                    envelope(&pts, x0, x1)
                        .into_iter()
                        .map(|(a, b, lo, hi)| Rectangle::new([(a, lo), (b, hi)], color.filled())),
                )
                .map_err(err)?
            } else {
                c.draw_series(LineSeries::new(pts, color.stroke_width(2)))
                    .map_err(err)?
            }
        };
        if !s.name.is_empty() {
            drawn.label(clip(&s.name, 30)).legend(move |(x, y)| {
                Rectangle::new([(x, y - 5), (x + 14, y + 5)], color.filled())
            });
        }
    }
    if series.iter().any(|s| !s.name.is_empty()) {
        c.configure_series_labels()
            .background_style(WHITE.mix(0.9))
            .border_style(RGBColor(160, 160, 160))
            .label_font((FONT, 13))
            .draw()
            .map_err(err)?;
    }
    Ok(())
}

/// A line with more points than this is drawn as its envelope.
const DENSE_POINTS: usize = 300;

/// Points sorted by x, cut into [`DENSE_POINTS`] slices of x: each slice's x span and
/// the lowest and highest y in it.
fn envelope(pts: &[(f64, f64)], x0: f64, x1: f64) -> Vec<(f64, f64, f64, f64)> {
    let n = DENSE_POINTS;
    let step = (x1 - x0) / n as f64;
    let mut out: Vec<(f64, f64, f64, f64)> = Vec::new();
    for &(x, y) in pts {
        let i = (((x - x0) / step).floor() as usize).min(n - 1);
        let a = x0 + step * i as f64;
        match out.last_mut() {
            Some(last) if last.0 == a => {
                last.2 = last.2.min(y);
                last.3 = last.3.max(y);
            }
            _ => out.push((a, a + step, y, y)),
        }
    }
    out
}

/// `rows` says what it counts; other value labels are column names or "sum of x".
fn axis(y_label: &str) -> String {
    match y_label {
        "rows" => "rows (count)".to_string(),
        "count" => "values (count)".to_string(),
        other => other.to_string(),
    }
}

/// One number format for every label: thousands grouped, at most two decimals.
pub fn number(v: f64) -> String {
    if !v.is_finite() {
        return String::new();
    }
    let rounded = (v * 100.0).round() / 100.0;
    let whole = rounded.trunc();
    let sign = if rounded < 0.0 { "-" } else { "" };
    let int = group_thousands(whole.abs() as i64);
    let frac = (rounded - whole).abs();
    if frac < 0.005 {
        format!("{sign}{int}")
    } else {
        let cents = format!("{:.2}", frac);
        let cents = cents.trim_start_matches('0').trim_end_matches('0');
        format!("{sign}{int}{cents}")
    }
}

/// At most `max` characters, with an ellipsis when cut.
fn clip(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let mut out: String = s.chars().take(max.saturating_sub(1)).collect();
        out.push('…');
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_the_same_everywhere() {
        assert_eq!(number(13338.0), "13,338");
        assert_eq!(number(8340.0), "8,340");
        assert_eq!(number(2.5), "2.5");
        assert_eq!(number(-1234.25), "-1,234.25");
        assert_eq!(number(0.0), "0");
    }

    #[test]
    fn a_dense_line_keeps_every_points_range() {
        let pts: Vec<(f64, f64)> = (0..3000).map(|i| (i as f64, (i % 7) as f64)).collect();
        let env = envelope(&pts, 0.0, 3000.0);
        assert_eq!(env.len(), DENSE_POINTS);
        assert!(
            env.iter().all(|e| e.2 == 0.0 && e.3 == 6.0),
            "each slice spans 0..6"
        );
        assert_eq!(env[0].0, 0.0);
        assert!((env[DENSE_POINTS - 1].1 - 3000.0).abs() < 1e-9);
    }

    #[test]
    fn dates_and_formats() {
        // 2024-01-01, as the axis writes it over a year and over a month.
        assert_eq!(crate::chart::date_tick(19_723.0, 400.0), "Jan 2024");
        assert_eq!(crate::chart::date_tick(19_723.0, 30.0), "Jan 01");
        assert_eq!(
            PictureFormat::from_path(std::path::Path::new("a/Chart.PNG")),
            Some(PictureFormat::Png)
        );
        assert_eq!(
            PictureFormat::from_path(std::path::Path::new("chart.pdf")),
            None
        );
    }
}
