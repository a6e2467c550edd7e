//! The data behind a chart as CSV, for a spreadsheet.
//!
//! - Time charts: `date,<series name>,...`, one row per change point (every date of any
//!   series, in order); each cell is the value in force on that date, empty where undefined.
//! - Bar charts: `holder,<category>,...`, one row per group.
//! - Networks: `holder,issuer,capital,votes,status,label`, one row per holding, with the
//!   entities' display names and the status key of the report (`full`, `capped`, …).
//!
//! Headers are plain ASCII (names are transliterated: `−` becomes `-`, `é` becomes `e`), so
//! that a spreadsheet shows them whatever encoding it assumes. By default numbers are the
//! fractions the charts draw, written with Rust's `f64` `to_string()`: the shortest text that
//! reads back as the same number, as `serde_json` does for `report --format json`, so both
//! show the same digits. [`CsvOptions`] asks for percentages, a fixed number of decimals, or a
//! UTF-8 byte-order mark (which Excel needs to read UTF-8). Lines end with `\n`; fields are
//! quoted by [`csv_field`] where needed.

use std::fmt::Write as _;

use chrono::NaiveDate;

use super::sampling::{Sampling, SamplingError};
use crate::chart::assumptions::AssumptionsChart;
use crate::chart::{BarChart, Chart, ChartBody, NetworkChart, Series, TimeChart};
use crate::io::csv_format::csv_field;
pub use crate::io::csv_format::{CsvOptions, MAX_DIGITS, format_number, number};

/// The UTF-8 byte-order mark.
const BOM: &str = "\u{feff}";

/// The CSV of a chart's data, every digit, fractions, no byte-order mark.
pub fn to_csv(chart: &Chart) -> String {
    to_csv_with(chart, &CsvOptions::default())
}

/// The CSV of a chart's data, written as `options` say.
pub fn to_csv_with(chart: &Chart, options: &CsvOptions) -> String {
    let body = match &chart.body {
        ChartBody::Time(t) => time_csv(t, options),
        ChartBody::Bars(b) => bars_csv(b, options),
        ChartBody::Network(n) => network_csv(n, options),
        ChartBody::Assumptions(t) => assumptions_csv(t, options),
    };
    if options.bom { format!("{BOM}{body}") } else { body }
}

/// A header field in plain ASCII: letters with accents lose them, dashes and minus signs
/// become `-`, other symbols their nearest ASCII spelling; then quoted as CSV needs.
pub fn ascii_field(s: &str) -> String {
    csv_field(&ascii(s))
}

/// `s` transliterated to ASCII (`Renault − Nissan` → `Renault - Nissan`, `État` → `Etat`).
pub fn ascii(s: &str) -> String {
    if s.is_ascii() {
        return s.to_string();
    }
    s.chars()
        .map(|c| match c {
            '\u{2212}' | '\u{2010}'..='\u{2015}' => "-".to_string(),
            '\u{00a0}' | '\u{202f}' | '\u{2009}' => " ".to_string(),
            '\u{00b7}' | '\u{2022}' => "-".to_string(),
            '\u{2264}' => "<=".to_string(),
            '\u{2265}' => ">=".to_string(),
            '\u{00d7}' => "x".to_string(),
            c => deunicode::deunicode_char(c).unwrap_or("?").to_string(),
        })
        .collect()
}

/// A header line from its fields, in ASCII; `unit` is appended to every field but the first.
fn header<'a>(first: &str, rest: impl Iterator<Item = &'a str>, unit: &str) -> String {
    std::iter::once(ascii_field(first))
        .chain(rest.map(|name| ascii_field(&format!("{name}{unit}"))))
        .collect::<Vec<_>>()
        .join(",")
        + "\n"
}

/// The unit appended to the headers of share columns: ` (%)` for percentages.
fn unit(options: &CsvOptions, share: bool) -> &'static str {
    if share && options.percent { " (%)" } else { "" }
}

fn time_csv(t: &TimeChart, options: &CsvOptions) -> String {
    let mut dates: Vec<NaiveDate> = t.series.iter().flat_map(|s| s.points.iter().map(|p| p.0)).collect();
    dates.sort();
    dates.dedup();
    time_csv_at(t, options, &dates)
}

