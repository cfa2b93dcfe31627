//! The step screen: header with the lesson's progress, the step text, the panel
//! for the step's kind, feedback and hints, and a footer of the keys that work now.

use super::{Panes, panel, spinner};
use crate::i18n::{tr, tr_key, trf};
use crate::lesson::model::StepKind;
use crate::progress::StepStatus;
use crate::text::sanitize_line;
use crate::tui::app::App;
use crate::tui::markdown;
use crate::tui::masking;
use crate::tui::session::{Session, TRIES_BEFORE_SOLUTION};
use crate::tui::step_ui::Focus;
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, LineGauge, Paragraph, Wrap};

/// The banner shown while mask mode is on.
pub const MASKED: &str = tr_key("▌MASKED▐");

/// Wide enough to put text and panel side by side.
const SIDE_BY_SIDE: u16 = 110;

/// Draw the open lesson.
pub fn draw(app: &mut App, f: &mut Frame, area: Rect) {
    let busy = app.worker.busy().map(|l| {
        trf(
            "{spin} {label}… Esc stops",
            &[("spin", &spinner(app.spinner)), ("label", &l)],
        )
    });
    let theme = app.theme.clone();
    let progress = app
        .load_progress
        .as_ref()
        .map(|p| (p.fraction(), p.stage_said()));
    let [head, banner, live, rest, foot] = Layout::vertical([
        Constraint::Length(2),
        Constraint::Length(super::coach::banner_height(app, area.width)),
        Constraint::Length(super::live::height(app, area)),
        Constraint::Min(6),
        Constraint::Length(1),
    ])
    .areas(area);
    super::coach::draw_banner(app, f, banner);
    super::live::draw(app, f, live);
    let (main, coach_area) = super::coach::split(app, rest);
    let extra = FooterExtra {
        coach: app.coach.as_ref().map(|c| c.visible),
        watch: app.watch.as_ref().and_then(|w| w.status()),
    };
    let Some(s) = app.session.as_mut() else {
        return;
    };
    let feedback = feedback_lines(s, &theme);
    let stacked = main.width < SIDE_BY_SIDE;
    let panel_min = if s.workspace.is_some() {
        0
    } else {
        panel_min_height(s.step().kind())
    };
    let fb_h = if feedback.is_empty() {
        0
    } else {
        let p = Paragraph::new(feedback.clone()).wrap(Wrap { trim: false });
        // The panel's result and chart come before older feedback: in a small
        // window the feedback keeps what room the panel leaves, at least one line.
        let needed = panel_min + if stacked { TEXT_MIN } else { 0 };
        (p.line_count(main.width.saturating_sub(2)) as u16 + 1)
            .min(area.height / 3)
            .min(main.height.saturating_sub(needed).max(2))
    };
    let [body, fb] = Layout::vertical([Constraint::Min(6), Constraint::Length(fb_h)]).areas(main);
    header(s, &theme, f, head);
    let mut panes = Panes::default();
    if let Some(b) = &s.workspace {
        super::clean::draw_bench(
            f,
            body,
            b,
            &mut s.workspace_table,
            Some(tr(
                "A free workspace: clean any way you like; nothing here is checked. Esc or W goes back to the step.",
            )),
            &theme,
            true,
            tr("Clean workspace"),
        );
        panes.panel = body;
    } else if s.has_panel() {
        let (text_area, panel_area) = if body.width >= SIDE_BY_SIDE {
            let [a, b] =
                Layout::horizontal([Constraint::Percentage(40), Constraint::Percentage(60)])
                    .areas(body);
            (a, b)
        } else {
            let panel = match panel::compact_height(s, body.width) {
                Some(h) => Constraint::Length(h.min(body.height * 6 / 10)),
                None => {
                    // 62% of the room (rounded, as a percentage would be), and at
                    // least what the panel needs to show its point.
                    let share = ((u32::from(body.height) * 62 + 50) / 100) as u16;
                    Constraint::Length(
                        share.max(panel_min.min(body.height.saturating_sub(TEXT_MIN))),
                    )
                }
            };
            let [a, b] = Layout::vertical([Constraint::Min(TEXT_MIN), panel]).areas(body);
            (a, b)
        };
        text_pane(s, &theme, f, text_area);
        panes.text = text_area;
        panes.panel = panel_area;
        panes.input = panel::draw(s, &theme, f, panel_area);
    } else {
        text_pane(s, &theme, f, body);
        panes.text = body;
    }
    app.panes = panes;
    if fb_h > 0 {
        f.render_widget(
            Paragraph::new(feedback).wrap(Wrap { trim: false }).block(
                Block::default()
                    .borders(Borders::TOP)
                    .border_style(theme.border),
            ),
            fb,
        );
    }
    if let Some((done, stage)) = progress {
        // Reading a big export: a bar with the stage, so the learner sees it move.
        f.render_widget(
            LineGauge::default()
                .ratio(f64::from(done.clamp(0.0, 1.0)))
                .label(Span::styled(
                    trf(
                        " {stage} {pct}% · Esc stops ",
                        &[
                            ("stage", &stage),
                            ("pct", &format!("{:>3}", (done * 100.0) as u32)),
                        ],
                    ),
                    theme.accent,
                ))
                .filled_style(theme.accent)
                .unfilled_style(theme.muted),
            foot,
        );
        return;
    }
    let keys = busy.unwrap_or_else(|| {
        fit_footer(
            &footer_keys(s, &extra),
            (foot.width as usize).saturating_sub(1),
        )
    });
    f.render_widget(
        Paragraph::new(Line::styled(format!(" {keys}"), theme.muted)),
        foot,
    );
    if let (Some(r), Some(c), Some(s)) = (coach_area, app.coach.as_mut(), app.session.as_ref()) {
        super::coach::draw_panel(c, s, &theme, f, r);
    }
}

