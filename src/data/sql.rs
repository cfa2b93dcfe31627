//! The only way SQL runs in huddle: one plain query over registered tables.
//!
//! Polars SQL can read files through table functions (`read_csv('/etc/passwd')`) and
//! accepts statements that change its context. Before polars sees a query, the parsed
//! statement is inspected: exactly one `SELECT`-style query, table references that are
//! plain names of registered tables or of this query's own `WITH` parts, no table
//! functions, no `SELECT … INTO`. Each query then runs in a fresh context.

use crate::diag::nearest;
use crate::i18n::{tr, trf};
use indexmap::IndexMap;
use polars::prelude::*;
use polars::sql::SQLContext;
use regex::Regex;
use sqlparser::ast::{
    ObjectName, ObjectNamePart, Query, SetExpr, Statement, TableFactor, Visit, Visitor,
};
use sqlparser::dialect::GenericDialect;
use sqlparser::parser::Parser;
use std::collections::BTreeSet;
use std::fmt;
use std::ops::ControlFlow;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::LazyLock;

/// An SQL problem in plain words, with a position in the query when known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SqlError {
    /// What went wrong and what to try.
    pub message: String,
    /// 1-based line in the query.
    pub line: Option<usize>,
    /// 1-based column in the query.
    pub column: Option<usize>,
}

impl SqlError {
    fn plain(message: impl Into<String>) -> Self {
        SqlError {
            message: message.into(),
            line: None,
            column: None,
        }
    }
}

impl fmt::Display for SqlError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.line, self.column) {
            (Some(l), Some(c)) => f.write_str(&trf(
                "{message} (line {l}, column {c} of the query)",
                &[("message", &self.message), ("l", &l), ("c", &c)],
            )),
            _ => f.write_str(&self.message),
        }
    }
}

impl std::error::Error for SqlError {}

/// Tables registered for SQL, by name, in the order they were added.
#[derive(Debug, Clone, Default)]
pub struct Catalog {
    tables: IndexMap<String, DataFrame>,
}

impl Catalog {
    /// An empty catalog.
    pub fn new() -> Self {
        Catalog::default()
    }

    /// Register (or replace) a table.
    pub fn insert(&mut self, name: impl Into<String>, df: DataFrame) {
        self.tables.insert(name.into(), df);
    }

    /// A registered table.
    pub fn get(&self, name: &str) -> Option<&DataFrame> {
        self.tables.get(name)
    }

    /// Registered names, in order.
    pub fn names(&self) -> Vec<&str> {
        self.tables.keys().map(String::as_str).collect()
    }

