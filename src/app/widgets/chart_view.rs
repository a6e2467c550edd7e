//! One chart description ([`crate::chart`]) drawn with egui_plot: time plots with a legend
//! whose swatches show each line's style, compared scenarios (runs) each in its own hue with
//! their legend entries grouped under the run's letter, every legend entry a toggle of its
//! line or bars, a y-range that follows the data until the user zooms (and a fit button), and
//! a hover naming the nearest series, its date and value; grouped bars; the network.

use std::collections::BTreeSet;

use chrono::NaiveDate;
use eframe::egui::{self, Stroke};
use egui_plot::{AxisHints, Bar, BarChart as PlotBars, HoverPosition, Line, Plot, PlotPoints, VLine};

pub use crate::app::widgets::legend::LETTERS;
use crate::app::widgets::legend::{Runs, bar_legend, hidden, legend};
use crate::app::widgets::paint::{self, c32};
use crate::app::widgets::{assumptions_plot, network_graph, readings};
use crate::chart::palette::{self, Mode};
use crate::chart::{self, BarChart, Chart, ChartBody, LineStyle, TimeChart, date_to_x, x_to_date};

/// A chart of the open scenario with the same chart of each compared scenario.
pub struct Shown<'a> {
    /// The open scenario's chart (A).
    pub main: &'a Chart,
    /// The compared scenarios' charts, with their names (B, C, D).
    pub compared: &'a [(String, Chart)],
}

/// What a drawn chart reports back.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Drawn {
    /// Where it was drawn.
    pub rect: egui::Rect,
    /// The y range shown (time plots).
    pub y_range: Option<(f64, f64)>,
}

/// How to draw: the plot's id, the playhead, the height, the text size, whether to refit.
pub struct Look<'a> {
    /// The plot's id (unique in the window).
    pub id: &'a str,
    /// The playhead date.
    pub playhead: NaiveDate,
    /// The plot's height.
    pub height: f32,
    /// Refit the y range to the data now (the fit button).
    pub fit: bool,
}

/// Draws a chart, with the lines that say what its index measures and what its values at the
/// playhead say under it; reports where, and the y range of a time plot.
pub fn draw(ui: &mut egui::Ui, shown: &Shown<'_>, look: &Look<'_>) -> Drawn {
    let lines = readings::lines(shown.main, look.playhead);
    let under = readings::height(ui, lines.len());
    let body = Look { id: look.id, playhead: look.playhead, height: (look.height - under).max(60.0), fit: look.fit };
    let drawn = draw_body(ui, shown, &body);
    readings::show(ui, &lines, !shown.main.reading.is_empty());
    drawn
}

/// Draws a chart's body; reports where, and the y range of a time plot.
fn draw_body(ui: &mut egui::Ui, shown: &Shown<'_>, look: &Look<'_>) -> Drawn {
    // Compared runs: one chart, a hue per run (the chart layer's colours for this theme).
    let runs: Vec<(&str, &Chart)> = std::iter::once((LETTERS[0], shown.main))
        .chain(shown.compared.iter().zip(&LETTERS[1..]).map(|((_, c), letter)| (*letter, c)))
        .collect();
    let combined = if runs.len() > 1 { chart::compare_runs(&runs, paint::mode(ui)) } else { None };
    let letters: Vec<&str> = if runs.len() > 1 { runs.iter().map(|(l, _)| *l).collect() } else { Vec::new() };
    let names: Vec<&str> = shown.compared.iter().map(|(n, _)| n.as_str()).collect();
    let legend = Runs { letters: &letters, names: &names };
    match &combined.as_ref().unwrap_or(shown.main).body {
        ChartBody::Time(t) => time_plot(ui, t, &legend, look),
        ChartBody::Bars(b) => Drawn { rect: bar_plot(ui, b, look), y_range: None },
        ChartBody::Network(n) => Drawn { rect: network_graph::draw(ui, n, look.height), y_range: None },
        ChartBody::Assumptions(t) => {
            let top = ui.cursor().min;
            assumptions_plot::draw(ui, t, look.id, look.height);
            let rect = egui::Rect::from_min_max(top, egui::pos2(ui.max_rect().right(), ui.cursor().min.y));
            Drawn { rect, y_range: None }
        }
    }
}

fn egui_style(style: LineStyle) -> egui_plot::LineStyle {
    match style {
        LineStyle::Solid => egui_plot::LineStyle::Solid,
        LineStyle::Dashed => egui_plot::LineStyle::Dashed { length: 8.0 },
        LineStyle::Dotted => egui_plot::LineStyle::Dotted { spacing: 5.0 },
    }
}

