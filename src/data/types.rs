//! Column types and parsing text cells into them, naming the row of any value that fails.

use chrono::{Datelike, NaiveDate, NaiveDateTime};
use polars::prelude::*;
use serde::{Deserialize, Serialize};
use std::fmt;

/// Declared column types of lesson format v1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum ColumnType {
    /// Kept exactly as written (IDs, ZIPs, phones).
    Text,
    /// Whole numbers.
    Integer,
    /// Numbers with decimals.
    Number,
    /// Calendar dates: ISO `2023-03-04` or US `3/4/2023`, `3/4/23`.
    Date,
    /// Date and time: ISO `2023-03-04 13:05[:07]` (or `T`), US `3/4/2023 1:05 PM`.
    Datetime,
    /// true/false, t/f, yes/no, y/n, 1/0.
    Boolean,
}

impl ColumnType {
    /// Name as written in files.
    pub fn as_str(self) -> &'static str {
        match self {
            ColumnType::Text => "text",
            ColumnType::Integer => "integer",
            ColumnType::Number => "number",
            ColumnType::Date => "date",
            ColumnType::Datetime => "datetime",
            ColumnType::Boolean => "boolean",
        }
    }

    /// The type in words, in the learner's language (`whole number`, `date`).
    pub fn words(self) -> &'static str {
        use crate::i18n::tr_key;
        crate::i18n::tr_dyn(match self {
            ColumnType::Text => tr_key("text"),
            ColumnType::Integer => tr_key("whole number"),
            ColumnType::Number => tr_key("number"),
            ColumnType::Date => tr_key("date"),
            ColumnType::Datetime => tr_key("date and time"),
            ColumnType::Boolean => tr_key("yes/no"),
        })
    }

    /// The type named `name` (as [`ColumnType::as_str`] writes it).
    pub fn from_name(name: &str) -> Option<ColumnType> {
        [
            ColumnType::Text,
            ColumnType::Integer,
            ColumnType::Number,
            ColumnType::Date,
            ColumnType::Datetime,
            ColumnType::Boolean,
        ]
        .into_iter()
        .find(|t| t.as_str() == name)
    }

    /// The polars type a column of this type has after import.
    pub fn dtype(self) -> DataType {
        match self {
            ColumnType::Text => DataType::String,
            ColumnType::Integer => DataType::Int64,
            ColumnType::Number => DataType::Float64,
            ColumnType::Date => DataType::Date,
            ColumnType::Datetime => DataType::Datetime(TimeUnit::Microseconds, None),
            ColumnType::Boolean => DataType::Boolean,
        }
    }

    /// The huddle type of a polars column (for messages and profiles).
    pub fn of_dtype(dtype: &DataType) -> ColumnType {
        match dtype {
            DataType::Boolean => ColumnType::Boolean,
            DataType::Date => ColumnType::Date,
            DataType::Datetime(..) => ColumnType::Datetime,
            d if d.is_integer() => ColumnType::Integer,
            d if d.is_float() => ColumnType::Number,
            _ => ColumnType::Text,
        }
    }

    /// What a value of this type looks like, for error messages (English; pass it
    /// through `crate::i18n::tr_dyn` to show it).
    pub fn example(self) -> &'static str {
        match self {
            ColumnType::Text => crate::i18n::tr_key("any text"),
            ColumnType::Integer => crate::i18n::tr_key("a whole number such as 42"),
            ColumnType::Number => crate::i18n::tr_key("a number such as 3.5"),
            ColumnType::Date => crate::i18n::tr_key("a date such as 2023-03-04 or 3/4/2023"),
            ColumnType::Datetime => crate::i18n::tr_key("a date and time such as 2023-03-04 13:05"),
            ColumnType::Boolean => crate::i18n::tr_key("true/false, yes/no or 1/0"),
        }
    }
}

impl fmt::Display for ColumnType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

const DATE_FORMATS: &[&str] = &["%Y-%m-%d", "%Y/%m/%d", "%m/%d/%Y", "%m-%d-%Y", "%Y%m%d"];
const DATETIME_FORMATS: &[&str] = &[
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%d %H:%M:%S%.f",
    "%Y-%m-%dT%H:%M:%S%.f",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%dT%H:%M",
    "%m/%d/%Y %H:%M:%S",
    "%m/%d/%Y %H:%M",
    "%m/%d/%Y %I:%M %p",
    "%m/%d/%Y %I:%M:%S %p",
];

