//! The tables a lesson, a learner's file or the CLI registers, and the one way SQL
//! runs over them.

use super::budget::{Budget, Cancel};
use super::engine::{DataFusion, SqlEngine};
use super::explain::{Context, EngineFailure, explain};
use super::guard::{guard, guard_parsed, parse};
use super::{SqlError, bridge};
use crate::i18n::trf;
use arrow::record_batch::RecordBatch;
use indexmap::IndexMap;
use polars::prelude::{AnyValue, DataFrame};
use std::collections::BTreeSet;
use std::sync::{Arc, OnceLock};

/// Tables registered for SQL, by name, in the order they were added.
#[derive(Clone)]
pub struct Catalog {
    tables: IndexMap<String, Table>,
    engine: Arc<dyn SqlEngine>,
    /// Stops the queries of this copy when set (Esc in the player).
    cancel: Cancel,
}

#[derive(Clone)]
struct Table {
    df: DataFrame,
    /// The same rows as the engine reads them, made on first use.
    batch: Arc<OnceLock<Result<RecordBatch, String>>>,
}

impl std::fmt::Debug for Catalog {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Catalog")
            .field("tables", &self.tables.keys().collect::<Vec<_>>())
            .finish()
    }
}

impl Default for Catalog {
    fn default() -> Self {
        Catalog::with_engine(Arc::new(DataFusion))
    }
}

impl Catalog {
    /// An empty catalog on the default engine.
    pub fn new() -> Self {
        Catalog::default()
    }

    /// An empty catalog on `engine`.
    pub fn with_engine(engine: Arc<dyn SqlEngine>) -> Self {
        Catalog {
            tables: IndexMap::new(),
            engine,
            cancel: Cancel::new(),
        }
    }

    /// A copy whose queries stop when `cancel` is set; the tables are shared.
    pub fn with_cancel(&self, cancel: Cancel) -> Catalog {
        Catalog {
            cancel,
            ..self.clone()
        }
    }

    /// Register (or replace) a table.
    pub fn insert(&mut self, name: impl Into<String>, df: DataFrame) {
        self.tables.insert(
            name.into(),
            Table {
                df,
                batch: Arc::new(OnceLock::new()),
            },
        );
    }

    /// A registered table.
    pub fn get(&self, name: &str) -> Option<&DataFrame> {
        self.tables.get(name).map(|t| &t.df)
    }

    /// Registered names, in order.
    pub fn names(&self) -> Vec<&str> {
        self.tables.keys().map(String::as_str).collect()
    }

    /// Run one query within the default budget. See [`crate::sql`] for what is refused.
    pub fn query(&self, sql: &str) -> Result<DataFrame, SqlError> {
        self.query_with(sql, &Budget::default(), &self.cancel)
    }

    /// Run one query within `budget`; setting `cancel` stops it.
    pub fn query_with(
        &self,
        sql: &str,
        budget: &Budget,
        cancel: &Cancel,
    ) -> Result<DataFrame, SqlError> {
        let mut statements = parse(sql)?;
        let used = guard_parsed(&statements, &self.names())?;
        let mut statement = statements.remove(0);
        let mut known: Vec<String> = self.tables.keys().cloned().collect();
        for t in self.tables.values() {
            known.extend(t.df.get_column_names().iter().map(|c| c.to_string()));
        }
        super::case::fold_case(&mut statement, &known);
        let mut tables = Vec::with_capacity(used.len());
        for name in &used {
            tables.push((name.clone(), self.batch(name)?));
        }
        let cx = Context {
            sql,
            columns: self
                .tables
                .iter()
                .map(|(n, t)| {
                    let cols =
                        t.df.get_column_names()
                            .iter()
                            .map(|c| c.to_string())
                            .collect();
                    (n.as_str(), cols)
                })
                .collect(),
        };
        self.engine
            .run(&tables, statement, budget, cancel)
            .map_err(|f| explain(f, &cx))
    }

    fn batch(&self, name: &str) -> Result<RecordBatch, SqlError> {
        let table = &self.tables[name];
        table
            .batch
            .get_or_init(|| bridge::to_record_batch(&table.df).map_err(|e| e.to_string()))
            .clone()
            .map_err(|e| {
                explain(
                    EngineFailure::Other(format!("table {name}: {e}")),
                    &Context {
                        sql: "",
                        columns: Vec::new(),
                    },
                )
            })
    }

    /// Check a query without running it; returns the registered tables it reads.
    pub fn guard(&self, sql: &str) -> Result<BTreeSet<String>, SqlError> {
        guard(sql, &self.names())
    }

    /// A single value from a query that must return exactly one row and one column.
    pub fn scalar(&self, sql: &str) -> Result<AnyValue<'static>, SqlError> {
        let df = self.query(sql)?;
        if df.width() != 1 || df.height() != 1 {
            return Err(SqlError::plain(trf(
                "this query must return exactly one value, but it returned {rows} row(s) and {cols} column(s)",
                &[("rows", &df.height()), ("cols", &df.width())],
            )));
        }
        df.columns()[0]
            .get(0)
            .map(|v| v.into_static())
            .map_err(|e| SqlError::plain(e.to_string()))
    }
}

/// Keep the rows of `df` where an SQL condition holds (the `filter` op).
pub fn filter_rows(df: &DataFrame, condition: &str) -> Result<DataFrame, SqlError> {
    let mut c = Catalog::new();
    c.insert("t", df.clone());
    c.query(&format!("SELECT * FROM t WHERE {condition}"))
}
