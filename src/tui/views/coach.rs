//! Coach mode on screen: the coach panel beside the step (notes, solution, mistakes,
//! the call timer), the go-to-step list, and `--watch`'s banner of lesson-file errors.
//! Everything drawn here passes the mask: data values never show unmasked.

use super::overlay::popup;
use crate::i18n::{tr, tr_dyn, tr_key, trf};
use crate::lesson::model::{Choices, Expected, Step, StepBody, TableSource};
use crate::progress::StepStatus;
use crate::text::sanitize_line;
use crate::tui::app::App;
use crate::tui::coach::{Coach, GoTo, clock};
use crate::tui::session::Session;
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

/// From this width the panel stands beside the step; below it, under the step.
const BESIDE: u16 = 100;

/// Split `area` into the step's part and the coach panel's, when the panel is shown.
pub fn split(app: &App, area: Rect) -> (Rect, Option<Rect>) {
    if !app.coach.as_ref().is_some_and(|c| c.visible) {
        return (area, None);
    }
    if area.width >= BESIDE {
        let w = (area.width / 100 * 32 + area.width % 100 * 32 / 100).clamp(34, 56);
        let main = Rect {
            width: area.width - w,
            ..area
        };
        let panel = Rect {
            x: area.x + main.width,
            width: w,
            ..area
        };
        (main, Some(panel))
    } else {
        let h = (area.height * 2 / 5)
            .clamp(5, 14)
            .min(area.height.saturating_sub(6));
        let main = Rect {
            height: area.height - h,
            ..area
        };
        let panel = Rect {
            y: area.y + main.height,
            height: h,
            ..area
        };
        (main, Some(panel))
    }
}

/// Draw the coach panel for the current step.
pub fn draw_panel(coach: &mut Coach, s: &Session, t: &Theme, f: &mut Frame, area: Rect) {
    let elapsed = coach.elapsed();
    coach.drawn_second = elapsed.as_secs();
    // A short panel (under the step on a narrow window) leaves out the spacing.
    let compact = area.height < 16;
    let lines: Vec<Line<'static>> = panel_lines(coach, s, t, compact)
        .into_iter()
        .map(|l| masked(l, t))
        .collect();
    let text = Paragraph::new(lines).wrap(Wrap { trim: false });
    let inner_h = area.height.saturating_sub(2);
    let total = text.line_count(area.width.saturating_sub(2)) as u16;
    let top = coach.scroll.fit(s.index(), total, inner_h);
    let mut block = Block::default()
        .borders(Borders::ALL)
        .border_style(t.border)
        .title(Span::styled(
            trf(" Coach · {clock} ", &[("clock", &clock(elapsed))]),
            t.accent,
        ))
        .title_bottom(Span::styled(tr(" C hide · T timer · g go to "), t.muted));
    // The panel says when there is more than it shows, and which keys scroll it.
    if coach.scroll.max > 0 {
        let more = match (top > 0, coach.scroll.more_below()) {
            (_, true) => tr(" J: more ↓ "),
            (true, false) => tr(" K: back ↑ "),
            (false, false) => "",
        };
        block = block.title(Line::from(Span::styled(more, t.hint)).right_aligned());
    }
    f.render_widget(text.scroll((top, 0)).block(block), area);
}

/// Every span made safe to draw and masked: answers computed from the data, and
/// lesson text quoting a member, are learner data. A value the mask must recognise
/// (a name, an email) is given a span of its own.
fn masked(l: Line<'static>, t: &Theme) -> Line<'static> {
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
}

fn panel_lines(coach: &Coach, s: &Session, t: &Theme, compact: bool) -> Vec<Line<'static>> {
    let step = s.step();
    let i = s.index();
    let rec = s.record();
    let gap = |out: &mut Vec<Line<'static>>| {
        if !compact {
            out.push(Line::default());
        }
    };
    let mut out = Vec::new();
    if !compact {
        out.push(Line::styled(
            trf(
                "Step {k} of {n} · {kind}",
                &[
                    ("k", &(i + 1)),
                    ("n", &s.lesson.steps.len()),
                    ("kind", &tr(super::step::kind_label(step.kind()))),
                ],
            ),
            t.heading,
        ));
    }
    if step.kind().is_exercise() {
        out.push(Line::styled(
            trf(
                "Learner: {status} · {tries} tries · {hints} of {all} hints",
                &[
                    ("status", &tr_dyn(status_label(rec.status))),
                    ("tries", &rec.tries),
                    ("hints", &rec.hints.min(step.hints.len() as u32)),
                    ("all", &step.hints.len()),
                ],
            ),
            t.muted,
        ));
    }
    gap(&mut out);
    match &step.coach {
        Some(n) if compact => out.push(Line::from(vec![
            Span::styled(tr("Notes: "), t.heading),
            Span::styled(n.replace('\n', " "), t.text),
        ])),
        Some(n) => {
            out.push(Line::styled(tr("Notes"), t.heading));
            out.extend(n.lines().map(|l| Line::styled(l.to_string(), t.text)));
        }
        None => out.push(Line::styled(tr("No coach notes for this step."), t.muted)),
    }
    let solution = solution_lines(coach, s, step, t);
    if !solution.is_empty() {
        gap(&mut out);
        out.extend(solution);
    }
    if !step.mistakes.is_empty() {
        gap(&mut out);
        out.push(Line::styled(tr("Mistakes"), t.heading));
        for m in &step.mistakes {
            if let Some(a) = &m.answer {
                out.push(Line::from(vec![
                    Span::styled(tr("answer "), t.muted),
                    Span::styled(
                        mask_value(&a.0, &choices_shown(s), answer_sql(step), t),
                        t.code,
                    ),
                ]));
            }
            if let Some(sql) = &m.sql {
                out.extend(code(sql, t));
            }
            out.push(Line::from(vec![
                Span::styled("→ ", t.hint),
                Span::styled(m.feedback.clone(), t.text),
            ]));
        }
    }
    out
}

