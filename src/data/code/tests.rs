use super::*;
use crate::data::recipe::{CaseTo, Keep, apply_op};
use indexmap::IndexMap;
use polars::prelude::*;

fn s(v: &str) -> String {
    v.to_string()
}

fn pad_zip() -> Op {
    Op::Pad {
        column: s("zip"),
        width: 5,
        with: s("0"),
    }
}

/// One op of every kind.
fn every_op() -> Vec<Op> {
    let mut map = IndexMap::new();
    map.insert(s("Essex Co."), s("Essex"));
    map.insert(s("essex"), s("Essex"));
    vec![
        Op::Trim {
            column: s("county"),
        },
        Op::CollapseSpaces {
            column: s("Donor Name"),
        },
        Op::Case {
            column: s("county"),
            to: CaseTo::Title,
        },
        Op::Replace {
            column: s("phone"),
            find: s(r"^\((\d{3})\) "),
            with: s("$1-"),
            regex: true,
        },
        pad_zip(),
        Op::DigitsOnly { column: s("phone") },
        Op::ParseDate {
            column: s("joined"),
            formats: vec![s("%m/%d/%Y"), s("%Y-%m-%d")],
        },
        Op::Fill {
            column: s("county"),
            value: None,
            down: true,
        },
        Op::DropNulls { column: s("email") },
        Op::Dedupe {
            column: None,
            by: vec![s("email")],
            keep: Keep::First,
            keep_blanks: false,
        },
        Op::MergeValues {
            column: s("county"),
            map,
        },
        Op::Split {
            column: s("tags"),
            by: s(","),
            into: vec![s("tag_1"), s("tag_2")],
        },
        Op::Rename {
            column: s("zip"),
            to: s("zip_code"),
        },
        Op::DropColumn { column: s("notes") },
        Op::Filter {
            column: None,
            condition: s("county <> 'Out of state'"),
        },
    ]
}

#[test]
fn pad_is_written_the_way_each_language_says_it() {
    assert_eq!(
        op_code(&pad_zip(), Lang::Sql, "members"),
        "SELECT * REPLACE (CASE WHEN LENGTH(zip) < 5 THEN LPAD(zip, 5, '0') ELSE zip END AS zip) FROM members"
    );
    assert_eq!(
        op_code(&pad_zip(), Lang::Pandas, "df"),
        "df[\"zip\"] = df[\"zip\"].str.zfill(5)"
    );
    assert_eq!(
        op_code(&pad_zip(), Lang::Dplyr, "df"),
        "df <- df |> mutate(zip = str_pad(zip, 5, pad = \"0\"))"
    );
}

#[test]
fn dedupe_keeping_blanks_keeps_them_in_each_language() {
    let op = Op::Dedupe {
        column: None,
        by: vec![s("phone")],
        keep: Keep::First,
        keep_blanks: true,
    };
    assert_eq!(
        op_code(&op, Lang::Sql, "members"),
        "SELECT * FROM members QUALIFY (COALESCE(TRIM(phone), '') = '') OR ROW_NUMBER() OVER (PARTITION BY phone ORDER BY rowid) = 1 ORDER BY rowid"
    );
    assert_eq!(
        op_code(&op, Lang::Pandas, "members"),
        "blank = members[[\"phone\"]].apply(lambda c: c.astype(\"string\").fillna(\"\").str.strip() == \"\").all(axis=1)\nmembers = members[blank | ~members.duplicated(subset=[\"phone\"], keep=\"first\")]"
    );
    assert_eq!(
        op_code(&op, Lang::Dplyr, "members"),
        "members <- members |> filter(if_all(c(phone), \\(x) is.na(x) | trimws(x) == \"\") | !duplicated(pick(phone)))"
    );
}

