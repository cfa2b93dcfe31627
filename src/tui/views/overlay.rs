//! Popups over the screen: help, confirmations, a column profile, the end of a lesson.

use super::centered;
use crate::i18n::{tr, tr_dyn, tr_key, trf};
use crate::tui::app::{App, Overlay};
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

/// The keys, as the help overlay lists them.
pub const HELP: &[(&str, &str)] = &[
    ("n  →", tr_key("next step (you can come back)")),
    ("p  ←", tr_key("previous step")),
    (
        "Enter",
        tr_key("go to the answer box; on a query, check it"),
    ),
    (
        "Esc",
        tr_key("leave the answer box (never leaves the lesson)"),
    ),
    ("Tab", tr_key("move between text, panel and answer box")),
    (
        "↑ ↓ PgUp PgDn",
        tr_key("scroll the pane with the bright border"),
    ),
    ("Home End", tr_key("top or bottom of that pane")),
    ("[ ]", tr_key("previous or next table column")),
    ("i", tr_key("profile of the selected column")),
    (
        "v",
        tr_key("chart ↔ table; on a table: find spelling variants"),
    ),
    (
        "o",
        tr_key("cleaning: pick an op, preview it, Enter applies"),
    ),
    ("u  U", tr_key("undo or redo the last cleaning op")),
    (
        "f",
        tr_key("every value of the selected column, with counts"),
    ),
    (
        "c",
        tr_key("your recipe as SQL, Python (pandas) and R (dplyr)"),
    ),
    (
        "e  E",
        tr_key("save the recipe, or the cleaned table, to a new file"),
    ),
    (
        "d",
        tr_key("use your own file (CSV, Excel, Parquet) for this lesson"),
    ),
    ("W", tr_key("a free cleaning workspace on the table shown")),
    (
        "m",
        tr_key("mask personal data (emails, phones, names) for screen sharing"),
    ),
    ("F5  Ctrl-R", tr_key("run your query")),
    ("Ctrl-S", tr_key("check your query or answer")),
    ("h", tr_key("next hint")),
    ("s", tr_key("show the solution (after 3 tries)")),
    ("?", tr_key("this help")),
    ("q", tr_key("back to the lessons (your place is saved)")),
    (
        "Ctrl-C",
        tr_key("quit huddle from anywhere, saving your place"),
    ),
];

/// The lesson list's keys, as its help lists them.
pub const PICKER_HELP: &[(&str, &str)] = &[
    ("↑ ↓  j k", tr_key("choose a lesson")),
    ("PgUp PgDn", tr_key("move a page")),
    (
        "Enter  →",
        tr_key("open the lesson (you resume where you left off)"),
    ),
    ("r", tr_key("start the selected lesson over (asks first)")),
    (
        "J",
        tr_key("join a cohort call: paste the code your coach gave"),
    ),
    (
        "m",
        tr_key("mask personal data (emails, phones, names) for screen sharing"),
    ),
    ("?", tr_key("this help")),
    ("q  Esc", tr_key("quit huddle")),
];

/// Coach mode's keys, added to the help with `--coach`.
pub const COACH_HELP: &[(&str, &str)] = &[
    (
        "g",
        tr_key("coach: go to any step (type its number, Enter)"),
    ),
    ("C", tr_key("coach: hide or show the coach panel")),
    ("T", tr_key("coach: start the call timer again")),
    ("J / K", tr_key("coach: scroll the coach panel down / up")),
];

