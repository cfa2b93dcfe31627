//! Lessons in several languages: `[lesson.es]`, `[steps.es]` after a step, and
//! `es = { feedback = "..." }` in a mistake hold the same keys in another language
//! (docs/translations-in-lessons.md). This file reads them, checks them against the
//! original, lists the missing ones for `huddle check`, and picks the text to show.

use crate::check::answer::same_answer;
use crate::diag::{Diagnostic, Severity, nearest};
use crate::lesson::load::LessonSource;
use crate::lesson::model::{Choices, Expected, Lesson, Step, StepBody, StepKind};
use serde::Deserialize;
use std::collections::BTreeMap;
use toml::Spanned;
use toml::de::DeValue;

/// Language tags a translation sub-table may use.
pub const SUPPORTED: &[&str] = &["en", "es"];

/// Keys a `[lesson.LANG]` table takes.
pub const META_KEYS: &[&str] = &["title", "summary"];

/// Keys a `[steps.LANG]` table may take (which apply depends on the step).
pub const STEP_KEYS: &[&str] = &["title", "text", "question", "hints", "coach", "choices"];

/// `[lesson.LANG]`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MetaText {
    /// The lesson's title.
    pub title: Option<String>,
    /// Its summary.
    pub summary: Option<String>,
}

/// `[steps.LANG]`: any of the step's translatable keys.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StepText {
    /// Step title.
    pub title: Option<String>,
    /// Markdown text.
    pub text: Option<String>,
    /// The question of an exercise or reflection.
    pub question: Option<String>,
    /// Every hint, in the same order.
    pub hints: Option<Vec<String>>,
    /// Coach notes.
    pub coach: Option<String>,
    /// A choice step's written choices, in the same order.
    pub choices: Option<Vec<String>>,
}

/// `es = { feedback = "..." }` in a mistake.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MistakeText {
    /// What to tell the learner.
    pub feedback: String,
}

/// Every translation of a lesson, by language tag.
#[derive(Debug, Clone, Default)]
pub struct Translations {
    /// `[lesson.LANG]`.
    pub meta: BTreeMap<String, MetaText>,
    /// `[steps.LANG]`, one map per step.
    pub steps: Vec<BTreeMap<String, StepText>>,
    /// Mistake feedback, per step and mistake.
    pub mistakes: Vec<Vec<BTreeMap<String, MistakeText>>>,
}

impl Translations {
    /// Every language the lesson has any translation into.
    pub fn languages(&self) -> Vec<String> {
        let mut out: Vec<String> = self.meta.keys().cloned().collect();
        out.extend(self.steps.iter().flat_map(|m| m.keys().cloned()));
        out.extend(
            self.mistakes
                .iter()
                .flatten()
                .flat_map(|m| m.keys().cloned()),
        );
        out.sort();
        out.dedup();
        out
    }
}

/// Whether `key` (with a table value, not a known key) is meant as a language tag:
/// two or three lowercase letters, optionally followed by `-REGION` parts.
pub fn looks_like_tag(key: &str) -> bool {
    let mut parts = key.split('-');
    let first = parts.next().unwrap_or_default();
    (2..=3).contains(&first.len())
        && first.chars().all(|c| c.is_ascii_lowercase())
        && parts.all(|p| (2..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()))
}

/// Split a table's translation sub-tables off: the value without them (to read as
/// usual) and the `(tag, value)` pairs. `known` are the table's own keys.
pub fn split<'i>(
    v: &Spanned<DeValue<'i>>,
    known: impl Fn(&str) -> bool,
) -> (Spanned<DeValue<'i>>, Vec<(String, Spanned<DeValue<'i>>)>) {
    let mut rest = v.clone();
    let mut subs = Vec::new();
    if let DeValue::Table(t) = rest.get_mut() {
        for (k, sv) in t.iter() {
            let key: &str = k.get_ref();
            if !known(key) && sv.get_ref().as_table().is_some() && looks_like_tag(key) {
                subs.push((key.to_string(), sv.clone()));
            }
        }
        let kept: toml::de::DeTable<'i> = t
            .iter()
            .filter(|(k, _)| !subs.iter().any(|(tag, _)| tag.as_str() == &**k.get_ref()))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        *t = kept;
    }
    (rest, subs)
}

