//! Parser messages (TOML syntax, serde shapes) as one sentence a coach can act on.

use crate::diag::suggestion;

/// Turn a TOML syntax error into one sentence a coach can act on.
pub fn humanize_toml(msg: &str) -> String {
    let lines: Vec<&str> = msg
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    let joined = lines.join("; ");
    if joined.contains("duplicate key") {
        format!("{joined}: a key may appear only once in a table; remove or rename the second one")
    } else {
        format!("TOML syntax: {joined}")
    }
}

/// Turn serde's messages into ones a coach can act on.
pub fn humanize_serde(msg: &str, ctx: &str) -> String {
    let msg = msg.trim();
    if let Some(rest) = msg.strip_prefix("unknown field `") {
        let (field, tail) = rest.split_once('`').unwrap_or((rest, ""));
        let expected = backticked(tail);
        let exp: Vec<&str> = expected.iter().map(String::as_str).collect();
        return if exp.is_empty() {
            format!("unknown key `{field}` in {ctx}; it takes no keys")
        } else {
            format!(
                "unknown key `{field}` in {ctx}; {}",
                suggestion(field, &exp)
            )
        };
    }
    if let Some(rest) = msg.strip_prefix("missing field `") {
        let field = rest.split('`').next().unwrap_or(rest);
        return format!("{ctx} is missing `{field}`: add {field} = ...");
    }
    if let Some(rest) = msg.strip_prefix("unknown variant `") {
        let (value, tail) = rest.split_once('`').unwrap_or((rest, ""));
        let exp: Vec<String> = backticked(tail);
        let exp: Vec<&str> = exp.iter().map(String::as_str).collect();
        return format!(
            "\"{value}\" is not allowed here ({ctx}); {}",
            suggestion(value, &exp)
        );
    }
    if let Some(rest) = msg.strip_prefix("invalid type: ") {
        let (found, expected) = rest
            .split_once(", expected ")
            .unwrap_or((rest, "another type"));
        return format!(
            "wrong type in {ctx}: found {found}, expected {}",
            plain_type(expected)
        );
    }
    if let Some(rest) = msg.strip_prefix("invalid value: ") {
        let (found, expected) = rest
            .split_once(", expected ")
            .unwrap_or((rest, "another value"));
        return format!(
            "invalid value in {ctx}: {found}, expected {}",
            plain_type(expected)
        );
    }
    format!("{ctx}: {msg}")
}

fn plain_type(t: &str) -> String {
    match t {
        "a string" => "text in quotes".into(),
        "a boolean" => "true or false".into(),
        "a sequence" => "a list in [brackets]".into(),
        "u32" | "usize" | "u64" | "i64" => "a whole number".into(),
        "f64" => "a number".into(),
        t if t.starts_with("struct") || t.contains("map") => "a table { key = value }".into(),
        t => t.to_string(),
    }
}

fn backticked(s: &str) -> Vec<String> {
    s.split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect()
}
