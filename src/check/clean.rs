//! Clean steps: apply the learner's ops to the step's table, then test each `expect` rule.

use super::Verdict;
use crate::data::cell::{Cell, column_cells};
use crate::data::recipe::{Op, apply_all};
use crate::data::sql::Catalog;
use crate::data::types::parses_as;
use crate::i18n::{tr, trf};
use crate::lesson::model::{Rule, ValueList};
use polars::prelude::*;
use serde::Serialize;
use std::borrow::Cow;
use std::collections::HashSet;

/// How one rule fared.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RuleOutcome {
    /// The rule's name.
    pub rule: &'static str,
    /// Its column, if any.
    pub column: Option<String>,
    /// Whether the table meets it.
    pub pass: bool,
    /// Rows that break it (for `distinct_at_most`: distinct values; for `rows`: the row count).
    pub broken: usize,
    /// Up to three offending values.
    pub examples: Vec<String>,
    /// One line for people.
    pub message: String,
}

/// Apply `ops` to `table` and check the rules.
pub fn check_clean_step(
    table: &str,
    expect: &[Rule],
    ops: &[Op],
    data: &Catalog,
) -> Result<Verdict, String> {
    let df = data
        .get(table)
        .ok_or_else(|| format!("the lesson has no table `{table}`"))?;
    let cleaned = match apply_all(df, ops) {
        Ok((cleaned, _)) => cleaned,
        Err(e) => return Ok(Verdict::fail(e)),
    };
    let outcomes = check_rules(&cleaned, expect, data)?;
    Ok(verdict(&outcomes))
}

/// Summarise rule outcomes as a verdict.
pub fn verdict(outcomes: &[RuleOutcome]) -> Verdict {
    let failing: Vec<&RuleOutcome> = outcomes.iter().filter(|o| !o.pass).collect();
    if failing.is_empty() {
        return Verdict::pass(trf(
            "The table meets all {n} rule(s).",
            &[("n", &outcomes.len())],
        ));
    }
    let mut v = Verdict::fail(trf(
        "{failing} of {n} rule(s) still fail.",
        &[("failing", &failing.len()), ("n", &outcomes.len())],
    ));
    v.details = failing.iter().map(|o| o.message.clone()).collect();
    v
}

/// Test every rule on a table. `Err` only when a rule's own SQL fails.
pub fn check_rules(
    df: &DataFrame,
    rules: &[Rule],
    data: &Catalog,
) -> Result<Vec<RuleOutcome>, String> {
    rules.iter().map(|r| check_rule(df, r, data)).collect()
}

