//! `huddle report LESSON --out report.html`: the learner's run of a lesson as one
//! page for the meeting (see [`crate::export::report`]).

use super::{EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE};
use crate::export::report::{ReportInput, html};
use crate::lesson::own_tables::{load_with_own, parse_pairs};
use crate::lesson::validate::load_entry;
use crate::progress::store::Store;
use std::path::PathBuf;

/// What `huddle report` was asked.
pub struct ReportArgs {
    /// Lesson id or path.
    pub lesson: String,
    /// The page to write.
    pub out: PathBuf,
    /// `TABLE=FILE` pairs: the learner's own files, mapped as they were in the player.
    pub data: Vec<String>,
    /// Show up to 50 rows of each step's table.
    pub include_rows: bool,
    /// Replace OUT if it exists.
    pub force: bool,
    /// Mask personal values.
    pub mask: bool,
}

/// Run `huddle report`; returns the exit code.
pub fn run(args: &ReportArgs, lessons: Option<&PathBuf>, store: &Store) -> i32 {
    match write(args, lessons, store) {
        Ok(msg) => {
            println!("{msg}");
            EXIT_OK
        }
        Err((code, msg)) => {
            eprintln!("huddle report: {msg}");
            code
        }
    }
}

fn write(
    args: &ReportArgs,
    lessons: Option<&PathBuf>,
    store: &Store,
) -> Result<String, (i32, String)> {
    let usage = |e: String| (EXIT_USAGE, e);
    if args.out.extension().and_then(|e| e.to_str()) != Some("html") {
        return Err(usage(format!(
            "{}: the report is a web page; name it e.g. report.html",
            args.out.display()
        )));
    }
    let course = super::course_entries(lessons).map_err(usage)?;
    let entry = crate::tui::find_lesson(&course, &args.lesson).map_err(usage)?;
    let loaded = load_entry(&entry);
    let Some(lesson) = loaded.lesson else {
        return Err((
            EXIT_PROBLEMS,
            format!(
                "{}: the lesson does not load; `huddle check` says why",
                args.lesson
            ),
        ));
    };
    let lesson = crate::lesson::translation::localize(&lesson, crate::i18n::lang().tag());
    let own = parse_pairs(&args.data, &lesson).map_err(usage)?;
    let data = load_with_own(&entry, &lesson, &own, store).map_err(|e| (EXIT_PROBLEMS, e))?;
    let mut sources: Vec<String> = own.iter().map(|(_, p)| file_name(p)).collect();
    for (t, decl) in &lesson.tables {
        if !own.iter().any(|(o, _)| o == t) {
            sources.push(file_name(std::path::Path::new(&decl.file)));
        }
    }
    let progress = store.peek(&lesson.meta.id);
    let masker = args
        .mask
        .then(|| crate::tui::masking::for_lesson(&lesson, &data));
    let page = html(&ReportInput {
        lesson: &lesson,
        progress: progress.as_ref(),
        data: &data,
        source: sources.join(", "),
        date: crate::progress::export::today(),
        include_rows: args.include_rows,
        masker: masker.as_ref(),
    });
    let inputs: Vec<&std::path::Path> = own.iter().map(|(_, p)| p.as_path()).collect();
    crate::output::write(
        &args.out,
        &inputs,
        crate::output::Existing::replace_if(args.force),
        crate::output::Audience::Shared,
        |f| std::io::Write::write_all(f, page.as_bytes()),
    )
    .map_err(|e| (EXIT_PROBLEMS, e.to_string()))?;
    Ok(format!("wrote {}", args.out.display()))
}

/// A file's name without its folders (a database address without its password).
fn file_name(path: &std::path::Path) -> String {
    let shown = crate::source::shown(path);
    if crate::source::parse_path(path).is_some() {
        return shown;
    }
    path.file_name()
        .map_or(shown, |n| n.to_string_lossy().into_owned())
}
