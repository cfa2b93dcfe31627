//! Which kind of personal data a column holds, judged by its header alone.
//!
//! The header is split into lower-case words: at spaces, `_` and punctuation, at
//! lower→upper case changes (`HomePhone` → `home phone`, `IsHomePhoneACellExchange`
//! → `is home phone a cell exchange`) and between letters and digits (`address1` →
//! `address`); digits are dropped, and `e mail` is read as `email`. Then, in order:
//!
//! 1. A flag or a fact *about* the data is not personal: the header starts with `is` or
//!    `has`, or has a word like `type`, `status`, `count`, `exchange`, `opt`, `source`
//!    (`IsHomePhoneACellExchange`, `phone_type`, `email_status`, `Input Type Name`).
//! 2. `email` → Email; a word ending in `phone`, or `mobile`, `cell`, `tel` → Phone;
//!    `birth`, `dob`, `ssn`, `passport`, `license`… → Other; `address`, `addr`, `street`
//!    → Address (but not with `city`, `state`, `zip`…: those parts are not personal).
//! 3. A *name* column is about a person only when its header says so: `name` alone, or
//!    `name` with a part of a person's name (`first`, `last`, `given`, `full`…) or a
//!    word for a person (`contact`, `donor`, `member`, `user`, `voter`…), and no word
//!    for a thing (`event`, `precinct`, `candidate`, `question`, `office`…). Candidates
//!    are public figures, not members. `first_name`, `Contact Name`, `user given name`
//!    and `name` are names; `precinct_name`, `event_name`, `candidate_name` are not.
//!    A past participle followed by `by` (`Canvassed By`, `Entered By`) names a person,
//!    and so do two or more words for people (`Emergency Contact`).
//! 4. A header with a word for a thing or place (`county`, `city`, `office`, `precinct`…)
//!    is known not to be personal; anything else is unknown.
//!
//! Unknown and not-personal headers still get the content checks (emails, phones,
//! street addresses look the same whatever the header says); only the learned-name
//! check is skipped for a header known to be about a thing (see `Masker`).

use super::PiiKind;

/// What a header alone says about a column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum HeaderVerdict {
    /// The header names personal data of this kind.
    Personal(PiiKind),
    /// The header names a thing, place, flag or count: not a person's data.
    NotPersonal,
    /// The header does not say.
    Unknown,
}

/// Words that make a header a flag or a fact about a value rather than the value.
const QUALIFIERS: &[&str] = &[
    "type",
    "types",
    "status",
    "count",
    "exchange",
    "opt",
    "optin",
    "optout",
    "optedin",
    "optedout",
    "subscribed",
    "unsubscribed",
    "subscription",
    "consent",
    "permission",
    "flag",
    "source",
    "bounce",
    "bounced",
    "domain",
    "carrier",
    "confidence",
    "score",
    "quality",
    "format",
    "provided",
    "available",
];

/// Words for things, places and public offices: a header with one is not personal.
const THINGS: &[&str] = &[
    "event",
    "precinct",
    "candidate",
    "question",
    "survey",
    "response",
    "input",
    "file",
    "list",
    "org",
    "organization",
    "organisation",
    "group",
    "committee",
    "campaign",
    "location",
    "venue",
    "place",
    "team",
    "tag",
    "form",
    "page",
    "field",
    "state",
    "county",
    "city",
    "country",
    "district",
    "ward",
    "region",
    "party",
    "office",
    "company",
    "employer",
    "school",
    "business",
    "product",
    "item",
    "activity",
    "action",
    "job",
    "title",
    "suffix",
    "prefix",
    "salutation",
    "column",
    "sheet",
    "table",
    "shift",
    "timeslot",
    "role",
    "program",
    "project",
    "chapter",
    "branch",
    "union",
    "turf",
    "route",
    "script",
    "template",
    "category",
    "fund",
    "account",
    "course",
    "lesson",
    "step",
    "polling",
    "zip",
    "postal",
    "code",
];

