//! The mapping screen, full-screen: the lesson's columns on the left (type,
//! description, how each was matched or what needs it), the learner's chosen
//! column with sample values on the right, the problems found below, keys last.

use crate::data::mapping::{Wanted, Why};
use crate::i18n::{tr, trf};
use crate::text::{display_width, sanitize_line, truncate};
use crate::tui::mapping_ui::MappingScreen;
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, List, ListItem, ListState, Paragraph};

/// Widest declared name column before names are cut.
const NAME_W: usize = 14;

/// Draw the mapping screen in `area`.
pub fn draw(s: &MappingScreen, t: &Theme, f: &mut Frame, area: Rect) {
    if area.height < 10 || area.width < 40 {
        f.render_widget(
            Paragraph::new(Line::styled(
                tr("Make the window larger to map your columns."),
                t.text,
            )),
            area,
        );
        return;
    }
    let wanted_lines = (s.problems.len() * 2).max(1) as u16 + 2;
    let problems_h = wanted_lines.min(area.height / 3);
    let reading_h = (s.reading.len() as u16).min(3).min(area.height / 5);
    let [head, reading_area, body, probs, foot] = Layout::vertical([
        Constraint::Length(2),
        Constraint::Length(reading_h),
        Constraint::Min(4),
        Constraint::Length(problems_h),
        Constraint::Length(1),
    ])
    .areas(area);
    header(s, t, f, head);
    let [left, right] =
        Layout::horizontal([Constraint::Percentage(58), Constraint::Percentage(42)]).areas(body);
    lesson_columns(s, t, f, left);
    file_columns(s, t, f, right);
    problems(s, t, f, probs);
    footer(s, t, f, foot);
    reading(s, t, f, reading_area);
    if s.show_bad {
        bad_rows(s, t, f, body);
    }
}

/// What reading the file found: rows set aside, a title skipped above the header.
fn reading(s: &MappingScreen, t: &Theme, f: &mut Frame, area: Rect) {
    let w = area.width as usize;
    let lines: Vec<Line> = s
        .reading
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let style = if i == 0 && !s.bad_rows.is_empty() {
                t.bad
            } else {
                t.hint
            };
            Line::styled(fit(&format!(" {r}"), w), style)
        })
        .collect();
    f.render_widget(Paragraph::new(lines), area);
}

/// The rows that could not be read, over the columns: line, why, and the row's
/// text (hidden while masking: it may hold anything).
fn bad_rows(s: &MappingScreen, t: &Theme, f: &mut Frame, area: Rect) {
    f.render_widget(ratatui::widgets::Clear, area);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(t.border_focus)
        .title(Span::styled(
            fit(
                &trf(
                    " Rows that could not be read ({n}) · any key closes ",
                    &[("n", &s.bad_rows.len())],
                ),
                area.width.saturating_sub(2) as usize,
            ),
            t.accent,
        ));
    let w = block.inner(area).width as usize;
    let mut lines: Vec<Line> = Vec::new();
    for b in &s.bad_rows {
        lines.push(Line::styled(
            fit(
                &trf(
                    "line {line}: {reason}",
                    &[("line", &b.line), ("reason", &b.reason())],
                ),
                w,
            ),
            t.text,
        ));
        let shown = if s.masking {
            tr("  (the row's text is hidden while personal data is masked)").to_string()
        } else {
            format!("  {}", b.text)
        };
        lines.push(Line::styled(fit(&shown, w), t.muted));
    }
    lines.push(Line::styled(
        fit(
            tr("These rows are left out of the table. Fix them in the file and open it again, or go on without them."),
            w,
        ),
        t.hint,
    ));
    f.render_widget(Paragraph::new(lines).block(block), area);
}

/// One cleaned line cut to `w` cells.
fn fit(text: &str, w: usize) -> String {
    truncate(&sanitize_line(text), w)
}

