//! Writing a file: a cleaned CSV, a coach export, a lesson skeleton, a saved recipe,
//! a progress record. Every write goes through [`write`], which
//!
//! - refuses a destination that is not a regular file (a folder, `/dev/null`, a pipe)
//!   and never writes through or replaces a symbolic link;
//! - refuses a destination that is one of the command's own inputs (same file, by
//!   device and inode, whatever name it was given by);
//! - writes beside the destination first and moves the file into place only when it is
//!   complete, so a crash leaves the old file or the new one, never half of one;
//! - creates shared files with the usual permissions (`0666` minus the umask), and
//!   huddle's own records readable by their owner only.
//!
//! A `kill -9` between the first write and the move leaves a temporary file named
//! `.huddle-tmp-…` behind; [`sweep_stale_temp_files`] removes old ones.

use crate::i18n::trf;
use std::fmt;
use std::fs::File;
use std::io;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

/// How huddle's temporary files start, so the sweep knows its own.
pub const TEMP_PREFIX: &str = ".huddle-tmp-";

/// A temporary file older than this is from a save that never finished.
pub const STALE_AFTER: Duration = Duration::from_secs(60);

/// Who may read the file written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Audience {
    /// A file people share (exports, recipes, lessons): `0666` minus the umask.
    Shared,
    /// huddle's own record for this user (progress, mappings): `0600`.
    Private,
}

/// What to do when the destination exists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Existing {
    /// Refuse (the default everywhere a person names the file).
    Keep,
    /// Replace it (`--force`, or huddle's own records).
    Replace,
}

impl Existing {
    /// `Replace` when `force` is set.
    pub fn replace_if(force: bool) -> Self {
        if force {
            Existing::Replace
        } else {
            Existing::Keep
        }
    }
}

/// Why a file was not written. Nothing was changed on disk in any case.
#[derive(Debug)]
pub enum OutputError {
    /// The destination exists and may not be replaced.
    Exists(PathBuf),
    /// The destination is a folder.
    Folder(PathBuf),
    /// The destination is a device, a pipe or a socket.
    NotAFile(PathBuf),
    /// The destination is a symbolic link.
    Symlink(PathBuf),
    /// The destination is one of the command's inputs.
    IsInput(PathBuf),
    /// The destination's folder does not exist.
    NoFolder(PathBuf),
    /// Writing failed.
    Io(PathBuf, io::Error),
}

impl fmt::Display for OutputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = match self {
            OutputError::Exists(p) => trf(
                "{file} already exists; choose another name, or add --force to replace it",
                &[("file", &p.display())],
            ),
            OutputError::Folder(p) => trf(
                "{file} is a folder; give a file name such as cleaned.csv",
                &[("file", &p.display())],
            ),
            OutputError::NotAFile(p) => trf(
                "{file} is not a regular file (a device, a pipe or a socket); huddle only writes ordinary files: give a file name such as cleaned.csv",
                &[("file", &p.display())],
            ),
            OutputError::Symlink(p) => trf(
                "{file} is a symbolic link; huddle does not write through links: name the file itself, or a new file",
                &[("file", &p.display())],
            ),
            OutputError::IsInput(p) => trf(
                "{file} is one of this command's own input files; write to a new file so the input stays as it was",
                &[("file", &p.display())],
            ),
            OutputError::NoFolder(p) => trf(
                "the folder {folder} does not exist; create it first or write somewhere else",
                &[("folder", &p.display())],
            ),
            OutputError::Io(p, e) => trf(
                "cannot write {file}: {e}",
                &[("file", &p.display()), ("e", e)],
            ),
        };
        f.write_str(&text)
    }
}

impl std::error::Error for OutputError {}

impl From<OutputError> for io::Error {
    fn from(e: OutputError) -> Self {
        match e {
            OutputError::Io(_, e) => e,
            other => io::Error::other(other.to_string()),
        }
    }
}

/// The folder a file is written in (`.` for a bare name).
pub fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// Whether two paths name one file (a hard link, a symlink, `./x` and `x`).
pub fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::metadata(a), std::fs::metadata(b)) {
        (Ok(ma), Ok(mb)) => same_inode(&ma, &mb),
        _ => match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
            (Ok(ca), Ok(cb)) => ca == cb,
            _ => false,
        },
    }
}