/// Parse a date in the common ISO and US forms (two-digit years are 20xx up to 69, else 19xx).
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    if let Some(d) = super::fast_dates::date(s.as_bytes()) {
        return Some(d);
    }
    if !super::fast_dates::may_be_date(s.as_bytes()) {
        return None;
    }
    for f in DATE_FORMATS {
        if let Ok(d) = NaiveDate::parse_from_str(s, f)
            && d.year() >= 1000
        {
            return Some(d);
        }
    }
    parse_short_us_date(s)
}

fn parse_short_us_date(s: &str) -> Option<NaiveDate> {
    let parts: Vec<&str> = s.split('/').collect();
    if parts.len() != 3 || parts[2].len() != 2 {
        return None;
    }
    let m: u32 = parts[0].parse().ok()?;
    let d: u32 = parts[1].parse().ok()?;
    let y: i32 = parts[2].parse().ok()?;
    let year = if y < 70 { 2000 + y } else { 1900 + y };
    NaiveDate::from_ymd_opt(year, m, d)
}

/// Parse a date with given strftime formats only (for the `parse_date` op), the
/// first that reads it. A year before 1000 is not a reading: `%Y` takes `24` as
/// the year 24, so `03/16/24` falls through `%m/%d/%Y` to a later `%m/%d/%y`.
pub fn parse_date_with(s: &str, formats: &[String]) -> Option<NaiveDate> {
    let s = s.trim();
    formats.iter().find_map(|f| {
        NaiveDate::parse_from_str(s, f)
            .ok()
            .or_else(|| NaiveDateTime::parse_from_str(s, f).ok().map(|dt| dt.date()))
            .filter(|d| d.year() >= 1000)
    })
}

/// Parse a date-time in the common forms; a bare date means midnight; a trailing
/// `Z` or `+hh:mm` offset is accepted and the clock time kept as written.
pub fn parse_datetime(s: &str) -> Option<NaiveDateTime> {
    let s = s.trim();
    if let Some(d) = super::fast_dates::datetime(s.as_bytes()) {
        return Some(d);
    }
    if !super::fast_dates::may_be_date(s.as_bytes()) {
        return None;
    }
    for f in DATETIME_FORMATS {
        if let Ok(d) = NaiveDateTime::parse_from_str(s, f) {
            return Some(d);
        }
    }
    if let Ok(d) = chrono::DateTime::parse_from_rfc3339(s) {
        return Some(d.naive_local());
    }
    if let Ok(d) = chrono::DateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S%z") {
        return Some(d.naive_local());
    }
    parse_date(s).and_then(|d| d.and_hms_opt(0, 0, 0))
}

/// Parse a boolean written the ways exports write them.
pub fn parse_bool(s: &str) -> Option<bool> {
    match s.trim().to_ascii_lowercase().as_str() {
        "true" | "t" | "yes" | "y" | "1" => Some(true),
        "false" | "f" | "no" | "n" | "0" => Some(false),
        _ => None,
    }
}

/// What exports write for "no value": a dash, `N/A`, `NULL`. Read as a blank in a
/// number, date or true/false column (and reported by `inspect`).
pub const BLANK_MARKERS: &[&str] = &["-", "—", "–", "N/A", "n/a", "#N/A", "NULL", "null"];

/// A cell that holds nothing: empty, spaces, or one of [`BLANK_MARKERS`].
pub fn is_blank_cell(v: &str) -> bool {
    let t = trim_cell(v);
    // No marker is longer than four bytes.
    t.is_empty() || t.len() <= 4 && BLANK_MARKERS.contains(&t)
}

/// `v` without white space at either end, as [`str::trim`] gives it; a value that
/// starts and ends with a visible ASCII character (most cells) is not walked.
#[inline]
pub fn trim_cell(v: &str) -> &str {
    let visible = |b: u8| b > b' ' && b < 0x80;
    match (v.as_bytes().first(), v.as_bytes().last()) {
        (Some(&a), Some(&z)) if visible(a) && visible(z) => v,
        _ => v.trim(),
    }
}

