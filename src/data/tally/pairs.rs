//! Counting a scatter's pairs of numbers as they go by: each pair is added to a
//! list (no lookup), and the list is sorted and counted when it grows long, so a
//! pair held by many rows is kept once. Faster than a hash table when most pairs
//! differ, as a voter file's (birth year, donation) pairs do, and as small: the
//! counts are merged in place, so the distinct pairs are held once, and they are
//! given back as the numbers' columns without a copy.

/// Pairs added before they are sorted and counted.
const PENDING: usize = 1 << 18;

/// A pair of numbers, as their bits.
type Pair = (u64, u64);

/// The distinct pairs of numbers (as their bits) and the rows holding each.
#[derive(Debug, Default)]
pub(crate) struct PairCounts {
    /// Pairs added since the last count.
    pending: Vec<Pair>,
    /// Distinct pairs counted so far, in order.
    counted: Counted,
}

/// Distinct pairs in order, as three columns: x's bits, y's bits, rows.
#[derive(Debug, Default, Clone, PartialEq)]
struct Counted {
    xs: Vec<u64>,
    ys: Vec<u64>,
    rows: Vec<u64>,
}

impl Counted {
    fn len(&self) -> usize {
        self.rows.len()
    }

    fn key(&self, i: usize) -> Pair {
        (self.xs[i], self.ys[i])
    }

    fn push(&mut self, p: Pair, n: u64) {
        self.xs.push(p.0);
        self.ys.push(p.1);
        self.rows.push(n);
    }

    fn set(&mut self, i: usize, p: Pair, n: u64) {
        (self.xs[i], self.ys[i], self.rows[i]) = (p.0, p.1, n);
    }
}

impl PairCounts {
    /// A row holding the pair `(x, y)`.
    #[inline]
    pub(crate) fn add(&mut self, x: f64, y: f64) {
        self.pending.push((x.to_bits(), y.to_bits()));
        if self.pending.len() >= PENDING {
            self.count();
        }
    }

    /// Sort the pending pairs and merge their counts into the counted ones.
    fn count(&mut self) {
        use rayon::slice::ParallelSliceMut;
        if self.pending.is_empty() {
            return;
        }
        self.pending.par_sort_unstable();
        let mut fresh = Counted::default();
        let mut run: Option<(Pair, u64)> = None;
        for &p in &self.pending {
            run = match run {
                Some((q, n)) if q == p => Some((q, n + 1)),
                Some((q, n)) => {
                    fresh.push(q, n);
                    Some((p, 1))
                }
                None => Some((p, 1)),
            };
        }
        if let Some((q, n)) = run {
            fresh.push(q, n);
        }
        self.pending.clear();
        merge_into(&mut self.counted, &fresh);
    }

    /// Add the pairs `other` counted (in another part of the file).
    pub(crate) fn absorb(&mut self, other: PairCounts) {
        merge_into(&mut self.counted, &other.counted);
        // Counted first when the list would outgrow its room, so it never doubles.
        if self.pending.len() + other.pending.len() > self.pending.capacity().max(PENDING) {
            self.count();
        }
        self.pending.extend(other.pending);
        if self.pending.len() >= PENDING {
            self.count();
        }
    }

    /// The distinct pairs in order: their x and y numbers, and the rows holding each.
    pub(crate) fn finish(mut self) -> (Vec<f64>, Vec<f64>, Vec<u64>) {
        self.count();
        drop(self.pending);
        let Counted { xs, ys, rows } = self.counted;
        // Same size and alignment: collected in place, without a copy.
        let xs: Vec<f64> = xs.into_iter().map(f64::from_bits).collect();
        let ys: Vec<f64> = ys.into_iter().map(f64::from_bits).collect();
        (xs, ys, rows)
    }
}

/// Merge the ordered counted pairs `fresh` into the ordered `counted`, each pair
/// once, in place: from the back into the room made at the end, then moved down
/// over the slots left by pairs both lists held.
fn merge_into(counted: &mut Counted, fresh: &Counted) {
    if fresh.len() == 0 {
        return;
    }
    let old = counted.len();
    let size = old + fresh.len();
    for v in [&mut counted.xs, &mut counted.ys, &mut counted.rows] {
        v.reserve_exact(fresh.len());
        v.resize(size, 0);
    }
    // `out` is one past the next slot to fill; it never falls below `a`.
    let (mut a, mut b, mut out) = (old, fresh.len(), size);
    while b > 0 {
        let f = fresh.key(b - 1);
        let (p, n) = if a > 0 && counted.key(a - 1) >= f {
            a -= 1;
            let (c, n) = (counted.key(a), counted.rows[a]);
            if c == f {
                b -= 1;
                (c, n + fresh.rows[b])
            } else {
                (c, n)
            }
        } else {
            b -= 1;
            (f, fresh.rows[b])
        };
        out -= 1;
        counted.set(out, p, n);
    }
    // The pairs below `a` are already in place; close the gap up to `out`.
    if out > a {
        for v in [&mut counted.xs, &mut counted.ys, &mut counted.rows] {
            v.copy_within(out.., a);
            v.truncate(size - (out - a));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    /// The pairs `p` counted, as ((x, y), rows).
    fn listed(p: PairCounts) -> Vec<((f64, f64), u64)> {
        let (xs, ys, rows) = p.finish();
        xs.into_iter().zip(ys).zip(rows).collect()
    }

    #[test]
    fn pairs_are_counted_across_counts() {
        let mut p = PairCounts::default();
        for i in 0..(PENDING * 2 + 10) {
            p.add((i % 3) as f64, (i % 5) as f64);
        }
        let got = listed(p);
        assert_eq!(got.len(), 15);
        assert_eq!(
            got.iter().map(|g| g.1).sum::<u64>(),
            (PENDING * 2 + 10) as u64
        );
        assert_eq!(got[0], ((0.0, 0.0), got[0].1));
        assert!(got.windows(2).all(|w| w[0].0.0 <= w[1].0.0));
        let (mut a, mut b) = (PairCounts::default(), PairCounts::default());
        a.add(1.0, 2.0);
        b.add(1.0, 2.0);
        b.add(0.5, 2.0);
        a.absorb(b);
        assert_eq!(listed(a), vec![((0.5, 2.0), 1), ((1.0, 2.0), 2)]);
    }

    #[test]
    fn merging_in_place_counts_as_a_map_does() {
        // Lists that share some pairs, none, or all; either one empty or longer.
        let mut seed = 7u64;
        let mut next = move |m: u64| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) % m
        };
        for round in 0..300 {
            let span = 1 + round % 40;
            let list = |next: &mut dyn FnMut(u64) -> u64, len: u64| {
                let mut m = BTreeMap::new();
                for _ in 0..len {
                    *m.entry((next(span), next(3))).or_insert(0u64) += 1 + next(4);
                }
                m
            };
            let (la, lb) = (next(30), next(30));
            let (a, b) = (list(&mut next, la), list(&mut next, lb));
            let counted_of = |m: &BTreeMap<Pair, u64>| {
                let mut c = Counted::default();
                for (k, v) in m {
                    c.push(*k, *v);
                }
                c
            };
            let (mut counted, fresh) = (counted_of(&a), counted_of(&b));
            merge_into(&mut counted, &fresh);
            let mut want = a.clone();
            for (k, v) in &b {
                *want.entry(*k).or_insert(0) += v;
            }
            assert_eq!(counted, counted_of(&want), "round {round}");
        }
    }
}
