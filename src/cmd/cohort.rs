//! `huddle cohort DIR`: a coach's roll-up of learners' progress exports, as a table
//! on a terminal, or printed as text, CSV or JSON.

use super::{EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE};
use crate::i18n::{tr, trf};
use crate::progress::cohort::{self, Cohort};
use crate::progress::report::duration_text;
use crate::text::sanitize_line;
use crate::tui::cohort::CohortScreen;
use crate::tui::theme::{Theme, ThemeName};
use crate::tui::views::chart::ChartView;
use crate::tui::views::cohort::{HARDEST, help_chart, lesson_cell, lesson_col, step_code};
use clap::ValueEnum;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;
use std::io::IsTerminal;
use std::path::Path;

/// How `huddle cohort` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CohortFormat {
    /// For people.
    Text,
    /// One row per learner and lesson, for a spreadsheet.
    Csv,
    /// For scripts: a stable shape documented in docs/cli-json.md.
    Json,
}

/// Run `huddle cohort`.
pub fn run(
    dir: &Path,
    format: Option<CohortFormat>,
    lessons: Option<&std::path::PathBuf>,
    theme: ThemeName,
) -> i32 {
    if !dir.is_dir() {
        eprintln!(
            "{}",
            trf(
                "huddle cohort: {dir} is not a folder; give the folder where you saved your learners' exports",
                &[("dir", &dir.display())],
            )
        );
        return EXIT_USAGE;
    }
    let mut c = match cohort::read_dir(dir) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("huddle cohort: {e}");
            return EXIT_USAGE;
        }
    };
    for s in &c.skipped {
        eprintln!(
            "{}",
            trf(
                "huddle cohort: {file}: {problem}; left out",
                &[
                    ("file", &dir.join(&s.file).display()),
                    ("problem", &s.problem)
                ],
            )
        );
    }
    if c.learners.is_empty() {
        eprintln!(
            "{}",
            trf(
                "huddle cohort: no progress exports in {dir}; learners write them with `huddle progress --export FILE`",
                &[("dir", &dir.display())],
            )
        );
        return EXIT_PROBLEMS;
    }
    // Titles in the coach's language, from the course the lessons come from.
    let tag = crate::i18n::lang().tag();
    if tag != "en"
        && let Ok(entries) = super::course_entries(lessons)
    {
        let course: Vec<_> = entries
            .iter()
            .filter_map(|e| crate::lesson::validate::load_entry(e).lesson)
            .map(|l| {
                let shown = crate::lesson::translation::localize(&l, tag);
                (l, shown)
            })
            .collect();
        c.retitle(&course);
    }
    let folder = dir.display().to_string();
    let tui = format.is_none() && std::io::stdout().is_terminal() && std::io::stdin().is_terminal();
    if tui {
        let mut screen = CohortScreen::new(c, &folder);
        let theme = Theme::new(theme, Theme::no_color_requested());
        if let Err(e) = crate::tui::cohort::run(&mut screen, &theme) {
            eprintln!(
                "{}",
                trf(
                    "huddle cohort: the terminal stopped working: {e}",
                    &[("e", &e)],
                )
            );
            return EXIT_PROBLEMS;
        }
        return if screen.cohort.skipped.is_empty() {
            EXIT_OK
        } else {
            EXIT_PROBLEMS
        };
    }
    match format.unwrap_or(CohortFormat::Text) {
        CohortFormat::Text => super::print_out(&text(&c, &folder)),
        CohortFormat::Csv => super::print_out(&csv(&c)),
        CohortFormat::Json => super::print_out(&json_text(&json(&c))),
    }
    if c.skipped.is_empty() {
        EXIT_OK
    } else {
        EXIT_PROBLEMS
    }
}

