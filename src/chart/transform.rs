//! Changes to a built chart: bands of a series under a low and a high assumption
//! ([`add_bands`]), up to four runs compared as one chart ([`compare_runs`]), the chains of
//! power marked on a network ([`highlight_chains`]).

use chrono::NaiveDate;

use super::description::{Band, BarChart, BarGroup, Chain, Chart, ChartBody, Series, TimeChart};
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

/// The name of series `name` of the run lettered `letter` in a comparison: "Renault (B)".
pub fn run_series_name(name: &str, letter: &str) -> String {
    format!("{name} ({letter})")
}

/// Up to four runs of one chart drawn as one (a comparison): `runs` are (letter, chart), the
/// open scenario's first. Each run takes its own hue from [`palette::run`] and each of its
/// series a shade of it, the same shade for the same name in every run, so a colour says
/// which run and a shade (with the series' own line style) which series: no two lines and no
/// two bars share a swatch. Every series and bar group is named with its run's letter
/// ([`run_series_name`]); bars come holder by holder, the runs side by side. Titles, markers,
/// the conflict and the bands are the first run's; a network (one graph at a time) is the
/// first run's as it is.
pub fn compare_runs(runs: &[(&str, &Chart)], mode: palette::Mode) -> Option<Chart> {
    let (_, first) = runs.first()?;
    let mut out = (*first).clone();
    match &mut out.body {
        ChartBody::Time(a) => {
            let charts: Vec<&TimeChart> = runs
                .iter()
                .filter_map(|(_, c)| if let ChartBody::Time(t) = &c.body { Some(t) } else { None })
                .collect();
            let names = union(charts.iter().map(|t| t.series.iter().map(|s| s.name.as_str())));
            let shade = |name: &str| names.iter().position(|n| n == name).unwrap_or(0);
            a.series = runs
                .iter()
                .enumerate()
                .filter_map(
                    |(k, (letter, c))| if let ChartBody::Time(t) = &c.body { Some((k, *letter, t)) } else { None },
                )
                .flat_map(|(k, letter, t)| {
                    t.series.iter().map(move |s| Series {
                        name: run_series_name(&s.name, letter),
                        color: palette::run(k, shade(&s.name), mode),
                        ..s.clone()
                    })
                })
                .collect();
            for band in &mut a.bands {
                if let Some(s) = first_series(first, &band.name) {
                    band.color = palette::run(0, shade(s), mode);
                }
            }
        }
        ChartBody::Bars(a) => {
            let charts: Vec<&BarChart> = runs
                .iter()
                .filter_map(|(_, c)| if let ChartBody::Bars(b) = &c.body { Some(b) } else { None })
                .collect();
            let names = union(charts.iter().map(|b| b.groups.iter().map(|g| g.name.as_str())));
            let mut groups = Vec::new();
            for (j, name) in names.iter().enumerate() {
                for (k, (letter, c)) in runs.iter().enumerate() {
                    let ChartBody::Bars(b) = &c.body else { continue };
                    let Some(g) = b.groups.iter().find(|g| g.name == *name) else { continue };
                    // The first run's categories; one another run lacks is left empty (NaN).
                    let at = |cat: &String| b.categories.iter().position(|x| x == cat);
                    let value = |cat: &String| at(cat).and_then(|i| g.values.get(i)).copied().unwrap_or(f64::NAN);
                    let note = |cat: &String| at(cat).and_then(|i| g.notes.get(i)).cloned().flatten();
                    let notes = if g.notes.is_empty() { Vec::new() } else { a.categories.iter().map(note).collect() };
                    groups.push(BarGroup {
                        name: run_series_name(name, letter),
                        color: palette::run(k, j, mode),
                        values: a.categories.iter().map(value).collect(),
                        notes,
                    });
                }
            }
            a.groups = groups;
        }
        _ => {}
    }
    Some(out)
}

/// The names of every list, each once, in the order first met.
fn union<'a>(lists: impl Iterator<Item = impl Iterator<Item = &'a str>>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for name in lists.flatten() {
        if !out.iter().any(|n| n == name) {
            out.push(name.to_string());
        }
    }
    out
}

