//! The lines a learner who knows the answers types in the plain player: the
//! shared script of the plain-mode walks (tests/plain_mode.rs, tests/warehouse.rs).

use huddle::check::answer::expected_value;
use huddle::data::recipe::Op;
use huddle::data::sql::Catalog;
use huddle::lesson::course::{self, LessonEntry};
use huddle::lesson::model::Lesson;
use huddle::lesson::model::{Step, StepBody};
use huddle::lesson::stage::stage;
use huddle::lesson::validate::load_entry;
use huddle::progress::store::Store;

/// A JSON value (an op's field) as TOML, for typing an op as a recipe row.
fn toml_value(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::Object(m) => format!(
            "{{ {} }}",
            m.iter()
                .map(|(k, v)| format!("{} = {}", serde_json::to_string(k).unwrap(), toml_value(v)))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        serde_json::Value::Array(a) => format!(
            "[{}]",
            a.iter().map(toml_value).collect::<Vec<_>>().join(", ")
        ),
        other => other.to_string(),
    }
}

fn op_line(op: &Op) -> String {
    toml_value(&serde_json::to_value(op).unwrap())
}

/// The lines a learner who knows the answers types for `step`.
pub fn answers(step: &Step, data: &huddle::data::sql::Catalog) -> Vec<String> {
    let mut lines = Vec::new();
    match &step.body {
        StepBody::Answer { answer, .. } => lines.push(expected_value(answer, data).unwrap()),
        StepBody::Choice { answer, .. } => {
            let want = expected_value(answer, data).unwrap();
            let choices = stage(step, data).choices;
            let k = choices
                .iter()
                .position(|c| c.trim().eq_ignore_ascii_case(want.trim()))
                .unwrap_or_else(|| panic!("{want} not in {choices:?}"));
            lines.push((k + 1).to_string());
        }
        StepBody::Query { solution, .. } => {
            lines.push(solution.split_whitespace().collect::<Vec<_>>().join(" "));
            lines.push("check".into());
        }
        StepBody::Clean { solution, .. } => {
            lines.extend(solution.iter().map(op_line));
            lines.push("check".into());
        }
        StepBody::Reflect { .. } => lines.push("Ask the organizers which counties we miss.".into()),
        _ => {}
    }
    lines.push("next".into());
    lines
}

/// Every line a learner who knows the answers types, step after step.
pub fn script(lesson: &Lesson, data: &Catalog) -> Vec<String> {
    lesson.steps.iter().flat_map(|s| answers(s, data)).collect()
}

/// The bundled lesson `id` and its entry.
pub fn bundled(id: &str) -> (LessonEntry, Lesson) {
    course::bundled()
        .into_iter()
        .find_map(|e| {
            let l = load_entry(&e).lesson.filter(|l| l.meta.id == id)?;
            Some((e, l))
        })
        .unwrap_or_else(|| panic!("no bundled lesson {id}"))
}

/// Play `lesson` on `data` in the plain player, typing `typed`; what it printed.
pub fn play(lesson: &Lesson, data: Catalog, store: &Store, typed: &str) -> String {
    let session = huddle::tui::session::Session::open(lesson.clone(), store);
    let mut out = Vec::new();
    huddle::plain::play(
        session,
        data,
        false,
        store,
        &mut std::io::Cursor::new(typed.to_string()),
        &mut out,
    )
    .unwrap();
    String::from_utf8(out).unwrap()
}
