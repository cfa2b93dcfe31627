//! What crosses the wire of a live call, and nothing else: versioned, size-capped
//! messages, each a JSON document behind a 4-byte length.
//!
//! A learner's status holds a display name, the lesson id and content hash, step
//! numbers, statuses, counts, seconds, the index of a matched mistake and a hand
//! flag. There is no field that could carry a data value, a typed answer, a query,
//! a column or a file name: the types are the privacy rule.

use crate::progress::StepStatus;
use serde::{Deserialize, Serialize};
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};

/// The protocol this huddle speaks. A peer with another number is told, clearly.
pub const PROTOCOL_VERSION: u32 = 1;
/// The QUIC application protocol name. It does not carry the version, so a peer of
/// another version still connects and hears why it cannot join.
pub const ALPN: &[u8] = b"huddle/live";
/// The largest message, apart from the host's welcome.
pub const MAX_MESSAGE_BYTES: usize = 16 * 1024;
/// The most sample data a coach may send with the lesson (`--share-data`), in bytes.
pub const MAX_SHARED_BYTES: usize = 4 * 1024 * 1024;
/// The largest welcome: the lesson file travels in it, and any shared sample data
/// (base64, so four bytes for every three).
pub const MAX_WELCOME_BYTES: usize =
    crate::limits::MAX_FILE_BYTES + MAX_SHARED_BYTES.div_ceil(3) * 4 + 64 * 1024;
/// The longest display name, in characters.
pub const MAX_NAME_CHARS: usize = 40;
/// The longest coach message, in characters.
pub const MAX_SAY_CHARS: usize = 300;
/// The most steps a status describes.
pub const MAX_STATUS_STEPS: usize = crate::limits::MAX_STEPS;

/// One step as the coach sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Mark {
    /// Where the step stands.
    pub status: StepStatus,
    /// Answers submitted.
    pub tries: u32,
    /// Hints revealed.
    pub hints: u32,
    /// Active seconds on the step.
    pub seconds: u64,
    /// The index of the lesson's mistake the last wrong answer matched.
    pub mistake: Option<u32>,
}

/// Where a learner is: sent on every change.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Status {
    /// The step the learner is on (0-based).
    pub step: u32,
    /// Every step of the lesson, in order.
    pub marks: Vec<Mark>,
    /// The hand is raised.
    pub hand: bool,
}

/// From a learner to the host.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ToHost {
    /// The first message: who, and the code's secret.
    Hello(Hello),
    /// Where the learner is now.
    Status(Status),
    /// The learner leaves the call.
    Bye,
}

/// A learner's first message. Read leniently, so that a newer huddle's hello is
/// still understood far enough to say "versions differ".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Hello {
    /// The learner's protocol version.
    pub version: u32,
    /// The join code's secret, in hex.
    pub secret: String,
    /// The name the learner chose to show.
    pub name: String,
    /// A random token the learner keeps for the call, to take back its seat after a
    /// dropped connection. Not derived from anything personal.
    pub seat: String,
}

/// From the host to one learner or to all.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum ToLearner {
    /// The hello was accepted: the lesson, and where the group is.
    Welcome(Box<Welcome>),
    /// The hello was refused, and why; the connection then closes.
    Refused {
        /// Why.
        reason: Refusal,
    },
    /// The coach brings everyone to a step (0-based).
    Bring {
        /// The step.
        step: u32,
    },
    /// The coach holds the group at a step (no one goes past it), or lets go.
    Hold {
        /// The step, or none to let go.
        step: Option<u32>,
    },
    /// A one-line message from the coach.
    Say {
        /// The text.
        text: String,
    },
    /// The coach shows a step's solution to everyone.
    Solution {
        /// The step.
        step: u32,
    },
    /// The coach lowered this learner's hand.
    LowerHand,
    /// The coach ended the call.
    End,
}

/// What a learner gets on joining.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Welcome {
    /// The host's protocol version.
    pub version: u32,
    /// The coach's display name.
    pub coach: String,
    /// The lesson's id.
    pub lesson_id: String,
    /// The lesson file's content hash (hex), so both sides know they play the same.
    pub lesson_hash: String,
    /// The lesson file's text (TOML).
    pub lesson: String,
    /// The step the coach holds the group at, if any.
    pub hold: Option<u32>,
    /// The step the coach last brought everyone to, if any.
    pub bring: Option<u32>,
    /// Sample data sent with the lesson (`huddle host --share-data`): only tables
    /// the lesson marks `sample = true`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub files: Vec<SharedFile>,
}

/// One sample data file sent with the lesson.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SharedFile {
    /// The lesson table it is for.
    pub table: String,
    /// Its bytes, base64.
    pub data: String,
}

