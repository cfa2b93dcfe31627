//! A column's distinct values, with how many rows hold each, in the order they
//! first appear: what `inspect` types, profiles and checks a column from, so the
//! rows themselves need not be kept. The values' text sits in one buffer per
//! column, found by hash through [`slots`], so a value costs its bytes and about
//! 40 more.

use hashbrown::DefaultHashBuilder;
use slots::{Look, Slots};
use std::borrow::Cow;
use std::hash::BuildHasher;

mod slots;

/// Values hashed ahead of the one being counted, their slots asked for meanwhile.
const AHEAD: usize = 16;

/// One distinct value: where its text is in the buffer, and its rows.
#[derive(Debug, Clone, Copy)]
struct Entry {
    start: u64,
    len: u32,
    rows: u64,
}

/// Counts a column's values as they go by.
#[derive(Default)]
pub struct ValueCounts {
    /// The distinct values' text, one after another.
    text: String,
    /// Per distinct value, in first-seen order.
    entries: Vec<Entry>,
    /// Positions in `entries`, by the value's hash.
    slots: Slots,
    hasher: DefaultHashBuilder,
    /// Rows with no value at all (an empty cell without quotes).
    nulls: u64,
    /// New values are no longer kept (the memory budget was reached).
    full: bool,
    /// Rows whose value was not kept because the counter was full.
    unkept: u64,
}

impl ValueCounts {
    /// No values yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Count a row holding `value`.
    #[inline]
    pub fn add(&mut self, value: &str) {
        self.add_hashed(value, self.hash(value));
    }

