//! One page for the meeting: a learner's run of a lesson as a self-contained HTML
//! page (`huddle report`). It holds the lesson's charts as inline SVG, drawn from
//! the data the lesson was run on, the learner's reflections, and each cleaning
//! recipe as SQL, pandas and dplyr. No member row is in it unless asked for
//! (`include_rows`); with a masker, every label, row and reflection is masked.
//! The page has no script and loads nothing, so it opens offline and prints to PDF.

use super::picture::{Picture, PictureFormat, render};
use crate::data::code::{Lang, recipe_code};
use crate::data::mask::Masker;
use crate::data::sql::Catalog;
use crate::lesson::model::{Lesson, StepBody};
use crate::lesson::stage::stage;
use crate::progress::{LessonProgress, StepStatus};
use polars::prelude::DataFrame;
use std::fmt::Write as _;

/// Rows of a step's table shown with `--include-rows`.
pub const MAX_ROWS: usize = 50;

/// What the page is made from.
pub struct ReportInput<'a> {
    /// The lesson.
    pub lesson: &'a Lesson,
    /// The learner's record of it, if they have played it.
    pub progress: Option<&'a LessonProgress>,
    /// The tables the lesson ran on.
    pub data: &'a Catalog,
    /// Where the data came from, for the line under each chart (file names only).
    pub source: String,
    /// The day, `YYYY-MM-DD`.
    pub date: String,
    /// Show up to [`MAX_ROWS`] rows of each step's table.
    pub include_rows: bool,
    /// Mask personal values (`--mask`).
    pub masker: Option<&'a Masker>,
}

/// The page, as HTML.
pub fn html(input: &ReportInput) -> String {
    let lesson = input.lesson;
    let mut out = String::new();
    let title = esc(&lesson.meta.title);
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\" />\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\" />\n\
         <title>{title}</title>\n<style>\n{STYLE}</style>\n</head>\n<body>\n<main>\n\
         <h1>{title}</h1>\n<p class=\"meta\">{} · {} · {}</p>\n",
        crate::i18n::lang().tag(),
        esc(&lesson.meta.id),
        esc(&input.source),
        esc(&input.date)
    );
    if let Some(summary) = &lesson.meta.summary {
        let _ = writeln!(out, "<p>{}</p>", esc(summary));
    }
    out.push_str(&steps_list(input));
    for (i, step) in lesson.steps.iter().enumerate() {
        let record = input.progress.and_then(|p| p.steps.get(i));
        let section = match &step.body {
            StepBody::Chart { .. } => chart_section(input, i),
            StepBody::Table { .. } if input.include_rows => table_section(input, i),
            StepBody::Clean { table, .. } => {
                let ops = record.map(|r| r.ops()).unwrap_or_default();
                recipe_section(table, &ops)
            }
            StepBody::Reflect { question } => record
                .and_then(|r| r.reflection.as_deref())
                .filter(|r| !r.trim().is_empty())
                .map(|r| {
                    let r = match input.masker {
                        Some(m) => m.hide_personal(r),
                        None => r.to_string(),
                    };
                    format!(
                        "<p class=\"question\">{}</p>\n<blockquote>{}</blockquote>\n",
                        esc(question),
                        esc(&r).replace('\n', "<br />\n")
                    )
                }),
            _ => None,
        };
        if let Some(body) = section {
            let _ = write!(
                out,
                "<section>\n<h2>{}. {}</h2>\n{body}</section>\n",
                i + 1,
                esc(&step.title)
            );
        }
    }
    let _ = write!(
        out,
        "<footer>Made with huddle {} from lesson <code>{}</code>.{}</footer>\n</main>\n</body>\n</html>\n",
        env!("CARGO_PKG_VERSION"),
        esc(&lesson.meta.id),
        if input.masker.is_some() {
            " Personal values are masked."
        } else {
            ""
        }
    );
    out
}

/// Every step with where the learner stands on it.
fn steps_list(input: &ReportInput) -> String {
    let mut out = String::from("<ol class=\"steps\">\n");
    for (i, step) in input.lesson.steps.iter().enumerate() {
        let status = input
            .progress
            .and_then(|p| p.steps.get(i))
            .map_or(StepStatus::NotSeen, |r| r.status);
        let word = status.word();
        let _ = writeln!(
            out,
            "<li>{} <span class=\"status\">{word}</span></li>",
            esc(&step.title)
        );
    }
    out.push_str("</ol>\n");
    out
}

/// A chart step: its chart as SVG, and its rows when asked for.
fn chart_section(input: &ReportInput, i: usize) -> Option<String> {
    let step = &input.lesson.steps[i];
    let staged = stage(step, input.data);
    if let Some(e) = staged.error {
        return Some(format!(
            "<p class=\"error\">{}</p>\n",
            esc(&scrub(input, &e))
        ));
    }
    let mut out = String::new();
    match staged.chart {
        Some(Ok(chart)) => {
            let chart = match (input.masker, &staged.table) {
                (Some(m), Some(t)) => {
                    crate::tui::masking::chart_of_result(&chart, m, t, staged.sql.as_deref())
                }
                (Some(m), None) => crate::tui::masking::chart(&chart, m, None),
                (None, _) => chart,
            };
            let picture = Picture {
                chart: &chart,
                source: input.source.clone(),
                width: 900,
                height: 500,
            };
            match render(&picture, PictureFormat::Svg) {
                Ok(bytes) => {
                    let svg = String::from_utf8_lossy(&bytes);
                    let svg = svg.find("<svg").map_or(&svg[..], |at| &svg[at..]);
                    let _ = writeln!(out, "<figure>\n{svg}\n</figure>");
                }
                Err(e) => {
                    let _ = writeln!(out, "<p class=\"error\">{}</p>", esc(&e));
                }
            }
        }
        Some(Err(e)) => {
            let _ = writeln!(out, "<p class=\"error\">{}</p>", esc(&scrub(input, &e)));
        }
        None => {}
    }
    if input.include_rows
        && let Some(t) = &staged.table
    {
        out.push_str(&rows_table(input, t, staged.sql.as_deref()));
    }
    Some(out)
}

