//! Where every key and value of a lesson file is, by dotted path
//! (`lesson.id`, `tables.members.file`, `steps[2].expect[0].pattern`).

use std::collections::HashMap;
use std::ops::Range;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

/// Byte ranges of keys and values by path.
#[derive(Debug, Clone, Default)]
pub struct SpanIndex {
    values: HashMap<String, Range<usize>>,
    keys: HashMap<String, Range<usize>>,
}

/// `parent.key`, or `key` at the top.
pub fn key_path(parent: &str, key: &str) -> String {
    if parent.is_empty() {
        key.to_string()
    } else {
        format!("{parent}.{key}")
    }
}

impl SpanIndex {
    /// Index a parsed document.
    pub fn build(root: &DeTable<'_>) -> Self {
        let mut idx = SpanIndex::default();
        idx.table("", root);
        idx
    }

    fn table(&mut self, path: &str, t: &DeTable<'_>) {
        for (k, v) in t.iter() {
            let p = key_path(path, k.get_ref());
            self.keys.insert(p.clone(), k.span());
            self.value(&p, v);
        }
    }

    fn value(&mut self, path: &str, v: &Spanned<DeValue<'_>>) {
        let span = v.span();
        // Tables opened by a header have an empty span; keep the key's instead.
        if !span.is_empty() {
            self.values.insert(path.to_string(), span);
        }
        match v.get_ref() {
            DeValue::Table(t) => self.table(path, t),
            DeValue::Array(a) => {
                for (i, item) in a.iter().enumerate() {
                    self.value(&format!("{path}[{i}]"), item);
                }
            }
            _ => {}
        }
    }

    /// The span of the value at `path`, or of its nearest ancestor that has one.
    pub fn locate(&self, path: &str) -> Option<Range<usize>> {
        let mut p = path.to_string();
        loop {
            if let Some(r) = self.values.get(&p).or_else(|| self.keys.get(&p)) {
                return Some(r.clone());
            }
            p = parent(&p)?;
        }
    }

    /// Whether there is a key at exactly `path`.
    pub fn has_key(&self, path: &str) -> bool {
        self.keys.contains_key(path)
    }

    /// The span of the key at `path`, falling back to [`SpanIndex::locate`].
    pub fn locate_key(&self, path: &str) -> Option<Range<usize>> {
        self.keys.get(path).cloned().or_else(|| self.locate(path))
    }
}

fn parent(p: &str) -> Option<String> {
    if p.is_empty() {
        return None;
    }
    let cut = p.rfind(['.', '[']).unwrap_or(0);
    Some(p[..cut].to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nested_paths_fall_back_to_their_parent() {
        let text = "[lesson]\nid = \"x\"\n\n[[steps]]\nkind = \"read\"\ntitle = \"t\"\n";
        let (root, errs) = DeTable::parse_recoverable(text);
        assert!(errs.is_empty());
        let idx = SpanIndex::build(root.get_ref());
        let r = idx.locate("steps[0].kind").unwrap();
        assert_eq!(&text[r], "\"read\"");
        let r = idx.locate("steps[0].nothing").unwrap();
        assert!(r.start >= text.find("[[steps]]").unwrap());
        assert_eq!(&text[idx.locate_key("lesson.id").unwrap()], "id");
    }
}
