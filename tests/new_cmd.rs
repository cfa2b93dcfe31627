//! `huddle new`: a coach's first lesson file, which passes `huddle check` as written
//! and never replaces a file that is already there.

mod common;
use common::*;
use std::path::Path;

fn new_lesson(data_dir: &Path, dir: &Path, id: &str, extra: &[&str]) -> Ran {
    run(huddle(data_dir)
        .args(["new", id, "--dir"])
        .arg(dir)
        .args(extra))
}

fn check(data_dir: &Path, file: &Path) -> Ran {
    run(huddle(data_dir).arg("check").arg(file))
}

#[test]
fn the_skeleton_passes_check_exactly_as_written() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("course");
    let r = new_lesson(tmp.path(), &dir, "members-per-county", &[]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    let lesson = dir.join("members-per-county.toml");
    assert!(
        r.stdout.contains(&lesson.display().to_string()),
        "{}",
        r.stdout
    );
    assert!(dir.join("data/members-per-county-members.csv").is_file());
    let c = check(tmp.path(), &lesson);
    assert_eq!(c.code, 0, "{}{}", c.stdout, c.stderr);
    assert!(
        c.stdout.contains("1 lesson, 0 errors, 0 warnings"),
        "{}",
        c.stdout
    );
    // The course folder works as --lessons too.
    let l = run(huddle(tmp.path())
        .arg("--lessons")
        .arg(&dir)
        .args(["list", "--format", "json"]));
    assert_eq!(l.code, 0, "{}", l.stderr);
    assert!(l.stdout.contains("\"members-per-county\""), "{}", l.stdout);
}

