//! The live call with the real binary in pseudo-terminals: one coach hosts on
//! loopback, two learners join with the printed code (one from the lesson list), the coach sees them move,
//! raise a hand and get brought to a step, and quitting ends the call for them.

mod common;

use common::pty::Screen;
use std::time::{Duration, Instant};

fn read_code(path: &std::path::Path) -> String {
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        if let Ok(t) = std::fs::read_to_string(path)
            && t.trim().starts_with("HUDDLE-")
        {
            return t.trim().to_string();
        }
        assert!(Instant::now() < deadline, "the host never wrote its code");
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn a_coach_and_two_learners_in_a_call() {
    let course = common::frozen_course_dir();
    let lessons = course.path().join("lessons");
    let lessons = lessons.to_str().unwrap();
    let (coach_data, a_data, b_data) = (
        tempfile::tempdir().unwrap(),
        tempfile::tempdir().unwrap(),
        tempfile::tempdir().unwrap(),
    );
    let code_file = coach_data.path().join("code.txt");
    let summaries = coach_data.path().join("call");
    let mut coach = Screen::start(
        coach_data.path(),
        &[
            "--lessons",
            lessons,
            "host",
            "who-are-our-people",
            "--local",
            "--name",
            "Coach Ana",
            "--code-file",
            code_file.to_str().unwrap(),
            "--summaries",
            summaries.to_str().unwrap(),
        ],
    );
    coach.wait_for("No one has joined yet");
    let code = read_code(&code_file);

    let mut a = Screen::start(
        a_data.path(),
        &[
            "--lessons",
            lessons,
            "join",
            &code,
            "--local",
            "--name",
            "Ana P",
        ],
    );
    // Bo joins from the lesson list (J), pasting the code; a --local code dials
    // this machine by itself.
    let mut b = Screen::start(b_data.path(), &["--lessons", lessons]);
    b.wait_for("J join call");
    b.send("J");
    b.wait_for("Join a cohort call");
    b.send("HUDDLE-NOTACODE");
    b.send("\r");
    b.wait_for("damaged");
    for _ in 0.."HUDDLE-NOTACODE".len() {
        b.send("\x7f");
    }
    b.send(&code);
    b.send("\t");
    b.send("Bo");
    b.send("\r");
    a.wait_for("Live call with Coach Ana");
    b.wait_for("Live call with Coach Ana");
    a.wait_for("step 1 of 7");
    coach.wait_for("2 here of 2");

    // Ana moves ahead two steps and raises her hand; the coach sees both.
    a.send("n");
    a.send("n");
    a.wait_for("step 3 of 7");
    a.send("H");
    a.wait_for("hand raised");
    let room = coach.wait_for("✋ hand");
    assert!(room.contains("Ana P") && room.contains("3/7"), "{room}");

    // The coach goes to step 2 and brings everyone there; Bo follows with F.
    coach.send("n");
    coach.wait_for("step 2 of 7");
    coach.send("B");
    b.wait_for("F follows");
    b.send("F");
    b.wait_for("step 2 of 7");
    coach.send("H");
    a.wait_for("H raises your hand");

    // The coach quits: the learners are told, and keep playing alone.
    coach.send("q");
    coach.wait_exit();
    a.wait_for("The coach ended the call");
    b.wait_for("call ended");
    let files: Vec<_> = std::fs::read_dir(&summaries).unwrap().flatten().collect();
    assert_eq!(files.len(), 2, "one summary per learner");
    a.send("q");
    a.wait_exit();
    // Bo came from the list: q leaves the lesson and the call, progress kept.
    b.send("q");
    b.wait_for("You left the call");
    b.send(" ");
    b.wait_for("J join call");
    b.send("q");
    b.wait_exit();
}
