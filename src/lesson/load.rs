//! TOML text → [`Lesson`], with every problem reported as `file:line:col` and a fix.
//!
//! The document is parsed once into a spanned tree (all syntax errors at once); then
//! each section, table and step is deserialized on its own, so one bad step does not
//! hide the problems of the next.

mod humanize;
mod translations;

pub use humanize::{humanize_serde, humanize_toml};

use crate::data::recipe::{OpSpec, op_keys};
use crate::diag::{Diagnostic, Severity, SourceText, nearest, suggestion};
use crate::lesson::model::Step;
use crate::lesson::model::{FORMAT_VERSION, Lesson, LessonMeta, Mistake, StepKind, TableDecl};
use crate::lesson::spans::{SpanIndex, key_path};
use crate::lesson::spec::{
    COMMON_STEP_KEYS, EXERCISE_KEYS, RuleSpec, StepSpec, rule_keys, step_body, step_keys,
};
use crate::lesson::translation::{Translations, split};
use serde::Deserialize;
use serde::de::{DeserializeOwned, IntoDeserializer};
use toml::Spanned;
use toml::de::{DeTable, DeValue};

const TOP_KEYS: &[&str] = &["format", "lesson", "tables", "steps"];

/// A lesson file's text with an index of where every key is.
#[derive(Debug, Clone)]
pub struct LessonSource {
    /// The file as named by the user (or `bundled:lessons/x.toml`).
    pub name: String,
    /// The whole text.
    pub text: String,
    /// Where each key and value is.
    pub spans: SpanIndex,
    /// Where each line starts (built once: a check may report thousands of problems).
    line_starts: Vec<usize>,
}

impl LessonSource {
    /// A file's text and where its keys are.
    pub fn new(name: &str, text: &str, spans: SpanIndex) -> Self {
        LessonSource {
            name: name.to_string(),
            text: text.to_string(),
            spans,
            line_starts: crate::diag::line_starts(text),
        }
    }

    /// The text indexed by line, for positions.
    pub fn source_text(&self) -> SourceText<'_> {
        SourceText::indexed(&self.name, &self.text, &self.line_starts)
    }

    /// A diagnostic at a dotted path (`steps[2].answer_sql`), or its nearest parent.
    pub fn diag(&self, severity: Severity, path: &str, message: impl Into<String>) -> Diagnostic {
        let src = self.source_text();
        match self.spans.locate(path) {
            Some(span) => src.at(severity, span, message),
            None => Diagnostic::file_level(severity, &self.name, message),
        }
    }

    /// Whether the file has a key at this exact dotted path.
    pub fn has_key(&self, path: &str) -> bool {
        self.spans.has_key(path)
    }

    /// The 1-based line of the value (or key) at `path`, or of its nearest parent.
    pub fn line_of(&self, path: &str) -> Option<usize> {
        let span = self.spans.locate(path)?;
        let before = self.text.get(..span.start.min(self.text.len()))?;
        Some(before.matches('\n').count() + 1)
    }

    /// Like [`LessonSource::diag`], pointing at the key rather than its value.
    pub fn diag_key(
        &self,
        severity: Severity,
        path: &str,
        message: impl Into<String>,
    ) -> Diagnostic {
        let src = self.source_text();
        match self.spans.locate_key(path) {
            Some(span) => src.at(severity, span, message),
            None => self.diag(severity, path, message),
        }
    }
}

/// The result of loading one lesson file.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// The lesson, when the file had no errors.
    pub lesson: Option<Lesson>,
    /// Text and positions, for later diagnostics (`huddle check`).
    pub source: LessonSource,
    /// Every problem found.
    pub diagnostics: Vec<Diagnostic>,
}

