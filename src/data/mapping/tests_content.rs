//! Content outweighs name: among file columns whose names could stand for a declared
//! column, an almost blank one or one whose values have the wrong shape is not proposed
//! while a full one that fits is there.

use super::*;
use crate::data::import::read_raw;

fn zip_wanted() -> Vec<Wanted> {
    vec![Wanted {
        name: "zip".into(),
        kind: ColumnType::Text,
        description: None,
        pii: false,
        used_by: vec!["Some step".into()],
    }]
}

/// A voter-file export: a mostly blank `relative_request_zip` comes before the
/// full `voter_zip`.
fn export() -> String {
    let mut csv = String::from("member_id,relative_request_zip,voter_zip\n");
    for i in 0..40 {
        let relative = if i == 3 { "01002" } else { "" };
        csv.push_str(&format!("M{i:03},{relative},0{}\n", 1000 + i));
    }
    csv
}

#[test]
fn a_full_zip_column_beats_an_almost_blank_one_named_first() {
    let t = read_raw(export().as_bytes()).unwrap();
    let m = propose(&zip_wanted(), &t.df, None);
    assert_eq!(m.file_column("zip"), Some("voter_zip"), "{m:?}");
}

#[test]
fn an_almost_blank_column_is_still_proposed_when_nothing_better_is_there() {
    let t =
        read_raw("member_id,relative_request_zip\nM1,01002\nM2,\nM3,\nM4,\n".as_bytes()).unwrap();
    let m = propose(&zip_wanted(), &t.df, None);
    assert_eq!(m.file_column("zip"), Some("relative_request_zip"));
}
