//! The cleaning-op menu and the form for one op's settings. The form turns what
//! the learner typed into a checked [`Op`] through the same [`OpSpec`] path that
//! lesson files and recipes use, so an op made here always reads back the same.

use crate::data::op_spec::OpSpec;
use crate::data::recipe::Op;
use crate::i18n::tr_key;
use ratatui::crossterm::event::{KeyCode, KeyEvent};

/// One op in the menu: its name, what it does, and its fields.
pub struct OpKind {
    /// The op's name as written in recipes.
    pub name: &'static str,
    /// What it does, in a few words.
    pub what: &'static str,
    fields: &'static [(&'static str, FieldKind)],
}

/// How a field is edited and written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldKind {
    /// Free text.
    Text,
    /// A whole number.
    Number,
    /// Yes or no (Space toggles).
    Flag,
    /// Comma-separated list.
    List,
    /// One of a few words (←/→ cycle).
    Pick(&'static [&'static str]),
    /// `variant = canonical` pairs separated by `;`.
    Pairs,
}

use FieldKind::*;

/// Every op of lesson format v1, in the order the menu lists them.
pub const MENU: &[OpKind] = &[
    OpKind {
        name: "trim",
        what: tr_key("remove spaces at both ends"),
        fields: &[("column", Text)],
    },
    OpKind {
        name: "collapse_spaces",
        what: tr_key("trim, and turn runs of spaces into one"),
        fields: &[("column", Text)],
    },
    OpKind {
        name: "case",
        what: tr_key("change letter case"),
        fields: &[("column", Text), ("to", Pick(&["title", "lower", "upper"]))],
    },
    OpKind {
        name: "replace",
        what: tr_key("replace text (or a regular expression)"),
        fields: &[
            ("column", Text),
            ("find", Text),
            ("with", Text),
            ("regex", Flag),
        ],
    },
    OpKind {
        name: "pad",
        what: tr_key("put back leading zeros (ZIPs, precincts)"),
        fields: &[("column", Text), ("width", Number), ("with", Text)],
    },
    OpKind {
        name: "digits_only",
        what: tr_key("keep only digits (phones)"),
        fields: &[("column", Text)],
    },
    OpKind {
        name: "parse_date",
        what: tr_key("read dates written several ways"),
        fields: &[("column", Text), ("formats", List)],
    },
    OpKind {
        name: "fill",
        what: tr_key("fill blanks with a value, or the value above"),
        fields: &[("column", Text), ("value", Text), ("down", Flag)],
    },
    OpKind {
        name: "drop_nulls",
        what: tr_key("remove rows where this column is blank"),
        fields: &[("column", Text)],
    },
    OpKind {
        name: "dedupe",
        what: tr_key("keep one row per person (by some columns)"),
        fields: &[
            ("by", List),
            ("keep", Pick(&["first", "last"])),
            ("keep_blanks", Flag),
        ],
    },
    OpKind {
        name: "merge_values",
        what: tr_key("replace spelling variants with one"),
        fields: &[("column", Text), ("map", Pairs)],
    },
    OpKind {
        name: "split",
        what: tr_key("split a column into new columns"),
        fields: &[("column", Text), ("by", Text), ("into", List)],
    },
    OpKind {
        name: "rename",
        what: tr_key("rename a column"),
        fields: &[("column", Text), ("to", Text)],
    },
    OpKind {
        name: "drop_column",
        what: tr_key("remove a column"),
        fields: &[("column", Text)],
    },
    OpKind {
        name: "filter",
        what: tr_key("keep rows where an SQL condition holds"),
        fields: &[("where", Text)],
    },
];

/// A field being edited.
#[derive(Debug, Clone)]
pub struct Field {
    /// The key as written in recipes.
    pub key: &'static str,
    /// How it is edited.
    pub kind: FieldKind,
    /// What the learner typed.
    pub value: String,
}