/// The text of a value: a percentage or a plain number.
fn value_text(v: f64, percent: bool) -> String {
    if percent { format!("{:.3}%", v * 100.0) } else { format!("{v:.4}") }
}

/// The hover's text for a series' value on a date, with its note in words when it has one.
fn hover_label(noted: &[crate::chart::Series], name: &str, date: NaiveDate, value: String) -> String {
    match noted.iter().find(|s| s.name == name).and_then(|s| s.note_at(date)) {
        Some(n) => format!("{name}\n{date}: {} ({value})", n.words()),
        None => format!("{name}\n{date}: {value}"),
    }
}

fn time_plot(ui: &mut egui::Ui, t: &TimeChart, runs: &Runs<'_>, look: &Look<'_>) -> Drawn {
    let mode = paint::mode(ui);
    let percent = t.percent;
    legend(ui, t, runs, look.id);
    let off = hidden(ui, look.id);
    let noted: Vec<crate::chart::Series> = t.series.iter().filter(|s| !s.notes.is_empty()).cloned().collect();
    let (x0, x1) = (date_to_x(t.start), date_to_x(t.end).max(date_to_x(t.start) + 1.0));
    let plot = Plot::new(look.id)
        .height((look.height - 18.0).max(60.0))
        .y_axis_min_width(40.0)
        .link_axis(egui::Id::unique("time-axis"), [true, false])
        .link_cursor(egui::Id::unique("time-axis"), [true, false])
        .default_x_bounds(x0, x1)
        .include_y(t.y_range.0)
        .include_y(t.y_range.1)
        .auto_bounds(egui::Vec2b::new(false, true))
        .y_grid_spacer(egui_plot::uniform_grid_spacer(|_| [0.05, 0.25, 1.0]))
        .allow_scroll(false)
        .x_grid_spacer(date_grid)
        .x_axis_formatter(|mark, _| date_label(mark))
        .y_axis_formatter(
            move |mark, _| if percent { format!("{:.0}%", mark.value * 100.0) } else { format!("{:.2}", mark.value) },
        )
        .label_formatter(move |pos| match pos {
            // The nearest series, its date and its value (with what it says beyond its figure:
            // a Banzhaf reading, an estimate's interval); never the pointer's own position.
            HoverPosition::NearDataPoint { plot_name, position, .. } => {
                Some(hover_label(&noted, plot_name, x_to_date(position.x), value_text(position.y, percent)))
            }
            HoverPosition::Elsewhere { .. } => None,
        });
    // Each series up to its chart's last known date (the day before a conflict, if any).
    let steps = |s: &crate::chart::Series, end: NaiveDate| -> Vec<Vec<[f64; 2]>> {
        s.step_runs(end).into_iter().map(|run| run.into_iter().map(|(x, y)| [x, y]).collect()).collect()
    };
    let r = plot.show(ui, |plot_ui| {
        for b in &t.bands {
            band(plot_ui, b, t, mode);
        }
        if look.fit {
            plot_ui.set_plot_bounds_x(x0..=x1);
            plot_ui.set_auto_bounds(egui::Vec2b::new(false, true));
        }
        // The first run's lines drawn last, on top; a hidden line not at all.
        for s in t.series.iter().rev().filter(|s| !off.contains(&s.name)) {
            let first = runs.split(&s.name).0.is_none_or(|l| l == LETTERS[0]);
            for (j, seg) in steps(s, t.data_end()).into_iter().enumerate() {
                let line = Line::new(s.name.clone(), PlotPoints::from(seg))
                    .color(c32(palette::line(s.color, mode)))
                    .width(if first { 2.5 } else { 2.0 })
                    .style(egui_style(s.style))
                    .allow_band(false)
                    .id((look.id, &s.name, j));
                plot_ui.line(line);
            }
        }
        if let Some(c) = &t.conflict {
            plot_ui.add(VLine::new("", date_to_x(c.date)).color(c32(palette::CONFLICT)).width(2.0));
        }
        plot_ui.add(VLine::new("playhead", date_to_x(look.playhead)).color(c32(palette::PLAYHEAD)).width(1.5));
    });
    if let Some(c) = &t.conflict {
        conflict_band(ui, &r, c.date, t.end);
    }
    let b = r.transform.bounds();
    Drawn { rect: r.response.rect, y_range: Some((b.min()[1], b.max()[1])) }
}

