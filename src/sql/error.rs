//! An SQL problem in plain words, with the place in the query when known.

use crate::i18n::trf;
use std::fmt;

/// An SQL problem in plain words, with a position in the query when known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SqlError {
    /// What went wrong and what to try.
    pub message: String,
    /// 1-based line in the query.
    pub line: Option<usize>,
    /// 1-based column in the query.
    pub column: Option<usize>,
}

impl SqlError {
    /// A message with no place in the query.
    pub fn plain(message: impl Into<String>) -> Self {
        SqlError {
            message: message.into(),
            line: None,
            column: None,
        }
    }

    /// A message pointing at 1-based `line` and `column` of the query.
    pub fn at(message: impl Into<String>, line: usize, column: usize) -> Self {
        SqlError {
            message: message.into(),
            line: Some(line),
            column: Some(column),
        }
    }
}

impl fmt::Display for SqlError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.line, self.column) {
            (Some(l), Some(c)) => f.write_str(&trf(
                "{message} (line {l}, column {c} of the query)",
                &[("message", &self.message), ("l", &l), ("c", &c)],
            )),
            _ => f.write_str(&self.message),
        }
    }
}

impl std::error::Error for SqlError {}
