//! The Assumptions window (View → Assumptions…): every modelling choice that moves power —
//! float turnout, float model, the cap and quarter-test readings, each holder's behaviour per
//! kind, the covenants — with its value and its source or reason, and the tornado chart of
//! the headline balance at the playhead under a low and a high value of each, widest swing
//! first. The engine lists and tests them ([`crate::engine::assumptions`]); the window only
//! shows what it says, worked out again when the scenario or the playhead changes (not while
//! a drag is under way).

use chrono::NaiveDate;
use eframe::egui::{self, RichText};
use egui_plot::{Bar, BarChart as PlotBars, Legend, Plot, VLine};

use super::paint::c32;
use super::state::AllianceApp;
use crate::chart::assumptions::{self as assumptions_chart, AssumptionRow, AssumptionsChart};
use crate::chart::palette;
use crate::chart::{Chart, ChartBody};
use crate::engine::assumptions;
use crate::model::Scenario;

/// The window's state: what it shows, and for which scenario and date.
#[derive(Default)]
pub struct AssumptionsWindow {
    /// The scenario and date the contents are for.
    made_for: Option<(Scenario, NaiveDate)>,
    /// The assumptions: label, value, source.
    rows: Vec<(String, String, String)>,
    /// The tornado chart.
    chart: Option<Chart>,
}

impl AssumptionsWindow {
    /// Works the contents out again when the scenario or the date changed.
    fn refresh(&mut self, s: &Scenario, date: NaiveDate) {
        if self.made_for.as_ref().is_some_and(|(a, d)| a == s && *d == date) {
            return;
        }
        self.rows = assumptions::assumptions(s).into_iter().map(|a| (a.label, a.value, a.source)).collect();
        // The engine weighs the assumptions here, once per scenario and date (not per frame).
        self.chart = Some(assumptions_chart::build(s, date, &assumptions::balance_swings(s, date, None)));
        self.made_for = Some((s.clone(), date));
    }
}

impl AllianceApp {
    /// Draws the Assumptions window while it is open.
    pub(super) fn assumptions_ui(&mut self, ctx: &egui::Context) {
        let Some(mut w) = self.assumptions.take() else { return };
        let dragging = ctx.input(|i| i.pointer.any_down());
        if !dragging || w.made_for.is_none() {
            w.refresh(&self.doc.scenario, self.view.playhead);
        }
        let mut open = true;
        let band = &mut self.view.turnout_band;
        egui::Window::new("Assumptions")
            .id(egui::Id::unique("assumptions-window"))
            .open(&mut open)
            .default_width(1000.0)
            .default_height(720.0)
            .resizable(true)
            .show(ctx, |ui| contents(ui, &w, band));
        if open {
            self.assumptions = Some(w);
        }
    }
}

fn contents(ui: &mut egui::Ui, w: &AssumptionsWindow, band: &mut bool) {
    ui.label(
        RichText::new(
            "Every modelling choice that moves power, with its value here and where it comes from; \
             the chart re-evaluates the scenario under a low and a high value of each.",
        )
        .small()
        .weak(),
    );
    ui.checkbox(band, "Show the float turnout band (40%–80%) on the power plots");
    if let Some(chart) = &w.chart {
        ui.label(RichText::new(&chart.title).strong());
        ui.label(RichText::new(&chart.subtitle).small().weak());
        if let ChartBody::Assumptions(t) = &chart.body {
            tornado_plot(ui, t, "assumptions-tornado", (ui.available_height() * 0.55).max(240.0));
        }
    }
    ui.separator();
    egui::ScrollArea::vertical().id_salt("assumptions-list").auto_shrink([false, true]).show(ui, |ui| {
        for (label, value, source) in &w.rows {
            ui.horizontal_wrapped(|ui| {
                ui.label(RichText::new(label).strong());
                ui.label("—");
                ui.label(value);
            });
            ui.add(egui::Label::new(RichText::new(source).small().weak()).wrap());
            ui.add_space(4.0);
        }
    });
}

/// Draws a tornado chart: one horizontal bar per assumption from its low to its high value,
/// split at the balance as given, widest swing at the top.
pub fn tornado_plot(ui: &mut egui::Ui, t: &AssumptionsChart, id: &str, height: f32) {
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
    plot.show(ui, |plot_ui| {
        plot_ui
            .bar_chart(PlotBars::new("low value", bars(|r| &r.low)).horizontal().color(c32(palette::ASSUMPTION_LOW)));
        plot_ui.bar_chart(
            PlotBars::new("high value", bars(|r| &r.high)).horizontal().color(c32(palette::ASSUMPTION_HIGH)),
        );
        plot_ui.add(VLine::new("as given", t.base).color(c32(palette::EXPORT_TEXT)).width(1.5));
    });
}
