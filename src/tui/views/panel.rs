//! The panel beside the text: what the step's kind shows and takes — a table, a
//! chart, a choice list, an answer box, the SQL editor with its result, a clean
//! step's rules, a reflection box.

use super::chart::ChartView;
use super::table;
use crate::chart::Prepared;
use crate::i18n::{tr, trf};
use crate::lesson::model::StepBody;
use crate::lesson::stage::QueryRun;
use crate::tui::masking;
use crate::tui::session::Session;
use crate::tui::step_ui::Focus;
use crate::tui::theme::Theme;
use polars::prelude::DataFrame;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, List, ListItem, ListState, Paragraph, Wrap};

/// Height that fits a panel with little in it (answer, choice, reflect) when the
/// panes are stacked; `None` for panels that use all the room they get.
pub fn compact_height(s: &Session, width: u16) -> Option<u16> {
    let inner = width.saturating_sub(2);
    let lines = |text: &str| {
        Paragraph::new(text.to_string())
            .wrap(Wrap { trim: true })
            .line_count(inner) as u16
    };
    match &s.step().body {
        StepBody::Answer { question, .. } => Some(lines(question) + 2 + 3),
        StepBody::Choice { question, .. } => {
            let n = s
                .ui()
                .staged
                .as_ref()
                .map(|st| st.choices.len())
                .unwrap_or(4) as u16;
            Some(lines(question) + 1 + n + 2)
        }
        StepBody::Reflect { question } => Some(lines(question) + 2 + 8),
        _ => None,
    }
}

/// Draw the panel; returns where the input box is (empty when there is none).
pub fn draw(s: &mut Session, t: &Theme, f: &mut Frame, area: Rect) -> Rect {
    let focus = s.focus;
    let loading = s.catalog.is_none() && s.load_error.is_none();
    let body = s.step().body.clone();
    let ui_staged = s.ui().staged.is_some();
    if loading || (!ui_staged && s.load_error.is_none()) {
        message(f, area, t, tr("Loading the data…"), false);
        return Rect::default();
    }
    let ui = s.ui_mut();
    match &body {
        StepBody::Read => Rect::default(),
        StepBody::Table { .. } => {
            if let Some(df) = ui.staged.as_ref().and_then(|st| st.table.clone()) {
                table::render(
                    f,
                    area,
                    &df,
                    &mut ui.table,
                    t,
                    focus == Focus::Panel,
                    tr("Table"),
                );
            }
            Rect::default()
        }
        StepBody::Chart { .. } => {
            let staged = ui.staged.clone().unwrap_or_default();
            match (&staged.chart, &staged.table) {
                (Some(Ok(c)), Some(df)) if ui.show_chart => {
                    draw_chart(f, area, c, df, &mut ui.table, t)
                }
                (_, Some(df)) => table::render(
                    f,
                    area,
                    df,
                    &mut ui.table,
                    t,
                    focus == Focus::Panel,
                    tr("Result (v: chart)"),
                ),
                (Some(Err(e)), _) => {
                    message(f, area, t, &masking::error(e, t.mask.as_deref()), true)
                }
                _ => {}
            }
            Rect::default()
        }
        StepBody::Choice { question, .. } => {
            let choices = ui
                .staged
                .as_ref()
                .map(|st| st.choices.clone())
                .unwrap_or_default();
            let title = if focus == Focus::Input {
                tr("Pick one · ↑↓ then Enter checks")
            } else {
                tr("Pick one · Enter or 1-9 to choose")
            };
            let block = boxed(t, focus == Focus::Input, title);
            let inner = block.inner(area);
            f.render_widget(block, area);
            let q =
                Paragraph::new(Line::styled(question.clone(), t.text)).wrap(Wrap { trim: true });
            let qh = (q.line_count(inner.width) as u16 + 1).min(inner.height / 2);
            let [qa, la] =
                Layout::vertical([Constraint::Length(qh), Constraint::Min(1)]).areas(inner);
            f.render_widget(q, qa);
            let sql = ui.staged.as_ref().and_then(|st| st.sql.as_deref());
            let kind = t.mask.as_ref().and_then(|m| {
                let sample: Vec<&str> = choices.iter().map(String::as_str).collect();
                match sql {
                    Some(sql) => m.sql_value_kind(sql, 0, &sample),
                    None => m.column_kind("", &sample),
                }
            });
            let items: Vec<ListItem> = choices
                .iter()
                .enumerate()
                .map(|(i, c)| {
                    let shown = match &t.mask {
                        Some(m) => m.cell(kind, c).into_owned(),
                        None => c.clone(),
                    };
                    ListItem::new(Line::from(vec![
                        Span::styled(format!("{}. ", i + 1), t.muted),
                        Span::styled(crate::text::sanitize_line(&shown), t.text),
                    ]))
                })
                .collect();
            let mut st = ListState::default().with_selected(Some(ui.choice));
            f.render_stateful_widget(
                List::new(items)
                    .highlight_symbol("▶ ")
                    .highlight_style(if focus == Focus::Input {
                        t.selected
                    } else {
                        t.accent
                    }),
                la,
                &mut st,
            );
            area
        }
        StepBody::Answer { question, .. } => {
            let q =
                Paragraph::new(Line::styled(question.clone(), t.text)).wrap(Wrap { trim: true });
            let qh = (q.line_count(area.width.saturating_sub(2)) as u16 + 2)
                .min(area.height.saturating_sub(3));
            let [qa, ia, _] = Layout::vertical([
                Constraint::Length(qh),
                Constraint::Length(3),
                Constraint::Min(0),
            ])
            .areas(area);
            f.render_widget(q.block(boxed(t, false, tr("Question"))), qa);
            editor(ui, t, f, ia, focus == Focus::Input, tr("Your answer"));
            ia
        }
        StepBody::Reflect { question } => {
            let q =
                Paragraph::new(Line::styled(question.clone(), t.text)).wrap(Wrap { trim: true });
            let qh = (q.line_count(area.width.saturating_sub(2)) as u16 + 2).min(area.height / 2);
            let [qa, ia] =
                Layout::vertical([Constraint::Length(qh), Constraint::Min(3)]).areas(area);
            f.render_widget(q.block(boxed(t, false, tr("Question"))), qa);
            editor(
                ui,
                t,
                f,
                ia,
                focus == Focus::Input,
                tr("Your note (saved on this computer only)"),
            );
            ia
        }
        StepBody::Query { question, .. } => {
            let q =
                Paragraph::new(Line::styled(question.clone(), t.accent)).wrap(Wrap { trim: true });
            let qh = (q.line_count(area.width) as u16).min(3);
            let lines = ui.editor.as_ref().map(|e| e.lines().len()).unwrap_or(1) as u16;
            let eh = (lines + 2).clamp(4, (area.height / 2).max(4));
            let [qa, ea, ra] = Layout::vertical([
                Constraint::Length(qh),
                Constraint::Length(eh),
                Constraint::Min(3),
            ])
            .areas(area);
            f.render_widget(q, qa);
            editor(ui, t, f, ea, focus == Focus::Input, tr("Your query"));
            highlight_sql(ui, t);
            query_result(ui, t, f, ra, focus == Focus::Panel);
            ea
        }
        StepBody::Clean { question, .. } => {
            let crate::tui::step_ui::StepUi {
                bench,
                staged,
                table: state,
                ..
            } = ui;
            match (
                bench.as_ref(),
                staged.as_ref().and_then(|st| st.error.as_ref()),
            ) {
                (Some(b), _) => super::clean::draw_bench(
                    f,
                    area,
                    b,
                    state,
                    Some(question),
                    t,
                    focus == Focus::Panel,
                    tr("Rules and your recipe"),
                ),
                (None, Some(e)) => message(f, area, t, &masking::error(e, t.mask.as_deref()), true),
                (None, None) => message(f, area, t, tr("Getting the table ready…"), false),
            }
            Rect::default()
        }
    }
}

