//! Personal data on screen: which columns hold it and how a value is masked.
//!
//! huddle's `--mask` mode (the `m` key) hides personal data while a learner shares
//! their screen with a coach. A [`Masker`] is built once per loaded dataset and decides,
//! per column, whether it holds personal data ([`PiiKind`]); [`mask`] then hides a value
//! of that kind, keeping only what helps tell rows apart (an initial, a phone's last
//! four digits, an email's top-level domain). Columns with no kind still get
//! [`mask_anywhere`]: emails and phone numbers inside free text are hidden.
//! See `docs/masking.md` for what a coach sees and the known limits.

mod content;
mod header;
mod in_text;
pub mod lineage;
mod masker;
mod scrub;

#[cfg(test)]
mod leak_tests;

pub use content::{kind_from_values, looks_like_street_address};
pub use in_text::{kinds_in_words, personal_in_text};
pub use masker::{LineageKind, Masker};

use header::{HeaderVerdict, header_verdict};
use regex::Regex;
use std::borrow::Cow;
use std::sync::LazyLock;

/// What every value that cannot be partly shown becomes.
pub const HIDDEN: &str = "•••";

static EMAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$").expect("email pattern compiles")
});

/// An email address inside text (the top-level domain is letters, so a trailing full
/// stop is left out).
static EMAIL_IN_TEXT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[\w.%+\-]+@[\w\-]+(?:\.[\w\-]+)*\.[A-Za-z]{2,}").expect("email pattern compiles")
});

/// A phone number (or US social security number) inside text. Which one it is, and
/// whether it stands alone (no digit right before or after), is decided in code.
static PHONE_IN_TEXT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)
          \+\d[\d\s().\-]{6,20}\d                                        # +44 20 7946 0958
        | (?:1[\s.\-]?)?(?:\(\d{3}\)\s?|\d{3}[\s.\-]?)\d{3}[\s.\-]?\d{4}  # (831) 401-6718
        | \d{3}-\d{2}-\d{4}                                              # 123-45-6789
        | \d{3}[.\-]\d{4}                                                # 401-6718
        ",
    )
    .expect("phone pattern compiles")
});

/// The kinds of personal data huddle masks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PiiKind {
    /// An email address: `j•••@•••.org`.
    Email,
    /// A phone number: `(•••) •••-6718`.
    Phone,
    /// A person's name: initials, `J. G.`.
    Name,
    /// A street address: fully hidden.
    Address,
    /// Other personal data (date of birth, SSN…): fully hidden.
    Other,
}

impl PiiKind {
    /// A short word for the kind, for a column header or a status line.
    pub fn label(self) -> &'static str {
        match self {
            PiiKind::Email => "email",
            PiiKind::Phone => "phone",
            PiiKind::Name => "name",
            PiiKind::Address => "address",
            PiiKind::Other => "personal",
        }
    }
}

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

/// The kind of personal data a column holds, judged by its header alone; `None` when
/// the header does not say or names something that is not a person's data. The rule is
/// in the `header` module docs: flags and facts about a value (`IsHomePhoneACellExchange`,
/// `phone_type`) are not personal; `email`, `…phone`/`mobile`/`cell`, birth dates and
/// SSNs, and street addresses are; a name column is a person's only when the header
/// says so (`first_name`, `Contact Name`, `name`, `Canvassed By`; not `precinct_name`,
/// `event_name`, `candidate_name`).
pub fn kind_from_name(column: &str) -> Option<PiiKind> {
    match header_verdict(column) {
        HeaderVerdict::Personal(kind) => Some(kind),
        HeaderVerdict::NotPersonal | HeaderVerdict::Unknown => None,
    }
}

/// `value` masked as `kind`. Blank stays blank. An email keeps its first character and
/// top-level domain, a phone its last four digits, a name its initials (at most four);
/// an address and other data become `•••`. A value that does not fit its kind (a
/// malformed email in an email column) becomes `•••`: the input is never echoed.
pub fn mask(kind: PiiKind, value: &str) -> String {
    let v = value.trim();
    if v.is_empty() {
        return value.to_string();
    }
    let shown = match kind {
        PiiKind::Email => mask_email(v),
        PiiKind::Phone => mask_phone(v),
        PiiKind::Name => mask_name(v),
        PiiKind::Address | PiiKind::Other => None,
    };
    shown.unwrap_or_else(|| HIDDEN.to_string())
}

fn mask_email(v: &str) -> Option<String> {
    if !looks_like_email(v) {
        return None;
    }
    let (local, domain) = v.rsplit_once('@')?;
    let first = local.chars().next()?;
    let (_, tld) = domain.rsplit_once('.')?;
    Some(format!("{first}{HIDDEN}@{HIDDEN}.{tld}"))
}

