//! Progress that a coach can trust: a lesson is finished only when every exercise
//! passed or was shown, an empty reflection is not done, and the titles and kinds of
//! any lesson (a coach's own file, the bundled course under `--lessons`) reach the
//! listing and the export.

mod common;

use common::player::Player;
use common::*;
use huddle::lesson::load::load_str;
use huddle::progress::StepStatus;
use huddle::progress::store::Store;
use huddle::tui::session::Session;
use serde_json::Value;

#[test]
fn n_on_the_last_step_does_not_finish_a_lesson_with_open_exercises() {
    let mut p = Player::new();
    p.open(1);
    let n = p.app.session.as_ref().unwrap().lesson.steps.len();
    p.next(n);
    let s = p.app.session.as_ref().unwrap();
    assert!(
        !s.progress.finished,
        "moving past every step is not finishing: {:?}",
        p.statuses()
    );
    let screen = p.screen(80, 24);
    assert!(!screen.contains("You finished"), "{screen}");
    assert!(screen.contains("still to do"), "{screen}");
}

#[test]
fn an_empty_reflection_is_not_done() {
    let mut p = Player::new();
    p.open(1);
    let s = p.app.session.as_ref().unwrap();
    let reflect = s
        .lesson
        .steps
        .iter()
        .position(|st| st.kind().as_str() == "reflect")
        .expect("the lesson has a reflect step");
    p.next(reflect);
    p.next(1);
    assert_ne!(
        p.statuses()[reflect],
        StepStatus::Done,
        "nothing was written"
    );
}

/// A coach's own lesson, with an id no course has.
const OWN: &str = r#"
format = 1

[lesson]
id = "coach-own-lesson"
title = "Our turf list"
minutes = 5
level = "beginner"
summary = "A coach's own lesson."

[[steps]]
kind = "read"
title = "Hello turf"
text = "Hi."

[[steps]]
kind = "reflect"
title = "What did you see"
question = "What did you see?"
"#;

#[test]
fn the_export_of_a_coachs_own_lesson_has_its_titles_and_kinds() {
    let tmp = tempfile::tempdir().unwrap();
    let lesson = load_str("own.toml", OWN).lesson.expect("the lesson loads");
    let st = Store::new(Some(tmp.path().to_path_buf()));
    let mut s = Session::open(lesson, &st);
    s.go(1);
    s.save(&st).unwrap();
    let out = tmp.path().join("out.json");
    let r = run(huddle(tmp.path())
        .args(["progress", "--yes", "--export"])
        .arg(&out));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v: Value = serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    let l = &v["lessons"][0];
    assert_eq!(l["title"], "Our turf list");
    assert_eq!(l["steps"][0]["title"], "Hello turf");
    assert_eq!(l["steps"][0]["kind"], "read");
    assert_eq!(l["steps"][1]["title"], "What did you see");
    assert_eq!(l["steps"][1]["kind"], "reflect");
}

#[test]
fn with_lessons_dir_the_bundled_lessons_keep_their_titles() {
    let tmp = tempfile::tempdir().unwrap();
    // A record written before titles were kept with progress.
    std::fs::create_dir_all(tmp.path().join("progress")).unwrap();
    std::fs::write(
        tmp.path().join("progress/welcome.json"),
        r#"{"format": 1, "lesson": "welcome", "current": 0, "finished": false,
            "steps": [{"status": "done", "tries": 0, "hints": 0, "seconds": 5}]}"#,
    )
    .unwrap();
    let course = tempfile::tempdir().unwrap();
    std::fs::write(course.path().join("own.toml"), OWN).unwrap();
    let r = run(huddle(tmp.path())
        .arg("--lessons")
        .arg(course.path())
        .args(["progress", "--format", "json"]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v: Value = serde_json::from_str(&r.stdout).unwrap();
    let l = &v["lessons"][0];
    assert_eq!(l["id"], "welcome");
    assert_eq!(l["title"], "Welcome to huddle", "{}", r.stdout);
    assert!(l["steps"][0]["title"].is_string(), "{}", r.stdout);
}