/// The message for a tag huddle does not translate into, or `None` when supported.
pub fn unsupported(tag: &str, ctx: &str) -> Option<String> {
    (!SUPPORTED.contains(&tag)).then(|| {
        format!(
            "`{tag}` in {ctx} is not a language huddle shows lessons in; the supported ones are {}: rename the table to one of them",
            SUPPORTED
                .iter()
                .map(|s| format!("`{s}`"))
                .collect::<Vec<_>>()
                .join(" and ")
        )
    })
}

/// The translation keys a step of this shape takes.
pub fn step_keys_for(step: &Step) -> Vec<&'static str> {
    let mut keys = vec!["title", "text", "coach"];
    if question(step).is_some() {
        keys.push("question");
    }
    if step.kind().is_exercise() {
        keys.push("hints");
    }
    if step.kind() == StepKind::Choice {
        keys.push("choices");
    }
    keys
}

/// Problems with a step's translation into `tag` that need the step itself: lists
/// of the wrong length, choices that are data. `(key, message)`.
pub fn step_problems(step: &Step, t: &StepText, tag: &str, n: usize) -> Vec<(String, String)> {
    let mut out = Vec::new();
    if let Some(h) = &t.hints
        && h.len() != step.hints.len()
    {
        out.push((
            "hints".into(),
            format!(
                "step {n} has {} hint(s) but its `{tag}` translation has {}: translate every hint, in the same order",
                step.hints.len(),
                h.len()
            ),
        ));
    }
    if let Some(c) = &t.choices {
        match &step.body {
            StepBody::Choice {
                choices: Choices::Given(orig),
                answer: Expected::Given(_),
                ..
            } if orig.len() != c.len() => out.push((
                "choices".into(),
                format!(
                    "step {n} has {} choices but its `{tag}` translation has {}: translate every choice, in the same order",
                    orig.len(),
                    c.len()
                ),
            )),
            StepBody::Choice {
                choices: Choices::Given(_),
                answer: Expected::Given(_),
                ..
            } => {}
            StepBody::Choice { .. } => out.push((
                "choices".into(),
                format!("step {n}'s choices or answer come from SQL (data values), so they cannot be translated: remove `choices` from [steps.{tag}]"),
            )),
            _ => {}
        }
    }
    out
}

/// A message for a key a translation table does not take, with the nearest known one.
pub fn unknown_key(key: &str, ctx: &str, allowed: &[&str]) -> String {
    match nearest(key, allowed.iter().copied()) {
        Some(best) => format!("unknown key `{key}` in {ctx}; did you mean `{best}`?"),
        None => format!(
            "unknown key `{key}` in {ctx}; it takes {}",
            allowed.join(", ")
        ),
    }
}

fn question(step: &Step) -> Option<&str> {
    match &step.body {
        StepBody::Choice { question, .. }
        | StepBody::Answer { question, .. }
        | StepBody::Query { question, .. }
        | StepBody::Clean { question, .. }
        | StepBody::Reflect { question } => Some(question),
        _ => None,
    }
}

fn question_mut(body: &mut StepBody) -> Option<&mut String> {
    match body {
        StepBody::Choice { question, .. }
        | StepBody::Answer { question, .. }
        | StepBody::Query { question, .. }
        | StepBody::Clean { question, .. }
        | StepBody::Reflect { question } => Some(question),
        _ => None,
    }
}

/// Warnings for `huddle check`: for every language the lesson is translated into
/// (other than its own), each step (and the lesson's title) missing that language.
pub fn missing_warnings(lesson: &Lesson, source: &LessonSource) -> Vec<Diagnostic> {
    let own = lesson.meta.language.as_deref().unwrap_or("en");
    let tr = &lesson.translations;
    let mut out = Vec::new();
    for tag in tr.languages().iter().filter(|t| t.as_str() != own) {
        let meta = tr.meta.get(tag);
        let mut keys: Vec<&str> = Vec::new();
        if meta.and_then(|m| m.title.as_ref()).is_none() {
            keys.push("title");
        }
        if lesson.meta.summary.is_some() && meta.and_then(|m| m.summary.as_ref()).is_none() {
            keys.push("summary");
        }
        if !keys.is_empty() {
            out.push(source.diag_key(
                Severity::Warning,
                "lesson",
                format!(
                    "the lesson is partly translated into `{tag}` but [lesson] has no `{tag}` {}: add them under [lesson.{tag}]",
                    keys.join(", ")
                ),
            ));
        }
        for (i, step) in lesson.steps.iter().enumerate() {
            let t = tr.steps.get(i).and_then(|m| m.get(tag));
            let missing = missing_step_keys(step, t);
            let p = format!("steps[{i}]");
            if !missing.is_empty() {
                out.push(source.diag(
                    Severity::Warning,
                    &p,
                    format!(
                        "step {} has no `{tag}` translation of {}: add {} under [steps.{tag}] after this step",
                        i + 1,
                        missing.join(", "),
                        if missing.len() == 1 { "it" } else { "them" }
                    ),
                ));
            }
            for j in 0..step.mistakes.len() {
                let has = tr
                    .mistakes
                    .get(i)
                    .and_then(|m| m.get(j))
                    .is_some_and(|m| m.contains_key(tag));
                if !has {
                    out.push(source.diag(
                        Severity::Warning,
                        &format!("{p}.mistakes[{j}]"),
                        format!(
                            "mistake {} of step {} has no `{tag}` feedback: add {tag} = {{ feedback = \"...\" }}",
                            j + 1,
                            i + 1
                        ),
                    ));
                }
            }
        }
    }
    out
}

