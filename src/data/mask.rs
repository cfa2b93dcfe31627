//! Personal data on screen: which columns hold it and how a value is masked.

use regex::Regex;
use std::sync::LazyLock;

static EMAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$").expect("email pattern compiles")
});

/// Whether a value looks like one email address.
pub fn looks_like_email(s: &str) -> bool {
    EMAIL.is_match(s.trim())
}

/// Whether a value looks like a phone number: 10 or 11 digits (a leading 1), written
/// with or without `( ) - . +` and spaces.
pub fn looks_like_phone(s: &str) -> bool {
    let s = s.trim();
    if s.is_empty()
        || !s
            .chars()
            .all(|c| c.is_ascii_digit() || " ()-.+".contains(c))
    {
        return false;
    }
    let digits: Vec<u8> = s.bytes().filter(u8::is_ascii_digit).collect();
    digits.len() == 10 || (digits.len() == 11 && digits[0] == b'1')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_and_phones_are_recognised() {
        assert!(looks_like_email("jo.garcia@example.org"));
        assert!(!looks_like_email("jo at example"));
        assert!(looks_like_phone("(831) 401-6718"));
        assert!(looks_like_phone("3214028326"));
        assert!(looks_like_phone("+1 321 402 8326"));
        assert!(!looks_like_phone("02134"));
        assert!(!looks_like_phone("2023-03-04"));
    }
}
