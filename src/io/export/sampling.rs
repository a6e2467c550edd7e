//! Which dates the rows of a table over time stand for: every change point (the default, where
//! nothing is lost because every series is a step function), a calendar period's last day in
//! the window (`--every month` gives month-ends), or dates the user lists (`--dates`). Used by
//! the workbook ([`super::workbook`]) and by the CSV of charts over time ([`super::csv`]).

use std::fmt;

use chrono::{Datelike, Days, NaiveDate};

/// A calendar period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Period {
    /// Every day.
    Day,
    /// The last day of every month.
    Month,
    /// The last day of every quarter (31 March, 30 June, 30 September, 31 December).
    Quarter,
    /// 31 December of every year.
    Year,
}

impl Period {
    /// Every period, in order.
    pub const ALL: [Period; 4] = [Period::Day, Period::Month, Period::Quarter, Period::Year];

    /// The name on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Period::Day => "day",
            Period::Month => "month",
            Period::Quarter => "quarter",
            Period::Year => "year",
        }
    }

    /// The last day of the period that contains `date`.
    fn end_of(self, date: NaiveDate) -> Option<NaiveDate> {
        let last_of_month = |year: i32, month: u32| {
            let (y, m) = if month == 12 { (year + 1, 1) } else { (year, month + 1) };
            NaiveDate::from_ymd_opt(y, m, 1).and_then(|d| d.pred_opt())
        };
        match self {
            Period::Day => Some(date),
            Period::Month => last_of_month(date.year(), date.month()),
            Period::Quarter => last_of_month(date.year(), date.month().div_ceil(3) * 3),
            Period::Year => NaiveDate::from_ymd_opt(date.year(), 12, 31),
        }
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The dates a table's rows stand for.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Sampling {
    /// Every date on which a value changes (the start, then each change point).
    #[default]
    ChangePoints,
    /// The last day of each period that ends inside the window, and the window's end.
    Every(Period),
    /// These dates (sorted, duplicates and dates outside the window dropped).
    Dates(Vec<NaiveDate>),
}

/// Largest number of rows a sampling may give (a century of days).
pub const MAX_ROWS: usize = 36_525;

/// Why a sampling cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SamplingError {
    /// Listed dates outside the window.
    #[error("{date} is outside the scenario's window, {start} to {end}; list dates within it (for example {start})")]
    Outside {
        /// The date.
        date: NaiveDate,
        /// The window's start.
        start: NaiveDate,
        /// The window's end.
        end: NaiveDate,
    },
    /// Too many rows.
    #[error(
        "sampling every {period} from {start} to {end} gives more than {MAX_ROWS} rows; choose a longer period \
        (month, quarter or year)"
    )]
    TooMany {
        /// The period.
        period: Period,
        /// The window's start.
        start: NaiveDate,
        /// The window's end.
        end: NaiveDate,
    },
}

impl Sampling {
    /// The dates of the rows for the window `start..=end`, whose values change on
    /// `change_points` (sorted or not).
    pub fn dates(
        &self,
        start: NaiveDate,
        end: NaiveDate,
        change_points: &[NaiveDate],
    ) -> Result<Vec<NaiveDate>, SamplingError> {
        let mut out = match self {
            Sampling::ChangePoints => change_points.to_vec(),
            Sampling::Dates(dates) => {
                if let Some(&date) = dates.iter().find(|d| **d < start || **d > end) {
                    return Err(SamplingError::Outside { date, start, end });
                }
                dates.clone()
            }
            Sampling::Every(period) => every(*period, start, end)?,
        };
        out.sort_unstable();
        out.dedup();
        Ok(out)
    }
}

/// The last day of each `period` that ends within `start..=end`, and `end` itself.
fn every(period: Period, start: NaiveDate, end: NaiveDate) -> Result<Vec<NaiveDate>, SamplingError> {
    let too_many = SamplingError::TooMany { period, start, end };
    let mut out = Vec::new();
    let mut date = start;
    while let Some(last) = period.end_of(date).filter(|d| *d <= end) {
        if out.len() >= MAX_ROWS {
            return Err(too_many);
        }
        out.push(last);
        match last.checked_add_days(Days::new(1)) {
            Some(next) => date = next,
            None => break,
        }
    }
    if out.last() != Some(&end) {
        out.push(end);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap_or_else(|e| panic!("test date {s:?}: {e}"))
    }

    #[test]
    fn periods_end_on_their_last_day_and_the_window_end_closes_the_list() {
        let (start, end) = (d("2023-01-15"), d("2024-02-10"));
        let months = Sampling::Every(Period::Month).dates(start, end, &[]).unwrap_or_default();
        assert_eq!(months.first(), Some(&d("2023-01-31")));
        assert!(months.contains(&d("2023-02-28")) && months.contains(&d("2024-01-31")));
        assert_eq!(months.last(), Some(&d("2024-02-10")));
        assert_eq!(months.len(), 14);
        let quarters = Sampling::Every(Period::Quarter).dates(start, end, &[]).unwrap_or_default();
        assert_eq!(quarters, vec![d("2023-03-31"), d("2023-06-30"), d("2023-09-30"), d("2023-12-31"), end]);
        let years = Sampling::Every(Period::Year).dates(start, end, &[]).unwrap_or_default();
        assert_eq!(years, vec![d("2023-12-31"), end]);
        let days = Sampling::Every(Period::Day).dates(start, d("2023-01-17"), &[]).unwrap_or_default();
        assert_eq!(days, vec![start, d("2023-01-16"), d("2023-01-17")]);
    }

    #[test]
    fn listed_dates_are_sorted_and_checked_against_the_window() {
        let (start, end) = (d("2023-01-01"), d("2023-12-31"));
        let listed = Sampling::Dates(vec![d("2023-06-30"), d("2023-03-31"), d("2023-06-30")]);
        assert_eq!(listed.dates(start, end, &[]), Ok(vec![d("2023-03-31"), d("2023-06-30")]));
        let outside = Sampling::Dates(vec![d("2024-01-01")]);
        assert!(matches!(outside.dates(start, end, &[]), Err(SamplingError::Outside { .. })));
        let points = [d("2023-05-01"), start];
        assert_eq!(Sampling::ChangePoints.dates(start, end, &points), Ok(vec![start, d("2023-05-01")]));
    }
}
