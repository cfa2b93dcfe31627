//! The learner's own files for a lesson's tables: `--data TABLE=FILE` on the command
//! line or "use my own file" in the player.

use crate::lesson::model::Lesson;
use std::path::PathBuf;

/// One of the learner's files, standing in for a lesson table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OwnFile {
    /// The lesson table it replaces.
    pub table: String,
    /// The file (never modified).
    pub path: PathBuf,
    /// The sheet of a workbook, when one was named.
    pub sheet: Option<String>,
    /// Where its header is (`run --header-row N`; found from the cells by default).
    pub header: crate::data::layout::HeaderChoice,
}

/// Parse `TABLE=FILE` (FILE may end in `#SHEET` for a workbook).
pub fn parse(arg: &str) -> Result<OwnFile, String> {
    let Some((table, file)) = arg.split_once('=') else {
        return Err(format!(
            "`--data {arg}`: write TABLE=FILE, e.g. --data members=export.csv"
        ));
    };
    let (table, file) = (table.trim(), file.trim());
    if table.is_empty() || file.is_empty() {
        return Err(format!(
            "`--data {arg}`: write TABLE=FILE, e.g. --data members=export.csv"
        ));
    }
    if let Some(source) = crate::source::Source::parse(file) {
        source.map_err(|e| format!("`--data {table}=…`: {e}"))?;
        return Ok(OwnFile {
            table: table.to_string(),
            path: PathBuf::from(file),
            sheet: None,
            header: Default::default(),
        });
    }
    let (path, sheet) = crate::data::sheets::parse_file_sheet(file);
    if !path.is_file() {
        return Err(format!(
            "`--data {arg}`: there is no file {}",
            path.display()
        ));
    }
    Ok(OwnFile {
        table: table.to_string(),
        path,
        sheet,
        header: Default::default(),
    })
}

impl OwnFile {
    /// Whether it is a warehouse table rather than a file.
    pub fn is_database(&self) -> bool {
        crate::source::parse_path(&self.path).is_some()
    }

    /// A short name to show: the file's name, or the warehouse table's.
    pub fn display_name(&self) -> String {
        match crate::source::parse_path(&self.path) {
            Some(Ok(crate::source::Source::Postgres(url))) => url.relation_label(),
            Some(Err(_)) => crate::source::shown(&self.path),
            None => self
                .path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
        }
    }
}

/// Check that every file names a table of `lesson`, once.
pub fn check_tables(files: &[OwnFile], lesson: &Lesson) -> Result<(), String> {
    let names: Vec<&str> = lesson.tables.keys().map(String::as_str).collect();
    for (i, f) in files.iter().enumerate() {
        if !lesson.tables.contains_key(&f.table) {
            return Err(format!(
                "`--data {}=…`: “{}” has no table `{}`; {}",
                f.table,
                lesson.meta.title,
                f.table,
                crate::diag::suggestion(&f.table, &names)
            ));
        }
        if files[..i].iter().any(|g| g.table == f.table) {
            return Err(format!("`--data {}=…` is given twice", f.table));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_equals_file_is_parsed_and_checked() {
        let dir = tempfile::tempdir().expect("tempdir");
        let f = dir.path().join("export.csv");
        std::fs::write(&f, "a\n1\n").expect("write");
        let own = parse(&format!("members={}", f.display())).expect("parses");
        assert_eq!(own.table, "members");
        assert_eq!(own.sheet, None);
        assert!(parse("members").unwrap_err().contains("TABLE=FILE"));
        assert!(
            parse("members=/no/such/file.csv")
                .unwrap_err()
                .contains("no file")
        );
    }
}
