//! A quote-aware pass over delimited text: which delimiter, the header's cells, and
//! where each record starts, so problems can name their line.

use crate::data::load_progress::LoadProgress;
use std::borrow::Cow;

/// Delimiters huddle recognises, in order of preference when counts tie.
pub const DELIMITERS: &[u8] = b"\t,;|";

/// What one pass over the text found.
#[derive(Debug, Clone)]
pub struct Scan {
    /// The header's cells, unquoted, as written.
    pub header: Vec<String>,
    /// 1-based line where each data record starts (blank lines skipped).
    pub row_lines: Vec<u32>,
    /// Records whose field count differs from the header: (line, fields).
    pub ragged: Vec<(u32, usize)>,
}

/// Pick the delimiter that splits the first lines most consistently.
pub fn sniff_delimiter(text: &str) -> u8 {
    let lines: Vec<&str> = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .take(30)
        .collect();
    let mut best = (b',', 0usize, 0usize); // (delimiter, consistent lines, count in header)
    for &d in DELIMITERS {
        let counts: Vec<usize> = lines.iter().map(|l| count_outside_quotes(l, d)).collect();
        let Some(&first) = counts.first() else {
            continue;
        };
        if first == 0 {
            continue;
        }
        let consistent = counts.iter().filter(|&&c| c == first).count();
        if consistent > best.1 || (consistent == best.1 && first > best.2) {
            best = (d, consistent, first);
        }
    }
    best.0
}

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

/// Walk the whole text once. Quotes follow RFC 4180 (`""` inside quotes is a quote).
pub fn scan(text: &str, delimiter: u8) -> Scan {
    scan_visit(text, delimiter, None)
}

/// Hands one column's cells to a caller during the scan, so a count needs no table.
pub struct Visit<'v, 'a> {
    /// Given the header, the position of the column to visit (`None`: visit nothing).
    pub pick: &'v dyn Fn(&[String]) -> Option<usize>,
    /// Called with the column's raw cell (quotes kept) of each data record that has
    /// the header's number of fields.
    pub cell: &'v mut dyn FnMut(&'a str),
}

/// [`scan`], also visiting one column's cells.
pub fn scan_visit<'a>(text: &'a str, delimiter: u8, visit: Option<Visit<'_, 'a>>) -> Scan {
    scan_visit_with(text, delimiter, visit, None)
}

/// Records between two progress reports: a report is one relaxed atomic store.
const REPORT_EVERY: u32 = 1 << 16;

/// [`scan_visit`], reporting the share of the text scanned to `progress` every
/// 65,536 records and at the end.
pub fn scan_visit_with<'a>(
    text: &'a str,
    delimiter: u8,
    mut visit: Option<Visit<'_, 'a>>,
    progress: Option<&LoadProgress>,
) -> Scan {
    let bytes = text.as_bytes();
    let mut picked: Option<usize> = None;
    let mut cell: Option<&'a str> = None;
    let mut field_start = 0usize;
    let mut header: Vec<String> = Vec::new();
    let mut row_lines = Vec::new();
    let mut ragged = Vec::new();
    let mut in_q = false;
    let mut line: u32 = 1;
    let mut rec_start_line: u32 = 1;
    let mut rec_start = 0usize;
    let mut fields = 1usize;
    let mut have_header = false;
    let mut i = 0usize;
    let n = bytes.len();
    let mut until_report = REPORT_EVERY;
    while i <= n {
        // Jump to the next byte that matters: a quote, the delimiter or a newline.
        if i < n {
            match memchr::memchr3(b'"', delimiter, b'\n', &bytes[i..]) {
                Some(k) => i += k,
                None => i = n,
            }
        }
        let b = if i < n { bytes[i] } else { b'\n' };
        let at_end = i == n;
        if b == b'"' {
            in_q = !in_q;
        } else if b == delimiter && !in_q {
            if picked == Some(fields - 1) {
                cell = Some(&text[field_start..i]);
            }
            field_start = i + 1;
            fields += 1;
        } else if (b == b'\n' && !in_q) || at_end {
            let raw = &text[rec_start..i.min(n)];
            let blank = raw.trim_matches(['\r', ' ']).is_empty();
            if !blank {
                if !have_header {
                    header = split_record(raw.trim_end_matches('\r'), delimiter);
                    have_header = true;
                    picked = visit.as_ref().and_then(|v| (v.pick)(&header));
                } else {
                    row_lines.push(rec_start_line);
                    if picked == Some(fields - 1) {
                        cell = Some(text[field_start..i.min(n)].trim_end_matches('\r'));
                    }
                    if fields != header.len() {
                        ragged.push((rec_start_line, fields));
                    } else if let (Some(v), Some(c)) = (visit.as_mut(), cell) {
                        (v.cell)(c);
                    }
                }
            }
            if at_end {
                break;
            }
            until_report -= 1;
            if until_report == 0 {
                until_report = REPORT_EVERY;
                if let Some(p) = progress {
                    p.set(i as f32 / n as f32);
                }
            }
            line += 1;
            rec_start = i + 1;
            field_start = i + 1;
            cell = None;
            rec_start_line = line;
            fields = 1;
        } else if b == b'\n' {
            line += 1;
        }
        i += 1;
    }
    if let Some(p) = progress {
        p.set(1.0);
    }
    Scan {
        header,
        row_lines,
        ragged,
    }
}

