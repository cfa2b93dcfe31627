//! A course: a folder of lesson files on disk, or the bundled course built into the binary.
//!
//! Data files named by lessons are resolved relative to the lesson file and must stay
//! inside the course root: the folder given (a single lesson file: its own folder), or
//! that folder's parent when the folder is named `lessons`.

use include_dir::{Dir, include_dir};
use std::path::{Component, Path, PathBuf};

static BUNDLED_LESSONS: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/lessons");
static BUNDLED_SAMPLES: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/sample-data");

/// Where a lesson file lives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    /// A file on disk.
    Disk(PathBuf),
    /// A file of the bundled course, by its path inside the project (`lessons/x.toml`).
    Bundled(String),
}

/// One lesson file of a course, with its text.
#[derive(Debug, Clone)]
pub struct LessonEntry {
    /// The name used in messages.
    pub display: String,
    /// Where it is.
    pub location: Location,
    /// The course root its data files must stay within.
    pub root: CourseRoot,
    /// The file's text.
    pub text: String,
}

/// The folder a lesson's data files may not climb out of.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CourseRoot {
    /// A folder on disk.
    Disk(PathBuf),
    /// The bundled course (holds `lessons/` and `sample-data/`).
    Bundled,
    /// A lesson from a live call: its sample data came with it, by `file` as the
    /// lesson names it, and lives in memory only.
    Shared(std::sync::Arc<SharedFiles>),
}

/// Data files sent with a lesson in a live call (`huddle host --share-data`).
#[derive(Clone, Default, PartialEq, Eq)]
pub struct SharedFiles(pub std::collections::BTreeMap<String, Vec<u8>>);

impl std::fmt::Debug for SharedFiles {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.0.keys()).finish()
    }
}

/// Why a lesson's data file cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DataPathError {
    /// `file` is absolute.
    #[error(
        "`file` must be a path relative to the lesson file, not an absolute path: put the data file in the course folder and name it like \"../sample-data/members.csv\""
    )]
    Absolute,
    /// `file` leaves the course root.
    #[error(
        "`file` climbs out of the course folder ({0}): lessons may only read data inside their course; copy the file into the course"
    )]
    OutsideRoot(String),
    /// Not found.
    #[error("data file not found: {0}")]
    NotFound(String),
}

/// The bundled course's lesson files, in name order.
pub fn bundled() -> Vec<LessonEntry> {
    let mut files: Vec<_> = BUNDLED_LESSONS
        .files()
        .filter(|f| f.path().extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort_by_key(|f| f.path().to_path_buf());
    files
        .into_iter()
        .map(|f| {
            let rel = format!("lessons/{}", f.path().display());
            LessonEntry {
                display: format!("<bundled>/{rel}"),
                location: Location::Bundled(rel),
                root: CourseRoot::Bundled,
                text: f.contents_utf8().unwrap_or("").to_string(),
            }
        })
        .collect()
}

/// The course root for a folder given by the user.
pub fn root_for_dir(dir: &Path) -> PathBuf {
    let dir = dir.to_path_buf();
    match (dir.file_name(), dir.parent()) {
        (Some(name), Some(parent)) if name == "lessons" => {
            if parent.as_os_str().is_empty() {
                PathBuf::from(".")
            } else {
                parent.to_path_buf()
            }
        }
        _ => dir,
    }
}

/// Lesson files under `paths` (files or folders; folders give their `*.toml`, sorted).
/// Each path that cannot be read is returned as an error message for it.
pub fn from_paths(paths: &[PathBuf]) -> (Vec<LessonEntry>, Vec<(String, String)>) {
    let mut out = Vec::new();
    let mut errors = Vec::new();
    for p in paths {
        let shown = p.display().to_string();
        if p.is_dir() {
            let root = root_for_dir(&canonical(p));
            match std::fs::read_dir(p) {
                Ok(rd) => {
                    let mut files: Vec<PathBuf> = rd
                        .filter_map(Result::ok)
                        .map(|e| e.path())
                        .filter(|f| f.extension().is_some_and(|e| e == "toml") && f.is_file())
                        .collect();
                    files.sort();
                    if files.is_empty() {
                        errors.push((shown, "no lesson files (*.toml) in this folder".into()));
                    }
                    for f in files {
                        push_file(&f, root.clone(), &mut out, &mut errors);
                    }
                }
                Err(e) => errors.push((shown, format!("cannot read the folder: {e}"))),
            }
        } else if p.is_file() {
            let dir = p.parent().map(Path::to_path_buf).unwrap_or_default();
            let dir = if dir.as_os_str().is_empty() {
                PathBuf::from(".")
            } else {
                dir
            };
            push_file(p, root_for_dir(&canonical(&dir)), &mut out, &mut errors);
        } else {
            errors.push((shown, "no such file or folder".into()));
        }
    }
    (out, errors)
}

/// The folder as the disk names it (`.` and `..` resolved, links followed), so the
/// course root is the same whatever folder the command was run from; as given when
/// it cannot be resolved.
fn canonical(dir: &Path) -> PathBuf {
    std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf())
}

