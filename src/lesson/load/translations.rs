//! Reading the translation sub-tables of a lesson (`[lesson.es]`, `[steps.es]`, a
//! mistake's `es = { feedback }`) with the same file:line:col errors as the rest.

use super::Walker;
use crate::lesson::model::Step;
use crate::lesson::spans::key_path;
use crate::lesson::translation::{
    META_KEYS, MetaText, MistakeText, STEP_KEYS, StepText, step_keys_for, step_problems,
    unknown_key, unsupported,
};
use std::collections::BTreeMap;
use toml::Spanned;
use toml::de::DeValue;

/// Sub-tables split off a table: `(tag, value)`.
pub(super) type Subs<'i> = Vec<(String, Spanned<DeValue<'i>>)>;

impl Walker<'_> {
    /// Whether `tag` is a supported language (an error at `path` otherwise).
    fn fits(&mut self, path: &str, tag: &str, ctx: &str) -> bool {
        if let Some(msg) = unsupported(tag, ctx) {
            self.error_key(path, msg);
            return false;
        }
        true
    }

    /// Report keys of a translation table outside `allowed` (`known`: every key any
    /// table of this sort takes, for the message). True when all keys fit.
    fn keys_known(
        &mut self,
        path: &str,
        v: &Spanned<DeValue<'_>>,
        ctx: &str,
        allowed: &[&str],
        known: &[&str],
    ) -> bool {
        let Some(t) = v.get_ref().as_table() else {
            return false;
        };
        let mut ok = true;
        for (k, _) in t.iter() {
            let key: &str = k.get_ref();
            if allowed.contains(&key) {
                continue;
            }
            ok = false;
            let msg = if known.contains(&key) {
                format!(
                    "`{key}` in {ctx} has nothing to translate on this step; it takes {}",
                    allowed.join(", ")
                )
            } else {
                unknown_key(key, ctx, allowed)
            };
            self.error_key(&key_path(path, key), msg);
        }
        ok
    }

    /// `[lesson.LANG]` tables.
    pub(super) fn meta_translations(&mut self, subs: Subs<'_>) {
        for (tag, v) in subs {
            let path = format!("lesson.{tag}");
            let ctx = format!("[lesson.{tag}]");
            if !self.fits(&path, &tag, &ctx)
                || !self.keys_known(&path, &v, &ctx, META_KEYS, META_KEYS)
            {
                continue;
            }
            if let Some(m) = self.de::<MetaText>(&v, &ctx) {
                self.translations.meta.insert(tag, m);
            }
        }
    }

    /// `[steps.LANG]` tables of step `i`, checked against the step.
    pub(super) fn step_translations(&mut self, i: usize, step: &Step, subs: Subs<'_>) {
        let mut found = BTreeMap::new();
        let allowed = step_keys_for(step);
        for (tag, v) in subs {
            let path = format!("steps[{i}].{tag}");
            let ctx = format!("[steps.{tag}] of step {}", i + 1);
            if !self.fits(&path, &tag, &ctx)
                || !self.keys_known(&path, &v, &ctx, &allowed, STEP_KEYS)
            {
                continue;
            }
            let Some(t) = self.de::<StepText>(&v, &ctx) else {
                continue;
            };
            let problems = step_problems(step, &t, &tag, i + 1);
            for (key, msg) in &problems {
                self.error_at(&format!("{path}.{key}"), msg.clone());
            }
            if problems.is_empty() {
                found.insert(tag, t);
            }
        }
        self.set_step(i, found);
    }

    fn set_step(&mut self, i: usize, found: BTreeMap<String, StepText>) {
        let steps = &mut self.translations.steps;
        if steps.len() <= i {
            steps.resize_with(i + 1, BTreeMap::new);
        }
        steps[i] = found;
    }

    /// A mistake's `LANG = { feedback }` tables.
    pub(super) fn mistake_translations(&mut self, i: usize, j: usize, subs: Subs<'_>) {
        let mut found = BTreeMap::new();
        for (tag, v) in subs {
            let path = format!("steps[{i}].mistakes[{j}].{tag}");
            let ctx = format!(
                "the `{tag}` translation of mistake {} of step {}",
                j + 1,
                i + 1
            );
            if !self.fits(&path, &tag, &ctx)
                || !self.keys_known(&path, &v, &ctx, &["feedback"], &["feedback"])
            {
                continue;
            }
            if let Some(m) = self.de::<MistakeText>(&v, &ctx) {
                found.insert(tag, m);
            }
        }
        let all = &mut self.translations.mistakes;
        if all.len() <= i {
            all.resize_with(i + 1, Vec::new);
        }
        if all[i].len() <= j {
            all[i].resize_with(j + 1, BTreeMap::new);
        }
        all[i][j] = found;
    }
}