/// A raw cell as its value: surrounding quotes removed and `""` turned into `"`.
pub fn unquote(cell: &str) -> Cow<'_, str> {
    match cell.strip_prefix('"') {
        Some(rest) => {
            let inner = rest.strip_suffix('"').unwrap_or(rest);
            if inner.contains("\"\"") {
                Cow::Owned(inner.replace("\"\"", "\""))
            } else {
                Cow::Borrowed(inner)
            }
        }
        None => Cow::Borrowed(cell),
    }
}

/// Split one record into unquoted cells.
pub fn split_record(rec: &str, delimiter: u8) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut in_q = false;
    let mut chars = rec.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if in_q && chars.peek() == Some(&'"') => {
                cur.push('"');
                chars.next();
            }
            '"' => in_q = !in_q,
            c if c as u32 == delimiter as u32 && !in_q => out.push(std::mem::take(&mut cur)),
            c => cur.push(c),
        }
    }
    out.push(cur);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn semicolons_and_tabs_are_sniffed() {
        assert_eq!(sniff_delimiter("a;b;c\n1;2;3\n"), b';');
        assert_eq!(sniff_delimiter("a\tb\n1\t2,5\n"), b'\t');
        assert_eq!(sniff_delimiter("name,\"Smith; Ann\"\nx,y\n"), b',');
        assert_eq!(sniff_delimiter("justone\nvalue\n"), b',');
    }

    #[test]
    fn ragged_rows_are_found_with_their_lines() {
        let s = scan(
            "a,b,c\n1,2,3\n\n4,5\n\"x,y\",\"multi\nline\",z\n6,7,8,9\n",
            b',',
        );
        assert_eq!(s.header, vec!["a", "b", "c"]);
        assert_eq!(s.row_lines, vec![2, 4, 5, 7]);
        assert_eq!(s.ragged, vec![(4, 2), (7, 4)]);
    }

    #[test]
    fn one_column_is_visited_unquoted_and_ragged_records_are_skipped() {
        let text =
            "id,name\r\n1,\"Smith, Ann\"\r\n\r\n2,\"say \"\"hi\"\"\"\r\n3\r\n4,\"multi\nline\"\r\n";
        let mut seen = Vec::new();
        let mut cell = |c: &str| seen.push(unquote(c).into_owned());
        let pick = |h: &[String]| h.iter().position(|n| n == "name");
        let s = scan_visit(
            text,
            b',',
            Some(Visit {
                pick: &pick,
                cell: &mut cell,
            }),
        );
        assert_eq!(seen, vec!["Smith, Ann", "say \"hi\"", "multi\nline"]);
        assert_eq!(s.ragged, vec![(5, 1)]);
        assert_eq!(s.row_lines, vec![2, 4, 5, 6]);
    }

    #[test]
    fn quoted_header_cells_are_unquoted() {
        assert_eq!(
            split_record("\"First, Name\",\"a\"\"b\",c", b','),
            vec!["First, Name", "a\"b", "c"]
        );
    }
}
