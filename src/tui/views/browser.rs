//! The file browser popup: the folder at the top, its entries, a note line, the
//! path line the learner types into, and the keys.

use super::centered;
use crate::i18n::tr;
use crate::text::{display_width, sanitize_line, truncate};
use crate::tui::browser::{Browser, Entry, EntryKind, SheetChoice, human_size};
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Padding, Paragraph, Wrap};

/// Widest the popup gets.
const MAX_WIDTH: u16 = 80;
/// Cells for the kind and size columns at the right of each entry.
const META_WIDTH: usize = 19;

/// Draw `browser` as a popup centred in `area`.
pub fn draw(f: &mut Frame, area: Rect, browser: &Browser, t: &Theme) {
    let w = MAX_WIDTH.min(area.width.saturating_sub(2));
    let h = area.height.saturating_sub(2);
    let r = centered(area, w, h);
    f.render_widget(Clear, r);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(t.border_focus)
        .title(Span::styled(" Open your own file ", t.accent))
        .padding(Padding::horizontal(1))
        .style(t.text);
    let inner = block.inner(r);
    f.render_widget(block, r);
    if inner.width < 10 || inner.height < 6 {
        return;
    }
    let keys = keys_lines(browser, t, inner.width as usize);
    let keys_h = keys.len().clamp(1, 2) as u16;
    let [top, _, list, note, input, footer] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(keys_h),
    ])
    .areas(inner);
    let width = inner.width as usize;
    if let Some(choice) = browser.sheet_choice() {
        draw_sheets(f, [top, list, note, input, footer], browser, choice, t);
        return;
    }
    let folder = left_truncate(&sanitize_line(&browser.folder_label()), width);
    f.render_widget(Paragraph::new(Line::styled(folder, t.heading)), top);
    draw_list(f, list, browser, t);
    if let Some(m) = browser.message() {
        let m = truncate(&sanitize_line(m), width);
        f.render_widget(Paragraph::new(Line::styled(m, t.hint)), note);
    }
    draw_input(f, input, browser, t);
    f.render_widget(Paragraph::new(keys), footer);
}

/// A workbook's sheets, to pick the one with the list.
fn draw_sheets(
    f: &mut Frame,
    [top, list, note, input, footer]: [Rect; 5],
    browser: &Browser,
    choice: &SheetChoice,
    t: &Theme,
) {
    let width = top.width as usize;
    let name = choice
        .path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let name = left_truncate(&sanitize_line(&name), width);
    f.render_widget(Paragraph::new(Line::styled(name, t.heading)), top);
    let rows = list.height as usize;
    let offset = choice.selected.saturating_sub(rows.saturating_sub(1));
    let lines: Vec<Line> = choice
        .sheets
        .iter()
        .enumerate()
        .skip(offset)
        .take(rows)
        .map(|(i, sheet)| {
            let selected = i == choice.selected;
            let cursor = if selected { "› " } else { "  " };
            let text = truncate(&sanitize_line(sheet), width.saturating_sub(2));
            let style = if selected {
                t.text.patch(t.selected)
            } else {
                t.text
            };
            Line::from(vec![
                Span::styled(cursor, t.accent),
                Span::styled(text, style),
            ])
        })
        .collect();
    f.render_widget(Paragraph::new(lines), list);
    if let Some(m) = browser.message() {
        let m = truncate(&sanitize_line(m), width);
        f.render_widget(Paragraph::new(Line::styled(m, t.hint)), note);
    }
    let q = truncate(tr("Which sheet holds your list?"), width);
    f.render_widget(Paragraph::new(Line::styled(q, t.accent)), input);
    let keys = Line::from(vec![
        Span::styled("↑↓", t.accent),
        Span::styled(tr(" move  "), t.muted),
        Span::styled("Enter", t.accent),
        Span::styled(tr(" use this sheet  "), t.muted),
        Span::styled("Esc", t.accent),
        Span::styled(tr(" back to the folder"), t.muted),
    ]);
    f.render_widget(Paragraph::new(keys), footer);
}

fn draw_list(f: &mut Frame, area: Rect, browser: &Browser, t: &Theme) {
    let rows = area.height as usize;
    let width = area.width as usize;
    let entries = browser.entries();
    if entries.is_empty() {
        let (text, style) = match browser.folder_error() {
            Some(why) => (format!("This folder cannot be read: {why}."), t.bad),
            None if !browser.input().is_empty() => (
                "No names here start with what you typed.".to_string(),
                t.muted,
            ),
            None => ("This folder is empty.".to_string(), t.muted),
        };
        let p = Paragraph::new(Line::styled(sanitize_line(&text), style)).wrap(Wrap { trim: true });
        f.render_widget(p, area);
        return;
    }
    let offset = browser.scroll_for(rows);
    let lines: Vec<Line> = entries
        .iter()
        .enumerate()
        .skip(offset)
        .take(rows)
        .map(|(i, e)| entry_line(e, i == browser.selected(), width, t))
        .collect();
    f.render_widget(Paragraph::new(lines), area);
}

