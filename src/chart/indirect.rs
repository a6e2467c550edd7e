//! The charts of indirect power through the network: an ultimate holder's indirect power at
//! one company over time beside its direct power there, and both side by side at one date.
//! The figures are the engine's ([`crate::engine::indirect`]); nothing is computed here.

use chrono::NaiveDate;

use std::ops::Not;

use super::description::{
    BarChart, BarGroup, Chart, ChartBody, LineStyle, Series, TimeChart, ValueNote, notes, reading_of,
};
use super::id::kind_name;
use super::markers::{ConflictMark, event_markers};
use super::palette::FLOAT as FLOAT_COLOR;
use crate::engine::indirect::of_kind;
use crate::engine::{Evaluation, Measure, Point, ShownEstimate};
use crate::model::Scenario;

/// The ultimate holders that appear on any date, by id.
fn players(ev: &Evaluation, r: &str) -> Vec<String> {
    let mut out: Vec<String> =
        ev.points.iter().filter_map(|p| of_kind(&p.indirect, r)).flat_map(|x| x.players.iter().cloned()).collect();
    out.sort();
    out.dedup();
    out
}

/// A player's indirect index at `issuer` on one date, inside [0, 1] (`None` when undefined or
/// not computed), and what it says beyond its figure: a Banzhaf reading (exact figures) or a
/// Monte Carlo estimate's interval.
fn indirect(p: &Point, issuer: &str, player: &str, m: Measure, r: &str) -> (Option<f64>, Option<ValueNote>) {
    let Some(x) = of_kind(&p.indirect, r) else { return (None, None) };
    let h = x.holder(issuer, player);
    match (m, h) {
        (Measure::ShapleyShubik, Some(h)) => {
            let e = h.shapley_shubik_estimate();
            let shown = e.shown();
            let note = matches!(shown, ShownEstimate::Exact(_)).not().then_some(ValueNote::Estimate(shown));
            (Some(shown.value(e)), note)
        }
        (Measure::ShapleyShubik, None) => (Some(0.0), None),
        (Measure::Banzhaf, Some(h)) => (h.banzhaf_shown(), h.banzhaf_reading().map(ValueNote::Reading)),
        (Measure::Banzhaf, None) => (x.company(issuer).map(|_| 0.0), None),
    }
}

/// A player's direct index at `issuer` on one date (0 when it holds no votes there), and its
/// Banzhaf reading.
fn direct(p: &Point, issuer: &str, player: &str, m: Measure, r: &str) -> (Option<f64>, Option<ValueNote>) {
    let Some(x) = p.issuer(issuer) else { return (None, None) };
    let power = x.power_of(player, r);
    let note = match m {
        Measure::Banzhaf => power.and_then(|pw| pw.banzhaf_reading()).map(ValueNote::Reading),
        Measure::ShapleyShubik => None,
    };
    (Some(power.and_then(|pw| pw.get(m)).unwrap_or(0.0)), note)
}

/// The floats' indirect Shapley–Shubik share at `issuer` on one date, inside [0, 1].
fn floats_through(p: &Point, issuer: &str, r: &str) -> Option<f64> {
    of_kind(&p.indirect, r).and_then(|x| x.company(issuer)).map(|c| c.float_shapley_shubik.clamp(0.0, 1.0))
}

/// A series of values and notes over every point.
fn series_of(
    ev: &Evaluation,
    name: String,
    color: crate::model::Color,
    style: LineStyle,
    at: impl Fn(&Point) -> (Option<f64>, Option<ValueNote>),
) -> Series {
    let (points, noted): (Vec<_>, Vec<_>) = ev
        .points
        .iter()
        .map(|p| {
            let (v, n) = at(p);
            ((p.date, v), n)
        })
        .unzip();
    Series { name, color, style, points, notes: notes(noted) }
}

