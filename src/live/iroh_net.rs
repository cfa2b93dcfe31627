//! The call's network engine: iroh (QUIC with TLS 1.3, peers dialed by key, relays
//! to cross NATs). With [`Net::local`] there are no relays and no address lookup,
//! and sockets bind to loopback only: nothing leaves the machine.

use super::code::JoinCode;
use super::protocol::ALPN;
use super::transport::{Dialer, Listener, Pipe};
use futures::future::BoxFuture;
use iroh::endpoint::presets;
use iroh::{Endpoint, EndpointAddr, PublicKey, RelayMode, RelayUrl};
use std::net::{Ipv4Addr, SocketAddr};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;
use tokio::sync::mpsc;

/// How long a new connection may take to open its stream.
const HANDSHAKE_TIMEOUT: Duration = Duration::from_secs(10);
/// Connections being set up at once, beyond which new ones are refused.
const MAX_PENDING: usize = 128;
/// How long dialing may take.
const DIAL_TIMEOUT: Duration = Duration::from_secs(15);
/// How long to wait for a relay when starting a call over the internet.
const RELAY_TIMEOUT: Duration = Duration::from_secs(10);

/// Where the call runs.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Net {
    /// Loopback only, relays off (`--local`, and every test).
    pub local: bool,
    /// A self-hosted iroh-relay instead of the public ones (`--relay URL`).
    pub relay: Option<String>,
}

impl Net {
    /// Loopback only, relays off.
    pub fn local() -> Net {
        Net {
            local: true,
            relay: None,
        }
    }

    fn relay_mode(&self) -> Result<RelayMode, String> {
        if self.local {
            return Ok(RelayMode::Disabled);
        }
        match &self.relay {
            None => Ok(RelayMode::Default),
            Some(url) => {
                let url: RelayUrl = url.parse().map_err(|e| {
                    crate::i18n::trf(
                        "--relay {url} is not a relay address ({e}); give the https:// address of your group's iroh-relay",
                        &[("url", url), ("e", &e)],
                    )
                })?;
                Ok(RelayMode::custom([url]))
            }
        }
    }

    async fn endpoint(&self, alpns: bool) -> Result<Endpoint, String> {
        let mut b = Endpoint::builder(presets::Minimal).relay_mode(self.relay_mode()?);
        if self.local {
            b = b
                .clear_ip_transports()
                .bind_addr((Ipv4Addr::LOCALHOST, 0))
                .map_err(|e| e.to_string())?;
        }
        if alpns {
            b = b.alpns(vec![ALPN.to_vec()]);
        }
        b.bind().await.map_err(|e| {
            crate::i18n::trf(
                "could not open the call's network connection: {e}",
                &[("e", &e)],
            )
        })
    }
}

/// The host's listener.
pub struct IrohListener {
    ep: Endpoint,
    local: bool,
    pipes: mpsc::Receiver<Pipe>,
    task: tokio::task::JoinHandle<()>,
}

/// Start listening for learners.
pub async fn listen(net: Net) -> Result<IrohListener, String> {
    let ep = net.endpoint(true).await?;
    if !net.local {
        // The join code names the relay, so learners anywhere can reach the host.
        let _ = tokio::time::timeout(RELAY_TIMEOUT, ep.online()).await;
    }
    let (tx, pipes) = mpsc::channel(64);
    let task = tokio::spawn(accept_loop(ep.clone(), tx));
    Ok(IrohListener {
        ep,
        local: net.local,
        pipes,
        task,
    })
}

