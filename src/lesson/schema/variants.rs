//! Schemas for the rows whose keys depend on a tag: steps (`kind`), `expect` rules
//! (`rule`) and cleaning ops (`op`). Each is an `if tag = X then exactly these keys`
//! list built from the loader's own known-key lists, so the schema cannot drift from
//! what `huddle check` accepts.

use super::{StepText, TRANSLATION_LANGS};
use crate::data::recipe::{CaseTo, OP_NAMES, Op, OpSpec, op_keys};
use crate::lesson::model::{Rule, StepKind};
use crate::lesson::spec::{
    COMMON_STEP_KEYS, EXERCISE_KEYS, RULE_NAMES, RuleSpec, StepSpec, rule_keys, step_keys,
};
use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde_json::{Map, Value, json};
use std::borrow::Cow;

/// Every step kind, in the order the format lists them.
pub const STEP_KINDS: &[StepKind] = &[
    StepKind::Read,
    StepKind::Table,
    StepKind::Chart,
    StepKind::Choice,
    StepKind::Answer,
    StepKind::Query,
    StepKind::Clean,
    StepKind::Reflect,
];

/// One kind of a tagged row: its name, its keys' schemas, what it requires.
struct Variant {
    name: String,
    description: String,
    properties: Map<String, Value>,
    required: Vec<&'static str>,
    /// Pairs of keys of which exactly one must be present.
    one_of: Vec<(&'static str, &'static str)>,
    /// Keys of which at least one must be present.
    any_of: Vec<&'static str>,
}

/// A row keyed by `tag`: the tag must name a variant, and each variant takes exactly
/// its own keys.
fn dispatch(tag: &str, tag_doc: &str, variants: Vec<Variant>) -> Schema {
    let names: Vec<&str> = variants.iter().map(|v| v.name.as_str()).collect();
    let branches: Vec<Value> = variants
        .iter()
        .map(|v| {
            let mut props = v.properties.clone();
            props.insert(
                tag.to_string(),
                json!({ "const": v.name, "description": v.description }),
            );
            let mut then = json!({
                "properties": props,
                "required": std::iter::once(tag).chain(v.required.iter().copied()).collect::<Vec<_>>(),
                "additionalProperties": false,
            });
            let mut all = Vec::new();
            for (a, b) in &v.one_of {
                all.push(json!({ "oneOf": [ { "required": [a] }, { "required": [b] } ] }));
            }
            if !v.any_of.is_empty() {
                let alts: Vec<Value> = v.any_of.iter().map(|k| json!({ "required": [k] })).collect();
                all.push(json!({ "anyOf": alts }));
            }
            if !all.is_empty() {
                then["allOf"] = Value::Array(all);
            }
            json!({
                "if": { "properties": { tag: { "const": v.name } }, "required": [tag] },
                "then": then,
            })
        })
        .collect();
    json_schema!({
        "type": "object",
        "required": [tag],
        "properties": { tag: { "enum": names, "description": tag_doc } },
        "allOf": branches,
    })
}

/// The properties of a derived struct schema.
fn properties(schema: &Schema) -> Map<String, Value> {
    schema
        .get("properties")
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default()
}

/// `keys` picked from `props`, in that order.
fn pick(props: &Map<String, Value>, keys: &[&str]) -> Map<String, Value> {
    keys.iter()
        .filter_map(|k| props.get(*k).map(|v| (k.to_string(), v.clone())))
        .collect()
}

/// The doc comment of each variant of a derived enum schema, by its tag value (or
/// by its `const` for a plain enum).
fn variant_docs(schema: &Schema, tag: Option<&str>) -> Map<String, Value> {
    let list = schema
        .get("oneOf")
        .or_else(|| schema.get("anyOf"))
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    list.iter()
        .filter_map(|v| {
            let name = match tag {
                Some(t) => v.pointer(&format!("/properties/{t}/const")),
                None => v.get("const"),
            }?;
            let doc = v.get("description").cloned().unwrap_or(json!(""));
            Some((name.as_str()?.to_string(), doc))
        })
        .collect()
}

fn doc_of(docs: &Map<String, Value>, name: &str) -> String {
    docs.get(name)
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string()
}

/// One `[[steps]]` table: `kind` picks which keys it takes.
pub struct StepSchema;

