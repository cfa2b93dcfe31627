//! Where the table sits in a text export: which separator, which line holds the
//! header (titles, notes and blank lines above it are skipped and reported), whether
//! there is a header at all, and a header that spans two or three rows.
//!
//! Everything here looks only at the first [`SAMPLE_LINES`] non-blank lines, so
//! finding the header never adds a pass over a big file. Line endings are made
//! plain first ([`plain_line_endings`]): a bare CR (classic Mac) ends a line.

use crate::data::scan::{DELIMITERS, split_record};
use std::borrow::Cow;

/// Non-blank lines looked at to find the separator and the header.
pub const SAMPLE_LINES: usize = 60;

/// Longest excerpt of a skipped line kept for the report.
const EXCERPT_CHARS: usize = 80;

/// Which row holds the header, when the person says so.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum HeaderChoice {
    /// Find it from the cells.
    #[default]
    Detect,
    /// The header is on this 1-based line of the file (row of a sheet).
    Line(u32),
    /// The file has no header row: columns are `column_1`, `column_2`, ...
    None,
}

impl HeaderChoice {
    /// `--header-row N`: `0` means no header.
    pub fn from_row(n: u32) -> HeaderChoice {
        if n == 0 {
            HeaderChoice::None
        } else {
            HeaderChoice::Line(n)
        }
    }
}

/// A line that is not part of the table, kept to tell the person what was skipped.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct SkippedLine {
    /// 1-based line (row of a sheet).
    pub line: u32,
    /// Its text, shortened.
    pub text: String,
}

/// Where the table is in the text.
#[derive(Debug, Clone, PartialEq)]
pub struct Layout {
    /// The separator.
    pub delimiter: u8,
    /// Cells are separated by the delimiter and one space (`a, b, c`).
    pub comma_space: bool,
    /// Byte offset of the first header line (or of the first data row when headerless).
    pub start: usize,
    /// 1-based line at `start`.
    pub first_line: u32,
    /// Header lines (0 when headerless, 2 or 3 for a header that spans rows).
    pub header_rows: u32,
    /// The header's names, joined across header rows (`None`: read from the first line).
    pub names: Option<Vec<String>>,
    /// Non-blank lines above the header.
    pub skipped: Vec<SkippedLine>,
}

impl Layout {
    /// A plain file: header on the first line.
    pub fn plain(delimiter: u8) -> Layout {
        Layout {
            delimiter,
            comma_space: false,
            start: 0,
            first_line: 1,
            header_rows: 1,
            names: None,
            skipped: Vec::new(),
        }
    }

    /// Whether the file has no header row.
    pub fn headerless(&self) -> bool {
        self.header_rows == 0
    }
}

/// Text whose lines all end in `\n` (CRLF kept: the scan trims its `\r`). Borrowed
/// unless there is a bare CR; the second value says whether there was one.
pub fn plain_line_endings(text: &str) -> (Cow<'_, str>, bool) {
    let bytes = text.as_bytes();
    let bare = memchr::memchr_iter(b'\r', bytes).any(|i| bytes.get(i + 1) != Some(&b'\n'));
    if !bare {
        return (Cow::Borrowed(text), false);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(k) = rest.find('\r') {
        out.push_str(&rest[..k]);
        let after = &rest[k + 1..];
        if let Some(next) = after.strip_prefix('\n') {
            out.push_str("\r\n");
            rest = next;
        } else {
            out.push('\n');
            rest = after;
        }
    }
    out.push_str(rest);
    (Cow::Owned(out), true)
}

/// The space after each separator outside quotes removed (`a, "b, c", d` becomes
/// `a,"b, c",d`), so quoted cells after `, ` read as quoted.
pub fn drop_space_after(text: &str, delimiter: u8) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_q = false;
    let mut skip_space = false;
    for c in text.chars() {
        if skip_space {
            skip_space = false;
            if c == ' ' {
                continue;
            }
        }
        if c == '"' {
            in_q = !in_q;
        } else if !in_q && c as u32 == delimiter as u32 {
            skip_space = true;
        }
        out.push(c);
    }
    out
}

/// One non-blank line of the sample.
struct SampleLine<'a> {
    line: u32,
    start: usize,
    text: &'a str,
}

