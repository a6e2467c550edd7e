//! Builds each chart's description from a scenario's evaluation.

use chrono::NaiveDate;

use super::{BarChart, BarGroup, Chart, ChartBody, ChartId, Edge, LineStyle, Marker, NetworkChart, Node, Series, TimeChart, FLOAT_COLOR};
use crate::engine::{Evaluation, IssuerResult, Measure, ratio};
use crate::model::{EntityKind, Scenario};

/// The chart `id` of scenario `s` evaluated as `ev`; dated charts show the state on `date`.
pub fn build(id: &ChartId, s: &Scenario, ev: &Evaluation, date: NaiveDate) -> Chart {
    match id {
        ChartId::Power { issuer, measure, resolution } => {
            let title = format!("{} power at {} — {} resolutions", measure.label(), s.name_of(issuer), resolution.key());
            let mut subtitle = s.title.clone();
            if *measure == Measure::Banzhaf && s.meeting.float_model == crate::model::FloatModel::Ocean {
                subtitle.push_str(" · float as an ocean: its Banzhaf share is undefined and not drawn");
            }
            let series = issuer_series(s, ev, issuer, |x, holder| match holder {
                Some(h) => x.power_of(h, *resolution).and_then(|p| p.get(*measure)),
                None => x.power(*resolution).float.get(*measure),
            });
            time_chart(title, subtitle, "power", s, ev, series)
        }
        ChartId::Capital { issuer } => {
            let series = issuer_series(s, ev, issuer, |x, holder| match holder {
                Some(h) => x.votes.holder(h).map(|v| ratio(v.shares, x.votes.issued_shares)),
                None => Some(ratio(x.votes.float_shares, x.votes.issued_shares)),
            });
            time_chart(format!("Share of {}'s capital", s.name_of(issuer)), s.title.clone(), "capital", s, ev, series)
        }
        ChartId::Votes { issuer } => {
            let series = issuer_series(s, ev, issuer, |x, holder| match holder {
                Some(h) => x.votes.holder(h).map(|v| ratio(v.game_votes, x.votes.game_total)),
                None => Some(ratio(x.votes.float_votes_cast, x.votes.game_total)),
            });
            time_chart(format!("Share of the votes in play at {}", s.name_of(issuer)), s.title.clone(), "votes", s, ev, series)
        }
        ChartId::Balance => balance_chart(s, ev),
        ChartId::Snapshot { issuer } => snapshot_chart(s, ev, issuer, date),
        ChartId::Network => network_chart(s, ev, date),
    }
}

/// One series per holder that ever holds shares of `issuer`, then the float.
fn issuer_series(s: &Scenario, ev: &Evaluation, issuer: &str, value: impl Fn(&IssuerResult, Option<&str>) -> Option<f64>) -> Vec<Series> {
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
            points: ev.points.iter().map(|p| (p.date, p.issuer(issuer).map(|x| value(x, Some(h)).unwrap_or(0.0)))).collect(),
        })
        .collect();
    out.push(Series {
        name: "Public float".into(),
        color: FLOAT_COLOR,
        style: LineStyle::Dotted,
        points: ev.points.iter().map(|p| (p.date, p.issuer(issuer).and_then(|x| value(x, None)))).collect(),
    });
    out.retain(|s| s.points.iter().any(|(_, v)| v.is_some()));
    out
}

fn time_chart(title: String, subtitle: String, y_label: &str, s: &Scenario, ev: &Evaluation, series: Vec<Series>) -> Chart {
    Chart {
        title,
        subtitle,
        body: ChartBody::Time(TimeChart {
            y_label: y_label.into(),
            y_range: (0.0, 1.0),
            percent: true,
            start: s.start,
            end: s.end,
            series,
            markers: markers(s, ev),
        }),
    }
}

/// A marker for every event date, labelled with the first caption or event kind.
fn markers(s: &Scenario, ev: &Evaluation) -> Vec<Marker> {
    ev.points
        .iter()
        .filter(|p| !p.events.is_empty())
        .map(|p| {
            let label = p
                .events
                .iter()
                .filter_map(|&k| s.events.get(k))
                .map(|e| if e.caption().is_empty() { e.kind_label().to_string() } else { e.caption().to_string() })
                .next()
                .unwrap_or_default();
            Marker { date: p.date, label }
        })
        .collect()
}

