//! Writing cleaned data to a new file: CSV, UTF-8, written beside its destination
//! first and moved into place, so a failed write leaves nothing half-written.

use crate::output::{self, Audience, Existing};
use polars::prelude::*;
use std::path::Path;

/// Write `df` to `output` as CSV, never over one of `inputs` or anything but a regular
/// file (see [`crate::output`]); an existing file is replaced only with `Replace`.
pub fn write_csv_to(
    df: &DataFrame,
    output: &Path,
    inputs: &[&Path],
    existing: Existing,
) -> Result<(), String> {
    let mut df = df.clone();
    output::write(output, inputs, existing, Audience::Shared, |file| {
        CsvWriter::new(file)
            .include_header(true)
            .finish(&mut df)
            .map_err(std::io::Error::other)
    })
    .map_err(|e| e.to_string())
}

/// Write `df` to a new CSV file (never over an existing one, nor over `inputs`).
pub fn write_csv(df: &DataFrame, output: &Path, inputs: &[&Path]) -> Result<(), String> {
    write_csv_to(df, output, inputs, Existing::Keep)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_a_new_file_and_refuses_an_existing_one() {
        let dir = tempfile::tempdir().expect("tempdir");
        let out = dir.path().join("clean.csv");
        let df = df!("zip" => ["02134", "01001"]).expect("frame");
        write_csv(&df, &out, &[]).expect("written");
        assert_eq!(
            std::fs::read_to_string(&out).expect("read"),
            "zip\n02134\n01001\n"
        );
        let e = write_csv(&df, &out, &[]).expect_err("exists");
        assert!(e.contains("already exists"), "{e}");
        write_csv_to(&df, &out, &[], Existing::Replace).expect("forced");
    }
}