/// Parse a whole number (optional sign, digits only).
pub fn parse_integer(s: &str) -> Option<i64> {
    trim_cell(s).parse::<i64>().ok()
}

/// Parse a decimal number.
pub fn parse_number(s: &str) -> Option<f64> {
    let t = trim_cell(s);
    // Only a value with letters other than an exponent's `e` can be `nan` or hold
    // `inf`: the others are parsed without a lowercase copy.
    let letters = t
        .bytes()
        .any(|b| b.is_ascii_alphabetic() && !matches!(b, b'e' | b'E'));
    if letters && (t.eq_ignore_ascii_case("nan") || t.to_ascii_lowercase().contains("inf")) {
        return None;
    }
    t.parse::<f64>().ok()
}

/// Whether one text value parses as `ty`.
pub fn parses_as(s: &str, ty: ColumnType) -> bool {
    match ty {
        ColumnType::Text => true,
        ColumnType::Integer => parse_integer(s).is_some(),
        ColumnType::Number => parse_number(s).is_some(),
        ColumnType::Date => parse_date(s).is_some(),
        ColumnType::Datetime => parse_datetime(s).is_some(),
        ColumnType::Boolean => parse_bool(s).is_some(),
    }
}

/// A value that does not parse as its column's type.
#[derive(Debug, Clone, PartialEq)]
pub struct BadValue {
    /// 0-based data row.
    pub row: usize,
    /// The text as found.
    pub value: String,
    /// How many values in the column fail in all.
    pub count: usize,
}

/// Convert a text column to `ty`. Blank cells become nulls; any other value that
/// does not parse is reported (first row, its text, and how many fail).
pub fn convert_text_column(col: &Column, ty: ColumnType) -> Result<Column, BadValue> {
    let name = col.name().clone();
    // Text stays as it is, without reading its values (a column of one repeated
    // value is not written out row by row).
    if ty == ColumnType::Text {
        return Ok(col.clone());
    }
    let Ok(ca) = col.str() else {
        return Ok(col.clone());
    };
    let mut first_bad: Option<BadValue> = None;
    let mut note_bad = |row: usize, v: &str| match &mut first_bad {
        Some(b) => b.count += 1,
        None => {
            first_bad = Some(BadValue {
                row,
                value: v.to_string(),
                count: 1,
            })
        }
    };
    let blank = |v: &str| is_blank_cell(v);
    let out: Column = match ty {
        ColumnType::Text => col.clone(),
        ColumnType::Integer => {
            let vals: Vec<Option<i64>> = ca
                .iter()
                .enumerate()
                .map(|(i, v)| match v {
                    Some(v) if !blank(v) => parse_integer(v).or_else(|| {
                        note_bad(i, v);
                        None
                    }),
                    _ => None,
                })
                .collect();
            Int64Chunked::from_iter_options(name, vals.into_iter()).into_column()
        }
        ColumnType::Number => {
            let vals: Vec<Option<f64>> = ca
                .iter()
                .enumerate()
                .map(|(i, v)| match v {
                    Some(v) if !blank(v) => parse_number(v).or_else(|| {
                        note_bad(i, v);
                        None
                    }),
                    _ => None,
                })
                .collect();
            Float64Chunked::from_iter_options(name, vals.into_iter()).into_column()
        }
        ColumnType::Boolean => {
            let vals: Vec<Option<bool>> = ca
                .iter()
                .enumerate()
                .map(|(i, v)| match v {
                    Some(v) if !blank(v) => parse_bool(v).or_else(|| {
                        note_bad(i, v);
                        None
                    }),
                    _ => None,
                })
                .collect();
            BooleanChunked::from_iter_options(name, vals.into_iter()).into_column()
        }
        ColumnType::Date => {
            let epoch = NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or_default();
            let mut cache: PlHashMap<&str, Option<i32>> = PlHashMap::default();
            let vals: Vec<Option<i32>> = ca
                .iter()
                .enumerate()
                .map(|(i, v)| match v {
                    Some(v) if !blank(v) => {
                        let got = *cache.entry(v).or_insert_with(|| {
                            parse_date(v).map(|d| (d - epoch).num_days() as i32)
                        });
                        if got.is_none() {
                            note_bad(i, v);
                        }
                        got
                    }
                    _ => None,
                })
                .collect();
            let days = Int32Chunked::from_iter_options(name, vals.into_iter()).into_column();
            days.cast(&DataType::Date).map_err(|_| BadValue {
                row: 0,
                value: String::new(),
                count: 0,
            })?
        }
        ColumnType::Datetime => {
            let mut cache: PlHashMap<&str, Option<i64>> = PlHashMap::default();
            let vals: Vec<Option<i64>> = ca
                .iter()
                .enumerate()
                .map(|(i, v)| match v {
                    Some(v) if !blank(v) => {
                        let got = *cache.entry(v).or_insert_with(|| {
                            parse_datetime(v).map(|d| d.and_utc().timestamp_micros())
                        });
                        if got.is_none() {
                            note_bad(i, v);
                        }
                        got
                    }
                    _ => None,
                })
                .collect();
            let micros = Int64Chunked::from_iter_options(name, vals.into_iter()).into_column();
            micros.cast(&ty.dtype()).map_err(|_| BadValue {
                row: 0,
                value: String::new(),
                count: 0,
            })?
        }
    };
    match first_bad {
        Some(b) => Err(b),
        None => Ok(out),
    }
}

