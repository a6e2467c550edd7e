//! One description of each chart, built from results, drawn by egui_plot on screen and by
//! the exporters (SVG, PNG, CSV), so that the screen and the files agree on series,
//! colours, labels and the date axis.
//!
//! Charts are named for the command line and the app: `power-ISSUER` (Shapley–Shubik,
//! ordinary resolutions), with `-banzhaf` and/or `-KIND` appended for the other measure
//! and any other resolution kind of the scenario (`-special`, `-director_renault_nominee`);
//! `capital-ISSUER` and `votes-ISSUER` (shares of capital and of the votes
//! in the game over time); `balance` (the headline series); `snapshot-ISSUER` (capital,
//! votes and power at one date); `network` (the holdings at one date); `indirect-ISSUER`
//! (with `-banzhaf`, `-special`: each ultimate holder's power there through the network beside
//! its direct power, over time) and `indirect-snapshot-ISSUER` (with `-special`: both at one date).
//!
//! [`steps`] lists the steps of a presentation, shared by presenter mode and `export --steps`.

mod build;
mod indirect;
pub mod palette;
pub mod render;
mod steps;
pub mod tornado;

use chrono::NaiveDate;

use crate::engine::{Evaluation, Measure, VoteStatus};
use crate::model::kinds::ORDINARY;
use crate::model::{Color, Scenario};

pub use build::build;
pub use steps::{Step, steps};

/// Which chart.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum ChartId {
    /// Power over time at one issuer.
    Power {
        /// Issuer id.
        issuer: String,
        /// Which index.
        measure: Measure,
        /// Which resolution kind (its id).
        resolution: String,
    },
    /// Share of issued capital over time at one issuer.
    Capital {
        /// Issuer id.
        issuer: String,
    },
    /// Share of the votes in the game over time at one issuer.
    Votes {
        /// Issuer id.
        issuer: String,
    },
    /// Balance of every reported pair over time.
    Balance,
    /// Capital, votes and power of every holder of one issuer at one date.
    Snapshot {
        /// Issuer id.
        issuer: String,
    },
    /// The network of holdings at one date.
    Network,
    /// Indirect power of the ultimate holders at one issuer over time, beside their direct power.
    Indirect {
        /// Issuer id.
        issuer: String,
        /// Which index.
        measure: Measure,
        /// Which resolution kind (its id).
        resolution: String,
    },
    /// Direct and indirect power of the ultimate holders at one issuer at one date.
    IndirectSnapshot {
        /// Issuer id.
        issuer: String,
        /// Which resolution kind (its id).
        resolution: String,
    },
    /// The headline balance at one date under a low and a high value of each assumption.
    Tornado,
}

/// Why a chart name was not understood.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("there is no chart called `{name}` in this scenario; the charts are: {known}")]
pub struct UnknownChart {
    name: String,
    known: String,
}

impl ChartId {
    /// Every chart of a scenario, in menu order.
    pub fn all(s: &Scenario) -> Vec<ChartId> {
        let mut out = vec![ChartId::Balance];
        for issuer in s.company_ids() {
            for measure in Measure::ALL {
                for kind in s.resolution_kinds() {
                    out.push(ChartId::Power { issuer: issuer.to_string(), measure, resolution: kind.id });
                }
            }
        }
        for issuer in s.company_ids() {
            out.push(ChartId::Capital { issuer: issuer.to_string() });
            out.push(ChartId::Votes { issuer: issuer.to_string() });
            out.push(ChartId::Snapshot { issuer: issuer.to_string() });
        }
        out.push(ChartId::Network);
        out.push(ChartId::Tornado);
        for issuer in s.company_ids() {
            for measure in Measure::ALL {
                for kind in s.resolution_kinds() {
                    out.push(ChartId::Indirect { issuer: issuer.to_string(), measure, resolution: kind.id });
                }
            }
            for kind in s.resolution_kinds() {
                out.push(ChartId::IndirectSnapshot { issuer: issuer.to_string(), resolution: kind.id });
            }
        }
        out
    }

