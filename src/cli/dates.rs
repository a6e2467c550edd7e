//! Dates typed on the command line (`--date`), with messages that say what is wrong with them.

use chrono::NaiveDate;

/// Reads `YYYY-MM-DD`. A day that the month does not have is named as such ("February 2023 has
/// 28 days"), not as chrono's "input is out of range".
pub fn parse_date(text: &str) -> Result<NaiveDate, String> {
    if let Ok(date) = NaiveDate::parse_from_str(text, "%Y-%m-%d") {
        return Ok(date);
    }
    let parts: Vec<&str> = text.split('-').collect();
    let numbers: Option<Vec<u32>> = match parts.as_slice() {
        [y, m, d] if y.len() == 4 && m.len() == 2 && d.len() == 2 => parts.iter().map(|p| p.parse().ok()).collect(),
        _ => None,
    };
    let Some(&[year, month, day]) = numbers.as_deref() else {
        return Err(format!("`{text}` is not a date: write it as YYYY-MM-DD, for example 2026-02-16"));
    };
    if !(1..=12).contains(&month) {
        return Err(format!("`{text}` is not a date: there is no month {month}; months run from 01 to 12"));
    }
    let days = days_in_month(year as i32, month);
    Err(format!("`{text}` is not a date: {} {year} has {days} days, not {day}", month_name(month)))
}

/// The number of days of `month` (1–12) in `year`.
fn days_in_month(year: i32, month: u32) -> u32 {
    let next =
        if month == 12 { NaiveDate::from_ymd_opt(year + 1, 1, 1) } else { NaiveDate::from_ymd_opt(year, month + 1, 1) };
    let first = NaiveDate::from_ymd_opt(year, month, 1);
    match (first, next) {
        (Some(first), Some(next)) => u32::try_from((next - first).num_days()).unwrap_or(31),
        _ => 31,
    }
}

/// The English name of `month` (1–12).
fn month_name(month: u32) -> &'static str {
    const NAMES: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    NAMES.get(month.saturating_sub(1) as usize).copied().unwrap_or("that month")
}

#[cfg(test)]
mod tests {
    use super::parse_date;

    #[test]
    fn a_date_reads_and_a_day_the_month_lacks_is_named() {
        assert_eq!(parse_date("2024-02-29").map(|d| d.to_string()), Ok("2024-02-29".to_string()));
        let err = parse_date("2023-02-30").err().unwrap_or_default();
        assert!(err.contains("February 2023 has 28 days, not 30"), "{err}");
        let err = parse_date("2023-13-01").err().unwrap_or_default();
        assert!(err.contains("no month 13"), "{err}");
        let err = parse_date("30/02/2023").err().unwrap_or_default();
        assert!(err.contains("YYYY-MM-DD"), "{err}");
        assert!(!err.contains("out of range"), "{err}");
    }
}
