//! Replaying a recipe on a big delimited file piece by piece, so memory holds one
//! piece and not the file (`huddle apply` on a voter file).
//!
//! A whole read decides things about each column from all its values: that its
//! numbers have decimal commas or thousands separators (and are rewritten), and
//! its type. A first pass finds those decisions ([`first_pass`]) with no table
//! built; the second ([`replay_pieces`]) reads each piece into a table, rewrites
//! and types it as decided, runs the ops, carrying what they need from the pieces
//! before ([`crate::data::recipe::Carried`]), and writes the rows out. The output
//! is the one the whole table gives, byte for byte.

use crate::data::delimited::with_decimal_points;
use crate::data::import::{ImportError, ImportReport, RawTable, ReadOptions, unique_names};
use crate::data::layout::Layout;
use crate::data::load_progress::LoadProgress;
use crate::data::number_text::rewrite_as;
use crate::data::piecewise::{Piecewise, Read, cells_in_halves, read_pieces};
use crate::data::quarantine::BadRow;
use crate::data::recipe::{Carried, OpOutcome};
use crate::data::recipe_file::Recipe;
use crate::data::replay::{Piece, ReplayError, replay_with};
use crate::data::scan::Scan;
use crate::data::types::ColumnType;
use polars::prelude::*;
use std::io::Write;
use std::path::Path;

mod columns;
mod csv_rows;
mod raw_rows;
mod views;
use columns::{Reading, Rewrite};
use raw_rows::{RawRows, Untouched};

/// Files at least this big (one piece) are replayed piece by piece; a smaller one
/// is one piece anyway, and is read whole.
pub const PIECEWISE_FROM: u64 = crate::data::piecewise::PIECE as u64;

/// What the first pass found: the records, and each column's rewrite and type.
pub struct FirstPass {
    read: Read,
    names: Vec<String>,
    columns: Vec<(Rewrite, ColumnType)>,
}

impl FirstPass {
    /// The column names, as a whole read gives them.
    pub fn names(&self) -> &[String] {
        &self.names
    }

    /// Data rows read.
    pub fn rows(&self) -> usize {
        self.read.good.rows
    }

    /// Rows set aside (they had too many or too few fields).
    pub fn set_aside(&self) -> Vec<BadRow> {
        self.read.set_aside()
    }
}

/// Read the delimited file at `path` once, deciding each column's rewrite and
/// type; `None` when it cannot be read piece by piece (not UTF-8, bare CR line
/// endings...), so it is read whole instead.
pub fn first_pass(
    path: &Path,
    opts: &ReadOptions,
    progress: &LoadProgress,
    piece: usize,
) -> Result<Option<FirstPass>, ImportError> {
    let mut reading = Reading::default();
    let mut scan = |t: &str, l: &Layout, _: Option<&LoadProgress>| reading.scan(t, l);
    let Piecewise::Done(read) = read_pieces(path, opts, progress, piece, &mut scan)? else {
        return Ok(None);
    };
    let (names, _) = unique_names(&read.header);
    let mut columns: Vec<(Rewrite, ColumnType)> =
        reading.columns.iter().map(|c| c.verdict()).collect();
    columns.resize(names.len(), (Rewrite::None, ColumnType::Text));
    Ok(Some(FirstPass {
        read,
        names,
        columns,
    }))
}

/// What the second pass did.
#[derive(Debug)]
pub struct Written {
    /// What each op did, over all pieces.
    pub outcomes: Vec<OpOutcome>,
    /// Rows written.
    pub rows: usize,
    /// Columns written.
    pub columns: usize,
}

/// Why the second pass stopped. What was written must be thrown away.
#[derive(Debug)]
pub enum PieceError {
    /// The recipe could not be replayed ([`crate::data::replay::replay`]'s errors).
    Replay(ReplayError),
    /// The file could not be read, or changed since the first pass.
    Read(String),
    /// The output could not be written.
    Write(std::io::Error),
}

