//! The "which table is it?" popup: the file's name, the lesson's tables with how
//! many of their columns the file has (best first), and the keys.

use super::centered;
use crate::i18n::{tr, trf};
use crate::text::{display_width, sanitize_line, truncate};
use crate::tui::table_chooser::TableChooser;
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Padding, Paragraph, Wrap};

/// Widest the popup gets.
const MAX_WIDTH: u16 = 64;

/// Draw `chooser` as a popup centred in `area`.
pub fn draw(f: &mut Frame, area: Rect, chooser: &TableChooser, t: &Theme) {
    let rows = chooser.options.len() as u16;
    let w = MAX_WIDTH.min(area.width.saturating_sub(2));
    let h = (rows + 8).min(area.height.saturating_sub(2));
    let r = centered(area, w, h);
    f.render_widget(Clear, r);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(t.border_focus)
        .title(Span::styled(tr(" Which table? "), t.accent))
        .padding(Padding::horizontal(1))
        .style(t.text);
    let inner = block.inner(r);
    f.render_widget(block, r);
    if inner.width < 10 || inner.height < 4 {
        return;
    }
    let [question, _, list, _, footer] = Layout::vertical([
        Constraint::Length(2),
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(inner);
    let width = inner.width as usize;
    let q = trf(
        "{file} — which table is it?",
        &[("file", &sanitize_line(&chooser.file_name()))],
    );
    f.render_widget(
        Paragraph::new(Line::styled(q, t.heading)).wrap(Wrap { trim: true }),
        question,
    );
    let name_w = chooser
        .options
        .iter()
        .map(|o| display_width(&o.table))
        .max()
        .unwrap_or(0)
        .min(width / 2);
    let visible = list.height as usize;
    let offset = chooser.selected.saturating_sub(visible.saturating_sub(1));
    let lines: Vec<Line> = chooser
        .options
        .iter()
        .enumerate()
        .skip(offset)
        .take(visible)
        .map(|(i, o)| {
            let selected = i == chooser.selected;
            let cursor = if selected { "› " } else { "  " };
            let name = truncate(&sanitize_line(&o.table), name_w);
            let pad = " ".repeat(name_w.saturating_sub(display_width(&name)) + 2);
            let why = trf(
                "{n} of {all} columns match",
                &[("n", &o.matched), ("all", &o.wanted)],
            );
            let why = truncate(&why, width.saturating_sub(name_w + 4));
            let style = if selected {
                t.text.patch(t.selected)
            } else {
                t.text
            };
            Line::from(vec![
                Span::styled(cursor, t.accent),
                Span::styled(name, style),
                Span::raw(pad),
                Span::styled(why, t.muted),
            ])
        })
        .collect();
    f.render_widget(Paragraph::new(lines), list);
    let keys = Line::from(vec![
        Span::styled("↑↓", t.accent),
        Span::styled(tr(" move  "), t.muted),
        Span::styled("Enter", t.accent),
        Span::styled(tr(" use it for this table  "), t.muted),
        Span::styled("Esc", t.accent),
        Span::styled(tr(" back to the files"), t.muted),
    ]);
    f.render_widget(Paragraph::new(keys), footer);
}
