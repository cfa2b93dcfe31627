use super::*;
use crate::data::recipe::Keep;
use indexmap::IndexMap;

fn col(s: &str) -> String {
    s.to_string()
}

/// One op of every kind, with values that need quoting in TOML.
fn every_op() -> Vec<Op> {
    let mut map = IndexMap::new();
    map.insert(col("Essex Co."), col("Essex"));
    map.insert(col("essex \"county\""), col("Essex"));
    map.insert(col("Suffolk"), col("Suffolk = Boston"));
    vec![
        Op::Trim {
            column: col("county"),
        },
        Op::CollapseSpaces {
            column: col("Donor Name"),
        },
        Op::Case {
            column: col("county"),
            to: CaseTo::Title,
        },
        Op::Replace {
            column: col("county"),
            find: col(" Co."),
            with: col(""),
            regex: false,
        },
        Op::Replace {
            column: col("phone"),
            find: col(r"^\+?1?\s*(\d{3})"),
            with: col("$1"),
            regex: true,
        },
        Op::Pad {
            column: col("zip"),
            width: 5,
            with: col("0"),
        },
        Op::DigitsOnly {
            column: col("phone"),
        },
        Op::ParseDate {
            column: col("joined"),
            formats: vec![col("%m/%d/%Y"), col("%Y-%m-%d")],
        },
        Op::Fill {
            column: col("county"),
            value: Some(col("Unknown")),
            down: false,
        },
        Op::Fill {
            column: col("organizer"),
            value: None,
            down: true,
        },
        Op::DropNulls {
            column: col("email"),
        },
        Op::Dedupe {
            column: None,
            by: vec![col("email"), col("zip")],
            keep: Keep::Last,
            keep_blanks: true,
        },
        Op::MergeValues {
            column: col("county"),
            map,
        },
        Op::Split {
            column: col("tags"),
            by: col(", "),
            into: vec![col("tag_1"), col("tag_2")],
        },
        Op::Rename {
            column: col("Donor ZIP"),
            to: col("zip_code"),
        },
        Op::DropColumn {
            column: col("Reserved_2"),
        },
        Op::Filter {
            column: None,
            condition: col("county <> 'Out of state' AND \"Donor ZIP\" IS NOT NULL"),
        },
    ]
}

#[test]
fn every_op_kind_round_trips_through_the_file() {
    let recipe = Recipe { ops: every_op() };
    let kinds: HashSet<&str> = recipe.ops.iter().map(Op::name).collect();
    assert_eq!(
        kinds.len(),
        crate::data::recipe::OP_NAMES.len(),
        "the test covers every op"
    );
    let header = RecipeHeader {
        lesson: Some(col("who-are-our-people")),
        table: Some(col("members")),
        made: NaiveDate::from_ymd_opt(2024, 10, 15),
        note: Some(col("October list, \"final\"")),
    };
    let text = recipe.to_toml(&header);
    let (back, back_header) = Recipe::parse_with_header("r.toml", &text)
        .unwrap_or_else(|d| panic!("{}\n{text}", d[0].render()));
    assert_eq!(back, recipe, "{text}");
    assert_eq!(back_header, header);
    assert!(text.contains("huddle apply this.toml NEXT-EXPORT.csv -o cleaned.csv"));
    assert!(
        text.contains("# 6. pad zip\n[[ops]]\nop = \"pad\""),
        "{text}"
    );
    assert!(text.contains("made = 2024-10-15\n"), "{text}");
}

#[test]
fn a_recipe_without_header_round_trips_and_the_header_is_optional() {
    let recipe = Recipe {
        ops: vec![Op::Trim {
            column: col("county"),
        }],
    };
    let text = recipe.to_toml(&RecipeHeader::default());
    assert!(!text.contains("[recipe]"), "{text}");
    let (back, header) = Recipe::parse_with_header("r.toml", &text).unwrap();
    assert_eq!(back, recipe);
    assert_eq!(header, RecipeHeader::default());
}

