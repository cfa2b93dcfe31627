//! Rows that could not be read are set aside, never dropped silently: each keeps its
//! line, its text exactly as in the file and the reason, so `inspect` can list them,
//! the player can show them and `apply` can write them to a rejects file.
//!
//! Also the notes about how the table was found (titles skipped, footnotes,
//! a file without a header) that [`crate::data::import::ImportReport`] carries.

use crate::data::layout::SkippedLine;
use crate::data::problems::Problem;
use crate::i18n::trf;
use serde::Serialize;

/// Line numbers named in a one-line summary before "and N more".
const LINES_NAMED: usize = 5;

/// A row set aside because it has more or fewer fields than the header.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BadRow {
    /// 1-based line where the row starts (row of a sheet).
    pub line: u32,
    /// Fields the row has.
    pub fields: usize,
    /// Fields the header has.
    pub expected: usize,
    /// The row exactly as in the (decoded) file, without its line ending.
    pub text: String,
}

impl BadRow {
    /// Why the row was set aside, in plain words.
    pub fn reason(&self) -> String {
        if self.fields > self.expected {
            trf(
                "has {n} fields but the header has {h}: a value probably contains the separator without quotes around it",
                &[("n", &self.fields), ("h", &self.expected)],
            )
        } else {
            trf(
                "has {n} fields but the header has {h}: a value is missing or the row was cut short",
                &[("n", &self.fields), ("h", &self.expected)],
            )
        }
    }
}

/// `301, 877, 902` or `301, 877, 902, 1004, 1200 and 7 more`.
pub fn line_list(lines: &[u32]) -> String {
    let named: Vec<String> = lines.iter().take(LINES_NAMED).map(u32::to_string).collect();
    let more = lines.len().saturating_sub(LINES_NAMED);
    if more == 0 {
        named.join(", ")
    } else {
        trf(
            "{lines} and {n} more",
            &[("lines", &named.join(", ")), ("n", &more)],
        )
    }
}

/// "3 rows could not be read (lines 301, 877, 902)".
pub fn summary(bad: &[BadRow]) -> String {
    let lines: Vec<u32> = bad.iter().map(|b| b.line).collect();
    summary_of_lines(&lines)
}

/// [`summary`] from the rows' lines alone.
pub fn summary_of_lines(lines: &[u32]) -> String {
    if lines.len() == 1 {
        trf(
            "1 row could not be read (line {lines})",
            &[("lines", &line_list(lines))],
        )
    } else {
        trf(
            "{n} rows could not be read (lines {lines})",
            &[("n", &lines.len()), ("lines", &line_list(lines))],
        )
    }
}

/// What reading found that a learner should know, as problems for `inspect` and
/// the player: rows set aside, titles above the header, footnotes, no header.
pub fn reading_notes(
    bad: &[BadRow],
    skipped: &[SkippedLine],
    footnotes: &[SkippedLine],
    header_line: Option<u32>,
    unit: LineUnit,
) -> Vec<Problem> {
    let mut out = Vec::new();
    if !bad.is_empty() {
        let first = &bad[0];
        out.push(Problem {
            kind: "quarantined_rows",
            column: None,
            rows: bad.len(),
            message: format!(
                "{}; {}",
                summary(bad),
                trf(
                    "they are left out of the table. Line {line} {reason}. Fix them in the file, or go on without them (`huddle apply` writes them to a rejects file)",
                    &[("line", &first.line), ("reason", &first.reason())],
                )
            ),
            examples: bad
                .iter()
                .take(3)
                .map(|b| format!("{} {}: {}", unit.word(), b.line, crate::data::layout::excerpt(&b.text)))
                .collect(),
        });
    }
    match header_line {
        Some(h) if !skipped.is_empty() => {
            let lines: Vec<u32> = skipped.iter().map(|s| s.line).collect();
            let range = match (lines.first(), lines.last()) {
                (Some(a), Some(b)) if a != b => format!("{a}–{b}"),
                (Some(a), _) => a.to_string(),
                _ => String::new(),
            };
            let args: [(&str, &dyn std::fmt::Display); 4] = [
                ("unit", &unit.word()),
                ("h", &h),
                ("range", &range),
                ("title", &skipped[0].text),
            ];
            out.push(Problem {
                kind: "title_rows_skipped",
                column: None,
                rows: skipped.len(),
                message: if skipped.len() == 1 {
                    trf(
                        "header found on {unit} {h}; {unit} {range} looks like a title: '{title}'. If the header is elsewhere, use --header-row N",
                        &args,
                    )
                } else {
                    trf(
                        "header found on {unit} {h}; {unit}s {range} look like a title: '{title}'. If the header is elsewhere, use --header-row N",
                        &args,
                    )
                },
                examples: skipped.iter().take(3).map(|s| s.text.clone()).collect(),
            });
        }
        None => out.push(Problem {
            kind: "headerless",
            column: None,
            rows: 0,
            message: crate::i18n::tr(
                "the first row holds values, not column names, so the columns are called column_1, column_2, …; if it is a header, use --header-row 1",
            )
            .to_string(),
            examples: Vec::new(),
        }),
        _ => {}
    }
    if !footnotes.is_empty() {
        out.push(Problem {
            kind: "footnotes_skipped",
            column: None,
            rows: footnotes.len(),
            message: trf(
                "{n} note line(s) after the data were left out, starting at {unit} {line}: '{text}'",
                &[
                    ("n", &footnotes.len()),
                    ("unit", &unit.word()),
                    ("line", &footnotes[0].line),
                    ("text", &footnotes[0].text),
                ],
            ),
            examples: footnotes.iter().take(3).map(|s| s.text.clone()).collect(),
        });
    }
    out
}

/// Whether places are lines of a text file or rows of a sheet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineUnit {
    /// A line of a text file.
    Line,
    /// A row of a sheet.
    Row,
}

impl LineUnit {
    /// The word, in the current language.
    pub fn word(self) -> &'static str {
        match self {
            LineUnit::Line => crate::i18n::tr("line"),
            LineUnit::Row => crate::i18n::tr("row"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bad(line: u32) -> BadRow {
        BadRow {
            line,
            fields: 11,
            expected: 9,
            text: "a,b".into(),
        }
    }

    #[test]
    fn the_summary_names_the_lines() {
        assert_eq!(
            summary(&[bad(301), bad(877), bad(902)]),
            "3 rows could not be read (lines 301, 877, 902)"
        );
        let many: Vec<BadRow> = (1..=8).map(bad).collect();
        assert_eq!(
            summary(&many),
            "8 rows could not be read (lines 1, 2, 3, 4, 5 and 3 more)"
        );
    }

    #[test]
    fn a_skipped_title_is_quoted_in_the_note() {
        let skipped = vec![
            SkippedLine {
                line: 1,
                text: "Anderson County".into(),
            },
            SkippedLine {
                line: 2,
                text: "Official results".into(),
            },
        ];
        let notes = reading_notes(&[], &skipped, &[], Some(3), LineUnit::Line);
        assert_eq!(
            notes[0].message,
            "header found on line 3; lines 1–2 look like a title: 'Anderson County'. If the header is elsewhere, use --header-row N"
        );
    }
}
