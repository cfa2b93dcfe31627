//! Taking cleaning out of the player: the recipe as SQL, pandas and dplyr (`c`),
//! saving the recipe (`e`) and the cleaned table (`E`) to new files.

use super::app::{App, Overlay};
use crate::data::code::{Lang, recipe_code};
use crate::data::recipe_file::{Recipe, RecipeHeader};
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use std::path::Path;

/// What a save prompt writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SaveWhat {
    /// The recipe, as TOML.
    Recipe,
    /// The cleaned table, as CSV.
    Data,
    /// The step's chart, as PNG or SVG.
    Picture,
}

/// The languages `c` shows, in `Tab` order.
pub const LANGS: [Lang; 3] = [Lang::Sql, Lang::Pandas, Lang::Dplyr];

impl App {
    /// `c`: the recipe so far as code.
    pub(super) fn open_code(&mut self) {
        if self.bench_ops().is_some() {
            self.overlay = Some(Overlay::Code { lang: 0, scroll: 0 });
        }
    }

    /// The active bench's table name and ops, or a note when there is none.
    pub(super) fn bench_ops(&mut self) -> Option<(String, Vec<crate::data::recipe::Op>)> {
        let s = self.session.as_mut()?;
        match s.active_bench() {
            Some((_, b)) => Some((b.table.clone(), b.ops.clone())),
            None => {
                s.ui_mut().note = Some(
                    crate::i18n::tr(
                        "Recipes come from cleaning: use a clean step, or W on a table.",
                    )
                    .into(),
                );
                None
            }
        }
    }

    /// The code for the active recipe in language `lang` (an index into [`LANGS`]).
    pub fn code_text(&self, lang: usize) -> String {
        let Some((_, b)) = self.session.as_ref().and_then(|s| s.active_bench()) else {
            return String::new();
        };
        recipe_code(&b.ops, LANGS[lang % LANGS.len()], &b.table)
    }

    /// `e` / `E`: ask where to save, proposing a new file in the current folder.
    pub(super) fn open_save(&mut self, what: SaveWhat) {
        let Some((table, ops)) = self.bench_ops() else {
            return;
        };
        if what == SaveWhat::Recipe && ops.is_empty() {
            if let Some(s) = &mut self.session {
                s.ui_mut().note =
                    Some(crate::i18n::tr("No cleaning yet: there is no recipe to save.").into());
            }
            return;
        }
        let lesson = self
            .session
            .as_ref()
            .map(|s| s.lesson.meta.id.clone())
            .unwrap_or_default();
        let base = match what {
            SaveWhat::Recipe => format!("{lesson}-{table}-recipe"),
            SaveWhat::Data | SaveWhat::Picture => format!("{table}-cleaned"),
        };
        let ext = match what {
            SaveWhat::Recipe => "toml",
            SaveWhat::Data | SaveWhat::Picture => "csv",
        };
        self.overlay = Some(Overlay::SaveAs {
            what,
            path: free_name(Path::new("."), &base, ext),
            error: None,
        });
    }

    /// Keys in the code view and the save prompt. Returns false for other popups.
    pub(super) fn export_key(&mut self, key: KeyEvent) -> bool {
        match self.overlay.take() {
            Some(Overlay::Code { lang, scroll }) => {
                self.overlay = match key.code {
                    KeyCode::Tab | KeyCode::Right => Some(Overlay::Code {
                        lang: (lang + 1) % LANGS.len(),
                        scroll: 0,
                    }),
                    KeyCode::BackTab | KeyCode::Left => Some(Overlay::Code {
                        lang: (lang + LANGS.len() - 1) % LANGS.len(),
                        scroll: 0,
                    }),
                    KeyCode::Down | KeyCode::Char('j') => Some(Overlay::Code {
                        lang,
                        scroll: scroll.saturating_add(1),
                    }),
                    KeyCode::Up | KeyCode::Char('k') => Some(Overlay::Code {
                        lang,
                        scroll: scroll.saturating_sub(1),
                    }),
                    _ => None,
                };
                true
            }
            Some(Overlay::SaveAs {
                what,
                mut path,
                error,
            }) => {
                match key.code {
                    KeyCode::Esc => {}
                    KeyCode::Enter => match self.save_as(what, Path::new(path.trim())) {
                        Ok(msg) => self.overlay = Some(Overlay::Message(msg)),
                        Err(e) => {
                            self.overlay = Some(Overlay::SaveAs {
                                what,
                                path,
                                error: Some(e),
                            })
                        }
                    },
                    KeyCode::Backspace => {
                        path.pop();
                        self.overlay = Some(Overlay::SaveAs {
                            what,
                            path,
                            error: None,
                        });
                    }
                    KeyCode::Char(c) => {
                        path.push(c);
                        self.overlay = Some(Overlay::SaveAs {
                            what,
                            path,
                            error: None,
                        });
                    }
                    _ => self.overlay = Some(Overlay::SaveAs { what, path, error }),
                }
                true
            }
            other => {
                self.overlay = other;
                false
            }
        }
    }

    /// `e` on a step showing a chart (a chart step, a query's result with a chart):
    /// the prompt to save it as a picture in the current folder. Returns false when
    /// the step shows no chart (then `e` saves the recipe).
    pub(super) fn open_picture_save(&mut self) -> bool {
        let Some(s) = &self.session else {
            return false;
        };
        if self.shown_chart().is_none() {
            return false;
        }
        let base = format!("{}-step{}", s.lesson.meta.id, s.index() + 1);
        self.overlay = Some(Overlay::SaveAs {
            what: SaveWhat::Picture,
            path: free_name(Path::new("."), &base, "png"),
            error: None,
        });
        true
    }

