//! Fast readings of the date shapes real exports use most (`2024-03-01`,
//! `3/1/2024`, `2024-03-01 10:00:00`), tried before chrono's format parser, which
//! costs about a microsecond a try. Each gives exactly what the matching format in
//! [`super::types`] gives; anything else (or anything these cannot read) falls
//! through to the formats, so what a value means does not change, only how fast.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};

fn digits(b: &[u8]) -> Option<u32> {
    if b.is_empty() || !b.iter().all(u8::is_ascii_digit) {
        return None;
    }
    Some(b.iter().fold(0u32, |n, d| n * 10 + u32::from(d - b'0')))
}

/// `YYYY-MM-DD`, or `M/D/YYYY` with one- or two-digit month and day; years before
/// 1000 are left to the formats (which refuse them).
pub fn date(s: &[u8]) -> Option<NaiveDate> {
    if s.len() == 10 && s[4] == b'-' && s[7] == b'-' {
        let y = digits(&s[..4])?;
        let d = NaiveDate::from_ymd_opt(y as i32, digits(&s[5..7])?, digits(&s[8..10])?)?;
        return (y >= 1000).then_some(d);
    }
    if (8..=10).contains(&s.len()) {
        let mut parts = s.splitn(3, |b| *b == b'/');
        let (m, d, y) = (parts.next()?, parts.next()?, parts.next()?);
        if m.len() > 2 || d.len() > 2 || y.len() != 4 {
            return None;
        }
        let year = digits(y)?;
        let day = NaiveDate::from_ymd_opt(year as i32, digits(m)?, digits(d)?)?;
        return (year >= 1000).then_some(day);
    }
    None
}

/// `YYYY-MM-DD`, `YYYY-MM-DD HH:MM:SS` or `YYYY-MM-DDTHH:MM:SS` (a bare date is midnight).
pub fn datetime(s: &[u8]) -> Option<NaiveDateTime> {
    if s.len() == 10 && s[4] == b'-' {
        return date(s)?.and_hms_opt(0, 0, 0);
    }
    if s.len() != 19 || !matches!(s[10], b' ' | b'T') || s[13] != b':' || s[16] != b':' {
        return None;
    }
    let day = date(&s[..10])?;
    let time = NaiveTime::from_hms_opt(
        digits(&s[11..13])?,
        digits(&s[14..16])?,
        digits(&s[17..19])?,
    )?;
    Some(day.and_time(time))
}

/// Whether any of the date formats could read `s` (trimmed): each starts with a
/// number, so a value that starts with a letter is not a date and needs no parsing.
pub fn may_be_date(s: &[u8]) -> bool {
    s.first()
        .is_some_and(|b| b.is_ascii_digit() || *b == b'+' || *b == b'-')
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Datelike;

    /// The formats alone, as `parse_date` read before the fast paths.
    fn by_formats(s: &str) -> Option<NaiveDate> {
        ["%Y-%m-%d", "%Y/%m/%d", "%m/%d/%Y", "%m-%d-%Y", "%Y%m%d"]
            .iter()
            .find_map(|f| {
                NaiveDate::parse_from_str(s, f)
                    .ok()
                    .filter(|d| d.year() >= 1000)
            })
    }

    #[test]
    fn the_fast_readings_agree_with_the_formats_wherever_they_read_anything() {
        let samples = [
            "2024-03-01",
            "2024-02-29",
            "2023-02-29",
            "0999-01-01",
            "1000-01-01",
            "2024-13-01",
            "2024-00-10",
            "2024-1-01",
            "3/1/2024",
            "03/01/2024",
            "12/31/1999",
            "13/1/2024",
            "2/30/2024",
            "1/1/0999",
            "1/1/24",
            "10/10/2024",
            "1/10/2024",
            "+2024-01-01",
            "2024/03/01",
            "20240301",
            "03-01-2024",
            "2024-03-1x",
            "a/b/2024",
            "1//2024",
        ];
        for s in samples {
            if let Some(fast) = date(s.as_bytes()) {
                assert_eq!(Some(fast), by_formats(s), "{s}");
            }
        }
        // And every day of a leap year in both shapes.
        let mut d = NaiveDate::from_ymd_opt(2024, 1, 1).unwrap();
        while d.year() == 2024 {
            for s in [
                d.format("%Y-%m-%d").to_string(),
                d.format("%-m/%-d/%Y").to_string(),
            ] {
                assert_eq!(date(s.as_bytes()), Some(d), "{s}");
            }
            d = d.succ_opt().unwrap();
        }
    }

    #[test]
    fn clock_times_read_as_the_formats_read_them() {
        let at = |s: &str| datetime(s.as_bytes()).map(|d| d.to_string());
        assert_eq!(
            at("2024-03-01 10:05:09").as_deref(),
            Some("2024-03-01 10:05:09")
        );
        assert_eq!(
            at("2024-03-01T23:59:59").as_deref(),
            Some("2024-03-01 23:59:59")
        );
        assert_eq!(at("2024-03-01").as_deref(), Some("2024-03-01 00:00:00"));
        // Left to the formats: leap seconds, offsets, fractions, bad hours.
        assert_eq!(at("2024-03-01 23:59:60"), None);
        assert_eq!(at("2024-03-01 24:00:00"), None);
        assert_eq!(at("2024-03-01 10:00:00Z"), None);
        assert!(!may_be_date(b"Essex") && may_be_date(b"3/1/24") && !may_be_date(b""));
    }
}
