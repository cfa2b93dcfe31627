//! The plain player (`--plain`, and on its own when `TERM=dumb`): a lesson read
//! out line by line, for screen readers and terminals that cannot draw. No box
//! drawing and no cursor movement; tables come as "row 3 of 40: county Essex,
//! members 212", charts as sorted lists of values with their share, and every key
//! of the full player is a word (`next`, `hint`, `check`; in Spanish too). It
//! keeps progress exactly as the full player does, through the same session.

mod start;
mod text;
mod words;

pub use start::run;

pub use words::{Command, parse};

use crate::check::{Input, Verdict};
use crate::data::recipe::Op;
use crate::i18n::{tr, trf};
use crate::lesson::model::{StepBody, StepKind};
use crate::lesson::stage::{run_query, stage, stage_clean};
use crate::progress::store::Store;
use crate::tui::session::Session;
use polars::prelude::DataFrame;
use std::io::{BufRead, Write};
use std::sync::Arc;

/// Whether the plain player should be used: asked for, or a terminal that says it
/// cannot draw (`TERM=dumb`).
pub fn wanted(asked: bool) -> bool {
    asked || std::env::var("TERM").is_ok_and(|t| t == "dumb")
}

/// Play `session` on `data`, reading words from `input` and writing lines to `out`.
/// Progress is saved in `store` after every change. Returns when the learner quits,
/// finishes the lesson, or the input ends.
pub fn play(
    mut session: Session,
    data: crate::data::sql::Catalog,
    mask: bool,
    store: &Store,
    input: &mut dyn BufRead,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let data = Arc::new(data);
    if mask {
        session.masker = Some(Arc::new(crate::tui::masking::for_lesson(
            &session.lesson,
            &data,
        )));
    }
    session.catalog = Some(Arc::clone(&data));
    let mut p = Plain {
        session,
        data,
        mask,
        page: Page::None,
        pending: None,
        ops: Vec::new(),
        out,
    };
    if let Some(note) = p.session.note.take() {
        p.say(&note)?;
    }
    p.say(&trf(
        "Lesson: {title}. Type help for the words.",
        &[("title", &p.session.lesson.meta.title)],
    ))?;
    p.show()?;
    let mut line = String::new();
    loop {
        write!(p.out, "> ")?;
        p.out.flush()?;
        line.clear();
        if input.read_line(&mut line)? == 0 {
            break;
        }
        p.session.tick();
        let done = p.command(parse(&line))?;
        if let Err(e) = p.session.save(store) {
            p.say(&e)?;
        }
        if done {
            break;
        }
    }
    let _ = p.session.save(store);
    p.say(tr("Your progress is saved."))
}

/// What `more` reads next.
enum Page {
    None,
    /// A table, from a row on.
    Rows(DataFrame, usize, Option<String>),
}

struct Plain<'o> {
    session: Session,
    data: Arc<crate::data::sql::Catalog>,
    mask: bool,
    page: Page,
    /// The last query typed on a query step, for `check`.
    pending: Option<String>,
    /// The ops typed on a clean step so far.
    ops: Vec<Op>,
    out: &'o mut dyn Write,
}

