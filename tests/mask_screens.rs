//! Mask mode: with `--mask` (or `m`), no planted personal value reaches the screen —
//! not in tables, query results, charts, choices or the profile popup.

use huddle::lesson::course;
use huddle::progress::store::Store;
use huddle::tui::app::App;
use huddle::tui::theme::Theme;
use huddle::tui::views;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use std::path::Path;
use std::time::Duration;

/// Personal values planted in the test data; none may be drawn while masked.
const SENTINELS: &[&str] = &[
    "zelda.quistgaard@example.org",
    "quistgaard",
    "Quistgaard",
    "Zelda",
    "Ximena",
    "Ortolan",
    "ximena.ortolan@example.net",
    "(413) 555-0199",
    "4135550199",
    "555-0199",
    "12 Larkspur Lane",
    "Larkspur",
];

const LESSON: &str = r#"format = 1

[lesson]
id = "masked"
title = "Masked"

[tables.members]
file = "members.csv"

[tables.members.columns]
member_id = { type = "text" }
email = { type = "text", pii = true }
county = { type = "text" }

[[steps]]
kind = "table"
title = "The list"
table = "members"

[[steps]]
kind = "query"
title = "Who"
question = "List everyone."
starter = "SELECT first_name || ' ' || last_name AS who, phone AS contact, county FROM members"
solution = "SELECT first_name || ' ' || last_name AS who, phone AS contact, county FROM members"
check = { rows = "any_order", columns = "by_position" }
hints = ["Just run it."]

[[steps]]
kind = "chart"
title = "Events per person"
sql = "SELECT first_name AS person, COUNT(*) AS n FROM members GROUP BY first_name ORDER BY n DESC, person"
chart = { type = "bar", x = "person", y = "n" }

[[steps]]
kind = "choice"
title = "Pick"
question = "Who joined first?"
choices_sql = "SELECT first_name || ' ' || last_name FROM members ORDER BY member_id"
answer_sql = "SELECT first_name || ' ' || last_name FROM members ORDER BY member_id LIMIT 1"
hints = ["The first row."]
"#;

const MEMBERS: &str = "member_id,first_name,last_name,email,phone,address,county
001,Zelda,Quistgaard,zelda.quistgaard@example.org,(413) 555-0199,12 Larkspur Lane,Essex
002,Ximena,Ortolan,ximena.ortolan@example.net,4135550199,40 Elm Street,Suffolk
003,Zelda,Ortolan,,,,Essex
";

fn write_course(dir: &Path) {
    std::fs::write(dir.join("masked.toml"), LESSON).unwrap();
    std::fs::write(dir.join("members.csv"), MEMBERS).unwrap();
}

struct Player {
    app: App,
}

impl Player {
    fn key(&mut self, code: KeyCode) -> &mut Self {
        self.app
            .handle(Event::Key(KeyEvent::new(code, KeyModifiers::NONE)));
        self.app.settle(Duration::from_secs(60));
        self
    }

    fn screen(&mut self) -> String {
        let mut t = Terminal::new(TestBackend::new(120, 40)).unwrap();
        t.draw(|f| views::draw(&mut self.app, f)).unwrap();
        t.backend().to_string()
    }
}

fn assert_no_sentinel(screen: &str, what: &str) {
    for s in SENTINELS {
        assert!(
            !screen.contains(s),
            "{what}: `{s}` is on screen while masked:\n{screen}"
        );
    }
}

#[test]
fn no_planted_personal_value_is_drawn_while_masked() {
    let course_dir = tempfile::tempdir().unwrap();
    write_course(course_dir.path());
    let data = tempfile::tempdir().unwrap();
    let (entries, errors) = course::from_paths(&[course_dir.path().to_path_buf()]);
    assert!(errors.is_empty(), "{errors:?}");
    let store = Store::new(Some(data.path().to_path_buf()));
    let mut app = App::new(entries, store, Theme::plain());
    app.masked = true;
    let mut p = Player { app };
    p.key(KeyCode::Enter);

    let table = p.screen();
    assert!(table.contains("MASKED"), "{table}");
    assert!(table.contains("z•••@•••.org"), "{table}");
    assert_no_sentinel(&table, "table");
    // The profile popup of each column.
    for _ in 0..7 {
        p.key(KeyCode::Char('i'));
        assert_no_sentinel(&p.screen(), "profile");
        p.key(KeyCode::Esc).key(KeyCode::Char(']'));
    }

    p.key(KeyCode::Char('n')).key(KeyCode::F(5));
    let query = p.screen();
    assert!(query.contains("step 2 of 4"), "{query}");
    assert!(query.contains("•••-0199"), "{query}");
    assert!(query.contains("Essex"), "counties stay visible:\n{query}");
    assert_no_sentinel(&query, "query result");

    p.key(KeyCode::Esc).key(KeyCode::Char('n'));
    let chart = p.screen();
    assert!(
        chart.contains("step 3 of 4") && chart.contains("Z."),
        "{chart}"
    );
    assert_no_sentinel(&chart, "chart");

    p.key(KeyCode::Char('n'));
    let choice = p.screen();
    assert!(choice.contains("Z. Q."), "{choice}");
    assert_no_sentinel(&choice, "choices");

    // Coach mode: the panel's answer, computed from the data, is masked too.
    p.app.coach = Some(huddle::tui::coach::Coach::default());
    p.key(KeyCode::Esc)
        .key(KeyCode::Char('p'))
        .key(KeyCode::Char('n'));
    let coach = p.screen();
    assert!(
        coach.contains("Coach ·") && coach.contains("= Z. Q."),
        "{coach}"
    );
    assert_no_sentinel(&coach, "coach panel");
    p.app.coach = None;

    // `m` turns masking off: the values are there, so the test above can fail.
    p.key(KeyCode::Esc).key(KeyCode::Char('m'));
    let plain = p.screen();
    assert!(
        plain.contains("Zelda Quistgaard") && !plain.contains("MASKED"),
        "{plain}"
    );
}