/// The CSV of a chart's data with the rows of a chart over time on the dates `sampling` gives
/// (every change point by default, month-ends with `Every(Month)`); other charts as
/// [`to_csv_with`].
pub fn to_csv_sampled(chart: &Chart, options: &CsvOptions, sampling: &Sampling) -> Result<String, SamplingError> {
    let ChartBody::Time(t) = &chart.body else { return Ok(to_csv_with(chart, options)) };
    let points: Vec<NaiveDate> = t.series.iter().flat_map(|s| s.points.iter().map(|p| p.0)).collect();
    let body = time_csv_at(t, options, &sampling.dates(t.start, t.end, &points)?);
    Ok(if options.bom { format!("{BOM}{body}") } else { body })
}

/// The CSV of a chart over time with one row per date of `dates` (sorted).
fn time_csv_at(t: &TimeChart, options: &CsvOptions, dates: &[NaiveDate]) -> String {
    let mut out = header("date", t.series.iter().map(|s| s.name.as_str()), unit(options, t.percent));
    for &d in dates {
        let cells: Vec<String> = t.series.iter().map(|s| format_number(value_on(s, d), options, t.percent)).collect();
        let _ = writeln!(out, "{d},{}", cells.join(","));
    }
    out
}

/// The value of a step series in force on `date`: that of its last point on or before it.
pub fn value_on(s: &Series, date: NaiveDate) -> Option<f64> {
    let k = s.points.partition_point(|p| p.0 <= date);
    s.points.get(k.checked_sub(1)?)?.1
}

fn bars_csv(b: &BarChart, options: &CsvOptions) -> String {
    let mut out = header("holder", b.categories.iter().map(String::as_str), unit(options, true));
    for g in &b.groups {
        let cells: Vec<String> =
            (0..b.categories.len()).map(|k| format_number(g.values.get(k).copied(), options, true)).collect();
        let _ = writeln!(out, "{},{}", csv_field(&g.name), cells.join(","));
    }
    out
}

fn network_csv(n: &NetworkChart, options: &CsvOptions) -> String {
    let share = unit(options, true);
    let mut out = format!("holder,issuer,capital{share},votes{share},status,label\n");
    let name = |k: usize| n.nodes.get(k).map(|x| csv_field(&x.name)).unwrap_or_default();
    for e in &n.edges {
        let _ = writeln!(
            out,
            "{},{},{},{},{},{}",
            name(e.from),
            name(e.to),
            format_number(Some(e.capital), options, true),
            format_number(Some(e.votes), options, true),
            e.status.key(),
            csv_field(&e.label)
        );
    }
    out
}

