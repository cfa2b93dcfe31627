//! `huddle cohort DIR`: a coach's roll-up of ten exports, two of them broken.

mod common;
use common::cohort::{NAMES, finished, hints, lessons, started, tries, write_folder};
use common::*;
use serde_json::Value;

fn folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    write_folder(dir.path());
    dir
}

#[test]
fn json_counts_finishes_and_puts_the_most_tried_step_first() {
    let dir = folder();
    let data = tempfile::tempdir().unwrap();
    let r = run(huddle(data.path())
        .args(["cohort", "--format", "json"])
        .arg(dir.path()));
    assert_eq!(r.code, 1, "broken files make the exit code 1");
    let v: Value = serde_json::from_str(&r.stdout).expect("JSON on stdout");
    assert_eq!(v["learners"].as_array().unwrap().len(), NAMES.len());
    let course = lessons();
    for (l, lesson) in course.iter().enumerate().take(2) {
        let want_finished = (0..NAMES.len())
            .filter(|&i| started(i, l) && finished(i, l))
            .count();
        let want_learners = (0..NAMES.len()).filter(|&i| started(i, l)).count();
        let got = v["lessons"]
            .as_array()
            .unwrap()
            .iter()
            .find(|x| x["id"] == lesson.meta.id.as_str())
            .unwrap();
        assert_eq!(got["finished"], want_finished, "{}", lesson.meta.id);
        assert_eq!(got["learners"], want_learners, "{}", lesson.meta.id);
    }
    // The step with the most tries and hints, recomputed from what was planted.
    let mut best = (0u32, 0usize, 0usize);
    for (l, lesson) in course.iter().enumerate().take(2) {
        for s in 0..lesson.steps.len() {
            let need: u32 = (0..NAMES.len())
                .filter(|&i| started(i, l))
                .map(|i| tries(i, l, s) + hints(i, l, s))
                .sum();
            if need > best.0 {
                best = (need, l, s);
            }
        }
    }
    let top = &v["steps"][0];
    assert_eq!(top["lesson"], course[best.1].meta.id.as_str());
    assert_eq!(top["step"], best.2 + 1);
    assert_eq!(
        top["tries"].as_u64().unwrap() + top["hints"].as_u64().unwrap(),
        u64::from(best.0)
    );
    assert_eq!(top["title"], course[best.1].steps[best.2].title.as_str());
    let skipped: Vec<&str> = v["skipped"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["file"].as_str().unwrap())
        .collect();
    assert_eq!(skipped, vec!["broken.json", "no-tries.json"]);
}

#[test]
fn text_is_the_default_when_piped_and_broken_files_are_named_with_the_problem() {
    let dir = folder();
    let data = tempfile::tempdir().unwrap();
    let r = run(huddle(data.path()).arg("cohort").arg(dir.path()));
    assert_eq!(r.code, 1);
    assert!(
        r.stdout
            .contains(&format!("Cohort: {} learner(s)", NAMES.len())),
        "{}",
        r.stdout
    );
    for name in NAMES.iter().filter(|n| !n.is_empty()) {
        assert!(r.stdout.contains(name), "{name} missing:\n{}", r.stdout);
    }
    assert!(
        r.stdout.contains("learner-02"),
        "a blank name shows the file stem"
    );
    assert!(
        r.stderr.contains("broken.json: not valid JSON"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains("no-tries.json: missing field `tries`"),
        "{}",
        r.stderr
    );
    assert!(
        !r.stderr.contains("notes.txt"),
        "other files are not exports"
    );
    assert!(r.stdout.contains("Steps that needed the most help"));
}

#[test]
fn csv_has_one_row_per_learner_and_lesson_with_names_quoted() {
    let dir = folder();
    let data = tempfile::tempdir().unwrap();
    let r = run(huddle(data.path())
        .args(["cohort", "--format", "csv"])
        .arg(dir.path()));
    let rows: Vec<&str> = r.stdout.lines().collect();
    assert!(rows[0].starts_with("learner,file,date,lesson,title,finished"));
    let want: usize = (0..NAMES.len())
        .map(|i| (0..2).filter(|&l| started(i, l)).count())
        .sum();
    assert_eq!(rows.len() - 1, want);
    assert!(
        r.stdout.contains("\"Lee, Sam\",learner-04.json"),
        "{}",
        r.stdout
    );
}

#[test]
fn a_missing_folder_is_a_usage_error_and_an_empty_one_says_what_to_do() {
    let data = tempfile::tempdir().unwrap();
    let r = run(huddle(data.path())
        .arg("cohort")
        .arg(data.path().join("nope")));
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("not a folder"), "{}", r.stderr);
    let empty = tempfile::tempdir().unwrap();
    let r = run(huddle(data.path()).arg("cohort").arg(empty.path()));
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains("huddle progress --export"),
        "{}",
        r.stderr
    );
}