async fn accept_loop(ep: Endpoint, tx: mpsc::Sender<Pipe>) {
    let pending = Arc::new(AtomicUsize::new(0));
    while let Some(incoming) = ep.accept().await {
        if pending.load(Ordering::Relaxed) >= MAX_PENDING {
            incoming.refuse();
            continue;
        }
        pending.fetch_add(1, Ordering::Relaxed);
        let (tx, pending) = (tx.clone(), pending.clone());
        tokio::spawn(async move {
            let opened = tokio::time::timeout(HANDSHAKE_TIMEOUT, async move {
                let conn = incoming.await.ok()?;
                let (send, recv) = conn.accept_bi().await.ok()?;
                Some(Pipe {
                    send: Box::new(send),
                    recv: Box::new(recv),
                    keep: Box::new(conn),
                })
            })
            .await;
            pending.fetch_sub(1, Ordering::Relaxed);
            if let Ok(Some(pipe)) = opened {
                let _ = tx.send(pipe).await;
            }
        });
    }
}

impl Listener for IrohListener {
    fn accept(&mut self) -> BoxFuture<'_, Option<Pipe>> {
        Box::pin(async move { self.pipes.recv().await })
    }

    fn address(&self) -> ([u8; 32], Vec<SocketAddr>, Option<String>) {
        let key = *self.ep.id().as_bytes();
        let addr = self.ep.addr();
        let addrs = if self.local {
            self.ep.bound_sockets()
        } else {
            addr.ip_addrs().copied().collect()
        };
        let relay = addr.relay_urls().next().map(|u| u.to_string());
        (key, addrs, relay)
    }

    fn close(&mut self) -> BoxFuture<'_, ()> {
        Box::pin(async move {
            self.task.abort();
            self.ep.close().await;
        })
    }
}

/// The learner's dialer.
pub struct IrohDialer {
    ep: Endpoint,
    local: bool,
}

/// Make the learner's side.
pub async fn dialer(net: Net) -> Result<IrohDialer, String> {
    Ok(IrohDialer {
        ep: net.endpoint(false).await?,
        local: net.local,
    })
}

impl Dialer for IrohDialer {
    fn dial<'a>(&'a self, code: &'a JoinCode) -> BoxFuture<'a, Result<Pipe, String>> {
        Box::pin(async move {
            let id = PublicKey::from_bytes(&code.key).map_err(|_| {
                crate::i18n::tr("the join code's host key is not valid; copy the whole code again")
                    .to_string()
            })?;
            let mut addr = EndpointAddr::new(id);
            let mut any = false;
            for a in &code.addrs {
                if !self.local || a.ip().is_loopback() {
                    addr = addr.with_ip_addr(*a);
                    any = true;
                }
            }
            if !self.local
                && let Some(url) = code
                    .relay
                    .as_deref()
                    .and_then(|r| r.parse::<RelayUrl>().ok())
            {
                addr = addr.with_relay_url(url);
                any = true;
            }
            if !any {
                return Err(if self.local {
                    crate::i18n::tr("this code is for a call over the internet, not one on this machine: join without --local").to_string()
                } else {
                    crate::i18n::tr("the join code names no address to reach the coach").to_string()
                });
            }
            let conn = tokio::time::timeout(DIAL_TIMEOUT, self.ep.connect(addr, ALPN))
                .await
                .map_err(|_| crate::i18n::tr("no answer from the coach's huddle").to_string())?
                .map_err(|e| e.to_string())?;
            let (send, recv) = conn.open_bi().await.map_err(|e| e.to_string())?;
            Ok(Pipe {
                send: Box::new(send),
                recv: Box::new(recv),
                keep: Box::new(conn),
            })
        })
    }

    fn close(&self) -> BoxFuture<'_, ()> {
        Box::pin(async move { self.ep.close().await })
    }
}

impl super::host::Host {
    /// Host a call on iroh.
    pub fn start_net(opts: super::host::HostOptions, net: Net) -> Result<Self, String> {
        Self::start(opts, move || Box::pin(listen(net)))
    }
}

impl super::join::Learner {
    /// Join a call on iroh.
    pub fn join_net(code: JoinCode, name: &str, net: Net) -> Result<Self, super::join::JoinError> {
        Self::join(code, name, move || Box::pin(dialer(net)))
    }
}
