//! Running a lesson on the learner's own files: read each file (with progress),
//! map its columns on the mapping screen, type it, and put it in the lesson's
//! catalog in place of the sample table. `d` picks a file with the browser.

use super::app::{App, Job, Overlay};
use super::browser::{Browser, BrowserOutcome};
use super::mapping_ui::{MappingOutcome, MappingScreen};
use super::own_data::OwnFile;
use super::table_chooser::{ChooserOutcome, TableChooser};
use crate::data::import::{RawTable, read_raw_file_opts, read_raw_file_sheet};
use crate::data::load_progress::LoadProgress;
use crate::data::mapping::{
    DataProblem, SavedMapping, apply, load_mapping, propose, save_mapping, wanted_columns,
};
use crate::data::sql::Catalog;
use crate::lesson::course::LessonEntry;
use crate::lesson::model::Lesson;
use crate::lesson::validate::{load_entry, load_tables_except};
use ratatui::crossterm::event::KeyEvent;
use std::path::PathBuf;
use std::sync::Arc;

/// A lesson waiting for its own files to be mapped.
pub struct OwnLoad {
    /// The lesson.
    pub lesson: Lesson,
    /// Tables loaded so far (the sample ones, then each mapped file).
    pub catalog: Catalog,
    /// Files read, still to map: (file, raw table).
    pub queue: Vec<(OwnFile, RawTable)>,
    /// The file on the mapping screen now.
    pub current: Option<(OwnFile, RawTable, MappingScreen)>,
    /// What the mapping found, for the note after loading.
    pub problems: Vec<(String, DataProblem)>,
    /// Files used, for the note: (table, file name, rows).
    pub used: Vec<(String, String, usize)>,
}

/// Read the sample tables the learner does not replace, then each own file.
pub fn read_all(
    entry: &LessonEntry,
    lesson: &Lesson,
    files: &[OwnFile],
    progress: &LoadProgress,
) -> Result<(Catalog, Vec<(OwnFile, RawTable)>), String> {
    let skip: Vec<String> = files.iter().map(|f| f.table.clone()).collect();
    let catalog = load_tables_except(entry, lesson, &skip).map_err(|errs| {
        errs.into_iter()
            .map(|(t, m)| format!("table `{t}`: {m}"))
            .collect::<Vec<_>>()
            .join("\n")
    })?;
    let n = files.len().max(1) as f32;
    let mut raws = Vec::new();
    for (i, f) in files.iter().enumerate() {
        let part = progress.span(i as f32 / n, (i + 1) as f32 / n);
        let opts = crate::data::import::ReadOptions {
            header: f.header,
            ..Default::default()
        };
        let raw = read_for_mapping(f, &opts, &part)?;
        raws.push((f.clone(), raw));
    }
    progress.finish();
    Ok((catalog, raws))
}

/// Read a file for the mapping screen; a warehouse table's first
/// [`crate::source::SAMPLE_ROWS`] rows, and a big file's first rows
/// ([`crate::data::sample`]): their mapped columns are read in full once the learner
/// confirms. The error names the file.
fn read_for_mapping(
    f: &OwnFile,
    opts: &crate::data::import::ReadOptions,
    progress: &LoadProgress,
) -> Result<RawTable, String> {
    match crate::source::parse_path(&f.path) {
        Some(source) => {
            let mut src = source?.open(crate::source::pgpass::Ask::Never);
            src.read(None, Some(crate::source::SAMPLE_ROWS), progress)
                .map_err(|e| format!("{}: {e}", src.label()))
        }
        None => {
            let shown = |e: crate::data::import::ImportError| format!("{}: {e}", f.path.display());
            // A big file is mapped from its first rows (its mapped columns are read
            // in full once the learner confirms).
            if f.sheet.is_none()
                && let Some(sample) =
                    crate::data::sample::read_sample(&f.path, opts, progress).map_err(shown)?
            {
                return Ok(sample);
            }
            read_raw_file_opts(&f.path, f.sheet.as_deref(), opts, progress).map_err(shown)
        }
    }
}

/// The table to map: a file's as read; a warehouse table's or a big file's mapped
/// columns, all their rows, read now (only the columns the lesson uses leave the
/// database).
fn full_for_mapping(
    file: &OwnFile,
    sample: RawTable,
    mapping: &crate::data::mapping::Mapping,
) -> Result<RawTable, String> {
    let header: Vec<String> = sample
        .df
        .get_column_names()
        .iter()
        .map(|c| c.to_string())
        .collect();
    let columns = crate::data::sample::mapped_columns(mapping, &header);
    let Some(source) = crate::source::parse_path(&file.path) else {
        use crate::data::sample::{read_columns, worth_sampling};
        if file.sheet.is_none() && worth_sampling(&file.path) {
            let opts = crate::data::import::ReadOptions {
                header: file.header,
                ..Default::default()
            };
            return read_columns(&file.path, &columns, &opts, &LoadProgress::new())
                .map_err(|e| format!("{}: {e}", file.path.display()));
        }
        return Ok(sample);
    };
    let mut src = source?.open(crate::source::pgpass::Ask::Never);
    src.read(Some(&columns), None, &LoadProgress::new())
        .map_err(|e| format!("{}: {e}", src.label()))
}