fn missing_step_keys(step: &Step, t: Option<&StepText>) -> Vec<&'static str> {
    let d = StepText::default();
    let t = t.unwrap_or(&d);
    let mut out = Vec::new();
    if t.title.is_none() {
        out.push("title");
    }
    if step.text.is_some() && t.text.is_none() {
        out.push("text");
    }
    if question(step).is_some() && t.question.is_none() {
        out.push("question");
    }
    if !step.hints.is_empty() && t.hints.is_none() {
        out.push("hints");
    }
    if step.coach.is_some() && t.coach.is_none() {
        out.push("coach");
    }
    if let StepBody::Choice {
        choices: Choices::Given(_),
        answer: Expected::Given(_),
        ..
    } = &step.body
        && t.choices.is_none()
    {
        out.push("choices");
    }
    out
}

/// The lesson as a learner reading `tag` sees it: every translated text replaced,
/// the original kept where there is no translation. A translated choice list
/// carries the answer and the mistakes' answers along, so checking still works.
pub fn localize(lesson: &Lesson, tag: &str) -> Lesson {
    let mut out = lesson.clone();
    let tr = &lesson.translations;
    if let Some(m) = tr.meta.get(tag) {
        if let Some(t) = &m.title {
            out.meta.title = t.clone();
        }
        if let Some(s) = &m.summary {
            out.meta.summary = Some(s.clone());
        }
    }
    for (i, step) in out.steps.iter_mut().enumerate() {
        if let Some(t) = tr.steps.get(i).and_then(|m| m.get(tag)) {
            apply_step(step, t);
        }
        for (j, m) in step.mistakes.iter_mut().enumerate() {
            if let Some(f) = tr
                .mistakes
                .get(i)
                .and_then(|ms| ms.get(j))
                .and_then(|m| m.get(tag))
            {
                m.feedback = f.feedback.clone();
            }
        }
    }
    out
}

fn apply_step(step: &mut Step, t: &StepText) {
    if let Some(x) = &t.title {
        step.title = x.clone();
    }
    if let Some(x) = &t.text {
        step.text = Some(x.clone());
    }
    if let Some(x) = &t.coach {
        step.coach = Some(x.clone());
    }
    if let Some(x) = &t.hints
        && x.len() == step.hints.len()
    {
        step.hints = x.clone();
    }
    if let (Some(x), Some(q)) = (&t.question, question_mut(&mut step.body)) {
        *q = x.clone();
    }
    let Some(new) = &t.choices else { return };
    let StepBody::Choice {
        choices: Choices::Given(orig),
        answer: Expected::Given(answer),
        ..
    } = &mut step.body
    else {
        return;
    };
    if new.len() != orig.len() {
        return;
    }
    let moved = |v: &str| {
        orig.iter()
            .position(|c| same_answer(c, v, 0.0))
            .map(|k| new[k].clone())
    };
    if let Some(a) = moved(&answer.0) {
        answer.0 = a;
    }
    for m in &mut step.mistakes {
        if let Some(a) = m.answer.as_mut()
            && let Some(x) = moved(&a.0)
        {
            a.0 = x;
        }
    }
    *orig = new.clone();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_are_short_lowercase_codes() {
        assert!(looks_like_tag("es"));
        assert!(looks_like_tag("pt-BR"));
        assert!(!looks_like_tag("chart"));
        assert!(!looks_like_tag("Es"));
        assert!(unsupported("es", "x").is_none());
        assert!(
            unsupported("fr", "step 1")
                .unwrap()
                .contains("`en` and `es`")
        );
    }
}
