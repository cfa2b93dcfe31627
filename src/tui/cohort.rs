//! `huddle cohort DIR` on a terminal: the roll-up as a full-screen table and chart.

use crate::progress::cohort::Cohort;
use crate::tui::terminal::TerminalGuard;
use crate::tui::theme::Theme;
use ratatui::crossterm::event::{self, Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

/// The cohort screen's model.
pub struct CohortScreen {
    /// The roll-up.
    pub cohort: Cohort,
    /// The folder it was read from (for the header).
    pub folder: String,
    /// The selected learner.
    pub at: usize,
    /// Set by `q`, `Esc` or `Ctrl-C`.
    pub quit: bool,
}

impl CohortScreen {
    /// A screen over `cohort`, read from `folder`.
    pub fn new(cohort: Cohort, folder: &str) -> Self {
        CohortScreen {
            cohort,
            folder: folder.to_string(),
            at: 0,
            quit: false,
        }
    }

    /// Handle one key press.
    pub fn key(&mut self, key: KeyEvent) {
        if key.kind != KeyEventKind::Press {
            return;
        }
        let last = self.cohort.learners.len().saturating_sub(1);
        match key.code {
            KeyCode::Char('q') | KeyCode::Esc => self.quit = true,
            KeyCode::Char('c') if key.modifiers.contains(KeyModifiers::CONTROL) => {
                self.quit = true;
            }
            KeyCode::Up => self.at = self.at.saturating_sub(1),
            KeyCode::Down => self.at = (self.at + 1).min(last),
            KeyCode::Home => self.at = 0,
            KeyCode::End => self.at = last,
            _ => {}
        }
    }
}

/// Show the screen until the coach quits.
pub fn run(screen: &mut CohortScreen, theme: &Theme) -> std::io::Result<()> {
    let mut guard = TerminalGuard::enter()?;
    while !screen.quit {
        guard
            .terminal
            .draw(|f| super::views::cohort::draw(screen, theme, f))?;
        if let Event::Key(k) = event::read()? {
            screen.key(k);
        }
    }
    Ok(())
}
