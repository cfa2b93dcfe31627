//! `huddle schema`: lesson format v1 as a JSON Schema (draft-07), generated from the
//! model types so editors flag unknown keys and show each key's help on hover.
//!
//! Plain sections (`[lesson]`, tables, columns, charts, mistakes) come straight from
//! their serde types. Steps, `expect` rules and ops are read by hand in
//! [`crate::lesson::load`], so their schemas are assembled in [`variants`] from the
//! same known-key lists the loader uses.

mod variants;

use crate::lesson::model::{LessonMeta, TableDecl};
use indexmap::IndexMap;
use schemars::generate::SchemaSettings;
use schemars::{JsonSchema, Schema, SchemaGenerator};
use serde_json::Value;
use std::borrow::Cow;
use std::marker::PhantomData;

pub use variants::{CleanOp, ExpectRule, StepSchema};

/// Languages whose translation sub-tables (`[lesson.es]`, `[steps.es]`, `es = {...}`)
/// the schema accepts.
pub const TRANSLATION_LANGS: &[&str] = &["es", "en"];

/// A huddle lesson (format 1)
///
/// One TOML file: `format = 1`, a `[lesson]` table, the `[tables.NAME]` it uses and its
/// `[[steps]]` in order. Check it with `huddle check FILE`.
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
#[allow(dead_code)]
struct LessonFile {
    /// The lesson format version: write `format = 1` as the first line.
    #[schemars(extend("const" = 1))]
    format: u32,
    /// Who the lesson is for and how long it takes.
    #[schemars(with = "Translated<LessonMeta, LessonText>")]
    lesson: (),
    /// The tables the lesson loads, each registered for SQL under its name
    /// (lowercase letters, digits and _).
    #[serde(default)]
    #[schemars(extend("propertyNames" = { "pattern": "^[a-z][a-z0-9_]*$" }))]
    tables: IndexMap<String, TableDecl>,
    /// The steps, in order: one `[[steps]]` table each.
    #[schemars(with = "Vec<StepSchema>", length(min = 1))]
    steps: (),
}

/// A translation of the lesson's title and summary: `[lesson.es]` right after `[lesson]`.
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
#[allow(dead_code)]
pub struct LessonText {
    /// The title in this language.
    title: Option<String>,
    /// The summary in this language.
    summary: Option<String>,
}

/// A translation of a step's words: `[steps.es]` right after the step's own keys.
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
#[allow(dead_code)]
pub struct StepText {
    /// The title in this language.
    title: Option<String>,
    /// The text in this language (Markdown).
    text: Option<String>,
    /// The question in this language.
    question: Option<String>,
    /// The hints in this language, in the same order.
    hints: Option<Vec<String>>,
    /// The coach notes in this language.
    coach: Option<String>,
    /// A choice step's written-out choices in this language, in the same order
    /// (not for `choices_sql`: those are data values).
    choices: Option<Vec<String>>,
}

/// A translation of a mistake's feedback: `es = { feedback = "..." }` in the mistake.
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
#[allow(dead_code)]
pub struct MistakeText {
    /// The feedback in this language.
    feedback: Option<String>,
}

/// The schema of `T` with one optional translation sub-table `X` per language of
/// [`TRANSLATION_LANGS`].
pub struct Translated<T, X>(PhantomData<(T, X)>);

impl<T: JsonSchema, X: JsonSchema> JsonSchema for Translated<T, X> {
    fn schema_name() -> Cow<'static, str> {
        T::schema_name()
    }

    fn schema_id() -> Cow<'static, str> {
        format!("huddle::Translated<{}>", T::schema_id()).into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let mut schema = T::json_schema(generator);
        add_translations::<X>(&mut schema, generator);
        schema
    }
}

/// Add the `es`/`en` sub-table properties (schema `X`) to an object schema.
fn add_translations<X: JsonSchema>(schema: &mut Schema, generator: &mut SchemaGenerator) {
    let text = generator.subschema_for::<X>().to_value();
    if let Some(props) = schema.get_mut("properties").and_then(Value::as_object_mut) {
        for lang in TRANSLATION_LANGS {
            props.insert((*lang).to_string(), text.clone());
        }
    }
}

/// The JSON Schema (draft-07) of lesson format v1.
pub fn lesson_schema() -> Value {
    let schema = SchemaSettings::draft07()
        .into_generator()
        .into_root_schema_for::<LessonFile>();
    let mut value = schema.to_value();
    drop_null(&mut value);
    value
}

/// TOML has no null: an optional key is simply left out, so remove the `null`
/// alternatives serde's `Option` adds.
fn drop_null(v: &mut Value) {
    match v {
        Value::Object(map) => {
            if let Some(Value::Array(types)) = map.get_mut("type") {
                types.retain(|t| t != "null");
                if let [only] = types.as_slice() {
                    let only = only.clone();
                    map.insert("type".into(), only);
                }
            }
            if map.get("default").is_some_and(Value::is_null) {
                map.remove("default");
            }
            if let Some(Value::Array(alts)) = map.get_mut("anyOf") {
                alts.retain(|a| a.get("type").is_none_or(|t| t != "null"));
            }
            map.values_mut().for_each(drop_null);
        }
        Value::Array(items) => items.iter_mut().for_each(drop_null),
        _ => {}
    }
}

#[cfg(test)]
mod tests;
