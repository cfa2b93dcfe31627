//! `huddle apply RECIPE INPUT -o OUTPUT` on files shaped like real exports.

mod common;

use common::exports::{self, COUNTIES, Generated, Month};
use common::{Ran, huddle, run};
use huddle::data::import::read_raw_file;
use std::path::{Path, PathBuf};

/// A folder holding exports, recipes and outputs for one test.
struct Bench {
    dir: tempfile::TempDir,
    data: tempfile::TempDir,
}

impl Bench {
    fn new() -> Bench {
        Bench {
            dir: tempfile::tempdir().unwrap(),
            data: tempfile::tempdir().unwrap(),
        }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn recipe(&self, name: &str, ops: &str) -> PathBuf {
        let path = self.path(name);
        std::fs::write(&path, format!("format = 1\n\n{ops}")).unwrap();
        path
    }

    /// Run `huddle apply`, checking the input is byte-for-byte unchanged afterwards.
    fn apply(&self, recipe: &Path, input: &Path, output: &Path, extra: &[&str]) -> Ran {
        let before = std::fs::read(input).unwrap();
        let ran = run(huddle(self.data.path())
            .current_dir(self.dir.path())
            .arg("apply")
            .arg(recipe)
            .arg(input)
            .arg("-o")
            .arg(output)
            .args(extra));
        assert_eq!(
            std::fs::read(input).unwrap(),
            before,
            "the input file was modified"
        );
        ran
    }
}

/// The output's cells as text, by column name.
struct Table {
    names: Vec<String>,
    rows: Vec<Vec<Option<String>>>,
}

impl Table {
    fn read(path: &Path) -> Table {
        let raw = read_raw_file(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let names: Vec<String> = raw
            .df
            .get_column_names()
            .iter()
            .map(|s| s.to_string())
            .collect();
        let cols: Vec<Vec<Option<String>>> = names
            .iter()
            .map(|n| {
                raw.df
                    .column(n)
                    .unwrap()
                    .str()
                    .unwrap()
                    .iter()
                    .map(|v| v.map(str::to_string))
                    .collect()
            })
            .collect();
        let rows = (0..raw.df.height())
            .map(|r| cols.iter().map(|c| c[r].clone()).collect())
            .collect();
        Table { names, rows }
    }

    fn col(&self, name: &str) -> Vec<String> {
        let i = self
            .names
            .iter()
            .position(|n| n == name)
            .unwrap_or_else(|| panic!("no column {name} in {:?}", self.names));
        self.rows
            .iter()
            .map(|r| r[i].clone().unwrap_or_default())
            .collect()
    }
}

/// The member-list recipe a learner would make on October's Excel-damaged file.
fn members_recipe() -> String {
    let mut merge = String::new();
    for c in COUNTIES {
        merge.push_str(&format!(
            "\"{c} Co.\" = \"{c}\"\n\"{c} County\" = \"{c}\"\n"
        ));
    }
    format!(
        r#"[recipe]
table = "members"
made = 2024-10-31

[[ops]]
op = "trim"
column = "county"

[[ops]]
op = "case"
column = "county"
to = "title"

[[ops]]
op = "merge_values"
column = "county"
[ops.map]
{merge}
[[ops]]
op = "pad"
column = "zip"
width = 5
with = "0"

[[ops]]
op = "digits_only"
column = "phone"

[[ops]]
op = "replace"
column = "phone"
find = '^1(\d{{10}})$'
with = "$1"
regex = true

[[ops]]
op = "trim"
column = "email"

[[ops]]
op = "case"
column = "email"
to = "lower"

[[ops]]
op = "dedupe"
by = ["email"]

[[ops]]
op = "parse_date"
column = "joined"
formats = ["%Y-%m-%d", "%m/%d/%y", "%m/%d/%Y"]
"#
    )
}

#[test]
fn an_october_recipe_cleans_novembers_export() {
    let b = Bench::new();
    let october = exports::excel_damaged(b.dir.path(), Month::October);
    let november = exports::excel_damaged(b.dir.path(), Month::from_name("november"));
    let recipe = b.recipe("members.toml", &members_recipe());
    let ran = b.apply(&recipe, &october.path, &b.path("oct.csv"), &[]);
    assert_eq!(ran.code, 0, "{}", ran.stderr);

    let out = b.path("nov.csv");
    let ran = b.apply(&recipe, &november.path, &out, &[]);
    assert_eq!(ran.code, 0, "{}", ran.stderr);
    let facts = &november.facts;
    let removed = facts.rows - facts.clean.len();
    for line in [
        format!("4. pad zip: {} rows changed\n", facts.lost_zeros.len()),
        format!("9. dedupe by email: {removed} rows removed\n"),
        format!(
            "wrote {} rows × 9 columns to {}\n",
            facts.clean.len(),
            out.display()
        ),
    ] {
        assert!(
            ran.stdout.contains(&line),
            "{line:?} not in\n{}",
            ran.stdout
        );
    }

    let t = Table::read(&out);
    assert_eq!(t.names, facts.columns);
    let want = |f: fn(&exports::CleanPerson) -> &String| -> Vec<String> {
        facts.clean.iter().map(|p| f(p).clone()).collect()
    };
    assert_eq!(t.col("member_id"), want(|p| &p.id));
    assert_eq!(t.col("email"), want(|p| &p.email));
    assert_eq!(t.col("phone"), want(|p| &p.phone));
    assert_eq!(t.col("zip"), want(|p| &p.zip));
    assert_eq!(t.col("county"), want(|p| &p.county));
    assert_eq!(t.col("joined"), want(|p| &p.joined));
    // A column no op touches is written exactly as it was read.
    let input = Table::read(&november.path);
    let kept: Vec<String> = input
        .col("van_id")
        .into_iter()
        .zip(input.col("member_id"))
        .filter(|(_, id)| t.col("member_id").contains(id))
        .map(|(v, _)| v)
        .collect();
    assert_eq!(t.col("van_id"), kept);
    assert!(kept.iter().all(|v| v.contains("E+09")), "{kept:?}");
}

#[test]
fn missing_columns_are_all_listed_with_suggestions_and_nothing_is_written() {
    let b = Bench::new();
    let van = exports::van_saved_list(b.dir.path(), Month::October);
    let recipe = b.recipe(
        "members.toml",
        "[[ops]]\nop = \"pad\"\ncolumn = \"zip\"\nwidth = 5\n\n[[ops]]\nop = \"trim\"\ncolumn = \"county\"\n\n[[ops]]\nop = \"dedupe\"\nby = [\"email\"]\n",
    );
    let out = b.path("clean.csv");
    let ran = b.apply(&recipe, &van.path, &out, &[]);
    assert_eq!(ran.code, 1, "{}", ran.stderr);
    for needle in [
        "lacks 3 columns the recipe needs; nothing was written",
        "`zip` (op 1, pad zip): did you mean `ZipOrPostal`?",
        "`county` (op 2, trim county): did you mean `County`?",
        "`email` (op 3, dedupe by email): no column with a similar name",
        "--map zip=ZipOrPostal",
        "This file's columns: `VanID`, `FirstName`",
    ] {
        assert!(
            ran.stderr.contains(needle),
            "{needle:?} not in\n{}",
            ran.stderr
        );
    }
    assert!(!out.exists(), "nothing is written");
    let leftovers: Vec<_> = std::fs::read_dir(b.dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name())
        .collect();
    assert_eq!(leftovers.len(), 2, "no temporary files: {leftovers:?}");
}

#[test]
fn map_points_the_recipe_at_this_files_columns() {
    let b = Bench::new();
    let van = exports::van_saved_list(b.dir.path(), Month::November);
    let recipe = b.recipe(
        "list.toml",
        "[[ops]]\nop = \"pad\"\ncolumn = \"zip\"\nwidth = 5\n\n[[ops]]\nop = \"case\"\ncolumn = \"county\"\nto = \"upper\"\n\n[[ops]]\nop = \"digits_only\"\ncolumn = \"CellPhone\"\n",
    );
    let out = b.path("clean.csv");
    let ran = b.apply(
        &recipe,
        &van.path,
        &out,
        &["--map", "zip=ZipOrPostal", "--map", "county=County"],
    );
    assert_eq!(ran.code, 0, "{}", ran.stderr);
    assert!(
        ran.stdout
            .contains("column `zip` of the recipe is `ZipOrPostal` here"),
        "{}",
        ran.stdout
    );
    let t = Table::read(&out);
    assert_eq!(t.names, van.facts.columns, "the file keeps its own names");
    assert!(t.col("County").iter().all(|c| c == &c.to_uppercase()));
    assert!(
        t.col("CellPhone")
            .iter()
            .all(|p| p.len() == 10 && p.bytes().all(|b| b.is_ascii_digit()))
    );
    for (column, value) in &van.facts.zero_values {
        assert!(
            t.col(column).contains(value),
            "{column} lost {value} in the output"
        );
    }

    let ran = b.apply(&recipe, &van.path, &b.path("x.csv"), &["--map", "zip"]);
    assert_eq!(ran.code, 2, "a malformed map is a usage error");
    assert!(ran.stderr.contains("write OLD=NEW"), "{}", ran.stderr);
    let ran = b.apply(
        &recipe,
        &van.path,
        &b.path("x.csv"),
        &["--map", "zip=ZipPostal"],
    );
    assert_eq!(ran.code, 2);
    assert!(
        ran.stderr.contains("did you mean `ZipOrPostal`?"),
        "{}",
        ran.stderr
    );
    assert!(!b.path("x.csv").exists());
}

#[test]
fn an_existing_output_is_kept_unless_force_and_the_input_is_never_the_output() {
    let b = Bench::new();
    let ex = exports::excel_damaged(b.dir.path(), Month::October);
    let recipe = b.recipe(
        "zip.toml",
        "[[ops]]\nop = \"pad\"\ncolumn = \"zip\"\nwidth = 5\n",
    );
    let out = b.path("clean.csv");
    std::fs::write(&out, "keep me\n").unwrap();
    let ran = b.apply(&recipe, &ex.path, &out, &[]);
    assert_eq!(ran.code, 2);
    assert!(
        ran.stderr.contains("already exists") && ran.stderr.contains("--force"),
        "{}",
        ran.stderr
    );
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "keep me\n");

