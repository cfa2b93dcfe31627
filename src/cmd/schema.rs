//! `huddle schema`: print the JSON Schema of lesson format v1, for editors.

use super::EXIT_OK;
use crate::lesson::schema::lesson_schema;

/// Print the schema as pretty JSON on standard output.
pub fn run() -> i32 {
    let text = serde_json::to_string_pretty(&lesson_schema()).unwrap_or_default();
    println!("{text}");
    EXIT_OK
}
