//! Diagnostics for people: what went wrong, where (file:line:col), and how to fix it.

use serde::Serialize;
use std::fmt;
use std::ops::Range;

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The lesson cannot be used as written.
    Error,
    /// The lesson works, but a learner would be better served if it changed.
    Warning,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        })
    }
}

/// One problem found in a file, with its position and the offending line.
#[derive(Debug, Clone, Serialize)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// The file as the user named it.
    pub file: String,
    /// 1-based line, 0 when the problem is about the file as a whole.
    pub line: usize,
    /// 1-based column (in characters), 0 when unknown.
    pub column: usize,
    /// What is wrong and what to do, in one sentence or two.
    pub message: String,
    /// The source line the problem is on, when there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source_line: Option<String>,
    /// How many characters of `source_line` the caret underlines.
    #[serde(skip)]
    pub width: usize,
}

impl Diagnostic {
    /// A diagnostic about a whole file (no position).
    pub fn file_level(severity: Severity, file: &str, message: impl Into<String>) -> Self {
        Diagnostic {
            severity,
            file: file.to_string(),
            line: 0,
            column: 0,
            message: message.into(),
            source_line: None,
            width: 0,
        }
    }

    /// True for errors.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The one-line form `path:line:col: severity: message`.
    pub fn headline(&self) -> String {
        if self.line == 0 {
            format!("{}: {}: {}", self.file, self.severity, self.message)
        } else {
            format!(
                "{}:{}:{}: {}: {}",
                self.file, self.line, self.column, self.severity, self.message
            )
        }
    }

    /// The headline followed by the offending line and a caret under the problem.
    pub fn render(&self) -> String {
        let mut out = self.headline();
        if let Some(src) = &self.source_line {
            let num = self.line.to_string();
            let pad = " ".repeat(num.len());
            let shown = crate::text::sanitize_line(src);
            let before: String = shown.chars().take(self.column.saturating_sub(1)).collect();
            let caret_pad = " ".repeat(crate::text::display_width(&before));
            let carets = "^".repeat(self.width.max(1));
            out.push_str(&format!(
                "\n {pad} |\n {num} | {shown}\n {pad} | {caret_pad}{carets}"
            ));
        }
        out
    }
}

/// A source text that turns byte offsets into line, column and the line's text.
pub struct SourceText<'a> {
    name: &'a str,
    text: &'a str,
    line_starts: std::borrow::Cow<'a, [usize]>,
}

/// The byte offset where each line of `text` starts (the first is 0).
pub fn line_starts(text: &str) -> Vec<usize> {
    let mut starts = vec![0];
    starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
    starts
}

impl<'a> SourceText<'a> {
    /// Index `text` (named `name` in messages) by line.
    pub fn new(name: &'a str, text: &'a str) -> Self {
        SourceText {
            name,
            text,
            line_starts: line_starts(text).into(),
        }
    }

    /// Like [`SourceText::new`] with the line index already built by [`line_starts`],
    /// so a file with many diagnostics is not scanned once per diagnostic.
    pub fn indexed(name: &'a str, text: &'a str, starts: &'a [usize]) -> Self {
        SourceText {
            name,
            text,
            line_starts: starts.into(),
        }
    }

    /// 1-based (line, column-in-characters) of a byte offset.
    pub fn position(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let line = match self.line_starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        };
        let start = self.line_starts[line];
        let col = self
            .text
            .get(start..offset)
            .map(|s| s.chars().count())
            .unwrap_or(0);
        (line + 1, col + 1)
    }

    fn line_text(&self, line: usize) -> &str {
        let start = self.line_starts[line - 1];
        let end = self
            .line_starts
            .get(line)
            .map(|e| e - 1)
            .unwrap_or(self.text.len());
        self.text
            .get(start..end.max(start))
            .unwrap_or("")
            .trim_end_matches('\r')
    }

    /// A diagnostic pointing at a byte range of this text.
    pub fn at(
        &self,
        severity: Severity,
        span: Range<usize>,
        message: impl Into<String>,
    ) -> Diagnostic {
        let (line, column) = self.position(span.start);
        let src = self.line_text(line).to_string();
        let line_chars = src.chars().count();
        let span_chars = self
            .text
            .get(span.start.min(self.text.len())..span.end.min(self.text.len()))
            .map(|s| s.lines().next().unwrap_or("").chars().count())
            .unwrap_or(1);
        let width = span_chars.clamp(1, (line_chars + 1).saturating_sub(column).max(1));
        Diagnostic {
            severity,
            file: self.name.to_string(),
            line,
            column,
            message: message.into(),
            source_line: Some(src),
            width,
        }
    }
}

/// The nearest candidate to `word` when it is close enough to be a likely typo.
pub fn nearest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let lower = word.to_lowercase();
    let cands: Vec<&'a str> = candidates.into_iter().collect();
    let by_edits = cands
        .iter()
        .map(|c| (strsim::damerau_levenshtein(&lower, &c.to_lowercase()), *c))
        .filter(|(d, c)| *d <= (c.chars().count().max(lower.chars().count()) / 3).max(1) + 1)
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c);
    // `zip` → `zip_code`, `Donor ZIP` → `zip`: one name inside the other.
    by_edits.or_else(|| {
        let norm = |s: &str| s.to_lowercase().replace(|c: char| !c.is_alphanumeric(), "");
        let w = norm(word);
        cands
            .iter()
            .filter(|c| {
                let n = norm(c);
                w.len() >= 3 && n.len() >= 3 && (n.contains(&w) || w.contains(&n))
            })
            .min_by_key(|c| c.len())
            .copied()
    })
}

/// "did you mean `x`?" or a list of what is allowed.
pub fn suggestion(word: &str, candidates: &[&str]) -> String {
    match nearest(word, candidates.iter().copied()) {
        Some(best) => format!("did you mean `{best}`?"),
        None => format!(
            "expected one of {}",
            candidates
                .iter()
                .map(|c| format!("`{c}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_are_one_based_and_count_characters() {
        let src = SourceText::new("a.toml", "x = 1\ntitlé = \"é\" # é\n");
        assert_eq!(src.position(0), (1, 1));
        let off = "x = 1\ntitlé = \"".len();
        assert_eq!(src.position(off), (2, 10));
        let d = src.at(Severity::Error, off..off + 2, "bad");
        assert!(d.render().contains("2 | titlé"), "{}", d.render());
        assert!(d.headline().starts_with("a.toml:2:10: error: bad"));
    }

    #[test]
    fn typos_get_the_nearest_key() {
        assert_eq!(nearest("titel", ["id", "title", "summary"]), Some("title"));
        assert_eq!(nearest("zzzzzz", ["id", "title"]), None);
        assert_eq!(nearest("zip", ["member_id", "zip_code"]), Some("zip_code"));
        assert!(suggestion("qestion", &["question", "text"]).contains("`question`"));
    }
}
