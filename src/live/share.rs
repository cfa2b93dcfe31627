//! Sample data a coach sends with the lesson (`huddle host --share-data`), so a
//! coach's new lesson runs for learners who do not have its files.
//!
//! Only tables the lesson marks `sample = true` are ever sent, up to
//! [`MAX_SHARED_BYTES`] in all; the learner's side checks the same rule again and
//! keeps what arrived in memory only.

use super::protocol::{MAX_SHARED_BYTES, SharedFile};
use crate::i18n::trf;
use crate::lesson::course::{LessonEntry, SharedFiles};
use crate::lesson::model::Lesson;

/// What the host will send, and what it will not.
#[derive(Debug, Default)]
pub struct Outgoing {
    /// The files sent with every welcome.
    pub files: Vec<SharedFile>,
    /// Tables kept back, each with why (for the coach).
    pub kept: Vec<String>,
}

/// Read the lesson's sample tables to send; an error when nothing may be sent or
/// the files are too large.
pub fn outgoing(entry: &LessonEntry, lesson: &Lesson) -> Result<Outgoing, String> {
    let mut out = Outgoing::default();
    let mut total = 0usize;
    for (table, decl) in &lesson.tables {
        if !decl.sample {
            out.kept.push(trf(
                "table `{table}` is not sent: the lesson does not mark it `sample = true`",
                &[("table", table)],
            ));
            continue;
        }
        let bytes = entry.read_data(&decl.file).map_err(|e| {
            trf(
                "--share-data: table `{table}`: {e}",
                &[("table", table), ("e", &e)],
            )
        })?;
        total += bytes.len();
        if total > MAX_SHARED_BYTES {
            return Err(trf(
                "--share-data sends at most {cap} KB of sample data, and table `{table}` ({file}) takes it past that. Ask learners to install the lesson with its data, or host without --share-data",
                &[
                    ("cap", &(MAX_SHARED_BYTES / 1024)),
                    ("table", table),
                    ("file", &decl.file),
                ],
            ));
        }
        out.files.push(SharedFile {
            table: table.clone(),
            data: data_encoding::BASE64.encode(&bytes),
        });
    }
    if out.files.is_empty() {
        return Err(trf(
            "--share-data: none of this lesson's tables is marked `sample = true`, so there is nothing that may be sent. Mark made-up or public sample tables in the lesson (see docs/live-call.md)",
            &[],
        ));
    }
    Ok(out)
}

/// The files that arrived, checked against the lesson: only its `sample = true`
/// tables, at most [`MAX_SHARED_BYTES`], keyed by the `file` the lesson names.
pub fn incoming(lesson: &Lesson, files: &[SharedFile]) -> Result<SharedFiles, String> {
    let mut got = SharedFiles::default();
    let mut total = 0usize;
    for f in files {
        let Some(decl) = lesson.tables.get(&f.table).filter(|d| d.sample) else {
            // The rule holds on this side too: nothing else is taken in.
            continue;
        };
        let bytes = data_encoding::BASE64
            .decode(f.data.as_bytes())
            .map_err(|_| {
                crate::i18n::tr("the sample data from the coach arrived damaged; join again")
                    .to_string()
            })?;
        total += bytes.len();
        if total > MAX_SHARED_BYTES {
            return Err(crate::i18n::tr(
                "the coach sent more sample data than huddle takes in; ask your coach",
            )
            .to_string());
        }
        got.0.insert(decl.file.clone(), bytes);
    }
    Ok(got)
}
