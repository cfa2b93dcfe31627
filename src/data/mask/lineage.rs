//! Where each column of a query's result comes from: the source columns whose values
//! can reach it, traced through the SQL's syntax tree (aliases, expressions, `CASE`,
//! subqueries, `WITH` parts, joins and `UNION`). Mask mode masks a result column as
//! the personal columns it comes from, whatever it is called.
//!
//! The rule is "values that can reach the cell": `UPPER(email)`, `email || ''`,
//! `CONCAT(first_name, …)`, `MAX(email)` and `CASE … THEN email END` carry `email`;
//! `COUNT(email)`, `LENGTH(email)`, `email = 'x'` and a `WHEN` condition do not. When a
//! name cannot be resolved, the column is marked unclear and is masked.

use sqlparser::ast::{
    BinaryOperator, Expr, FunctionArg, FunctionArgExpr, FunctionArguments, ObjectName,
    ObjectNamePart, Query, Select, SelectItem, SelectItemQualifiedWildcardKind, SetExpr,
    TableAlias, TableFactor, UnaryOperator, visit_expressions,
};
use sqlparser::dialect::GenericDialect;
use sqlparser::parser::Parser;
use std::collections::{BTreeSet, HashMap};
use std::ops::ControlFlow;

/// Most nested queries traced; deeper ones are unclear (and masked).
const MAX_DEPTH: usize = 32;

/// Where one result column's values come from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Origin {
    /// The source columns, as (table, column), both lower case.
    pub sources: BTreeSet<(String, String)>,
    /// A name could not be resolved, or the SQL does something not traced.
    pub unclear: bool,
}

impl Origin {
    fn column(table: &str, column: &str) -> Self {
        let mut sources = BTreeSet::new();
        sources.insert((table.to_lowercase(), column.to_lowercase()));
        Origin {
            sources,
            unclear: false,
        }
    }

    fn unclear() -> Self {
        Origin {
            sources: BTreeSet::new(),
            unclear: true,
        }
    }

    fn join(mut self, other: Origin) -> Self {
        self.sources.extend(other.sources);
        self.unclear |= other.unclear;
        self
    }
}

/// The columns of each registered table, by lower-case table name, in order.
pub type Tables = HashMap<String, Vec<String>>;

/// The origin of each column of `sql`'s result, in order; `None` when the SQL does not
/// parse as one query or uses a shape that is not traced (then every column is unclear).
pub fn trace(sql: &str, tables: &Tables) -> Option<Vec<Origin>> {
    let statements = Parser::parse_sql(&GenericDialect {}, sql).ok()?;
    let [sqlparser::ast::Statement::Query(q)] = statements.as_slice() else {
        return None;
    };
    let t = Tracer { tables };
    let cols = t.query(q, &HashMap::new(), &[], 0)?;
    Some(cols.into_iter().map(|(_, o)| o).collect())
}

/// A relation in scope: its alias and its columns.
#[derive(Debug, Clone)]
struct Relation {
    alias: String,
    columns: Vec<(String, Origin)>,
}

type Ctes = HashMap<String, Vec<(String, Origin)>>;

struct Tracer<'a> {
    tables: &'a Tables,
}

