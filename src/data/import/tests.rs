//! Tests of import: stages, encodings, headers, types, errors.
use super::*;

fn decl(cols: &[(&str, ColumnType)]) -> Vec<(String, ColumnType)> {
    cols.iter().map(|(n, t)| (n.to_string(), *t)).collect()
}

#[test]
fn progress_moves_forward_through_every_stage_to_one() {
    use std::io::Write;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.csv");
    let mut f = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
    writeln!(f, "member_id,zip,county,joined").unwrap();
    for i in 0..300_000u32 {
        writeln!(f, "{i:06},0{:04},Essex,2023-03-04", i % 10_000).unwrap();
    }
    drop(f);
    assert!(std::fs::metadata(&path).unwrap().len() > 8_000_000);
    let progress = LoadProgress::new();
    let watcher = progress.clone();
    let raw = read_raw_file_with(&path, None, &progress).unwrap();
    assert_eq!(raw.df.height(), 300_000);
    assert_eq!((watcher.fraction(), watcher.stage()), (1.0, "done"));
    let reports = watcher.reports();
    for pair in reports.windows(2) {
        assert!(pair[0].1 <= pair[1].1, "went back: {pair:?}");
    }
    let inside = |stage: &str| {
        reports
            .iter()
            .filter(|(s, f)| *s == stage && *f > 0.0 && *f < 1.0)
            .map(|(_, f)| f.to_bits())
            .collect::<std::collections::BTreeSet<_>>()
            .len()
    };
    assert!(inside("reading") >= 4, "{reports:?}");
    assert!(inside("splitting rows") >= 4, "{reports:?}");
    let stages: Vec<&str> = reports.iter().map(|(s, _)| *s).collect();
    for s in ["reading", "decoding", "splitting rows", "building table"] {
        assert!(stages.contains(&s), "no {s} in {stages:?}");
    }
}

#[test]
fn counting_values_matches_a_full_import() {
    let csv = "id;county\n1;Essex\n2;\"Essex\"\n3;\n4;Suffolk\n5;\"Es;sex\"\n";
    let want = |x| crate::data::tally::Want::ByX { x, y: None };
    let count = |bytes: &[u8], x| {
        tally_file(
            bytes,
            &want(x),
            &ReadOptions::default(),
            &LoadProgress::new(),
        )
    };
    let tally = count(csv.as_bytes(), "county").unwrap().unwrap();
    let crate::data::tally::Counted::Values(table) = tally.counted else {
        panic!("{tally:?}")
    };
    let (county, rows) = (
        table.column("county").unwrap(),
        table.column("rows").unwrap(),
    );
    let mut counts: Vec<(Option<String>, u64)> = (0..table.height())
        .map(|i| {
            let v = county.str().unwrap().get(i).map(str::to_string);
            (v, rows.u64().unwrap().get(i).unwrap())
        })
        .collect();
    counts.sort();
    assert_eq!(
        counts,
        vec![
            (None, 1),
            (Some("Es;sex".to_string()), 1),
            (Some("Essex".to_string()), 2),
            (Some("Suffolk".to_string()), 1)
        ]
    );
    let (df, _) = import_bytes(csv.as_bytes(), &[]).unwrap();
    assert_eq!(df.column("county").unwrap().null_count(), 1);
    assert!(matches!(
        count(csv.as_bytes(), "countie"),
        Err(ImportError::MissingColumns { .. })
    ));
    assert!(matches!(
        count(b"a,b\n1,2,3\n", "a"),
        Err(ImportError::Ragged { .. })
    ));
    assert!(matches!(count(b"", "a"), Err(ImportError::Empty)));
}

#[test]
fn zips_keep_their_zeros_and_declared_dates_parse() {
    let csv = b"member_id,zip,joined,events\n001,02134,3/4/2023,2\n002,10001,2023-03-05,\n";
    let (df, report) = import_bytes(csv, &decl(&[("joined", ColumnType::Date)])).unwrap();
    assert_eq!(report.rows, 2);
    assert_eq!(
        df.column("zip").unwrap().str().unwrap().get(0),
        Some("02134")
    );
    assert_eq!(
        df.column("member_id").unwrap().str().unwrap().get(0),
        Some("001")
    );
    assert_eq!(df.column("joined").unwrap().dtype(), &DataType::Date);
    assert_eq!(df.column("events").unwrap().dtype(), &DataType::Int64);
}

#[test]
fn a_bad_declared_value_names_row_line_and_column() {
    let csv = b"id,joined\n1,2023-01-01\n2,soon\n3,later\n";
    let err = import_bytes(csv, &decl(&[("joined", ColumnType::Date)])).unwrap_err();
    let msg = err.to_string();
    assert!(
        msg.contains("row 2 (line 3), column `joined`: \"soon\""),
        "{msg}"
    );
    assert!(msg.contains("1 more"), "{msg}");
}

#[test]
fn repeated_and_blank_headers_are_renamed_and_reported() {
    let csv = b"Reserved,Reserved, ,email \nx,y,z,a@b.org\n";
    let (df, report) = import_bytes(csv, &[]).unwrap();
    let names: Vec<String> = df
        .get_column_names()
        .iter()
        .map(|s| s.to_string())
        .collect();
    assert_eq!(names, vec!["Reserved", "Reserved_2", "column_3", "email"]);
    assert_eq!(report.renamed.len(), 3);
}

#[test]
fn semicolon_files_with_cp1252_read_cleanly() {
    let (df, report) = import_bytes(b"name;city\nJos\xe9;Lowell\n", &[]).unwrap();
    assert_eq!(report.delimiter, Some(';'));
    assert_eq!(
        df.column("name").unwrap().str().unwrap().get(0),
        Some("José")
    );
}

#[test]
fn empty_header_only_and_ragged_files_say_why() {
    assert_eq!(import_bytes(b"", &[]).unwrap_err(), ImportError::Empty);
    assert!(matches!(
        import_bytes(b"a,b\n", &[]).unwrap_err(),
        ImportError::HeaderOnly(_)
    ));
    // A ragged row is set aside, not a reason to refuse the file...
    let raw = read_raw(b"a,b\n1,2\n3,4,5\n6,7\n").unwrap();
    assert_eq!(raw.df.height(), 2);
    assert_eq!(raw.row_lines, vec![2, 4]);
    let bad = &raw.report.quarantined;
    assert_eq!(
        (bad.len(), bad[0].line, bad[0].text.as_str()),
        (1, 3, "3,4,5")
    );
    assert!(
        raw.report
            .notes
            .iter()
            .any(|n| n.kind == "quarantined_rows")
    );
    // ...unless the reader is strict.
    let msg = read_raw_opts(
        b"a,b\n1,2\n3,4,5\n",
        None,
        &ReadOptions::strict(),
        &LoadProgress::new(),
    )
    .unwrap_err()
    .to_string();
    assert!(
        msg.starts_with("line 3 has 3 fields but the header has 2"),
        "{msg}"
    );
}

#[test]
fn missing_declared_columns_are_all_listed_with_suggestions() {
    let msg = import_bytes(
        b"zip_code,mail\n1,2\n",
        &decl(&[("zip", ColumnType::Text), ("email", ColumnType::Text)]),
    )
    .unwrap_err()
    .to_string();
    assert!(
        msg.contains("`zip`") && msg.contains("`email`") && msg.contains("did you mean `mail`"),
        "{msg}"
    );
}