#[cfg(unix)]
fn same_inode(a: &std::fs::Metadata, b: &std::fs::Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    a.dev() == b.dev() && a.ino() == b.ino()
}

#[cfg(not(unix))]
fn same_inode(_: &std::fs::Metadata, _: &std::fs::Metadata) -> bool {
    false
}

/// Check that `output` may be written: its folder exists; it is not an input; when it
/// exists it is a regular file (not a link, folder or device) and may be replaced.
pub fn check(output: &Path, inputs: &[&Path], existing: Existing) -> Result<(), OutputError> {
    let folder = folder_of(output);
    if !folder.is_dir() {
        return Err(OutputError::NoFolder(folder.to_path_buf()));
    }
    let meta = match std::fs::symlink_metadata(output) {
        Ok(m) => m,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(OutputError::Io(output.to_path_buf(), e)),
    };
    let kind = meta.file_type();
    if inputs.iter().any(|i| same_file(i, output)) {
        return Err(OutputError::IsInput(output.to_path_buf()));
    }
    if kind.is_symlink() {
        return Err(OutputError::Symlink(output.to_path_buf()));
    }
    if kind.is_dir() {
        return Err(OutputError::Folder(output.to_path_buf()));
    }
    if !kind.is_file() {
        return Err(OutputError::NotAFile(output.to_path_buf()));
    }
    if existing == Existing::Keep {
        return Err(OutputError::Exists(output.to_path_buf()));
    }
    Ok(())
}

/// Write `output` whole or not at all: [`check`] it, let `fill` write the contents to a
/// temporary file beside it, flush that to disk, then move it into place (when
/// `existing` is `Keep`, only if nothing appeared there meanwhile).
pub fn write(
    output: &Path,
    inputs: &[&Path],
    existing: Existing,
    audience: Audience,
    fill: impl FnOnce(&mut File) -> io::Result<()>,
) -> Result<(), OutputError> {
    check(output, inputs, existing)?;
    let fail = |e: io::Error| OutputError::Io(output.to_path_buf(), e);
    let mut builder = tempfile::Builder::new();
    builder.prefix(TEMP_PREFIX);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = match audience {
            Audience::Shared => 0o666,
            Audience::Private => 0o600,
        };
        // The mode given to open(2): the kernel takes the umask off it.
        builder.permissions(std::fs::Permissions::from_mode(mode));
    }
    #[cfg(not(unix))]
    let _ = audience;
    let mut tmp = builder.tempfile_in(folder_of(output)).map_err(fail)?;
    fill(tmp.as_file_mut()).map_err(fail)?;
    tmp.as_file().sync_all().map_err(fail)?;
    let persisted = match existing {
        Existing::Replace => tmp.persist(output),
        Existing::Keep => tmp.persist_noclobber(output),
    };
    persisted.map_err(|e| match e.error.kind() {
        io::ErrorKind::AlreadyExists => OutputError::Exists(output.to_path_buf()),
        _ => fail(e.error),
    })?;
    Ok(())
}

/// Remove temporary files that a killed save left in `dir`: huddle's own
/// (`.huddle-tmp-…`) and those of older versions (`.tmpXXXXXX`), when older than
/// [`STALE_AFTER`] (a younger one may be another huddle's save in progress).
/// Returns how many were removed.
pub fn sweep_stale_temp_files(dir: &Path) -> usize {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    let now = SystemTime::now();
    let mut removed = 0;
    for entry in entries.filter_map(Result::ok) {
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        if !is_temp_name(name) {
            continue;
        }
        let Ok(meta) = entry.metadata() else { continue };
        let old = meta
            .modified()
            .ok()
            .and_then(|m| now.duration_since(m).ok())
            .is_some_and(|age| age >= STALE_AFTER);
        if meta.is_file() && old && std::fs::remove_file(entry.path()).is_ok() {
            removed += 1;
        }
    }
    removed
}