fn header(s: &MappingScreen, t: &Theme, f: &mut Frame, area: Rect) {
    let w = area.width as usize;
    let mapped = s
        .mapping
        .pairs
        .iter()
        .filter(|p| p.file_column.is_some())
        .count();
    let title = trf(
        " Map your columns · {table}",
        &[("table", &sanitize_line(&s.table))],
    );
    let count = trf(
        " · {mapped} of {n} lesson columns found in your {m} columns",
        &[
            ("mapped", &mapped),
            ("n", &s.wanted.len()),
            ("m", &s.columns.len()),
        ],
    );
    let rest = w.saturating_sub(display_width(&title));
    let second = match &s.message {
        Some(m) => Line::styled(fit(&format!(" {m}"), w), t.bad),
        None => Line::styled(
            fit(
                tr(
                    " The lesson's steps use the names on the left. Check each guess; → changes it.",
                ),
                w,
            ),
            t.muted,
        ),
    };
    f.render_widget(
        Paragraph::new(vec![
            Line::from(vec![
                Span::styled(fit(&title, w), t.accent),
                Span::styled(truncate(&count, rest), t.muted),
            ]),
            second,
        ]),
        area,
    );
}

/// How a declared column stands: its mark, style and second line.
fn status(s: &MappingScreen, w: &Wanted, t: &Theme) -> (&'static str, Style, String) {
    match s.mapping.file_column(&w.name) {
        Some(file) => {
            let why = s.why(&w.name);
            let style = if why == Why::Chosen { t.accent } else { t.ok };
            (
                "✓",
                style,
                format!("← {} · {}", sanitize_line(file), why.label()),
            )
        }
        None if w.used_by.is_empty() => (
            "·",
            t.muted,
            tr("missing · no step needs it (left blank)").to_string(),
        ),
        None => {
            let steps: Vec<String> = w.used_by.iter().map(|x| sanitize_line(x)).collect();
            (
                "✗",
                t.bad,
                trf(
                    "missing · needed by {steps}",
                    &[("steps", &steps.join(", "))],
                ),
            )
        }
    }
}

fn lesson_columns(s: &MappingScreen, t: &Theme, f: &mut Frame, area: Rect) {
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(t.border_focus)
        .title(Span::styled(tr(" The lesson's columns "), t.accent));
    let inner_w = block.inner(area).width as usize;
    let name_w = s
        .wanted
        .iter()
        .map(|w| display_width(&sanitize_line(&w.name)))
        .max()
        .unwrap_or(4)
        .min(NAME_W);
    let mut items: Vec<ListItem> = s
        .wanted
        .iter()
        .map(|w| {
            let (mark, style, second) = status(s, w, t);
            let name = fit(&w.name, name_w);
            let pad = name_w.saturating_sub(display_width(&name));
            let head = format!(" {name}{} {:<8} ", " ".repeat(pad), w.kind.as_str());
            let about = w.description.as_deref().unwrap_or("");
            let used = display_width(mark) + display_width(&head);
            let about = fit(about, inner_w.saturating_sub(used));
            ListItem::new(vec![
                Line::from(vec![
                    Span::styled(mark, style),
                    Span::styled(head, t.text),
                    Span::styled(about, t.muted),
                ]),
                Line::styled(fit(&format!("    {second}"), inner_w), style),
            ])
        })
        .collect();
    let blocking = s.blocking().len();
    let confirm = if blocking == 0 {
        Line::styled(fit(tr("▶ Use this mapping (c)"), inner_w), t.ok)
    } else {
        Line::styled(
            fit(
                &trf(
                    "  Use this mapping: {blocking} missing (c again goes without)",
                    &[("blocking", &blocking)],
                ),
                inner_w,
            ),
            t.muted,
        )
    };
    items.push(ListItem::new(confirm));
    let mut state = ListState::default().with_selected(Some(s.cursor));
    f.render_stateful_widget(
        List::new(items).block(block).highlight_style(t.selected),
        area,
        &mut state,
    );
}

