//! A warehouse table as a data source, against a real Postgres server started by
//! the tests (tests/common/pg.rs): types and NULLs, `?query=` sources, charts
//! grouped in the database (checked in the server's own log), clear errors with
//! no hang, writes refused, and a password that never shows.

mod common;

use common::pg::{self, READER_PASSWORD};
use common::{Ran, huddle, run};
use std::path::Path;

/// huddle with no password from the environment or a password file.
fn cli(data: &Path) -> assert_cmd::Command {
    let mut c = huddle(data);
    c.env_remove("PGPASSWORD")
        .env("PGPASSFILE", data.join("no-such-pgpass"))
        .env_remove("PGUSER");
    c
}

fn column<'a>(json: &'a serde_json::Value, name: &str) -> &'a serde_json::Value {
    json["column_info"]
        .as_array()
        .and_then(|cols| cols.iter().find(|c| c["name"] == name))
        .unwrap_or_else(|| panic!("no column {name} in {json}"))
}

#[test]
fn each_postgres_type_arrives_as_its_own_type_and_nulls_stay_blank() {
    let pg = pg::server();
    let data = tempfile::tempdir().unwrap();
    let ran = run(cli(data.path())
        .args(["inspect", "--format", "json"])
        .arg(pg.socket_url("table=van.types")));
    assert_eq!(ran.code, 0, "{}", ran.stderr);
    let json: serde_json::Value = serde_json::from_str(&ran.stdout).unwrap();
    assert_eq!(json["rows"], 3);
    assert_eq!(json["encoding"], "postgres");
    for (name, kind) in [
        ("id", "integer"),
        ("small", "integer"),
        ("big", "integer"),
        ("ratio", "number"),
        ("score", "number"),
        ("dues", "number"),
        ("joined", "date"),
        ("seen", "datetime"),
        ("seen_tz", "datetime"),
        ("active", "boolean"),
        ("name", "text"),
        ("code", "text"),
        ("letter", "text"),
        ("tag", "text"),
        ("extra", "text"),
    ] {
        let c = column(&json, name);
        assert_eq!(c["type"], kind, "column {name}: {c}");
        let nulls = if name == "id" { 0 } else { 1 };
        let nulls = if name == "tag" { 2 } else { nulls };
        assert_eq!(c["nulls"], nulls, "column {name}: {c}");
    }
    // The values themselves, through SQL on the fetched table.
    let ran = run(cli(data.path())
        .args(["sql", "--format", "csv", "--table"])
        .arg(format!("t={}", pg.socket_url("table=van.types")))
        .arg(
            "SELECT id, big, dues, code, letter, active, seen, seen_tz, extra FROM t ORDER BY id",
        ));
    assert_eq!(ran.code, 0, "{}", ran.stderr);
    let lines: Vec<&str> = ran.stdout.lines().collect();
    assert_eq!(
        lines.get(1).copied(),
        Some(
            "1,9000000000,12.5,02134,\"ab \",true,2024-06-02 10:05:07,2024-06-03 03:30:00,\"{\"\"k\"\": 1}\""
        ),
        "{}",
        ran.stdout
    );
    assert_eq!(
        lines.get(2).copied(),
        Some(
            "2,-1,1000.05,00501,\"x  \",false,2024-01-01 00:00:00.250,2024-01-01 00:00:00,\"[1, 2]\""
        ),
        "{}",
        ran.stdout
    );
    assert_eq!(lines.get(3).copied(), Some("3,,,,,,,,"), "{}", ran.stdout);
}

