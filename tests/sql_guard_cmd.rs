//! The SQL sandbox's refusals, through `huddle check` (so they hold whatever engine
//! runs the SQL): table functions that read files, writes, several statements in
//! one, tables the lesson does not declare, and dotted names are each refused at the
//! step's line, and nothing from outside the lesson's data is shown.

mod common;

use common::{huddle, line_of, run};

const SECRET: &str = "secret-member-list-do-not-read";

/// The refused queries, each with a word of its step's title.
const REFUSED: &[(&str, &str)] = &[
    ("read-file", "SELECT * FROM read_csv('SECRET')"),
    ("read-file-2", "SELECT * FROM read_parquet('SECRET')"),
    ("drop", "DROP TABLE members"),
    ("insert", "INSERT INTO members VALUES ('9', 'x')"),
    ("create", "CREATE TABLE copy AS SELECT * FROM members"),
    ("two-statements", "SELECT 1; SELECT 2"),
    ("undeclared", "SELECT * FROM secrets"),
    ("dotted", "SELECT * FROM main.members"),
];

fn lesson(secret_path: &str) -> String {
    let mut text = String::from(
        r#"format = 1

[lesson]
id = "refusals"
title = "Refusals"
summary = "Queries the sandbox refuses."
minutes = 5
level = "beginner"

[tables.members]
file = "members.csv"
"#,
    );
    for (title, sql) in REFUSED {
        text.push_str(&format!(
            "\n[[steps]]\nkind = \"query\"\ntitle = \"{title}\"\ntext = \"t\"\nquestion = \"q\"\nhints = [\"h\"]\nsolution = \"{}\"\n",
            sql.replace("SECRET", secret_path)
        ));
    }
    text
}

#[test]
fn every_refused_query_is_an_error_at_its_step_and_reads_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("members.csv"), "member_id,name\n1,Ana\n").unwrap();
    let secret = dir.path().join("secrets.csv");
    std::fs::write(&secret, format!("name\n{SECRET}\n")).unwrap();
    let file = dir.path().join("refusals.toml");
    std::fs::write(&file, lesson(secret.to_str().unwrap())).unwrap();
    let ran = run(huddle(data.path())
        .current_dir(dir.path())
        .args(["check", "refusals.toml"]));
    let all = format!("{}{}", ran.stdout, ran.stderr);
    assert_eq!(ran.code, 1, "{all}");
    assert!(!all.contains(SECRET), "the secret file was read:\n{all}");
    for (title, _) in REFUSED {
        let title_line = line_of(&file, &format!("title = \"{title}\""));
        let line = title_line + 4;
        assert!(
            all.contains(&format!("refusals.toml:{line}:")),
            "step {title} (solution on line {line}) was not refused:\n{all}"
        );
    }
    // Still there, unchanged: nothing was written or dropped.
    assert_eq!(
        std::fs::read_to_string(dir.path().join("members.csv")).unwrap(),
        "member_id,name\n1,Ana\n"
    );
}
