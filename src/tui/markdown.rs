//! Lesson text (Markdown) to styled lines: headings, emphasis, lists, inline code
//! and code blocks. Wrapping is left to the paragraph that draws the lines.

use super::theme::Theme;
use crate::text::sanitize_line;
use pulldown_cmark::{CodeBlockKind, Event, HeadingLevel, Parser, Tag, TagEnd};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};

/// Render `md` into lines styled with `theme`.
pub fn render(md: &str, theme: &Theme) -> Vec<Line<'static>> {
    let mut r = Renderer {
        theme,
        lines: Vec::new(),
        current: Vec::new(),
        styles: vec![theme.text],
        lists: Vec::new(),
        in_code_block: false,
        pending_prefix: None,
    };
    for event in Parser::new(md) {
        r.event(event);
    }
    r.flush();
    while r.lines.last().is_some_and(|l| l.spans.is_empty()) {
        r.lines.pop();
    }
    r.lines
}

struct Renderer<'t> {
    theme: &'t Theme,
    lines: Vec<Line<'static>>,
    current: Vec<Span<'static>>,
    styles: Vec<Style>,
    /// Open lists: the next number for ordered ones.
    lists: Vec<Option<u64>>,
    in_code_block: bool,
    pending_prefix: Option<String>,
}

impl Renderer<'_> {
    fn style(&self) -> Style {
        self.styles.last().copied().unwrap_or_default()
    }

    fn push_style(&mut self, f: impl FnOnce(Style) -> Style) {
        let s = f(self.style());
        self.styles.push(s);
    }

    fn flush(&mut self) {
        if !self.current.is_empty() {
            let spans = std::mem::take(&mut self.current);
            self.lines.push(Line::from(spans));
        }
    }

    fn blank(&mut self) {
        self.flush();
        if self.lines.last().is_some_and(|l| !l.spans.is_empty()) {
            self.lines.push(Line::default());
        }
    }

    fn text(&mut self, t: &str, style: Style) {
        if let Some(prefix) = self.pending_prefix.take() {
            self.current.push(Span::styled(prefix, self.theme.accent));
        }
        self.current.push(Span::styled(sanitize_line(t), style));
    }

    fn event(&mut self, event: Event) {
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag),
            Event::Text(t) if self.in_code_block => {
                for line in t.lines() {
                    self.lines.push(Line::from(vec![
                        Span::styled("  │ ", self.theme.muted),
                        Span::styled(sanitize_line(line), self.theme.code),
                    ]));
                }
            }
            Event::Text(t) => {
                let s = self.style();
                self.text(&t, s);
            }
            Event::Code(t) => {
                let s = self.theme.code;
                self.text(&t, s);
            }
            Event::SoftBreak => {
                let s = self.style();
                self.text(" ", s);
            }
            Event::HardBreak => self.flush(),
            Event::Rule => {
                self.blank();
                self.lines
                    .push(Line::styled("────────────", self.theme.muted));
                self.lines.push(Line::default());
            }
            Event::Html(t) | Event::InlineHtml(t) => {
                let s = self.style();
                self.text(&t, s);
            }
            _ => {}
        }
    }

    fn start(&mut self, tag: Tag) {
        match tag {
            Tag::Paragraph if self.lists.is_empty() => self.blank(),
            Tag::Heading { level, .. } => {
                self.blank();
                let h = self.theme.heading;
                self.styles.push(if level == HeadingLevel::H1 {
                    h.add_modifier(Modifier::UNDERLINED)
                } else {
                    h
                });
            }
            Tag::Emphasis => self.push_style(|s| s.add_modifier(Modifier::ITALIC)),
            Tag::Strong => self.push_style(|s| s.add_modifier(Modifier::BOLD)),
            Tag::Strikethrough => self.push_style(|s| s.add_modifier(Modifier::CROSSED_OUT)),
            Tag::Link { .. } => self.push_style(|s| s.add_modifier(Modifier::UNDERLINED)),
            Tag::List(start) => {
                if self.lists.is_empty() {
                    self.blank();
                } else {
                    self.flush();
                }
                self.lists.push(start);
            }
            Tag::Item => {
                self.flush();
                let depth = self.lists.len().saturating_sub(1);
                let indent = "  ".repeat(depth);
                let marker = match self.lists.last_mut() {
                    Some(Some(n)) => {
                        let m = format!("{indent}{n}. ");
                        *n += 1;
                        m
                    }
                    _ => format!("{indent}• "),
                };
                self.pending_prefix = Some(marker);
            }
            Tag::CodeBlock(kind) => {
                self.blank();
                self.in_code_block = true;
                if let CodeBlockKind::Fenced(lang) = kind
                    && !lang.is_empty()
                {
                    self.lines.push(Line::styled(
                        format!("  ┌ {}", sanitize_line(&lang)),
                        self.theme.muted,
                    ));
                }
            }
            Tag::BlockQuote(_) => {
                self.blank();
                self.push_style(|s| s.add_modifier(Modifier::ITALIC));
            }
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Paragraph => self.flush(),
            TagEnd::Heading(_) => {
                self.flush();
                self.styles.pop();
            }
            TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Link
            | TagEnd::BlockQuote(_) => {
                self.flush_if_block(tag);
                self.styles.pop();
            }
            TagEnd::List(_) => {
                self.flush();
                self.lists.pop();
            }
            TagEnd::Item => self.flush(),
            TagEnd::CodeBlock => {
                self.in_code_block = false;
                self.lines.push(Line::default());
            }
            _ => {}
        }
    }

    fn flush_if_block(&mut self, tag: TagEnd) {
        if matches!(tag, TagEnd::BlockQuote(_)) {
            self.flush();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(lines: &[Line]) -> Vec<String> {
        lines
            .iter()
            .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect())
            .collect()
    }

    #[test]
    fn headings_lists_and_code_become_lines() {
        let md = "# Who\n\nSome *people* use `COUNT(*)`.\n\n- one\n- two\n\n1. first\n2. second\n\n```sql\nSELECT 1\n```\n";
        let t = Theme::plain();
        let out = plain(&render(md, &t));
        assert_eq!(
            out,
            vec![
                "Who",
                "",
                "Some people use COUNT(*).",
                "",
                "• one",
                "• two",
                "",
                "1. first",
                "2. second",
                "",
                "  ┌ sql",
                "  │ SELECT 1",
            ]
        );
    }

    #[test]
    fn emphasis_is_styled_and_control_characters_never_pass() {
        let t = Theme::plain();
        let lines = render("a **b**\u{7}c\td", &t);
        let spans = &lines[0].spans;
        let bold = spans.iter().find(|s| s.content == "b").unwrap();
        assert!(bold.style.add_modifier.contains(Modifier::BOLD));
        let all: String = spans.iter().map(|s| s.content.as_ref()).collect();
        assert!(!all.chars().any(|c| c.is_control()), "{all:?}");
    }
}