#[test]
fn a_float4_reads_as_written_and_numbers_that_are_no_number_are_blank() {
    let pg = pg::server();
    let data = tempfile::tempdir().unwrap();
    let url = pg.socket_url("table=van.odd_numbers");
    let ran = run(cli(data.path())
        .args(["sql", "--format", "csv", "--table"])
        .arg(format!("t={url}"))
        .arg("SELECT label, ratio, dues FROM t ORDER BY label, ratio"));
    assert_eq!(ran.code, 0, "{}", ran.stderr);
    assert_eq!(
        ran.stdout, "label,ratio,dues\na,0.1,\nb,0.2,1.5\nb,,\nc,,2.5\n",
        "{}",
        ran.stderr
    );
    // Summed in the database, NaN left out as the fetched rows leave it out.
    let ran = run(cli(data.path())
        .args(["chart", "--x", "label", "--y", "dues", "--agg", "sum"])
        .args(["--width", "60"])
        .arg(&url));
    assert_eq!(ran.code, 0, "{}", ran.stderr);
    assert!(ran.stdout.contains("2.5"), "{}", ran.stdout);
    assert!(ran.stdout.contains("1.5"), "{}", ran.stdout);
    assert!(!ran.stdout.contains("NaN"), "{}", ran.stdout);
}

#[test]
fn a_local_server_with_its_own_certificate_is_encrypted_and_checked_when_asked() {
    let pg = pg::server();
    let data = tempfile::tempdir().unwrap();
    let ssl = |params: &str| {
        let url = pg.tcp_url(
            "postgres",
            &format!("{params}query=SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()"),
        );
        run(cli(data.path())
            .args(["sql", "--format", "csv", "--table"])
            .arg(format!("s={url}"))
            .arg("SELECT ssl FROM s"))
    };
    // On this machine the default is `prefer`: encrypted, whoever signed the
    // certificate (a packaged Postgres makes its own at install).
    let ran = ssl("");
    assert_eq!(
        (ran.code, ran.stdout.as_str()),
        (0, "ssl\ntrue\n"),
        "{}",
        ran.stderr
    );
    let ran = ssl("sslmode=disable&");
    assert_eq!(
        (ran.code, ran.stdout.as_str()),
        (0, "ssl\nfalse\n"),
        "{}",
        ran.stderr
    );
    // `require` checks the certificate, and no public authority signed this one.
    let ran = ssl("sslmode=require&");
    fails(&ran, &["certificate", "sslrootcert=FILE.pem"]);
    let ran = ssl(&format!(
        "sslmode=require&sslrootcert={}&",
        pg.ca_cert.display()
    ));
    assert_eq!(
        (ran.code, ran.stdout.as_str()),
        (0, "ssl\ntrue\n"),
        "{}",
        ran.stderr
    );
    // A file that holds no certificate is named, not ignored.
    let empty = data.path().join("empty.pem");
    std::fs::write(&empty, "").unwrap();
    let ran = ssl(&format!("sslmode=require&sslrootcert={}&", empty.display()));
    fails(&ran, &["empty.pem", "holds no certificate"]);
}

#[test]
fn a_server_error_points_into_the_query_of_the_address() {
    let pg = pg::server();
    let data = tempfile::tempdir().unwrap();
    let ran = run(cli(data.path())
        .arg("inspect")
        .arg(pg.socket_url("query=SELECT county, sgined_up FROM public.members")));
    fails(
        &ran,
        &["sgined_up", "line 1, column 16 of the query in the address"],
    );
}

