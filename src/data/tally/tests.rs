use super::*;

fn tally(text: &str, want: Want<'_>) -> Option<Tally> {
    tally_text(text, &want, &ReadOptions::default(), &LoadProgress::new()).unwrap()
}

/// The tally as a table; pairs as their columns, with the rows that held a pair.
fn table(t: &Tally) -> DataFrame {
    match &t.counted {
        Counted::Values(df) => df.clone(),
        Counted::Pairs(p) => {
            let mut df = p.table().unwrap();
            let rows = Column::new(ROWS.into(), vec![p.rows; p.points.len()]);
            df.with_column(rows).unwrap();
            df
        }
    }
}

fn column(t: &Tally, name: &str) -> Vec<String> {
    let table = table(t);
    let c = table.column(name).unwrap();
    (0..c.len())
        .map(|i| c.get(i).unwrap().to_string())
        .collect()
}

#[test]
fn rows_and_sums_are_tallied_per_category_with_quoting_merged() {
    let text = "county,gift\nEssex,10\n\"Essex\",2.5\nSuffolk,\n,4\n";
    let t = tally(
        text,
        Want::ByX {
            x: "county",
            y: Some("gift"),
        },
    )
    .unwrap();
    assert_eq!(t.rows, 4);
    let cols = [
        column(&t, "county"),
        column(&t, ROWS),
        column(&t, SUM),
        column(&t, NUMBERS),
    ];
    let mut rows: Vec<Vec<&str>> = (0..table(&t).height())
        .map(|i| cols.iter().map(|c| c[i].as_str()).collect())
        .collect();
    rows.sort();
    let want: Vec<Vec<&str>> = vec![
        vec!["\"Essex\"", "2", "12.5", "2"],
        vec!["\"Suffolk\"", "1", "0.0", "0"],
        vec!["null", "1", "4.0", "1"],
    ];
    assert_eq!(rows, want);
}

#[test]
fn distinct_values_are_typed_as_the_whole_column_would_be() {
    let text = "year,zip,gift\n1990,02134,\"1,200\"\n1991,02139,30\n1990,02134,5\n";
    // ZIP codes with leading zeros are text, not numbers: no pairs of numbers.
    let pairs = |y| Want::Pairs { x: "year", y };
    assert!(tally(text, pairs("zip")).is_none());
    let t = tally("a,b\n1,2.5\n1,2.5\n3,\n", Want::Pairs { x: "a", y: "b" }).unwrap();
    assert_eq!(t.rows, 3);
    assert_eq!(column(&t, "a"), ["1.0"]);
    assert_eq!(column(&t, "b"), ["2.5"]);
    // Two rows held the one pair; the third had no number for b.
    let Counted::Pairs(p) = &t.counted else {
        panic!("{t:?}")
    };
    assert_eq!((p.points.len(), p.rows), (1, 2));
    let t = tally(text, Want::ByX { x: "gift", y: None }).unwrap();
    let (whole, _) = crate::data::import::import_bytes(text.as_bytes(), &[]).unwrap();
    let gift = whole.column("gift").unwrap().dtype().clone();
    assert!(gift.is_primitive_numeric(), "{gift}");
    assert_eq!(table(&t).column("gift").unwrap().dtype(), &gift);
}

#[test]
fn a_value_column_that_is_not_plain_numbers_is_left_to_the_whole_read() {
    let by = |y| Want::ByX {
        x: "county",
        y: Some(y),
    };
    let text = "county,words,money,none,flag\nEssex,ten,\"$1,200\",,true\nSuffolk,5,$3,N/A,false\n";
    assert!(tally(text, by("words")).is_none());
    assert!(tally(text, by("money")).is_none());
    assert!(tally(text, by("none")).is_none());
    assert!(tally(text, by("flag")).is_none());
}

