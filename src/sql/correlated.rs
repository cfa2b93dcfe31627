//! Subqueries that depend on the outer row, which the engine cannot yet plan
//! (`(SELECT count(*) FROM t1 AS x WHERE x.b < t1.b)`), run row by row instead.
//!
//! When planning fails for that reason alone, and the query has the shape this
//! handles — one registered table in its FROM, no joins, no set operations — each such
//! subquery is evaluated once per outer row with that row's values written in as
//! literals (one `UNION ALL` query per subquery), the values are attached to a copy of
//! the table, and the outer query reads them as columns. Every step checks and bails
//! out on anything it does not understand, so the answer is the engine's own or the
//! original error: never a guess. The number of outer rows is bounded.

use datafusion::arrow::array::{Array, ArrayRef, UInt64Array};
use datafusion::arrow::compute::{sort_to_indices, take};
use datafusion::arrow::datatypes::{Field, Schema};
use datafusion::arrow::record_batch::RecordBatch;
use datafusion::common::ScalarValue;
use sqlparser::ast::{
    ExcludeSelectItem, Expr, Ident, ObjectName, ObjectNamePart, Query, SelectItem, SetExpr,
    Statement, TableAlias, TableFactor, Visit, Visitor, visit_expressions_mut,
};
use sqlparser::dialect::GenericDialect;
use sqlparser::parser::Parser;
use std::collections::BTreeSet;
use std::ops::ControlFlow;
use std::sync::Arc;

/// Most outer rows evaluated row by row.
pub const MAX_OUTER_ROWS: usize = 1_000;

/// The name the outer table's copy is registered under.
pub const OUTER: &str = "__huddle_outer";

/// A plan for running `statement` row by row: the per-subquery queries to run, and
/// how to rewrite the outer query once their values are known.
pub struct RowByRow {
    /// The outer table's registered name.
    pub table: String,
    /// The name the outer query uses for it (its alias, or its name).
    pub exposed: String,
    /// One query per correlated subquery: `SELECT r, (…) AS v UNION ALL …`.
    pub queries: Vec<String>,
    subqueries: Vec<Expr>,
    statement: Statement,
}

/// Whether a planning error is the engine's "cannot plan this correlated subquery".
pub fn is_unsupported_subquery(raw: &str) -> bool {
    raw.contains("does not support logical expression ScalarSubquery")
        || raw.contains("does not support logical expression Exists")
        || raw.contains("does not support logical expression InSubquery")
        || raw.contains("Correlated scalar subquery")
        || raw.contains("correlated subquery")
        || raw.contains("Correlated column is not allowed")
}

/// Build the row-by-row plan, or `None` when the query is not of a shape handled.
pub fn plan(statement: &Statement, tables: &[(String, RecordBatch)]) -> Option<RowByRow> {
    let Statement::Query(query) = statement else {
        return None;
    };
    let SetExpr::Select(select) = query.body.as_ref() else {
        return None;
    };
    if query.with.is_some() {
        return None;
    }
    let [from] = select.from.as_slice() else {
        return None;
    };
    if !from.joins.is_empty() {
        return None;
    }
    let TableFactor::Table {
        name,
        alias,
        args: None,
        ..
    } = &from.relation
    else {
        return None;
    };
    let [ObjectNamePart::Identifier(table_ident)] = name.0.as_slice() else {
        return None;
    };
    let table = normal(table_ident);
    let exposed = alias
        .as_ref()
        .map(|a| normal(&a.name))
        .unwrap_or_else(|| table.clone());
    let (_, batch) = tables.iter().find(|(n, _)| *n == table)?;
    if batch.num_rows() > MAX_OUTER_ROWS {
        return None;
    }
    let columns: Vec<String> = batch
        .schema()
        .fields()
        .iter()
        .map(|f| f.name().clone())
        .collect();

    // The subqueries of the outer SELECT list and WHERE, outermost first.
    let mut found = Vec::new();
    for item in &select.projection {
        match item {
            SelectItem::UnnamedExpr(e) | SelectItem::ExprWithAlias { expr: e, .. } => {
                collect_subqueries(e, &mut found)
            }
            _ => {}
        }
    }
    if let Some(w) = &select.selection {
        collect_subqueries(w, &mut found);
    }
    let mut subqueries: Vec<Expr> = Vec::new();
    for s in found {
        if !subqueries.contains(&s) && refers_to(&s, &exposed) && !shadows(&s, &exposed) {
            subqueries.push(s);
        }
    }
    if subqueries.is_empty() {
        return None;
    }
    let mut queries = Vec::with_capacity(subqueries.len());
    for s in &subqueries {
        let mut branches = Vec::with_capacity(batch.num_rows());
        for row in 0..batch.num_rows() {
            let mut e = s.clone();
            substitute(&mut e, &exposed, &columns, batch, row)?;
            branches.push(format!("SELECT {row} AS r, ({e}) AS v"));
        }
        if branches.is_empty() {
            return None;
        }
        queries.push(branches.join(" UNION ALL "));
    }
    Some(RowByRow {
        table,
        exposed,
        queries,
        subqueries,
        statement: statement.clone(),
    })
}

