//! The coach's side of the call: accepts learners who show the code's secret, passes
//! their statuses to the room, and sends the coach's commands to them. Runs on its
//! own thread with its own runtime; the player only polls [`Host::events`].

use super::code::JoinCode;
use super::protocol::{
    self, Hello, MAX_MESSAGE_BYTES, MAX_STATUS_STEPS, MAX_WELCOME_BYTES, PROTOCOL_VERSION, Refusal,
    Status, ToHost, ToLearner, Welcome, WireError,
};
use super::transport::{Listener, Pipe};
use std::collections::HashMap;
use std::sync::{Arc, Mutex, mpsc};
use std::time::Duration;
use tokio::sync::mpsc as tmpsc;

/// The most learners in a call unless the coach says otherwise.
pub const DEFAULT_CAP: usize = 60;
/// How long a new connection has to say hello.
const HELLO_TIMEOUT: Duration = Duration::from_secs(10);

/// What happened in the call, for the room.
#[derive(Debug, Clone, PartialEq)]
pub enum HostEvent {
    /// A learner joined (or came back to their seat).
    Joined {
        /// The seat.
        seat: u64,
        /// Their display name.
        name: String,
    },
    /// A learner's new status.
    Status {
        /// The seat.
        seat: u64,
        /// Where they are.
        status: Status,
    },
    /// A learner left or lost the connection.
    Left {
        /// The seat.
        seat: u64,
    },
    /// A connection was refused at the door.
    Refused {
        /// Why.
        reason: Refusal,
    },
    /// A learner's connection was closed for breaking the protocol.
    Dropped {
        /// The seat.
        seat: u64,
        /// What it sent.
        why: String,
    },
}

/// What the coach does.
#[derive(Debug, Clone, PartialEq)]
pub enum HostCmd {
    /// Bring everyone to a step.
    Bring(u32),
    /// Hold the group at a step, or let go.
    Hold(Option<u32>),
    /// A one-line message to all.
    Say(String),
    /// Show a step's solution to all.
    Solution(u32),
    /// Lower one learner's hand.
    LowerHand(u64),
    /// End the call.
    End,
}

/// What the host offers.
#[derive(Debug, Clone)]
pub struct HostOptions {
    /// The coach's display name.
    pub coach: String,
    /// The lesson's id.
    pub lesson_id: String,
    /// The lesson file's text.
    pub lesson: String,
    /// The most learners at once.
    pub cap: usize,
    /// Sample data sent with the lesson (`--share-data`); see [`crate::live::share`].
    pub shared: std::sync::Arc<Vec<protocol::SharedFile>>,
}

/// A running host.
pub struct Host {
    /// The code learners join with.
    pub code: JoinCode,
    events: mpsc::Receiver<HostEvent>,
    cmds: tmpsc::UnboundedSender<HostCmd>,
    thread: Option<std::thread::JoinHandle<()>>,
}

/// The learners' outboxes, by seat, with the connection that owns each.
type Outboxes = Arc<Mutex<HashMap<u64, (u64, tmpsc::UnboundedSender<ToLearner>)>>>;

#[derive(Default)]
struct Shared {
    /// Seat tokens to seat numbers, so a learner who reconnects keeps their seat.
    seats: HashMap<String, u64>,
    /// The group's state, for late joiners' welcome.
    hold: Option<u32>,
    bring: Option<u32>,
}

