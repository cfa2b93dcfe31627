//! The real binary in a pseudo-terminal, driven by keystrokes the way a learner
//! types them: finish a bundled lesson using only what the screen says, quit in
//! the middle, relaunch and land where you left off.

mod common;

use common::pty::Screen;
use std::time::{Duration, Instant};

const ESC: &str = "\x1b";
const UP: &str = "\x1b[A";
const END: &str = "\x1b[F";
const CTRL_S: &str = "\x13";
const CTRL_C: &str = "\x03";

#[test]
fn a_learner_finishes_a_lesson_by_keystrokes_and_resumes_after_quitting() {
    let data = tempfile::tempdir().unwrap();
    let course = common::frozen_course_dir();

    // First sitting: open the picker, work to step 3, quit with Ctrl-C.
    let mut s = Screen::frozen(course.path(), data.path(), &[]);
    s.wait_for("Pick a lesson and press Enter.");
    s.wait_for("not started");
    s.send("\r");
    s.wait_for("step 1 of 7");
    s.wait_for("n next");
    s.send("n");
    s.wait_for("rows 1–");
    s.send("n");
    s.wait_for("How many rows does the member list have?");
    // Arriving leaves the keys out of the box; Enter goes in.
    s.wait_for("Enter answer");
    s.send("\r");
    s.wait_for("Enter check");
    s.send("2000\r");
    s.wait_for("✗ Not yet");
    s.wait_for("some people signed up twice");
    s.send(CTRL_C);
    s.wait_exit();

    // Second sitting: the picker says where we were; Enter lands there.
    let mut s = Screen::frozen(course.path(), data.path(), &[]);
    s.wait_for("step 3 of 7");
    s.send("\r");
    let screen = s.wait_for("How many rows does the member list have?");
    assert!(screen.contains("step 3 of 7"), "{screen}");
    s.send("a");
    // The box still has the wrong answer? No: typed answers are not kept.
    for _ in 0..4 {
        s.send("\x7f");
    }
    s.send("2050\r");
    s.wait_for("✓ Correct");
    // A right answer steps out of the box, so n moves on at once.
    s.send("n");
    s.wait_for("Which county has the most members on the list?");
    s.send("3");
    s.send("\r");
    s.wait_for("✓ Correct");
    s.send("n");
    s.wait_for("bars: county · length: members");
    s.send("n");
    s.wait_for("Write a query that lists each county");
    s.send("\r");
    s.send(" GROUP BY county");
    s.send(UP);
    s.send(END);
    s.send(", COUNT(*) AS members");
    s.send(CTRL_S);
    s.wait_for("✓ Correct");
    s.send("n");
    s.wait_for("Which county would you visit first");
    s.send("\r");
    s.send("Worcester, because the list is growing there.\r");
    s.wait_for("✓ Saved");
    s.send("n");
    s.wait_for("You finished");
    s.send("x");
    let picker = s.wait_for("Pick a lesson");
    assert!(picker.contains("done"), "{picker}");
    s.send("q");
    s.wait_exit();

    // What was saved: progress and the reflection, never a typed answer.
    let saved =
        std::fs::read_to_string(data.path().join("progress/who-are-our-people.json")).unwrap();
    assert!(saved.contains("\"finished\": true"), "{saved}");
    assert!(saved.contains("Worcester, because"), "{saved}");
    assert!(
        !saved.contains("2050") && !saved.contains("GROUP BY"),
        "{saved}"
    );

    let _ = ESC;
}

/// A coach writes a lesson with the player open: `--coach run FILE --watch` picks up
/// each save (by rename, as many editors do), shows errors in place, and recovers.
#[test]
fn a_coach_edits_a_watched_lesson_and_the_player_follows() {
    let data = tempfile::tempdir().unwrap();
    let course = tempfile::tempdir().unwrap();
    let file = course.path().join("draft.toml");
    let lesson = |title: &str, kind: &str| {
        format!(
            "format = 1\n\n[lesson]\nid = \"draft\"\ntitle = \"Draft\"\n\n\
             [[steps]]\nkind = \"read\"\ntitle = \"Start\"\ntext = \"Hi.\"\n\n\
             [[steps]]\nkind = \"{kind}\"\ntitle = \"{title}\"\ntext = \"More.\"\n\
             coach = \"Ask what they expect.\"\n"
        )
    };
    let save = |text: String| {
        let tmp = course.path().join(".draft.toml.swp");
        std::fs::write(&tmp, text).unwrap();
        std::fs::rename(&tmp, &file).unwrap();
    };
    save(lesson("First words", "read"));
    let path = file.to_string_lossy().into_owned();
    let mut s = Screen::start(data.path(), &["--coach", "run", &path, "--watch"]);
    s.wait_for("step 1 of 2");
    s.wait_for("Coach · 00:");
    s.send("g");
    s.wait_for("Go to step");
    s.send("2\r");
    s.wait_for("2 · First words");
    s.wait_for("Ask what they expect.");

    save(lesson("Better words", "read"));
    let screen = s.wait_for("2 · Better words");
    assert!(screen.contains("step 2 of 2"), "{screen}");

    save(lesson("Better words", "lecture"));
    let screen = s.wait_for("The lesson file has errors");
    assert!(screen.contains("draft.toml:13:8"), "{screen}");
    assert!(screen.contains("2 · Better words"), "{screen}");

    save(lesson("Fixed words", "read"));
    let screen = s.wait_for("2 · Fixed words");
    assert!(!screen.contains("has errors"), "{screen}");
    s.send("C");
    let hidden = s.wait_for("C show coach");
    assert!(!hidden.contains("Coach ·"), "{hidden}");
    s.send("q");
    s.wait_exit();
}