/// The form for one op.
#[derive(Debug, Clone)]
pub struct OpForm {
    /// The op's name.
    pub op: &'static str,
    /// What it does.
    pub what: &'static str,
    /// Its fields.
    pub fields: Vec<Field>,
    /// The field under the cursor.
    pub at: usize,
}

/// What a key did to the form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FormKey {
    /// The form changed (or nothing happened).
    Edited,
    /// Enter: preview, or apply a previewed op.
    Enter,
    /// Esc: close the form.
    Cancel,
}

impl OpForm {
    /// A form for `kind`, with the selected table column filled in.
    pub fn new(kind: &OpKind, column: &str) -> Self {
        let fields = kind
            .fields
            .iter()
            .map(|&(key, fk)| Field {
                key,
                kind: fk,
                value: default_value(kind.name, key, fk, column),
            })
            .collect();
        OpForm {
            op: kind.name,
            what: kind.what,
            fields,
            at: 0,
        }
    }

    /// Fill field `key` (e.g. the merge map proposed by clustering).
    pub fn set(&mut self, key: &str, value: &str) {
        if let Some(f) = self.fields.iter_mut().find(|f| f.key == key) {
            f.value = value.to_string();
        }
    }

    /// What field `key` holds.
    pub fn value(&self, key: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|f| f.key == key)
            .map(|f| f.value.as_str())
    }

    /// Handle a key.
    pub fn key(&mut self, key: KeyEvent) -> FormKey {
        let n = self.fields.len();
        let Some(field) = self.fields.get_mut(self.at) else {
            return FormKey::Cancel;
        };
        match key.code {
            KeyCode::Esc => return FormKey::Cancel,
            KeyCode::Enter => return FormKey::Enter,
            KeyCode::Up | KeyCode::BackTab => self.at = (self.at + n - 1) % n.max(1),
            KeyCode::Down | KeyCode::Tab => self.at = (self.at + 1) % n.max(1),
            KeyCode::Left | KeyCode::Right => {
                if let Pick(options) = field.kind {
                    let i = options.iter().position(|o| *o == field.value).unwrap_or(0);
                    let step = if key.code == KeyCode::Left {
                        options.len() - 1
                    } else {
                        1
                    };
                    field.value = options[(i + step) % options.len()].to_string();
                }
            }
            KeyCode::Char(' ') if field.kind == Flag => {
                field.value = if field.value == "yes" { "no" } else { "yes" }.into();
            }
            KeyCode::Char(c)
                if !matches!(field.kind, Flag | Pick(_))
                    && (field.kind != Number || c.is_ascii_digit()) =>
            {
                field.value.push(c);
            }
            KeyCode::Backspace if !matches!(field.kind, Flag | Pick(_)) => {
                field.value.pop();
            }
            _ => {}
        }
        FormKey::Edited
    }

    /// The op the form describes, or what is missing or wrong, in plain words.
    pub fn to_op(&self) -> Result<Op, String> {
        let mut t = toml::Table::new();
        t.insert("op".into(), toml::Value::String(self.op.into()));
        for f in &self.fields {
            let v = f.value.trim();
            if v.is_empty() && f.kind != Text {
                continue;
            }
            // An empty `with` means "replace with nothing"; any other empty field is unset.
            if v.is_empty() && f.key != "with" {
                continue;
            }
            let value = match f.kind {
                Text if f.key == "by" && self.op == "dedupe" => list(v),
                // Spaces matter in a separator or a replacement: keep them as typed.
                Text if matches!(f.key, "with" | "by" | "find") => {
                    toml::Value::String(f.value.clone())
                }
                Text | Pick(_) => toml::Value::String(v.into()),
                Number => toml::Value::Integer(
                    v.parse()
                        .map_err(|_| format!("`{}` must be a whole number", f.key))?,
                ),
                Flag => {
                    if v != "yes" {
                        continue;
                    }
                    toml::Value::Boolean(true)
                }
                List => list(v),
                Pairs => pairs(v)?,
            };
            t.insert(f.key.into(), value);
        }
        if self.op == "fill" && !t.contains_key("down") && !t.contains_key("value") {
            return Err("type a `value` to fill blanks with, or set `down` to yes".into());
        }
        if self.op == "fill" && t.contains_key("down") {
            t.remove("value");
        }
        let spec: OpSpec = toml::Value::Table(t)
            .try_into()
            .map_err(|e: toml::de::Error| e.message().to_string())?;
        spec.into_op()
    }
}

