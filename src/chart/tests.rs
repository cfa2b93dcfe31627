use super::*;
use polars::prelude::*;

fn spec(kind: ChartKind, x: &str, y: Option<&str>) -> ChartSpec {
    ChartSpec::new(kind, x, y)
}

#[test]
fn bars_keep_query_order_and_sum_repeats() {
    let df = df!("county" => ["Essex", "Suffolk", "Essex"], "members" => [3i64, 5, 2]).unwrap();
    let p = prepare(&spec(ChartKind::Bar, "county", Some("members")), &df, "T").unwrap();
    assert_eq!(p.title, "T");
    let ChartData::Bars(bars) = p.data else {
        panic!("bars expected")
    };
    assert_eq!(
        bars,
        vec![
            Bar {
                label: "Essex".into(),
                value: 5.0
            },
            Bar {
                label: "Suffolk".into(),
                value: 5.0
            }
        ]
    );
}

#[test]
fn bars_without_y_count_rows_and_blank_labels_show() {
    let df = df!("county" => [Some("A"), None, Some("A")]).unwrap();
    let p = prepare(&spec(ChartKind::Column, "county", None), &df, "T").unwrap();
    assert_eq!(p.y_label, "rows");
    let ChartData::Bars(bars) = p.data else {
        panic!()
    };
    assert_eq!(bars[0].value, 2.0);
    assert_eq!(bars[1].label, "(blank)");
}

#[test]
fn a_missing_column_names_what_the_result_has() {
    let df = df!("county" => ["A"], "n" => [1i64]).unwrap();
    let err = prepare(&spec(ChartKind::Bar, "county", Some("members")), &df, "T").unwrap_err();
    assert!(
        err.contains("`members`") && err.contains("`county`, `n`"),
        "{err}"
    );
}

#[test]
fn fold_keeps_the_largest_and_sums_the_rest_into_other() {
    let bars: Vec<Bar> = [5.0, 1.0, 9.0, 2.0, 7.0]
        .iter()
        .enumerate()
        .map(|(i, v)| Bar {
            label: format!("c{i}"),
            value: *v,
        })
        .collect();
    let f = fold(&bars, 3);
    let got: Vec<(&str, f64)> = f.iter().map(|b| (b.label.as_str(), b.value)).collect();
    assert_eq!(got, [("c2", 9.0), ("c4", 7.0), ("other (3)", 8.0)]);
    assert_eq!(fold(&bars, 5).len(), 5);
}

#[test]
fn line_charts_read_dates_and_sort_by_x() {
    let df =
        df!("month" => ["2024-03-01", "2024-01-01", "2024-02-01"], "n" => [3i64, 1, 2]).unwrap();
    let p = prepare(&spec(ChartKind::Line, "month", Some("n")), &df, "T").unwrap();
    let ChartData::Points { series, x_scale } = p.data else {
        panic!()
    };
    assert_eq!(x_scale, XScale::Date);
    let ys: Vec<f64> = series[0].points.iter().map(|p| p.1).collect();
    assert_eq!(ys, [1.0, 2.0, 3.0]);
    assert_eq!(date_tick(series[0].points[0].0, 60.0), "Jan 01");
    assert_eq!(date_tick(series[0].points[0].0, 400.0), "Jan 2024");
    assert_eq!(date_tick(series[0].points[0].0, 4000.0), "2024");
}

#[test]
fn a_line_over_months_written_year_dash_month_reads_them_as_dates() {
    // What `LEFT(joined, 7)` gives: lesson 5 charts sign-ups per month this way.
    let df = df!("month" => ["2024-02", "2023-12", "2024-01"], "n" => [3i64, 1, 2]).unwrap();
    let p = prepare(&spec(ChartKind::Line, "month", Some("n")), &df, "T").unwrap();
    let ChartData::Points { series, x_scale } = p.data else {
        panic!()
    };
    assert_eq!(x_scale, XScale::Date);
    let ys: Vec<f64> = series[0].points.iter().map(|p| p.1).collect();
    assert_eq!(ys, [1.0, 2.0, 3.0]);
    assert_eq!(date_tick(series[0].points[0].0, 400.0), "Dec 2023");
    // Month 13 is no month: not a date, and not a number either.
    let df = df!("month" => ["2024-13"], "n" => [3i64]).unwrap();
    assert!(prepare(&spec(ChartKind::Line, "month", Some("n")), &df, "T").is_err());
}

#[test]
fn series_split_points_and_blanks_are_counted_out() {
    let df = df!(
        "x" => [1.0, 2.0, 3.0, 4.0],
        "y" => [Some(1.0), Some(2.0), None, Some(4.0)],
        "g" => ["a", "b", "a", "a"]
    )
    .unwrap();
    let mut s = spec(ChartKind::Scatter, "x", Some("y"));
    s.series = Some("g".into());
    let p = prepare(&s, &df, "T").unwrap();
    let ChartData::Points { series, .. } = p.data else {
        panic!()
    };
    assert_eq!(series.len(), 2);
    assert_eq!(series[0].points, vec![(1.0, 1.0), (4.0, 4.0)]);
    assert!(p.note.unwrap().starts_with("1 row"));
}

#[test]
fn histogram_of_text_says_to_pick_numbers() {
    let df = df!("zip" => ["a", "b"]).unwrap();
    let err = prepare(&spec(ChartKind::Histogram, "zip", None), &df, "T").unwrap_err();
    assert!(err.contains("needs numbers"), "{err}");
}

