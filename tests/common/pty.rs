//! The real binary in a pseudo-terminal: start it, read its screen through a
//! terminal emulator (vt100), type keys, wait for text.

use portable_pty::{CommandBuilder, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

pub const ROWS: u16 = 30;
pub const COLS: u16 = 100;

pub struct Screen {
    pub parser: Arc<Mutex<vt100::Parser>>,
    pub writer: Box<dyn Write + Send>,
    pub child: Box<dyn portable_pty::Child + Send + Sync>,
}

impl Screen {
    /// The binary on the frozen course (tests/fixtures/course), with `args` after
    /// `--lessons`.
    pub fn frozen(course: &Path, data_dir: &Path, args: &[&str]) -> Screen {
        let lessons = course.join("lessons");
        let mut all = vec!["--lessons", lessons.to_str().expect("UTF-8 temp path")];
        all.extend_from_slice(args);
        Screen::start(data_dir, &all)
    }

    pub fn start(data_dir: &Path, args: &[&str]) -> Screen {
        let pty = native_pty_system();
        let pair = pty
            .openpty(PtySize {
                rows: ROWS,
                cols: COLS,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("a pseudo-terminal opens");
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_huddle"));
        cmd.args(args);
        cmd.env("HUDDLE_DATA_DIR", data_dir);
        cmd.env("TERM", "xterm-256color");
        cmd.env_remove("NO_COLOR");
        let child = pair.slave.spawn_command(cmd).expect("huddle starts");
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().expect("reader");
        let writer = pair.master.take_writer().expect("writer");
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
        Screen {
            parser,
            writer,
            child,
        }
    }

    pub fn text(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    /// Wait until the screen shows `needle` (words may wrap across lines); fail
    /// with the screen if it never does.
    pub fn wait_for(&self, needle: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(60);
        let flat = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
        let want = flat(needle);
        loop {
            let t = self.text();
            if flat(&t).contains(&want) {
                return t;
            }
            assert!(
                Instant::now() < deadline,
                "the screen never showed {needle:?}; it shows:\n{t}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Type bytes, then give the app a moment (Esc must not merge with the next key).
    pub fn send(&mut self, bytes: &str) {
        self.writer.write_all(bytes.as_bytes()).unwrap();
        self.writer.flush().unwrap();
        std::thread::sleep(Duration::from_millis(150));
    }

    pub fn wait_exit(&mut self) {
        let deadline = Instant::now() + Duration::from_secs(20);
        while Instant::now() < deadline {
            if let Ok(Some(status)) = self.child.try_wait() {
                assert!(status.success(), "huddle exited with {status}");
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.child.kill();
        panic!("huddle did not exit; screen:\n{}", self.text());
    }
}
