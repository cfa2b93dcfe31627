//! `huddle progress`: the learner's lessons, steps done, tries, hints, time and
//! reflections; with `--export FILE`, the file a learner sends their coach (after a
//! review of the reflections, unless `--yes`).

use super::{EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, course_entries};
use crate::cli::Format;
use crate::data::mask::{kinds_in_words, personal_in_text};
use crate::i18n::{tr, trf};
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
    /// `--mask`: mask emails and phone numbers in the review screen's previews.
    pub mask: bool,
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
        eprintln!(
            "{}",
            trf(
                "huddle progress: {file}: {problem}; left out",
                &[("file", &p.file), ("problem", &p.message)],
            )
        );
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
                Format::Text => {
                    // Titles in the learner's language where the lesson has them (the
                    // JSON and the export keep each lesson's own words).
                    let tag = crate::i18n::lang().tag();
                    let shown: Vec<Lesson> = course
                        .iter()
                        .map(|l| crate::lesson::translation::localize(l, tag))
                        .collect();
                    super::print_out(&text(&report::build(&records, &shown), store.dir()));
                }
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

/// The lessons of the course that load (broken ones are left out: `huddle check` names
/// them). With `--lessons DIR`, the bundled lessons follow the folder's (those whose id
/// the folder does not use), so progress in them keeps its titles.
fn course_lessons(lessons: Option<&PathBuf>) -> Result<Vec<Lesson>, String> {
    let load = |entries: Vec<crate::lesson::course::LessonEntry>| -> Vec<Lesson> {
        entries
            .iter()
            .filter_map(|e| load_str(&e.display, &e.text).lesson)
            .collect()
    };
    let mut course = load(course_entries(lessons)?);
    if lessons.is_some() {
        let bundled = load(crate::lesson::course::bundled());
        let extra: Vec<Lesson> = bundled
            .into_iter()
            .filter(|b| !course.iter().any(|l| l.meta.id == b.meta.id))
            .collect();
        course.extend(extra);
    }
    Ok(course)
}

fn export_to(args: &ProgressArgs, file: &Path, reports: &[LessonReport], theme: ThemeName) -> i32 {
    if reports.is_empty() {
        eprintln!(
            "{}",
            tr(
                "huddle progress: no progress yet, so there is nothing to export; start a lesson with `huddle`"
            )
        );
        return EXIT_PROBLEMS;
    }
    let records = Store::for_user().record_files();
    let inputs: Vec<&Path> = records.iter().map(PathBuf::as_path).collect();
    if let Err(e) = crate::output::check(
        file,
        &inputs,
        crate::output::Existing::replace_if(args.force),
    ) {
        eprintln!("huddle progress: {e}");
        return EXIT_USAGE;
    }
    let mut doc = Export::new(reports, args.name.as_deref().unwrap_or(""), export::today());
    if args.yes {
        warn_personal(&doc);
    } else if std::io::stdin().is_terminal() && std::io::stdout().is_terminal() {
        let mut screen = Review::new(&doc, &file.display().to_string());
        screen.masked = args.mask;
        let theme = Theme::new(theme, Theme::no_color_requested());
        match review::run(&mut screen, &theme) {
            Ok(ReviewEnd::Write) => screen.apply(&mut doc),
            Ok(ReviewEnd::Cancel) => {
                eprintln!("{}", tr("huddle progress: nothing written"));
                return EXIT_OK;
            }
            Err(e) => {
                eprintln!(
                    "{}",
                    trf(
                        "huddle progress: the terminal stopped working ({e}); nothing written",
                        &[("e", &e)],
                    )
                );
                return EXIT_PROBLEMS;
            }
        }
    } else {
        eprintln!(
            "{}",
            tr(
                "huddle progress: not a terminal, so your reflections cannot be reviewed; run it in a terminal, or add --yes to write them as they are"
            )
        );
        return EXIT_USAGE;
    }
    if let Err(e) = export::write(&doc, file, &inputs, args.force) {
        eprintln!("huddle progress: {e}");
        return EXIT_USAGE;
    }
    let reflections = doc.reflections();
    let dropped = reflections
        .iter()
        .filter(|(_, _, t)| *t == export::NOT_SHARED)
        .count();
    let args: [(&str, &dyn std::fmt::Display); 4] = [
        ("file", &file.display()),
        ("lessons", &doc.lessons.len()),
        ("reflections", &(reflections.len() - dropped)),
        ("dropped", &dropped),
    ];
    let wrote = if dropped > 0 {
        trf(
            "Wrote {file}: {lessons} lesson(s), {reflections} reflection(s) ({dropped} not shared). Send it to your coach.",
            &args,
        )
    } else {
        trf(
            "Wrote {file}: {lessons} lesson(s), {reflections} reflection(s). Send it to your coach.",
            &args,
        )
    };
    println!("{wrote}");
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
            "{}",
            trf(
                "huddle progress: warning: your reflection in {lesson} step {step} looks like it holds {kinds}; run without --yes to edit or drop it",
                &[
                    ("lesson", &lesson.id),
                    ("step", &lesson.steps[si].step),
                    ("kinds", &kinds_in_words(&kinds)),
                ],
            )
        );
    }
}