impl RowByRow {
    /// The outer table with one column of values per subquery (`results[k]` holds
    /// rows `r, v` for subquery `k`), and the outer query rewritten to read them.
    pub fn finish(
        self,
        tables: &[(String, RecordBatch)],
        results: Vec<Vec<RecordBatch>>,
    ) -> Option<(RecordBatch, Statement)> {
        let (_, batch) = tables.iter().find(|(n, _)| *n == self.table)?;
        let mut fields: Vec<Arc<Field>> = batch.schema().fields().iter().cloned().collect();
        let mut arrays: Vec<ArrayRef> = batch.columns().to_vec();
        let mut names = Vec::new();
        for (k, batches) in results.iter().enumerate() {
            let merged =
                datafusion::arrow::compute::concat_batches(batches.first()?.schema_ref(), batches)
                    .ok()?;
            if merged.num_rows() != batch.num_rows() {
                return None;
            }
            let order = sort_to_indices(merged.column(0), None, None).ok()?;
            let rows = take(merged.column(0), &order, None).ok()?;
            // Every outer row exactly once, in order.
            let expected: UInt64Array = (0..batch.num_rows() as u64).collect();
            let rows = datafusion::arrow::compute::cast(
                &rows,
                &datafusion::arrow::datatypes::DataType::UInt64,
            )
            .ok()?;
            if rows.as_ref() != &expected as &dyn Array {
                return None;
            }
            let values = take(merged.column(1), &order, None).ok()?;
            let name = format!("__huddle_sq{k}");
            fields.push(Arc::new(Field::new(
                &name,
                values.data_type().clone(),
                true,
            )));
            arrays.push(values);
            names.push(name);
        }
        let augmented = RecordBatch::try_new(Arc::new(Schema::new(fields)), arrays).ok()?;
        let mut statement = self.statement;
        let Statement::Query(query) = &mut statement else {
            return None;
        };
        rewrite_outer(query, &self.exposed, &self.subqueries, &names)?;
        Some((augmented, statement))
    }
}

fn normal(ident: &Ident) -> String {
    if ident.quote_style.is_some() {
        ident.value.clone()
    } else {
        ident.value.to_lowercase()
    }
}

/// Subquery expressions in `e`, not looking inside them.
fn collect_subqueries(e: &Expr, out: &mut Vec<Expr>) {
    let _ = sqlparser::ast::visit_expressions(e, |x| {
        if matches!(
            x,
            Expr::Subquery(_) | Expr::Exists { .. } | Expr::InSubquery { .. }
        ) && !out.contains(x)
        {
            out.push(x.clone());
        }
        ControlFlow::<()>::Continue(())
    });
    // Keep only the outermost: drop those nested inside another one found.
    let all = out.clone();
    out.retain(|x| {
        !all.iter().any(|y| {
            y != x && {
                let mut inside = false;
                let _ = sqlparser::ast::visit_expressions(y, |z| {
                    if z == x {
                        inside = true;
                    }
                    ControlFlow::<()>::Continue(())
                });
                inside
            }
        })
    });
}

