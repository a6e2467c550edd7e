//! The assumptions chart (drawn as a tornado): the headline balance on one date under a low and
//! a high value of each modelling choice, widest swing first, around the balance as given.
//! Drawn from the engine's [`crate::engine::assumptions::BalanceSwings`], which the caller
//! computes ([`crate::engine::assumptions::balance_swings`]): building the chart runs no engine.
//! Drawn on screen, in PNG/SVG and as CSV.

use chrono::NaiveDate;

pub use super::description::{AssumptionRow, AssumptionsChart};
use super::description::{Chart, ChartBody, reading_of};
use super::id::kind_name;
use crate::engine::Measure;
use crate::engine::assumptions::{BalanceSwings, SwingsError};
use crate::model::Scenario;

/// The assumptions chart of the engine's swings.
pub fn chart(s: &Scenario, t: &BalanceSwings) -> Chart {
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
        reading: reading_of(Measure::ShapleyShubik),
        body: ChartBody::Assumptions(AssumptionsChart {
            date: t.date,
            base: t.base,
            x_label: format!("{a} at {b} − {b} at {a} (power)"),
            rows: t
                .swings
                .iter()
                .map(|w| AssumptionRow {
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

/// The assumptions chart of `s` on `date` from `swings`, the engine's
/// [`balance_swings`](crate::engine::assumptions::balance_swings) of `s` on `date` (headline
/// kind); a scenario without a balance (or that cannot be evaluated there) gives an empty chart
/// that says why.
pub fn build(s: &Scenario, date: NaiveDate, swings: &Result<BalanceSwings, SwingsError>) -> Chart {
    match swings {
        Ok(t) => chart(s, t),
        Err(e) => empty(s, date, &e.to_string()),
    }
}

/// What [`super::build`] gives for the assumptions chart, which needs more than an evaluation:
/// an empty chart saying that the swings were not computed (callers that show it compute them
/// and call [`build`]).
pub fn not_computed(s: &Scenario, date: NaiveDate) -> Chart {
    empty(s, date, "the swings under the assumptions were not computed for this chart")
}

fn empty(s: &Scenario, date: NaiveDate, e: &str) -> Chart {
    Chart {
        title: format!("What moves the balance on {date}"),
        subtitle: format!("{} · no tornado: {e}", s.title),
        reading: String::new(),
        body: ChartBody::Assumptions(AssumptionsChart { date, base: 0.0, x_label: "balance".into(), rows: Vec::new() }),
    }
}
