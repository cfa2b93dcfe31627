//! Where to cut keys into pieces for blocking. Any cuts find every close pair; cuts that
//! avoid pieces many keys share (` county`, `ville`) keep the number of comparisons down.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// The (start, width) of each piece of a key of one length.
pub type Cuts = Vec<(usize, usize)>;

/// A map with a fast, non-keyed hash: the keys are the learner's own values, on their own
/// machine, so resistance to crafted collisions is not needed.
pub type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<Fast>>;

/// Keys of one length looked at to choose its cuts; fewer keys than this get even cuts.
const SAMPLE: usize = 128;

/// Longer keys get even cuts: their pieces are long enough to be rare, and weighing every
/// possible piece would cost the square of the length.
const LONGEST_PLANNED: usize = 48;

/// Cuts for every length in `sorted` (keys sorted by length), `pieces` pieces each.
/// Lengths shorter than `pieces` get none.
pub fn plan(sorted: &[&[char]], pieces: usize) -> FastMap<usize, Cuts> {
    let mut out = FastMap::default();
    for group in sorted.chunk_by(|a, b| a.len() == b.len()) {
        let Some(first) = group.first() else {
            continue;
        };
        let len = first.len();
        if len < pieces {
            continue;
        }
        let cuts = if group.len() < SAMPLE || len > LONGEST_PLANNED {
            even(len, pieces)
        } else {
            let stride = group.len().div_ceil(SAMPLE);
            let sample: Vec<&[char]> = group.iter().step_by(stride).copied().collect();
            cheapest(&sample, len, pieces)
        };
        out.insert(len, cuts);
    }
    out
}

/// Equal pieces, the shorter ones first.
pub fn even(len: usize, pieces: usize) -> Cuts {
    let base = len / pieces;
    let short = pieces - len % pieces;
    (0..pieces)
        .map(|i| {
            if i < short {
                (i * base, base)
            } else {
                (short * base + (i - short) * (base + 1), base + 1)
            }
        })
        .collect()
}

/// The cuts whose pieces the sample shares least: a piece costs the sum, over its distinct
/// contents, of (keys with that content)², roughly the comparisons it would cause.
fn cheapest(sample: &[&[char]], len: usize, pieces: usize) -> Cuts {
    let mut counts: FastMap<(usize, usize, &[char]), u64> = FastMap::default();
    for key in sample {
        for a in 0..len {
            for b in a + 1..=len {
                *counts.entry((a, b, &key[a..b])).or_default() += 1;
            }
        }
    }
    let mut cost = vec![vec![0u64; len + 1]; len + 1];
    for ((a, b, _), n) in counts {
        cost[a][b] += n * n;
    }
    // best[p][j]: cheapest way to cut the first j characters into p pieces; from[p][j] is
    // where the last of those pieces starts.
    let mut best = vec![vec![u64::MAX; len + 1]; pieces + 1];
    let mut from = vec![vec![0usize; len + 1]; pieces + 1];
    best[0][0] = 0;
    for p in 1..=pieces {
        for j in p..=len {
            for i in p - 1..j {
                let prev = best[p - 1][i];
                if prev != u64::MAX && prev + cost[i][j] < best[p][j] {
                    best[p][j] = prev + cost[i][j];
                    from[p][j] = i;
                }
            }
        }
    }
    let mut cuts = vec![(0, 0); pieces];
    let mut end = len;
    for p in (1..=pieces).rev() {
        let start = from[p][end];
        cuts[p - 1] = (start, end - start);
        end = start;
    }
    cuts
}

/// A small multiply-rotate hash, good enough for short text pieces.
#[derive(Default, Clone, Copy)]
pub struct Fast(u64);

impl Fast {
    fn add(&mut self, x: u64) {
        self.0 = (self.0.rotate_left(5) ^ x).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}

impl Hasher for Fast {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.add(u64::from(b));
        }
    }

    fn write_u32(&mut self, n: u32) {
        self.add(u64::from(n));
    }

    fn write_u64(&mut self, n: u64) {
        self.add(n);
    }

    fn write_usize(&mut self, n: usize) {
        self.add(n as u64);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn covers(cuts: &Cuts, len: usize) -> bool {
        let mut at = 0;
        for &(start, width) in cuts {
            if start != at || width == 0 {
                return false;
            }
            at += width;
        }
        at == len
    }

    #[test]
    fn even_cuts_cover_the_key_without_gaps() {
        for len in 3..20 {
            let cuts = even(len, 3);
            assert!(covers(&cuts, len), "{len}: {cuts:?}");
        }
    }

    #[test]
    fn planned_cuts_avoid_a_shared_suffix() {
        // 200 keys of length 13: seven varied letters, then the same " county".
        let keys: Vec<Vec<char>> = (0..200u32)
            .map(|i| {
                let x = u64::from(i).wrapping_mul(2_654_435_761);
                let head: String = (0..7)
                    .map(|p| char::from(b'a' + ((x >> (p * 4)) % 26) as u8))
                    .collect();
                format!("{head}-county").chars().collect()
            })
            .collect();
        let sorted: Vec<&[char]> = keys.iter().map(Vec::as_slice).collect();
        let plan = plan(&sorted, 3);
        let cuts = plan.get(&14).cloned().unwrap_or_default();
        assert!(covers(&cuts, 14), "{cuts:?}");
        // Every piece has some of the varied letters: none lies inside "-county".
        assert!(cuts.iter().all(|&(start, _)| start < 7), "{cuts:?}");
        // Even cuts would have put a whole piece there.
        assert!(even(14, 3).iter().any(|&(start, _)| start >= 7));
    }
}
