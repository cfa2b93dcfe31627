//! The real player in a pseudo-terminal, ended by a signal: SIGTERM and SIGHUP (a
//! closed window, `kill`), and the deaths that cannot unwind — SIGABRT (how Rust
//! reports a stack overflow or a failed allocation) and SIGSEGV. Each time the
//! terminal must be given back: the alternate screen left, the cursor shown, mouse
//! capture off.

#![cfg(unix)]

mod common;

use portable_pty::{CommandBuilder, PtySize, native_pty_system};
use std::io::Read;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const ROWS: u16 = 30;
const COLS: u16 = 100;

struct Player {
    parser: Arc<Mutex<vt100::Parser>>,
    child: Box<dyn portable_pty::Child + Send + Sync>,
    _data: tempfile::TempDir,
    _course: tempfile::TempDir,
}

impl Player {
    fn start() -> Player {
        let data = tempfile::tempdir().unwrap();
        let course = common::frozen_course_dir();
        let pair = native_pty_system()
            .openpty(PtySize {
                rows: ROWS,
                cols: COLS,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("a pseudo-terminal opens");
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_huddle"));
        cmd.arg("--lessons");
        cmd.arg(course.path().join("lessons"));
        cmd.env("HUDDLE_DATA_DIR", data.path());
        cmd.env("TERM", "xterm-256color");
        let child = pair.slave.spawn_command(cmd).expect("huddle starts");
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().expect("reader");
        let parser = Arc::new(Mutex::new(vt100::Parser::new(ROWS, COLS, 0)));
        let feed = Arc::clone(&parser);
        std::thread::spawn(move || {
            let _keep_master_open = pair.master;
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                feed.lock().unwrap().process(&buf[..n]);
            }
        });
        Player {
            parser,
            child,
            _data: data,
            _course: course,
        }
    }

    fn wait_for(&self, needle: &str) {
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            let text = self.parser.lock().unwrap().screen().contents();
            if text.contains(needle) {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "the screen never showed {needle:?}:\n{text}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    fn signal(&self, sig: &str) {
        let pid = self.child.process_id().expect("a pid");
        let sent = std::process::Command::new("kill")
            .args([&format!("-{sig}"), &pid.to_string()])
            .status()
            .unwrap();
        assert!(sent.success());
    }

    /// Wait for the process to end; then let the last output reach the parser.
    fn wait_exit(&mut self) -> portable_pty::ExitStatus {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            if let Ok(Some(status)) = self.child.try_wait() {
                std::thread::sleep(Duration::from_millis(300));
                return status;
            }
            assert!(Instant::now() < deadline, "huddle did not exit");
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Fail unless the terminal is back to normal.
    fn assert_restored(&self, how: &str) {
        let p = self.parser.lock().unwrap();
        let screen = p.screen();
        assert!(
            !screen.alternate_screen(),
            "{how}: still in the alternate screen"
        );
        assert!(!screen.hide_cursor(), "{how}: the cursor is still hidden");
        assert_eq!(
            screen.mouse_protocol_mode(),
            vt100::MouseProtocolMode::None,
            "{how}: mouse capture is still on"
        );
    }
}

fn ended_by(sig: &str) -> portable_pty::ExitStatus {
    let mut p = Player::start();
    p.wait_for("Pick a lesson");
    {
        let parser = p.parser.lock().unwrap();
        assert!(
            parser.screen().alternate_screen(),
            "the player is full screen"
        );
        assert_ne!(
            parser.screen().mouse_protocol_mode(),
            vt100::MouseProtocolMode::None
        );
    }
    p.signal(sig);
    let status = p.wait_exit();
    p.assert_restored(sig);
    status
}

#[test]
fn sigterm_and_sighup_give_the_terminal_back() {
    for sig in ["TERM", "HUP"] {
        ended_by(sig);
    }
}

#[test]
fn an_abort_gives_the_terminal_back_and_still_kills_the_process() {
    let status = ended_by("ABRT");
    assert!(!status.success(), "an abort ends the process: {status:?}");
}

#[test]
fn a_segmentation_fault_gives_the_terminal_back_and_still_kills_the_process() {
    let status = ended_by("SEGV");
    assert!(!status.success(), "a fault ends the process: {status:?}");
}
