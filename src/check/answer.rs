//! Choice and typed answers: numbers within a tolerance, words ignoring case and spaces.

use super::Verdict;
use crate::data::cell::Cell;
use crate::data::sql::Catalog;
use crate::i18n::{tr, trf};
use crate::lesson::model::{Choices, Expected, Mistake};
use polars::prelude::DataFrame;

/// The right answer as text: given, or the single value of `answer_sql`.
pub fn expected_value(expected: &Expected, data: &Catalog) -> Result<String, String> {
    match expected {
        Expected::Given(v) => Ok(v.0.clone()),
        Expected::Sql(sql) => {
            let v = data.scalar(sql).map_err(|e| format!("answer_sql: {e}"))?;
            match Cell::from_any(&v) {
                Cell::Null => Err("answer_sql returned a blank value".into()),
                c => Ok(c.to_string()),
            }
        }
    }
}

/// The options of a choice step: given, or the first column of `choices_sql`.
pub fn choice_list(choices: &Choices, data: &Catalog) -> Result<Vec<String>, String> {
    match choices {
        Choices::Given(list) => Ok(list.clone()),
        Choices::Sql(sql) => data
            .query(sql)
            .map(|df| first_column_values(&df))
            .map_err(|e| format!("choices_sql: {e}")),
    }
}

/// The non-blank values of a result's first column, as text.
pub fn first_column_values(df: &DataFrame) -> Vec<String> {
    df.columns()
        .first()
        .map(crate::data::cell::column_cells)
        .unwrap_or_default()
        .into_iter()
        .filter(|c| !matches!(c, Cell::Null))
        .map(|c| c.to_string())
        .collect()
}

/// A typed number: spaces, thousands commas and a trailing % are ignored. A single
/// comma with one, two or four-plus digits after it and no point is a decimal comma,
/// as much of Latin America writes it (`51,3` is 51.3; `2,050` is still 2050).
pub fn as_number(s: &str) -> Option<f64> {
    let s = s.trim().trim_end_matches('%').trim();
    let decimal_comma = !s.contains('.')
        && s.matches(',').count() == 1
        && s.rsplit(',').next().is_some_and(|tail| {
            let digits = tail.trim();
            !digits.is_empty() && digits.len() != 3 && digits.bytes().all(|b| b.is_ascii_digit())
        });
    let t: String = if decimal_comma {
        s.replace(',', ".")
    } else {
        s.chars().filter(|c| *c != ',').collect()
    };
    let t = t.trim();
    if t.is_empty() {
        return None;
    }
    t.parse::<f64>().ok().filter(|n| n.is_finite())
}

/// A number followed by a word or two naming what was counted: `2050 rows`,
/// `2,050 members`, `1.5 km`, `12 filas`.
fn number_with_unit(s: &str) -> Option<f64> {
    let (number, unit) = s.trim().split_once(char::is_whitespace)?;
    let words: Vec<&str> = unit.split_whitespace().collect();
    let wordy = !words.is_empty()
        && words.len() <= 3
        && words
            .iter()
            .all(|w| w.chars().all(|c| c.is_alphabetic() || c == '.'));
    wordy.then(|| as_number(number)).flatten()
}

fn normalise_words(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Same answer: numerically within `tolerance` when both are numbers, else the same
/// words ignoring case and surrounding or repeated spaces.
pub fn same_answer(given: &str, expected: &str, tolerance: f64) -> bool {
    let given_number = as_number(given).or_else(|| number_with_unit(given));
    match (given_number, as_number(expected)) {
        (Some(a), Some(b)) => (a - b).abs() <= tolerance + 1e-9 * b.abs().max(1.0),
        _ => normalise_words(given) == normalise_words(expected),
    }
}

fn matching_mistake<'a>(given: &str, mistakes: &'a [Mistake]) -> Option<(usize, &'a Mistake)> {
    mistakes.iter().enumerate().find(|(_, m)| {
        m.answer
            .as_ref()
            .is_some_and(|a| same_answer(given, &a.0, 0.0))
    })
}

