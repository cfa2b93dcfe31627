//! The same email or phone on several rows: likely one person twice. Values are
//! compared by a key (an email lowercased and trimmed, a phone's last ten digits).
//! Most values are their own key already, and those are all different (the values
//! come counted), so only the values that are not their key are gathered in a map,
//! and the rest are looked up in it: a column of ten million emails is not copied.

use super::{Counted, Problem};
use hashbrown::HashMap;
use polars_arrow::bitmap::MutableBitmap;
use std::borrow::Cow;

/// How a column's values are compared, if they are emails or phones.
type Key = fn(&str) -> Option<Cow<'_, str>>;

/// Same email or phone on several rows: likely one person twice.
pub(super) fn duplicate_people(name: &str, values: &Counted<'_>) -> Option<Problem> {
    let key = key_for(name)?;
    // Per key of a value that is not its own key: its rows and its first value.
    let mut others: HashMap<Cow<'_, str>, (u64, usize)> = HashMap::new();
    // Per value, whether it is its own key; each key is made once.
    let mut own = MutableBitmap::with_capacity(values.len());
    for (i, &(v, n)) in values.iter().enumerate() {
        match key(v) {
            Some(Cow::Borrowed(_)) => own.push(true),
            Some(k) => {
                own.push(false);
                others.entry(k).or_insert((0, i)).0 += n;
            }
            None => own.push(false),
        }
    }
    // Per likely person: rows, and where their first value is.
    let mut dup: Vec<(u64, usize)> = Vec::new();
    for (i, &(v, n)) in values.iter().enumerate() {
        if !own.get(i) {
            continue;
        }
        match others.get_mut(v) {
            Some(e) => {
                e.0 += n;
                e.1 = e.1.min(i);
            }
            None if n > 1 => dup.push((n, i)),
            None => {}
        }
    }
    dup.extend(others.into_values().filter(|(n, _)| *n > 1));
    if dup.is_empty() {
        return None;
    }
    let mut dup: Vec<(u64, &str)> = dup.into_iter().map(|(n, i)| (n, values[i].0)).collect();
    dup.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(b.1)));
    let rows: u64 = dup.iter().map(|(n, _)| n).sum();
    Some(Problem {
        kind: "duplicate_people",
        column: Some(name.to_string()),
        rows: rows as usize,
        message: format!(
            "`{name}`: {} value(s) appear on more than one row ({rows} rows in all, ignoring case and formatting): likely the same person twice. Decide which record to keep, then `dedupe`.",
            dup.len()
        ),
        examples: dup.iter().take(3).map(|(_, v)| v.to_string()).collect(),
    })
}

/// The key of the column `name`'s values: emails or phones, by its name.
fn key_for(name: &str) -> Option<Key> {
    let lower = name.to_lowercase();
    if lower.contains("email") {
        Some(email_key)
    } else if lower.contains("phone") || lower.contains("mobile") || lower.contains("cell") {
        Some(phone_key)
    } else {
        None
    }
}

/// An email trimmed and lowercased; borrowed when the value is that already.
fn email_key(v: &str) -> Option<Cow<'_, str>> {
    let t = v.trim();
    if !t.contains('@') {
        return None;
    }
    let plain = t.len() == v.len()
        && if v.is_ascii() {
            !v.bytes().any(|b| b.is_ascii_uppercase())
        } else {
            v.to_lowercase() == v
        };
    Some(if plain {
        Cow::Borrowed(v)
    } else {
        Cow::Owned(t.to_lowercase())
    })
}

/// A phone's last ten digits, when it has ten or more; borrowed when the value is
/// those ten digits.
fn phone_key(v: &str) -> Option<Cow<'_, str>> {
    if v.len() == 10 && v.bytes().all(|b| b.is_ascii_digit()) {
        return Some(Cow::Borrowed(v));
    }
    let d: String = v.chars().filter(char::is_ascii_digit).collect();
    (d.len() >= 10).then(|| Cow::Owned(d[d.len() - 10..].to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The check as it was first written: every value's key in one map.
    fn by_one_map(name: &str, values: &Counted<'_>) -> Option<(usize, u64, Vec<String>)> {
        let key = key_for(name)?;
        let mut counts: std::collections::HashMap<String, (u64, &str)> = Default::default();
        for &(v, n) in values {
            if let Some(k) = key(v) {
                counts.entry(k.into_owned()).or_insert((0, v)).0 += n;
            }
        }
        let mut dup: Vec<(u64, &str)> = counts.values().filter(|(n, _)| *n > 1).copied().collect();
        if dup.is_empty() {
            return None;
        }
        dup.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(b.1)));
        let rows = dup.iter().map(|d| d.0).sum();
        Some((
            dup.len(),
            rows,
            dup.iter().take(3).map(|d| d.1.to_string()).collect(),
        ))
    }

    fn found(name: &str, values: &Counted<'_>) -> Option<(usize, u64, Vec<String>)> {
        let p = duplicate_people(name, values)?;
        let people: usize = p
            .message
            .split('`')
            .nth(2)?
            .trim_start_matches(": ")
            .split(' ')
            .next()?
            .parse()
            .ok()?;
        Some((people, p.rows as u64, p.examples))
    }

    #[test]
    fn the_same_person_is_found_however_they_are_written() {
        let emails: Vec<(&str, u64)> = vec![
            ("ann@x.org", 1),
            ("Bo@X.org", 1),
            ("cy@x.org", 3),
            (" ANN@x.org", 1),
            ("bo@x.org ", 1),
            ("di@x.org", 1),
            ("Ñu@x.org", 1),
            ("ñu@x.org", 1),
            ("not an email", 5),
        ];
        let phones: Vec<(&str, u64)> = vec![
            ("6175550100", 1),
            ("(617) 555-0100", 1),
            ("+1 617 555 0101", 1),
            ("6175550101", 1),
            ("6175550102", 2),
            ("555-0103", 4),
        ];
        // ann twice, bo twice, cy on three rows, ñu twice; three phones.
        for (name, values, people, rows) in
            [("Email", &emails, 4, 9), ("cell_phone", &phones, 3, 6)]
        {
            let got = found(name, values).expect("duplicates found");
            assert_eq!(got, by_one_map(name, values).unwrap(), "{name}");
            assert_eq!((got.0, got.1), (people, rows), "{name}");
        }
        let got = found("Email", &emails).unwrap();
        assert_eq!(got.2, vec!["cy@x.org", "Bo@X.org", "ann@x.org"]);
    }

    #[test]
    fn different_people_are_not_duplicates() {
        let emails: Vec<(&str, u64)> = vec![("a@x.org", 1), ("b@x.org", 1), ("A@y.org", 1)];
        assert_eq!(found("email", &emails), None);
        assert_eq!(found("name", &[("Ann", 3)]), None);
    }

    #[test]
    fn agrees_with_one_map_on_many_values() {
        let owned: Vec<(String, u64)> = (0..5000u64)
            .map(|i| {
                let v = match i % 7 {
                    0 => format!("P{}@X.org", i % 900),
                    1 => format!(" p{}@x.org", i % 1300),
                    _ => format!("p{i}@x.org"),
                };
                (v, 1 + i % 3 / 2)
            })
            .collect();
        let mut seen = std::collections::HashSet::new();
        let values: Vec<(&str, u64)> = owned
            .iter()
            .filter(|(v, _)| seen.insert(v.clone()))
            .map(|(v, n)| (v.as_str(), *n))
            .collect();
        let got = found("email", &values);
        assert!(got.is_some());
        assert_eq!(got, by_one_map("email", &values));
    }
}