/// `› name/            folder` or `  members.csv   CSV   12.3 KB`.
fn entry_line(e: &Entry, selected: bool, width: usize, t: &Theme) -> Line<'static> {
    let (style, label_style) = match e.kind {
        EntryKind::Parent | EntryKind::Folder => (t.accent, t.muted),
        EntryKind::File if e.readable => (t.text, t.ok),
        EntryKind::File => (t.muted, t.muted),
    };
    let mut name = sanitize_line(&e.name);
    if e.kind == EntryKind::Folder {
        name.push('/');
    }
    let meta = match e.kind {
        EntryKind::File => format!(
            "{:>8} {:>9}",
            e.label(),
            e.size.map(human_size).unwrap_or_default()
        ),
        EntryKind::Folder => format!("{:>8} {:>9}", e.label(), ""),
        EntryKind::Parent => format!("{:>8} {:>9}", "up", ""),
    };
    let meta_w = if width >= META_WIDTH + 12 {
        META_WIDTH
    } else {
        0
    };
    let name_w = width.saturating_sub(2 + meta_w);
    let name = truncate(&name, name_w);
    let pad = " ".repeat(name_w.saturating_sub(display_width(&name)));
    let cursor = if selected { "› " } else { "  " };
    let patch = |s: Style| if selected { s.patch(t.selected) } else { s };
    let mut spans = vec![
        Span::styled(cursor, patch(t.accent)),
        Span::styled(format!("{name}{pad}"), patch(style)),
    ];
    if meta_w > 0 {
        spans.push(Span::styled(meta, patch(label_style)));
    }
    Line::from(spans)
}

fn draw_input(f: &mut Frame, area: Rect, browser: &Browser, t: &Theme) {
    const PROMPT: &str = "Path: ";
    let room = (area.width as usize).saturating_sub(PROMPT.len() + 1);
    let typed = left_truncate(&sanitize_line(browser.input()), room);
    let mut spans = vec![Span::styled(PROMPT, t.accent)];
    if typed.is_empty() {
        spans.push(Span::styled(
            truncate("type a name or a path (/ or ~ to start from there)", room),
            t.muted,
        ));
    } else {
        spans.push(Span::styled(typed.clone(), t.text));
    }
    f.render_widget(Paragraph::new(Line::from(spans)), area);
    let x = area.x + (PROMPT.len() + display_width(&typed)) as u16;
    f.set_cursor_position(Position::new(x.min(area.right().saturating_sub(1)), area.y));
}

/// The keys that work now, as lines of at most `width` cells (at most two).
fn keys_lines(browser: &Browser, t: &Theme, width: usize) -> Vec<Line<'static>> {
    let hidden = if browser.showing_hidden() {
        "hide hidden files".to_string()
    } else if browser.hidden_count() > 0 {
        format!("show hidden files ({})", browser.hidden_count())
    } else {
        "show hidden files".to_string()
    };
    let (key, what) = if browser.input().is_empty() {
        ("←", "up a folder")
    } else {
        ("Ctrl-U", "clear")
    };
    let mut keys: Vec<(&str, String)> = vec![
        ("↑↓", "move".into()),
        ("Enter", "open or pick".into()),
        ("Tab", "complete".into()),
        (key, what.into()),
    ];
    if browser.input().is_empty() {
        keys.push((".", hidden));
    }
    keys.push(("Esc", "cancel".into()));
    let mut lines: Vec<Vec<Span<'static>>> = vec![Vec::new()];
    let mut used = 0;
    for (k, what) in keys {
        let what = format!(" {what}");
        let w = display_width(k) + display_width(&what);
        if used > 0 && used + 2 + w > width {
            lines.push(Vec::new());
            used = 0;
        }
        let Some(line) = lines.last_mut() else { break };
        if used > 0 {
            line.push(Span::raw("  "));
            used += 2;
        }
        line.push(Span::styled(k, t.accent));
        line.push(Span::styled(what, t.muted));
        used += w;
    }
    lines.into_iter().take(2).map(Line::from).collect()
}

/// Keep the end of `s` (the part that tells folders apart), marking the cut with `…`.
fn left_truncate(s: &str, max: usize) -> String {
    if display_width(s) <= max {
        return s.to_string();
    }
    let mut kept: Vec<char> = Vec::new();
    let mut w = 1;
    for c in s.chars().rev() {
        let cw = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if w + cw > max {
            break;
        }
        kept.push(c);
        w += cw;
    }
    kept.push('…');
    kept.into_iter().rev().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_paths_keep_their_end() {
        assert_eq!(left_truncate("~/exports/2024", 20), "~/exports/2024");
        assert_eq!(left_truncate("~/exports/2024/march", 10), "…024/march");
        assert!(display_width(&left_truncate("/a/very/long/path/here", 8)) <= 8);
    }
}
