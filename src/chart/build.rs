//! Builds each chart's description from a scenario's evaluation.

use chrono::NaiveDate;

use super::description::{
    BarChart, BarGroup, Chart, ChartBody, Edge, LineStyle, NetworkChart, Node, Series, TimeChart, ValueNote, notes,
    reading_of,
};
use super::id::{ChartId, kind_name};
use super::markers::{ConflictMark, event_markers};
use super::palette::FLOAT as FLOAT_COLOR;
use crate::engine::{Evaluation, IssuerResult, Measure, ratio};
use crate::model::{EntityKind, Scenario};

/// The chart `id` of scenario `s` evaluated as `ev`; dated charts show the state on `date`.
pub fn build(id: &ChartId, s: &Scenario, ev: &Evaluation, date: NaiveDate) -> Chart {
    match id {
        ChartId::Power { issuer, measure, resolution } => {
            let title = format!(
                "{} power at {} — {} resolutions",
                measure.label(),
                s.name_of(issuer),
                kind_name(s, resolution)
            );
            let mut subtitle = s.title.clone();
            if *measure == Measure::Banzhaf && s.meeting.float_model == crate::model::FloatModel::Ocean {
                subtitle.push_str(" · float as an ocean: its Banzhaf share is undefined and not drawn");
            }
            let value = |x: &IssuerResult, holder: Option<&str>| match holder {
                Some(h) => x.power_of(h, resolution).and_then(|p| p.get(*measure)),
                None => x.power(resolution).and_then(|p| p.float.get(*measure)),
            };
            // A Banzhaf figure at its extremes carries its reading (the engine's).
            let note = |x: &IssuerResult, holder: &str| match measure {
                Measure::Banzhaf => {
                    x.power_of(holder, resolution).and_then(|p| p.banzhaf_reading()).map(ValueNote::Reading)
                }
                Measure::ShapleyShubik => None,
            };
            let series = issuer_series(s, ev, issuer, value, note);
            let mut chart = time_chart(title, subtitle, "power", s, ev, series);
            chart.reading = reading_of(*measure);
            chart
        }
        ChartId::Capital { issuer } => {
            let series = issuer_series(
                s,
                ev,
                issuer,
                |x, holder| match holder {
                    Some(h) => x.votes.holder(h).map(|v| ratio(v.shares, x.votes.issued_shares)),
                    None => Some(ratio(x.votes.float_shares, x.votes.issued_shares)),
                },
                |_, _| None,
            );
            time_chart(format!("Share of {}'s capital", s.name_of(issuer)), s.title.clone(), "capital", s, ev, series)
        }
        ChartId::Votes { issuer } => {
            let series = issuer_series(
                s,
                ev,
                issuer,
                |x, holder| match holder {
                    Some(h) => x.votes.holder(h).map(|v| ratio(v.game_votes, x.votes.game_total)),
                    None => Some(ratio(x.votes.float_votes_cast, x.votes.game_total)),
                },
                |_, _| None,
            );
            time_chart(
                format!("Share of the votes in play at {}", s.name_of(issuer)),
                s.title.clone(),
                "votes",
                s,
                ev,
                series,
            )
        }
        ChartId::Balance => balance_chart(s, ev),
        ChartId::Snapshot { issuer } => snapshot_chart(s, ev, issuer, date),
        ChartId::Network => network_chart(s, ev, date),
        ChartId::Assumptions => super::assumptions::not_computed(s, date),
        ChartId::Indirect { issuer, measure, resolution } => {
            super::indirect::over_time(s, ev, issuer, *measure, resolution)
        }
        ChartId::IndirectSnapshot { issuer, measure, resolution } => {
            super::indirect::at_date(s, ev, issuer, *measure, resolution, date)
        }
    }
}

/// One series per holder that ever holds shares of `issuer`, then the float; `note` gives what
/// a holder's value says beyond its figure.
fn issuer_series(
    s: &Scenario,
    ev: &Evaluation,
    issuer: &str,
    value: impl Fn(&IssuerResult, Option<&str>) -> Option<f64>,
    note: impl Fn(&IssuerResult, &str) -> Option<ValueNote>,
) -> Vec<Series> {
    let mut holders: Vec<String> = ev
        .points
        .iter()
        .filter_map(|p| p.issuer(issuer))
        .flat_map(|x| x.votes.holders.iter().map(|h| h.holder.clone()))
        .collect();
    holders.sort();
    holders.dedup();
    let mut out: Vec<Series> = holders
        .iter()
        .map(|h| Series {
            name: s.name_of(h).to_string(),
            color: s.entity(h).map_or(FLOAT_COLOR, |e| e.color),
            style: LineStyle::Solid,
            points: ev
                .points
                .iter()
                .map(|p| (p.date, p.issuer(issuer).map(|x| value(x, Some(h)).unwrap_or(0.0))))
                .collect(),
            notes: notes(ev.points.iter().map(|p| p.issuer(issuer).and_then(|x| note(x, h)))),
        })
        .collect();
    out.push(Series {
        name: "Public float".into(),
        color: FLOAT_COLOR,
        style: LineStyle::Dotted,
        points: ev.points.iter().map(|p| (p.date, p.issuer(issuer).and_then(|x| value(x, None)))).collect(),
        notes: Vec::new(),
    });
    out.retain(|s| s.points.iter().any(|(_, v)| v.is_some()));
    out
}

