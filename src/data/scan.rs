//! A quote-aware pass over delimited text: which delimiter, the header's cells, and
//! where each record starts, so problems can name their line.

use crate::data::layout::Layout;
use crate::data::load_progress::LoadProgress;
use std::borrow::Cow;

/// Delimiters huddle recognises, in order of preference when counts tie.
pub const DELIMITERS: &[u8] = b"\t,;|";

/// A record whose field count differs from the header's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadRecord {
    /// 1-based line where the record starts.
    pub line: u32,
    /// Fields it has.
    pub fields: usize,
    /// Byte range of the record in the text, without its line ending.
    pub span: (usize, usize),
    /// Byte where the next record starts (after the line ending).
    pub next: usize,
}

/// What one pass over the text found.
#[derive(Debug, Clone)]
pub struct Scan {
    /// The header's cells, unquoted, as written (`column_1`... when headerless).
    pub header: Vec<String>,
    /// 1-based line where each good data record starts (blank lines skipped).
    pub row_lines: Vec<u32>,
    /// Records whose field count differs from the header, in file order.
    pub ragged: Vec<BadRecord>,
    /// Byte where the data starts (after the header rows).
    pub data_start: usize,
    /// Blank lines among the data: (start, start of the next line).
    pub blank: Vec<(usize, usize)>,
    /// The line after the text: where a scan of the text that follows starts.
    pub next_line: u32,
}

/// Pick the delimiter that splits the first lines most consistently.
pub fn sniff_delimiter(text: &str) -> u8 {
    crate::data::layout::sniff_delimiter(text)
}

/// Walk the whole text once. Quotes follow RFC 4180 (`""` inside quotes is a quote).
pub fn scan(text: &str, delimiter: u8) -> Scan {
    scan_visit(text, delimiter, None)
}

/// Hands some columns' cells to a caller during the scan, so a count needs no table.
pub struct Visit<'v, 'a> {
    /// Given the header, the positions of the columns to visit, in the order their
    /// cells are handed over (empty: visit nothing; one the header lacks: nothing).
    pub pick: &'v dyn Fn(&[String]) -> Vec<usize>,
    /// Called with the picked columns' raw cells (quotes kept) of each data record
    /// that has the header's number of fields.
    pub cells: &'v mut dyn FnMut(&[&'a str]),
}

/// The visited columns, and the current record's cells in them.
#[derive(Default)]
struct Picks<'a> {
    /// Per field up to the last one picked: its slot in `got`, or [`Picks::NONE`].
    slot_of: Vec<u32>,
    /// Per picked position, in the order asked: its slot in `got`.
    order: Vec<u32>,
    /// The current record's cells, one per distinct picked field.
    got: Vec<&'a str>,
    /// `got` in the order asked, when that differs (a field picked twice).
    out: Vec<&'a str>,
    /// `order` is 0, 1, 2...: `got` is handed over as it is.
    in_order: bool,
}

impl<'a> Picks<'a> {
    const NONE: u32 = u32::MAX;

    /// Visit the fields at `picked` (all of them within the header).
    fn new(picked: &[usize]) -> Self {
        let mut slot_of = vec![Self::NONE; picked.iter().max().map_or(0, |m| m + 1)];
        let mut order = Vec::with_capacity(picked.len());
        let mut slots = 0u32;
        for &p in picked {
            if slot_of[p] == Self::NONE {
                slot_of[p] = slots;
                slots += 1;
            }
            order.push(slot_of[p]);
        }
        let in_order = order.iter().enumerate().all(|(i, s)| *s as usize == i);
        Picks {
            slot_of,
            order,
            got: vec![""; slots as usize],
            out: Vec::new(),
            in_order,
        }
    }

    fn is_empty(&self) -> bool {
        self.order.is_empty()
    }

    /// Keep `cell` when field `field` is visited; `cell` is only cut out then.
    #[inline]
    fn put(&mut self, field: usize, cell: impl FnOnce() -> &'a str) {
        if let Some(&s) = self.slot_of.get(field)
            && s != Self::NONE
        {
            self.got[s as usize] = cell();
        }
    }