impl Plain<'_> {
    fn say(&mut self, text: &str) -> std::io::Result<()> {
        writeln!(self.out, "{}", text.trim_end())
    }

    fn masker(&self) -> Option<&crate::data::mask::Masker> {
        if self.mask {
            self.session.masker.as_deref()
        } else {
            None
        }
    }

    /// An error or a check's words, scrubbed of data values under masking.
    fn words(&self, text: &str) -> String {
        match self.masker() {
            Some(m) => m.scrub(text),
            None => text.to_string(),
        }
    }

    /// Read out the current step.
    fn show(&mut self) -> std::io::Result<()> {
        let i = self.session.index();
        let n = self.session.lesson.steps.len();
        let step = self.session.step().clone();
        self.page = Page::None;
        self.pending = None;
        self.ops = self.session.saved_recipe(i);
        self.say("")?;
        self.say(&trf(
            "Step {k} of {n}: {title} ({kind}).",
            &[
                ("k", &(i + 1)),
                ("n", &n),
                ("title", &step.title),
                ("kind", &kind_word(step.kind())),
            ],
        ))?;
        if let Some(t) = &step.text {
            let t = text::words(t);
            self.say(&t)?;
        }
        match &step.body {
            StepBody::Read => {}
            StepBody::Table { .. } | StepBody::Chart { .. } => {
                let staged = stage(&step, &self.data);
                if let Some(e) = staged.error {
                    let e = self.words(&e);
                    return self.say(&e);
                }
                match (staged.chart, staged.table) {
                    (Some(chart), table) => {
                        self.chart(chart, table.as_ref(), staged.sql.as_deref())?
                    }
                    (None, Some(t)) => self.rows(t, 0, staged.sql)?,
                    (None, None) => {}
                }
            }
            StepBody::Choice { question, .. } => {
                self.say(question)?;
                let staged = stage(&step, &self.data);
                for (k, c) in staged.choices.iter().enumerate() {
                    let c = match self.masker() {
                        Some(m) => m.hide_personal(c),
                        None => c.clone(),
                    };
                    self.say(&format!("{}. {c}", k + 1))?;
                }
                self.say(tr("Type the number of your choice."))?;
            }
            StepBody::Answer { question, .. } => {
                self.say(question)?;
                self.say(tr("Type your answer."))?;
            }
            StepBody::Query { question, .. } => {
                self.say(question)?;
                self.say(tr(
                    "Type a query on one line to run it; type check to hand in the last one.",
                ))?;
            }
            StepBody::Clean {
                question, table, ..
            } => {
                self.say(question)?;
                self.say(&trf(
                    "Type a cleaning op for `{table}` as a recipe writes it, e.g. {example}; check hands them in, undo takes the last one back.",
                    &[
                        ("table", table),
                        ("example", &"{ op = \"trim\", column = \"county\" }"),
                    ],
                ))?;
                self.rules()?;
            }
            StepBody::Reflect { question } => {
                self.say(question)?;
                if let Some(r) = self.session.record().reflection.clone() {
                    self.say(&trf("You wrote: {text}", &[("text", &r)]))?;
                }
                self.say(tr(
                    "Type your reflection on one line; it is kept for your coaching call.",
                ))?;
            }
        }
        let hints = self.session.hints_shown().to_vec();
        for h in hints {
            self.say(&trf("Hint: {hint}", &[("hint", &text::words(&h))]))?;
        }
        Ok(())
    }

    fn rows(&mut self, df: DataFrame, from: usize, sql: Option<String>) -> std::io::Result<()> {
        let lines = text::rows(&df, from, self.masker(), sql.as_deref());
        for l in lines {
            self.say(&l)?;
        }
        let next = from + text::PAGE;
        self.page = if next < df.height() {
            Page::Rows(df, next, sql)
        } else {
            Page::None
        };
        Ok(())
    }

    /// A chart read out, masked as the result it was drawn from is (`table`, the rows
    /// of `sql`).
    fn chart(
        &mut self,
        chart: Result<crate::chart::Prepared, String>,
        table: Option<&DataFrame>,
        sql: Option<&str>,
    ) -> std::io::Result<()> {
        use crate::tui::masking;
        match chart {
            Ok(c) => {
                let c = match (self.masker(), table) {
                    (Some(m), Some(t)) => masking::chart_of_result(&c, m, t, sql),
                    (Some(m), None) => masking::chart(&c, m, None),
                    (None, _) => c,
                };
                for l in text::chart(&c) {
                    self.say(&l)?;
                }
                Ok(())
            }
            Err(e) => {
                let e = self.words(&e);
                self.say(&e)
            }
        }
    }

    /// A clean step's rules, each met or not, on the table after the typed ops.
    fn rules(&mut self) -> std::io::Result<()> {
        let StepBody::Clean { table, expect, .. } = &self.session.step().body else {
            return Ok(());
        };
        let staged = stage_clean(table, expect, &self.ops, &self.data);
        if let Some(e) = staged.error {
            let e = self.words(&e);
            return self.say(&e);
        }
        for r in &staged.rules {
            let mark = if r.pass { tr("met") } else { tr("not yet") };
            let line = format!("{mark}: {}", self.words(&r.message));
            self.say(&line)?;
        }
        Ok(())
    }

    /// Act on one command; true when the learner is done.
    fn command(&mut self, cmd: Command) -> std::io::Result<bool> {
        let last = self.session.lesson.steps.len().saturating_sub(1);
        match cmd {
            Command::Quit => return Ok(true),
            Command::Help => self.say(tr(
                "Words: next, back, go N, hint, check, show, more, repeat, steps, quit. In Spanish: siguiente, atrás, ir N, pista, comprobar, mostrar, más, repetir, pasos, salir. Anything else is your answer, query, op or reflection; start a line with : to use a word as a command.",
            ))?,
            Command::Next => {
                if self.session.index() >= last {
                    let finished = self.session.finish();
                    if finished {
                        self.say(tr("You finished the lesson. Well done."))?;
                        return Ok(true);
                    }
                    let open: Vec<String> = self
                        .session
                        .exercises_open()
                        .iter()
                        .map(|n| n.to_string())
                        .collect();
                    self.say(&trf(
                        "This is the last step. Steps still open: {steps}. Type go N to go back to one, or quit.",
                        &[("steps", &open.join(", "))],
                    ))?;
                } else {
                    let i = self.session.index() + 1;
                    self.session.go(i);
                    self.show()?;
                }
            }
            Command::Back => {
                if self.session.index() == 0 {
                    self.say(tr("This is the first step."))?;
                } else {
                    let i = self.session.index() - 1;
                    self.session.go(i);
                    self.show()?;
                }
            }
            Command::Go(n) if (1..=last + 1).contains(&n) => {
                self.session.go(n - 1);
                self.show()?;
            }
            Command::Go(_) => self.say(&trf(
                "There is no such step: the lesson has steps 1 to {n}.",
                &[("n", &(last + 1))],
            ))?,
            Command::Repeat => self.show()?,
            Command::Steps => self.steps()?,
            Command::Hint => match self.session.hint() {
                Ok(()) => {
                    let h = self.session.hints_shown().last().cloned().unwrap_or_default();
                    self.say(&trf("Hint: {hint}", &[("hint", &text::words(&h))]))?;
                }
                Err(e) => self.say(&e)?,
            },
            Command::Show => match self.session.may_show_solution() {
                Ok(()) => {
                    self.session.mark_shown();
                    let s = self.session.ui().solution.clone().unwrap_or_default();
                    let s = self.words(&s);
                    self.say(&trf("The solution: {solution}", &[("solution", &s)]))?;
                }
                Err(e) => self.say(&e)?,
            },
            Command::More => match std::mem::replace(&mut self.page, Page::None) {
                Page::Rows(df, from, sql) => self.rows(df, from, sql)?,
                Page::None => self.say(tr("There are no more rows to read."))?,
            },
            Command::Check => self.check()?,
            Command::Text(t) => self.text(t)?,
        }
        Ok(false)
    }

    /// Every step with where it stands.
    fn steps(&mut self) -> std::io::Result<()> {
        let lines: Vec<String> = self
            .session
            .lesson
            .steps
            .iter()
            .zip(&self.session.progress.steps)
            .enumerate()
            .map(|(k, (s, p))| {
                format!(
                    "{}. {} ({}): {}",
                    k + 1,
                    s.title,
                    kind_word(s.kind()),
                    p.status.word()
                )
            })
            .collect();
        for l in lines {
            self.say(&l)?;
        }
        Ok(())
    }

    /// A line that is not a word: the step's input.
    fn text(&mut self, t: String) -> std::io::Result<()> {
        if t.is_empty() {
            return Ok(());
        }
        let step = self.session.step().clone();
        match &step.body {
            StepBody::Answer { .. } => self.submit(Input::Answer(t)),
            StepBody::Choice { .. } => {
                let choices = stage(&step, &self.data).choices;
                let picked = t
                    .parse::<usize>()
                    .ok()
                    .and_then(|n| n.checked_sub(1))
                    .and_then(|n| choices.get(n).cloned())
                    .or_else(|| {
                        choices
                            .iter()
                            .find(|c| c.trim().eq_ignore_ascii_case(t.trim()))
                            .cloned()
                    });
                match picked {
                    Some(c) => self.submit(Input::Choice(c)),
                    None => self.say(&trf(
                        "Type a number from 1 to {n}.",
                        &[("n", &choices.len())],
                    )),
                }
            }
            StepBody::Query { chart, .. } => {
                let run = run_query(&t, chart.as_ref(), &step.title, &self.data);
                self.pending = Some(t);
                match run.result {
                    Ok(df) => {
                        if let Some(c) = run.chart {
                            self.chart(c, Some(&df), Some(&run.sql))?;
                        }
                        self.rows(df, 0, Some(run.sql))?;
                        self.say(tr("Type check to hand in this query."))
                    }
                    Err(e) => {
                        let e = self.words(&e.to_string());
                        self.say(&e)
                    }
                }
            }
            StepBody::Clean { .. } => {
                if t.trim().eq_ignore_ascii_case("undo") || t.trim() == "deshacer" {
                    if self.ops.pop().is_none() {
                        return self.say(tr("There is no op to take back."));
                    }
                    return self.rules();
                }
                match op_from_line(&t) {
                    Ok(op) => {
                        let said = self.words(&crate::data::recipe::describe(&op));
                        self.say(&trf("Added: {op}", &[("op", &said)]))?;
                        self.ops.push(op);
                        self.rules()
                    }
                    Err(e) => self.say(&e),
                }
            }
            StepBody::Reflect { .. } => {
                self.session.ui_mut().set_text(&t);
                self.session.save_reflection();
                self.verdict_note()
            }
            StepBody::Read | StepBody::Table { .. } | StepBody::Chart { .. } => self.say(tr(
                "This step takes no answer. Type next to go on, or help for the words.",
            )),
        }
    }

    /// `check`: hand in what was typed.
    fn check(&mut self) -> std::io::Result<()> {
        match self.session.step().kind() {
            StepKind::Query => match self.pending.clone() {
                Some(q) => self.submit(Input::Query(q)),
                None => self.say(tr(
                    "Type a query first; check hands in the last one you ran.",
                )),
            },
            StepKind::Clean => {
                let ops = self.ops.clone();
                self.submit(Input::Clean(ops))
            }
            StepKind::Answer | StepKind::Choice => self.say(tr(
                "Type your answer: it is checked as soon as you press Enter.",
            )),
            _ => self.say(tr("This step has nothing to check.")),
        }
    }

    fn submit(&mut self, input: Input) -> std::io::Result<()> {
        let i = self.session.index();
        let step = self.session.step().clone();
        if let Input::Clean(ops) = &input {
            self.session.keep_recipe(i, ops);
        }
        match crate::check::step(&step, &input, &self.data) {
            Ok(v) => {
                self.session.record_verdict(i, v);
                self.verdict_note()
            }
            Err(e) => {
                let e = self.words(&e);
                self.say(&trf("This step could not be checked: {e}", &[("e", &e)]))
            }
        }
    }

    /// The verdict in words: right or not yet, what to do, and what differs.
    fn verdict_note(&mut self) -> std::io::Result<()> {
        let Some(v): Option<Verdict> = self.session.ui().verdict.clone() else {
            if let Some(n) = self.session.ui().note.clone() {
                return self.say(&n);
            }
            return Ok(());
        };
        let head = if v.pass { tr("Right.") } else { tr("Not yet.") };
        let msg = self.words(&v.message);
        self.say(&format!("{head} {msg}"))?;
        for d in &v.details {
            let d = self.words(d);
            self.say(&format!("  {d}"))?;
        }
        if v.pass {
            self.say(tr("Type next to go on."))?;
        }
        Ok(())
    }
}

