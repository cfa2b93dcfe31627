//! `huddle check` warns when a step that cannot run SQL has a whole query as a hint,
//! pointing at that hint's line, so coaches write hints a learner can use.

mod common;
use common::*;

const LESSON: &str = r#"format = 1

[lesson]
id = "sql-hint"
title = "A hint with a query"
minutes = 5
level = "beginner"
summary = "An answer step whose hint is a whole query."

[[steps]]
kind = "answer"
title = "How many?"
question = "How many members?"
text = "Count them."
answer = 5
hints = [
  "Count the rows; COUNT(*) is the SQL for it.",
  "SELECT COUNT(*) FROM members",
]
"#;

#[test]
fn a_query_as_an_answer_steps_hint_is_warned_about_at_its_line() {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("hint.toml");
    std::fs::write(&file, LESSON).unwrap();
    let r = run(huddle(tmp.path()).arg("check").arg(&file));
    assert_eq!(
        r.code, 0,
        "a warning alone does not fail the check:\n{}{}",
        r.stdout, r.stderr
    );
    let line = line_of(&file, "SELECT COUNT(*) FROM members");
    assert!(
        r.stdout.contains(&format!(
            "hint.toml:{line}:3: warning: step 1's hint 2 is an SQL query"
        )),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("say it in words"), "{}", r.stdout);
    assert!(r.stdout.contains("0 errors, 1 warning"), "{}", r.stdout);
}
