//! Lessons in several languages: `[lesson.es]`, `[steps.es]` and a mistake's
//! `es = { feedback }` load, are checked with file:line:col, show in the learner's
//! language, and `huddle check` warns about what is left untranslated. The language
//! of the player comes from `--lang` or the locale.

mod common;
use common::*;
use huddle::check::{self, Input};
use huddle::data::sql::Catalog;
use huddle::diag::{Diagnostic, Severity};
use huddle::lesson::load::load_str;
use huddle::lesson::model::{Choices, StepBody};
use huddle::lesson::translation::{localize, missing_warnings};

const GOOD: &str = r#"format = 1

[lesson]
id = "bilingual"
title = "Counting"
summary = "Count things."

[lesson.es]
title = "Contar"
summary = "Contar cosas."

[[steps]]
kind = "read"
title = "Hello"
text = "Welcome."

[steps.es]
title = "Hola"
text = "Bienvenida."

[[steps]]
kind = "choice"
title = "Pick"
question = "Which is a fruit?"
choices = ["Apple", "Stone"]
answer = "Apple"
hints = ["Think of a tree.", "You can eat it."]

[steps.es]
title = "Elige"
question = "¿Cuál es una fruta?"
choices = ["Manzana", "Piedra"]
hints = ["Piensa en un árbol.", "Se puede comer."]

[[steps.mistakes]]
answer = "Stone"
feedback = "You cannot eat a stone."
es = { feedback = "Una piedra no se come." }
"#;

fn load(text: &str) -> (Option<huddle::lesson::model::Lesson>, Vec<Diagnostic>) {
    let l = load_str("t.toml", text);
    (l.lesson, l.diagnostics)
}

/// 1-based line of the first line containing `needle`.
fn line(text: &str, needle: &str) -> usize {
    text.lines().position(|l| l.contains(needle)).unwrap() + 1
}

fn only_error(diags: &[Diagnostic]) -> &Diagnostic {
    let errors: Vec<&Diagnostic> = diags.iter().filter(|d| d.is_error()).collect();
    assert_eq!(errors.len(), 1, "{diags:#?}");
    errors[0]
}

#[test]
fn a_translated_lesson_loads_and_shows_in_spanish() {
    let (lesson, diags) = load(GOOD);
    assert!(diags.is_empty(), "{diags:#?}");
    let lesson = lesson.unwrap();
    let es = localize(&lesson, "es");
    assert_eq!(es.meta.title, "Contar");
    assert_eq!(es.meta.summary.as_deref(), Some("Contar cosas."));
    assert_eq!(es.steps[0].title, "Hola");
    assert_eq!(es.steps[1].hints[1], "Se puede comer.");
    let StepBody::Choice {
        question,
        choices: Choices::Given(choices),
        ..
    } = &es.steps[1].body
    else {
        panic!("a choice step")
    };
    assert_eq!(question, "¿Cuál es una fruta?");
    assert_eq!(choices, &["Manzana", "Piedra"]);
    // The answer and the mistakes follow the translated choices.
    let data = Catalog::new();
    let right = check::step(&es.steps[1], &Input::Choice("Manzana".into()), &data).unwrap();
    assert!(right.pass, "{right:?}");
    let wrong = check::step(&es.steps[1], &Input::Choice("Piedra".into()), &data).unwrap();
    assert_eq!(wrong.message, "Una piedra no se come.");
    // English readers keep the original.
    let en = localize(&lesson, "en");
    assert_eq!(en.steps[1].title, "Pick");
    assert_eq!(en.steps[1].mistakes[0].feedback, "You cannot eat a stone.");
}

#[test]
fn an_unknown_key_in_a_translation_names_the_nearest_known_one() {
    let text = GOOD.replace("question = \"¿Cuál", "quesiton = \"¿Cuál");
    let (lesson, diags) = load(&text);
    assert!(lesson.is_none());
    let e = only_error(&diags);
    assert_eq!(e.line, line(&text, "quesiton ="), "{e:?}");
    assert_eq!(e.column, 1);
    assert!(
        e.message.contains("unknown key `quesiton`")
            && e.message.contains("[steps.es] of step 2")
            && e.message.contains("did you mean `question`?"),
        "{}",
        e.message
    );
}

#[test]
fn a_key_the_step_has_nothing_for_is_an_error() {
    let text = GOOD.replace("text = \"Bienvenida.\"", "question = \"¿Qué?\"");
    let (_, diags) = load(&text);
    let e = only_error(&diags);
    assert_eq!(e.line, line(&text, "question = \"¿Qué?\""));
    assert!(e.message.contains("nothing to translate"), "{}", e.message);
}

#[test]
fn translated_hints_must_match_the_original_count() {
    let text = GOOD.replace(
        "hints = [\"Piensa en un árbol.\", \"Se puede comer.\"]",
        "hints = [\"Piensa en un árbol.\"]",
    );
    let (lesson, diags) = load(&text);
    assert!(lesson.is_none());
    let e = only_error(&diags);
    assert_eq!(e.line, line(&text, "hints = [\"Piensa"), "{e:?}");
    assert!(
        e.message
            .contains("step 2 has 2 hint(s) but its `es` translation has 1"),
        "{}",
        e.message
    );
}