fn solution_lines(coach: &Coach, s: &Session, step: &Step, t: &Theme) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    let heading = |w: &str| Line::styled(tr_dyn(w).to_string(), t.heading);
    match &step.body {
        StepBody::Answer { answer, .. } | StepBody::Choice { answer, .. } => {
            out.push(heading(tr_key("Answer")));
            match answer {
                Expected::Given(v) => out.push(Line::styled(
                    mask_value(&v.0, &choices_shown(s), None, t),
                    t.ok,
                )),
                Expected::Sql(sql) => {
                    out.extend(code(sql, t));
                    let value = match coach.answers.get(&s.index()) {
                        Some(Ok(v)) => Line::from(vec![
                            Span::styled("= ", t.ok),
                            Span::styled(mask_value(v, &choices_shown(s), Some(sql), t), t.ok),
                        ]),
                        // A data error can quote values: under masking say only that.
                        Some(Err(_)) if t.mask.is_some() => {
                            Line::styled(tr("could not compute it on this data"), t.bad)
                        }
                        Some(Err(e)) => {
                            Line::styled(trf("could not compute: {e}", &[("e", e)]), t.bad)
                        }
                        None if s.catalog.is_none() => {
                            Line::styled(tr("= (the data is still loading)"), t.muted)
                        }
                        None => Line::styled(tr("= (computing…)"), t.muted),
                    };
                    out.push(value);
                }
            }
            if let StepBody::Choice { choices, .. } = &step.body {
                out.extend(choice_position(coach, s, answer, choices, t));
            }
        }
        StepBody::Query { solution, .. } => {
            out.push(heading(tr_key("Solution")));
            out.extend(code(solution, t));
        }
        StepBody::Clean {
            solution, expect, ..
        } => {
            out.push(heading(tr_key("Solution ops")));
            for op in solution {
                out.push(Line::styled(crate::data::recipe::describe(op), t.code));
            }
            // The learner reads patterns in words; the coach sees the pattern itself.
            for r in expect {
                if let crate::lesson::model::Rule::Matches { column, pattern } = r {
                    out.push(Line::styled(
                        trf(
                            "rule: `{column}` matches {pattern}",
                            &[("column", column), ("pattern", pattern)],
                        ),
                        t.code,
                    ));
                }
            }
        }
        StepBody::Chart { sql, .. }
        | StepBody::Table {
            source: TableSource::Sql(sql),
        } => {
            out.push(heading(tr_key("The step's query")));
            out.extend(code(sql, t));
        }
        StepBody::Read | StepBody::Table { .. } | StepBody::Reflect { .. } => {}
    }
    out
}

/// A data value (an answer, a choice) masked as its column would be: the query it
/// comes from (`sql`, followed to its source columns) and the choices of the step
/// tell a column of names from a column of counties.
fn mask_value(value: &str, choices: &[String], sql: Option<&str>, t: &Theme) -> String {
    let Some(m) = &t.mask else {
        return value.to_string();
    };
    let sample: Vec<&str> = if choices.is_empty() {
        vec![value]
    } else {
        choices.iter().map(String::as_str).collect()
    };
    let kind = match sql {
        Some(sql) => m.sql_value_kind(sql, 0, &sample),
        None => m.column_kind("", &sample),
    };
    m.scrub(&m.cell(kind, value))
}

/// The SQL a step's answer is computed with, if any.
fn answer_sql(step: &Step) -> Option<&str> {
    match &step.body {
        StepBody::Answer {
            answer: Expected::Sql(sql),
            ..
        }
        | StepBody::Choice {
            answer: Expected::Sql(sql),
            ..
        } => Some(sql),
        _ => None,
    }
}

/// The choices the learner sees (none for other steps, or before they are computed).
fn choices_shown(s: &Session) -> Vec<String> {
    s.ui()
        .staged
        .as_ref()
        .map(|st| st.choices.clone())
        .unwrap_or_default()
}