fn query_result(
    ui: &mut crate::tui::step_ui::StepUi,
    t: &Theme,
    f: &mut Frame,
    area: Rect,
    focused: bool,
) {
    // Borrow the result and the table's scroll state separately: nothing is cloned per frame.
    let crate::tui::step_ui::StepUi {
        run,
        table: table_state,
        show_chart,
        ..
    } = ui;
    match &*run {
        None => message(
            f,
            area,
            t,
            tr("Press F5 (or Ctrl-R) to run your query and see its result here. Ctrl-S checks it."),
            false,
        ),
        Some(QueryRun {
            result: Err(e),
            sql,
            ..
        }) => message(
            f,
            area,
            t,
            &trf(
                "Your query did not run: {e}",
                &[(
                    "e",
                    &masking::query_error(&e.to_string(), sql, t.mask.as_deref()),
                )],
            ),
            true,
        ),
        Some(QueryRun {
            result: Ok(df),
            chart,
            ..
        }) => match chart {
            Some(Ok(c)) if area.height >= 16 || area.width >= 100 => {
                let [a, b] = if area.width >= 100 {
                    Layout::horizontal([Constraint::Percentage(45), Constraint::Percentage(55)])
                        .areas(area)
                } else {
                    Layout::vertical([Constraint::Percentage(45), Constraint::Percentage(55)])
                        .areas(area)
                };
                table::render(f, a, df, table_state, t, focused, tr("Result"));
                draw_chart(f, b, c, df, table_state, t);
            }
            Some(Ok(c)) if *show_chart => draw_chart(f, area, c, df, table_state, t),
            Some(Err(e)) => {
                // In a short panel the note about the chart takes one line, not the rows.
                let note = if area.height < 10 { 1 } else { 2 };
                let [a, b] =
                    Layout::vertical([Constraint::Min(3), Constraint::Length(note)]).areas(area);
                table::render(f, a, df, table_state, t, focused, tr("Result"));
                f.render_widget(
                    Paragraph::new(Line::styled(
                        trf(
                            "No chart yet: {e}.",
                            &[("e", &masking::error(e, t.mask.as_deref()))],
                        ),
                        t.muted,
                    ))
                    .wrap(Wrap { trim: true }),
                    b,
                );
            }
            Some(Ok(_)) => table::render(
                f,
                area,
                df,
                table_state,
                t,
                focused,
                tr("Result (v: chart)"),
            ),
            None => table::render(f, area, df, table_state, t, focused, tr("Result")),
        },
    }
}