#[test]
fn names_with_spaces_are_quoted_in_each_language() {
    let op = Op::Dedupe {
        column: None,
        by: vec![s("Donor ZIP"), s("email")],
        keep: Keep::Last,
        keep_blanks: false,
    };
    assert_eq!(
        op_code(&op, Lang::Sql, "donations"),
        "SELECT * FROM donations QUALIFY ROW_NUMBER() OVER (PARTITION BY \"Donor ZIP\", email ORDER BY rowid DESC) = 1 ORDER BY rowid"
    );
    assert_eq!(
        op_code(&op, Lang::Pandas, "donations"),
        "donations = donations.drop_duplicates(subset=[\"Donor ZIP\", \"email\"], keep=\"last\")"
    );
    assert_eq!(
        op_code(&op, Lang::Dplyr, "donations"),
        "donations <- donations |> filter(!duplicated(pick(`Donor ZIP`, email), fromLast = TRUE))"
    );
    let trim = Op::Trim {
        column: s("Zip\"Code"),
    };
    assert_eq!(
        op_code(&trim, Lang::Sql, "my table"),
        "SELECT * REPLACE (TRIM(\"Zip\"\"Code\") AS \"Zip\"\"Code\") FROM \"my table\""
    );
    assert_eq!(
        op_code(&trim, Lang::Pandas, "my table"),
        "my_table[\"Zip\\\"Code\"] = my_table[\"Zip\\\"Code\"].str.strip()"
    );
}

#[test]
fn every_op_kind_has_code_in_every_language() {
    let ops = every_op();
    let kinds: std::collections::HashSet<&str> = ops.iter().map(Op::name).collect();
    assert_eq!(kinds.len(), crate::data::recipe::OP_NAMES.len());
    let more = [
        Op::Fill {
            column: s("county"),
            value: Some(s("Unknown")),
            down: false,
        },
        Op::Replace {
            column: s("county"),
            find: s(" Co."),
            with: s(""),
            regex: false,
        },
    ];
    for lang in Lang::ALL {
        for op in ops.iter().chain(&more) {
            let code = op_code(op, lang, "members");
            assert!(
                code.trim().len() > 10,
                "{} in {}: {code:?}",
                op.name(),
                lang.label()
            );
        }
        let script = recipe_code(&ops, lang, "members");
        for (i, op) in ops.iter().enumerate() {
            assert!(
                script.contains(&format!("{}. {}", i + 1, op_summary(op))),
                "{}: {script}",
                lang.label()
            );
        }
    }
}

#[test]
fn recipe_scripts_read_text_columns_and_write_the_cleaned_file() {
    let ops = [pad_zip()];
    let sql = recipe_code(&ops, Lang::Sql, "members");
    assert!(
        sql.contains("read_csv('members.csv', all_varchar = true)"),
        "{sql}"
    );
    assert!(
        sql.contains("CREATE OR REPLACE TABLE members AS\nSELECT * REPLACE (CASE"),
        "{sql}"
    );
    assert!(
        sql.ends_with("TO 'members_cleaned.csv' (HEADER);\n"),
        "{sql}"
    );
    let py = recipe_code(&ops, Lang::Pandas, "members");
    assert!(py.starts_with("import pandas as pd\n"), "{py}");
    assert!(
        py.contains("pd.read_csv(\"members.csv\", dtype=str"),
        "{py}"
    );
    assert!(py.contains("\n# 1. pad zip\nmembers[\"zip\"] = "), "{py}");
    let r = recipe_code(&ops, Lang::Dplyr, "members");
    assert!(r.starts_with("library(dplyr)\n"), "{r}");
    assert!(
        r.contains("col_types = cols(.default = col_character())"),
        "{r}"
    );
}

#[test]
fn regex_group_references_follow_each_language() {
    let op = &every_op()[3];
    assert!(
        op_code(op, Lang::Sql, "m").contains(r"REGEXP_REPLACE(phone, '^\((\d{3})\) ', '\1-', 'g')"),
        "{}",
        op_code(op, Lang::Sql, "m")
    );
    assert_eq!(
        op_code(op, Lang::Pandas, "m"),
        r#"m["phone"] = m["phone"].str.replace(r"^\((\d{3})\) ", r"\g<1>-", regex=True)"#
    );
    assert_eq!(
        op_code(op, Lang::Dplyr, "m"),
        r#"m <- m |> mutate(phone = str_replace_all(phone, "^\\((\\d{3})\\) ", "\\1-"))"#
    );
    assert_eq!(
        replacement_pieces("$$5 ${2}x$name"),
        vec![
            Piece::Text(s("$5 ")),
            Piece::Group(s("2")),
            Piece::Text(s("x")),
            Piece::Group(s("name"))
        ]
    );
}

