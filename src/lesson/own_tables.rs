//! A lesson's tables with the learner's own files (or warehouse tables) in place of
//! some, without the mapping screen: for `huddle report` and the plain player. Each
//! file's columns are matched as the learner matched them in the player (the
//! remembered mapping), else as huddle proposes; a declared column a step needs and
//! no file column fills is an error that says how to map it.

use crate::data::mapping::{apply, load_mapping, propose, wanted_columns};
use crate::data::sample::{mapped_columns, read_columns, read_sample};
use crate::data::sql::Catalog;
use crate::lesson::course::LessonEntry;
use crate::lesson::model::Lesson;
use crate::lesson::validate::load_tables_except;
use crate::progress::store::Store;
use std::path::PathBuf;

/// `TABLE=FILE` pairs, each table one the lesson declares.
pub fn parse_pairs(pairs: &[String], lesson: &Lesson) -> Result<Vec<(String, PathBuf)>, String> {
    pairs
        .iter()
        .map(|p| {
            let (t, f) = p
                .split_once('=')
                .ok_or_else(|| format!("--data {p}: write TABLE=FILE, e.g. members=export.csv"))?;
            if !lesson.tables.contains_key(t) {
                let names: Vec<&str> = lesson.tables.keys().map(String::as_str).collect();
                return Err(format!(
                    "--data {p}: the lesson has no table `{t}`; {}",
                    crate::diag::suggestion(t, &names)
                ));
            }
            Ok((t.to_string(), PathBuf::from(f)))
        })
        .collect()
}

/// The lesson's tables, the `own` files in place of theirs.
pub fn load_with_own(
    entry: &LessonEntry,
    lesson: &Lesson,
    own: &[(String, PathBuf)],
    store: &Store,
) -> Result<Catalog, String> {
    let skip: Vec<String> = own.iter().map(|(t, _)| t.clone()).collect();
    let mut data = load_tables_except(entry, lesson, &skip).map_err(|errors| {
        let (t, e) = errors.into_iter().next().unwrap_or_default();
        format!("table `{t}`: {e}")
    })?;
    for (table, path) in own {
        let shown = crate::source::shown(path);
        let progress = crate::data::load_progress::LoadProgress::new();
        // A big file is mapped from its first rows; only its mapped columns are
        // then read in full.
        let sample = match crate::source::parse_path(path) {
            Some(_) => None,
            None => read_sample(path, &Default::default(), &progress)
                .map_err(|e| format!("{shown}: {e}"))?,
        };
        let sampled = sample.is_some();
        let raw = match sample {
            Some(raw) => raw,
            None => crate::source::read_raw(
                path,
                None,
                &Default::default(),
                &progress,
                crate::source::pgpass::Ask::when_interactive(),
            )
            .map_err(|e| format!("{shown}: {e}"))?,
        };
        let header: Vec<String> = raw
            .df
            .get_column_names()
            .iter()
            .map(|c| c.to_string())
            .collect();
        let wanted = wanted_columns(lesson, table);
        let remembered = load_mapping(store, &lesson.meta.id, table, &header);
        let mapping = propose(&wanted, &raw.df, remembered.as_ref());
        let raw = if sampled {
            let columns = mapped_columns(&mapping, &header);
            read_columns(path, &columns, &Default::default(), &progress)
                .map_err(|e| format!("{shown}: {e}"))?
        } else {
            raw
        };
        let (df, _) = apply(raw, &wanted, &mapping).map_err(|e| {
            format!(
                "{shown}: {e}. Match its columns once in the player: huddle run {} --data {table}={shown}",
                lesson.meta.id
            )
        })?;
        data.insert(table.clone(), df);
    }
    Ok(data)
}
