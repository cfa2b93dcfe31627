//! SQL for learners and lessons: one plain query over registered tables, on a real
//! engine, within budgets, with errors in plain words.
//!
//! - [`guard`]: what may run (one read-only query over the lesson's tables) and how
//!   big it may be;
//! - [`engine`]: the engine behind a small trait (Apache DataFusion today);
//! - [`bridge`]: polars tables to Arrow and back, without copying;
//! - [`explain`]: the engine's failures in plain words, with the place in the query;
//! - [`Catalog`]: the tables and the one way a query runs.

pub mod bridge;
pub mod budget;
mod case;
mod catalog;
pub mod correlated;
pub mod engine;
mod error;
pub mod explain;
pub mod functions;
pub mod guard;
pub mod interrupt;
mod locate;
pub mod named;
pub mod names;
pub mod semantics;

pub use budget::{Budget, Cancel};
pub use catalog::{Catalog, filter_rows};
pub use error::SqlError;
pub use guard::guard;

#[cfg(test)]
mod tests;