#[test]
fn ragged_rows_are_set_aside_by_line_and_missing_columns_named() {
    let text = "a,b\n1,2\n3,4,5\n6,7\n";
    let t = tally(
        text,
        Want::ByX {
            x: "a",
            y: Some("b"),
        },
    )
    .unwrap();
    assert_eq!(t.rows, 2);
    assert_eq!(t.set_aside, vec![3]);
    let e = tally_text(
        text,
        &Want::ByX { x: "c", y: None },
        &ReadOptions::default(),
        &LoadProgress::new(),
    )
    .unwrap_err();
    assert!(
        matches!(e, ImportError::MissingColumns { ref missing, .. } if missing == &["c"]),
        "{e:?}"
    );
    let strict = ReadOptions {
        strict: true,
        ..Default::default()
    };
    let e = tally_text(
        text,
        &Want::ByX { x: "a", y: None },
        &strict,
        &LoadProgress::new(),
    );
    assert!(matches!(e, Err(ImportError::Ragged { .. })), "{e:?}");
}

/// Rows by county, sums of `gift` by county, and pairs of county and `other`.
fn county_wants(other: &str) -> [Want<'_>; 3] {
    [
        Want::ByX {
            x: "county",
            y: None,
        },
        Want::ByX {
            x: "county",
            y: Some("gift"),
        },
        Want::Pairs {
            x: "county",
            y: other,
        },
    ]
}

/// A tally as compared: its rows sorted (distinct values come in hash order).
fn shown(r: Result<Option<Tally>, ImportError>) -> String {
    match r {
        Ok(Some(t)) => {
            let table = table(&t);
            let mut rows: Vec<String> = (0..table.height())
                .map(|i| format!("{:?}", table.get_row(i).unwrap().0))
                .collect();
            rows.sort();
            let types: Vec<String> = table.dtypes().iter().map(|d| d.to_string()).collect();
            format!(
                "{types:?} {rows:?} rows {} set aside {:?}",
                t.rows, t.set_aside
            )
        }
        Ok(None) => "read whole".into(),
        Err(e) => format!("error: {e}"),
    }
}

#[test]
fn a_file_read_in_pieces_tallies_as_the_whole_text_does() {
    let files = [
        "id,county,gift\r\n1,Essex,10\r\n2,\"Essex\",2.5\r\n3,\"Bristol,\nNorth\",\r\n4,,N/A\r\n5,\"Say \"\"hi\"\"\",7\r\n",
        "Export of 2024-05-01\n\ncounty,gift,when\nEssex,1,2024-01-01\nEssex,2,2024-01-02,x\nSuffolk,3,2024-02-01\nTotal: 3 rows\n",
        "\u{feff}county;gift\nEssex;1\nEssex;2\n",
        "county,gift\nEssex,1\nEssex,2,3\nEssex,4,5\nSuffolk,6,7\n",
        "county,gift\nEssex,$1\nSuffolk,\"$1,000\"\n",
        "county\tgift\nEssex\t1\nEssex\t\"unclosed\n",
    ];
    let wants = county_wants("gift");
    let dir = tempfile::tempdir().unwrap();
    for (k, text) in files.iter().enumerate() {
        let path = dir.path().join(format!("f{k}.csv"));
        std::fs::write(&path, text).unwrap();
        for want in &wants {
            let (decoded, _) = crate::data::decode::decode(text.as_bytes());
            let whole = shown(tally_text(
                &decoded,
                want,
                &ReadOptions::default(),
                &LoadProgress::new(),
            ));
            for piece in [1, 2, 3, 5, 8, 13, 64, 1 << 20] {
                let got = match stream::tally_pieces(
                    &path,
                    want,
                    &ReadOptions::default(),
                    &LoadProgress::new(),
                    piece,
                ) {
                    Ok(Streamed::Done(t)) => shown(Ok(t)),
                    Ok(Streamed::ReadWhole) => continue,
                    Err(e) => shown(Err(e)),
                };
                assert_eq!(got, whole, "file {k} {want:?} pieces of {piece}");
            }
        }
    }
}