    /// The chart's name on the command line.
    pub fn name(&self) -> String {
        match self {
            ChartId::Power { issuer, measure, resolution } => {
                let mut n = format!("power-{issuer}");
                if *measure == Measure::Banzhaf {
                    n.push_str("-banzhaf");
                }
                if resolution != ORDINARY {
                    n.push('-');
                    n.push_str(resolution);
                }
                n
            }
            ChartId::Capital { issuer } => format!("capital-{issuer}"),
            ChartId::Votes { issuer } => format!("votes-{issuer}"),
            ChartId::Balance => "balance".into(),
            ChartId::Snapshot { issuer } => format!("snapshot-{issuer}"),
            ChartId::Network => "network".into(),
            ChartId::Tornado => "tornado".into(),
            ChartId::Indirect { issuer, measure, resolution } => {
                let mut n = format!("indirect-{issuer}");
                if *measure == Measure::Banzhaf {
                    n.push_str("-banzhaf");
                }
                if resolution != ORDINARY {
                    n.push('-');
                    n.push_str(resolution);
                }
                n
            }
            ChartId::IndirectSnapshot { issuer, resolution } => {
                let kind = if resolution == ORDINARY { String::new() } else { format!("-{resolution}") };
                format!("indirect-snapshot-{issuer}{kind}")
            }
        }
    }

    /// What the chart shows, for `--help` and `export --list`.
    pub fn describe(&self, s: &Scenario) -> String {
        match self {
            ChartId::Power { issuer, measure, resolution } => format!(
                "{} power at {}'s meeting over time, {} resolutions, one line per holder and the float",
                measure.label(),
                s.name_of(issuer),
                kind_name(s, resolution)
            ),
            ChartId::Capital { issuer } => format!(
                "share of {}'s issued capital over time, per holder and the \
                float",
                s.name_of(issuer)
            ),
            ChartId::Votes { issuer } => format!(
                "share of the votes in play at {}'s meeting over time, per \
                holder and the float",
                s.name_of(issuer)
            ),
            ChartId::Balance => "balance of each pair that hold each other: A at B's meeting minus B at A's, in \
                power, votes and capital"
                .into(),
            ChartId::Snapshot { issuer } => format!(
                "capital, votes and power of every holder of {} at one date \
                (--date)",
                s.name_of(issuer)
            ),
            ChartId::Network => "the holdings at one date (--date): arrows with percentages, suppressed, capped \
                and neutral votes marked"
                .into(),
            ChartId::Tornado => "the headline balance at one date (--date) under a low and a high value of \
                every modelling choice (turnout, float model, readings, behaviours, covenants), widest swing \
                first"
                .into(),
            ChartId::Indirect { issuer, measure, resolution } => format!(
                "{} power of each ultimate holder at {} through the network of meetings over time, beside its \
                direct power there, {} resolutions",
                measure.label(),
                s.name_of(issuer),
                kind_name(s, resolution)
            ),
            ChartId::IndirectSnapshot { issuer, resolution } => format!(
                "direct and indirect power of each ultimate holder at {} at one date (--date), {} resolutions",
                s.name_of(issuer),
                kind_name(s, resolution)
            ),
        }
    }

    /// Parses a chart name of this scenario.
    pub fn parse(name: &str, s: &Scenario) -> Result<ChartId, UnknownChart> {
        ChartId::all(s).into_iter().find(|c| c.name() == name).ok_or_else(|| UnknownChart {
            name: name.to_string(),
            known: ChartId::all(s).iter().map(ChartId::name).collect::<Vec<_>>().join(", "),
        })
    }

    /// Whether the chart shows one date rather than the whole window.
    pub fn is_dated(&self) -> bool {
        matches!(
            self,
            ChartId::Snapshot { .. } | ChartId::Network | ChartId::IndirectSnapshot { .. } | ChartId::Tornado
        )
    }
}

/// The name of a resolution kind for titles (its id when the scenario does not define it).
pub fn kind_name(s: &Scenario, kind: &str) -> String {
    s.resolution_kinds().into_iter().find(|k| k.id == kind).map_or_else(|| kind.to_string(), |k| k.name.to_lowercase())
}

