//! The lesson picker screen.

use super::spinner;
use crate::i18n::{tr, trf};
use crate::text::{sanitize_line, truncate};
use crate::tui::app::App;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, List, ListItem, ListState, Paragraph, Wrap};

/// Draw the picker.
pub fn draw(app: &mut App, f: &mut Frame, area: Rect) {
    let t = &app.theme;
    let [head, list_area, detail, foot] = Layout::vertical([
        Constraint::Length(2),
        Constraint::Min(4),
        Constraint::Length(5),
        Constraint::Length(1),
    ])
    .areas(area);
    f.render_widget(
        Paragraph::new(vec![
            Line::from(vec![
                Span::styled(" huddle ", t.accent),
                Span::styled(tr("· learn to clean and chart your own data"), t.muted),
                Span::styled(
                    if t.mask.is_some() {
                        format!("  {}", tr(super::step::MASKED))
                    } else {
                        String::new()
                    },
                    t.accent,
                ),
            ]),
            Line::styled(tr(" Pick a lesson and press Enter."), t.text),
        ]),
        head,
    );
    let w = list_area.width.saturating_sub(4) as usize;
    let items: Vec<ListItem> = app
        .picker
        .items
        .iter()
        .enumerate()
        .map(|(i, it)| {
            let meta = match (it.minutes, it.level) {
                _ if it.broken => String::new(),
                (Some(m), Some(l)) => trf(
                    "{m} min · {level} · {n} steps",
                    &[("m", &m), ("level", &tr(l)), ("n", &it.steps)],
                ),
                (Some(m), None) => trf("{m} min · {n} steps", &[("m", &m), ("n", &it.steps)]),
                (None, Some(l)) => trf(
                    "{level} · {n} steps",
                    &[("level", &tr(l)), ("n", &it.steps)],
                ),
                (None, None) => trf("{n} steps", &[("n", &it.steps)]),
            };
            let status = it.status.as_str();
            let status_style = if status == tr("done") {
                t.ok
            } else if status == tr("not started") {
                t.muted
            } else if status == tr("has errors") {
                t.bad
            } else {
                t.accent
            };
            let right = format!("{meta}   {:<12}", it.status);
            let left_w = w.saturating_sub(right.chars().count() + 1).max(10);
            let title = truncate(
                &format!("{:>2}. {}", i + 1, sanitize_line(&it.title)),
                left_w,
            );
            let pad = left_w.saturating_sub(crate::text::display_width(&title));
            ListItem::new(Line::from(vec![
                Span::styled(title, t.text),
                Span::raw(" ".repeat(pad + 1)),
                Span::styled(meta, t.muted),
                Span::raw("   "),
                Span::styled(format!("{:<12}", it.status), status_style),
            ]))
        })
        .collect();
    let mut state = ListState::default().with_selected(Some(app.picker.selected));
    f.render_stateful_widget(
        List::new(items)
            .block(
                Block::default()
                    .borders(Borders::ALL)
                    .border_style(t.border_focus)
                    .title(Span::styled(tr(" Lessons "), t.accent)),
            )
            .highlight_style(t.selected)
            .highlight_symbol("▶ "),
        list_area,
        &mut state,
    );
    let summary = app
        .picker
        .items
        .get(app.picker.selected)
        .and_then(|it| it.summary.clone())
        .unwrap_or_default();
    let mut lines = vec![Line::styled(sanitize_line(&summary), t.text)];
    if app.store.dir().is_none() {
        lines.push(Line::styled(
            tr(
                "No folder for saving progress was found (set HUDDLE_DATA_DIR); progress will not be kept.",
            ),
            t.bad,
        ));
    }
    f.render_widget(
        Paragraph::new(lines).wrap(Wrap { trim: true }).block(
            Block::default()
                .borders(Borders::TOP)
                .border_style(t.border),
        ),
        detail,
    );
    let keys = match app.worker.busy() {
        Some(label) => format!(" {} {label}…", spinner(app.spinner)),
        None => {
            let reset = if app.picker.selected_started() {
                tr(" · r start over")
            } else {
                ""
            };
            trf(
                " ↑↓ choose · Enter open{reset} · J join call · ? help · q quit",
                &[("reset", &reset)],
            )
        }
    };
    f.render_widget(Paragraph::new(Line::styled(keys, t.muted)), foot);
}