/// A series' range under a low and a high assumption: tinted steps behind its line (its
/// legend entry is in the legend above the plot).
fn band(plot_ui: &mut egui_plot::PlotUi<'_>, b: &crate::chart::Band, t: &TimeChart, mode: Mode) {
    let color = c32(palette::line(b.color, mode)).gamma_multiply(0.22);
    for (x0, x1, lo, hi) in b.step_rects(t.data_end()) {
        let rect = PlotPoints::from(vec![[x0, lo], [x1, lo], [x1, hi], [x0, hi]]);
        plot_ui.polygon(
            egui_plot::Polygon::new(b.name.clone(), rect)
                .fill_color(color)
                .stroke(egui::Stroke::NONE)
                .allow_hover(false),
        );
    }
}

/// From the date of an event that cannot happen to the end: a tinted band over the plot (the
/// banner above the plots says it in full). Painted on the screen rather than as a plot item,
/// so that it does not widen the y range that follows the data.
fn conflict_band(ui: &egui::Ui, r: &egui_plot::PlotResponse<()>, from: NaiveDate, to: NaiveDate) {
    let frame = r.transform.frame();
    let x = |d: NaiveDate| r.transform.position_from_point(&egui_plot::PlotPoint::new(date_to_x(d), 0.0)).x;
    let (x0, x1) = (x(from).max(frame.left()), x(to).max(x(from) + 1.0).min(frame.right()));
    if x1 > x0 {
        let band = egui::Rect::from_x_y_ranges(x0..=x1, frame.y_range());
        ui.painter_at(*frame).rect_filled(band, 0.0, c32(palette::CONFLICT).gamma_multiply(0.16));
    }
}

/// Grid marks on whole years, quarters or months, whichever fits the visible span.
fn date_grid(input: egui_plot::GridInput) -> Vec<egui_plot::GridMark> {
    use chrono::Datelike;
    let (lo, hi) = input.bounds;
    let (a, b) = (x_to_date(lo), x_to_date(hi));
    let span_days = hi - lo;
    let months_step = if span_days > 365.0 * 6.0 {
        12
    } else if span_days > 365.0 * 1.5 {
        3
    } else {
        1
    };
    let mut out = Vec::new();
    let mut d = chrono::NaiveDate::from_ymd_opt(a.year(), 1, 1).unwrap_or(a);
    while d <= b {
        let yearly = d.month() == 1;
        if d >= a && d.month0().is_multiple_of(months_step) {
            out.push(egui_plot::GridMark {
                value: date_to_x(d),
                step_size: if yearly { 365.0 } else { 30.0 * f64::from(months_step) },
            });
        }
        d = d.checked_add_months(chrono::Months::new(1)).unwrap_or(b + chrono::Days::new(1));
    }
    out
}

/// A year on January marks, else the month.
fn date_label(mark: egui_plot::GridMark) -> String {
    use chrono::Datelike;
    let d = x_to_date(mark.value);
    if d.month() == 1 { d.format("%Y").to_string() } else { d.format("%b").to_string() }
}

/// A category's label on the bar chart's axis, in lines that `fits` accepts: the label as it
/// is when it fits; else its words over two lines ("Renault nominee" → "Renault\nnominee"); a
/// line still too long is cut in the middle with "…", so that names with the same beginning
/// stay apart ("elec…ector", "elec…idate").
fn axis_label(label: &str, fits: &dyn Fn(&str) -> bool) -> String {
    if fits(label) {
        return label.to_string();
    }
    let words: Vec<&str> = label.split_whitespace().collect();
    let best = (1..words.len())
        .map(|k| (words[..k].join(" "), words[k..].join(" ")))
        .min_by_key(|(a, b)| a.chars().count().max(b.chars().count()));
    match best {
        Some((a, b)) => format!("{}\n{}", cut_middle(&a, fits), cut_middle(&b, fits)),
        None => cut_middle(label, fits),
    }
}

/// `text` as it is when `fits` accepts it, else cut in the middle with "…" until it does (at
/// least three characters are kept).
fn cut_middle(text: &str, fits: &dyn Fn(&str) -> bool) -> String {
    let all: Vec<char> = text.chars().collect();
    let mut keep = all.len();
    let mut cut = text.to_string();
    while !fits(&cut) && keep > 3 {
        keep -= 1;
        let head = keep.div_ceil(2);
        let tail = keep - head;
        cut = all[..head].iter().collect();
        cut.push('…');
        cut.extend(&all[all.len() - tail..]);
    }
    cut
}