#[test]
fn simple_filter_conditions_are_translated_and_others_left_as_comments() {
    let filter = |c: &str| Op::Filter {
        column: None,
        condition: s(c),
    };
    let op = filter("county = 'Essex' AND \"Donor ZIP\" IS NOT NULL OR amount >= 25");
    assert_eq!(
        op_code(&op, Lang::Pandas, "df"),
        "df = df.query(\"county == \\\"Essex\\\" and `Donor ZIP`.notna() or amount >= 25\", engine=\"python\")"
    );
    assert_eq!(
        op_code(&op, Lang::Dplyr, "df"),
        "df <- df |> filter(county == \"Essex\" & !is.na(`Donor ZIP`) | amount >= 25)"
    );
    let op = filter("status IN ('REGISTERED', 'CONFIRMED') AND NOT attended IS NULL");
    assert_eq!(
        op_code(&op, Lang::Dplyr, "df"),
        "df <- df |> filter(status %in% c(\"REGISTERED\", \"CONFIRMED\") & ! is.na(attended))"
    );
    let op = filter("email LIKE '%@example.org'");
    let py = op_code(&op, Lang::Pandas, "df");
    assert!(
        py.starts_with("# keep the rows where (SQL): email LIKE '%@example.org'\n# translate"),
        "{py}"
    );
    assert!(op_code(&filter("LOWER(county) = 'essex'"), Lang::Dplyr, "df").starts_with("# keep"));
}

/// Run SQL in huddle's own engine.
fn run_sql(df: &DataFrame, sql: &str) -> DataFrame {
    let mut c = crate::data::sql::Catalog::new();
    c.insert("members", df.clone());
    c.query(sql)
        .unwrap_or_else(|e| panic!("{sql}\n{}", e.message))
}

#[test]
fn the_sql_of_many_ops_gives_the_same_table_in_huddles_own_sql() {
    let df = df!(
        "zip" => [Some("2134"), Some("02906-1234"), None, Some("1001"), Some("2134")],
        "county" => [Some(" Essex "), Some("essex"), Some("Essex Co."), None, Some(" Essex ")],
        "notes" => [Some("a"), Some("b"), Some("c"), Some("d"), Some("e")],
    )
    .unwrap();
    let mut map = IndexMap::new();
    map.insert(s("essex"), s("Essex"));
    map.insert(s("Essex Co."), s("Essex"));
    let ops = [
        pad_zip(),
        Op::Trim {
            column: s("county"),
        },
        Op::Case {
            column: s("county"),
            to: CaseTo::Upper,
        },
        Op::Case {
            column: s("county"),
            to: CaseTo::Lower,
        },
        Op::Replace {
            column: s("county"),
            find: s(" Co."),
            with: s(""),
            regex: false,
        },
        Op::MergeValues {
            column: s("county"),
            map,
        },
        Op::Fill {
            column: s("county"),
            value: Some(s("Unknown")),
            down: false,
        },
        Op::DropNulls { column: s("zip") },
        Op::Rename {
            column: s("zip"),
            to: s("zip_code"),
        },
        Op::DropColumn { column: s("notes") },
        Op::Filter {
            column: None,
            condition: s("zip <> '02134'"),
        },
    ];
    for op in &ops {
        let (want, _) = apply_op(&df, op).unwrap();
        let got = run_sql(&df, &op_code(op, Lang::Sql, "members"));
        // SQL has no rename in place: compare the renamed table in huddle's column order.
        let got = got.select(want.get_column_names_owned()).unwrap_or(got);
        assert!(
            got.equals_missing(&want),
            "{}:\nhuddle:\n{want}\nSQL:\n{got}",
            op.name()
        );
    }
}