impl JsonSchema for StepSchema {
    fn schema_name() -> Cow<'static, str> {
        "Step".into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let all = properties(&StepSpec::json_schema(generator));
        let docs = variant_docs(
            &StepKind::json_schema(&mut SchemaGenerator::default()),
            None,
        );
        let text = generator.subschema_for::<StepText>().to_value();
        let ops = generator.subschema_for::<CleanOp>().to_value();
        let variants = STEP_KINDS
            .iter()
            .map(|&kind| {
                let exercise: &[&str] = if kind.is_exercise() { EXERCISE_KEYS } else { &[] };
                let keys: Vec<&str> = COMMON_STEP_KEYS
                    .iter()
                    .chain(step_keys(kind))
                    .chain(exercise)
                    .copied()
                    .filter(|k| *k != "kind")
                    .collect();
                let mut properties = pick(&all, &keys);
                match kind {
                    StepKind::Query => {
                        properties.insert("solution".into(), json!({
                            "type": "string",
                            "description": "The coach's SQL: the learner's query passes when its result matches this one's."
                        }));
                    }
                    StepKind::Clean => {
                        properties.insert("solution".into(), json!({
                            "type": "array",
                            "items": ops,
                            "description": "The ops that make the table meet `expect`, in order: proof that the step can be done."
                        }));
                    }
                    _ => {}
                }
                for lang in TRANSLATION_LANGS {
                    properties.insert((*lang).to_string(), text.clone());
                }
                let (required, one_of): (Vec<&'static str>, Vec<_>) = match kind {
                    StepKind::Read => (vec!["title"], vec![]),
                    StepKind::Table => (vec!["title"], vec![("table", "sql")]),
                    StepKind::Chart => (vec!["title", "sql", "chart"], vec![]),
                    StepKind::Choice => (
                        vec!["title", "question"],
                        vec![("choices", "choices_sql"), ("answer", "answer_sql")],
                    ),
                    StepKind::Answer => (vec!["title", "question"], vec![("answer", "answer_sql")]),
                    StepKind::Query => (vec!["title", "question", "solution"], vec![]),
                    StepKind::Clean => (vec!["title", "question", "table", "expect", "solution"], vec![]),
                    StepKind::Reflect => (vec!["title", "question"], vec![]),
                };
                Variant {
                    name: kind.as_str().to_string(),
                    description: doc_of(&docs, kind.as_str()),
                    properties,
                    required,
                    one_of,
                    any_of: vec![],
                }
            })
            .collect();
        dispatch(
            "kind",
            "What the learner does: read, table, chart, choice, answer, query, clean or reflect.",
            variants,
        )
    }
}

/// One rule of a clean step's `expect` list: `rule` picks which keys it takes.
pub struct ExpectRule;

impl JsonSchema for ExpectRule {
    fn schema_name() -> Cow<'static, str> {
        "ExpectRule".into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let all = properties(&RuleSpec::json_schema(generator));
        let docs = variant_docs(
            &Rule::json_schema(&mut SchemaGenerator::default()),
            Some("rule"),
        );
        let variants = RULE_NAMES
            .iter()
            .map(|&name| {
                let (required, one_of, any_of) = match name {
                    "matches" => (vec!["column", "pattern"], vec![], vec![]),
                    "in" => (vec!["column"], vec![("values", "values_sql")], vec![]),
                    "type" => (vec!["column", "is"], vec![], vec![]),
                    "distinct_at_most" => (vec!["column", "n"], vec![], vec![]),
                    "rows" => (vec![], vec![], vec!["at_least", "at_most", "equals_sql"]),
                    _ => (vec!["column"], vec![], vec![]),
                };
                Variant {
                    name: name.to_string(),
                    description: doc_of(&docs, name),
                    properties: pick(&all, rule_keys(name)),
                    required,
                    one_of,
                    any_of,
                }
            })
            .collect();
        dispatch(
            "rule",
            "What the cleaned table must meet: not_null, unique, matches, in, type, distinct_at_most, rows or no_leading_trailing_space.",
            variants,
        )
    }
}

/// One cleaning operation (a clean step's `solution`, a recipe's `[[ops]]`): `op`
/// picks which keys it takes.
pub struct CleanOp;

impl JsonSchema for CleanOp {
    fn schema_name() -> Cow<'static, str> {
        "Op".into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let all = properties(&OpSpec::json_schema(generator));
        let docs = variant_docs(
            &Op::json_schema(&mut SchemaGenerator::default()),
            Some("op"),
        );
        let case_to = generator.subschema_for::<CaseTo>().to_value();
        let variants = OP_NAMES
            .iter()
            .map(|&name| {
                let mut properties = pick(&all, op_keys(name));
                match name {
                    "case" => {
                        properties.insert("to".into(), case_to.clone());
                    }
                    "split" => {
                        properties.insert(
                            "by".into(),
                            json!({ "type": "string", "description": "The separator, e.g. \",\"." }),
                        );
                    }
                    _ => {}
                }
                let (required, one_of, any_of) = match name {
                    "case" | "rename" => (vec!["column", "to"], vec![], vec![]),
                    "replace" => (vec!["column", "find", "with"], vec![], vec![]),
                    "pad" => (vec!["column", "width"], vec![], vec![]),
                    "parse_date" => (vec!["column", "formats"], vec![], vec![]),
                    "fill" => (vec!["column"], vec![("value", "down")], vec![]),
                    "dedupe" => (vec![], vec![], vec!["column", "by"]),
                    "merge_values" => (vec!["column", "map"], vec![], vec![]),
                    "split" => (vec!["column", "by", "into"], vec![], vec![]),
                    "filter" => (vec!["where"], vec![], vec![]),
                    _ => (vec!["column"], vec![], vec![]),
                };
                Variant {
                    name: name.to_string(),
                    description: doc_of(&docs, name),
                    properties,
                    required,
                    one_of,
                    any_of,
                }
            })
            .collect();
        dispatch(
            "op",
            "The cleaning operation: trim, collapse_spaces, case, replace, pad, digits_only, parse_date, fill, drop_nulls, dedupe, merge_values, split, rename, drop_column or filter.",
            variants,
        )
    }
}