/// The fewest rows the step text keeps when the panes are stacked (its title; the
/// rest scrolls).
const TEXT_MIN: u16 = 3;

/// The rows a step's panel needs to show its point: a query's question, editor and
/// a few result rows; a table, chart or clean step's table. Feedback gets what is left.
fn panel_min_height(kind: StepKind) -> u16 {
    match kind {
        StepKind::Query => 13,
        StepKind::Table | StepKind::Chart | StepKind::Clean => 8,
        _ => 0,
    }
}

/// What the footer says besides the step's keys.
struct FooterExtra {
    /// Coach mode: whether the coach panel is shown.
    coach: Option<bool>,
    /// `--watch`: checking or reloaded.
    watch: Option<String>,
}

fn header(s: &Session, t: &Theme, f: &mut Frame, area: Rect) {
    let n = s.lesson.steps.len();
    let k = s.index() + 1;
    let status = match s.record().status {
        StepStatus::Done => Span::styled(tr("  ✓ done"), t.ok),
        StepStatus::Shown => Span::styled(tr("  solution shown"), t.hint),
        _ => Span::raw(""),
    };
    let where_ = trf("step {k} of {n}", &[("k", &k), ("n", &n)]);
    let right = if t.mask.is_some() {
        format!("{}  {where_} ", tr(MASKED))
    } else {
        format!("{where_} ")
    };
    let title = crate::text::truncate(
        &format!(" {}", sanitize_line(&s.lesson.meta.title)),
        (area.width as usize).saturating_sub(crate::text::display_width(&right) + 18),
    );
    let pad = (area.width as usize).saturating_sub(
        crate::text::display_width(&title) + crate::text::display_width(&right) + status.width(),
    );
    f.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled(title, t.accent),
            status,
            Span::raw(" ".repeat(pad)),
            Span::styled(right, t.text),
        ])),
        Rect { height: 1, ..area },
    );
    let done = s
        .progress
        .steps
        .iter()
        .filter(|p| p.status.is_closed())
        .count();
    f.render_widget(
        LineGauge::default()
            .ratio(k as f64 / n.max(1) as f64)
            .label(Span::styled(
                trf(" {done} of {n} finished ", &[("done", &done), ("n", &n)]),
                t.muted,
            ))
            .filled_style(t.accent)
            .unfilled_style(t.border),
        Rect {
            y: area.y + 1,
            height: 1,
            ..area
        },
    );
}

