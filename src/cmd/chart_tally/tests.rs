//! Every chart drawn from the one-pass tally equals the chart drawn from the whole
//! columns, on files shaped like real exports, and the errors are the same words.

use super::super::chart::{Agg, ChartArgs, ChartType, chart_of_by};
use crate::chart::{ChartData, Every};

fn args(file: &std::path::Path, x: &str, y: Option<&str>, agg: Agg, kind: ChartType) -> ChartArgs {
    ChartArgs {
        file: file.to_path_buf(),
        x: x.into(),
        y: y.map(str::to_string),
        agg,
        kind,
        width: None,
        height: None,
        out: None,
        title: None,
        force: false,
        every: None,
        mask: false,
        read: Default::default(),
    }
}

/// A chart as compared: scatter points as a set (the tally keeps each distinct
/// point once; the whole columns keep every row's).
fn seen(r: Result<super::ChartOf, (i32, String)>) -> String {
    match r {
        Ok((mut p, rows, set_aside)) => {
            if let ChartData::Points { series, .. } = &mut p.data
                && p.kind == crate::lesson::model::ChartKind::Scatter
            {
                for s in series.iter_mut() {
                    s.points
                        .sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.total_cmp(&b.1)));
                    s.points.dedup();
                }
            }
            format!("{p:#?}\nrows {rows}, set aside {set_aside:?}")
        }
        Err((code, msg)) => format!("error {code}: {msg}"),
    }
}

/// Every chart kind, with sums and means, asked of `file`.
fn every_chart(file: &std::path::Path, x: &str, y: &str, date: Option<&str>) -> Vec<ChartArgs> {
    let mut all = vec![
        args(file, x, None, Agg::Count, ChartType::Bar),
        args(file, x, None, Agg::Count, ChartType::Column),
        args(file, x, Some(y), Agg::Sum, ChartType::Bar),
        args(file, x, Some(y), Agg::Mean, ChartType::Bar),
        args(file, x, Some(y), Agg::Sum, ChartType::Column),
        args(file, y, None, Agg::Count, ChartType::Histogram),
        args(file, x, None, Agg::Count, ChartType::Histogram),
        args(file, y, Some(x), Agg::Count, ChartType::Scatter),
        args(file, x, Some(y), Agg::Count, ChartType::Scatter),
        args(file, x, Some(x), Agg::Count, ChartType::Scatter),
        args(file, x, Some(y), Agg::Count, ChartType::Line),
        args(file, x, Some("no such column"), Agg::Sum, ChartType::Bar),
    ];
    if let Some(d) = date {
        for every in [
            None,
            Some(Every::Week),
            Some(Every::Month),
            Some(Every::Year),
        ] {
            for (yy, agg) in [
                (None, Agg::Count),
                (Some(y), Agg::Sum),
                (Some(y), Agg::Mean),
            ] {
                let mut a = args(file, d, yy, agg, ChartType::Line);
                a.every = every;
                all.push(a);
            }
        }
    }
    all
}

fn same_charts(name: &str, bytes: &[u8], x: &str, y: &str, date: Option<&str>) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join(name);
    std::fs::write(&file, bytes).unwrap();
    for mut a in every_chart(&file, x, y, date) {
        // Masked too: the tally's values are learned as the whole columns' are.
        for mask in [false, true] {
            a.mask = mask;
            let tallied = seen(chart_of_by(&a, true));
            let whole = seen(chart_of_by(&a, false));
            assert_eq!(
                tallied, whole,
                "{name}: {:?} x={} y={:?} {:?} every {:?} mask {mask}",
                a.kind, a.x, a.y, a.agg, a.every
            );
        }
    }
}

#[test]
fn a_member_list_with_quotes_blanks_and_markers_charts_the_same() {
    let text = "id,county,\"gift\",joined,age\r\n\
        1,Essex,10,2024-01-03,34\r\n\
        2,\"Essex\",2.5,2024-01-20,\r\n\
        3,Suffolk,,2024-03-02,71\r\n\
        4,\"Bristol, North\",N/A,2024-03-09T10:00:00-05:00,19\r\n\
        5,,7,2024-04-30,\"42\"\r\n\
        6,Suffolk,\"-3\",,55\r\n\
        7,\"Say \"\"hi\"\"\",1e2,2024-06-01,34\r\n";
    same_charts(
        "members.csv",
        text.as_bytes(),
        "county",
        "gift",
        Some("joined"),
    );
    same_charts(
        "members.csv",
        text.as_bytes(),
        "age",
        "gift",
        Some("joined"),
    );
}

#[test]
fn a_file_with_a_title_a_ragged_row_and_a_footnote_charts_the_same() {
    let text = "Members export, run 2024-05-01\n\
        county,amount,when\n\
        Essex,10,2024-01-05\n\
        Essex,12,2024-02-05,extra\n\
        Hampden,3,2024-02-07\n\
        \n\
        Hampden,4,2024-09-07\n\
        Total rows: 3\n";
    same_charts(
        "export.csv",
        text.as_bytes(),
        "county",
        "amount",
        Some("when"),
    );
}

#[test]
fn written_numbers_and_decimal_commas_chart_the_same() {
    let thousands = "county,gift\nEssex,\"$1,200.50\"\nEssex,$30\nSuffolk,\"$2,000\"\n";
    same_charts(
        "thousands.csv",
        thousands.as_bytes(),
        "county",
        "gift",
        None,
    );
    let percent = "county,share\nEssex,10%\nSuffolk,12.5%\n";
    same_charts("percent.csv", percent.as_bytes(), "county", "share", None);
    let semicolons = "county;gift;score\nEssex;61,5;1\nEssex;2;2\nSuffolk;0,25;3\n";
    same_charts("euro.csv", semicolons.as_bytes(), "county", "gift", None);
    same_charts("euro.csv", semicolons.as_bytes(), "gift", "score", None);
}

#[test]
fn text_where_numbers_belong_gives_the_same_error() {
    let text = "county,gift,zip,flag\nEssex,ten,02134,true\nSuffolk,5,02139,false\n";
    same_charts("words.csv", text.as_bytes(), "county", "gift", None);
    same_charts("zips.csv", text.as_bytes(), "county", "zip", None);
    same_charts("flags.csv", text.as_bytes(), "county", "flag", None);
    let blank = "county,gift\nEssex,\nSuffolk,N/A\n";
    same_charts("blank.csv", blank.as_bytes(), "county", "gift", None);
}

#[test]
fn latin1_tabs_and_a_bom_chart_the_same() {
    let mut latin1 = b"condado\tdonaci\xf3n\n".to_vec();
    latin1.extend_from_slice(b"Pe\xf1uelas\t5\nPe\xf1uelas\t7\nA\xf1asco\t1\n");
    same_charts("latin1.tsv", &latin1, "condado", "donaci\u{f3}n", None);
    let bom = "\u{feff}county,gift\nEssex,1\nEssex,2\n";
    same_charts("bom.csv", bom.as_bytes(), "county", "gift", None);
}

#[test]
fn a_scatter_counts_rows_left_out_by_row_not_by_distinct_pair() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("pairs.csv");
    std::fs::write(&file, "a,b\n1,2\n1,2\n1,\n1,\n1,\n3,4\n").unwrap();
    let (p, rows, _) = chart_of_by(
        &args(&file, "a", Some("b"), Agg::Count, ChartType::Scatter),
        true,
    )
    .unwrap();
    assert_eq!(rows, 6);
    assert_eq!(
        p.note.as_deref(),
        Some("3 row(s) with a blank or non-number value left out")
    );
}
