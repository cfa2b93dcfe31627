//! Command-line arguments (clap derive).

use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// huddle — learn to clean and chart your own data, one step at a time.
#[derive(Debug, Parser)]
#[command(name = "huddle", version, about, long_about = None)]
pub struct Cli {
    /// A folder of lessons to use instead of the bundled course.
    #[arg(long, global = true, value_name = "DIR")]
    pub lessons: Option<PathBuf>,

    /// What to do (with none: show the course).
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Output formats for listing and report commands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum Format {
    /// For people.
    #[default]
    Text,
    /// For scripts: a stable shape documented in docs/cli-json.md.
    Json,
}

/// Subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check lesson files: they load, their data loads, every query and answer works.
    Check {
        /// Lesson files or folders (none: the bundled course, or --lessons).
        paths: Vec<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// List the lessons of the course.
    List {
        /// Output format.
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
}