#[test]
fn short_numbers_read_well() {
    assert_eq!(short_number(12345.0), "12,345");
    assert_eq!(short_number(999.0), "999");
    assert_eq!(short_number(8340.0), "8,340", "the same format as 13,338");
    assert_eq!(short_number(1234.6), "1,235");
    assert_eq!(short_number(2_500_000.0), "2.5M");
    assert_eq!(short_number(0.25), "0.25");
}

#[test]
fn a_line_over_dates_is_bucketed_by_month_and_a_timestamp_keeps_its_own_day() {
    // 23:30 at -05:00 on January 31st is February in UTC: it stays in January.
    let df = df!(
        "joined" => ["2024-01-02", "2024-01-31T23:30:00-05:00", "2024-03-15"],
        "n" => [1i64, 2, 5]
    )
    .unwrap();
    let mut s = spec(ChartKind::Line, "joined", Some("n"));
    s.every = Some(Every::Month);
    let p = prepare(&s, &df, "T").unwrap();
    assert_eq!(p.every, Some(Every::Month));
    let ChartData::Points { series, x_scale } = p.data else {
        panic!("points expected")
    };
    assert_eq!(x_scale, XScale::Date);
    let ys: Vec<f64> = series[0].points.iter().map(|p| p.1).collect();
    assert_eq!(ys, vec![3.0, 0.0, 5.0], "January, an empty February, March");
}

#[test]
fn five_years_of_days_draw_as_months_by_themselves() {
    let days: Vec<String> = (0..1827)
        .map(|i| {
            (chrono::NaiveDate::from_ymd_opt(2020, 1, 1).unwrap() + chrono::Duration::days(i))
                .to_string()
        })
        .collect();
    let ones = vec![1i64; days.len()];
    let df = df!("day" => days, "n" => ones).unwrap();
    let p = prepare(&spec(ChartKind::Line, "day", Some("n")), &df, "T").unwrap();
    assert_eq!(p.every, Some(Every::Month));
    let ChartData::Points { series, .. } = p.data else {
        panic!()
    };
    assert_eq!(series[0].points.len(), 60);
    assert_eq!(series[0].points[1].1, 29.0, "February 2020 had 29 days");
    // A short line is left as it is.
    let short = df!("day" => ["2024-01-01", "2024-01-05"], "n" => [1i64, 2]).unwrap();
    let p = prepare(&spec(ChartKind::Line, "day", Some("n")), &short, "T").unwrap();
    assert_eq!(p.every, None);
}

#[test]
fn number_columns_are_charted_as_their_cells_would_be() {
    // Numbers are read straight from the column, with what reading cell by cell
    // gave: true/false as 1/0, blanks and infinities left out and counted.
    let df = df!(
        "age" => [Some(30i64), None, Some(41), Some(30)],
        "gift" => [Some(5.0), Some(1.0), Some(f64::INFINITY), Some(2.5)],
        "ok" => [Some(true), Some(false), None, Some(true)]
    )
    .unwrap();
    let p = prepare(&spec(ChartKind::Scatter, "age", Some("gift")), &df, "T").unwrap();
    let ChartData::Points { series, x_scale } = p.data else {
        panic!()
    };
    assert_eq!(x_scale, XScale::Number);
    assert_eq!(series.len(), 1);
    assert_eq!(series[0].points, vec![(30.0, 5.0), (30.0, 2.5)]);
    assert!(p.note.unwrap().starts_with("2 row"));
    let h = prepare(&spec(ChartKind::Histogram, "ok", None), &df, "T").unwrap();
    let ChartData::Bars(bars) = h.data else {
        panic!()
    };
    assert_eq!(bars.iter().map(|b| b.value).sum::<f64>(), 3.0);
    assert!(h.note.unwrap().starts_with("1 row"));
    let empty = df.head(Some(0));
    let p = prepare(&spec(ChartKind::Scatter, "age", Some("gift")), &empty, "T").unwrap();
    assert!(matches!(p.data, ChartData::Points { series, .. } if series.is_empty()));
}

#[test]
fn years_read_plain_on_an_axis_and_in_bins() {
    // Birth years: 1930, not 1,930; money between 1,000 and 3,000 keeps its comma.
    assert_eq!(axis_number(1930.0, years(1930.0, 2004.0, true)), "1930");
    assert_eq!(axis_number(1948.5, years(1930.0, 2004.0, true)), "1949");
    assert_eq!(axis_number(1930.0, years(1930.0, 2004.0, false)), "1,930");
    assert_eq!(axis_number(2500.0, years(1000.0, 3000.0, true)), "2,500");
    let births: Vec<f64> = (0..75).map(|i| 1930.0 + i as f64).collect();
    let labels: Vec<String> = bins::histogram(&births, None)
        .into_iter()
        .map(|b| b.label)
        .collect();
    assert!(labels.iter().all(|l| !l.contains(',')), "{labels:?}");
    assert!(labels[0].starts_with("1930"), "{labels:?}");
    let dollars: Vec<f64> = (0..75).map(|i| 1000.0 + 100.0 * i as f64).collect();
    let labels: Vec<String> = bins::histogram(&dollars, None)
        .into_iter()
        .map(|b| b.label)
        .collect();
    assert!(labels[0].starts_with("1,000"), "{labels:?}");
}

#[test]
fn the_rows_left_out_are_counted_with_separators() {
    let x: Vec<f64> = (0..1500).map(f64::from).collect();
    let y: Vec<Option<f64>> = (0..1500).map(|i| (i == 0).then_some(1.0)).collect();
    let df = df!("x" => x, "y" => y).unwrap();
    let p = prepare(&spec(ChartKind::Scatter, "x", Some("y")), &df, "T").unwrap();
    let note = p.note.unwrap();
    assert!(note.starts_with("1,499 row(s)"), "{note}");
}