    /// Run one query; returns its result. See the module docs for what is refused.
    pub fn query(&self, sql: &str) -> Result<DataFrame, SqlError> {
        self.guard(sql)?;
        let ctx_tables = &self.tables;
        let run = || -> PolarsResult<DataFrame> {
            let mut ctx = SQLContext::new();
            for (name, df) in ctx_tables {
                ctx.register(name, df.clone().lazy());
            }
            ctx.execute(sql)?.collect()
        };
        match catch_unwind(AssertUnwindSafe(run)) {
            Ok(Ok(df)) => Ok(df),
            Ok(Err(e)) => Err(self.explain(e)),
            Err(_) => Err(SqlError::plain(tr(
                "this query made the SQL engine stop unexpectedly; try writing it another way",
            ))),
        }
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

    fn explain(&self, e: PolarsError) -> SqlError {
        let raw = e.to_string();
        let all_columns: Vec<String> = self
            .tables
            .values()
            .flat_map(|df| df.get_column_names().into_iter().map(|s| s.to_string()))
            .collect();
        // Polars sometimes wraps a missing column in context; recognise it by its words.
        let column_missing =
            matches!(e, PolarsError::ColumnNotFound(_)) || raw.contains("unable to find column");
        let message = match &e {
            _ if column_missing => {
                let missing = quoted_name(&raw).unwrap_or_default();
                let cands: Vec<&str> = all_columns.iter().map(String::as_str).collect();
                match nearest(&missing, cands.iter().copied()) {
                    Some(best) if !missing.is_empty() => trf(
                        "there is no column `{missing}`; did you mean `{best}`?",
                        &[("missing", &missing), ("best", &best)],
                    ),
                    _ if !missing.is_empty() => trf(
                        "there is no column `{missing}`; the tables have: {columns}",
                        &[("missing", &missing), ("columns", &cands.join(", "))],
                    ),
                    _ => trf("a column was not found: {e}", &[("e", &first_line(&raw))]),
                }
            }
            _ if engine_words(&raw).is_some() => engine_words(&raw).unwrap_or_default(),
            PolarsError::SQLSyntax(_) => {
                trf("SQL syntax problem: {e}", &[("e", &first_line(&raw))])
            }
            PolarsError::InvalidOperation(_) | PolarsError::SchemaMismatch(_) => {
                trf("this query cannot run: {e}", &[("e", &first_line(&raw))])
            }
            _ => trf("the query failed: {e}", &[("e", &first_line(&raw))]),
        };
        SqlError::plain(message.replace("\n", " "))
    }
}

/// The common engine errors in our own words (and the learner's language): values
/// that do not convert, text compared with or added to numbers. `None` for others.
fn engine_words(raw: &str) -> Option<String> {
    static CONVERSION: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"conversion from `(\w+)` to `(\w+)` failed in column '([^']*)' for (\d+) out of (\d+) values")
            .expect("pattern compiles")
    });
    if let Some(c) = CONVERSION.captures(raw) {
        let get = |i: usize| c.get(i).map_or("", |m| m.as_str());
        return Some(trf(
            "{n} of the {total} values of column `{column}` cannot be turned into {kind}: look at them, or leave out the CAST",
            &[
                ("n", &get(4)),
                ("total", &get(5)),
                ("column", &get(3)),
                ("kind", &dtype_words(get(2))),
            ],
        ));
    }
    if raw.contains("cannot compare string with numeric") {
        return Some(tr(
            "a text column is compared with a number: put quotes around text ('Essex'), or compare a number column",
        ).to_string());
    }
    if raw.contains("arithmetic on") && raw.contains("str") {
        return Some(
            tr("+ - * / need numbers on both sides, and one side is text: use || to join text")
                .to_string(),
        );
    }
    None
}

/// An engine's type name (`i64`, `date`) in words: `whole numbers`, `dates`.
fn dtype_words(dtype: &str) -> &'static str {
    match dtype {
        d if d.starts_with('i') || d.starts_with('u') => tr("whole numbers"),
        d if d.starts_with('f') || d.starts_with("decimal") => tr("numbers"),
        "date" | "datetime" => tr("dates"),
        "bool" => tr("yes/no values"),
        _ => tr("text"),
    }
}

fn first_line(s: &str) -> String {
    s.lines().next().unwrap_or("").trim().to_string()
}

fn quoted_name(msg: &str) -> Option<String> {
    for q in ['"', '\'', '`'] {
        let mut parts = msg.split(q);
        parts.next()?;
        if let Some(name) = parts.next()
            && !name.is_empty()
        {
            return Some(name.to_string());
        }
    }
    None
}

/// Parse and inspect `sql`; `allowed` are the registered table names.
pub fn guard(sql: &str, allowed: &[&str]) -> Result<BTreeSet<String>, SqlError> {
    if sql.trim().is_empty() {
        return Err(SqlError::plain(tr("the query is empty: write a SELECT")));
    }
    let statements = Parser::parse_sql(&GenericDialect {}, sql).map_err(parse_error)?;
    let [statement] = statements.as_slice() else {
        return Err(SqlError::plain(trf(
            "write exactly one query (found {n} statements separated by `;`)",
            &[("n", &statements.len())],
        )));
    };
    let Statement::Query(_) = statement else {
        return Err(SqlError::plain(tr(
            "only queries that read data (SELECT … or WITH … SELECT …) can run here",
        )));
    };
    let mut v = Guard {
        allowed,
        ctes: BTreeSet::new(),
        used: BTreeSet::new(),
    };
    match statement.visit(&mut v) {
        ControlFlow::Break(e) => Err(e),
        ControlFlow::Continue(()) => Ok(v.used),
    }
}