fn text_pane(s: &mut Session, t: &Theme, f: &mut Frame, area: Rect) {
    // The step's Markdown is rendered once, not on every frame.
    let i = s.index();
    let lines = match &s.steps[i].text_lines {
        Some(lines) => lines.clone(),
        None => {
            let step = s.step();
            let mut lines = vec![Line::styled(
                format!("{} · {}", i + 1, sanitize_line(&step.title)),
                t.heading,
            )];
            if let Some(text) = &step.text {
                lines.push(Line::default());
                lines.extend(markdown::render(text, t));
            }
            s.steps[i].text_lines = Some(lines.clone());
            lines
        }
    };
    let step = s.step();
    let focused = s.focus == Focus::Text;
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(if focused { t.border_focus } else { t.border })
        .title(Span::styled(
            format!(" {} ", tr(kind_label(step.kind()))),
            t.muted,
        ));
    let inner = block.inner(area);
    let p = Paragraph::new(lines).wrap(Wrap { trim: false });
    let total = p.line_count(inner.width) as u16;
    let max = total.saturating_sub(inner.height);
    let ui = s.ui_mut();
    ui.text_scroll = ui.text_scroll.min(max);
    let scroll = ui.text_scroll;
    let block = if max > 0 {
        block.title_bottom(Span::styled(
            trf(
                " {pct}% · ↑↓ scroll ",
                &[("pct", &((scroll as u32 * 100) / max as u32))],
            ),
            t.muted,
        ))
    } else {
        block
    };
    f.render_widget(p.scroll((scroll, 0)).block(block), area);
}

pub(crate) fn kind_label(k: StepKind) -> &'static str {
    match k {
        StepKind::Read => tr_key("read"),
        StepKind::Table => tr_key("look at the table"),
        StepKind::Chart => tr_key("look at the chart"),
        StepKind::Choice => tr_key("pick one"),
        StepKind::Answer => tr_key("answer"),
        StepKind::Query => tr_key("write SQL"),
        StepKind::Clean => tr_key("clean"),
        StepKind::Reflect => tr_key("reflect"),
    }
}

/// Verdict, hints, solution and notes, as lines. Every piece is made safe to draw:
/// messages can quote data values, and data can hold tabs and escape characters.
fn feedback_lines(s: &Session, t: &Theme) -> Vec<Line<'static>> {
    let lines = raw_feedback_lines(s, t);
    lines
        .into_iter()
        .map(|l| {
            let spans: Vec<Span<'static>> = l
                .spans
                .into_iter()
                .map(|sp| {
                    let clean = sanitize_line(&sp.content);
                    let shown = crate::tui::masking::text(&clean, t.mask.as_deref()).into_owned();
                    Span::styled(shown, sp.style)
                })
                .collect();
            Line::from(spans)
        })
        .collect()
}

