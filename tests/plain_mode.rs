//! The plain player (`--plain`, `TERM=dumb`): every bundled lesson walked to the
//! end with words only, and the real binary in a pseudo-terminal, in English and
//! in Spanish. What it prints must read as text: no box drawing, no escape
//! sequences, tables row by row with column names, charts as lists.

mod common;

use common::answers::{bundled, play, script};

use huddle::lesson::course;
use huddle::lesson::model::StepBody;
use huddle::lesson::validate::{load_entry, load_tables};
use huddle::progress::store::Store;
use portable_pty::{CommandBuilder, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Box drawing, block elements and the player's marks: none may be printed.
fn drawing(text: &str) -> Vec<char> {
    text.chars()
        .filter(|c| matches!(*c as u32, 0x2500..=0x259F) || *c == '\u{1b}')
        .collect()
}

#[test]
fn every_bundled_lesson_can_be_finished_with_words_only() {
    for entry in course::bundled() {
        let lesson = load_entry(&entry).lesson.expect("bundled lessons load");
        let data = load_tables(&entry, &lesson).expect("bundled data loads");
        let typed = script(&lesson, &data).join("\n") + "\n";
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(Some(dir.path().to_path_buf()));
        let out = play(&lesson, data, &store, &typed);
        let id = &lesson.meta.id;
        assert!(
            out.contains("You finished the lesson."),
            "{id} was not finished:\n{out}"
        );
        assert!(
            !out.contains("Not yet."),
            "{id}: a right answer was refused:\n{out}"
        );
        assert!(drawing(&out).is_empty(), "{id}: {:?}", drawing(&out));
        let record = store.peek(id).expect("progress saved");
        assert!(record.finished, "{id}: progress not finished");
        // Tables read row by row, charts as lists of values.
        if lesson
            .steps
            .iter()
            .any(|s| matches!(s.body, StepBody::Table { .. }))
        {
            assert!(out.contains("row 1 of "), "{id}:\n{out}");
        }
        if lesson
            .steps
            .iter()
            .any(|s| matches!(s.body, StepBody::Chart { .. }))
        {
            assert!(out.contains("Chart: "), "{id}:\n{out}");
            assert!(
                !out.contains("no row has both"),
                "{id}: a chart failed:\n{out}"
            );
        }
    }
}

#[test]
fn wrong_answers_hints_and_the_solution_in_words() {
    let (entry, lesson) = bundled("meet-your-data");
    let data = load_tables(&entry, &lesson).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let store = Store::new(Some(dir.path().to_path_buf()));
    let typed =
        "next\nnext\nshow\n2000\nhint\n1999\n1998\nshow\nmore\nsteps\nback\nmore\nhelp\nquit\n";
    let out = play(&lesson, data, &store, typed);
    for want in [
        "Step 3 of",
        "The solution opens after 3 tries",
        "Not yet.",
        "Hint: ",
        "The solution: 2050",
        "There are no more rows to read.",
        "3. How many rows",
        "solution shown",
        "row 11 of 2,050",
        "Words: next, back",
        "Your progress is saved.",
    ] {
        assert!(out.contains(want), "{want:?} not in:\n{out}");
    }
}

/// The real binary in a pseudo-terminal; everything it printed, as text.
struct Pty {
    seen: Arc<Mutex<Vec<u8>>>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn portable_pty::Child + Send + Sync>,
}

impl Pty {
    fn start(data: &std::path::Path, term: &str, args: &[&str]) -> Pty {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows: 20,
                cols: 70,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_huddle"));
        cmd.args(args);
        cmd.env("HUDDLE_DATA_DIR", data);
        cmd.env("TERM", term);
        let child = pair.slave.spawn_command(cmd).unwrap();
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().unwrap();
        let writer = pair.master.take_writer().unwrap();
        let seen = Arc::new(Mutex::new(Vec::new()));
        let feed = Arc::clone(&seen);
        std::thread::spawn(move || {
            let _keep = pair.master;
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                feed.lock().unwrap().extend_from_slice(&buf[..n]);
            }
        });
        Pty {
            seen,
            writer,
            child,
        }
    }

    fn text(&self) -> String {
        String::from_utf8_lossy(&self.seen.lock().unwrap()).into_owned()
    }

    fn wait_for(&self, needle: &str) {
        let deadline = Instant::now() + Duration::from_secs(60);
        while !self.text().contains(needle) {
            assert!(
                Instant::now() < deadline,
                "never printed {needle:?}:\n{}",
                self.text()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    fn line(&mut self, text: &str) {
        self.writer.write_all(text.as_bytes()).unwrap();
        self.writer.write_all(b"\r").unwrap();
        self.writer.flush().unwrap();
    }

    fn wait_exit(&mut self) {
        let deadline = Instant::now() + Duration::from_secs(20);
        while Instant::now() < deadline {
            if let Ok(Some(status)) = self.child.try_wait() {
                assert!(status.success(), "huddle exited with {status}");
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.child.kill();
        panic!("huddle did not exit:\n{}", self.text());
    }
}

#[test]
fn a_dumb_terminal_gets_the_plain_player_and_a_lesson_is_walked_to_the_end() {
    let data = tempfile::tempdir().unwrap();
    let mut p = Pty::start(data.path(), "dumb", &["run", "welcome"]);
    p.wait_for("Step 1 of");
    let (entry, lesson) = bundled("welcome");
    let tables = load_tables(&entry, &lesson).unwrap();
    for line in script(&lesson, &tables) {
        p.line(&line);
    }
    p.wait_for("You finished the lesson.");
    p.wait_exit();
    let text = p.text();
    assert!(drawing(&text).is_empty(), "{:?}\n{text}", drawing(&text));
}

#[test]
fn the_plain_player_speaks_spanish() {
    let data = tempfile::tempdir().unwrap();
    let mut p = Pty::start(
        data.path(),
        "xterm-256color",
        &["--plain", "--lang", "es", "run", "meet-your-data"],
    );
    p.wait_for("Paso 1 de");
    p.line("siguiente");
    p.wait_for("fila 1 de 2");
    p.line("más");
    p.wait_for("fila 11 de 2");
    p.line("siguiente");
    p.line("2050");
    p.wait_for("Correcto");
    p.line("pasos");
    p.wait_for("hecho");
    p.line("salir");
    p.wait_for("Tu progreso está guardado.");
    p.wait_exit();
    let text = p.text();
    assert!(drawing(&text).is_empty(), "{:?}\n{text}", drawing(&text));
}