fn check_rule(df: &DataFrame, rule: &Rule, data: &Catalog) -> Result<RuleOutcome, String> {
    let mk =
        |column: Option<&str>, broken: usize, examples: Vec<String>, message: String| RuleOutcome {
            rule: rule.name(),
            column: column.map(str::to_string),
            pass: broken == 0,
            broken,
            examples,
            message,
        };
    if let Rule::Rows {
        at_least,
        at_most,
        equals_sql,
    } = rule
    {
        let n = df.height();
        let target = match equals_sql {
            Some(sql) => Some(row_target(sql, data)?),
            None => None,
        };
        let bad = at_least.is_some_and(|m| n < m)
            || at_most.is_some_and(|m| n > m)
            || target.is_some_and(|t| n != t);
        let want = match (at_least, at_most, target) {
            (_, _, Some(t)) => trf("exactly {t}", &[("t", &t)]),
            (Some(a), Some(b), _) => trf("between {a} and {b}", &[("a", &a), ("b", &b)]),
            (Some(a), None, _) => trf("at least {a}", &[("a", &a)]),
            (None, Some(b), _) => trf("at most {b}", &[("b", &b)]),
            (None, None, None) => tr("any number of").into(),
        };
        let mut o = mk(
            None,
            usize::from(bad),
            Vec::new(),
            crate::i18n::trn(
                n,
                crate::i18n::tr_key("the table has 1 row; it should have {want} rows"),
                crate::i18n::tr_key("the table has {n} rows; it should have {want} rows"),
                &[("n", &n), ("want", &want)],
            ),
        );
        o.broken = if bad { n } else { 0 };
        o.pass = !bad;
        return Ok(o);
    }
    let column = rule.column().unwrap_or_default();
    let Ok(col) = df.column(column) else {
        let names: Vec<String> = df
            .get_column_names()
            .iter()
            .map(|s| s.to_string())
            .collect();
        let cands: Vec<&str> = names.iter().map(String::as_str).collect();
        return Ok(mk(
            Some(column),
            df.height().max(1),
            Vec::new(),
            trf(
                "{column}: there is no such column; {fix}",
                &[
                    ("column", &column),
                    ("fix", &crate::diag::suggestion(column, &cands)),
                ],
            ),
        ));
    };
    let texts = column_texts(col);
    let each = || texts.iter().filter_map(|t| t.as_deref());
    // A rule about values passes trivially on a column with none: say so instead.
    let all_blank = each().all(|t| t.trim().is_empty());
    if all_blank && df.height() > 0 && !matches!(rule, Rule::NotNull { .. }) {
        return Ok(mk(
            Some(column),
            df.height(),
            Vec::new(),
            trf(
                "{column}: every row is blank, so there is nothing to check: is it the right column, or was it emptied?",
                &[("column", &column)],
            ),
        ));
    }
    let mut bad = Offending::default();
    let what: String = match rule {
        Rule::NotNull { .. } => {
            for t in &texts {
                if t.as_deref().is_none_or(|s| s.trim().is_empty()) {
                    bad.push("(blank)");
                }
            }
            tr("are blank").into()
        }
        Rule::Unique { .. } => {
            // polars' fast hasher: SipHash was half the time of a 1M-row check.
            let mut counts: PlHashMap<&str, u32> = PlHashMap::default();
            for t in each() {
                *counts.entry(t).or_default() += 1;
            }
            for t in each().filter(|t| counts.get(t).is_some_and(|c| *c > 1)) {
                bad.push(t);
            }
            tr("share a value with another row").into()
        }
        Rule::Matches { pattern, .. } => {
            let re = crate::limits::regex(pattern).map_err(|e| format!("pattern: {e}"))?;
            for t in each().filter(|t| !re.is_match(t)) {
                bad.push(t);
            }
            match pattern_in_words(pattern) {
                Some(words) => trf("are not {words}", &[("words", &words)]),
                None => trf("do not match {pattern}", &[("pattern", pattern)]),
            }
        }
        Rule::In { values, .. } => {
            let allowed: HashSet<String> = match values {
                ValueList::Given(v) => v.iter().cloned().collect(),
                ValueList::Sql(sql) => sql_values(sql, data)?,
            };
            for t in each().filter(|t| !allowed.contains(*t)) {
                bad.push(t);
            }
            tr("are not among the allowed values").into()
        }
        Rule::Type { is, .. } => {
            use crate::data::types::ColumnType;
            let already = ColumnType::of_dtype(col.dtype()) == *is;
            if !already && *is == ColumnType::Date {
                // Dates written as text are not dates yet, however readable:
                // sorting and months need the column turned into dates.
                for t in each() {
                    bad.push(t);
                }
                tr("are still text: turn them into dates with parse_date").into()
            } else {
                if !already {
                    for t in each().filter(|t| !parses_as(t, *is)) {
                        bad.push(t);
                    }
                }
                trf(
                    "are not {kind}",
                    &[("kind", &crate::i18n::tr_dyn(is.example()))],
                )
            }
        }
        Rule::DistinctAtMost { n, .. } => {
            let distinct: PlHashSet<&str> = each().collect();
            if distinct.len() > *n {
                let mut ex: Vec<String> = distinct.into_iter().map(str::to_string).collect();
                ex.sort();
                let count = ex.len();
                return Ok(mk(
                    Some(column),
                    count,
                    ex.iter().take(3).cloned().collect(),
                    trf(
                        "{column}: {count} different values; at most {n} expected (e.g. {examples})",
                        &[
                            ("column", &column),
                            ("count", &count),
                            ("n", n),
                            ("examples", &quote(&ex)),
                        ],
                    ),
                ));
            }
            String::new()
        }
        Rule::NoLeadingTrailingSpace { .. } => {
            for t in each().filter(|t| t.trim() != *t) {
                bad.push(t);
            }
            tr("start or end with a space").into()
        }
        Rule::Rows { .. } => String::new(),
    };
    let n = bad.count;
    let message = if n == 0 {
        format!("{column}: ok")
    } else {
        trf(
            "{column}: {n} row(s) {what}, e.g. {examples}",
            &[
                ("column", &column),
                ("n", &n),
                ("what", &what),
                ("examples", &quote(&bad.examples)),
            ],
        )
    };
    Ok(mk(Some(column), n, bad.examples, message))
}

