//! `apply` piece by piece against `apply` on the table read whole: the same
//! output file, rejects file and report, whatever the file, the recipe and the
//! size of the pieces.

use super::pieces::Pieces;
use super::*;
use crate::cmd::inspect::tests::{fixture_text_files, planted_member_list};
use crate::data::import::read_raw_file;

/// A TOML string.
fn quoted(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

/// Recipes over the file's columns: every op, typed values, fills and dedupes that
/// cross pieces, renames, splits and filters.
fn recipes(columns: &[String]) -> Vec<String> {
    let col = |i: usize| quoted(&columns[i.min(columns.len() - 1)]);
    let last = quoted(&columns[columns.len() - 1]);
    let (c0, c1, c2) = (col(0), col(1), col(2));
    let by = if c0 == c2 {
        format!("[{c0}]")
    } else {
        format!("[{c0}, {c2}]")
    };
    let op = |body: String| format!("[[ops]]\n{body}\n");
    vec![
        [
            op(format!("op = \"trim\"\ncolumn = {c0}")),
            op(format!("op = \"case\"\ncolumn = {c1}\nto = \"upper\"")),
            op(format!(
                "op = \"pad\"\ncolumn = {c2}\nwidth = 7\nwith = \"0\""
            )),
            op(format!("op = \"fill\"\ncolumn = {last}\ndown = true")),
            op(format!("op = \"dedupe\"\nby = [{c1}]\nkeep = \"first\"")),
            op(format!(
                "op = \"rename\"\ncolumn = {c0}\nto = \"__renamed\""
            )),
        ]
        .concat(),
        [
            op(format!("op = \"digits_only\"\ncolumn = {c0}")),
            op(format!("op = \"fill\"\ncolumn = {c1}\nvalue = \"none\"")),
            op(format!("op = \"drop_nulls\"\ncolumn = {c2}")),
            op(format!(
                "op = \"dedupe\"\nby = {by}\nkeep = \"first\"\nkeep_blanks = true"
            )),
            op(format!(
                "op = \"split\"\ncolumn = {c1}\nby = \" \"\ninto = [\"__first\", \"__rest\"]"
            )),
            op(format!("op = \"drop_column\"\ncolumn = {last}")),
        ]
        .concat(),
        [
            op(format!(
                "op = \"filter\"\nwhere = {}",
                quoted(&format!(
                    "\"{}\" IS NOT NULL",
                    columns[0].replace('"', "\"\"")
                ))
            )),
            op(format!("op = \"collapse_spaces\"\ncolumn = {c1}")),
            op(format!(
                "op = \"merge_values\"\ncolumn = {c1}\nmap = {{ \"ESSEX\" = \"Essex\" }}"
            )),
            op(format!(
                "op = \"replace\"\ncolumn = {c2}\nfind = \"1\"\nwith = \"one\""
            )),
        ]
        .concat(),
        op(format!("op = \"rename\"\ncolumn = {c1}\nto = \"__other\"")),
    ]
}

/// What a run left: its result, the output file and the rejects file.
type Run = (
    Result<(String, usize), Failure>,
    Option<Vec<u8>>,
    Option<Vec<u8>>,
);

fn run(args: &ApplyArgs, pieces: Pieces) -> Run {
    let rejects = rejects_path(&args.output);
    let got = apply_by(args, pieces);
    let out = std::fs::read(&args.output).ok();
    let rej = std::fs::read(&rejects).ok();
    let _ = std::fs::remove_file(&args.output);
    let _ = std::fs::remove_file(&rejects);
    (got, out, rej)
}

/// Apply each recipe to `path` whole and in pieces of 97 bytes, 4 KB and 8 MB;
/// returns how many runs were compared piece by piece.
fn same_output(path: &Path, read: ReadOptions, dir: &Path) -> usize {
    same_output_in(path, read, dir, &[97, 4096, 8 << 20])
}

/// Apply each recipe to `path` whole and in pieces of each size in `sizes`.
fn same_output_in(path: &Path, read: ReadOptions, dir: &Path, sizes: &[usize]) -> usize {
    let Ok(raw) = read_raw_file(path) else {
        return 0;
    };
    let columns = crate::data::replay::names(&raw.df);
    if columns.is_empty() {
        return 0;
    }
    let mut compared = 0;
    for (n, ops) in recipes(&columns).iter().enumerate() {
        let recipe = dir.join(format!("r{n}.toml"));
        std::fs::write(&recipe, format!("format = 1\n\n{ops}")).unwrap();
        let args = ApplyArgs {
            recipe,
            input: path.to_path_buf(),
            output: dir.join("out.csv"),
            map: Vec::new(),
            force: false,
            read,
        };
        let whole = run(
            &args,
            Pieces {
                from: u64::MAX,
                piece: 1,
            },
        );
        for &piece in sizes {
            let pieces = run(&args, Pieces { from: 0, piece });
            let what = format!("{} recipe {n} in pieces of {piece} bytes", path.display());
            match (&whole.0, &pieces.0) {
                (Ok(w), Ok(p)) => assert_eq!(w, p, "{what}"),
                (Err(w), Err(p)) => {
                    assert_eq!(w.0, p.0, "{what}: {} / {}", w.1, p.1);
                    // An op's error among later pieces also names where they start.
                    let head =
                        |m: &str| m.split(" (among the rows").next().unwrap_or("").to_string();
                    assert_eq!(head(&w.1), head(&p.1), "{what}");
                }
                (w, p) => panic!("{what}: whole {w:?}, in pieces {p:?}"),
            }
            assert_eq!(whole.1, pieces.1, "{what}: the output file");
            assert_eq!(whole.2, pieces.2, "{what}: the rejects file");
            compared += 1;
        }
    }
    compared
}

#[test]
fn every_real_file_shape_cleans_the_same_piece_by_piece() {
    let dir = tempfile::tempdir().unwrap();
    let mut compared = 0;
    let mut piecewise = 0;
    for path in fixture_text_files() {
        let n = same_output(&path, ReadOptions::default(), dir.path());
        compared += n;
        let read = crate::data::replay_pieces::first_pass(
            &path,
            &ReadOptions::default(),
            &LoadProgress::new(),
            97,
        );
        if n > 0 && matches!(read, Ok(Some(_))) {
            piecewise += 1;
        }
    }
    assert!(piecewise > 40, "only {piecewise} files read piece by piece");
    assert!(compared > 400, "only {compared} runs compared");
}

#[test]
fn a_member_list_with_every_problem_cleans_the_same_piece_by_piece() {
    let dir = tempfile::tempdir().unwrap();
    for d in [',', ';', '\t'] {
        let path = dir.path().join(format!("members_{}.csv", d as u32));
        std::fs::write(&path, planted_member_list(3_000, d)).unwrap();
        assert_eq!(same_output(&path, ReadOptions::default(), dir.path()), 12);
        let strict = ReadOptions {
            strict: true,
            ..ReadOptions::default()
        };
        assert_eq!(same_output(&path, strict, dir.path()), 12);
    }
}

/// A file of about 3 MB whose columns are found to be rewritten or typed only by
/// values in one half of a piece: grouped thousands (and decimals only where there
/// are no groups), decimal commas, a percent column one value spoils, a number
/// column one word makes text.
fn late_verdicts(delimiter: char) -> String {
    let rows = 90_000;
    let mut text = format!(
        "id{d}amount{d}share{d}spoilt{d}late_word{d}score{d}name\n",
        d = delimiter
    );
    for i in 0..rows {
        let late = i % 9_000 > 6_000;
        let amount = match (late, delimiter) {
            (true, ',') => format!("\"{},{:03}\"", 1 + i % 9, i % 1000),
            // A decimal among the plain numbers makes the grouped column one of
            // decimals, though the halves with groups have none.
            _ if i % 9_000 == 100 => "3.5".to_string(),
            _ => format!("{}", i % 997),
        };
        let share = format!("{}%", i % 100);
        let spoilt = if i == rows - 3 {
            "n/a!".to_string()
        } else {
            format!("{}.5%", i % 10)
        };
        let late_word = if i % 9_000 == 8_999 {
            "many".to_string()
        } else {
            format!("{}", i % 50)
        };
        let score = if late && delimiter == ';' {
            format!("{},5", i % 10)
        } else {
            format!("{}", i % 10)
        };
        let name = if i % 13 == 0 {
            String::new()
        } else {
            format!("\"Name, {i}\"")
        };
        text.push_str(
            &[i.to_string(), amount, share, spoilt, late_word, score, name]
                .join(&delimiter.to_string()),
        );
        text.push('\n');
    }
    text
}

#[test]
fn pieces_scanned_in_halves_clean_the_same_as_the_whole_file() {
    let dir = tempfile::tempdir().unwrap();
    for d in [',', ';'] {
        let path = dir.path().join(format!("late_{}.csv", d as u32));
        let text = late_verdicts(d);
        assert!(text.len() > 3 << 20, "{} bytes", text.len());
        std::fs::write(&path, text).unwrap();
        let n = same_output_in(
            &path,
            ReadOptions::default(),
            dir.path(),
            &[3 << 19, 2 << 20],
        );
        assert_eq!(n, 8);
    }
    // The member list with every problem, big enough to be cut in halves.
    let path = dir.path().join("members.csv");
    std::fs::write(&path, planted_member_list(40_000, ',')).unwrap();
    assert!(std::fs::metadata(&path).unwrap().len() > 2 << 20);
    let n = same_output_in(&path, ReadOptions::default(), dir.path(), &[3 << 19]);
    assert_eq!(n, 4);
}

#[test]
fn a_big_file_is_cleaned_in_pieces_with_typed_values_and_carried_fills() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("members.csv");
    // `amount` types as a number only because of its last row; `ward` is filled down
    // across pieces; `1,250` is read as 1250 because every value allows it.
    let mut text = String::from("id,ward,amount,dues\n");
    for i in 0..5_000 {
        let ward = if i % 100 == 0 {
            format!("W{i}")
        } else {
            String::new()
        };
        text.push_str(&format!("{i},{ward},{},\"1,250\"\n", i % 7));
    }
    text.push_str("5000,,2.50,\"2,000\"\n");
    std::fs::write(&path, &text).unwrap();
    let recipe = dir.path().join("r.toml");
    std::fs::write(
        &recipe,
        "format = 1\n[[ops]]\nop = \"fill\"\ncolumn = \"ward\"\ndown = true\n[[ops]]\nop = \"filter\"\nwhere = \"amount >= 2.5\"\n[[ops]]\nop = \"trim\"\ncolumn = \"amount\"\n",
    )
    .unwrap();
    let args = ApplyArgs {
        recipe,
        input: path,
        output: dir.path().join("out.csv"),
        map: Vec::new(),
        force: false,
        read: ReadOptions::default(),
    };
    let (got, out, _) = run(
        &args,
        Pieces {
            from: 0,
            piece: 4096,
        },
    );
    let report = got.unwrap().0;
    assert!(report.contains("2. filter"), "{report}");
    let out = String::from_utf8(out.unwrap()).unwrap();
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], "id,ward,amount,dues");
    // Row 4999 is in a later piece than ward W4900's row, and its amount (1) is out.
    assert!(lines.contains(&"4903,W4900,3.0,1250"), "{out}");
    assert_eq!(lines.last(), Some(&"5000,W4900,2.5,2000"));
}

