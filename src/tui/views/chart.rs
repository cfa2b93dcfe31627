//! Charts drawn with ratatui: labelled horizontal bars, columns, histograms, and
//! line or scatter plots with readable date ticks. Categories that do not fit are
//! folded into "other"; long labels are cut with `…`.

use crate::chart::{Bar, ChartData, Prepared, XScale, date_tick, fold, short_number};
use crate::i18n::{tr, trf};
use crate::lesson::model::ChartKind;
use crate::text::{display_width, truncate};
use crate::tui::theme::Theme;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Rect};
use ratatui::style::Style;
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::{
    Axis, Block, Borders, Chart, Dataset, GraphType, LegendPosition, Paragraph, Widget,
};

const EIGHTHS_H: [&str; 8] = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"];
const EIGHTHS_V: [&str; 8] = [" ", "▁", "▂", "▃", "▄", "▅", "▆", "▇"];

/// A chart widget over a prepared chart.
pub struct ChartView<'a> {
    /// What to draw.
    pub chart: &'a Prepared,
    /// Styles and palette.
    pub theme: &'a Theme,
    /// Draw a border with the title (off for `huddle chart`'s plain output).
    pub border: bool,
}

impl Widget for ChartView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if let Some(m) = &self.theme.mask {
            let masked = crate::tui::masking::chart(self.chart, m, None);
            let plain = Theme {
                mask: None,
                ..self.theme.clone()
            };
            return ChartView {
                chart: &masked,
                theme: &plain,
                border: self.border,
            }
            .render(area, buf);
        }
        let title = Line::from(Span::styled(
            format!(" {} ", crate::text::sanitize_line(&self.chart.title)),
            self.theme.accent,
        ));
        let inner = if self.border {
            let block = Block::default()
                .borders(Borders::ALL)
                .border_style(self.theme.border)
                .title(title);
            let inner = block.inner(area);
            block.render(area, buf);
            inner
        } else {
            let [t, rest] = split_top(area, 1);
            Paragraph::new(title).render(t, buf);
            rest
        };
        if inner.width < 8 || inner.height < 3 {
            return;
        }
        let [body, foot] = split_bottom(inner, 1);
        let note = match &self.chart.note {
            Some(n) => format!("{} · {n}", axis_note(self.chart)),
            None => axis_note(self.chart),
        };
        Paragraph::new(Line::styled(
            truncate(&note, foot.width as usize),
            self.theme.muted,
        ))
        .render(foot, buf);
        match &self.chart.data {
            ChartData::Bars(bars) if bars.is_empty() => empty(body, buf, self.theme),
            ChartData::Bars(bars) => match self.chart.kind {
                ChartKind::Bar => horizontal_bars(bars, body, buf, self.theme),
                _ => columns(bars, self.chart.kind, body, buf, self.theme),
            },
            ChartData::Points { series, .. } if series.is_empty() => empty(body, buf, self.theme),
            ChartData::Points { series, x_scale } => {
                points(self.chart, series, *x_scale, body, buf, self.theme)
            }
        }
    }
}

fn axis_note(c: &Prepared) -> String {
    match c.kind {
        ChartKind::Bar => trf(
            "bars: {x} · length: {y}",
            &[("x", &c.x_label), ("y", &c.y_label)],
        ),
        ChartKind::Histogram => trf(
            "{x} in bins · height: {y}",
            &[("x", &c.x_label), ("y", &c.y_label)],
        ),
        _ => match c.every {
            Some(e) => trf(
                "x: {x}, per {every} · y: {y}",
                &[
                    ("x", &c.x_label),
                    ("every", &every_word(e)),
                    ("y", &c.y_label),
                ],
            ),
            None => format!("x: {} · y: {}", c.x_label, c.y_label),
        },
    }
}

/// "day", "week"… in the learner's language.
pub fn every_word(e: crate::chart::Every) -> &'static str {
    use crate::chart::Every;
    match e {
        Every::Day => tr("day"),
        Every::Week => tr("week"),
        Every::Month => tr("month"),
        Every::Quarter => tr("quarter"),
        Every::Year => tr("year"),
    }
}

fn empty(area: Rect, buf: &mut Buffer, theme: &Theme) {
    Paragraph::new(Line::styled(tr("No rows to chart."), theme.muted)).render(area, buf);
}

fn split_top(area: Rect, h: u16) -> [Rect; 2] {
    let h = h.min(area.height);
    [
        Rect { height: h, ..area },
        Rect {
            y: area.y + h,
            height: area.height - h,
            ..area
        },
    ]
}

fn split_bottom(area: Rect, h: u16) -> [Rect; 2] {
    let h = h.min(area.height);
    [
        Rect {
            height: area.height - h,
            ..area
        },
        Rect {
            y: area.y + area.height - h,
            height: h,
            ..area
        },
    ]
}

