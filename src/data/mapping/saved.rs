//! Remembered mappings: which of a learner's columns stood for each declared
//! column last time, so next month's export maps itself. Only column names are
//! kept, never a value. Files live in `<progress folder>/mappings/`, one per
//! lesson, table and header, written atomically.

use super::Mapping;
use crate::progress::store::Store;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::io::Write as _;
use std::path::PathBuf;

/// The remembered-mapping file format written by this version.
pub const MAPPING_FORMAT: u32 = 1;

/// A mapping the learner confirmed, as saved on disk.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SavedMapping {
    /// File format version.
    pub format: u32,
    /// The lesson's id.
    pub lesson: String,
    /// The declared table.
    pub table: String,
    /// [`header_key`] of the file's header when it was saved.
    pub header: String,
    /// Declared column → the learner's column.
    pub columns: BTreeMap<String, String>,
}

impl SavedMapping {
    /// What to remember of a confirmed mapping for a file with this header.
    pub fn new(lesson: &str, table: &str, header: &[String], mapping: &Mapping) -> Self {
        SavedMapping {
            format: MAPPING_FORMAT,
            lesson: lesson.to_string(),
            table: table.to_string(),
            header: header_key(header),
            columns: mapping
                .pairs
                .iter()
                .filter_map(|p| {
                    p.file_column
                        .as_ref()
                        .map(|f| (p.declared.clone(), f.clone()))
                })
                .collect(),
        }
    }

    /// How many of the remembered file columns `header` has.
    fn overlap(&self, header: &[String]) -> usize {
        self.columns.values().filter(|f| header.contains(f)).count()
    }
}

/// A fingerprint of a header: the same names in the same order give the same
/// key on every machine and every run (FNV-1a, 64 bits, as hex).
pub fn header_key(header: &[String]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for (i, name) in header.iter().enumerate() {
        let sep: &[u8] = if i == 0 { b"" } else { b"\x1f" };
        for b in sep.iter().chain(name.as_bytes()) {
            h ^= u64::from(*b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    format!("{h:016x}")
}

/// The folder of remembered mappings, when the store has a folder.
pub fn mappings_dir(store: &Store) -> Option<PathBuf> {
    store.dir().map(|d| d.join("mappings"))
}

/// Lesson ids are `[a-z0-9-]+`; table names are TOML keys: only names that are
/// safe as parts of a file name are saved.
fn safe(part: &str) -> bool {
    !part.is_empty()
        && part
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

fn prefix(lesson: &str, table: &str) -> Option<String> {
    (safe(lesson) && safe(table)).then(|| format!("{lesson}.{table}."))
}

/// Remember a confirmed mapping (atomically: a temporary file, then a rename).
/// Does nothing when there is no folder or the names are not safe file names.
pub fn save_mapping(store: &Store, saved: &SavedMapping) -> std::io::Result<()> {
    let (Some(dir), Some(prefix)) = (mappings_dir(store), prefix(&saved.lesson, &saved.table))
    else {
        return Ok(());
    };
    std::fs::create_dir_all(&dir)?;
    let mut record = saved.clone();
    record.format = MAPPING_FORMAT;
    let json = serde_json::to_vec_pretty(&record).map_err(std::io::Error::other)?;
    crate::output::write(
        &dir.join(format!("{prefix}{}.json", record.header)),
        &[],
        crate::output::Existing::Replace,
        crate::output::Audience::Private,
        |f| f.write_all(&json),
    )?;
    Ok(())
}

/// The remembered mapping for a lesson's table and a file's header: the one
/// saved for exactly this header, else the one that names most of its columns
/// (a later export with a column added). Unreadable files are skipped.
pub fn load_mapping(
    store: &Store,
    lesson: &str,
    table: &str,
    header: &[String],
) -> Option<SavedMapping> {
    let dir = mappings_dir(store)?;
    let prefix = prefix(lesson, table)?;
    let read = |name: &str| -> Option<SavedMapping> {
        let text = std::fs::read_to_string(dir.join(name)).ok()?;
        serde_json::from_str::<SavedMapping>(&text)
            .ok()
            .filter(|m| m.format <= MAPPING_FORMAT && m.lesson == lesson && m.table == table)
    };
    let key = header_key(header);
    if let Some(exact) = read(&format!("{prefix}{key}.json")) {
        return Some(exact);
    }
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .ok()?
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.starts_with(&prefix) && n.ends_with(".json"))
        .collect();
    names.sort();
    let mut best: Option<(usize, SavedMapping)> = None;
    for name in names {
        if let Some(m) = read(&name) {
            let n = m.overlap(header);
            if n > 0 && best.as_ref().is_none_or(|(b, _)| n > *b) {
                best = Some((n, m));
            }
        }
    }
    best.map(|(_, m)| m)
}
