//! Invented place names (county/city-like, no real people) with planted spelling variants,
//! as value counts, for the cluster benchmark.

use std::collections::HashSet;

const ONSETS: &[&str] = &[
    "b", "c", "d", "f", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "w", "br", "ch",
    "cr", "gl", "pr", "st", "th", "tr",
];
const VOWELS: &[&str] = &["a", "e", "i", "o", "u", "ay", "ee", "ou"];
const CODAS: &[&str] = &["", "", "n", "r", "l", "s", "x", "nd", "rt"];
const SUFFIXES: &[&str] = &[
    "",
    "",
    "",
    "ville",
    "ton",
    "field",
    "burg",
    " Heights",
    " Springs",
    " Falls",
    " County",
    " City",
    " Township",
    " Center",
];

/// A deterministic pseudo-random stream (an LCG).
struct Lcg(u64);

impl Lcg {
    fn pick<'a>(&mut self, from: &[&'a str]) -> &'a str {
        from[self.below(from.len())]
    }

    fn below(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % n.max(1)
    }
}

fn word(rng: &mut Lcg) -> String {
    let mut w = String::new();
    for _ in 0..2 + rng.below(2) {
        w.push_str(rng.pick(ONSETS));
        w.push_str(rng.pick(VOWELS));
        w.push_str(rng.pick(CODAS));
    }
    let mut chars = w.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => w,
    }
}

/// Variants a data-entry person might type for `name`.
fn variants(name: &str, rng: &mut Lcg) -> Vec<String> {
    let chars: Vec<char> = name.chars().collect();
    let at = 1 + rng.below(chars.len().saturating_sub(2).max(1));
    let dropped: String = chars
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != at)
        .map(|(_, c)| *c)
        .collect();
    let mut swapped = chars.clone();
    if at + 1 < swapped.len() {
        swapped.swap(at, at + 1);
    }
    vec![
        format!("{} ", name.to_lowercase()),
        name.to_uppercase(),
        dropped,
        swapped.into_iter().collect(),
        format!("{name} Co."),
    ]
}

/// `distinct` different values with row counts; about one name in 25 has planted variants.
pub fn place_counts(distinct: usize) -> Vec<(String, usize)> {
    let mut rng = Lcg(2024);
    let mut seen: HashSet<String> = HashSet::with_capacity(distinct);
    let mut out = Vec::with_capacity(distinct);
    let mut add = |v: String, n: usize, out: &mut Vec<(String, usize)>| {
        if out.len() < distinct && seen.insert(v.clone()) {
            out.push((v, n));
        }
    };
    let mut made = 0usize;
    while out.len() < distinct {
        let mut name = word(&mut rng);
        if rng.below(4) == 0 {
            name = format!("{name} {}", word(&mut rng));
        }
        name.push_str(rng.pick(SUFFIXES));
        made += 1;
        let planted = made.is_multiple_of(25);
        add(name.clone(), 1 + rng.below(200), &mut out);
        if planted {
            for v in variants(&name, &mut rng) {
                add(v, 1 + rng.below(5), &mut out);
            }
        }
    }
    out
}