/// Why a hello was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "why", rename_all = "snake_case")]
pub enum Refusal {
    /// The secret does not match the code: an old or mistyped code.
    WrongSecret,
    /// The call has as many learners as the coach allows.
    Full {
        /// The cap.
        cap: u32,
    },
    /// The peers speak different protocol versions.
    Version {
        /// The host's version.
        host: u32,
    },
    /// The first message was not a hello.
    NotHello,
}

impl Refusal {
    /// What to tell the learner.
    pub fn explain(self) -> String {
        use crate::i18n::{tr, trf};
        match self {
            Refusal::WrongSecret => tr(
                "The coach's call did not accept this code: it may be from an earlier call. Ask your coach to paste the join code again.",
            ).to_string(),
            Refusal::Full { cap } => trf(
                "The call is full ({cap} learners). Ask your coach to start it with a higher --max.",
                &[("cap", &cap)],
            ),
            Refusal::Version { host } => trf(
                "The coach's huddle speaks live-call version {host} and yours speaks {mine}. Install the same huddle version as your coach.",
                &[("host", &host), ("mine", &PROTOCOL_VERSION)],
            ),
            Refusal::NotHello => tr("The coach's huddle did not understand this huddle's greeting.").to_string(),
        }
    }
}

/// A message that could not be read or written.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum WireError {
    /// The peer announced a message larger than allowed.
    #[error("the other side sent a message of {size} bytes; the most allowed is {max}")]
    TooLarge {
        /// What was announced.
        size: usize,
        /// The cap.
        max: usize,
    },
    /// The bytes are not a message of this protocol.
    #[error("the other side sent something that is not a huddle live-call message ({0})")]
    Garbled(String),
    /// The connection closed or failed.
    #[error("the connection closed")]
    Closed,
}

/// Write one message: its length, then its JSON.
pub async fn write_msg<W, T>(w: &mut W, msg: &T, max: usize) -> Result<(), WireError>
where
    W: AsyncWrite + Unpin,
    T: Serialize,
{
    let bytes = encode(msg, max)?;
    w.write_all(&bytes).await.map_err(|_| WireError::Closed)?;
    w.flush().await.map_err(|_| WireError::Closed)
}

/// The bytes [`write_msg`] sends: a 4-byte big-endian length, then the JSON.
pub fn encode<T: Serialize>(msg: &T, max: usize) -> Result<Vec<u8>, WireError> {
    let json = serde_json::to_vec(msg).map_err(|e| WireError::Garbled(e.to_string()))?;
    if json.len() > max {
        return Err(WireError::TooLarge {
            size: json.len(),
            max,
        });
    }
    let mut out = Vec::with_capacity(4 + json.len());
    out.extend_from_slice(&(json.len() as u32).to_be_bytes());
    out.extend_from_slice(&json);
    Ok(out)
}

/// Read one message's JSON bytes, refusing more than `max` before reading them.
pub async fn read_frame<R: AsyncRead + Unpin>(r: &mut R, max: usize) -> Result<Vec<u8>, WireError> {
    let mut len = [0u8; 4];
    r.read_exact(&mut len)
        .await
        .map_err(|_| WireError::Closed)?;
    let size = u32::from_be_bytes(len) as usize;
    if size > max {
        return Err(WireError::TooLarge { size, max });
    }
    let mut buf = vec![0u8; size];
    r.read_exact(&mut buf)
        .await
        .map_err(|_| WireError::Closed)?;
    Ok(buf)
}

/// Read one message of type `T`.
pub async fn read_msg<R, T>(r: &mut R, max: usize) -> Result<T, WireError>
where
    R: AsyncRead + Unpin,
    T: for<'de> Deserialize<'de>,
{
    let buf = read_frame(r, max).await?;
    decode(&buf)
}

/// A message from its JSON bytes.
pub fn decode<T: for<'de> Deserialize<'de>>(buf: &[u8]) -> Result<T, WireError> {
    serde_json::from_slice(buf).map_err(|e| WireError::Garbled(short(&e.to_string())))
}

/// The protocol version a first message announces, read before the rest, so that a
/// peer of another version is answered even when its hello has another shape.
pub fn announced_version(buf: &[u8]) -> Option<u32> {
    let v: serde_json::Value = serde_json::from_slice(buf).ok()?;
    v.get("version")?
        .as_u64()
        .and_then(|n| u32::try_from(n).ok())
}

fn short(s: &str) -> String {
    s.chars().take(120).collect()
}

/// A display name as shown to others: one line, no control characters, at most
/// [`MAX_NAME_CHARS`] characters.
pub fn clean_name(name: &str) -> String {
    crate::text::sanitize_line(name.trim())
        .chars()
        .take(MAX_NAME_CHARS)
        .collect()
}

/// A coach's message as shown to learners: one line, at most [`MAX_SAY_CHARS`].
pub fn clean_say(text: &str) -> String {
    crate::text::sanitize_line(text.trim())
        .chars()
        .take(MAX_SAY_CHARS)
        .collect()
}