#[test]
fn the_skeleton_shows_every_step_kind_with_hints_mistakes_and_coach_notes() {
    let tmp = tempfile::tempdir().unwrap();
    let r = new_lesson(tmp.path(), tmp.path(), "tour", &[]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let text = std::fs::read_to_string(tmp.path().join("tour.toml")).unwrap();
    let doc: toml::Value = toml::from_str(&text).unwrap();
    assert_eq!(doc["lesson"]["id"].as_str(), Some("tour"));
    let steps = doc["steps"].as_array().unwrap();
    let kinds: Vec<&str> = steps.iter().map(|s| s["kind"].as_str().unwrap()).collect();
    for kind in [
        "read", "table", "chart", "choice", "answer", "query", "clean", "reflect",
    ] {
        assert!(kinds.contains(&kind), "no {kind} step in {kinds:?}");
    }
    assert_eq!(kinds.iter().filter(|k| **k == "reflect").count(), 1);
    for key in ["hints", "mistakes", "coach"] {
        assert!(
            steps.iter().any(|s| s.get(key).is_some()),
            "no step shows `{key}`"
        );
    }
    // Comments explain the keys.
    assert!(text.contains("# ") && text.contains("answer_sql"));
    assert!(
        !text.contains("[lesson.es]"),
        "no translations unless asked"
    );
}

#[test]
fn the_sample_data_has_a_lost_zero_and_a_county_spelled_two_ways() {
    let tmp = tempfile::tempdir().unwrap();
    new_lesson(tmp.path(), tmp.path(), "demo", &[]);
    let csv = std::fs::read_to_string(tmp.path().join("data/demo-members.csv")).unwrap();
    let rows: Vec<Vec<&str>> = csv
        .lines()
        .skip(1)
        .map(|l| l.split(',').collect())
        .collect();
    assert!((4..=12).contains(&rows.len()), "a handful of rows");
    assert!(
        rows.iter().any(|r| r[2].len() == 4),
        "a ZIP without its zero"
    );
    let counties: Vec<&str> = rows.iter().map(|r| r[3]).collect();
    assert!(
        counties
            .iter()
            .any(|a| counties.iter().any(|b| a != b && a.eq_ignore_ascii_case(b))),
        "one county spelled two ways: {counties:?}"
    );
}

#[test]
fn an_existing_lesson_or_data_file_is_never_overwritten() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    std::fs::write(dir.join("demo.toml"), "my own lesson").unwrap();
    let r = new_lesson(dir, dir, "demo", &[]);
    assert_eq!(r.code, 2, "{}{}", r.stdout, r.stderr);
    assert!(
        r.stderr.contains("demo.toml already exists"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("never overwrites"), "{}", r.stderr);
    assert_eq!(
        std::fs::read_to_string(dir.join("demo.toml")).unwrap(),
        "my own lesson"
    );
    assert!(
        !dir.join("data/demo-members.csv").exists(),
        "nothing written"
    );

    let other = dir.join("other");
    std::fs::create_dir_all(other.join("data")).unwrap();
    std::fs::write(other.join("data/demo-members.csv"), "mine").unwrap();
    let r = new_lesson(dir, &other, "demo", &[]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("demo-members.csv already exists"),
        "{}",
        r.stderr
    );
    assert!(!other.join("demo.toml").exists(), "nothing written");
    assert_eq!(
        std::fs::read_to_string(other.join("data/demo-members.csv")).unwrap(),
        "mine"
    );
}

#[test]
fn a_bad_id_is_refused_with_the_reason_and_a_fix() {
    let tmp = tempfile::tempdir().unwrap();
    let r = new_lesson(tmp.path(), tmp.path(), "Members Per County", &[]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("lowercase letters, digits"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains("try \"members-per-county\""),
        "{}",
        r.stderr
    );
    assert_eq!(std::fs::read_dir(tmp.path()).unwrap().count(), 0);
}

#[test]
fn without_dir_it_writes_into_the_current_folder() {
    let tmp = tempfile::tempdir().unwrap();
    let r = run(huddle(tmp.path())
        .current_dir(tmp.path())
        .args(["new", "here"]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let c = run(huddle(tmp.path())
        .current_dir(tmp.path())
        .args(["check", "here.toml"]));
    assert_eq!(c.code, 0, "{}", c.stdout);
}

#[test]
fn lang_es_adds_spanish_sub_tables() {
    let tmp = tempfile::tempdir().unwrap();
    let r = new_lesson(tmp.path(), tmp.path(), "demo", &["--lang", "es"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let text = std::fs::read_to_string(tmp.path().join("demo.toml")).unwrap();
    let doc: toml::Value = toml::from_str(&text).unwrap();
    assert!(doc["lesson"]["es"]["title"].is_str());
    for step in doc["steps"].as_array().unwrap() {
        let es = step
            .get("es")
            .unwrap_or_else(|| panic!("no [steps.es] in {step}"));
        assert!(es["title"].is_str());
        for m in step
            .get("mistakes")
            .and_then(|m| m.as_array())
            .into_iter()
            .flatten()
        {
            assert!(m["es"]["feedback"].is_str(), "{m}");
        }
    }
}

#[test]
fn lang_es_skeleton_passes_check() {
    let tmp = tempfile::tempdir().unwrap();
    let r = new_lesson(tmp.path(), tmp.path(), "demo", &["--lang", "es"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let c = check(tmp.path(), &tmp.path().join("demo.toml"));
    assert_eq!(c.code, 0, "{}", c.stdout);
    assert!(c.stdout.contains("0 errors, 0 warnings"), "{}", c.stdout);
}

#[test]
fn messages_in_spanish_with_lang_es() {
    let tmp = tempfile::tempdir().unwrap();
    let r = new_lesson(tmp.path(), tmp.path(), "demo", &["--lang", "es"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout.contains("se escribió") && r.stdout.contains("demo.toml"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout
            .contains("sigue: edita la lección y luego usa `huddle check"),
        "{}",
        r.stdout
    );
    let again = new_lesson(tmp.path(), tmp.path(), "demo", &["--lang", "es"]);
    assert_eq!(again.code, 2);
    assert!(
        again
            .stderr
            .contains("ya existe; huddle nunca sobrescribe un archivo"),
        "{}",
        again.stderr
    );
    let bad = new_lesson(
        tmp.path(),
        tmp.path(),
        "Members Per County",
        &["--lang", "es"],
    );
    assert_eq!(bad.code, 2);
    assert!(
        bad.stderr.contains("no puede ser el id de una lección")
            && bad.stderr.contains("prueba con \"members-per-county\""),
        "{}",
        bad.stderr
    );
}