/// A table step's rows (only with `include_rows`).
fn table_section(input: &ReportInput, i: usize) -> Option<String> {
    let staged = stage(&input.lesson.steps[i], input.data);
    if let Some(e) = staged.error {
        return Some(format!(
            "<p class=\"error\">{}</p>\n",
            esc(&scrub(input, &e))
        ));
    }
    staged
        .table
        .as_ref()
        .map(|t| rows_table(input, t, staged.sql.as_deref()))
}

/// The learner's cleaning ops as code in the three languages.
fn recipe_section(table: &str, ops: &[crate::data::recipe::Op]) -> Option<String> {
    if ops.is_empty() {
        return None;
    }
    let mut out = format!(
        "<p>The cleaning recipe for <code>{}</code>, {} step{}, to run elsewhere:</p>\n",
        esc(table),
        ops.len(),
        if ops.len() == 1 { "" } else { "s" }
    );
    for lang in Lang::ALL {
        let _ = writeln!(
            out,
            "<details open=\"open\">\n<summary>{}</summary>\n<pre><code>{}</code></pre>\n</details>",
            esc(lang.label()),
            esc(&recipe_code(ops, lang, table))
        );
    }
    Some(out)
}

/// Up to [`MAX_ROWS`] rows as an HTML table, masked as the screen masks them.
fn rows_table(input: &ReportInput, df: &DataFrame, sql: Option<&str>) -> String {
    let kinds: Vec<Option<crate::data::mask::PiiKind>> = match input.masker {
        Some(m) => m.plan_query(df, sql),
        None => vec![None; df.width()],
    };
    let mut out = String::from("<table>\n<thead><tr>");
    for c in df.get_column_names() {
        let _ = write!(out, "<th>{}</th>", esc(c.as_str()));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    let shown = df.height().min(MAX_ROWS);
    for r in 0..shown {
        out.push_str("<tr>");
        for (c, col) in df.columns().iter().enumerate() {
            let text = match col.get(r) {
                Ok(polars::prelude::AnyValue::Null) | Err(_) => String::new(),
                Ok(polars::prelude::AnyValue::String(s)) => s.to_string(),
                Ok(v) => v.to_string(),
            };
            let text = match input.masker {
                Some(m) => m.cell(kinds.get(c).copied().flatten(), &text).into_owned(),
                None => text,
            };
            let _ = write!(out, "<td>{}</td>", esc(&text));
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n");
    if df.height() > shown {
        let _ = writeln!(
            out,
            "<p class=\"meta\">The first {shown} of {} rows.</p>",
            crate::chart::group_thousands(df.height() as i64)
        );
    }
    out
}

/// An error as shown: scrubbed of data values under masking.
fn scrub(input: &ReportInput, text: &str) -> String {
    match input.masker {
        Some(m) => m.scrub(text),
        None => text.to_string(),
    }
}

/// Text made safe inside HTML.
pub fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Readable on screen, and on paper: no section or chart split across pages.
const STYLE: &str = "\
body { font-family: system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif; color: #1a1a1a; margin: 0; }
main { max-width: 60rem; margin: 0 auto; padding: 1.5rem; }
h1 { margin-bottom: 0.2rem; }
.meta, footer { color: #555; font-size: 0.9rem; }
.status { color: #555; font-size: 0.85rem; margin-left: 0.5rem; }
section { margin-top: 2rem; border-top: 1px solid #ddd; }
figure { margin: 1rem 0; }
figure svg { max-width: 100%; height: auto; }
blockquote { border-left: 4px solid #0072B2; margin: 0.5rem 0; padding: 0.2rem 1rem; }
pre { background: #f5f5f5; padding: 0.75rem; overflow-x: auto; white-space: pre-wrap; font-size: 0.85rem; }
table { border-collapse: collapse; font-size: 0.85rem; }
th, td { border: 1px solid #ccc; padding: 0.2rem 0.5rem; text-align: left; }
.error { color: #a00; }
footer { margin-top: 3rem; border-top: 1px solid #ddd; padding-top: 0.5rem; }
@media print {
  main { max-width: none; padding: 0; }
  section, figure, table, pre { break-inside: avoid; page-break-inside: avoid; }
  details > summary { list-style: none; }
  a { color: inherit; text-decoration: none; }
}
";

#[cfg(test)]
mod tests {
    use super::esc;

    #[test]
    fn text_cannot_open_a_tag() {
        assert_eq!(
            esc("<script>alert('x')</script> & \"y\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;y&quot;"
        );
    }
}
