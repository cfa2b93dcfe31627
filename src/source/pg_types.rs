//! Postgres types as huddle reads them: each column is fetched in the binary form
//! of a type it knows (integers, floats, booleans, dates, timestamps, text), or cast
//! to text in the query (`numeric`, `uuid`, `json`, arrays, ...), then written as the
//! text the importer's types read back exactly.

use crate::data::types::ColumnType;
use tokio_postgres::Row;
use tokio_postgres::types::Type;

/// How one column is fetched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fetch {
    /// `bool`.
    Bool,
    /// `int2`.
    I16,
    /// `int4`.
    I32,
    /// `int8`.
    I64,
    /// `float4`.
    F32,
    /// `float8`.
    F64,
    /// `date`.
    Date,
    /// `timestamp` (no zone).
    Timestamp,
    /// `timestamptz`, shown in UTC.
    TimestampTz,
    /// `text`, `varchar`, `char`, `name`.
    Text,
    /// `numeric`: cast to text by the server (it has more digits than a float);
    /// `NaN` and the infinities read as blank, as a float's do.
    Numeric,
    /// Anything else: cast to text by the server.
    CastText,
}

impl Fetch {
    /// Whether the server casts the column to text before sending it.
    pub fn cast_to_text(self) -> bool {
        matches!(self, Fetch::Numeric | Fetch::CastText)
    }

    /// Whether the column can hold `NaN` and the infinities.
    pub fn has_nan(self) -> bool {
        matches!(self, Fetch::F32 | Fetch::F64 | Fetch::Numeric)
    }
}

/// How to fetch a column of type `t`, and the type huddle gives it.
pub fn plan(t: &Type) -> (Fetch, ColumnType) {
    match *t {
        Type::BOOL => (Fetch::Bool, ColumnType::Boolean),
        Type::INT2 => (Fetch::I16, ColumnType::Integer),
        Type::INT4 => (Fetch::I32, ColumnType::Integer),
        Type::INT8 => (Fetch::I64, ColumnType::Integer),
        Type::FLOAT4 => (Fetch::F32, ColumnType::Number),
        Type::FLOAT8 => (Fetch::F64, ColumnType::Number),
        Type::NUMERIC => (Fetch::Numeric, ColumnType::Number),
        Type::DATE => (Fetch::Date, ColumnType::Date),
        Type::TIMESTAMP => (Fetch::Timestamp, ColumnType::Datetime),
        Type::TIMESTAMPTZ => (Fetch::TimestampTz, ColumnType::Datetime),
        Type::TEXT | Type::VARCHAR | Type::BPCHAR | Type::NAME => (Fetch::Text, ColumnType::Text),
        _ => (Fetch::CastText, ColumnType::Text),
    }
}

/// Cell `i` of `row` as text (`None` for NULL). An error names the column.
pub fn cell(row: &Row, i: usize, fetch: Fetch) -> Result<Option<String>, tokio_postgres::Error> {
    Ok(match fetch {
        Fetch::Bool => row.try_get::<_, Option<bool>>(i)?.map(|b| b.to_string()),
        Fetch::I16 => row.try_get::<_, Option<i16>>(i)?.map(|n| n.to_string()),
        Fetch::I32 => row.try_get::<_, Option<i32>>(i)?.map(|n| n.to_string()),
        Fetch::I64 => row.try_get::<_, Option<i64>>(i)?.map(|n| n.to_string()),
        Fetch::F32 => row.try_get::<_, Option<f32>>(i)?.and_then(float4_text),
        Fetch::F64 => row.try_get::<_, Option<f64>>(i)?.and_then(float_text),
        Fetch::Date => row
            .try_get::<_, Option<chrono::NaiveDate>>(i)?
            .map(|d| d.format("%Y-%m-%d").to_string()),
        Fetch::Timestamp => row
            .try_get::<_, Option<chrono::NaiveDateTime>>(i)?
            .map(datetime_text),
        Fetch::TimestampTz => row
            .try_get::<_, Option<chrono::DateTime<chrono::Utc>>>(i)?
            .map(|t| datetime_text(t.naive_utc())),
        Fetch::Numeric => row
            .try_get::<_, Option<String>>(i)?
            .filter(|t| !matches!(t.as_str(), "NaN" | "Infinity" | "-Infinity")),
        Fetch::Text | Fetch::CastText => row.try_get::<_, Option<String>>(i)?,
    })
}

/// A float as text that reads back as the same number; `NaN` and the infinities
/// are blank (no chart or sum can use them).
fn float_text(n: f64) -> Option<String> {
    n.is_finite().then(|| n.to_string())
}

/// A `float4` as its shortest text (`0.1`, not the `0.10000000149011612` its
/// widening to a double would print).
fn float4_text(n: f32) -> Option<String> {
    n.is_finite().then(|| n.to_string())
}

/// `2024-06-02 10:00:00`, with a fraction of a second only when there is one.
fn datetime_text(t: chrono::NaiveDateTime) -> String {
    use chrono::Timelike;
    if t.nanosecond() == 0 {
        t.format("%Y-%m-%d %H:%M:%S").to_string()
    } else {
        t.format("%Y-%m-%d %H:%M:%S%.f").to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::types::{parse_datetime, parse_number};

    #[test]
    fn written_values_read_back_as_their_type() {
        let t = chrono::NaiveDate::from_ymd_opt(2024, 6, 2)
            .unwrap()
            .and_hms_micro_opt(10, 5, 7, 250_000)
            .unwrap();
        assert_eq!(parse_datetime(&datetime_text(t)), Some(t));
        let whole = t.with_nanosecond(0).unwrap();
        assert_eq!(datetime_text(whole), "2024-06-02 10:05:07");
        assert_eq!(parse_datetime(&datetime_text(whole)), Some(whole));
        assert_eq!(
            float_text(0.1 + 0.2).as_deref().and_then(parse_number),
            Some(0.1 + 0.2)
        );
        assert_eq!(float_text(f64::NAN), None);
        assert_eq!(float_text(f64::NEG_INFINITY), None);
        assert_eq!(float4_text(0.1).as_deref(), Some("0.1"));
        assert_eq!(float4_text(f32::INFINITY), None);
        assert_eq!(plan(&Type::NUMERIC), (Fetch::Numeric, ColumnType::Number));
        assert_eq!(plan(&Type::UUID).1, ColumnType::Text);
    }

    use chrono::Timelike;
}