fn errors(text: &str) -> Vec<String> {
    Recipe::parse("r.toml", text)
        .expect_err("the recipe is refused")
        .iter()
        .map(Diagnostic::headline)
        .collect()
}

#[test]
fn an_unknown_key_in_an_op_names_its_line_column_and_the_nearest_key() {
    let text = "format = 1\n\n[[ops]]\nop = \"pad\"\ncolumn = \"zip\"\nwidht = 5\n";
    let errs = errors(text);
    assert_eq!(
        errs,
        vec!["r.toml:6:1: error: `widht` does not apply to op `pad`; did you mean `width`?"]
    );
}

#[test]
fn an_unknown_op_gets_the_nearest_name() {
    let text = "format = 1\n[[ops]]\nop = \"trim\"\ncolumn = \"a\"\n[[ops]]\nop = \"dedup\"\nby = [\"email\"]\n";
    assert_eq!(
        errors(text),
        vec!["r.toml:6:6: error: unknown op \"dedup\" in op 2; did you mean `dedupe`?"]
    );
}

#[test]
fn a_missing_required_key_points_at_its_op() {
    let text = "format = 1\n[[ops]]\nop = \"trim\"\ncolumn = \"a\"\n\n[[ops]]\nop = \"pad\"\ncolumn = \"zip\"\n";
    assert_eq!(
        errors(text),
        vec!["r.toml:7:6: error: op 2 (`pad`) needs `width`"]
    );
}

#[test]
fn every_bad_row_is_reported_at_once() {
    let text = "format = 1\n[[ops]]\nop = \"trimm\"\ncolumn = \"a\"\n[[ops]]\nop = \"case\"\ncolumn = \"a\"\nto = \"loud\"\n[[ops]]\nop = \"pad\"\ncolumn = \"zip\"\nwidth = \"five\"\n";
    let errs = errors(text);
    assert_eq!(errs.len(), 3, "{errs:#?}");
    assert!(errs[0].starts_with("r.toml:3:6:") && errs[0].contains("`trim`"));
    assert!(
        errs[1].starts_with("r.toml:8:6:")
            && errs[1].contains("op 2 (`case`): `to = \"loud\"` is not a case")
    );
    assert!(
        errs[2].starts_with("r.toml:12:9:") && errs[2].contains("expected a whole number"),
        "{}",
        errs[2]
    );
}

#[test]
fn format_versions_are_checked() {
    let ops = "[[ops]]\nop = \"trim\"\ncolumn = \"a\"\n";
    assert_eq!(
        errors(&format!("format = 2\n{ops}")),
        vec![
            "r.toml:1:10: error: this recipe is written in format 2, but this huddle reads format 1: write `format = 1` or update huddle"
        ]
    );
    let errs = errors(ops);
    assert!(
        errs[0].starts_with("r.toml:1:1: error: missing `format = 1`"),
        "{errs:?}"
    );
    let errs = errors(&format!("format = \"1\"\n{ops}"));
    assert!(errs[0].starts_with("r.toml:1:10:"), "{errs:?}");
}

#[test]
fn unknown_top_and_header_keys_and_bad_dates_are_named() {
    let text = "format = 1\nopps = 1\n[recipe]\nlessn = \"x\"\nmade = \"last tuesday\"\n[[ops]]\nop = \"trim\"\ncolumn = \"a\"\n";
    let errs = errors(text);
    assert_eq!(
        errs,
        vec![
            "r.toml:2:1: error: unknown key `opps` at the top of the recipe; did you mean `ops`?",
            "r.toml:4:1: error: unknown key `lessn` in [recipe]; did you mean `lesson`?",
            "r.toml:5:8: error: `made` must be a date such as 2024-10-15 (year-month-day)",
        ]
    );
}

#[test]
fn syntax_errors_and_empty_recipes_are_refused() {
    let errs = errors("format = 1\n[[ops]\nop = \"trim\"\n");
    assert!(
        errs[0].starts_with("r.toml:2:") && errs[0].contains("TOML syntax"),
        "{errs:?}"
    );
    let errs = errors("format = 1\n");
    assert!(errs[0].contains("the recipe has no ops"), "{errs:?}");
    let errs = errors("format = 1\nops = []\n");
    assert!(errs[0].contains("empty"), "{errs:?}");
}