/// Indirect power at `issuer` over time, solid, with each ultimate holder's direct power
/// dashed, and the floats' indirect Shapley–Shubik share dotted.
pub fn over_time(s: &Scenario, ev: &Evaluation, issuer: &str, m: Measure, r: &str) -> Chart {
    let mut series = Vec::new();
    for h in players(ev, r) {
        let color = s.entity(&h).map_or(FLOAT_COLOR, |e| e.color);
        let name = s.name_of(&h).to_string();
        let through = |p: &Point| indirect(p, issuer, &h, m, r);
        series.push(series_of(ev, format!("{name} through the network"), color, LineStyle::Solid, through));
        let alone = |p: &Point| direct(p, issuer, &h, m, r);
        series.push(series_of(ev, format!("{name} directly"), color, LineStyle::Dashed, alone));
    }
    if m == Measure::ShapleyShubik {
        let floats = |p: &Point| (floats_through(p, issuer, r), None);
        series.push(series_of(ev, "Floats through the network".into(), FLOAT_COLOR, LineStyle::Dotted, floats));
    }
    let mut subtitle = format!("{} · solid: through the network; dashed: at the meeting itself", s.title);
    if m == Measure::Banzhaf {
        subtitle.push_str(" · Banzhaf normalised over the ultimate holders");
    }
    Chart {
        title: format!("Indirect {} power at {} — {}", m.label(), s.name_of(issuer), kind_name(s, r)),
        subtitle,
        reading: reading_of(m),
        body: ChartBody::Time(TimeChart {
            y_label: "power".into(),
            y_range: (0.0, 1.0),
            percent: true,
            start: s.start,
            end: s.end,
            series,
            markers: event_markers(s, ev),
            conflict: ConflictMark::of(s, ev),
            bands: Vec::new(),
        }),
    }
}

/// One index of every ultimate holder at `issuer` on one date, directly and through the
/// network, side by side (with the floats' share for Shapley–Shubik, which Banzhaf leaves
/// undefined for an ocean).
pub fn at_date(s: &Scenario, ev: &Evaluation, issuer: &str, m: Measure, r: &str, date: NaiveDate) -> Chart {
    let categories = vec![format!("{} directly", m.label()), format!("{} through the network", m.label())];
    let mut groups = Vec::new();
    let point = ev.at(date);
    if let Some(p) = point.filter(|p| of_kind(&p.indirect, r).is_some()) {
        for h in players(ev, r) {
            let (a, b) = (direct(p, issuer, &h, m, r), indirect(p, issuer, &h, m, r));
            groups.push(BarGroup {
                name: s.name_of(&h).to_string(),
                color: s.entity(&h).map_or(FLOAT_COLOR, |e| e.color),
                values: vec![a.0.unwrap_or(0.0), b.0.unwrap_or(0.0)],
                notes: notes([a.1, b.1]),
            });
        }
        if m == Measure::ShapleyShubik {
            let direct_float = p.issuer(issuer).map_or(0.0, |x| x.power(r).map_or(0.0, |p| p.float.shapley_shubik));
            groups.push(BarGroup {
                name: "Floats".into(),
                color: FLOAT_COLOR,
                values: vec![direct_float, floats_through(p, issuer, r).unwrap_or(0.0)],
                notes: Vec::new(),
            });
        }
    }
    let shown = point.map_or(date, |p| p.date);
    let normalised = match m {
        Measure::Banzhaf => {
            "; Banzhaf normalised over the holders at the meeting (directly) or the ultimate holders (through the \
             network)"
        }
        Measure::ShapleyShubik => "",
    };
    Chart {
        title: format!(
            "{}: direct and indirect {} power on {date} — {} resolutions",
            s.name_of(issuer),
            m.label(),
            kind_name(s, r)
        ),
        subtitle: format!("{} · state in force since {shown}{normalised}", s.title),
        reading: reading_of(m),
        body: ChartBody::Bars(BarChart {
            labels: categories.clone(),
            categories,
            groups,
            y_label: "power".into(),
            date,
        }),
    }
}