impl Host {
    /// Start hosting: `listen` makes the listener on the host's runtime thread.
    pub fn start<L, F>(opts: HostOptions, listen: F) -> Result<Host, String>
    where
        L: Listener,
        F: FnOnce() -> futures::future::BoxFuture<'static, Result<L, String>> + Send + 'static,
    {
        if opts.lesson.len() > crate::limits::MAX_FILE_BYTES {
            return Err("the lesson file is too large to share in a call".into());
        }
        let mut secret = [0u8; 16];
        getrandom::fill(&mut secret).map_err(|e| format!("no randomness for the code: {e}"))?;
        let (ev_tx, events) = mpsc::channel();
        let (cmds, cmd_rx) = tmpsc::unbounded_channel();
        let (ready_tx, ready_rx) = mpsc::channel();
        let thread = std::thread::Builder::new()
            .name("huddle-host".into())
            .spawn(move || {
                let rt = match tokio::runtime::Builder::new_multi_thread()
                    .worker_threads(2)
                    .thread_name("huddle-host-net")
                    .enable_all()
                    .build()
                {
                    Ok(rt) => rt,
                    Err(e) => {
                        let _ = ready_tx.send(Err(e.to_string()));
                        return;
                    }
                };
                rt.block_on(async move {
                    let listener = match listen().await {
                        Ok(l) => l,
                        Err(e) => {
                            let _ = ready_tx.send(Err(e));
                            return;
                        }
                    };
                    let (key, addrs, relay) = listener.address();
                    let _ = ready_tx.send(Ok(JoinCode {
                        key,
                        secret,
                        addrs,
                        relay,
                    }));
                    serve(listener, opts, secret, ev_tx, cmd_rx).await;
                });
            })
            .map_err(|e| e.to_string())?;
        let code = ready_rx
            .recv()
            .map_err(|_| "the call's network thread stopped".to_string())??;
        Ok(Host {
            code,
            events,
            cmds,
            thread: Some(thread),
        })
    }

    /// Tell the learners something.
    pub fn send(&self, cmd: HostCmd) {
        let _ = self.cmds.send(cmd);
    }

    /// Events so far, without waiting.
    pub fn events(&self) -> Vec<HostEvent> {
        self.events.try_iter().collect()
    }

    /// The next event, waiting up to `timeout`.
    pub fn wait_event(&self, timeout: Duration) -> Option<HostEvent> {
        self.events.recv_timeout(timeout).ok()
    }

    /// End the call: learners are told, connections closed, the thread joined.
    pub fn end(mut self) {
        self.finish();
    }

