//! The description of a chart that the screen and the exporters draw alike: [`Chart`] and its
//! [`ChartBody`] (step series over dates, grouped bars, a network, the assumptions' swings).

use chrono::NaiveDate;

use super::date_axis::date_to_x;
use super::markers::{ConflictMark, Marker};
use crate::engine::{BanzhafReading, Measure, ShownEstimate, VoteStatus};
use crate::model::Color;

/// A chart: a title and what to draw.
#[derive(Debug, Clone, PartialEq)]
pub struct Chart {
    /// Title.
    pub title: String,
    /// A subtitle (scenario, date, notes such as a degenerate index).
    pub subtitle: String,
    /// What the power index drawn measures, in a line or two ([`Measure::meaning`], and for
    /// Banzhaf its assumption); empty on a chart of no index. Shown under the plot on screen
    /// and under the subtitle in exports (slides keep it when they replace the subtitle).
    pub reading: String,
    /// What to draw.
    pub body: ChartBody,
}

/// The reading line of a chart of `measure`: what it measures, and for Banzhaf its assumption.
pub fn reading_of(measure: Measure) -> String {
    match measure {
        Measure::ShapleyShubik => measure.meaning().to_string(),
        Measure::Banzhaf => format!("{}; {}", measure.meaning(), measure.assumption()),
    }
}

/// What a drawn value says beyond its figure: a Banzhaf figure's reading at its extremes, or a
/// Monte Carlo estimate's interval. Hovers, the readings under a plot and the exported bars'
/// labels show it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum ValueNote {
    /// A normalised Banzhaf figure within 0.0005 of 1 or 0.
    Reading(BanzhafReading),
    /// A Monte Carlo estimate, shown inside [0, 1] with its interval.
    Estimate(ShownEstimate),
}

impl ValueNote {
    /// In words: the reading with its assumption, or the estimate with its interval.
    pub fn words(&self) -> String {
        match self {
            ValueNote::Reading(r) => r.words().to_string(),
            ValueNote::Estimate(e) => format!("estimated {}", e.percent(1)),
        }
    }

    /// In a few words, where room is short (a bar's label).
    pub fn short(&self) -> String {
        match self {
            ValueNote::Reading(r) => r.short().to_string(),
            ValueNote::Estimate(e) => e.percent(1),
        }
    }
}

/// Builds the notes of a series or a bar group: empty when no value has one (most charts).
pub fn notes(notes: impl IntoIterator<Item = Option<ValueNote>>) -> Vec<Option<ValueNote>> {
    let notes: Vec<Option<ValueNote>> = notes.into_iter().collect();
    if notes.iter().all(Option::is_none) { Vec::new() } else { notes }
}

impl Chart {
    /// What the drawn values say on `date` beyond their figures, one line per category (bars)
    /// or one for the chart (time series): "Banzhaf directly — working control if the float
    /// splits evenly: French State · never decisive if the float splits evenly: Nissan". Empty
    /// when no value shown on that date has a note.
    pub fn notes_at(&self, date: NaiveDate) -> Vec<String> {
        match &self.body {
            ChartBody::Time(t) => {
                let notes = t.series.iter().filter_map(|s| s.note_at(date).map(|n| (s.name.as_str(), n)));
                grouped(notes).into_iter().collect()
            }
            ChartBody::Bars(b) => b
                .categories
                .iter()
                .enumerate()
                .filter_map(|(k, category)| {
                    let notes =
                        b.groups.iter().filter_map(|g| g.notes.get(k).and_then(|n| n.map(|n| (g.name.as_str(), n))));
                    grouped(notes).map(|line| format!("{category} — {line}"))
                })
                .collect(),
            _ => Vec::new(),
        }
    }
}

/// Names grouped by the words of their notes, in order of first appearance: "words: A, B ·
/// other words: C"; `None` when there is none.
fn grouped<'a>(notes: impl Iterator<Item = (&'a str, ValueNote)>) -> Option<String> {
    let mut groups: Vec<(String, Vec<&str>)> = Vec::new();
    for (name, note) in notes {
        let words = note.words();
        match groups.iter_mut().find(|(w, _)| *w == words) {
            Some((_, names)) => names.push(name),
            None => groups.push((words, vec![name])),
        }
    }
    let parts: Vec<String> = groups.into_iter().map(|(w, names)| format!("{w}: {}", names.join(", "))).collect();
    (!parts.is_empty()).then(|| parts.join(" · "))
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
    Assumptions(AssumptionsChart),
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
    /// What each point's value says beyond its figure, aligned with `points`; empty when no
    /// value has a note.
    pub notes: Vec<Option<ValueNote>>,
}

