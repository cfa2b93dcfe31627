use super::*;

fn members() -> DataFrame {
    df!(
        "zip" => [Some("2134"), Some("02134"), None, Some("1001")],
        "county" => [Some(" Essex "), Some("essex"), Some("ESSEX  CO."), Some("Suffolk")],
    )
    .unwrap()
}

#[test]
fn pad_restores_leading_zeros_and_counts_changes() {
    let op = Op::Pad {
        column: "zip".into(),
        width: 5,
        with: "0".into(),
    };
    let (out, what) = apply_op(&members(), &op).unwrap();
    let zips: Vec<Option<&str>> = out.column("zip").unwrap().str().unwrap().iter().collect();
    assert_eq!(
        zips,
        vec![Some("02134"), Some("02134"), None, Some("01001")]
    );
    assert_eq!(what.rows_changed, 2);
}

#[test]
fn a_missing_column_is_named_with_a_suggestion() {
    let op = Op::Trim {
        column: "countyy".into(),
    };
    let err = apply_op(&members(), &op).unwrap_err();
    assert!(
        err.contains("`countyy`") && err.contains("`county`"),
        "{err}"
    );
}

#[test]
fn collapse_then_title_case() {
    let ops = [
        Op::CollapseSpaces {
            column: "county".into(),
        },
        Op::Case {
            column: "county".into(),
            to: CaseTo::Title,
        },
    ];
    let (out, _) = apply_all(&members(), &ops).unwrap();
    let v: Vec<Option<&str>> = out
        .column("county")
        .unwrap()
        .str()
        .unwrap()
        .iter()
        .collect();
    assert_eq!(
        v,
        vec![
            Some("Essex"),
            Some("Essex"),
            Some("Essex Co."),
            Some("Suffolk")
        ]
    );
}

#[test]
fn parse_date_names_the_first_value_it_cannot_read() {
    let df = df!("d" => ["3/4/2023", "2023-03-05", "someday"]).unwrap();
    let op = Op::ParseDate {
        column: "d".into(),
        formats: vec!["%m/%d/%Y".into(), "%Y-%m-%d".into()],
    };
    let err = apply_op(&df, &op).unwrap_err();
    assert!(err.contains("\"someday\" in row 3"), "{err}");
}

#[test]
fn a_four_digit_year_format_does_not_read_two_digit_years() {
    let df = df!("d" => ["03/16/24", "3/4/2023"]).unwrap();
    let op = Op::ParseDate {
        column: "d".into(),
        formats: vec!["%m/%d/%Y".into(), "%m/%d/%y".into()],
    };
    let (out, _) = apply_op(&df, &op).unwrap();
    let days: Vec<String> = (0..2)
        .map(|i| out.column("d").unwrap().get(i).unwrap().to_string())
        .collect();
    assert_eq!(days, ["2024-03-16", "2023-03-04"]);
}

#[test]
fn dedupe_can_keep_everyone_without_a_phone() {
    let df = df!(
        "phone" => [Some("6175550101"), None, Some("6175550101"), Some(" "), None, Some("6175550102")],
        "n" => [1, 2, 3, 4, 5, 6]
    )
    .unwrap();
    let dedupe = |keep_blanks, keep| Op::Dedupe {
        column: None,
        by: vec!["phone".into()],
        keep,
        keep_blanks,
    };
    let rows = |op: &Op| -> Vec<i32> {
        let (out, _) = apply_op(&df, op).unwrap();
        out.column("n")
            .unwrap()
            .i32()
            .unwrap()
            .iter()
            .flatten()
            .collect()
    };
    assert_eq!(rows(&dedupe(true, Keep::First)), [1, 2, 4, 5, 6]);
    assert_eq!(rows(&dedupe(true, Keep::Last)), [2, 3, 4, 5, 6]);
    // Off, the blanks are one value, as in pandas and dplyr.
    assert_eq!(rows(&dedupe(false, Keep::First)), [1, 2, 4, 6]);
    let (_, what) = apply_op(&df, &dedupe(true, Keep::First)).unwrap();
    assert_eq!(what.rows_removed, 1);
}

#[test]
fn dedupe_keeps_the_first_of_each_group() {
    let df = df!("email" => ["a@x.org", "b@x.org", "a@x.org"], "n" => [1, 2, 3]).unwrap();
    let op = Op::Dedupe {
        column: None,
        by: vec!["email".into()],
        keep: Keep::First,
        keep_blanks: false,
    };
    let (out, what) = apply_op(&df, &op).unwrap();
    assert_eq!(out.height(), 2);
    assert_eq!(what.rows_removed, 1);
    let n: Vec<Option<i32>> = out.column("n").unwrap().i32().unwrap().iter().collect();
    assert_eq!(n, vec![Some(1), Some(2)]);
}

#[test]
fn fill_keeps_boolean_and_number_columns_typed() {
    let df = df!(
        "attended" => [Some(true), None, Some(false)],
        "n" => [Some(1i64), None, Some(3)],
    )
    .unwrap();
    let op = |column: &str, value: &str| Op::Fill {
        column: column.into(),
        value: Some(value.into()),
        down: false,
    };
    let (out, what) = apply_op(&df, &op("attended", "false")).unwrap();
    let v: Vec<Option<bool>> = out
        .column("attended")
        .unwrap()
        .bool()
        .unwrap()
        .iter()
        .collect();
    assert_eq!(v, vec![Some(true), Some(false), Some(false)]);
    assert_eq!(what.rows_changed, 1);
    let (out, _) = apply_op(&df, &op("n", "0")).unwrap();
    assert_eq!(out.column("n").unwrap().dtype(), &DataType::Int64);
    let err = apply_op(&df, &op("attended", "maybe")).unwrap_err();
    assert!(err.contains("\"maybe\" is not a valid"), "{err}");
}

#[test]
fn an_op_serializes_back_to_its_toml_row() {
    let op = Op::Pad {
        column: "zip".into(),
        width: 5,
        with: "0".into(),
    };
    let s = toml::to_string(&op).unwrap();
    assert!(s.contains("op = \"pad\"") && s.contains("width = 5"), "{s}");
}