#[test]
fn under_mask_a_database_error_never_shows_a_members_value() {
    let pg = pg::server();
    let data = tempfile::tempdir().unwrap();
    let first = pg.psql("SELECT first_name FROM public.members ORDER BY member_id LIMIT 1");
    let first = first.trim();
    assert!(first.len() > 2, "{first:?}");
    // The cast fails on the first member's name, and Postgres quotes it.
    let url =
        pg.socket_url("query=SELECT first_name::int AS n FROM public.members ORDER BY member_id");
    let chart = |mask: bool| {
        let mut c = cli(data.path());
        if mask {
            c.arg("--mask");
        }
        run(c.args(["chart", "--x", "n"]).arg(&url))
    };
    let plain = chart(false);
    fails(&plain, &["invalid input syntax for type integer", first]);
    let masked = chart(true);
    fails(&masked, &["invalid input syntax for type integer"]);
    assert!(!masked.stderr.contains(first), "{}", masked.stderr);
    let sql = run(cli(data.path())
        .args(["--mask", "sql", "--table"])
        .arg(format!("t={url}"))
        .arg("SELECT n FROM t"));
    fails(&sql, &["invalid input syntax"]);
    assert!(!sql.stderr.contains(first), "{}", sql.stderr);
    // inspect shows the most common values: masked, no first name is left.
    let common = pg
        .psql("SELECT first_name FROM public.members GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1");
    let common = common.trim();
    let table = pg.socket_url("table=public.members");
    let ran = run(cli(data.path()).arg("inspect").arg(&table));
    assert!(ran.stdout.contains(common), "{}", ran.stdout);
    let ran = run(cli(data.path()).args(["--mask", "inspect"]).arg(&table));
    assert_eq!(ran.code, 0, "{}", ran.stderr);
    assert!(!ran.stdout.contains(common), "{}", ran.stdout);
}

#[test]
fn a_query_source_reads_the_rows_of_its_query() {
    let pg = pg::server();
    let data = tempfile::tempdir().unwrap();
    let url = pg.socket_url(
        "query=SELECT county, count(*) AS n FROM public.members WHERE county <> '' GROUP BY county",
    );
    let ran = run(cli(data.path())
        .args(["sql", "--format", "csv", "--table"])
        .arg(format!("c={url}"))
        .arg("SELECT SUM(n) AS total FROM c"));
    assert_eq!(ran.code, 0, "{}", ran.stderr);
    let expected = pg.psql("SELECT count(*) FROM public.members WHERE county <> ''");
    assert_eq!(
        ran.stdout,
        format!("total\n{}", expected.trim_start()),
        "{}",
        ran.stderr
    );
}

