//! The player's words in English and Spanish, without dependencies.
//!
//! The English text is the key: code writes `tr("Press any key to close.")`, or
//! `trf("step {k} of {n}", &[("k", &k), ("n", &n)])` for text with values in it, and
//! gets the Spanish from the tables in `src/i18n/es/` when the language is Spanish. Text that lives
//! in a `const` is marked with [`tr_key`] (it does nothing) and passed through `tr`
//! where it is drawn. `tests/i18n_coverage.rs` reads `src/` for every `tr`, `trf` and
//! `tr_key` with a literal and fails when one has no Spanish entry (or the entry's
//! `{placeholders}` differ). How to add a string: docs/translating.md.
//!
//! The language is set once for the process ([`set`], from `--lang` or the locale);
//! a thread may override it ([`override_thread`]) so tests can draw in Spanish side by
//! side with English tests. The worker copies its caller's language into each job.

mod es;

use std::cell::Cell;
use std::collections::HashMap;
use std::fmt::Display;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU8, Ordering};

/// A language of the player.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Lang {
    /// English (the keys themselves).
    #[default]
    En,
    /// Spanish (Latin American, informal `tú`).
    Es,
}

impl Lang {
    /// Every language, in the order lessons and docs list them.
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Es];

    /// The tag used in lesson files and on the command line (`en`, `es`).
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Es => "es",
        }
    }

    /// The language with this tag (`es`, `es-MX`, `ES` all give Spanish).
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let primary = tag.split(['-', '_', '.']).next()?.to_ascii_lowercase();
        Lang::ALL.into_iter().find(|l| l.tag() == primary)
    }

    fn code(self) -> u8 {
        match self {
            Lang::En => 0,
            Lang::Es => 1,
        }
    }
}

static PROCESS: AtomicU8 = AtomicU8::new(0);

thread_local! {
    static THREAD: Cell<Option<Lang>> = const { Cell::new(None) };
}

/// Set the language for the whole process (once, at startup).
pub fn set(lang: Lang) {
    PROCESS.store(lang.code(), Ordering::SeqCst);
}

/// The language in effect on this thread.
pub fn lang() -> Lang {
    THREAD.with(Cell::get).unwrap_or_else(|| {
        if PROCESS.load(Ordering::SeqCst) == Lang::Es.code() {
            Lang::Es
        } else {
            Lang::En
        }
    })
}

/// Restores the thread's previous language when dropped.
#[must_use = "the override ends when this guard is dropped"]
pub struct ThreadLang(Option<Lang>);

impl Drop for ThreadLang {
    fn drop(&mut self) {
        THREAD.with(|t| t.set(self.0));
    }
}

/// Use `lang` on this thread until the guard is dropped (tests, worker jobs).
pub fn override_thread(lang: Lang) -> ThreadLang {
    ThreadLang(THREAD.with(|t| t.replace(Some(lang))))
}

/// The language asked for by the locale: the first set of `LC_ALL`, `LC_MESSAGES`
/// and `LANG` (POSIX order) decides; Spanish when it starts with `es`, else English.
pub fn from_locale(var: impl Fn(&str) -> Option<String>) -> Lang {
    ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .filter_map(|name| var(name))
        .find(|v| !v.is_empty())
        .and_then(|v| Lang::from_tag(&v))
        .unwrap_or_default()
}

/// Mark text kept in a `const` as a translation key; translate it with [`tr`] where
/// it is shown.
pub const fn tr_key(en: &'static str) -> &'static str {
    en
}

fn spanish_table() -> &'static HashMap<&'static str, &'static str> {
    static TABLE: OnceLock<HashMap<&'static str, &'static str>> = OnceLock::new();
    TABLE.get_or_init(|| spanish_entries().copied().collect())
}

/// The Spanish for an English key, if the table has it.
pub fn spanish(en: &str) -> Option<&'static str> {
    spanish_table().get(en).copied()
}

