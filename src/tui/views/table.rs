//! The data table: header pinned, row numbers, column widths measured from the
//! content with unicode width, scrolling both ways. Only the rows on screen are
//! read from the frame, so a million-row table draws as fast as a small one.

use crate::data::cell::Cell;
use crate::data::mask::{Masker, PiiKind};
use crate::i18n::{tr, trf};
use crate::text::{display_width, sanitize_line, truncate};
use crate::tui::theme::Theme;
use polars::prelude::DataFrame;
use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Row, Table};

/// Where a table is scrolled to, and its measured column widths.
#[derive(Debug, Clone, Default)]
pub struct TableState {
    /// First row on screen.
    pub row: usize,
    /// Selected column (also the first one drawn, unless it all fits).
    pub col: usize,
    /// Widths measured for a table of this (height, width).
    widths: Option<((usize, usize), Vec<u16>)>,
    /// The column names those widths were measured for.
    width_names: Vec<String>,
    /// Rows that fit on screen at the last draw (for paging).
    pub page: usize,
    /// Mask mode's decision per column, for a table of this (height, width).
    plan: Option<(Shape, Vec<Option<PiiKind>>)>,
    /// The SQL the table came from (a query result), so masking follows its columns
    /// to their sources; `None` for a loaded or cleaned table.
    origin: Option<String>,
}

/// A table's (height, width): cached measurements are kept per shape.
type Shape = (usize, usize);

const MAX_COL: u16 = 32;
const SAMPLE_ROWS: usize = 200;

impl TableState {
    /// Scroll by `delta` rows, staying inside a table of `height` rows.
    pub fn scroll(&mut self, delta: isize, height: usize) {
        let max = height.saturating_sub(self.page.max(1));
        self.row = self.row.saturating_add_signed(delta).min(max);
    }

    /// Scrolled to the top for a new result, keeping the measured column widths, so
    /// the same columns run again keep their places on screen.
    pub fn fresh_keeping_widths(&self) -> TableState {
        TableState {
            widths: self.widths.clone(),
            width_names: self.width_names.clone(),
            ..TableState::default()
        }
    }

    /// Select column `delta` away, inside `width` columns.
    pub fn move_col(&mut self, delta: isize, width: usize) {
        self.col = self
            .col
            .saturating_add_signed(delta)
            .min(width.saturating_sub(1));
    }

    /// Say which SQL the table shown comes from (`None`: a loaded or cleaned table).
    pub fn set_origin(&mut self, sql: Option<String>) {
        if self.origin != sql {
            self.origin = sql;
            self.plan = None;
        }
    }

    /// Which columns are personal (computed once per table shape, not per frame).
    pub fn plan(&mut self, df: &DataFrame, m: &Masker) -> Vec<Option<PiiKind>> {
        let key = (df.height(), df.width());
        if let Some((k, p)) = &self.plan
            && *k == key
        {
            return p.clone();
        }
        let p = m.plan_query(df, self.origin.as_deref());
        self.plan = Some((key, p.clone()));
        p
    }

    fn widths(&mut self, df: &DataFrame) -> Vec<u16> {
        let key = (df.height(), df.width());
        let names: Vec<String> = df
            .get_column_names()
            .iter()
            .map(|n| n.to_string())
            .collect();
        if let Some((k, w)) = &self.widths
            && *k == key
            && self.width_names == names
        {
            return w.clone();
        }
        let sample = df.slice(0, SAMPLE_ROWS);
        let w: Vec<u16> = df
            .get_column_names()
            .iter()
            .enumerate()
            .map(|(i, name)| {
                let head = display_width(name) as u16;
                let body = sample.columns()[i]
                    .as_materialized_series()
                    .iter()
                    .map(|v| display_width(&show(&Cell::from_any(&v))) as u16)
                    .max()
                    .unwrap_or(0);
                head.max(body).clamp(3, MAX_COL)
            })
            .collect();
        // The same columns again (F5 after an edit): columns only grow, so the table
        // does not jump about between runs.
        let w: Vec<u16> = match &self.widths {
            Some((_, old)) if self.width_names == names && old.len() == w.len() => {
                w.iter().zip(old).map(|(a, b)| *a.max(b)).collect()
            }
            _ => w,
        };
        self.widths = Some((key, w.clone()));
        self.width_names = names;
        w
    }
}

/// A value as the table shows it: blanks are an empty cell, text made safe.
pub fn show(c: &Cell) -> String {
    match c {
        Cell::Null => String::new(),
        c => sanitize_line(&c.to_string()),
    }
}

