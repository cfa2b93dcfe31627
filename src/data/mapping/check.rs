//! Problems in a learner's columns, judged against the lesson's declared types:
//! what does not parse, where (file lines), and the cleaning op that fixes it.

use super::{Mapping, Wanted};
use crate::data::problems::{is_scientific, is_short_digits, lost_zeros_width};
use crate::data::recipe::Op;
use crate::data::types::{
    ColumnType, parse_bool, parse_date_with, parse_datetime, parse_number, parses_as,
};
use crate::i18n::{tr, tr_key, trf, trn};
use chrono::Datelike;
use polars::prelude::*;
use serde::Serialize;
use std::collections::HashMap;

/// Row numbers kept per problem.
const SHOWN_ROWS: usize = 5;
/// Good values looked at when working out which date formats a column uses.
const FORMAT_SAMPLE: usize = 500;

/// Date formats tried when suggesting a `parse_date` op. Two-digit years come
/// before four-digit ones: `%m/%d/%Y` would read `3/4/23` as the year 23.
const DATE_FORMATS: &[&str] = &[
    "%Y-%m-%d",
    "%m/%d/%y",
    "%m/%d/%Y",
    "%Y/%m/%d",
    "%m-%d-%Y",
    "%d.%m.%Y",
    "%B %d, %Y",
    "%b %d, %Y",
    "%B %d %Y",
    "%b %d %Y",
    "%d %B %Y",
    "%d %b %Y",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%m/%d/%Y %H:%M:%S",
    "%m/%d/%Y %H:%M",
    "%m/%d/%Y %I:%M %p",
    "%m/%d/%y %H:%M",
];

/// Something in a learner's column that the lesson's steps would trip over.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DataProblem {
    /// The lesson's (declared) column name.
    pub column: String,
    /// What is wrong, in plain words. Never holds a personal value.
    pub what: String,
    /// The first few affected rows, as file line numbers (what a spreadsheet shows).
    pub rows: Vec<usize>,
    /// How many rows are affected in all.
    pub count: usize,
    /// What to do: the cleaning op that fixes it, or another step.
    pub fix: String,
    /// The cleaning op of `fix`, ready to add to a recipe, when there is one.
    pub op: Option<Op>,
}

/// Problems of every mapped declared column of a raw (all text) table.
/// `row_lines` gives the file line of each row (empty: row + 2 is assumed).
pub fn problems(
    wanted: &[Wanted],
    raw: &DataFrame,
    mapping: &Mapping,
    row_lines: &[u32],
) -> Vec<DataProblem> {
    let mut out = Vec::new();
    for w in wanted {
        let Some(file) = mapping.file_column(&w.name) else {
            continue;
        };
        if let Ok(col) = raw.column(file) {
            out.extend(column_problems(w, file, col, row_lines));
        }
    }
    out
}

/// Problems of one file column when it stands for the declared column `w`.
pub fn column_problems(
    w: &Wanted,
    file: &str,
    col: &Column,
    row_lines: &[u32],
) -> Vec<DataProblem> {
    let Ok(ca) = col.str() else {
        return Vec::new();
    };
    let cells = Cells(ca);
    let ctx = Ctx { w, file, row_lines };
    match w.kind {
        ColumnType::Text => ctx.text(cells),
        ColumnType::Integer | ColumnType::Number => ctx.numbers(cells),
        ColumnType::Date | ColumnType::Datetime => ctx.dates(cells),
        ColumnType::Boolean => ctx.booleans(cells),
    }
}

/// A column's cells that are not blank, trimmed, with their 0-based rows: walked
/// again for each rule rather than listed, so a column of millions is held once.
#[derive(Clone, Copy)]
struct Cells<'a>(&'a StringChunked);

impl<'a> Cells<'a> {
    fn iter(self) -> impl Iterator<Item = (usize, &'a str)> {
        self.0
            .iter()
            .enumerate()
            .filter_map(|(i, v)| v.map(|v| (i, v.trim())))
            .filter(|(_, v)| !v.is_empty())
    }

