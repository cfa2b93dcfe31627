//! Output column names as a warehouse gives them: `count`, not `count(*)`.
//!
//! An unnamed `COUNT(*)` is `count` in Postgres, Redshift and BigQuery-style reports,
//! and lessons chart it by that name. Table prefixes are dropped (`members.county` is
//! `county`), and names that would repeat get `_1`, `_2`, as DuckDB does.

use sqlparser::ast::{Expr, Ident, Query, SelectItem, SetExpr, Statement, VisitMut, VisitorMut};
use std::collections::HashSet;
use std::ops::ControlFlow;

/// Give names to select-list items the engine would name alike: every unnamed
/// subquery (`subquery 2`), and the repeats of an item (`SELECT a, a`: `a_1`).
/// Warehouses accept both; the engine wants unique names.
pub fn name_unnamed_items(statement: &mut Statement) {
    struct Namer;
    impl VisitorMut for Namer {
        type Break = ();
        fn post_visit_query(&mut self, query: &mut Query) -> ControlFlow<()> {
            name_in(query.body.as_mut());
            ControlFlow::Continue(())
        }
    }
    let _ = statement.visit(&mut Namer);
}

/// Name every unnamed computed item by its SQL text (`7 / 2`), as DuckDB does: for
/// when two different items would get the same engine name.
pub fn name_by_text(statement: &mut Statement) {
    struct Namer;
    impl VisitorMut for Namer {
        type Break = ();
        fn post_visit_query(&mut self, query: &mut Query) -> ControlFlow<()> {
            by_text_in(query.body.as_mut());
            ControlFlow::Continue(())
        }
    }
    let _ = statement.visit(&mut Namer);
}

fn by_text_in(body: &mut SetExpr) {
    match body {
        SetExpr::Select(select) => {
            let mut seen: HashSet<String> = HashSet::new();
            for item in select.projection.iter_mut() {
                let SelectItem::UnnamedExpr(expr) = item else {
                    continue;
                };
                if matches!(expr, Expr::Identifier(_) | Expr::CompoundIdentifier(_)) {
                    continue;
                }
                let text = expr.to_string();
                let mut name = text.clone();
                let mut i = 1;
                while !seen.insert(name.clone()) {
                    name = format!("{text}_{i}");
                    i += 1;
                }
                *item = SelectItem::ExprWithAlias {
                    expr: expr.clone(),
                    alias: Ident::with_quote('"', name),
                };
            }
        }
        SetExpr::SetOperation { left, .. } => by_text_in(left),
        SetExpr::Query(q) => by_text_in(q.body.as_mut()),
        _ => {}
    }
}

fn name_in(body: &mut SetExpr) {
    match body {
        SetExpr::Select(select) => {
            let mut seen: HashSet<String> = HashSet::new();
            for (i, item) in select.projection.iter_mut().enumerate() {
                let SelectItem::UnnamedExpr(expr) = item else {
                    continue;
                };
                let text = expr.to_string();
                let alias = if matches!(expr, Expr::Subquery(_)) {
                    Some(format!("subquery {}", i + 1))
                } else if !seen.insert(text.clone()) {
                    let base = match expr {
                        Expr::Identifier(id) => id.value.clone(),
                        Expr::CompoundIdentifier(parts) => {
                            parts.last().map(|p| p.value.clone()).unwrap_or(text)
                        }
                        _ => text,
                    };
                    Some(format!("{base}_{}", i + 1))
                } else {
                    None
                };
                if let Some(alias) = alias {
                    *item = SelectItem::ExprWithAlias {
                        expr: expr.clone(),
                        alias: Ident::with_quote('"', alias),
                    };
                }
            }
        }
        SetExpr::SetOperation { left, .. } => name_in(left),
        SetExpr::Query(q) => name_in(q.body.as_mut()),
        _ => {}
    }
}

/// Names for a result's columns, from the engine's names, unique.
pub fn output_names(engine_names: &[String], tables: &[&str]) -> Vec<String> {
    let simple: Vec<String> = engine_names
        .iter()
        .map(|n| function_name(n).unwrap_or_else(|| drop_prefixes(n, tables)))
        .collect();
    let mut counts = std::collections::HashMap::new();
    for s in &simple {
        *counts.entry(s.clone()).or_insert(0usize) += 1;
    }
    // A short name that would repeat keeps the engine's fuller name instead.
    let chosen: Vec<String> = simple
        .iter()
        .zip(engine_names)
        .map(|(s, full)| {
            if counts[s] > 1 && function_name(full).is_some() {
                drop_prefixes(full, tables)
            } else {
                s.clone()
            }
        })
        .collect();
    let mut seen = HashSet::new();
    chosen
        .into_iter()
        .map(|name| {
            if seen.insert(name.clone()) {
                return name;
            }
            let mut i = 1;
            loop {
                let candidate = format!("{name}_{i}");
                if seen.insert(candidate.clone()) {
                    return candidate;
                }
                i += 1;
            }
        })
        .collect()
}

/// `count(*)` → `count`, `sum(members.x)` → `sum`: an unnamed call of one function.
fn function_name(name: &str) -> Option<String> {
    let open = name.find('(')?;
    let head = &name[..open];
    let balanced = name.ends_with(')')
        && name[open..].chars().filter(|&c| c == '(').count()
            == name[open..].chars().filter(|&c| c == ')').count();
    let word = !head.is_empty()
        && head.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        && !head.starts_with(|c: char| c.is_ascii_digit());
    // A window function's name carries its OVER (…) part: keep the function's name.
    let windowed =
        name.contains(") OVER (") || name.contains(") ROWS ") || name.contains(") RANGE ");
    (word && (balanced || windowed)).then(|| head.to_lowercase())
}

fn drop_prefixes(name: &str, tables: &[&str]) -> String {
    let mut out = name.to_string();
    for t in tables {
        out = out.replace(&format!("{t}."), "");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(n: &[&str]) -> Vec<String> {
        let owned: Vec<String> = n.iter().map(|s| s.to_string()).collect();
        output_names(&owned, &["members", "events"])
    }

    #[test]
    fn unnamed_calls_take_the_functions_name() {
        assert_eq!(names(&["county", "count(*)"]), ["county", "count"]);
        assert_eq!(names(&["sum(members.x)", "avg(members.x)"]), ["sum", "avg"]);
    }

    #[test]
    fn names_that_would_repeat_stay_distinct() {
        assert_eq!(
            names(&["count(*)", "count(members.email)"]),
            ["count(*)", "count(email)"]
        );
        assert_eq!(names(&["county", "county"]), ["county", "county_1"]);
        assert_eq!(names(&["members.a + members.b"]), ["a + b"]);
    }
}
