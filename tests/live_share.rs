//! `huddle host --share-data`: a coach's own lesson runs for a learner who lacks its
//! files, and only tables marked `sample = true` ever leave the coach's machine.
//! Real network engine on loopback, relays off.

use huddle::lesson::course::{CourseRoot, LessonEntry, from_paths};
use huddle::lesson::validate::{load_entry, load_tables};
use huddle::live::code::JoinCode;
use huddle::live::iroh_net::Net;
use huddle::live::protocol::SharedFile;
use huddle::tui::live::{Start, host, join};
use std::time::Duration;

const LESSON: &str = r#"format = 1

[lesson]
id = "coach-new-lesson"
title = "A lesson written last night"

[tables.events]
file = "../data/events.csv"
sample = true

[tables.events.columns]
county = { type = "text" }
people = { type = "integer" }

[tables.members]
file = "../data/members.csv"

[tables.members.columns]
email = { type = "text", pii = true }

[[steps]]
kind = "read"
title = "Look"
text = "Look at the events."
"#;

const MEMBER_SENTINEL: &str = "zz-never-sent-7731@example.org";

fn course(events: &[u8]) -> (tempfile::TempDir, LessonEntry) {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(tmp.path().join("lessons")).unwrap();
    std::fs::create_dir_all(tmp.path().join("data")).unwrap();
    std::fs::write(tmp.path().join("lessons/new.toml"), LESSON).unwrap();
    std::fs::write(tmp.path().join("data/events.csv"), events).unwrap();
    std::fs::write(
        tmp.path().join("data/members.csv"),
        format!("email\n{MEMBER_SENTINEL}\n"),
    )
    .unwrap();
    let (mut entries, errors) = from_paths(&[tmp.path().join("lessons/new.toml")]);
    assert!(errors.is_empty(), "{errors:?}");
    (tmp, entries.remove(0))
}

fn host_start(share_data: bool) -> Start {
    Start::Host {
        net: Net::local(),
        coach: "Coach".into(),
        code_file: None,
        cap: 10,
        stuck_after: Duration::from_secs(300),
        summaries: None,
        share_data,
    }
}

fn join_start(code: &str) -> Start {
    Start::Join {
        code: JoinCode::parse(code).unwrap(),
        name: "Bo".into(),
        net: Net::local(),
    }
}

#[test]
fn a_learner_without_the_lesson_runs_it_on_the_sample_data_the_coach_sent() {
    let (_dir, entry) = course(b"county,people\nEssex,12\nKent,7\n");
    let lesson = load_entry(&entry).lesson.expect("lesson loads");
    let pane = host(&host_start(true), &entry, &lesson).expect("host starts");
    // The coach is told which table was kept back, and why.
    let note = pane.note.clone().unwrap_or_default();
    assert!(
        note.contains("members") && note.contains("sample = true"),
        "{note}"
    );

    // A learner whose course does not have this lesson.
    let (_bar, got) = join(&join_start(&pane.code), &[]).expect("learner joins");
    assert!(matches!(got.root, CourseRoot::Shared(_)), "{:?}", got.root);
    let lesson_there = load_entry(&got).lesson.expect("the coach's lesson loads");
    assert_eq!(lesson_there.meta.id, "coach-new-lesson");
    assert_eq!(
        got.read_data("../data/events.csv").unwrap(),
        b"county,people\nEssex,12\nKent,7\n"
    );
    // The unmarked table never came; the learner is told what to do.
    let err = got
        .read_data("../data/members.csv")
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("--share-data") && err.contains("--data"),
        "{err}"
    );
    assert!(!err.contains(MEMBER_SENTINEL));
    // The player would load the shared table, and name the missing one.
    let errs = load_tables(&got, &lesson_there).unwrap_err();
    assert_eq!(errs.len(), 1, "{errs:?}");
    assert_eq!(errs[0].0, "members");
}

#[test]
fn without_share_data_no_file_is_sent() {
    let (_dir, entry) = course(b"county,people\nEssex,12\n");
    let lesson = load_entry(&entry).lesson.unwrap();
    let pane = host(&host_start(false), &entry, &lesson).expect("host starts");
    let (_bar, got) = join(&join_start(&pane.code), &[]).expect("learner joins");
    assert!(matches!(got.root, CourseRoot::Bundled), "{:?}", got.root);
    assert!(got.read_data("../data/events.csv").is_err());
}

#[test]
fn too_much_sample_data_stops_the_host_before_anyone_joins() {
    let big = vec![b'x'; huddle::live::protocol::MAX_SHARED_BYTES + 1];
    let (_dir, entry) = course(&big);
    let lesson = load_entry(&entry).lesson.unwrap();
    let Err(e) = host(&host_start(true), &entry, &lesson) else {
        panic!("a 4 MB+ share must be refused");
    };
    assert!(
        e.contains("--share-data") && e.contains("KB") && e.contains("events"),
        "{e}"
    );
}

#[test]
fn a_learner_takes_in_only_what_the_lesson_marks_as_sample() {
    // A hostile or buggy host sends the member table anyway: the learner drops it.
    let (_dir, entry) = course(b"county,people\n");
    let lesson = load_entry(&entry).lesson.unwrap();
    let sent = vec![
        SharedFile {
            table: "members".into(),
            data: data_encoding::BASE64.encode(MEMBER_SENTINEL.as_bytes()),
        },
        SharedFile {
            table: "events".into(),
            data: data_encoding::BASE64.encode(b"county,people\n"),
        },
    ];
    let got = huddle::live::share::incoming(&lesson, &sent).unwrap();
    assert_eq!(got.0.len(), 1);
    assert!(got.0.contains_key("../data/events.csv"));
    // Damaged base64 is a clear error, not a panic.
    let bad = vec![SharedFile {
        table: "events".into(),
        data: "!!!not base64".into(),
    }];
    let e = huddle::live::share::incoming(&lesson, &bad).unwrap_err();
    assert!(e.contains("damaged"), "{e}");
}
