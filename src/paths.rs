//! Where huddle keeps a learner's progress: `$HUDDLE_DATA_DIR`, else the XDG data dir.

use std::path::PathBuf;

/// The folder for progress and remembered settings.
///
/// `HUDDLE_DATA_DIR` wins (tests and scripts use it for isolation); otherwise
/// `$XDG_DATA_HOME/huddle` (or the platform's data folder, e.g. `~/.local/share/huddle`).
pub fn data_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("HUDDLE_DATA_DIR").filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(dir));
    }
    if let Some(xdg) = std::env::var_os("XDG_DATA_HOME").filter(|d| !d.is_empty()) {
        let p = PathBuf::from(xdg);
        if p.is_absolute() {
            return Some(p.join("huddle"));
        }
    }
    directories::ProjectDirs::from("org", "huddle", "huddle").map(|d| d.data_dir().to_path_buf())
}
