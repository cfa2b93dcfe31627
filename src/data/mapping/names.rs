//! Column names compared the way a data manager reads them: `ZipOrPostal`,
//! `Donor ZIP` and `zip_code` are all the ZIP code.

/// Leading words that vendors put before a column's real name, longest first.
const VENDOR_PREFIXES: &[&[&str]] = &[
    &["voter", "file"],
    &["voterfile"],
    &["can2"],
    &["donor"],
    &["user"],
    &["contact"],
    &["primary"],
    &["person"],
    &["my"],
];

/// What organizing exports call the same thing. The first name is the concept;
/// the aliases are normalised names in order of preference (when a file has both
/// `CellPhone` and `HomePhone`, the cell phone is the one organizers text).
const CONCEPTS: &[(&str, &[&str])] = &[
    (
        "member_id",
        &[
            "memberid",
            "vanid",
            "uuid",
            "id",
            "personid",
            "contactid",
            "supporterid",
            "constituentid",
            "voterid",
            "sosvoterid",
            "actionnetworkid",
            "receiptid",
        ],
    ),
    (
        "first_name",
        &[
            "firstname",
            "first",
            "givenname",
            "fname",
            "forename",
            "namefirst",
        ],
    ),
    (
        "last_name",
        &[
            "lastname",
            "last",
            "surname",
            "familyname",
            "lname",
            "namelast",
        ],
    ),
    ("name", &["name", "fullname", "displayname"]),
    (
        "email",
        &["email", "emailaddress", "emailaddr", "mail", "emails"],
    ),
    (
        "phone",
        &[
            "phone",
            "phonenumber",
            "cellphone",
            "cell",
            "mobile",
            "mobilephone",
            "mobilenumber",
            "cellphonenumber",
            "homephone",
            "telephone",
            "tel",
            "phone1",
            "workphone",
        ],
    ),
    (
        "zip",
        &[
            "zip",
            "zipcode",
            "ziporpostal",
            "zippostal",
            "postal",
            "postalcode",
            "postcode",
            "zip5",
            "residentialzip",
            "mailingzip",
        ],
    ),
    ("county", &["county", "countyname", "residentialcounty"]),
    ("city", &["city", "town", "residentialcity", "mailingcity"]),
    (
        "state",
        &[
            "state",
            "stateabbreviated",
            "stateabbr",
            "stateabbrev",
            "stateprovince",
            "st",
        ],
    ),
    (
        "address",
        &[
            "address",
            "streetaddress",
            "address1",
            "addressline1",
            "street",
            "residentialaddress",
            "mailingaddress",
        ],
    ),
    (
        "joined",
        &[
            "joined",
            "datejoined",
            "joindate",
            "joinedon",
            "joinedat",
            "membersince",
            "signupdate",
            "signedup",
            "signup",
            "created",
            "createddate",
            "createdat",
            "datecreated",
            "dateadded",
            "added",
            "startdate",
        ],
    ),
    (
        "date",
        &[
            "date",
            "datecanvassed",
            "canvassdate",
            "contactdate",
            "datecontacted",
            "eventdate",
            "timeslotstart",
        ],
    ),
    (
        "precinct",
        &[
            "precinct",
            "precinctname",
            "precinctcode",
            "precinctid",
            "pct",
        ],
    ),
    (
        "event_id",
        &["eventid", "event", "mobilizeeventid", "eventnumber"],
    ),
    (
        "attended",
        &["attended", "didattend", "attendance", "showedup"],
    ),
    (
        "status",
        &[
            "status",
            "subscriptionstatus",
            "signupstatus",
            "attendancestatus",
            "memberstatus",
        ],
    ),
    (
        "amount",
        &[
            "amount",
            "contributionamount",
            "donationamount",
            "giftamount",
            "paymentamount",
            "amt",
            "donation",
            "gift",
        ],
    ),
    ("tags", &["tags", "tag", "usertags", "labels"]),
    ("party", &["party", "partyaffiliation", "partycode"]),
];

/// Split a header into lowercase words: at spaces and punctuation, and where
/// `camelCase` or `VANID`-then-`Word` changes case (`IsHomePhoneACell` → is, home,
/// phone, a, cell).
pub fn words(name: &str) -> Vec<String> {
    let chars: Vec<char> = name.chars().collect();
    let mut out: Vec<String> = Vec::new();
    let mut cur = String::new();
    for (i, &c) in chars.iter().enumerate() {
        if !c.is_alphanumeric() {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            continue;
        }
        let prev = i.checked_sub(1).and_then(|p| chars.get(p)).copied();
        let next = chars.get(i + 1).copied();
        let boundary = c.is_uppercase()
            && prev.is_some_and(|p| {
                p.is_lowercase() || (p.is_uppercase() && next.is_some_and(|n| n.is_lowercase()))
            });
        if boundary && !cur.is_empty() {
            out.push(std::mem::take(&mut cur));
        }
        cur.extend(c.to_lowercase());
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// Drop vendor words from the front (`can2`, `donor`, `user`, `voter file`…) as
/// long as something is left.
fn strip_prefixes(mut w: Vec<String>) -> Vec<String> {
    loop {
        let hit = VENDOR_PREFIXES
            .iter()
            .find(|p| w.len() > p.len() && w.iter().zip(p.iter()).all(|(a, b)| a == b));
        match hit {
            Some(p) => {
                w.drain(..p.len());
            }
            None => return w,
        }
    }
}

/// A header reduced to what it means: lowercase, no spaces, punctuation or
/// underscores, vendor prefixes removed (`can2_county` → `county`, `Donor ZIP` →
/// `zip`, `Voter File VANID` → `vanid`).
pub fn normalize(name: &str) -> String {
    strip_prefixes(words(name)).concat()
}

/// The concept a header names (`member_id`, `zip`, `phone`…) and the rank of
/// its spelling among that concept's aliases (0 is the most preferred).
pub fn concept(name: &str) -> Option<(&'static str, usize)> {
    let n = normalize(name);
    CONCEPTS
        .iter()
        .find_map(|(c, aliases)| aliases.iter().position(|a| *a == n).map(|rank| (*c, rank)))
}

/// The concept's aliases that appear as a whole word inside a longer header
/// (`Mailing ZIP` holds `zip`), with their rank. Used only together with a look
/// at the values, since `IsHomePhoneACellExchange` holds `phone` too.
pub fn concept_word(name: &str, wanted: &str) -> Option<usize> {
    let ws = strip_prefixes(words(name));
    let (_, aliases) = CONCEPTS.iter().find(|(c, _)| *c == wanted)?;
    aliases.iter().position(|a| ws.iter().any(|w| w == a))
}

/// Whether `word` occurs in `text` as a whole identifier (ignoring case): not
/// inside a longer name such as `zip_code` or `zips`.
pub fn mentions(text: &str, word: &str) -> bool {
    if word.is_empty() {
        return false;
    }
    let hay = text.to_lowercase();
    let needle = word.to_lowercase();
    let is_ident = |c: char| c.is_alphanumeric() || c == '_';
    let mut start = 0;
    while let Some(pos) = hay.get(start..).and_then(|h| h.find(&needle)) {
        let at = start + pos;
        let end = at + needle.len();
        let before = hay.get(..at).and_then(|h| h.chars().next_back());
        let after = hay.get(end..).and_then(|h| h.chars().next());
        if !before.is_some_and(is_ident) && !after.is_some_and(is_ident) {
            return true;
        }
        start = end;
    }
    false
}