/// The listing for people.
pub fn text(reports: &[LessonReport], folder: Option<&Path>) -> String {
    let mut out = String::new();
    if reports.is_empty() {
        out.push_str(tr(
            "No progress yet: open a lesson with `huddle` and it is saved as you go.",
        ));
        out.push('\n');
        return out;
    }
    if let Some(d) = folder {
        out.push_str(&trf(
            "Your progress (saved in {folder})",
            &[("folder", &d.display())],
        ));
        out.push('\n');
    }
    let heads = [
        tr("step"),
        tr("kind"),
        tr("status"),
        tr("tries"),
        tr("hints"),
        tr("time"),
        tr("title"),
    ];
    for l in reports {
        let label = sanitize_line(l.label());
        let state = if l.finished {
            tr("finished").to_string()
        } else {
            trf("on step {k}", &[("k", &l.current_step)])
        };
        let head = if l.in_course {
            trf(
                "{title} ({id}): {state}",
                &[("title", &label), ("id", &l.id), ("state", &state)],
            )
        } else {
            trf(
                "{title} ({id}): {state} (not in this course: titles unknown)",
                &[("title", &label), ("id", &l.id), ("state", &state)],
            )
        };
        out.push('\n');
        out.push_str(&head);
        out.push('\n');
        out.push_str(&trf(
            "  {done} of {all} steps done · {tries} tries · {hints} hints · {time}",
            &[
                ("done", &l.steps_done),
                ("all", &l.steps.len()),
                ("tries", &l.tries),
                ("hints", &l.hints),
                ("time", &duration_text(l.seconds)),
            ],
        ));
        out.push('\n');
        // Columns as wide as their heading in the learner's language, at least as
        // wide as in English.
        let statuses: Vec<&str> = l.steps.iter().map(|s| status_word(s.status)).collect();
        let width = |i: usize, min: usize| crate::text::display_width(heads[i]).max(min);
        let w_step = width(0, 4);
        let w_kind = width(1, 7);
        let w_status = statuses
            .iter()
            .map(|s| crate::text::display_width(s))
            .fold(width(2, 8), usize::max);
        let [w_tries, w_hints, w_time] = [(3, 5), (4, 5), (5, 6)].map(|(i, m)| width(i, m));
        out.push_str(&format!(
            "  {:>w_step$}  {:<w_kind$}  {:<w_status$}  {:>w_tries$}  {:>w_hints$}  {:>w_time$}  {}\n",
            heads[0], heads[1], heads[2], heads[3], heads[4], heads[5], heads[6]
        ));
        for (s, status) in l.steps.iter().zip(&statuses) {
            out.push_str(&format!(
                "  {:>w_step$}  {:<w_kind$}  {:<w_status$}  {:>w_tries$}  {:>w_hints$}  {:>w_time$}  {}\n",
                s.step,
                s.kind.unwrap_or("-"),
                status,
                s.tries,
                s.hints,
                duration_text(s.seconds),
                s.title.as_deref().map(sanitize_line).unwrap_or_default()
            ));
        }
        for s in l.steps.iter().filter(|s| s.reflection.is_some()) {
            out.push_str(&trf("  Reflection (step {k}):", &[("k", &s.step)]));
            out.push('\n');
            for line in s.reflection.as_deref().unwrap_or("").lines() {
                out.push_str(&format!("    {}\n", sanitize_line(line)));
            }
        }
    }
    out
}

/// A step's status in the listing, in the learner's language.
fn status_word(s: crate::progress::StepStatus) -> &'static str {
    use crate::progress::StepStatus::*;
    match s {
        NotSeen => tr("not seen"),
        Open => tr("open"),
        Done => tr("done"),
        Shown => tr("shown"),
        Skipped => tr("skipped"),
    }
}

fn json_text(v: &impl serde::Serialize) -> String {
    let mut s = serde_json::to_string_pretty(v).unwrap_or_default();
    s.push('\n');
    s
}
