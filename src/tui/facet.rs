//! Reviewing a column's values: the facet (every value with its count) and
//! cluster & merge (groups of spellings of one thing, merged into one).

use super::app::{App, Job, Overlay};
use super::op_form::{MENU, OpForm};
use crate::data::cluster::{Cluster, Method, clusters, value_counts};
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use std::sync::Arc;

/// The methods `Tab` cycles through, loosest last.
pub const METHODS: [Method; 4] = [
    Method::Fingerprint,
    Method::Nearest { radius: 1 },
    Method::Nearest { radius: 2 },
    Method::Nearest { radius: 3 },
];

/// A method in words.
pub fn method_label(m: Method) -> String {
    match m {
        Method::Fingerprint => crate::i18n::tr("same letters and words (fingerprint)").into(),
        Method::Nearest { radius } => crate::i18n::trf(
            "up to {radius} typo(s) apart (nearest neighbour)",
            &[("radius", &radius)],
        ),
    }
}

/// The facet popup's state.
#[derive(Debug, Clone)]
pub struct Facet {
    /// The column.
    pub column: String,
    /// Values and counts, most common first (`None` while counting).
    pub counts: Option<Result<Vec<(String, usize)>, String>>,
    /// The value under the cursor.
    pub at: usize,
}

/// The cluster popup's state.
#[derive(Debug, Clone)]
pub struct ClusterView {
    /// The column.
    pub column: String,
    /// Index into [`METHODS`].
    pub method: usize,
    /// The clusters found (`None` while looking).
    pub found: Option<Result<Vec<Cluster>, String>>,
    /// Ticked for merging.
    pub ticked: Vec<bool>,
    /// The cluster under the cursor.
    pub at: usize,
}

impl App {
    /// `f`: the values of the selected column with their counts.
    pub(super) fn open_facet(&mut self) {
        let Some((df, column)) = self.selected_table_column() else {
            return;
        };
        let col = column.clone();
        self.worker.spawn(
            crate::i18n::trf("Counting `{column}`", &[("column", &column)]),
            move || Job::Counted(col.clone(), value_counts(&df, &col)),
        );
        self.overlay = Some(Overlay::Facet(Facet {
            column,
            counts: None,
            at: 0,
        }));
    }

    /// `v`: clusters of spellings in the selected column.
    pub(super) fn open_clusters(&mut self, method: usize) {
        let Some((df, column)) = self.selected_table_column() else {
            return;
        };
        let col = column.clone();
        let m = METHODS[method.min(METHODS.len() - 1)];
        self.worker.spawn(
            crate::i18n::trf("Looking for variants in `{column}`", &[("column", &column)]),
            move || {
                let found = value_counts(&df, &col).map(|counts| clusters(&counts, m));
                Job::Clustered(col.clone(), m, found)
            },
        );
        self.overlay = Some(Overlay::Cluster(ClusterView {
            column,
            method,
            found: None,
            ticked: Vec::new(),
            at: 0,
        }));
    }

    /// The table the cleaning keys act on and its selected column.
    pub(super) fn selected_table_column(
        &mut self,
    ) -> Option<(Arc<polars::prelude::DataFrame>, String)> {
        let s = self.session.as_mut()?;
        let (df, col) = match (&s.workspace, s.ui().bench.as_ref()) {
            (Some(b), _) => (Arc::clone(&b.current), s.workspace_table.col),
            (None, Some(b)) => (Arc::clone(&b.current), s.ui().table.col),
            (None, None) => {
                let df = super::app::table_of(s.ui())?.clone();
                (Arc::new(df), s.ui().table.col)
            }
        };
        let name = df.get_column_names().get(col).map(|c| c.to_string())?;
        Some((df, name))
    }

    /// Take in counted values or found clusters, if their popup is still open.
    pub(super) fn take_counts(&mut self, job: Job) {
        match (job, &mut self.overlay) {
            (Job::Counted(col, counts), Some(Overlay::Facet(f))) if f.column == col => {
                f.counts = Some(counts);
            }
            (Job::Clustered(col, m, found), Some(Overlay::Cluster(c)))
                if c.column == col && METHODS.get(c.method) == Some(&m) =>
            {
                let n = found.as_ref().map(Vec::len).unwrap_or(0);
                // Nothing is merged unless the learner ticks it (as in OpenRefine).
                c.ticked = vec![false; n];
                c.found = Some(found);
            }
            _ => {}
        }
    }