impl Tracer<'_> {
    fn query(
        &self,
        q: &Query,
        ctes: &Ctes,
        outer: &[Relation],
        depth: usize,
    ) -> Option<Vec<(String, Origin)>> {
        if depth > MAX_DEPTH {
            return None;
        }
        let mut ctes = ctes.clone();
        if let Some(with) = &q.with {
            for cte in &with.cte_tables {
                let cols = self.query(&cte.query, &ctes, outer, depth + 1)?;
                let cols = renamed(cols, Some(&cte.alias));
                ctes.insert(cte.alias.name.value.to_lowercase(), cols);
            }
        }
        self.body(&q.body, &ctes, outer, depth + 1)
    }

    fn body(
        &self,
        body: &SetExpr,
        ctes: &Ctes,
        outer: &[Relation],
        depth: usize,
    ) -> Option<Vec<(String, Origin)>> {
        match body {
            SetExpr::Select(s) => self.select(s, ctes, outer, depth),
            SetExpr::Query(q) => self.query(q, ctes, outer, depth + 1),
            SetExpr::SetOperation { left, right, .. } => {
                let l = self.body(left, ctes, outer, depth + 1)?;
                let r = self.body(right, ctes, outer, depth + 1)?;
                if l.len() != r.len() {
                    return None;
                }
                Some(
                    l.into_iter()
                        .zip(r)
                        .map(|((name, a), (_, b))| (name, a.join(b)))
                        .collect(),
                )
            }
            SetExpr::Values(v) => {
                let width = v.rows.first().map(|r| r.content.len()).unwrap_or(0);
                Some(
                    (1..=width)
                        .map(|i| (format!("column{i}"), Origin::default()))
                        .collect(),
                )
            }
            _ => None,
        }
    }

    fn select(
        &self,
        s: &Select,
        ctes: &Ctes,
        outer: &[Relation],
        depth: usize,
    ) -> Option<Vec<(String, Origin)>> {
        let mut scope: Vec<Relation> = Vec::new();
        for twj in &s.from {
            self.factor(&twj.relation, ctes, outer, depth, &mut scope)?;
            for j in &twj.joins {
                self.factor(&j.relation, ctes, outer, depth, &mut scope)?;
            }
        }
        let own = scope.len();
        scope.extend(outer.iter().cloned());
        let cx = Cx {
            t: self,
            scope: &scope,
            own,
            ctes,
            depth,
        };
        let mut out = Vec::new();
        for item in &s.projection {
            match item {
                SelectItem::UnnamedExpr(e) => out.push((output_name(e), cx.expr(e))),
                SelectItem::ExprWithAlias { expr, alias } => {
                    out.push((alias.value.to_lowercase(), cx.expr(expr)))
                }
                SelectItem::Wildcard(opts) => {
                    if opts.opt_replace.is_some()
                        || opts.opt_rename.is_some()
                        || opts.opt_ilike.is_some()
                    {
                        return None;
                    }
                    let mut skip: BTreeSet<String> = BTreeSet::new();
                    if let Some(ex) = &opts.opt_exclude {
                        use sqlparser::ast::ExcludeSelectItem as X;
                        match ex {
                            X::Single(n) => {
                                skip.insert(last_part(n)?);
                            }
                            X::Multiple(ns) => {
                                for n in ns {
                                    skip.insert(last_part(n)?);
                                }
                            }
                        }
                    }
                    if let Some(ex) = &opts.opt_except {
                        skip.insert(ex.first_element.value.to_lowercase());
                        for i in &ex.additional_elements {
                            skip.insert(i.value.to_lowercase());
                        }
                    }
                    for r in &scope[..own] {
                        out.extend(r.columns.iter().filter(|(n, _)| !skip.contains(n)).cloned());
                    }
                }
                SelectItem::QualifiedWildcard(
                    SelectItemQualifiedWildcardKind::ObjectName(n),
                    _,
                ) => {
                    let alias = last_part(n)?;
                    let r = scope[..own].iter().find(|r| r.alias == alias)?;
                    out.extend(r.columns.iter().cloned());
                }
                _ => return None,
            }
        }
        Some(out)
    }

    /// Add the relations of one `FROM` item to `scope`.
    fn factor(
        &self,
        f: &TableFactor,
        ctes: &Ctes,
        outer: &[Relation],
        depth: usize,
        scope: &mut Vec<Relation>,
    ) -> Option<()> {
        match f {
            TableFactor::Table { name, alias, .. } => {
                let n = last_part(name)?;
                let columns = match ctes.get(&n) {
                    Some(cols) => cols.clone(),
                    None => self
                        .tables
                        .get(&n)?
                        .iter()
                        .map(|c| (c.to_lowercase(), Origin::column(&n, c)))
                        .collect(),
                };
                scope.push(Relation {
                    alias: alias
                        .as_ref()
                        .map(|a| a.name.value.to_lowercase())
                        .unwrap_or(n),
                    columns: renamed(columns, alias.as_ref()),
                });
            }
            TableFactor::Derived {
                subquery, alias, ..
            } => {
                let cols = self.query(subquery, ctes, outer, depth + 1)?;
                scope.push(Relation {
                    alias: alias
                        .as_ref()
                        .map(|a| a.name.value.to_lowercase())
                        .unwrap_or_default(),
                    columns: renamed(cols, alias.as_ref()),
                });
            }
            TableFactor::NestedJoin {
                table_with_joins, ..
            } => {
                self.factor(&table_with_joins.relation, ctes, outer, depth, scope)?;
                for j in &table_with_joins.joins {
                    self.factor(&j.relation, ctes, outer, depth, scope)?;
                }
            }
            _ => return None,
        }
        Some(())
    }
}

