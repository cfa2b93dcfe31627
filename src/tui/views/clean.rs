//! The cleaning tools on screen: a bench (rules, recipe, table), the free
//! workspace, the op menu and the op form with its before/after preview.

use super::overlay::popup;
use super::table;
use crate::data::recipe::describe;
use crate::i18n::{tr, tr_key, trf, trn};
use crate::text::{sanitize_line, truncate};
use crate::tui::bench::Bench;
use crate::tui::op_form::{FieldKind, MENU, OpForm};
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

/// The keys of the cleaning tools, for the panel and the help.
pub const KEYS: &str = tr_key(
    "o clean · f values · v variants · u undo · U redo · c code · e save recipe · W workspace",
);

/// The rules and the recipe so far, as lines.
pub fn bench_lines(b: &Bench, question: Option<&str>, t: &Theme) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    if let Some(q) = question {
        lines.push(Line::styled(sanitize_line(q), t.accent));
    }
    for r in &b.rules {
        let (mark, style) = if r.pass {
            ("✓", t.ok)
        } else {
            ("✗", t.bad)
        };
        let message = sanitize_line(&r.message);
        lines.push(Line::from(vec![
            Span::styled(format!("{mark} "), style),
            Span::styled(
                crate::tui::masking::data_text(&message, t.mask.as_deref()).into_owned(),
                t.text,
            ),
        ]));
    }
    if let Some(e) = &b.error {
        lines.push(Line::styled(error_line(e, t), t.bad));
    }
    if b.ops.is_empty() {
        lines.push(Line::styled(
            trf("No cleaning yet. {keys}", &[("keys", &tr(KEYS))]),
            t.muted,
        ));
    } else {
        lines.push(Line::styled(tr("Your recipe:"), t.heading));
        for (i, op) in b.ops.iter().enumerate() {
            let did = b
                .outcomes
                .get(i)
                .map(|o| match (o.rows_changed, o.rows_removed) {
                    (0, 0) => String::new(),
                    (c, 0) => trn(
                        c,
                        tr_key(" — 1 row changed"),
                        tr_key(" — {n} rows changed"),
                        &[("n", &crate::chart::group_thousands(c as i64))],
                    ),
                    (_, r) => trn(
                        r,
                        tr_key(" — 1 row removed"),
                        tr_key(" — {n} rows removed"),
                        &[("n", &crate::chart::group_thousands(r as i64))],
                    ),
                })
                .unwrap_or_default();
            lines.push(Line::from(vec![
                Span::styled(format!("{:>2}. ", i + 1), t.muted),
                Span::styled(sanitize_line(&describe(op)), t.text),
                Span::styled(did, t.muted),
            ]));
        }
        lines.push(Line::styled(tr(KEYS), t.muted));
    }
    lines
}

/// A bench in `area`: rules and recipe on top, the table below.
#[allow(clippy::too_many_arguments)]
pub fn draw_bench(
    f: &mut Frame,
    area: Rect,
    b: &Bench,
    state: &mut table::TableState,
    question: Option<&str>,
    t: &Theme,
    focused: bool,
    title: &str,
) {
    let p = Paragraph::new(bench_lines(b, question, t)).wrap(Wrap { trim: true });
    let rh = (p.line_count(area.width.saturating_sub(2)) as u16 + 2).min(area.height / 2);
    let [qa, ta] = Layout::vertical([Constraint::Length(rh), Constraint::Min(3)]).areas(area);
    f.render_widget(
        p.block(
            Block::default()
                .borders(Borders::ALL)
                .border_style(t.border)
                .title(Span::styled(format!(" {title} "), t.muted)),
        ),
        qa,
    );
    table::render(f, ta, &b.current, state, t, focused, &b.table);
}

/// The op menu.
pub fn draw_menu(f: &mut Frame, area: Rect, selected: usize, t: &Theme) {
    let mut lines = vec![
        Line::styled(tr("Pick a cleaning step for the selected column:"), t.text),
        Line::default(),
    ];
    for (i, k) in MENU.iter().enumerate() {
        let style = if i == selected { t.selected } else { t.text };
        lines.push(Line::from(vec![
            Span::styled(if i == selected { "▶ " } else { "  " }, t.accent),
            Span::styled(format!("{:<16}", k.name), style),
            Span::styled(crate::i18n::tr_dyn(k.what), t.muted),
        ]));
    }
    lines.push(Line::default());
    lines.push(Line::styled(
        tr("↑ ↓ choose · Enter settings · Esc close"),
        t.muted,
    ));
    popup(f, area, t, tr(" Clean "), lines, 72);
}

