//! The table that finds a distinct value's entry from its hash. One array of
//! slots, each holding a value's kept hash and its entry's place, looked through
//! one after another from the hash's home. Looking at a slot needs no entry, and a
//! new value touches one cache line, which the caller can ask for ahead of time
//! ([`Slots::prefetch`]): a column of millions of different values (IDs, emails)
//! is counted without waiting on memory for each.

/// A slot holding nothing.
const EMPTY: u64 = 0;

/// Slots are at most this share full (numerator over 8) before the table grows.
const FULLEST: usize = 6;

/// What a look for a value found.
pub(super) enum Look {
    /// The value's entry.
    Known(u32),
    /// Where a new value goes.
    Free(usize),
}

/// The slots: a power of two of them, or none yet.
#[derive(Default)]
pub(super) struct Slots {
    slots: Vec<u64>,
    /// Slots in use.
    used: usize,
}

/// A slot holding the entry `at` of a value hashed `hash`.
#[inline]
fn slot(hash: u32, at: u32) -> u64 {
    (u64::from(hash) << 32) | (u64::from(at) + 1)
}

impl Slots {
    #[inline]
    fn mask(&self) -> usize {
        self.slots.len().wrapping_sub(1)
    }

    /// Ask for the cache line of `hash`'s home slot, to be looked at soon.
    #[inline]
    pub(super) fn prefetch(&self, hash: u32) {
        #[cfg(target_arch = "x86_64")]
        if !self.slots.is_empty() {
            use std::arch::x86_64::{_MM_HINT_T0, _mm_prefetch};
            let home = self
                .slots
                .as_ptr()
                .wrapping_add(hash as usize & self.mask());
            // SAFETY: a prefetch is a hint: it reads nothing the program sees and
            // cannot fault, whatever the address.
            unsafe { _mm_prefetch::<_MM_HINT_T0>(home.cast()) };
        }
    }

    /// The entry of the value hashed `hash` for which `same` (given an entry's
    /// place) holds, else the free slot it would go in. Make room first.
    #[inline]
    pub(super) fn look(&self, hash: u32, same: impl Fn(u32) -> bool) -> Look {
        let mask = self.mask();
        let mut i = hash as usize & mask;
        loop {
            let s = self.slots[i];
            if s == EMPTY {
                return Look::Free(i);
            }
            if (s >> 32) as u32 == hash && same(s as u32 - 1) {
                return Look::Known(s as u32 - 1);
            }
            i = (i + 1) & mask;
        }
    }

    /// Put the entry `at` of a value hashed `hash` in the free slot `free` that
    /// [`Slots::look`] gave (with no slot put since).
    #[inline]
    pub(super) fn put(&mut self, free: usize, hash: u32, at: u32) {
        debug_assert_eq!(self.slots[free], EMPTY);
        self.slots[free] = slot(hash, at);
        self.used += 1;
    }

    /// Make room for `more` new values, placing the slots again in a larger table
    /// when it would be too full.
    #[inline]
    pub(super) fn make_room(&mut self, more: usize) {
        let wanted = self.used.saturating_add(more);
        if wanted.saturating_mul(8) > self.slots.len().saturating_mul(FULLEST) {
            self.grow(wanted);
        }
    }

    #[cold]
    fn grow(&mut self, wanted: usize) {
        let size = (wanted.saturating_mul(8) / FULLEST + 1)
            .max(self.slots.len() * 2)
            .max(16)
            .next_power_of_two();
        let old = std::mem::replace(&mut self.slots, vec![EMPTY; size]);
        let mask = self.mask();
        for s in old.into_iter().filter(|s| *s != EMPTY) {
            let mut i = (s >> 32) as usize & mask;
            while self.slots[i] != EMPTY {
                i = (i + 1) & mask;
            }
            self.slots[i] = s;
        }
    }

    /// Bytes held.
    pub(super) fn bytes(&self) -> usize {
        self.slots.capacity() * std::mem::size_of::<u64>()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Count words through the slots, as [`super::super::ValueCounts`] does.
    fn places(words: &[u32], hash: impl Fn(u32) -> u32) -> Vec<u32> {
        let mut slots = Slots::default();
        let mut kept: Vec<u32> = Vec::new();
        words
            .iter()
            .map(|&w| {
                slots.make_room(1);
                match slots.look(hash(w), |at| kept[at as usize] == w) {
                    Look::Known(at) => at,
                    Look::Free(free) => {
                        kept.push(w);
                        slots.put(free, hash(w), kept.len() as u32 - 1);
                        kept.len() as u32 - 1
                    }
                }
            })
            .collect()
    }

    /// The place each word gets: its first appearance's order among the words.
    fn expected(words: &[u32]) -> Vec<u32> {
        let mut first = std::collections::HashMap::new();
        words
            .iter()
            .map(|w| {
                let n = first.len() as u32;
                *first.entry(*w).or_insert(n)
            })
            .collect()
    }

    #[test]
    fn every_value_finds_its_own_entry_as_the_table_grows() {
        let words: Vec<u32> = (0..200_000u32).map(|i| (i * 7919) % 50_021).collect();
        let spread = |w: u32| w.wrapping_mul(0x9E37_79B9);
        assert_eq!(places(&words, spread), expected(&words));
    }

    #[test]
    fn values_with_one_hash_are_told_apart() {
        // Every value hashed alike, and hashes that share a home: the slots are
        // walked past their end and around.
        let words: Vec<u32> = (0..3000u32).map(|i| i % 700).collect();
        assert_eq!(places(&words, |_| 7), expected(&words));
        assert_eq!(places(&words, |w| u32::MAX - (w % 3)), expected(&words));
    }

    #[test]
    fn room_made_ahead_holds_without_growing() {
        let mut slots = Slots::default();
        slots.make_room(1000);
        let bytes = slots.bytes();
        for at in 0..1000u32 {
            slots.make_room(1);
            let Look::Free(free) = slots.look(at, |_| false) else {
                panic!("a new value is free");
            };
            slots.put(free, at, at);
        }
        assert_eq!(slots.bytes(), bytes);
    }
}
