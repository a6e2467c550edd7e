//! The Assumptions window's tornado chart drawn with egui_plot: one horizontal bar per
//! assumption from its low to its high value, split at the balance as given. Also drawn where
//! the chart view meets a tornado description.

use eframe::egui;
use egui_plot::{Bar, BarChart as PlotBars, Legend, Plot, PlotPoint, Text, VLine};

use crate::app::widgets::paint::c32;
use crate::chart::palette;
use crate::chart::palette::{ASSUMPTION_HIGH, ASSUMPTION_LOW};
use crate::chart::{AssumptionRow, AssumptionsChart};

/// Draws the assumptions chart (a tornado): one horizontal bar per assumption from its low to its high value,
/// split at the balance as given, widest swing at the top.
pub fn draw(ui: &mut egui::Ui, t: &AssumptionsChart, id: &str, height: f32) {
    if t.rows.is_empty() {
        ui.label("No assumption to test on this date.");
        return;
    }
    let n = t.rows.len();
    let names: Vec<String> = t.rows.iter().map(|r| r.label.clone()).collect();
    let (x0, x1) = t.x_range();
    let bars = |pick: fn(&AssumptionRow) -> &(String, Option<f64>)| -> Vec<Bar> {
        t.rows
            .iter()
            .enumerate()
            .filter_map(|(k, r)| {
                let (name, v) = pick(r);
                let v = v.filter(|v| v.is_finite())?;
                let y = (n - 1 - k) as f64;
                Some(Bar::new(y, v - t.base).base_offset(t.base).width(0.6).name(format!(
                    "{}: {name} → {:+.2} points",
                    r.label,
                    v * 100.0
                )))
            })
            .collect()
    };
    let plot = Plot::new(id)
        .height(height)
        .legend(Legend::default().position(egui_plot::Corner::RightBottom).text_style(egui::TextStyle::Small))
        .allow_scroll(false)
        .allow_drag(false)
        .allow_zoom(false)
        .default_x_bounds(x0, x1)
        .default_y_bounds(-0.6, n as f64 - 0.4)
        .y_axis_min_width(160.0)
        .x_axis_label(t.x_label.clone())
        .x_axis_formatter(|mark, _| format!("{:+.0}", mark.value * 100.0))
        .y_axis_formatter(move |mark, _| {
            let k = mark.value.round();
            if (mark.value - k).abs() < 1e-6 && k >= 0.0 && (k as usize) < n {
                names.get(n - 1 - k as usize).cloned().unwrap_or_default()
            } else {
                String::new()
            }
        });
    let ink = ui.visuals().text_color();
    plot.show(ui, |plot_ui| {
        plot_ui.bar_chart(PlotBars::new("low value", bars(|r| &r.low)).horizontal().color(c32(ASSUMPTION_LOW)));
        plot_ui.bar_chart(PlotBars::new("high value", bars(|r| &r.high)).horizontal().color(c32(ASSUMPTION_HIGH)));
        plot_ui.add(VLine::new("as given", t.base).color(c32(palette::EXPORT_TEXT)).width(1.5));
        // The alternatives' names beyond the bars' ends, as in the exported chart.
        for (k, r) in t.rows.iter().enumerate() {
            let y = (n - 1 - k) as f64;
            for end in r.ends(t.base) {
                let anchor = if end.left { egui::Align2::RIGHT_CENTER } else { egui::Align2::LEFT_CENTER };
                // A few pixels' gap from the bar's end, in plot units.
                let gap = plot_ui.transform().dvalue_dpos()[0] * 4.0;
                let x = end.value + if end.left { -gap } else { gap };
                let text = egui::RichText::new(&end.label).small().color(ink);
                let label = Text::new(format!("{}: {}", r.label, end.label), PlotPoint::new(x, y), text);
                plot_ui.text(label.anchor(anchor).allow_hover(false));
            }
        }
    });
}
