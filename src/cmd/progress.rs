//! `huddle progress`: the learner's lessons, steps done, tries, hints, time and
//! reflections; with `--export FILE`, the file a learner sends their coach (after a
//! review of the reflections, unless `--yes`).

use super::{EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, course_entries};
use crate::cli::Format;
use crate::data::mask::{kinds_in_words, personal_in_text};
use crate::lesson::load::load_str;
use crate::lesson::model::Lesson;
use crate::progress::export::{self, Export};
use crate::progress::report::{self, LessonReport, duration_text};
use crate::progress::store::Store;
use crate::text::sanitize_line;
use crate::tui::review::{self, Review, ReviewEnd};
use crate::tui::theme::{Theme, ThemeName};
use serde::Serialize;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

/// Arguments of `huddle progress`.
#[derive(Debug, Clone, Default)]
pub struct ProgressArgs {
    /// Output format of the listing.
    pub format: Format,
    /// Write the export for the coach here.
    pub export: Option<PathBuf>,
    /// The name or handle the export carries.
    pub name: Option<String>,
    /// Write the export without the review screen.
    pub yes: bool,
    /// Replace an existing export file.
    pub force: bool,
}

/// `huddle progress --format json` (shape documented in docs/cli-json.md).
#[derive(Debug, Serialize)]
pub struct ProgressJson {
    /// The progress folder, when there is one.
    pub folder: Option<String>,
    /// One entry per lesson with progress.
    pub lessons: Vec<LessonReport>,
    /// Progress files that could not be read.
    pub problems: Vec<FileProblem>,
}

/// A file that could not be read, and why.
#[derive(Debug, Serialize)]
pub struct FileProblem {
    /// The file.
    pub file: String,
    /// What is wrong.
    pub message: String,
}

/// Run `huddle progress`.
pub fn run(args: &ProgressArgs, lessons: Option<&PathBuf>, theme: ThemeName) -> i32 {
    let course = match course_lessons(lessons) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("huddle progress: {e}");
            return EXIT_USAGE;
        }
    };
    let store = Store::for_user();
    let (records, broken) = store.records();
    let mut problems: Vec<FileProblem> = broken
        .into_iter()
        .map(|(p, m)| FileProblem {
            file: p.display().to_string(),
            message: m,
        })
        .collect();
    for p in &problems {
        eprintln!("huddle progress: {}: {}; left out", p.file, p.message);
    }
    let reports = report::build(&records, &course);
    let had_problems = !problems.is_empty();
    let code = match &args.export {
        Some(file) => export_to(args, file, &reports, theme),
        None => {
            match args.format {
                Format::Json => {
                    let out = ProgressJson {
                        folder: store.dir().map(|d| d.display().to_string()),
                        lessons: reports,
                        problems: std::mem::take(&mut problems),
                    };
                    super::print_out(&json_text(&out));
                }
                Format::Text => super::print_out(&text(&reports, store.dir())),
            }
            EXIT_OK
        }
    };
    if code == EXIT_OK && had_problems {
        EXIT_PROBLEMS
    } else {
        code
    }
}

/// The lessons of the course that load (broken ones are left out: `huddle check` names them).
fn course_lessons(lessons: Option<&PathBuf>) -> Result<Vec<Lesson>, String> {
    Ok(course_entries(lessons)?
        .iter()
        .filter_map(|e| load_str(&e.display, &e.text).lesson)
        .collect())
}