/// The first non-blank lines, with their line numbers and byte offsets (a quoted
/// cell that spans lines is rare this high in a file; it only blurs the guess).
fn sample(text: &str) -> Vec<SampleLine<'_>> {
    let mut out = Vec::new();
    let mut start = 0usize;
    for (k, raw) in text.split('\n').enumerate() {
        let line_start = start;
        start += raw.len() + 1;
        let t = raw.trim_end_matches('\r');
        if t.trim().is_empty() {
            continue;
        }
        out.push(SampleLine {
            line: u32::try_from(k + 1).unwrap_or(u32::MAX),
            start: line_start,
            text: t,
        });
        if out.len() == SAMPLE_LINES {
            break;
        }
    }
    out
}

/// Separators outside quotes on one line.
fn count_outside_quotes(line: &str, d: u8) -> usize {
    let mut in_q = false;
    let mut n = 0;
    for &b in line.as_bytes() {
        if b == b'"' {
            in_q = !in_q;
        } else if b == d && !in_q {
            n += 1;
        }
    }
    n
}

/// The most common non-zero count and how many lines have it; on a tie, the one
/// seen first (a two-line file keeps its header's width).
fn mode(counts: &[usize]) -> (usize, usize) {
    let mut best = (0usize, 0usize);
    for &c in counts.iter().filter(|&&c| c > 0) {
        let freq = counts.iter().filter(|&&x| x == c).count();
        if freq > best.1 {
            best = (c, freq);
        }
    }
    best
}

/// Pick the separator most lines agree on: the one whose most common count per
/// line is shared by the most lines (titles above the header do not count against it).
pub fn sniff_delimiter(text: &str) -> u8 {
    let lines = sample(text);
    pick_delimiter(&lines).0
}