#[test]
fn personal_values_are_found_by_position_without_showing_them() {
    let text = r#"format = 1
[[ops]]
op = "merge_values"
column = "email"
map = { "Essex" = "Essex", "jo.rivera@example.org" = "jo@example.org" }
[[ops]]
op = "replace"
column = "phone"
find = "(617) 555-0142"
with = ""
[[ops]]
op = "filter"
where = "email <> 'sam.lee@example.net' AND zip = '02134'"
[[ops]]
op = "fill"
column = "zip"
value = "02134"
[[ops]]
op = "pad"
column = "zip"
width = 5
"#;
    let recipe = Recipe::parse("r.toml", text).unwrap();
    let found = recipe.personal_values();
    assert_eq!(
        found,
        vec![
            "op 1 (merge_values): key 2 of `map`",
            "op 1 (merge_values): value 2 of `map`",
            "op 2 (replace): `find`",
            "op 3 (filter): `where`",
        ]
    );
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("r.toml");
    let err = recipe
        .save(&RecipeHeader::default(), &path, &[], false)
        .unwrap_err();
    assert!(err.contains("op 2 (replace): `find`"), "{err}");
    for value in ["jo.rivera@example.org", "555-0142", "sam.lee"] {
        assert!(!err.contains(value), "the message shows {value}: {err}");
    }
    assert!(!path.exists(), "nothing is written");
}

#[test]
fn a_clean_recipe_is_saved_and_an_existing_file_is_kept_unless_asked() {
    let recipe = Recipe { ops: every_op() };
    assert_eq!(recipe.personal_values(), Vec::<String>::new());
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("zips.toml");
    recipe
        .save(&RecipeHeader::default(), &path, &[], false)
        .unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    assert_eq!(Recipe::parse("zips.toml", &text).unwrap(), recipe);
    let err = recipe
        .save(&RecipeHeader::default(), &path, &[], false)
        .unwrap_err();
    assert!(err.contains("already exists"), "{err}");
    let short = Recipe {
        ops: vec![Op::Trim { column: col("a") }],
    };
    short
        .save(&RecipeHeader::default(), &path, &[], true)
        .unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    assert_eq!(Recipe::parse("zips.toml", &text).unwrap(), short);
}

#[test]
fn columns_made_by_earlier_ops_are_not_needed_from_the_file() {
    let ops = vec![
        Op::Trim {
            column: col("county"),
        },
        Op::Split {
            column: col("name"),
            by: col(","),
            into: vec![col("last"), col("first")],
        },
        Op::Trim {
            column: col("first"),
        },
        Op::Rename {
            column: col("zip"),
            to: col("zip_code"),
        },
        Op::Pad {
            column: col("zip_code"),
            width: 5,
            with: col("0"),
        },
        Op::Dedupe {
            column: None,
            by: vec![col("email"), col("last")],
            keep: Keep::First,
            keep_blanks: false,
        },
        Op::DropColumn {
            column: col("first"),
        },
        Op::Trim {
            column: col("first"),
        },
        Op::Case {
            column: col("county"),
            to: CaseTo::Upper,
        },
    ];
    let needed = Recipe { ops }.columns_needed();
    assert_eq!(
        needed,
        vec![
            (0, col("county")),
            (1, col("name")),
            (3, col("zip")),
            (5, col("email")),
            (7, col("first")),
        ]
    );
}

#[test]
fn summaries_name_columns_not_values() {
    let ops = every_op();
    assert_eq!(op_summary(&ops[5]), "pad zip");
    assert_eq!(op_summary(&ops[11]), "dedupe by email, zip (blanks kept)");
    assert_eq!(op_summary(&ops[12]), "merge 3 spelling(s) in county");
    assert_eq!(op_summary(&ops[16]), "filter rows");
    assert_eq!(op_summary(&ops[3]), "replace text in county");
}
