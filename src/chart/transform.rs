//! Changes to a built chart: bands of a series under a low and a high assumption
//! ([`add_bands`]), a compared scenario overlaid ([`overlay`]), the chains of power marked on a
//! network ([`highlight_chains`]).

use chrono::NaiveDate;

use super::description::{Band, BarGroup, Chain, Chart, ChartBody, LineStyle, Series, TimeChart};
use super::palette;
use crate::engine::VoteStatus;

/// Adds to `primary` (a time chart) a band per series: its range between the same chart
/// built from the scenario under a low (`low`) and a high (`high`) value of an assumption,
/// named with `what` ("40–80% turnout").
pub fn add_bands(primary: &mut Chart, low: &Chart, high: &Chart, what: &str) {
    let (ChartBody::Time(a), ChartBody::Time(l), ChartBody::Time(h)) = (&mut primary.body, &low.body, &high.body)
    else {
        return;
    };
    let find = |c: &TimeChart, name: &str| c.series.iter().find(|s| s.name == name).cloned();
    let mut bands = Vec::new();
    for s in &a.series {
        let (Some(sl), Some(sh)) = (find(l, &s.name), find(h, &s.name)) else { continue };
        let at = |x: &Series, d: NaiveDate| x.points.iter().find(|(pd, _)| *pd == d).and_then(|(_, v)| *v);
        let points = s
            .points
            .iter()
            .map(|(d, _)| {
                let range = at(&sl, *d).zip(at(&sh, *d)).map(|(p, q)| (p.min(q), p.max(q)));
                (*d, range)
            })
            .collect();
        bands.push(Band { name: format!("{} at {what}", s.name), color: s.color, points });
    }
    a.bands = bands;
}

/// Marks on a network chart the chains through which `holder`'s power flows to `issuer`'s
/// meeting: every arrow on a path from the holder to the company along votes in play (full or
/// capped; a neutral or suppressed holding carries no vote, so no power). Nothing is marked
/// when either is not on the chart.
pub fn highlight_chains(c: &mut Chart, holder: &str, issuer: &str) {
    let ChartBody::Network(n) = &mut c.body else { return };
    let node = |id: &str| n.nodes.iter().position(|x| x.id == id);
    let (Some(from), Some(to)) = (node(holder), node(issuer)) else { return };
    let live: Vec<usize> = (0..n.edges.len())
        .filter(|&k| matches!(n.edges[k].status, VoteStatus::Full | VoteStatus::Capped) && n.edges[k].votes > 0.0)
        .collect();
    let reach = |start: usize, forward: bool| {
        let mut seen = vec![false; n.nodes.len()];
        let mut stack = vec![start];
        seen[start] = true;
        while let Some(u) = stack.pop() {
            for &k in &live {
                let (a, b) = if forward { (n.edges[k].from, n.edges[k].to) } else { (n.edges[k].to, n.edges[k].from) };
                if a == u && !seen[b] {
                    seen[b] = true;
                    stack.push(b);
                }
            }
        }
        seen
    };
    let (ahead, behind) = (reach(from, true), reach(to, false));
    let edges = live.into_iter().filter(|&k| ahead[n.edges[k].from] && behind[n.edges[k].to]).collect();
    n.chain = Some(Chain { from, to, edges });
}

/// Overlays a second scenario's chart on `primary`: its series dashed and its bar groups
/// lighter, each named with `suffix`. Networks are not overlaid (one graph at a time).
pub fn overlay(primary: &mut Chart, other: Chart, suffix: &str) {
    match (&mut primary.body, other.body) {
        (ChartBody::Time(a), ChartBody::Time(b)) => {
            a.series.extend(b.series.into_iter().map(|s| Series {
                name: format!("{} {suffix}", s.name),
                style: LineStyle::Dashed,
                ..s
            }));
        }
        (ChartBody::Bars(a), ChartBody::Bars(b)) => {
            a.groups.extend(b.groups.into_iter().map(|g| BarGroup {
                name: format!("{} {suffix}", g.name),
                color: palette::lighter(g.color),
                ..g
            }));
        }
        _ => {}
    }
}
