//! Which kind of personal data a column holds, judged by a sample of its values.

use super::{PiiKind, looks_like_email, looks_like_phone};
use regex::Regex;
use std::sync::LazyLock;

/// A house number, up to five words, then a street suffix as a whole word, then
/// anything (a unit, a city): `123 Main St`, `45 Elm Street Apt 2`, `9B N 3rd Ave, Salem`.
/// Or a post office box.
static STREET: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)^\s*(?:
            \d+[a-z]?(?:-\d+)?\s+(?:\S+\s+){0,4}?
            (?:st|street|ave|av|avenue|rd|road|blvd|boulevard|dr|drive|ln|lane|ct|court
              |way|pl|place|ter|terrace|cir|circle|pkwy|parkway|hwy|highway|sq|square
              |trl|trail|loop|row|pike|plz|plaza|aly|alley)
            \.?(?:$|[\s,\#])
          | p\.?\s*o\.?\s+box\s+\d+
        )",
    )
    .expect("street pattern compiles")
});

/// Whether a value looks like a street address: `123 Main St`, `45 Elm Street Apt 2`,
/// `PO Box 7` (a house number, a few words, a street suffix such as `St` or `Avenue`).
pub fn looks_like_street_address(s: &str) -> bool {
    STREET.is_match(s)
}

/// Whether a value is probably a phone number and not a 10-digit ID: written with
/// separators, or (bare digits) with a valid North American area code and exchange
/// (neither starts with 0 or 1).
pub(crate) fn looks_like_probable_phone(s: &str) -> bool {
    if !looks_like_phone(s) {
        return false;
    }
    let s = s.trim();
    if s.chars().any(|c| !c.is_ascii_digit()) {
        return true;
    }
    let digits = s.strip_prefix('1').filter(|d| d.len() == 10).unwrap_or(s);
    nanp_valid(digits)
}

/// Ten digits whose area code and exchange start with 2–9.
pub(crate) fn nanp_valid(ten: &str) -> bool {
    let b = ten.as_bytes();
    b.len() == 10 && matches!(b.first(), Some(b'2'..=b'9')) && matches!(b.get(3), Some(b'2'..=b'9'))
}

/// The kind of personal data a sample of values holds: `Some` when at least half of the
/// non-blank values look like emails (then phones, then street addresses). Names cannot
/// be recognised by their look; `Masker` recognises the names it has learned.
pub fn kind_from_values(values: &[&str]) -> Option<PiiKind> {
    let filled: Vec<&str> = values
        .iter()
        .map(|v| v.trim())
        .filter(|v| !v.is_empty())
        .collect();
    if filled.is_empty() {
        return None;
    }
    let at_least_half =
        |test: fn(&str) -> bool| 2 * filled.iter().filter(|v| test(v)).count() >= filled.len();
    if at_least_half(looks_like_email) {
        Some(PiiKind::Email)
    } else if at_least_half(looks_like_probable_phone) {
        Some(PiiKind::Phone)
    } else if at_least_half(looks_like_street_address) {
        Some(PiiKind::Address)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn street_addresses_are_recognised() {
        for a in [
            "123 Main St",
            "45 Elm Street Apt 2",
            "9B N 3rd Ave, Salem, OR",
            "12 Peña Rd.",
            "PO Box 77",
            "1600 Pennsylvania Avenue NW",
        ] {
            assert!(looks_like_street_address(a), "{a}");
        }
        for a in [
            "Main St",
            "123",
            "3 dozen eggs",
            "Strong Support",
            "2023-03-04",
            "Essex",
        ] {
            assert!(!looks_like_street_address(a), "{a}");
        }
    }

    #[test]
    fn ten_digit_ids_are_not_phones_but_written_phones_are() {
        assert!(looks_like_probable_phone("8314016718"));
        assert!(looks_like_probable_phone("18314016718"));
        assert!(looks_like_probable_phone("(123) 456-7890"));
        assert!(!looks_like_probable_phone("1234567890"));
        assert!(!looks_like_probable_phone("8310016718"));
    }

    #[test]
    fn half_the_values_decide_the_kind() {
        let emails = ["jo@example.org", "", "  ", "al@example.com", "n/a"];
        assert_eq!(kind_from_values(&emails), Some(PiiKind::Email));
        let phones = ["(831) 401-6718", "3214028326", "unknown"];
        assert_eq!(kind_from_values(&phones), Some(PiiKind::Phone));
        let streets = ["123 Main St", "45 Elm Street Apt 2", "Salem"];
        assert_eq!(kind_from_values(&streets), Some(PiiKind::Address));
        let mostly_text = ["jo@example.org", "Essex", "Suffolk"];
        assert_eq!(kind_from_values(&mostly_text), None);
        let ids = ["1234567890", "1000000001", "1000000002"];
        assert_eq!(kind_from_values(&ids), None);
        assert_eq!(kind_from_values(&["", " "]), None);
        assert_eq!(kind_from_values(&[]), None);
    }
}
