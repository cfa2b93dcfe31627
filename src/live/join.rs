//! The learner's side of the call: says hello with the code's secret, receives the
//! lesson, sends statuses, and passes the coach's messages to the player. A dropped
//! connection is dialed again with backoff; the player never waits on the network.

use super::code::JoinCode;
use super::protocol::{
    self, Hello, MAX_MESSAGE_BYTES, MAX_WELCOME_BYTES, PROTOCOL_VERSION, Status, ToHost, ToLearner,
    Welcome, WireError,
};
use super::transport::{Dialer, Pipe};
use std::sync::{Arc, mpsc};
use std::time::Duration;
use tokio::sync::mpsc as tmpsc;

/// How long to wait for the host at the first join.
pub const JOIN_TIMEOUT: Duration = Duration::from_secs(20);
const BACKOFF_FIRST: Duration = Duration::from_millis(250);
const BACKOFF_MOST: Duration = Duration::from_secs(5);

/// What the player hears from the call.
#[derive(Debug, Clone, PartialEq)]
pub enum LearnerEvent {
    /// A message from the coach.
    Coach(ToLearner),
    /// The connection dropped; dialing again (attempt number).
    Reconnecting(u32),
    /// Back in the call after a drop.
    Reconnected,
    /// The call is over for this learner, and why.
    Ended(String),
}

/// Why joining failed.
#[derive(Debug, thiserror::Error, PartialEq)]
pub enum JoinError {
    /// The coach's huddle could not be reached.
    #[error(
        "could not reach the coach's huddle: {0}. Check the code, and that the coach's call is still open"
    )]
    Unreachable(String),
    /// The host refused.
    #[error("{0}")]
    Refused(String),
    /// The host did not answer in time.
    #[error(
        "the coach's huddle did not answer within {0} seconds; ask your coach whether the call is still open"
    )]
    Timeout(u64),
    /// The host spoke nonsense.
    #[error("{0}")]
    Wire(String),
}

enum Cmd {
    Status(Status),
    Leave,
    /// Cut the connection as a network failure would (tests).
    Cut,
}