#[test]
fn files_the_pieces_cannot_read_as_they_come_are_read_whole() {
    let dir = tempfile::tempdir().unwrap();
    let want = Want::ByX { x: "a", y: None };
    for (name, bytes) in [
        ("latin1.csv", b"a,b\nPe\xf1a,1\n".to_vec()),
        ("cr.csv", b"a,b\r1,2\r3,4\r".to_vec()),
        ("spaced.csv", b"a, b\n1, 2\n3, 4\n".to_vec()),
        (
            "utf16.csv",
            b"\xff\xfea\0,\0b\0\n\x001\0,\x002\0\n\0".to_vec(),
        ),
    ] {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        let r = stream::tally_pieces(
            &path,
            &want,
            &ReadOptions::default(),
            &LoadProgress::new(),
            1 << 20,
        );
        assert!(matches!(r, Ok(Streamed::ReadWhole)), "{name}: {r:?}");
    }
}

/// A member list of `rows` rows with quoted line breaks and quotes, blank gifts,
/// a short row after row 250 and three quarters of the way, and, every 10,000
/// rows, a blank line.
fn long_file(rows: usize) -> String {
    let mut text = String::from("id,county,gift,note\n");
    let counties = ["Essex", "\"Suffolk\"", "\"Bristol, North\"", "", "Hampden"];
    for i in 0..rows {
        if i % 10_000 == 9_999 {
            text.push('\n');
        }
        let note = match i % 7 {
            0 => "\"two\nlines\"",
            1 => "\"say \"\"hi\"\"\"",
            _ => "plain",
        };
        let gift = if i % 3 == 0 {
            String::new()
        } else {
            format!("{}.5", i % 11)
        };
        text.push_str(&format!(
            "{i},{},{gift},{note}\n",
            counties[i % counties.len()]
        ));
        if i == 250 || i == rows * 3 / 4 {
            text.push_str(&format!("{},Essex,1\n", i + 1));
        }
    }
    text
}

/// The tally of `path` (holding `text`) read in pieces of each size, against the
/// tally of the whole text, for each of `wants`.
fn same_in_pieces<'w>(
    path: &std::path::Path,
    text: &str,
    wants: impl IntoIterator<Item = Want<'w>>,
    pieces: &[usize],
) {
    for want in wants {
        let whole = shown(tally_text(
            text,
            &want,
            &ReadOptions::default(),
            &LoadProgress::new(),
        ));
        for &piece in pieces {
            let got = match stream::tally_pieces(
                path,
                &want,
                &ReadOptions::default(),
                &LoadProgress::new(),
                piece,
            ) {
                Ok(Streamed::Done(t)) => shown(Ok(t)),
                other => panic!("{other:?}"),
            };
            assert_eq!(got, whole, "{want:?} pieces of {piece}");
        }
    }
}

#[test]
fn a_long_file_read_in_small_pieces_tallies_as_the_whole_text_does() {
    let text = long_file(400);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("long.csv");
    std::fs::write(&path, &text).unwrap();
    let wants = county_wants("note")
        .into_iter()
        .chain([Want::ByX { x: "note", y: None }]);
    same_in_pieces(&path, &text, wants, &[1, 7, 64, 100, 333, 1000, 5000]);
}

#[test]
fn big_pieces_scanned_in_halves_side_by_side_tally_as_the_whole_text_does() {
    // Pieces of a megabyte or more are scanned in two halves at once.
    let text = long_file(250_000);
    assert!(text.len() > 4 << 20, "{}", text.len());
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("long.csv");
    std::fs::write(&path, &text).unwrap();
    let wants = county_wants("gift").into_iter().chain([
        Want::ByX { x: "note", y: None },
        Want::Pairs { x: "id", y: "gift" },
    ]);
    same_in_pieces(&path, &text, wants, &[1 << 20, 3 << 20, 8 << 20]);
}
