//! The monthly cohort call, live: the coach hosts a lesson, learners elsewhere join
//! with a code, and the coach sees who is where and who is stuck.
//!
//! - [`protocol`]: the only things that cross the wire (versioned, size-capped).
//! - [`code`]: the join code (host key, secret, addresses).
//! - [`host`] and [`join`]: each side's loop, on its own thread and runtime.
//! - [`room`]: the coach's view, pure state.
//! - [`transport`]: the small traits the network engine sits behind; [`iroh_net`]
//!   is the engine (QUIC, TLS 1.3, dial by key, relays for crossing NATs).
//! - [`status`]: a learner's progress turned into what is sent.
//! - [`share`]: sample data a coach sends with the lesson (`--share-data`).
//!
//! docs/live-call.md is the coach's page.

pub mod code;
pub mod host;
pub mod iroh_net;
pub mod join;
pub mod protocol;
pub mod room;
pub mod share;
pub mod status;
pub mod summary;
pub mod transport;
