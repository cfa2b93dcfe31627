//! `huddle list`: the lessons of a course.

use super::{EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, course_entries};
use crate::cli::Format;
use crate::i18n::tr;
use crate::lesson::load::load_str;
use serde::Serialize;
use std::path::PathBuf;

/// One row of `huddle list --format json` (a stable shape: see docs/cli-json.md).
#[derive(Debug, Serialize)]
pub struct ListedLesson {
    /// Lesson id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Estimated minutes, if given.
    pub minutes: Option<u32>,
    /// beginner | intermediate | advanced, if given.
    pub level: Option<&'static str>,
    /// Number of steps.
    pub steps: usize,
    /// Summary, if given.
    pub summary: Option<String>,
    /// The lesson file.
    pub file: String,
}

/// Load every lesson of the course; files that fail to load are returned by name.
pub fn listed(lessons: Option<&PathBuf>) -> Result<(Vec<ListedLesson>, Vec<String>), String> {
    listed_in(lessons, None)
}

/// Like [`listed`], with titles and summaries in language `tag` where translated.
pub fn listed_in(
    lessons: Option<&PathBuf>,
    tag: Option<&str>,
) -> Result<(Vec<ListedLesson>, Vec<String>), String> {
    let entries = course_entries(lessons)?;
    let mut out = Vec::new();
    let mut broken = Vec::new();
    for e in &entries {
        let lesson = load_str(&e.display, &e.text).lesson;
        let lesson = match tag {
            Some(t) => lesson.map(|l| crate::lesson::translation::localize(&l, t)),
            None => lesson,
        };
        match lesson {
            Some(l) => out.push(ListedLesson {
                id: l.meta.id,
                title: l.meta.title,
                minutes: l.meta.minutes,
                level: l.meta.level.map(|v| v.as_str()),
                steps: l.steps.len(),
                summary: l.meta.summary,
                file: e.display.clone(),
            }),
            None => broken.push(e.display.clone()),
        }
    }
    Ok((out, broken))
}

/// Print the course.
pub fn run(lessons: Option<&PathBuf>, format: Format) -> i32 {
    // Scripts read JSON in the lessons' own words; people read text in theirs.
    let tag = (format == Format::Text).then(|| crate::i18n::lang().tag());
    let (list, broken) = match listed_in(lessons, tag) {
        Ok(x) => x,
        Err(e) => {
            eprintln!("huddle list: {e}");
            return EXIT_USAGE;
        }
    };
    match format {
        Format::Json => println!(
            "{}",
            serde_json::to_string_pretty(&list).unwrap_or_default()
        ),
        Format::Text => {
            let w = list.iter().map(|l| l.id.len()).max().unwrap_or(2).max(2);
            println!(
                "{:<w$}  {:>4}  {:<12}  {:>5}  title",
                "id", "min", "level", "steps"
            );
            for l in &list {
                println!(
                    "{:<w$}  {:>4}  {:<12}  {:>5}  {}",
                    l.id,
                    l.minutes
                        .map(|m| m.to_string())
                        .unwrap_or_else(|| "-".into()),
                    l.level.unwrap_or("-"),
                    l.steps,
                    l.title
                );
            }
        }
    }
    for b in &broken {
        eprintln!(
            "huddle list: {b} has errors and is not listed; run `huddle check {b}` to see them"
        );
    }
    if broken.is_empty() {
        EXIT_OK
    } else {
        EXIT_PROBLEMS
    }
}

/// `huddle` with no command: show the course and what to do next.
pub fn welcome(lessons: Option<&PathBuf>) -> i32 {
    println!(
        "{}\n",
        tr("huddle — learn to clean and chart your own data, one step at a time.")
    );
    let code = run(lessons, Format::Text);
    println!(
        "\n{}",
        tr(
            "Check lesson files with `huddle check [PATH...]`; see `huddle --help` for every command."
        )
    );
    code
}
