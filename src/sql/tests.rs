//! The catalog, the guard and the engine together, as a lesson uses them.

use super::*;
use polars::prelude::*;

fn catalog() -> Catalog {
    let mut c = Catalog::new();
    c.insert(
        "members",
        df!("county" => ["Essex", "Essex", "Kent"], "zip" => ["02134", "02135", "01001"]).unwrap(),
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

#[test]
fn standard_answers_where_polars_sql_was_wrong() {
    let c = catalog();
    let one = |sql: &str| c.scalar(sql).unwrap().to_string();
    assert_eq!(one("SELECT ROUND(2.5)"), "3.0");
    assert_eq!(one("SELECT ROUND(100.0 * 1 / 8)"), "13.0");
    assert_eq!(one("SELECT -7 % 3"), "-1");
    assert_eq!(one("SELECT COUNT(*) FROM members"), "3");
    let df = c.query("SELECT COUNT(*) FROM members").unwrap();
    assert_eq!(df.get_column_names(), ["count"]);
}

#[test]
fn beginners_mistakes_are_refused_with_a_place_and_a_fix() {
    let c = catalog();
    let e = c.query("SELECT county, COUNT(*) FROM members").unwrap_err();
    assert!(e.message.contains("GROUP BY county"), "{e}");
    assert_eq!((e.line, e.column), (Some(1), Some(8)), "{e:?}");
    let e = c
        .query("SELECT county FROM members\nWHERE COUNT(*) > 1")
        .unwrap_err();
    assert!(e.message.contains("HAVING"), "{e}");
    assert_eq!(e.line, Some(2), "{e:?}");
    let e = c
        .query("SELECT * FROM members WHERE county = \"Essex\"")
        .unwrap_err();
    assert!(e.message.contains("'Essex'"), "{e}");
    let e = c.query("SELECT YEAR(zip) FROM members").unwrap_err();
    assert!(e.message.contains("EXTRACT(YEAR FROM"), "{e}");
}

#[test]
fn widths_and_sizes_from_a_query_are_bounded() {
    let c = catalog();
    let e = c
        .query("SELECT LPAD(county, 1000000000, 'x') FROM members")
        .unwrap_err();
    assert!(e.message.contains("10000"), "{e}");
    let e = c
        .query("SELECT REPEAT(county, LENGTH(zip) * 100000) FROM members")
        .unwrap_err();
    assert!(e.message.contains("as a number"), "{e}");
    let ors = vec!["zip = '1'"; 3_000].join(" OR ");
    let e = c
        .query(&format!("SELECT * FROM members WHERE {ors}"))
        .unwrap_err();
    assert!(e.message.contains("IN (…)"), "{e}");
    let e = c
        .query(&format!(
            "SELECT {} FROM members",
            vec!["1"; 7_000].join("+")
        ))
        .unwrap_err();
    assert!(e.message.contains("huddle stops there"), "{e}");
}

#[test]
fn a_result_past_the_row_budget_stops_with_advice() {
    let c = catalog();
    let budget = Budget {
        rows: 20,
        ..Budget::default()
    };
    let e = c
        .query_with(
            "SELECT * FROM members a, members b, members c",
            &budget,
            &Cancel::new(),
        )
        .unwrap_err();
    assert!(e.message.contains("more than 20 rows"), "{e}");
}

#[test]
fn a_cancelled_query_stops() {
    let c = catalog();
    let cancel = Cancel::new();
    cancel.cancel();
    let slow = "SELECT SUM(LENGTH(a.zip || b.zip || c.zip || d.zip || e.zip || f.zip || g.zip)) FROM members a, members b, members c, members d, members e, members f, members g, members h, members i, members j, members k, members l, members m, members n, members o";
    let e = c.query_with(slow, &Budget::default(), &cancel).unwrap_err();
    assert!(e.message.contains("stopped"), "{e}");
}

#[test]
fn a_query_past_its_time_budget_stops_with_advice() {
    let c = catalog();
    let budget = Budget {
        time: std::time::Duration::from_millis(300),
        ..Budget::default()
    };
    let slow = "SELECT SUM(LENGTH(a.zip || b.zip || c.zip)) FROM members a, members b, members c, members d, members e, members f, members g, members h, members i, members j, members k, members l, members m, members n, members o";
    let started = std::time::Instant::now();
    let e = c.query_with(slow, &budget, &Cancel::new()).unwrap_err();
    assert!(e.message.contains("was stopped"), "{e}");
    assert!(
        started.elapsed() < std::time::Duration::from_secs(20),
        "{:?}",
        started.elapsed()
    );
}
