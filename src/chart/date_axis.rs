//! The date axis of every time chart: dates as x coordinates and back.

use chrono::NaiveDate;

/// Days since 1970-01-01: the x coordinate of dates on every time chart.
pub fn date_to_x(d: NaiveDate) -> f64 {
    (d - NaiveDate::default()).num_days() as f64
}

/// The date at an x coordinate (rounded to the nearest day).
pub fn x_to_date(x: f64) -> NaiveDate {
    let days = x.round().clamp(-1.0e6, 1.0e6) as i64;
    NaiveDate::default().checked_add_signed(chrono::TimeDelta::days(days)).unwrap_or_default()
}