/// Whether `e` names `exposed.column` anywhere.
fn refers_to(e: &Expr, exposed: &str) -> bool {
    let mut found = false;
    let _ = sqlparser::ast::visit_expressions(e, |x| {
        if let Expr::CompoundIdentifier(parts) = x
            && let [q, _] = parts.as_slice()
            && normal(q) == exposed
        {
            found = true;
        }
        ControlFlow::<()>::Continue(())
    });
    found
}

/// Whether a FROM inside `e` exposes the same name (then `exposed.x` inside means it).
fn shadows(e: &Expr, exposed: &str) -> bool {
    struct Names(BTreeSet<String>);
    impl Visitor for Names {
        type Break = ();
        fn pre_visit_table_factor(&mut self, f: &TableFactor) -> ControlFlow<()> {
            match f {
                TableFactor::Table { name, alias, .. } => match alias {
                    Some(a) => {
                        self.0.insert(normal(&a.name));
                    }
                    None => {
                        if let Some(ObjectNamePart::Identifier(i)) = name.0.last() {
                            self.0.insert(normal(i));
                        }
                    }
                },
                TableFactor::Derived { alias: Some(a), .. } => {
                    self.0.insert(normal(&a.name));
                }
                _ => {}
            }
            ControlFlow::Continue(())
        }
        fn pre_visit_query(&mut self, q: &Query) -> ControlFlow<()> {
            if let Some(w) = &q.with {
                for c in &w.cte_tables {
                    self.0.insert(normal(&c.alias.name));
                }
            }
            ControlFlow::Continue(())
        }
    }
    let mut names = Names(BTreeSet::new());
    let _ = e.visit(&mut names);
    names.0.contains(exposed)
}

/// Write row `row`'s values in place of `exposed.column` (and, left of `IN`, of bare
/// outer column names).
fn substitute(
    e: &mut Expr,
    exposed: &str,
    columns: &[String],
    batch: &RecordBatch,
    row: usize,
) -> Option<()> {
    let mut failed = false;
    let mut replace = |x: &mut Expr, bare: bool| {
        let column = match x {
            Expr::CompoundIdentifier(parts) => match parts.as_slice() {
                [q, c] if normal(q) == exposed => Some(normal(c)),
                _ => None,
            },
            Expr::Identifier(i) if bare => Some(normal(i)),
            _ => None,
        };
        let Some(column) = column else { return };
        let Some(index) = columns.iter().position(|c| *c == column) else {
            if !bare {
                failed = true;
            }
            return;
        };
        match literal(batch.column(index), row) {
            Some(lit) => *x = lit,
            None => failed = true,
        }
    };
    if let Expr::InSubquery { expr, .. } = e {
        let _ = visit_expressions_mut(expr.as_mut(), |x| {
            replace(x, true);
            ControlFlow::<()>::Continue(())
        });
    }
    let _ = visit_expressions_mut(e, |x| {
        replace(x, false);
        ControlFlow::<()>::Continue(())
    });
    (!failed).then_some(())
}

/// One cell as an SQL literal expression.
fn literal(array: &ArrayRef, row: usize) -> Option<Expr> {
    let v = ScalarValue::try_from_array(array, row).ok()?;
    let text = if v.is_null() {
        "NULL".to_string()
    } else {
        match &v {
            ScalarValue::Int8(_)
            | ScalarValue::Int16(_)
            | ScalarValue::Int32(_)
            | ScalarValue::Int64(_)
            | ScalarValue::UInt8(_)
            | ScalarValue::UInt16(_)
            | ScalarValue::UInt32(_)
            | ScalarValue::UInt64(_) => v.to_string(),
            ScalarValue::Float32(_) | ScalarValue::Float64(_) => {
                let f: f64 = v.to_string().parse().ok()?;
                if !f.is_finite() {
                    return None;
                }
                format!("CAST({f:?} AS DOUBLE)")
            }
            ScalarValue::Boolean(Some(b)) => b.to_string(),
            ScalarValue::Utf8(Some(s))
            | ScalarValue::LargeUtf8(Some(s))
            | ScalarValue::Utf8View(Some(s)) => {
                format!("'{}'", s.replace('\'', "''"))
            }
            ScalarValue::Date32(_) => format!("CAST('{v}' AS DATE)"),
            ScalarValue::TimestampMicrosecond(_, None)
            | ScalarValue::TimestampMillisecond(_, None)
            | ScalarValue::TimestampNanosecond(_, None) => format!("CAST('{v}' AS TIMESTAMP)"),
            _ => return None,
        }
    };
    let typed = match &v {
        _ if !v.is_null() => text,
        // A NULL keeps its column's type, so `x.b < NULL` plans as it would.
        other => format!("CAST(NULL AS {})", sql_type(&other.data_type())?),
    };
    Parser::new(&GenericDialect {})
        .try_with_sql(&typed)
        .ok()?
        .parse_expr()
        .ok()
}

