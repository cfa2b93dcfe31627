//! The coach's cohort screen: who finished which lessons (one column per lesson),
//! steps done and time per learner, and a bar chart of the steps where learners
//! needed the most tries and hints.

use super::chart::ChartView;
use crate::chart::{Bar, ChartData, Prepared};
use crate::i18n::{tr, trf};
use crate::lesson::model::ChartKind;
use crate::progress::cohort::{Cohort, Learner};
use crate::progress::report::duration_text;
use crate::text::{sanitize_line, truncate};
use crate::tui::cohort::CohortScreen;
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Cell, Paragraph, Row, Table, Wrap};

/// Steps shown in the "needed help" chart.
pub const HARDEST: usize = 8;
/// Width of a lesson column (`done`, `12/14`), wider when `done` is longer in the
/// learner's language.
pub fn lesson_col() -> u16 {
    let done = crate::text::display_width(tr("done"));
    u16::try_from(done).unwrap_or(u16::MAX).max(6)
}

/// The chart of the steps that needed the most tries and hints.
pub fn help_chart(cohort: &Cohort, n: usize) -> Prepared {
    let bars = cohort
        .hardest(n)
        .into_iter()
        .map(|s| Bar {
            label: format!(
                "{} {}",
                step_code(cohort, &s.lesson, s.step),
                sanitize_line(s.title.as_deref().unwrap_or(""))
            )
            .trim_end()
            .to_string(),
            value: f64::from(s.need()),
        })
        .collect();
    Prepared {
        every: None,
        kind: ChartKind::Bar,
        title: tr("Where learners needed help: tries + hints, all learners").into(),
        x_label: tr("step").into(),
        series_label: None,
        y_label: tr("tries + hints").into(),
        data: ChartData::Bars(bars),
        note: None,
    }
}

/// `L2·4`: lesson 2 of the cohort, step 4.
pub fn step_code(cohort: &Cohort, lesson: &str, step: usize) -> String {
    let n = cohort
        .lessons
        .iter()
        .position(|l| l.id == lesson)
        .map_or(0, |i| i + 1);
    format!("L{n}·{step}")
}

/// What a learner's cell for a lesson says: `done`, `3/7`, or `-`.
pub fn lesson_cell(learner: &Learner, lesson: &str) -> String {
    match learner.lesson(lesson) {
        Some(l) if l.finished => tr("done").into(),
        Some(l) => format!("{}/{}", l.steps_done, l.steps),
        None => "-".into(),
    }
}

/// Draw the cohort screen over the whole frame.
pub fn draw(screen: &CohortScreen, t: &Theme, f: &mut Frame) {
    let area = f.area();
    if area.width < super::MIN_WIDTH || area.height < super::MIN_HEIGHT {
        f.render_widget(
            Paragraph::new(Line::styled(tr("Make the window larger"), t.accent)),
            area,
        );
        return;
    }
    let c = &screen.cohort;
    let skipped_h = u16::from(!c.skipped.is_empty()) * 2;
    let legend_h = (c.lessons.len() as u16).clamp(1, 4);
    let chart_h = (c.hardest(HARDEST).len() as u16 + 4).clamp(5, area.height / 2);
    let room = area
        .height
        .saturating_sub(1 + skipped_h + legend_h + chart_h + 1);
    let table_h = u16::try_from(c.learners.len())
        .unwrap_or(u16::MAX)
        .saturating_add(3)
        .min(room)
        .max(4);
    let [head, skipped, table, legend, chart, foot] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(skipped_h),
        Constraint::Length(table_h),
        Constraint::Length(legend_h),
        Constraint::Min(chart_h),
        Constraint::Length(1),
    ])
    .areas(area);
    let finished: usize = c.lessons.iter().map(|l| l.finished).sum();
    f.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled(tr(" Cohort "), t.accent),
            Span::styled(
                trf(
                    "· {learners} learner(s) · {lessons} lesson(s) · {finished} finish(es) · {folder}",
                    &[
                        ("learners", &c.learners.len()),
                        ("lessons", &c.lessons.len()),
                        ("finished", &finished),
                        ("folder", &sanitize_line(&screen.folder)),
                    ],
                ),
                t.text,
            ),
        ])),
        head,
    );
    if !c.skipped.is_empty() {
        let names: Vec<String> = c
            .skipped
            .iter()
            .map(|s| format!("{} ({})", sanitize_line(&s.file), sanitize_line(&s.problem)))
            .collect();
        f.render_widget(
            Paragraph::new(Line::styled(
                trf(
                    " ⚠ {n} file(s) left out: {files}",
                    &[("n", &c.skipped.len()), ("files", &names.join("; "))],
                ),
                t.bad,
            ))
            .wrap(Wrap { trim: true }),
            skipped,
        );
    }
    learners_table(screen, t, f, table);
    let legend_lines: Vec<Line> = c
        .lessons
        .iter()
        .enumerate()
        .take(legend_h as usize)
        .map(|(i, l)| {
            Line::styled(
                truncate(
                    &trf(
                        " L{k} {title} ({id}): {done} of {all} finished",
                        &[
                            ("k", &(i + 1)),
                            ("title", &sanitize_line(l.title.as_deref().unwrap_or(&l.id))),
                            ("id", &l.id),
                            ("done", &l.finished),
                            ("all", &l.learners),
                        ],
                    ),
                    legend.width as usize,
                ),
                t.muted,
            )
        })
        .collect();
    f.render_widget(Paragraph::new(legend_lines), legend);
    let help = help_chart(c, HARDEST);
    f.render_widget(
        ChartView {
            chart: &help,
            theme: t,
            border: true,
        },
        chart,
    );
    f.render_widget(
        Paragraph::new(Line::styled(tr(" ↑↓ choose a learner · q quit"), t.muted)),
        foot,
    );
}

