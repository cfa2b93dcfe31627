//! A small sqllogictest runner over huddle's SQL catalog.
//!
//! The format is SQLite's (https://sqlite.org/sqllogictest): `statement ok|error`,
//! `query TYPES SORT`, results one value per line or `N values hashing to MD5`,
//! `skipif`/`onlyif`, `hash-threshold`. huddle only runs queries, so `CREATE TABLE`
//! and `INSERT … VALUES` are applied by this harness to polars tables, which are then
//! registered in a fresh [`Catalog`] as a lesson's tables are.

use huddle::sql::Catalog;
use indexmap::IndexMap;
use polars::prelude::*;
use sqlparser::ast::{Expr, SetExpr, Statement, UnaryOperator, Value};
use sqlparser::dialect::GenericDialect;
use sqlparser::parser::Parser;

/// What happened to each record of a file.
#[derive(Debug, Default)]
pub struct Tally {
    /// Queries whose result matched.
    pub passed: usize,
    /// Queries that ran and gave another result.
    pub wrong: Vec<String>,
    /// Queries the engine refused or failed on (with huddle's message).
    pub errors: Vec<String>,
    /// `statement error` / refused queries correctly refused.
    pub refused_ok: usize,
    /// Queries that should have been refused but ran.
    pub accepted_wrongly: Vec<String>,
    /// Records skipped for another database (`onlyif mysql`, `skipif sqlite`).
    pub skipped: usize,
}

impl Tally {
    /// Queries counted: passed, wrong, errors, refusals.
    pub fn total(&self) -> usize {
        self.passed
            + self.wrong.len()
            + self.errors.len()
            + self.refused_ok
            + self.accepted_wrongly.len()
    }

    /// Share that behaved as expected.
    pub fn rate(&self) -> f64 {
        (self.passed + self.refused_ok) as f64 / self.total().max(1) as f64
    }
}

#[derive(Debug, Clone, Copy)]
enum Kind {
    Int,
    Real,
    Text,
}

struct Table {
    columns: Vec<(String, Kind)>,
    rows: Vec<Vec<Option<Lit>>>,
}

#[derive(Debug, Clone)]
enum Lit {
    Int(i64),
    Real(f64),
    Text(String),
}

/// Run a whole `.test` file; `db` is the name `skipif`/`onlyif` compare with.
pub fn run_file(text: &str, db: &str) -> Tally {
    run(text, db, None)
}

/// [`run_file`] over tables already registered in `catalog` (no `CREATE TABLE`).
pub fn run_file_on(text: &str, db: &str, catalog: Catalog) -> Tally {
    run(text, db, Some(catalog))
}

