//! `huddle apply RECIPE INPUT -o OUTPUT`: replay a saved recipe on a new export.

use std::path::PathBuf;

/// Parsed arguments of `huddle apply`.
#[derive(Debug, Clone)]
pub struct ApplyArgs {
    /// The recipe file.
    pub recipe: PathBuf,
    /// The export to clean (never modified).
    pub input: PathBuf,
    /// The new file to write.
    pub output: PathBuf,
    /// `OLD=NEW` column renames: the recipe's OLD is the file's NEW.
    pub map: Vec<String>,
    /// Replace OUTPUT if it exists.
    pub force: bool,
}

/// Run the command; returns the exit code.
pub fn run(_args: &ApplyArgs) -> i32 {
    eprintln!("huddle apply: not built yet");
    crate::cmd::EXIT_USAGE
}
