//! A scatter's distinct pairs of numbers, kept as they go by: each pair is added to
//! a list (no lookup), and the list is sorted and deduplicated when it grows long,
//! so a pair held by many rows is kept once. Faster than a hash table when most
//! pairs differ, as a voter file's (birth year, donation) pairs do, and smaller:
//! the distinct pairs are merged in place, held once, 16 bytes each, and given back
//! as the chart's points without a copy.

/// Pairs added before they are sorted and merged.
const PENDING: usize = 1 << 18;

/// A pair of numbers, as their bits.
type Pair = (u64, u64);

/// The distinct pairs of numbers (as their bits), and the rows that held one.
#[derive(Debug, Default)]
pub(crate) struct DistinctPairs {
    /// Pairs added since the last merge.
    pending: Vec<Pair>,
    /// Distinct pairs merged so far, in order.
    distinct: Vec<Pair>,
    /// Rows that held a pair, merged or pending.
    rows: u64,
}

impl DistinctPairs {
    /// A row holding the pair `(x, y)`.
    #[inline]
    pub(crate) fn add(&mut self, x: f64, y: f64) {
        self.pending.push((x.to_bits(), y.to_bits()));
        self.rows += 1;
        if self.pending.len() >= PENDING {
            self.merge_pending();
        }
    }

    /// Sort and deduplicate the pending pairs, and merge them into the distinct ones.
    fn merge_pending(&mut self) {
        use rayon::slice::ParallelSliceMut;
        if self.pending.is_empty() {
            return;
        }
        self.pending.par_sort_unstable();
        self.pending.dedup();
        merge_into(&mut self.distinct, &self.pending);
        self.pending.clear();
    }

    /// Add the pairs `other` kept (in another part of the file).
    pub(crate) fn absorb(&mut self, other: DistinctPairs) {
        merge_into(&mut self.distinct, &other.distinct);
        self.rows += other.rows;
        // Merged first when the list would outgrow its room, so it never doubles.
        if self.pending.len() + other.pending.len() > self.pending.capacity().max(PENDING) {
            self.merge_pending();
        }
        self.pending.extend(other.pending);
        if self.pending.len() >= PENDING {
            self.merge_pending();
        }
    }

    /// The distinct pairs in order, as (x, y) numbers, and the rows that held one.
    pub(crate) fn finish(mut self) -> (Vec<(f64, f64)>, u64) {
        self.merge_pending();
        drop(self.pending);
        // Same size and alignment: collected in place, without a copy.
        let points = self
            .distinct
            .into_iter()
            .map(|(x, y)| (f64::from_bits(x), f64::from_bits(y)))
            .collect();
        (points, self.rows)
    }
}

/// Merge the ordered distinct pairs `fresh` into the ordered distinct `kept`, each
/// pair once, in place: from the back into the room made at the end, then moved
/// down over the slots left by pairs both lists held.
fn merge_into(kept: &mut Vec<Pair>, fresh: &[Pair]) {
    if fresh.is_empty() {
        return;
    }
    let old = kept.len();
    let size = old + fresh.len();
    kept.reserve_exact(fresh.len());
    kept.resize(size, (0, 0));
    // `out` is one past the next slot to fill; it never falls below `a`.
    let (mut a, mut b, mut out) = (old, fresh.len(), size);
    while b > 0 {
        let f = fresh[b - 1];
        let p = if a > 0 && kept[a - 1] >= f {
            a -= 1;
            if kept[a] == f {
                b -= 1;
            }
            kept[a]
        } else {
            b -= 1;
            f
        };
        out -= 1;
        kept[out] = p;
    }
    // The pairs below `a` are already in place; close the gap up to `out`.
    if out > a {
        kept.copy_within(out.., a);
        kept.truncate(size - (out - a));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn pairs_are_kept_once_across_merges() {
        let mut p = DistinctPairs::default();
        for i in 0..(PENDING * 2 + 10) {
            p.add((i % 3) as f64, (i % 5) as f64);
        }
        let (points, rows) = p.finish();
        assert_eq!(points.len(), 15);
        assert_eq!(rows, (PENDING * 2 + 10) as u64);
        assert_eq!(points[0], (0.0, 0.0));
        assert!(points.windows(2).all(|w| w[0].0 <= w[1].0));
        let (mut a, mut b) = (DistinctPairs::default(), DistinctPairs::default());
        a.add(1.0, 2.0);
        b.add(1.0, 2.0);
        b.add(0.5, 2.0);
        a.absorb(b);
        assert_eq!(a.finish(), (vec![(0.5, 2.0), (1.0, 2.0)], 3));
    }

    #[test]
    fn merging_in_place_keeps_what_a_set_does() {
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
                (0..len)
                    .map(|_| (next(span), next(3)))
                    .collect::<BTreeSet<Pair>>()
            };
            let (la, lb) = (next(30), next(30));
            let (a, b) = (list(&mut next, la), list(&mut next, lb));
            let mut kept: Vec<Pair> = a.iter().copied().collect();
            let fresh: Vec<Pair> = b.iter().copied().collect();
            merge_into(&mut kept, &fresh);
            let want: Vec<Pair> = a.union(&b).copied().collect();
            assert_eq!(kept, want, "round {round}");
        }
    }
}
