//! One folder's entries, read from disk: folders first, then files, each file
//! marked if huddle can read it. Nothing here panics on an odd file system.

use std::cmp::Ordering;
use std::path::{Path, PathBuf};

/// Extensions of files huddle reads (checked without regard to case).
pub const READABLE_EXTENSIONS: &[&str] = &["csv", "tsv", "txt", "xls", "xlsx", "xlsm", "parquet"];

/// What an entry is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntryKind {
    /// `..`: the folder above.
    Parent,
    /// A folder (or a link to one).
    Folder,
    /// Anything else.
    File,
}

/// One line of the listing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The name as on disk (lossy for names that are not UTF-8).
    pub name: String,
    /// Folder, file or `..`.
    pub kind: EntryKind,
    /// A file with an extension huddle reads.
    pub readable: bool,
    /// Size in bytes, for files.
    pub size: Option<u64>,
}

impl Entry {
    /// Whether the name starts with a dot (hidden on Unix).
    pub fn is_hidden(&self) -> bool {
        self.kind != EntryKind::Parent && self.name.starts_with('.')
    }

    /// A short word for the kind of file: "CSV", "Excel", "Parquet", "folder".
    pub fn label(&self) -> &'static str {
        match self.kind {
            EntryKind::Parent => "up",
            EntryKind::Folder => "folder",
            EntryKind::File => file_label(&self.name),
        }
    }
}

/// Whether huddle reads a file with this name (by its extension).
pub fn is_readable_name(name: &str) -> bool {
    !file_label(name).is_empty()
}

fn file_label(name: &str) -> &'static str {
    let ext = Path::new(name)
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    match ext.as_str() {
        "csv" => "CSV",
        "tsv" => "TSV",
        "txt" => "text",
        "xls" | "xlsx" | "xlsm" => "Excel",
        "parquet" => "Parquet",
        _ => "",
    }
}

/// The entries of `dir`, `..` first (unless `dir` is a root), then folders, then
/// files, each group sorted by name ignoring case. `Err` says why it cannot be read.
pub fn read_folder(dir: &Path) -> Result<Vec<Entry>, String> {
    let rd = std::fs::read_dir(dir).map_err(|e| describe_io(&e))?;
    let mut out: Vec<Entry> = rd
        .filter_map(Result::ok)
        .map(|de| {
            let name = de.file_name().to_string_lossy().into_owned();
            // Follow links, so a link to a folder opens like a folder.
            let meta = std::fs::metadata(de.path()).ok();
            let is_dir = meta.as_ref().is_some_and(|m| m.is_dir());
            Entry {
                readable: !is_dir && is_readable_name(&name),
                kind: if is_dir {
                    EntryKind::Folder
                } else {
                    EntryKind::File
                },
                size: meta.filter(|m| m.is_file()).map(|m| m.len()),
                name,
            }
        })
        .collect();
    out.sort_by(order);
    if dir.parent().is_some() {
        out.insert(
            0,
            Entry {
                name: "..".into(),
                kind: EntryKind::Parent,
                readable: false,
                size: None,
            },
        );
    }
    Ok(out)
}

fn order(a: &Entry, b: &Entry) -> Ordering {
    let rank = |e: &Entry| (e.kind != EntryKind::Folder) as u8;
    rank(a)
        .cmp(&rank(b))
        .then_with(|| a.name.to_lowercase().cmp(&b.name.to_lowercase()))
        .then_with(|| a.name.cmp(&b.name))
}

/// An I/O error in a learner's words.
pub fn describe_io(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::PermissionDenied => "you do not have permission to open it".into(),
        std::io::ErrorKind::NotFound => "it does not exist (any more)".into(),
        std::io::ErrorKind::NotADirectory => "it is not a folder".into(),
        _ => e.to_string(),
    }
}

/// `~` and `~/…` as the home folder; other text unchanged.
pub fn expand_home(text: &str, home: Option<&Path>) -> PathBuf {
    match (text.strip_prefix('~'), home) {
        (Some(rest), Some(home)) if rest.is_empty() || rest.starts_with('/') => {
            home.join(rest.trim_start_matches('/'))
        }
        _ => PathBuf::from(text),
    }
}

/// `path` with the home folder written as `~`.
pub fn tilde(path: &Path, home: Option<&Path>) -> String {
    if let Some(home) = home
        && let Ok(rest) = path.strip_prefix(home)
    {
        return if rest.as_os_str().is_empty() {
            "~".into()
        } else {
            format!("~/{}", rest.display())
        };
    }
    path.display().to_string()
}

/// A size for people: `812 B`, `12.3 KB`, `4.0 MB`.
pub fn human_size(bytes: u64) -> String {
    const UNITS: [&str; 4] = ["KB", "MB", "GB", "TB"];
    if bytes < 1000 {
        return format!("{bytes} B");
    }
    let mut v = bytes as f64 / 1000.0;
    let mut unit = UNITS[0];
    for u in UNITS.iter().skip(1) {
        if v < 1000.0 {
            break;
        }
        v /= 1000.0;
        unit = u;
    }
    format!("{v:.1} {unit}")
}

/// The longest common prefix of `names` (by characters).
pub fn common_prefix<'a>(names: impl IntoIterator<Item = &'a str>) -> String {
    let mut it = names.into_iter();
    let Some(first) = it.next() else {
        return String::new();
    };
    let mut prefix: Vec<char> = first.chars().collect();
    for n in it {
        let same = prefix
            .iter()
            .zip(n.chars())
            .take_while(|(a, b)| *a == b)
            .count();
        prefix.truncate(same);
    }
    prefix.into_iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_and_prefixes_read_well() {
        assert_eq!(human_size(812), "812 B");
        assert_eq!(human_size(12_300), "12.3 KB");
        assert_eq!(human_size(4_000_000), "4.0 MB");
        assert_eq!(common_prefix(["members.csv", "members.xlsx"]), "members.");
        assert_eq!(common_prefix(["José.csv", "Josefa.csv"]), "Jos");
        assert_eq!(common_prefix([]), "");
    }

    #[test]
    fn readable_files_are_known_by_extension_in_any_case() {
        for n in [
            "a.csv",
            "B.TSV",
            "c.txt",
            "van.xls",
            "d.XLSX",
            "e.xlsm",
            "f.parquet",
        ] {
            assert!(is_readable_name(n), "{n}");
        }
        for n in ["notes.docx", "csv", "archive.zip", ".csv.bak"] {
            assert!(!is_readable_name(n), "{n}");
        }
    }

    #[test]
    fn home_is_written_as_a_tilde_both_ways() {
        let home = Path::new("/home/ana");
        assert_eq!(expand_home("~/data", Some(home)), home.join("data"));
        assert_eq!(expand_home("~", Some(home)), home.to_path_buf());
        assert_eq!(expand_home("~bob/x", Some(home)), PathBuf::from("~bob/x"));
        assert_eq!(tilde(&home.join("data/x"), Some(home)), "~/data/x");
        assert_eq!(tilde(home, Some(home)), "~");
        assert_eq!(tilde(Path::new("/srv"), Some(home)), "/srv");
    }
}
