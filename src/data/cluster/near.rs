//! Which keys lie within a Levenshtein radius of each other, found without comparing every
//! pair, and grouped by single linkage (a chain of close keys is one group).
//!
//! Blocking, after the pigeonhole idea of PassJoin: cut a key of length `L` into
//! `radius + 1` pieces. An edit script of at most `radius` steps touches at most `radius` of
//! them, so any key within the radius contains one piece unchanged, shifted by no more than
//! the edits allow. Keys are compared only when they share such a piece at such a place, and
//! each comparison gives up as soon as the distance passes the radius. Nothing is lost: the
//! groups are exactly those a comparison of every pair gives (a test checks this).

use super::cuts::{self, FastMap};

/// For each key, the smallest index of a key in its group.
///
/// Two keys are in one group when a chain of keys links them, each step at most `radius`
/// single-character edits (insert, delete, substitute) apart.
pub fn components(keys: &[Vec<char>], radius: usize) -> Vec<usize> {
    let n = keys.len();
    // Work on the keys shortest first (then alphabetical), numbered in that order, so keys
    // compared with each other sit near each other in memory.
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| {
        let (ka, kb) = (&keys[a], &keys[b]);
        ka.len().cmp(&kb.len()).then_with(|| ka.cmp(kb))
    });
    let sorted: Vec<&[char]> = order.iter().map(|&k| keys[k].as_slice()).collect();
    let mut sets = link(&sorted, radius);
    let mut smallest = vec![usize::MAX; n];
    let roots: Vec<usize> = (0..n).map(|pos| sets.find(pos)).collect();
    for (pos, &root) in roots.iter().enumerate() {
        smallest[root] = smallest[root].min(order[pos]);
    }
    let mut labels = vec![0; n];
    for (pos, &root) in roots.iter().enumerate() {
        labels[order[pos]] = smallest[root];
    }
    labels
}

/// Join every two keys at most `radius` apart; `sorted` is ordered by length.
fn link(sorted: &[&[char]], radius: usize) -> Sets {
    let n = sorted.len();
    let mut sets = Sets::new(n);
    let pieces = radius + 1;
    let plan = cuts::plan(sorted, pieces);
    // (key length, piece number, piece) -> keys already seen that have it.
    let mut index: FastMap<(usize, usize, &[char]), Vec<usize>> = FastMap::default();
    // Keys shorter than `pieces` cannot be cut: they are compared with every key close
    // enough in length. There are few of them for any sensible radius.
    let mut short: Vec<usize> = Vec::new();
    let mut seen = vec![usize::MAX; n];
    let mut edits = Bounded::new(radius);
    let sketches: Vec<Sketch> = sorted.iter().map(|k| Sketch::of(k)).collect();
    for (j, &t) in sorted.iter().enumerate() {
        let m = t.len();
        let mut consider = |c: usize, sets: &mut Sets| {
            if seen[c] == j {
                return;
            }
            seen[c] = j;
            if sets.find(c) != sets.find(j)
                && sketches[c].edits_at_least(&sketches[j], m - sorted[c].len()) <= radius
                && edits.within(sorted[c], t)
            {
                sets.union(c, j);
            }
        };
        for &c in &short {
            if m - sorted[c].len() <= radius {
                consider(c, &mut sets);
            }
        }
        for len in m.saturating_sub(radius).max(pieces)..=m {
            let Some(cuts) = plan.get(&len) else {
                continue;
            };
            for (i, &(start, width)) in cuts.iter().enumerate() {
                let Some((lo, hi)) = window(i, start, width, m - len, radius, m) else {
                    continue;
                };
                for pos in lo..=hi {
                    if let Some(found) = index.get(&(len, i, &t[pos..pos + width])) {
                        for &c in found {
                            consider(c, &mut sets);
                        }
                    }
                }
            }
        }
        match plan.get(&m) {
            None => short.push(j),
            Some(cuts) => {
                for (i, &(start, width)) in cuts.iter().enumerate() {
                    index
                        .entry((m, i, &t[start..start + width]))
                        .or_default()
                        .push(j);
                }
            }
        }
    }
    sets
}

/// Where, in a key of length `m`, to look for piece `i` (at `start`, `width` long) of a key
/// `delta` characters shorter, for keys at most `radius` apart.
///
/// Count each edit against the piece it falls in (an insertion against the piece after it).
/// With `radius + 1` pieces and at most `radius` edits, some piece `i` has no edit, at most
/// `i` edits before it and at most `radius - i` after it: take the first `i` where the edits
/// in pieces `0..=i` number at most `i`. Its shift is then within `i` of zero and within
/// `radius - i` of `delta`; the edits before and after it also cost at least |shift| and
/// |delta - shift|. Looking only there for each piece still finds every close pair.
fn window(
    i: usize,
    start: usize,
    width: usize,
    delta: usize,
    radius: usize,
    m: usize,
) -> Option<(usize, usize)> {
    let (i, start, delta, radius) = (i as isize, start as isize, delta as isize, radius as isize);
    let lo = (-i).max(delta - (radius - i)).max(-((radius - delta) / 2));
    let hi = i.min(delta + (radius - i)).min((delta + radius) / 2);
    let lo = (start + lo).max(0);
    let hi = (start + hi).min(m as isize - width as isize);
    (lo <= hi).then_some((lo as usize, hi as usize))
}

