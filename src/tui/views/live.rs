//! Drawing the live call: the coach's room above the step (one row per learner and
//! the roll-up for the coach's step) or the learner's session bar.

use crate::i18n::{tr, trf};
use crate::live::room::Room;
use crate::progress::StepStatus;
use crate::progress::report::duration_text;
use crate::tui::app::App;
use crate::tui::live::{HostPane, LearnerPane, Link, Live};
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};
use std::time::Instant;

/// Rows the live pane takes above the step.
pub fn height(app: &App, area: Rect) -> u16 {
    match &app.live {
        None => 0,
        Some(Live::Learner(l)) => 1 + banners(l).len() as u16,
        Some(Live::Host(h)) => {
            // Title, summary and keys, plus a row per learner, within a third of the screen.
            let want = 4
                + h.room.seats.len().max(1) as u16
                + u16::from(h.typing.is_some() || h.note.is_some());
            want.min(area.height / 3).max(4.min(area.height))
        }
    }
}

/// Draw the pane.
pub fn draw(app: &App, f: &mut Frame, area: Rect) {
    if area.height == 0 {
        return;
    }
    match &app.live {
        None => {}
        Some(Live::Learner(l)) => draw_bar(l, &app.theme, f, area),
        Some(Live::Host(h)) => draw_room(h, &app.theme, f, area),
    }
}

/// The lines under the bar: the coach's last message, then what the coach asks.
fn banners(l: &LearnerPane) -> Vec<(String, bool)> {
    if let Link::Ended(why) = &l.link {
        return vec![(why.clone(), false)];
    }
    let mut out = Vec::new();
    if let Some(m) = &l.message {
        out.push((trf("Coach: {text}", &[("text", m)]), false));
    }
    let ask = if let Some(step) = l.solution {
        Some((
            trf(
                "The coach showed the solution of step {n} to everyone · F shows it",
                &[("n", &(step + 1))],
            ),
            true,
        ))
    } else if let Some(step) = l.bring {
        Some((
            trf(
                "The coach asks everyone to come to step {n} · F follows",
                &[("n", &(step + 1))],
            ),
            true,
        ))
    } else {
        l.hold.map(|h| {
            (
                trf("The coach holds the group at step {n}", &[("n", &(h + 1))]),
                false,
            )
        })
    };
    out.extend(ask);
    out
}

fn draw_bar(l: &LearnerPane, t: &Theme, f: &mut Frame, area: Rect) {
    let (dot, link, style) = match &l.link {
        Link::Connected => ("●", tr("connected").to_string(), t.ok),
        Link::Reconnecting(n) => (
            "◌",
            trf("connection lost, trying again ({n})", &[("n", n)]),
            t.hint,
        ),
        Link::Ended(_) => ("○", tr("call ended").to_string(), t.muted),
    };
    let hand = if matches!(l.link, Link::Ended(_)) {
        String::new()
    } else if l.hand {
        tr(" · ✋ hand raised (H lowers)").to_string()
    } else {
        tr(" · H raises your hand").to_string()
    };
    let first = Line::from(vec![
        Span::styled(format!(" {dot} "), style),
        Span::styled(
            trf("Live call with {coach}", &[("coach", &l.coach)]),
            t.heading,
        ),
        Span::styled(format!(" · {link}{hand}"), t.muted),
    ]);
    let mut lines = vec![first];
    for (text, act) in banners(l) {
        lines.push(Line::styled(
            format!(" {text}"),
            if act { t.accent } else { t.text },
        ));
    }
    f.render_widget(Paragraph::new(lines), area);
}

/// One step's mark in a learner's row.
fn mark_char(status: StepStatus, tries: u32) -> char {
    match status {
        StepStatus::Done => '✓',
        StepStatus::Shown => 's',
        StepStatus::Skipped => '–',
        StepStatus::Open if tries > 0 => '✗',
        StepStatus::Open => '•',
        StepStatus::NotSeen => '·',
    }
}

