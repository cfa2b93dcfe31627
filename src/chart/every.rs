//! Date buckets for line charts: "sign-ups per month" instead of one point per day.
//! Days are counted from 1970-01-01; a week starts on Monday (ISO 8601); a bucket is
//! named by its first day. A timestamp counts on the day its own clock shows.

use chrono::{Datelike, Duration, NaiveDate};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// How wide one point of a line over dates is.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema, clap::ValueEnum,
)]
#[serde(rename_all = "lowercase")]
pub enum Every {
    /// One point per day.
    Day,
    /// Per week, Monday to Sunday.
    Week,
    /// Per calendar month.
    Month,
    /// Per quarter (January, April, July, October).
    Quarter,
    /// Per calendar year.
    Year,
}

/// Past this many points a line over dates is bucketed by itself.
pub const AUTO_MAX_POINTS: i64 = 150;

fn epoch() -> NaiveDate {
    NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or_default()
}

fn day_of(d: i64) -> Option<NaiveDate> {
    epoch().checked_add_signed(Duration::try_days(d)?)
}

fn days(d: NaiveDate) -> i64 {
    (d - epoch()).num_days()
}

impl Every {
    /// The words used in labels and messages.
    pub fn as_str(self) -> &'static str {
        match self {
            Every::Day => "day",
            Every::Week => "week",
            Every::Month => "month",
            Every::Quarter => "quarter",
            Every::Year => "year",
        }
    }

    /// The first day of the bucket holding `day`.
    pub fn start(self, day: i64) -> i64 {
        let Some(d) = day_of(day) else { return day };
        let first = match self {
            Every::Day => d,
            Every::Week => d - Duration::days(d.weekday().num_days_from_monday() as i64),
            Every::Month => d.with_day(1).unwrap_or(d),
            Every::Quarter => {
                NaiveDate::from_ymd_opt(d.year(), (d.month0() / 3) * 3 + 1, 1).unwrap_or(d)
            }
            Every::Year => NaiveDate::from_ymd_opt(d.year(), 1, 1).unwrap_or(d),
        };
        days(first)
    }

    /// The first day of the bucket after the one starting on `start`.
    pub fn next(self, start: i64) -> i64 {
        let Some(d) = day_of(start) else {
            return start + 1;
        };
        let months = |n: u32| d.checked_add_months(chrono::Months::new(n)).map(days);
        match self {
            Every::Day => start + 1,
            Every::Week => start + 7,
            Every::Month => months(1).unwrap_or(start + 31),
            Every::Quarter => months(3).unwrap_or(start + 92),
            Every::Year => months(12).unwrap_or(start + 366),
        }
    }

    /// The finest bucket that draws dates from `first` to `last` in at most
    /// [`AUTO_MAX_POINTS`] points.
    pub fn auto(first: i64, last: i64) -> Every {
        let span = (last - first).max(0) + 1;
        [
            (Every::Day, 1),
            (Every::Week, 7),
            (Every::Month, 30),
            (Every::Quarter, 91),
        ]
        .into_iter()
        .find(|(_, width)| span / width <= AUTO_MAX_POINTS)
        .map_or(Every::Year, |(e, _)| e)
    }
}

/// Add up `points` (x in days) per bucket, every bucket from the first to the last
/// present, an empty one as zero when `fill_empty`. At most `max_buckets` are made.
pub fn bucket_points(
    points: &[(f64, f64)],
    every: Every,
    max_buckets: usize,
    fill_empty: bool,
) -> Vec<(f64, f64)> {
    let mut sums = std::collections::BTreeMap::<i64, f64>::new();
    for &(x, y) in points {
        *sums.entry(every.start(x.floor() as i64)).or_default() += y;
    }
    let (Some(&first), Some(&last)) = (sums.keys().next(), sums.keys().next_back()) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut at = first;
    while at <= last && out.len() < max_buckets {
        match sums.get(&at) {
            Some(&v) => out.push((at as f64, v)),
            None if fill_empty => out.push((at as f64, 0.0)),
            None => {}
        }
        at = every.next(at);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> i64 {
        days(NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap())
    }

    #[test]
    fn buckets_start_where_a_calendar_says() {
        // 2024-03-14 is a Thursday: its week starts Monday the 11th.
        assert_eq!(Every::Week.start(d("2024-03-14")), d("2024-03-11"));
        assert_eq!(Every::Week.start(d("2024-03-11")), d("2024-03-11"));
        assert_eq!(Every::Week.start(d("2024-03-17")), d("2024-03-11"));
        assert_eq!(Every::Month.start(d("2024-02-29")), d("2024-02-01"));
        assert_eq!(Every::Quarter.start(d("2024-06-30")), d("2024-04-01"));
        assert_eq!(Every::Quarter.start(d("2024-07-01")), d("2024-07-01"));
        assert_eq!(Every::Year.start(d("2024-12-31")), d("2024-01-01"));
        // Month ends: January 31st steps to February 1st, not March.
        assert_eq!(Every::Month.next(d("2024-01-01")), d("2024-02-01"));
        assert_eq!(Every::Month.next(d("2024-02-01")), d("2024-03-01"));
    }

    #[test]
    fn an_empty_month_is_drawn_as_zero() {
        let pts = [
            (d("2024-01-05") as f64, 2.0),
            (d("2024-01-31") as f64, 1.0),
            (d("2024-03-02") as f64, 4.0),
        ];
        let got = bucket_points(&pts, Every::Month, 1000, true);
        assert_eq!(
            got,
            vec![
                (d("2024-01-01") as f64, 3.0),
                (d("2024-02-01") as f64, 0.0),
                (d("2024-03-01") as f64, 4.0),
            ]
        );
        // A mean is not a count: an empty month is left out, not drawn as zero.
        let means = bucket_points(&pts, Every::Month, 1000, false);
        assert_eq!(means.len(), 2);
    }

    #[test]
    fn five_years_of_days_become_months() {
        assert_eq!(Every::auto(d("2020-01-01"), d("2024-12-31")), Every::Month);
        assert_eq!(Every::auto(d("2024-01-01"), d("2024-03-31")), Every::Day);
        assert_eq!(Every::auto(d("2023-01-01"), d("2024-12-31")), Every::Week);
        assert_eq!(Every::auto(d("1900-01-01"), d("2024-12-31")), Every::Year);
    }
}
