//! Mask mode in the player (`--mask`, `m`): the masker for the loaded data and masked
//! copies of what is drawn outside tables (charts, the profile popup, messages).

use crate::chart::{ChartData, Prepared};
use crate::data::mask::{Masker, PiiKind, kind_from_name};
use crate::data::profile::ColumnProfile;
use crate::data::sql::Catalog;
use crate::lesson::model::{Lesson, StepBody};
use polars::prelude::DataFrame;
use std::borrow::Cow;

/// A masker for a lesson before its data is loaded: its `pii` columns declared and
/// its table and column names known (so a load error keeps them when scrubbed).
pub fn declared(lesson: &Lesson) -> Masker {
    let mut m = Masker::new();
    for (table, decl) in &lesson.tables {
        m.know_name(table);
        for (name, col) in &decl.columns {
            m.know_name(name);
            if col.pii {
                m.declare(name, kind_from_name(name).unwrap_or(PiiKind::Other));
            }
        }
    }
    for step in &lesson.steps {
        let chart = match &step.body {
            StepBody::Chart { chart, .. } => Some(chart),
            StepBody::Query { chart, .. } => chart.as_ref(),
            _ => None,
        };
        if let Some(c) = chart {
            m.know_name(&c.x);
            for n in [&c.y, &c.series].into_iter().flatten() {
                m.know_name(n);
            }
        }
    }
    m
}

/// The words of a query the learner wrote (names and keywords, not quoted values):
/// an error about the query may quote them under masking, as the editor shows them.
pub fn query_words(sql: &str) -> Vec<String> {
    use sqlparser::tokenizer::{Token, Tokenizer};
    Tokenizer::new(&sqlparser::dialect::GenericDialect {}, sql)
        .tokenize()
        .unwrap_or_default()
        .into_iter()
        .filter_map(|t| match t {
            Token::Word(w) => Some(w.value),
            _ => None,
        })
        .collect()
}

/// A masker for a lesson's loaded tables: the lesson's `pii` columns declared, the
/// names in every table learned, each table's personal columns recorded so a query's
/// columns can be followed to them.
pub fn for_lesson(lesson: &Lesson, data: &Catalog) -> Masker {
    let mut m = declared(lesson);
    m.learn_catalog(data);
    m
}

/// [`chart`] for a chart drawn from `result` (the rows of `sql`): each column is
/// planned as [`Masker::plan_query`] plans it, so a label is masked as the personal
/// column it comes from, whatever its alias.
pub fn chart_of_result(
    p: &Prepared,
    m: &Masker,
    result: &DataFrame,
    sql: Option<&str>,
) -> Prepared {
    let kinds: Vec<(String, Option<PiiKind>)> = result
        .get_column_names()
        .iter()
        .map(|n| n.to_string())
        .zip(m.plan_query(result, sql))
        .collect();
    chart(p, m, Some(&kinds))
}

/// A chart with its category labels and series names masked when they are personal.
/// `kinds` is the plan of the result the chart was drawn from, by column name:
/// a label column is masked as the personal column it comes from, whatever its name;
/// without it, the header and the labels decide.
pub fn chart(p: &Prepared, m: &Masker, kinds: Option<&[(String, Option<PiiKind>)]>) -> Prepared {
    let planned = |column: &str| {
        kinds.and_then(|k| k.iter().find(|(n, _)| n == column).map(|(_, kind)| *kind))
    };
    let mut out = p.clone();
    match &mut out.data {
        ChartData::Bars(bars) => {
            let sample: Vec<&str> = p_labels(p);
            let kind = planned(&p.x_label).unwrap_or_else(|| m.column_kind(&p.x_label, &sample));
            for b in bars.iter_mut() {
                b.label = m.cell(kind, &b.label).into_owned();
            }
        }
        ChartData::Points { series, .. } => {
            let names: Vec<String> = series.iter().map(|s| s.name.clone()).collect();
            let sample: Vec<&str> = names.iter().map(String::as_str).collect();
            let column = p.series_label.as_deref().unwrap_or("");
            let kind = planned(column).unwrap_or_else(|| m.column_kind(column, &sample));
            for s in series.iter_mut() {
                s.name = m.cell(kind, &s.name).into_owned();
            }
        }
    }
    out
}