fn pandas_available() -> bool {
    std::process::Command::new("python3")
        .args(["-c", "import pandas"])
        .output()
        .is_ok_and(|o| o.status.success())
}

/// A file's cells as text, for comparing two CSVs.
fn cells(path: &std::path::Path) -> DataFrame {
    crate::data::import::read_raw_file(path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .df
}

#[test]
fn the_pandas_script_cleans_like_huddle_does() {
    if !pandas_available() {
        eprintln!("note: python3 with pandas is not installed; the pandas script was not run");
        return;
    }
    let csv = "\
member_id,Donor Name,county,phone,zip,joined,organizer,email,tags,notes
M001,  maria   SANTOS ,Essex Co.,(617) 555-0101,2134,3/4/2023,Ana,maria@example.org,\"Volunteer, Phonebank\",x
M002,dev patel,essex,617.555.0102,02906-1234,2023-03-05,,dev@example.org,Volunteer,y
M003,Kim  Lee,,(508) 555-0103,1001,12/25/2022,Bo,,,z
M004,maria santos,Suffolk,6175550101,02134,2024-01-09,,maria@example.org,\"Phonebank, Canvass, Door\",w
M005,Ola Ade,Out of state,,90210,1/2/2024,Cy,ola@example.org,Canvass,v
";
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("members.csv"), csv).unwrap();
    let mut map = IndexMap::new();
    map.insert(s("Essex Co."), s("Essex"));
    map.insert(s("essex"), s("Essex"));
    let ops = vec![
        Op::Trim {
            column: s("county"),
        },
        Op::CollapseSpaces {
            column: s("Donor Name"),
        },
        Op::Case {
            column: s("Donor Name"),
            to: CaseTo::Title,
        },
        Op::Replace {
            column: s("phone"),
            find: s(r"^\((\d{3})\) "),
            with: s("$1-"),
            regex: true,
        },
        Op::DigitsOnly { column: s("phone") },
        pad_zip(),
        Op::ParseDate {
            column: s("joined"),
            formats: vec![s("%m/%d/%Y"), s("%Y-%m-%d")],
        },
        Op::Fill {
            column: s("organizer"),
            value: None,
            down: true,
        },
        Op::MergeValues {
            column: s("county"),
            map,
        },
        Op::Fill {
            column: s("county"),
            value: Some(s("Unknown")),
            down: false,
        },
        Op::Split {
            column: s("tags"),
            by: s(","),
            into: vec![s("tag_1"), s("tag_2")],
        },
        Op::DropNulls { column: s("email") },
        Op::Dedupe {
            column: None,
            by: vec![s("email")],
            keep: Keep::Last,
            keep_blanks: false,
        },
        Op::Rename {
            column: s("zip"),
            to: s("zip_code"),
        },
        Op::DropColumn { column: s("notes") },
        Op::Filter {
            column: None,
            condition: s("county <> 'Out of state' AND phone IS NOT NULL"),
        },
    ];
    let (typed, _) = crate::data::import::import_bytes(csv.as_bytes(), &[]).unwrap();
    let (mut want, _) = crate::data::recipe::apply_all(&typed, &ops).unwrap();
    let huddle_out = dir.path().join("huddle.csv");
    let mut f = std::fs::File::create(&huddle_out).unwrap();
    CsvWriter::new(&mut f).finish(&mut want).unwrap();

    let script = recipe_code(&ops, Lang::Pandas, "members");
    std::fs::write(dir.path().join("recipe.py"), &script).unwrap();
    let run = std::process::Command::new("python3")
        .arg("recipe.py")
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{script}\n{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let got = cells(&dir.path().join("members_cleaned.csv"));
    let want = cells(&huddle_out);
    assert_eq!(want.height(), 2, "{want}");
    assert!(
        got.equals_missing(&want),
        "{script}\nhuddle:\n{want}\npandas:\n{got}"
    );
}
