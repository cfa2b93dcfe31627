//! Synthetic exports in the shapes of docs real-exports.md: VAN saved list, VAN
//! contact history (".xls" that is UTF-16LE tab-separated text), ActBlue (cp1252,
//! repeated `Reserved` headers), Action Network (UTF-8 with BOM, padded headers),
//! Mobilize, and a member list damaged by Excel.
//!
//! Everything is deterministic and invented: names are combinations from short
//! lists, emails use example.org/example.net, phones use the fictional 555-01xx
//! range. Each generator takes a [`Month`]: October and November have different
//! rows (some people in both) under the same header, so a recipe made on October's
//! file can be re-applied to November's.

mod actblue;
mod excel;
mod lists;
mod van;

pub use actblue::actblue;
pub use excel::excel_damaged;
pub use lists::{action_network, mobilize};
pub use van::{van_contact_history, van_saved_list};

use huddle::data::import::unique_names;
use std::path::{Path, PathBuf};

/// Which month's export to make.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Month {
    /// The first export: people 1 to 60.
    October,
    /// The next one: people 41 to 100, dates a month later.
    November,
}

impl Month {
    /// `"october"` or `"november"`.
    pub fn from_name(name: &str) -> Month {
        match name.to_ascii_lowercase().as_str() {
            "october" => Month::October,
            "november" => Month::November,
            other => panic!("no export month {other:?}: use \"october\" or \"november\""),
        }
    }

    fn name(self) -> &'static str {
        match self {
            Month::October => "october",
            Month::November => "november",
        }
    }

    fn number(self) -> u32 {
        match self {
            Month::October => 10,
            Month::November => 11,
        }
    }

    /// The people (by number) in this month's exports.
    fn people(self) -> std::ops::RangeInclusive<u32> {
        match self {
            Month::October => 1..=60,
            Month::November => 41..=100,
        }
    }
}

/// A person's true, clean values (what a good recipe should produce).
#[derive(Debug, Clone, PartialEq)]
pub struct CleanPerson {
    /// Member ID of their first row.
    pub id: String,
    /// Lower-case email.
    pub email: String,
    /// Ten digits.
    pub phone: String,
    /// Five digits.
    pub zip: String,
    /// One of [`COUNTIES`].
    pub county: String,
    /// `YYYY-MM-DD`.
    pub joined: String,
}

/// What a test can rely on about a generated file.
#[derive(Debug, Clone, Default)]
pub struct Facts {
    /// As huddle labels it: UTF-8, UTF-8 with BOM, UTF-16LE, Windows-1252.
    pub encoding: &'static str,
    /// Field separator.
    pub delimiter: char,
    /// Data rows.
    pub rows: usize,
    /// The header as written (padding and repeats included).
    pub header: Vec<String>,
    /// The columns as huddle names them (trimmed, repeats numbered).
    pub columns: Vec<String>,
    /// Columns holding values with leading zeros that must survive.
    pub keep_zeros: Vec<String>,
    /// (column, value) pairs in the file that start with a zero.
    pub zero_values: Vec<(String, String)>,
    /// (column, value) pairs that lost their leading zero (`2906` for `02906`).
    pub lost_zeros: Vec<(String, String)>,
    /// Values with letters outside ASCII that must survive (`José`).
    pub accented: Vec<String>,
    /// For the Excel-damaged member list: one clean entry per person, in order.
    pub clean: Vec<CleanPerson>,
}

/// One generated file.
#[derive(Debug, Clone)]
pub struct Generated {
    /// Where it was written.
    pub path: PathBuf,
    /// Every email and phone number written into it, as written.
    pub personal: Vec<String>,
    /// What is true about it.
    pub facts: Facts,
}

/// Counties of the member lists.
pub const COUNTIES: &[&str] = &[
    "Essex",
    "Suffolk",
    "Middlesex",
    "Worcester",
    "Bristol",
    "Hampden",
];

const FIRST: &[&str] = &[
    "Carlos", "Keisha", "Jorge", "James", "Maria", "Dev", "Kim", "Ola", "Ana", "Bo", "Priya",
    "Sam", "Lena", "Tomás", "José", "Zoë", "Nadia", "Omar", "Grace", "Luis",
];
const LAST: &[&str] = &[
    "Rivera", "Walker", "Clark", "Young", "Santos", "Patel", "Lee", "Adeyemi", "Nguyen", "Brooks",
    "Muñoz", "Okafor", "Fischer", "Haddad", "Silva", "Moreau",
];
/// (town, ZIP, county) — ZIPs of Massachusetts start with 0.
const TOWNS: &[(&str, &str, &str)] = &[
    ("Lynn", "01902", "Essex"),
    ("Salem", "01970", "Essex"),
    ("Boston", "02134", "Suffolk"),
    ("Chelsea", "02150", "Suffolk"),
    ("Lowell", "01852", "Middlesex"),
    ("Cambridge", "02139", "Middlesex"),
    ("Worcester", "01608", "Worcester"),
    ("Fall River", "02720", "Bristol"),
    ("Springfield", "01103", "Hampden"),
];
const STREETS: &[&str] = &[
    "Elm St", "Main St", "Oak Ave", "Park Rd", "Union Sq", "Mill St",
];