/// Column names given in a table alias (`AS t(a, b)`) replace the columns' names.
fn renamed(cols: Vec<(String, Origin)>, alias: Option<&TableAlias>) -> Vec<(String, Origin)> {
    let Some(a) = alias.filter(|a| !a.columns.is_empty()) else {
        return cols;
    };
    cols.into_iter()
        .enumerate()
        .map(|(i, (name, o))| match a.columns.get(i) {
            Some(c) => (c.name.value.to_lowercase(), o),
            None => (name, o),
        })
        .collect()
}

fn last_part(n: &ObjectName) -> Option<String> {
    match n.0.last()? {
        ObjectNamePart::Identifier(i) => Some(i.value.to_lowercase()),
        _ => None,
    }
}

/// The name a result column gets without an alias (only used to resolve references
/// to a subquery's columns; a wrong guess makes the reference unclear, so masked).
fn output_name(e: &Expr) -> String {
    match e {
        Expr::Identifier(i) => i.value.to_lowercase(),
        Expr::CompoundIdentifier(ids) => ids
            .last()
            .map(|i| i.value.to_lowercase())
            .unwrap_or_default(),
        Expr::Function(f) => last_part(&f.name).unwrap_or_default(),
        other => other.to_string().to_lowercase(),
    }
}

/// Functions whose result is a count, a length, a position, a rank, an average or a
/// yes/no: no source value reaches it.
const NO_VALUE_FUNCTIONS: &[&str] = &[
    "count",
    "len",
    "length",
    "char_length",
    "character_length",
    "octet_length",
    "bit_length",
    "strpos",
    "instr",
    "avg",
    "mean",
    "stddev",
    "stddev_samp",
    "stddev_pop",
    "std",
    "variance",
    "var_samp",
    "var_pop",
    "row_number",
    "rank",
    "dense_rank",
    "ntile",
    "percent_rank",
    "cume_dist",
    "starts_with",
    "ends_with",
    "regexp_like",
    "contains",
    "approx_count_distinct",
    "n_unique",
];

struct Cx<'a> {
    t: &'a Tracer<'a>,
    scope: &'a [Relation],
    /// Relations of this query (the rest of `scope` is the outer queries').
    own: usize,
    ctes: &'a Ctes,
    depth: usize,
}

