//! What may run: one plain query over the lesson's tables, within budgets.
//!
//! Before the engine sees a query, the parsed statement is inspected: exactly one
//! `SELECT`-style query; table references that are plain names of registered tables or
//! of this query's own `WITH` parts; no table functions, no `SELECT … INTO`. Its size is
//! bounded (text, number of expressions, nesting depth) and so is every width a query
//! can ask a function to build (`LPAD(x, 1000000000)`), so no query can exhaust memory
//! or the stack before it even runs.

use super::SqlError;
use crate::diag::nearest;
use crate::i18n::{tr, trf};
use crate::limits::{MAX_SQL_CHARS, MAX_SQL_DEPTH, MAX_SQL_NODES, MAX_SQL_PAD};
use sqlparser::ast::{
    Expr, FunctionArg, FunctionArgExpr, FunctionArguments, ObjectName, ObjectNamePart, Query,
    SetExpr, Spanned, Statement, TableFactor, UnaryOperator, Value, Visit, Visitor,
};
use sqlparser::dialect::GenericDialect;
use sqlparser::parser::Parser;
use std::collections::BTreeSet;
use std::ops::ControlFlow;

/// Parse `sql` as the engine will (a permissive dialect: Postgres, BigQuery and DuckDB spellings).
pub fn parse(sql: &str) -> Result<Vec<Statement>, SqlError> {
    if sql.trim().is_empty() {
        return Err(SqlError::plain(tr("the query is empty: write a SELECT")));
    }
    let chars = sql.chars().count();
    if chars > MAX_SQL_CHARS {
        return Err(SqlError::plain(trf(
            "this query is {n} characters long; huddle runs queries up to {max}: split it into smaller steps",
            &[("n", &chars), ("max", &MAX_SQL_CHARS)],
        )));
    }
    Parser::new(&GenericDialect {})
        .with_recursion_limit(MAX_SQL_DEPTH)
        .try_with_sql(sql)
        .and_then(|mut p| p.parse_statements())
        .map_err(parse_error)
}

/// Parse and inspect `sql`; `allowed` are the registered table names. Returns the
/// registered tables the query reads.
pub fn guard(sql: &str, allowed: &[&str]) -> Result<BTreeSet<String>, SqlError> {
    let statements = parse(sql)?;
    guard_parsed(&statements, allowed)
}

/// [`guard`] on an already parsed query.
pub fn guard_parsed(
    statements: &[Statement],
    allowed: &[&str],
) -> Result<BTreeSet<String>, SqlError> {
    let [statement] = statements else {
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
        warehouse: false,
        ctes: BTreeSet::new(),
        used: BTreeSet::new(),
        nodes: 0,
        depth: 0,
    };
    match statement.visit(&mut v) {
        ControlFlow::Break(e) => Err(e),
        ControlFlow::Continue(()) => Ok(v.used),
    }
}

/// Inspect a query sent to a warehouse (a `?query=` source): exactly one `SELECT`,
/// within the same budgets, no table functions and no `SELECT … INTO`; any table of
/// the database may be read (the connection itself is read-only).
pub fn guard_warehouse(sql: &str) -> Result<(), SqlError> {
    let statements = parse(sql)?;
    let [Statement::Query(_)] = statements.as_slice() else {
        return guard_parsed(&statements, &[]).map(|_| ());
    };
    let mut v = Guard {
        allowed: &[],
        warehouse: true,
        ctes: BTreeSet::new(),
        used: BTreeSet::new(),
        nodes: 0,
        depth: 0,
    };
    match statements[0].visit(&mut v) {
        ControlFlow::Break(e) => Err(e),
        ControlFlow::Continue(()) => Ok(()),
    }
}

fn parse_error(e: sqlparser::parser::ParserError) -> SqlError {
    if let sqlparser::parser::ParserError::RecursionLimitExceeded = e {
        return SqlError::plain(trf(
            "this query nests brackets or subqueries more than {max} deep; huddle stops there: write it in steps with WITH",
            &[("max", &MAX_SQL_DEPTH)],
        ));
    }
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
    /// Any `[database.][schema.]table` may be read (a warehouse query).
    warehouse: bool,
    ctes: BTreeSet<String>,
    used: BTreeSet<String>,
    nodes: usize,
    depth: usize,
}