    /// Keys in the facet popup.
    pub(super) fn facet_key(&mut self, mut f: Facet, key: KeyEvent) {
        let n = f
            .counts
            .as_ref()
            .and_then(|c| c.as_ref().ok())
            .map(Vec::len)
            .unwrap_or(0);
        match key.code {
            KeyCode::Esc | KeyCode::Char('q') | KeyCode::Char('f') => return,
            KeyCode::Up | KeyCode::Char('k') => f.at = f.at.saturating_sub(1),
            KeyCode::Down | KeyCode::Char('j') => f.at = (f.at + 1).min(n.saturating_sub(1)),
            KeyCode::PageUp => f.at = f.at.saturating_sub(10),
            KeyCode::PageDown => f.at = (f.at + 10).min(n.saturating_sub(1)),
            KeyCode::Char('v') => return self.open_clusters(0),
            KeyCode::Enter => {
                // Respell this value everywhere: a merge form with the value filled in.
                let value = f
                    .counts
                    .as_ref()
                    .and_then(|c| c.as_ref().ok())
                    .and_then(|c| c.get(f.at))
                    .map(|(v, _)| v.clone());
                if let (Some(v), Some(kind)) =
                    (value, MENU.iter().find(|k| k.name == "merge_values"))
                {
                    let mut form = OpForm::new(kind, &f.column);
                    form.set("map", &format!("{} = ", super::op_form::pair_value(&v)));
                    form.at = 1;
                    self.overlay = Some(Overlay::OpForm {
                        form,
                        preview: None,
                        waiting: None,
                        error: None,
                    });
                    return;
                }
            }
            _ => {}
        }
        self.overlay = Some(Overlay::Facet(f));
    }

    /// Keys in the cluster popup.
    pub(super) fn cluster_key(&mut self, mut c: ClusterView, key: KeyEvent) {
        let n = c
            .found
            .as_ref()
            .and_then(|f| f.as_ref().ok())
            .map(Vec::len)
            .unwrap_or(0);
        match key.code {
            KeyCode::Esc | KeyCode::Char('q') => return,
            KeyCode::Up | KeyCode::Char('k') => c.at = c.at.saturating_sub(1),
            KeyCode::Down | KeyCode::Char('j') => c.at = (c.at + 1).min(n.saturating_sub(1)),
            KeyCode::Char(' ') => {
                if let Some(t) = c.ticked.get_mut(c.at) {
                    *t = !*t;
                }
            }
            KeyCode::Char('a') => {
                let all = c.ticked.iter().all(|t| *t);
                c.ticked.iter_mut().for_each(|t| *t = !all);
            }
            KeyCode::Left | KeyCode::Right => {
                // Choose which spelling the cluster merges into.
                if let Some(Ok(found)) = c.found.as_mut()
                    && let Some(cl) = found.get_mut(c.at)
                {
                    let i = cl
                        .values
                        .iter()
                        .position(|(v, _)| *v == cl.suggested)
                        .unwrap_or(0);
                    let len = cl.values.len().max(1);
                    let j = if key.code == KeyCode::Right {
                        (i + 1) % len
                    } else {
                        (i + len - 1) % len
                    };
                    if let Some((v, _)) = cl.values.get(j) {
                        cl.suggested = v.clone();
                    }
                }
            }
            KeyCode::Tab => return self.open_clusters((c.method + 1) % METHODS.len()),
            KeyCode::Enter => {
                let picked: Vec<&Cluster> = c
                    .found
                    .as_ref()
                    .and_then(|f| f.as_ref().ok())
                    .map(|f| {
                        f.iter()
                            .zip(&c.ticked)
                            .filter(|(_, t)| **t)
                            .map(|(cl, _)| cl)
                            .collect()
                    })
                    .unwrap_or_default();
                if !picked.is_empty()
                    && let Some(kind) = MENU.iter().find(|k| k.name == "merge_values")
                {
                    let map = crate::data::cluster::merge_map(picked);
                    let mut form = OpForm::new(kind, &c.column);
                    // Exact spellings: `"Essex " = Essex` keeps the space it merges.
                    form.set("map", &super::op_form::format_pairs(&map));
                    self.overlay = Some(Overlay::OpForm {
                        form: form.clone(),
                        preview: None,
                        waiting: None,
                        error: None,
                    });
                    // Go straight to the preview: Enter again applies it.
                    self.cleaning_key(KeyEvent::from(KeyCode::Enter));
                    return;
                }
            }
            _ => {}
        }
        self.overlay = Some(Overlay::Cluster(c));
    }
}
