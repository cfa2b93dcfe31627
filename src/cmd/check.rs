//! `huddle check [PATH...]`: the coach's test for lesson files.

use super::{EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, course_entries};
use crate::cli::Format;
use crate::diag::Severity;
use crate::lesson::course;
use crate::lesson::validate::{LessonCheck, check_entries};
use std::path::PathBuf;

/// Run the check and print one line per problem, then a summary.
pub fn run(paths: &[PathBuf], lessons: Option<&PathBuf>, format: Format) -> i32 {
    let entries = if paths.is_empty() {
        match course_entries(lessons) {
            Ok(e) => e,
            Err(e) => {
                eprintln!("huddle check: {e}");
                return EXIT_USAGE;
            }
        }
    } else {
        let (entries, errors) = course::from_paths(paths);
        if !errors.is_empty() {
            for (p, e) in errors {
                eprintln!("huddle check: {p}: {e}");
            }
            return EXIT_USAGE;
        }
        entries
    };
    let results = check_entries(&entries);
    let (errors, warnings) = count(&results);
    match format {
        Format::Text => {
            for r in &results {
                for d in &r.diagnostics {
                    println!("{}", d.render());
                }
            }
            println!(
                "{} lesson{}, {errors} error{}, {warnings} warning{}",
                results.len(),
                plural(results.len()),
                plural(errors),
                plural(warnings)
            );
        }
        Format::Json => {
            let doc = serde_json::json!({
                "lessons": results,
                "summary": { "lessons": results.len(), "errors": errors, "warnings": warnings },
            });
            println!("{}", serde_json::to_string_pretty(&doc).unwrap_or_default());
        }
    }
    if errors > 0 { EXIT_PROBLEMS } else { EXIT_OK }
}

fn count(results: &[LessonCheck]) -> (usize, usize) {
    let all = results.iter().flat_map(|r| &r.diagnostics);
    let errors = all
        .clone()
        .filter(|d| d.severity == Severity::Error)
        .count();
    let warnings = all.filter(|d| d.severity == Severity::Warning).count();
    (errors, warnings)
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}