/// The roll-up for people: lessons, who finished what, and the steps that needed help.
pub fn text(c: &Cohort, folder: &str) -> String {
    let counts: [(&str, &dyn std::fmt::Display); 4] = [
        ("learners", &c.learners.len()),
        ("lessons", &c.lessons.len()),
        ("folder", &sanitize_line(folder)),
        ("skipped", &c.skipped.len()),
    ];
    let mut out = if c.skipped.is_empty() {
        trf(
            "Cohort: {learners} learner(s), {lessons} lesson(s), from {folder}",
            &counts,
        )
    } else {
        trf(
            "Cohort: {learners} learner(s), {lessons} lesson(s), from {folder} ({skipped} file(s) left out)",
            &counts,
        )
    };
    out.push_str("\n\n");
    out.push_str(tr("Lessons"));
    out.push('\n');
    for (i, l) in c.lessons.iter().enumerate() {
        out.push_str(&trf(
            "  L{k}  {title} ({id}): {done} of {all} finished",
            &[
                ("k", &(i + 1)),
                ("title", &sanitize_line(l.title.as_deref().unwrap_or(&l.id))),
                ("id", &l.id),
                ("done", &l.finished),
                ("all", &l.learners),
            ],
        ));
        out.push('\n');
    }
    let name_w = c
        .learners
        .iter()
        .map(|l| crate::text::display_width(&l.name).min(24))
        .max()
        .unwrap_or(7)
        .max(7)
        .max(crate::text::display_width(tr("learner")));
    let col = usize::from(lesson_col());
    out.push_str(&format!("\n{:<name_w$}", tr("learner")));
    for i in 1..=c.lessons.len() {
        out.push_str(&format!("  {:<col$}", format!("L{i}")));
    }
    out.push_str(&format!("  {:>7}  {:>7}\n", tr("steps"), tr("time")));
    for l in &c.learners {
        let name = crate::text::truncate(&l.name, name_w);
        let pad = name_w.saturating_sub(crate::text::display_width(&name));
        out.push_str(&format!("{name}{}", " ".repeat(pad)));
        for les in &c.lessons {
            out.push_str(&format!("  {:<col$}", lesson_cell(l, &les.id)));
        }
        out.push_str(&format!(
            "  {:>7}  {:>7}\n",
            format!("{}/{}", l.steps_done(), l.steps()),
            duration_text(l.seconds())
        ));
    }
    let hardest = c.hardest(HARDEST);
    if hardest.is_empty() {
        out.push('\n');
        out.push_str(tr("No step needed a second try or a hint."));
        out.push('\n');
        return out;
    }
    out.push('\n');
    out.push_str(tr("Steps that needed the most help (all learners)"));
    out.push('\n');
    let heads = [
        tr("step"),
        tr("tries"),
        tr("hints"),
        tr("learners"),
        tr("title"),
    ];
    let [w_step, w_tries, w_hints, w_learners] =
        [(0, 5), (1, 5), (2, 5), (3, 8)].map(|(i, w)| crate::text::display_width(heads[i]).max(w));
    out.push_str(&format!(
        "  {:<w_step$}  {:>w_tries$}  {:>w_hints$}  {:>w_learners$}  {}\n",
        heads[0], heads[1], heads[2], heads[3], heads[4]
    ));
    for s in &hardest {
        out.push_str(&format!(
            "  {:<w_step$}  {:>w_tries$}  {:>w_hints$}  {:>w_learners$}  {}\n",
            step_code(c, &s.lesson, s.step),
            s.tries,
            s.hints,
            s.learners,
            sanitize_line(s.title.as_deref().unwrap_or(""))
        ));
    }
    let chart = help_chart(c, HARDEST);
    let area = Rect::new(0, 0, 72, hardest.len() as u16 + 2);
    let mut buf = Buffer::empty(area);
    ChartView {
        chart: &chart,
        theme: &Theme::plain(),
        border: false,
    }
    .render(area, &mut buf);
    out.push('\n');
    out.push_str(&super::chart::buffer_text(&buf, false));
    out
}

/// One row per learner and lesson.
pub fn csv(c: &Cohort) -> String {
    let mut out = String::from(
        "learner,file,date,lesson,title,finished,steps_done,steps,tries,hints,seconds\n",
    );
    for l in &c.learners {
        for les in &l.lessons {
            let fields = [
                l.name.clone(),
                l.file.clone(),
                l.date.clone(),
                les.id.clone(),
                c.lesson_label(&les.id),
                les.finished.to_string(),
                les.steps_done.to_string(),
                les.steps.to_string(),
                les.tries.to_string(),
                les.hints.to_string(),
                les.seconds.to_string(),
            ];
            let row: Vec<String> = fields.iter().map(|f| csv_field(f)).collect();
            out.push_str(&row.join(","));
            out.push('\n');
        }
    }
    out
}

fn csv_field(s: &str) -> String {
    // A spreadsheet runs a cell that starts with = + - or @ as a formula: a learner's
    // chosen name must stay text.
    let s = &if s.starts_with(['=', '+', '-', '@']) {
        format!("'{s}")
    } else {
        s.to_string()
    };
    if s.contains([',', '"', '\n', '\r']) || s.trim() != s {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// One learner in `huddle cohort --format json`.
#[derive(Debug, serde::Serialize)]
pub struct LearnerJson<'a> {
    /// The name in the export, or the file stem.
    pub name: &'a str,
    /// The export's file name.
    pub file: &'a str,
    /// The export's date.
    pub date: &'a str,
    /// Lessons finished.
    pub finished: usize,
    /// Steps done over all lessons.
    pub steps_done: usize,
    /// Steps over all lessons.
    pub steps: usize,
    /// Active seconds over all lessons.
    pub seconds: u64,
    /// Per lesson.
    pub lessons: &'a [cohort::LearnerLesson],
}

/// `huddle cohort --format json` (shape documented in docs/cli-json.md).
#[derive(Debug, serde::Serialize)]
pub struct CohortJson<'a> {
    /// Learners, by name.
    pub learners: Vec<LearnerJson<'a>>,
    /// Lessons, in the order they first appear.
    pub lessons: &'a [cohort::LessonRollup],
    /// Steps, the most tries and hints first.
    pub steps: &'a [cohort::StepRollup],
    /// Files left out, with what is wrong.
    pub skipped: &'a [cohort::Skipped],
}

/// The JSON shape of a roll-up.
pub fn json(c: &Cohort) -> CohortJson<'_> {
    CohortJson {
        learners: c
            .learners
            .iter()
            .map(|l| LearnerJson {
                name: &l.name,
                file: &l.file,
                date: &l.date,
                finished: l.finished(),
                steps_done: l.steps_done(),
                steps: l.steps(),
                seconds: l.seconds(),
                lessons: &l.lessons,
            })
            .collect(),
        lessons: &c.lessons,
        steps: &c.steps,
        skipped: &c.skipped,
    }
}

fn json_text(v: &impl serde::Serialize) -> String {
    let mut s = serde_json::to_string_pretty(v).unwrap_or_default();
    s.push('\n');
    s
}