/// What a step asks, in words.
fn kind_word(kind: StepKind) -> &'static str {
    match kind {
        StepKind::Read => tr("read"),
        StepKind::Table => tr("look at the table"),
        StepKind::Chart => tr("look at the chart"),
        StepKind::Choice => tr("pick one"),
        StepKind::Answer => tr("answer"),
        StepKind::Query => tr("write SQL"),
        StepKind::Clean => tr("clean"),
        StepKind::Reflect => tr("reflect"),
    }
}

/// One cleaning op from a line written as a recipe row, with or without braces:
/// `{ op = "trim", column = "county" }`.
fn op_from_line(line: &str) -> Result<Op, String> {
    let t = line.trim();
    let inner = t
        .strip_prefix('{')
        .and_then(|r| r.strip_suffix('}'))
        .unwrap_or(t);
    let doc = format!("op_row = {{ {inner} }}");
    #[derive(serde::Deserialize)]
    struct Row {
        op_row: crate::data::op_spec::OpSpec,
    }
    let row: Row = toml::from_str(&doc).map_err(|e| {
        trf(
            "That op could not be read: {e}. Write it as a recipe row, e.g. {example}",
            &[
                ("e", &e.message().to_string()),
                (
                    "example",
                    &"{ op = \"pad\", column = \"zip\", width = 5, with = \"0\" }",
                ),
            ],
        )
    })?;
    row.op_row.into_op()
}
