//! The SQL huddle sends to a warehouse. Every name is quoted, so a column called
//! `Sign-up date` or `select` is read as written and never as SQL; a learner's own
//! query is guarded first ([`crate::sql::guard::guard_warehouse`]) and read as a
//! subquery.

use super::pg_types::Fetch;
use super::pg_url::PgWhat;
use crate::chart::Every;

/// Most groups a pushed-down group-by brings back.
pub const MAX_GROUPS: usize = 100_000;

/// `"name"`, with any `"` doubled.
pub fn quote_ident(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// What follows `FROM`: the table, or the query as a subquery.
pub fn relation(what: &PgWhat) -> String {
    match what {
        PgWhat::Table {
            schema: Some(s),
            name,
        } => format!("{}.{}", quote_ident(s), quote_ident(name)),
        PgWhat::Table { schema: None, name } => quote_ident(name),
        PgWhat::Query(q) => format!("({}\n) AS huddle_source", inner(q)),
    }
}

/// The part of a learner's query that is sent inside the subquery.
fn inner(q: &str) -> &str {
    q.trim().trim_end_matches(';')
}

/// Where character `at` of `sent` (counted from 1, as the server counts) falls in
/// the query of the address: its line and column, both from 1. `None` when the
/// source is a table or the place is in the SQL huddle wrapped around the query.
pub fn place_in_query(what: &PgWhat, sent: &str, at: u32) -> Option<(usize, usize)> {
    let PgWhat::Query(q) = what else {
        return None;
    };
    let body = inner(q);
    let start = sent.find(body)?;
    let before = sent[..start].chars().count();
    let at = (at as usize).checked_sub(1)?.checked_sub(before)?;
    let skipped = q.len() - q.trim_start().len();
    let offset = q[..skipped].chars().count() + at;
    if at >= body.chars().count() {
        return None;
    }
    let head: String = q.chars().take(offset).collect();
    let line = head.matches('\n').count() + 1;
    let col = head.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    Some((line, col))
}

/// `SELECT` the columns (cast to text where they must be) with at most `limit` rows.
pub fn read(what: &PgWhat, columns: &[(String, Fetch)], limit: usize) -> String {
    let list: Vec<String> = columns
        .iter()
        .map(|(name, fetch)| match fetch {
            f if f.cast_to_text() => {
                format!("{}::text AS {}", quote_ident(name), quote_ident(name))
            }
            _ => quote_ident(name),
        })
        .collect();
    format!(
        "SELECT {} FROM {} LIMIT {limit}",
        list.join(", "),
        relation(what)
    )
}

/// How a date column is truncated to a bucket in SQL.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateKind {
    /// `date`.
    Date,
    /// `timestamp`.
    Timestamp,
    /// `timestamptz`, bucketed by its UTC day.
    TimestampTz,
}

impl DateKind {
    /// The date kind of a fetched column, if it holds dates.
    pub fn of(fetch: Fetch) -> Option<DateKind> {
        match fetch {
            Fetch::Date => Some(DateKind::Date),
            Fetch::Timestamp => Some(DateKind::Timestamp),
            Fetch::TimestampTz => Some(DateKind::TimestampTz),
            _ => None,
        }
    }
}

/// The group-by: `x` (or its date bucket), rows, and the sum and count of `y`
/// (leaving out `NaN` and the infinities, as a file's blanks are left out).
/// Result columns: `x`, `n` (int8), then `s` (float8) and `ny` (int8) with a `y`.
pub fn group_by(
    what: &PgWhat,
    (x, x_fetch): (&str, Fetch),
    date: Option<(DateKind, Every)>,
    y: Option<(&str, Fetch)>,
) -> String {
    let qx = quote_ident(x);
    let x_expr = match date {
        None if x_fetch.cast_to_text() => format!("{qx}::text"),
        None => qx,
        Some((kind, every)) => {
            let ts = match kind {
                DateKind::Date => format!("{qx}::timestamp"),
                DateKind::Timestamp => qx,
                DateKind::TimestampTz => format!("({qx} AT TIME ZONE 'UTC')"),
            };
            format!("date_trunc('{}', {ts})::date", every.as_str())
        }
    };
    let values = match y {
        Some((y, y_fetch)) => {
            let mut qy = quote_ident(y);
            if y_fetch.has_nan() {
                qy = format!("NULLIF(NULLIF(NULLIF({qy}, 'NaN'), 'Infinity'), '-Infinity')");
            }
            format!(", sum({qy})::float8 AS s, count({qy}) AS ny")
        }
        None => String::new(),
    };
    format!(
        "SELECT {x_expr} AS x, count(*) AS n{values} FROM {} GROUP BY 1 LIMIT {}",
        relation(what),
        MAX_GROUPS + 1
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_quoted_and_never_read_as_sql() {
        let t = PgWhat::Table {
            schema: Some("van".into()),
            name: "my \"odd\" table".into(),
        };
        assert_eq!(relation(&t), r#""van"."my ""odd"" table""#);
        let sql = read(
            &t,
            &[
                ("id; DROP TABLE x".into(), Fetch::I64),
                ("amount".into(), Fetch::CastText),
            ],
            11,
        );
        assert_eq!(
            sql,
            r#"SELECT "id; DROP TABLE x", "amount"::text AS "amount" FROM "van"."my ""odd"" table" LIMIT 11"#
        );
    }

    #[test]
    fn a_server_position_is_told_in_the_learners_query() {
        let q = PgWhat::Query("  SELECT county,\n  sgined_up FROM members;".into());
        let sent = read(&q, &[("county".into(), Fetch::Text)], 11);
        // The server counts characters from 1; find `sgined_up` in what was sent.
        let at = sent[..sent.find("sgined_up").unwrap()].chars().count() as u32 + 1;
        assert_eq!(place_in_query(&q, &sent, at), Some((2, 3)));
        // In huddle's own wrapping: no place in the learner's query.
        assert_eq!(place_in_query(&q, &sent, 1), None);
        let end = sent.chars().count() as u32;
        assert_eq!(place_in_query(&q, &sent, end), None);
        let t = PgWhat::Table {
            schema: None,
            name: "members".into(),
        };
        assert_eq!(place_in_query(&t, &sent, at), None);
    }

    #[test]
    fn a_month_bucket_is_truncated_in_the_database() {
        let q = PgWhat::Query("SELECT * FROM signups;".into());
        let sql = group_by(
            &q,
            ("signed_up", Fetch::TimestampTz),
            Some((DateKind::TimestampTz, Every::Month)),
            Some(("amount", Fetch::I64)),
        );
        assert_eq!(
            sql,
            "SELECT date_trunc('month', (\"signed_up\" AT TIME ZONE 'UTC'))::date AS x, count(*) AS n, \
             sum(\"amount\")::float8 AS s, count(\"amount\") AS ny FROM (SELECT * FROM signups\n) AS huddle_source \
             GROUP BY 1 LIMIT 100001"
        );
    }
}
