//! Writing cleaned data to a new file: CSV, UTF-8, written beside its destination
//! first and moved into place, so a failed write leaves nothing half-written.

use polars::prelude::*;
use std::path::Path;

/// Write `df` to `output` as CSV. Refuses an existing file unless `force`.
pub fn write_csv_to(df: &DataFrame, output: &Path, force: bool) -> Result<(), String> {
    let folder = match output.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let fail = |e: &dyn std::fmt::Display| format!("cannot write {}: {e}", output.display());
    if !force && output.exists() {
        return Err(format!(
            "{} already exists; choose a new name",
            output.display()
        ));
    }
    let mut tmp = tempfile::NamedTempFile::new_in(folder).map_err(|e| fail(&e))?;
    let mut df = df.clone();
    CsvWriter::new(tmp.as_file_mut())
        .include_header(true)
        .finish(&mut df)
        .map_err(|e| fail(&e))?;
    tmp.as_file().sync_all().map_err(|e| fail(&e))?;
    if force {
        tmp.persist(output).map_err(|e| fail(&e.error))?;
    } else {
        tmp.persist_noclobber(output).map_err(|e| fail(&e.error))?;
    }
    Ok(())
}

/// Write `bytes` to `output` atomically (beside it first, then moved into place).
/// Refuses an existing file unless `force`.
pub fn write_bytes_to(bytes: &[u8], output: &Path, force: bool) -> Result<(), String> {
    use std::io::Write as _;
    let folder = match output.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let fail = |e: &dyn std::fmt::Display| format!("cannot write {}: {e}", output.display());
    let mut tmp = tempfile::NamedTempFile::new_in(folder).map_err(|e| fail(&e))?;
    tmp.write_all(bytes).map_err(|e| fail(&e))?;
    tmp.as_file().sync_all().map_err(|e| fail(&e))?;
    if force {
        tmp.persist(output).map_err(|e| fail(&e.error))?;
    } else {
        tmp.persist_noclobber(output).map_err(|e| fail(&e.error))?;
    }
    Ok(())
}

/// Write `df` to a new CSV file (never over an existing one).
pub fn write_csv(df: &DataFrame, output: &Path) -> Result<(), String> {
    write_csv_to(df, output, false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_a_new_file_and_refuses_an_existing_one() {
        let dir = tempfile::tempdir().expect("tempdir");
        let out = dir.path().join("clean.csv");
        let df = df!("zip" => ["02134", "01001"]).expect("frame");
        write_csv(&df, &out).expect("written");
        assert_eq!(
            std::fs::read_to_string(&out).expect("read"),
            "zip\n02134\n01001\n"
        );
        let e = write_csv(&df, &out).expect_err("exists");
        assert!(e.contains("already exists"), "{e}");
        write_csv_to(&df, &out, true).expect("forced");
    }
}