fn learners_table(screen: &CohortScreen, t: &Theme, f: &mut Frame, area: Rect) {
    let c = &screen.cohort;
    let fixed = 2 + 8 + 8 + 16;
    let col = lesson_col();
    let room = area.width.saturating_sub(fixed) / (col + 1);
    let shown = c.lessons.len().min(usize::from(room.max(1)));
    let mut header = vec![Cell::from(tr("  learner"))];
    header.extend((1..=shown).map(|i| Cell::from(format!("L{i}"))));
    header.push(Cell::from(tr("steps")));
    header.push(Cell::from(tr("time")));
    let rows_room = usize::from(area.height.saturating_sub(3)).max(1);
    let offset = screen.at.saturating_sub(rows_room - 1);
    let rows: Vec<Row> = c
        .learners
        .iter()
        .enumerate()
        .skip(offset)
        .take(rows_room)
        .map(|(i, l)| {
            let marker = if i == screen.at { "▶ " } else { "  " };
            let mut cells = vec![Cell::from(format!("{marker}{}", l.name))];
            cells.extend(
                c.lessons
                    .iter()
                    .take(shown)
                    .map(|les| Cell::from(lesson_cell(l, &les.id))),
            );
            cells.push(Cell::from(format!("{}/{}", l.steps_done(), l.steps())));
            cells.push(Cell::from(duration_text(l.seconds())));
            let row = Row::new(cells);
            if i == screen.at {
                row.style(t.selected)
            } else {
                row.style(t.text)
            }
        })
        .collect();
    let name_w = c
        .learners
        .iter()
        .map(|l| crate::text::display_width(&l.name))
        .max()
        .unwrap_or(7)
        .clamp(7, 28)
        .max(crate::text::display_width(tr("  learner")).saturating_sub(2)) as u16
        + 2;
    let mut widths = vec![Constraint::Length(name_w)];
    widths.extend((0..shown).map(|_| Constraint::Length(col)));
    widths.push(Constraint::Length(7));
    widths.push(Constraint::Length(7));
    let title = if shown < c.lessons.len() {
        trf(
            " Who finished what (first {shown} of {all} lessons: widen the window) ",
            &[("shown", &shown), ("all", &c.lessons.len())],
        )
    } else {
        tr(" Who finished what ").to_string()
    };
    f.render_widget(
        Table::new(rows, widths)
            .header(Row::new(header).style(t.table_header))
            .block(
                Block::default()
                    .borders(Borders::ALL)
                    .border_style(t.border_focus)
                    .title(Span::styled(title, t.accent)),
            ),
        area,
    );
}
