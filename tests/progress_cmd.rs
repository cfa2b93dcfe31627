//! `huddle progress` and `huddle progress --export`: what a learner sees of their
//! progress, and that the file they send their coach holds none of their data.

mod common;
use common::*;
use huddle::data::mapping::{SavedMapping, save_mapping};
use huddle::lesson::course;
use huddle::lesson::validate::load_entry;
use huddle::progress::store::Store;
use huddle::progress::{LessonProgress, StepStatus};
use huddle::tui::session::Session;
use serde_json::{Value, json};
use std::path::Path;
use std::time::{Duration, Instant};

const ZEROS: &str = "put-back-the-zeros";
/// Values planted in the learner's own data, as a recipe and a mapping would keep them.
const SENTINELS: [&str; 5] = [
    "jo.sentinel@example.org",
    "(413) 555-0199",
    "Secret_Col_9",
    "12 Elm St",
    "Donor_Zip_Private",
];

fn store(dir: &Path) -> Store {
    Store::new(Some(dir.to_path_buf()))
}

/// Progress in the zeros lesson: both clean steps done with recipes that name the
/// learner's columns and values, a mapping of their file, and a reflection.
/// Where things are in the zeros lesson: (an answer step, the clean step, the reflect
/// step, the number of steps).
fn zeros_steps() -> (usize, usize, usize, usize) {
    let lesson = zeros_lesson();
    let at = |kind: &str| {
        lesson
            .steps
            .iter()
            .position(|s| s.kind().as_str() == kind)
            .unwrap_or_else(|| panic!("the zeros lesson has a {kind} step"))
    };
    (at("answer"), at("clean"), at("reflect"), lesson.steps.len())
}

fn plant_progress(dir: &Path, reflection: &str) -> LessonProgress {
    let s = store(dir);
    let (answer, clean, reflect, n) = zeros_steps();
    let mut p = LessonProgress::new(ZEROS, &vec![None; n]);
    for (i, st) in p.steps.iter_mut().enumerate() {
        st.status = StepStatus::Done;
        st.seconds = 30 + 10 * i as u64;
    }
    p.steps[answer].tries = 3;
    p.steps[answer].hints = 1;
    p.steps[clean].recipe = vec![
        json!({"op": "rename", "column": "Secret_Col_9", "to": "zip"}),
        json!({"op": "filter", "column": "email", "where": "email <> 'jo.sentinel@example.org'"}),
        json!({"op": "merge_values", "column": "county", "map": {"12 Elm St": "12 Elm Street"}}),
        json!({"op": "replace", "column": "phone", "find": "(413) 555-0199", "with": ""}),
    ];
    p.steps[reflect].reflection = Some(reflection.to_string());
    p.current = reflect;
    p.finished = true;
    s.save(&p).unwrap();
    let mapping = SavedMapping {
        format: 1,
        lesson: ZEROS.into(),
        table: "members".into(),
        header: "abc123".into(),
        columns: [
            ("zip".to_string(), "Secret_Col_9".to_string()),
            ("email".to_string(), "Donor_Zip_Private".to_string()),
        ]
        .into_iter()
        .collect(),
    };
    save_mapping(&s, &mapping).unwrap();
    p
}

/// The bundled zeros lesson, as the player loads it.
fn zeros_lesson() -> huddle::lesson::model::Lesson {
    let entry = course::bundled()
        .into_iter()
        .find(|e| e.text.contains(&format!("id = \"{ZEROS}\"")))
        .expect("the bundled course has the zeros lesson");
    load_entry(&entry).lesson.expect("it loads")
}