fn balance_chart(s: &Scenario, ev: &Evaluation) -> Chart {
    let mut series = Vec::new();
    let pairs: Vec<(String, String)> = ev.points.first().map(|p| p.balance.iter().map(|b| (b.a.clone(), b.b.clone())).collect()).unwrap_or_default();
    for (k, (a, b)) in pairs.iter().enumerate() {
        let color = s.entity(a).map_or(FLOAT_COLOR, |e| e.color);
        let pick = |f: fn(&crate::engine::Balance) -> f64| -> Vec<(NaiveDate, Option<f64>)> { ev.points.iter().map(|p| (p.date, p.balance.get(k).map(f))).collect() };
        let label = format!("{} − {}", s.name_of(a), s.name_of(b));
        series.push(Series { name: format!("power: {label}"), color, style: LineStyle::Solid, points: pick(|x| x.power) });
        series.push(Series { name: format!("votes: {label}"), color, style: LineStyle::Dashed, points: pick(|x| x.votes) });
        series.push(Series { name: format!("capital: {label}"), color, style: LineStyle::Dotted, points: pick(|x| x.capital) });
    }
    Chart {
        title: "Balance: A at B's meeting minus B at A's (0 = perfect balance)".into(),
        subtitle: format!("{} · power is Shapley–Shubik at ordinary resolutions", s.title),
        body: ChartBody::Time(TimeChart { y_label: "A at B − B at A".into(), y_range: (-1.0, 1.0), percent: true, start: s.start, end: s.end, series, markers: markers(s, ev) }),
    }
}

fn snapshot_chart(s: &Scenario, ev: &Evaluation, issuer: &str, date: NaiveDate) -> Chart {
    let categories = vec!["capital".to_string(), "votes".to_string(), "power (ordinary)".to_string(), "power (special)".to_string()];
    let mut groups = Vec::new();
    if let Some(x) = ev.at(date).and_then(|p| p.issuer(issuer)) {
        for (k, h) in x.votes.holders.iter().enumerate() {
            groups.push(BarGroup {
                name: s.name_of(&h.holder).to_string(),
                color: s.entity(&h.holder).map_or(FLOAT_COLOR, |e| e.color),
                values: vec![
                    ratio(h.shares, x.votes.issued_shares),
                    ratio(h.game_votes, x.votes.game_total),
                    x.ordinary.holders.get(k).map_or(0.0, |p| p.shapley_shubik),
                    x.special.holders.get(k).map_or(0.0, |p| p.shapley_shubik),
                ],
            });
        }
        groups.push(BarGroup {
            name: "Public float".into(),
            color: FLOAT_COLOR,
            values: vec![
                ratio(x.votes.float_shares, x.votes.issued_shares),
                ratio(x.votes.float_votes_cast, x.votes.game_total),
                x.ordinary.float.shapley_shubik,
                x.special.float.shapley_shubik,
            ],
        });
    }
    let shown = ev.at(date).map_or(date, |p| p.date);
    Chart {
        title: format!("{}: capital, votes and power on {date}", s.name_of(issuer)),
        subtitle: format!("{} · state in force since {shown}; power is Shapley–Shubik", s.title),
        body: ChartBody::Bars(BarChart { categories, groups, y_label: "share".into(), date }),
    }
}

fn network_chart(s: &Scenario, ev: &Evaluation, date: NaiveDate) -> Chart {
    let mut ids: Vec<&crate::model::Entity> = s.entities.iter().collect();
    ids.sort_by(|a, b| a.id.cmp(&b.id));
    let companies: Vec<&&crate::model::Entity> = ids.iter().filter(|e| matches!(e.kind, EntityKind::Company { .. })).collect();
    let others: Vec<&&crate::model::Entity> = ids.iter().filter(|e| !matches!(e.kind, EntityKind::Company { .. })).collect();
    let mut nodes = Vec::new();
    let place = |k: usize, n: usize, r: f64, phase: f64| {
        let a = phase + std::f64::consts::TAU * k as f64 / n.max(1) as f64;
        (r * a.cos(), r * a.sin())
    };
    for (k, e) in companies.iter().enumerate() {
        nodes.push(Node { id: e.id.clone(), name: e.name.clone(), color: e.color, pos: place(k, companies.len(), 0.45, std::f64::consts::FRAC_PI_2), is_company: true });
    }
    for (k, e) in others.iter().enumerate() {
        nodes.push(Node { id: e.id.clone(), name: e.name.clone(), color: e.color, pos: place(k, others.len(), 0.9, -std::f64::consts::FRAC_PI_2 + 0.6), is_company: false });
    }
    let index = |id: &str| nodes.iter().position(|n| n.id == id);
    let mut edges = Vec::new();
    if let Some(p) = ev.at(date) {
        for x in &p.issuers {
            for h in &x.votes.holders {
                let (Some(from), Some(to)) = (index(&h.holder), index(&x.votes.issuer)) else { continue };
                let capital = ratio(h.shares, x.votes.issued_shares);
                let votes = ratio(h.game_votes, x.votes.game_total);
                let rule = h.rule.map(|r| format!(" · {}", r.label())).unwrap_or_default();
                edges.push(Edge { from, to, capital, votes, status: h.status, label: format!("{:.1}% cap. / {:.1}% votes{rule}", capital * 100.0, votes * 100.0) });
            }
        }
    }
    Chart {
        title: format!("Holdings on {date}"),
        subtitle: format!("{} · arrow from holder to issuer; thickness by stake; dashed: capped; dotted: neutral; grey: suppressed", s.title),
        body: ChartBody::Network(NetworkChart { nodes, edges, date }),
    }
}

