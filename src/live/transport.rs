//! How peers reach each other, behind two small traits, so the call's logic does not
//! depend on the network engine. [`super::iroh_net`] is the one in use.

use super::code::JoinCode;
use futures::future::BoxFuture;
use std::any::Any;
use tokio::io::{AsyncRead, AsyncWrite};

/// One learner's two-way byte stream, with whatever keeps its connection open.
pub struct Pipe {
    /// Bytes to the other side.
    pub send: Box<dyn AsyncWrite + Send + Unpin>,
    /// Bytes from the other side.
    pub recv: Box<dyn AsyncRead + Send + Unpin>,
    /// Held for as long as the pipe is used (the connection itself).
    pub keep: Box<dyn Any + Send>,
}

/// The host's side: where learners arrive.
pub trait Listener: Send + 'static {
    /// The next learner's pipe, or `None` once the listener is closed.
    fn accept(&mut self) -> BoxFuture<'_, Option<Pipe>>;
    /// The host's key, addresses and relay, for the join code.
    fn address(&self) -> ([u8; 32], Vec<std::net::SocketAddr>, Option<String>);
    /// Stop listening and close every connection, telling peers why.
    fn close(&mut self) -> BoxFuture<'_, ()>;
}

/// The learner's side: how to reach the host a code names.
pub trait Dialer: Send + Sync + 'static {
    /// A pipe to the host.
    fn dial<'a>(&'a self, code: &'a JoinCode) -> BoxFuture<'a, Result<Pipe, String>>;
    /// Close the learner's endpoint.
    fn close(&self) -> BoxFuture<'_, ()>;
}