fn read_json(path: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

#[test]
fn active_time_goes_to_the_step_the_learner_was_on_and_long_pauses_are_capped() {
    let tmp = tempfile::tempdir().unwrap();
    let lesson = zeros_lesson();
    let st = store(tmp.path());
    let mut s = Session::open(lesson, &st);
    let t0 = Instant::now();
    s.tick_at(t0 + Duration::from_secs(30));
    s.go(1);
    s.tick_at(t0 + Duration::from_secs(30 + 3600));
    s.save(&st).unwrap();
    let r = run(huddle(tmp.path()).args(["progress", "--format", "json"]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v: Value = serde_json::from_str(&r.stdout).unwrap();
    let steps = &v["lessons"][0]["steps"];
    assert_eq!(steps[0]["seconds"], 30);
    assert_eq!(
        steps[1]["seconds"], 120,
        "an hour away counts as two minutes"
    );
    assert_eq!(v["lessons"][0]["seconds"], 150);
}

#[test]
fn progress_lists_lessons_with_titles_counts_time_and_reflections() {
    let tmp = tempfile::tempdir().unwrap();
    let p = plant_progress(tmp.path(), "Padding fixed 295 ZIPs.");
    let r = run(huddle(tmp.path()).arg("progress"));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let title = zeros_lesson().meta.title;
    assert!(
        r.stdout.contains(&format!("{title} ({ZEROS}): finished")),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains(&format!(
            "{n} of {n} steps done · 3 tries · 1 hints",
            n = zeros_steps().3
        )),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("Padding fixed 295 ZIPs."));
    let json = run(huddle(tmp.path()).args(["progress", "--format", "json"]));
    let v: Value = serde_json::from_str(&json.stdout).unwrap();
    let l = &v["lessons"][0];
    assert_eq!(l["title"], title.as_str());
    assert_eq!(l["steps"][zeros_steps().1]["kind"], "clean");
    assert_eq!(l["seconds"], p.seconds());
    assert!(
        !json.stdout.contains("Secret_Col_9"),
        "recipes are not part of the listing"
    );
}

#[test]
fn no_progress_says_so() {
    let tmp = tempfile::tempdir().unwrap();
    let r = run(huddle(tmp.path()).arg("progress"));
    assert_eq!(r.code, 0);
    assert!(r.stdout.contains("No progress yet"), "{}", r.stdout);
    let e = run(huddle(tmp.path())
        .args(["progress", "--export", "x.json", "--yes"])
        .current_dir(tmp.path()));
    assert_eq!(e.code, 1);
    assert!(!tmp.path().join("x.json").exists());
}

#[test]
fn a_broken_progress_file_is_named_and_left_where_it_is() {
    let tmp = tempfile::tempdir().unwrap();
    plant_progress(tmp.path(), "ok");
    let bad = tmp.path().join("progress").join("who-are-our-people.json");
    std::fs::write(&bad, "{ \"format\": 1, \"lesson\": ").unwrap();
    let r = run(huddle(tmp.path()).arg("progress"));
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("who-are-our-people.json"), "{}", r.stderr);
    assert!(
        r.stdout.contains(&zeros_lesson().meta.title),
        "the rest is still listed"
    );
    assert!(bad.exists());
}

#[test]
fn the_export_holds_no_value_and_no_column_name_from_the_learners_files() {
    let tmp = tempfile::tempdir().unwrap();
    plant_progress(
        tmp.path(),
        "Padding fixed the ZIPs; the counties took three tries.",
    );
    let out = tmp.path().join("for-coach.json");
    let r = run(huddle(tmp.path())
        .args(["progress", "--yes", "--name", "Ana R.", "--export"])
        .arg(&out));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let text = std::fs::read_to_string(&out).unwrap();
    for s in SENTINELS {
        assert!(!text.contains(s), "{s} leaked into the export:\n{text}");
    }
    let v = read_json(&out);
    assert_eq!(v["huddle_progress_export"], 1);
    assert_eq!(v["name"], "Ana R.");
    let date = v["date"].as_str().unwrap();
    assert!(
        chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d").is_ok(),
        "{date}"
    );
    let lesson = &v["lessons"][0];
    assert_eq!(lesson["id"], ZEROS);
    let course_lesson = zeros_lesson();
    assert_eq!(lesson["title"], course_lesson.meta.title.as_str());
    assert_eq!(
        lesson["steps"][zeros_steps().0]["title"],
        course_lesson.steps[zeros_steps().0].title.as_str()
    );
    let step = &lesson["steps"][zeros_steps().0];
    for key in [
        "step", "id", "title", "kind", "status", "tries", "hints", "seconds",
    ] {
        assert!(step.get(key).is_some(), "missing {key}: {step}");
    }
    assert_eq!(
        (step["tries"].as_u64(), step["hints"].as_u64()),
        (Some(3), Some(1))
    );
    assert_eq!(
        lesson["steps"][zeros_steps().2]["reflection"],
        "Padding fixed the ZIPs; the counties took three tries."
    );
    assert!(!text.contains("recipe"), "no recipe in the export");
}

#[test]
fn an_existing_file_is_refused_and_replaced_only_with_force() {
    let tmp = tempfile::tempdir().unwrap();
    plant_progress(tmp.path(), "ok");
    let out = tmp.path().join("mine.json");
    std::fs::write(&out, "my own notes").unwrap();
    let r = run(huddle(tmp.path())
        .args(["progress", "--yes", "--export"])
        .arg(&out));
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("already exists") && r.stderr.contains("--force"),
        "{}",
        r.stderr
    );
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "my own notes");
    let r = run(huddle(tmp.path())
        .args(["progress", "--yes", "--force", "--export"])
        .arg(&out));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(read_json(&out)["huddle_progress_export"], 1);
}