fn mask_phone(v: &str) -> Option<String> {
    let digits: String = v.chars().filter(char::is_ascii_digit).collect();
    let last4 = digits.get(digits.len().checked_sub(4)?..)?;
    if looks_like_phone(v) {
        return Some(format!("({HIDDEN}) {HIDDEN}-{last4}"));
    }
    let phone_chars = v
        .chars()
        .all(|c| c.is_ascii_digit() || " ()-.+".contains(c));
    let international = v.starts_with('+') && (8..=15).contains(&digits.len());
    (phone_chars && international).then(|| format!("+{HIDDEN}-{last4}"))
}

/// Most initials a masked name shows.
const MAX_INITIALS: usize = 4;

fn mask_name(v: &str) -> Option<String> {
    let mut initials: Vec<String> = v
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter_map(|word| word.chars().find(|c| c.is_alphabetic()))
        .map(|c| c.to_uppercase().chain(std::iter::once('.')).collect())
        .collect();
    if initials.is_empty() {
        return None;
    }
    if initials.len() > MAX_INITIALS {
        initials.truncate(MAX_INITIALS);
        initials.push("…".to_string());
    }
    Some(initials.join(" "))
}

/// `text` with every email address and phone number in it masked (and US social
/// security numbers hidden); other text is left alone. Borrowed when nothing changes:
/// text without `@` and with fewer than seven digits is returned without a search.
/// Bare ten-digit runs count as phones only with a valid US area code and exchange, so
/// most 10-digit IDs stay readable.
pub fn mask_anywhere(text: &str) -> Cow<'_, str> {
    let has_at = text.contains('@');
    if !has_at && text.bytes().filter(u8::is_ascii_digit).nth(6).is_none() {
        return Cow::Borrowed(text);
    }
    let emails_masked = if has_at {
        EMAIL_IN_TEXT.replace_all(text, |c: &regex::Captures| {
            mask(PiiKind::Email, c.get(0).map_or("", |m| m.as_str()))
        })
    } else {
        Cow::Borrowed(text)
    };
    match mask_phones_in(&emails_masked) {
        Some(masked) => Cow::Owned(masked),
        None => emails_masked,
    }
}

/// `text` with its phone numbers masked; `None` when it has none.
fn mask_phones_in(text: &str) -> Option<String> {
    let mut out = String::new();
    let (mut copied, mut pos) = (0usize, 0usize);
    while let Some(m) = PHONE_IN_TEXT.find_at(text, pos) {
        let before = text.get(..m.start()).and_then(|t| t.chars().next_back());
        let after = text.get(m.end()..).and_then(|t| t.chars().next());
        let digit_next_to_it =
            before.is_some_and(|c| c.is_ascii_digit()) || after.is_some_and(|c| c.is_ascii_digit());
        match (!digit_next_to_it)
            .then(|| phone_in_text(m.as_str()))
            .flatten()
        {
            Some(masked) => {
                out.push_str(text.get(copied..m.start()).unwrap_or(""));
                out.push_str(&masked);
                (copied, pos) = (m.end(), m.end());
            }
            // Every match starts with an ASCII character: the next byte is a boundary.
            None => pos = m.start() + 1,
        }
    }
    if copied == 0 {
        return None;
    }
    out.push_str(text.get(copied..).unwrap_or(""));
    Some(out)
}

