//! The join code a coach pastes into the call's chat: the host's key, a secret, and
//! where to reach it (direct addresses and, off loopback, a relay).
//!
//! `HUDDLE-` then base32 of a small binary record with a checksum, so a code cut
//! short or mistyped in a chat is caught with a clear message before any dialing.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};

const PREFIX: &str = "HUDDLE-";
const RECORD_VERSION: u8 = 1;
/// The longest code accepted, in characters.
pub const MAX_CODE_CHARS: usize = 600;
const MAX_ADDRS: usize = 8;

/// Everything a learner needs to join.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JoinCode {
    /// The host's public key.
    pub key: [u8; 32],
    /// The secret a learner must show.
    pub secret: [u8; 16],
    /// Addresses to try directly.
    pub addrs: Vec<SocketAddr>,
    /// The relay the host uses, if any.
    pub relay: Option<String>,
}

/// Why a code cannot be read.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum CodeError {
    /// Not a huddle code at all.
    #[error(
        "this is not a huddle join code: a code starts with HUDDLE-. Copy the whole code from the call's chat"
    )]
    NotACode,
    /// Letters a code never has, or cut short, or changed.
    #[error(
        "this join code is damaged (cut short or mistyped): copy the whole code again from the call's chat"
    )]
    Damaged,
    /// A code from a newer huddle.
    #[error(
        "this join code is from a newer huddle (code version {0}): install the same huddle version as your coach"
    )]
    Newer(u8),
}

impl JoinCode {
    /// The code as text.
    pub fn encode(&self) -> String {
        let mut b = vec![RECORD_VERSION];
        b.extend_from_slice(&self.key);
        b.extend_from_slice(&self.secret);
        let addrs = &self.addrs[..self.addrs.len().min(MAX_ADDRS)];
        b.push(addrs.len() as u8);
        for a in addrs {
            match a.ip() {
                IpAddr::V4(ip) => {
                    b.push(4);
                    b.extend_from_slice(&ip.octets());
                }
                IpAddr::V6(ip) => {
                    b.push(6);
                    b.extend_from_slice(&ip.octets());
                }
            }
            b.extend_from_slice(&a.port().to_be_bytes());
        }
        let relay = self.relay.as_deref().unwrap_or("").as_bytes();
        let relay = &relay[..relay.len().min(255)];
        b.push(relay.len() as u8);
        b.extend_from_slice(relay);
        let sum = fletcher16(&b);
        b.extend_from_slice(&sum.to_be_bytes());
        format!("{PREFIX}{}", data_encoding::BASE32_NOPAD.encode(&b))
    }

    /// Read a code as pasted: spaces, line breaks and case do not matter.
    pub fn parse(text: &str) -> Result<JoinCode, CodeError> {
        if text.len() > MAX_CODE_CHARS * 2 {
            return Err(CodeError::Damaged);
        }
        let squeezed: String = text
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_uppercase();
        let Some(body) = squeezed.strip_prefix(PREFIX) else {
            return Err(CodeError::NotACode);
        };
        if body.len() > MAX_CODE_CHARS {
            return Err(CodeError::Damaged);
        }
        let b = data_encoding::BASE32_NOPAD
            .decode(body.as_bytes())
            .map_err(|_| CodeError::Damaged)?;
        if b.len() < 3 {
            return Err(CodeError::Damaged);
        }
        let (rec, sum) = b.split_at(b.len() - 2);
        if fletcher16(rec).to_be_bytes() != sum {
            return Err(CodeError::Damaged);
        }
        let mut r = Reader(rec);
        let v = r.byte()?;
        if v != RECORD_VERSION {
            return Err(if v > RECORD_VERSION {
                CodeError::Newer(v)
            } else {
                CodeError::Damaged
            });
        }
        let key: [u8; 32] = r.take(32)?.try_into().map_err(|_| CodeError::Damaged)?;
        let secret: [u8; 16] = r.take(16)?.try_into().map_err(|_| CodeError::Damaged)?;
        let n = r.byte()? as usize;
        if n > MAX_ADDRS {
            return Err(CodeError::Damaged);
        }
        let mut addrs = Vec::with_capacity(n);
        for _ in 0..n {
            let ip = match r.byte()? {
                4 => {
                    let o: [u8; 4] = r.take(4)?.try_into().map_err(|_| CodeError::Damaged)?;
                    IpAddr::V4(Ipv4Addr::from(o))
                }
                6 => {
                    let o: [u8; 16] = r.take(16)?.try_into().map_err(|_| CodeError::Damaged)?;
                    IpAddr::V6(Ipv6Addr::from(o))
                }
                _ => return Err(CodeError::Damaged),
            };
            let p = r.take(2)?;
            addrs.push(SocketAddr::new(ip, u16::from_be_bytes([p[0], p[1]])));
        }
        let len = r.byte()? as usize;
        let relay = std::str::from_utf8(r.take(len)?)
            .map_err(|_| CodeError::Damaged)?
            .to_string();
        if !r.0.is_empty() {
            return Err(CodeError::Damaged);
        }
        Ok(JoinCode {
            key,
            secret,
            addrs,
            relay: (!relay.is_empty()).then_some(relay),
        })
    }