fn export_to(args: &ProgressArgs, file: &Path, reports: &[LessonReport], theme: ThemeName) -> i32 {
    if reports.is_empty() {
        eprintln!(
            "huddle progress: no progress yet, so there is nothing to export; start a lesson with `huddle`"
        );
        return EXIT_PROBLEMS;
    }
    if file.exists() && !args.force {
        eprintln!(
            "huddle progress: {} already exists; choose another name or add --force to replace it",
            file.display()
        );
        return EXIT_USAGE;
    }
    let mut doc = Export::new(reports, args.name.as_deref().unwrap_or(""), export::today());
    if args.yes {
        warn_personal(&doc);
    } else if std::io::stdin().is_terminal() && std::io::stdout().is_terminal() {
        let mut screen = Review::new(&doc, &file.display().to_string());
        let theme = Theme::new(theme, Theme::no_color_requested());
        match review::run(&mut screen, &theme) {
            Ok(ReviewEnd::Write) => screen.apply(&mut doc),
            Ok(ReviewEnd::Cancel) => {
                eprintln!("huddle progress: nothing written");
                return EXIT_OK;
            }
            Err(e) => {
                eprintln!("huddle progress: the terminal stopped working ({e}); nothing written");
                return EXIT_PROBLEMS;
            }
        }
    } else {
        eprintln!(
            "huddle progress: not a terminal, so your reflections cannot be reviewed; run it in a terminal, or add --yes to write them as they are"
        );
        return EXIT_USAGE;
    }
    if let Err(e) = export::write(&doc, file, args.force) {
        eprintln!("huddle progress: {e}");
        return EXIT_USAGE;
    }
    let reflections = doc.reflections();
    let dropped = reflections
        .iter()
        .filter(|(_, _, t)| *t == export::NOT_SHARED)
        .count();
    println!(
        "Wrote {}: {} lesson(s), {} reflection(s){}. Send it to your coach.",
        file.display(),
        doc.lessons.len(),
        reflections.len() - dropped,
        if dropped > 0 {
            format!(" ({dropped} not shared)")
        } else {
            String::new()
        }
    );
    EXIT_OK
}

/// With `--yes` there is no review: say which reflections look like they hold
/// personal data, so the learner can look before sending.
fn warn_personal(doc: &Export) {
    for (li, si, text) in doc.reflections() {
        let kinds = personal_in_text(text);
        if kinds.is_empty() {
            continue;
        }
        let lesson = &doc.lessons[li];
        eprintln!(
            "huddle progress: warning: your reflection in {} step {} looks like it holds {}; run without --yes to edit or drop it",
            lesson.id,
            lesson.steps[si].step,
            kinds_in_words(&kinds)
        );
    }
}

/// The listing for people.
pub fn text(reports: &[LessonReport], folder: Option<&Path>) -> String {
    let mut out = String::new();
    if reports.is_empty() {
        out.push_str("No progress yet: open a lesson with `huddle` and it is saved as you go.\n");
        return out;
    }
    if let Some(d) = folder {
        out.push_str(&format!("Your progress (saved in {})\n", d.display()));
    }
    for l in reports {
        let state = if l.finished {
            "finished".to_string()
        } else {
            format!("on step {}", l.current_step)
        };
        out.push_str(&format!(
            "\n{} ({}): {state}{}\n",
            sanitize_line(l.label()),
            l.id,
            if l.in_course {
                ""
            } else {
                " (not in this course: titles unknown)"
            }
        ));
        out.push_str(&format!(
            "  {} of {} steps done · {} tries · {} hints · {}\n",
            l.steps_done,
            l.steps.len(),
            l.tries,
            l.hints,
            duration_text(l.seconds)
        ));
        out.push_str("  step  kind     status    tries  hints    time  title\n");
        for s in &l.steps {
            out.push_str(&format!(
                "  {:>4}  {:<7}  {:<8}  {:>5}  {:>5}  {:>6}  {}\n",
                s.step,
                s.kind.unwrap_or("-"),
                status_word(s.status),
                s.tries,
                s.hints,
                duration_text(s.seconds),
                s.title.as_deref().map(sanitize_line).unwrap_or_default()
            ));
        }
        for s in l.steps.iter().filter(|s| s.reflection.is_some()) {
            out.push_str(&format!("  Reflection (step {}):\n", s.step));
            for line in s.reflection.as_deref().unwrap_or("").lines() {
                out.push_str(&format!("    {}\n", sanitize_line(line)));
            }
        }
    }
    out
}

fn status_word(s: crate::progress::StepStatus) -> &'static str {
    use crate::progress::StepStatus::*;
    match s {
        NotSeen => "not seen",
        Open => "open",
        Done => "done",
        Shown => "shown",
        Skipped => "skipped",
    }
}

fn json_text(v: &impl serde::Serialize) -> String {
    let mut s = serde_json::to_string_pretty(v).unwrap_or_default();
    s.push('\n');
    s
}