/// Load a lesson from its text; `name` is used in messages.
pub fn load_str(name: &str, text: &str) -> Loaded {
    let refuse = |d: Diagnostic| Loaded {
        lesson: None,
        source: LessonSource::new(name, text, SpanIndex::default()),
        diagnostics: vec![d],
    };
    if let Err(d) = crate::limits::check_file_size(name, text) {
        return refuse(d);
    }
    if let Err(d) = crate::limits::check_nesting(&SourceText::new(name, text), text) {
        return refuse(d);
    }
    let (root, errors) = DeTable::parse_recoverable(text);
    let spans = SpanIndex::build(root.get_ref());
    let source = LessonSource::new(name, text, spans);
    let src = source.source_text();
    let mut diags: Vec<Diagnostic> = errors
        .iter()
        .map(|e| {
            src.at(
                Severity::Error,
                e.span().unwrap_or(0..0),
                humanize_toml(e.message()),
            )
        })
        .collect();
    if diags.is_empty() {
        diags = crate::limits::check_tree(&src, root.get_ref());
    }
    if !diags.is_empty() {
        return Loaded {
            lesson: None,
            source,
            diagnostics: diags,
        };
    }
    let lesson = Walker {
        src: &src,
        source: &source,
        diags: &mut diags,
        translations: Translations::default(),
    }
    .lesson(root.get_ref());
    let lesson = if diags.iter().any(Diagnostic::is_error) {
        None
    } else {
        lesson
    };
    Loaded {
        lesson,
        source,
        diagnostics: diags,
    }
}

struct Walker<'a> {
    src: &'a SourceText<'a>,
    source: &'a LessonSource,
    diags: &'a mut Vec<Diagnostic>,
    translations: Translations,
}

