//! A zip-bomb defence for workbooks (XLSX, XLSB, ODS are ZIP archives): before the
//! spreadsheet reader unpacks anything, every entry's declared size is checked, then
//! each entry is unpacked once into nothing, counting, and stopped as soon as it
//! outgrows what it declared or what huddle allows. A 256 KB file whose shared
//! strings unpack to hundreds of megabytes is refused with a message, instead of
//! taking gigabytes of memory.

use crate::data::import::ImportError;
use std::io::{Cursor, Read};

/// Most bytes all entries of a workbook may unpack to.
pub const MAX_UNPACKED_BYTES: u64 = 1024 * 1024 * 1024;
/// Most times larger than its packed size an entry may unpack to ...
pub const MAX_RATIO: u64 = 100;
/// ... once it unpacks to more than this (small entries compress very well).
pub const RATIO_FROM_BYTES: u64 = 8 * 1024 * 1024;
/// Most entries in a workbook.
pub const MAX_ENTRIES: usize = 10_000;

/// Check a ZIP archive's entries before a reader unpacks them. Archives the `zip`
/// crate cannot open pass: the spreadsheet reader reports those in its own words.
pub fn check(bytes: &[u8]) -> Result<(), ImportError> {
    let Ok(mut archive) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return Ok(());
    };
    if archive.len() > MAX_ENTRIES {
        return Err(refuse(&format!(
            "it holds {} parts, more than a workbook huddle opens ({MAX_ENTRIES})",
            archive.len()
        )));
    }
    let mut total: u64 = 0;
    for i in 0..archive.len() {
        let Ok(mut entry) = archive.by_index(i) else {
            return Ok(());
        };
        let declared = entry.size();
        let packed = entry.compressed_size().max(1);
        let name = entry.name().map(|n| n.into_owned()).unwrap_or_default();
        within(&name, declared, packed, total)?;
        // Unpack, counting, never more than one byte past what may be allowed.
        let allowed = declared.min(MAX_UNPACKED_BYTES - total);
        let mut sink = Counter(0);
        let copied = std::io::copy(&mut (&mut entry).take(allowed + 1), &mut sink);
        let actual = sink.0;
        if actual > declared {
            return Err(refuse(&format!(
                "its part {name} unpacks to more than the {declared} bytes it declares"
            )));
        }
        if copied.is_err() {
            // A damaged entry: the spreadsheet reader says what is wrong.
            return Ok(());
        }
        within(&name, actual, packed, total)?;
        total += actual;
    }
    Ok(())
}

/// Whether an entry of `size` bytes (packed into `packed`) fits after `total` bytes.
fn within(name: &str, size: u64, packed: u64, total: u64) -> Result<(), ImportError> {
    if total.saturating_add(size) > MAX_UNPACKED_BYTES {
        return Err(refuse(&format!(
            "it unpacks to more than {} MB (the limit); its part {name} alone is {} MB",
            MAX_UNPACKED_BYTES / (1024 * 1024),
            size / (1024 * 1024)
        )));
    }
    if size > RATIO_FROM_BYTES && size / packed > MAX_RATIO {
        return Err(refuse(&format!(
            "its part {name} unpacks to {} MB from {} KB, {} times its packed size (the limit is \
             {MAX_RATIO} times), which real workbooks never do",
            size / (1024 * 1024),
            packed / 1024,
            size / packed
        )));
    }
    Ok(())
}

fn refuse(why: &str) -> ImportError {
    ImportError::Unsupported(format!(
        "this workbook is not opened: {why}. It may be damaged or made to exhaust memory; \
         if you trust it, open it in Excel and save it as CSV UTF-8, then open the CSV"
    ))
}

/// A writer that only counts.
struct Counter(u64);

impl std::io::Write for Counter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0 += buf.len() as u64;
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;
    use zip::write::SimpleFileOptions;

    fn archive(entries: &[(&str, &[u8])]) -> Vec<u8> {
        let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
        for (name, data) in entries {
            w.start_file(*name, SimpleFileOptions::default()).unwrap();
            w.write_all(data).unwrap();
        }
        w.finish().unwrap().into_inner()
    }

    #[test]
    fn an_ordinary_archive_passes() {
        let xml = b"<sst><si><t>Rivera</t></si></sst>".repeat(1000);
        assert!(check(&archive(&[("xl/sharedStrings.xml", &xml)])).is_ok());
        assert!(check(b"not a zip at all").is_ok());
    }

    #[test]
    fn an_entry_that_unpacks_a_thousand_fold_is_refused() {
        let bomb = vec![b'a'; 20 * 1024 * 1024];
        let bytes = archive(&[("xl/sharedStrings.xml", &bomb)]);
        assert!(bytes.len() < 1024 * 1024, "{}", bytes.len());
        let e = check(&bytes).unwrap_err().to_string();
        assert!(
            e.contains("xl/sharedStrings.xml") && e.contains("times its packed size"),
            "{e}"
        );
    }
}