/// Parts of a person's name that go with `name` (`first name`) or stand alone as a header.
const NAME_PARTS: &[&str] = &[
    "first",
    "last",
    "given",
    "family",
    "middle",
    "full",
    "nick",
    "maiden",
    "preferred",
    "display",
    "legal",
    "sur",
    "fore",
];

/// Name parts that are a name column on their own (`First`, `Last`).
const ALONE_NAME_PARTS: &[&str] = &["first", "last", "given", "middle"];

/// One-word headers that hold a name (`FirstName` splits; `firstname` does not).
const NAME_WORDS: &[&str] = &[
    "firstname",
    "lastname",
    "givenname",
    "familyname",
    "middlename",
    "fullname",
    "surname",
    "forename",
    "nickname",
    "fname",
    "lname",
    "username",
    "canvasser",
    "organizer",
    "organiser",
    "caller",
    "recruiter",
    "assignee",
];

/// Words for a person: with `name` they make a name column (`Contact Name`).
const PERSON_WORDS: &[&str] = &[
    "contact",
    "donor",
    "member",
    "person",
    "user",
    "voter",
    "volunteer",
    "attendee",
    "participant",
    "canvasser",
    "supporter",
    "recipient",
    "signer",
    "employee",
    "student",
    "owner",
    "leader",
    "organizer",
    "organiser",
    "host",
    "activist",
    "customer",
    "client",
    "respondent",
    "registrant",
    "parent",
    "guardian",
    "spouse",
    "emergency",
    "caller",
    "recruiter",
    "applicant",
    "tenant",
    "worker",
    "resident",
    "contributor",
    "subscriber",
    "guest",
    "captain",
    "staff",
    "individual",
    "signup",
];

/// Words that make a header some other personal data.
const OTHER_WORDS: &[&str] = &[
    "birth",
    "birthday",
    "birthdate",
    "dob",
    "ssn",
    "passport",
    "license",
    "licence",
    "ip",
    "ipaddress",
];

/// Phone words that are not of the form `…phone`.
const PHONE_WORDS: &[&str] = &["mobile", "cell", "tel", "fax", "sms", "whatsapp"];

/// The header's words, lower case, digits dropped (see the module docs).
pub(crate) fn header_words(header: &str) -> Vec<String> {
    let chars: Vec<char> = header.chars().collect();
    let mut words: Vec<String> = Vec::new();
    let mut cur = String::new();
    for (i, &c) in chars.iter().enumerate() {
        if !c.is_alphanumeric() {
            flush(&mut cur, &mut words);
            continue;
        }
        if let Some(&prev) = i.checked_sub(1).and_then(|p| chars.get(p)) {
            let next = chars.get(i + 1).copied();
            let lower_to_upper = prev.is_lowercase() && c.is_uppercase();
            let acronym_end =
                prev.is_uppercase() && c.is_uppercase() && next.is_some_and(char::is_lowercase);
            let digit_edge = prev.is_ascii_digit() != c.is_ascii_digit();
            if lower_to_upper || acronym_end || digit_edge {
                flush(&mut cur, &mut words);
            }
        }
        cur.extend(c.to_lowercase());
    }
    flush(&mut cur, &mut words);
    words.retain(|w| !w.chars().all(|c| c.is_ascii_digit()));
    // `e-mail`, `E Mail` → `email`.
    let mut merged: Vec<String> = Vec::with_capacity(words.len());
    for w in words {
        if w == "mail" && merged.last().is_some_and(|p| p == "e") {
            merged.pop();
            merged.push("email".to_string());
        } else {
            merged.push(w);
        }
    }
    merged
}

fn flush(cur: &mut String, words: &mut Vec<String>) {
    if !cur.is_empty() {
        words.push(std::mem::take(cur));
    }
}

/// Whether a word, or the word without a plural `s`, is in `list`.
fn any_in(words: &[String], list: &[&str]) -> bool {
    words.iter().any(|w| {
        list.contains(&w.as_str()) || w.strip_suffix('s').is_some_and(|s| list.contains(&s))
    })
}