fn list(v: &str) -> toml::Value {
    toml::Value::Array(
        v.split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(|s| toml::Value::String(s.into()))
            .collect(),
    )
}

fn pairs(v: &str) -> Result<toml::Value, String> {
    let mut t = toml::Table::new();
    for (from, to) in parse_pairs(v)? {
        t.insert(from, toml::Value::String(to));
    }
    if t.is_empty() {
        return Err("type at least one pair: variant = canonical".into());
    }
    Ok(toml::Value::Table(t))
}

/// A merge map as the form shows it: `variant = canonical` pairs joined by `; `.
/// A value with a space at an end, or holding `;`, `=` or `"`, is written in double
/// quotes (`"Essex " = Essex`), so the exact spelling survives the round trip.
pub fn format_pairs<'a>(map: impl IntoIterator<Item = (&'a String, &'a String)>) -> String {
    map.into_iter()
        .map(|(from, to)| format!("{} = {}", pair_value(from), pair_value(to)))
        .collect::<Vec<_>>()
        .join("; ")
}

/// One value of a pair, quoted when it would not read back as written.
pub fn pair_value(v: &str) -> String {
    let plain = !v.is_empty()
        && v.trim() == v
        && !v.contains([';', '=', '"', '\\'])
        && !v.chars().any(char::is_control);
    if plain {
        return v.to_string();
    }
    let mut out = String::from('"');
    for c in v.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Read `a = b; "c " = d` into (variant, canonical) pairs: a quoted value is taken
/// exactly (`\"` and `\\` inside), a bare one without the spaces around it.
fn parse_pairs(v: &str) -> Result<Vec<(String, String)>, String> {
    let mut out = Vec::new();
    let mut chars = v.chars().peekable();
    loop {
        skip_spaces(&mut chars);
        if chars.peek().is_none() {
            return Ok(out);
        }
        if chars.peek() == Some(&';') {
            chars.next();
            continue;
        }
        let from = pair_part(&mut chars, '=')?;
        if chars.next() != Some('=') {
            return Err(format!(
                "write each pair as variant = canonical, separated by `;` (not “{}”)",
                from.unwrap_or_default()
            ));
        }
        let to = pair_part(&mut chars, ';')?;
        match chars.next() {
            None | Some(';') => {}
            Some(c) => {
                return Err(format!(
                    "after a quoted value, write `;` before the next pair (not “{c}”)"
                ));
            }
        }
        out.push((from.unwrap_or_default(), to.unwrap_or_default()));
    }
}

type Chars<'a> = std::iter::Peekable<std::str::Chars<'a>>;

fn skip_spaces(chars: &mut Chars) {
    while chars.peek().is_some_and(|c| c.is_whitespace()) {
        chars.next();
    }
}

/// A quoted or bare value, up to (not taking) `end`; `None` when empty.
fn pair_part(chars: &mut Chars, end: char) -> Result<Option<String>, String> {
    skip_spaces(chars);
    let mut out = String::new();
    if chars.peek() == Some(&'"') {
        chars.next();
        loop {
            match chars.next() {
                None => return Err("a quoted value has no closing `\"`".into()),
                Some('"') => break,
                Some('\\') => match chars.next() {
                    Some(c) => out.push(c),
                    None => return Err("a quoted value has no closing `\"`".into()),
                },
                Some(c) => out.push(c),
            }
        }
        skip_spaces(chars);
        return Ok(Some(out));
    }
    while let Some(&c) = chars.peek() {
        if c == end || (end == '=' && c == ';') {
            break;
        }
        out.push(c);
        chars.next();
    }
    let out = out.trim().to_string();
    Ok((!out.is_empty()).then_some(out))
}

fn default_value(op: &str, key: &str, kind: FieldKind, column: &str) -> String {
    match (op, key, kind) {
        (_, "column", _) | ("dedupe", "by", _) => column.to_string(),
        (_, _, Pick(options)) => options.first().map(|s| s.to_string()).unwrap_or_default(),
        (_, _, Flag) => "no".into(),
        ("pad", "width", _) => "5".into(),
        ("pad", "with", _) => "0".into(),
        ("parse_date", "formats", _) => "%Y-%m-%d, %m/%d/%y, %m/%d/%Y".into(),
        ("split", "by", _) => ",".into(),
        ("split", "into", _) => format!("{column}_1, {column}_2"),
        _ => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::KeyModifiers;

    fn press(form: &mut OpForm, keys: &str) {
        for c in keys.chars() {
            form.key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
        }
    }

    fn kind(name: &str) -> &'static OpKind {
        MENU.iter().find(|k| k.name == name).expect("op in menu")
    }

    #[test]
    fn every_op_of_the_format_is_in_the_menu() {
        for name in crate::data::recipe::OP_NAMES {
            assert!(MENU.iter().any(|k| k.name == *name), "{name} missing");
        }
    }

    #[test]
    fn the_pad_form_starts_ready_for_zip_codes() {
        let f = OpForm::new(kind("pad"), "zip");
        assert_eq!(
            f.to_op(),
            Ok(Op::Pad {
                column: "zip".into(),
                width: 5,
                with: "0".into()
            })
        );
    }

    #[test]
    fn typed_pairs_become_a_merge_map() {
        let mut f = OpForm::new(kind("merge_values"), "county");
        f.at = 1;
        press(&mut f, "Essex Co. = Essex; Esex=Essex");
        let Ok(Op::MergeValues { map, .. }) = f.to_op() else {
            panic!("a merge op");
        };
        assert_eq!(map.get("Essex Co."), Some(&"Essex".to_string()));
        assert_eq!(map.get("Esex"), Some(&"Essex".to_string()));
    }

    #[test]
    fn merge_keys_keep_their_spaces_through_the_form() {
        let mut map = indexmap::IndexMap::new();
        for (from, to) in [
            ("Essex ", "Essex"),
            (" essex", "Essex"),
            ("a;b = \"c\"", "A"),
            ("Hampden", "Hampden "),
        ] {
            map.insert(from.to_string(), to.to_string());
        }
        let text = format_pairs(&map);
        assert!(
            text.starts_with("\"Essex \" = Essex; \" essex\" = Essex"),
            "{text}"
        );
        let mut f = OpForm::new(kind("merge_values"), "county");
        f.set("map", &text);
        let Ok(Op::MergeValues { map: back, .. }) = f.to_op() else {
            panic!("a merge op from {text}");
        };
        assert_eq!(back.len(), map.len(), "{back:?}");
        for (from, to) in &map {
            assert_eq!(back.get(from), Some(to), "{from:?} in {back:?}");
        }
        f.set("map", "\"Essex  = Essex");
        let e = f.to_op().expect_err("unclosed quote");
        assert!(e.contains("closing"), "{e}");
    }

    #[test]
    fn a_missing_setting_is_explained() {
        let f = OpForm::new(kind("replace"), "phone");
        let e = f.to_op().expect_err("find is empty");
        assert!(e.contains("find"), "{e}");
        let f = OpForm::new(kind("fill"), "county");
        assert!(f.to_op().is_err());
    }

    #[test]
    fn width_takes_only_digits_and_case_cycles() {
        let mut f = OpForm::new(kind("pad"), "zip");
        f.at = 1;
        f.key(KeyEvent::new(KeyCode::Backspace, KeyModifiers::NONE));
        press(&mut f, "x9");
        assert_eq!(f.value("width"), Some("9"));
        let mut c = OpForm::new(kind("case"), "county");
        c.at = 1;
        c.key(KeyEvent::new(KeyCode::Right, KeyModifiers::NONE));
        assert_eq!(c.value("to"), Some("lower"));
    }
}