/// A `matches` pattern in words, for the common ones: `^[0-9]{5}$` is "5 digits".
/// `None` for others (the pattern is shown as it is). The coach panel always shows
/// the pattern itself.
pub fn pattern_in_words(pattern: &str) -> Option<String> {
    static DIGITS: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"^\^(?:\[0-9\]|\\d)\{(\d+)(?:,(\d+))?\}\$$").expect("pattern compiles")
    });
    if let Some(c) = DIGITS.captures(pattern) {
        let a = c.get(1).map_or("", |m| m.as_str());
        return Some(match c.get(2) {
            Some(b) => trf("{a} to {b} digits", &[("a", &a), ("b", &b.as_str())]),
            None => trf("{n} digits", &[("n", &a)]),
        });
    }
    let words = match pattern {
        r"^[0-9]+$" | r"^\d+$" => tr("digits only"),
        r"^[0-9]{5}(-[0-9]{4})?$" | r"^\d{5}(-\d{4})?$" => tr("a 5-digit ZIP, or ZIP+4"),
        r"[a-z]" => tr("written with lower-case letters"),
        r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$" | r"^\d{4}-\d{2}-\d{2}$" => tr("a date written YYYY-MM-DD"),
        r"^(19|20)[0-9]{2}-" => tr("dates from 1900 to 2099 written year first"),
        _ => return None,
    };
    Some(words.to_string())
}

/// Rows that break a rule: how many, and the first three different values.
#[derive(Default)]
struct Offending {
    count: usize,
    examples: Vec<String>,
}

impl Offending {
    fn push(&mut self, value: &str) {
        self.count += 1;
        if self.examples.len() < 3 && !self.examples.iter().any(|e| e == value) {
            self.examples.push(value.to_string());
        }
    }
}

/// A column's values as text (`None` for blanks), borrowed from a text column
/// without copying, and written out for other types as the table shows them.
fn column_texts(col: &Column) -> Vec<Option<Cow<'_, str>>> {
    if let Ok(ca) = col.str() {
        return ca.iter().map(|v| v.map(Cow::Borrowed)).collect();
    }
    column_cells(col)
        .into_iter()
        .map(|c| match c {
            Cell::Null => None,
            c => Some(Cow::Owned(c.to_string())),
        })
        .collect()
}

fn quote(vals: &[String]) -> String {
    let mut seen = Vec::new();
    for v in vals {
        if !seen.contains(v) {
            seen.push(v.clone());
        }
        if seen.len() == 3 {
            break;
        }
    }
    seen.iter()
        .map(|v| format!("\"{v}\""))
        .collect::<Vec<_>>()
        .join(", ")
}

fn row_target(sql: &str, data: &Catalog) -> Result<usize, String> {
    let v = data.scalar(sql).map_err(|e| format!("equals_sql: {e}"))?;
    match Cell::from_any(&v) {
        Cell::Num(n) if n >= 0.0 && n.fract() == 0.0 => Ok(n as usize),
        other => Err(format!(
            "equals_sql must return a whole number, not {other}"
        )),
    }
}

