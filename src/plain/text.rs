//! Steps, tables and charts as lines a screen reader reads well: no box drawing, no
//! columns lined up with spaces, every value named by its column.

use crate::chart::{ChartData, Prepared, XScale, date_tick, group_thousands};
use crate::data::mask::Masker;
use crate::i18n::trf;
use polars::prelude::{AnyValue, DataFrame};

/// Rows read out at a time.
pub const PAGE: usize = 10;

/// Chart values read out (the rest are summed up in one line).
pub const CHART_ITEMS: usize = 30;

/// A lesson's text without the marks of its formatting: `**bold**`, `` `code` ``,
/// headings' `#`, and list bullets become words; the lines of a paragraph are
/// joined into one (a screen reader reads it as one; the terminal wraps it), and
/// each heading and list item is a line of its own.
pub fn words(markdown: &str) -> String {
    let mut out = String::new();
    let mut para = String::new();
    let flush = |para: &mut String, out: &mut String| {
        if !para.is_empty() {
            out.push_str(para);
            out.push('\n');
            para.clear();
        }
    };
    for line in markdown.trim().lines() {
        let l = line.trim();
        let clean = |t: &str| t.replace("**", "").replace('`', "");
        if l.is_empty() {
            flush(&mut para, &mut out);
            out.push('\n');
        } else if let Some(item) = l.strip_prefix("- ").or_else(|| l.strip_prefix("* ")) {
            flush(&mut para, &mut out);
            out.push_str(&format!("• {}\n", clean(item)));
        } else if l.starts_with('#') {
            flush(&mut para, &mut out);
            out.push_str(&clean(l.trim_start_matches('#').trim_start()));
            out.push('\n');
        } else {
            if !para.is_empty() {
                para.push(' ');
            }
            para.push_str(&clean(l));
        }
    }
    flush(&mut para, &mut out);
    out
}

/// Rows `from..from + PAGE` of `df`, one line each: "row 3 of 40: county Essex,
/// members 212". Values are masked by `kinds` (one per column) when masking.
pub fn rows(
    df: &DataFrame,
    from: usize,
    masker: Option<&Masker>,
    sql: Option<&str>,
) -> Vec<String> {
    let kinds = match masker {
        Some(m) => m.plan_query(df, sql),
        None => vec![None; df.width()],
    };
    let total = df.height();
    let names: Vec<String> = df
        .get_column_names()
        .iter()
        .map(|n| n.to_string())
        .collect();
    let mut out = Vec::new();
    if from == 0 {
        out.push(trf(
            "{rows} rows, {n} columns: {names}.",
            &[
                ("rows", &group_thousands(total as i64)),
                ("n", &names.len()),
                ("names", &names.join(", ")),
            ],
        ));
    }
    let end = total.min(from + PAGE);
    for r in from..end {
        let cells: Vec<String> = df
            .columns()
            .iter()
            .enumerate()
            .map(|(c, col)| {
                let v = match col.get(r) {
                    Ok(AnyValue::Null) | Err(_) => crate::i18n::tr("(blank)").to_string(),
                    Ok(AnyValue::String(s)) if s.trim().is_empty() => {
                        crate::i18n::tr("(blank)").to_string()
                    }
                    Ok(AnyValue::String(s)) => s.to_string(),
                    Ok(v) => v.to_string(),
                };
                let v = match masker {
                    Some(m) => m.cell(kinds.get(c).copied().flatten(), &v).into_owned(),
                    None => v,
                };
                format!("{} {v}", names[c])
            })
            .collect();
        out.push(trf(
            "row {r} of {total}: {cells}",
            &[
                ("r", &(r + 1)),
                ("total", &group_thousands(total as i64)),
                ("cells", &cells.join(", ")),
            ],
        ));
    }
    if end < total {
        out.push(trf(
            "Type more for rows {from} to {to}.",
            &[("from", &(end + 1)), ("to", &total.min(end + PAGE))],
        ));
    }
    out
}

/// A chart as a list: bars from the largest down, each with its share of the
/// total; lines point by point in x order; a scatter plot's range and first points.
pub fn chart(p: &Prepared) -> Vec<String> {
    let mut out = vec![trf(
        "Chart: {title}. {x} against {y}.",
        &[("title", &p.title), ("x", &p.x_label), ("y", &p.y_label)],
    )];
    match &p.data {
        ChartData::Bars(bars) => {
            let total: f64 = bars.iter().map(|b| b.value).sum();
            let histogram = p.kind == crate::lesson::model::ChartKind::Histogram;
            let mut sorted: Vec<&crate::chart::Bar> = bars.iter().collect();
            if !histogram {
                sorted.sort_by(|a, b| b.value.total_cmp(&a.value).then(a.label.cmp(&b.label)));
            }
            for b in sorted.iter().take(CHART_ITEMS) {
                let share = if total > 0.0 {
                    format!(" ({:.0}%)", 100.0 * b.value / total)
                } else {
                    String::new()
                };
                out.push(format!("{}: {}{share}", b.label, number(b.value)));
            }
            if sorted.len() > CHART_ITEMS {
                let rest: f64 = sorted[CHART_ITEMS..].iter().map(|b| b.value).sum();
                out.push(trf(
                    "{n} more, together {value}.",
                    &[
                        ("n", &(sorted.len() - CHART_ITEMS)),
                        ("value", &number(rest)),
                    ],
                ));
            }
        }
        ChartData::Points { series, x_scale } => {
            for s in series {
                if !s.name.is_empty() {
                    out.push(format!("{}:", s.name));
                }
                let span = s
                    .points
                    .iter()
                    .map(|p| p.0)
                    .fold(None, |acc: Option<(f64, f64)>, x| match acc {
                        None => Some((x, x)),
                        Some((lo, hi)) => Some((lo.min(x), hi.max(x))),
                    })
                    .map_or(0.0, |(lo, hi)| hi - lo);
                let x_text = |x: f64| match x_scale {
                    XScale::Date => date_tick(x, span.max(400.0)),
                    XScale::Number => number(x),
                };
                let mut points = s.points.clone();
                points.sort_by(|a, b| a.0.total_cmp(&b.0));
                for (x, y) in points.iter().take(CHART_ITEMS) {
                    out.push(format!("{}: {}", x_text(*x), number(*y)));
                }
                if points.len() > CHART_ITEMS {
                    out.push(trf(
                        "{n} more points.",
                        &[("n", &(points.len() - CHART_ITEMS))],
                    ));
                }
            }
        }
    }
    if let Some(note) = &p.note {
        out.push(note.clone());
    }
    out
}

/// A value as people read it: whole numbers with thousands grouped.
fn number(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        group_thousands(v as i64)
    } else {
        format!("{v:.2}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use polars::prelude::*;

    #[test]
    fn a_table_reads_row_by_row_with_column_names() {
        let df = df!("county" => ["Essex", "Suffolk"], "members" => [212i64, 40]).unwrap();
        let lines = rows(&df, 0, None, None);
        assert_eq!(lines[0], "2 rows, 2 columns: county, members.");
        assert_eq!(lines[1], "row 1 of 2: county Essex, members 212");
        assert_eq!(lines.len(), 3);
    }

    #[test]
    fn formatting_marks_are_not_read_out() {
        assert_eq!(
            words("## Why\nPad **zip**\nwith `pad`:\n- one\n\nNext."),
            "Why\nPad zip with pad:\n• one\n\nNext.\n"
        );
    }
}
