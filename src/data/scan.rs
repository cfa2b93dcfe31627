//! A quote-aware pass over delimited text: which delimiter, the header's cells, and
//! where each record starts, so problems can name their line.

use std::borrow::Cow;

/// Delimiters huddle recognises, in order of preference when counts tie.
pub const DELIMITERS: &[u8] = b"\t,;|";

/// What one pass over the text found.
#[derive(Debug, Clone)]
pub struct Scan<'a> {
    /// The header's cells, unquoted, as written.
    pub header: Vec<String>,
    /// 1-based line where each data record starts (blank lines skipped).
    pub row_lines: Vec<u32>,
    /// Records whose field count differs from the header: (line, fields).
    pub ragged: Vec<(u32, usize)>,
    /// The kept columns' cells, unquoted, one vector per kept column in the order
    /// `keep` gave; `None` is an empty, unquoted cell.
    pub cells: Vec<Vec<Option<Cow<'a, str>>>>,
    /// Header positions of the kept columns.
    pub kept: Vec<usize>,
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
/// `keep` is called with the header and returns the positions whose cells to collect
/// (none for a pass that only checks the shape).
pub fn scan<'a>(text: &'a str, delimiter: u8, keep: &dyn Fn(&[String]) -> Vec<usize>) -> Scan<'a> {
    let bytes = text.as_bytes();
    let mut out = Scan {
        header: Vec::new(),
        row_lines: Vec::new(),
        ragged: Vec::new(),
        cells: Vec::new(),
        kept: Vec::new(),
    };
    // For each header position: which kept column it feeds, if any.
    let mut slot: Vec<Option<usize>> = Vec::new();
    let mut record: Vec<(usize, &'a str)> = Vec::new();
    let mut in_q = false;
    let mut line: u32 = 1;
    let mut rec_start_line: u32 = 1;
    let mut rec_start = 0usize;
    let mut field_start = 0usize;
    let mut fields = 1usize;
    let mut have_header = false;
    let mut i = 0usize;
    let n = bytes.len();
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
            if let Some(Some(k)) = slot.get(fields - 1) {
                record.push((*k, &text[field_start..i]));
            }
            fields += 1;
            field_start = i + 1;
        } else if (b == b'\n' && !in_q) || at_end {
            let end = i.min(n);
            let raw = &text[rec_start..end];
            let blank = raw.trim_matches(['\r', ' ']).is_empty();
            if !blank {
                if !have_header {
                    out.header = split_record(raw.trim_end_matches('\r'), delimiter);
                    have_header = true;
                    out.kept = keep(&out.header);
                    slot = vec![None; out.header.len()];
                    for (k, &pos) in out.kept.iter().enumerate() {
                        if let Some(s) = slot.get_mut(pos) {
                            *s = Some(k);
                        }
                    }
                    out.cells = vec![Vec::new(); out.kept.len()];
                } else {
                    if let Some(Some(k)) = slot.get(fields - 1) {
                        record.push((*k, text[field_start..end].trim_end_matches('\r')));
                    }
                    out.row_lines.push(rec_start_line);
                    if fields != out.header.len() {
                        out.ragged.push((rec_start_line, fields));
                    } else {
                        for &(k, cell) in &record {
                            out.cells[k].push(unquote(cell));
                        }
                    }
                }
            }
            record.clear();
            if at_end {
                break;
            }
            line += 1;
            rec_start = i + 1;
            field_start = i + 1;
            rec_start_line = line;
            fields = 1;
        } else if b == b'\n' {
            line += 1;
        }
        i += 1;
    }
    out
}

/// A cell as its value: surrounding quotes removed and `""` turned into `"`;
/// an empty unquoted cell is missing.
fn unquote(cell: &str) -> Option<Cow<'_, str>> {
    if cell.is_empty() {
        return None;
    }
    match cell.strip_prefix('"') {
        Some(rest) => {
            let inner = rest.strip_suffix('"').unwrap_or(rest);
            Some(if inner.contains("\"\"") {
                Cow::Owned(inner.replace("\"\"", "\""))
            } else {
                Cow::Borrowed(inner)
            })
        }
        None => Some(Cow::Borrowed(cell)),
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
            &|_| Vec::new(),
        );
        assert_eq!(s.header, vec!["a", "b", "c"]);
        assert_eq!(s.row_lines, vec![2, 4, 5, 7]);
        assert_eq!(s.ragged, vec![(4, 2), (7, 4)]);
    }

    #[test]
    fn kept_columns_are_collected_unquoted_in_one_pass() {
        let text = "id,name,zip\r\n1,\"Smith, Ann\",02134\r\n\r\n2,,\"say \"\"hi\"\"\"\r\n3,\"multi\nline\",\r\n";
        let s = scan(text, b',', &|h| {
            assert_eq!(h, ["id", "name", "zip"]);
            vec![2, 1]
        });
        assert_eq!(s.kept, vec![2, 1]);
        let zip: Vec<Option<&str>> = s.cells[0].iter().map(|c| c.as_deref()).collect();
        let name: Vec<Option<&str>> = s.cells[1].iter().map(|c| c.as_deref()).collect();
        assert_eq!(zip, vec![Some("02134"), Some("say \"hi\""), None]);
        assert_eq!(name, vec![Some("Smith, Ann"), None, Some("multi\nline")]);
        assert_eq!(s.row_lines, vec![2, 4, 5]);
    }

    #[test]
    fn quoted_header_cells_are_unquoted() {
        assert_eq!(
            split_record("\"First, Name\",\"a\"\"b\",c", b','),
            vec!["First, Name", "a\"b", "c"]
        );
    }
}
