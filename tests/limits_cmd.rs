//! Sizes and counts in shared files are budgets, not orders: a recipe, a lesson or a
//! workbook that asks for gigabytes gets a clear error at `file:line:col`, under a
//! memory cap so a regression fails fast instead of eating the machine.

mod common;

use common::{Ran, line_of};
use std::io::Write;
use std::path::Path;
use std::process::Command;

/// Virtual memory the binary may use in these tests, in KB (`ulimit -v`).
const CAP_KB: u32 = 3_000_000;

/// The huddle binary under a memory cap, isolated from the user's data.
fn capped(data_dir: &Path, dir: &Path, args: &[&str]) -> Ran {
    let bin = assert_cmd::cargo::cargo_bin("huddle");
    let out = Command::new("sh")
        .arg("-c")
        .arg(format!("ulimit -v {CAP_KB} && exec \"$0\" \"$@\""))
        .arg(bin)
        .args(args)
        .current_dir(dir)
        .env("HUDDLE_DATA_DIR", data_dir)
        .env("POLARS_MAX_THREADS", "2")
        .env_remove("XDG_DATA_HOME")
        .output()
        .expect("sh runs");
    Ran {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

fn members_csv(dir: &Path) {
    std::fs::write(
        dir.join("members.csv"),
        "member_id,zip,county\n1,2134,Suffolk\n2,1001,Hampden\n3,02139,Middlesex\n",
    )
    .unwrap();
}

#[test]
fn a_recipe_pad_to_the_largest_width_is_refused_at_its_line() {
    for width in ["9223372036854775807", "1000000000"] {
        let dir = tempfile::tempdir().unwrap();
        let data = tempfile::tempdir().unwrap();
        members_csv(dir.path());
        let recipe = dir.path().join("pad.toml");
        std::fs::write(
            &recipe,
            format!("format = 1\n\n[[ops]]\nop = \"pad\"\ncolumn = \"zip\"\nwidth = {width}\n"),
        )
        .unwrap();
        let ran = capped(
            data.path(),
            dir.path(),
            &["apply", "pad.toml", "members.csv", "-o", "out.csv"],
        );
        assert_eq!(ran.code, 1, "{width}: {}", ran.stderr);
        assert!(
            ran.stderr.contains("pad.toml:6:9:")
                && ran.stderr.contains("wider than huddle pads (1000)")
                && ran.stderr.contains("e.g. 5 for ZIP codes"),
            "{width}: {}",
            ran.stderr
        );
        assert!(!dir.path().join("out.csv").exists());
    }
}

/// A lesson whose clean step's solution pads to `width`.
fn pad_lesson(width: &str) -> String {
    format!(
        r#"format = 1

[lesson]
id = "pad-too-far"
title = "Pad too far"
summary = "A solution that asks for too much."
minutes = 5
level = "beginner"

[tables.members]
file = "members.csv"

[tables.members.columns]
member_id = {{ type = "text" }}
zip = {{ type = "text" }}
county = {{ type = "text" }}

[[steps]]
kind = "clean"
title = "Zeros"
text = "Put the zeros back."
question = "Make every ZIP five digits."
table = "members"
expect = [{{ column = "zip", rule = "matches", pattern = "^[0-9]{{5}}$" }}]
solution = [{{ op = "pad", column = "zip", width = {width}, with = "0" }}]
hints = ["pad"]
"#
    )
}

#[test]
fn a_lesson_solution_pad_to_the_largest_width_is_refused_by_check() {
    let dir = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    members_csv(dir.path());
    let lesson = dir.path().join("pad.toml");
    std::fs::write(&lesson, pad_lesson("9223372036854775807")).unwrap();
    let ran = capped(data.path(), dir.path(), &["check", "pad.toml"]);
    assert_eq!(ran.code, 1, "{}", ran.stderr);
    let line = line_of(&lesson, "solution = ");
    let all = format!("{}{}", ran.stdout, ran.stderr);
    assert!(
        all.contains(&format!("pad.toml:{line}:")) && all.contains("wider than huddle pads"),
        "{all}"
    );
    // The same lesson with a real width passes: the limit is not in the way.
    std::fs::write(&lesson, pad_lesson("5")).unwrap();
    let ran = capped(data.path(), dir.path(), &["check", "pad.toml"]);
    assert_eq!(ran.code, 0, "{}{}", ran.stdout, ran.stderr);
}

#[test]
fn a_lesson_nested_a_hundred_thousand_brackets_deep_is_refused_at_the_bracket() {
    let dir = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    let deep = 100_000;
    let text = format!(
        "format = 1\nx = {}1{}\n",
        "[".repeat(deep),
        "]".repeat(deep)
    );
    std::fs::write(dir.path().join("deep.toml"), text).unwrap();
    let ran = capped(data.path(), dir.path(), &["check", "deep.toml"]);
    let all = format!("{}{}", ran.stdout, ran.stderr);
    assert_eq!(ran.code, 1, "{all}");
    assert!(
        all.contains("deep.toml:2:37:") && all.contains("nested more than 32 deep"),
        "{all}"
    );
}

#[test]
fn a_lesson_with_more_steps_than_the_limit_is_refused_at_the_first_extra_step() {
    let dir = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    let mut text = String::from(
        "format = 1\n[lesson]\nid = \"long\"\ntitle = \"Long\"\nsummary = \"s\"\nminutes = 5\nlevel = \"beginner\"\n",
    );
    for i in 0..1_001 {
        text.push_str(&format!(
            "\n[[steps]]\nkind = \"read\"\ntitle = \"Step {i}\"\ntext = \"t\"\n"
        ));
    }
    let lesson = dir.path().join("long.toml");
    std::fs::write(&lesson, text).unwrap();
    let ran = capped(data.path(), dir.path(), &["check", "long.toml"]);
    let all = format!("{}{}", ran.stdout, ran.stderr);
    assert_eq!(ran.code, 1, "{all}");
    let line = line_of(&lesson, "title = \"Step 1000\"");
    assert!(
        all.contains(&format!("long.toml:{}:", line - 2))
            && all.contains("1001 steps is more than huddle takes (1000)")
            && all.contains("split the lesson"),
        "{all}"
    );
}

#[test]
fn a_regex_that_compiles_to_gigabytes_is_refused_at_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    members_csv(dir.path());
    std::fs::write(
        dir.path().join("re.toml"),
        "format = 1\n[[ops]]\nop = \"replace\"\ncolumn = \"zip\"\nfind = '(\\w{1000}){1000}'\nwith = \"\"\nregex = true\n",
    )
    .unwrap();
    let ran = capped(
        data.path(),
        dir.path(),
        &["apply", "re.toml", "members.csv", "-o", "out.csv"],
    );
    assert_eq!(ran.code, 1, "{}", ran.stderr);
    assert!(
        ran.stderr.contains("re.toml:5:8:") && ran.stderr.contains("too large"),
        "{}",
        ran.stderr
    );
}

/// A copy of the fixture workbook whose shared strings are replaced by `strings`.
fn workbook_with_shared_strings(strings: &[u8]) -> Vec<u8> {
    let original = std::fs::read(common::fixture("data/members.xlsx")).unwrap();
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(original)).unwrap();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).unwrap();
        let name = entry.name().map(|n| n.into_owned()).unwrap_or_default();
        out.start_file(name.as_str(), zip::write::SimpleFileOptions::default())
            .unwrap();
        if name == "xl/sharedStrings.xml" {
            out.write_all(strings).unwrap();
        } else {
            std::io::copy(&mut entry, &mut out).unwrap();
        }
    }
    out.finish().unwrap().into_inner()
}