/// A learner in a call.
pub struct Learner {
    /// What the host sent on joining.
    pub welcome: Welcome,
    events: mpsc::Receiver<LearnerEvent>,
    cmds: tmpsc::UnboundedSender<Cmd>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Learner {
    /// Join the call a code names, waiting for the welcome.
    pub fn join<D, F>(code: JoinCode, name: &str, dial: F) -> Result<Learner, JoinError>
    where
        D: Dialer,
        F: FnOnce() -> futures::future::BoxFuture<'static, Result<D, String>> + Send + 'static,
    {
        let mut token = [0u8; 12];
        getrandom::fill(&mut token).map_err(|e| JoinError::Unreachable(e.to_string()))?;
        let hello = Hello {
            version: PROTOCOL_VERSION,
            secret: code.secret_hex(),
            name: protocol::clean_name(name),
            seat: data_encoding::HEXLOWER.encode(&token),
        };
        let (ev_tx, events) = mpsc::channel();
        let (cmds, cmd_rx) = tmpsc::unbounded_channel();
        let (ready_tx, ready_rx) = mpsc::channel();
        let thread = std::thread::Builder::new()
            .name("huddle-join".into())
            .spawn(move || {
                let rt = match tokio::runtime::Builder::new_multi_thread()
                    .worker_threads(1)
                    .thread_name("huddle-join-net")
                    .enable_all()
                    .build()
                {
                    Ok(rt) => rt,
                    Err(e) => {
                        let _ = ready_tx.send(Err(JoinError::Unreachable(e.to_string())));
                        return;
                    }
                };
                rt.block_on(async move {
                    let dialer = match dial().await {
                        Ok(d) => Arc::new(d),
                        Err(e) => {
                            let _ = ready_tx.send(Err(JoinError::Unreachable(e)));
                            return;
                        }
                    };
                    let first =
                        tokio::time::timeout(JOIN_TIMEOUT, enter(&*dialer, &code, &hello)).await;
                    let (pipe, welcome) = match first {
                        Ok(Ok(x)) => x,
                        Ok(Err(e)) => {
                            let _ = ready_tx.send(Err(e));
                            dialer.close().await;
                            return;
                        }
                        Err(_) => {
                            let _ = ready_tx.send(Err(JoinError::Timeout(JOIN_TIMEOUT.as_secs())));
                            dialer.close().await;
                            return;
                        }
                    };
                    let _ = ready_tx.send(Ok(welcome));
                    stay(&*dialer, &code, &hello, pipe, ev_tx, cmd_rx).await;
                    dialer.close().await;
                });
            })
            .map_err(|e| JoinError::Unreachable(e.to_string()))?;
        let welcome = ready_rx
            .recv()
            .map_err(|_| JoinError::Unreachable("the call's network thread stopped".into()))??;
        Ok(Learner {
            welcome,
            events,
            cmds,
            thread: Some(thread),
        })
    }

    /// Send where the learner is now (the newest status wins after a reconnect).
    pub fn status(&self, status: Status) {
        let _ = self.cmds.send(Cmd::Status(status));
    }

    /// Events so far, without waiting.
    pub fn events(&self) -> Vec<LearnerEvent> {
        self.events.try_iter().collect()
    }

    /// The next event, waiting up to `timeout`.
    pub fn wait_event(&self, timeout: Duration) -> Option<LearnerEvent> {
        self.events.recv_timeout(timeout).ok()
    }

    /// Cut the connection without a goodbye, as a failing network does, so tests can
    /// watch the reconnect. Not a learner's action.
    #[doc(hidden)]
    pub fn drop_connection_for_tests(&self) {
        let _ = self.cmds.send(Cmd::Cut);
    }

    /// Leave the call (progress stays on this machine).
    pub fn leave(mut self) {
        self.finish();
    }

    fn finish(&mut self) {
        let _ = self.cmds.send(Cmd::Leave);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

impl Drop for Learner {
    fn drop(&mut self) {
        self.finish();
    }
}

/// Dial, say hello, read the welcome.
async fn enter<D: Dialer>(
    dialer: &D,
    code: &JoinCode,
    hello: &Hello,
) -> Result<(Pipe, Welcome), JoinError> {
    let mut pipe = dialer.dial(code).await.map_err(JoinError::Unreachable)?;
    protocol::write_msg(
        &mut pipe.send,
        &ToHost::Hello(hello.clone()),
        MAX_MESSAGE_BYTES,
    )
    .await
    .map_err(|e| JoinError::Unreachable(e.to_string()))?;
    match protocol::read_msg::<_, ToLearner>(&mut pipe.recv, MAX_WELCOME_BYTES).await {
        Ok(ToLearner::Welcome(w)) => {
            if w.version != PROTOCOL_VERSION {
                return Err(JoinError::Refused(
                    protocol::Refusal::Version { host: w.version }.explain(),
                ));
            }
            Ok((pipe, *w))
        }
        Ok(ToLearner::Refused { reason }) => Err(JoinError::Refused(reason.explain())),
        Ok(ToLearner::End) => Err(JoinError::Refused(ended_text())),
        Ok(_) => Err(JoinError::Wire(
            "the coach's huddle answered out of order".into(),
        )),
        Err(WireError::Closed) => Err(JoinError::Unreachable("the connection closed".into())),
        Err(e) => Err(JoinError::Wire(e.to_string())),
    }
}

fn ended_text() -> String {
    crate::i18n::tr("The coach ended the call. Your progress is saved on this machine.").to_string()
}

/// In the call until the learner leaves or the coach ends it, dialing again after drops.
async fn stay<D: Dialer>(
    dialer: &D,
    code: &JoinCode,
    hello: &Hello,
    mut pipe: Pipe,
    events: mpsc::Sender<LearnerEvent>,
    mut cmds: tmpsc::UnboundedReceiver<Cmd>,
) {
    let mut last: Option<Status> = None;
    loop {
        let Pipe { send, recv, keep } = pipe;
        let (in_tx, mut in_rx) = tmpsc::unbounded_channel();
        let reader = tokio::spawn(read_loop(recv, in_tx));
        let mut send = send;
        if let Some(s) = &last {
            let _ =
                protocol::write_msg(&mut send, &ToHost::Status(s.clone()), MAX_MESSAGE_BYTES).await;
        }
        // In the call.
        let dropped = loop {
            tokio::select! {
                cmd = cmds.recv() => match cmd {
                    Some(Cmd::Status(s)) => {
                        last = Some(s.clone());
                        if protocol::write_msg(&mut send, &ToHost::Status(s), MAX_MESSAGE_BYTES).await.is_err() {
                            break true;
                        }
                    }
                    Some(Cmd::Leave) | None => {
                        let _ = protocol::write_msg(&mut send, &ToHost::Bye, MAX_MESSAGE_BYTES).await;
                        use tokio::io::AsyncWriteExt;
                        let _ = send.shutdown().await;
                        tokio::time::sleep(Duration::from_millis(100)).await;
                        reader.abort();
                        drop(keep);
                        return;
                    }
                    Some(Cmd::Cut) => break true,
                },
                msg = in_rx.recv() => match msg {
                    Some(Ok(ToLearner::End)) => {
                        let _ = events.send(LearnerEvent::Ended(ended_text()));
                        reader.abort();
                        return;
                    }
                    Some(Ok(ToLearner::Welcome(_))) | Some(Ok(ToLearner::Refused { .. })) => {}
                    Some(Ok(m)) => {
                        let _ = events.send(LearnerEvent::Coach(m));
                    }
                    Some(Err(e)) => {
                        let _ = events.send(LearnerEvent::Ended(crate::i18n::trf(
                            "The call stopped: {why}. Your progress is saved on this machine.",
                            &[("why", &e)],
                        )));
                        reader.abort();
                        return;
                    }
                    None => break true,
                },
            }
        };
        reader.abort();
        drop(keep);
        if !dropped {
            return;
        }
        // Dial again with backoff until back, told to leave, or refused.
        let mut wait = BACKOFF_FIRST;
        let mut attempt = 0u32;
        pipe = loop {
            attempt += 1;
            let _ = events.send(LearnerEvent::Reconnecting(attempt));
            tokio::select! {
                cmd = cmds.recv() => match cmd {
                    Some(Cmd::Status(s)) => { last = Some(s); continue; }
                    Some(Cmd::Cut) => continue,
                    Some(Cmd::Leave) | None => return,
                },
                _ = tokio::time::sleep(wait) => {}
            }
            match tokio::time::timeout(JOIN_TIMEOUT, enter(dialer, code, hello)).await {
                Ok(Ok((p, w))) => {
                    let _ = events.send(LearnerEvent::Reconnected);
                    if let Some(step) = w.hold {
                        let _ =
                            events.send(LearnerEvent::Coach(ToLearner::Hold { step: Some(step) }));
                    }
                    break p;
                }
                Ok(Err(JoinError::Refused(why))) => {
                    let _ = events.send(LearnerEvent::Ended(why));
                    return;
                }
                _ => {}
            }
            wait = (wait * 2).min(BACKOFF_MOST);
        };
    }
}

/// Messages from the host until the stream ends (`None` on the channel) or breaks.
async fn read_loop(
    mut recv: Box<dyn tokio::io::AsyncRead + Send + Unpin>,
    out: tmpsc::UnboundedSender<Result<ToLearner, String>>,
) {
    loop {
        match protocol::read_msg::<_, ToLearner>(&mut recv, MAX_WELCOME_BYTES).await {
            Ok(m) => {
                if out.send(Ok(m)).is_err() {
                    return;
                }
            }
            Err(WireError::Closed) => return,
            Err(e) => {
                let _ = out.send(Err(e.to_string()));
                return;
            }
        }
    }
}
