//! Parquet into a [`RawTable`]: every column turned into text the way the rest of
//! huddle shows it (dates ISO, whole numbers without `.0`), so typing works the
//! same as for a CSV.

use crate::data::decode::TextEncoding;
use crate::data::import::{ImportError, ImportReport, RawTable};
use crate::data::load_progress::{LoadProgress, Stage};
use crate::data::problems::Problem;
use crate::data::sheets::number_text;
use polars::prelude::*;
use std::io::Cursor;

/// Read Parquet bytes; columns that cannot be text (lists, structs) are left out
/// with a note in the report.
pub fn read_parquet_with(bytes: &[u8], progress: &LoadProgress) -> Result<RawTable, ImportError> {
    progress.stage_span(Stage::Decoding, 0.0, 0.6);
    let df = ParquetReader::new(Cursor::new(bytes))
        .finish()
        .map_err(|e| {
            ImportError::Unreadable(format!(
                "the Parquet file could not be read: {}",
                e.to_string().lines().next().unwrap_or("")
            ))
        })?;
    if df.width() == 0 {
        return Err(ImportError::Empty);
    }
    if df.height() == 0 {
        let names: Vec<String> = df
            .get_column_names()
            .iter()
            .map(|n| n.to_string())
            .collect();
        return Err(ImportError::HeaderOnly(names.join(", ")));
    }
    let cells = progress.stage_span(Stage::ReadingCells, 0.6, 1.0);
    let width = df.width();
    let mut columns = Vec::with_capacity(width);
    let mut notes = Vec::new();
    for (i, col) in df.columns().iter().enumerate() {
        crate::data::import::go_on(progress)?;
        match as_text(col) {
            Ok(c) => columns.push(c),
            Err(kind) => notes.push(left_out(col.name(), &kind)),
        }
        cells.set((i + 1) as f32 / width as f32);
    }
    let height = df.height();
    let df = DataFrame::new(height, columns).map_err(|e| ImportError::Unreadable(e.to_string()))?;
    if df.width() == 0 {
        return Err(ImportError::Unsupported(
            crate::i18n::tr(
                "none of this Parquet file's columns hold text, numbers, dates or true/false: export the table again with plain columns",
            )
            .into(),
        ));
    }
    Ok(RawTable {
        report: ImportReport {
            notes,
            ..ImportReport::new(TextEncoding::Parquet, df.height(), df.width())
        },
        df,
        row_lines: Vec::new(),
    })
}

/// One column as text; `Err` with the type's name when it cannot be.
fn as_text(col: &Column) -> Result<Column, String> {
    let name = col.name().clone();
    let dtype = col.dtype();
    let formatted = match dtype {
        DataType::Float32 | DataType::Float64 => {
            let f = col
                .cast(&DataType::Float64)
                .map_err(|_| dtype.to_string())?;
            let ca = f.f64().map_err(|_| dtype.to_string())?;
            let values: Vec<Option<String>> = ca.iter().map(|v| v.map(number_text)).collect();
            return Ok(Column::new(name, values));
        }
        DataType::Date => col
            .as_materialized_series()
            .date()
            .map(|d| d.to_string("%Y-%m-%d"))
            .map_err(|_| dtype.to_string())?
            .map(|s| s.into_series()),
        DataType::Datetime(_, _) => col
            .as_materialized_series()
            .datetime()
            .map(|d| d.to_string("%Y-%m-%d %H:%M:%S"))
            .map_err(|_| dtype.to_string())?
            .map(|s| s.into_series()),
        DataType::List(_) | DataType::Struct(_) => return Err(dtype.to_string()),
        _ => col
            .cast(&DataType::String)
            .map(|c| c.take_materialized_series()),
    };
    formatted
        .map(|s| Column::from(s.with_name(name)))
        .map_err(|_| dtype.to_string())
}

fn left_out(name: &PlSmallStr, kind: &str) -> Problem {
    Problem {
        kind: "column_left_out",
        column: Some(name.to_string()),
        rows: 0,
        message: format!(
            "`{name}` holds {kind} values, which huddle cannot show as a table column, so it \
             is left out"
        ),
        examples: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::import::read_raw;

    fn parquet(df: &mut DataFrame) -> Vec<u8> {
        let mut out = Vec::new();
        ParquetWriter::new(&mut out).finish(df).unwrap();
        out
    }

    #[test]
    fn parquet_columns_become_the_text_a_learner_expects() {
        let joined = Column::new(
            "joined".into(),
            [19420i32, 19421], // days since 1970: 2023-03-04, 2023-03-05
        )
        .cast(&DataType::Date)
        .unwrap();
        let seen = Column::new("seen".into(), [1_677_904_422_000i64, 0])
            .cast(&DataType::Datetime(TimeUnit::Milliseconds, None))
            .unwrap();
        let mut df = DataFrame::new(
            2,
            vec![
                Column::new("zip".into(), ["02134", "10001"]),
                Column::new("amount".into(), [2134.0f64, 7.5]),
                Column::new("events".into(), [Some(3i64), None]),
                Column::new("active".into(), [true, false]),
                joined,
                seen,
            ],
        )
        .unwrap();
        let raw = read_raw(&parquet(&mut df)).unwrap();
        assert_eq!(raw.report.encoding, TextEncoding::Parquet);
        assert_eq!(raw.report.delimiter, None);
        let text = |c: &str, i: usize| {
            raw.df
                .column(c)
                .unwrap()
                .str()
                .unwrap()
                .get(i)
                .map(str::to_string)
        };
        assert_eq!(text("zip", 0).as_deref(), Some("02134"));
        assert_eq!(text("amount", 0).as_deref(), Some("2134"));
        assert_eq!(text("amount", 1).as_deref(), Some("7.5"));
        assert_eq!(text("events", 1), None);
        assert_eq!(text("active", 0).as_deref(), Some("true"));
        assert_eq!(text("joined", 0).as_deref(), Some("2023-03-04"));
        assert_eq!(text("seen", 0).as_deref(), Some("2023-03-04 04:33:42"));
    }

    #[test]
    fn an_empty_parquet_file_says_it_has_no_rows() {
        let mut df =
            DataFrame::new(0, vec![Column::new("zip".into(), Vec::<String>::new())]).unwrap();
        let err = read_raw(&parquet(&mut df)).unwrap_err();
        assert_eq!(err, ImportError::HeaderOnly("zip".into()));
    }
}