fn assumptions_csv(t: &AssumptionsChart, options: &CsvOptions) -> String {
    let share = unit(options, true);
    let mut out = format!(
        "assumption,value,low,balance_low{share},high,balance_high{share},swing{share},balance_as_given{share}\n"
    );
    for r in &t.rows {
        let _ = writeln!(
            out,
            "{},{},{},{},{},{},{},{}",
            csv_field(&r.label),
            csv_field(&r.value),
            csv_field(&r.low.0),
            format_number(r.low.1, options, true),
            csv_field(&r.high.0),
            format_number(r.high.1, options, true),
            format_number(Some(r.swing()), options, true),
            format_number(Some(t.base), options, true)
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chart::{FLOAT_COLOR, LineStyle, Marker};

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap_or_else(|e| panic!("test date {s:?} is not YYYY-MM-DD: {e}"))
    }

    #[test]
    fn time_csv_has_one_row_per_date_and_empty_cells_for_gaps() {
        let series = |name: &str, points: Vec<(NaiveDate, Option<f64>)>| Series {
            name: name.into(),
            color: FLOAT_COLOR,
            style: LineStyle::Solid,
            points,
            notes: Vec::new(),
        };
        let t = TimeChart {
            y_label: "share".into(),
            y_range: (0.0, 1.0),
            percent: true,
            start: d("2024-01-01"),
            end: d("2024-12-31"),
            conflict: None,
            bands: Vec::new(),
            series: vec![
                series("A, Inc.", vec![(d("2024-01-01"), Some(0.1)), (d("2024-06-01"), Some(0.30000000000000004))]),
                series("B", vec![(d("2024-01-01"), None), (d("2024-06-01"), Some(1.0))]),
            ],
            markers: vec![Marker { date: d("2024-06-01"), label: "sale".into() }],
        };
        assert_eq!(
            time_csv(&t, &CsvOptions::default()),
            "date,\"A, Inc.\",B\n2024-01-01,0.1,\n2024-06-01,0.30000000000000004,1\n"
        );
    }

    fn opts(percent: bool, digits: Option<usize>) -> CsvOptions {
        CsvOptions { percent, digits, bom: false }
    }

    #[test]
    fn numbers_keep_every_digit_by_default_and_round_on_request() {
        let all = opts(false, None);
        assert_eq!(format_number(Some(0.30000000000000004), &all, true), "0.30000000000000004");
        assert_eq!(format_number(Some(-1.3e-9), &all, true), "-0.0000000013");
        assert_eq!(format_number(Some(-0.0), &all, true), "0");
        assert_eq!(format_number(None, &all, true), "");
        assert_eq!(format_number(Some(f64::NAN), &all, true), "");
        assert_eq!(format_number(Some(0.434), &opts(false, Some(4)), true), "0.4340");
        assert_eq!(format_number(Some(-1.3e-9), &opts(false, Some(4)), true), "0.0000");
        assert_eq!(format_number(Some(0.17049), &opts(false, Some(0)), true), "0");
        assert_eq!(format_number(Some(2.0 / 3.0), &opts(false, Some(3)), true), "0.667");
    }

    #[test]
    fn percentages_move_the_decimal_point_exactly() {
        let pct = opts(true, None);
        assert_eq!(format_number(Some(0.15), &pct, true), "15");
        assert_eq!(format_number(Some(0.434), &pct, true), "43.4");
        assert_eq!(format_number(Some(0.43400000000000005), &pct, true), "43.400000000000005");
        assert_eq!(format_number(Some(1.0), &pct, true), "100");
        assert_eq!(format_number(Some(-0.5), &pct, true), "-50");
        assert_eq!(format_number(Some(0.001), &pct, true), "0.1");
        assert_eq!(format_number(Some(-1.3e-9), &pct, true), "-0.00000013");
        assert_eq!(format_number(Some(2.0 / 3.0), &opts(true, Some(2)), true), "66.67");
        assert_eq!(format_number(Some(0.15), &opts(true, Some(0)), true), "15");
        assert_eq!(format_number(Some(-0.00001), &opts(true, Some(2)), true), "0.00");
        // Only shares become percentages.
        assert_eq!(format_number(Some(0.5), &pct, false), "0.5");
    }

    #[test]
    fn headers_are_ascii() {
        assert_eq!(ascii("power: Renault \u{2212} Nissan"), "power: Renault - Nissan");
        assert_eq!(ascii("\u{c9}tat fran\u{e7}ais \u{2014} 15\u{a0}%"), "Etat francais - 15 %");
        assert_eq!(ascii_field("A, Inc. \u{d7} 2"), "\"A, Inc. x 2\"");
        assert!(ascii("\u{65e5}\u{7523}").is_ascii());
    }

    #[test]
    fn options_change_headers_cells_and_the_first_bytes() {
        let t = TimeChart {
            y_label: "share".into(),
            y_range: (0.0, 1.0),
            percent: true,
            start: d("2024-01-01"),
            end: d("2024-12-31"),
            conflict: None,
            bands: Vec::new(),
            series: vec![Series {
                name: "votes: A \u{2212} B".into(),
                color: FLOAT_COLOR,
                style: LineStyle::Solid,
                points: vec![(d("2024-01-01"), Some(0.1234567))],
                notes: Vec::new(),
            }],
            markers: vec![],
        };
        let chart =
            Chart { title: "t".into(), subtitle: String::new(), reading: String::new(), body: ChartBody::Time(t) };
        assert_eq!(to_csv(&chart), "date,votes: A - B\n2024-01-01,0.1234567\n");
        let o = CsvOptions { percent: true, digits: Some(2), bom: true };
        assert_eq!(to_csv_with(&chart, &o), "\u{feff}date,votes: A - B (%)\n2024-01-01,12.35\n");
    }
}