fn sql_type(t: &datafusion::arrow::datatypes::DataType) -> Option<&'static str> {
    use datafusion::arrow::datatypes::DataType::*;
    Some(match t {
        Int8 | Int16 | Int32 | Int64 | UInt8 | UInt16 | UInt32 | UInt64 => "BIGINT",
        Float32 | Float64 => "DOUBLE",
        Utf8 | LargeUtf8 | Utf8View => "VARCHAR",
        Boolean => "BOOLEAN",
        Date32 => "DATE",
        Timestamp(..) => "TIMESTAMP",
        _ => return None,
    })
}

/// Point the outer query at the copy with the values, and read them in place of the
/// subqueries.
fn rewrite_outer(
    query: &mut Query,
    exposed: &str,
    subqueries: &[Expr],
    names: &[String],
) -> Option<()> {
    let SetExpr::Select(select) = query.body.as_mut() else {
        return None;
    };
    let from = select.from.first_mut()?;
    let TableFactor::Table { name, alias, .. } = &mut from.relation else {
        return None;
    };
    *name = ObjectName(vec![ObjectNamePart::Identifier(Ident::new(OUTER))]);
    if alias.is_none() {
        *alias = Some(TableAlias {
            explicit: true,
            name: Ident::new(exposed),
            columns: Vec::new(),
            at: None,
        });
    }
    let read = |k: usize| {
        Expr::CompoundIdentifier(vec![
            Ident::with_quote('"', exposed),
            Ident::with_quote('"', names[k].as_str()),
        ])
    };
    let swap = |e: &mut Expr| {
        let _ = visit_expressions_mut(e, |x| {
            if let Some(k) = subqueries.iter().position(|s| s == x) {
                *x = read(k);
            }
            ControlFlow::<()>::Continue(())
        });
    };
    for (i, item) in select.projection.iter_mut().enumerate() {
        match item {
            SelectItem::UnnamedExpr(e) => {
                let was_subquery = subqueries.contains(e);
                swap(e);
                if was_subquery {
                    let expr = e.clone();
                    *item = SelectItem::ExprWithAlias {
                        expr,
                        alias: Ident::with_quote('"', format!("subquery {}", i + 1)),
                    };
                }
            }
            SelectItem::ExprWithAlias { expr, .. } => swap(expr),
            SelectItem::ExprWithAliases { .. } => return None,
            SelectItem::Wildcard(opts) | SelectItem::QualifiedWildcard(_, opts) => {
                if opts.opt_exclude.is_some() {
                    return None;
                }
                opts.opt_exclude = Some(ExcludeSelectItem::Multiple(
                    names
                        .iter()
                        .map(|n| {
                            ObjectName(vec![ObjectNamePart::Identifier(Ident::with_quote(
                                '"',
                                n.as_str(),
                            ))])
                        })
                        .collect(),
                ));
            }
        }
    }
    if let Some(w) = &mut select.selection {
        swap(w);
    }
    // Nothing correlated may remain.
    let mut left = Vec::new();
    for item in &select.projection {
        if let SelectItem::UnnamedExpr(e) | SelectItem::ExprWithAlias { expr: e, .. } = item {
            collect_subqueries(e, &mut left);
        }
    }
    if let Some(w) = &select.selection {
        collect_subqueries(w, &mut left);
    }
    if left.iter().any(|s| refers_to(s, exposed)) {
        return None;
    }
    Some(())
}