fn parse_error(e: sqlparser::parser::ParserError) -> SqlError {
    let raw = e.to_string();
    let raw = raw.trim_start_matches("sql parser error: ").to_string();
    let (msg, line, column) = match raw.rfind(" at Line: ") {
        Some(i) => {
            let pos = &raw[i + " at Line: ".len()..];
            let mut it = pos.split(", Column: ");
            let line = it.next().and_then(|l| l.trim().parse().ok());
            let col = it.next().and_then(|c| c.trim().parse().ok());
            (raw[..i].to_string(), line, col)
        }
        None => (raw.clone(), None, None),
    };
    let msg = match msg
        .strip_prefix("Expected: ")
        .and_then(|m| m.split_once(", found: "))
    {
        Some((what, found)) => trf(
            "expected {what}, found {found}",
            &[("what", &what), ("found", &found)],
        ),
        None => msg.replace("Expected: ", "expected "),
    };
    SqlError {
        message: trf("SQL syntax problem: {e}", &[("e", &msg)]),
        line,
        column,
    }
}

struct Guard<'a> {
    allowed: &'a [&'a str],
    ctes: BTreeSet<String>,
    used: BTreeSet<String>,
}

impl Guard<'_> {
    fn table_name(&mut self, name: &ObjectName) -> Result<(), SqlError> {
        let [ObjectNamePart::Identifier(ident)] = name.0.as_slice() else {
            return Err(SqlError::plain(trf(
                "`{name}` is not a table of this lesson; use a table name without dots",
                &[("name", name)],
            )));
        };
        let n = ident.value.as_str();
        if self.ctes.contains(n) {
            return Ok(());
        }
        if self.allowed.contains(&n) {
            self.used.insert(n.to_string());
            return Ok(());
        }
        let hint = match nearest(n, self.allowed.iter().copied()) {
            Some(best) => trf("did you mean `{best}`?", &[("best", &best)]),
            None => trf(
                "the tables here are: {tables}",
                &[("tables", &self.allowed.join(", "))],
            ),
        };
        Err(SqlError::plain(trf(
            "there is no table `{name}`; {hint}",
            &[("name", &n), ("hint", &hint)],
        )))
    }
}

fn check_body(body: &SetExpr) -> Result<(), SqlError> {
    match body {
        SetExpr::Select(s) if s.into.is_some() => Err(SqlError::plain(tr(
            "SELECT … INTO makes a new table; write a plain SELECT instead",
        ))),
        SetExpr::Select(_) | SetExpr::Query(_) | SetExpr::Values(_) => Ok(()),
        SetExpr::SetOperation { left, right, .. } => {
            check_body(left)?;
            check_body(right)
        }
        _ => Err(SqlError::plain(tr(
            "only queries that read data (SELECT …) can run here",
        ))),
    }
}

impl Visitor for Guard<'_> {
    type Break = SqlError;

    fn pre_visit_query(&mut self, query: &Query) -> ControlFlow<SqlError> {
        if let Some(with) = &query.with {
            for cte in &with.cte_tables {
                self.ctes.insert(cte.alias.name.value.clone());
            }
        }
        match check_body(&query.body) {
            Ok(()) => ControlFlow::Continue(()),
            Err(e) => ControlFlow::Break(e),
        }
    }

    fn pre_visit_table_factor(&mut self, factor: &TableFactor) -> ControlFlow<SqlError> {
        let result = match factor {
            TableFactor::Table {
                name, args: None, ..
            } => self.table_name(name),
            TableFactor::Table { name, .. } => Err(SqlError::plain(trf(
                "`{name}(…)` is a table function; lessons may only read their own tables ({tables})",
                &[("name", name), ("tables", &self.allowed.join(", "))],
            ))),
            TableFactor::Derived { .. } | TableFactor::NestedJoin { .. } => Ok(()),
            _ => Err(SqlError::plain(tr(
                "only tables, subqueries and joins can follow FROM here",
            ))),
        };
        match result {
            Ok(()) => ControlFlow::Continue(()),
            Err(e) => ControlFlow::Break(e),
        }
    }
}

