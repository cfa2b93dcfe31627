//! A big file's first rows, to map its columns from, then only the mapped columns
//! read in full: how a lesson on a voter file of millions of rows and 60 columns
//! holds the columns it uses rather than the whole file as text. (A warehouse table
//! is mapped the same way, from its first rows.)

use crate::data::chunks::Chunks;
use crate::data::decode::decode;
use crate::data::import::check_columns;
use crate::data::import::{
    ImportError, Kind, RawTable, ReadOptions, read_raw_columns_with, read_raw_opts, sniff_kind,
};
use crate::data::load_progress::LoadProgress;
use crate::data::piecewise::PIECE;
use crate::data::piecewise_columns::read_file_columns;
use std::borrow::Cow;
use std::path::Path;

/// Files at least this big are mapped from their first rows.
pub const SAMPLE_FROM: u64 = 256 << 20;
/// A smaller file of at least this many bytes is mapped from its first rows when
/// it has many columns ([`WHOLE_TABLE_MAX`]).
const WIDE_FROM: u64 = 32 << 20;
/// The bytes a whole read's table of every column is estimated to take, from which
/// a file is mapped from its first rows: each cell is a 16-byte view besides its
/// text, so a voter file of 60 columns takes several times its size.
const WHOLE_TABLE_MAX: f64 = (512u64 << 20) as f64;

/// Whether the file at `path` is mapped from its first rows ([`read_sample`]) and
/// then only its mapped columns read: text of [`SAMPLE_FROM`] or more, or of
/// [`WIDE_FROM`] or more with so many cells that a whole read's table would be
/// over [`WHOLE_TABLE_MAX`].
pub fn worth_sampling(path: &Path) -> bool {
    worth_sampling_at(path, SAMPLE_FROM, WIDE_FROM, WHOLE_TABLE_MAX)
}

fn worth_sampling_at(path: &Path, from: u64, wide_from: u64, table_max: f64) -> bool {
    use std::io::Read as _;
    let size = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    if size < wide_from || !is_big(path, 0) {
        return false;
    }
    if size >= from {
        return true;
    }
    // Cells per byte in the first 64 KB (quotes aside: an estimate).
    let mut head = Vec::with_capacity(64 << 10);
    let Ok(file) = std::fs::File::open(path) else {
        return false;
    };
    let _ = file.take(64 << 10).read_to_end(&mut head);
    let Some(end) = memchr::memrchr(b'\n', &head) else {
        return false;
    };
    let Ok(text) = std::str::from_utf8(&head[..=end]) else {
        return false;
    };
    let delimiter = crate::data::scan::sniff_delimiter(text);
    let cells = crate::data::scan::count_byte(text.as_bytes(), delimiter)
        + crate::data::scan::count_byte(text.as_bytes(), b'\n');
    let per_byte = cells as f64 / text.len() as f64;
    size as f64 * (1.0 + 16.0 * per_byte) >= table_max
}

/// The first records (about 8 MB of them) of a big UTF-8 delimited file, read as a
/// table; `None` for a file read whole instead: not [`worth_sampling`], not UTF-8
/// text, or a workbook.
pub fn read_sample(
    path: &Path,
    opts: &ReadOptions,
    progress: &LoadProgress,
) -> Result<Option<RawTable>, ImportError> {
    if !worth_sampling(path) {
        return Ok(None);
    }
    read_sample_from(path, opts, progress, 0)
}

/// [`read_sample`] for files of at least `from` bytes (the tests use small ones).
pub(crate) fn read_sample_from(
    path: &Path,
    opts: &ReadOptions,
    progress: &LoadProgress,
    from: u64,
) -> Result<Option<RawTable>, ImportError> {
    if !is_big(path, from) {
        return Ok(None);
    }
    let Ok(file) = std::fs::File::open(path) else {
        return Ok(None);
    };
    let mut pieces = Chunks::new(file, PIECE, PIECE * 4);
    let Ok(Some((piece, _))) = pieces.next_piece_of(crate::data::layout::SAMPLE_LINES + 1) else {
        return Ok(None);
    };
    if sniff_kind(piece) != Kind::Text || !matches!(decode(piece).0, Cow::Borrowed(_)) {
        return Ok(None);
    }
    read_raw_opts(piece, None, opts, progress).map(Some)
}

/// Whether the file at `path` is at least `from` bytes of text (not a workbook or
/// Parquet).
pub(crate) fn is_big(path: &Path, from: u64) -> bool {
    use std::io::Read as _;
    let Ok(file) = std::fs::File::open(path) else {
        return false;
    };
    if file.metadata().map(|m| m.len()).unwrap_or(0) < from {
        return false;
    }
    let mut head = Vec::with_capacity(8);
    let _ = file.take(8).read_to_end(&mut head);
    sniff_kind(&head) == Kind::Text
}

/// The `columns` of the delimited file at `path`, every row (at least one column is
/// read, so the rows are counted). A UTF-8 file is read piece by piece, keeping only
/// those columns ([`crate::data::piecewise_columns`]); another is read whole.
pub fn read_columns(
    path: &Path,
    columns: &[String],
    opts: &ReadOptions,
    progress: &LoadProgress,
) -> Result<RawTable, ImportError> {
    let choose = |names: &[String]| -> Vec<usize> {
        columns
            .iter()
            .filter_map(|c| names.iter().position(|n| n == c))
            .collect()
    };
    if let Some(read) = read_file_columns(path, &choose, opts, progress, PIECE)? {
        check_columns(columns, &read.names)?;
        return Ok(read.raw);
    }
    let bytes = std::fs::read(path).map_err(|e| ImportError::Io(e.to_string()))?;
    read_raw_columns_with(&bytes, Some(columns), opts, progress)
}

