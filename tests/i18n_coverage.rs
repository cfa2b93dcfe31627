//! Every text the player translates has a Spanish entry with the same placeholders.
//!
//! The test reads `src/` for `tr("…")`, `trf("…", …)` and `tr_key("…")` and looks each
//! English key up in the Spanish table (see docs/translating.md).

use huddle::i18n::{placeholders, spanish, spanish_entries};
use std::path::Path;

/// Every literal key used in the sources, with where it is.
fn keys_in_sources() -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut dirs = vec![Path::new(env!("CARGO_MANIFEST_DIR")).join("src")];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).unwrap();
                for (line, key) in literal_keys(&text) {
                    out.push((format!("{}:{line}", path.display()), key));
                }
            }
        }
    }
    out
}

/// `(line, key)` for each `tr(`, `trf(` or `tr_key(` whose first argument is a literal.
fn literal_keys(text: &str) -> Vec<(usize, String)> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    for name in ["tr(", "trf(", "tr_key("] {
        let mut from = 0;
        while let Some(at) = text[from..].find(name) {
            let start = from + at;
            from = start + name.len();
            let before = start.checked_sub(1).map(|i| bytes[i]);
            if before.is_some_and(|b| b.is_ascii_alphanumeric() || b == b'_') {
                continue;
            }
            let rest = text[from..].trim_start();
            if let Some(lit) = rest.strip_prefix('"') {
                let line = text[..start].matches('\n').count() + 1;
                out.push((line, unescape(lit)));
            }
        }
    }
    out
}

/// The value of a Rust string literal whose opening quote was just read.
fn unescape(lit: &str) -> String {
    let mut out = String::new();
    let mut chars = lit.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' => break,
            '\\' => match chars.next() {
                Some('n') => out.push('\n'),
                Some('t') => out.push('\t'),
                Some('"') => out.push('"'),
                Some('\\') => out.push('\\'),
                Some('\'') => out.push('\''),
                Some('\n') => {
                    while chars.peek().is_some_and(|c| c.is_whitespace()) {
                        chars.next();
                    }
                }
                Some(other) => panic!("unexpected escape \\{other} in a translation key"),
                None => break,
            },
            c => out.push(c),
        }
    }
    out
}

#[test]
fn every_ui_string_has_a_spanish_entry() {
    let missing: Vec<String> = keys_in_sources()
        .into_iter()
        .filter(|(_, key)| spanish(key).is_none())
        .map(|(at, key)| format!("{at}: {key:?}"))
        .collect();
    assert!(
        missing.is_empty(),
        "{} text(s) have no Spanish in src/i18n/es.rs (docs/translating.md):\n{}",
        missing.len(),
        missing.join("\n")
    );
}

#[test]
fn spanish_entries_keep_the_placeholders_and_are_not_empty() {
    for (en, es) in spanish_entries() {
        assert_eq!(
            placeholders(en),
            placeholders(es),
            "the Spanish for {en:?} must use the same {{placeholders}}: {es:?}"
        );
        assert!(!es.trim().is_empty(), "empty Spanish for {en:?}");
    }
}

#[test]
fn the_table_has_no_key_twice_and_no_stale_entries() {
    let used: std::collections::HashSet<String> =
        keys_in_sources().into_iter().map(|(_, k)| k).collect();
    let mut seen = std::collections::HashSet::new();
    for (en, _) in spanish_entries() {
        assert!(seen.insert(*en), "{en:?} is in the Spanish table twice");
        assert!(
            used.contains(*en),
            "{en:?} is in the Spanish table but no code uses it: remove it"
        );
    }
}

#[test]
fn the_scanner_reads_escapes_and_continued_lines() {
    let src = "x(tr(\"a \\\"b\\\"\"), trf(\n  \"one \\\n   two {n}\", &[]), attr(\"no\"))";
    let keys: Vec<String> = literal_keys(src).into_iter().map(|(_, k)| k).collect();
    assert_eq!(keys, vec!["a \"b\"".to_string(), "one two {n}".to_string()]);
}

/// What the engine says reaches the learner in Spanish too: SQL errors in our own
/// words (not the engine's English), chart errors, each cleaning op's description in
/// the menu and type names in the column profile.
#[test]
fn engine_errors_ops_and_types_are_in_spanish() {
    use huddle::chart::prepare;
    use huddle::data::sql::Catalog;
    use huddle::data::types::ColumnType;
    use huddle::i18n::{Lang, override_thread, tr_dyn};
    use huddle::lesson::model::{ChartKind, ChartSpec};
    use polars::prelude::*;

    let _es = override_thread(Lang::Es);
    let mut c = Catalog::new();
    c.insert(
        "members",
        df!("county" => ["Essex", "Kent"], "email" => ["a@x.org", "b@x.org"]).unwrap(),
    );
    let english = [
        "there is",
        "did you mean",
        "conversion",
        "failed",
        "cannot",
        "the query",
        "syntax",
        "the chart",
        "expected",
        "compare",
    ];
    let errors = [
        c.query("SELECT countyy FROM members")
            .unwrap_err()
            .to_string(),
        c.query("SELECT CAST(email AS INTEGER) FROM members")
            .unwrap_err()
            .to_string(),
        c.query("SELECT county FROM members WHERE email > 3")
            .unwrap_err()
            .to_string(),
        c.query("SELECT email + 1 FROM members")
            .unwrap_err()
            .to_string(),
        c.query("SELECT FROM WHERE").unwrap_err().to_string(),
        c.query("SELECT * FROM member").unwrap_err().to_string(),
        c.query("DROP TABLE members").unwrap_err().to_string(),
    ];
    for e in &errors {
        for w in english {
            assert!(!e.to_lowercase().contains(w), "English `{w}` in: {e}");
        }
    }
    assert!(
        errors[0].contains("¿quisiste decir `county`?"),
        "{}",
        errors[0]
    );
    assert!(errors[1].contains("números enteros"), "{}", errors[1]);
    let df = c.query("SELECT county FROM members").unwrap();
    let spec = ChartSpec {
        kind: ChartKind::Bar,
        x: "county".into(),
        y: Some("n".into()),
        title: None,
        series: None,
        bins: None,
        every: None,
    };
    let e = prepare(&spec, &df, "t").unwrap_err();
    assert!(e.starts_with("el gráfico necesita"), "{e}");
    for k in huddle::tui::op_form::MENU {
        assert_ne!(
            tr_dyn(k.what),
            k.what,
            "op `{}` is described in English",
            k.name
        );
    }
    assert_eq!(ColumnType::Text.words(), "texto");
    assert_eq!(ColumnType::Integer.words(), "número entero");
}