fn pick_delimiter(lines: &[SampleLine<'_>]) -> (u8, usize) {
    let mut best = (b',', 0usize, 0usize); // (delimiter, lines agreeing, count)
    for &d in DELIMITERS {
        let counts: Vec<usize> = lines
            .iter()
            .map(|l| count_outside_quotes(l.text, d))
            .collect();
        let (count, freq) = mode(&counts);
        if count > 0 && (freq > best.1 || (freq == best.1 && count > best.2)) {
            best = (d, freq, count);
        }
    }
    (best.0, best.2 + 1)
}

/// Whether a cell reads as a number or a date (so it is data, not a column name).
fn looks_like_value(cell: &str) -> bool {
    let c = cell.trim().trim_matches('"').trim();
    if c.is_empty() {
        return false;
    }
    let digits = c.chars().filter(char::is_ascii_digit).count();
    let numeric = c
        .chars()
        .all(|ch| ch.is_ascii_digit() || matches!(ch, '.' | ',' | '-' | '+' | '/' | '%' | '$'));
    numeric && digits > 0
}

/// Cells of a line as names (quotes removed, blanks kept).
fn cells(line: &str, d: u8, comma_space: bool) -> Vec<String> {
    split_record(line, d)
        .into_iter()
        .map(|c| {
            if comma_space {
                c.trim_start().to_string()
            } else {
                c
            }
        })
        .collect()
}

/// Non-empty cells in a row.
fn filled(row: &[String]) -> usize {
    row.iter().filter(|c| !c.trim().is_empty()).count()
}

/// Whether a row with `width` expected cells reads as a title or note, not a header:
/// at most half its cells filled (one cell for a narrow table), or a short line of
/// one or two cells above a wider table ("Anderson County, 2020").
fn looks_like_title(row: &[String], width: usize) -> bool {
    width > 1
        && (filled(row) <= (width / 2).max(1)
            || (width >= 3 && row.len() < width && filled(row) <= 2))
}

/// Find the table in `text` (line endings already plain).
pub fn find_layout(text: &str, choice: HeaderChoice) -> Layout {
    let lines = sample(text);
    let (delimiter, width) = pick_delimiter(&lines);
    let comma_space = is_comma_space(&lines, delimiter);
    let mut layout = Layout::plain(delimiter);
    layout.comma_space = comma_space;
    let Some(first) = lines.first() else {
        return layout;
    };
    layout.start = first.start;
    layout.first_line = first.line;
    let rows: Vec<Vec<String>> = lines
        .iter()
        .map(|l| cells(l.text, delimiter, comma_space))
        .collect();
    let header_at = match choice {
        HeaderChoice::Line(n) => match lines.iter().position(|l| l.line >= n) {
            Some(k) => k,
            None => return layout,
        },
        HeaderChoice::None => 0,
        HeaderChoice::Detect => detect_header(&rows, width),
    };
    layout.skipped = lines[..header_at]
        .iter()
        .map(|l| SkippedLine {
            line: l.line,
            text: excerpt(l.text.trim_end_matches([delimiter as char, ' '])),
        })
        .collect();
    layout.start = lines[header_at].start;
    layout.first_line = lines[header_at].line;
    let headerless = match choice {
        HeaderChoice::None => true,
        HeaderChoice::Line(_) => false,
        HeaderChoice::Detect => is_data_row(&rows[header_at], rows.get(header_at + 1)),
    };
    if headerless {
        layout.header_rows = 0;
        return layout;
    }
    let extra = if choice == HeaderChoice::Detect {
        extra_header_rows(&rows[header_at..], width)
    } else {
        0
    };
    if extra > 0 {
        layout.header_rows = 1 + extra as u32;
        layout.names = Some(join_header_rows(&rows[header_at..=header_at + extra]));
    }
    layout
}

/// `, ` separation: nearly every separator outside quotes is followed by a space.
fn is_comma_space(lines: &[SampleLine<'_>], d: u8) -> bool {
    let (mut seps, mut spaced) = (0usize, 0usize);
    for l in lines {
        let b = l.text.as_bytes();
        let mut in_q = false;
        for (i, &c) in b.iter().enumerate() {
            if c == b'"' {
                in_q = !in_q;
            } else if c == d && !in_q {
                seps += 1;
                if b.get(i + 1) == Some(&b' ') {
                    spaced += 1;
                }
            }
        }
    }
    d != b'\t' && d != b' ' && seps >= 2 && spaced * 10 >= seps * 9
}

/// The first line that has the table's width and more than one cell, unless the lines above it do not look
/// like titles (then the header is the first line, as written).
pub(crate) fn detect_header(rows: &[Vec<String>], width: usize) -> usize {
    // A title padded to the table's width ("Report,,,") has one cell filled.
    let Some(k) = rows
        .iter()
        .position(|r| r.len() == width && (filled(r) >= 2 || width == 1))
    else {
        return 0;
    };
    if rows[..k].iter().all(|r| looks_like_title(r, width)) {
        k
    } else {
        0
    }
}

/// A first row whose cells are mostly numbers or dates, above a row like it, is data.
pub(crate) fn is_data_row(row: &[String], next: Option<&Vec<String>>) -> bool {
    let values = row.iter().filter(|c| looks_like_value(c)).count();
    let next_values = next.map_or(values, |r| r.iter().filter(|c| looks_like_value(c)).count());
    values > 0 && values * 2 >= filled(row).max(1) && next_values > 0
}

/// Rows after the header that continue it: a header with a blank or repeated cell
/// (a group name over merged cells), followed by rows with no numbers in them, and
/// then a row that has numbers. At most two more rows.
pub(crate) fn extra_header_rows(rows: &[Vec<String>], width: usize) -> usize {
    let texty = |r: &Vec<String>| r.len() == width && !r.iter().any(|c| looks_like_value(c));
    let Some(first) = rows.first() else { return 0 };
    let gaps = first.iter().any(|c| c.trim().is_empty())
        || (1..first.len()).any(|i| !first[i].trim().is_empty() && first[..i].contains(&first[i]));
    if !gaps {
        return 0;
    }
    let mut extra = 0;
    while extra < 2 && rows.get(1 + extra).is_some_and(texty) {
        extra += 1;
    }
    let data_after = rows
        .get(1 + extra)
        .is_some_and(|r| r.iter().any(|c| looks_like_value(c)));
    if data_after { extra } else { 0 }
}

/// One name per column from header rows: a group name carries right over blank cells
/// (merged cells), and the parts are joined with a space.
pub fn join_header_rows(rows: &[Vec<String>]) -> Vec<String> {
    let width = rows.iter().map(Vec::len).max().unwrap_or(0);
    let mut filled_rows: Vec<Vec<String>> = Vec::new();
    for (r, row) in rows.iter().enumerate() {
        let last = r + 1 == rows.len();
        let mut carry = String::new();
        let mut out = Vec::with_capacity(width);
        for i in 0..width {
            let c = row.get(i).map(|s| s.trim()).unwrap_or("");
            if !c.is_empty() {
                carry = c.to_string();
                out.push(c.to_string());
            } else if last {
                out.push(String::new());
            } else {
                out.push(carry.clone());
            }
        }
        filled_rows.push(out);
    }
    (0..width)
        .map(|i| {
            let mut parts: Vec<&str> = Vec::new();
            for row in &filled_rows {
                let p = row[i].as_str();
                if !p.is_empty() && parts.last() != Some(&p) {
                    parts.push(p);
                }
            }
            parts.join(" ")
        })
        .collect()
}

/// A line shortened for a message.
pub fn excerpt(text: &str) -> String {
    let t = text.trim();
    if t.chars().count() <= EXCERPT_CHARS {
        t.to_string()
    } else {
        let cut: String = t.chars().take(EXCERPT_CHARS).collect();
        format!("{cut}…")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_above_the_header_are_skipped_and_kept_for_the_report() {
        let text = "Official Election Results\nAnderson County, 2020\n\nprecinct,candidate,votes\n01,Ann,12\n02,Bo,7\n";
        let l = find_layout(text, HeaderChoice::Detect);
        assert_eq!((l.delimiter, l.first_line, l.header_rows), (b',', 4, 1));
        assert_eq!(&text[l.start..l.start + 8], "precinct");
        assert_eq!(l.skipped.len(), 2);
        assert_eq!(l.skipped[0].text, "Official Election Results");
        assert_eq!(l.skipped[1].line, 2);
    }

    #[test]
    fn a_first_row_of_numbers_is_data_so_the_file_is_headerless() {
        let l = find_layout(
            "1, \"ED CHAVEZ, JR.\", 0001, 12\n2, ANN LEE, 0002, 7\n",
            HeaderChoice::Detect,
        );
        assert!(l.headerless());
        assert!(l.comma_space);
        let l = find_layout("id,name\n1,Ann\n", HeaderChoice::Detect);
        assert!(!l.headerless());
    }

    #[test]
    fn a_two_row_header_is_joined_into_one_name_per_column() {
        let text = ",Votes,,Turnout\nPrecinct,Early,Election Day,Percent\n01,3,4,45%\n";
        let l = find_layout(text, HeaderChoice::Detect);
        assert_eq!(l.header_rows, 2);
        assert_eq!(
            l.names.unwrap(),
            vec![
                "Precinct",
                "Votes Early",
                "Votes Election Day",
                "Turnout Percent"
            ]
        );
    }

    #[test]
    fn the_header_row_can_be_chosen() {
        let text = "a,b\nc,d\n1,2\n";
        let l = find_layout(text, HeaderChoice::Line(2));
        assert_eq!((l.first_line, l.skipped.len()), (2, 1));
        assert!(find_layout(text, HeaderChoice::None).headerless());
    }

    #[test]
    fn bare_cr_and_mixed_endings_become_plain_lines() {
        let (t, bare) = plain_line_endings("a,b\r1,2\r\n3,4\n5,6");
        assert!(bare);
        assert_eq!(t, "a,b\n1,2\r\n3,4\n5,6");
        assert!(!plain_line_endings("a\r\nb\n").1);
    }

    #[test]
    fn the_space_after_a_separator_goes_but_not_inside_quotes() {
        assert_eq!(
            drop_space_after("1, \"ED CHAVEZ, JR.\", 2\n", b','),
            "1,\"ED CHAVEZ, JR.\",2\n"
        );
    }

    #[test]
    fn separators_are_sniffed_past_a_title() {
        assert_eq!(sniff_delimiter("Report\na|b|c\n1|2|3\n"), b'|');
        assert_eq!(sniff_delimiter("a;b;c\n1;2,5;3\n"), b';');
        assert_eq!(sniff_delimiter("a\tb\n1\t2,5\n"), b'\t');
        assert_eq!(sniff_delimiter("name,\"Smith; Ann\"\nx,y\n"), b',');
        assert_eq!(sniff_delimiter("justone\nvalue\n"), b',');
    }
}