/// The file columns a mapping uses, each once, in the mapping's order; the
/// header's first column when it uses none.
pub fn mapped_columns(mapping: &crate::data::mapping::Mapping, header: &[String]) -> Vec<String> {
    let mut columns: Vec<String> = Vec::new();
    for c in mapping.pairs.iter().filter_map(|p| p.file_column.clone()) {
        if !columns.contains(&c) {
            columns.push(c);
        }
    }
    if columns.is_empty() {
        columns.extend(header.first().cloned());
    }
    columns
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::import::read_raw_columns_opts;

    /// A member list of `rows` rows and 12 columns, with a short row now and then.
    fn members(rows: usize) -> String {
        let mut out =
            String::from("id,first,last,zip,county,party,phone,email,joined,ward,score,notes\n");
        for i in 0..rows {
            out.push_str(&format!(
                "{i},Ann{},Lee{},0{},County {},{},617555{:04},a{i}@x.org,2024-0{}-1{},{},{}.5,\"said \"\"hi\"\", then left\"\n",
                i % 50,
                i % 70,
                2100 + i % 90,
                i % 14,
                ["D", "R", "U"][i % 3],
                i % 10_000,
                1 + i % 9,
                i % 10,
                i % 22,
                i % 100,
            ));
            if i % 997 == 0 {
                out.push_str("short,row\n");
            }
        }
        out
    }

    #[test]
    fn a_big_file_is_mapped_from_its_first_rows_and_read_in_full_for_its_mapped_columns() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("members.csv");
        let text = members(120_000);
        std::fs::write(&path, &text).unwrap();
        let opts = ReadOptions::default();
        let progress = LoadProgress::new();
        let sample = read_sample_from(&path, &opts, &progress, 1 << 20)
            .unwrap()
            .expect("a file over the size is sampled");
        let whole = read_raw_columns_opts(text.as_bytes(), None, &opts).unwrap();
        assert!(sample.df.height() > 1_000 && sample.df.height() < whole.df.height());
        assert_eq!(
            sample.df.get_column_names(),
            whole.df.get_column_names(),
            "the sample has the file's header"
        );
        let wanted = vec!["zip".to_string(), "county".to_string()];
        let cut = read_columns(&path, &wanted, &opts, &progress).unwrap();
        let expected = whole.df.select(["zip", "county"]).unwrap();
        assert!(cut.df.equals_missing(&expected));
        assert_eq!(cut.report.quarantined, whole.report.quarantined);
        assert_eq!(cut.report.rows, whole.report.rows);
        // A file under the size is read whole.
        assert!(
            read_sample_from(&path, &opts, &progress, 1 << 30)
                .unwrap()
                .is_none()
        );
    }

    /// A file with many columns is mapped from its first rows at a size where one
    /// with few is read whole: what decides is the table a whole read would build.
    #[test]
    fn a_wide_file_is_sampled_where_a_narrow_one_of_its_size_is_read_whole() {
        let dir = tempfile::tempdir().unwrap();
        let narrow = dir.path().join("narrow.csv");
        let wide = dir.path().join("wide.csv");
        let mut n = String::from("id,county\n");
        let mut w = String::from("id");
        for c in 0..60 {
            w.push_str(&format!(",c{c}"));
        }
        w.push('\n');
        let mut i = 0;
        while n.len() < 400_000 {
            n.push_str(&format!("{i},Essex County of the Commonwealth\n"));
            i += 1;
        }
        i = 0;
        while w.len() < 400_000 {
            w.push_str(&format!("{i}"));
            w.push_str(&",x".repeat(60));
            w.push('\n');
            i += 1;
        }
        std::fs::write(&narrow, n).unwrap();
        std::fs::write(&wide, w).unwrap();
        // Both are over the wide size and under the size every file is sampled from;
        // a whole read's table of 1.6 MB: the wide file's cells reach it, the narrow's do not.
        let at = |p: &Path| worth_sampling_at(p, 1 << 30, 100_000, 1.6e6);
        assert!(at(&wide), "60 columns");
        assert!(!at(&narrow), "2 columns");
        // Any text file over the size is sampled; a small one never.
        assert!(worth_sampling_at(&narrow, 300_000, 100_000, 1e12));
        assert!(!worth_sampling_at(&wide, 1 << 30, 1 << 30, 0.0));
        let xlsx = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/data/members.xlsx");
        assert!(!worth_sampling_at(&xlsx, 0, 0, 0.0));
    }

    #[test]
    fn workbooks_and_text_that_is_not_utf8_are_read_whole() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
        let opts = ReadOptions::default();
        let progress = LoadProgress::new();
        for file in [
            "data/members.xlsx",
            "data/actblue_cp1252.csv",
            "data/van_utf16.xls",
        ] {
            let got = read_sample_from(&root.join(file), &opts, &progress, 0).unwrap();
            assert!(got.is_none(), "{file}");
        }
        assert!(!is_big(&root.join("data/members.xlsx"), 0));
        assert!(is_big(&root.join("data/actblue_cp1252.csv"), 0));
    }
}