/// The mask of one phone-shaped match, or `None` when it is not a phone after all.
fn phone_in_text(s: &str) -> Option<String> {
    let digits: String = s.chars().filter(char::is_ascii_digit).collect();
    let n = digits.len();
    let last4 = digits.get(n.checked_sub(4)?..)?;
    let nanp = n == 10 || (n == 11 && digits.starts_with('1'));
    if s.starts_with('+') && !nanp {
        return (8..=15).contains(&n).then(|| format!("+{HIDDEN}-{last4}"));
    }
    if nanp {
        let bare = s.bytes().all(|b| b.is_ascii_digit());
        let ten = digits.get(n - 10..).unwrap_or("");
        return (!bare || content::nanp_valid(ten)).then(|| format!("({HIDDEN}) {HIDDEN}-{last4}"));
    }
    match n {
        9 => Some(HIDDEN.to_string()),
        7 => Some(format!("{HIDDEN}-{last4}")),
        _ => None,
    }
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

    #[test]
    fn personal_headers_are_recognised() {
        let cases = [
            (
                PiiKind::Email,
                &["email", "Email Address", "email_address", "E-mail"][..],
            ),
            (
                PiiKind::Phone,
                &[
                    "phone",
                    "HomePhone",
                    "CellPhone",
                    "can2_phone",
                    "Donor Phone",
                    "mobile",
                    "cell",
                ],
            ),
            (
                PiiKind::Name,
                &[
                    "first_name",
                    "FirstName",
                    "last_name",
                    "LastName",
                    "Donor First Name",
                    "user given name",
                    "Contact Name",
                    "Contact Name (\"Last, First\")",
                    "full_name",
                    "name",
                    "Canvassed By",
                    "surname",
                ],
            ),
            (
                PiiKind::Address,
                &[
                    "Address",
                    "StreetAddress",
                    "street",
                    "address1",
                    "Donor Addr1",
                ],
            ),
            (
                PiiKind::Other,
                &["date_of_birth", "DOB", "SSN", "DATE_OF_BIRTH"],
            ),
        ];
        for (kind, headers) in cases {
            for h in headers {
                assert_eq!(kind_from_name(h), Some(kind), "{h}");
            }
        }
    }

    #[test]
    fn look_alike_headers_are_not_personal() {
        for h in [
            "county",
            "precinct_name",
            "event_name",
            "candidate_name",
            "office",
            "IsHomePhoneACellExchange",
            "Survey Question Name",
            "Input Type Name",
            "city",
            "phone_type",
            "email_status",
            "Email Opt In",
            "ZipOrPostal",
            "VanID",
            "Date Canvassed",
            "cancellation",
            "Last Contacted",
            "",
        ] {
            assert_eq!(kind_from_name(h), None, "{h}");
        }
    }

    #[test]
    fn values_are_masked_by_kind() {
        assert_eq!(
            mask(PiiKind::Email, "jo.garcia@example.org"),
            "j•••@•••.org"
        );
        assert_eq!(
            mask(PiiKind::Email, " José@correo.example.mx "),
            "J•••@•••.mx"
        );
        assert_eq!(mask(PiiKind::Phone, "(831) 401-6718"), "(•••) •••-6718");
        assert_eq!(mask(PiiKind::Phone, "8314016718"), "(•••) •••-6718");
        assert_eq!(mask(PiiKind::Phone, "+1 321 402 8326"), "(•••) •••-8326");
        assert_eq!(mask(PiiKind::Phone, "+44 20 7946 0958"), "+•••-0958");
        assert_eq!(mask(PiiKind::Name, "Jo Garcia"), "J. G.");
        assert_eq!(mask(PiiKind::Name, "Garcia, Jo"), "G. J.");
        assert_eq!(mask(PiiKind::Name, "CARLOS"), "C.");
        assert_eq!(mask(PiiKind::Name, "josé ñúñez"), "J. Ñ.");
        assert_eq!(mask(PiiKind::Name, "Ana María de la Cruz"), "A. M. D. L. …");
        assert_eq!(mask(PiiKind::Address, "45 Elm Street Apt 2"), "•••");
        assert_eq!(mask(PiiKind::Other, "1980-02-29"), "•••");
    }

    #[test]
    fn blank_stays_blank() {
        for kind in [
            PiiKind::Email,
            PiiKind::Phone,
            PiiKind::Name,
            PiiKind::Address,
            PiiKind::Other,
        ] {
            assert_eq!(mask(kind, ""), "");
            assert_eq!(mask(kind, "  "), "  ");
        }
    }

    #[test]
    fn values_that_do_not_fit_are_fully_hidden() {
        assert_eq!(mask(PiiKind::Email, "jo.garcia at example"), "•••");
        assert_eq!(mask(PiiKind::Email, "jo@@example.org"), "•••");
        assert_eq!(mask(PiiKind::Phone, "call me"), "•••");
        assert_eq!(mask(PiiKind::Phone, "401-6718"), "•••");
        assert_eq!(mask(PiiKind::Phone, "831-401-6718 ext 12"), "•••");
        assert_eq!(mask(PiiKind::Name, "😀🎉"), "•••");
        assert_eq!(mask(PiiKind::Name, "831-401-6718"), "•••");
        assert_eq!(mask(PiiKind::Name, "🎉 José"), "J.");
    }

    #[test]
    fn masking_is_deterministic() {
        for kind in [PiiKind::Email, PiiKind::Phone, PiiKind::Name] {
            assert_eq!(mask(kind, "Jo Garcia"), mask(kind, "Jo Garcia"));
        }
        assert_eq!(
            mask_anywhere("jo@example.org"),
            mask_anywhere("jo@example.org")
        );
    }

    #[test]
    fn emails_and_phones_inside_text_are_masked() {
        assert_eq!(
            mask_anywhere("call Jo at 831-401-6718"),
            "call Jo at (•••) •••-6718"
        );
        assert_eq!(
            mask_anywhere("mail jo.garcia@example.org."),
            "mail j•••@•••.org."
        );
        assert_eq!(
            mask_anywhere("José: +44 20 7946 0958 / 8314016718, local 401-6718"),
            "José: +•••-0958 / (•••) •••-6718, local •••-6718"
        );
        assert_eq!(mask_anywhere("SSN 123-45-6789 on file"), "SSN ••• on file");
        assert_eq!(mask_anywhere("(831)401-6718x23"), "(•••) •••-6718x23");
    }

    #[test]
    fn other_text_is_left_alone_and_borrowed() {
        for t in [
            "Essex",
            "2023-03-04",
            "ZIP 02906-1234",
            "VAN 1234567890",
            "receipt 123456789012",
            "🎉 $1,234,567.89",
            "@jo_garcia",
            "",
        ] {
            assert!(
                matches!(mask_anywhere(t), Cow::Borrowed(b) if b == t),
                "{t}"
            );
        }
    }
}