    /// The chart the current step shows, with the table it was drawn from, masked
    /// as the screen masks it.
    fn shown_chart(&self) -> Option<crate::chart::Prepared> {
        let s = self.session.as_ref()?;
        if !s.shows_chart() {
            return None;
        }
        let ui = s.ui();
        let (chart, table, sql) = match (&ui.run, &ui.staged) {
            (Some(run), _) if run.chart.is_some() => (
                run.chart.clone()?.ok()?,
                run.result.as_ref().ok()?.clone(),
                Some(run.sql.clone()),
            ),
            (_, Some(st)) => (st.chart.clone()?.ok()?, st.table.clone()?, st.sql.clone()),
            _ => return None,
        };
        let masker = s.masker.as_deref().filter(|_| self.masked);
        Some(match masker {
            Some(m) => super::masking::chart_of_result(&chart, m, &table, sql.as_deref()),
            None => chart,
        })
    }

    /// Write the current step's chart as a picture at `path`.
    fn save_picture(&self, path: &Path) -> Result<String, String> {
        use crate::export::picture::{Picture, PictureFormat, render};
        let format = PictureFormat::from_path(path).ok_or_else(|| {
            crate::i18n::tr("a picture is written as .png or .svg: end the name with one")
                .to_string()
        })?;
        let chart = self
            .shown_chart()
            .ok_or_else(|| crate::i18n::tr("this step shows no chart").to_string())?;
        let s = self.session.as_ref().ok_or("no lesson is open")?;
        let files: Vec<String> = s
            .lesson
            .tables
            .iter()
            .map(|(t, decl)| {
                self.own
                    .iter()
                    .find(|f| &f.table == t)
                    .map(|f| f.display_name())
                    .unwrap_or_else(|| {
                        Path::new(&decl.file)
                            .file_name()
                            .map(|n| n.to_string_lossy().into_owned())
                            .unwrap_or_default()
                    })
            })
            .collect();
        let picture = Picture {
            chart: &chart,
            source: format!("{}, {}", files.join(", "), crate::progress::export::today()),
            width: 1000,
            height: 600,
        };
        let bytes = render(&picture, format)?;
        let inputs: Vec<&Path> = self.own.iter().map(|f| f.path.as_path()).collect();
        crate::output::write(
            path,
            &inputs,
            crate::output::Existing::Keep,
            crate::output::Audience::Shared,
            |f| std::io::Write::write_all(f, &bytes),
        )
        .map_err(|e| e.to_string())?;
        Ok(crate::i18n::trf(
            "Saved the chart to {path}: put it in a report or a slide.",
            &[("path", &path.display())],
        ))
    }

    fn save_as(&mut self, what: SaveWhat, path: &Path) -> Result<String, String> {
        if path.as_os_str().is_empty() {
            return Err(crate::i18n::tr("type a file name").into());
        }
        if what == SaveWhat::Picture {
            return self.save_picture(path);
        }
        let s = self.session.as_ref().ok_or("no lesson is open")?;
        let (_, b) = s.active_bench().ok_or("nothing to save")?;
        let inputs: Vec<&Path> = self.own.iter().map(|f| f.path.as_path()).collect();
        if inputs.iter().any(|f| crate::output::same_file(f, path)) {
            return Err(crate::i18n::tr(
                "that is your export: huddle never changes it. Choose a new name",
            )
            .into());
        }
        match what {
            SaveWhat::Recipe => {
                let header = RecipeHeader {
                    lesson: Some(s.lesson.meta.id.clone()),
                    table: Some(b.table.clone()),
                    made: Some(chrono::Local::now().date_naive()),
                    note: None,
                };
                Recipe { ops: b.ops.clone() }.save(&header, path, &inputs, false)?;
                Ok(crate::i18n::trf(
                    "Saved your recipe to {path}.\n\nNext month, clean the new export the same way:\n  huddle apply {path} NEW-EXPORT.csv -o cleaned.csv",
                    &[("path", &path.display())],
                ))
            }
            SaveWhat::Picture => Err("not a table".into()),
            SaveWhat::Data => {
                let rows = b.current.height();
                crate::data::export::write_csv(&b.current, path, &inputs)?;
                Ok(crate::i18n::trn(
                    rows,
                    crate::i18n::tr_key("Wrote 1 row to {path}. Your original file is unchanged."),
                    crate::i18n::tr_key(
                        "Wrote {rows} rows to {path}. Your original file is unchanged.",
                    ),
                    &[
                        ("rows", &crate::chart::group_thousands(rows as i64)),
                        ("path", &path.display()),
                    ],
                ))
            }
        }
    }
}

/// `base.ext` in `dir`, or `base-2.ext`, `base-3.ext`… when taken.
fn free_name(dir: &Path, base: &str, ext: &str) -> String {
    let mut n = 1;
    loop {
        let name = if n == 1 {
            format!("{base}.{ext}")
        } else {
            format!("{base}-{n}.{ext}")
        };
        if !dir.join(&name).exists() || n > 999 {
            return name;
        }
        n += 1;
    }
}