fn raw_feedback_lines(s: &Session, t: &Theme) -> Vec<Line<'static>> {
    let mut out: Vec<Line<'static>> = Vec::new();
    let m = t.mask.as_deref();
    if let Some(e) = &s.load_error {
        out.push(Line::styled(
            trf(
                "The lesson's data could not be loaded: {e}",
                &[("e", &masking::error(e, m))],
            ),
            t.bad,
        ));
    }
    let ui = s.ui();
    if let Some(e) = ui.staged.as_ref().and_then(|st| st.error.as_ref()) {
        out.push(Line::styled(
            trf(
                "This step has a problem in the lesson file: {e}",
                &[("e", &masking::error(e, m))],
            ),
            t.bad,
        ));
    }
    if let Some(v) = &ui.verdict {
        let (mark, style) = if v.pass {
            (tr("✓ Correct"), t.ok)
        } else {
            (tr("✗ Not yet"), t.bad)
        };
        let mark = if s.step().kind() == StepKind::Reflect && v.pass {
            tr("✓ Saved")
        } else {
            mark
        };
        // A check's words can quote the learner's data (rows that differ, an
        // engine's error): they are shown as errors are.
        let sql = match s.step().kind() {
            StepKind::Query => ui.submitted.clone(),
            _ => String::new(),
        };
        let msg = masking::query_error(&v.message, &sql, m);
        out.push(Line::from(vec![
            Span::styled(mark.to_string(), style),
            Span::styled(format!(" — {msg}"), t.text),
        ]));
        for d in v.details.iter().take(4) {
            let d = masking::query_error(d, &sql, m);
            out.push(Line::styled(format!("  · {d}"), t.text));
        }
    }
    let n = s.step().hints.len();
    for (i, h) in s.hints_shown().iter().enumerate() {
        out.push(Line::from(vec![
            Span::styled(
                trf("Hint {k} of {n}: ", &[("k", &(i + 1)), ("n", &n)]),
                t.hint,
            ),
            Span::styled(h.clone(), t.text),
        ]));
    }
    if let Some(sol) = &ui.solution {
        match s.step().kind() {
            StepKind::Query => out.push(Line::styled(
                tr(
                    "Solution shown: it is in the editor now. Read it, run it with F5, and compare it with yours.",
                ),
                t.hint,
            )),
            _ => {
                out.push(Line::styled(tr("Solution:"), t.hint));
                for l in sol.lines() {
                    let l = solution_value(s, l, m);
                    out.push(Line::styled(format!("  {l}"), t.code));
                }
            }
        }
    }
    if let Some(n) = ui.note.as_ref().or(s.note.as_ref()) {
        for l in n.lines() {
            out.push(Line::styled(masking::error(l, m).into_owned(), t.accent));
        }
    }
    out
}

/// A line of a shown solution: an answer computed from the data is masked as the
/// column it comes from (a choice of names shows initials).
fn solution_value(s: &Session, line: &str, m: Option<&crate::data::mask::Masker>) -> String {
    use crate::lesson::model::{Expected, StepBody};
    let Some(m) = m else {
        return line.to_string();
    };
    let kind = match &s.step().body {
        StepBody::Answer {
            answer: Expected::Sql(sql),
            ..
        }
        | StepBody::Choice {
            answer: Expected::Sql(sql),
            ..
        } => m.sql_value_kind(sql, 0, &[line]),
        StepBody::Answer { .. } | StepBody::Choice { .. } => m.column_kind("", &[line]),
        _ => return m.scrub(line),
    };
    m.scrub(&m.cell(kind, line))
}