/// Keep the rows of `df` where an SQL condition holds (the `filter` op).
pub fn filter_rows(df: &DataFrame, condition: &str) -> Result<DataFrame, SqlError> {
    let mut c = Catalog::new();
    c.insert("t", df.clone());
    c.query(&format!("SELECT * FROM t WHERE {condition}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn catalog() -> Catalog {
        let mut c = Catalog::new();
        c.insert(
            "members",
            df!("county" => ["Essex", "Essex", "Kent"], "zip" => ["02134", "02135", "01001"])
                .unwrap(),
        );
        c
    }

    #[test]
    fn a_group_by_runs_over_registered_tables() {
        let df = catalog()
            .query("SELECT county, COUNT(*) AS n FROM members GROUP BY county ORDER BY n DESC")
            .unwrap();
        assert_eq!(df.height(), 2);
        assert_eq!(
            df.column("county").unwrap().str().unwrap().get(0),
            Some("Essex")
        );
    }

    #[test]
    fn table_functions_are_refused_in_every_disguise() {
        let c = catalog();
        for sql in [
            "SELECT * FROM read_csv('/etc/passwd')",
            "select * from READ_CSV('/etc/hostname')",
            "SELECT * FROM \"read_csv\"('/etc/hostname')",
            "SELECT * FROM members WHERE zip IN (SELECT * FROM read_csv('/etc/hostname'))",
            "SELECT * FROM members JOIN read_csv('/etc/hostname') ON true",
            "WITH read_csv AS (SELECT 1) SELECT * FROM read_csv('/etc/hostname')",
            "SELECT * FROM (SELECT * FROM read_parquet('x.parquet'))",
            "SELECT * FROM read_csv('https://example.org/x.csv')",
        ] {
            let err = c.query(sql).unwrap_err();
            assert!(err.message.contains("table function"), "{sql}: {err}");
        }
    }

    #[test]
    fn statements_other_than_one_query_are_refused() {
        let c = catalog();
        for sql in [
            "CREATE TABLE x AS SELECT * FROM members",
            "DROP TABLE members",
            "SHOW TABLES",
            "SELECT 1; SELECT 2",
            "SELECT * INTO x FROM members",
            "TABLE members",
        ] {
            assert!(c.query(sql).is_err(), "{sql} should be refused");
        }
    }

    #[test]
    fn unknown_tables_and_columns_get_suggestions() {
        let c = catalog();
        let e = c.query("SELECT * FROM member").unwrap_err();
        assert!(e.message.contains("did you mean `members`"), "{e}");
        let e = c.query("SELECT countyy FROM members").unwrap_err();
        assert!(e.message.contains("`county`"), "{e}");
        let e = c
            .query("SELECT county FROM members WHERE AND zip = 1")
            .unwrap_err();
        assert!(e.line.is_some(), "{e:?}");
    }

    #[test]
    fn ctes_and_subqueries_work() {
        let df = catalog()
            .query("WITH e AS (SELECT * FROM members WHERE county = 'Essex') SELECT COUNT(*) AS n FROM (SELECT * FROM e) s")
            .unwrap();
        assert_eq!(df.height(), 1);
    }

    #[test]
    fn filter_conditions_cannot_smuggle_a_second_query() {
        let df = catalog().get("members").unwrap().clone();
        assert_eq!(filter_rows(&df, "county = 'Kent'").unwrap().height(), 1);
        assert!(filter_rows(&df, "true UNION SELECT * FROM read_csv('/etc/hostname')").is_err());
    }
}