/// A chart: a title and what to draw.
#[derive(Debug, Clone, PartialEq)]
pub struct Chart {
    /// Title.
    pub title: String,
    /// A subtitle (scenario, date, notes such as a degenerate index).
    pub subtitle: String,
    /// What to draw.
    pub body: ChartBody,
}

/// The three kinds of chart.
#[derive(Debug, Clone, PartialEq)]
pub enum ChartBody {
    /// Step series over dates.
    Time(TimeChart),
    /// Grouped bars.
    Bars(BarChart),
    /// Nodes and arrows.
    Network(NetworkChart),
    /// The balance under each assumption's low and high value.
    Tornado(tornado::TornadoChart),
}

/// How a line is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineStyle {
    /// Solid.
    Solid,
    /// Dashed (compared scenario, or the second measure of a pair).
    Dashed,
    /// Dotted.
    Dotted,
}

/// A step series: each value holds from its date until the next point; the last holds to
/// the end of the window.
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    /// Name in the legend (an entity's name).
    pub name: String,
    /// Colour (the entity's).
    pub color: Color,
    /// Line style.
    pub style: LineStyle,
    /// (date, value) at every change point; `None` where undefined.
    pub points: Vec<(NaiveDate, Option<f64>)>,
}

impl Series {
    /// The step polylines that draw the series, as (x, y) with x = [`date_to_x`]: each value
    /// holds until the next point (the last until `end`); undefined or non-finite values split
    /// the runs. Used by the screen and by the exporters alike.
    pub fn step_runs(&self, end: NaiveDate) -> Vec<Vec<(f64, f64)>> {
        let mut runs = Vec::new();
        let mut run: Vec<(f64, f64)> = Vec::new();
        for (k, (date, value)) in self.points.iter().enumerate() {
            let Some(v) = value.filter(|v| v.is_finite()) else {
                runs.push(std::mem::take(&mut run));
                continue;
            };
            let next = self.points.get(k + 1).map_or(end, |p| p.0).max(*date);
            run.push((date_to_x(*date), v));
            run.push((date_to_x(next), v));
        }
        runs.push(run);
        runs.retain(|r| r.len() >= 2);
        runs
    }
}

/// A dated marker on the time axis (an event or a finding).
#[derive(Debug, Clone, PartialEq)]
pub struct Marker {
    /// Date.
    pub date: NaiveDate,
    /// Short label.
    pub label: String,
}

/// A chart of step series over the scenario's window.
#[derive(Debug, Clone, PartialEq)]
pub struct TimeChart {
    /// Label of the y axis.
    pub y_label: String,
    /// Range of the y axis.
    pub y_range: (f64, f64),
    /// Whether values are fractions shown as percentages.
    pub percent: bool,
    /// First date.
    pub start: NaiveDate,
    /// Last date.
    pub end: NaiveDate,
    /// Series.
    pub series: Vec<Series>,
    /// Event markers.
    pub markers: Vec<Marker>,
    /// Where the results stop because an event cannot happen, if one cannot.
    pub conflict: Option<ConflictMark>,
    /// Ranges drawn behind the series (a series under a low and a high assumption).
    pub bands: Vec<Band>,
}

/// A series' range under a low and a high value of an assumption, drawn as a tinted area.
#[derive(Debug, Clone, PartialEq)]
pub struct Band {
    /// Name in the legend.
    pub name: String,
    /// Colour (the series').
    pub color: Color,
    /// (date, lower, upper) at every change point; `None` where either is undefined.
    pub points: Vec<(NaiveDate, Option<(f64, f64)>)>,
}

impl Band {
    /// The band as rectangles (x from, x to, lower, upper) with x = [`date_to_x`]: each
    /// range holds until the next point (the last until `end`); undefined ranges are left out.
    pub fn step_rects(&self, end: NaiveDate) -> Vec<(f64, f64, f64, f64)> {
        self.points
            .iter()
            .enumerate()
            .filter_map(|(k, (d, range))| {
                let (a, b) = range.filter(|(a, b)| a.is_finite() && b.is_finite())?;
                let next = self.points.get(k + 1).map_or(end, |(n, _)| *n).max(*d);
                Some((date_to_x(*d), date_to_x(next), a, b))
            })
            .collect()
    }
}

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