/// Guess a type for a column the lesson did not declare. ID-like text (leading
/// zeros, long digit runs, phone shapes) stays text; so do dates, which lessons declare.
pub fn infer_type(col: &Column) -> ColumnType {
    let Ok(ca) = col.str() else {
        return ColumnType::of_dtype(col.dtype());
    };
    let mut seen = 0usize;
    let mut all_int = true;
    let mut all_num = true;
    let mut all_bool = true;
    for v in ca.iter().flatten() {
        let t = trim_cell(v);
        if is_blank_cell(t) {
            continue;
        }
        seen += 1;
        let digits = t.trim_start_matches(['-', '+']);
        let id_like = (digits.len() > 1 && digits.starts_with('0') && !digits.starts_with("0."))
            || digits.len() > 15;
        if all_int && (id_like || parse_integer(t).is_none()) {
            all_int = false;
        }
        if all_num && (id_like || parse_number(t).is_none()) {
            all_num = false;
        }
        if all_bool && !matches!(t.to_ascii_lowercase().as_str(), "true" | "false") {
            all_bool = false;
        }
        if !all_int && !all_num && !all_bool {
            return ColumnType::Text;
        }
    }
    match seen {
        0 => ColumnType::Text,
        _ if all_bool => ColumnType::Boolean,
        _ if all_int => ColumnType::Integer,
        _ if all_num => ColumnType::Number,
        _ => ColumnType::Text,
    }
}

