//! The Assumptions window (View → Assumptions…): every modelling choice that moves power —
//! float turnout, float model, the cap and quarter-test readings, each holder's behaviour per
//! kind, the covenants — with its value and its source or reason, and the tornado chart of
//! the headline balance at the playhead under a low and a high value of each, widest swing
//! first. The engine lists and tests them ([`crate::engine::assumptions`]); the window only
//! shows what it says, worked out again when the scenario or the playhead changes (not while
//! a drag is under way).

use chrono::NaiveDate;
use eframe::egui::{self, RichText};

use crate::app::widgets::assumptions_plot;
use crate::app::windows::context::WindowCtx;
use crate::chart::assumptions as assumptions_chart;
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

    /// Draws the window, working its contents out again when the scenario or the playhead
    /// changed (not while a drag is under way). Returns whether it is still open.
    pub fn show(&mut self, ctx: &egui::Context, cx: &mut WindowCtx<'_>) -> bool {
        let dragging = ctx.input(|i| i.pointer.any_down());
        if !dragging || self.made_for.is_none() {
            self.refresh(cx.scenario, cx.view.playhead);
        }
        let mut open = true;
        let band = &mut cx.view.turnout_band;
        egui::Window::new("Assumptions")
            .id(egui::Id::unique("assumptions-window"))
            .open(&mut open)
            .default_width(1000.0)
            .default_height(720.0)
            .resizable(true)
            .show(ctx, |ui| contents(ui, self, band));
        open
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
            assumptions_plot::draw(ui, t, "assumptions-tornado", (ui.available_height() * 0.55).max(240.0));
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
