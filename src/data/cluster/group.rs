//! Grouping value counts into clusters and choosing each cluster's spelling.

use super::keys::{self, fingerprint};
use super::near;

/// How values are judged to be the same.
///
/// With the planted county values `Essex` ×40, `essex ` ×3, `ESSEX CO.` ×2, `Esex` ×1:
/// - `Fingerprint` groups `Essex` and `essex ` (same words once case, spaces and
///   punctuation are ignored); `ESSEX CO.` has the extra word `co`, `Esex` a typo.
/// - `Nearest { radius: 1 }` also brings in the typo `Esex`.
/// - `ESSEX CO.` (normal form `essex co`) is 3 edits from `essex`, so it joins only at
///   radius 3 — where `Suffolk` and `Norfolk` (also 3 apart) merge too. Radius 3 is too loose
///   for short names; remove the ` Co.` with a `replace` op, then cluster again.
/// - `Suffolk`/`Norfolk` stay apart at radius 1 and 2.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// Key collision: values with the same [`fingerprint`](super::fingerprint) (word order, case, spaces,
    /// punctuation and accents ignored). Safe: it almost never groups different things.
    Fingerprint,
    /// Nearest neighbour: values at most `radius` single-character edits (Levenshtein
    /// distance) apart, measured on a normal form (lower case, accents folded, punctuation
    /// removed, trimmed, runs of spaces made one), linked in chains (single linkage).
    /// Catches typos. Start at radius 1 and review: even 1 links some different short names
    /// (`Lynn`/`Lyon`); 2 finds more typos but also `Marion`/`Mason`. Short codes such as
    /// state abbreviations (`MA`, `ME`) are all 1–2 edits apart: cluster those by fingerprint.
    /// Time grows with the radius and with how many values are close to each other: offer
    /// radii 1–3, and expect dense short values (ZIP codes, numbers) to be slow and useless.
    Nearest {
        /// Largest number of edits between two linked values.
        radius: usize,
    },
}

/// Values that probably mean one thing, and the spelling to merge them into.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cluster {
    /// Each distinct spelling with its row count, most common first (ties alphabetical).
    pub values: Vec<(String, usize)>,
    /// The value to merge into: the most common member; on a tie, one already trimmed (no
    /// spaces at the ends or doubled inside), then one in mixed case (`Essex` over `ESSEX`
    /// and `essex`), then the first alphabetically (by character code). A caller may replace
    /// it with another spelling before calling [`merge_map`](super::merge_map).
    pub suggested: String,
}

impl Cluster {
    /// Rows in the table that have one of the cluster's values.
    pub fn rows(&self) -> usize {
        self.values.iter().map(|(_, n)| n).sum()
    }
}

/// Groups of at least two distinct values that `method` judges the same, most rows first
/// (ties by suggested value). The same counts give the same clusters in any input order.
///
/// Values with no letters or digits (`-`, `?`) are never clustered; a value listed twice in
/// `counts` has its counts added.
pub fn clusters(counts: &[(String, usize)], method: Method) -> Vec<Cluster> {
    let mut keyed: Vec<(String, &str, usize)> = counts
        .iter()
        .filter_map(|(v, n)| {
            let key = match method {
                Method::Fingerprint => fingerprint(v),
                Method::Nearest { .. } => keys::normal_form(v),
            };
            (!key.is_empty()).then_some((key, v.as_str(), *n))
        })
        .collect();
    // Sorted by key then value: the same result for any input order, repeats side by side.
    keyed.sort_unstable_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.cmp(b.1)));
    keyed.dedup_by(|later, kept| {
        let same = later.1 == kept.1;
        if same {
            kept.2 += later.2;
        }
        same
    });
    // Values sharing a key are always together.
    let by_key: Vec<&[(String, &str, usize)]> = keyed.chunk_by(|a, b| a.0 == b.0).collect();
    let groups: Vec<Vec<(&str, usize)>> = match method {
        Method::Fingerprint => by_key
            .iter()
            .map(|g| g.iter().map(|(_, v, n)| (*v, *n)).collect())
            .collect(),
        Method::Nearest { radius } => {
            let chars: Vec<Vec<char>> = by_key
                .iter()
                .map(|g| g.first().map(|k| k.0.chars().collect()).unwrap_or_default())
                .collect();
            let labels = near::components(&chars, radius);
            let mut joined: Vec<Vec<(&str, usize)>> = vec![Vec::new(); by_key.len()];
            for (label, g) in labels.into_iter().zip(&by_key) {
                if let Some(group) = joined.get_mut(label) {
                    group.extend(g.iter().map(|(_, v, n)| (*v, *n)));
                }
            }
            joined
        }
    };
    let mut out: Vec<Cluster> = groups
        .into_iter()
        .filter(|g| g.len() >= 2)
        .map(cluster_of)
        .collect();
    out.sort_by(|a, b| {
        b.rows()
            .cmp(&a.rows())
            .then_with(|| a.suggested.cmp(&b.suggested))
    });
    out
}

/// A cluster from its members: ordered, with the suggested spelling chosen.
fn cluster_of(mut members: Vec<(&str, usize)>) -> Cluster {
    members.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
    let suggested = members
        .iter()
        .min_by(|a, b| {
            b.1.cmp(&a.1)
                .then_with(|| is_tidy(b.0).cmp(&is_tidy(a.0)))
                .then_with(|| is_mixed_case(b.0).cmp(&is_mixed_case(a.0)))
                .then_with(|| a.0.cmp(b.0))
        })
        .map(|(v, _)| v.to_string())
        .unwrap_or_default();
    Cluster {
        values: members
            .into_iter()
            .map(|(v, n)| (v.to_string(), n))
            .collect(),
        suggested,
    }
}

/// No spaces at the ends and none doubled inside.
fn is_tidy(s: &str) -> bool {
    s.split_whitespace().collect::<Vec<_>>().join(" ") == s
}

/// Has both upper- and lower-case letters.
fn is_mixed_case(s: &str) -> bool {
    s.chars().any(char::is_uppercase) && s.chars().any(char::is_lowercase)
}
