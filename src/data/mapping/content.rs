//! Guessing a column from its values: email-looking values for an email column,
//! five-digit codes for a ZIP, dates for a date column, numbers for a number.

use super::Wanted;
use super::names::concept;
use crate::data::mask::{looks_like_email, looks_like_phone};
use crate::data::types::{ColumnType, parse_bool, parse_date, parse_datetime, parse_number};
use polars::prelude::*;

/// How many non-blank values are looked at.
const SAMPLE: usize = 200;
/// Share of the sampled values that must fit.
const FIT: f64 = 0.8;

/// What a declared column's values should look like.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Shape {
    /// Email addresses.
    Email,
    /// Phone numbers.
    Phone,
    /// ZIP codes (some may have lost zeros).
    Zip,
    /// Dates (a time of day is allowed: a learner's export often has one).
    Date,
    /// Booleans.
    Boolean,
    /// Numbers of any kind.
    Number,
}

impl Shape {
    /// Shapes that say something specific come before plain numbers.
    pub(super) fn specific(self) -> bool {
        self != Shape::Number
    }
}

/// The shape a declared column asks for, from its name, description and type.
pub(super) fn wanted_shape(w: &Wanted) -> Option<Shape> {
    let about = format!(
        "{} {}",
        w.name.to_lowercase(),
        w.description.as_deref().unwrap_or("").to_lowercase()
    );
    let named = concept(&w.name).map(|(c, _)| c);
    match w.kind {
        ColumnType::Date | ColumnType::Datetime => return Some(Shape::Date),
        ColumnType::Boolean => return Some(Shape::Boolean),
        ColumnType::Integer | ColumnType::Number => return Some(Shape::Number),
        ColumnType::Text => {}
    }
    if named == Some("email") || about.contains("email") {
        Some(Shape::Email)
    } else if named == Some("phone") || about.contains("phone") {
        Some(Shape::Phone)
    } else if named == Some("zip") || about.contains("zip") || about.contains("postal") {
        Some(Shape::Zip)
    } else {
        None
    }
}

/// Share of a column's cells that hold something (not null, not only spaces).
pub(super) fn fill_rate(col: &Column) -> f64 {
    if col.is_empty() {
        return 0.0;
    }
    let filled = match col.str() {
        Ok(ca) => ca.iter().flatten().filter(|v| !v.trim().is_empty()).count(),
        Err(_) => col.len() - col.null_count(),
    };
    filled as f64 / col.len() as f64
}

/// A column whose values say it is a poor pick for `wanted`, whatever its name: mostly
/// blank, or not the shape the declared column asks for. A candidate with better
/// content is proposed before it.
pub(super) fn weak_content(wanted: &Wanted, col: &Column) -> bool {
    fill_rate(col) < MIN_FILL || wanted_shape(wanted).is_some_and(|s| !fits(s, col))
}

/// Share of cells that must hold something for a column to be a good pick.
const MIN_FILL: f64 = 0.5;

/// Whether the first non-blank values of a text column have `shape`.
pub(super) fn fits(shape: Shape, col: &Column) -> bool {
    let Ok(ca) = col.str() else {
        return false;
    };
    let values: Vec<&str> = ca
        .iter()
        .flatten()
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .take(SAMPLE)
        .collect();
    if values.is_empty() {
        return false;
    }
    let share = |f: &dyn Fn(&str) -> bool| {
        values.iter().filter(|v| f(v)).count() as f64 / values.len() as f64
    };
    match shape {
        Shape::Email => share(&looks_like_email) >= FIT,
        Shape::Phone => share(&looks_like_phone) >= FIT,
        Shape::Zip => share(&zip_like) >= FIT && share(&full_zip) >= 0.5,
        Shape::Date => share(&|v| parse_date(v).is_some() || parse_datetime(v).is_some()) >= FIT,
        Shape::Boolean => share(&|v| parse_bool(v).is_some()) >= FIT,
        Shape::Number => share(&|v| parse_number(&v.replace(',', "")).is_some()) >= FIT,
    }
}

/// A five-digit ZIP, a ZIP+4, or one that lost a zero or two.
fn zip_like(v: &str) -> bool {
    let (head, tail) = v.split_once('-').unwrap_or((v, ""));
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    (3..=5).contains(&head.len())
        && digits(head)
        && (tail.is_empty() && !v.contains('-') || tail.len() == 4 && digits(tail))
}

fn full_zip(v: &str) -> bool {
    zip_like(v) && v.split('-').next().is_some_and(|h| h.len() == 5)
}
