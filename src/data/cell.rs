//! Single table values in a form that compares and prints simply.

use polars::prelude::*;
use std::cmp::Ordering;
use std::fmt;

/// One value of a result table.
#[derive(Debug, Clone)]
pub enum Cell {
    /// Missing.
    Null,
    /// true/false.
    Bool(bool),
    /// Any number (integers are exact up to 2^53).
    Num(f64),
    /// Text, and dates written as ISO text.
    Text(String),
}

impl Cell {
    /// From a polars value.
    pub fn from_any(v: &AnyValue) -> Cell {
        match v {
            AnyValue::Null => Cell::Null,
            AnyValue::Boolean(b) => Cell::Bool(*b),
            AnyValue::String(s) => Cell::Text(s.to_string()),
            AnyValue::StringOwned(s) => Cell::Text(s.to_string()),
            v if v.is_primitive_numeric() => {
                v.extract::<f64>().map(Cell::Num).unwrap_or(Cell::Null)
            }
            v => Cell::Text(v.to_string().trim_matches('"').to_string()),
        }
    }

    /// Equal, with a small relative tolerance for numbers.
    pub fn same(&self, other: &Cell) -> bool {
        match (self, other) {
            (Cell::Null, Cell::Null) => true,
            (Cell::Bool(a), Cell::Bool(b)) => a == b,
            (Cell::Num(a), Cell::Num(b)) => numbers_close(*a, *b),
            (Cell::Text(a), Cell::Text(b)) => a == b,
            _ => false,
        }
    }

    fn rank(&self) -> u8 {
        match self {
            Cell::Null => 0,
            Cell::Bool(_) => 1,
            Cell::Num(_) => 2,
            Cell::Text(_) => 3,
        }
    }

    /// A total order used to sort rows before comparing them.
    pub fn order(&self, other: &Cell) -> Ordering {
        match (self, other) {
            (Cell::Bool(a), Cell::Bool(b)) => a.cmp(b),
            (Cell::Num(a), Cell::Num(b)) => a.total_cmp(b),
            (Cell::Text(a), Cell::Text(b)) => a.cmp(b),
            (a, b) => a.rank().cmp(&b.rank()),
        }
    }
}

/// Numbers equal within a relative 1e-9 (absolute near zero).
pub fn numbers_close(a: f64, b: f64) -> bool {
    let scale = a.abs().max(b.abs()).max(1.0);
    (a - b).abs() <= 1e-9 * scale
}

impl fmt::Display for Cell {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Cell::Null => f.write_str("(blank)"),
            Cell::Bool(b) => write!(f, "{b}"),
            Cell::Num(n) if n.fract() == 0.0 && n.abs() < 1e15 => write!(f, "{}", *n as i64),
            Cell::Num(n) => write!(f, "{}", (n * 1e6).round() / 1e6),
            Cell::Text(s) => write!(f, "{s}"),
        }
    }
}

/// All rows of a table as cells.
pub fn rows(df: &DataFrame) -> Vec<Vec<Cell>> {
    let cols = df.columns();
    (0..df.height())
        .map(|i| {
            cols.iter()
                .map(|c| c.get(i).map(|v| Cell::from_any(&v)).unwrap_or(Cell::Null))
                .collect()
        })
        .collect()
}

/// One column's values as cells.
pub fn column_cells(col: &Column) -> Vec<Cell> {
    (0..col.len())
        .map(|i| col.get(i).map(|v| Cell::from_any(&v)).unwrap_or(Cell::Null))
        .collect()
}

/// A row written as `(a, b, c)`.
pub fn show_row(row: &[Cell]) -> String {
    let parts: Vec<String> = row.iter().map(|c| c.to_string()).collect();
    format!("({})", parts.join(", "))
}