/// The op form with its preview.
pub fn draw_form(
    f: &mut Frame,
    area: Rect,
    form: &OpForm,
    preview: Option<&(
        crate::data::recipe::Op,
        Result<crate::data::preview::Preview, String>,
    )>,
    waiting: bool,
    error: Option<&str>,
    t: &Theme,
) {
    let mut lines = vec![
        Line::styled(crate::i18n::tr_dyn(form.what), t.muted),
        Line::default(),
    ];
    let key_w = form
        .fields
        .iter()
        .map(|f| f.key.len())
        .max()
        .unwrap_or(8)
        .max(8);
    for (i, field) in form.fields.iter().enumerate() {
        let here = i == form.at;
        let value = match field.kind {
            FieldKind::Pick(_) => format!("‹ {} ›", field.value),
            FieldKind::Flag => format!("[{}]", if field.value == "yes" { "x" } else { " " }),
            _ => format!("{}{}", field.value, if here { "▏" } else { "" }),
        };
        // An example shows only in an empty field, in its place (a placeholder),
        // never after a value the learner or the variants tool wrote.
        let example = example(field.kind).filter(|_| field.value.is_empty());
        let hint = match example {
            Some(e) => format!(" {e}"),
            None => format!("  {}", tr(hint(field.kind))),
        };
        lines.push(Line::from(vec![
            Span::styled(if here { "▶ " } else { "  " }, t.accent),
            Span::styled(format!("{:>key_w$}  ", field.key), t.muted),
            Span::styled(
                sanitize_line(&value),
                if here { t.selected } else { t.text },
            ),
            Span::styled(hint, t.muted),
        ]));
    }
    lines.push(Line::default());
    if let Some(e) = error {
        lines.push(Line::styled(error_line(e, t), t.bad));
    } else if waiting {
        lines.push(Line::styled(tr("Trying it on your table…"), t.muted));
    } else if let Some((op, p)) = preview {
        match p {
            Err(e) => lines.push(Line::styled(error_line(e, t), t.bad)),
            Ok(p) => {
                lines.push(Line::styled(
                    trf("Preview of {op}:", &[("op", &truncate(&describe(op), 60))]),
                    t.heading,
                ));
                let summary = match (p.outcome.rows_changed, p.outcome.rows_removed) {
                    (0, 0) if p.added.is_empty() && p.removed.is_empty() => {
                        tr("changes no row.").to_string()
                    }
                    (c, 0) => trn(
                        c,
                        tr_key("1 row changes."),
                        tr_key("{n} rows change."),
                        &[("n", &crate::chart::group_thousands(c as i64))],
                    ),
                    (_, r) => trn(
                        r,
                        tr_key("1 row is removed."),
                        tr_key("{n} rows are removed."),
                        &[("n", &crate::chart::group_thousands(r as i64))],
                    ),
                };
                lines.push(Line::styled(summary, t.text));
                if !p.added.is_empty() {
                    lines.push(Line::styled(
                        trf("new columns: {cols}", &[("cols", &p.added.join(", "))]),
                        t.text,
                    ));
                }
                if !p.removed.is_empty() {
                    lines.push(Line::styled(
                        trf(
                            "removed columns: {cols}",
                            &[("cols", &p.removed.join(", "))],
                        ),
                        t.text,
                    ));
                }
                let kind = t.mask.as_ref().and_then(|m| {
                    let sample: Vec<&str> = p.changes.iter().map(|c| c.before.as_str()).collect();
                    m.column_kind(p.column.as_deref().unwrap_or(""), &sample)
                });
                let hide = |v: &str| -> String {
                    match &t.mask {
                        Some(m) => m.cell(kind, v).into_owned(),
                        None => v.to_string(),
                    }
                };
                // Values whose change is only at their ends (spaces) are quoted so
                // the change can be seen.
                let ends = p.changes.iter().any(|c| {
                    let edge = |v: &str| v.trim() != v || v.is_empty();
                    edge(&c.before) || c.after.as_deref().is_some_and(edge)
                });
                let shown = |v: String| if ends { format!("“{v}”") } else { v };
                for c in &p.changes {
                    let before = shown(hide(&c.before));
                    let after = c.after.as_deref().map(|a| sanitize_line(&shown(hide(a))));
                    lines.push(Line::from(vec![
                        Span::styled(
                            trf("row {n}  ", &[("n", &format!("{:>6}", c.row))]),
                            t.muted,
                        ),
                        Span::styled(truncate(&sanitize_line(&before), 24), t.bad),
                        Span::styled("  →  ", t.muted),
                        Span::styled(
                            after
                                .map(|a| truncate(&a, 36))
                                .unwrap_or_else(|| tr("(row removed)").into()),
                            t.ok,
                        ),
                    ]));
                }
                lines.push(Line::default());
                lines.push(Line::styled(
                    tr("Enter applies it · edit a setting to try again"),
                    t.accent,
                ));
            }
        }
    }
    lines.push(Line::styled(
        tr("↑ ↓ setting · type to change · Enter preview · Esc close"),
        t.muted,
    ));
    popup(f, area, t, &format!(" {} ", form.op), lines, 76);
}