impl Walker<'_> {
    fn error_at(&mut self, path: &str, msg: impl Into<String>) {
        let d = self.source.diag(Severity::Error, path, msg);
        self.diags.push(d);
    }

    fn error_key(&mut self, path: &str, msg: impl Into<String>) {
        let d = self.source.diag_key(Severity::Error, path, msg);
        self.diags.push(d);
    }

    fn de<T: DeserializeOwned>(&mut self, v: &Spanned<DeValue<'_>>, ctx: &str) -> Option<T> {
        match T::deserialize(v.clone().into_deserializer()) {
            Ok(t) => Some(t),
            Err(e) => {
                let span = e.span().unwrap_or_else(|| v.span());
                self.diags.push(self.src.at(
                    Severity::Error,
                    span,
                    humanize_serde(e.message(), ctx),
                ));
                None
            }
        }
    }

    fn lesson(&mut self, root: &DeTable<'_>) -> Option<Lesson> {
        for (k, _) in root.iter() {
            if !TOP_KEYS.contains(&k.get_ref().as_ref()) {
                let msg = format!(
                    "unknown key `{}` at the top of the file; {}",
                    k.get_ref(),
                    suggestion(k.get_ref(), TOP_KEYS)
                );
                self.error_key(&key_path("", k.get_ref()), msg);
            }
        }
        self.format(root);
        let meta = match root.get("lesson") {
            Some(v) => self.meta(v),
            None => {
                self.diags.push(Diagnostic {
                    line: 1,
                    column: 1,
                    ..Diagnostic::file_level(
                        Severity::Error,
                        &self.source.name,
                        "missing [lesson] table: add [lesson] with id = \"...\" and title = \"...\"",
                    )
                });
                None
            }
        };
        let tables = self.tables(root.get("tables"));
        let steps = self.steps(root.get("steps"));
        Some(Lesson {
            meta: meta?,
            tables,
            steps: steps?,
            translations: std::mem::take(&mut self.translations),
        })
    }

    fn format(&mut self, root: &DeTable<'_>) {
        match root.get("format") {
            None => self.diags.push(Diagnostic {
                line: 1,
                column: 1,
                ..Diagnostic::file_level(
                    Severity::Error,
                    &self.source.name,
                    "missing `format = 1`: add it as the first line of the file",
                )
            }),
            Some(v) => match v.get_ref().as_integer().and_then(|i| i.as_str().parse::<i64>().ok()) {
                Some(FORMAT_VERSION) => {}
                Some(n) => self.error_at(
                    "format",
                    format!("this lesson is written in format {n}, but this huddle reads format {FORMAT_VERSION}: write `format = 1` or update huddle"),
                ),
                None => self.error_at("format", "`format` must be the number 1: write `format = 1`"),
            },
        }
    }

    fn meta(&mut self, v: &Spanned<DeValue<'_>>) -> Option<LessonMeta> {
        const META: &[&str] = &[
            "id", "title", "summary", "minutes", "level", "tags", "language",
        ];
        let (v, subs) = split(v, |k| META.contains(&k));
        self.meta_translations(subs);
        let meta: LessonMeta = self.de(&v, "[lesson]")?;
        if !valid_id(&meta.id) {
            let msg = format!(
                "lesson id \"{}\" may only use lowercase letters, digits and dashes: try \"{}\"",
                meta.id,
                slug(&meta.id)
            );
            self.error_at("lesson.id", msg);
        }
        if meta.title.trim().is_empty() {
            self.error_at(
                "lesson.title",
                "the title is empty: give the lesson a title",
            );
        }
        Some(meta)
    }

    fn tables(
        &mut self,
        v: Option<&Spanned<DeValue<'_>>>,
    ) -> indexmap::IndexMap<String, TableDecl> {
        let mut out = indexmap::IndexMap::new();
        let Some(v) = v else { return out };
        let Some(t) = v.get_ref().as_table() else {
            self.error_at(
                "tables",
                "`tables` must be a table: write [tables.NAME] with file = \"...\"",
            );
            return out;
        };
        if t.len() > crate::limits::MAX_TABLES {
            self.error_at(
                "tables",
                crate::limits::over(
                    "tables",
                    t.len(),
                    crate::limits::MAX_TABLES,
                    "a lesson reads a few tables; join the data into fewer files",
                ),
            );
            return out;
        }
        for (k, tv) in t.iter() {
            let name = k.get_ref().to_string();
            let path = format!("tables.{name}");
            if !valid_table_name(&name) {
                let fixed = name
                    .to_lowercase()
                    .replace(|c: char| !c.is_ascii_alphanumeric(), "_");
                self.error_key(
                    &path,
                    format!("table name `{name}` must start with a letter and use only lowercase letters, digits and _ so SQL can name it: try `{fixed}`"),
                );
                continue;
            }
            if let Some(decl) = self.de::<TableDecl>(tv, &format!("[tables.{name}]")) {
                out.insert(name, decl);
            }
        }
        out
    }

    fn steps(&mut self, v: Option<&Spanned<DeValue<'_>>>) -> Option<Vec<Step>> {
        let Some(v) = v else {
            self.diags.push(Diagnostic::file_level(
                Severity::Error,
                &self.source.name,
                "the lesson has no steps: add at least one [[steps]] with kind and title",
            ));
            return None;
        };
        let Some(arr) = v.get_ref().as_array() else {
            self.error_at(
                "steps",
                "steps must be written as [[steps]] tables, one per step",
            );
            return None;
        };
        if arr.len() > crate::limits::MAX_STEPS {
            self.error_at(
                &format!("steps[{}]", crate::limits::MAX_STEPS),
                crate::limits::over(
                    "steps",
                    arr.len(),
                    crate::limits::MAX_STEPS,
                    "split the lesson into several lessons",
                ),
            );
            return None;
        }
        let mut steps = Vec::new();
        let mut ok = true;
        let mut ids: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
        for (i, sv) in arr.iter().enumerate() {
            match self.step(i, sv) {
                Some(step) => {
                    if let Some(id) = &step.id {
                        if let Some(first) = ids.get(id) {
                            let msg = format!(
                                "step id \"{id}\" is already used by step {}: step ids must be unique",
                                first + 1
                            );
                            self.error_at(&format!("steps[{i}].id"), msg);
                        } else if !valid_id(id) {
                            let msg = format!(
                                "step id \"{id}\" may only use lowercase letters, digits and dashes: try \"{}\"",
                                slug(id)
                            );
                            self.error_at(&format!("steps[{i}].id"), msg);
                        }
                        ids.entry(id.clone()).or_insert(i);
                    }
                    steps.push(step);
                }
                None => ok = false,
            }
        }
        ok.then_some(steps)
    }

    fn step(&mut self, i: usize, sv: &Spanned<DeValue<'_>>) -> Option<Step> {
        let path = format!("steps[{i}]");
        let (sv, subs) = split(sv, is_step_key);
        let sv = &sv;
        let Some(table) = sv.get_ref().as_table() else {
            self.error_at(
                &path,
                "each step must be a table: write [[steps]] and its keys below it",
            );
            return None;
        };
        let ctx = format!("step {}", i + 1);
        let kind: Option<StepKind> = match table.get("kind") {
            Some(k) => self.de_kind(k, &ctx),
            None => {
                self.error_at(&path, format!("{ctx} has no `kind`: add kind = \"read\" (or table, chart, choice, answer, query, clean, reflect)"));
                None
            }
        };
        let kind = kind?;
        let allowed: Vec<&str> = COMMON_STEP_KEYS
            .iter()
            .chain(step_keys(kind))
            .chain(if kind.is_exercise() {
                EXERCISE_KEYS
            } else {
                &[]
            })
            .copied()
            .collect();
        let mut misplaced = false;
        for (k, _) in table.iter() {
            let key = k.get_ref().as_ref();
            let known_somewhere = is_step_key(key);
            if known_somewhere && !allowed.contains(&key) {
                misplaced = true;
                let mut own: Vec<&str> = step_keys(kind).to_vec();
                if kind.is_exercise() {
                    own.extend(EXERCISE_KEYS);
                }
                let takes = if own.is_empty() {
                    "only kind, id, title, text and coach".to_string()
                } else {
                    own.join(", ")
                };
                self.error_key(
                    &key_path(&path, key),
                    format!(
                        "`{key}` does not belong on a `{}` step ({ctx}); this kind takes {takes}",
                        kind.as_str()
                    ),
                );
            } else if !known_somewhere {
                misplaced = true;
                self.error_key(
                    &key_path(&path, key),
                    format!(
                        "unknown key `{key}` in {ctx}; {}",
                        suggestion(key, &allowed)
                    ),
                );
            }
        }
        if misplaced {
            return None;
        }
        let mut spec: StepSpec = self.de(sv, &ctx)?;
        let mistakes = self.mistakes(i, table, kind, &ctx);
        let rules = self.rules(&path, table);
        let (ops, solution_sql) = self.solution(&path, table, kind);
        let body = match step_body(&mut spec, rules?, ops?, solution_sql) {
            Ok(b) => b,
            Err(msg) => {
                self.error_at(&path, format!("{ctx}: {msg}"));
                return None;
            }
        };
        if spec.title.trim().is_empty() {
            self.error_at(
                &format!("{path}.title"),
                format!("{ctx} has an empty title"),
            );
        }
        let step = Step {
            id: spec.id,
            title: spec.title,
            text: spec.text,
            coach: spec.coach,
            hints: spec.hints,
            mistakes: mistakes?,
            body,
        };
        self.step_translations(i, &step, subs);
        Some(step)
    }

    fn de_kind(&mut self, k: &Spanned<DeValue<'_>>, ctx: &str) -> Option<StepKind> {
        let name = k.get_ref().as_str().map(str::to_string);
        match StepKind::deserialize(k.clone().into_deserializer()) {
            Ok(kind) => Some(kind),
            Err(_) => {
                const KINDS: &[&str] = &[
                    "read", "table", "chart", "choice", "answer", "query", "clean", "reflect",
                ];
                let msg = match name {
                    Some(n) => format!(
                        "unknown step kind \"{n}\" in {ctx}; {}",
                        suggestion(&n, KINDS)
                    ),
                    None => format!("`kind` in {ctx} must be text such as \"read\""),
                };
                self.diags.push(self.src.at(Severity::Error, k.span(), msg));
                None
            }
        }
    }

    fn mistakes(
        &mut self,
        i: usize,
        table: &DeTable<'_>,
        kind: StepKind,
        ctx: &str,
    ) -> Option<Vec<Mistake>> {
        let path = format!("steps[{i}]");
        let Some(v) = table.get("mistakes") else {
            return Some(Vec::new());
        };
        let Some(arr) = v.get_ref().as_array() else {
            self.error_at(
                &format!("{path}.mistakes"),
                "write mistakes as [[steps.mistakes]] tables with answer (or sql) and feedback",
            );
            return None;
        };
        let mut out = Vec::new();
        let mut ok = true;
        for (j, mv) in arr.iter().enumerate() {
            let mpath = format!("{path}.mistakes[{j}]");
            let (mv, subs) = split(mv, |k| ["answer", "sql", "feedback"].contains(&k));
            self.mistake_translations(i, j, subs);
            let Some(m) = self.de::<Mistake>(&mv, &format!("mistake {} of {ctx}", j + 1)) else {
                ok = false;
                continue;
            };
            let want_sql = kind == StepKind::Query;
            let problem = match (&m.answer, &m.sql, want_sql) {
                (_, None, true) => Some("a mistake on a query step needs `sql`, the wrong query"),
                (_, Some(_), false) => {
                    Some("`sql` mistakes belong to query steps; use `answer` here")
                }
                (None, _, false) if kind != StepKind::Clean => {
                    Some("this mistake needs `answer`, the wrong answer it responds to")
                }
                (Some(_), _, true) => Some("a query step's mistakes use `sql`, not `answer`"),
                _ => None,
            };
            if let Some(p) = problem {
                self.error_at(&mpath, p);
                ok = false;
            }
            out.push(m);
        }
        ok.then_some(out)
    }

    fn rules(
        &mut self,
        path: &str,
        table: &DeTable<'_>,
    ) -> Option<Vec<crate::lesson::model::Rule>> {
        let Some(v) = table.get("expect") else {
            return Some(Vec::new());
        };
        let Some(arr) = v.get_ref().as_array() else {
            self.error_at(&format!("{path}.expect"), "`expect` is a list of rules: expect = [ { column = \"zip\", rule = \"not_null\" } ]");
            return None;
        };
        let mut out = Vec::new();
        let mut ok = true;
        for (j, rv) in arr.iter().enumerate() {
            let rpath = format!("{path}.expect[{j}]");
            let name = rv
                .get_ref()
                .as_table()
                .and_then(|t| t.get("rule"))
                .and_then(|r| r.get_ref().as_str())
                .map(str::to_string);
            if let (Some(name), Some(t)) = (&name, rv.get_ref().as_table())
                && crate::lesson::spec::RULE_NAMES.contains(&name.as_str())
                && !self.keys_fit(&rpath, t, "rule", name, rule_keys(name))
            {
                ok = false;
                continue;
            }
            let Some(spec) = self.de::<RuleSpec>(rv, &format!("rule {}", j + 1)) else {
                ok = false;
                continue;
            };
            match spec.into_rule() {
                Ok(r) => out.push(r),
                Err(msg) => {
                    self.error_at(&rpath, msg);
                    ok = false;
                }
            }
        }
        ok.then_some(out)
    }

    fn solution(
        &mut self,
        path: &str,
        table: &DeTable<'_>,
        kind: StepKind,
    ) -> (Option<Vec<crate::data::recipe::Op>>, Option<String>) {
        let spath = format!("{path}.solution");
        let Some(v) = table.get("solution") else {
            return (Some(Vec::new()), None);
        };
        match kind {
            StepKind::Query => match v.get_ref().as_str() {
                Some(s) => (Some(Vec::new()), Some(s.to_string())),
                None => {
                    self.error_at(
                        &spath,
                        "a query step's `solution` is the SQL text, in quotes",
                    );
                    (None, None)
                }
            },
            _ => {
                let Some(arr) = v.get_ref().as_array() else {
                    self.error_at(&spath, "a clean step's `solution` is a list of ops: solution = [ { op = \"trim\", column = \"county\" } ]");
                    return (None, None);
                };
                if arr.len() > crate::limits::MAX_OPS {
                    self.error_at(
                        &format!("{spath}[{}]", crate::limits::MAX_OPS),
                        crate::limits::over(
                            "ops",
                            arr.len(),
                            crate::limits::MAX_OPS,
                            "a step teaches a few cleaning ops; keep the solution short",
                        ),
                    );
                    return (None, None);
                }
                let mut ops = Vec::new();
                let mut ok = true;
                for (j, ov) in arr.iter().enumerate() {
                    let opath = format!("{spath}[{j}]");
                    let name = ov
                        .get_ref()
                        .as_table()
                        .and_then(|t| t.get("op"))
                        .and_then(|r| r.get_ref().as_str())
                        .map(str::to_string);
                    if let (Some(name), Some(t)) = (&name, ov.get_ref().as_table())
                        && crate::data::recipe::OP_NAMES.contains(&name.as_str())
                        && !self.keys_fit(&opath, t, "op", name, op_keys(name))
                    {
                        ok = false;
                        continue;
                    }
                    let Some(spec) = self.de::<OpSpec>(ov, &format!("op {}", j + 1)) else {
                        ok = false;
                        continue;
                    };
                    match spec.into_op() {
                        Ok(op) => ops.push(op),
                        Err(msg) => {
                            self.error_at(&opath, msg);
                            ok = false;
                        }
                    }
                }
                (ok.then_some(ops), None)
            }
        }
    }

    /// Report keys of a rule/op row that its kind does not take.
    fn keys_fit(
        &mut self,
        path: &str,
        t: &DeTable<'_>,
        tag: &str,
        name: &str,
        allowed: &[&str],
    ) -> bool {
        let misfits = misfit_keys(t, tag, name, allowed);
        for (key, message) in &misfits {
            self.error_key(&key_path(path, key), message.clone());
        }
        misfits.is_empty()
    }
}

