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

    /// Colours: dark, light or high-contrast (NO_COLOR turns colour off).
    #[arg(long, global = true, value_enum, default_value_t)]
    pub theme: crate::tui::theme::ThemeName,

    /// Language of the player: en or es (default: from LC_ALL, LC_MESSAGES or LANG).
    #[arg(long, global = true, value_enum, value_name = "LANG")]
    pub lang: Option<crate::i18n::Lang>,

    /// Mask personal data on screen (emails, phones, names, addresses): for screen sharing.
    #[arg(long, global = true)]
    pub mask: bool,

    /// Plain player for screen readers and plain terminals: the lesson read out line
    /// by line, tables and charts as text, words for keys (also when TERM=dumb).
    #[arg(long, global = true)]
    pub plain: bool,

    /// Coach mode: a panel with the step's coach notes, solution and common mistakes,
    /// a call timer, and `g` to go to any step.
    #[arg(long, global = true)]
    pub coach: bool,

    /// What to do (with none: open the lesson picker).
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
    /// Open one lesson in the player: its id in the course, or a lesson file.
    Run {
        /// Lesson id (see `huddle list`) or path to a .toml lesson.
        lesson: String,
        /// Use your own file for a lesson table, e.g. `--data members=export.csv`
        /// (CSV/TSV, XLSX/XLS, Parquet; `FILE#SHEET` picks a sheet). Repeatable.
        #[arg(long = "data", value_name = "TABLE=FILE")]
        data: Vec<String>,
        /// Reload the lesson file when it changes on disk (for writing a lesson):
        /// the same step stays open, and errors show on screen until fixed.
        #[arg(long)]
        watch: bool,
        /// The header of the `--data` files is on line N (row N of a sheet), instead
        /// of the line huddle finds; 0 means they have no header row.
        #[arg(long, value_name = "N", requires = "data")]
        header_row: Option<u32>,
    },
    /// Draw a chart of a data file in the terminal (no app), e.g. members per county.
    Chart {
        /// The data file: CSV/TSV, XLSX/XLS (its first sheet with data) or Parquet.
        file: PathBuf,
        /// Category (or x) column.
        #[arg(long)]
        x: String,
        /// Value (or y) column.
        #[arg(long)]
        y: Option<String>,
        /// How to combine values per category.
        #[arg(long, value_enum, default_value_t)]
        agg: crate::cmd::chart::Agg,
        /// Chart type.
        #[arg(long = "type", value_enum, default_value_t)]
        kind: crate::cmd::chart::ChartType,
        /// Width in characters (default: the terminal's width); with --out, in pixels.
        #[arg(long)]
        width: Option<u16>,
        /// Height in lines (default: 20); with --out, in pixels (default: 600).
        #[arg(long)]
        height: Option<u16>,
        /// Write the chart as a picture instead: FILE.png or FILE.svg (for a report or a
        /// slide). --width and --height are then pixels (default 1000 × 600).
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
        /// The chart's title (default: what it shows, e.g. "rows by county").
        #[arg(long)]
        title: Option<String>,
        /// Replace the --out file if it exists.
        #[arg(long, requires = "out")]
        force: bool,
        /// A line over dates: one point per day, week (from Monday), month, quarter or
        /// year, empty ones drawn as zero (default: chosen past 150 days).
        #[arg(long, value_enum, value_name = "UNIT")]
        every: Option<crate::chart::Every>,
        #[command(flatten)]
        read: ReadFlags,
    },
    /// Describe a data file: encoding, delimiter, columns and the problems found in it.
    Inspect {
        /// The data file: CSV/TSV, XLSX/XLS or Parquet (never modified); `FILE#SHEET`
        /// picks a workbook's sheet.
        file: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value_t)]
        format: Format,
        #[command(flatten)]
        read: ReadFlags,
    },
    /// Run one SQL query on data files and print the result, e.g.
    /// `huddle sql --table members=export.csv "SELECT county, COUNT(*) FROM members GROUP BY county"`.
    Sql {
        /// The query: one SELECT (or WITH … SELECT).
        query: String,
        /// A table for the query: NAME=FILE (CSV/TSV, XLSX/XLS or Parquet; `FILE#SHEET`
        /// picks a sheet). Repeatable. Files are never modified.
        #[arg(long = "table", value_name = "NAME=FILE", value_parser = crate::cmd::sql::parse_table_arg)]
        tables: Vec<crate::cmd::sql::TableArg>,
        /// Output format: an aligned table, CSV or JSON.
        #[arg(long, value_enum, default_value_t)]
        format: crate::cmd::sql::SqlFormat,
        #[command(flatten)]
        read: ReadFlags,
    },
    /// Replay a saved cleaning recipe on a new export, writing the result to a new file.
    Apply {
        /// The recipe (a TOML file with `format = 1` and `[[ops]]`).
        recipe: PathBuf,
        /// The export to clean (never modified).
        input: PathBuf,
        /// Where to write the cleaned data (CSV; refused if it exists, unless --force).
        #[arg(short, long)]
        output: PathBuf,
        /// The recipe's column OLD is called NEW in this file. Repeatable.
        #[arg(long = "map", value_name = "OLD=NEW")]
        map: Vec<String>,
        /// Replace OUTPUT if it exists.
        #[arg(long)]
        force: bool,
        #[command(flatten)]
        read: ReadFlags,
    },
    /// Your progress: lessons, steps done, tries, hints, time, reflections; or
    /// `--export FILE` to write what you send your coach (never any of your data).
    Progress {
        /// Output format of the listing.
        #[arg(long, value_enum, default_value_t)]
        format: Format,
        /// Write the file for your coach here (refused if it exists, unless --force).
        #[arg(long, value_name = "FILE")]
        export: Option<PathBuf>,
        /// The name or handle your coach sees in the export (default: none).
        #[arg(long, requires = "export")]
        name: Option<String>,
        /// Write the export without reviewing your reflections first.
        #[arg(long, requires = "export")]
        yes: bool,
        /// Replace FILE if it exists.
        #[arg(long, requires = "export")]
        force: bool,
    },
    /// One web page of your run of a lesson, for a board memo or a grant report: its
    /// charts, your reflections and your cleaning recipes as SQL, pandas and dplyr.
    /// No member row is in it unless you add --include-rows; --mask masks it.
    Report {
        /// Lesson id (see `huddle list`) or path to a .toml lesson.
        lesson: String,
        /// The page to write, e.g. report.html (refused if it exists, unless --force).
        #[arg(long, value_name = "FILE.html")]
        out: PathBuf,
        /// Your own file for a lesson table, as in `huddle run --data`; its columns are
        /// matched as you matched them in the player. Repeatable.
        #[arg(long = "data", value_name = "TABLE=FILE")]
        data: Vec<String>,
        /// Add up to 50 rows of each step's table (member data: share with care).
        #[arg(long)]
        include_rows: bool,
        /// Replace FILE if it exists.
        #[arg(long)]
        force: bool,
    },
    /// For coaches: roll up a folder of learners' progress exports (who finished what,
    /// where they needed the most tries and hints).
    Cohort {
        /// The folder of exports (`*.json`).
        dir: PathBuf,
        /// Print instead of opening the table (text is the default when not a terminal).
        #[arg(long, value_enum)]
        format: Option<crate::cmd::cohort::CohortFormat>,
    },
    /// Start a new lesson: writes DIR/ID.toml, a skeleton showing every step kind, and
    /// the small CSV it uses (DIR/data/ID-members.csv). Never overwrites a file. With
    /// `--lang es` the skeleton also carries Spanish translation sub-tables.
    New {
        /// The lesson id: lowercase letters, digits and dashes, e.g. `members-per-county`.
        id: String,
        /// The folder to write into (default: the current folder; created if missing).
        #[arg(long, value_name = "DIR", default_value = ".")]
        dir: PathBuf,
    },
    /// Print the JSON Schema of the lesson format, for editors: `huddle schema > lesson.schema.json`.
    Schema,
    /// Print a shell completion script: `huddle completions bash > ~/.local/share/bash-completion/completions/huddle`
    /// (bash, zsh, fish, powershell, elvish). Lesson ids complete after `huddle run`.
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff): `huddle man > huddle.1`, or `huddle man | man -l -`.
    Man,
    /// For coaches: host a live cohort call on a lesson. Prints a join code for the
    /// call's chat; learners join with `huddle join CODE`. See docs/live-call.md.
    Host(crate::cmd::live::HostArgs),
    /// Join your coach's live call with the code from the call's chat.
    Join(crate::cmd::live::JoinArgs),
    /// List the lessons of the course.
    List {
        /// Output format.
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
}

/// How to read a data file: shared by `inspect`, `apply` and `chart`.
#[derive(Debug, Clone, Copy, Default, clap::Args)]
pub struct ReadFlags {
    /// Refuse the file when a row has more or fewer fields than the header, instead
    /// of setting those rows aside.
    #[arg(long)]
    pub strict: bool,
    /// The header is on line N of the file (row N of a sheet), instead of the line
    /// huddle finds; 0 means the file has no header row.
    #[arg(long, value_name = "N")]
    pub header_row: Option<u32>,
}

impl ReadFlags {
    /// As options for the importer.
    pub fn options(self) -> crate::data::import::ReadOptions {
        crate::data::import::ReadOptions {
            strict: self.strict,
            header: self
                .header_row
                .map(crate::data::layout::HeaderChoice::from_row)
                .unwrap_or_default(),
        }
    }
}