fn run(text: &str, db: &str, fixed: Option<Catalog>) -> Tally {
    let mut tally = Tally::default();
    let mut tables: IndexMap<String, Table> = IndexMap::new();
    let mut catalog: Option<Catalog> = fixed.clone();
    let mut hash_threshold = 0usize;
    let lines: Vec<&str> = text.lines().collect();
    let mut i = 0;
    while i < lines.len() {
        let mut skip = false;
        // Conditions come before the record they govern.
        while i < lines.len() {
            let l = lines[i].trim_end();
            if let Some(other) = l.strip_prefix("skipif ") {
                skip |= other.trim() == db;
            } else if let Some(only) = l.strip_prefix("onlyif ") {
                skip |= only.trim() != db;
            } else {
                break;
            }
            i += 1;
        }
        let line = lines.get(i).map(|l| l.trim_end()).unwrap_or("");
        if line.is_empty() || line.starts_with('#') {
            i += 1;
            continue;
        }
        if line == "halt" {
            if skip {
                i += 1;
                continue;
            }
            break;
        }
        if let Some(n) = line.strip_prefix("hash-threshold ") {
            hash_threshold = n.trim().parse().unwrap_or(0);
            i += 1;
            continue;
        }
        let header: Vec<&str> = line.split_whitespace().collect();
        i += 1;
        let mut sql_lines = Vec::new();
        while i < lines.len() && !lines[i].trim().is_empty() && lines[i].trim_end() != "----" {
            sql_lines.push(lines[i]);
            i += 1;
        }
        let mut expected = Vec::new();
        if i < lines.len() && lines[i].trim_end() == "----" {
            i += 1;
            while i < lines.len() && !lines[i].trim().is_empty() {
                expected.push(lines[i].trim_end().to_string());
                i += 1;
            }
        }
        let sql = sql_lines.join("\n");
        if skip {
            tally.skipped += 1;
            continue;
        }
        match header.first().copied() {
            Some("statement") => {
                let want_ok = header.get(1) == Some(&"ok");
                match apply_statement(&sql, &mut tables) {
                    Some(Ok(())) => catalog = fixed.clone(),
                    Some(Err(_)) if !want_ok => tally.refused_ok += 1,
                    Some(Err(e)) => tally.errors.push(format!("{sql}\n  -> setup failed: {e}")),
                    None => {
                        let cat = catalog.get_or_insert_with(|| build_catalog(&tables));
                        match (cat.query(&sql), want_ok) {
                            (Ok(_), true) | (Err(_), false) => tally.refused_ok += 1,
                            (Ok(_), false) => tally.accepted_wrongly.push(sql.clone()),
                            (Err(e), true) => tally.errors.push(format!("{sql}\n  -> {e}")),
                        }
                    }
                }
            }
            Some("query") => {
                let types: Vec<Kind> = header
                    .get(1)
                    .unwrap_or(&"")
                    .chars()
                    .map(|c| match c {
                        'I' => Kind::Int,
                        'R' => Kind::Real,
                        _ => Kind::Text,
                    })
                    .collect();
                let sort = header.get(2).copied().unwrap_or("nosort");
                let cat = catalog.get_or_insert_with(|| build_catalog(&tables));
                match cat.query(&sql) {
                    Ok(df) => {
                        let got = render(&df, &types, sort);
                        let expected = sorted(&expected, types.len(), sort);
                        if matches(&got, &expected, hash_threshold) {
                            tally.passed += 1;
                        } else {
                            tally.wrong.push(format!(
                                "{sql}\n  got {:?}\n  want {:?}",
                                got.iter().take(12).collect::<Vec<_>>(),
                                expected.iter().take(12).collect::<Vec<_>>()
                            ));
                        }
                    }
                    Err(e) => tally.errors.push(format!("{sql}\n  -> {e}")),
                }
            }
            _ => {}
        }
    }
    tally
}

/// Expected values sorted as the record asks (files may list them unsorted).
fn sorted(expected: &[String], width: usize, sort: &str) -> Vec<String> {
    if expected.len() == 1 && expected[0].contains(" values hashing to ") {
        return expected.to_vec();
    }
    match sort {
        "rowsort" if width > 0 && expected.len().is_multiple_of(width) => {
            let mut rows: Vec<Vec<String>> = expected.chunks(width).map(|c| c.to_vec()).collect();
            rows.sort();
            rows.into_iter().flatten().collect()
        }
        "valuesort" => {
            let mut all = expected.to_vec();
            all.sort();
            all
        }
        _ => expected.to_vec(),
    }
}

/// A timestamp at midnight and its date are the same value (engines differ on
/// whether `date + interval` is a date or a timestamp).
fn same_value(a: &str, b: &str) -> bool {
    a == b || a.strip_suffix(" 00:00:00") == Some(b) || b.strip_suffix(" 00:00:00") == Some(a)
}

fn matches(got: &[String], expected: &[String], hash_threshold: usize) -> bool {
    if let [one] = expected
        && let Some((n, hash)) = one.split_once(" values hashing to ")
    {
        return n.trim().parse::<usize>().ok() == Some(got.len()) && md5_of(got) == hash.trim();
    }
    if hash_threshold > 0 && got.len() > hash_threshold && expected.len() != got.len() {
        return false;
    }
    got.len() == expected.len() && got.iter().zip(expected).all(|(g, e)| same_value(g, e))
}

fn md5_of(values: &[String]) -> String {
    let mut ctx = md5::Context::new();
    for v in values {
        ctx.consume(v.as_bytes());
        ctx.consume(b"\n");
    }
    format!("{:x}", ctx.finalize())
}