/// Which of the choices shown is the right one (`choice 2 of 4`).
fn choice_position(
    coach: &Coach,
    s: &Session,
    answer: &Expected,
    choices: &Choices,
    t: &Theme,
) -> Option<Line<'static>> {
    let value = match answer {
        Expected::Given(v) => v.0.clone(),
        Expected::Sql(_) => coach.answers.get(&s.index())?.clone().ok()?,
    };
    let shown: Vec<String> = match choices {
        Choices::Given(list) => list.clone(),
        Choices::Sql(_) => s.ui().staged.as_ref()?.choices.clone(),
    };
    let at = shown
        .iter()
        .position(|c| crate::check::answer::same_answer(c, &value, 0.0))?;
    Some(Line::styled(
        trf(
            "the right choice is {k} of {n}",
            &[("k", &(at + 1)), ("n", &shown.len())],
        ),
        t.muted,
    ))
}

fn code(sql: &str, t: &Theme) -> Vec<Line<'static>> {
    sql.lines()
        .map(|l| Line::styled(l.to_string(), t.code))
        .collect()
}

fn status_label(st: StepStatus) -> &'static str {
    match st {
        StepStatus::NotSeen => tr_key("not seen"),
        StepStatus::Open => tr_key("open"),
        StepStatus::Done => tr_key("✓ done"),
        StepStatus::Shown => tr_key("solution shown"),
        StepStatus::Skipped => tr_key("skipped"),
    }
}

/// The go-to-step list.
pub fn draw_goto(g: &GoTo, app: &App, f: &mut Frame, area: Rect) {
    let t = &app.theme;
    let Some(s) = &app.session else { return };
    let typed = if g.typed.is_empty() {
        Line::styled(tr("Type a step number, or choose with ↑ ↓"), t.muted)
    } else {
        Line::styled(
            trf("Go to step {typed}▏", &[("typed", &g.typed)]),
            t.selected,
        )
    };
    let mut lines = vec![typed];
    if let Some(e) = &g.error {
        lines.push(Line::styled(e.clone(), t.bad));
    }
    lines.push(Line::default());
    let room = area.height.saturating_sub(10).max(3) as usize;
    let n = s.lesson.steps.len();
    let first = g.at.saturating_sub(room / 2).min(n.saturating_sub(room));
    for (i, step) in s.lesson.steps.iter().enumerate().skip(first).take(room) {
        let status = s
            .progress
            .steps
            .get(i)
            .map_or(StepStatus::NotSeen, |p| p.status);
        let mark = if i == s.index() { "▶" } else { " " };
        let style: Style = if i == g.at { t.selected } else { t.text };
        let done_style = if status.is_done() { t.ok } else { t.muted };
        lines.push(Line::from(vec![
            Span::styled(format!("{mark}{:>3} ", i + 1), style),
            Span::styled(format!("{:<15}", tr_dyn(status_label(status))), done_style),
            // The kind as written in the lesson file, which the coach edits.
            Span::styled(format!("{:<8}", step.kind().as_str()), t.muted),
            Span::styled(
                crate::text::truncate(&sanitize_line(&step.title), 40),
                style,
            ),
        ]));
    }
    lines.push(Line::default());
    lines.push(Line::styled(
        tr("Enter go · ↑ ↓ choose · Esc close · a jump never marks a step done"),
        t.muted,
    ));
    popup(f, area, t, tr(" Go to step "), lines, 76);
}

/// `--watch`: the height of the banner of lesson-file errors at `width` (0: none).
pub fn banner_height(app: &App, width: u16) -> u16 {
    let lines = banner_lines(app);
    if lines.is_empty() {
        return 0;
    }
    let p = Paragraph::new(lines).wrap(Wrap { trim: false });
    (p.line_count(width.saturating_sub(2)) as u16).min(6) + 2
}

/// Draw the banner of lesson-file errors (file:line:col and message).
pub fn draw_banner(app: &App, f: &mut Frame, area: Rect) {
    let lines = banner_lines(app);
    if lines.is_empty() {
        return;
    }
    let t = &app.theme;
    f.render_widget(
        Paragraph::new(lines).wrap(Wrap { trim: false }).block(
            Block::default()
                .borders(Borders::ALL)
                .border_style(t.bad)
                .title(Span::styled(
                    tr(" The lesson file has errors: the last good version is still running "),
                    t.bad,
                )),
        ),
        area,
    );
}

fn banner_lines(app: &App) -> Vec<Line<'static>> {
    let Some(w) = &app.watch else {
        return Vec::new();
    };
    let t = &app.theme;
    let mut lines: Vec<Line<'static>> = w
        .errors
        .iter()
        .take(4)
        .map(|e| {
            let e = crate::tui::masking::error(e, t.mask.as_deref());
            Line::styled(sanitize_line(&e), t.bad)
        })
        .collect();
    if w.errors.len() > 4
        && let Some(last) = lines.last_mut()
    {
        *last = Line::styled(
            trf(
                "… and {n} more: run huddle check",
                &[("n", &(w.errors.len() - 3))],
            ),
            t.bad,
        );
    }
    lines
}