fn max_value(bars: &[Bar]) -> f64 {
    bars.iter().map(|b| b.value).fold(0.0, f64::max)
}

/// Horizontal bars: label, bar, value — one row per category.
fn horizontal_bars(bars: &[Bar], area: Rect, buf: &mut Buffer, theme: &Theme) {
    let bars = fold(bars, area.height as usize);
    let label_w = bars
        .iter()
        .map(|b| display_width(&b.label))
        .max()
        .unwrap_or(1)
        .min((area.width as usize / 3).max(4));
    let value_w = bars
        .iter()
        .map(|b| short_number(b.value).len())
        .max()
        .unwrap_or(1);
    let bar_w = (area.width as usize).saturating_sub(label_w + value_w + 2);
    let max = max_value(&bars);
    let color = Style::new().fg(theme.palette[0]);
    for (i, b) in bars.iter().enumerate() {
        let y = area.y + i as u16;
        let label = truncate(&b.label, label_w);
        let pad = label_w.saturating_sub(display_width(&label));
        let eighths = if max > 0.0 {
            ((b.value.max(0.0) / max) * (bar_w * 8) as f64).round() as usize
        } else {
            0
        };
        let bar = format!("{}{}", "█".repeat(eighths / 8), EIGHTHS_H[eighths % 8]);
        let line = Line::from(vec![
            Span::styled(format!("{}{label} ", " ".repeat(pad)), theme.text),
            Span::styled(bar.clone(), color),
            Span::styled(
                format!(
                    "{}{}",
                    if bar.is_empty() { "" } else { " " },
                    short_number(b.value)
                ),
                theme.muted,
            ),
        ]);
        buf.set_line(area.x, y, &line, area.width);
    }
}

/// Vertical columns with labels underneath (columns and histograms).
fn columns(bars: &[Bar], kind: ChartKind, area: Rect, buf: &mut Buffer, theme: &Theme) {
    if area.height < 3 {
        return;
    }
    let gap = usize::from(kind != ChartKind::Histogram);
    let width = area.width as usize;
    let fits = |w: usize| width / (w + gap).max(1);
    let shown: Vec<Bar> = if kind == ChartKind::Histogram {
        bars.to_vec()
    } else {
        fold(bars, fits(3).max(1))
    };
    let n = shown.len().max(1);
    let col_w = ((width + gap) / n).saturating_sub(gap).clamp(1, 12);
    let plot_h = area.height as usize - 2; // one row for values, one for labels
    let max = max_value(&shown);
    let color = Style::new().fg(theme.palette[0]);
    let label_y = area.y + area.height - 1;
    // Labels keep a space between them: where columns touch (a histogram's), every
    // few columns are labelled, each label given the room up to the next one.
    let stride = col_w + gap;
    let (every, room) = if gap > 0 {
        (1, col_w)
    } else {
        let widest = shown
            .iter()
            .map(|b| display_width(b.label.split_once('–').map_or(b.label.as_str(), |p| p.0)))
            .max()
            .unwrap_or(1);
        let every = (widest + 1).div_ceil(stride).max(1);
        (every, every * stride - 1)
    };
    let right = area.x as usize + width;
    for (i, b) in shown.iter().enumerate() {
        let x = area.x + (i * (col_w + gap)) as u16;
        if x as usize + col_w > (area.x as usize + width) {
            break;
        }
        let eighths = if max > 0.0 {
            ((b.value.max(0.0) / max) * (plot_h * 8) as f64).round() as usize
        } else {
            0
        };
        let full = eighths / 8;
        for r in 0..plot_h {
            let y = label_y - 1 - r as u16;
            let sym = if r < full {
                "█"
            } else if r == full {
                EIGHTHS_V[eighths % 8]
            } else {
                continue;
            };
            for dx in 0..col_w {
                buf.set_string(x + dx as u16, y, sym, color);
            }
        }
        let value = short_number(b.value);
        let vy = label_y - 1 - (full.min(plot_h) as u16) - u16::from(eighths % 8 != 0);
        if display_width(&value) <= col_w && vy >= area.y {
            buf.set_string(x, vy.max(area.y), &value, theme.muted);
        }
        if i % every == 0 {
            let room = room.min(right - x as usize);
            buf.set_string(x, label_y, column_label(&b.label, room), theme.text);
        }
    }
}