/// Check a typed answer.
pub fn check_answer(given: &str, expected: &str, tolerance: f64, mistakes: &[Mistake]) -> Verdict {
    if given.trim().is_empty() {
        return Verdict::fail(tr("Type an answer first."));
    }
    if same_answer(given, expected, tolerance) {
        return Verdict::pass(trf("{given} is right.", &[("given", &given.trim())]));
    }
    if let Some((i, m)) = matching_mistake(given, mistakes) {
        let mut v = Verdict::fail(m.feedback.clone());
        v.mistake = Some(i);
        return v;
    }
    let mut v = Verdict::fail(trf(
        "{given} is not the answer yet.",
        &[("given", &given.trim())],
    ));
    if as_number(expected).is_some() && as_number(given).is_none() {
        v.details.push(tr("The answer is a number.").into());
    }
    v
}

/// Check a picked choice.
pub fn check_choice(picked: &str, expected: &str, mistakes: &[Mistake]) -> Verdict {
    if same_answer(picked, expected, 0.0) {
        return Verdict::pass(trf("\"{picked}\" is right.", &[("picked", &picked.trim())]));
    }
    if let Some((i, m)) = matching_mistake(picked, mistakes) {
        let mut v = Verdict::fail(m.feedback.clone());
        v.mistake = Some(i);
        return v;
    }
    Verdict::fail(trf(
        "\"{picked}\" is not the answer.",
        &[("picked", &picked.trim())],
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lesson::model::AnswerValue;

    fn mistake(answer: &str, feedback: &str) -> Mistake {
        Mistake {
            answer: Some(AnswerValue(answer.into())),
            sql: None,
            feedback: feedback.into(),
        }
    }

    #[test]
    fn numbers_compare_within_tolerance_and_ignore_commas() {
        assert!(check_answer("1,204", "1204", 0.0, &[]).pass);
        assert!(check_answer(" 12.4 ", "12.5", 0.1, &[]).pass);
        assert!(!check_answer("12.3", "12.5", 0.1, &[]).pass);
    }

    #[test]
    fn a_decimal_comma_reads_as_a_point_and_thousands_commas_still_work() {
        assert_eq!(as_number("51,3"), Some(51.3));
        assert_eq!(as_number("51,35 %"), Some(51.35));
        assert_eq!(as_number("2,050"), Some(2050.0));
        assert_eq!(as_number("1,234,567"), Some(1_234_567.0));
        assert!(check_answer("51,3", "51.3", 0.0, &[]).pass);
    }

    #[test]
    fn a_count_may_name_what_it_counts() {
        for given in [
            "2050 rows",
            "2,050 rows",
            "2050 members",
            "2 050",
            "2050 filas",
        ] {
            let ok = same_answer(given, "2050", 0.0);
            assert_eq!(ok, given != "2 050", "{given}");
        }
        assert!(!same_answer("2050 rows 7", "2050", 0.0));
        assert!(!same_answer("2051 rows", "2050", 0.0));
        assert!(check_answer("2,050 rows", "2050", 0.0, &[]).pass);
    }

    #[test]
    fn words_ignore_case_and_spaces() {
        assert!(check_answer("  essex  county ", "Essex County", 0.0, &[]).pass);
        assert!(!check_answer("Essex", "Suffolk", 0.0, &[]).pass);
    }

    #[test]
    fn a_listed_mistake_gets_its_own_feedback() {
        let ms = [mistake("0", "Blank cells may be empty strings.")];
        let v = check_answer("0", "37", 0.0, &ms);
        assert!(!v.pass);
        assert_eq!(v.message, "Blank cells may be empty strings.");
        assert_eq!(v.mistake, Some(0));
        let v = check_answer("5", "37", 0.0, &ms);
        assert_eq!(v.mistake, None);
    }

    #[test]
    fn an_empty_answer_is_not_judged() {
        let v = check_answer("  ", "3", 0.0, &[]);
        assert!(!v.pass && v.message.contains("Type an answer"));
    }
}