#[test]
fn an_unsupported_language_names_the_supported_ones() {
    let text = GOOD.replacen(
        "[steps.es]\ntitle = \"Hola\"",
        "[steps.fr]\ntitle = \"Salut\"",
        1,
    );
    let (_, diags) = load(&text);
    let e = only_error(&diags);
    assert_eq!(e.line, line(&text, "[steps.fr]"), "{e:?}");
    assert!(
        e.message.contains("`fr`") && e.message.contains("`en` and `es`"),
        "{}",
        e.message
    );
    let text = GOOD.replace("es = { feedback", "pt = { feedback");
    let e = only_error(&load(&text).1).clone();
    assert_eq!(e.line, line(&text, "pt = { feedback"));
    assert!(e.message.contains("`pt`"), "{}", e.message);
}

#[test]
fn an_unknown_key_in_the_lesson_or_a_mistake_translation_is_an_error() {
    let text = GOOD.replace("summary = \"Contar cosas.\"", "sumary = \"Contar cosas.\"");
    let e = only_error(&load(&text).1).clone();
    assert_eq!(e.line, line(&text, "sumary ="));
    assert!(
        e.message.contains("did you mean `summary`?"),
        "{}",
        e.message
    );
    let text = GOOD.replace("es = { feedback", "es = { fedback");
    let e = only_error(&load(&text).1).clone();
    assert_eq!(e.line, line(&text, "es = { fedback"));
    assert!(
        e.message.contains("did you mean `feedback`?"),
        "{}",
        e.message
    );
}

#[test]
fn check_warns_for_each_step_missing_the_language() {
    // Step 1 loses its translation; the mistake loses its feedback.
    let text = GOOD
        .replacen(
            "[steps.es]\ntitle = \"Hola\"\ntext = \"Bienvenida.\"\n",
            "",
            1,
        )
        .replace("es = { feedback = \"Una piedra no se come.\" }\n", "");
    let loaded = load_str("t.toml", &text);
    let lesson = loaded.lesson.as_ref().expect("still loads");
    let warnings = missing_warnings(lesson, &loaded.source);
    assert_eq!(warnings.len(), 2, "{warnings:#?}");
    assert!(warnings.iter().all(|w| w.severity == Severity::Warning));
    assert_eq!(warnings[0].line, line(&text, "[[steps]]"));
    assert!(
        warnings[0]
            .message
            .contains("step 1 has no `es` translation of title, text"),
        "{}",
        warnings[0].message
    );
    assert_eq!(warnings[1].line, line(&text, "[[steps.mistakes]]"));
    assert!(
        warnings[1]
            .message
            .contains("mistake 1 of step 2 has no `es` feedback")
    );
    // A lesson with no translation at all gets no such warning.
    let plain = load_str(
        "p.toml",
        "format = 1\n[lesson]\nid = \"p\"\ntitle = \"P\"\n[[steps]]\nkind = \"read\"\ntitle = \"R\"\ntext = \"x\"\n",
    );
    assert!(missing_warnings(plain.lesson.as_ref().unwrap(), &plain.source).is_empty());
}

#[test]
fn huddle_check_prints_the_missing_translation_with_its_position() {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("bilingual.toml");
    let text = GOOD.replacen(
        "[steps.es]\ntitle = \"Hola\"\ntext = \"Bienvenida.\"\n",
        "",
        1,
    );
    std::fs::write(&file, &text).unwrap();
    let r = run(huddle(tmp.path()).arg("check").arg(&file));
    let want = format!(
        "{}:{}:1: warning: step 1 has no `es` translation of title, text",
        file.display(),
        line(&text, "[[steps]]")
    );
    assert!(r.stdout.contains(&want), "{want}\n{}{}", r.stdout, r.stderr);
    assert_eq!(
        r.code, 0,
        "a warning alone does not fail the check: {}",
        r.stdout
    );
}

/// `huddle list` on the frozen course, whose lessons carry Spanish.
fn list_with(env: &[(&str, &str)], args: &[&str]) -> String {
    let tmp = tempfile::tempdir().unwrap();
    let course = frozen_course_dir();
    let mut cmd = huddle(tmp.path());
    cmd.arg("--lessons").arg(course.path().join("lessons"));
    cmd.env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("LANG");
    for (k, v) in env {
        cmd.env(k, v);
    }
    let r = run(cmd.arg("list").args(args));
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    r.stdout
}

#[test]
fn lang_flag_and_locale_choose_spanish() {
    const ES: &str = "¿Quiénes son nuestra gente?";
    const EN: &str = "Who are our people?";
    let out = list_with(&[], &["--lang", "es"]);
    assert!(out.contains(ES), "{out}");
    let out = list_with(&[("LANG", "es_MX.UTF-8")], &[]);
    assert!(out.contains(ES), "{out}");
    let out = list_with(&[("LC_ALL", "es_ES.UTF-8"), ("LANG", "en_US.UTF-8")], &[]);
    assert!(out.contains(ES), "LC_ALL wins: {out}");
    let out = list_with(&[("LANG", "es_MX.UTF-8")], &["--lang", "en"]);
    assert!(out.contains(EN) && !out.contains(ES), "--lang wins: {out}");
    let out = list_with(&[], &[]);
    assert!(out.contains(EN), "English by default: {out}");
    let out = list_with(&[("LANG", "es_MX.UTF-8")], &["--format", "json"]);
    assert!(out.contains(EN), "JSON keeps the lesson's own words: {out}");
}

#[test]
fn an_unknown_lang_is_a_usage_error() {
    let tmp = tempfile::tempdir().unwrap();
    let r = run(huddle(tmp.path()).args(["--lang", "fr", "list"]));
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("possible values: en, es"), "{}", r.stderr);
}
