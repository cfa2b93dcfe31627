//! Which kinds of personal data a piece of free text seems to hold: for warning a
//! learner before they share a reflection, not for masking it.

use super::content::looks_like_street_address;
use super::{EMAIL_IN_TEXT, PiiKind, mask_phones_in};
use crate::i18n::{tr, trf};

/// The kinds of personal data `text` seems to hold, each once, in the order email,
/// phone, address: an email address anywhere, a phone number (or US social security
/// number) standing alone, a street address starting at a word (`12 Elm St`).
pub fn personal_in_text(text: &str) -> Vec<PiiKind> {
    let mut kinds = Vec::new();
    if EMAIL_IN_TEXT.is_match(text) {
        kinds.push(PiiKind::Email);
    }
    let without_emails = EMAIL_IN_TEXT.replace_all(text, " ");
    if mask_phones_in(&without_emails).is_some() {
        kinds.push(PiiKind::Phone);
    }
    let word_starts = text.char_indices().filter(|&(i, c)| {
        c.is_ascii_digit()
            && text
                .get(..i)
                .and_then(|t| t.chars().next_back())
                .is_none_or(|p| !p.is_alphanumeric())
    });
    if word_starts
        .into_iter()
        .any(|(i, _)| text.get(i..).is_some_and(looks_like_street_address))
    {
        kinds.push(PiiKind::Address);
    }
    kinds
}

/// The kinds in words for a warning, in the current language: `an email address and
/// a phone number`.
pub fn kinds_in_words(kinds: &[PiiKind]) -> String {
    kinds
        .iter()
        .map(|k| match k {
            PiiKind::Email => tr("an email address"),
            PiiKind::Phone => tr("a phone number"),
            PiiKind::Address => tr("a street address"),
            PiiKind::Name => tr("a name"),
            PiiKind::Other => tr("personal data"),
        })
        .fold(String::new(), |list, word| {
            if list.is_empty() {
                word.to_string()
            } else {
                trf("{list} and {kind}", &[("list", &list), ("kind", &word)])
            }
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_phones_and_addresses_in_a_sentence_are_found() {
        assert_eq!(
            personal_in_text("Call Jo at (831) 401-6718 or jo@example.org."),
            vec![PiiKind::Email, PiiKind::Phone]
        );
        assert_eq!(
            personal_in_text("She lives at 12 Elm St, Salem"),
            vec![PiiKind::Address]
        );
    }

    #[test]
    fn ordinary_reflections_hold_nothing() {
        for t in [
            "I found 295 ZIP codes without their zeros.",
            "Dedupe took 3 tries; 2050 rows became 1987.",
            "Step 4 was hard. Meeting on 2024-05-01.",
            "",
        ] {
            assert!(personal_in_text(t).is_empty(), "{t}");
        }
    }
}
