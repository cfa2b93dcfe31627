//! Mask mode in the player (`--mask`, `m`): the masker for the loaded data and masked
//! copies of what is drawn outside tables (charts, the profile popup, messages).

use crate::chart::{ChartData, Prepared};
use crate::data::mask::{Masker, PiiKind, kind_from_name};
use crate::data::profile::ColumnProfile;
use crate::data::sql::Catalog;
use crate::lesson::model::Lesson;
use std::borrow::Cow;

/// A masker for a lesson's loaded tables: the lesson's `pii` columns declared, the
/// names in every table learned.
pub fn for_lesson(lesson: &Lesson, data: &Catalog) -> Masker {
    let mut m = Masker::new();
    for decl in lesson.tables.values() {
        for (name, col) in &decl.columns {
            if col.pii {
                m.declare(name, kind_from_name(name).unwrap_or(PiiKind::Other));
            }
        }
    }
    for name in data.names() {
        if let Some(df) = data.get(name) {
            m.learn_frame(df);
        }
    }
    m
}

/// A chart with its category labels and series names masked when they are personal.
pub fn chart(p: &Prepared, m: &Masker) -> Prepared {
    let mut out = p.clone();
    match &mut out.data {
        ChartData::Bars(bars) => {
            let sample: Vec<&str> = p_labels(p);
            let kind = m.column_kind(&p.x_label, &sample);
            for b in bars.iter_mut() {
                b.label = m.cell(kind, &b.label).into_owned();
            }
        }
        ChartData::Points { series, .. } => {
            let names: Vec<String> = series.iter().map(|s| s.name.clone()).collect();
            let sample: Vec<&str> = names.iter().map(String::as_str).collect();
            let kind = m.column_kind("", &sample);
            for s in series.iter_mut() {
                s.name = m.cell(kind, &s.name).into_owned();
            }
        }
    }
    out
}

fn p_labels(p: &Prepared) -> Vec<&str> {
    match &p.data {
        ChartData::Bars(bars) => bars.iter().map(|b| b.label.as_str()).collect(),
        ChartData::Points { .. } => Vec::new(),
    }
}

/// A column profile with its values masked when the column is personal.
pub fn profile(p: &ColumnProfile, m: &Masker) -> ColumnProfile {
    let sample: Vec<&str> = p.top.iter().map(|(v, _)| v.as_str()).collect();
    let kind = m.column_kind(&p.name, &sample);
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
            kind: ChartKind::Bar,
            title: String::new(),
            x_label: "who".into(),
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
        let masked = chart(&bars(&["Keisha Walker", "Carlos Rivera"]), &m);
        let ChartData::Bars(b) = &masked.data else {
            panic!("bars")
        };
        assert_eq!(b[0].label, "K. W.");
        let county = chart(&bars(&["Essex", "Suffolk"]), &m);
        let ChartData::Bars(b) = &county.data else {
            panic!("bars")
        };
        assert_eq!(b[0].label, "Essex");
    }
}