fn time_chart(
    title: String,
    subtitle: String,
    y_label: &str,
    s: &Scenario,
    ev: &Evaluation,
    series: Vec<Series>,
) -> Chart {
    Chart {
        title,
        subtitle,
        reading: String::new(),
        body: ChartBody::Time(TimeChart {
            y_label: y_label.into(),
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

fn balance_chart(s: &Scenario, ev: &Evaluation) -> Chart {
    let mut series = Vec::new();
    let pairs: Vec<(String, String)> =
        ev.points.first().map(|p| p.balance.iter().map(|b| (b.a.clone(), b.b.clone())).collect()).unwrap_or_default();
    for (k, (a, b)) in pairs.iter().enumerate() {
        let color = s.entity(a).map_or(FLOAT_COLOR, |e| e.color);
        let pick = |f: fn(&crate::engine::Balance) -> f64| -> Vec<(NaiveDate, Option<f64>)> {
            ev.points.iter().map(|p| (p.date, p.balance.get(k).map(f))).collect()
        };
        let label = format!("{} − {}", s.name_of(a), s.name_of(b));
        series.push(Series {
            name: format!("power: {label}"),
            color,
            style: LineStyle::Solid,
            points: pick(|x| x.power),
            notes: Vec::new(),
        });
        series.push(Series {
            name: format!("votes: {label}"),
            color,
            style: LineStyle::Dashed,
            points: pick(|x| x.votes),
            notes: Vec::new(),
        });
        series.push(Series {
            name: format!("capital: {label}"),
            color,
            style: LineStyle::Dotted,
            points: pick(|x| x.capital),
            notes: Vec::new(),
        });
    }
    Chart {
        title: "Balance: A at B's meeting minus B at A's (0 = perfect balance)".into(),
        subtitle: format!("{} · power is Shapley–Shubik at {} resolutions", s.title, kind_name(s, &s.headline_kind())),
        reading: reading_of(Measure::ShapleyShubik),
        body: ChartBody::Time(TimeChart {
            y_label: "A at B − B at A".into(),
            y_range: balance_range(&series),
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

fn snapshot_chart(s: &Scenario, ev: &Evaluation, issuer: &str, date: NaiveDate) -> Chart {
    let kinds = s.resolution_kinds();
    let mut categories = vec!["capital".to_string(), "votes".to_string()];
    categories.extend(kinds.iter().map(|k| format!("power ({})", k.name.to_lowercase())));
    let mut labels = vec!["capital".to_string(), "votes".to_string()];
    labels.extend(kinds.iter().map(|k| k.short.clone().unwrap_or_else(|| k.name.to_lowercase())));
    let mut groups = Vec::new();
    if let Some(x) = ev.at(date).and_then(|p| p.issuer(issuer)) {
        for (k, h) in x.votes.holders.iter().enumerate() {
            let mut values = vec![ratio(h.shares, x.votes.issued_shares), ratio(h.game_votes, x.votes.game_total)];
            values.extend(
                kinds
                    .iter()
                    .map(|kind| x.power(&kind.id).and_then(|p| p.holders.get(k)).map_or(0.0, |p| p.shapley_shubik)),
            );
            groups.push(BarGroup {
                name: s.name_of(&h.holder).to_string(),
                color: s.entity(&h.holder).map_or(FLOAT_COLOR, |e| e.color),
                values,
                notes: Vec::new(),
            });
        }
        let mut values = vec![
            ratio(x.votes.float_shares, x.votes.issued_shares),
            ratio(x.votes.float_votes_cast, x.votes.game_total),
        ];
        values.extend(kinds.iter().map(|kind| x.power(&kind.id).map_or(0.0, |p| p.float.shapley_shubik)));
        groups.push(BarGroup { name: "Public float".into(), color: FLOAT_COLOR, values, notes: Vec::new() });
    }
    let shown = ev.at(date).map_or(date, |p| p.date);
    Chart {
        title: format!("{}: capital, votes and power on {date}", s.name_of(issuer)),
        subtitle: format!("{} · state in force since {shown}; power is Shapley–Shubik", s.title),
        reading: reading_of(Measure::ShapleyShubik),
        body: ChartBody::Bars(BarChart { categories, labels, groups, y_label: "share".into(), date }),
    }
}

fn network_chart(s: &Scenario, ev: &Evaluation, date: NaiveDate) -> Chart {
    let nodes = network_layout(s);
    let index = |id: &str| nodes.iter().position(|n: &Node| n.id == id);
    let mut edges = Vec::new();
    if let Some(p) = ev.at(date) {
        for x in &p.issuers {
            for h in &x.votes.holders {
                let (Some(from), Some(to)) = (index(&h.holder), index(&x.votes.issuer)) else { continue };
                let capital = ratio(h.shares, x.votes.issued_shares);
                let votes = ratio(h.game_votes, x.votes.game_total);
                let rule = h.rule.map(|r| format!(" · {}", r.label())).unwrap_or_default();
                edges.push(Edge {
                    from,
                    to,
                    capital,
                    votes,
                    status: h.status,
                    label: format!("{:.1}% cap. / {:.1}% votes{rule}", capital * 100.0, votes * 100.0),
                });
            }
        }
    }
    Chart {
        title: format!("Holdings on {date}"),
        subtitle: format!(
            "{} · arrow from holder to issuer; thickness by stake; dashed: capped; dotted: neutral; grey: suppressed",
            s.title
        ),
        reading: String::new(),
        body: ChartBody::Network(NetworkChart { nodes, edges, date, chain: None }),
    }
}

/// Companies in a row across the middle (id order, alternately a little up and down);
/// every other entity above (investors) or below (trusts) the company it holds most of on
/// the start date, spread when several share a company.
fn network_layout(s: &Scenario) -> Vec<Node> {
    let mut companies: Vec<&crate::model::Entity> =
        s.entities.iter().filter(|e| matches!(e.kind, EntityKind::Company { .. })).collect();
    companies.sort_by(|a, b| a.id.cmp(&b.id));
    let n = companies.len().max(1) as f64;
    let x_of = |k: usize| if n <= 1.0 { 0.0 } else { -0.75 + 1.5 * k as f64 / (n - 1.0) };
    let mut nodes: Vec<Node> = companies
        .iter()
        .enumerate()
        .map(|(k, e)| Node {
            id: e.id.clone(),
            name: e.name.clone(),
            color: e.color,
            pos: (x_of(k), if k % 2 == 0 { -0.12 } else { 0.12 }),
            is_company: true,
        })
        .collect();
    let mut others: Vec<&crate::model::Entity> =
        s.entities.iter().filter(|e| !matches!(e.kind, EntityKind::Company { .. })).collect();
    others.sort_by(|a, b| a.id.cmp(&b.id));
    let mut used: std::collections::BTreeMap<(String, bool), usize> = Default::default();
    for (k, e) in others.iter().enumerate() {
        let target = main_issuer(s, &e.id);
        let cx = target
            .and_then(|t| companies.iter().position(|c| c.id == t))
            .map_or(x_of(k % companies.len().max(1)), x_of);
        let below = matches!(e.kind, EntityKind::Trust { .. });
        let slot = used.entry((target.unwrap_or_default().to_string(), below)).or_default();
        let x = (cx + 0.3 * *slot as f64).clamp(-0.95, 0.95);
        *slot += 1;
        nodes.push(Node {
            id: e.id.clone(),
            name: e.name.clone(),
            color: e.color,
            pos: (x, if below { 0.8 } else { -0.8 }),
            is_company: false,
        });
    }
    nodes
}

/// The issuer an entity holds most shares of: on the start date, else the first issuer any
/// event moves its shares into.
fn main_issuer<'a>(s: &'a Scenario, id: &str) -> Option<&'a str> {
    let held = s.holdings.iter().filter(|h| h.holder == id).max_by_key(|h| h.shares).map(|h| h.issuer.as_str());
    held.or_else(|| {
        s.events.iter().find_map(|e| match e {
            crate::model::Event::Transfer { issuer, to, .. } | crate::model::Event::Issue { issuer, to, .. }
                if to == id =>
            {
                Some(issuer.as_str())
            }
            _ => None,
        })
    })
}

/// The y range of a balance chart: the data with zero inside, rounded out to tenths.
fn balance_range(series: &[Series]) -> (f64, f64) {
    let values = series.iter().flat_map(|s| s.points.iter().filter_map(|p| p.1));
    let (lo, hi) = values.fold((-0.1_f64, 0.1_f64), |(lo, hi), v| (lo.min(v), hi.max(v)));
    ((lo * 10.0).floor() / 10.0, (hi * 10.0).ceil() / 10.0)
}