fn sql_values(sql: &str, data: &Catalog) -> Result<HashSet<String>, String> {
    let df = data.query(sql).map_err(|e| format!("values_sql: {e}"))?;
    let col = df
        .columns()
        .first()
        .ok_or("values_sql returned no column")?;
    Ok(column_cells(col)
        .into_iter()
        .filter(|c| !matches!(c, Cell::Null))
        .map(|c| c.to_string())
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn data() -> Catalog {
        let mut c = Catalog::new();
        c.insert(
            "members",
            df!("zip" => [Some("2134"), Some("02135"), Some("1001"), None], "id" => ["a", "b", "b", "c"]).unwrap(),
        );
        c
    }

    #[test]
    fn dates_written_as_text_are_not_dates_until_parsed() {
        let mut c = Catalog::new();
        c.insert(
            "members",
            df!("joined" => ["2023-03-04", "3/5/2023"]).unwrap(),
        );
        let rules = [Rule::Type {
            column: "joined".into(),
            is: crate::data::types::ColumnType::Date,
        }];
        let before = check_clean_step("members", &rules, &[], &c).unwrap();
        assert!(!before.pass);
        assert!(
            before.details[0].contains("parse_date"),
            "{:?}",
            before.details
        );
        let parse = [Op::ParseDate {
            column: "joined".into(),
            formats: vec!["%Y-%m-%d".into(), "%m/%d/%Y".into()],
        }];
        assert!(
            check_clean_step("members", &rules, &parse, &c)
                .unwrap()
                .pass
        );
    }

    #[test]
    fn common_patterns_are_said_in_words() {
        assert_eq!(pattern_in_words("^[0-9]{5}$").as_deref(), Some("5 digits"));
        assert_eq!(pattern_in_words(r"^\d{10}$").as_deref(), Some("10 digits"));
        assert_eq!(
            pattern_in_words("^[0-9]{3,5}$").as_deref(),
            Some("3 to 5 digits")
        );
        assert_eq!(pattern_in_words("^[A-Z]+x$"), None);
    }

    #[test]
    fn one_row_is_one_row_in_both_languages() {
        let mut c = Catalog::new();
        c.insert("members", df!("zip" => ["02134"]).unwrap());
        let rules = [Rule::Rows {
            at_least: Some(2),
            at_most: None,
            equals_sql: None,
        }];
        let v = check_clean_step("members", &rules, &[], &c).unwrap();
        assert!(v.details[0].starts_with("the table has 1 row;"), "{v:?}");
        let _es = crate::i18n::override_thread(crate::i18n::Lang::Es);
        let v = check_clean_step("members", &rules, &[], &c).unwrap();
        assert!(v.details[0].starts_with("la tabla tiene 1 fila;"), "{v:?}");
    }

    #[test]
    fn a_rule_on_an_entirely_blank_column_does_not_pass() {
        let mut c = Catalog::new();
        c.insert(
            "members",
            df!("zip" => [None::<&str>, Some(""), Some("  ")]).unwrap(),
        );
        for rule in [
            Rule::Matches {
                column: "zip".into(),
                pattern: "^[0-9]{5}$".into(),
            },
            Rule::NoLeadingTrailingSpace {
                column: "zip".into(),
            },
            Rule::Unique {
                column: "zip".into(),
            },
        ] {
            let v = check_clean_step("members", &[rule], &[], &c).unwrap();
            assert!(!v.pass, "{v:?}");
            assert!(v.details[0].contains("every row is blank"), "{v:?}");
        }
    }

    #[test]
    fn failing_rules_report_counts_and_examples() {
        let rules = [
            Rule::Matches {
                column: "zip".into(),
                pattern: "^[0-9]{5}$".into(),
            },
            Rule::Unique {
                column: "id".into(),
            },
        ];
        let v = check_clean_step("members", &rules, &[], &data()).unwrap();
        assert!(!v.pass);
        assert!(
            v.details[0].contains("zip: 2 row(s) are not 5 digits"),
            "{:?}",
            v.details
        );
        assert!(
            v.details[0].contains("\"2134\", \"1001\""),
            "{:?}",
            v.details
        );
        assert!(v.details[1].contains("id: 2 row(s)"), "{:?}", v.details);
    }

    #[test]
    fn the_solution_ops_make_the_rules_pass() {
        let rules = [Rule::Matches {
            column: "zip".into(),
            pattern: "^[0-9]{5}$".into(),
        }];
        let ops = [Op::Pad {
            column: "zip".into(),
            width: 5,
            with: "0".into(),
        }];
        assert!(
            check_clean_step("members", &rules, &ops, &data())
                .unwrap()
                .pass
        );
    }

    #[test]
    fn rows_rule_compares_with_a_query() {
        let rules = [Rule::Rows {
            at_least: None,
            at_most: None,
            equals_sql: Some("SELECT COUNT(DISTINCT id) FROM members".into()),
        }];
        let v = check_clean_step("members", &rules, &[], &data()).unwrap();
        assert!(
            !v.pass && v.details[0].contains("4 rows; it should have exactly 3"),
            "{v:?}"
        );
    }
}