/// Every `(English, Spanish)` pair, for the coverage test.
pub fn spanish_entries() -> impl Iterator<Item = &'static (&'static str, &'static str)> {
    es::TABLES.into_iter().flatten()
}

/// `en` in the current language (English when no translation exists).
pub fn tr(en: &'static str) -> &'static str {
    match lang() {
        Lang::En => en,
        Lang::Es => spanish(en).unwrap_or(en),
    }
}

/// Like [`tr`] for a key that is not a literal (a `const` marked with [`tr_key`]).
pub fn tr_dyn(en: &str) -> &str {
    match lang() {
        Lang::En => en,
        Lang::Es => spanish(en).unwrap_or(en),
    }
}

/// `en` in the current language with each `{name}` replaced by its value.
pub fn trf(en: &'static str, args: &[(&str, &dyn Display)]) -> String {
    fill(tr(en), args)
}

/// Replace `{name}` in `template` by the value of `name` in `args`.
/// [`trf`] for a count: the `one` key when `n` is 1, else `many` (both marked with
/// [`tr_key`] so the coverage test sees them): `1 row changed`, `3 rows changed`.
pub fn trn(
    n: usize,
    one: &'static str,
    many: &'static str,
    args: &[(&str, &dyn Display)],
) -> String {
    fill(tr(if n == 1 { one } else { many }), args)
}

fn fill(template: &str, args: &[(&str, &dyn Display)]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) => {
                let name = &after[..close];
                match args.iter().find(|(n, _)| *n == name) {
                    Some((_, v)) => out.push_str(&v.to_string()),
                    None => {
                        out.push('{');
                        out.push_str(name);
                        out.push('}');
                    }
                }
                rest = &after[close + 1..];
            }
            None => {
                out.push_str(&rest[open..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// The `{placeholders}` of a template, sorted, for checking a translation.
pub fn placeholders(template: &str) -> Vec<&str> {
    let mut out: Vec<&str> = template
        .split('{')
        .skip(1)
        .filter_map(|s| s.split_once('}').map(|(name, _)| name))
        .collect();
    out.sort_unstable();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locale_variables_pick_spanish_in_posix_order() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |k: &str| {
                pairs
                    .iter()
                    .find(|(n, _)| *n == k)
                    .map(|(_, v)| v.to_string())
            }
        };
        assert_eq!(from_locale(env(&[("LANG", "es_MX.UTF-8")])), Lang::Es);
        assert_eq!(from_locale(env(&[("LANG", "en_US.UTF-8")])), Lang::En);
        assert_eq!(
            from_locale(env(&[("LC_ALL", "en_US"), ("LANG", "es_MX")])),
            Lang::En
        );
        assert_eq!(
            from_locale(env(&[("LC_ALL", ""), ("LC_MESSAGES", "es")])),
            Lang::Es
        );
        assert_eq!(from_locale(env(&[("LANG", "C")])), Lang::En);
        assert_eq!(from_locale(env(&[])), Lang::En);
    }

    #[test]
    fn a_thread_override_translates_and_ends_with_its_guard() {
        assert_eq!(tr("Press any key to close."), "Press any key to close.");
        {
            let _es = override_thread(Lang::Es);
            assert_eq!(
                tr("Press any key to close."),
                "Presiona cualquier tecla para cerrar."
            );
            assert_eq!(
                trf("step {k} of {n}", &[("k", &2), ("n", &9)]),
                "paso 2 de 9"
            );
        }
        assert_eq!(lang(), Lang::En);
    }

    #[test]
    fn fill_keeps_unknown_placeholders_and_stray_braces() {
        assert_eq!(fill("{a} and {b}", &[("a", &1)]), "1 and {b}");
        assert_eq!(fill("open { brace", &[]), "open { brace");
        assert_eq!(placeholders("{n} of {k}"), vec!["k", "n"]);
    }
}