/// Keys of a row (a rule, an op) that its kind `name` does not take, each with a
/// message naming the nearest allowed key. `tag` is the row's kind key (`op`, `rule`).
pub(crate) fn misfit_keys(
    t: &DeTable<'_>,
    tag: &str,
    name: &str,
    allowed: &[&str],
) -> Vec<(String, String)> {
    t.iter()
        .map(|(k, _)| k.get_ref().as_ref())
        .filter(|key| *key != tag && !allowed.contains(key))
        .map(|key| {
            let hint = match nearest(key, allowed.iter().copied()) {
                Some(best) => format!("did you mean `{best}`?"),
                None => format!("it takes {}", allowed.join(", ")),
            };
            (
                key.to_string(),
                format!("`{key}` does not apply to {tag} `{name}`; {hint}"),
            )
        })
        .collect()
}

fn is_step_key(key: &str) -> bool {
    const ALL: &[StepKind] = &[
        StepKind::Read,
        StepKind::Table,
        StepKind::Chart,
        StepKind::Choice,
        StepKind::Answer,
        StepKind::Query,
        StepKind::Clean,
        StepKind::Reflect,
    ];
    COMMON_STEP_KEYS.contains(&key)
        || EXERCISE_KEYS.contains(&key)
        || ALL.iter().any(|k| step_keys(*k).contains(&key))
}

/// `[a-z0-9]+(-[a-z0-9]+)*`.
pub fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && !id.starts_with('-')
        && !id.ends_with('-')
        && !id.contains("--")
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

fn valid_table_name(n: &str) -> bool {
    n.chars().next().is_some_and(|c| c.is_ascii_lowercase())
        && n.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

/// A valid id made from any text ("Who Are?" → "who-are").
pub fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.to_lowercase().chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serde_messages_become_instructions() {
        let m = humanize_serde(
            "unknown field `titel`, expected one of `id`, `title`, `summary`",
            "[lesson]",
        );
        assert_eq!(m, "unknown key `titel` in [lesson]; did you mean `title`?");
        let m = humanize_serde("invalid type: integer `25`, expected a string", "step 2");
        assert_eq!(
            m,
            "wrong type in step 2: found integer `25`, expected text in quotes"
        );
    }

    #[test]
    fn ids_are_checked_and_fixed() {
        assert!(valid_id("who-are-our-people"));
        assert!(!valid_id("Who Are"));
        assert_eq!(slug("Who Are Our People?"), "who-are-our-people");
    }
}
