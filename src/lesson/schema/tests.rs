use super::variants::STEP_KINDS;
use super::*;
use crate::data::recipe::{OP_NAMES, op_keys};
use crate::lesson::spec::{COMMON_STEP_KEYS, EXERCISE_KEYS, RULE_NAMES, rule_keys, step_keys};

/// The keys the schema allows for `tag = name` in definition `def`.
fn allowed(schema: &Value, def: &str, tag: &str, name: &str) -> Vec<String> {
    let branches = schema["definitions"][def]["allOf"].as_array().unwrap();
    let branch = branches
        .iter()
        .find(|b| b["if"]["properties"][tag]["const"] == name)
        .unwrap_or_else(|| panic!("no {def} branch for {name}"));
    let mut keys: Vec<String> = branch["then"]["properties"]
        .as_object()
        .unwrap()
        .keys()
        .cloned()
        .collect();
    keys.sort();
    keys
}

fn sorted(keys: impl IntoIterator<Item = &'static str>) -> Vec<String> {
    let mut v: Vec<String> = keys.into_iter().map(str::to_string).collect();
    v.sort();
    v.dedup();
    v
}

#[test]
fn prints_a_draft_07_schema() {
    let s = lesson_schema();
    assert_eq!(s["$schema"], "http://json-schema.org/draft-07/schema#");
    assert!(!s.to_string().contains("\"null\""), "TOML has no null");
}

#[test]
fn each_step_kind_allows_exactly_the_keys_the_loader_knows() {
    let s = lesson_schema();
    for &kind in STEP_KINDS {
        let exercise: &[&str] = if kind.is_exercise() {
            EXERCISE_KEYS
        } else {
            &[]
        };
        let want = sorted(
            COMMON_STEP_KEYS
                .iter()
                .chain(step_keys(kind))
                .chain(exercise)
                .chain(TRANSLATION_LANGS)
                .copied(),
        );
        assert_eq!(allowed(&s, "Step", "kind", kind.as_str()), want);
    }
}

#[test]
fn each_rule_and_op_allows_exactly_the_keys_the_loader_knows() {
    let s = lesson_schema();
    for name in RULE_NAMES {
        let want = sorted(rule_keys(name).iter().copied().chain(["rule"]));
        assert_eq!(allowed(&s, "ExpectRule", "rule", name), want, "rule {name}");
    }
    for name in OP_NAMES {
        let want = sorted(op_keys(name).iter().copied().chain(["op"]));
        assert_eq!(allowed(&s, "Op", "op", name), want, "op {name}");
    }
}
