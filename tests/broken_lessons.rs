//! One test per broken lesson file: `huddle check` exits 1, names file:line:col and
//! says how to fix it, and never panics.

mod common;
use common::*;

/// Check one broken lesson. `anchor` is text on the line the error must point at
/// (`None`: a whole-file problem); `expect` are phrases the message must contain.
fn broken(name: &str, anchor: Option<&str>, expect: &[&str]) {
    let tmp = tempfile::tempdir().unwrap();
    let file = fixture(&format!("broken-lessons/{name}.toml"));
    let r = run(huddle(tmp.path()).arg("check").arg(&file));
    let all = format!("{}{}", r.stdout, r.stderr);
    assert_eq!(r.code, 1, "exit code for {name}:\n{all}");
    assert!(!all.contains("panicked"), "{name} panicked:\n{all}");
    let shown = file.display().to_string();
    match anchor {
        Some(a) => {
            let line = line_of(&file, a);
            let prefix = format!("{shown}:{line}:");
            let hit = r
                .stdout
                .lines()
                .find(|l| l.starts_with(&prefix) && l.contains(": error: "));
            assert!(
                hit.is_some(),
                "{name}: no error at line {line} (`{a}`):\n{all}"
            );
            let col = hit.unwrap()[prefix.len()..].split(':').next().unwrap();
            assert!(
                col.parse::<usize>().is_ok_and(|c| c >= 1),
                "{name}: column missing in {hit:?}"
            );
        }
        None => assert!(r.stdout.contains(&shown), "{name}: file not named:\n{all}"),
    }
    for e in expect {
        assert!(r.stdout.contains(e), "{name}: expected {e:?} in:\n{all}");
    }
    assert!(
        r.stdout.contains("1 lesson, "),
        "{name}: no summary line:\n{all}"
    );
}

macro_rules! broken_lesson {
    ($name:ident, $anchor:expr, [$($e:expr),* $(,)?]) => {
        #[test]
        fn $name() {
            broken(stringify!($name), $anchor, &[$($e),*]);
        }
    };
}

broken_lesson!(
    syntax_error,
    Some("title = \"A broken lesson"),
    ["TOML syntax"]
);
broken_lesson!(
    unknown_lesson_key,
    Some("titel"),
    ["unknown key `titel`", "did you mean `title`?"]
);
broken_lesson!(
    missing_format,
    None,
    ["missing `format = 1`", "add it as the first line"]
);
broken_lesson!(
    wrong_format,
    Some("format = 2"),
    ["format 2", "write `format = 1`"]
);
broken_lesson!(
    bad_lesson_id,
    Some("id = \"Who Are"),
    ["lowercase letters", "try \"who-are-our-people\""]
);
broken_lesson!(
    wrong_value_type,
    Some("minutes = \"twenty\""),
    ["wrong type", "a whole number"]
);
broken_lesson!(
    unknown_step_kind,
    Some("kind = \"qeury\""),
    ["unknown step kind \"qeury\"", "did you mean `query`?"]
);
broken_lesson!(
    misplaced_key,
    Some("choices = "),
    [
        "`choices` does not belong on a `answer` step",
        "this kind takes question, answer"
    ]
);
broken_lesson!(
    unknown_step_key,
    Some("qestion"),
    ["unknown key `qestion`", "did you mean `question`?"]
);
broken_lesson!(
    duplicate_key,
    Some("title = \"Again\""),
    ["duplicate key", "remove or rename"]
);
broken_lesson!(
    unknown_rule,
    Some("rule = \"notnull\""),
    ["unknown rule `notnull`", "did you mean `not_null`?"]
);
broken_lesson!(
    unknown_op,
    Some("op = \"padd\""),
    ["unknown op `padd`", "did you mean `pad`?"]
);
broken_lesson!(
    op_missing_key,
    Some("op = \"pad\""),
    ["op `pad` needs `width`"]
);
broken_lesson!(
    read_csv_in_sql,
    Some("read_csv"),
    ["table function", "only read their own tables (people)"]
);
broken_lesson!(
    file_climbs_out,
    Some("etc/passwd"),
    [
        "climbs out of the course folder",
        "copy the file into the course"
    ]
);
broken_lesson!(absolute_file, Some("/etc/passwd"), ["not an absolute path"]);
broken_lesson!(
    answer_not_in_choices,
    Some("answer_sql"),
    ["\"Essex\" is not among its choices (Kent, Suffolk)"]
);
broken_lesson!(
    starter_passes,
    Some("starter ="),
    ["starter already passes the check"]
);
broken_lesson!(
    mistake_passes,
    Some("ORDER BY county\""),
    ["mistake 1 of step 1 passes the check"]
);
broken_lesson!(
    clean_already_clean,
    Some("expect ="),
    ["already meets every rule", "nothing to clean"]
);
broken_lesson!(
    clean_solution_fails,
    Some("solution ="),
    [
        "does not make the table meet its rules",
        "zip: 1 row(s) are not 5 digits"
    ]
);
broken_lesson!(
    chart_bad_column,
    Some("chart ="),
    ["names column `countyy`", "did you mean `county`?"]
);
broken_lesson!(
    answer_sql_many_values,
    Some("answer_sql"),
    ["exactly one value", "3 row(s)"]
);
broken_lesson!(
    undeclared_table,
    Some("SELECT * FROM events"),
    ["there is no table `events`"]
);
broken_lesson!(
    missing_declared_column,
    Some("email = { type = \"text\" }"),
    [
        "has no column `email`",
        "the table's `file = \"people.csv\"` is on line 8"
    ]
);
broken_lesson!(
    bad_declared_type,
    Some("joined = { type = \"integer\" }"),
    [
        "row 1 (line 2), column `joined`",
        "is not a whole number",
        "the table's `file = \"people.csv\"` is on line 8"
    ]
);
broken_lesson!(
    duplicate_step_id,
    Some("the same id again"),
    ["already used by step 1"]
);
broken_lesson!(
    bad_table_name,
    Some("[tables.People]"),
    ["table name `People`", "try `people`"]
);
broken_lesson!(
    no_steps,
    None,
    ["has no steps", "add at least one [[steps]]"]
);
broken_lesson!(
    mistake_repeats_answer,
    Some("answer = \"3\""),
    ["is accepted as right: it is not a mistake"]
);

#[test]
fn every_problem_of_a_file_is_reported_at_once() {
    let tmp = tempfile::tempdir().unwrap();
    let file = fixture("broken-lessons/several_problems.toml");
    let r = run(huddle(tmp.path()).arg("check").arg(&file));
    assert_eq!(r.code, 1);
    for (anchor, msg) in [
        ("titel", "did you mean `title`?"),
        ("txt", "did you mean `text`?"),
        ("reflekt", "did you mean `reflect`?"),
    ] {
        let line = line_of(&file, anchor);
        let want = format!("{}:{line}:", file.display());
        assert!(
            r.stdout
                .lines()
                .any(|l| l.starts_with(&want) && l.contains(msg)),
            "missing {msg} at line {line}:\n{}",
            r.stdout
        );
    }
    assert!(r.stdout.contains("1 lesson, 3 errors"), "{}", r.stdout);
}

#[test]
fn the_offending_line_is_shown_with_a_caret() {
    let tmp = tempfile::tempdir().unwrap();
    let file = fixture("broken-lessons/unknown_lesson_key.toml");
    let r = run(huddle(tmp.path()).arg("check").arg(&file));
    let line = line_of(&file, "titel");
    assert!(
        r.stdout
            .contains(&format!(" {line} | titel = \"A broken lesson\"")),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("| ^^^^^"), "{}", r.stdout);
}