fn file_columns(s: &MappingScreen, t: &Theme, f: &mut Frame, area: Rect) {
    let chosen = s.selected_file_column();
    let title = match (s.selected(), chosen) {
        (Some(_), Some(c)) => trf(" Your column: {name} ", &[("name", &c.name)]),
        (Some(w), None) => trf(" No column for {name} ", &[("name", &w.name)]),
        (None, _) => tr(" Your columns ").to_string(),
    };
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(t.border)
        .title(Span::styled(
            fit(&title, area.width.saturating_sub(2) as usize),
            t.accent,
        ));
    let inner = block.inner(area);
    let w = inner.width as usize;
    let mut lines: Vec<Line> = Vec::new();
    match (s.selected(), chosen) {
        (Some(_), Some(c)) => {
            let hidden = c
                .samples
                .iter()
                .any(|v| s.sample_text(&c.name, v) != v.as_str());
            let label = if hidden {
                tr("Sample values (personal data hidden):")
            } else {
                tr("Sample values:")
            };
            lines.push(Line::styled(fit(label, w), t.muted));
            if c.samples.is_empty() {
                lines.push(Line::styled(
                    fit(tr("  (every value is blank)"), w),
                    t.muted,
                ));
            }
            for v in &c.samples {
                let shown = s.sample_text(&c.name, v);
                lines.push(Line::styled(fit(&format!("  {shown}"), w), t.text));
            }
        }
        (Some(_), None) => lines.push(Line::styled(
            fit(tr("None yet: press → to pick one."), w),
            t.muted,
        )),
        (None, _) => {
            let mapped = s.mapping.pairs.iter().filter(|p| p.file_column.is_some());
            lines.push(Line::styled(
                fit(
                    &trf(
                        "{n} of your columns go to the lesson; the others keep their names.",
                        &[("n", &mapped.count())],
                    ),
                    w,
                ),
                t.muted,
            ));
        }
    }
    lines.push(Line::from(""));
    lines.push(Line::styled(fit(tr("All your columns:"), w), t.muted));
    let mut chosen_line = None;
    for c in &s.columns {
        let is_chosen = chosen.is_some_and(|x| x.name == c.name);
        if is_chosen {
            chosen_line = Some(lines.len());
        }
        let marker = if is_chosen { "▸ " } else { "  " };
        let line = match s.mapping.declared_for(&c.name) {
            Some(d) => Line::styled(
                fit(&format!("{marker}{} → {d}", c.name), w),
                if is_chosen { t.accent } else { t.text },
            ),
            None => Line::styled(fit(&format!("{marker}{}", c.name), w), t.muted),
        };
        lines.push(line);
    }
    // Keep the chosen column in view when the list is longer than the pane.
    let h = inner.height as usize;
    let scroll = chosen_line.filter(|&l| l >= h).map_or(0, |l| l + 1 - h);
    f.render_widget(
        Paragraph::new(lines)
            .block(block)
            .scroll((scroll.min(u16::MAX as usize) as u16, 0)),
        area,
    );
}

fn problems(s: &MappingScreen, t: &Theme, f: &mut Frame, area: Rect) {
    let title = if s.problems.is_empty() {
        tr(" No problems found in the mapped columns ").to_string()
    } else {
        trf(
            " Problems to clean in the lesson ({n}) ",
            &[("n", &s.problems.len())],
        )
    };
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(t.border)
        .title(Span::styled(
            fit(&title, area.width.saturating_sub(2) as usize),
            t.heading,
        ));
    let w = block.inner(area).width as usize;
    let mut lines: Vec<Line> = Vec::new();
    for p in &s.problems {
        lines.push(Line::from(vec![
            Span::styled(fit(&p.column, w), t.accent),
            Span::styled(
                fit(
                    &format!(" · {}", p.what),
                    w.saturating_sub(display_width(&p.column)),
                ),
                t.text,
            ),
        ]));
        let rows: Vec<String> = p.rows.iter().map(usize::to_string).collect();
        let more = if p.count > p.rows.len() { ", …" } else { "" };
        let where_ = if rows.is_empty() {
            String::new()
        } else {
            let rows = format!("{}{more}", rows.join(", "));
            if p.count == 1 {
                trf("line {rows} · ", &[("rows", &rows)])
            } else {
                trf("lines {rows} · ", &[("rows", &rows)])
            }
        };
        lines.push(Line::styled(
            fit(
                &trf(
                    "  {where}fix: {fix}",
                    &[("where", &where_), ("fix", &p.fix)],
                ),
                w,
            ),
            t.hint,
        ));
    }
    f.render_widget(Paragraph::new(lines).block(block), area);
}

fn footer(s: &MappingScreen, t: &Theme, f: &mut Frame, area: Rect) {
    let keys = match (s.selected().is_some(), area.width) {
        (true, 100..) => tr(
            " ↑↓ choose · ←→ change column · Del none · +/- header line · c use this mapping · Esc cancel",
        ),
        (true, 76..) => {
            tr(" ↑↓ choose · ←→ change · Del none · +/- header · c confirm · Esc cancel")
        }
        (true, _) => tr(" ↑↓ choose · ←→ change · Del none · c confirm · Esc cancel"),
        (false, _) => tr(" ↑↓ choose · Enter use this mapping · Esc cancel"),
    };
    f.render_widget(
        Paragraph::new(Line::styled(fit(keys, area.width as usize), t.muted)),
        area,
    );
}