impl Series {
    /// The note of the value in force on `date` (the last point on or before it), if any.
    pub fn note_at(&self, date: NaiveDate) -> Option<ValueNote> {
        let k = self.points.iter().rposition(|(d, _)| *d <= date)?;
        self.notes.get(k).copied().flatten()
    }

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

impl TimeChart {
    /// The last date the series cover: the scenario's end, or the day before a conflict.
    pub fn data_end(&self) -> NaiveDate {
        match &self.conflict {
            Some(c) => c.date.pred_opt().unwrap_or(c.date).max(self.start),
            None => self.end,
        }
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
    /// What each value says beyond its figure, aligned with `values`; empty when none has a
    /// note.
    pub notes: Vec<Option<ValueNote>>,
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

/// The assumptions chart's data.
#[derive(Debug, Clone, PartialEq)]
pub struct AssumptionsChart {
    /// The date of the balance.
    pub date: NaiveDate,
    /// The balance in the scenario as given (the bars' common base).
    pub base: f64,
    /// What the x axis measures.
    pub x_label: String,
    /// One row per assumption, widest swing first.
    pub rows: Vec<AssumptionRow>,
}

/// One assumption's bar.
#[derive(Debug, Clone, PartialEq)]
pub struct AssumptionRow {
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

/// The label at one end of an assumption's bar: the alternative's name beyond the bar's end.
#[derive(Debug, Clone, PartialEq)]
pub struct BarEnd {
    /// The alternative's name (its value for people).
    pub label: String,
    /// The balance under it: where the bar ends.
    pub value: f64,
    /// Whether the label goes on the left of the bar's end (else on the right).
    pub left: bool,
    /// Whether it is the low alternative.
    pub is_low: bool,
}

impl AssumptionRow {
    /// The labels at the bar's ends, the screen's and the exports' alike: each alternative's
    /// name beyond its end, on the side it goes from `base`; at no change, on the side away from
    /// the other alternative (both at no change: the low value's on the left). An alternative
    /// that cannot be evaluated has none.
    pub fn ends(&self, base: f64) -> Vec<BarEnd> {
        let mut out = Vec::new();
        for (is_low, (label, value)) in [(true, &self.low), (false, &self.high)] {
            let Some(v) = value.filter(|v| v.is_finite()) else { continue };
            let other = if is_low { self.high.1 } else { self.low.1 };
            let left = if v == base { other.map_or(is_low, |o| o > base || (o == base && is_low)) } else { v < base };
            out.push(BarEnd { label: label.clone(), value: v, left, is_low });
        }
        out
    }

    /// |high − low| (0 when either is missing).
    pub fn swing(&self) -> f64 {
        match (self.low.1, self.high.1) {
            (Some(a), Some(b)) => (b - a).abs(),
            _ => 0.0,
        }
    }
}

impl AssumptionsChart {
    /// The x range covering the base and every finite value, with a margin.
    pub fn x_range(&self) -> (f64, f64) {
        let values = self.rows.iter().flat_map(|r| [r.low.1, r.high.1]).flatten().filter(|v| v.is_finite());
        let (lo, hi) = values.fold((self.base, self.base), |(a, b), v| (a.min(v), b.max(v)));
        // Room beyond the longest bars for the alternatives' names.
        let pad = ((hi - lo) * 0.2).max(0.02);
        (lo - pad, hi + pad)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(low: Option<f64>, high: Option<f64>) -> AssumptionRow {
        AssumptionRow {
            label: "turnout".into(),
            value: "60%".into(),
            source: String::new(),
            low: ("40%".into(), low),
            high: ("80%".into(), high),
        }
    }

    #[test]
    fn each_alternatives_name_goes_beyond_its_bars_end_on_its_side() {
        let sides = |r: &AssumptionRow| r.ends(0.1).iter().map(|e| (e.label.clone(), e.left)).collect::<Vec<_>>();
        assert_eq!(sides(&row(Some(0.0), Some(0.3))), [("40%".into(), true), ("80%".into(), false)]);
        assert_eq!(sides(&row(Some(0.2), Some(0.3))), [("40%".into(), false), ("80%".into(), false)]);
        // At no change: away from the other alternative; both at no change: the low one left.
        assert_eq!(sides(&row(Some(0.1), Some(0.3))), [("40%".into(), true), ("80%".into(), false)]);
        assert_eq!(sides(&row(Some(0.1), Some(0.1))), [("40%".into(), true), ("80%".into(), false)]);
        assert_eq!(sides(&row(None, Some(0.0))), [("80%".into(), true)]);
    }

    #[test]
    fn notes_at_a_date_group_the_names_by_what_their_values_say() {
        let d = |s: &str| s.parse::<NaiveDate>().unwrap_or_else(|e| panic!("{s}: {e}"));
        let control = Some(ValueNote::Reading(BanzhafReading::WorkingControl));
        let series = |name: &str, notes: Vec<Option<ValueNote>>| Series {
            name: name.into(),
            color: crate::chart::palette::FLOAT,
            style: LineStyle::Solid,
            points: vec![(d("2024-01-01"), Some(1.0)), (d("2024-06-01"), Some(0.5))],
            notes,
        };
        let time = TimeChart {
            y_label: "power".into(),
            y_range: (0.0, 1.0),
            percent: true,
            start: d("2024-01-01"),
            end: d("2024-12-31"),
            series: vec![series("A", vec![control, None]), series("B", vec![control, None]), series("C", vec![])],
            markers: Vec::new(),
            conflict: None,
            bands: Vec::new(),
        };
        let chart = Chart {
            title: String::new(),
            subtitle: String::new(),
            reading: String::new(),
            body: ChartBody::Time(time),
        };
        assert_eq!(chart.notes_at(d("2024-03-01")), ["working control if the float splits evenly: A, B"]);
        assert!(chart.notes_at(d("2024-07-01")).is_empty(), "the value in force then has no note");
        assert!(chart.notes_at(d("2023-07-01")).is_empty(), "before the first point");
    }
}
