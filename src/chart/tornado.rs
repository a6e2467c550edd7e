//! The tornado chart: the headline balance on one date under a low and a high value of each
//! modelling choice, widest swing first, around the balance as given. Built from the engine's
//! [`crate::engine::sensitivity::Tornado`]; drawn on screen, in PNG/SVG and as CSV.

use chrono::NaiveDate;

use super::{Chart, ChartBody, kind_name};
use crate::engine::sensitivity::{Tornado, TornadoError, tornado};
use crate::model::Scenario;

/// The tornado chart's data.
#[derive(Debug, Clone, PartialEq)]
pub struct TornadoChart {
    /// The date of the balance.
    pub date: NaiveDate,
    /// The balance in the scenario as given (the bars' common base).
    pub base: f64,
    /// What the x axis measures.
    pub x_label: String,
    /// One row per assumption, widest swing first.
    pub rows: Vec<TornadoRow>,
}

/// One assumption's bar.
#[derive(Debug, Clone, PartialEq)]
pub struct TornadoRow {
    /// The assumption, for people.
    pub label: String,
    /// Its value in the scenario.
    pub value: String,
    /// Its source or the reason for it.
    pub source: String,
    /// The low alternative's label and the balance under it (`None`: it cannot be evaluated).
    pub low: (String, Option<f64>),
    /// The high alternative's label and the balance under it.
    pub high: (String, Option<f64>),
}

impl TornadoRow {
    /// |high − low| (0 when either is missing).
    pub fn swing(&self) -> f64 {
        match (self.low.1, self.high.1) {
            (Some(a), Some(b)) => (b - a).abs(),
            _ => 0.0,
        }
    }
}

impl TornadoChart {
    /// The x range covering the base and every finite value, with a margin.
    pub fn x_range(&self) -> (f64, f64) {
        let values = self.rows.iter().flat_map(|r| [r.low.1, r.high.1]).flatten().filter(|v| v.is_finite());
        let (lo, hi) = values.fold((self.base, self.base), |(a, b), v| (a.min(v), b.max(v)));
        // Room beyond the longest bars for the alternatives' names.
        let pad = ((hi - lo) * 0.2).max(0.02);
        (lo - pad, hi + pad)
    }
}

/// The tornado chart of the engine's tornado.
pub fn chart(s: &Scenario, t: &Tornado) -> Chart {
    let (a, b) = (s.name_of(&t.pair.0), s.name_of(&t.pair.1));
    Chart {
        title: format!("What moves the balance on {}: {a} at {b}'s meeting − {b} at {a}'s", t.date),
        subtitle: format!(
            "{} · Shapley–Shubik power, {} resolutions · as given {:+.1} points; each bar: an assumption at its \
            low and high value, widest first",
            s.title,
            kind_name(s, &t.kind),
            t.base * 100.0
        ),
        body: ChartBody::Tornado(TornadoChart {
            date: t.date,
            base: t.base,
            x_label: format!("{a} at {b} − {b} at {a} (power)"),
            rows: t
                .swings
                .iter()
                .map(|w| TornadoRow {
                    label: w.label.clone(),
                    value: w.value.clone(),
                    source: w.source.clone(),
                    low: w.low.clone(),
                    high: w.high.clone(),
                })
                .collect(),
        }),
    }
}

/// The tornado chart of `s` on `date`; a scenario without a balance (or that cannot be
/// evaluated there) gives an empty chart that says why.
pub fn build(s: &Scenario, date: NaiveDate) -> Chart {
    match tornado(s, date, None) {
        Ok(t) => chart(s, &t),
        Err(e) => empty(s, date, &e),
    }
}

fn empty(s: &Scenario, date: NaiveDate, e: &TornadoError) -> Chart {
    Chart {
        title: format!("What moves the balance on {date}"),
        subtitle: format!("{} · no tornado: {e}", s.title),
        body: ChartBody::Tornado(TornadoChart { date, base: 0.0, x_label: "balance".into(), rows: Vec::new() }),
    }
}