    fn finish(&mut self) {
        let _ = self.cmds.send(HostCmd::End);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

impl Drop for Host {
    fn drop(&mut self) {
        self.finish();
    }
}

async fn serve<L: Listener>(
    mut listener: L,
    opts: HostOptions,
    secret: [u8; 16],
    events: mpsc::Sender<HostEvent>,
    mut cmds: tmpsc::UnboundedReceiver<HostCmd>,
) {
    let outboxes: Outboxes = Arc::default();
    let shared = Arc::new(Mutex::new(Shared::default()));
    let opts = Arc::new(opts);
    let mut next_seat = 1u64;
    loop {
        tokio::select! {
            pipe = listener.accept() => {
                let Some(pipe) = pipe else { break };
                let conn = next_seat;
                next_seat += 1;
                tokio::spawn(admit(
                    pipe,
                    conn,
                    secret,
                    opts.clone(),
                    shared.clone(),
                    outboxes.clone(),
                    events.clone(),
                ));
            }
            cmd = cmds.recv() => {
                let cmd = cmd.unwrap_or(HostCmd::End);
                let end = cmd == HostCmd::End;
                command(cmd, &shared, &outboxes);
                if end {
                    // Let the writers send the goodbye before the connections close.
                    outboxes.lock().map(|mut o| o.clear()).ok();
                    tokio::time::sleep(Duration::from_millis(200)).await;
                    break;
                }
            }
        }
    }
    listener.close().await;
}

fn command(cmd: HostCmd, shared: &Mutex<Shared>, outboxes: &Outboxes) {
    let msg = match cmd {
        HostCmd::Bring(step) => {
            if let Ok(mut s) = shared.lock() {
                s.bring = Some(step);
            }
            ToLearner::Bring { step }
        }
        HostCmd::Hold(step) => {
            if let Ok(mut s) = shared.lock() {
                s.hold = step;
            }
            ToLearner::Hold { step }
        }
        HostCmd::Say(text) => ToLearner::Say {
            text: protocol::clean_say(&text),
        },
        HostCmd::Solution(step) => ToLearner::Solution { step },
        HostCmd::LowerHand(seat) => {
            if let Some((_, tx)) = outboxes.lock().ok().and_then(|o| o.get(&seat).cloned()) {
                let _ = tx.send(ToLearner::LowerHand);
            }
            return;
        }
        HostCmd::End => ToLearner::End,
    };
    if let Ok(o) = outboxes.lock() {
        for (_, tx) in o.values() {
            let _ = tx.send(msg.clone());
        }
    }
}

/// One connection: the hello at the door, then its statuses until it goes.
async fn admit(
    pipe: Pipe,
    conn: u64,
    secret: [u8; 16],
    opts: Arc<HostOptions>,
    shared: Arc<Mutex<Shared>>,
    outboxes: Outboxes,
    events: mpsc::Sender<HostEvent>,
) {
    let Pipe {
        mut send,
        mut recv,
        keep,
    } = pipe;
    let refuse = |reason: Refusal| {
        let _ = events.send(HostEvent::Refused { reason });
        ToLearner::Refused { reason }
    };
    let first = tokio::time::timeout(
        HELLO_TIMEOUT,
        protocol::read_frame(&mut recv, MAX_MESSAGE_BYTES),
    )
    .await;
    let Ok(Ok(first)) = first else {
        return;
    };
    let hello = match protocol::announced_version(&first) {
        Some(v) if v != PROTOCOL_VERSION => Err(Refusal::Version {
            host: PROTOCOL_VERSION,
        }),
        _ => match protocol::decode::<ToHost>(&first) {
            Ok(ToHost::Hello(h)) if h.version == PROTOCOL_VERSION => Ok(h),
            Ok(ToHost::Hello(_)) => Err(Refusal::Version {
                host: PROTOCOL_VERSION,
            }),
            _ => Err(Refusal::NotHello),
        },
    };
    let hello: Hello = match hello {
        Ok(h) if same_secret(&h.secret, &secret) => h,
        Ok(_) => {
            let msg = refuse(Refusal::WrongSecret);
            let _ = protocol::write_msg(&mut send, &msg, MAX_MESSAGE_BYTES).await;
            linger(keep).await;
            return;
        }
        Err(reason) => {
            let msg = refuse(reason);
            let _ = protocol::write_msg(&mut send, &msg, MAX_MESSAGE_BYTES).await;
            linger(keep).await;
            return;
        }
    };
    let name = protocol::clean_name(&hello.name);
    let token: String = hello.seat.chars().take(64).collect();
    // Take the seat: the learner's own after a reconnect, else a new one within the cap.
    let Some(taken) = take_seat(&shared, &outboxes, &opts, token, conn) else {
        return;
    };
    let (seat, welcome, rx) = match taken {
        Ok(t) => t,
        Err(full) => {
            let msg = refuse(full);
            let _ = protocol::write_msg(&mut send, &msg, MAX_MESSAGE_BYTES).await;
            linger(keep).await;
            return;
        }
    };
    if protocol::write_msg(&mut send, &welcome, MAX_WELCOME_BYTES)
        .await
        .is_err()
    {
        forget_if_mine(&outboxes, seat, conn);
        return;
    }
    let _ = events.send(HostEvent::Joined { seat, name });
    let writer = tokio::spawn(write_loop(send, rx));
    loop {
        match protocol::read_msg::<_, ToHost>(&mut recv, MAX_MESSAGE_BYTES).await {
            Ok(ToHost::Status(status)) => {
                if status.marks.len() > MAX_STATUS_STEPS
                    || status.step as usize >= status.marks.len().max(1)
                {
                    let _ = events.send(HostEvent::Dropped {
                        seat,
                        why: "a status that does not fit the lesson".into(),
                    });
                    break;
                }
                let _ = events.send(HostEvent::Status { seat, status });
            }
            Ok(ToHost::Hello(_)) => {
                let _ = events.send(HostEvent::Dropped {
                    seat,
                    why: "a second hello".into(),
                });
                break;
            }
            Ok(ToHost::Bye) | Err(WireError::Closed) => break,
            Err(e) => {
                let _ = events.send(HostEvent::Dropped {
                    seat,
                    why: e.to_string(),
                });
                break;
            }
        }
    }
    // Only the newest connection of a seat says it left.
    writer.abort();
    if forget_if_mine(&outboxes, seat, conn) {
        let _ = events.send(HostEvent::Left { seat });
    }
    drop(keep);
}

async fn write_loop(
    mut send: Box<dyn tokio::io::AsyncWrite + Send + Unpin>,
    mut rx: tmpsc::UnboundedReceiver<ToLearner>,
) {
    while let Some(msg) = rx.recv().await {
        let end = msg == ToLearner::End;
        if protocol::write_msg(&mut send, &msg, MAX_MESSAGE_BYTES)
            .await
            .is_err()
            || end
        {
            break;
        }
    }
    use tokio::io::AsyncWriteExt;
    let _ = send.shutdown().await;
}

type Taken = (u64, ToLearner, tmpsc::UnboundedReceiver<ToLearner>);

/// A seat for a learner (theirs again after a reconnect), with the welcome to send;
/// `Err` when the call is full, `None` when the host's state is poisoned.
fn take_seat(
    shared: &Mutex<Shared>,
    outboxes: &Outboxes,
    opts: &HostOptions,
    token: String,
    conn: u64,
) -> Option<Result<Taken, Refusal>> {
    let mut sh = shared.lock().ok()?;
    let mut boxes = outboxes.lock().ok()?;
    let known = sh.seats.get(&token).copied();
    if known.is_none() && boxes.len() >= opts.cap {
        return Some(Err(Refusal::Full {
            cap: opts.cap as u32,
        }));
    }
    let seat = known.unwrap_or(conn);
    sh.seats.insert(token, seat);
    let (tx, rx) = tmpsc::unbounded_channel();
    // A reconnect replaces the old outbox; the old connection then stops owning it.
    boxes.insert(seat, (conn, tx));
    let welcome = ToLearner::Welcome(Box::new(Welcome {
        version: PROTOCOL_VERSION,
        coach: protocol::clean_name(&opts.coach),
        lesson_id: opts.lesson_id.clone(),
        lesson_hash: lesson_hash(&opts.lesson),
        lesson: opts.lesson.clone(),
        hold: sh.hold,
        bring: sh.bring,
        files: opts.shared.as_ref().clone(),
    }));
    Some(Ok((seat, welcome, rx)))
}

/// Remove the seat's outbox if this connection still owns it (a reconnect of the
/// same learner takes it over); says whether it did.
fn forget_if_mine(outboxes: &Outboxes, seat: u64, conn: u64) -> bool {
    let Ok(mut o) = outboxes.lock() else {
        return false;
    };
    if o.get(&seat).is_some_and(|(c, _)| *c == conn) {
        o.remove(&seat);
        true
    } else {
        false
    }
}

/// Give a refusal time to reach the learner before the connection drops.
async fn linger(keep: Box<dyn std::any::Any + Send>) {
    tokio::time::sleep(Duration::from_millis(300)).await;
    drop(keep);
}

fn same_secret(hex: &str, secret: &[u8; 16]) -> bool {
    let Ok(given) = data_encoding::HEXLOWER_PERMISSIVE.decode(hex.as_bytes()) else {
        return false;
    };
    given.len() == secret.len()
        && given
            .iter()
            .zip(secret)
            .fold(0u8, |acc, (a, b)| acc | (a ^ b))
            == 0
}

/// The lesson text's content hash, as hex (FNV-1a 64, enough to tell versions apart).
pub fn lesson_hash(text: &str) -> String {
    let mut h: u64 = 0xcbf29ce484222325;
    for b in text.as_bytes() {
        h ^= *b as u64;
        h = h.wrapping_mul(0x100000001b3);
    }
    format!("{h:016x}")
}