    /// Count a row per value of `values`, in order (`None`: a row with no value).
    /// The values are hashed a few ahead, and their slots fetched meanwhile.
    pub fn add_all<'v>(&mut self, values: impl Iterator<Item = Option<Cow<'v, str>>>) {
        let mut ahead: std::collections::VecDeque<(Cow<'v, str>, u32)> =
            std::collections::VecDeque::with_capacity(AHEAD);
        for value in values {
            let Some(value) = value else {
                self.nulls += 1;
                continue;
            };
            let hash = self.hash(&value);
            self.slots.prefetch(hash);
            if ahead.len() == AHEAD
                && let Some((v, h)) = ahead.pop_front()
            {
                self.add_hashed(&v, h);
            }
            ahead.push_back((value, hash));
        }
        for (v, h) in ahead {
            self.add_hashed(&v, h);
        }
    }

    /// The hash `value` is kept under.
    #[inline]
    fn hash(&self, value: &str) -> u32 {
        (self.hasher.hash_one(value.as_bytes()) >> 32) as u32
    }

    /// Count a row holding `value`, hashed `kept`.
    #[inline]
    fn add_hashed(&mut self, value: &str, kept: u32) {
        self.slots.make_room(1);
        let (text, entries) = (&self.text, &self.entries);
        let found = self.slots.look(kept, |i| {
            let e = entries[i as usize];
            e.len as usize == value.len()
                && &text.as_bytes()[e.start as usize..e.start as usize + value.len()]
                    == value.as_bytes()
        });
        let free = match found {
            Look::Known(at) => {
                self.entries[at as usize].rows += 1;
                return;
            }
            Look::Free(free) => free,
        };
        let (Ok(at), Ok(len)) = (
            u32::try_from(self.entries.len()),
            u32::try_from(value.len()),
        ) else {
            self.unkept += 1;
            return;
        };
        if self.full || at == u32::MAX {
            self.unkept += 1;
            return;
        }
        self.slots.put(free, kept, at);
        self.entries.push(Entry {
            start: self.text.len() as u64,
            len,
            rows: 1,
        });
        self.text.push_str(value);
    }

    /// Make room for `more` new values of about `bytes_each` bytes, so a column of
    /// millions of different values (IDs, emails) is not moved again and again
    /// as it grows.
    pub fn reserve(&mut self, more: usize, bytes_each: usize) {
        self.slots.make_room(more);
        self.entries.reserve(more);
        self.text.reserve(more.saturating_mul(bytes_each));
    }

    /// Count a row with no value.
    #[inline]
    pub fn add_null(&mut self) {
        self.nulls += 1;
    }

    /// Count the rows of a text column (`None` is a row with no value).
    pub fn of<'v>(values: impl Iterator<Item = Option<&'v str>>) -> Self {
        let mut c = Self::new();
        c.add_all(values.map(|v| v.map(Cow::Borrowed)));
        c
    }

    /// Keep no new values from now on: rows with a new value are only counted.
    pub fn stop_keeping(&mut self) {
        self.full = true;
    }

    /// Whether new values are no longer kept.
    pub fn is_full(&self) -> bool {
        self.full
    }

    /// Bytes held, about.
    pub fn bytes(&self) -> usize {
        self.text.capacity()
            + self.entries.capacity() * std::mem::size_of::<Entry>()
            + self.slots.bytes()
    }

    /// Bytes of the distinct values' text.
    pub fn text_bytes(&self) -> usize {
        self.text.len()
    }

    /// Distinct values kept.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether no value was kept.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Rows with no value.
    pub fn nulls(&self) -> u64 {
        self.nulls
    }

    /// Rows whose value was not kept (see [`ValueCounts::stop_keeping`]).
    pub fn unkept(&self) -> u64 {
        self.unkept
    }

    /// The distinct values and their rows, in the order they first appeared.
    pub fn iter(&self) -> impl Iterator<Item = (&str, u64)> + '_ {
        self.entries.iter().map(|e| {
            let start = e.start as usize;
            (&self.text[start..start + e.len as usize], e.rows)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_counted_in_the_order_they_first_appear() {
        let rows = [
            Some("b"),
            Some("a"),
            None,
            Some("b"),
            Some(""),
            Some("a"),
            Some("b"),
        ];
        let c = ValueCounts::of(rows.into_iter());
        let got: Vec<(&str, u64)> = c.iter().collect();
        assert_eq!(got, vec![("b", 3), ("a", 2), ("", 1)]);
        assert_eq!(c.nulls(), 1);
        assert_eq!(c.len(), 3);
    }

    #[test]
    fn many_values_survive_the_table_growing() {
        let mut c = ValueCounts::new();
        for round in 0..3 {
            for i in 0..50_000 {
                c.add(&format!("v{i}"));
            }
            assert_eq!(c.len(), 50_000, "round {round}");
        }
        assert!(c.iter().all(|(_, n)| n == 3));
        assert_eq!(c.iter().nth(49_999), Some(("v49999", 3)));
    }

    #[test]
    fn values_hashed_ahead_count_as_values_added_one_by_one() {
        for n in [0, 3, AHEAD, AHEAD + 1, 5_000] {
            let rows: Vec<Option<String>> = (0..n)
                .map(|i| (i % 11 != 4).then(|| format!("v{}", (i * 37) % 700)))
                .collect();
            let mut ahead = ValueCounts::new();
            ahead.add_all(rows.iter().map(|r| r.as_deref().map(Cow::Borrowed)));
            let one_by_one = ValueCounts::of(rows.iter().map(Option::as_deref));
            assert!(ahead.iter().eq(one_by_one.iter()), "{n} rows");
            assert_eq!(ahead.nulls(), one_by_one.nulls(), "{n} rows");
            assert_eq!(ahead.len(), one_by_one.len(), "{n} rows");
        }
    }

    #[test]
    fn room_made_ahead_changes_nothing_counted() {
        let mut ahead = ValueCounts::new();
        ahead.add("first");
        ahead.reserve(100_000, 6);
        let mut grown = ValueCounts::new();
        grown.add("first");
        for i in 0..60_000 {
            ahead.add(&format!("v{}", i % 40_000));
            grown.add(&format!("v{}", i % 40_000));
        }
        assert!(ahead.iter().eq(grown.iter()));
        assert_eq!(ahead.len(), 40_001);
    }

    #[test]
    fn a_full_counter_counts_known_values_and_sets_new_ones_aside() {
        let mut c = ValueCounts::new();
        c.add("a");
        c.stop_keeping();
        c.add("a");
        c.add("b");
        assert_eq!(c.iter().collect::<Vec<_>>(), vec![("a", 2)]);
        assert_eq!(c.unkept(), 1);
        assert!(c.is_full());
    }
}