/// `.huddle-tmp-…`, or `.tmp` and six letters or digits (the `tempfile` default).
fn is_temp_name(name: &str) -> bool {
    if name.starts_with(TEMP_PREFIX) {
        return true;
    }
    name.strip_prefix(".tmp")
        .is_some_and(|rest| rest.len() == 6 && rest.chars().all(|c| c.is_ascii_alphanumeric()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn put(path: &Path, text: &str, existing: Existing) -> Result<(), OutputError> {
        write(path, &[], existing, Audience::Shared, |f| {
            io::Write::write_all(f, text.as_bytes())
        })
    }

    #[test]
    fn a_new_file_is_written_and_an_existing_one_kept_unless_replacing() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out.csv");
        put(&out, "one", Existing::Keep).unwrap();
        let e = put(&out, "two", Existing::Keep).unwrap_err();
        assert!(matches!(e, OutputError::Exists(_)), "{e}");
        assert_eq!(std::fs::read_to_string(&out).unwrap(), "one");
        put(&out, "three", Existing::Replace).unwrap();
        assert_eq!(std::fs::read_to_string(&out).unwrap(), "three");
    }

    #[cfg(unix)]
    #[test]
    fn links_devices_folders_and_inputs_are_refused_even_when_replacing() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("target.csv");
        std::fs::write(&target, "keep").unwrap();
        let link = dir.path().join("link.csv");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        let e = put(&link, "x", Existing::Replace).unwrap_err();
        assert!(matches!(e, OutputError::Symlink(_)), "{e}");
        assert!(
            std::fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "keep");

        let e = put(Path::new("/dev/null"), "x", Existing::Replace).unwrap_err();
        assert!(matches!(e, OutputError::NotAFile(_)), "{e}");
        let e = put(dir.path(), "x", Existing::Replace).unwrap_err();
        assert!(matches!(e, OutputError::Folder(_)), "{e}");

        let hard = dir.path().join("hard.csv");
        std::fs::hard_link(&target, &hard).unwrap();
        let e = write(
            &hard,
            &[&target],
            Existing::Replace,
            Audience::Shared,
            |_| Ok(()),
        )
        .unwrap_err();
        assert!(matches!(e, OutputError::IsInput(_)), "{e}");
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "keep");
    }

    #[cfg(unix)]
    #[test]
    fn shared_files_get_the_usual_mode_and_private_ones_stay_private() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let shared = dir.path().join("shared.csv");
        put(&shared, "x", Existing::Keep).unwrap();
        let mode = std::fs::metadata(&shared).unwrap().permissions().mode() & 0o777;
        // Whatever the umask, group or others may read unless the umask says otherwise:
        // the file is not the 0600 of a temporary file.
        let umask = current_umask();
        assert_eq!(mode, 0o666 & !umask, "mode {mode:o}, umask {umask:o}");
        let private = dir.path().join("private.json");
        write(&private, &[], Existing::Keep, Audience::Private, |_| Ok(())).unwrap();
        let mode = std::fs::metadata(&private).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600 & !umask);
    }

    /// The umask, read from a file created with mode 0o777 by the standard library.
    #[cfg(unix)]
    fn current_umask() -> u32 {
        use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("probe");
        std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o777)
            .open(&p)
            .unwrap();
        !std::fs::metadata(&p).unwrap().permissions().mode() & 0o777
    }

    #[test]
    fn only_old_temporary_files_are_swept() {
        let dir = tempfile::tempdir().unwrap();
        let old = SystemTime::now() - Duration::from_secs(3600);
        for name in [".huddle-tmp-abc123", ".tmpA1b2C3"] {
            let f = File::create(dir.path().join(name)).unwrap();
            f.set_modified(old).unwrap();
        }
        File::create(dir.path().join(".huddle-tmp-fresh"))
            .unwrap()
            .set_modified(SystemTime::now())
            .unwrap();
        let kept = File::create(dir.path().join("lesson.json")).unwrap();
        kept.set_modified(old).unwrap();
        assert_eq!(sweep_stale_temp_files(dir.path()), 2);
        let mut left: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        left.sort();
        assert_eq!(left, [".huddle-tmp-fresh", "lesson.json"]);
    }
}