/// Draw `o` over the screen.
pub fn draw(o: &Overlay, app: &App, f: &mut Frame, area: Rect) {
    let t = &app.theme;
    match o {
        Overlay::Help => {
            let mut keys: Vec<(&str, &str)> = if app.session.is_none() {
                PICKER_HELP.to_vec()
            } else {
                HELP.to_vec()
            };
            if app.coach.is_some() && app.session.is_some() {
                keys.extend_from_slice(COACH_HELP);
            }
            let keys = keys.as_slice();
            let mut lines = vec![Line::styled(tr("Keys"), t.heading), Line::default()];
            if (keys.len() as u16 + 8) <= area.height || area.width < 76 {
                for (k, what) in keys {
                    lines.push(Line::from(vec![
                        Span::styled(format!("{k:>14}  "), t.accent),
                        Span::styled(tr_dyn(what), t.text),
                    ]));
                }
            } else {
                // A short window: two columns, so every key is on screen.
                let half = keys.len().div_ceil(2);
                let col = (area.width.saturating_sub(8) / 2) as usize;
                for i in 0..half {
                    let mut spans = Vec::new();
                    for (k, what) in [keys.get(i), keys.get(i + half)].into_iter().flatten() {
                        spans.push(Span::styled(format!("{k:>13} "), t.accent));
                        spans.push(Span::styled(
                            format!(
                                "{:<w$}",
                                crate::text::truncate(tr_dyn(what), col.saturating_sub(15)),
                                w = col.saturating_sub(14)
                            ),
                            t.text,
                        ));
                    }
                    lines.push(Line::from(spans));
                }
            }
            lines.push(Line::default());
            lines.push(Line::styled(
                tr("In the answer box, typing goes into the box: press Esc first to use these keys."),
                t.muted,
            ));
            lines.push(Line::styled(tr("Press any key to close."), t.muted));
            let width = if (keys.len() as u16 + 8) <= area.height || area.width < 76 {
                74
            } else {
                area.width.saturating_sub(4)
            };
            popup(f, area, t, tr(" Help "), lines, width);
        }
        Overlay::ConfirmQuit(steps) => {
            let which = steps
                .iter()
                .map(|s| s.to_string())
                .collect::<Vec<_>>()
                .join(", ");
            let question = trf(
                "You typed something in step {which} and have not checked or saved it. Typed answers are not kept.",
                &[("which", &which)],
            );
            confirm(
                f,
                area,
                t,
                tr(" Leave the lesson? "),
                question,
                tr("leave anyway"),
                tr("stay"),
            );
        }
        Overlay::ConfirmReset(i) => {
            let title = app
                .picker
                .items
                .get(*i)
                .map(|it| it.title.clone())
                .unwrap_or_default();
            let question = trf(
                "Forget your progress, tries, hints and reflections in “{title}”?",
                &[("title", &title)],
            );
            confirm(
                f,
                area,
                t,
                tr(" Start over? "),
                question,
                tr("start over"),
                tr("keep it"),
            );
        }
        Overlay::Profile(p) => {
            let masked;
            let p = match &t.mask {
                Some(m) => {
                    masked = crate::tui::masking::profile(p, m, planned_kind(app, &p.name, m));
                    &masked
                }
                None => p,
            };
            let pct = |n: usize| {
                if p.rows == 0 {
                    0.0
                } else {
                    n as f64 * 100.0 / p.rows as f64
                }
            };
            let mut lines = vec![
                kv(
                    t,
                    tr("type"),
                    crate::data::types::ColumnType::from_name(p.kind)
                        .map_or(p.kind, |k| k.words())
                        .to_string(),
                ),
                kv(t, tr("rows"), crate::chart::group_thousands(p.rows as i64)),
                kv(
                    t,
                    tr("blank"),
                    format!("{} ({:.1}%)", p.nulls, pct(p.nulls)),
                ),
                kv(
                    t,
                    tr("distinct"),
                    crate::chart::group_thousands(p.distinct as i64),
                ),
                kv(
                    t,
                    tr("smallest"),
                    p.min.clone().unwrap_or_else(|| "—".into()),
                ),
                kv(
                    t,
                    tr("largest"),
                    p.max.clone().unwrap_or_else(|| "—".into()),
                ),
                Line::default(),
                Line::styled(tr("most common"), t.heading),
            ];
            let top = p.top.first().map(|x| x.1).unwrap_or(1).max(1);
            for (v, n) in &p.top {
                let bar = "█".repeat((n * 16).div_ceil(top).min(16));
                lines.push(Line::from(vec![
                    Span::styled(
                        format!(
                            "{:>20} ",
                            crate::text::truncate(&crate::text::sanitize_line(v), 20)
                        ),
                        t.text,
                    ),
                    Span::styled(bar, ratatui::style::Style::new().fg(t.palette[0])),
                    Span::styled(format!(" {n}"), t.muted),
                ]));
            }
            lines.push(Line::default());
            lines.push(Line::styled(tr("Press any key to close."), t.muted));
            let title = trf(
                " Column `{name}` ",
                &[("name", &crate::text::sanitize_line(&p.name))],
            );
            popup(f, area, t, &title, lines, 56);
        }
        Overlay::Finished => {
            let Some(s) = &app.session else { return };
            let done = s
                .progress
                .steps
                .iter()
                .filter(|p| p.status.is_done())
                .count();
            let shown = s
                .progress
                .steps
                .iter()
                .filter(|p| p.status == crate::progress::StepStatus::Shown)
                .count();
            let open = s.progress.steps.len() - done - shown;
            let secs = s.progress.seconds();
            let time = if secs < 60 {
                tr("Less than a minute spent.").to_string()
            } else {
                trf("About {m} minute(s) spent.", &[("m", &((secs + 30) / 60))])
            };
            let left = s.exercises_open();
            let head = if s.progress.finished {
                Line::styled(
                    trf(
                        "You finished “{title}”.",
                        &[("title", &s.lesson.meta.title)],
                    ),
                    t.ok,
                )
            } else {
                Line::styled(
                    trf(
                        "You reached the end of “{title}”.",
                        &[("title", &s.lesson.meta.title)],
                    ),
                    t.accent,
                )
            };
            let mut lines = vec![
                head,
                Line::default(),
                Line::styled(
                    trf(
                        "{done} steps done, {shown} with the solution shown, {open} still open.",
                        &[("done", &done), ("shown", &shown), ("open", &open)],
                    ),
                    t.text,
                ),
                Line::styled(time, t.text),
                Line::default(),
            ];
            if !left.is_empty() {
                let steps: Vec<String> = left.iter().map(usize::to_string).collect();
                lines.push(Line::styled(
                    trf(
                        "The lesson is finished when every exercise is solved or shown: steps {steps} are still to do.",
                        &[("steps", &steps.join(", "))],
                    ),
                    t.text,
                ));
                lines.push(Line::default());
            }
            if open > 0 {
                lines.push(Line::styled(
                    tr("Open steps stay open: come back to them any time from the lesson list."),
                    t.muted,
                ));
            }
            lines.push(Line::styled(tr("Press any key to go on."), t.muted));
            let title = if s.progress.finished {
                tr(" Well done ")
            } else {
                tr(" End of the lesson ")
            };
            popup(f, area, t, title, lines, 64);
        }
        Overlay::OpMenu { selected } => super::clean::draw_menu(f, area, *selected, t),
        Overlay::OpForm {
            form,
            preview,
            waiting,
            error,
        } => super::clean::draw_form(
            f,
            area,
            form,
            preview.as_ref(),
            waiting.is_some(),
            error.as_deref(),
            t,
        ),
        Overlay::Facet(v) => super::clean::draw_facet(f, area, v, t),
        Overlay::Cluster(c) => super::clean::draw_clusters(f, area, c, t),
        Overlay::GoTo(g) => super::coach::draw_goto(g, app, f, area),
        Overlay::Code { lang, scroll } => {
            let code = app.code_text(*lang);
            let code = crate::tui::masking::text(&code, t.mask.as_deref()).into_owned();
            let which = crate::tui::export::LANGS[*lang % 3];
            let mut lines = vec![Line::from(
                crate::tui::export::LANGS
                    .iter()
                    .map(|l| {
                        let style = if *l == which { t.selected } else { t.muted };
                        Span::styled(format!(" {} ", l.label()), style)
                    })
                    .collect::<Vec<_>>(),
            )];
            lines.push(Line::default());
            lines.extend(
                code.lines()
                    .skip(*scroll as usize)
                    .map(|l| Line::styled(crate::text::sanitize_line(l), t.code)),
            );
            lines.push(Line::default());
            lines.push(Line::styled(
                tr("Tab next language · ↑ ↓ scroll · any other key closes"),
                t.muted,
            ));
            popup(f, area, t, tr(" Your recipe as code "), lines, 84);
        }
        Overlay::SaveAs { what, path, error } => {
            let (title, what) = match what {
                crate::tui::export::SaveWhat::Recipe => (
                    tr(" Save the recipe "),
                    tr("Save the recipe (TOML) as a new file:"),
                ),
                crate::tui::export::SaveWhat::Data => (
                    tr(" Save the cleaned table "),
                    tr("Save the cleaned table (CSV) as a new file:"),
                ),
                crate::tui::export::SaveWhat::Picture => (
                    tr(" Save the chart "),
                    tr("Save the chart as a picture (.png or .svg) for a report or a slide:"),
                ),
            };
            let mut lines = vec![
                Line::styled(what, t.text),
                Line::default(),
                Line::styled(format!("{}▏", crate::text::sanitize_line(path)), t.selected),
                Line::default(),
            ];
            if let Some(e) = error {
                lines.push(Line::styled(crate::text::sanitize_line(e), t.bad));
                lines.push(Line::default());
            }
            lines.push(Line::styled(
                tr("Enter save · Backspace edit · Esc cancel (an existing file is never replaced)"),
                t.muted,
            ));
            popup(f, area, t, title, lines, 72);
        }
        Overlay::Message(m) => {
            let m = crate::tui::masking::error(m, t.mask.as_deref());
            let mut lines: Vec<Line> = m
                .lines()
                .map(|l| Line::styled(crate::text::sanitize_line(l), t.text))
                .collect();
            lines.push(Line::default());
            lines.push(Line::styled(tr("Press any key to close."), t.muted));
            popup(f, area, t, tr(" Note "), lines, 70);
        }
    }
}