#[test]
fn exports_written_by_learners_roll_up_for_the_coach() {
    let coach = tempfile::tempdir().unwrap();
    for (who, tries_on_step) in [("Rae", 2u32), ("Sol", 5)] {
        let home = tempfile::tempdir().unwrap();
        let store = huddle::progress::store::Store::new(Some(home.path().to_path_buf()));
        let lesson = &lessons()[0];
        let ids: Vec<Option<String>> = lesson.steps.iter().map(|s| s.id.clone()).collect();
        let mut p = huddle::progress::LessonProgress::new(&lesson.meta.id, &ids);
        p.steps[2].tries = tries_on_step;
        p.steps[2].status = huddle::progress::StepStatus::Done;
        store.save(&p).unwrap();
        let r = run(huddle(home.path())
            .args(["progress", "--yes", "--name", who, "--export"])
            .arg(coach.path().join(format!("{who}.json"))));
        assert_eq!(r.code, 0, "{}", r.stderr);
    }
    let data = tempfile::tempdir().unwrap();
    let r = run(huddle(data.path())
        .args(["cohort", "--format", "json"])
        .arg(coach.path()));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v["learners"][0]["name"], "Rae");
    assert_eq!(v["learners"][1]["name"], "Sol");
    assert_eq!(v["steps"][0]["step"], 3);
    assert_eq!(v["steps"][0]["tries"], 7);
    assert_eq!(v["steps"][0]["learners"], 2);
}

#[test]
fn text_in_spanish_with_lang_es_and_csv_keeps_english_field_names() {
    let dir = folder();
    let data = tempfile::tempdir().unwrap();
    let r = run(huddle(data.path())
        .args(["--lang", "es", "cohort"])
        .arg(dir.path()));
    assert_eq!(r.code, 1);
    assert!(
        r.stdout.contains(&format!("aprendices: {}", NAMES.len()))
            && r.stdout.contains("(2 archivo(s) sin incluir)"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains("Lecciones") && r.stdout.contains("la terminaron"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout
            .contains("Pasos que necesitaron más ayuda (todos los aprendices)")
            && r.stdout
                .contains("paso   intentos  pistas  aprendices  título"),
        "{}",
        r.stdout
    );
    assert!(r.stderr.contains("; no se incluye"), "{}", r.stderr);
    let csv = run(huddle(data.path())
        .args(["--lang", "es", "cohort", "--format", "csv"])
        .arg(dir.path()));
    assert!(
        csv.stdout
            .starts_with("learner,file,date,lesson,title,finished"),
        "{}",
        csv.stdout
    );
}

#[test]
fn in_spanish_the_course_titles_are_shown_in_spanish() {
    let dir = tempfile::tempdir().unwrap();
    let export = r#"{"huddle_progress_export": 1, "name": "Ana", "date": "2026-11-20", "lessons": [
      {"id": "welcome", "title": "Welcome to huddle", "finished": false, "steps": [
        {"step": 3, "title": "Your first answer", "kind": "answer", "status": "done",
         "tries": 4, "hints": 1, "seconds": 90}]},
      {"id": "my-own-lesson", "title": "Our turf", "finished": false, "steps": [
        {"step": 1, "title": "Count the doors", "kind": "answer", "status": "done",
         "tries": 2, "hints": 0, "seconds": 30}]}]}"#;
    std::fs::write(dir.path().join("ana.json"), export).unwrap();
    let data = tempfile::tempdir().unwrap();
    let r = run(huddle(data.path())
        .args(["--lang", "es", "cohort", "--format", "text"])
        .arg(dir.path()));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("Bienvenida a huddle"), "{}", r.stdout);
    assert!(r.stdout.contains("Tu primera respuesta"), "{}", r.stdout);
    assert!(
        r.stdout.contains("Our turf") && r.stdout.contains("Count the doors"),
        "a lesson outside the course keeps its words: {}",
        r.stdout
    );
    let en = run(huddle(data.path())
        .args(["--lang", "en", "cohort", "--format", "text"])
        .arg(dir.path()));
    assert!(en.stdout.contains("Welcome to huddle"), "{}", en.stdout);
}

#[test]
fn a_lesson_id_with_control_characters_is_refused_and_names_are_never_formulas() {
    let dir = tempfile::tempdir().unwrap();
    let ok = r#"{"huddle_progress_export": 1, "name": "=HYPERLINK(\"x\")", "date": "2026-11-20", "lessons": [
      {"id": "welcome", "title": "Welcome to huddle", "finished": true, "steps": []}]}"#;
    let bad = "{\"huddle_progress_export\": 1, \"name\": \"Bo\", \"date\": \"2026-11-20\", \"lessons\": [\
      {\"id\": \"x\\u001b]0;owned\\u0007\", \"title\": \"T\", \"finished\": true, \"steps\": []}]}";
    std::fs::write(dir.path().join("ok.json"), ok).unwrap();
    std::fs::write(dir.path().join("bad.json"), bad).unwrap();
    let data = tempfile::tempdir().unwrap();
    let r = run(huddle(data.path())
        .args(["cohort", "--format", "csv"])
        .arg(dir.path()));
    assert_eq!(r.code, 1, "a file was left out: {}", r.stderr);
    assert!(!r.stdout.contains('\u{1b}') && !r.stderr.contains('\u{1b}'));
    assert!(
        r.stderr.contains("bad.json") && r.stderr.contains("not a huddle lesson id"),
        "{}",
        r.stderr
    );
    assert!(
        r.stdout.contains("\"'=HYPERLINK(\"\"x\"\")\""),
        "{}",
        r.stdout
    );
}