fn hint(kind: FieldKind) -> &'static str {
    match kind {
        FieldKind::Pick(_) => tr_key("← → to change"),
        FieldKind::Flag => tr_key("Space to switch"),
        FieldKind::List => tr_key("comma-separated"),
        FieldKind::Pairs | FieldKind::Number | FieldKind::Text => "",
    }
}

/// What to type in an empty field of this kind, shown where the value goes.
fn example(kind: FieldKind) -> Option<&'static str> {
    match kind {
        FieldKind::Pairs => Some("Essex Co. = Essex; \"Esex \" = Essex"),
        _ => None,
    }
}

/// The facet popup: every value of a column with its count.
pub fn draw_facet(f: &mut Frame, area: Rect, v: &crate::tui::facet::Facet, t: &Theme) {
    let mut lines = Vec::new();
    match &v.counts {
        None => lines.push(Line::styled(tr("Counting…"), t.muted)),
        Some(Err(e)) => lines.push(Line::styled(error_line(e, t), t.bad)),
        Some(Ok(counts)) => {
            let sample: Vec<&str> = counts.iter().take(200).map(|(s, _)| s.as_str()).collect();
            let kind = t
                .mask
                .as_ref()
                .and_then(|m| m.column_kind(&v.column, &sample));
            lines.push(Line::styled(
                format!(
                    "{} distinct values (blanks not counted)",
                    crate::chart::group_thousands(counts.len() as i64)
                ),
                t.muted,
            ));
            let rows = (area.height as usize).saturating_sub(10).max(3);
            let first = v.at.saturating_sub(rows.saturating_sub(1));
            let top = counts.first().map(|c| c.1).unwrap_or(1).max(1);
            for (i, (value, n)) in counts.iter().enumerate().skip(first).take(rows) {
                let shown = match &t.mask {
                    Some(m) => m.cell(kind, value).into_owned(),
                    None => value.clone(),
                };
                // Spaces at the ends matter here: show them as ·.
                let shown = visible_spaces(&sanitize_line(&shown));
                let bar = "█".repeat((n * 12).div_ceil(top).min(12));
                lines.push(Line::from(vec![
                    Span::styled(if i == v.at { "▶ " } else { "  " }, t.accent),
                    Span::styled(
                        format!("{:<28} ", truncate(&shown, 28)),
                        if i == v.at { t.selected } else { t.text },
                    ),
                    Span::styled(bar, ratatui::style::Style::new().fg(t.palette[0])),
                    Span::styled(format!(" {n}"), t.muted),
                ]));
            }
        }
    }
    lines.push(Line::default());
    lines.push(Line::styled(
        tr("↑ ↓ move · Enter respell this value · v find variants · Esc close"),
        t.muted,
    ));
    popup(
        f,
        area,
        t,
        &trf(" Values of `{col}` ", &[("col", &sanitize_line(&v.column))]),
        lines,
        64,
    );
}

