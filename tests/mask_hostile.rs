//! The hostile-query sentinel test: personal values planted in a lesson's data must
//! not reach any screen under `--mask`, whatever a query does to them — aliases,
//! expressions, casts that fail, `WITH` parts, subqueries, `UNION`, grouping by a
//! personal column, string functions — nor through errors, checks, charts, the
//! profile popup or the coach panel. Run through the real player (TestBackend).

mod common;

use common::player::Player;
use huddle::lesson::course;
use ratatui::crossterm::event::{KeyCode, KeyModifiers};
use std::path::Path;

/// Planted values and recognisable fragments of them; none may be drawn while masked
/// (compared case-insensitively).
const SENTINELS: &[&str] = &[
    "zzyzxia",
    "zzyzx",
    "qwertyson",
    "qwerty",
    "vexbridge",
    "zzsentinel",
    "sentinelwood",
    "555-0187",
    "5550187",
    "555) 0187",
    "413-555",
    "(413)",
    "4135550",
];

const LESSON: &str = r#"format = 1

[lesson]
id = "hostile"
title = "Hostile"

[tables.members]
file = "members.csv"

[tables.members.columns]
member_id = { type = "text" }
email = { type = "text", pii = true }
county = { type = "text" }

[[steps]]
kind = "query"
title = "Anything"
question = "Count members by county."
starter = "SELECT county, COUNT(*) AS n FROM members GROUP BY county"
solution = "SELECT county, COUNT(*) AS n FROM members GROUP BY county ORDER BY n DESC"
check = { rows = "exact_order", columns = "by_position" }
chart = { type = "bar", x = "county", y = "n" }
hints = ["Group by county."]

[[steps]]
kind = "chart"
title = "By family"
sql = "SELECT last_name AS county, COUNT(*) AS n FROM members GROUP BY last_name ORDER BY n DESC, county"
chart = { type = "bar", x = "county", y = "n" }

[[steps]]
kind = "choice"
title = "Who"
question = "Who joined first?"
choices_sql = "SELECT first_name || ' ' || last_name AS county FROM members ORDER BY member_id"
answer_sql = "SELECT first_name || ' ' || last_name AS county FROM members ORDER BY member_id LIMIT 1"
hints = ["The first row."]

[[steps]]
kind = "answer"
title = "Whose mail"
question = "Whose email comes first?"
answer_sql = "SELECT MIN(email) AS county FROM members"
hints = ["MIN."]
"#;

const MEMBERS: &str = "member_id,first_name,last_name,email,phone,address,county
001,Zzyzxia,Qwertyson,zzsentinel.one@example.org,(413) 555-0187,77 Sentinelwood Lane,Essex
002,Zzyzxia,Vexbridge,zzsentinel.two@example.net,4135550187,12 Sentinelwood Ct,Suffolk
003,Ann,Qwertyson,ann@example.org,,,Essex
004,Bo,Lee,bo@example.org,,,Essex
";

/// Queries that try to move personal values past masking.
const HOSTILE: &[&str] = &[
    "SELECT first_name AS county, COUNT(*) AS n FROM members GROUP BY first_name",
    "SELECT last_name AS county, COUNT(*) AS n FROM members GROUP BY last_name",
    "SELECT UPPER(email) AS county, 1 AS n FROM members",
    "SELECT email || '' AS county, 1 AS n FROM members",
    "SELECT CONCAT(first_name, ' ', last_name) AS county, 1 AS n FROM members",
    "SELECT CASE WHEN county = 'Essex' THEN last_name ELSE address END AS county, 1 AS n FROM members",
    "SELECT CAST(email AS INTEGER) AS county FROM members",
    "SELECT CAST(phone AS INTEGER) AS county FROM members",
    "SELECT CAST(first_name AS DATE) AS county FROM members",
    "WITH t AS (SELECT last_name AS county FROM members) SELECT county, COUNT(*) AS n FROM t GROUP BY county",
    "SELECT x AS county, 1 AS n FROM (SELECT address AS x FROM members) s",
    "SELECT county, 1 AS n FROM members UNION SELECT last_name, 2 FROM members",
    "SELECT LOWER(first_name) AS county, LENGTH(email) AS n FROM members",
    "SELECT SUBSTR(email, 1, 11) AS county, 1 AS n FROM members",
    "SELECT REPLACE(address, 'Lane', 'Ln') AS county, 1 AS n FROM members",
    "SELECT (SELECT MAX(email) FROM members) AS county, 1 AS n",
    "SELECT m.last_name AS county, COUNT(*) AS n FROM members m GROUP BY m.last_name",
    "SELECT TRIM(first_name) || '@x' AS county, 1 AS n FROM members",
    "SELECT phone AS county, 1 AS n FROM members",
    "SELECT county, first_name AS n FROM members",
    "SELECT * FROM members",
    "SELECT first_name + 1 AS county FROM members",
    "SELECT county FROM members WHERE first_name > 3",
];