    let ran = b.apply(&recipe, &ex.path, &out, &["--force"]);
    assert_eq!(ran.code, 0, "{}", ran.stderr);
    let t = Table::read(&out);
    assert!(
        t.col("zip")
            .iter()
            .all(|z| z.len() == 5 && z.starts_with('0'))
    );

    let file_name = ex.path.file_name().unwrap().to_str().unwrap().to_string();
    let spellings = [
        ex.path.clone(),
        b.dir.path().join(".").join(&file_name),
        PathBuf::from(&file_name),
    ];
    for same in spellings {
        let ran = b.apply(&recipe, &ex.path, &same, &["--force"]);
        assert_eq!(ran.code, 2, "{} was accepted", same.display());
        assert!(
            ran.stderr.contains("is the export itself"),
            "{}",
            ran.stderr
        );
    }
}

#[test]
fn a_broken_recipe_names_its_line_and_column() {
    let b = Bench::new();
    let ex = exports::excel_damaged(b.dir.path(), Month::October);
    let recipe = b.recipe(
        "broken.toml",
        "[[ops]]\nop = \"pad\"\ncolumn = \"zip\"\nwidht = 5\n\n[[ops]]\nop = \"trimm\"\ncolumn = \"county\"\n",
    );
    let out = b.path("clean.csv");
    let ran = b.apply(&recipe, &ex.path, &out, &[]);
    assert_eq!(ran.code, 1);
    let name = recipe.display().to_string();
    for needle in [
        format!("{name}:6:1: error: `widht` does not apply to op `pad`; did you mean `width`?"),
        format!("{name}:9:6: error: unknown op \"trimm\" in op 2; did you mean `trim`?"),
        "the recipe has 2 errors; nothing was written".to_string(),
    ] {
        assert!(
            ran.stderr.contains(&needle),
            "{needle:?} not in\n{}",
            ran.stderr
        );
    }
    assert!(!out.exists());
}

#[test]
fn a_failing_op_writes_nothing() {
    let b = Bench::new();
    let ex = exports::excel_damaged(b.dir.path(), Month::October);
    let recipe = b.recipe(
        "dates.toml",
        "[[ops]]\nop = \"pad\"\ncolumn = \"zip\"\nwidth = 5\n\n[[ops]]\nop = \"parse_date\"\ncolumn = \"joined\"\nformats = [\"%Y-%m-%d\"]\n",
    );
    let out = b.path("clean.csv");
    let ran = b.apply(&recipe, &ex.path, &out, &[]);
    assert_eq!(ran.code, 1);
    assert!(
        ran.stderr.contains("op 2 (parse_date)") && ran.stderr.contains("nothing was written"),
        "{}",
        ran.stderr
    );
    assert!(!out.exists());
}

/// Saving refuses recipes holding personal values (they are shared with coaches);
/// applying one runs on this machine only, so apply accepts it and never prints it.
#[test]
fn a_recipe_holding_an_email_still_applies_without_printing_it() {
    let b = Bench::new();
    let ex = exports::excel_damaged(b.dir.path(), Month::October);
    let planted = ex
        .personal
        .iter()
        .find(|v| v.contains('@') && *v == &v.to_lowercase())
        .unwrap()
        .clone();
    let recipe = b.recipe(
        "planted.toml",
        &format!(
            "[[ops]]\nop = \"merge_values\"\ncolumn = \"email\"\nmap = {{ \"{planted}\" = \"merged@example.org\" }}\n"
        ),
    );
    let out = b.path("clean.csv");
    let ran = b.apply(&recipe, &ex.path, &out, &[]);
    assert_eq!(ran.code, 0, "{}", ran.stderr);
    assert!(!ran.stdout.contains(&planted) && !ran.stderr.contains(&planted));
    let t = Table::read(&out);
    assert!(t.col("email").contains(&"merged@example.org".to_string()));
    assert!(!t.col("email").contains(&planted));
}

/// Every value left in a zero-keeping column is one the file had, zeros included
/// (rows may have been filtered out).
fn assert_zeros_survive(g: &Generated, t: &Table) {
    let mut seen = 0;
    for column in &g.facts.keep_zeros {
        for v in t.col(column).iter().filter(|v| !v.is_empty()) {
            assert!(
                g.facts.zero_values.contains(&(column.clone(), v.clone())),
                "{column}: {v} is not a value of the file"
            );
            seen += 1;
        }
    }
    assert!(seen > 0, "no zero values left to check");
}

fn assert_zeros_kept(g: &Generated, t: &Table) {
    assert!(!g.facts.zero_values.is_empty());
    for (column, value) in &g.facts.zero_values {
        assert!(
            t.col(column).contains(value),
            "{column} lost {value} in the output"
        );
    }
}

#[test]
fn actblue_windows_1252_applies_and_keeps_zeros_and_accents() {
    let b = Bench::new();
    let ab = exports::actblue(b.dir.path(), Month::November);
    assert_eq!(ab.facts.encoding, "Windows-1252");
    let recipe = b.recipe(
        "donors.toml",
        "[[ops]]\nop = \"pad\"\ncolumn = \"Donor ZIP\"\nwidth = 5\n\n[[ops]]\nop = \"case\"\ncolumn = \"Donor Last Name\"\nto = \"upper\"\n\n[[ops]]\nop = \"filter\"\nwhere = \"Amount >= 10\"\n\n[[ops]]\nop = \"drop_column\"\ncolumn = \"Reserved_3\"\n",
    );
    let out = b.path("donors.csv");
    let ran = b.apply(&recipe, &ab.path, &out, &[]);
    assert_eq!(ran.code, 0, "{}", ran.stderr);
    let text = std::fs::read_to_string(&out).expect("the output is UTF-8");
    assert!(text.starts_with("Receipt ID,Date,Amount,"), "{text}");
    let t = Table::read(&out);
    assert!(t.names.contains(&"Reserved_2".to_string()));
    assert!(!t.names.contains(&"Reserved_3".to_string()));
    let zips = t.col("Donor ZIP");
    assert!(zips.iter().all(|z| z.starts_with("02906")), "{zips:?}");
    assert!(zips.iter().any(|z| z.len() == 10), "ZIP+4 kept: {zips:?}");
    assert!(!ab.facts.lost_zeros.is_empty());
    assert!(!zips.iter().any(|z| z == "2906"));
    assert!(!ab.facts.accented.is_empty());
    for name in &ab.facts.accented {
        assert!(
            text.contains(name.as_str()) || text.contains(&name.to_uppercase()),
            "{name} did not survive"
        );
    }
    let amounts = t.col("Amount");
    assert!(!amounts.is_empty());
    assert!(
        amounts.iter().all(|a| a.ends_with(".00") && a != "5.00"),
        "amounts keep their text: {amounts:?}"
    );
    assert!(t.col("Recurring").iter().all(|v| v == "t" || v == "f"));
}

#[test]
fn van_utf16_history_applies_and_keeps_zeros() {
    let b = Bench::new();
    let van = exports::van_contact_history(b.dir.path(), Month::October);
    assert!(std::fs::read(&van.path).unwrap().starts_with(&[0xFF, 0xFE]));
    let recipe = b.recipe(
        "history.toml",
        "[[ops]]\nop = \"split\"\ncolumn = \"Contact Name\"\nby = \",\"\ninto = [\"last_name\", \"first_name\"]\n\n[[ops]]\nop = \"parse_date\"\ncolumn = \"Date Canvassed\"\nformats = [\"%m/%d/%Y\"]\n\n[[ops]]\nop = \"dedupe\"\nby = [\"Voter File VANID\"]\nkeep = \"last\"\n",
    );
    let out = b.path("history.csv");
    let ran = b.apply(&recipe, &van.path, &out, &[]);
    assert_eq!(ran.code, 0, "{}", ran.stderr);
    let t = Table::read(&out);
    assert_zeros_kept(&van, &t);
    assert!(t.col("ZipOrPostal").iter().all(|z| z.starts_with('0')));
    assert!(
        t.col("Date Canvassed")
            .iter()
            .all(|d| d.starts_with("2024-10-"))
    );
    assert!(
        t.col("first_name")
            .iter()
            .all(|n| !n.is_empty() && !n.starts_with(' '))
    );
    let ids = t.col("Voter File VANID");
    let distinct: std::collections::HashSet<&String> = ids.iter().collect();
    assert_eq!(distinct.len(), ids.len());
    assert!(ids.len() < van.facts.rows, "several rows per person before");
}

#[test]
fn action_network_and_mobilize_shapes_apply() {
    let b = Bench::new();
    let an = exports::action_network(b.dir.path(), Month::October);
    assert!(an.facts.header.contains(&"zip_code ".to_string()));
    let recipe = b.recipe(
        "an.toml",
        "[[ops]]\nop = \"split\"\ncolumn = \"zip_code\"\nby = \"-\"\ninto = [\"zip5\", \"plus4\"]\n\n[[ops]]\nop = \"filter\"\nwhere = \"can2_subscription_status = 'subscribed'\"\n",
    );
    let out = b.path("an.csv");
    let ran = b.apply(&recipe, &an.path, &out, &[]);
    assert_eq!(ran.code, 0, "{}", ran.stderr);
    let t = Table::read(&out);
    assert_zeros_survive(&an, &t);
    let zip5 = t.col("zip5");
    assert!(
        zip5.iter()
            .all(|z| z.is_empty() || (z.len() == 5 && z.starts_with('0')))
    );
    assert!(
        t.col("can2_subscription_status")
            .iter()
            .all(|s| s == "subscribed")
    );

    let mob = exports::mobilize(b.dir.path(), Month::November);
    let recipe = b.recipe(
        "mob.toml",
        "[[ops]]\nop = \"filter\"\nwhere = \"status <> 'CANCELLED'\"\n\n[[ops]]\nop = \"fill\"\ncolumn = \"attended\"\nvalue = false\n\n[[ops]]\nop = \"digits_only\"\ncolumn = \"phone\"\n",
    );
    let out = b.path("mob.csv");
    let ran = b.apply(&recipe, &mob.path, &out, &[]);
    assert_eq!(ran.code, 0, "{}", ran.stderr);
    let t = Table::read(&out);
    assert_zeros_survive(&mob, &t);
    assert!(!t.col("status").contains(&"CANCELLED".to_string()));
    assert!(
        t.col("attended")
            .iter()
            .all(|a| ["true", "false"].contains(&a.as_str()))
    );
    assert!(
        t.col("timeslot start")
            .iter()
            .all(|s| s.ends_with("-05:00"))
    );
}

#[test]
fn the_generated_exports_read_as_their_facts_say() {
    let b = Bench::new();
    for month in [Month::October, Month::November] {
        for g in exports::all(b.dir.path(), month) {
            let raw =
                read_raw_file(&g.path).unwrap_or_else(|e| panic!("{}: {e}", g.path.display()));
            let label = g.path.display();
            assert_eq!(raw.report.encoding.label(), g.facts.encoding, "{label}");
            assert_eq!(raw.report.delimiter, Some(g.facts.delimiter), "{label}");
            assert_eq!(raw.df.height(), g.facts.rows, "{label}");
            assert!(g.facts.rows <= 200, "{label} is small");
            let names: Vec<String> = raw
                .df
                .get_column_names()
                .iter()
                .map(|s| s.to_string())
                .collect();
            assert_eq!(names, g.facts.columns, "{label}");
            let bytes = std::fs::read(&g.path).unwrap();
            let (text, _) = huddle::data::decode::decode(&bytes);
            for v in &g.personal {
                assert!(text.contains(v.as_str()), "{label}: {v} not planted");
            }
        }
    }
    let oct = exports::excel_damaged(b.dir.path(), Month::October);
    let nov = exports::excel_damaged(b.dir.path(), Month::November);
    assert_eq!(oct.facts.header, nov.facts.header);
    assert_ne!(
        std::fs::read(&oct.path).unwrap(),
        std::fs::read(&nov.path).unwrap()
    );
}

#[test]
fn a_mapping_confirmed_in_the_lesson_is_reused_and_map_overrides_it() {
    use huddle::data::mapping::{Mapping, SavedMapping, save_mapping};
    use huddle::progress::store::Store;
    let b = Bench::new();
    let an = exports::action_network(b.dir.path(), Month::November);
    let header: Vec<String> = read_raw_file(&an.path)
        .unwrap()
        .df
        .get_column_names()
        .iter()
        .map(|s| s.to_string())
        .collect();
    let mut mapping = Mapping::default();
    mapping.choose("zip", Some("zip_code".into()));
    mapping.choose("county", Some("can2_county".into()));
    let saved = SavedMapping::new("put-back-the-zeros", "members", &header, &mapping);
    save_mapping(&Store::new(Some(b.data.path().to_path_buf())), &saved).unwrap();

    let ops = "[[ops]]\nop = \"replace\"\ncolumn = \"zip\"\nfind = \"-[0-9]{4}$\"\nwith = \"\"\nregex = true\n";
    let from_lesson = b.recipe(
        "lesson.toml",
        &format!("[recipe]\nlesson = \"put-back-the-zeros\"\ntable = \"members\"\n\n{ops}"),
    );
    let out = b.path("out.csv");
    let ran = b.apply(&from_lesson, &an.path, &out, &[]);
    assert_eq!(ran.code, 0, "{}", ran.stderr);
    assert!(
        ran.stdout.contains(
            "column `zip` of the recipe is `zip_code` here (as you matched it in lesson put-back-the-zeros"
        ),
        "{}",
        ran.stdout
    );
    let t = Table::read(&out);
    assert!(t.col("zip_code").iter().all(|z| z.len() <= 5), "ZIP+4 cut");
    assert!(
        !t.names.contains(&"zip".to_string()),
        "the file keeps its names"
    );

    // A recipe from elsewhere gets no remembered columns.
    let bare = b.recipe("bare.toml", ops);
    let ran = b.apply(&bare, &an.path, &b.path("bare.csv"), &[]);
    assert_eq!(ran.code, 1, "{}", ran.stdout);
    assert!(ran.stderr.contains("--map zip=zip_code"), "{}", ran.stderr);

    // --map wins over the remembered column.
    let ran = b.apply(
        &from_lesson,
        &an.path,
        &b.path("mapped.csv"),
        &["--map", "zip=can2_user_city"],
    );
    assert_eq!(ran.code, 0, "{}", ran.stderr);
    assert!(
        ran.stdout
            .contains("column `zip` of the recipe is `can2_user_city` here\n")
    );
    assert!(!ran.stdout.contains("as you matched"), "{}", ran.stdout);
}

#[test]
fn rows_that_cannot_be_read_go_to_a_rejects_file_byte_for_byte_and_the_rest_is_written() {
    let b = Bench::new();
    let input = b.path("results.csv");
    // CRLF like a county office's export; two rows with an unquoted comma, one cut short.
    let mut lines: Vec<String> = vec!["precinct,candidate,votes".into()];
    for i in 1..=30 {
        lines.push(match i {
            7 => "007,CHAVEZ, ED,12".to_string(),
            19 => "019,\"LEE\",4,extra".to_string(),
            25 => "025".to_string(),
            _ => format!("{i:03},Candidate {},{}", i % 4, i * 3),
        });
    }
    std::fs::write(&input, lines.join("\r\n") + "\r\n").unwrap();
    let recipe = b.recipe("r.toml", "[[ops]]\nop = \"trim\"\ncolumn = \"candidate\"\n");
    let out = b.path("clean.csv");
    let ran = b.apply(&recipe, &input, &out, &[]);
    assert_eq!(ran.code, 3, "{}{}", ran.stdout, ran.stderr);
    let rejects = b.path("clean.rejects.txt");
    assert!(
        ran.stdout.contains(&format!(
            "3 rows could not be read (lines 8, 20, 26): they are not in {}; each is in {}",
            out.display(),
            rejects.display()
        )),
        "{}",
        ran.stdout
    );
    let t = Table::read(&out);
    assert_eq!(t.rows.len(), 27);
    let precincts = t.col("precinct");
    assert_eq!(precincts[0], "001");
    for gone in ["007", "019", "025"] {
        assert!(
            !precincts.contains(&gone.to_string()),
            "{gone} in the output"
        );
    }
    let text = std::fs::read_to_string(&rejects).unwrap();
    for (line, row) in [
        (8, "007,CHAVEZ, ED,12"),
        (20, "019,\"LEE\",4,extra"),
        (26, "025"),
    ] {
        let at = text
            .find(&format!("# line {line}: has "))
            .unwrap_or_else(|| panic!("line {line} not named in\n{text}"));
        let next = text[at..].lines().nth(1).unwrap();
        assert_eq!(next, row, "line {line} is not byte-for-byte");
    }
    // A second run refuses to overwrite the rejects file without --force.
    let ran = b.apply(&recipe, &input, &b.path("clean2.csv"), &[]);
    assert_eq!(ran.code, 3);
    let ran = b.apply(&recipe, &input, &out, &[]);
    assert_eq!(ran.code, 2, "{}", ran.stderr);
    // --strict keeps the old refusal, and writes nothing.
    let strict_out = b.path("strict.csv");
    let ran = b.apply(&recipe, &input, &strict_out, &["--strict"]);
    assert_eq!(ran.code, 1);
    assert!(
        ran.stderr
            .contains("line 8 has 4 fields but the header has 3"),
        "{}",
        ran.stderr
    );
    assert!(!strict_out.exists() && !b.path("strict.rejects.txt").exists());
}