/// The keys that work right now, most useful first.
fn footer_keys(s: &Session, extra: &FooterExtra) -> Vec<String> {
    let mut k: Vec<String> = extra.watch.iter().cloned().collect();
    if s.workspace.is_some() {
        k.extend(
            tr("o clean · u undo · U redo · [ ] column · ↑↓ scroll · Esc back to the step")
                .split(" · ")
                .map(str::to_string),
        );
        return k;
    }
    let kind = s.step().kind();
    if s.focus == Focus::Input && s.has_input() {
        match kind {
            StepKind::Answer => k.push(tr("Enter check").into()),
            StepKind::Choice => {
                k.push(tr("↑↓ or 1-9 choose").into());
                k.push(tr("Enter check").into());
            }
            StepKind::Query => {
                k.push(tr("F5 run").into());
                k.push(tr("Ctrl-S check").into());
            }
            StepKind::Reflect => k.push(tr("Enter save").into()),
            _ => {}
        }
        k.push(tr("Esc leave the box").into());
        k.push(tr("Tab focus").into());
    } else {
        k.push(tr("n next").into());
        k.push(tr("p back").into());
        if let Some(shown) = extra.coach {
            k.push(tr("g go to").into());
            k.push(
                if shown {
                    tr("C hide coach")
                } else {
                    tr("C show coach")
                }
                .into(),
            );
        }
        match kind {
            StepKind::Query => {
                k.push(tr("Enter write").into());
                k.push(tr("F5 run").into());
                k.push(tr("Ctrl-S check").into());
            }
            StepKind::Clean => {
                k.push(tr("o clean").into());
                k.push(tr("u undo").into());
                k.push(tr("Enter check").into());
            }
            StepKind::Reflect => k.push(tr("Enter write").into()),
            _ if s.has_input() => k.push(tr("Enter answer").into()),
            _ => {}
        }
        k.push(tr("Tab focus").into());
        k.push(tr("↑↓ scroll").into());
    }
    // While typing, letters go into the box, so h and s are not offered (choices excepted).
    let typing = s.focus == Focus::Input && kind != StepKind::Choice;
    if kind.is_exercise() && kind != StepKind::Reflect && !typing {
        let n = s.step().hints.len();
        let shown = s.record().hints as usize;
        if n > 0 && shown < n {
            k.push(trf(
                "h hint ({k} of {n})",
                &[("k", &(shown + 1)), ("n", &n)],
            ));
        }
        let rec = s.record();
        if rec.tries >= TRIES_BEFORE_SOLUTION || rec.status.is_closed() {
            k.push(tr("s solution").into());
        }
    }
    if !(s.focus == Focus::Input
        && matches!(kind, StepKind::Answer | StepKind::Query | StepKind::Reflect))
    {
        k.push(tr("? help").into());
        k.push(tr("q quit").into());
    }
    k
}

/// The footer's keys that fit in `width` columns, in their order, joined with ` · `.
/// When they do not all fit, the least useful go first (moving the focus and
/// scrolling, then the last ones; `? help`, which lists them all, `q quit`, the hint
/// and the solution stay longest); a key is never cut in two.
fn fit_footer(keys: &[String], width: usize) -> String {
    const SEP: usize = 3;
    let rank = |i: usize, k: &str| -> usize {
        if i == 0 {
            0
        } else if k == tr("? help") || k == tr("q quit") {
            1
        } else if k.starts_with("h ") || k.starts_with("s ") {
            2
        } else if k == tr("Tab focus") || k == tr("↑↓ scroll") {
            1000 + i
        } else {
            i + 3
        }
    };
    let mut order: Vec<usize> = (0..keys.len()).collect();
    order.sort_by_key(|&i| rank(i, &keys[i]));
    let mut keep = vec![false; keys.len()];
    let mut used = 0usize;
    for i in order {
        let w = crate::text::display_width(&keys[i]) + if used == 0 { 0 } else { SEP };
        if used + w > width {
            break;
        }
        used += w;
        keep[i] = true;
    }
    keys.iter()
        .zip(keep)
        .filter(|(_, k)| *k)
        .map(|(s, _)| s.as_str())
        .collect::<Vec<_>>()
        .join(" · ")
}

#[cfg(test)]
mod tests {
    use super::fit_footer;

    #[test]
    fn the_footer_drops_whole_keys_and_keeps_help_and_quit() {
        let keys: Vec<String> = [
            "n next",
            "p back",
            "Enter check",
            "F5 run",
            "Tab focus",
            "h hint (1 of 2)",
            "? help",
            "q quit",
        ]
        .map(String::from)
        .to_vec();
        assert_eq!(
            fit_footer(&keys, 200),
            "n next · p back · Enter check · F5 run · Tab focus · h hint (1 of 2) · ? help · q quit"
        );
        assert_eq!(
            fit_footer(&keys, 60),
            "n next · p back · h hint (1 of 2) · ? help · q quit"
        );
        assert_eq!(fit_footer(&keys, 3), "");
    }
}