#[test]
fn a_bar_chart_is_counted_in_the_database_and_matches_the_file() {
    let pg = pg::server();
    // A table of its own, so the log shows only what this test sent for it.
    pg.psql("CREATE TABLE van.chart_members AS SELECT * FROM public.members");
    let data = tempfile::tempdir().unwrap();
    let from_db = run(cli(data.path())
        .args(["chart", "--x", "county", "--width", "90"])
        .arg(pg.socket_url("table=van.chart_members")));
    assert_eq!(from_db.code, 0, "{}", from_db.stderr);
    let members = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-data/members.csv");
    let from_file = run(cli(data.path())
        .args(["chart", "--x", "county", "--width", "90"])
        .arg(&members));
    assert_eq!(from_file.code, 0, "{}", from_file.stderr);
    assert_eq!(
        from_db.stdout, from_file.stdout,
        "the same data charts the same"
    );
    let log = pg.log_text();
    assert!(
        log.contains(
            r#"SELECT "county" AS x, count(*) AS n FROM "van"."chart_members" GROUP BY 1 LIMIT 100001"#
        ),
        "the group-by was not sent to the server; its log:\n{}",
        log.lines().rev().take(20).collect::<Vec<_>>().join("\n")
    );
    let fetches = log
        .lines()
        .filter(|l| l.contains(r#""van"."chart_members""#) && !l.contains("GROUP BY"))
        .filter(|l| l.contains("LIMIT"))
        .count();
    assert_eq!(fetches, 0, "member rows were fetched for a count");
}

#[test]
fn months_are_bucketed_in_the_database_and_agree_with_postgres() {
    let pg = pg::server();
    let url = pg.socket_url("table=van.signups");
    let source = match huddle::source::Source::parse(&url) {
        Some(Ok(s)) => s,
        other => panic!("{other:?}"),
    };
    let mut src = source.open(huddle::source::pgpass::Ask::Never);
    let spec = huddle::source::GroupBy {
        x: "signed_up".into(),
        y: Some("amount".into()),
        combine: huddle::source::Combine::Sum,
        bucket_dates: true,
        every: Some(huddle::chart::Every::Month),
    };
    let got = src.aggregate(&spec, "sum of amount").unwrap();
    assert_eq!(got.every, Some(huddle::chart::Every::Month));
    assert_eq!(got.rows, 2876);
    let df = got.df;
    let months: Vec<String> = df
        .column("signed_up")
        .unwrap()
        .cast(&polars::prelude::DataType::String)
        .unwrap()
        .str()
        .unwrap()
        .iter()
        .map(|v| v.unwrap_or_default().to_string())
        .collect();
    let sums: Vec<f64> = df
        .column("sum of amount")
        .unwrap()
        .f64()
        .unwrap()
        .iter()
        .map(|v| v.unwrap_or(f64::NAN))
        .collect();
    let mut got: Vec<String> = months
        .iter()
        .zip(&sums)
        .map(|(m, s)| format!("{m}|{s}"))
        .collect();
    got.sort();
    let oracle = pg.psql(
        "SELECT to_char(m, 'YYYY-MM-DD') || '|' || s FROM (SELECT date_trunc('month', signed_up) AS m, \
         sum(amount)::float8 AS s FROM van.signups GROUP BY 1) AS q ORDER BY 1",
    );
    let want: Vec<String> = oracle.lines().map(str::to_string).collect();
    assert_eq!(got, want);
    assert!(
        !got.iter().any(|m| m.starts_with("2024-03")),
        "March 2024 has no sign-ups"
    );
    assert!(
        pg.log_text()
            .contains("date_trunc('month', \"signed_up\"::timestamp)::date AS x")
    );
    // Drawn, the empty month is a zero between February and April.
    let data = tempfile::tempdir().unwrap();
    let ran = run(cli(data.path())
        .args([
            "chart",
            "--x",
            "signed_up",
            "--type",
            "line",
            "--every",
            "month",
        ])
        .args(["--width", "100", "--height", "20"])
        .arg(&url));
    assert_eq!(ran.code, 0, "{}", ran.stderr);
    assert!(ran.stdout.contains("per month"), "{}", ran.stdout);
}

#[test]
fn names_that_need_quotes_are_read_as_written() {
    let pg = pg::server();
    let data = tempfile::tempdir().unwrap();
    let ran = run(cli(data.path())
        .args(["chart", "--x", "County name", "--width", "60"])
        .arg(pg.socket_url("table=van.\"Sign-ups 2024\"")));
    assert_eq!(ran.code, 0, "{}", ran.stderr);
    assert!(
        ran.stdout.contains("Essex") && ran.stdout.contains("Bristol"),
        "{}",
        ran.stdout
    );
}

fn fails(ran: &Ran, wants: &[&str]) {
    assert_ne!(ran.code, 0, "it should fail: {}", ran.stdout);
    for w in wants {
        assert!(ran.stderr.contains(w), "{w:?} not in: {}", ran.stderr);
    }
    assert!(!ran.stderr.contains("panicked"), "{}", ran.stderr);
}

#[test]
fn a_wrong_password_a_missing_password_and_the_right_one() {
    let pg = pg::server();
    let data = tempfile::tempdir().unwrap();
    let url = pg.tcp_url("reader", "table=van.signups");
    let wrong = run(cli(data.path())
        .env("PGPASSWORD", "not-the-Sentinel")
        .args(["inspect"])
        .arg(&url));
    fails(&wrong, &["refused the password", "PGPASSWORD"]);
    assert!(
        !wrong.stderr.contains("not-the-Sentinel"),
        "{}",
        wrong.stderr
    );
    let none = run(cli(data.path()).args(["inspect"]).arg(&url));
    fails(&none, &["asks for a password for `reader`", "~/.pgpass"]);
    // From a password file, as libpq reads it.
    let pgpass = data.path().join("pgpass");
    std::fs::write(&pgpass, format!("127.0.0.1:*:*:reader:{READER_PASSWORD}\n")).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&pgpass, std::fs::Permissions::from_mode(0o600)).unwrap();
    }
    let right = run(cli(data.path())
        .env("PGPASSFILE", &pgpass)
        .args(["inspect", "--format", "json"])
        .arg(&url));
    assert_eq!(right.code, 0, "{}", right.stderr);
    assert!(right.stdout.contains("\"rows\": 2876"), "{}", right.stdout);
    for text in [&right.stdout, &right.stderr, &wrong.stderr, &none.stderr] {
        assert!(!text.contains(READER_PASSWORD), "the password was printed");
    }
    let stored = walk_text(data.path());
    assert!(!stored.contains(READER_PASSWORD), "the password was stored");
}