/// [`infer_type`] and [`convert_text_column`] in one pass, for a column the lesson
/// did not declare: each value is parsed once, as an integer, else as a number.
/// Gives the same column as inferring and then converting.
pub fn infer_and_convert(col: &Column) -> Column {
    let Ok(ca) = col.str() else {
        return col.clone();
    };
    let name = col.name().clone();
    let mut ints = PrimitiveChunkedBuilder::<Int64Type>::new(name.clone(), ca.len());
    let mut nums = PrimitiveChunkedBuilder::<Float64Type>::new(name, ca.len());
    let mut reading = crate::data::number_reading::NumberReading::default();
    for v in ca.iter() {
        let t = trim_cell(v.unwrap_or(""));
        if is_blank_cell(t) {
            ints.append_null();
            nums.append_null();
            continue;
        }
        let (int, num) = reading.read(t);
        if !reading.any_left() {
            return col.clone();
        }
        ints.append_option(int);
        nums.append_option(num);
    }
    match reading.column_type() {
        ColumnType::Boolean => {
            convert_text_column(col, ColumnType::Boolean).unwrap_or_else(|_| col.clone())
        }
        ColumnType::Integer => ints.finish().into_column(),
        ColumnType::Number => nums.finish().into_column(),
        _ => col.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The shortcut trims what `str::trim` trims, Unicode spaces included.
    #[test]
    fn trim_cell_is_trim() {
        for v in [
            "",
            " ",
            "a",
            " a",
            "a ",
            "\ta\n",
            "\u{a0}12\u{a0}",
            "12\u{2003}",
            "ñ",
            "x\u{3000}",
            "\u{7f}",
            "\u{85}n",
            "N/A",
            "#N/A ",
            " null",
            "—",
            "1,234",
        ] {
            assert_eq!(trim_cell(v), v.trim(), "{v:?}");
            assert_eq!(
                is_blank_cell(v),
                v.trim().is_empty() || BLANK_MARKERS.contains(&v.trim()),
                "{v:?}"
            );
        }
    }

    fn text_col(vals: &[Option<&str>]) -> Column {
        StringChunked::from_iter_options("c".into(), vals.iter().copied()).into_column()
    }

    #[test]
    fn us_and_iso_dates_parse_to_the_same_day() {
        let d = NaiveDate::from_ymd_opt(2023, 3, 4);
        assert_eq!(parse_date("2023-03-04"), d);
        assert_eq!(parse_date("3/4/2023"), d);
        assert_eq!(parse_date("03/04/23"), d);
        assert_eq!(parse_date("2023/03/04"), d);
        assert_eq!(parse_date("13/13/2023"), None);
    }

    #[test]
    fn a_bad_value_names_its_row_and_counts_the_others() {
        let col = text_col(&[Some("1"), Some("two"), None, Some("3x")]);
        let err = convert_text_column(&col, ColumnType::Integer).unwrap_err();
        assert_eq!(err.row, 1);
        assert_eq!(err.value, "two");
        assert_eq!(err.count, 2);
    }

    #[test]
    fn blanks_become_nulls_not_errors() {
        let col = text_col(&[Some("2023-01-02"), Some("  "), None]);
        let out = convert_text_column(&col, ColumnType::Date).unwrap();
        assert_eq!(out.dtype(), &DataType::Date);
        assert_eq!(out.null_count(), 2);
    }

    #[test]
    fn numbers_parse_with_exponents_and_not_as_nan_or_infinity() {
        for (text, want) in [
            ("7", Some(7.0)),
            (" 2.5 ", Some(2.5)),
            ("1e3", Some(1000.0)),
            ("-2.5E-1", Some(-0.25)),
            ("nan", None),
            ("NaN", None),
            ("inf", None),
            ("-Infinity", None),
            ("+INF", None),
            ("12abc", None),
            ("e", None),
            ("", None),
        ] {
            assert_eq!(parse_number(text), want, "{text:?}");
        }
    }

    #[test]
    fn one_pass_typing_gives_what_inferring_then_converting_gives() {
        let cases: &[&[Option<&str>]] = &[
            &[Some("1"), Some(" 2 "), None, Some("N/A"), Some("-3")],
            &[Some("1"), Some("2.5"), Some(""), Some("1e3")],
            &[Some("02134"), Some("10001")],
            &[Some("1"), Some("0.5"), Some("x")],
            &[Some("TRUE"), Some("false"), None],
            &[Some("true"), Some("1")],
            &[Some("12345678901234567"), Some("2")],
            &[Some("nan"), Some("1")],
            &[Some("-"), None, Some("  ")],
            &[Some("9223372036854775808"), Some("1")],
        ];
        for vals in cases {
            let col = text_col(vals);
            let two_passes = convert_text_column(&col, infer_type(&col)).unwrap();
            let one = infer_and_convert(&col);
            assert_eq!(one.dtype(), two_passes.dtype(), "{vals:?}");
            assert!(
                one.as_materialized_series()
                    .equals_missing(two_passes.as_materialized_series()),
                "{vals:?}"
            );
        }
    }

    #[test]
    fn zip_codes_and_precincts_stay_text() {
        assert_eq!(
            infer_type(&text_col(&[Some("02134"), Some("10001")])),
            ColumnType::Text
        );
        assert_eq!(
            infer_type(&text_col(&[Some("01"), Some("12")])),
            ColumnType::Text
        );
        assert_eq!(
            infer_type(&text_col(&[Some("12"), Some("-3")])),
            ColumnType::Integer
        );
        assert_eq!(
            infer_type(&text_col(&[Some("0.5"), Some("3")])),
            ColumnType::Number
        );
    }
}
