//! The subcommands, each a function from parsed arguments to an exit code.

pub mod apply;
pub mod chart;
mod chart_source;
mod chart_tally;
pub mod check;
pub mod cohort;
pub mod inspect;
pub mod list;
pub mod live;
pub mod new;
pub mod progress;
pub mod report;
pub mod schema;
pub mod shell;
mod spinner;
pub mod sql;

use crate::lesson::course::{self, LessonEntry};
use std::path::PathBuf;

/// Exit code: everything fine.
pub const EXIT_OK: i32 = 0;
/// Exit code: problems were found.
pub const EXIT_PROBLEMS: i32 = 1;
/// Exit code: the command was used wrongly (bad path, bad flag).
pub const EXIT_USAGE: i32 = 2;
/// Exit code of `huddle apply`: OUTPUT was written, but some rows could not be read
/// and were written to the rejects file instead.
pub const EXIT_SET_ASIDE: i32 = 3;

/// Write `text` to stdout. A reader that went away (`huddle cohort | head`) is not
/// an error worth a panic: the rest is dropped.
pub fn print_out(text: &str) {
    use std::io::Write as _;
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(text.as_bytes()).and_then(|()| out.flush());
}

/// An error as a command prints it under `--mask`: anything that could be a data
/// value is hidden (a database's or a reader's message may quote one), keeping the
/// column and table names in `names` and the words of a query in a database
/// address (`?query=`), which the learner wrote.
pub fn masked_error(msg: &str, names: &[&str], source: &std::path::Path) -> String {
    let mut m = crate::data::mask::Masker::new();
    for n in names {
        m.know_name(n);
    }
    let words = match crate::source::parse_path(source) {
        Some(Ok(crate::source::Source::Postgres(url))) => match &url.what {
            crate::source::pg_url::PgWhat::Query(q) => crate::tui::masking::query_words(q),
            crate::source::pg_url::PgWhat::Table { schema, name } => {
                schema.iter().chain([name]).cloned().collect()
            }
        },
        _ => Vec::new(),
    };
    m.scrub_keeping(msg, &words)
}

/// The lesson files of `--lessons DIR`, or the bundled course.
pub fn course_entries(lessons: Option<&PathBuf>) -> Result<Vec<LessonEntry>, String> {
    match lessons {
        None => Ok(course::bundled()),
        Some(dir) => {
            if !dir.is_dir() {
                return Err(format!("{}: not a folder of lessons", dir.display()));
            }
            let (entries, errors) = course::from_paths(std::slice::from_ref(dir));
            match errors.first() {
                Some((p, e)) => Err(format!("{p}: {e}")),
                None => Ok(entries),
            }
        }
    }
}