impl TimeChart {
    /// The last date the series cover: the scenario's end, or the day before a conflict.
    pub fn data_end(&self) -> NaiveDate {
        match &self.conflict {
            Some(c) => c.date.pred_opt().unwrap_or(c.date).max(self.start),
            None => self.end,
        }
    }
}

/// The mark of an event that cannot happen: from its date on, nothing is known.
#[derive(Debug, Clone, PartialEq)]
pub struct ConflictMark {
    /// The date of the event that cannot happen.
    pub date: NaiveDate,
    /// A short label: which event, and why.
    pub label: String,
}

impl ConflictMark {
    /// The mark of an evaluation's conflict, if it has one.
    pub fn of(s: &Scenario, ev: &Evaluation) -> Option<ConflictMark> {
        let c = ev.conflict.as_ref()?;
        let what = c
            .events
            .first()
            .and_then(|&k| s.events.get(k))
            .map_or_else(|| "an event".to_string(), |e| format!("\u{201c}{}\u{201d}", s.event_title(e)));
        Some(ConflictMark {
            date: c.date,
            label: format!("Conflict: {what} cannot happen; nothing is known from here"),
        })
    }
}

/// One group of bars (a holder): one value per category.
#[derive(Debug, Clone, PartialEq)]
pub struct BarGroup {
    /// Holder name.
    pub name: String,
    /// Colour.
    pub color: Color,
    /// One value per category.
    pub values: Vec<f64>,
}

/// Grouped bars.
#[derive(Debug, Clone, PartialEq)]
pub struct BarChart {
    /// Category names (capital, votes, power…), as in CSV headers.
    pub categories: Vec<String>,
    /// The same categories in a word or two, for an axis where room is short (a resolution
    /// kind's `short` name); one per category.
    pub labels: Vec<String>,
    /// One group per holder.
    pub groups: Vec<BarGroup>,
    /// Label of the y axis.
    pub y_label: String,
    /// The date shown.
    pub date: NaiveDate,
}

/// A node of the network.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    /// Entity id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Colour.
    pub color: Color,
    /// Position in [-1, 1]².
    pub pos: (f64, f64),
    /// Whether it is an issuer.
    pub is_company: bool,
}

/// A holding drawn as an arrow from holder to issuer.
#[derive(Debug, Clone, PartialEq)]
pub struct Edge {
    /// Index of the holder node.
    pub from: usize,
    /// Index of the issuer node.
    pub to: usize,
    /// Share of issued capital.
    pub capital: f64,
    /// Share of the votes in the game.
    pub votes: f64,
    /// Voting status.
    pub status: VoteStatus,
    /// Label: capital and votes in percent, and the rule if any.
    pub label: String,
}

/// The network of holdings at one date.
#[derive(Debug, Clone, PartialEq)]
pub struct NetworkChart {
    /// Nodes.
    pub nodes: Vec<Node>,
    /// Arrows.
    pub edges: Vec<Edge>,
    /// The date shown.
    pub date: NaiveDate,
    /// The chains highlighted, if any ([`highlight_chains`]).
    pub chain: Option<Chain>,
}

/// The chains through which one holder's votes reach one company's meeting.
#[derive(Debug, Clone, PartialEq)]
pub struct Chain {
    /// The holder's node.
    pub from: usize,
    /// The company's node.
    pub to: usize,
    /// The arrows on some path from the holder to the company along votes in play, by index.
    pub edges: Vec<usize>,
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

/// Days since 1970-01-01: the x coordinate of dates on every time chart.
pub fn date_to_x(d: NaiveDate) -> f64 {
    (d - NaiveDate::default()).num_days() as f64
}

/// The date at an x coordinate (rounded to the nearest day).
pub fn x_to_date(x: f64) -> NaiveDate {
    let days = x.round().clamp(-1.0e6, 1.0e6) as i64;
    NaiveDate::default().checked_add_signed(chrono::TimeDelta::days(days)).unwrap_or_default()
}

/// The colour of a line whose entity is unknown (the float).
pub const FLOAT_COLOR: Color = palette::FLOAT;

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
