//! Privacy on the wire of a live call: a learner plays a lesson on their own file,
//! whose name, header and cells hold planted sentinels, and types sentinels as
//! answers and in a query. Every byte the learner sends is recorded at the host (a
//! listener that tees the real iroh stream); none of the sentinels is in it, while
//! the statuses themselves did arrive.

mod common;

use futures::future::BoxFuture;
use huddle::live::host::{Host, HostEvent, HostOptions};
use huddle::live::iroh_net::{self, IrohListener, Net};
use huddle::live::transport::{Listener, Pipe};
use huddle::progress::store::Store;
use huddle::tui::app::App;
use huddle::tui::live::{Live, Start};
use huddle::tui::own_data::OwnFile;
use huddle::tui::theme::Theme;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::{Duration, Instant};
use tokio::io::{AsyncRead, ReadBuf};

const SENTINELS: [&str; 5] = [
    "Zqxjv",           // a first name in the file
    "zqxjv@",          // an email in the file
    "QwkSentinelCol",  // a column header of the file
    "SentinelFileQk",  // the file's name
    "PlantedAnswerZz", // typed as an answer and in a query
];

/// Everything read from learners, byte for byte.
type Log = Arc<Mutex<Vec<u8>>>;

struct Tee {
    inner: Box<dyn AsyncRead + Send + Unpin>,
    log: Log,
}

impl AsyncRead for Tee {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<std::io::Result<()>> {
        let before = buf.filled().len();
        let r = Pin::new(&mut self.inner).poll_read(cx, buf);
        let new = buf.filled()[before..].to_vec();
        self.log.lock().unwrap().extend_from_slice(&new);
        r
    }
}

struct Tapped {
    inner: IrohListener,
    log: Log,
}

impl Listener for Tapped {
    fn accept(&mut self) -> BoxFuture<'_, Option<Pipe>> {
        Box::pin(async move {
            let mut p = self.inner.accept().await?;
            p.recv = Box::new(Tee {
                inner: p.recv,
                log: self.log.clone(),
            });
            Some(p)
        })
    }
    fn address(&self) -> ([u8; 32], Vec<std::net::SocketAddr>, Option<String>) {
        self.inner.address()
    }
    fn close(&mut self) -> BoxFuture<'_, ()> {
        self.inner.close()
    }
}

fn write_export(path: &std::path::Path) {
    let mut text =
        String::from("VanID,FirstName,LastName,Email,ZipOrPostal,County,QwkSentinelCol\n");
    for i in 0..40 {
        text.push_str(&format!(
            "{:05},Zqxjv{i},Okafor,zqxjv@example.org,0{:04},Essex,SentinelValue{i}\n",
            100 + i,
            1800 + i
        ));
    }
    std::fs::write(path, text).unwrap();
}

fn key(app: &mut App, code: KeyCode, m: KeyModifiers) {
    app.handle(Event::Key(KeyEvent::new(code, m)));
    app.settle(Duration::from_secs(60));
    app.live_tick();
}

#[test]
fn nothing_personal_crosses_the_wire() {
    let log: Log = Arc::default();
    let tap = log.clone();
    let course = common::frozen_course();
    let lesson_text = course[0].text.clone();
    let host = Host::start(
        HostOptions {
            coach: "Coach".into(),
            lesson_id: "who-are-our-people".into(),
            lesson: lesson_text,
            cap: 60,
            shared: Default::default(),
        },
        move || {
            Box::pin(async move {
                Ok(Tapped {
                    inner: iroh_net::listen(Net::local()).await?,
                    log: tap,
                })
            })
        },
    )
    .unwrap();

    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("SentinelFileQk.csv");
    write_export(&file);
    let data = tempfile::tempdir().unwrap();
    let mut app = App::new(
        course.clone(),
        Store::new(Some(data.path().to_path_buf())),
        Theme::plain(),
    );
    app.own = vec![OwnFile {
        table: "members".into(),
        path: file.clone(),
        sheet: None,
        header: Default::default(),
    }];
    let start = Start::Join {
        code: host.code.clone(),
        name: "Bo".into(),
        net: Net::local(),
    };
    let (pane, entry) = huddle::tui::live::join(&start, &course).unwrap();
    app.live = Some(Live::Learner(Box::new(pane)));
    app.open_direct(entry).unwrap();
    app.settle(Duration::from_secs(60));
    // Confirm the mapping, then walk the lesson typing sentinels wherever a box takes them.
    key(&mut app, KeyCode::Char('c'), KeyModifiers::NONE);
    let none = KeyModifiers::NONE;
    for _ in 0..8 {
        key(&mut app, KeyCode::Enter, none);
        for c in "PlantedAnswerZz".chars() {
            key(&mut app, KeyCode::Char(c), none);
        }
        key(&mut app, KeyCode::Enter, none);
        key(&mut app, KeyCode::Char('s'), KeyModifiers::CONTROL);
        key(&mut app, KeyCode::Esc, none);
        key(&mut app, KeyCode::Char('H'), none);
        key(&mut app, KeyCode::Char('n'), none);
    }
    // The statuses did cross: the host saw tries and a raised hand.
    let deadline = Instant::now() + Duration::from_secs(20);
    let mut tries = 0;
    while Instant::now() < deadline && tries == 0 {
        app.live_tick();
        if let Some(HostEvent::Status { status, .. }) = host.wait_event(Duration::from_millis(200))
        {
            tries = status.marks.iter().map(|m| m.tries).sum::<u32>();
        }
    }
    assert!(tries > 0, "no status with tries reached the host");
    if let Some(live) = app.live.take() {
        live.close();
    }
    host.end();
    let wire = String::from_utf8_lossy(&log.lock().unwrap()).to_lowercase();
    assert!(
        wire.contains("\"status\""),
        "the log holds the statuses: {wire}"
    );
    for s in SENTINELS {
        assert!(
            !wire.contains(&s.to_lowercase()),
            "`{s}` crossed the wire: {wire}"
        );
    }
    assert!(!wire.contains("sentinelvalue"), "a cell crossed the wire");
}