/// Every file under `dir` except the password file, as one text.
fn walk_text(dir: &Path) -> String {
    let mut out = String::new();
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            out.push_str(&walk_text(&p));
        } else if p.file_name().is_some_and(|n| n != "pgpass") {
            out.push_str(&String::from_utf8_lossy(
                &std::fs::read(&p).unwrap_or_default(),
            ));
        }
    }
    out
}

#[test]
fn a_password_in_the_address_is_refused_without_being_repeated() {
    let pg = pg::server();
    let data = tempfile::tempdir().unwrap();
    let url = format!(
        "postgres://reader:{READER_PASSWORD}@127.0.0.1:{}/postgres?table=van.signups",
        pg.port
    );
    for args in [vec!["inspect"], vec!["chart", "--x", "county"]] {
        let ran = run(cli(data.path()).args(&args).arg(&url));
        fails(&ran, &["never takes one in an address", "PGPASSWORD"]);
        assert!(!ran.stderr.contains(READER_PASSWORD), "{}", ran.stderr);
        assert!(!ran.stdout.contains(READER_PASSWORD));
    }
}

#[test]
fn an_unreachable_server_and_a_missing_table_fail_fast_and_clearly() {
    let pg = pg::server();
    let data = tempfile::tempdir().unwrap();
    // Nothing listens on this port.
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = closed.local_addr().unwrap().port();
    drop(closed);
    let ran = run(cli(data.path())
        .arg("inspect")
        .arg(format!("postgres://x@127.0.0.1:{port}/db?table=t")));
    fails(
        &ran,
        &["could not reach", "refused", "Check the host and port"],
    );
    // Something listens but never answers: the wait ends at connect_timeout.
    let silent = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = silent.local_addr().unwrap().port();
    let started = std::time::Instant::now();
    let ran = run(cli(data.path()).arg("inspect").arg(format!(
        "postgres://x@127.0.0.1:{port}/db?connect_timeout=1&table=t"
    )));
    fails(&ran, &["did not answer within 1 s", "connect_timeout"]);
    assert!(started.elapsed().as_secs() < 30, "it hung");
    drop(silent);
    let ran = run(cli(data.path())
        .arg("inspect")
        .arg(pg.socket_url("table=van.nope")));
    fails(&ran, &["has no table van.nope", "?table=SCHEMA.TABLE"]);
    let ran = run(cli(data.path())
        .args(["chart", "--x", "countie"])
        .arg(pg.socket_url("table=public.members")));
    fails(&ran, &["no column `countie`", "county"]);
}

#[test]
fn nothing_is_ever_written_to_the_warehouse() {
    let pg = pg::server();
    let data = tempfile::tempdir().unwrap();
    let before = pg.psql("SELECT count(*) FROM van.signups");
    for (query, says) in [
        ("DELETE FROM van.signups", "only queries that read data"),
        (
            "SELECT * FROM van.signups; DROP TABLE van.signups",
            "exactly one query",
        ),
        (
            "SELECT nextval('van.ids') AS n",
            "only reads from a warehouse",
        ),
        (
            "WITH gone AS (DELETE FROM van.signups RETURNING id) SELECT * FROM gone",
            "",
        ),
    ] {
        let ran = run(cli(data.path())
            .arg("inspect")
            .arg(pg.socket_url(&format!("query={query}"))));
        fails(&ran, &[says]);
    }
    assert_eq!(pg.psql("SELECT count(*) FROM van.signups"), before);
    assert_eq!(pg.psql("SELECT last_value FROM van.ids"), "1\n");
}

