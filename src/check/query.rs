//! Query steps: the learner's result is compared with the solution's on the same data.

use super::Verdict;
use crate::data::cell::{Cell, rows, show_row};
use crate::data::sql::Catalog;
use crate::i18n::{tr, trf};
use crate::lesson::model::{ColumnMatch, Mistake, QueryCheck, RowOrder};
use polars::prelude::*;

/// Run the learner's query and the solution, then compare; mistakes are matched by
/// their result (or by their text, ignoring spacing and case).
pub fn check_query_step(
    sql: &str,
    solution: &str,
    check: QueryCheck,
    mistakes: &[Mistake],
    data: &Catalog,
) -> Result<Verdict, String> {
    let expected = data.query(solution).map_err(|e| format!("solution: {e}"))?;
    let got = match data.query(sql) {
        Ok(df) => df,
        Err(e) => {
            let mut v = Verdict::fail("Your query did not run.");
            v.details.push(e.to_string());
            return Ok(v);
        }
    };
    let verdict = compare(&got, &expected, check);
    if verdict.pass {
        return Ok(verdict);
    }
    for (i, m) in mistakes.iter().enumerate() {
        let Some(msql) = &m.sql else { continue };
        let same_text = squash(msql) == squash(sql);
        let same_result = !same_text
            && data
                .query(msql)
                .is_ok_and(|mdf| compare(&got, &mdf, check).pass);
        if same_text || same_result {
            let mut v = Verdict::fail(m.feedback.clone());
            v.mistake = Some(i);
            return Ok(v);
        }
    }
    Ok(verdict)
}

fn squash(sql: &str) -> String {
    sql.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .trim_end_matches(';')
        .trim()
        .to_lowercase()
}

fn names(df: &DataFrame) -> Vec<String> {
    df.get_column_names()
        .iter()
        .map(|s| s.to_string())
        .collect()
}

/// Compare a result with the expected one; the message says what differs.
pub fn compare(got: &DataFrame, expected: &DataFrame, check: QueryCheck) -> Verdict {
    let got_names = names(got);
    let exp_names = names(expected);
    let got = match check.columns {
        ColumnMatch::ByPosition => {
            if got.width() != expected.width() {
                let mut v = Verdict::fail(trf(
                    "Your result has {got} column(s); the answer has {want}.",
                    &[("got", &got.width()), ("want", &expected.width())],
                ));
                v.details.push(trf(
                    "Your columns: {cols}",
                    &[("cols", &got_names.join(", "))],
                ));
                return v;
            }
            got.clone()
        }
        ColumnMatch::ByName => {
            let lower = |v: &[String]| v.iter().map(|s| s.to_lowercase()).collect::<Vec<_>>();
            let (gl, el) = (lower(&got_names), lower(&exp_names));
            let missing: Vec<&String> = exp_names
                .iter()
                .zip(&el)
                .filter(|(_, l)| !gl.contains(l))
                .map(|(n, _)| n)
                .collect();
            let extra: Vec<&String> = got_names
                .iter()
                .zip(&gl)
                .filter(|(_, l)| !el.contains(l))
                .map(|(n, _)| n)
                .collect();
            if !missing.is_empty() || !extra.is_empty() {
                let mut v = Verdict::fail(tr("Your columns are not the ones asked for."));
                if !missing.is_empty() {
                    v.details
                        .push(trf("Missing: {cols}", &[("cols", &list(&missing))]));
                }
                if !extra.is_empty() {
                    v.details
                        .push(trf("Not needed: {cols}", &[("cols", &list(&extra))]));
                }
                v.details
                    .push(tr("Name a column with AS, e.g. COUNT(*) AS members.").into());
                return v;
            }
            let order: Vec<String> = el
                .iter()
                .filter_map(|l| gl.iter().position(|g| g == l).map(|i| got_names[i].clone()))
                .collect();
            match got.select(order) {
                Ok(df) => df,
                Err(e) => {
                    return Verdict::fail(trf(
                        "Your result could not be compared: {e}",
                        &[("e", &e)],
                    ));
                }
            }
        }
    };
    if got.height() != expected.height() {
        let mut v = Verdict::fail(trf(
            "Your result has {got} row(s); the answer has {want}.",
            &[("got", &got.height()), ("want", &expected.height())],
        ));
        if got.height() > expected.height() {
            v.details
                .push(tr("Too many rows: is a GROUP BY or a WHERE missing?").into());
        } else {
            v.details
                .push(tr("Too few rows: is a WHERE too strict?").into());
        }
        return v;
    }
    let mut g = rows(&got);
    let mut e = rows(expected);
    if check.rows == RowOrder::AnyOrder {
        let by_cells = |a: &Vec<Cell>, b: &Vec<Cell>| {
            a.iter()
                .zip(b)
                .map(|(x, y)| x.order(y))
                .find(|o| o.is_ne())
                .unwrap_or(std::cmp::Ordering::Equal)
        };
        g.sort_by(by_cells);
        e.sort_by(by_cells);
    }
    for (i, (gr, er)) in g.iter().zip(&e).enumerate() {
        if !gr.iter().zip(er).all(|(a, b)| a.same(b)) {
            let mut v = Verdict::fail(tr("Your result has the right shape but different values."));
            match check.rows {
                RowOrder::ExactOrder => {
                    v.details.push(trf(
                        "Row {n}: yours is {got}, the answer has {want}.",
                        &[
                            ("n", &(i + 1)),
                            ("got", &show_row(gr)),
                            ("want", &show_row(er)),
                        ],
                    ));
                    if sorted_equal(&g, &e) {
                        v.details.push(
                            tr("The rows are right but in another order: check ORDER BY.").into(),
                        );
                    }
                }
                RowOrder::AnyOrder => v.details.push(trf(
                    "The answer has a row {want} where yours has {got}.",
                    &[("want", &show_row(er)), ("got", &show_row(gr))],
                )),
            }
            return v;
        }
    }
    Verdict::pass(trf(
        "Your query returns the right {n} row(s).",
        &[("n", &expected.height())],
    ))
}