impl App {
    /// Start loading a lesson with the learner's own files.
    pub(super) fn load_own(&mut self, entry: LessonEntry, lesson: Lesson) {
        let files = self.own.clone();
        let progress = LoadProgress::new();
        self.load_progress = Some(progress.clone());
        let names = files
            .iter()
            .map(OwnFile::display_name)
            .collect::<Vec<_>>()
            .join(", ");
        self.worker.spawn(
            crate::i18n::trf("Reading {names}", &[("names", &names)]),
            move || {
                Job::ReadOwn(Box::new(read_all(&entry, &lesson, &files, &progress).map(
                    |(cat, raws)| OwnLoad {
                        lesson,
                        catalog: cat,
                        queue: raws,
                        current: None,
                        problems: Vec::new(),
                        used: Vec::new(),
                    },
                )))
            },
        );
    }

    /// Own files read: show the mapping screen for the first one.
    pub(super) fn own_read(&mut self, r: Result<OwnLoad, String>) {
        self.load_progress = None;
        match r {
            Ok(load) => {
                self.own_load = Some(load);
                self.next_mapping();
            }
            Err(e) => {
                if let Some(s) = &mut self.session {
                    s.load_error = Some(e);
                }
            }
        }
    }

    /// A file read again with another header line: back on the mapping screen.
    pub(super) fn own_reread(&mut self, file: OwnFile, raw: Result<RawTable, String>) {
        let Some(load) = &mut self.own_load else {
            return;
        };
        match raw {
            Ok(raw) => {
                load.current = None;
                load.queue.insert(0, (file, raw));
                self.next_mapping();
            }
            // That line is not a header this file can be read with: stay on the
            // screen as it was, and say why.
            Err(e) => {
                if let Some((_, _, screen)) = &mut load.current {
                    screen.message = Some(crate::i18n::trf(
                        "With the header there, the file cannot be read: {e}",
                        &[("e", &e)],
                    ));
                }
            }
        }
    }

    /// Put the next file on the mapping screen, or finish loading.
    fn next_mapping(&mut self) {
        let Some(load) = &mut self.own_load else {
            return;
        };
        if load.current.is_some() {
            return;
        }
        if load.queue.is_empty() {
            return self.own_done();
        }
        let (file, raw) = load.queue.remove(0);
        let wanted = wanted_columns(&load.lesson, &file.table);
        let header: Vec<String> = raw
            .df
            .get_column_names()
            .iter()
            .map(|c| c.to_string())
            .collect();
        let remembered = load_mapping(&self.store, &load.lesson.meta.id, &file.table, &header);
        let mapping = propose(&wanted, &raw.df, remembered.as_ref());
        let mut screen = MappingScreen::new(&file.table, wanted, &raw, mapping);
        screen.masking = self.masked;
        load.current = Some((file, raw, screen));
    }