#[test]
fn run_opens_one_lesson_and_q_leaves_the_app() {
    let data = tempfile::tempdir().unwrap();
    let course = common::frozen_course_dir();
    let mut s = Screen::frozen(course.path(), data.path(), &["run", "put-back-the-zeros"]);
    s.wait_for("step 1 of 6");
    s.send("q");
    s.wait_exit();
}

#[test]
fn a_corrupt_progress_file_is_moved_aside_and_the_app_starts() {
    let data = tempfile::tempdir().unwrap();
    let course = common::frozen_course_dir();
    let dir = data.path().join("progress");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("who-are-our-people.json"), "{ broken").unwrap();
    let mut s = Screen::frozen(course.path(), data.path(), &["run", "who-are-our-people"]);
    s.wait_for("could not be read, so it was moved");
    s.wait_for("step 1 of 7");
    s.send(CTRL_C);
    s.wait_exit();
    let names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .collect();
    assert!(
        names
            .iter()
            .any(|n| n.starts_with("who-are-our-people.json.corrupt-")),
        "{names:?}"
    );
}

#[test]
fn a_hang_up_saves_and_exits_instead_of_spinning() {
    let data = tempfile::tempdir().unwrap();
    let course = common::frozen_course_dir();
    let mut s = Screen::frozen(course.path(), data.path(), &["run", "who-are-our-people"]);
    s.wait_for("step 1 of 7");
    s.wait_for("n next");
    s.send("n");
    s.wait_for("step 2 of 7");
    // What a closed terminal window or a dropped SSH session sends.
    s.child.kill().expect("SIGHUP sent");
    s.wait_exit();
    let saved =
        std::fs::read_to_string(data.path().join("progress/who-are-our-people.json")).unwrap();
    assert!(saved.contains("\"current\": 1"), "{saved}");
}

/// The terminal itself goes away (a tmux pane killed, a window closed): huddle must
/// save and exit, not spin on a dead terminal (crossterm#793). Driven through tmux
/// on a private socket, the way a person would see it.
#[test]
fn a_killed_terminal_leaves_no_spinning_process() {
    let tmux = |args: &[&str], socket: &str| {
        std::process::Command::new("tmux")
            .args(["-L", socket])
            .args(args)
            .output()
            .expect("tmux is installed (the PTY tests drive the app through it)")
    };
    let socket = format!("huddle-test-{}", std::process::id());
    let data = tempfile::tempdir().unwrap();
    let course = common::frozen_course_dir();
    let cmd = format!(
        "env HUDDLE_DATA_DIR={} {} --lessons {} run who-are-our-people",
        data.path().display(),
        env!("CARGO_BIN_EXE_huddle"),
        course.path().join("lessons").display()
    );
    let out = tmux(
        &[
            "new-session",
            "-d",
            "-s",
            "t",
            "-x",
            "100",
            "-y",
            "30",
            &cmd,
        ],
        &socket,
    );
    assert!(out.status.success(), "{out:?}");
    let screen = |socket: &str| {
        String::from_utf8_lossy(&tmux(&["capture-pane", "-p", "-t", "t"], socket).stdout)
            .to_string()
    };
    let wait = |needle: &str| {
        let deadline = Instant::now() + Duration::from_secs(30);
        while !screen(&socket).contains(needle) {
            assert!(
                Instant::now() < deadline,
                "never saw {needle:?}:\n{}",
                screen(&socket)
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    };
    wait("step 1 of 7");
    wait("n next");
    tmux(&["send-keys", "-t", "t", "n"], &socket);
    wait("step 2 of 7");
    let pid = String::from_utf8_lossy(
        &tmux(
            &["display-message", "-p", "-t", "t", "#{pane_pid}"],
            &socket,
        )
        .stdout,
    )
    .trim()
    .to_string();
    assert!(!pid.is_empty());
    tmux(&["kill-server"], &socket);
    let stat = format!("/proc/{pid}/stat");
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let alive = std::fs::read_to_string(&stat)
            .map(|s| s.split_whitespace().nth(2).is_none_or(|st| st != "Z"))
            .unwrap_or(false);
        if !alive {
            break;
        }
        if Instant::now() > deadline {
            let _ = std::process::Command::new("kill")
                .args(["-9", &pid])
                .status();
            panic!("huddle was still running 10 s after its terminal went away");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    let saved =
        std::fs::read_to_string(data.path().join("progress/who-are-our-people.json")).unwrap();
    assert!(saved.contains("\"current\": 1"), "{saved}");
}