fn push_file(
    f: &Path,
    root: PathBuf,
    out: &mut Vec<LessonEntry>,
    errors: &mut Vec<(String, String)>,
) {
    let shown = f.display().to_string();
    if let Ok(meta) = std::fs::metadata(f)
        && meta.len() > crate::limits::MAX_FILE_BYTES as u64
    {
        errors.push((
            shown,
            format!(
                "the file is {} KB, more than huddle reads for a lesson ({} KB): lessons are small text files; put data in a CSV file and name it in [tables]",
                meta.len() / 1024,
                crate::limits::MAX_FILE_BYTES / 1024
            ),
        ));
        return;
    }
    match std::fs::read(f) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(text) => out.push(LessonEntry {
                display: shown,
                location: Location::Disk(f.to_path_buf()),
                root: CourseRoot::Disk(root),
                text: text.trim_start_matches('\u{feff}').to_string(),
            }),
            Err(_) => errors.push((
                shown,
                "the file is not UTF-8 text: save it as UTF-8 in your editor".into(),
            )),
        },
        Err(e) => errors.push((shown, format!("cannot read the file: {e}"))),
    }
}

/// Remove `.` and resolve `..` without touching the disk; `None` if it climbs above the start.
fn normalize(p: &Path) -> Option<PathBuf> {
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    return None;
                }
            }
            Component::Normal(s) => out.push(s),
            Component::RootDir | Component::Prefix(_) => return None,
        }
    }
    Some(out)
}

impl LessonEntry {
    /// Read a data file named by this lesson (`file` in `[tables.X]`).
    pub fn read_data(&self, file: &str) -> Result<Vec<u8>, DataPathError> {
        let rel = Path::new(file);
        if rel.is_absolute() || file.starts_with('/') || file.starts_with('\\') || rel.has_root() {
            return Err(DataPathError::Absolute);
        }
        match (&self.location, &self.root) {
            (Location::Bundled(lesson), CourseRoot::Bundled) => {
                let dir = Path::new(lesson).parent().unwrap_or(Path::new(""));
                let joined = normalize(&dir.join(rel))
                    .ok_or_else(|| DataPathError::OutsideRoot("the bundled course".into()))?;
                let s = joined.to_string_lossy().replace('\\', "/");
                let found = if let Some(rest) = s.strip_prefix("lessons/") {
                    BUNDLED_LESSONS.get_file(rest)
                } else if let Some(rest) = s.strip_prefix("sample-data/") {
                    BUNDLED_SAMPLES.get_file(rest)
                } else {
                    None
                };
                found
                    .map(|f| f.contents().to_vec())
                    .ok_or(DataPathError::NotFound(s))
            }
            (Location::Disk(lesson), CourseRoot::Disk(root)) => {
                let dir = lesson.parent().unwrap_or(Path::new("."));
                let target = dir.join(rel);
                let root_abs = std::fs::canonicalize(root)
                    .map_err(|_| DataPathError::NotFound(root.display().to_string()))?;
                let dir_abs = std::fs::canonicalize(if dir.as_os_str().is_empty() {
                    Path::new(".")
                } else {
                    dir
                })
                .map_err(|_| DataPathError::NotFound(dir.display().to_string()))?;
                let lexical = dir_abs
                    .strip_prefix(&root_abs)
                    .ok()
                    .and_then(|inside| normalize(&inside.join(rel)));
                if lexical.is_none() {
                    return Err(DataPathError::OutsideRoot(root.display().to_string()));
                }
                let real = std::fs::canonicalize(&target)
                    .map_err(|_| DataPathError::NotFound(target.display().to_string()))?;
                if !real.starts_with(&root_abs) {
                    return Err(DataPathError::OutsideRoot(root.display().to_string()));
                }
                std::fs::read(&real)
                    .map_err(|e| DataPathError::NotFound(format!("{}: {e}", target.display())))
            }
            (_, CourseRoot::Shared(files)) => files.0.get(file).cloned().ok_or_else(|| {
                DataPathError::NotFound(format!(
                    "{file} (the coach did not send it: ask them to host with --share-data, or bring your own with --data)"
                ))
            }),
            _ => Err(DataPathError::NotFound(file.to_string())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_lessons_folder_lets_lessons_reach_sample_data() {
        assert_eq!(
            root_for_dir(Path::new("course/lessons")),
            PathBuf::from("course")
        );
        assert_eq!(root_for_dir(Path::new("lessons")), PathBuf::from("."));
        assert_eq!(
            root_for_dir(Path::new("mycourse")),
            PathBuf::from("mycourse")
        );
    }

    #[test]
    fn normalize_refuses_to_climb_above_its_start() {
        assert_eq!(
            normalize(Path::new("lessons/../sample-data/x.csv")),
            Some(PathBuf::from("sample-data/x.csv"))
        );
        assert_eq!(normalize(Path::new("lessons/../../etc/passwd")), None);
    }

    #[test]
    fn bundled_lessons_read_bundled_sample_data_only() {
        let entry = bundled()
            .into_iter()
            .next()
            .expect("the bundled course has lessons");
        assert!(entry.read_data("../sample-data/members.csv").is_ok());
        assert_eq!(entry.read_data("/etc/passwd"), Err(DataPathError::Absolute));
        assert!(matches!(
            entry.read_data("../../etc/passwd"),
            Err(DataPathError::OutsideRoot(_))
        ));
    }
}
