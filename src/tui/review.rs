//! The review screen of `huddle progress --export`: before anything is written, the
//! learner sees each reflection, can edit it, drop it (it becomes "(not shared)") or
//! keep it, and is warned when one seems to hold an email, phone or street address.

use crate::data::mask::{PiiKind, personal_in_text};
use crate::i18n::trf;
use crate::progress::export::Export;
use crate::tui::terminal::TerminalGuard;
use crate::tui::theme::Theme;
use ratatui::crossterm::event::{self, Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use ratatui_textarea::TextArea;

/// One reflection under review.
#[derive(Debug, Clone)]
pub struct ReviewItem {
    /// Index of its lesson in the export.
    pub lesson: usize,
    /// Index of its step in the lesson.
    pub step: usize,
    /// Where it was written: lesson title and step.
    pub place: String,
    /// The text as it will be shared (after any edit).
    pub text: String,
    /// Shared (true) or dropped.
    pub share: bool,
    /// Personal data the text seems to hold.
    pub warnings: Vec<PiiKind>,
}

/// How the review ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReviewEnd {
    /// Write the file with the choices made.
    Write,
    /// Write nothing.
    Cancel,
}

/// The review screen's model.
pub struct Review {
    /// The file that will be written (for the title).
    pub file: String,
    /// The name the export carries.
    pub name: String,
    /// Lessons in the export.
    pub lessons: usize,
    /// The reflections, in lesson order.
    pub items: Vec<ReviewItem>,
    /// The selected reflection.
    pub at: usize,
    /// The editor, while a reflection is being edited.
    pub editor: Option<TextArea<'static>>,
    /// Set when the learner writes or cancels.
    pub end: Option<ReviewEnd>,
    /// `--mask`: emails and phone numbers in the previews are masked (the editor
    /// shows what the learner types).
    pub masked: bool,
}

impl Review {
    /// A review of `export`'s reflections before it is written to `file`.
    pub fn new(export: &Export, file: &str) -> Self {
        let items = export
            .reflections()
            .into_iter()
            .map(|(li, si, text)| {
                let lesson = &export.lessons[li];
                let step = &lesson.steps[si];
                let lesson_name = lesson.title.as_deref().unwrap_or(&lesson.id);
                let place = match step.title.as_deref() {
                    Some(title) => trf(
                        "{lesson} · step {step} “{title}”",
                        &[
                            ("lesson", &lesson_name),
                            ("step", &step.step),
                            ("title", &title),
                        ],
                    ),
                    None => trf(
                        "{lesson} · step {step}",
                        &[("lesson", &lesson_name), ("step", &step.step)],
                    ),
                };
                ReviewItem {
                    lesson: li,
                    step: si,
                    place,
                    text: text.to_string(),
                    share: true,
                    warnings: personal_in_text(text),
                }
            })
            .collect();
        Review {
            file: file.to_string(),
            name: export.name.clone(),
            lessons: export.lessons.len(),
            items,
            at: 0,
            editor: None,
            end: None,
            masked: false,
        }
    }

    /// Handle one key press.
    pub fn key(&mut self, key: KeyEvent) {
        if key.kind != KeyEventKind::Press {
            return;
        }
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        if ctrl && matches!(key.code, KeyCode::Char('c') | KeyCode::Char('C')) {
            self.end = Some(ReviewEnd::Cancel);
            return;
        }
        if let Some(editor) = &mut self.editor {
            let done = key.code == KeyCode::Esc
                || (ctrl && matches!(key.code, KeyCode::Char('s') | KeyCode::Char('S')));
            if done {
                let text = editor.lines().join("\n");
                self.editor = None;
                self.finish_edit(text);
            } else {
                editor.input(key);
            }
            return;
        }
        match key.code {
            KeyCode::Up => self.at = self.at.saturating_sub(1),
            KeyCode::Down => {
                self.at = (self.at + 1).min(self.items.len().saturating_sub(1));
            }
            KeyCode::Char('e') | KeyCode::Enter => self.start_edit(),
            KeyCode::Char('d') => self.set_share(false),
            KeyCode::Char('k') => self.set_share(true),
            KeyCode::Char('w') => self.end = Some(ReviewEnd::Write),
            KeyCode::Char('q') | KeyCode::Esc => self.end = Some(ReviewEnd::Cancel),
            _ => {}
        }
    }

    fn set_share(&mut self, share: bool) {
        if let Some(item) = self.items.get_mut(self.at) {
            item.share = share && !item.text.trim().is_empty();
        }
    }

    fn start_edit(&mut self) {
        let Some(item) = self.items.get(self.at) else {
            return;
        };
        let lines: Vec<String> = item.text.lines().map(str::to_string).collect();
        let mut e = TextArea::new(if lines.is_empty() {
            vec![String::new()]
        } else {
            lines
        });
        e.set_cursor_line_style(ratatui::style::Style::new());
        e.move_cursor(ratatui_textarea::CursorMove::Bottom);
        e.move_cursor(ratatui_textarea::CursorMove::End);
        self.editor = Some(e);
    }