    /// The current record's cells, in the order asked.
    fn cells(&mut self) -> &[&'a str] {
        if self.in_order {
            return &self.got;
        }
        self.out.clear();
        self.out
            .extend(self.order.iter().map(|s| self.got[*s as usize]));
        &self.out
    }
}

/// [`scan`], also visiting some columns' cells.
pub fn scan_visit<'a>(text: &'a str, delimiter: u8, visit: Option<Visit<'_, 'a>>) -> Scan {
    scan_layout(text, &Layout::plain(delimiter), visit, None)
}

/// Records between two progress reports: a report is one relaxed atomic store.
const REPORT_EVERY: u32 = 1 << 16;

/// The header as the scan keeps it: joined names, `column_N`, or the first record.
fn header_of(layout: &Layout, first: &str) -> Vec<String> {
    let cells = || {
        let mut c = split_record(first, layout.delimiter);
        if layout.comma_space {
            for x in &mut c {
                *x = x.trim_start().to_string();
            }
        }
        c
    };
    match (&layout.names, layout.headerless()) {
        (Some(names), _) => names.clone(),
        (None, true) => (1..=cells().len()).map(|i| format!("column_{i}")).collect(),
        (None, false) => cells(),
    }
}

/// The scan from where `layout` says the table starts, reporting the share of the
/// text scanned to `progress` every 65,536 records and at the end.
pub fn scan_layout<'a>(
    text: &'a str,
    layout: &Layout,
    visit: Option<Visit<'_, 'a>>,
    progress: Option<&LoadProgress>,
) -> Scan {
    scan_records(text, layout, visit, progress, true)
}