    /// The cells for which `bad` holds.
    fn only(self, bad: impl Fn(&str) -> bool) -> Vec<(usize, &'a str)> {
        self.iter().filter(|(_, v)| bad(v)).collect()
    }
}

struct Ctx<'a> {
    w: &'a Wanted,
    file: &'a str,
    row_lines: &'a [u32],
}

impl Ctx<'_> {
    /// A problem over `bad` rows; `what` is completed with examples (unless the
    /// column is personal) and, for typed columns, with why it stays text.
    fn problem(
        &self,
        bad: &[(usize, &str)],
        what: String,
        fix: String,
        op: Option<Op>,
    ) -> DataProblem {
        let mut what = what;
        if !self.w.pii {
            let mut ex: Vec<String> = Vec::new();
            for (_, v) in bad {
                let v = crate::text::truncate(v, 30);
                if !ex.contains(&v) {
                    ex.push(v);
                }
                if ex.len() == 3 {
                    break;
                }
            }
            let ex: Vec<String> = ex.iter().map(|v| format!("\"{v}\"")).collect();
            what.push_str(&trf(" (e.g. {examples})", &[("examples", &ex.join(", "))]));
        }
        if self.w.kind != ColumnType::Text {
            what.push_str(&trf(
                "; `{column}` stays text until they are fixed",
                &[("column", &self.w.name)],
            ));
        }
        DataProblem {
            column: self.w.name.clone(),
            what,
            rows: bad
                .iter()
                .take(SHOWN_ROWS)
                .map(|(i, _)| line_of(self.row_lines, *i))
                .collect(),
            count: bad.len(),
            fix,
            op,
        }
    }

    fn values(&self, n: usize) -> String {
        trn(
            n,
            tr_key("{n} value in `{file}`"),
            tr_key("{n} values in `{file}`"),
            &[("n", &n), ("file", &self.file)],
        )
    }

    fn text(&self, cells: Cells<'_>) -> Vec<DataProblem> {
        let mut out = Vec::new();
        if let Some(width) = lost_zeros_width(cells.iter().map(|(_, v)| (v, 1))) {
            let short = cells.only(|v| is_short_digits(v, width));
            let op = Op::Pad {
                column: self.w.name.clone(),
                width,
                with: "0".into(),
            };
            out.push(self.problem(
                &short,
                trf(
                    "{values} have fewer than {width} digits: leading zeros were lost",
                    &[("values", &self.values(short.len())), ("width", &width)],
                ),
                trf(
                    "pad {column} to {width} with \"0\"",
                    &[("column", &self.w.name), ("width", &width)],
                ),
                Some(op),
            ));
        }
        let sci = cells.only(is_scientific);
        if !sci.is_empty() {
            out.push(self.problem(
                &sci,
                trf(
                    "{values} are in scientific notation (like 1.23E+11): Excel rounded them",
                    &[("values", &self.values(sci.len()))],
                ),
                tr("export the file again with this column formatted as text; the rounded digits cannot be recovered from this file").into(),
                None,
            ));
        }
        out
    }

    fn numbers(&self, cells: Cells<'_>) -> Vec<DataProblem> {
        let bad = cells.only(|v| !parses_as(v, self.w.kind));
        let (money, rest): (Vec<_>, Vec<_>) = bad
            .into_iter()
            .partition(|(_, v)| v.starts_with('$') && number_with_commas(&v[1..]));
        let (commas, rest): (Vec<_>, Vec<_>) =
            rest.into_iter().partition(|(_, v)| number_with_commas(v));
        let (decimals, other): (Vec<_>, Vec<_>) = rest
            .into_iter()
            .partition(|(_, v)| self.w.kind == ColumnType::Integer && parse_number(v).is_some());
        let mut out = Vec::new();
        let replace = |find: &str| Op::Replace {
            column: self.w.name.clone(),
            find: find.into(),
            with: String::new(),
            regex: false,
        };
        if !money.is_empty() {
            let also = if money.iter().any(|(_, v)| v.contains(',')) {
                tr(", then replace \",\" with \"\"")
            } else {
                ""
            };
            out.push(self.problem(
                &money,
                trf(
                    "{values} start with a currency sign",
                    &[("values", &self.values(money.len()))],
                ),
                trf(
                    "replace \"$\" with \"\" in {column}{also}",
                    &[("column", &self.w.name), ("also", &also)],
                ),
                Some(replace("$")),
            ));
        }
        if !commas.is_empty() {
            out.push(self.problem(
                &commas,
                trf(
                    "{values} are written with thousands separators",
                    &[("values", &self.values(commas.len()))],
                ),
                trf(
                    "replace \",\" with \"\" in {column}",
                    &[("column", &self.w.name)],
                ),
                Some(replace(",")),
            ));
        }
        if !decimals.is_empty() {
            let zeros = decimals.iter().all(|(_, v)| {
                v.split_once('.')
                    .is_some_and(|(_, d)| !d.is_empty() && d.bytes().all(|b| b == b'0'))
            });
            let (fix, op) = if zeros {
                (
                    trf(
                        "replace \"\\.0+$\" with \"\" (regex) in {column}",
                        &[("column", &self.w.name)],
                    ),
                    Some(Op::Replace {
                        column: self.w.name.clone(),
                        find: "\\.0+$".into(),
                        with: String::new(),
                        regex: true,
                    }),
                )
            } else {
                (
                    tr("check these rows: a whole number was expected; correct them in the file")
                        .into(),
                    None,
                )
            };
            out.push(self.problem(
                &decimals,
                trf(
                    "{values} have decimals but `{column}` holds whole numbers",
                    &[
                        ("values", &self.values(decimals.len())),
                        ("column", &self.w.name),
                    ],
                ),
                fix,
                op,
            ));
        }
        if !other.is_empty() {
            out.push(self.not_parsed(&other));
        }
        out
    }

    fn not_parsed(&self, bad: &[(usize, &str)]) -> DataProblem {
        self.problem(
            bad,
            trf(
                "{values} are not {kind}",
                &[
                    ("values", &self.values(bad.len())),
                    ("kind", &tr(self.w.kind.example())),
                ],
            ),
            trf(
                "correct them with replace, or drop those rows with filter, before using {column}",
                &[("column", &self.w.name)],
            ),
            None,
        )
    }

    fn dates(&self, cells: Cells<'_>) -> Vec<DataProblem> {
        let bad = cells.only(|v| !parses_as(v, self.w.kind));
        if bad.is_empty() {
            return Vec::new();
        }
        let (serial, rest): (Vec<_>, Vec<_>) = bad.into_iter().partition(|(_, v)| excel_serial(v));
        let mut out = Vec::new();
        if !serial.is_empty() {
            out.push(
                self.problem(
                    &serial,
                    trf(
                        "{values} look like Excel day numbers (45000 is 2023-03-15), not dates",
                        &[("values", &self.values(serial.len()))],
                    ),
                    tr("export the file again with this column formatted as a date (yyyy-mm-dd)")
                        .into(),
                    None,
                ),
            );
        }
        if rest.is_empty() {
            return out;
        }
        let mut finder = FormatFinder::default();
        let (readable, unreadable): (Vec<_>, Vec<_>) = rest
            .into_iter()
            .partition(|(_, v)| finder.find(v).is_some());
        if !readable.is_empty() && self.w.kind == ColumnType::Date {
            let formats = finder.formats_used(cells, &readable);
            let timed = readable.iter().all(|(_, v)| parse_datetime(v).is_some());
            let values = self.values(readable.len());
            let what = if timed {
                trf("{values} have a time of day", &[("values", &values)])
            } else {
                trf(
                    "{values} are dates written in a form huddle does not read by itself",
                    &[("values", &values)],
                )
            };
            let quoted: Vec<String> = formats.iter().map(|f| format!("\"{f}\"")).collect();
            out.push(self.problem(
                &readable,
                what,
                trf(
                    "parse_date {column} with formats [{formats}]",
                    &[("column", &self.w.name), ("formats", &quoted.join(", "))],
                ),
                Some(Op::ParseDate {
                    column: self.w.name.clone(),
                    formats,
                }),
            ));
        } else if !readable.is_empty() {
            out.push(self.not_parsed(&readable));
        }
        if !unreadable.is_empty() {
            out.push(self.not_parsed(&unreadable));
        }
        out
    }

    fn booleans(&self, cells: Cells<'_>) -> Vec<DataProblem> {
        let bad = cells.only(|v| parse_bool(v).is_none());
        if bad.is_empty() {
            return Vec::new();
        }
        vec![self.problem(
            &bad,
            trf(
                "{values} are not true/false, yes/no or 1/0",
                &[("values", &self.values(bad.len()))],
            ),
            trf(
                "merge_values in {column} to turn each of them into true or false",
                &[("column", &self.w.name)],
            ),
            None,
        )]
    }
}

