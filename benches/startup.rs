//! Time from process start to the picker's first frame, measured the way a
//! learner sees it: the release binary in a pseudo-terminal, until the screen
//! shows the lesson list. Target < 50 ms. Run: `cargo bench --bench startup`.

use portable_pty::{CommandBuilder, PtySize, native_pty_system};
use std::io::Read;
use std::sync::mpsc;
use std::time::{Duration, Instant};

fn first_frame() -> Duration {
    let data = tempfile::tempdir().expect("temp dir");
    let pair = native_pty_system()
        .openpty(PtySize {
            rows: 30,
            cols: 100,
            pixel_width: 0,
            pixel_height: 0,
        })
        .expect("pty");
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_huddle"));
    cmd.env("HUDDLE_DATA_DIR", data.path());
    cmd.env("TERM", "xterm-256color");
    let mut reader = pair.master.try_clone_reader().expect("reader");
    let (tx, rx) = mpsc::channel();
    let started = Instant::now();
    let mut child = pair.slave.spawn_command(cmd).expect("spawn");
    std::thread::spawn(move || {
        let mut parser = vt100::Parser::new(30, 100, 0);
        let mut buf = [0u8; 8192];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 {
                break;
            }
            parser.process(&buf[..n]);
            if parser.screen().contents().contains("not started") {
                let _ = tx.send(Instant::now());
                break;
            }
        }
    });
    let seen = rx
        .recv_timeout(Duration::from_secs(30))
        .expect("the picker appears");
    let _ = child.kill();
    let _ = child.wait();
    seen - started
}

fn main() {
    if std::env::args().any(|a| a == "--list") {
        println!("startup: benchmark");
        return;
    }
    let _ = first_frame(); // warm the disk cache
    let mut times: Vec<Duration> = (0..20).map(|_| first_frame()).collect();
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "picker first frame over 20 runs: min {:.1} ms, median {:.1} ms, max {:.1} ms",
        ms(times[0]),
        ms(times[10]),
        ms(times[19])
    );
}
