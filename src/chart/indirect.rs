//! The charts of indirect power through the network: an ultimate holder's indirect power at
//! one company over time beside its direct power there, and both side by side at one date.
//! The figures are the engine's ([`crate::engine::indirect`]); nothing is computed here.

use chrono::NaiveDate;

use super::description::{BarChart, BarGroup, Chart, ChartBody, LineStyle, Series, TimeChart};
use super::id::kind_name;
use super::markers::{ConflictMark, event_markers};
use super::palette::FLOAT as FLOAT_COLOR;
use crate::engine::indirect::{IndirectPower, of_kind};
use crate::engine::{Evaluation, Measure, Point};
use crate::model::Scenario;

/// The ultimate holders that appear on any date, by id.
fn players(ev: &Evaluation, r: &str) -> Vec<String> {
    let mut out: Vec<String> =
        ev.points.iter().filter_map(|p| of_kind(&p.indirect, r)).flat_map(|x| x.players.iter().cloned()).collect();
    out.sort();
    out.dedup();
    out
}

/// A player's indirect index at `issuer` on one date (`None` when undefined or not computed).
fn indirect(p: &Point, issuer: &str, player: &str, m: Measure, r: &str) -> Option<f64> {
    let x: &IndirectPower = of_kind(&p.indirect, r)?;
    let h = x.holder(issuer, player);
    match m {
        Measure::ShapleyShubik => Some(h.map_or(0.0, |h| h.shapley_shubik)),
        Measure::Banzhaf => match h {
            Some(h) => h.banzhaf,
            None => x.company(issuer).map(|_| 0.0),
        },
    }
}

/// A player's direct index at `issuer` on one date (0 when it holds no votes there).
fn direct(p: &Point, issuer: &str, player: &str, m: Measure, r: &str) -> Option<f64> {
    let x = p.issuer(issuer)?;
    Some(x.power_of(player, r).and_then(|pw| pw.get(m)).unwrap_or(0.0))
}

/// Indirect power at `issuer` over time, solid, with each ultimate holder's direct power
/// dashed, and the floats' indirect Shapley–Shubik share dotted.
pub fn over_time(s: &Scenario, ev: &Evaluation, issuer: &str, m: Measure, r: &str) -> Chart {
    let mut series = Vec::new();
    for h in players(ev, r) {
        let color = s.entity(&h).map_or(FLOAT_COLOR, |e| e.color);
        let name = s.name_of(&h).to_string();
        let through: Vec<(NaiveDate, Option<f64>)> =
            ev.points.iter().map(|p| (p.date, indirect(p, issuer, &h, m, r))).collect();
        let alone: Vec<(NaiveDate, Option<f64>)> =
            ev.points.iter().map(|p| (p.date, direct(p, issuer, &h, m, r))).collect();
        series.push(Series {
            name: format!("{name} through the network"),
            color,
            style: LineStyle::Solid,
            points: through,
        });
        series.push(Series { name: format!("{name} directly"), color, style: LineStyle::Dashed, points: alone });
    }
    if m == Measure::ShapleyShubik {
        let floats = ev
            .points
            .iter()
            .map(|p| (p.date, of_kind(&p.indirect, r).and_then(|x| x.company(issuer)).map(|c| c.float_shapley_shubik)))
            .collect();
        series.push(Series {
            name: "Floats through the network".into(),
            color: FLOAT_COLOR,
            style: LineStyle::Dotted,
            points: floats,
        });
    }
    let mut subtitle = format!("{} · solid: through the network; dashed: at the meeting itself", s.title);
    if m == Measure::Banzhaf {
        subtitle.push_str(" · Banzhaf normalised over the ultimate holders");
    }
    Chart {
        title: format!("Indirect {} power at {} — {}", m.label(), s.name_of(issuer), kind_name(s, r)),
        subtitle,
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

/// Direct and indirect power of every ultimate holder at `issuer` on one date, side by side.
pub fn at_date(s: &Scenario, ev: &Evaluation, issuer: &str, r: &str, date: NaiveDate) -> Chart {
    let categories = vec![
        "Shapley–Shubik directly".to_string(),
        "Shapley–Shubik through the network".to_string(),
        "Banzhaf directly".to_string(),
        "Banzhaf through the network".to_string(),
    ];
    let mut groups = Vec::new();
    let point = ev.at(date);
    if let Some(p) = point.filter(|p| of_kind(&p.indirect, r).is_some()) {
        for h in players(ev, r) {
            let get =
                |f: fn(&Point, &str, &str, Measure, &str) -> Option<f64>, m| f(p, issuer, &h, m, r).unwrap_or(0.0);
            groups.push(BarGroup {
                name: s.name_of(&h).to_string(),
                color: s.entity(&h).map_or(FLOAT_COLOR, |e| e.color),
                values: vec![
                    get(direct, Measure::ShapleyShubik),
                    get(indirect, Measure::ShapleyShubik),
                    get(direct, Measure::Banzhaf),
                    get(indirect, Measure::Banzhaf),
                ],
            });
        }
        let direct_float = p.issuer(issuer).map_or(0.0, |x| x.power(r).map_or(0.0, |p| p.float.shapley_shubik));
        let through = of_kind(&p.indirect, r).and_then(|x| x.company(issuer)).map_or(0.0, |c| c.float_shapley_shubik);
        groups.push(BarGroup {
            name: "Floats (Shapley–Shubik only)".into(),
            color: FLOAT_COLOR,
            values: vec![direct_float, through, 0.0, 0.0],
        });
    }
    let shown = point.map_or(date, |p| p.date);
    Chart {
        title: format!("{}: direct and indirect power on {date} — {} resolutions", s.name_of(issuer), kind_name(s, r)),
        subtitle: format!(
            "{} · state in force since {shown}; Banzhaf normalised over the holders at the meeting (directly) \
            or the ultimate holders (through the network)",
            s.title
        ),
        body: ChartBody::Bars(BarChart {
            labels: categories.clone(),
            categories,
            groups,
            y_label: "power".into(),
            date,
        }),
    }
}
