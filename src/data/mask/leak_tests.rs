//! Planted personal values must never reach the screen through `plan` + `cell`, whatever
//! shape a query gives them.

use super::{Masker, PiiKind};
use crate::data::cell::rows;
use crate::data::sql::Catalog;
use polars::prelude::*;

/// Words planted in the table that no masked output may contain (compared lower case).
const SENTINELS: &[&str] = &[
    "zebulon",
    "quintessa",
    "marisol",
    "thaddeus",
    "vanterpool",
    "okonkwo",
    "castellanos",
    "brightwater",
    "sentinel-mail",
    "zeb.vt",
    "q.okonkwo",
    "quillfeather",
    "555",
    "867",
    "314",
    "201",
    "330",
];

fn members() -> DataFrame {
    df![
        "member_id" => ["M1", "M2", "M3", "M4", "M5"],
        "first_name" => ["Zebulon", "Quintessa", "Marisol", "Thaddeus", "Ann"],
        "last_name" => ["Vanterpool", "Okonkwo-Rey", "Castellanos", "Brightwater", "Essex"],
        "email" => [
            "zeb.vt@sentinel-mail.org",
            "q.okonkwo@sentinel-mail.org",
            "marisol@sentinel-mail.org",
            "not an email",
            "",
        ],
        "HomePhone" => ["(555) 867-5309", "5553142718", "555.201.4477", "+1 555 330 1199", ""],
        "Address" => ["12 Quillfeather Lane", "9 Quillfeather Ct", "", "1 Main St", "2 Elm St"],
        "county" => ["Essex", "Suffolk", "Essex", "Norfolk", "Essex"],
        "notes" => [
            "prefers texts: 555-867-5309",
            "backup email zeb.vt@sentinel-mail.org",
            "",
            "met at the rally",
            "call (555) 201-4477 after 6",
        ],
        "amount" => [25i64, 50, 10, 5, 100],
    ]
    .expect("test frame builds")
}

fn masker_for(df: &DataFrame) -> Masker {
    let mut m = Masker::new();
    m.learn_frame(df);
    m
}

/// Every cell of `df` as the screen would show it, masked.
fn shown(m: &Masker, df: &DataFrame) -> Vec<Vec<String>> {
    let plan = m.plan(df);
    rows(df)
        .iter()
        .map(|row| {
            row.iter()
                .zip(&plan)
                .map(|(cell, kind)| m.cell(*kind, &cell.to_string()).into_owned())
                .collect()
        })
        .collect()
}

fn assert_no_sentinel(sql: &str) -> Vec<Vec<String>> {
    let table = members();
    let m = masker_for(&table);
    let mut catalog = Catalog::new();
    catalog.insert("members", table);
    let df = catalog.query(sql).expect("test query runs");
    assert!(df.height() > 0, "{sql} returned no rows");
    let out = shown(&m, &df);
    for value in out.iter().flatten() {
        let lower = value.to_lowercase();
        for s in SENTINELS {
            assert!(!lower.contains(s), "{sql}: `{value}` shows `{s}`");
        }
    }
    assert_eq!(out, shown(&m, &df), "{sql}: masking is deterministic");
    out
}

fn column(out: &[Vec<String>], i: usize) -> Vec<&str> {
    out.iter()
        .filter_map(|r| r.get(i))
        .map(String::as_str)
        .collect()
}

#[test]
fn raw_table_hides_people_and_keeps_the_rest() {
    let out = assert_no_sentinel("SELECT * FROM members ORDER BY member_id");
    assert_eq!(column(&out, 0), ["M1", "M2", "M3", "M4", "M5"], "ids stay");
    assert_eq!(column(&out, 1), ["Z.", "Q.", "M.", "T.", "A."]);
    assert_eq!(column(&out, 3)[..2], ["z•••@•••.org", "q•••@•••.org"]);
    assert_eq!(column(&out, 3)[3], "•••", "a malformed email is hidden");
    assert_eq!(column(&out, 4)[0], "(•••) •••-5309");
    assert_eq!(column(&out, 5), ["•••", "•••", "", "•••", "•••"]);
    assert_eq!(
        column(&out, 6),
        ["Essex", "Suffolk", "Essex", "Norfolk", "Essex"],
        "a county stays even when a member is called Essex"
    );
    assert_eq!(column(&out, 7)[3], "met at the rally");
    assert_eq!(column(&out, 8), ["25", "50", "10", "5", "100"]);
}

