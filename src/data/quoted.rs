//! The delimiters of one record that are outside quotes, found 64 bytes at a time:
//! a mask of the block's quotes and one of its delimiters, and a running XOR of the
//! quote mask that marks every byte between an opening and a closing quote (the
//! carry-less trick of fast CSV and JSON readers). A quote doubled inside quotes
//! (`""`) closes and reopens, so it reads right too.

/// Positions, in order, of the bytes of `rec` equal to `delimiter` that are not
/// inside quotes (quotes counted from the start of `rec`).
pub fn outside_delimiters(rec: &[u8], delimiter: u8) -> OutsideDelimiters<'_> {
    outside_delimiters_in(rec, 0, rec.len(), delimiter)
}

/// [`outside_delimiters`] of the record `text[start..end]`, positions counted from
/// `start`. Blocks are read straight from `text`, past `end` when it goes on (the
/// bytes past `end` are masked out), so most blocks need no copy.
pub fn outside_delimiters_in(
    text: &[u8],
    start: usize,
    end: usize,
    delimiter: u8,
) -> OutsideDelimiters<'_> {
    let end = end.min(text.len());
    OutsideDelimiters {
        text,
        start: start.min(end),
        end,
        delimiter,
        block: 0,
        pending: 0,
        inside: 0,
    }
}

/// Iterator made by [`outside_delimiters`].
pub struct OutsideDelimiters<'r> {
    text: &'r [u8],
    /// The record is `text[start..end]`.
    start: usize,
    end: usize,
    delimiter: u8,
    /// Start of the next block to read, from `start`.
    block: usize,
    /// Outside delimiters of the current block not yet given, as bits.
    pending: u64,
    /// All ones when the previous block ended inside quotes.
    inside: u64,
}

impl OutsideDelimiters<'_> {
    /// Whether the bytes read so far end inside quotes (read to the end: the
    /// record's quotes do not pair up, so it goes on past its line).
    pub fn inside_quotes(&self) -> bool {
        self.inside != 0
    }
}

impl Iterator for OutsideDelimiters<'_> {
    type Item = usize;

    #[inline]
    fn next(&mut self) -> Option<usize> {
        while self.pending == 0 {
            let at = self.start + self.block;
            if at >= self.end {
                return None;
            }
            let (quotes, delims) = match self.text.get(at..at + 64).map(<&[u8; 64]>::try_from) {
                Some(Ok(block)) => masks(block, b'"', self.delimiter),
                _ => {
                    let mut block = [0u8; 64];
                    let to = (at + 64).min(self.end);
                    block[..to - at].copy_from_slice(&self.text[at..to]);
                    masks(&block, b'"', self.delimiter)
                }
            };
            let left = self.end - at;
            let valid = if left >= 64 {
                u64::MAX
            } else {
                (1u64 << left) - 1
            };
            let inside = prefix_xor(quotes & valid) ^ self.inside;
            self.inside = if inside >> 63 == 1 { u64::MAX } else { 0 };
            self.pending = delims & valid & !inside;
            self.block += 64;
        }
        let bit = self.pending.trailing_zeros() as usize;
        self.pending &= self.pending - 1;
        Some(self.block - 64 + bit)
    }
}

/// Bit k set where `block[k]` is `a`, and where it is `b`: 16 bytes compared at
/// once with SSE2, which every x86-64 processor has.
#[cfg(target_arch = "x86_64")]
#[inline]
fn masks(block: &[u8; 64], a: u8, b: u8) -> (u64, u64) {
    use std::arch::x86_64::{
        __m128i, _mm_cmpeq_epi8, _mm_loadu_si128, _mm_movemask_epi8, _mm_set1_epi8,
    };
    // SAFETY: SSE2 is part of every x86-64 target, and each load reads bytes
    // 16k..16k+16 of the 64-byte block, with no alignment needed.
    unsafe {
        let (va, vb) = (_mm_set1_epi8(a as i8), _mm_set1_epi8(b as i8));
        let (mut ma, mut mb) = (0u64, 0u64);
        for k in 0..4 {
            let v = _mm_loadu_si128(block.as_ptr().add(16 * k).cast::<__m128i>());
            ma |= u64::from(_mm_movemask_epi8(_mm_cmpeq_epi8(v, va)) as u16) << (16 * k);
            mb |= u64::from(_mm_movemask_epi8(_mm_cmpeq_epi8(v, vb)) as u16) << (16 * k);
        }
        (ma, mb)
    }
}

/// Bit k set where `block[k]` is `a`, and where it is `b`.
#[cfg(not(target_arch = "x86_64"))]
#[inline]
fn masks(block: &[u8; 64], a: u8, b: u8) -> (u64, u64) {
    let (mut ma, mut mb) = (0u64, 0u64);
    for (k, x) in block.iter().enumerate() {
        ma |= u64::from(*x == a) << k;
        mb |= u64::from(*x == b) << k;
    }
    (ma, mb)
}

/// Bit k is the XOR of bits 0..=k of `x`.
#[inline]
fn prefix_xor(mut x: u64) -> u64 {
    x ^= x << 1;
    x ^= x << 2;
    x ^= x << 4;
    x ^= x << 8;
    x ^= x << 16;
    x ^= x << 32;
    x
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The same positions found one byte at a time.
    fn slowly(rec: &[u8], delimiter: u8) -> Vec<usize> {
        let mut inside = false;
        let mut out = Vec::new();
        for (k, b) in rec.iter().enumerate() {
            if *b == b'"' {
                inside = !inside;
            } else if *b == delimiter && !inside {
                out.push(k);
            }
        }
        out
    }

    #[test]
    fn delimiters_outside_quotes_are_found_across_blocks() {
        let mut state = 0x9e37_79b9_7f4a_7c15u64;
        for len in 0..300 {
            let mut rec = Vec::new();
            for _ in 0..len {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                rec.push([b'a', b',', b'"', b' ', b';'][(state % 5) as usize]);
            }
            for d in [b',', b';'] {
                let fast: Vec<usize> = outside_delimiters(&rec, d).collect();
                let want = slowly(&rec, d);
                assert_eq!(fast, want, "{:?}", String::from_utf8_lossy(&rec));
                // The same record inside a longer text, read past its end.
                let mut text = b"x\",;".to_vec();
                text.extend_from_slice(&rec);
                text.extend_from_slice(&[b'"', b',', b';'].repeat(50));
                let mut it = outside_delimiters_in(&text, 4, 4 + rec.len(), d);
                let inner: Vec<usize> = (&mut it).collect();
                assert_eq!(
                    inner,
                    want,
                    "{:?} inside a text",
                    String::from_utf8_lossy(&rec)
                );
                let mut whole = outside_delimiters(&rec, d);
                (&mut whole).for_each(drop);
                assert_eq!(it.inside_quotes(), whole.inside_quotes());
                assert_eq!(
                    whole.inside_quotes(),
                    rec.iter().filter(|b| **b == b'"').count() % 2 == 1
                );
            }
        }
    }
}