    /// Keys on the mapping screen. Returns false when it is not showing.
    pub(super) fn mapping_key(&mut self, key: KeyEvent) -> bool {
        let Some(load) = &mut self.own_load else {
            return false;
        };
        let Some((_, _, screen)) = &mut load.current else {
            return false;
        };
        screen.masking = self.masked;
        match screen.handle(key) {
            MappingOutcome::Continue => {}
            MappingOutcome::Header(choice) => {
                // Read the file again with the header where the learner says; this
                // screen stays until the new reading is there (or says why not).
                let Some((file, _, screen)) = &mut load.current else {
                    return true;
                };
                if file.is_database() {
                    screen.message = Some(
                        crate::i18n::tr(
                            "A database table has its column names: there is no header line to move.",
                        )
                        .into(),
                    );
                    return true;
                }
                screen.message = Some(crate::i18n::tr("Reading the file again…").into());
                let mut file = file.clone();
                file.header = choice;
                for f in &mut self.own {
                    if f.table == file.table {
                        f.header = choice;
                    }
                }
                let name = file
                    .path
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                self.worker.spawn(
                    crate::i18n::trf("Reading {names}", &[("names", &name)]),
                    move || {
                        let opts = crate::data::import::ReadOptions {
                            header: file.header,
                            ..Default::default()
                        };
                        let raw = read_for_mapping(
                            &file,
                            &opts,
                            &crate::data::load_progress::LoadProgress::new(),
                        );
                        Job::Reread(Box::new((file, raw)))
                    },
                );
            }
            MappingOutcome::Cancel => {
                // Use the lesson's sample data for this table instead.
                let Some((file, _, _)) = load.current.take() else {
                    return true;
                };
                if let Some(s) = &mut self.session {
                    s.note = Some(crate::i18n::trf(
                        "Using the lesson's sample data for `{table}` instead of {file}.",
                        &[("table", &file.table), ("file", &file.display_name())],
                    ));
                }
                self.own.retain(|f| f.table != file.table);
                let sample = self.entry.as_ref().map(|entry| {
                    crate::lesson::validate::load_tables(entry, &load.lesson)
                        .ok()
                        .and_then(|c| c.get(&file.table).cloned())
                });
                if let Some(Some(df)) = sample {
                    load.catalog.insert(file.table.clone(), df);
                }
                self.next_mapping();
            }
            MappingOutcome::Confirmed(mapping) => {
                let Some((file, raw, screen)) = load.current.take() else {
                    return true;
                };
                let header: Vec<String> = raw
                    .df
                    .get_column_names()
                    .iter()
                    .map(|c| c.to_string())
                    .collect();
                let saved = SavedMapping::new(&load.lesson.meta.id, &file.table, &header, &mapping);
                if let Err(e) = save_mapping(&self.store, &saved)
                    && let Some(s) = &mut self.session
                {
                    s.note = Some(crate::i18n::trf(
                        "Your column choices could not be remembered: {e}",
                        &[("e", &e)],
                    ));
                }
                let wanted = screen.wanted.clone();
                self.worker.spawn(
                    crate::i18n::trf("Preparing `{table}`", &[("table", &file.table)]),
                    move || match full_for_mapping(&file, raw, &mapping) {
                        Ok(raw) => {
                            let rows = raw.df.height();
                            Job::Mapped(file.clone(), rows, apply(raw, &wanted, &mapping))
                        }
                        Err(e) => Job::Mapped(file.clone(), 0, Err(e)),
                    },
                );
            }
        }
        true
    }

    /// A mapped file was typed: add it and go on.
    pub(super) fn own_mapped(
        &mut self,
        file: OwnFile,
        rows: usize,
        r: Result<(polars::prelude::DataFrame, Vec<DataProblem>), String>,
    ) {
        let Some(load) = &mut self.own_load else {
            return;
        };
        match r {
            Ok((df, problems)) => {
                load.catalog.insert(file.table.clone(), df);
                load.problems
                    .extend(problems.into_iter().map(|p| (file.table.clone(), p)));
                load.used
                    .push((file.table.clone(), file.display_name(), rows));
                self.next_mapping();
            }
            Err(e) => {
                // Back to the screen for this file, with the reason.
                self.overlay = Some(Overlay::Message(format!(
                    "{} could not be used as `{}`: {e}",
                    file.display_name(),
                    file.table
                )));
                self.own.retain(|f| f.table != file.table);
                self.next_mapping();
            }
        }
    }

    /// Every file mapped: the lesson runs on the learner's data.
    fn own_done(&mut self) {
        let Some(load) = self.own_load.take() else {
            return;
        };
        let masker = super::masking::for_lesson(&load.lesson, &load.catalog);
        let Some(s) = &mut self.session else { return };
        let mut note: Vec<String> = load
            .used
            .iter()
            .map(|(t, f, rows)| {
                crate::i18n::trn(
                    *rows,
                    crate::i18n::tr_key("`{t}` is your file {f} (1 row)."),
                    crate::i18n::tr_key("`{t}` is your file {f} ({n} rows)."),
                    &[
                        ("t", t),
                        ("f", f),
                        ("n", &crate::chart::group_thousands(*rows as i64)),
                    ],
                )
            })
            .collect();
        if !load.problems.is_empty() {
            note.push(crate::i18n::trn(
                load.problems.len(),
                crate::i18n::tr_key(
                    "1 problem found in your data; the cleaning steps and tools can fix it:",
                ),
                crate::i18n::tr_key(
                    "{n} problems found in your data; the cleaning steps and tools can fix them:",
                ),
                &[("n", &load.problems.len())],
            ));
            for (t, p) in load.problems.iter().take(4) {
                let lines = p
                    .rows
                    .iter()
                    .map(|r| r.to_string())
                    .collect::<Vec<_>>()
                    .join(", ");
                let at = match p.rows.len() {
                    0 => String::new(),
                    1 => crate::i18n::trf(" (line {lines})", &[("lines", &lines)]),
                    _ => crate::i18n::trf(" (lines {lines})", &[("lines", &lines)]),
                };
                note.push(format!("  {t}.{}: {}{at} — {}", p.column, p.what, p.fix));
            }
        }
        s.note = (!note.is_empty()).then(|| note.join("\n"));
        s.catalog = Some(Arc::new(load.catalog));
        s.masker = Some(Arc::new(masker));
        s.load_error = None;
        self.stage_current();
    }