/// The result as sqllogictest prints it, sorted as the record asks.
fn render(df: &DataFrame, types: &[Kind], sort: &str) -> Vec<String> {
    let mut rows: Vec<Vec<String>> = (0..df.height())
        .map(|r| {
            df.columns()
                .iter()
                .enumerate()
                .map(|(c, col)| {
                    let kind = types.get(c).copied().unwrap_or(Kind::Text);
                    format_value(col.get(r).unwrap_or(AnyValue::Null), kind)
                })
                .collect()
        })
        .collect();
    match sort {
        "rowsort" => rows.sort(),
        "valuesort" => {
            let mut all: Vec<String> = rows.into_iter().flatten().collect();
            all.sort();
            return all;
        }
        _ => {}
    }
    rows.into_iter().flatten().collect()
}

fn format_value(v: AnyValue, kind: Kind) -> String {
    let text = |s: &str| {
        if s.is_empty() {
            "(empty)".to_string()
        } else {
            s.to_string()
        }
    };
    match v {
        AnyValue::Null => "NULL".into(),
        AnyValue::String(s) => match kind {
            Kind::Text => text(s),
            Kind::Int => leading_number(s).trunc().to_string(),
            Kind::Real => format!("{:.3}", leading_number(s)),
        },
        AnyValue::StringOwned(ref s) => format_value(AnyValue::String(s.as_str()), kind),
        AnyValue::Boolean(b) => match kind {
            Kind::Text => b.to_string(),
            Kind::Int => (b as i64).to_string(),
            Kind::Real => format!("{:.3}", b as i64 as f64),
        },
        AnyValue::Date(_) | AnyValue::Datetime(..) | AnyValue::DatetimeOwned(..) => {
            let t = v.to_string().trim_matches('"').to_string();
            // Whole seconds print without a fraction, as SQL engines print them.
            t.strip_suffix(".000000000")
                .or_else(|| t.strip_suffix(".000000"))
                .unwrap_or(&t)
                .to_string()
        }
        other => {
            let f = other.extract::<f64>();
            let i = other.extract::<i64>();
            let is_float = other.dtype().is_float();
            match kind {
                Kind::Int => match (is_float, f, i) {
                    (true, Some(f), _) => (f.trunc() as i64).to_string(),
                    (_, _, Some(i)) => i.to_string(),
                    _ => other.to_string(),
                },
                Kind::Real => f
                    .map(|f| format!("{f:.3}"))
                    .unwrap_or_else(|| other.to_string()),
                Kind::Text => match (is_float, f, i) {
                    (false, _, Some(i)) => i.to_string(),
                    (true, Some(f), _) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{f:.1}"),
                    (true, Some(f), _) => f.to_string(),
                    _ => other.to_string(),
                },
            }
        }
    }
}

/// SQLite's number from the start of a text (`'12abc'` is 12; `'abc'` is 0).
fn leading_number(s: &str) -> f64 {
    let t = s.trim_start();
    let mut end = 0;
    for (i, c) in t.char_indices() {
        if c.is_ascii_digit() || c == '.' || ((c == '-' || c == '+') && i == 0) {
            end = i + c.len_utf8();
        } else {
            break;
        }
    }
    t[..end].parse().unwrap_or(0.0)
}