fn bar_plot(ui: &mut egui::Ui, b: &BarChart, look: &Look<'_>) -> egui::Rect {
    let mode = paint::mode(ui);
    let count = b.categories.len();
    // Every category gets its label, fitted to the room it has as measured in the axis' font:
    // egui_plot leaves out a label wider than its room.
    let room = (ui.available_width() - 44.0) / count.max(1) as f32 - 2.0;
    // The axis' labels a little larger than small text, so that two short lines fit under
    // each group of bars.
    let font = egui::FontId::proportional(egui::TextStyle::Small.resolve(ui.style()).size + 1.0);
    let ink = ui.visuals().text_color();
    let fits = |text: &str| {
        let galley = ui.painter().layout_no_wrap(text.to_string(), font.clone(), ink);
        galley.size().x <= room
    };
    let labels: Vec<String> = b.labels.iter().map(|c| axis_label(c, &fits)).collect();
    let axis = AxisHints::new_x().label_spacing(20.0..=24.0).formatter(move |mark, _| {
        let k = mark.value.round();
        if (mark.value - k).abs() < 1e-6 && k >= 0.0 {
            labels.get(k as usize).cloned().unwrap_or_default()
        } else {
            String::new()
        }
    });
    bar_legend(ui, b, look.id);
    let off = hidden(ui, look.id);
    let plot = Plot::new(look.id)
        .height((look.height - 18.0).max(60.0))
        .y_axis_min_width(40.0)
        .allow_scroll(false)
        .allow_drag(false)
        .allow_zoom(false)
        .default_y_bounds(0.0, 1.05)
        .y_grid_spacer(egui_plot::uniform_grid_spacer(|_| [0.05, 0.25, 1.0]))
        .default_x_bounds(-0.6, count as f64 - 0.4)
        .x_grid_spacer(move |_| (0..count).map(|k| egui_plot::GridMark { value: k as f64, step_size: 1.0 }).collect())
        .custom_x_axes(vec![axis])
        .y_axis_formatter(|mark, _| format!("{:.0}%", mark.value * 100.0))
        .label_formatter(|pos| match pos {
            HoverPosition::NearDataPoint { plot_name, .. } => Some(plot_name.to_string()),
            HoverPosition::Elsewhere { .. } => None,
        });
    let axis_font = font.clone();
    let r = ui.scope(|ui| {
        ui.style_mut().text_styles.insert(egui::TextStyle::Body, axis_font);
        plot.show(ui, |plot_ui| bars(plot_ui, b, &off, mode))
    });
    r.inner.response.rect
}

/// The bars of every group, side by side in each category.
fn bars(plot_ui: &mut egui_plot::PlotUi<'_>, b: &BarChart, off: &BTreeSet<String>, mode: Mode) {
    let shown: Vec<_> = b.groups.iter().filter(|g| !off.contains(&g.name)).collect();
    let n = shown.len().max(1) as f64;
    let width = 0.8 / n;
    for (g, group) in shown.into_iter().enumerate() {
        // Fills nearly opaque: legible on white and on the dark theme alike.
        let color = c32(palette::line(group.color, mode));
        let bars: Vec<Bar> = group
            .values
            .iter()
            .enumerate()
            .filter(|(_, v)| v.is_finite())
            .map(|(c, v)| {
                let category = b.categories.get(c).map_or("", String::as_str);
                let figure = format!("{:.2}%", v * 100.0);
                let value = match group.notes.get(c).copied().flatten() {
                    Some(note) => format!("{} ({figure})", note.words()),
                    None => figure,
                };
                Bar::new(c as f64 - 0.4 + width * (g as f64 + 0.5), *v)
                    .width(width * 0.9)
                    .name(format!("{} · {category}: {value}", group.name))
                    .fill(color.gamma_multiply(0.85))
                    .stroke(Stroke::new(1.0, color))
            })
            .collect();
        plot_ui.bar_chart(PlotBars::new(group.name.clone(), bars).color(color));
    }
}

#[cfg(test)]
mod tests {
    use super::axis_label;

    #[test]
    fn category_labels_wrap_then_cut_in_the_middle() {
        let chars = |n: usize| move |t: &str| t.chars().count() <= n;
        assert_eq!(axis_label("capital", &chars(8)), "capital");
        assert_eq!(axis_label("Renault nominee", &chars(8)), "Renault\nnominee");
        let wide = axis_label("Shapley–Shubik through the network", &chars(20));
        assert_eq!(wide, "Shapley–Shubik\nthrough the network");
        let a = axis_label("election of a renault-nominated nissan director", &chars(9));
        let b = axis_label("election of another nomination committee candidate", &chars(9));
        assert_ne!(a, b);
        assert!(a.lines().all(|l| l.chars().count() <= 9), "{a}");
        assert_eq!(axis_label("shareholders", &chars(9)), "shar…ders");
    }
}