    /// `d`: choose one of your own files for this lesson.
    pub(super) fn open_browser(&mut self) {
        let cwd = std::env::current_dir().unwrap_or_else(|_| std::path::PathBuf::from("."));
        let mut b = Browser::new(&cwd);
        if let Some(home) = directories::UserDirs::new().map(|u| u.home_dir().to_path_buf()) {
            b = b.with_home(&home);
        }
        self.browser = Some(b);
    }

    /// Keys in the file browser. Returns false when it is not open.
    pub(super) fn browser_key(&mut self, key: KeyEvent) -> bool {
        let Some(b) = &mut self.browser else {
            return false;
        };
        match b.handle(key) {
            BrowserOutcome::Continue => {}
            BrowserOutcome::Cancel => self.browser = None,
            BrowserOutcome::Picked(path, sheet) => {
                let back = self.browser.take();
                self.picked_file(path, sheet, back);
            }
        }
        true
    }

    /// A file picked: a lesson with one table takes it at once; with several, the
    /// learner says which table it is for.
    fn picked_file(&mut self, path: PathBuf, sheet: Option<String>, back: Option<Browser>) {
        let Some(lesson) = self.entry.as_ref().and_then(|e| load_entry(e).lesson) else {
            return;
        };
        let Some(first) = lesson.tables.keys().next().cloned() else {
            self.overlay = Some(Overlay::Message(
                crate::i18n::tr("This lesson has no table to put your file in.").into(),
            ));
            return;
        };
        if lesson.tables.len() == 1 {
            return self.use_own_file(path, sheet, first);
        }
        let probe = OwnFile {
            table: first.clone(),
            path,
            sheet,
            header: Default::default(),
        };
        let progress = LoadProgress::new();
        self.load_progress = Some(progress.clone());
        self.probe_back = back;
        let name = probe.display_name();
        self.worker.spawn(
            crate::i18n::trf("Reading {names}", &[("names", &name)]),
            move || {
                let read = match probe.is_database() {
                    true => read_for_mapping(&probe, &Default::default(), &progress),
                    false => read_raw_file_sheet(&probe.path, probe.sheet.as_deref())
                        .map_err(|e| format!("{}: {e}", probe.path.display())),
                };
                Job::Probed(Box::new((probe.path, probe.sheet, read)))
            },
        );
    }

    /// A picked file read (off the screen's thread): ask which table it is for, or
    /// go back to the browser with the reason it could not be read.
    pub(super) fn probed(
        &mut self,
        path: PathBuf,
        sheet: Option<String>,
        read: Result<RawTable, String>,
    ) {
        self.load_progress = None;
        let back = self.probe_back.take();
        let Some(lesson) = self.entry.as_ref().and_then(|e| load_entry(e).lesson) else {
            return;
        };
        match read {
            Ok(raw) => {
                let mut chooser = TableChooser::new(path, sheet, &lesson, &raw);
                chooser.back = back;
                self.table_chooser = Some(chooser);
            }
            Err(e) => {
                // Back in the browser, with the reason.
                self.browser = back;
                self.overlay = Some(Overlay::Message(e));
            }
        }
    }

    /// Keys in the table chooser. Returns false when it is not open.
    pub(super) fn chooser_key(&mut self, key: KeyEvent) -> bool {
        let Some(c) = &mut self.table_chooser else {
            return false;
        };
        match c.handle(key) {
            ChooserOutcome::Continue => {}
            ChooserOutcome::Back => {
                let back = self.table_chooser.take().and_then(|c| c.back);
                match back {
                    Some(b) => self.browser = Some(b),
                    None => self.open_browser(),
                }
            }
            ChooserOutcome::Chosen(table) => {
                if let Some(c) = self.table_chooser.take() {
                    self.use_own_file(c.path, c.sheet, table);
                }
            }
        }
        true
    }

    /// Re-open the lesson with `path` standing in for `table`. This file is mapped
    /// first; files chosen before keep their place after it.
    fn use_own_file(&mut self, path: PathBuf, sheet: Option<String>, table: String) {
        let Some(entry) = self.entry.clone() else {
            return;
        };
        self.own.retain(|f| f.table != table);
        self.own.insert(
            0,
            OwnFile {
                table,
                path,
                sheet,
                header: Default::default(),
            },
        );
        let from_picker = self.from_picker;
        if let Err(e) = self.open(entry) {
            self.overlay = Some(Overlay::Message(e));
        }
        self.from_picker = from_picker;
    }
}

/// The mapping screen to draw, if one is showing.
pub fn screen(app: &App) -> Option<&MappingScreen> {
    app.own_load
        .as_ref()
        .and_then(|l| l.current.as_ref())
        .map(|(_, _, s)| s)
}
