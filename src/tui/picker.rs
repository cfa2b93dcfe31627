//! The lesson list: every lesson of the course with its length, level and how far
//! the learner got. Broken lessons are listed with what to do about them.

use crate::i18n::{tr, trf};
use crate::lesson::course::LessonEntry;
use crate::lesson::validate::load_entry;
use crate::progress::store::Store;

/// One row of the picker.
#[derive(Debug, Clone)]
pub struct PickerItem {
    /// The lesson file.
    pub entry: LessonEntry,
    /// Lesson id (None when the file does not load).
    pub id: Option<String>,
    /// Title, or the file name.
    pub title: String,
    /// Estimated minutes.
    pub minutes: Option<u32>,
    /// Level.
    pub level: Option<&'static str>,
    /// One line about the lesson.
    pub summary: Option<String>,
    /// Number of steps.
    pub steps: usize,
    /// not started / step k of n / done; or why it cannot open.
    pub status: String,
    /// The learner has progress here.
    pub started: bool,
    /// The lesson file has errors.
    pub broken: bool,
}

/// The picker's state.
#[derive(Debug, Clone)]
pub struct Picker {
    /// Rows.
    pub items: Vec<PickerItem>,
    /// The highlighted row.
    pub selected: usize,
}

impl Picker {
    /// List `course`, reading each lesson's progress.
    pub fn new(course: Vec<LessonEntry>, store: &Store) -> Self {
        let items = course.into_iter().map(|e| item(e, store)).collect();
        Picker { items, selected: 0 }
    }

    /// Re-read progress (after a lesson closes or is reset).
    pub fn refresh(&mut self, store: &Store) {
        for it in &mut self.items {
            *it = item(it.entry.clone(), store);
        }
    }

    /// Move the highlight.
    pub fn move_by(&mut self, d: isize) {
        self.selected = self
            .selected
            .saturating_add_signed(d)
            .min(self.items.len().saturating_sub(1));
    }

    /// The highlighted lesson's file.
    pub fn selected_entry(&self) -> Option<LessonEntry> {
        self.items.get(self.selected).map(|i| i.entry.clone())
    }

    /// Whether the highlighted lesson has progress to reset.
    pub fn selected_started(&self) -> bool {
        self.items.get(self.selected).is_some_and(|i| i.started)
    }

    /// Forget the progress of row `i`.
    pub fn reset(&mut self, i: usize, store: &Store) -> Result<(), String> {
        if let Some(id) = self.items.get(i).and_then(|it| it.id.clone()) {
            store
                .reset(&id)
                .map_err(|e| format!("Could not reset this lesson: {e}"))?;
        }
        self.refresh(store);
        Ok(())
    }
}

fn item(entry: LessonEntry, store: &Store) -> PickerItem {
    // `lesson` is None when the file has any error.
    let shown = |l| crate::lesson::translation::localize(&l, crate::i18n::lang().tag());
    match load_entry(&entry).lesson.map(shown) {
        Some(l) => {
            let progress = store.peek(&l.meta.id);
            let started = progress.is_some();
            let status = match progress {
                Some(mut p) => {
                    let ids: Vec<Option<String>> = l.steps.iter().map(|s| s.id.clone()).collect();
                    p.fit(&ids);
                    p.summary(l.steps.len())
                }
                None => tr("not started").to_string(),
            };
            PickerItem {
                id: Some(l.meta.id),
                title: l.meta.title,
                minutes: l.meta.minutes,
                level: l.meta.level.map(|v| v.as_str()),
                summary: l.meta.summary,
                steps: l.steps.len(),
                status,
                started,
                broken: false,
                entry,
            }
        }
        None => PickerItem {
            id: None,
            title: entry.display.clone(),
            minutes: None,
            level: None,
            summary: Some(trf(
                "This lesson file has errors. Run `huddle check {file}` to see them.",
                &[("file", &entry.display)],
            )),
            steps: 0,
            status: tr("has errors").to_string(),
            started: false,
            broken: true,
            entry,
        },
    }
}