/// Replay `recipe` (with the column `map`) on the file at `path`, piece by piece,
/// writing CSV to `out` as each piece is done. Three threads pass the pieces on:
/// one reads and scans, the next cleans the piece before, the last writes the one
/// before that.
pub fn replay_pieces(
    path: &Path,
    first: &FirstPass,
    (recipe, map): (&Recipe, &[(String, String)]),
    opts: &ReadOptions,
    progress: &LoadProgress,
    piece: usize,
    out: &mut (dyn Write + Send),
) -> Result<Written, PieceError> {
    let read_by_ops = read_by_ops(first, recipe, map);
    // A column no op reads is not made into a column: it is written from the
    // file's text. It stays text, as it is written back as it was read.
    let types: Vec<ColumnType> = first
        .columns
        .iter()
        .zip(&read_by_ops)
        .map(|(c, &read)| if read { c.1 } else { ColumnType::Text })
        .collect();
    let wanted: Vec<usize> = (0..first.names.len())
        .filter(|&k| read_by_ops.get(k).copied().unwrap_or(true))
        .collect();
    let (send, receive) = std::sync::mpsc::sync_channel::<Scanned>(1);
    let (cleaned, to_write) = std::sync::mpsc::sync_channel::<Cleaned>(1);
    let (read, replayed, wrote) = std::thread::scope(|scope| {
        let writer = scope.spawn(move || {
            for (n, (mut df, untouched)) in to_write.into_iter().enumerate() {
                let wrote = csv_rows::write_piece(&mut df, Some(&untouched), n == 0, &mut *out);
                if let Err(e) = wrote {
                    // The read stops at its next piece, and the cleaning with it.
                    progress.cancel();
                    return Err(PieceError::Write(std::io::Error::other(e)));
                }
            }
            Ok(())
        });
        let worker = scope.spawn(|| {
            // Owned here, so the writer's loop ends when the cleaning does.
            let cleaned = cleaned;
            let mut state = Replaying {
                first,
                types: &types,
                read_by_ops: &read_by_ops,
                wanted: &wanted,
                recipe,
                map,
                carried: Carried::default(),
                written: None,
                rows_read: 0,
            };
            for scanned in receive {
                match state.piece(scanned) {
                    Ok(df) => {
                        // A closed channel means the writer stopped: its error is
                        // reported.
                        if cleaned.send(df).is_err() {
                            break;
                        }
                    }
                    Err(e) => {
                        // The read stops at its next piece.
                        progress.cancel();
                        return Err(e);
                    }
                }
            }
            Ok(state)
        });
        let mut scan = |t: &str, l: &Layout, _: Option<&LoadProgress>| {
            // The bar says the rows are being cleaned, not only read.
            progress.say_stage(crate::data::load_progress::Stage::Cleaning);
            let (scanned, s) = Scanned::scan(t, l);
            // A closed channel means the worker stopped: its error is reported.
            let _ = send.send(scanned);
            s
        };
        let read = read_pieces(path, opts, progress, piece, &mut scan);
        drop(send);
        let failed = || PieceError::Read("cleaning a piece failed".into());
        let replayed = worker.join().unwrap_or_else(|_| Err(failed()));
        let wrote = writer.join().unwrap_or_else(|_| Err(failed()));
        (read, replayed, wrote)
    });
    let state = replayed?;
    wrote?;
    let changed = || PieceError::Read("the file changed while huddle read it".into());
    match read {
        Ok(Piecewise::Done(read)) if read.good.rows == first.rows() => {}
        Ok(_) => return Err(changed()),
        Err(e) => return Err(PieceError::Read(e.to_string())),
    }
    if state.rows_read != first.rows() {
        return Err(changed());
    }
    state.written.ok_or_else(changed)
}

/// A cleaned piece: its rows, and the cells no op changed, to write from the
/// file's text.
type Cleaned = (DataFrame, Untouched);

/// Which of the file's columns the ops read, by position (or that need a
/// rewrite, or are named in the map): the others are written from the text as
/// they were read. A `filter` may read any column, and so may a `dedupe` by
/// every column.
fn read_by_ops(first: &FirstPass, recipe: &Recipe, map: &[(String, String)]) -> Vec<bool> {
    use crate::data::recipe::Op;
    let any = recipe.ops.iter().any(|op| match op {
        Op::Filter { .. } => true,
        Op::Dedupe { by, .. } => by.is_empty(),
        _ => false,
    });
    // In the file's names: a mapped column by the name the file gives it.
    let needed: Vec<String> = recipe
        .columns_needed()
        .into_iter()
        .map(|(_, name)| match map.iter().find(|(old, _)| *old == name) {
            Some((_, new)) => new.clone(),
            None => name,
        })
        .collect();
    first
        .names
        .iter()
        .zip(&first.columns)
        .map(|(name, (rewrite, _))| {
            any || *rewrite != Rewrite::None
                || needed.contains(name)
                || map.iter().any(|(old, new)| old == name || new == name)
        })
        .collect()
}

/// One piece scanned: its text, and its good records' cells in it.
struct Scanned {
    text: String,
    /// Each cell's start and end in `text`, one record after another.
    cells: Vec<(u32, u32)>,
    /// The line each good record starts on.
    row_lines: Vec<u32>,
}

impl Scanned {
    /// Scan a piece in halves side by side, keeping a copy of it to clean on
    /// another thread.
    fn scan(text: &str, layout: &Layout) -> (Scanned, Scan) {
        let (cells, s) = cells_in_halves(text, layout);
        let scanned = Scanned {
            text: text.to_string(),
            cells,
            row_lines: s.row_lines.clone(),
        };
        (scanned, s)
    }
}

/// The second pass's cleaning and writing, as it goes.
struct Replaying<'r> {
    first: &'r FirstPass,
    types: &'r [ColumnType],
    /// The columns the ops read ([`read_by_ops`]); the others are blank here.
    read_by_ops: &'r [bool],
    /// The positions of the columns the ops read, in order.
    wanted: &'r [usize],
    recipe: &'r Recipe,
    map: &'r [(String, String)],
    carried: Carried,
    /// What was written so far; `None` before the first piece.
    written: Option<Written>,
    rows_read: usize,
}

