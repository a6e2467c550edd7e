//! Tick marks of the axes: dates at whole months (or days on short windows) labelled
//! `YYYY-MM` (or `YYYY-MM-DD`), and values at round steps, in percent where asked.

use std::ops::Range;

use chrono::{Datelike, NaiveDate};
use plotters::coord::ranged1d::{DefaultFormatting, KeyPointHint, Ranged};

/// A linear axis over `f64` with ticks (and grid lines) exactly at given values.
pub(super) struct TickAxis {
    range: Range<f64>,
    ticks: Vec<f64>,
}

impl TickAxis {
    /// The axis from `lo` to `hi` with `ticks`.
    pub(super) fn new(lo: f64, hi: f64, ticks: Vec<f64>) -> TickAxis {
        TickAxis { range: lo..hi, ticks }
    }
}

impl Ranged for TickAxis {
    type FormatOption = DefaultFormatting;
    type ValueType = f64;

    fn map(&self, value: &f64, limit: (i32, i32)) -> i32 {
        let span = self.range.end - self.range.start;
        if span <= 0.0 {
            return (limit.0 + limit.1) / 2;
        }
        let t = (value - self.range.start) / span;
        limit.0 + (f64::from(limit.1 - limit.0) * t).round() as i32
    }

    fn key_points<H: KeyPointHint>(&self, hint: H) -> Vec<f64> {
        if hint.weight().allow_light_points() { Vec::new() } else { self.ticks.clone() }
    }

    fn range(&self) -> Range<f64> {
        self.range.clone()
    }
}

/// Month steps tried for date ticks, smallest first.
const MONTH_STEPS: [u32; 8] = [1, 2, 3, 6, 12, 24, 60, 120];
/// Day steps tried for date ticks on windows too short for monthly ticks.
const DAY_STEPS: [i64; 5] = [1, 2, 7, 14, 28];

/// Date ticks between `start` and `end` (both included): at most `max` of them, at the first
/// of a month when there are at least two, else every few days. The flag says whether labels
/// need the day.
pub(super) fn date_ticks(start: NaiveDate, end: NaiveDate, max: usize) -> (Vec<NaiveDate>, bool) {
    let max = max.max(2);
    for step in MONTH_STEPS {
        let ticks = month_ticks(start, end, step);
        if ticks.len() <= max && ticks.len() >= 2 {
            return (ticks, false);
        }
        if ticks.len() < 2 {
            break;
        }
    }
    for step in DAY_STEPS {
        let ticks: Vec<NaiveDate> = start.iter_days().take_while(|d| *d <= end).step_by(step as usize).collect();
        if ticks.len() <= max {
            return (ticks, true);
        }
    }
    (vec![start, end], true)
}

/// The first days of months between `start` and `end` whose month number is a multiple of
/// `step` (counted from year 0, so that yearly ticks fall in January).
fn month_ticks(start: NaiveDate, end: NaiveDate, step: u32) -> Vec<NaiveDate> {
    let index = |d: NaiveDate| d.year() * 12 + d.month0() as i32;
    let (first, last) = (index(start), index(end));
    (first..=last)
        .filter(|m| m.rem_euclid(step as i32) == 0)
        .filter_map(|m| NaiveDate::from_ymd_opt(m.div_euclid(12), m.rem_euclid(12) as u32 + 1, 1))
        .filter(|d| *d >= start && *d <= end)
        .collect()
}

/// The label of a date tick.
pub(super) fn date_label(d: NaiveDate, with_day: bool) -> String {
    if with_day { d.format("%Y-%m-%d").to_string() } else { d.format("%Y-%m").to_string() }
}

/// Round value ticks from `lo` to `hi` (about `target` of them), and their step.
pub(super) fn value_ticks(lo: f64, hi: f64, target: usize) -> (Vec<f64>, f64) {
    let span = (hi - lo).abs().max(1e-12);
    let raw = span / target.max(1) as f64;
    let magnitude = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 2.5, 5.0, 10.0]
        .into_iter()
        .map(|m| m * magnitude)
        .find(|s| *s >= raw * 0.999)
        .unwrap_or(10.0 * magnitude);
    let first = (lo / step - 1e-9).ceil() as i64;
    let last = (hi / step + 1e-9).floor() as i64;
    let ticks = (first..=last).map(|k| k as f64 * step).map(|v| if v.abs() < step * 1e-9 { 0.0 } else { v }).collect();
    (ticks, step)
}

/// The label of a value tick: in percent when `percent`, with as many decimals as `step` needs.
pub(super) fn value_label(v: f64, step: f64, percent: bool) -> String {
    let (v, step) = if percent { (v * 100.0, step * 100.0) } else { (v, step) };
    let decimals = (0..6).find(|&d| {
        let x = step * 10f64.powi(d);
        (x - x.round()).abs() < 1e-6 * x.abs().max(1.0)
    });
    let text = format!("{v:.*}", decimals.unwrap_or(6) as usize);
    if percent { format!("{text}%") } else { text }
}

/// A value as a short percentage, for labels on bars.
pub(super) fn percent(v: f64) -> String {
    format!("{:.1}%", v * 100.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap_or_else(|e| panic!("test date {s:?} is not YYYY-MM-DD: {e}"))
    }

    #[test]
    fn monthly_ticks_fit_the_window() {
        let (ticks, days) = date_ticks(d("2022-10-31"), d("2026-12-31"), 10);
        assert!(!days);
        assert!(ticks.len() <= 10 && ticks.len() >= 2, "{ticks:?}");
        assert!(ticks.iter().all(|t| t.day() == 1 && *t >= d("2022-10-31") && *t <= d("2026-12-31")));
        assert_eq!(date_label(ticks[0], false).len(), 7);
    }

    #[test]
    fn short_windows_get_daily_ticks() {
        let (ticks, days) = date_ticks(d("2024-03-02"), d("2024-03-20"), 6);
        assert!(days);
        assert!(ticks.len() <= 6 && ticks.len() >= 2, "{ticks:?}");
        assert_eq!(date_label(ticks[0], true), "2024-03-02");
    }

    #[test]
    fn value_ticks_are_round() {
        let (ticks, step) = value_ticks(-1.0, 1.0, 8);
        assert_eq!(step, 0.25);
        assert_eq!(ticks.first(), Some(&-1.0));
        assert_eq!(ticks.last(), Some(&1.0));
        assert!(ticks.contains(&0.0));
        assert_eq!(value_label(0.25, step, true), "25%");
        assert_eq!(value_label(0.025, 0.025, true), "2.5%");
        assert_eq!(value_label(3.0, 1.0, false), "3");
    }
}