impl Guard<'_> {
    fn table_name(&mut self, name: &ObjectName) -> Result<(), SqlError> {
        if self.warehouse
            && name.0.len() <= 3
            && name
                .0
                .iter()
                .all(|p| matches!(p, ObjectNamePart::Identifier(_)))
        {
            return Ok(());
        }
        let [ObjectNamePart::Identifier(ident)] = name.0.as_slice() else {
            return Err(SqlError::plain(trf(
                "`{name}` is not a table of this lesson; use a table name without dots",
                &[("name", name)],
            )));
        };
        // The engine folds unquoted names to lower case, as warehouses do.
        let n = if ident.quote_style.is_some() {
            ident.value.clone()
        } else {
            ident.value.to_lowercase()
        };
        if self.ctes.contains(&n) {
            return Ok(());
        }
        if self.allowed.contains(&n.as_str()) {
            self.used.insert(n);
            return Ok(());
        }
        let hint = match nearest(&n, self.allowed.iter().copied()) {
            Some(best) => trf("did you mean `{best}`?", &[("best", &best)]),
            None => trf(
                "the tables here are: {tables}",
                &[("tables", &self.allowed.join(", "))],
            ),
        };
        let message = trf(
            "there is no table `{name}`; {hint}",
            &[("name", &ident.value), ("hint", &hint)],
        );
        Err(located(message, ident.span.start))
    }

    fn count(&mut self) -> Result<(), SqlError> {
        self.nodes += 1;
        self.depth += 1;
        if self.nodes > MAX_SQL_NODES {
            return Err(SqlError::plain(trf(
                "this query has more than {max} parts (values, operators, subqueries); huddle stops there: write it in steps with WITH, or use IN (…) instead of many ORs",
                &[("max", &MAX_SQL_NODES)],
            )));
        }
        if self.depth > MAX_SQL_DEPTH {
            return Err(SqlError::plain(trf(
                "this query nests more than {max} deep; huddle stops there: write it in steps with WITH, or use IN (…) instead of many ORs",
                &[("max", &MAX_SQL_DEPTH)],
            )));
        }
        Ok(())
    }
}

fn located(message: String, at: sqlparser::tokenizer::Location) -> SqlError {
    if at.line == 0 {
        SqlError::plain(message)
    } else {
        SqlError::at(message, at.line as usize, at.column as usize)
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

/// A whole-number literal (`12`, `-3`), if `e` is one.
fn literal_int(e: &Expr) -> Option<i128> {
    match e {
        Expr::Value(v) => match &v.value {
            Value::Number(n, _) => n.parse::<f64>().ok().map(|f| f as i128),
            _ => None,
        },
        Expr::UnaryOp {
            op: UnaryOperator::Minus,
            expr,
        } => literal_int(expr).map(|n| -n),
        Expr::Nested(inner) => literal_int(inner),
        _ => None,
    }
}

/// `LPAD(x, n)`, `RPAD(x, n)` and `REPEAT(x, n)` build text `n` long: `n` must be a
/// number written in the query, within the budget.
fn check_width(e: &Expr) -> Result<(), SqlError> {
    let Expr::Function(f) = e else { return Ok(()) };
    let name = f.name.to_string().to_lowercase();
    if !matches!(name.as_str(), "lpad" | "rpad" | "repeat") {
        return Ok(());
    }
    let FunctionArguments::List(list) = &f.args else {
        return Ok(());
    };
    let Some(FunctionArg::Unnamed(FunctionArgExpr::Expr(width))) = list.args.get(1) else {
        return Ok(());
    };
    match literal_int(width) {
        Some(n) if n <= MAX_SQL_PAD => Ok(()),
        Some(_) => Err(located(
            trf(
                "{f} can build text up to {max} characters long here; use a smaller number",
                &[("f", &name.to_uppercase()), ("max", &MAX_SQL_PAD)],
            ),
            width.span().start,
        )),
        None => Err(located(
            trf(
                "write the length in {f}(…) as a number, like {f}(zip, 5, '0')",
                &[("f", &name.to_uppercase())],
            ),
            width.span().start,
        )),
    }
}

/// `x > ALL (SELECT …)` and `x < ANY (SELECT …)` are not supported yet: say what to
/// write instead, rather than risk a wrong answer.
fn check_all_any(e: &Expr) -> Result<(), SqlError> {
    let (Expr::AllOp { right, .. } | Expr::AnyOp { right, .. }) = e else {
        return Ok(());
    };
    if !matches!(right.as_ref(), Expr::Subquery(_)) {
        return Ok(());
    }
    Err(located(
        tr("huddle does not support ALL (…) or ANY (…) with a subquery yet; compare with (SELECT MAX(…) …) or (SELECT MIN(…) …), or use IN (…)").to_string(),
        e.span().start,
    ))
}

fn flow(r: Result<(), SqlError>) -> ControlFlow<SqlError> {
    match r {
        Ok(()) => ControlFlow::Continue(()),
        Err(e) => ControlFlow::Break(e),
    }
}

impl Visitor for Guard<'_> {
    type Break = SqlError;

    fn pre_visit_query(&mut self, query: &Query) -> ControlFlow<SqlError> {
        if let Some(with) = &query.with {
            for cte in &with.cte_tables {
                let name = &cte.alias.name;
                self.ctes.insert(if name.quote_style.is_some() {
                    name.value.clone()
                } else {
                    name.value.to_lowercase()
                });
            }
        }
        flow(self.count().and_then(|()| check_body(&query.body)))
    }

    fn post_visit_query(&mut self, _query: &Query) -> ControlFlow<SqlError> {
        self.depth -= 1;
        ControlFlow::Continue(())
    }

    fn pre_visit_expr(&mut self, expr: &Expr) -> ControlFlow<SqlError> {
        flow(
            self.count()
                .and_then(|()| check_width(expr))
                .and_then(|()| check_all_any(expr)),
        )
    }

    fn post_visit_expr(&mut self, _expr: &Expr) -> ControlFlow<SqlError> {
        self.depth -= 1;
        ControlFlow::Continue(())
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
        flow(result)
    }
}
