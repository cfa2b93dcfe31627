//! Results of background work, sent from the worker threads to the player.

use crate::check::Verdict;
use crate::data::profile::ColumnProfile;
use crate::data::sql::Catalog;
use crate::lesson::stage::{QueryRun, Staged};

/// Results of background work.
pub enum Job {
    /// A lesson's tables loaded (or why not).
    Loaded(Result<(Catalog, crate::data::mask::Masker), String>),
    /// A step's data.
    Staged(usize, Staged),
    /// A query run (F5).
    Ran(usize, QueryRun),
    /// A submitted answer checked; query steps also bring the run.
    Checked(usize, Option<QueryRun>, Result<Verdict, String>),
    /// A column profile.
    Profiled(Option<ColumnProfile>),
    /// A bench's ops re-applied (for `version` of its ops) and its rules re-checked.
    Benched {
        /// Which bench.
        at: super::bench::BenchAt,
        /// The bench version the result is for.
        version: u64,
        /// The table after the ops and what each op changed, or why they failed.
        result: Result<
            (
                polars::prelude::DataFrame,
                Vec<crate::data::recipe::OpOutcome>,
            ),
            String,
        >,
        /// The step's rules on that table.
        rules: Vec<crate::check::clean::RuleOutcome>,
    },
    /// A file (or warehouse table) picked in a lesson with several tables, read to
    /// ask which table it is for: (path, sheet, raw table).
    Probed(
        Box<(
            std::path::PathBuf,
            Option<String>,
            Result<crate::data::import::RawTable, String>,
        )>,
    ),
    /// The learner's own files read, with the sample tables they do not replace.
    ReadOwn(Box<Result<super::own_flow::OwnLoad, String>>),
    /// One own file read again with another header line (from the mapping screen).
    Reread(
        Box<(
            super::own_data::OwnFile,
            Result<crate::data::import::RawTable, String>,
        )>,
    ),
    /// One own file mapped and typed: (file, rows, table and problems).
    Mapped(
        super::own_data::OwnFile,
        usize,
        Result<
            (
                polars::prelude::DataFrame,
                Vec<crate::data::mapping::DataProblem>,
            ),
            String,
        >,
    ),
    /// A column's values counted (column, counts).
    Counted(String, Result<Vec<(String, usize)>, String>),
    /// Clusters of spellings found in a column.
    Clustered(
        String,
        crate::data::cluster::Method,
        Result<Vec<crate::data::cluster::Cluster>, String>,
    ),
    /// Coach mode: a step's `answer_sql` computed (step index, value).
    CoachAnswer(usize, Result<String, String>),
    /// An op tried on the bench's table.
    Previewed(
        crate::data::recipe::Op,
        Result<crate::data::preview::Preview, String>,
    ),
}
