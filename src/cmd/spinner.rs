//! A spinner with the time waited, on stderr, while the CLI waits on something it
//! cannot measure (a warehouse query). Drawn only on a terminal; gone when dropped.

use indicatif::{ProgressBar, ProgressStyle};
use std::io::IsTerminal;
use std::time::Duration;

/// Shown from [`Spinner::start`] until dropped.
pub struct Spinner(Option<ProgressBar>);

impl Spinner {
    /// Start spinning with `message`, when stderr is a terminal.
    pub fn start(message: &str) -> Spinner {
        if !std::io::stderr().is_terminal() {
            return Spinner(None);
        }
        let bar = ProgressBar::new_spinner();
        if let Ok(style) = ProgressStyle::with_template("{spinner} {msg} ({elapsed})") {
            bar.set_style(style);
        }
        bar.set_message(message.to_string());
        bar.enable_steady_tick(Duration::from_millis(120));
        Spinner(Some(bar))
    }
}

impl Drop for Spinner {
    fn drop(&mut self) {
        if let Some(bar) = self.0.take() {
            bar.finish_and_clear();
        }
    }
}

/// A progress bar on stderr that follows a [`LoadProgress`] (reading a large file),
/// with the stage it is at: drawn only on a terminal, gone when dropped.
pub struct Progress {
    bar: Option<ProgressBar>,
    stop: std::sync::Arc<std::sync::atomic::AtomicBool>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Progress {
    /// Follow `progress` with `message` (a file: its name) in front of the bar, when
    /// stderr is a terminal.
    pub fn follow(message: &str, progress: &crate::data::load_progress::LoadProgress) -> Progress {
        use std::sync::atomic::{AtomicBool, Ordering};
        let stop = std::sync::Arc::new(AtomicBool::new(false));
        if !std::io::stderr().is_terminal() {
            return Progress {
                bar: None,
                stop,
                thread: None,
            };
        }
        let bar = ProgressBar::new(1000);
        if let Ok(style) =
            ProgressStyle::with_template("{msg} [{wide_bar}] {percent:>3}% ({elapsed})")
        {
            bar.set_style(style.progress_chars("=> "));
        }
        // The file's name, not its path, so the bar keeps its room on a narrow terminal.
        let label = std::path::Path::new(message)
            .file_name()
            .map_or_else(|| message.to_string(), |n| n.to_string_lossy().into_owned());
        bar.set_message(label.clone());
        let (b, p, s) = (bar.clone(), progress.clone(), stop.clone());
        let thread = std::thread::spawn(move || {
            while !s.load(Ordering::Relaxed) {
                b.set_position((p.fraction().clamp(0.0, 1.0) * 1000.0) as u64);
                b.set_message(format!("{label}: {}", p.stage_said()));
                std::thread::sleep(Duration::from_millis(100));
            }
        });
        Progress {
            bar: Some(bar),
            stop,
            thread: Some(thread),
        }
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.stop.store(true, std::sync::atomic::Ordering::Relaxed);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
        if let Some(bar) = self.bar.take() {
            bar.finish_and_clear();
        }
    }
}
