//! Turn a file's bytes into UTF-8 text before polars sees them.
//!
//! Exports arrive as UTF-8, UTF-8 with a byte-order mark (Action Network), UTF-16 with
//! a mark (VAN's ".xls" that is really tab-separated text) and Windows-1252 (ActBlue).

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, WINDOWS_1252};
use std::borrow::Cow;

/// Which encoding a file was read as; for binary formats, which format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum TextEncoding {
    /// Plain UTF-8.
    #[serde(rename = "UTF-8")]
    Utf8,
    /// UTF-8 starting with a byte-order mark.
    #[serde(rename = "UTF-8 with BOM")]
    Utf8Bom,
    /// UTF-16 little-endian.
    #[serde(rename = "UTF-16LE")]
    Utf16Le,
    /// UTF-16 big-endian.
    #[serde(rename = "UTF-16BE")]
    Utf16Be,
    /// Windows-1252 (what Excel on Windows writes as "CSV").
    #[serde(rename = "Windows-1252")]
    Windows1252,
    /// An Excel workbook (.xlsx, .xlsm).
    #[serde(rename = "xlsx")]
    Xlsx,
    /// An Excel 97–2003 workbook (a real .xls, not text named .xls).
    #[serde(rename = "xls")]
    Xls,
    /// An Excel binary workbook (.xlsb).
    #[serde(rename = "xlsb")]
    Xlsb,
    /// An OpenDocument spreadsheet (.ods).
    #[serde(rename = "ods")]
    Ods,
    /// A Parquet file.
    #[serde(rename = "parquet")]
    Parquet,
    /// A table or query of a Postgres-compatible database (Postgres, Redshift).
    #[serde(rename = "postgres")]
    Postgres,
}

impl TextEncoding {
    /// Name shown to people.
    pub fn label(self) -> &'static str {
        match self {
            TextEncoding::Utf8 => "UTF-8",
            TextEncoding::Utf8Bom => "UTF-8 with BOM",
            TextEncoding::Utf16Le => "UTF-16LE",
            TextEncoding::Utf16Be => "UTF-16BE",
            TextEncoding::Windows1252 => "Windows-1252",
            TextEncoding::Xlsx => "Excel workbook (.xlsx)",
            TextEncoding::Xls => "Excel 97-2003 workbook (.xls)",
            TextEncoding::Xlsb => "Excel binary workbook (.xlsb)",
            TextEncoding::Ods => "OpenDocument spreadsheet (.ods)",
            TextEncoding::Parquet => "Parquet",
            TextEncoding::Postgres => "Postgres database",
        }
    }

    /// Whether the file was delimited text (as opposed to a workbook or Parquet).
    pub fn is_text(self) -> bool {
        matches!(
            self,
            TextEncoding::Utf8
                | TextEncoding::Utf8Bom
                | TextEncoding::Utf16Le
                | TextEncoding::Utf16Be
                | TextEncoding::Windows1252
        )
    }
}

/// Decode bytes to text, detecting the encoding.
pub fn decode(bytes: &[u8]) -> (Cow<'_, str>, TextEncoding) {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        if let Ok(s) = std::str::from_utf8(rest) {
            return (Cow::Borrowed(s), TextEncoding::Utf8Bom);
        }
        return (
            Cow::Owned(String::from_utf8_lossy(rest).into_owned()),
            TextEncoding::Utf8Bom,
        );
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return (utf16(rest, UTF_16LE), TextEncoding::Utf16Le);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return (utf16(rest, UTF_16BE), TextEncoding::Utf16Be);
    }
    if looks_like_utf16le(bytes) {
        return (utf16(bytes, UTF_16LE), TextEncoding::Utf16Le);
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => (Cow::Borrowed(s), TextEncoding::Utf8),
        Err(_) => {
            let (text, _, _) = WINDOWS_1252.decode(bytes);
            (Cow::Owned(text.into_owned()), TextEncoding::Windows1252)
        }
    }
}

fn utf16(bytes: &[u8], enc: &'static Encoding) -> Cow<'static, str> {
    let (text, _) = enc.decode_without_bom_handling(bytes);
    Cow::Owned(text.into_owned())
}

/// UTF-16LE text without a mark: ASCII letters followed by zero bytes.
fn looks_like_utf16le(bytes: &[u8]) -> bool {
    let sample = &bytes[..bytes.len().min(200)];
    sample.len() >= 8
        && sample.len().is_multiple_of(2)
        && sample
            .chunks(2)
            .all(|p| p.len() == 2 && p[1] == 0 && p[0] != 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cp1252_names_survive() {
        let (text, enc) = decode(b"name\nJos\xe9\n");
        assert_eq!(enc, TextEncoding::Windows1252);
        assert_eq!(text, "name\nJosé\n");
    }

    #[test]
    fn utf16_with_a_mark_is_read() {
        let mut bytes = vec![0xFF, 0xFE];
        for u in "VANID\tName\n1\tAna\n".encode_utf16() {
            bytes.extend(u.to_le_bytes());
        }
        let (text, enc) = decode(&bytes);
        assert_eq!(enc, TextEncoding::Utf16Le);
        assert!(text.starts_with("VANID\tName"));
    }

    #[test]
    fn a_utf8_mark_is_stripped() {
        let (text, enc) = decode(b"\xEF\xBB\xBFuuid,email\n");
        assert_eq!(enc, TextEncoding::Utf8Bom);
        assert!(text.starts_with("uuid"));
    }
}
