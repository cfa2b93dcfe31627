//! The export review screen: what will be shared, each reflection with its state and
//! any warning, the editor while one is edited, and the keys.

use crate::data::mask::kinds_in_words;
use crate::i18n::{tr, trf};
use crate::text::{display_width, sanitize_line};
use crate::tui::review::Review;
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

/// Text lines of a reflection shown in the list (the editor shows all of it).
const PREVIEW_LINES: usize = 3;

/// Draw the review screen over the whole frame.
pub fn draw(review: &mut Review, t: &Theme, f: &mut Frame) {
    let area = f.area();
    if area.width < 30 || area.height < 10 {
        f.render_widget(
            Paragraph::new(Line::styled(tr("Make the window larger"), t.accent)),
            area,
        );
        return;
    }
    let editor_h = if review.editor.is_some() {
        (area.height / 3).clamp(5, 10)
    } else {
        0
    };
    let [head, list, edit, foot] = Layout::vertical([
        Constraint::Length(4),
        Constraint::Min(3),
        Constraint::Length(editor_h),
        Constraint::Length(1),
    ])
    .areas(area);
    header(review, t, f, head);
    items(review, t, f, list);
    if let Some(e) = review.editor.as_mut() {
        e.set_block(
            Block::default()
                .borders(Borders::ALL)
                .border_style(t.border_focus)
                .title(Span::styled(
                    tr(" Edit the reflection (Esc when done) "),
                    t.accent,
                )),
        );
        e.set_style(t.text);
        e.set_cursor_style(Style::new().add_modifier(Modifier::REVERSED));
        f.render_widget(&*e, edit);
    }
    let keys = if review.editor.is_some() {
        tr(" type to change the text · Esc done editing")
    } else {
        tr(" ↑↓ choose · e edit · d drop · k keep · w write the file · q cancel")
    };
    f.render_widget(Paragraph::new(Line::styled(keys, t.muted)), foot);
}

fn header(review: &Review, t: &Theme, f: &mut Frame, area: Rect) {
    let name = if review.name.is_empty() {
        tr("no name (your coach sees the file name)").to_string()
    } else {
        sanitize_line(&review.name)
    };
    let lines = vec![
        Line::from(vec![
            Span::styled(tr(" Before you share "), t.accent),
            Span::styled(format!("→ {}", sanitize_line(&review.file)), t.text),
        ]),
        Line::styled(
            trf(
                " Name: {name} · {lessons} lesson(s) · {reflections} reflection(s)",
                &[
                    ("name", &name),
                    ("lessons", &review.lessons),
                    ("reflections", &review.items.len()),
                ],
            ),
            t.text,
        ),
        Line::styled(
            tr(" Written: lesson and step titles, status, tries, hints and time,"),
            t.muted,
        ),
        Line::styled(
            tr(" and the reflections you keep below. Never any of your data."),
            t.muted,
        ),
    ];
    f.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), area);
}

fn items(review: &Review, t: &Theme, f: &mut Frame, area: Rect) {
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(t.border)
        .title(Span::styled(tr(" Your reflections "), t.accent));
    let inner = block.inner(area);
    f.render_widget(block, area);
    let w = inner.width.saturating_sub(4) as usize;
    let mut lines: Vec<Line> = Vec::new();
    let mut selected_top = 0usize;
    for (i, item) in review.items.iter().enumerate() {
        let chosen = i == review.at;
        if chosen {
            selected_top = lines.len();
        }
        let state = if item.share {
            Span::styled(tr(" [shared]"), t.ok)
        } else {
            Span::styled(tr(" [not shared]"), t.bad)
        };
        lines.push(Line::from(vec![
            Span::styled(
                if chosen { " ▶ " } else { "   " },
                if chosen { t.accent } else { t.text },
            ),
            Span::styled(
                sanitize_line(&item.place),
                if chosen { t.selected } else { t.heading },
            ),
            state,
        ]));
        let body_style = if item.share { t.text } else { t.muted };
        let text_lines: Vec<&str> = item.text.lines().collect();
        for l in text_lines.iter().take(PREVIEW_LINES) {
            let l = if review.masked {
                crate::data::mask::mask_anywhere(l)
            } else {
                std::borrow::Cow::Borrowed(*l)
            };
            lines.push(Line::styled(
                format!("   {}", clip(&sanitize_line(&l), w)),
                body_style,
            ));
        }
        if text_lines.len() > PREVIEW_LINES {
            lines.push(Line::styled(
                trf(
                    "   … {n} more line(s)",
                    &[("n", &(text_lines.len() - PREVIEW_LINES))],
                ),
                t.muted,
            ));
        }
        if !item.warnings.is_empty() && item.share {
            lines.push(Line::styled(
                trf(
                    "   ⚠ looks like it holds {kinds}: edit it (e) or drop it (d)",
                    &[("kinds", &kinds_in_words(&item.warnings))],
                ),
                t.bad,
            ));
        }
        lines.push(Line::from(""));
    }
    if review.items.is_empty() {
        lines.push(Line::styled(
            tr(" No reflections: press w to write."),
            t.muted,
        ));
    }
    let h = inner.height as usize;
    let scroll = selected_top.saturating_sub(h.saturating_sub(PREVIEW_LINES + 3));
    f.render_widget(
        Paragraph::new(lines).scroll((u16::try_from(scroll).unwrap_or(u16::MAX), 0)),
        inner,
    );
}

fn clip(s: &str, w: usize) -> String {
    if display_width(s) <= w {
        s.to_string()
    } else {
        crate::text::truncate(s, w)
    }
}