    /// A call hosted with `--local`: every address is loopback and there is no
    /// relay, so the learner dials the same machine with relays off.
    pub fn loopback_only(&self) -> bool {
        self.relay.is_none()
            && !self.addrs.is_empty()
            && self.addrs.iter().all(|a| a.ip().is_loopback())
    }

    /// The secret as the hello carries it.
    pub fn secret_hex(&self) -> String {
        data_encoding::HEXLOWER.encode(&self.secret)
    }
}

struct Reader<'a>(&'a [u8]);

impl<'a> Reader<'a> {
    fn byte(&mut self) -> Result<u8, CodeError> {
        Ok(self.take(1)?[0])
    }

    fn take(&mut self, n: usize) -> Result<&'a [u8], CodeError> {
        if self.0.len() < n {
            return Err(CodeError::Damaged);
        }
        let (a, b) = self.0.split_at(n);
        self.0 = b;
        Ok(a)
    }
}

/// Fletcher's 16-bit checksum: catches a changed, dropped or swapped character.
fn fletcher16(b: &[u8]) -> u16 {
    let (mut s1, mut s2) = (0u16, 0u16);
    for &x in b {
        s1 = (s1 + x as u16) % 255;
        s2 = (s2 + s1) % 255;
    }
    (s2 << 8) | s1
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> JoinCode {
        JoinCode {
            key: [7; 32],
            secret: [9; 16],
            addrs: vec![
                "127.0.0.1:4433".parse().unwrap(),
                "[::1]:4434".parse().unwrap(),
            ],
            relay: Some("https://relay.example.org".into()),
        }
    }

    #[test]
    fn a_code_reads_back_as_pasted_in_a_chat() {
        let c = sample();
        let text = c.encode();
        assert!(text.starts_with("HUDDLE-"));
        assert_eq!(JoinCode::parse(&text).unwrap(), c);
        // Chats wrap long lines and some lower-case what is pasted.
        let wrapped = format!("  {}\n{} ", &text[..30].to_lowercase(), &text[30..]);
        assert_eq!(JoinCode::parse(&wrapped).unwrap(), c);
        assert!(!c.loopback_only(), "a code with a relay dials the internet");
        let local = JoinCode { relay: None, ..c };
        assert!(local.loopback_only());
    }

    #[test]
    fn a_damaged_code_is_caught_before_dialing() {
        let text = sample().encode();
        assert_eq!(JoinCode::parse("hello"), Err(CodeError::NotACode));
        assert_eq!(
            JoinCode::parse(&text[..text.len() - 5]),
            Err(CodeError::Damaged)
        );
        // One character changed.
        let mut chars: Vec<char> = text.chars().collect();
        let i = 20;
        chars[i] = if chars[i] == 'A' { 'B' } else { 'A' };
        let changed: String = chars.into_iter().collect();
        assert_eq!(JoinCode::parse(&changed), Err(CodeError::Damaged));
        assert_eq!(JoinCode::parse("HUDDLE-!!!!"), Err(CodeError::Damaged));
        assert_eq!(
            JoinCode::parse(&"HUDDLE-A".repeat(500)),
            Err(CodeError::Damaged)
        );
    }
}