#[test]
fn without_a_terminal_the_export_needs_yes() {
    let tmp = tempfile::tempdir().unwrap();
    plant_progress(tmp.path(), "ok");
    let out = tmp.path().join("x.json");
    let r = run(huddle(tmp.path()).args(["progress", "--export"]).arg(&out));
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("--yes"), "{}", r.stderr);
    assert!(!out.exists());
}

#[test]
fn a_reflection_with_an_email_or_phone_is_warned_about() {
    let tmp = tempfile::tempdir().unwrap();
    plant_progress(tmp.path(), "Ask Jo at 413-555-0123 about it.");
    let out = tmp.path().join("x.json");
    let r = run(huddle(tmp.path())
        .args(["progress", "--yes", "--export"])
        .arg(&out));
    assert_eq!(r.code, 0);
    assert!(
        r.stderr.contains("warning") && r.stderr.contains("a phone number"),
        "{}",
        r.stderr
    );
}

#[test]
fn progress_in_spanish_with_lang_es() {
    let tmp = tempfile::tempdir().unwrap();
    plant_progress(tmp.path(), "Padding fixed 295 ZIPs.");
    let r = run(huddle(tmp.path()).args(["--lang", "es", "progress"]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let n = zeros_steps().3;
    assert!(
        r.stdout.contains(&format!("({ZEROS}): terminada")),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout
            .contains(&format!("{n} de {n} pasos hechos · 3 intentos · 1 pistas")),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout
            .contains("paso  tipo     estado    intentos  pistas  tiempo  título"),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("hecho"), "{}", r.stdout);
    assert!(r.stdout.contains("Reflexión (paso"), "{}", r.stdout);
    assert!(
        r.stdout.contains("Padding fixed 295 ZIPs."),
        "the learner's words stay"
    );
    assert!(!r.stdout.contains("steps done"), "{}", r.stdout);
    // A lesson with Spanish shows its Spanish title; the JSON keeps the lesson's own.
    let course = fixture("course");
    let r = run(huddle(tmp.path())
        .args(["--lang", "es", "--lessons"])
        .arg(&course)
        .arg("progress"));
    assert!(
        r.stdout
            .contains("Devuelve los ceros, ordena los condados (put-back-the-zeros)"),
        "{}",
        r.stdout
    );
    let json = run(huddle(tmp.path())
        .args(["--lang", "es", "--lessons"])
        .arg(&course)
        .args(["progress", "--format", "json"]));
    assert!(
        json.stdout
            .contains("Put back the zeros, tidy the counties"),
        "{}",
        json.stdout
    );
    let empty = tempfile::tempdir().unwrap();
    let r = run(huddle(empty.path()).args(["--lang", "es", "progress"]));
    assert!(r.stdout.contains("Todavía no hay progreso"), "{}", r.stdout);
}