/// Draw `df` in `area` with a bordered block titled `title`.
pub fn render(
    f: &mut Frame,
    area: Rect,
    df: &DataFrame,
    state: &mut TableState,
    theme: &Theme,
    focused: bool,
    title: &str,
) {
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(if focused {
            theme.border_focus
        } else {
            theme.border
        })
        .title(Span::styled(format!(" {title} "), theme.accent));
    let inner = block.inner(area);
    f.render_widget(block, area);
    if inner.height < 3 || inner.width < 10 {
        return;
    }
    let height = df.height();
    let body_h = inner.height as usize - 2; // header + status line
    state.page = body_h;
    state.row = state.row.min(height.saturating_sub(body_h));
    state.col = state.col.min(df.width().saturating_sub(1));
    let widths = state.widths(df);
    let num_w = (display_width(&height.max(1).to_string()) as u16).max(2);

    // Columns from the selected one (or from 0 when everything up to it fits).
    let avail = inner.width.saturating_sub(num_w + 1);
    let first = first_visible(&widths, state.col, avail);
    let mut shown = Vec::new();
    let mut used = 0u16;
    for (i, w) in widths.iter().enumerate().skip(first) {
        if used + w + 1 > avail && !shown.is_empty() {
            break;
        }
        let w = (*w).min(avail.saturating_sub(used + 1)).max(1);
        shown.push((i, w));
        used += w + 1;
    }

    let names = df.get_column_names();
    let header = Row::new(
        std::iter::once(ratatui::widgets::Cell::from(Span::styled("#", theme.muted))).chain(
            shown.iter().map(|(i, w)| {
                let style = if focused && *i == state.col {
                    theme.selected
                } else {
                    theme.table_header
                };
                ratatui::widgets::Cell::from(Span::styled(
                    truncate(&sanitize_line(names[*i].as_str()), *w as usize),
                    style,
                ))
            }),
        ),
    );
    let page = df.slice(state.row as i64, body_h);
    let plan = theme.mask.as_ref().map(|m| (m, state.plan(df, m)));
    let rows: Vec<Row> = (0..page.height())
        .map(|r| {
            let mut cells = vec![ratatui::widgets::Cell::from(Span::styled(
                (state.row + r + 1).to_string(),
                theme.muted,
            ))];
            for (i, w) in &shown {
                let v = page.columns()[*i]
                    .get(r)
                    .map(|v| Cell::from_any(&v))
                    .unwrap_or(Cell::Null);
                let style = if matches!(v, Cell::Null) {
                    theme.muted
                } else {
                    theme.text
                };
                let text = match (&plan, &v) {
                    (Some((m, kinds)), c) if !matches!(c, Cell::Null) => {
                        let kind = kinds.get(*i).copied().flatten();
                        sanitize_line(&m.cell(kind, &c.to_string()))
                    }
                    _ => show(&v),
                };
                cells.push(ratatui::widgets::Cell::from(Span::styled(
                    truncate(&text, *w as usize),
                    style,
                )));
            }
            Row::new(cells)
        })
        .collect();
    let constraints: Vec<Constraint> = std::iter::once(Constraint::Length(num_w))
        .chain(shown.iter().map(|(_, w)| Constraint::Length(*w)))
        .collect();
    let table_area = Rect {
        height: inner.height - 1,
        ..inner
    };
    f.render_widget(
        Table::new(rows, constraints)
            .header(header)
            .column_spacing(1),
        table_area,
    );
    let last = (state.row + body_h).min(height);
    let status = if height == 0 {
        tr("no rows").to_string()
    } else {
        trf(
            "rows {from}–{to} of {n} · column {c} of {w}{keys}",
            &[
                ("from", &(state.row + 1)),
                ("to", &last),
                ("n", &crate::chart::group_thousands(height as i64)),
                ("c", &(state.col + 1)),
                ("w", &df.width()),
                (
                    "keys",
                    &if focused {
                        tr(" · [ ] columns · i profile")
                    } else {
                        ""
                    },
                ),
            ],
        )
    };
    f.render_widget(
        Paragraph::new(Line::styled(
            truncate(&status, inner.width as usize),
            theme.muted,
        )),
        Rect {
            y: inner.y + inner.height - 1,
            height: 1,
            ..inner
        },
    );
}

/// The first column to draw so that `selected` is on screen.
fn first_visible(widths: &[u16], selected: usize, avail: u16) -> usize {
    let mut first = selected.min(widths.len().saturating_sub(1));
    let mut used = widths.get(first).map(|w| w + 1).unwrap_or(0);
    while first > 0 && used + widths[first - 1] < avail {
        first -= 1;
        used += widths[first] + 1;
    }
    first
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_visible_keeps_the_selected_column_on_screen() {
        let w = [10, 10, 10, 10];
        assert_eq!(first_visible(&w, 0, 30), 0);
        assert_eq!(first_visible(&w, 3, 30), 2);
        assert_eq!(first_visible(&w, 3, 33), 1);
        assert_eq!(first_visible(&w, 3, 100), 0);
    }

    #[test]
    fn tabs_and_escape_codes_in_data_never_reach_the_screen() {
        use polars::prelude::*;
        use ratatui::{Terminal, backend::TestBackend};
        let df = df!("name" => ["a\tb\x1b[31mred\x07", "plain"]).unwrap();
        let mut term = Terminal::new(TestBackend::new(40, 8)).unwrap();
        let mut st = TableState::default();
        let theme = Theme::plain();
        term.draw(|f| render(f, f.area(), &df, &mut st, &theme, true, "T"))
            .unwrap();
        let buf = term.backend().buffer();
        let text: String = buf.content().iter().map(|c| c.symbol()).collect();
        assert!(!text.chars().any(|c| c.is_control()), "{text:?}");
        assert!(
            text.contains("a   b[31mred"),
            "tab expanded, escape dropped: {text:?}"
        );
    }

    #[test]
    fn the_same_columns_run_again_keep_their_widths() {
        use polars::prelude::*;
        let mut st = TableState::default();
        let wide = df!("county" => ["Middlesex County"], "n" => [12345i64]).unwrap();
        let narrow = df!("county" => ["Kent", "Essex"], "n" => [1i64, 2]).unwrap();
        let first = st.widths(&wide);
        let mut again = st.fresh_keeping_widths();
        assert_eq!(
            again.widths(&narrow),
            first,
            "the columns kept their widths"
        );
        let other = df!("zip" => ["02134", "01001"]).unwrap();
        assert_eq!(
            again.widths(&other),
            vec![5],
            "other columns are measured afresh"
        );
    }

    #[test]
    fn scrolling_stays_inside_the_table() {
        let mut s = TableState {
            page: 10,
            ..Default::default()
        };
        s.scroll(5, 12);
        assert_eq!(s.row, 2);
        s.scroll(-100, 12);
        assert_eq!(s.row, 0);
        s.move_col(9, 3);
        assert_eq!(s.col, 2);
    }
}
