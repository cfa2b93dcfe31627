//! `huddle schema`: the printed JSON Schema accepts every real lesson and rejects the
//! mistakes an editor should underline (unknown keys, keys of another kind).

mod common;
use common::schema::{Validator, printed_schema};
use common::*;
use std::path::{Path, PathBuf};

/// The bundled lessons, then the frozen test course (whose lessons carry Spanish).
fn lesson_files() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut all = Vec::new();
    for dir in [root.join("lessons"), root.join("tests/fixtures/course")] {
        let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "toml"))
            .collect();
        files.sort();
        all.extend(files);
    }
    all
}

#[test]
fn every_bundled_lesson_validates() {
    let v = Validator::new();
    let files = lesson_files();
    assert!(!files.is_empty());
    for f in files
        .iter()
        .chain([&fixture("spec-lesson/members-lesson.toml")])
    {
        let text = std::fs::read_to_string(f).unwrap();
        if let Err(e) = v.check(&text) {
            panic!("{} does not validate:\n{e}", f.display());
        }
    }
}

#[test]
fn the_new_lesson_skeleton_validates_in_english_and_with_spanish() {
    let v = Validator::new();
    let tmp = tempfile::tempdir().unwrap();
    for (id, extra) in [("plain", &[][..]), ("spanish", &["--lang", "es"][..])] {
        let r = run(huddle(tmp.path())
            .args(["new", id, "--dir"])
            .arg(tmp.path())
            .args(extra));
        assert_eq!(r.code, 0, "{}", r.stderr);
        let text = std::fs::read_to_string(tmp.path().join(format!("{id}.toml"))).unwrap();
        if let Err(e) = v.check(&text) {
            panic!("{id} skeleton does not validate:\n{e}");
        }
    }
}

/// The frozen zeros lesson (tests/fixtures/course) with `from` replaced by `to`
/// (which must change it).
fn bundled_with(from: &str, to: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/course/02-put-back-the-zeros.toml");
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{from:?} not in the lesson");
    text.replacen(from, to, 1)
}

fn rejected(text: &str, what: &str) -> String {
    match Validator::new().check(text) {
        Ok(()) => panic!("{what} was accepted"),
        Err(e) => e,
    }
}

#[test]
fn an_unknown_lesson_key_is_rejected() {
    let e = rejected(
        &bundled_with("title = \"Put back", "titel = \"Put back"),
        "titel",
    );
    assert!(e.contains("titel"), "{e}");
}

#[test]
fn an_op_key_that_belongs_to_another_op_is_rejected() {
    // `pad` takes column, width and with; `to` belongs to `case` and `rename`.
    let e = rejected(
        &bundled_with(
            "{ op = \"pad\", column = \"zip\", width = 5, with = \"0\" }",
            "{ op = \"pad\", column = \"zip\", width = 5, to = \"0\" }",
        ),
        "pad with `to`",
    );
    assert!(e.contains("to"), "{e}");
    rejected(
        &bundled_with("op = \"pad\"", "op = \"padd\""),
        "an unknown op name",
    );
}

#[test]
fn keys_of_another_rule_or_step_kind_and_missing_keys_are_rejected() {
    rejected(
        &bundled_with("rule = \"matches\", pattern", "rule = \"unique\", pattern"),
        "a pattern on a unique rule",
    );
    rejected(
        &bundled_with(
            "kind = \"read\"\ntitle = \"What Excel did\"",
            "kind = \"read\"\ntitle = \"What Excel did\"\nquestion = \"?\"",
        ),
        "a question on a read step",
    );
    rejected(
        &bundled_with(
            "answer_sql = \"SELECT COUNT(*) FROM members WHERE LENGTH(zip) = 4\"",
            "",
        ),
        "an answer step without an answer",
    );
    rejected(
        &bundled_with(
            "[steps.mistakes]]\nanswer = \"0\"",
            "[steps.mistakes]]\nanswr = \"0\"",
        ),
        "a misspelled mistake key",
    );
}

#[test]
fn translation_sub_tables_validate_but_only_with_translatable_keys() {
    let v = Validator::new();
    let ok = bundled_with("[lesson.es]\n", "[lesson.es]\n");
    assert!(
        ok.contains("[steps.es]"),
        "the frozen lesson carries Spanish"
    );
    v.check(&ok).unwrap();
    rejected(
        &bundled_with("[lesson.es]\n", "[lesson.es]\nminutes = 3\n"),
        "a non-translatable key in [lesson.es]",
    );
}

#[test]
fn keys_carry_their_help_for_editors() {
    let s = printed_schema();
    let id = &s["definitions"]["LessonMeta"]["properties"]["id"];
    assert!(
        id["description"]
            .as_str()
            .is_some_and(|d| d.contains("progress")),
        "{id}"
    );
    let text = s.to_string();
    assert!(
        text.contains("Left-pad to a width"),
        "op descriptions come from the Op docs"
    );
}