#[test]
fn renamed_columns_are_still_hidden() {
    let out = assert_no_sentinel(
        "SELECT first_name AS who, last_name AS fam, email AS contact, HomePhone AS num, \
         notes AS n FROM members ORDER BY member_id",
    );
    assert_eq!(column(&out, 0), ["Z.", "Q.", "M.", "T.", "A."]);
}

#[test]
fn concatenated_names_are_hidden() {
    let out = assert_no_sentinel(
        "SELECT first_name || ' ' || UPPER(last_name) AS who, amount FROM members ORDER BY amount",
    );
    assert_eq!(
        column(&out, 0),
        ["T. B.", "M. C.", "Z. V.", "Q. O.", "A. E."]
    );
}

#[test]
fn counts_by_name_hide_the_names_not_the_counts() {
    let out = assert_no_sentinel(
        "SELECT last_name AS family, COUNT(*) AS n FROM members GROUP BY last_name ORDER BY family",
    );
    assert_eq!(column(&out, 0), ["B.", "C.", "E.", "O.", "V."]);
    assert_eq!(column(&out, 1), ["1", "1", "1", "1", "1"]);
    let by_county = assert_no_sentinel(
        "SELECT county AS place, COUNT(*) AS n FROM members GROUP BY county ORDER BY place",
    );
    assert_eq!(column(&by_county, 0), ["Essex", "Norfolk", "Suffolk"]);
}

#[test]
fn a_phone_stored_as_a_number_is_hidden() {
    let df = df!["cell" => [8314016718i64, 3214028326], "n" => [1i64, 2]].expect("frame");
    let m = Masker::new();
    assert_eq!(m.plan(&df), [Some(PiiKind::Phone), None]);
    let out = shown(&m, &df);
    assert_eq!(column(&out, 0), ["(•••) •••-6718", "(•••) •••-8326"]);
    let renamed = df!["x" => [8314016718.0f64, 3214028326.0]].expect("frame");
    assert_eq!(m.plan(&renamed), [Some(PiiKind::Phone)]);
}

#[test]
fn the_sample_spreads_over_a_long_column() {
    // The first 200 non-blank values are not emails; 70% of the column is.
    let mut emails: Vec<String> = vec![String::new(); 1000];
    emails.extend(vec!["n/a".to_string(); 2000]);
    emails.extend((0..7000).map(|i| format!("person{i}@example.org")));
    let df = df!["x" => emails].expect("frame");
    assert_eq!(Masker::new().plan(&df), [Some(PiiKind::Email)]);
}

/// Every cell of `sql`'s result as the screen shows it, planned with the query's
/// lineage ([`Masker::plan_query`]).
fn shown_query(sql: &str) -> Vec<Vec<String>> {
    let mut catalog = Catalog::new();
    catalog.insert("members", members());
    let mut m = Masker::new();
    m.learn_catalog(&catalog);
    let df = catalog.query(sql).expect("test query runs");
    let plan = m.plan_query(&df, Some(sql));
    let out: Vec<Vec<String>> = rows(&df)
        .iter()
        .map(|row| {
            row.iter()
                .zip(&plan)
                .map(|(cell, kind)| m.cell(*kind, &cell.to_string()).into_owned())
                .collect()
        })
        .collect();
    for value in out.iter().flatten() {
        let lower = value.to_lowercase();
        for s in SENTINELS {
            assert!(!lower.contains(s), "{sql}: `{value}` shows `{s}`");
        }
    }
    out
}

#[test]
fn a_name_renamed_to_a_place_is_still_hidden() {
    let out = shown_query(
        "SELECT first_name AS county, COUNT(*) AS n FROM members GROUP BY first_name ORDER BY county",
    );
    assert_eq!(column(&out, 0), ["A.", "M.", "Q.", "T.", "Z."]);
    assert_eq!(column(&out, 1), ["1", "1", "1", "1", "1"]);
    let out = shown_query(
        "WITH t AS (SELECT Address AS city FROM members) SELECT city FROM t WHERE city <> ''",
    );
    assert!(column(&out, 0).iter().all(|v| *v == "•••"), "{out:?}");
    let out = shown_query("SELECT county AS place FROM members ORDER BY member_id");
    assert_eq!(column(&out, 0)[1], "Suffolk", "a real place stays");
}