fn draw_room(h: &HostPane, t: &Theme, f: &mut Frame, area: Rect) {
    let room: &Room = &h.room;
    let now = Instant::now();
    let here = room.seats.iter().filter(|s| s.connected).count();
    let title = trf(
        " Live call · {here} here of {all} · I shows the join code ",
        &[("here", &here), ("all", &room.seats.len())],
    );
    let block = Block::default()
        .borders(Borders::TOP | Borders::BOTTOM)
        .border_style(t.border)
        .title(Span::styled(title, t.heading))
        .title_bottom(Span::styled(format!(" {} ", host_keys()), t.muted));
    let inner = block.inner(area);
    f.render_widget(block, area);
    let steps = room.outline.titles.len().max(1);
    let name_w = 14usize;
    let mut lines: Vec<Line> = Vec::new();
    if room.seats.is_empty() {
        lines.push(Line::styled(
            tr(" No one has joined yet: paste the join code (I) into the call's chat."),
            t.muted,
        ));
    }
    let rows = inner
        .height
        .saturating_sub(1 + u16::from(h.typing.is_some() || h.note.is_some()))
        as usize;
    for seat in room.seats.iter().take(rows.max(1)) {
        let name = h.shown_name(seat.id, &seat.name);
        let name: String = name.chars().take(name_w).collect();
        let stuck = room.is_stuck(seat, now);
        let style = if !seat.connected {
            t.muted
        } else if stuck {
            t.bad
        } else {
            t.text
        };
        let (step, marks, hints, tries) = match &seat.status {
            Some(st) => {
                let marks: String = st
                    .marks
                    .iter()
                    .map(|m| mark_char(m.status, m.tries))
                    .collect();
                let hints: u32 = st.marks.iter().map(|m| m.hints).sum();
                let tries: u32 = st.marks.iter().map(|m| m.tries).sum();
                (format!("{}/{}", st.step + 1, steps), marks, hints, tries)
            }
            None => ("–".into(), String::new(), 0, 0),
        };
        let mut spans = vec![
            Span::styled(format!(" {:<w$} ", name, w = name_w), style),
            Span::styled(format!("{step:>5} "), style),
            Span::styled(format!("{marks} "), t.muted),
            Span::styled(
                trf(
                    "{time} on step · {tries} tries · {hints} hints",
                    &[
                        ("time", &duration_text(seat.on_step(now).as_secs())),
                        ("tries", &tries),
                        ("hints", &hints),
                    ],
                ),
                style,
            ),
        ];
        if seat.hand() {
            spans.push(Span::styled(tr(" · ✋ hand"), t.accent));
        }
        if stuck {
            spans.push(Span::styled(tr(" · stuck?"), t.bad));
        }
        if !seat.connected {
            spans.push(Span::styled(tr(" · away"), t.muted));
        }
        lines.push(Line::from(spans));
    }
    if room.seats.len() > rows.max(1) {
        lines.truncate(rows.saturating_sub(1).max(1));
        lines.push(Line::styled(
            trf(
                " … and {n} more",
                &[("n", &(room.seats.len() - lines.len()))],
            ),
            t.muted,
        ));
    }
    let step = room.coach_step;
    let mut summary = format!(
        " {} · {}",
        trf("Step {n}", &[("n", &(step + 1))]),
        room.summary_line(step)
    );
    if room.hold {
        summary.push_str(tr(" · held here"));
    }
    lines.push(Line::styled(summary, t.heading));
    if let Some(text) = &h.typing {
        lines.push(Line::styled(
            trf(
                " Message to everyone: {text}▏ (Enter sends, Esc cancels)",
                &[("text", text)],
            ),
            t.accent,
        ));
    } else if let Some(n) = &h.note {
        lines.push(Line::styled(format!(" {n}"), t.muted));
    }
    f.render_widget(Paragraph::new(lines), inner);
}

/// The coach's keys, under the room.
fn host_keys() -> &'static str {
    tr("B brings all here · L holds · M message · S solution to all · H lowers a hand")
}

/// "Join a cohort call": the code and name boxes, then a spinner while dialing.
pub fn draw_join_prompt(
    f: &mut Frame,
    area: Rect,
    p: &crate::tui::join_prompt::JoinPrompt,
    t: &Theme,
    spin: usize,
) {
    use crate::tui::join_prompt::Field;
    let boxed = |label: &str, text: &str, on: bool| {
        let shown = crate::text::sanitize_line(text);
        let cursor = if on { "▏" } else { "" };
        Line::from(vec![
            Span::styled(format!("{label} "), t.muted),
            Span::styled(
                format!("{shown}{cursor}"),
                if on { t.selected } else { t.text },
            ),
        ])
    };
    let mut lines = vec![
        Line::styled(
            tr("Paste the code your coach put in the call's chat (it starts with HUDDLE-)."),
            t.text,
        ),
        Line::default(),
        boxed(tr("Code:"), &p.code, p.field == Field::Code),
        boxed(tr("Your name (optional):"), &p.name, p.field == Field::Name),
        Line::default(),
        Line::styled(
            tr(
                "Only your name, step, tries, hints and time go to the coach: never your data or answers.",
            ),
            t.muted,
        ),
        Line::default(),
    ];
    if let Some(e) = &p.error {
        lines.push(Line::styled(crate::text::sanitize_line(e), t.bad));
        lines.push(Line::default());
    }
    if p.dialing() {
        lines.push(Line::styled(
            format!(
                "{} {}",
                super::spinner(spin),
                tr("Reaching the coach's huddle… Esc stops")
            ),
            t.accent,
        ));
    } else {
        lines.push(Line::styled(
            tr("Enter join · Tab next box · Esc cancel"),
            t.muted,
        ));
    }
    super::overlay::popup(f, area, t, tr(" Join a cohort call "), lines, 76);
}