#[test]
fn a_workbook_whose_shared_strings_unpack_a_thousand_fold_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    // 25 MB of one repeated shared string: a few tens of KB packed.
    let count = 1_500_000;
    let mut xml = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" count=\"{count}\" uniqueCount=\"{count}\">"
    )
    .into_bytes();
    for _ in 0..count {
        xml.extend_from_slice(b"<si><t>x</t></si>");
    }
    xml.extend_from_slice(b"</sst>");
    let bomb = workbook_with_shared_strings(&xml);
    assert!(bomb.len() < 2 * 1024 * 1024, "{} bytes", bomb.len());
    std::fs::write(dir.path().join("bomb.xlsx"), &bomb).unwrap();
    let ran = capped(data.path(), dir.path(), &["inspect", "bomb.xlsx"]);
    let all = format!("{}{}", ran.stdout, ran.stderr);
    assert_ne!(ran.code, 0, "{all}");
    assert!(
        all.contains("this workbook is not opened")
            && all.contains("xl/sharedStrings.xml")
            && all.contains("times its packed size"),
        "{all}"
    );
    // The untouched workbook still opens.
    let ran = capped(
        data.path(),
        dir.path(),
        &[
            "inspect",
            common::fixture("data/members.xlsx").to_str().unwrap(),
        ],
    );
    assert_eq!(ran.code, 0, "{}", ran.stderr);
}

#[test]
fn an_xls_sheet_claiming_billions_of_rows_is_refused_instead_of_aborting() {
    let dir = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    let mut bytes = std::fs::read(common::fixture("data/members_biff8.xls")).unwrap();
    // Every dimensions record (id 0x0200, 14 bytes): last row 4,000,000,000.
    let marks: Vec<usize> = bytes
        .windows(4)
        .enumerate()
        .filter(|(_, w)| *w == [0x00, 0x02, 0x0e, 0x00])
        .map(|(i, _)| i)
        .collect();
    assert!(!marks.is_empty(), "the fixture has dimensions records");
    for at in marks {
        bytes[at + 8..at + 12].copy_from_slice(&4_000_000_000u32.to_le_bytes());
    }
    std::fs::write(dir.path().join("huge.xls"), &bytes).unwrap();
    let ran = capped(data.path(), dir.path(), &["inspect", "huge.xls"]);
    let all = format!("{}{}", ran.stdout, ran.stderr);
    assert_eq!(ran.code, 1, "{all}");
    assert!(
        all.contains("this .xls workbook is damaged") && all.contains("65,536 rows × 256 columns"),
        "{all}"
    );
}

#[test]
fn xls_files_the_fuzzer_found_aborting_huddle_are_refused_as_damaged() {
    let data = tempfile::tempdir().unwrap();
    let dir = common::fixture("fuzz/xlsx");
    for name in [
        "crash-cfb-loop.xls",
        "crash-cell-extent.xls",
        "crash-entry-type.xls",
        "crash-chain-tail.xls",
        "crash-name-length.xls",
        "crash-sheet-dimensions.xls",
    ] {
        let ran = capped(data.path(), &dir, &["inspect", name]);
        let all = format!("{}{}", ran.stdout, ran.stderr);
        assert_eq!(ran.code, 1, "{name}: {all}");
        assert!(
            all.contains(&format!("{name}: this .xls workbook is damaged"))
                && all.contains("save it as CSV UTF-8"),
            "{name}: {all}"
        );
    }
}