fn write_course(dir: &Path, lesson: &str, members: &str) {
    std::fs::write(dir.join("hostile.toml"), lesson).unwrap();
    std::fs::write(dir.join("members.csv"), members).unwrap();
}

fn player(lesson: &str, members: &str) -> (Player, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    write_course(dir.path(), lesson, members);
    let (entries, errors) = course::from_paths(&[dir.path().to_path_buf()]);
    assert!(errors.is_empty(), "{errors:?}");
    let mut p = Player::on(entries);
    p.app.masked = true;
    (p, dir)
}

/// Every screen size, with and without the coach panel.
fn assert_clean(p: &mut Player, what: &str) {
    for (w, h) in [(120, 40), (80, 24), (160, 50)] {
        let screen = p.screen(w, h);
        let lower = screen.to_lowercase();
        for s in SENTINELS {
            assert!(
                !lower.contains(s),
                "{what} at {w}x{h}: `{s}` is on screen while masked:\n{screen}"
            );
        }
    }
}

fn set_query(p: &mut Player, sql: &str) {
    let s = p.app.session.as_mut().unwrap();
    s.ui_mut().set_text(sql);
}

#[test]
fn hostile_queries_show_no_planted_value() {
    let (mut p, _dir) = player(LESSON, MEMBERS);
    p.key(KeyCode::Enter);
    for (i, sql) in HOSTILE.iter().enumerate() {
        set_query(&mut p, sql);
        p.key(KeyCode::F(5));
        assert_clean(&mut p, &format!("query {i} `{sql}`, run"));
        // The chart alone (v), then the table's profile popup of the first column.
        p.key(KeyCode::Esc).key(KeyCode::Char('v'));
        assert_clean(&mut p, &format!("query {i} `{sql}`, chart"));
        p.key(KeyCode::Char('v')).key(KeyCode::Char('i'));
        assert_clean(&mut p, &format!("query {i} `{sql}`, profile"));
        p.key(KeyCode::Esc);
        // Checked: the verdict compares rows and can quote them.
        p.key(KeyCode::Tab)
            .mods(KeyCode::Char('s'), KeyModifiers::CONTROL);
        assert_clean(&mut p, &format!("query {i} `{sql}`, checked"));
        p.app.coach = Some(huddle::tui::coach::Coach::default());
        assert_clean(&mut p, &format!("query {i} `{sql}`, coach"));
        p.app.coach = None;
    }
    // Unmasked, the same screens do show the values: the test can fail.
    p.app.masked = false;
    set_query(&mut p, HOSTILE[0]);
    p.key(KeyCode::F(5));
    assert!(p.screen(120, 40).contains("Zzyzxia"));
}

#[test]
fn charts_choices_answers_and_the_coach_panel_hide_planted_values() {
    let (mut p, _dir) = player(LESSON, MEMBERS);
    p.app.coach = Some(huddle::tui::coach::Coach::default());
    p.key(KeyCode::Enter);
    p.next(1);
    let chart = p.screen(120, 40);
    assert!(
        chart.contains("step 2 of 4") && chart.contains("Q."),
        "{chart}"
    );
    assert_clean(&mut p, "chart step");
    p.key(KeyCode::Char('v'));
    assert_clean(&mut p, "chart step, table");
    p.next(1);
    assert_clean(&mut p, "choice step");
    // Three wrong tries open the solution; the answer is computed from the data.
    for _ in 0..3 {
        p.key(KeyCode::Down).key(KeyCode::Enter);
    }
    p.key(KeyCode::Esc).key(KeyCode::Char('s'));
    assert_clean(&mut p, "choice step, solution");
    p.next(1);
    p.chars("Zzyzxia Qwertyson").key(KeyCode::Enter);
    for _ in 0..3 {
        p.chars("x").key(KeyCode::Enter);
    }
    p.key(KeyCode::Esc).key(KeyCode::Char('s'));
    let answer = p.screen(120, 40);
    assert!(answer.contains("step 4 of 4"), "{answer}");
    // What the learner typed is theirs to see; clear it before looking.
    p.app.session.as_mut().unwrap().ui_mut().set_text("");
    assert_clean(&mut p, "answer step, solution and coach panel");
}

#[test]
fn a_load_error_does_not_quote_the_file() {
    let lesson = LESSON.replace(
        "county = { type = \"text\" }",
        "county = { type = \"text\" }\nphone = { type = \"integer\" }",
    );
    let (mut p, _dir) = player(&lesson, MEMBERS);
    p.key(KeyCode::Enter);
    let screen = p.screen(120, 40);
    assert!(screen.contains("could not be loaded"), "{screen}");
    assert!(
        screen.contains("phone"),
        "the column is still named:\n{screen}"
    );
    assert_clean(&mut p, "load error");
}