/// [`scan_layout`] handing the cells of the columns `pick` chooses, record by
/// record, to `cells` (see [`Visit`]).
pub fn scan_picked<'a>(
    text: &'a str,
    layout: &Layout,
    pick: &dyn Fn(&[String]) -> Vec<usize>,
    cells: &mut dyn FnMut(&[&'a str]),
    progress: Option<&LoadProgress>,
) -> Scan {
    scan_layout(text, layout, Some(Visit { pick, cells }), progress)
}

/// Every column of a header, for [`scan_picked`].
pub fn every_column(header: &[String]) -> Vec<usize> {
    (0..header.len()).collect()
}

/// [`scan_layout`]; `whole_records` counts records without quotes in one go (the
/// tests compare it with the field-by-field walk).
fn scan_records<'a>(
    text: &'a str,
    layout: &Layout,
    mut visit: Option<Visit<'_, 'a>>,
    progress: Option<&LoadProgress>,
    whole_records: bool,
) -> Scan {
    let delimiter = layout.delimiter;
    let bytes = text.as_bytes();
    // The picked columns, and the cells found so far in the current record.
    let mut picks = Picks::default();
    let start = layout.start.min(bytes.len());
    let mut field_start = start;
    let mut header: Vec<String> = Vec::new();
    let mut row_lines = Vec::new();
    let mut ragged = Vec::new();
    let mut blank_lines = Vec::new();
    let mut in_q = false;
    let mut line: u32 = layout.first_line;
    let mut rec_start_line: u32 = line;
    let mut rec_start = start;
    let mut fields = 1usize;
    let mut header_left = layout.header_rows;
    let mut have_header = false;
    let mut data_start = start;
    let mut i = start;
    let n = bytes.len();
    let mut until_report = REPORT_EVERY;
    while i <= n {
        // A data record on one line is counted in one go, instead of a stop at every
        // delimiter: its delimiters outside quotes are found 64 bytes at a time
        // (`quoted`), and the picked cells cut out between them. When its quotes do
        // not pair up, a quoted line break goes on past the line: the walk below
        // takes it. The record's end is handled below, as for any record.
        if whole_records && i == rec_start && i < n && have_header && header_left == 0 && !in_q {
            let end = memchr::memchr(b'\n', &bytes[i..]).map_or(n, |k| i + k);
            let split = split_fields(text, (i, end), delimiter, &mut picks);
            if !split.inside_quotes {
                fields = split.fields;
                field_start = split.last_start;
                i = end;
            }
        }
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
            picks.put(fields - 1, || &text[field_start..i]);
            field_start = i + 1;
            fields += 1;
        } else if (b == b'\n' && !in_q) || at_end {
            let raw = &text[rec_start..i.min(n)];
            let blank = raw.bytes().all(|b| b == b'\r' || b == b' ');
            let next = (i + 1).min(n);
            if !blank {
                if !have_header {
                    header = header_of(layout, raw.trim_end_matches('\r'));
                    have_header = true;
                    let picked = visit
                        .as_ref()
                        .map(|v| (v.pick)(&header))
                        .unwrap_or_default();
                    // A column the header does not have: nothing to visit.
                    if picked.iter().all(|p| *p < header.len()) {
                        picks = Picks::new(&picked);
                    }
                    if header_left == 0 && !picks.is_empty() {
                        // This first record is data (no header row, or a scan that
                        // goes on from an earlier piece): its cells went by before
                        // the columns were picked, so cut them out now. The last
                        // field is kept below, as for every record.
                        let span = (rec_start, i.min(n));
                        split_fields(text, span, delimiter, &mut picks);
                    }
                }
                if header_left > 0 {
                    header_left -= 1;
                    data_start = next;
                } else {
                    if !picks.is_empty() {
                        let c = text[field_start..i.min(n)].trim_end_matches('\r');
                        picks.put(fields - 1, || c);
                    }
                    if fields != header.len() {
                        let end = rec_start + raw.trim_end_matches('\r').len();
                        ragged.push(BadRecord {
                            line: rec_start_line,
                            fields,
                            span: (rec_start, end),
                            next,
                        });
                    } else {
                        row_lines.push(rec_start_line);
                        if let Some(v) = visit.as_mut()
                            && !picks.is_empty()
                        {
                            (v.cells)(picks.cells());
                        }
                    }
                }
            } else if header_left > 0 {
                data_start = next;
            } else if (have_header || layout.headerless()) && rec_start < n {
                // (The empty tail after a final newline is not a line.)
                blank_lines.push((rec_start, next));
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
        data_start,
        blank: blank_lines,
        next_line: line,
    }
}

/// How many times `b` occurs in `bytes`, counted in byte-wide lanes the compiler
/// vectorises.
pub fn count_byte(bytes: &[u8], b: u8) -> usize {
    bytes
        .chunks(255)
        .map(|c| c.iter().map(|x| u8::from(*x == b)).sum::<u8>() as usize)
        .sum()
}

/// What [`split_fields`] found in a record.
struct Split {
    /// Fields in the record.
    fields: usize,
    /// Byte where its last field starts.
    last_start: usize,
    /// Its quotes do not pair up: it goes on past `end`.
    inside_quotes: bool,
}

/// Split the record `text[span.0..span.1]` at its delimiters outside quotes (64
/// bytes at a time, [`crate::data::quoted`]), keeping in `picks` the picked cells
/// of every field but the last (which the record's end keeps).
fn split_fields<'a>(
    text: &'a str,
    span: (usize, usize),
    delimiter: u8,
    picks: &mut Picks<'a>,
) -> Split {
    let (start, end) = span;
    let mut delims =
        crate::data::quoted::outside_delimiters_in(text.as_bytes(), start, end, delimiter);
    let (mut f, mut from) = (0usize, 0usize);
    for k in &mut delims {
        picks.put(f, || &text[start + from..start + k]);
        f += 1;
        from = k + 1;
    }
    Split {
        fields: f + 1,
        last_start: start + from,
        inside_quotes: delims.inside_quotes(),
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
    fn ragged_rows_are_found_with_their_lines() {
        let s = scan(
            "a,b,c\n1,2,3\n\n4,5\n\"x,y\",\"multi\nline\",z\n6,7,8,9\n",
            b',',
        );
        assert_eq!(s.header, vec!["a", "b", "c"]);
        assert_eq!(s.row_lines, vec![2, 5]);
        let lines: Vec<(u32, usize)> = s.ragged.iter().map(|r| (r.line, r.fields)).collect();
        assert_eq!(lines, vec![(4, 2), (7, 4)]);
        let text = "a,b,c\n1,2,3\n\n4,5\n\"x,y\",\"multi\nline\",z\n6,7,8,9\n";
        let r = &s.ragged[1];
        assert_eq!(&text[r.span.0..r.span.1], "6,7,8,9");
        assert_eq!(r.next, text.len());
    }

    #[test]
    fn one_column_is_visited_unquoted_and_ragged_records_are_skipped() {
        let text =
            "id,name\r\n1,\"Smith, Ann\"\r\n\r\n2,\"say \"\"hi\"\"\"\r\n3\r\n4,\"multi\nline\"\r\n";
        let mut seen = Vec::new();
        let mut cells = |c: &[&str]| seen.push(unquote(c[0]).into_owned());
        let pick = |h: &[String]| h.iter().position(|n| n == "name").into_iter().collect();
        let s = scan_visit(
            text,
            b',',
            Some(Visit {
                pick: &pick,
                cells: &mut cells,
            }),
        );
        assert_eq!(seen, vec!["Smith, Ann", "say \"hi\"", "multi\nline"]);
        assert_eq!(s.ragged.iter().map(|r| r.line).collect::<Vec<_>>(), vec![5]);
        assert_eq!(s.row_lines, vec![2, 4, 6]);
    }

    /// Everything a scan finds, with the cells of columns `pick` it visited.
    fn found(text: &str, pick: &[usize], whole: bool) -> impl PartialEq + std::fmt::Debug {
        let mut seen = Vec::new();
        let mut cells = |c: &[&str]| seen.push(c.iter().map(|c| c.to_string()).collect::<Vec<_>>());
        let choose = |_: &[String]| pick.to_vec();
        let visit = Visit {
            pick: &choose,
            cells: &mut cells,
        };
        let s = scan_records(text, &Layout::plain(b','), Some(visit), None, whole);
        (
            s.header,
            s.row_lines,
            s.ragged,
            s.data_start,
            s.blank,
            s.next_line,
            seen,
        )
    }

    #[test]
    fn records_counted_whole_give_what_the_field_by_field_walk_gives() {
        // Random text over the bytes that matter, plus the checked-in CSV seeds.
        let mut texts: Vec<String> = Vec::new();
        let mut state = 0x2545_f491_4f6c_dd1du64;
        for len in 0..400 {
            let mut t = String::new();
            for _ in 0..len {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                t.push(['a', ',', ',', '"', '\n', '\n', '\r', ' ', 'b'][(state % 9) as usize]);
            }
            texts.push(t);
        }
        let seeds = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/fuzz/csv");
        for e in std::fs::read_dir(seeds).unwrap().flatten() {
            texts.push(String::from_utf8_lossy(&std::fs::read(e.path()).unwrap()).into_owned());
        }
        let picks: &[&[usize]] = &[&[0], &[1], &[2], &[3], &[2, 0], &[1, 1], &[0, 3]];
        for t in &texts {
            for pick in picks {
                assert_eq!(
                    found(t, pick, true),
                    found(t, pick, false),
                    "{t:?} columns {pick:?}"
                );
            }
        }
    }

    #[test]
    fn the_first_record_of_a_headerless_text_is_visited_whole() {
        let mut layout = Layout::plain(b',');
        layout.header_rows = 0;
        let mut seen = Vec::new();
        let mut cells = |c: &[&str]| seen.push(c.iter().map(|c| c.to_string()).collect::<Vec<_>>());
        let pick = |_: &[String]| vec![1, 0];
        let visit = Visit {
            pick: &pick,
            cells: &mut cells,
        };
        scan_layout("\"a,1\",b,c\nd,e,f\n", &layout, Some(visit), None);
        assert_eq!(seen, vec![vec!["b", "\"a,1\""], vec!["e", "d"]]);
    }

    #[test]
    fn quoted_header_cells_are_unquoted() {
        assert_eq!(
            split_record("\"First, Name\",\"a\"\"b\",c", b','),
            vec!["First, Name", "a\"b", "c"]
        );
    }
}
