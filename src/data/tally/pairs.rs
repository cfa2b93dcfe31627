//! Counting a scatter's pairs of numbers as they go by: each pair is added to a
//! list (no lookup), and the list is sorted and counted when it grows long, so a
//! pair held by many rows is kept once. Faster than a hash table when most pairs
//! differ, as a voter file's (birth year, donation) pairs do, and as small.

/// Pairs added before they are sorted and counted.
const PENDING: usize = 1 << 20;

/// The distinct pairs of numbers (as their bits) and the rows holding each.
#[derive(Debug, Default)]
pub(crate) struct PairCounts {
    /// Pairs added since the last count.
    pending: Vec<(u64, u64)>,
    /// Distinct pairs counted so far, in order.
    counted: Vec<((u64, u64), u64)>,
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
        let mut pending = std::mem::take(&mut self.pending);
        pending.par_sort_unstable();
        let mut fresh: Vec<((u64, u64), u64)> = Vec::new();
        for p in pending.drain(..) {
            match fresh.last_mut() {
                Some((q, n)) if *q == p => *n += 1,
                _ => fresh.push((p, 1)),
            }
        }
        self.pending = pending;
        self.counted = merged(std::mem::take(&mut self.counted), fresh);
    }

    /// Add the pairs `other` counted (in another part of the file).
    pub(crate) fn absorb(&mut self, other: PairCounts) {
        if !other.counted.is_empty() {
            self.counted = merged(std::mem::take(&mut self.counted), other.counted);
        }
        self.pending.extend(other.pending);
        if self.pending.len() >= PENDING {
            self.count();
        }
    }

    /// The distinct pairs, as numbers, with their rows, in order.
    pub(crate) fn finish(mut self) -> Vec<((f64, f64), u64)> {
        self.count();
        self.counted
            .into_iter()
            .map(|((x, y), n)| ((f64::from_bits(x), f64::from_bits(y)), n))
            .collect()
    }
}

/// Two ordered lists of counted pairs as one, each pair once.
fn merged(old: Vec<((u64, u64), u64)>, fresh: Vec<((u64, u64), u64)>) -> Vec<((u64, u64), u64)> {
    if old.is_empty() {
        return fresh;
    }
    let mut out = Vec::with_capacity(old.len() + fresh.len());
    let (mut a, mut b) = (old.into_iter().peekable(), fresh.into_iter().peekable());
    loop {
        match (a.peek(), b.peek()) {
            (Some(x), Some(y)) if x.0 == y.0 => {
                let (pair, n) = (x.0, x.1 + y.1);
                out.push((pair, n));
                a.next();
                b.next();
            }
            (Some(x), Some(y)) if x.0 < y.0 => out.extend(a.next()),
            (Some(_), Some(_)) | (None, Some(_)) => out.extend(b.next()),
            (Some(_), None) => out.extend(a.next()),
            (None, None) => break,
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pairs_are_counted_across_counts() {
        let mut p = PairCounts::default();
        for i in 0..(PENDING * 2 + 10) {
            p.add((i % 3) as f64, (i % 5) as f64);
        }
        let got = p.finish();
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
        assert_eq!(a.finish(), vec![((0.5, 2.0), 1), ((1.0, 2.0), 2)]);
    }
}