/// The name of the first run's series that a band of `band_name` ("Renault at 40–80% turnout")
/// belongs to.
fn first_series<'a>(c: &'a Chart, band_name: &str) -> Option<&'a str> {
    let ChartBody::Time(t) = &c.body else { return None };
    t.series.iter().map(|s| s.name.as_str()).find(|n| band_name.starts_with(&format!("{n} at ")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chart::description::LineStyle;
    use crate::model::Color;

    fn date(y: i32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, 1, 1).unwrap_or_default()
    }

    /// The balance chart's shape: power, votes and capital of one pair, in one colour, three styles.
    fn balance() -> Chart {
        let red = palette::PLAYHEAD;
        let series = [("power", LineStyle::Solid), ("votes", LineStyle::Dashed), ("capital", LineStyle::Dotted)]
            .into_iter()
            .map(|(name, style)| Series {
                name: format!("{name}: Renault − Nissan"),
                color: red,
                style,
                points: vec![(date(2023), Some(0.1))],
                notes: Vec::new(),
            })
            .collect();
        let time = TimeChart {
            y_label: "balance".into(),
            y_range: (-1.0, 1.0),
            percent: true,
            start: date(2023),
            end: date(2026),
            series,
            markers: Vec::new(),
            conflict: None,
            bands: Vec::new(),
        };
        Chart { title: "Balance".into(), subtitle: String::new(), reading: String::new(), body: ChartBody::Time(time) }
    }

    #[test]
    fn four_runs_each_take_a_hue_and_no_two_lines_share_a_swatch() {
        let chart = balance();
        let runs: Vec<(&str, &Chart)> = ["A", "B", "C", "D"].into_iter().map(|l| (l, &chart)).collect();
        for mode in [palette::Mode::Light, palette::Mode::Dark] {
            let Some(Chart { body: ChartBody::Time(t), .. }) = compare_runs(&runs, mode) else {
                panic!("a time chart")
            };
            assert_eq!(t.series.len(), 12);
            let swatches: Vec<(Color, LineStyle)> = t.series.iter().map(|s| (s.color, s.style)).collect();
            for (k, a) in swatches.iter().enumerate() {
                assert!(!swatches[k + 1..].contains(a), "{:?} repeats a swatch in {mode:?}", t.series[k].name);
            }
            // Every line of run k is in run k's family, named with its letter.
            for (k, letter) in ["A", "B", "C", "D"].into_iter().enumerate() {
                let lines: Vec<&Series> =
                    t.series.iter().filter(|s| s.name.ends_with(&format!("({letter})"))).collect();
                assert_eq!(lines.len(), 3, "run {letter}");
                for (j, s) in lines.iter().enumerate() {
                    assert_eq!(s.color, palette::run(k, j, mode), "{}", s.name);
                }
            }
            // The same series has the same shade in every run, so its runs read as one family each.
            assert_eq!(t.series[0].name, "power: Renault − Nissan (A)");
            assert_eq!(t.series[3].name, "power: Renault − Nissan (B)");
        }
    }

    #[test]
    fn compared_bars_come_holder_by_holder_each_run_in_its_hue() {
        let bars = |values: [f64; 2]| Chart {
            title: "Snapshot".into(),
            subtitle: String::new(),
            reading: String::new(),
            body: ChartBody::Bars(BarChart {
                categories: vec!["capital".into(), "votes".into()],
                labels: vec!["capital".into(), "votes".into()],
                groups: vec![
                    BarGroup {
                        name: "Renault".into(),
                        color: palette::CHAIN,
                        values: values.to_vec(),
                        notes: Vec::new(),
                    },
                    BarGroup {
                        name: "Public float".into(),
                        color: palette::FLOAT,
                        values: values.to_vec(),
                        notes: Vec::new(),
                    },
                ],
                y_label: "share".into(),
                date: date(2024),
            }),
        };
        let (a, b) = (bars([0.1, 0.2]), bars([0.3, 0.4]));
        let Some(Chart { body: ChartBody::Bars(c), .. }) = compare_runs(&[("A", &a), ("B", &b)], palette::Mode::Light)
        else {
            panic!("a bar chart")
        };
        let names: Vec<&str> = c.groups.iter().map(|g| g.name.as_str()).collect();
        assert_eq!(names, ["Renault (A)", "Renault (B)", "Public float (A)", "Public float (B)"]);
        let colors: Vec<Color> = c.groups.iter().map(|g| g.color).collect();
        assert_eq!(colors[1], palette::run(1, 0, palette::Mode::Light));
        assert!((1..4).all(|k| !colors[..k].contains(&colors[k])), "no two groups share a colour: {colors:?}");
        assert_eq!(c.groups[1].values, [0.3, 0.4]);
    }
}