/// Deterministic numbers (splitmix64).
struct Rng(u64);

impl Rng {
    fn new(kind: &str, month: Month) -> Rng {
        let seed = kind.bytes().fold(u64::from(month.number()), |h, b| {
            h.wrapping_mul(1_099_511_628_211) ^ u64::from(b)
        });
        Rng(seed)
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

/// One invented person, the same in every export and month.
struct Person {
    n: u32,
    first: &'static str,
    last: &'static str,
    town: (&'static str, &'static str, &'static str),
    street: String,
}

impl Person {
    fn new(n: u32) -> Person {
        let i = n as usize;
        Person {
            n,
            first: FIRST[(i * 7) % FIRST.len()],
            last: LAST[(i * 5 + i / 16) % LAST.len()],
            town: TOWNS[(i * 3 + 1) % TOWNS.len()],
            street: format!("{} {}", 10 + (i * 37) % 180, STREETS[i % STREETS.len()]),
        }
    }

    fn email(&self) -> String {
        let first: String = ascii(self.first).to_lowercase();
        let last: String = ascii(self.last).to_lowercase();
        let domain = if self.n.is_multiple_of(3) {
            "example.net"
        } else {
            "example.org"
        };
        format!("{first}.{last}{}@{domain}", self.n)
    }

    /// Ten digits in the fictional 555-01xx range.
    fn phone(&self) -> String {
        let area = ["617", "508", "413", "978"][self.n as usize % 4];
        format!("{area}55501{:02}", self.n % 100)
    }
}

fn ascii(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            'á' => 'a',
            'é' | 'ë' => 'e',
            'í' => 'i',
            'ó' => 'o',
            'ñ' => 'n',
            'ü' => 'u',
            c => c,
        })
        .collect()
}

/// A phone written the way exports mix them.
fn phone_as(digits: &str, style: usize) -> String {
    let (a, b, c) = (&digits[..3], &digits[3..6], &digits[6..]);
    match style % 4 {
        0 => format!("({a}) {b}-{c}"),
        1 => digits.to_string(),
        2 => format!("{a}-{b}-{c}"),
        _ => format!("{a}.{b}.{c}"),
    }
}

/// A CSV (or tab-separated) line, quoting fields that need it.
fn line(fields: &[String], delim: char, eol: &str) -> String {
    let cells: Vec<String> = fields
        .iter()
        .map(|f| {
            if f.contains(delim) || f.contains('"') || f.contains('\n') {
                format!("\"{}\"", f.replace('"', "\"\""))
            } else {
                f.clone()
            }
        })
        .collect();
    format!("{}{eol}", cells.join(&delim.to_string()))
}

fn strings(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| s.to_string()).collect()
}

/// Facts shared by every file: header, huddle's names, rows, zero values.
fn facts(
    encoding: &'static str,
    delimiter: char,
    header: &[&str],
    rows: &[Vec<String>],
    keep_zeros: &[&str],
) -> Facts {
    let header = strings(header);
    let (columns, _) = unique_names(&header);
    let mut zero_values = Vec::new();
    for name in keep_zeros {
        let Some(i) = columns.iter().position(|c| c == name) else {
            panic!("no column {name}");
        };
        for r in rows {
            if r[i].starts_with('0') && !zero_values.contains(&(name.to_string(), r[i].clone())) {
                zero_values.push((name.to_string(), r[i].clone()));
            }
        }
    }
    Facts {
        encoding,
        delimiter,
        rows: rows.len(),
        header,
        columns,
        keep_zeros: strings(keep_zeros),
        zero_values,
        ..Facts::default()
    }
}

fn text(header: &[&str], rows: &[Vec<String>], delim: char, eol: &str) -> String {
    let mut out = line(&strings(header), delim, eol);
    for r in rows {
        out.push_str(&line(r, delim, eol));
    }
    out
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("export written");
    path
}

/// Every shape, for one month.
pub fn all(dir: &Path, month: Month) -> Vec<Generated> {
    vec![
        van_saved_list(dir, month),
        van_contact_history(dir, month),
        actblue(dir, month),
        action_network(dir, month),
        mobilize(dir, month),
        excel_damaged(dir, month),
    ]
}
