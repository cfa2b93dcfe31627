//! `huddle new ID [--dir DIR] [--lang es]`: start a lesson from a skeleton that shows
//! every step kind, with the small CSV it uses. Never overwrites a file.

use super::{EXIT_OK, EXIT_USAGE};
use crate::i18n::trf;
use crate::lesson::load::{slug, valid_id};
use clap::ValueEnum;
use std::io::Write;
use std::path::{Path, PathBuf};

const SKELETON: &str = include_str!("new/skeleton.toml");
const MEMBERS_CSV: &str = include_str!("new/members.csv");
/// Marks a template line that belongs to the Spanish translation only.
const ES_MARK: &str = "#es";

/// Languages `huddle new --lang` can add translation sub-tables for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Lang {
    /// Spanish: `[lesson.es]`, `[steps.es]` and `es = { feedback = ... }`.
    Es,
}

/// The two files `huddle new` writes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skeleton {
    /// `DIR/ID.toml`.
    pub lesson_path: PathBuf,
    /// The lesson's text.
    pub lesson: String,
    /// `DIR/data/ID-members.csv`.
    pub data_path: PathBuf,
    /// The CSV's text.
    pub data: String,
}

/// Why a lesson id cannot be used, in words a coach can act on.
pub fn id_problem(id: &str) -> Option<String> {
    if valid_id(id) {
        return None;
    }
    let fix = slug(id);
    Some(if fix.is_empty() {
        trf(
            "\"{id}\" cannot be a lesson id: use only lowercase letters, digits and single dashes between words (progress is kept by the id, and it names the file); e.g. \"members-per-county\"",
            &[("id", &id)],
        )
    } else {
        trf(
            "\"{id}\" cannot be a lesson id: use only lowercase letters, digits and single dashes between words (progress is kept by the id, and it names the file); try \"{fix}\"",
            &[("id", &id), ("fix", &fix)],
        )
    })
}

/// "members-per-county" → "Members per county".
fn title_of(id: &str) -> String {
    let words = id.replace('-', " ");
    let mut chars = words.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => words,
    }
}

/// The skeleton for `id` in `dir`, with translation sub-tables for `lang`.
pub fn skeleton(id: &str, dir: &Path, lang: Option<Lang>) -> Skeleton {
    let lesson_path = dir.join(format!("{id}.toml"));
    let data_rel = format!("data/{id}-members.csv");
    let shown = if dir == Path::new(".") {
        format!("{id}.toml")
    } else {
        lesson_path.display().to_string()
    };
    let mut lesson = String::new();
    for line in SKELETON.lines() {
        let line = match line.strip_prefix(ES_MARK) {
            Some(_) if lang.is_none() => continue,
            Some(rest) => rest.strip_prefix(' ').unwrap_or(rest),
            None => line,
        };
        lesson.push_str(line);
        lesson.push('\n');
    }
    let lesson = lesson
        .replace("{{id}}", id)
        .replace("{{title}}", &title_of(id))
        .replace("{{data}}", &data_rel)
        .replace("{{file}}", &shown);
    Skeleton {
        lesson_path,
        lesson,
        data_path: dir.join(data_rel),
        data: MEMBERS_CSV.to_string(),
    }
}

/// Write a new lesson and its data; refuse when either file exists.
pub fn run(id: &str, dir: &Path, lang: Option<Lang>) -> i32 {
    if let Some(problem) = id_problem(id) {
        eprintln!("huddle new: {problem}");
        return EXIT_USAGE;
    }
    let sk = skeleton(id, dir, lang);
    for path in [&sk.lesson_path, &sk.data_path] {
        if path.exists() {
            eprintln!(
                "{}",
                trf(
                    "huddle new: {file} already exists; huddle never overwrites a file: choose another id, another --dir, or move that file away",
                    &[("file", &path.display())],
                )
            );
            return EXIT_USAGE;
        }
    }
    if let Some(parent) = sk.data_path.parent()
        && let Err(e) = std::fs::create_dir_all(parent)
    {
        eprintln!(
            "{}",
            trf(
                "huddle new: cannot create the folder {folder}: {e}",
                &[("folder", &parent.display()), ("e", &e)],
            )
        );
        return EXIT_USAGE;
    }
    if let Err(e) = write_new(&sk.data_path, &sk.data) {
        eprintln!("huddle new: {e}");
        return EXIT_USAGE;
    }
    if let Err(e) = write_new(&sk.lesson_path, &sk.lesson) {
        // Do not leave half a lesson behind: the data file is ours, written just now.
        let _ = std::fs::remove_file(&sk.data_path);
        eprintln!("huddle new: {e}");
        return EXIT_USAGE;
    }
    println!(
        "{}",
        trf("wrote {file}", &[("file", &sk.lesson_path.display())])
    );
    println!(
        "{}",
        trf("wrote {file}", &[("file", &sk.data_path.display())])
    );
    println!(
        "{}",
        trf(
            "next: edit the lesson, then `huddle check {file}` and `huddle run {file}`",
            &[("file", &sk.lesson_path.display())],
        )
    );
    EXIT_OK
}

/// Create `path` with `text`, whole or not at all: written to a temporary file beside
/// it, then moved into place only if nothing is there (even something that appeared a
/// moment ago).
fn write_new(path: &Path, text: &str) -> Result<(), String> {
    let cannot = |e: &dyn std::fmt::Display| {
        trf(
            "cannot write {file}: {e}",
            &[("file", &path.display()), ("e", e)],
        )
    };
    crate::output::write(
        path,
        &[],
        crate::output::Existing::Keep,
        crate::output::Audience::Shared,
        |f| f.write_all(text.as_bytes()),
    )
    .map_err(|e| match e {
        crate::output::OutputError::Exists(_) => trf(
            "{file} already exists; huddle never overwrites a file",
            &[("file", &path.display())],
        ),
        crate::output::OutputError::Io(_, e) => cannot(&e),
        other => other.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_explained_and_fixed() {
        assert!(id_problem("members-per-county").is_none());
        let p = id_problem("Members Per County").unwrap();
        assert!(p.contains("try \"members-per-county\""), "{p}");
        assert!(id_problem("--").unwrap().contains("e.g."));
    }

    #[test]
    fn spanish_lines_only_with_lang_es() {
        let en = skeleton("demo", Path::new("."), None).lesson;
        let es = skeleton("demo", Path::new("."), Some(Lang::Es)).lesson;
        assert!(!en.contains("[lesson.es]") && !en.contains("#es"));
        assert!(es.contains("[lesson.es]") && es.contains("[steps.es]"));
        assert!(!es.contains("#es"));
        assert!(!en.contains("{{") && !es.contains("{{"));
        assert_eq!(title_of("members-per-county"), "Members per county");
    }
}
