//! Reading a file on another thread, a few blocks ahead of the caller, so a pass
//! over a big file scans one piece while the next is being read from disk (or
//! copied from the page cache), instead of waiting for it.

use crate::data::chunks::fill;
use std::io::{self, Read};
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};

/// Bytes read at a time.
const BLOCK: usize = 1 << 20;
/// Blocks read before the caller takes them.
const AHEAD: usize = 4;

/// A block, the end of the file (empty), or why reading stopped.
type Block = io::Result<Vec<u8>>;

/// A reader whose bytes are read by another thread, up to [`AHEAD`] blocks ahead.
/// Dropping it stops that thread after the block it is reading.
pub struct ReadAhead {
    blocks: Receiver<Block>,
    /// Blocks taken, sent back to be filled again.
    spent: SyncSender<Vec<u8>>,
    current: Vec<u8>,
    at: usize,
    done: bool,
}

impl ReadAhead {
    /// Start reading `reader` on a thread of its own.
    pub fn new<R: Read + Send + 'static>(mut reader: R) -> io::Result<Self> {
        let (send, blocks) = sync_channel::<Block>(AHEAD);
        let (spent, reuse) = sync_channel::<Vec<u8>>(AHEAD + 2);
        std::thread::Builder::new()
            .name("huddle-read-ahead".into())
            .spawn(move || {
                loop {
                    let mut block = reuse.try_recv().unwrap_or_default();
                    block.resize(BLOCK, 0);
                    let read = fill(&mut reader, &mut block).map(|n| {
                        block.truncate(n);
                        block
                    });
                    let last = !matches!(&read, Ok(b) if !b.is_empty());
                    // A closed channel: the reader was dropped, nothing more is wanted.
                    if send.send(read).is_err() || last {
                        return;
                    }
                }
            })?;
        Ok(ReadAhead {
            blocks,
            spent,
            current: Vec::new(),
            at: 0,
            done: false,
        })
    }
}

impl Read for ReadAhead {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        while self.at == self.current.len() {
            if self.done {
                return Ok(0);
            }
            match self.blocks.recv() {
                Ok(Ok(block)) => {
                    self.done = block.is_empty();
                    let spent = std::mem::replace(&mut self.current, block);
                    let _ = self.spent.try_send(spent);
                    self.at = 0;
                }
                Ok(Err(e)) => {
                    self.done = true;
                    return Err(e);
                }
                Err(_) => {
                    // The thread ended without saying the file had: not an end.
                    self.done = true;
                    return Err(io::Error::other("reading the file stopped"));
                }
            }
        }
        let n = out.len().min(self.current.len() - self.at);
        out[..n].copy_from_slice(&self.current[self.at..self.at + n]);
        self.at += n;
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Whatever the sizes asked for, the bytes come out as the reader gave them.
    #[test]
    fn reads_every_byte_in_order() {
        for len in [0, 1, BLOCK - 1, BLOCK, BLOCK + 1, 3 * BLOCK + 17] {
            let bytes: Vec<u8> = (0..len).map(|i| (i * 7 % 251) as u8).collect();
            for ask in [1, 4096, BLOCK + 5] {
                let mut r = ReadAhead::new(io::Cursor::new(bytes.clone())).unwrap();
                let mut got = Vec::new();
                let mut buf = vec![0; ask];
                loop {
                    let n = r.read(&mut buf).unwrap();
                    if n == 0 {
                        break;
                    }
                    got.extend_from_slice(&buf[..n]);
                }
                assert!(got == bytes, "{len} bytes read {ask} at a time");
                assert_eq!(r.read(&mut buf).unwrap(), 0);
            }
        }
    }

    /// A failing read is reported, not taken for the end of the file.
    #[test]
    fn a_failed_read_is_an_error() {
        struct Fails(usize);
        impl Read for Fails {
            fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
                if self.0 == 0 {
                    return Err(io::Error::other("disk gone"));
                }
                let n = out.len().min(self.0);
                self.0 -= n;
                Ok(n)
            }
        }
        let mut r = ReadAhead::new(Fails(BLOCK + 3)).unwrap();
        let mut sink = Vec::new();
        let e = r.read_to_end(&mut sink).unwrap_err();
        assert_eq!(e.to_string(), "disk gone");
        assert_eq!(sink.len(), BLOCK);
    }
}