impl Cx<'_> {
    fn expr(&self, e: &Expr) -> Origin {
        match e {
            Expr::Identifier(i) => self.resolve(None, &i.value),
            Expr::CompoundIdentifier(ids) => match ids.as_slice() {
                [.., q, c] => self.resolve(Some(&q.value), &c.value),
                [c] => self.resolve(None, &c.value),
                [] => Origin::unclear(),
            },
            Expr::Value(_) | Expr::TypedString { .. } => Origin::default(),
            Expr::Nested(e) | Expr::Cast { expr: e, .. } | Expr::Collate { expr: e, .. } => {
                self.expr(e)
            }
            Expr::UnaryOp { op, expr } => match op {
                UnaryOperator::Not => Origin::default(),
                _ => self.expr(expr),
            },
            Expr::BinaryOp { left, op, right } => {
                if yes_no(op) {
                    Origin::default()
                } else {
                    self.expr(left).join(self.expr(right))
                }
            }
            Expr::IsNull(_)
            | Expr::IsNotNull(_)
            | Expr::IsTrue(_)
            | Expr::IsNotTrue(_)
            | Expr::IsFalse(_)
            | Expr::IsNotFalse(_)
            | Expr::IsUnknown(_)
            | Expr::IsNotUnknown(_)
            | Expr::IsDistinctFrom(..)
            | Expr::IsNotDistinctFrom(..)
            | Expr::InList { .. }
            | Expr::InSubquery { .. }
            | Expr::Between { .. }
            | Expr::Like { .. }
            | Expr::ILike { .. }
            | Expr::SimilarTo { .. }
            | Expr::RLike { .. }
            | Expr::Exists { .. }
            | Expr::Position { .. } => Origin::default(),
            Expr::Case {
                conditions,
                else_result,
                ..
            } => {
                let mut o = Origin::default();
                for c in conditions {
                    o = o.join(self.expr(&c.result));
                }
                if let Some(e) = else_result {
                    o = o.join(self.expr(e));
                }
                o
            }
            Expr::Function(f) => {
                let name = last_part(&f.name).unwrap_or_default();
                if NO_VALUE_FUNCTIONS.contains(&name.as_str()) {
                    return Origin::default();
                }
                match &f.args {
                    FunctionArguments::None => Origin::default(),
                    FunctionArguments::Subquery(q) => self.subquery(q),
                    FunctionArguments::List(list) => {
                        list.args.iter().fold(Origin::default(), |o, a| {
                            let arg = match a {
                                FunctionArg::Named { arg, .. }
                                | FunctionArg::ExprNamed { arg, .. }
                                | FunctionArg::Unnamed(arg) => arg,
                            };
                            o.join(match arg {
                                FunctionArgExpr::Expr(e) => self.expr(e),
                                _ => self.everything(),
                            })
                        })
                    }
                }
            }
            Expr::Subquery(q) => self.subquery(q),
            other => self.every_name_in(other),
        }
    }

    /// A scalar subquery: its first column's origin.
    fn subquery(&self, q: &Query) -> Origin {
        match self.t.query(q, self.ctes, self.scope, self.depth + 1) {
            Some(cols) => cols.into_iter().next().map(|(_, o)| o).unwrap_or_default(),
            None => Origin::unclear(),
        }
    }

    /// Every column of this query's relations (`f(*)`).
    fn everything(&self) -> Origin {
        self.scope[..self.own]
            .iter()
            .flat_map(|r| r.columns.iter().map(|(_, o)| o.clone()))
            .fold(Origin::default(), Origin::join)
    }

    /// The fallback for shapes not traced one by one: every column named inside.
    fn every_name_in(&self, e: &Expr) -> Origin {
        let mut o = Origin::default();
        let _ = visit_expressions(e, |inner| {
            let found = match inner {
                Expr::Identifier(i) => Some(self.resolve(None, &i.value)),
                Expr::CompoundIdentifier(ids) => Some(match ids.as_slice() {
                    [.., q, c] => self.resolve(Some(&q.value), &c.value),
                    _ => Origin::unclear(),
                }),
                Expr::Subquery(_) => Some(Origin::unclear()),
                _ => None,
            };
            if let Some(f) = found {
                o = std::mem::take(&mut o).join(f);
            }
            ControlFlow::<()>::Continue(())
        });
        o
    }

    /// A column name, qualified by a relation's alias or not; unclear when not found.
    fn resolve(&self, qualifier: Option<&str>, name: &str) -> Origin {
        let name = name.to_lowercase();
        let q = qualifier.map(str::to_lowercase);
        let mut found: Option<Origin> = None;
        for r in self.scope {
            if q.as_ref().is_some_and(|q| *q != r.alias) {
                continue;
            }
            for (n, o) in &r.columns {
                if *n == name {
                    found = Some(found.unwrap_or_default().join(o.clone()));
                }
            }
            // The innermost relation that has the column wins for a qualified name.
            if q.is_some() && found.is_some() {
                break;
            }
        }
        found.unwrap_or_else(Origin::unclear)
    }
}