/// The kind the step's table plan gives column `name` (so a profile of a query's
/// column is masked as the column it comes from); `None` when it is not the table shown.
fn planned_kind(
    app: &App,
    name: &str,
    m: &crate::data::mask::Masker,
) -> Option<Option<crate::data::mask::PiiKind>> {
    let ui = app.session.as_ref()?.ui();
    let df = crate::tui::app::table_of(ui)?;
    let at = df
        .get_column_names()
        .iter()
        .position(|n| n.as_str() == name)?;
    let mut state = ui.table.clone();
    state.plan(df, m).get(at).copied()
}

/// A yes/no question: `y` does `yes`, any other key does `no`.
fn confirm(
    f: &mut Frame,
    area: Rect,
    t: &Theme,
    title: &str,
    question: String,
    yes: &str,
    no: &str,
) {
    let lines = vec![
        Line::styled(question, t.text),
        Line::default(),
        Line::from(vec![
            Span::styled("y", t.accent),
            Span::styled(format!(" {yes}   "), t.text),
            Span::styled(tr("any other key"), t.accent),
            Span::styled(format!(" {no}"), t.text),
        ]),
    ];
    popup(f, area, t, title, lines, 60);
}

fn kv(t: &Theme, k: &str, v: String) -> Line<'static> {
    Line::from(vec![
        Span::styled(format!("{k:>10}  "), t.muted),
        Span::styled(crate::text::sanitize_line(&v), t.text),
    ])
}

/// A bordered popup centred in `area`, as tall as its wrapped lines.
pub fn popup(f: &mut Frame, area: Rect, t: &Theme, title: &str, lines: Vec<Line>, width: u16) {
    let w = width.min(area.width.saturating_sub(2));
    let p = Paragraph::new(lines).wrap(Wrap { trim: false });
    let h = (p.line_count(w.saturating_sub(4)) as u16 + 2).min(area.height.saturating_sub(2));
    let r = centered(area, w, h);
    f.render_widget(Clear, r);
    f.render_widget(
        p.block(
            Block::default()
                .borders(Borders::ALL)
                .border_style(t.border_focus)
                .title(Span::styled(title.to_string(), t.accent)),
        )
        .style(t.text),
        r,
    );
}
