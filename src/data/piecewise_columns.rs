//! Some columns of a big delimited file, every row, read piece by piece
//! ([`crate::data::piecewise`]): memory holds those columns and one piece, not
//! the file's bytes or its other columns. How `huddle sql` reads the columns a
//! query names, and a lesson the columns it maps. The table is the one the whole
//! read gives for those columns ([`crate::data::import::read_raw_columns`]),
//! with the same report.

use crate::data::delimited::{TableParts, table_read};
use crate::data::import::{ImportError, RawTable, ReadOptions, unique_names};
use crate::data::layout::Layout;
use crate::data::load_progress::LoadProgress;
use crate::data::piecewise::{Piecewise, read_pieces};
use crate::data::scan::{Scan, scan_picked, unquote};
use polars::prelude::*;
use std::cell::RefCell;
use std::path::Path;

/// Chosen columns of a file, and the names of all of them.
pub struct ColumnsRead {
    /// The chosen columns, in the file's order.
    pub raw: RawTable,
    /// Every column's name, as a whole read names them.
    pub names: Vec<String>,
}

/// Read the columns `choose` picks (given every column's name, their positions)
/// from the delimited file at `path`, in pieces of `piece` bytes; `None` when the
/// file cannot be read piece by piece (a workbook, not UTF-8, bare CR line
/// endings...), so it is read whole instead.
pub fn read_file_columns(
    path: &Path,
    choose: &dyn Fn(&[String]) -> Vec<usize>,
    opts: &ReadOptions,
    progress: &LoadProgress,
    piece: usize,
) -> Result<Option<ColumnsRead>, ImportError> {
    if !crate::data::sample::is_big(path, 0) {
        return Ok(None);
    }
    let chosen: RefCell<Option<(Vec<String>, Vec<usize>)>> = RefCell::new(None);
    let mut builders: Vec<StringChunkedBuilder> = Vec::new();
    let mut row_lines: Vec<u32> = Vec::new();
    let pick = |header: &[String]| -> Vec<usize> {
        let mut chosen = chosen.borrow_mut();
        let (_, picked) = chosen.get_or_insert_with(|| {
            let (names, _) = unique_names(header);
            let mut picked = choose(&names);
            // In the file's order, each once, as a whole read gives them.
            picked.retain(|&p| p < names.len());
            picked.sort_unstable();
            picked.dedup();
            (names, picked)
        });
        picked.clone()
    };
    let mut scan = |text: &str, layout: &Layout, progress: Option<&LoadProgress>| -> Scan {
        let mut keep = |cells: &[&str]| {
            if builders.len() < cells.len() {
                builders.resize_with(cells.len(), || {
                    StringChunkedBuilder::new(PlSmallStr::EMPTY, 1 << 16)
                });
            }
            for (b, raw) in builders.iter_mut().zip(cells) {
                // An empty cell without quotes holds nothing; a quoted one holds "".
                if raw.is_empty() {
                    b.append_null();
                } else {
                    b.append_value(unquote(raw));
                }
            }
        };
        let s = scan_picked(text, layout, &pick, &mut keep, progress);
        row_lines.extend_from_slice(&s.row_lines);
        s
    };
    let Piecewise::Done(read) = read_pieces(path, opts, progress, piece, &mut scan)? else {
        return Ok(None);
    };
    let Some((names, picked)) = chosen.into_inner() else {
        return Ok(None);
    };
    let rows = read.good.rows;
    builders.resize_with(picked.len(), || {
        StringChunkedBuilder::new(PlSmallStr::EMPTY, 0)
    });
    let columns: Vec<Column> = picked
        .iter()
        .zip(builders)
        .map(|(&p, b)| {
            let values = b.finish();
            // A file with no good rows gives empty columns.
            let values = if values.len() == rows {
                values
            } else {
                StringChunked::full_null(PlSmallStr::EMPTY, rows)
            };
            values.with_name(names[p].as_str().into()).into_column()
        })
        .collect();
    let df = DataFrame::new(rows, columns).map_err(|e| ImportError::Unreadable(e.to_string()))?;
    let (_, renamed) = unique_names(&read.header);
    let raw = table_read(
        df,
        TableParts {
            encoding: read
                .encoding
                .unwrap_or(crate::data::decode::TextEncoding::Utf8),
            layout: &read.layout,
            renamed,
            quarantined: read.set_aside(),
            footnotes: read.footnote_lines(),
            bare_cr: read.bare_cr,
            row_lines,
        },
    );
    Ok(Some(ColumnsRead { raw, names }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cmd::inspect::tests::{fixture_text_files, planted_member_list};
    use crate::data::import::read_raw_columns_opts;

    /// Read every column of `path` (last first) piece by piece and whole, and then
    /// every second one: the same columns and the same report. Returns whether it
    /// was read in pieces.
    fn same_columns(path: &Path, opts: &ReadOptions) -> bool {
        same_chosen(path, opts, |names| names.iter().rev().cloned().collect())
            && same_chosen(path, opts, |names| {
                names.iter().step_by(2).cloned().collect()
            })
    }

    fn same_chosen(
        path: &Path,
        opts: &ReadOptions,
        pick: impl Fn(&[String]) -> Vec<String>,
    ) -> bool {
        let bytes = std::fs::read(path).unwrap();
        let Ok(all) = read_raw_columns_opts(&bytes, None, opts) else {
            return false;
        };
        let names: Vec<String> = all
            .df
            .get_column_names()
            .iter()
            .map(|s| s.to_string())
            .collect();
        if names.is_empty() || all.df.height() == 0 {
            return false;
        }
        let wanted = pick(&names);
        let whole = read_raw_columns_opts(&bytes, Some(&wanted), opts).unwrap();
        let choose = |n: &[String]| -> Vec<usize> {
            wanted
                .iter()
                .filter_map(|w| n.iter().position(|x| x == w))
                .collect()
        };
        let mut read = false;
        for piece in [97, 4096, 8 << 20] {
            let got = read_file_columns(path, &choose, opts, &LoadProgress::new(), piece).unwrap();
            let Some(got) = got else {
                return false;
            };
            let what = format!("{} in pieces of {piece} bytes", path.display());
            assert_eq!(got.names, names, "{what}");
            for w in &wanted {
                let (a, b) = (got.raw.df.column(w).unwrap(), whole.df.column(w).unwrap());
                assert!(a.equals_missing(b), "{what}: column {w}\n{a:?}\n{b:?}");
            }
            assert_eq!(
                serde_json::to_string(&got.raw.report).unwrap(),
                serde_json::to_string(&whole.report).unwrap(),
                "{what}"
            );
            assert_eq!(got.raw.row_lines, whole.row_lines, "{what}");
            read = true;
        }
        read
    }

    #[test]
    fn columns_read_in_pieces_are_the_columns_read_whole() {
        let mut read = 0;
        for path in fixture_text_files() {
            read += usize::from(same_columns(&path, &ReadOptions::default()));
        }
        assert!(read > 40, "only {read} files read in pieces");
        let dir = tempfile::tempdir().unwrap();
        for d in [',', ';', '\t'] {
            let path = dir.path().join(format!("members_{}.csv", d as u32));
            std::fs::write(&path, planted_member_list(3_000, d)).unwrap();
            assert!(same_columns(&path, &ReadOptions::default()));
        }
    }
}