#[test]
fn apply_cleans_a_warehouse_table_into_a_csv() {
    let pg = pg::server();
    let data = tempfile::tempdir().unwrap();
    let recipe = data.path().join("members.toml");
    std::fs::write(
        &recipe,
        "format = 1\n\n[recipe]\ntable = \"members\"\nmade = 2024-10-31\n\n\
         [[ops]]\nop = \"trim\"\ncolumn = \"county\"\n",
    )
    .unwrap();
    let out = data.path().join("clean.csv");
    let ran = run(cli(data.path())
        .arg("apply")
        .arg(&recipe)
        .arg(pg.socket_url("table=public.members"))
        .arg("-o")
        .arg(&out));
    assert_eq!(ran.code, 0, "{}{}", ran.stdout, ran.stderr);
    let text = std::fs::read_to_string(&out).unwrap();
    assert_eq!(text.lines().count(), 2051, "a header and every member");
    assert!(text.starts_with("member_id,first_name,last_name,email,phone,zip,county,joined"));
}

#[test]
fn a_bundled_lesson_runs_on_a_warehouse_table_in_the_player() {
    use common::pty::Screen;
    let pg = pg::server();
    let data = tempfile::tempdir().unwrap();
    let url = pg.socket_url("table=public.members");
    let data_arg = format!("members={url}");
    let mut s = Screen::start(
        data.path(),
        &["run", "where-are-our-people", "--data", &data_arg],
    );
    // The mapping screen, on a sample of the table.
    s.wait_for("The lesson's columns");
    s.wait_for("Use this mapping (c)");
    s.send("c");
    let screen = s.wait_for("is your file public.members (2,050 rows)");
    assert!(screen.contains("Big county, strong county?"), "{screen}");
    let log = pg.log_text();
    assert!(
        log.contains(
            r#"SELECT "member_id", "zip", "county" FROM "public"."members" LIMIT 1000001"#
        ),
        "only the mapped columns are fetched in full; the log:\n{}",
        log.lines().rev().take(12).collect::<Vec<_>>().join("\n")
    );
    // Steps run on the warehouse rows: the join question's answer comes from them.
    s.send("n");
    s.wait_for("The counties table");
    s.send("n");
    s.wait_for("Who falls out of the join?");
    s.send("n");
    s.wait_for("Members per county");
    // The chart is drawn once the step's query has run on the warehouse rows.
    s.wait_for("Middlesex");
    s.send("q");
    s.wait_exit();
    let stored = walk_text(data.path());
    assert!(!stored.contains("@example.org"), "member data was stored");
}

#[test]
fn a_bundled_lesson_is_finished_end_to_end_on_a_warehouse_table() {
    let pg = pg::server();
    let (entry, lesson) = common::answers::bundled("where-are-our-people");
    let dir = tempfile::tempdir().unwrap();
    let store = huddle::progress::store::Store::new(Some(dir.path().to_path_buf()));
    let own = vec![(
        "members".to_string(),
        std::path::PathBuf::from(pg.socket_url("table=public.members")),
    )];
    let data = huddle::lesson::own_tables::load_with_own(&entry, &lesson, &own, &store).unwrap();
    assert_eq!(data.get("members").map(|t| t.height()), Some(2050));
    // Every answer is worked out from the warehouse rows, and every step is played.
    let typed = common::answers::script(&lesson, &data).join("\n") + "\n";
    let out = common::answers::play(&lesson, data, &store, &typed);
    assert!(out.contains("You finished the lesson."), "{out}");
    assert!(!out.contains("Not yet."), "{out}");
    assert!(store.peek("where-are-our-people").unwrap().finished);
    let stored = walk_text(dir.path());
    assert!(!stored.contains("@example.org"), "member data was stored");
}
