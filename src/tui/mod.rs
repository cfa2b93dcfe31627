//! The lesson player: a ratatui app over the engine. `run` owns the terminal and
//! the event loop; everything else is model (`app`, `session`) and drawing (`views`).

pub mod app;
pub mod bench;
pub mod browser;
pub mod checking;
pub mod cleaning;
pub mod coach;
pub mod cohort;
pub mod complete;
pub mod crash;
pub mod export;
pub mod facet;
mod job;
pub mod join_prompt;
pub mod keymap;
pub mod live;
pub mod mapping_ui;
pub mod markdown;
pub mod masking;
pub mod op_form;
pub mod own_data;
pub mod own_flow;
pub mod picker;
pub mod review;
pub mod session;
pub mod step_ui;
pub mod table_chooser;
pub mod terminal;
pub mod theme;
pub mod views;
pub mod watch;
pub mod worker;

use crate::cmd::{EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, course_entries};
use crate::lesson::course::{LessonEntry, from_paths};
use crate::lesson::validate::load_entry;
use crate::progress::store::Store;
use app::App;
use ratatui::crossterm::event;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::time::Duration;
use theme::{Theme, ThemeName};

/// How the player starts.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// `--lessons DIR`.
    pub lessons: Option<PathBuf>,
    /// `huddle run LESSON`: an id in the course or a .toml path.
    pub lesson: Option<String>,
    /// `--theme`.
    pub theme: ThemeName,
    /// `--data TABLE=FILE`: the learner's own files, by lesson table.
    pub data: Vec<String>,
    /// `--mask`: start with personal data masked.
    pub mask: bool,
    /// `--coach`: the coach panel, call timer and go-to-step.
    pub coach: bool,
    /// `run --watch`: reload the lesson file when it changes.
    pub watch: bool,
    /// `run --header-row N`: the header line of every `--data` file (0: none).
    pub header_row: Option<u32>,
    /// `huddle host` or `huddle join`: a live cohort call.
    pub live: Option<live::Start>,
    /// `--plain` (or `TERM=dumb`): the line-by-line player instead.
    pub plain: bool,
}

/// Find `lesson` (an id in `course`, or a path to a lesson file).
pub fn find_lesson(course: &[LessonEntry], lesson: &str) -> Result<LessonEntry, String> {
    let as_path = Path::new(lesson);
    if lesson.ends_with(".toml") || as_path.is_file() {
        let (entries, errors) = from_paths(&[as_path.to_path_buf()]);
        if let Some((p, e)) = errors.first() {
            return Err(format!("{p}: {e}"));
        }
        return entries
            .into_iter()
            .next()
            .ok_or_else(|| format!("{lesson}: not a lesson file"));
    }
    let mut ids = Vec::new();
    for e in course {
        if let Some(l) = load_entry(e).lesson {
            if l.meta.id == lesson {
                return Ok(e.clone());
            }
            ids.push(l.meta.id);
        }
    }
    let refs: Vec<&str> = ids.iter().map(String::as_str).collect();
    Err(format!(
        "no lesson `{lesson}` in this course: {}. `huddle list` shows them all.",
        crate::diag::suggestion(lesson, &refs)
    ))
}

