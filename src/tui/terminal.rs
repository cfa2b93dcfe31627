//! Entering and leaving the full-screen terminal. One guard restores the terminal
//! exactly once: on drop (normal exit, error, Ctrl-C, SIGTERM) or from the panic
//! hook, before the panic message prints. A process that dies without unwinding
//! (an abort, a stack overflow, a segmentation fault) is covered by [`super::crash`].

use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event::{DisableMouseCapture, EnableMouseCapture};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{
    Clear, ClearType, EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use std::io::{Stdout, stdout};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread::ThreadId;

/// The terminal type the app draws on.
pub type Term = Terminal<CrosstermBackend<Stdout>>;

static ACTIVE: AtomicBool = AtomicBool::new(false);
static UI_THREAD: OnceLock<ThreadId> = OnceLock::new();

/// Holds the terminal in raw, full-screen mode; restores it when dropped.
pub struct TerminalGuard {
    /// The terminal to draw on.
    pub terminal: Term,
}

impl TerminalGuard {
    /// Enter raw mode and the alternate screen, capture the mouse, and install a
    /// panic hook that restores the terminal first.
    pub fn enter() -> std::io::Result<Self> {
        install_panic_hook();
        super::crash::install();
        enable_raw_mode()?;
        ACTIVE.store(true, Ordering::SeqCst);
        super::crash::set_active(true);
        // Clear with a plain escape code: `Terminal::clear` asks the terminal where its
        // cursor is and waits up to 2 s for terminals that never answer.
        if let Err(e) = execute!(
            stdout(),
            EnterAlternateScreen,
            EnableMouseCapture,
            Clear(ClearType::All)
        ) {
            restore();
            return Err(e);
        }
        match Terminal::new(CrosstermBackend::new(stdout())) {
            Ok(mut terminal) => {
                let _ = terminal.hide_cursor();
                Ok(TerminalGuard { terminal })
            }
            Err(e) => {
                restore();
                Err(e)
            }
        }
    }
}

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        let _ = self.terminal.show_cursor();
        restore();
    }
}

/// Leave raw mode and the alternate screen, if they are on. Safe to call twice:
/// only the first call does anything.
pub fn restore() {
    if ACTIVE.swap(false, Ordering::SeqCst) {
        super::crash::set_active(false);
        let _ = execute!(
            stdout(),
            DisableMouseCapture,
            LeaveAlternateScreen,
            ratatui::crossterm::cursor::Show
        );
        let _ = disable_raw_mode();
    }
}

fn install_panic_hook() {
    static INSTALLED: AtomicBool = AtomicBool::new(false);
    if INSTALLED.swap(true, Ordering::SeqCst) {
        return;
    }
    let _ = UI_THREAD.set(std::thread::current().id());
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        // Worker threads run polars inside `catch_unwind` and report failures as
        // job errors; printing their panics would scribble over the screen.
        let on_ui_thread = UI_THREAD.get() == Some(&std::thread::current().id());
        if on_ui_thread || !ACTIVE.load(Ordering::SeqCst) {
            restore();
            previous(info);
        }
    }));
}