/// Lines and scatter plots on ratatui's canvas chart.
fn points(
    c: &Prepared,
    series: &[crate::chart::Series],
    x_scale: XScale,
    area: Rect,
    buf: &mut Buffer,
    theme: &Theme,
) {
    let all = series.iter().flat_map(|s| s.points.iter());
    let (mut x0, mut x1, mut y0, mut y1) = (f64::MAX, f64::MIN, f64::MAX, f64::MIN);
    for &(x, y) in all {
        x0 = x0.min(x);
        x1 = x1.max(x);
        y0 = y0.min(y);
        y1 = y1.max(y);
    }
    if x0 > x1 {
        return empty(area, buf, theme);
    }
    if x1 == x0 {
        x1 = x0 + 1.0;
    }
    y0 = y0.min(0.0);
    if y1 <= y0 {
        y1 = y0 + 1.0;
    }
    let whole = series
        .iter()
        .flat_map(|s| s.points.iter())
        .all(|p| p.0.fract() == 0.0);
    let years = crate::chart::years(x0, x1, whole);
    let x_span = x1 - x0;
    let ticks = if area.width >= 60 { 5 } else { 3 };
    let x_labels: Vec<Span> = (0..ticks)
        .map(|i| {
            let v = x0 + x_span * i as f64 / (ticks - 1) as f64;
            let s = match x_scale {
                XScale::Date => date_tick(v, x_span),
                XScale::Number => crate::chart::axis_number(v, years),
            };
            Span::styled(s, theme.muted)
        })
        .collect();
    let y_labels: Vec<Span> = (0..3)
        .map(|i| Span::styled(short_number(y0 + (y1 - y0) * i as f64 / 2.0), theme.muted))
        .collect();
    let graph = if c.kind == ChartKind::Scatter {
        GraphType::Scatter
    } else {
        GraphType::Line
    };
    let datasets: Vec<Dataset> = series
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let mut d = Dataset::default()
                .marker(Marker::Braille)
                .graph_type(graph)
                .style(Style::new().fg(theme.palette[i % theme.palette.len()]))
                .data(&s.points);
            if series.len() > 1 {
                d = d.name(truncate(&s.name, 20));
            }
            d
        })
        .collect();
    Chart::new(datasets)
        .x_axis(
            Axis::default()
                .bounds([x0, x1])
                .labels(x_labels)
                .style(theme.muted),
        )
        .y_axis(
            Axis::default()
                .bounds([y0, y1])
                .labels(y_labels)
                .style(theme.muted),
        )
        .legend_position(Some(LegendPosition::TopLeft))
        .hidden_legend_constraints((Constraint::Percentage(60), Constraint::Percentage(60)))
        .render(area, buf);
}

/// A column's label in `width` cells: a bin's range (`1930–1934`) too wide shows
/// where it starts (`1930`) rather than a cut number.
fn column_label(label: &str, width: usize) -> String {
    match label.split_once('–') {
        Some((start, _)) if display_width(label) > width && display_width(start) <= width => {
            start.to_string()
        }
        _ => truncate(label, width),
    }
}

#[cfg(test)]
mod tests {
    use super::{column_label, columns};
    use crate::chart::Bar;
    use crate::lesson::model::ChartKind;
    use crate::tui::theme::{Theme, ThemeName};
    use ratatui::buffer::Buffer;
    use ratatui::layout::Rect;

    /// The bottom line of a histogram of birth years drawn `width` cells wide.
    fn year_labels(width: u16) -> String {
        let bars: Vec<Bar> = (0..15)
            .map(|i| Bar {
                label: format!("{}–{}", 1930 + 5 * i, 1934 + 5 * i),
                value: (10 + i % 4) as f64,
            })
            .collect();
        let area = Rect::new(0, 0, width, 8);
        let mut buf = Buffer::empty(area);
        let theme = Theme::new(ThemeName::default(), true);
        columns(&bars, ChartKind::Histogram, area, &mut buf, &theme);
        (0..width)
            .map(|x| buf[(x, 7)].symbol().to_string())
            .collect()
    }

    #[test]
    fn a_histograms_labels_keep_apart() {
        // 70 cells: columns of 4 touch, so every other one is labelled.
        let narrow = year_labels(70);
        assert!(narrow.starts_with("1930    1940    1950"), "{narrow:?}");
        // 120 cells: columns of 8, each labelled with where it starts.
        let wide = year_labels(120);
        assert!(wide.starts_with("1930    1935    1940"), "{wide:?}");
        // Wide enough for the ranges themselves.
        let wider = year_labels(160);
        assert!(wider.starts_with("1930–1934 1935–1939"), "{wider:?}");
    }

    #[test]
    fn a_narrow_bin_shows_where_it_starts() {
        assert_eq!(column_label("1930–1934", 4), "1930");
        assert_eq!(column_label("1930–1934", 9), "1930–1934");
        assert_eq!(column_label("10,000–19,999", 4), "10,…");
        assert_eq!(column_label("Essex", 4), "Ess…");
    }
}
