//! Where a table comes from, behind one small contract ([`TableSource`]): files are
//! read by [`crate::data::import`]; a warehouse (Postgres, Redshift) by
//! [`postgres::PgSource`], which sends the heavy work to the database.
//!
//! Adding an engine (BigQuery, an ADBC driver) means one more type that implements
//! [`TableSource`] and one more arm in [`Source::parse`]; the player and the commands
//! only see the trait (docs/warehouse.md).

pub mod pg_sql;
pub mod pg_tls;
pub mod pg_types;
pub mod pg_url;
pub mod pgpass;
pub mod postgres;

use crate::chart::Every;
use crate::data::import::RawTable;
use crate::data::load_progress::LoadProgress;
use crate::data::types::ColumnType;
use polars::prelude::DataFrame;

/// One column as the source describes it.
#[derive(Debug, Clone, PartialEq)]
pub struct ColumnDesc {
    /// Its name.
    pub name: String,
    /// The type huddle reads it as.
    pub kind: ColumnType,
    /// The source's own name for the type (`int8`, `numeric`, `timestamptz`, ...).
    pub source_type: String,
}

/// How the values of a group are combined.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Combine {
    /// Rows per group.
    Count,
    /// Sum of the value column.
    Sum,
    /// Mean of the value column.
    Mean,
}

/// A group-by that a source may run itself: one row per value of `x` (or per bucket
/// of dates), with one number.
#[derive(Debug, Clone, PartialEq)]
pub struct GroupBy {
    /// The category (or date) column.
    pub x: String,
    /// The value column, for a sum or a mean.
    pub y: Option<String>,
    /// How values combine.
    pub combine: Combine,
    /// Put dates at the start of their day (or of `every`), as a line over dates
    /// does; past 150 days, in the bucket chosen as for a file.
    pub bucket_dates: bool,
    /// The bucket for dates, when asked for.
    pub every: Option<Every>,
}

/// What a group-by gave back: the rows (`x`, then the number, named `value`) and
/// the bucket the dates were put in, when they were.
#[derive(Debug)]
pub struct Grouped {
    /// Two columns: the category and the number.
    pub df: DataFrame,
    /// The unit dates were bucketed by.
    pub every: Option<Every>,
    /// Rows the groups were made of.
    pub rows: usize,
}

/// A table from somewhere: describe it, read (some of) its columns, or have it
/// group and count by itself.
pub trait TableSource {
    /// A name to show people (never holds a password).
    fn label(&self) -> String;
    /// The columns and their types, without reading rows.
    fn describe(&mut self) -> Result<Vec<ColumnDesc>, String>;
    /// Read `columns` (all when `None`) as text cells with the source's types in
    /// the report. With `limit`, the first rows only (a sample to map columns on);
    /// without, every row, refused past the source's row cap rather than cut short.
    fn read(
        &mut self,
        columns: Option<&[String]>,
        limit: Option<usize>,
        progress: &LoadProgress,
    ) -> Result<RawTable, String>;
    /// Group and combine where the data lives, giving back only the result rows.
    fn aggregate(&mut self, spec: &GroupBy, value: &str) -> Result<Grouped, String>;
}

/// A data source named on the command line or in the file browser.
#[derive(Debug, Clone, PartialEq)]
pub enum Source {
    /// A warehouse table or query.
    Postgres(pg_url::PgUrl),
}

impl Source {
    /// `Some` when `arg` names a database rather than a file: a `postgres://` or
    /// `postgresql://` address. `Err` says what is wrong with the address (and
    /// never repeats a password written in it).
    pub fn parse(arg: &str) -> Option<Result<Source, String>> {
        pg_url::is_postgres_url(arg).then(|| pg_url::PgUrl::parse(arg).map(Source::Postgres))
    }

    /// Open the source (connects on first use).
    pub fn open(&self, ask: pgpass::Ask) -> Box<dyn TableSource> {
        match self {
            Source::Postgres(url) => Box::new(postgres::PgSource::new(url.clone(), ask)),
        }
    }
}

/// Rows of a warehouse table shown on the mapping screen before the mapped columns
/// are fetched in full.
pub const SAMPLE_ROWS: usize = 500;

/// `Some` when the path given for a file is really a database address.
pub fn parse_path(path: &std::path::Path) -> Option<Result<Source, String>> {
    path.to_str().and_then(Source::parse)
}

/// How to show a path or address in a message: a database address with any
/// password in it replaced by `***`.
pub fn shown(path: &std::path::Path) -> String {
    match path.to_str() {
        Some(s) if pg_url::is_postgres_url(s) => pg_url::redact(s),
        _ => path.display().to_string(),
    }
}

/// Read `path` into a raw table: a file (never modified) or, when `path` is a
/// database address, the table or query it names. The error has no path in it.
pub fn read_raw(
    path: &std::path::Path,
    sheet: Option<&str>,
    opts: &crate::data::import::ReadOptions,
    progress: &LoadProgress,
    ask: pgpass::Ask,
) -> Result<RawTable, String> {
    match parse_path(path) {
        Some(source) => source?.open(ask).read(None, None, progress),
        None => crate::data::import::read_raw_file_opts(path, sheet, opts, progress)
            .map_err(|e| e.to_string()),
    }
}