/// Run the player. Returns the exit code.
pub fn run(opts: Options) -> i32 {
    let course = match course_entries(opts.lessons.as_ref()) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("huddle: {e}");
            return EXIT_USAGE;
        }
    };
    let who = match &opts.live {
        Some(live::Start::Host { .. }) => "huddle host",
        Some(live::Start::Join { .. }) => "huddle join",
        None => "huddle run",
    };
    let mut joined = None;
    let direct = match (&opts.live, opts.lesson.as_deref()) {
        (Some(start @ live::Start::Join { .. }), _) => {
            eprintln!(
                "{}",
                crate::i18n::tr("huddle join: reaching the coach's huddle…")
            );
            match live::join(start, &course) {
                Ok((pane, entry)) => {
                    joined = Some(pane);
                    Some(entry)
                }
                Err(e) => {
                    eprintln!("huddle join: {e}");
                    return EXIT_PROBLEMS;
                }
            }
        }
        (_, Some(l)) => match find_lesson(&course, l) {
            Ok(e) => Some(e),
            Err(e) => {
                eprintln!("{who}: {e}");
                return EXIT_USAGE;
            }
        },
        (_, None) => None,
    };
    if opts.live.is_none() && crate::plain::wanted(opts.plain) {
        return crate::plain::run(&course, direct, &opts.data, opts.mask);
    }
    let theme = Theme::new(opts.theme, Theme::no_color_requested());
    let mut own = Vec::new();
    for d in &opts.data {
        match own_data::parse(d) {
            Ok(mut f) => {
                if let Some(n) = opts.header_row {
                    f.header = crate::data::layout::HeaderChoice::from_row(n);
                }
                own.push(f)
            }
            Err(e) => {
                eprintln!("{who}: {e}");
                return EXIT_USAGE;
            }
        }
    }
    let mut app = App::new(course, Store::for_user(), theme);
    app.masked = opts.mask;
    app.own = own;
    app.coach = opts.coach.then(coach::Coach::default);
    if let Some(entry) = direct {
        if opts.watch {
            match watch::Watch::new(&entry) {
                Ok(w) => app.watch = Some(w),
                Err(e) => {
                    eprintln!("{who}: {e}");
                    return EXIT_USAGE;
                }
            }
        }
        if let Some(start @ live::Start::Host { .. }) = &opts.live {
            let Some(lesson) = load_entry(&entry).lesson else {
                eprintln!(
                    "huddle host: {} has errors, so it cannot be hosted. Run `huddle check {}` to see them.",
                    entry.display, entry.display
                );
                return EXIT_PROBLEMS;
            };
            match live::host(start, &entry, &lesson) {
                Ok(mut pane) => {
                    pane.mask_names = opts.mask;
                    eprintln!(
                        "{}",
                        crate::i18n::trf(
                            "huddle host: the join code for learners (I shows it again in the player):\n{code}",
                            &[("code", &pane.code)],
                        )
                    );
                    app.live = Some(live::Live::Host(Box::new(pane)));
                }
                Err(e) => {
                    eprintln!("huddle host: {e}");
                    return EXIT_PROBLEMS;
                }
            }
        }
        if let Some(pane) = joined.take() {
            app.live = Some(live::Live::Learner(Box::new(pane)));
        }
        if let Err(e) = app.open_direct(entry) {
            eprintln!("{who}: {e}");
            let _ = app.close_live();
            return EXIT_PROBLEMS;
        }
    }
    let result = event_loop(&mut app);
    if let Some(said) = app.close_live() {
        eprintln!("{said}");
    }
    match result {
        Ok(()) => EXIT_OK,
        Err(e) => {
            eprintln!("huddle: the terminal stopped working: {e}");
            EXIT_PROBLEMS
        }
    }
}

fn event_loop(app: &mut App) -> std::io::Result<()> {
    let stop = Arc::new(AtomicBool::new(false));
    for sig in [signal_hook::consts::SIGTERM, signal_hook::consts::SIGHUP] {
        let _ = signal_hook::flag::register(sig, Arc::clone(&stop));
    }
    let mut guard = terminal::TerminalGuard::enter()?;
    // Keys are read on their own thread. crossterm 0.29 spins inside `poll` once the
    // terminal is gone (crossterm#793), so the UI thread never waits in crossterm and
    // can always notice a hang-up, save and leave.
    let events = spawn_input_thread();
    let tty_at_start = tty_present();
    let mut dirty = true;
    let mut ticks: u32 = 0;
    loop {
        if dirty {
            guard.terminal.draw(|f| views::draw(app, f))?;
            dirty = false;
        }
        if app.quit {
            break;
        }
        ticks = ticks.wrapping_add(1);
        let gone = tty_at_start && ticks.is_multiple_of(10) && !tty_present();
        if stop.load(Ordering::SeqCst) || gone {
            app.update(keymap::Action::ForceQuit);
            break;
        }
        match events.recv_timeout(Duration::from_millis(100)) {
            Ok(Ok(ev)) => {
                app.handle(ev);
                while let Ok(Ok(ev)) = events.try_recv() {
                    app.handle(ev);
                }
                dirty = true;
            }
            Ok(Err(_)) | Err(mpsc::RecvTimeoutError::Disconnected) => {
                // The terminal stopped answering: keep what the learner did.
                app.update(keymap::Action::ForceQuit);
                break;
            }
            Err(mpsc::RecvTimeoutError::Timeout) => {}
        }
        if app.poll_jobs() || app.worker.busy().is_some() {
            dirty = true;
        }
        // The coach's call timer moves once a second; a watched file may have changed.
        if app.watch_tick() || app.coach_clock_moved() {
            dirty = true;
        }
        // The live call's news, and the coach's room clocks once a second.
        if app.live_tick()
            || app.live.is_some() && ticks.is_multiple_of(10)
            || app.join_prompt.is_some()
        {
            dirty = true;
        }
    }
    drop(guard);
    Ok(())
}

/// Read terminal events forever on a thread; an error ends the thread after
/// passing the error on.
fn spawn_input_thread() -> mpsc::Receiver<std::io::Result<event::Event>> {
    let (tx, rx) = mpsc::channel();
    let _ = std::thread::Builder::new()
        .name("huddle-input".into())
        .spawn(move || {
            loop {
                let ev = event::read();
                let failed = ev.is_err();
                if tx.send(ev).is_err() || failed {
                    break;
                }
            }
        });
    rx
}

/// Whether this process still has its terminal (Unix: `/dev/tty` opens).
fn tty_present() -> bool {
    if cfg!(unix) {
        std::fs::File::open("/dev/tty").is_ok()
    } else {
        true
    }
}
