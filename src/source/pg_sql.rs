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
        PgWhat::Query(q) => format!("({}\n) AS huddle_source", q.trim().trim_end_matches(';')),
    }
}

/// `SELECT` the columns (cast to text where they must be) with at most `limit` rows.
pub fn read(what: &PgWhat, columns: &[(String, Fetch)], limit: usize) -> String {
    let list: Vec<String> = columns
        .iter()
        .map(|(name, fetch)| match fetch {
            Fetch::CastText => format!("{}::text AS {}", quote_ident(name), quote_ident(name)),
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

/// The group-by: `x` (or its date bucket), rows, and the sum and count of `y`.
/// Result columns: `x`, `n` (int8), then `s` (float8) and `ny` (int8) with a `y`.
pub fn group_by(
    what: &PgWhat,
    x: &str,
    date: Option<(DateKind, Every)>,
    cast_text: bool,
    y: Option<&str>,
) -> String {
    let qx = quote_ident(x);
    let x_expr = match date {
        None if cast_text => format!("{qx}::text"),
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
        Some(y) => {
            let qy = quote_ident(y);
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
    fn a_month_bucket_is_truncated_in_the_database() {
        let q = PgWhat::Query("SELECT * FROM signups;".into());
        let sql = group_by(
            &q,
            "signed_up",
            Some((DateKind::TimestampTz, Every::Month)),
            false,
            Some("amount"),
        );
        assert_eq!(
            sql,
            "SELECT date_trunc('month', (\"signed_up\" AT TIME ZONE 'UTC'))::date AS x, count(*) AS n, \
             sum(\"amount\")::float8 AS s, count(\"amount\") AS ny FROM (SELECT * FROM signups\n) AS huddle_source \
             GROUP BY 1 LIMIT 100001"
        );
    }
}
