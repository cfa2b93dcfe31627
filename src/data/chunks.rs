//! A delimited file read piece by piece, each piece ending where a record ends (a
//! line break outside quotes), so a pass over a file of any size holds one piece in
//! memory, not the file.

use std::io::Read;

/// Pieces of a file, each of whole records (the last ends the file). The buffer
/// grows past its size only for a record longer than it, up to a budget.
pub struct Chunks<R> {
    reader: R,
    buf: Vec<u8>,
    /// Bytes of `buf` read and not yet handed out.
    filled: usize,
    /// Where the piece handed out last ends in `buf`.
    handed: usize,
    at_eof: bool,
    most: usize,
    /// Bytes handed out so far.
    pub consumed: u64,
}

/// Why no next piece could be given.
#[derive(Debug)]
pub enum ChunkError {
    /// Reading the file failed.
    Io(std::io::Error),
    /// One record is longer than the budget (a quote that never closes, most often).
    RecordTooLong(usize),
}

impl<R: Read> Chunks<R> {
    /// Pieces of about `size` bytes; no record may be longer than `most` bytes.
    pub fn new(reader: R, size: usize, most: usize) -> Self {
        Chunks {
            reader,
            buf: vec![0; size.max(1)],
            filled: 0,
            handed: 0,
            at_eof: false,
            most: most.max(size),
            consumed: 0,
        }
    }

    /// The next piece, or `None` at the end of the file.
    pub fn next_piece(&mut self) -> Result<Option<&[u8]>, ChunkError> {
        Ok(self.next_piece_of(0)?.map(|(p, _)| p))
    }

    /// The next piece, holding at least `lines` line breaks unless the file ends
    /// first (so the first piece shows enough lines to find the header), and
    /// whether it is the file's last.
    pub fn next_piece_of(&mut self, lines: usize) -> Result<Option<(&[u8], bool)>, ChunkError> {
        if self.handed > 0 {
            self.buf.copy_within(self.handed..self.filled, 0);
            self.filled -= self.handed;
            self.handed = 0;
        }
        loop {
            if !self.at_eof {
                let room = self.buf.len() - self.filled;
                let k =
                    fill(&mut self.reader, &mut self.buf[self.filled..]).map_err(ChunkError::Io)?;
                self.filled += k;
                self.at_eof = k < room;
            }
            if self.filled == 0 {
                return Ok(None);
            }
            let cut = if self.at_eof {
                Some(self.filled)
            } else {
                record_end(&self.buf[..self.filled]).filter(|&cut| {
                    lines == 0 || crate::data::scan::count_byte(&self.buf[..cut], b'\n') >= lines
                })
            };
            if let Some(cut) = cut {
                self.handed = cut;
                self.consumed += cut as u64;
                let last = self.at_eof && cut == self.filled;
                return Ok(Some((&self.buf[..cut], last)));
            }
            if self.buf.len() >= self.most {
                return Err(ChunkError::RecordTooLong(self.most));
            }
            let grown = (self.buf.len() * 2).min(self.most);
            self.buf.resize(grown, 0);
        }
    }
}

/// Read into `block` until it is full or the reader ends; the bytes read (fewer
/// than the block holds only at the end).
pub(crate) fn fill(reader: &mut impl Read, block: &mut [u8]) -> std::io::Result<usize> {
    let mut n = 0;
    while n < block.len() {
        match reader.read(&mut block[n..]) {
            Ok(0) => break,
            Ok(k) => n += k,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(n)
}

/// Just past the last line break of `bytes` that is outside quotes, counting quotes
/// from the start of `bytes` (which starts a record); `None` when there is none.
pub fn record_end(bytes: &[u8]) -> Option<usize> {
    let quotes = |b: &[u8]| match memchr::memchr(b'"', b) {
        None => 0,
        Some(k) => crate::data::scan::count_byte(&b[k..], b'"'),
    };
    let mut end = memchr::memrchr(b'\n', bytes)?;
    let mut before = quotes(&bytes[..end]);
    loop {
        if before.is_multiple_of(2) {
            return Some(end + 1);
        }
        let prev = memchr::memrchr(b'\n', &bytes[..end])?;
        before -= quotes(&bytes[prev..end]);
        end = prev;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pieces(text: &str, size: usize) -> Vec<String> {
        let mut c = Chunks::new(text.as_bytes(), size, 1 << 20);
        let mut out = Vec::new();
        while let Some(p) = c.next_piece().unwrap() {
            out.push(String::from_utf8(p.to_vec()).unwrap());
        }
        assert_eq!(c.consumed, text.len() as u64);
        out
    }

    #[test]
    fn pieces_end_at_record_ends_and_join_to_the_file() {
        let text = "a,b\n1,\"two\nlines\"\n3,\"x \"\"q\"\" y\"\n4,5\n6,7";
        for size in 1..text.len() + 2 {
            let got = pieces(text, size);
            assert_eq!(got.concat(), text, "size {size}");
            for p in &got[..got.len() - 1] {
                assert!(p.ends_with('\n'), "size {size}: {p:?}");
                assert_eq!(p.matches('"').count() % 2, 0, "size {size}: {p:?}");
            }
        }
    }

    #[test]
    fn a_record_longer_than_the_budget_is_an_error_not_a_hang() {
        let text = format!("a\n\"{}\n", "x".repeat(100));
        let mut c = Chunks::new(text.as_bytes(), 8, 64);
        assert_eq!(c.next_piece().unwrap(), Some(&b"a\n"[..]));
        assert!(matches!(c.next_piece(), Err(ChunkError::RecordTooLong(64))));
    }

    #[test]
    fn a_first_piece_can_be_asked_to_hold_some_lines() {
        let text = "a\nb\nc\nd\ne\n";
        let mut c = Chunks::new(text.as_bytes(), 2, 1 << 20);
        let (first, last) = c.next_piece_of(3).unwrap().unwrap();
        assert!(
            first.iter().filter(|b| **b == b'\n').count() >= 3,
            "{first:?}"
        );
        assert!(!last);
        let mut all = first.to_vec();
        while let Some(p) = c.next_piece().unwrap() {
            all.extend_from_slice(p);
        }
        assert_eq!(all, text.as_bytes());
    }

    #[test]
    fn an_empty_file_has_no_pieces() {
        assert!(pieces("", 4).is_empty());
    }
}