/// A chart drawn from `df`: in mask mode its labels are masked as the result's
/// columns are (the table's plan follows a query's aliases to personal columns).
fn draw_chart(
    f: &mut Frame,
    area: Rect,
    c: &Prepared,
    df: &DataFrame,
    state: &mut table::TableState,
    t: &Theme,
) {
    let Some(m) = t.mask.as_deref() else {
        return f.render_widget(
            ChartView {
                chart: c,
                theme: t,
                border: true,
            },
            area,
        );
    };
    let kinds: Vec<(String, Option<crate::data::mask::PiiKind>)> = df
        .get_column_names()
        .iter()
        .map(|n| n.to_string())
        .zip(state.plan(df, m))
        .collect();
    let masked = masking::chart(c, m, Some(&kinds));
    let plain = Theme {
        mask: None,
        ..t.clone()
    };
    f.render_widget(
        ChartView {
            chart: &masked,
            theme: &plain,
            border: true,
        },
        area,
    );
}

fn editor(
    ui: &mut crate::tui::step_ui::StepUi,
    t: &Theme,
    f: &mut Frame,
    area: Rect,
    focused: bool,
    title: &str,
) {
    let Some(e) = ui.editor.as_mut() else { return };
    // Whether keys type here is always on screen: the title says it, as well as
    // the border and the cursor.
    let title = if focused {
        trf("{title} · typing, Esc leaves", &[("title", &title)])
    } else {
        trf("{title} · Enter or a to type", &[("title", &title)])
    };
    e.set_block(boxed(t, focused, &title));
    e.set_style(t.text);
    e.set_placeholder_style(t.muted);
    e.set_cursor_style(if focused {
        ratatui::style::Style::new().add_modifier(ratatui::style::Modifier::REVERSED)
    } else {
        ratatui::style::Style::new()
    });
    f.render_widget(&*e, area);
}

/// SQL keywords and 'strings' in the query editor stand out from names.
const SQL_TOKENS: &str = r"(?i)\b(select|from|where|group|by|order|having|limit|offset|join|left|right|inner|outer|full|cross|on|using|as|and|or|not|in|is|null|like|ilike|between|case|when|then|else|end|distinct|with|union|all|except|intersect|asc|desc|over|partition|cast|exists|true|false)\b|'[^'\n]*'?";

fn highlight_sql(ui: &mut crate::tui::step_ui::StepUi, t: &Theme) {
    if let Some(e) = ui.editor.as_mut()
        && e.search_pattern().is_none()
        && e.set_search_pattern(SQL_TOKENS).is_ok()
    {
        e.set_search_style(t.code);
    }
}

fn boxed<'a>(t: &Theme, focused: bool, title: &str) -> Block<'a> {
    Block::default()
        .borders(Borders::ALL)
        .border_style(if focused { t.border_focus } else { t.border })
        .title(Span::styled(
            format!(" {title} "),
            if focused { t.accent } else { t.muted },
        ))
}

fn message(f: &mut Frame, area: Rect, t: &Theme, text: &str, bad: bool) {
    f.render_widget(
        Paragraph::new(Line::styled(
            crate::text::sanitize_line(text),
            if bad { t.bad } else { t.muted },
        ))
        .wrap(Wrap { trim: true })
        .block(
            Block::default()
                .borders(Borders::ALL)
                .border_style(t.border),
        ),
        area,
    );
}

#[cfg(test)]
mod tests {
    use ratatui::style::{Color, Style};
    use ratatui::{Terminal, backend::TestBackend};
    use ratatui_textarea::TextArea;

    #[test]
    fn keywords_and_strings_stand_out_in_the_query_editor() {
        let mut e = TextArea::new(vec![
            "SELECT county FROM members WHERE county = 'Essex'".into(),
        ]);
        e.set_search_pattern(super::SQL_TOKENS).unwrap();
        e.set_search_style(Style::new().fg(Color::Magenta));
        // As in the player, the cursor sits after the text.
        e.move_cursor(ratatui_textarea::CursorMove::End);
        let mut term = Terminal::new(TestBackend::new(60, 1)).unwrap();
        term.draw(|f| f.render_widget(&e, f.area())).unwrap();
        let buf = term.backend().buffer();
        let fg = |x: u16| buf[(x, 0)].fg;
        assert_eq!(fg(0), Color::Magenta, "SELECT");
        assert_ne!(fg(7), Color::Magenta, "county is a name");
        assert_eq!(fg(14), Color::Magenta, "FROM");
        assert_eq!(fg(42), Color::Magenta, "the string");
        assert_eq!(fg(27), Color::Magenta, "WHERE");
        assert_ne!(fg(19), Color::Magenta, "members is a name");
    }
}