/// What the header alone says (see the module docs for the rule).
pub(crate) fn header_verdict(header: &str) -> HeaderVerdict {
    let words = header_words(header);
    if words.is_empty() {
        return HeaderVerdict::Unknown;
    }
    let first = words.first().map(String::as_str);
    if matches!(first, Some("is" | "has")) || any_in(&words, QUALIFIERS) {
        return HeaderVerdict::NotPersonal;
    }
    if words
        .iter()
        .any(|w| w.starts_with("email") || w.ends_with("email"))
    {
        return HeaderVerdict::Personal(PiiKind::Email);
    }
    if words.iter().any(|w| w.ends_with("phone")) || any_in(&words, PHONE_WORDS) {
        return HeaderVerdict::Personal(PiiKind::Phone);
    }
    let social_security = any_in(&words, &["social"]) && any_in(&words, &["security"]);
    if social_security || any_in(&words, OTHER_WORDS) {
        return HeaderVerdict::Personal(PiiKind::Other);
    }
    if is_address(&words) {
        return HeaderVerdict::Personal(PiiKind::Address);
    }
    if let Some(v) = name_verdict(&words) {
        return v;
    }
    if any_in(&words, THINGS) || words.iter().any(|w| w == "address" || w == "addr") {
        return HeaderVerdict::NotPersonal;
    }
    HeaderVerdict::Unknown
}

fn is_address(words: &[String]) -> bool {
    let address = words.iter().any(|w| {
        w == "addr" || w == "street" || w.starts_with("address") || w.ends_with("address")
    });
    let coarse_part = any_in(
        words,
        &["city", "state", "zip", "postal", "county", "country"],
    );
    address && !coarse_part
}

/// `Some` when the header is about names (personal or not); `None` when it is not.
fn name_verdict(words: &[String]) -> Option<HeaderVerdict> {
    let personal = HeaderVerdict::Personal(PiiKind::Name);
    if words.len() == 1 && (any_in(words, NAME_WORDS) || any_in(words, ALONE_NAME_PARTS)) {
        return Some(personal);
    }
    if let [.., verb, by] = words
        && by == "by"
        && verb.ends_with("ed")
    {
        return Some(personal);
    }
    // Two or more words for people and nothing else: `Emergency Contact`.
    if words.len() >= 2 && words.iter().all(|w| PERSON_WORDS.contains(&w.as_str())) {
        return Some(personal);
    }
    let has_name = any_in(words, &["name"]);
    if !has_name && !any_in(words, NAME_WORDS) {
        return None;
    }
    if any_in(words, THINGS) {
        return Some(HeaderVerdict::NotPersonal);
    }
    let only_name = words.iter().all(|w| w == "name" || w == "names");
    let says_person =
        any_in(words, NAME_PARTS) || any_in(words, NAME_WORDS) || any_in(words, PERSON_WORDS);
    if only_name || says_person {
        Some(personal)
    } else {
        Some(HeaderVerdict::Unknown)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_split_into_words() {
        assert_eq!(
            header_words("IsHomePhoneACellExchange"),
            ["is", "home", "phone", "a", "cell", "exchange"]
        );
        assert_eq!(header_words("can2_phone"), ["can", "phone"]);
        assert_eq!(header_words("Donor Addr1"), ["donor", "addr"]);
        assert_eq!(header_words("E-Mail"), ["email"]);
        assert_eq!(header_words("SOS_VOTERID"), ["sos", "voterid"]);
        assert_eq!(header_words("  "), Vec::<String>::new());
    }

    #[test]
    fn thing_headers_are_known_not_personal() {
        for h in [
            "county",
            "can2_county",
            "City",
            "office",
            "precinct_name",
            "candidate_name",
        ] {
            assert_eq!(header_verdict(h), HeaderVerdict::NotPersonal, "{h}");
        }
        for h in ["Emergency Contact", "Parent Guardian"] {
            assert_eq!(
                header_verdict(h),
                HeaderVerdict::Personal(PiiKind::Name),
                "{h}"
            );
        }
        for h in [
            "VanID",
            "Amount",
            "joined",
            "notes",
            "signature name",
            "volunteer",
        ] {
            assert_eq!(header_verdict(h), HeaderVerdict::Unknown, "{h}");
        }
    }
}