/// Operators whose result is yes/no: no source value reaches it.
fn yes_no(op: &BinaryOperator) -> bool {
    use BinaryOperator as B;
    matches!(
        op,
        B::Gt
            | B::Lt
            | B::GtEq
            | B::LtEq
            | B::Eq
            | B::NotEq
            | B::Spaceship
            | B::And
            | B::Or
            | B::Xor
            | B::Match
            | B::Regexp
            | B::PGRegexMatch
            | B::PGRegexIMatch
            | B::PGRegexNotMatch
            | B::PGRegexNotIMatch
            | B::PGLikeMatch
            | B::PGILikeMatch
            | B::PGNotLikeMatch
            | B::PGNotILikeMatch
            | B::PGStartsWith
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tables() -> Tables {
        let mut t = Tables::new();
        t.insert(
            "members".into(),
            ["member_id", "first_name", "last_name", "email", "county"]
                .map(String::from)
                .to_vec(),
        );
        t.insert(
            "events".into(),
            ["member_id", "event", "county"].map(String::from).to_vec(),
        );
        t
    }

    /// Each result column's sources as `table.column` lists.
    fn sources(sql: &str) -> Vec<Vec<String>> {
        trace(sql, &tables())
            .unwrap_or_else(|| panic!("{sql} traces"))
            .into_iter()
            .map(|o| {
                let mut v: Vec<String> =
                    o.sources.iter().map(|(t, c)| format!("{t}.{c}")).collect();
                if o.unclear {
                    v.push("?".into());
                }
                v
            })
            .collect()
    }

    #[test]
    fn aliases_expressions_and_case_carry_their_sources() {
        assert_eq!(
            sources("SELECT first_name AS county, COUNT(*) FROM members GROUP BY first_name"),
            [vec!["members.first_name"], vec![]]
        );
        assert_eq!(
            sources(
                "SELECT UPPER(email), email || '', CONCAT(first_name, ' ', last_name) AS who FROM members"
            ),
            [
                vec!["members.email"],
                vec!["members.email"],
                vec!["members.first_name", "members.last_name"]
            ]
        );
        assert_eq!(
            sources(
                "SELECT CASE WHEN email LIKE '%x' THEN 'a' ELSE first_name END, LENGTH(email), email = 'x', COUNT(email) FROM members"
            ),
            [vec!["members.first_name"], vec![], vec![], vec![]]
        );
        assert_eq!(
            sources(
                "SELECT CAST(email AS INTEGER) AS n, SUBSTRING(email FROM 1 FOR 3) FROM members"
            ),
            [vec!["members.email"], vec!["members.email"]]
        );
    }

    #[test]
    fn ctes_subqueries_joins_and_unions_are_followed() {
        assert_eq!(
            sources("WITH t AS (SELECT first_name AS county FROM members) SELECT county FROM t"),
            [vec!["members.first_name"]]
        );
        assert_eq!(
            sources("SELECT x FROM (SELECT last_name AS x FROM members) s"),
            [vec!["members.last_name"]]
        );
        assert_eq!(
            sources("SELECT county FROM events UNION SELECT first_name FROM members"),
            [vec!["events.county", "members.first_name"]]
        );
        assert_eq!(
            sources(
                "SELECT e.event, m.email FROM events e JOIN members m ON e.member_id = m.member_id"
            ),
            [vec!["events.event"], vec!["members.email"]]
        );
        assert_eq!(
            sources("SELECT (SELECT MAX(email) FROM members) AS top"),
            [vec!["members.email"]]
        );
        assert_eq!(
            sources("SELECT * EXCLUDE (email, county) FROM members").len(),
            3
        );
    }

    #[test]
    fn names_that_cannot_be_resolved_are_unclear() {
        assert_eq!(sources("SELECT nope FROM members"), [vec!["?"]]);
        assert!(trace("SELECT * FROM nowhere", &tables()).is_none());
        assert!(trace("not sql", &tables()).is_none());
    }
}
