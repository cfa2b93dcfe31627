//! Every TOML example in the coach's guide (docs/lesson-format.md) is real: complete
//! lessons pass `huddle check`, fragments load and validate against `huddle schema`.

mod common;
use common::schema::Validator;
use common::*;
use std::path::{Path, PathBuf};

fn project(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

/// Fenced blocks of the guide: (info string, text, line of the opening fence).
fn blocks() -> Vec<(String, String, usize)> {
    let doc = std::fs::read_to_string(project("docs/lesson-format.md")).unwrap();
    let mut out = Vec::new();
    let mut open: Option<(String, String, usize)> = None;
    for (i, line) in doc.lines().enumerate() {
        match (&mut open, line.strip_prefix("```")) {
            (None, Some(info)) => open = Some((info.trim().to_string(), String::new(), i + 1)),
            (Some(_), Some("")) => out.extend(open.take()),
            (Some((_, text, _)), _) => {
                text.push_str(line);
                text.push('\n');
            }
            (None, None) => {}
        }
    }
    assert!(open.is_none(), "an unclosed code block in the guide");
    out
}

fn is_complete(text: &str) -> bool {
    text.starts_with("format = 1") && text.contains("[lesson]") && text.contains("[[steps]]")
}

/// A fragment made into a lesson: the header and a step it lacks are added, after
/// the fragment's own top-level keys.
fn as_lesson(fragment: &str) -> String {
    let split = fragment
        .lines()
        .position(|l| l.starts_with('['))
        .unwrap_or(fragment.lines().count());
    let lines: Vec<&str> = fragment.lines().collect();
    let (top, rest) = lines.split_at(split);
    let mut text = String::new();
    if !fragment.contains("format = 1") {
        text.push_str("format = 1\n");
    }
    text.push_str(&top.join("\n"));
    text.push('\n');
    if !fragment.contains("[lesson]") {
        text.push_str("[lesson]\nid = \"fragment\"\ntitle = \"A fragment\"\n\n");
    }
    text.push_str(&rest.join("\n"));
    if !fragment.contains("[[steps]]") {
        text.push_str("\n[[steps]]\nkind = \"read\"\ntitle = \"Added\"\n");
    }
    text
}

#[test]
fn the_guide_has_a_complete_lesson_and_it_is_the_checked_example_file() {
    let example =
        std::fs::read_to_string(project("docs/examples/members-per-county.toml")).unwrap();
    let complete: Vec<String> = blocks()
        .into_iter()
        .filter(|(info, text, _)| info == "toml" && is_complete(text))
        .map(|(_, text, _)| text)
        .collect();
    assert!(!complete.is_empty(), "no complete lesson in the guide");
    assert!(
        complete.contains(&example),
        "the guide's complete lesson differs from docs/examples/members-per-county.toml"
    );
}

#[test]
fn every_complete_lesson_in_the_guide_passes_check_on_the_example_data() {
    let tmp = tempfile::tempdir().unwrap();
    let course = tmp.path().join("course");
    std::fs::create_dir_all(course.join("data")).unwrap();
    std::fs::copy(
        project("docs/examples/data/members.csv"),
        course.join("data/members.csv"),
    )
    .unwrap();
    let mut n = 0;
    for (info, text, line) in blocks() {
        if info == "toml" && is_complete(&text) {
            n += 1;
            let file = course.join(format!("lesson-at-line-{line}.toml"));
            std::fs::write(&file, &text).unwrap();
            let r = run(huddle(tmp.path()).arg("check").arg(&file));
            assert_eq!(r.code, 0, "guide line {line}:\n{}{}", r.stdout, r.stderr);
            assert!(
                r.stdout.contains("0 errors, 0 warnings"),
                "guide line {line}:\n{}",
                r.stdout
            );
        }
    }
    assert!(n >= 1);
}

#[test]
fn the_example_course_folder_passes_check() {
    let tmp = tempfile::tempdir().unwrap();
    let r = run(huddle(tmp.path())
        .arg("check")
        .arg(project("docs/examples")));
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    assert!(
        r.stdout.contains("1 lesson, 0 errors, 0 warnings"),
        "{}",
        r.stdout
    );
}

#[test]
fn every_toml_fragment_in_the_guide_loads_and_validates_against_the_schema() {
    let validator = Validator::new();
    let mut checked = 0;
    for (info, text, line) in blocks() {
        if info != "toml" {
            continue;
        }
        checked += 1;
        let lesson = as_lesson(&text);
        if let Err(e) = validator.check(&lesson) {
            panic!("guide line {line} does not validate against the schema:\n{e}\n{lesson}");
        }
        let loaded = huddle::lesson::load::load_str(&format!("guide line {line}"), &lesson);
        let errors: Vec<String> = loaded
            .diagnostics
            .iter()
            .filter(|d| d.is_error())
            .map(|d| d.render())
            .collect();
        assert!(
            errors.is_empty(),
            "guide line {line}:\n{}",
            errors.join("\n")
        );
    }
    assert!(checked >= 15, "only {checked} TOML examples found");
}

#[test]
fn other_examples_in_the_guide_parse() {
    for (info, text, line) in blocks() {
        match info.as_str() {
            "json" => {
                serde_json::from_str::<serde_json::Value>(&text)
                    .unwrap_or_else(|e| panic!("guide line {line}: {e}"));
            }
            "toml config" => {
                toml::from_str::<toml::Value>(&text)
                    .unwrap_or_else(|e| panic!("guide line {line}: {e}"));
            }
            _ => {}
        }
    }
}