/// The file line of 0-based data row `i`.
fn line_of(row_lines: &[u32], i: usize) -> usize {
    row_lines.get(i).map(|l| *l as usize).unwrap_or(i + 2)
}

/// `1,204` or `-12,345.50`: a number with thousands separators.
fn number_with_commas(v: &str) -> bool {
    let v = v.trim_start_matches(['-', '+']);
    let (int, frac) = v.split_once('.').unwrap_or((v, ""));
    let groups: Vec<&str> = int.split(',').collect();
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    groups.len() > 1
        && groups.first().is_some_and(|g| g.len() <= 3 && digits(g))
        && groups.iter().skip(1).all(|g| g.len() == 3 && digits(g))
        && (frac.is_empty() || digits(frac))
}

/// A five-digit whole number in the range Excel uses for dates 1927–2173.
fn excel_serial(v: &str) -> bool {
    v.len() == 5
        && v.parse::<u32>()
            .is_ok_and(|n| (10_000..=99_999).contains(&n))
}

/// Finds the format of each date, remembering it per written shape
/// (`2024-03-01` and `2024-04-09` share one), so a long column is fast.
#[derive(Default)]
struct FormatFinder {
    by_shape: HashMap<String, &'static str>,
}

impl FormatFinder {
    /// The first known format that reads `v` as a plausible date.
    fn find(&mut self, v: &str) -> Option<&'static str> {
        let key = shape(v);
        if let Some(f) = self.by_shape.get(&key)
            && reads(v, f)
        {
            return Some(f);
        }
        let f = DATE_FORMATS.iter().copied().find(|f| reads(v, f))?;
        self.by_shape.insert(key, f);
        Some(f)
    }

    /// Every format the column needs, in the order of [`DATE_FORMATS`]: those
    /// of the failing values and those of a sample of the others (a
    /// `parse_date` op reads only the formats it is given).
    fn formats_used(&mut self, cells: Cells<'_>, bad: &[(usize, &str)]) -> Vec<String> {
        let mut used: Vec<&'static str> = Vec::new();
        let good = cells.iter().take(FORMAT_SAMPLE);
        for (_, v) in bad.iter().copied().chain(good) {
            if let Some(f) = self.find(v)
                && !used.contains(&f)
            {
                used.push(f);
            }
        }
        used.sort_by_key(|f| DATE_FORMATS.iter().position(|d| d == f));
        used.into_iter().map(str::to_string).collect()
    }
}

/// Whether format `f` reads `v` as a date between 1900 and 2100.
fn reads(v: &str, f: &str) -> bool {
    parse_date_with(v, &[f.to_string()]).is_some_and(|d| (1900..=2100).contains(&d.year()))
}

/// The written form of a value: digits become 9, letters a.
fn shape(v: &str) -> String {
    v.chars()
        .map(|c| match c {
            c if c.is_ascii_digit() => '9',
            c if c.is_alphabetic() => 'a',
            c => c,
        })
        .collect()
}
