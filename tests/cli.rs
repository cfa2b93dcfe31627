//! The command line as a coach and a script see it.

mod common;
use common::*;

#[test]
fn the_bundled_course_checks_clean_from_any_folder() {
    let tmp = tempfile::tempdir().unwrap();
    let r = run(huddle(tmp.path()).current_dir(tmp.path()).arg("check"));
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    assert!(
        r.stdout
            .trim_end()
            .ends_with("11 lessons, 0 errors, 0 warnings"),
        "{}",
        r.stdout
    );
}

#[test]
fn the_lessons_folder_on_disk_checks_clean_too() {
    let tmp = tempfile::tempdir().unwrap();
    let lessons = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("lessons");
    let r = run(huddle(tmp.path()).arg("check").arg(&lessons));
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
}

#[test]
fn a_lesson_written_to_the_format_page_checks_clean_without_code_changes() {
    let tmp = tempfile::tempdir().unwrap();
    let r = run(huddle(tmp.path()).arg("check").arg(fixture("spec-lesson")));
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    assert!(
        r.stdout.contains("1 lesson, 0 errors, 0 warnings"),
        "{}",
        r.stdout
    );
}

#[test]
fn list_json_is_an_array_of_lessons_with_the_documented_keys() {
    let tmp = tempfile::tempdir().unwrap();
    let r = run(huddle(tmp.path()).args(["list", "--format", "json"]));
    assert_eq!(r.code, 0);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).expect("valid JSON");
    let arr = v.as_array().expect("an array");
    assert_eq!(arr.len(), 11, "the course has eleven lessons");
    for l in arr {
        for key in ["id", "title", "minutes", "level", "steps"] {
            assert!(l.get(key).is_some(), "missing {key} in {l}");
        }
    }
    assert_eq!(arr[0]["id"], "welcome");
    assert_eq!(arr[10]["id"], "members-at-the-polls");
    let bundled = huddle::lesson::course::bundled();
    let first = huddle::lesson::load::load_str("welcome", &bundled[0].text)
        .lesson
        .expect("the first lesson loads");
    assert_eq!(arr[0]["steps"], first.steps.len());
}

#[test]
fn list_text_shows_each_lesson_once() {
    let tmp = tempfile::tempdir().unwrap();
    let r = run(huddle(tmp.path()).arg("list"));
    assert_eq!(r.code, 0);
    assert_eq!(r.stdout.matches("meet-your-data").count(), 1);
    assert!(r.stdout.contains("Put back the zeros"));
}

#[test]
fn check_json_reports_positions_and_a_summary() {
    let tmp = tempfile::tempdir().unwrap();
    let r = run(huddle(tmp.path())
        .args(["check", "--format", "json"])
        .arg(fixture("broken-lessons/unknown_lesson_key.toml")));
    assert_eq!(r.code, 1);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).expect("valid JSON");
    assert_eq!(v["summary"]["errors"], 1);
    let d = &v["lessons"][0]["diagnostics"][0];
    assert_eq!(d["severity"], "error");
    assert_eq!(d["line"], 5);
    assert!(
        d["message"]
            .as_str()
            .unwrap()
            .contains("did you mean `title`?")
    );
}

#[test]
fn a_missing_path_is_a_usage_error() {
    let tmp = tempfile::tempdir().unwrap();
    let r = run(huddle(tmp.path()).args(["check", "no/such/lesson.toml"]));
    assert_eq!(r.code, 2, "{}{}", r.stdout, r.stderr);
    assert!(
        r.stderr
            .contains("no/such/lesson.toml: no such file or folder")
    );
    let r = run(huddle(tmp.path()).args(["check", "--format", "yaml"]));
    assert_eq!(r.code, 2);
}

#[test]
fn lessons_dir_points_list_at_another_course() {
    let tmp = tempfile::tempdir().unwrap();
    let r = run(huddle(tmp.path())
        .arg("--lessons")
        .arg(fixture("spec-lesson"))
        .args(["list", "--format", "json"]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 1);
}

#[test]
fn the_bundled_solutions_pass_and_starters_do_not_when_walked_headless() {
    use huddle::check::{Input, step};
    use huddle::lesson::course::bundled;
    use huddle::lesson::model::StepBody;
    use huddle::lesson::validate::{load_entry, load_tables};
    for entry in bundled() {
        let lesson = load_entry(&entry).lesson.expect("bundled lesson loads");
        let data = load_tables(&entry, &lesson).expect("bundled data loads");
        for s in &lesson.steps {
            let (right, wrong) = match &s.body {
                StepBody::Query {
                    solution, starter, ..
                } => (
                    Input::Query(solution.clone()),
                    Input::Query(starter.clone()),
                ),
                StepBody::Clean { solution, .. } => {
                    (Input::Clean(solution.clone()), Input::Clean(vec![]))
                }
                StepBody::Answer { answer, .. } => {
                    let right = huddle::check::answer::expected_value(answer, &data).unwrap();
                    (Input::Answer(right), Input::Answer("-1".into()))
                }
                _ => continue,
            };
            assert!(
                step(s, &right, &data).unwrap().pass,
                "{}: {}",
                lesson.meta.id,
                s.title
            );
            assert!(
                !step(s, &wrong, &data).unwrap().pass,
                "{}: {}",
                lesson.meta.id,
                s.title
            );
        }
    }
}
