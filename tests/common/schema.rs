//! Validating TOML text against the schema `huddle schema` prints.

use super::{huddle, run};
use serde_json::Value;

/// The schema as `huddle schema` prints it.
pub fn printed_schema() -> Value {
    let tmp = tempfile::tempdir().unwrap();
    let r = run(huddle(tmp.path()).arg("schema"));
    assert_eq!(r.code, 0, "{}", r.stderr);
    serde_json::from_str(&r.stdout).expect("huddle schema prints JSON")
}

/// The printed schema, compiled once.
pub struct Validator {
    schemas: boon::Schemas,
    index: boon::SchemaIndex,
}

impl Validator {
    /// Compile the printed schema (draft-07).
    pub fn new() -> Self {
        let mut schemas = boon::Schemas::new();
        let mut compiler = boon::Compiler::new();
        compiler.set_default_draft(boon::Draft::V7);
        let url = "file:///lesson.schema.json";
        compiler.add_resource(url, printed_schema()).unwrap();
        let index = compiler
            .compile(url, &mut schemas)
            .expect("the schema compiles");
        Validator { schemas, index }
    }

    /// `Err(message)` when the TOML text does not validate.
    pub fn check(&self, toml_text: &str) -> Result<(), String> {
        let doc: toml::Value = toml::from_str(toml_text).map_err(|e| format!("TOML: {e}"))?;
        let json = serde_json::to_value(doc).unwrap();
        self.schemas
            .validate(&json, self.index)
            .map_err(|e| format!("{e}"))
    }
}