    fn finish_edit(&mut self, text: String) {
        if let Some(item) = self.items.get_mut(self.at) {
            item.warnings = personal_in_text(&text);
            // Only an edit changes what is shared: opening a dropped reflection and
            // leaving it unchanged keeps it dropped.
            if text != item.text {
                item.share = !text.trim().is_empty();
            }
            item.text = text;
        }
    }

    /// Put the learner's choices into `export`: kept text (as edited) or "(not shared)".
    pub fn apply(&self, export: &mut Export) {
        for item in &self.items {
            let text = (item.share && !item.text.trim().is_empty()).then(|| item.text.clone());
            export.set_reflection(item.lesson, item.step, text);
        }
    }
}

/// Show the review full-screen until the learner writes or cancels.
pub fn run(review: &mut Review, theme: &Theme) -> std::io::Result<ReviewEnd> {
    let mut guard = TerminalGuard::enter()?;
    while review.end.is_none() {
        guard
            .terminal
            .draw(|f| super::views::review::draw(review, theme, f))?;
        if let Event::Key(k) = event::read()? {
            review.key(k);
        }
    }
    Ok(review.end.unwrap_or(ReviewEnd::Cancel))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::progress::export::{NOT_SHARED, parse};

    fn export() -> Export {
        parse(
            r#"{"huddle_progress_export": 1, "name": "", "date": "2025-03-01", "lessons": [
            {"id": "l", "title": "L", "finished": false, "steps": [
              {"step": 1, "kind": "reflect", "status": "done", "tries": 0, "hints": 0, "seconds": 5,
               "reflection": "Ask Jo: jo@example.org"},
              {"step": 2, "kind": "reflect", "status": "done", "tries": 0, "hints": 0, "seconds": 5,
               "reflection": "Blanks were NULLs."}]}]}"#,
        )
        .unwrap()
    }

    fn press(r: &mut Review, code: KeyCode) {
        r.key(KeyEvent::new(code, KeyModifiers::NONE));
    }

    #[test]
    fn a_reflection_with_an_email_is_flagged_and_can_be_dropped() {
        let mut e = export();
        let mut r = Review::new(&e, "out.json");
        assert_eq!(r.items[0].warnings, vec![PiiKind::Email]);
        assert!(r.items[1].warnings.is_empty());
        press(&mut r, KeyCode::Char('d'));
        press(&mut r, KeyCode::Char('w'));
        assert_eq!(r.end, Some(ReviewEnd::Write));
        r.apply(&mut e);
        assert_eq!(
            e.lessons[0].steps[0].reflection.as_deref(),
            Some(NOT_SHARED)
        );
        assert_eq!(
            e.lessons[0].steps[1].reflection.as_deref(),
            Some("Blanks were NULLs.")
        );
    }

    #[test]
    fn opening_a_dropped_reflection_without_changing_it_keeps_it_dropped() {
        let mut e = export();
        let mut r = Review::new(&e, "out.json");
        press(&mut r, KeyCode::Char('d'));
        press(&mut r, KeyCode::Enter);
        assert!(r.editor.is_some());
        press(&mut r, KeyCode::Esc);
        assert!(!r.items[0].share, "still dropped");
        press(&mut r, KeyCode::Char('w'));
        r.apply(&mut e);
        assert_eq!(
            e.lessons[0].steps[0].reflection.as_deref(),
            Some(NOT_SHARED)
        );
    }

    #[test]
    fn an_edit_replaces_the_text_and_clears_the_warning() {
        let mut e = export();
        let mut r = Review::new(&e, "out.json");
        press(&mut r, KeyCode::Char('e'));
        for _ in 0..40 {
            press(&mut r, KeyCode::Backspace);
        }
        for c in "Ask Jo.".chars() {
            press(&mut r, KeyCode::Char(c));
        }
        press(&mut r, KeyCode::Esc);
        assert!(
            r.editor.is_none() && r.end.is_none(),
            "Esc only ends the edit"
        );
        assert!(r.items[0].warnings.is_empty());
        press(&mut r, KeyCode::Char('w'));
        r.apply(&mut e);
        assert_eq!(e.lessons[0].steps[0].reflection.as_deref(), Some("Ask Jo."));
    }

    #[test]
    fn drop_then_keep_shares_again_and_q_cancels() {
        let e = export();
        let mut r = Review::new(&e, "out.json");
        press(&mut r, KeyCode::Down);
        press(&mut r, KeyCode::Char('d'));
        assert!(!r.items[1].share);
        press(&mut r, KeyCode::Char('k'));
        assert!(r.items[1].share);
        press(&mut r, KeyCode::Char('q'));
        assert_eq!(r.end, Some(ReviewEnd::Cancel));
    }
}