/// `CREATE TABLE`, `INSERT … VALUES`, `CREATE INDEX` and `DROP`: applied here.
/// `None` for anything else (a query the catalog should run or refuse).
fn apply_statement(sql: &str, tables: &mut IndexMap<String, Table>) -> Option<Result<(), String>> {
    let statements = match Parser::parse_sql(&GenericDialect {}, sql) {
        Ok(s) => s,
        Err(_) => return None,
    };
    let [statement] = statements.as_slice() else {
        return None;
    };
    match statement {
        Statement::CreateTable(ct) => {
            let columns = ct
                .columns
                .iter()
                .map(|c| {
                    let t = c.data_type.to_string().to_uppercase();
                    let kind = if t.contains("INT") {
                        Kind::Int
                    } else if t.contains("REAL")
                        || t.contains("FLOAT")
                        || t.contains("DOUBLE")
                        || t.contains("NUMERIC")
                        || t.contains("DECIMAL")
                    {
                        Kind::Real
                    } else {
                        Kind::Text
                    };
                    (c.name.value.to_lowercase(), kind)
                })
                .collect();
            tables.insert(
                ct.name.to_string().to_lowercase(),
                Table {
                    columns,
                    rows: Vec::new(),
                },
            );
            Some(Ok(()))
        }
        Statement::Insert(ins) => {
            let name = ins.table.to_string().to_lowercase();
            let Some(table) = tables.get_mut(&name) else {
                return Some(Err(format!("no table {name}")));
            };
            let order: Vec<usize> = if ins.columns.is_empty() {
                (0..table.columns.len()).collect()
            } else {
                ins.columns
                    .iter()
                    .map(|c| {
                        let n = c.to_string().to_lowercase();
                        table
                            .columns
                            .iter()
                            .position(|(cn, _)| *cn == n)
                            .unwrap_or(usize::MAX)
                    })
                    .collect()
            };
            let Some(source) = &ins.source else {
                return Some(Err("no VALUES".into()));
            };
            let SetExpr::Values(values) = source.body.as_ref() else {
                return Some(Err("INSERT … SELECT is not supported by the harness".into()));
            };
            for row in &values.rows {
                let mut out = vec![None; table.columns.len()];
                for (expr, &pos) in row.iter().zip(&order) {
                    if pos == usize::MAX {
                        return Some(Err("unknown column".into()));
                    }
                    out[pos] = literal(expr);
                }
                table.rows.push(out);
            }
            Some(Ok(()))
        }
        Statement::CreateIndex(_) | Statement::Drop { .. } | Statement::CreateView { .. } => {
            if let Statement::Drop { names, .. } = statement {
                for n in names {
                    tables.shift_remove(&n.to_string().to_lowercase());
                }
            }
            Some(Ok(()))
        }
        _ => None,
    }
}

fn literal(e: &Expr) -> Option<Lit> {
    match e {
        Expr::Value(v) => match &v.value {
            Value::Number(n, _) => n
                .parse::<i64>()
                .map(Lit::Int)
                .ok()
                .or_else(|| n.parse::<f64>().ok().map(Lit::Real)),
            Value::SingleQuotedString(s) => Some(Lit::Text(s.clone())),
            _ => None,
        },
        Expr::UnaryOp {
            op: UnaryOperator::Minus,
            expr,
        } => match literal(expr)? {
            Lit::Int(i) => Some(Lit::Int(-i)),
            Lit::Real(f) => Some(Lit::Real(-f)),
            Lit::Text(t) => Some(Lit::Text(t)),
        },
        Expr::Nested(inner) => literal(inner),
        _ => None,
    }
}

fn build_catalog(tables: &IndexMap<String, Table>) -> Catalog {
    let mut catalog = Catalog::new();
    for (name, t) in tables {
        let columns: Vec<Column> = t
            .columns
            .iter()
            .enumerate()
            .map(|(ci, (cname, kind))| {
                let cells = t.rows.iter().map(|r| r[ci].clone());
                let s = match kind {
                    Kind::Int => Series::new(
                        cname.into(),
                        cells
                            .map(|c| match c {
                                Some(Lit::Int(i)) => Some(i),
                                Some(Lit::Real(f)) => Some(f as i64),
                                _ => None,
                            })
                            .collect::<Vec<_>>(),
                    ),
                    Kind::Real => Series::new(
                        cname.into(),
                        cells
                            .map(|c| match c {
                                Some(Lit::Int(i)) => Some(i as f64),
                                Some(Lit::Real(f)) => Some(f),
                                _ => None,
                            })
                            .collect::<Vec<_>>(),
                    ),
                    Kind::Text => Series::new(
                        cname.into(),
                        cells
                            .map(|c| match c {
                                Some(Lit::Text(s)) => Some(s),
                                Some(Lit::Int(i)) => Some(i.to_string()),
                                Some(Lit::Real(f)) => Some(f.to_string()),
                                None => None,
                            })
                            .collect::<Vec<_>>(),
                    ),
                };
                s.into()
            })
            .collect();
        let df = DataFrame::new(t.rows.len(), columns).expect("harness table");
        catalog.insert(name.clone(), df);
    }
    catalog
}
