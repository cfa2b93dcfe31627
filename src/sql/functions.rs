//! Functions a learner brings from another database, and what to write here instead.
//!
//! Each entry names this engine's spelling and, where they differ, the spellings in
//! Postgres, BigQuery and Redshift, so what is learned here carries to the warehouse.

/// A function from elsewhere: what to write here, and the warehouses' spellings.
pub struct OtherName {
    /// The name as the learner wrote it (lower case).
    pub name: &'static str,
    /// What to write in huddle.
    pub here: &'static str,
    /// Postgres, BigQuery and Redshift spellings, when they differ from `here`.
    pub warehouses: &'static str,
}

const fn n(name: &'static str, here: &'static str, warehouses: &'static str) -> OtherName {
    OtherName {
        name,
        here,
        warehouses,
    }
}

/// Functions from spreadsheets, SQL Server, MySQL, SQLite, Oracle and BigQuery.
pub const OTHER_NAMES: &[OtherName] = &[
    n("year", "EXTRACT(YEAR FROM joined)", ""),
    n("month", "EXTRACT(MONTH FROM joined)", ""),
    n("day", "EXTRACT(DAY FROM joined)", ""),
    n(
        "dayofweek",
        "EXTRACT(DOW FROM joined)",
        "BigQuery: EXTRACT(DAYOFWEEK FROM joined)",
    ),
    n(
        "weekday",
        "EXTRACT(DOW FROM joined)",
        "BigQuery: EXTRACT(DAYOFWEEK FROM joined)",
    ),
    n(
        "datepart",
        "date_part('year', joined)",
        "Redshift: DATE_PART(year, joined)",
    ),
    n(
        "datediff",
        "date2 - date1",
        "BigQuery: DATE_DIFF(date2, date1, DAY); Redshift: DATEDIFF(day, date1, date2)",
    ),
    n(
        "dateadd",
        "joined + INTERVAL '30 days'",
        "BigQuery: DATE_ADD(joined, INTERVAL 30 DAY); Redshift: DATEADD(day, 30, joined)",
    ),
    n(
        "date_add",
        "joined + INTERVAL '30 days'",
        "Redshift: DATEADD(day, 30, joined)",
    ),
    n(
        "date_format",
        "to_char(joined, '%Y-%m')",
        "Postgres and Redshift: TO_CHAR(joined, 'YYYY-MM'); BigQuery: FORMAT_DATE('%Y-%m', joined)",
    ),
    n(
        "format_date",
        "to_char(joined, '%Y-%m')",
        "Postgres and Redshift: TO_CHAR(joined, 'YYYY-MM')",
    ),
    n(
        "getdate",
        "now()",
        "Postgres: now(); BigQuery: CURRENT_TIMESTAMP(); Redshift: GETDATE()",
    ),
    n(
        "sysdate",
        "now()",
        "Postgres: now(); BigQuery: CURRENT_TIMESTAMP()",
    ),
    n("today", "CURRENT_DATE", ""),
    n(
        "len",
        "length(email)",
        "BigQuery: LENGTH(email); Redshift: LEN(email) or LENGTH(email)",
    ),
    n("char_length", "length(email)", ""),
    n(
        "instr",
        "strpos(email, '@')",
        "BigQuery: STRPOS(email, '@'); Redshift: STRPOS(email, '@')",
    ),
    n(
        "charindex",
        "strpos(email, '@')",
        "Redshift: CHARINDEX('@', email)",
    ),
    n("locate", "strpos(email, '@')", ""),
    n("mid", "substr(zip, 1, 3)", ""),
    n("ucase", "upper(county)", ""),
    n("lcase", "lower(county)", ""),
    n(
        "isnull",
        "coalesce(email, '')",
        "Redshift: NVL(email, '') or COALESCE",
    ),
    n(
        "ifnull",
        "coalesce(email, '')",
        "BigQuery: IFNULL(email, ''); Redshift: NVL(email, '')",
    ),
    n("nvl", "coalesce(email, '')", "Redshift: NVL(email, '')"),
    n(
        "iif",
        "CASE WHEN voted > 0 THEN 'yes' ELSE 'no' END",
        "BigQuery: IF(voted > 0, 'yes', 'no')",
    ),
    n(
        "if",
        "CASE WHEN voted > 0 THEN 'yes' ELSE 'no' END",
        "BigQuery: IF(voted > 0, 'yes', 'no')",
    ),
    n(
        "group_concat",
        "string_agg(county, ', ')",
        "Postgres: STRING_AGG(county, ', '); BigQuery: STRING_AGG(county, ', '); Redshift: LISTAGG(county, ', ')",
    ),
    n(
        "listagg",
        "string_agg(county, ', ')",
        "Postgres and BigQuery: STRING_AGG(county, ', ')",
    ),
    n("stdev", "stddev(voted)", ""),
    n("stdevp", "stddev_pop(voted)", ""),
    n("convert", "CAST(zip AS INTEGER)", ""),
    n("to_number", "CAST(zip AS INTEGER)", ""),
    n(
        "trunc",
        "date_trunc('month', joined)",
        "BigQuery: DATE_TRUNC(joined, MONTH)",
    ),
    n(
        "countif",
        "COUNT(*) FILTER (WHERE voted > 0)",
        "Postgres: COUNT(*) FILTER (WHERE …); Redshift: SUM(CASE WHEN … THEN 1 ELSE 0 END)",
    ),
    n(
        "safe_divide",
        "a / NULLIF(b, 0)",
        "BigQuery: SAFE_DIVIDE(a, b)",
    ),
    n("ceiling", "ceil(x)", ""),
    n("rand", "random()", "BigQuery: RAND()"),
];

/// What to write here instead of `name(…)`, if it is a function from elsewhere.
pub fn other_name(name: &str) -> Option<&'static OtherName> {
    let lower = name.to_lowercase();
    OTHER_NAMES.iter().find(|o| o.name == lower)
}