fn sorted_equal(a: &[Vec<Cell>], b: &[Vec<Cell>]) -> bool {
    let key = |r: &Vec<Cell>| {
        r.iter()
            .map(|c| c.to_string())
            .collect::<Vec<_>>()
            .join("\u{1f}")
    };
    let mut ka: Vec<String> = a.iter().map(key).collect();
    let mut kb: Vec<String> = b.iter().map(key).collect();
    ka.sort();
    kb.sort();
    ka == kb
}

fn list(names: &[&String]) -> String {
    names
        .iter()
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn catalog() -> Catalog {
        let mut c = Catalog::new();
        c.insert(
            "members",
            df!("county" => ["Essex", "Essex", "Kent"], "age" => [30i64, 40, 50]).unwrap(),
        );
        c
    }

    const SOLUTION: &str = "SELECT county, COUNT(*) AS members FROM members GROUP BY county";

    fn run(sql: &str, check: QueryCheck, mistakes: &[Mistake]) -> Verdict {
        check_query_step(sql, SOLUTION, check, mistakes, &catalog()).unwrap()
    }

    #[test]
    fn the_same_rows_in_another_order_pass_when_order_is_free() {
        let v = run(
            "SELECT county, COUNT(*) AS members FROM members GROUP BY county ORDER BY county DESC",
            QueryCheck::default(),
            &[],
        );
        assert!(v.pass, "{v:?}");
    }

    #[test]
    fn by_position_ignores_names_and_by_name_does_not() {
        let sql = "SELECT county, COUNT(*) AS n FROM members GROUP BY county";
        let by_pos = QueryCheck {
            columns: ColumnMatch::ByPosition,
            ..Default::default()
        };
        assert!(run(sql, by_pos, &[]).pass);
        let v = run(sql, QueryCheck::default(), &[]);
        assert!(!v.pass);
        assert!(
            v.details.iter().any(|d| d.contains("Missing: `members`")),
            "{v:?}"
        );
    }

    #[test]
    fn row_counts_and_values_are_explained() {
        let v = run(
            "SELECT county, 1 AS members FROM members",
            QueryCheck::default(),
            &[],
        );
        assert!(v.message.contains("3 row(s); the answer has 2"), "{v:?}");
        let v = run(
            "SELECT county, SUM(age) AS members FROM members GROUP BY county",
            QueryCheck::default(),
            &[],
        );
        assert!(v.details[0].contains("(Essex, 2)"), "{v:?}");
    }

    #[test]
    fn a_mistake_is_recognised_by_its_result() {
        let ms = [Mistake {
            answer: None,
            sql: Some("SELECT county FROM members".into()),
            feedback: "Group them.".into(),
        }];
        let v = run(
            "select county from  members where age > 0",
            QueryCheck::default(),
            &ms,
        );
        assert_eq!(v.message, "Group them.");
    }

    #[test]
    fn a_query_that_fails_says_why() {
        let v = run("SELECT nope FROM members", QueryCheck::default(), &[]);
        assert!(!v.pass && v.message.contains("did not run"));
        assert!(v.details[0].contains("nope"));
    }
}
