//! The data behind a chart as CSV.
//!
//! - Time charts: `date,<series name>,...`, one row per change point (every date of any
//!   series, in order); each cell is the value in force on that date, empty where undefined.
//! - Bar charts: `holder,<category>,...`, one row per group.
//! - Networks: `holder,issuer,capital,votes,status,label`, one row per holding, with the
//!   entities' display names and the status key of the report (`full`, `capped`, …).
//!
//! Numbers are written with Rust's `f64` `to_string()`, the shortest text that reads back as
//! the same number, as `serde_json` does for `report --format json`: both show the same
//! digits. Lines end with `\n`; fields are quoted by [`csv_field`] where needed.

use std::fmt::Write as _;

use chrono::NaiveDate;

use crate::chart::{BarChart, Chart, ChartBody, NetworkChart, Series, TimeChart};
use crate::io::report::csv_field;

/// The CSV of a chart's data.
pub fn to_csv(chart: &Chart) -> String {
    match &chart.body {
        ChartBody::Time(t) => time_csv(t),
        ChartBody::Bars(b) => bars_csv(b),
        ChartBody::Network(n) => network_csv(n),
    }
}

/// A number as CSV: shortest round-trip text, empty for `None` or a non-finite value.
pub fn number(v: Option<f64>) -> String {
    v.filter(|v| v.is_finite()).map(|v| v.to_string()).unwrap_or_default()
}

/// A header line from its fields.
fn header<'a>(first: &str, rest: impl Iterator<Item = &'a str>) -> String {
    std::iter::once(csv_field(first)).chain(rest.map(csv_field)).collect::<Vec<_>>().join(",") + "\n"
}

fn time_csv(t: &TimeChart) -> String {
    let mut out = header("date", t.series.iter().map(|s| s.name.as_str()));
    let mut dates: Vec<NaiveDate> = t.series.iter().flat_map(|s| s.points.iter().map(|p| p.0)).collect();
    dates.sort();
    dates.dedup();
    for d in dates {
        let cells: Vec<String> = t.series.iter().map(|s| number(value_on(s, d))).collect();
        let _ = writeln!(out, "{d},{}", cells.join(","));
    }
    out
}

/// The value of a step series in force on `date`: that of its last point on or before it.
pub fn value_on(s: &Series, date: NaiveDate) -> Option<f64> {
    let k = s.points.partition_point(|p| p.0 <= date);
    s.points.get(k.checked_sub(1)?)?.1
}

fn bars_csv(b: &BarChart) -> String {
    let mut out = header("holder", b.categories.iter().map(String::as_str));
    for g in &b.groups {
        let cells: Vec<String> = (0..b.categories.len()).map(|k| number(g.values.get(k).copied())).collect();
        let _ = writeln!(out, "{},{}", csv_field(&g.name), cells.join(","));
    }
    out
}

fn network_csv(n: &NetworkChart) -> String {
    let mut out = String::from("holder,issuer,capital,votes,status,label\n");
    let name = |k: usize| n.nodes.get(k).map(|x| csv_field(&x.name)).unwrap_or_default();
    for e in &n.edges {
        let _ = writeln!(
            out,
            "{},{},{},{},{},{}",
            name(e.from),
            name(e.to),
            number(Some(e.capital)),
            number(Some(e.votes)),
            e.status.key(),
            csv_field(&e.label)
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chart::{FLOAT_COLOR, LineStyle, Marker};

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap_or_default()
    }

    #[test]
    fn time_csv_has_one_row_per_date_and_empty_cells_for_gaps() {
        let series = |name: &str, points: Vec<(NaiveDate, Option<f64>)>| Series {
            name: name.into(),
            color: FLOAT_COLOR,
            style: LineStyle::Solid,
            points,
        };
        let t = TimeChart {
            y_label: "share".into(),
            y_range: (0.0, 1.0),
            percent: true,
            start: d("2024-01-01"),
            end: d("2024-12-31"),
            series: vec![
                series("A, Inc.", vec![(d("2024-01-01"), Some(0.1)), (d("2024-06-01"), Some(0.30000000000000004))]),
                series("B", vec![(d("2024-01-01"), None), (d("2024-06-01"), Some(1.0))]),
            ],
            markers: vec![Marker { date: d("2024-06-01"), label: "sale".into() }],
        };
        assert_eq!(time_csv(&t), "date,\"A, Inc.\",B\n2024-01-01,0.1,\n2024-06-01,0.30000000000000004,1\n");
    }
}