/// An error about a query the learner wrote: as [`error`], keeping the query's own
/// names where quoted (`there is no column `countyy``), as the editor shows them.
pub fn query_error<'a>(s: &'a str, sql: &str, m: Option<&Masker>) -> Cow<'a, str> {
    match m {
        Some(m) => Cow::Owned(m.scrub_keeping(s, &query_words(sql))),
        None => Cow::Borrowed(s),
    }
}

/// Text that quotes data values on purpose (a clean step's rules and their
/// examples): under masking, personal values are hidden and the rest stays, so a
/// county's stray space is still there to see.
pub fn data_text<'a>(s: &'a str, m: Option<&Masker>) -> Cow<'a, str> {
    match m {
        Some(m) => Cow::Owned(m.hide_personal(s)),
        None => Cow::Borrowed(s),
    }
}

/// An error from any layer (a query, the data's loading, a chart, a check) as the
/// screen shows it: under masking, scrubbed of anything that could be a data value
/// ([`Masker::scrub`]). Every error drawn goes through here.
pub fn error<'a>(s: &'a str, m: Option<&Masker>) -> Cow<'a, str> {
    match m {
        Some(m) => Cow::Owned(m.scrub(s)),
        None => Cow::Borrowed(s),
    }
}

fn p_labels(p: &Prepared) -> Vec<&str> {
    match &p.data {
        ChartData::Bars(bars) => bars.iter().map(|b| b.label.as_str()).collect(),
        ChartData::Points { .. } => Vec::new(),
    }
}

/// A column profile with its values masked when the column is personal; `planned` is
/// the kind the table's plan gave the column (which follows a query's aliases).
pub fn profile(p: &ColumnProfile, m: &Masker, planned: Option<Option<PiiKind>>) -> ColumnProfile {
    let sample: Vec<&str> = p.top.iter().map(|(v, _)| v.as_str()).collect();
    let kind = planned.unwrap_or_else(|| m.column_kind(&p.name, &sample));
    let mut out = p.clone();
    let hide = |v: &str| m.cell(kind, v).into_owned();
    out.top = p.top.iter().map(|(v, n)| (hide(v), *n)).collect();
    out.min = p.min.as_deref().map(hide);
    out.max = p.max.as_deref().map(hide);
    out
}

/// Free text (a message, a rule's examples) with emails and phones masked.
pub fn text<'a>(s: &'a str, m: Option<&Masker>) -> Cow<'a, str> {
    match m {
        Some(m) => m.cell(None, s),
        None => Cow::Borrowed(s),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chart::Bar;
    use crate::lesson::model::ChartKind;

    #[test]
    fn bar_labels_of_names_are_masked_and_counties_are_not() {
        let mut m = Masker::new();
        m.learn_values(["Keisha Walker", "Carlos Rivera"].into_iter());
        let bars = |labels: &[&str]| Prepared {
            every: None,
            kind: ChartKind::Bar,
            title: String::new(),
            x_label: "who".into(),
            series_label: None,
            y_label: "events".into(),
            data: ChartData::Bars(
                labels
                    .iter()
                    .map(|l| Bar {
                        label: l.to_string(),
                        value: 1.0,
                    })
                    .collect(),
            ),
            note: None,
        };
        let masked = chart(&bars(&["Keisha Walker", "Carlos Rivera"]), &m, None);
        let ChartData::Bars(b) = &masked.data else {
            panic!("bars")
        };
        assert_eq!(b[0].label, "K. W.");
        let county = chart(&bars(&["Essex", "Suffolk"]), &m, None);
        let ChartData::Bars(b) = &county.data else {
            panic!("bars")
        };
        assert_eq!(b[0].label, "Essex");
    }
}
