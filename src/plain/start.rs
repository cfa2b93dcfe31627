//! Starting the plain player: which lesson, its data, and the session.

use crate::cmd::{EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE};
use crate::i18n::{tr, trf};
use crate::lesson::course::LessonEntry;
use crate::lesson::own_tables::{load_with_own, parse_pairs};
use crate::lesson::validate::load_entry;
use crate::progress::store::Store;
use crate::tui::session::Session;
use std::io::{BufRead, Write};

/// Play `direct` (or a lesson picked by number from `course`) on stdin and stdout.
pub fn run(
    course: &[LessonEntry],
    direct: Option<LessonEntry>,
    data: &[String],
    mask: bool,
) -> i32 {
    let store = Store::for_user();
    let stdin = std::io::stdin();
    let mut input = stdin.lock();
    let mut out = std::io::stdout().lock();
    let entry = match direct {
        Some(e) => e,
        None => match pick(course, &mut input, &mut out) {
            Ok(Some(e)) => e,
            Ok(None) => return EXIT_OK,
            Err(e) => {
                eprintln!("huddle: {e}");
                return EXIT_PROBLEMS;
            }
        },
    };
    let Some(lesson) = load_entry(&entry).lesson else {
        eprintln!(
            "huddle: {}",
            trf(
                "{lesson} has errors; huddle check {lesson} lists them.",
                &[("lesson", &entry.display)]
            )
        );
        return EXIT_PROBLEMS;
    };
    let lesson = crate::lesson::translation::localize(&lesson, crate::i18n::lang().tag());
    let own = match parse_pairs(data, &lesson) {
        Ok(o) => o,
        Err(e) => {
            eprintln!("huddle: {e}");
            return EXIT_USAGE;
        }
    };
    let _ = writeln!(out, "{}", tr("Reading the lesson's data…"));
    let catalog = match load_with_own(&entry, &lesson, &own, &store) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("huddle: {e}");
            return EXIT_PROBLEMS;
        }
    };
    let session = Session::open(lesson, &store);
    match super::play(session, catalog, mask, &store, &mut input, &mut out) {
        Ok(()) => EXIT_OK,
        Err(e) => {
            eprintln!("huddle: {e}");
            EXIT_PROBLEMS
        }
    }
}

/// The course as a numbered list; the learner types a number (or quit).
fn pick(
    course: &[LessonEntry],
    input: &mut dyn BufRead,
    out: &mut dyn Write,
) -> std::io::Result<Option<LessonEntry>> {
    let titles: Vec<(LessonEntry, String)> = course
        .iter()
        .filter_map(|e| {
            let l = load_entry(e).lesson?;
            let l = crate::lesson::translation::localize(&l, crate::i18n::lang().tag());
            Some((e.clone(), l.meta.title))
        })
        .collect();
    writeln!(out, "{}", tr("The lessons:"))?;
    for (k, (_, t)) in titles.iter().enumerate() {
        writeln!(out, "{}. {t}", k + 1)?;
    }
    let mut line = String::new();
    loop {
        write!(out, "{} ", tr("Type the number of a lesson, or quit:"))?;
        out.flush()?;
        line.clear();
        if input.read_line(&mut line)? == 0 {
            return Ok(None);
        }
        if matches!(super::parse(&line), super::Command::Quit) {
            return Ok(None);
        }
        match line.trim().parse::<usize>() {
            Ok(n) if (1..=titles.len()).contains(&n) => return Ok(Some(titles[n - 1].0.clone())),
            _ => writeln!(
                out,
                "{}",
                trf("Type a number from 1 to {n}.", &[("n", &titles.len())])
            )?,
        }
    }
}