impl Replaying<'_> {
    /// Clean one piece's rows, `cells` one record after another, giving the rows
    /// to write.
    fn piece(&mut self, s: Scanned) -> Result<Cleaned, PieceError> {
        let names = &self.first.names;
        let width = names.len();
        let rows = s.row_lines.len();
        let cells = &s.cells;
        if cells.len() != rows * width {
            return Err(PieceError::Read(
                "the file changed while huddle read it".into(),
            ));
        }
        let quotes = RawRows::holds_quotes(s.text.as_bytes());
        let text = polars_buffer::Buffer::from(s.text.into_bytes());
        let mut values = views::text_columns(&text, cells, width, self.wanted)
            .map_err(|e| PieceError::Read(e.to_string()))?
            .into_iter();
        let mut columns: Vec<Column> = Vec::with_capacity(width);
        for (k, (name, (rewrite, _))) in names.iter().zip(&self.first.columns).enumerate() {
            let name: PlSmallStr = name.as_str().into();
            let read = self.read_by_ops.get(k).copied().unwrap_or(true);
            let column = match read.then(|| values.next()) {
                // Blank here: no op reads it, and it is written from the text.
                None => Column::full_null(name, rows, &DataType::String),
                Some(None) => return Err(PieceError::Read("a column was not read".into())),
                Some(Some(values)) => match rewrite {
                    Rewrite::None => values,
                    Rewrite::DecimalPoint => with_decimal_points(&values),
                    Rewrite::Written(kind) => rewrite_as(&values, kind),
                }
                .with_name(name)
                .into_column(),
            };
            columns.push(column);
        }
        let df = DataFrame::new(rows, columns).map_err(|e| PieceError::Read(e.to_string()))?;
        let mut report = ImportReport::new(
            self.first
                .read
                .encoding
                .unwrap_or(crate::data::decode::TextEncoding::Utf8),
            rows,
            width,
        );
        report.delimiter = Some(self.first.read.layout.delimiter as char);
        let first_line = s.row_lines.first().copied();
        let raw = RawTable {
            df,
            row_lines: s.row_lines,
            report,
        };
        let replayed = replay_with(
            &raw,
            self.recipe,
            self.map,
            Some(Piece {
                types: self.types,
                carried: &mut self.carried,
            }),
        )
        .map_err(|e| match (e, first_line) {
            (ReplayError::Op(m), Some(line)) if self.rows_read > 0 => {
                PieceError::Replay(ReplayError::Op(format!(
                    "{m} (among the rows from line {line} of the file on)"
                )))
            }
            (e, _) => PieceError::Replay(e),
        })?;
        self.rows_read += rows;
        let df = replayed.df;
        let untouched = Untouched {
            rows: RawRows {
                text,
                cells: s.cells,
                width,
                comma: self.first.read.layout.delimiter == b',',
                quotes,
            },
            // A rewritten column is written as rewritten, from its values.
            sources: replayed
                .sources
                .iter()
                .map(|k| {
                    k.filter(|&k| {
                        self.first
                            .columns
                            .get(k)
                            .is_some_and(|c| c.0 == Rewrite::None)
                    })
                })
                .collect(),
            kept: replayed
                .kept
                .map(|kept| kept.iter().map(|r| r.unwrap_or(IdxSize::MAX)).collect()),
        };
        let written = self.written.get_or_insert_with(|| Written {
            outcomes: replayed
                .outcomes
                .iter()
                .map(|_| OpOutcome {
                    rows_changed: 0,
                    rows_removed: 0,
                })
                .collect(),
            rows: 0,
            columns: df.width(),
        });
        written.rows += df.height();
        for (sum, one) in written.outcomes.iter_mut().zip(&replayed.outcomes) {
            sum.rows_changed += one.rows_changed;
            sum.rows_removed += one.rows_removed;
        }
        Ok((df, untouched))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The bar says "reading" in the first pass and "cleaning" in the second.
    #[test]
    fn the_second_pass_says_it_cleans() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("members.csv");
        let mut text = String::from("id,name\n");
        for i in 0..2_000 {
            text.push_str(&format!("{i},n{i}  \n"));
        }
        std::fs::write(&path, &text).unwrap();
        let opts = ReadOptions::default();
        let reading = LoadProgress::new();
        let first = first_pass(&path, &opts, &reading, 4096).unwrap().unwrap();
        assert!(reading.reports().iter().all(|r| r.0 == "reading"));
        let recipe = Recipe::parse(
            "r.toml",
            "format = 1\n[[ops]]\nop = \"trim\"\ncolumn = \"name\"\n",
        )
        .unwrap();
        let cleaning = LoadProgress::new();
        let mut out = Vec::new();
        let written = replay_pieces(
            &path,
            &first,
            (&recipe, &[]),
            &opts,
            &cleaning,
            4096,
            &mut out,
        )
        .unwrap();
        assert_eq!(written.rows, 2_000);
        assert!(String::from_utf8(out).unwrap().contains("\n1999,n1999\n"));
        let stages: Vec<&str> = cleaning.reports().iter().map(|r| r.0).collect();
        assert!(stages.len() > 2, "{stages:?}");
        assert!(stages[1..].iter().all(|s| *s == "cleaning"), "{stages:?}");
    }
}