/// A wide export of the kind VAN writes, every field quoted and CRLF line ends,
/// with quotes doubled, empty quoted fields, commas and line breaks in the
/// columns no op touches: those cells are written from the file's
/// text, and must come out as the whole read writes them.
fn quoted_wide_export(rows: usize) -> String {
    let header: Vec<String> = (0..24).map(|c| format!("\"Col {c}\"")).collect();
    let mut text = header.join(",") + "\r\n";
    for i in 0..rows {
        let cells: Vec<String> = (0..24)
            .map(|c| match (i + c) % 11 {
                0 => "\"\"".to_string(),
                1 => String::new(),
                2 => format!("\"{i} Main St, Apt {c}\""),
                3 => format!("\"say \"\"hi\"\" {i}\""),
                4 => format!("\"two\nlines {c}\""),
                5 => format!("\"O'Brien {i}\""),
                6 => format!("{}", i * 7 + c),
                7 => format!("\"{}\"", i % 5),
                8 => format!("\"  spaced {c} \""),
                9 => "ñandú".to_string(),
                _ => format!("\"V{i:08}\""),
            })
            .collect();
        text.push_str(&cells.join(","));
        text.push_str("\r\n");
    }
    text
}

#[test]
fn untouched_quoted_cells_are_written_as_the_whole_read_writes_them() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("van.csv");
    std::fs::write(&path, quoted_wide_export(2_000)).unwrap();
    let read = |path: &Path| {
        crate::data::replay_pieces::first_pass(
            path,
            &ReadOptions::default(),
            &LoadProgress::new(),
            97,
        )
    };
    assert!(matches!(read(&path), Ok(Some(_))), "read piece by piece");
    assert_eq!(same_output(&path, ReadOptions::default(), dir.path()), 12);
    // No quote anywhere, so the untouched cells of a row are copied in one go.
    let mut plain = String::from("a,b,c,d,e,f,g,h\n");
    for i in 0..20_000 {
        let cells: Vec<String> = (0..8)
            .map(|c| match (i + c) % 5 {
                0 => String::new(),
                1 => format!("{}", i * 3 + c),
                2 => format!(" v{i} "),
                _ => format!("w{c}"),
            })
            .collect();
        plain.push_str(&cells.join(","));
        plain.push('\n');
    }
    let path = dir.path().join("plain.csv");
    std::fs::write(&path, plain).unwrap();
    assert!(matches!(read(&path), Ok(Some(_))), "read piece by piece");
    assert_eq!(same_output(&path, ReadOptions::default(), dir.path()), 12);
}