/// The cluster popup: groups of spellings, ticked ones merged into the chosen one.
pub fn draw_clusters(f: &mut Frame, area: Rect, c: &crate::tui::facet::ClusterView, t: &Theme) {
    let method = crate::tui::facet::METHODS[c.method.min(3)];
    let mut lines = vec![Line::from(vec![
        Span::styled(tr("Grouped by "), t.muted),
        Span::styled(crate::tui::facet::method_label(method), t.accent),
        Span::styled(tr("  (Tab: try another way)"), t.muted),
    ])];
    match &c.found {
        None => lines.push(Line::styled(tr("Looking for variants…"), t.muted)),
        Some(Err(e)) => lines.push(Line::styled(error_line(e, t), t.bad)),
        Some(Ok(found)) if found.is_empty() => lines.push(Line::styled(
            tr("No variants found this way. Tab tries a looser way."),
            t.text,
        )),
        Some(Ok(found)) => {
            let sample: Vec<&str> = found
                .iter()
                .flat_map(|cl| cl.values.iter().map(|(v, _)| v.as_str()))
                .take(200)
                .collect();
            let kind = t
                .mask
                .as_ref()
                .and_then(|m| m.column_kind(&c.column, &sample));
            let hide = |v: &str| -> String {
                let v = match &t.mask {
                    Some(m) => m.cell(kind, v).into_owned(),
                    None => v.to_string(),
                };
                visible_spaces(&sanitize_line(&v))
            };
            let room = (area.height as usize).saturating_sub(10).max(4);
            let mut used = 0;
            for (i, cl) in found.iter().enumerate().skip(c.at.saturating_sub(2)) {
                if used >= room {
                    break;
                }
                let tick = if c.ticked.get(i).copied().unwrap_or(false) {
                    "[x] "
                } else {
                    "[ ] "
                };
                lines.push(Line::from(vec![
                    Span::styled(if i == c.at { "▶ " } else { "  " }, t.accent),
                    Span::styled(tick, t.accent),
                    Span::styled(tr("merge into "), t.muted),
                    Span::styled(
                        format!("“{}”", hide(&cl.suggested)),
                        if i == c.at { t.selected } else { t.ok },
                    ),
                    Span::styled(
                        trf(
                            "  ({n} spellings, {rows})",
                            &[
                                ("n", &cl.values.len()),
                                (
                                    "rows",
                                    &trn(
                                        cl.rows(),
                                        tr_key("1 row"),
                                        tr_key("{n} rows"),
                                        &[("n", &crate::chart::group_thousands(cl.rows() as i64))],
                                    ),
                                ),
                            ],
                        ),
                        t.muted,
                    ),
                ]));
                used += 1;
                for (v, n) in cl.values.iter().take(6) {
                    if used >= room {
                        break;
                    }
                    lines.push(Line::from(vec![
                        Span::raw("        "),
                        Span::styled(format!("“{}”", hide(v)), t.text),
                        Span::styled(format!(" × {n}"), t.muted),
                    ]));
                    used += 1;
                }
            }
        }
    }
    lines.push(Line::default());
    lines.push(Line::styled(
        tr("↑ ↓ move · Space tick · ← → choose the spelling · a all · Enter merge ticked · Esc close"),
        t.muted,
    ));
    popup(
        f,
        area,
        t,
        &trf(
            " Variants in `{col}` ",
            &[("col", &sanitize_line(&c.column))],
        ),
        lines,
        76,
    );
}

/// Spaces at either end of a value, drawn as `·` so `essex ` differs from `essex`.
fn visible_spaces(s: &str) -> String {
    let start = s.len() - s.trim_start().len();
    let end = s.trim_end().len();
    if start == 0 && end == s.len() {
        return s.to_string();
    }
    format!(
        "{}{}{}",
        "·".repeat(start),
        &s[start..end.max(start)],
        "·".repeat(s.len() - end.max(start))
    )
}

/// An error as the screen shows it: scrubbed of data values in mask mode.
fn error_line(e: &str, t: &Theme) -> String {
    sanitize_line(&crate::tui::masking::error(e, t.mask.as_deref()))
}