/// Letter counts of a key, folded into 32 buckets: a cheap lower bound on the distance
/// between two keys (an edit adds, removes or swaps one letter), checked before the distance.
struct Sketch([u8; 32]);

impl Sketch {
    fn of(key: &[char]) -> Self {
        let mut counts = [0u8; 32];
        for &c in key {
            let slot = &mut counts[(c as usize) % 32];
            *slot = slot.saturating_add(1);
        }
        Sketch(counts)
    }

    /// At least this many edits turn one key into the other, `gap` being the difference in
    /// their lengths. Each edit changes the counts by at most 2 in all and the letters
    /// added minus those removed is `gap`, so `(count differences + gap) / 2` edits are
    /// needed. Buckets that filled up only make the bound smaller.
    fn edits_at_least(&self, other: &Sketch, gap: usize) -> usize {
        let apart: u32 = self
            .0
            .iter()
            .zip(&other.0)
            .map(|(&a, &b)| u32::from(a.abs_diff(b)))
            .sum();
        (apart as usize + gap) / 2
    }
}

/// Levenshtein distance checked against a limit, stopping early once it is passed.
pub struct Bounded {
    limit: usize,
    prev: Vec<usize>,
    cur: Vec<usize>,
}

impl Bounded {
    /// A checker for distances of at most `limit`.
    pub fn new(limit: usize) -> Self {
        Bounded {
            limit,
            prev: Vec::new(),
            cur: Vec::new(),
        }
    }

    /// Whether `a` and `b` are at most `limit` edits apart.
    pub fn within(&mut self, a: &[char], b: &[char]) -> bool {
        let k = self.limit;
        let (a, b) = if a.len() <= b.len() { (a, b) } else { (b, a) };
        if b.len() - a.len() > k {
            return false;
        }
        let head = a.iter().zip(b).take_while(|(x, y)| x == y).count();
        let (a, b) = (&a[head..], &b[head..]);
        let tail = a
            .iter()
            .rev()
            .zip(b.iter().rev())
            .take_while(|(x, y)| x == y)
            .count();
        let (a, b) = (&a[..a.len() - tail], &b[..b.len() - tail]);
        let (n, m) = (a.len(), b.len());
        if n == 0 {
            return m <= k;
        }
        // Only cells within `k` of the diagonal can stay within `k`; the rest count as `k + 1`.
        let over = k + 1;
        self.prev.clear();
        self.prev.extend((0..=m).map(|j| j.min(over)));
        self.cur.clear();
        self.cur.resize(m + 1, over);
        for (i, &x) in a.iter().enumerate().map(|(i, x)| (i + 1, x)) {
            let lo = i.saturating_sub(k);
            let hi = (i + k).min(m);
            let mut best = over;
            if lo == 0 {
                self.cur[0] = i.min(over);
                best = self.cur[0];
            } else {
                self.cur[lo - 1] = over;
            }
            for j in lo.max(1)..=hi {
                let sub = self.prev[j - 1] + usize::from(x != b[j - 1]);
                let v = sub.min(self.prev[j] + 1).min(self.cur[j - 1] + 1).min(over);
                self.cur[j] = v;
                best = best.min(v);
            }
            if best > k {
                return false;
            }
            std::mem::swap(&mut self.prev, &mut self.cur);
        }
        self.prev[m] <= k
    }
}

/// Disjoint sets (union-find) over `0..n`.
struct Sets {
    parent: Vec<usize>,
}

impl Sets {
    fn new(n: usize) -> Self {
        Sets {
            parent: (0..n).collect(),
        }
    }

    fn find(&mut self, mut x: usize) -> usize {
        while self.parent[x] != x {
            self.parent[x] = self.parent[self.parent[x]];
            x = self.parent[x];
        }
        x
    }

    fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        // The smaller root wins, so a group's root is its smallest member.
        if ra < rb {
            self.parent[rb] = ra;
        } else if rb < ra {
            self.parent[ra] = rb;
        }
    }

    #[cfg(test)]
    fn labels(mut self) -> Vec<usize> {
        (0..self.parent.len()).map(|i| self.find(i)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    /// A deterministic pseudo-random stream (an LCG), so the tests need no `rand`.
    struct Lcg(u64);

    impl Lcg {
        fn below(&mut self, n: usize) -> usize {
            self.0 = self
                .0
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            ((self.0 >> 33) as usize) % n.max(1)
        }
    }

    /// Keys from a small alphabet, many of them near each other, some very short.
    fn random_keys(seed: u64, count: usize) -> Vec<Vec<char>> {
        let alphabet: Vec<char> = "abcdé ".chars().collect();
        let mut rng = Lcg(seed);
        let mut keys: Vec<Vec<char>> = Vec::new();
        while keys.len() < count {
            let key = if !keys.is_empty() && rng.below(2) == 0 {
                // A variant of an earlier key: one or two random edits.
                let mut k = keys[rng.below(keys.len())].clone();
                for _ in 0..=rng.below(2) {
                    let at = rng.below(k.len() + 1);
                    let c = alphabet[rng.below(alphabet.len())];
                    match rng.below(3) {
                        0 => k.insert(at, c),
                        1 if at < k.len() => {
                            k.remove(at);
                        }
                        _ if at < k.len() => k[at] = c,
                        _ => k.push(c),
                    }
                }
                k
            } else {
                let len = rng.below(12);
                (0..len)
                    .map(|_| alphabet[rng.below(alphabet.len())])
                    .collect()
            };
            if !keys.contains(&key) {
                keys.push(key);
            }
        }
        keys
    }

    /// Groups by comparing every pair with the full Levenshtein distance.
    fn brute_force(keys: &[Vec<char>], radius: usize) -> Vec<usize> {
        let mut sets = Sets::new(keys.len());
        let text: Vec<String> = keys.iter().map(|k| k.iter().collect()).collect();
        for a in 0..keys.len() {
            for b in a + 1..keys.len() {
                if strsim::levenshtein(&text[a], &text[b]) <= radius {
                    sets.union(a, b);
                }
            }
        }
        sets.labels()
    }

    #[test]
    fn bounded_distance_agrees_with_the_full_distance() {
        let keys = random_keys(7, 150);
        for limit in 0..=4 {
            let mut edits = Bounded::new(limit);
            for a in &keys {
                for b in keys.iter().step_by(7) {
                    let full = strsim::levenshtein(
                        &a.iter().collect::<String>(),
                        &b.iter().collect::<String>(),
                    );
                    assert_eq!(
                        edits.within(a, b),
                        full <= limit,
                        "{a:?} vs {b:?}, limit {limit}, distance {full}"
                    );
                }
            }
        }
    }

    #[test]
    fn sketch_never_claims_more_edits_than_the_distance() {
        let keys = random_keys(9, 200);
        let mut tight = 0;
        for a in &keys {
            for b in keys.iter().step_by(5) {
                let full = strsim::levenshtein(
                    &a.iter().collect::<String>(),
                    &b.iter().collect::<String>(),
                );
                let gap = a.len().abs_diff(b.len());
                let bound = Sketch::of(a).edits_at_least(&Sketch::of(b), gap);
                assert!(bound <= full, "{a:?} vs {b:?}: {bound} > {full}");
                tight += usize::from(bound == full && full > 0);
            }
        }
        // The bound is not trivially zero: it is exact for many pairs.
        assert!(tight > 100, "{tight}");
    }

    #[test]
    fn blocking_finds_the_same_groups_as_comparing_every_pair() {
        for (seed, radius) in [(1, 0), (2, 1), (3, 2), (4, 3), (5, 1), (6, 2)] {
            let keys = random_keys(seed, 300);
            let fast = components(&keys, radius);
            let slow = brute_force(&keys, radius);
            assert_eq!(fast, slow, "seed {seed}, radius {radius}");
            // Distinct keys never group at radius 0; otherwise the set is dense enough that
            // some groups form and some keys stay alone.
            let grouped = (0..keys.len()).filter(|&i| fast[i] != i).count();
            if radius == 0 {
                assert_eq!(grouped, 0);
            } else {
                assert!(grouped > 0 && grouped < keys.len() - 1, "radius {radius}");
            }
        }
    }

    #[test]
    fn blocking_with_cuts_chosen_from_the_data_finds_the_same_groups() {
        // Hundreds of keys per length sharing a suffix: the cuts are planned, not even.
        let mut rng = Lcg(11);
        let mut keys: Vec<Vec<char>> = Vec::new();
        while keys.len() < 600 {
            let len = 5 + rng.below(3);
            let mut key: Vec<char> = (0..len)
                .map(|_| char::from(b'a' + rng.below(4) as u8))
                .collect();
            key.extend(" co".chars());
            if !keys.contains(&key) {
                keys.push(key);
            }
        }
        let mut sorted: Vec<&[char]> = keys.iter().map(Vec::as_slice).collect();
        sorted.sort_by_key(|k| k.len());
        let planned = cuts::plan(&sorted, 3);
        assert!(
            planned
                .values()
                .any(|c| *c != cuts::even(c.iter().map(|p| p.1).sum(), 3))
        );
        for radius in 1..=3 {
            assert_eq!(
                components(&keys, radius),
                brute_force(&keys, radius),
                "radius {radius}"
            );
        }
    }

    #[test]
    fn chains_link_keys_further_apart_than_the_radius() {
        let keys = [
            chars("abcdef"),
            chars("abcdxf"),
            chars("abcyxf"),
            chars("zzzzzz"),
        ];
        assert_eq!(components(&keys, 1), vec![0, 0, 0, 3]);
        assert_eq!(components(&keys, 0), vec![0, 1, 2, 3]);
    }
}
