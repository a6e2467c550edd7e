//! The compare panel (a tab beside the holdings, so the charts keep their room): which
//! compared scenario is shown, "next difference", the table of differences at the playhead
//! with Δ = B − A (computed by [`crate::engine::compare`]), the findings only one scenario
//! has, and the differences between the two files' inputs ([`crate::model::diff`]).

use eframe::egui::{self, RichText};

use crate::app::commands::{Command, tooltip};
use crate::app::panels::context::PanelCtx;
use crate::app::widgets::chart_view::LETTERS;
use crate::app::widgets::paint::{self, c32};
use crate::chart::palette;
use crate::engine::compare;
use crate::model::diff;

/// The compare panel's own state.
#[derive(Debug, Clone, Default)]
pub struct ComparePanel {
    /// Which compared scenario the table shows (0: B).
    pub shown: usize,
}

impl ComparePanel {
    /// Draws the panel.
    pub fn ui(&mut self, ui: &mut egui::Ui, cx: &mut PanelCtx<'_>) {
        let ctx = ui.ctx().clone();
        self.shown = self.shown.min(cx.compared.len().saturating_sub(1));
        ui.heading("Compare");
        // Each run in its hue, as its lines and bars are drawn (A blue, B orange, C green, D purple).
        let mode = paint::mode(ui);
        let hue = |k: usize| c32(palette::run(k, 0, mode));
        ui.label(RichText::new(format!("A: {}", cx.scenario.title)).color(hue(0)).strong());
        for (k, other) in cx.compared.iter().enumerate() {
            let letter = LETTERS[k + 1];
            let text = format!("{letter}: {} — {}", other.display_name(), other.scenario.title);
            ui.radio_value(&mut self.shown, k, RichText::new(text).color(hue(k + 1)))
                .on_hover_text("Show this scenario's differences from A in the table below");
        }
        ui.label(
            RichText::new("Each scenario has its own hue on the plots; click a legend entry to hide or show it.")
                .small()
                .weak(),
        );
        ui.horizontal(|ui| {
            if ui.button("Next difference ▶").on_hover_text(tooltip(&ctx, Command::NextDifference)).clicked() {
                cx.command(Command::NextDifference);
            }
            if ui.button("Stop comparing").clicked() {
                cx.command(Command::StopComparing);
            }
        });
        table(ui, cx, self.shown);
    }
}

/// The table of differences between A and the `k`-th compared scenario.
fn table(ui: &mut egui::Ui, cx: &PanelCtx<'_>, k: usize) {
    let Some(other) = cx.compared.get(k) else { return };
    let b = LETTERS[k + 1];
    ui.label(RichText::new(format!("at the playhead, {}; Δ = {b} − A", cx.view.playhead)).weak());
    let (Some(a), Some(bp)) = (
        cx.results.as_deref().and_then(|e| e.at(cx.view.playhead)),
        other.evaluation().and_then(|e| e.at(cx.view.playhead)),
    ) else {
        ui.label("one of the scenarios cannot be evaluated");
        return;
    };
    let d = compare::differences(a, bp);
    egui::ScrollArea::vertical().auto_shrink([false, false]).show(ui, |ui| {
        egui::Grid::new("differences").striped(true).num_columns(5).show(ui, |ui| {
            let heads = [
                "holder at issuer".to_string(),
                format!("capital A / {b}"),
                format!("votes A / {b}"),
                format!("power A / {b}"),
                format!("Δ power ({b} − A)"),
            ];
            for h in heads {
                ui.label(RichText::new(h).strong());
            }
            ui.end_row();
            for row in d.holders.iter().filter(|r| r.differs(1e-9) || r.capital.0 > 0.0) {
                let name = format!("{} at {}", cx.scenario.name_of(&row.holder), cx.scenario.name_of(&row.issuer));
                ui.label(name);
                let pair = |(x, y): (f64, f64)| format!("{:.2}% / {:.2}%", x * 100.0, y * 100.0);
                ui.label(pair(row.capital));
                ui.label(pair(row.votes));
                ui.label(pair(row.power));
                let delta = row.power.1 - row.power.0;
                let sign = if delta.abs() < compare::SAME { std::cmp::Ordering::Equal } else { delta.total_cmp(&0.0) };
                let color = palette::change(sign, paint::mode(ui)).map_or_else(|| ui.visuals().weak_text_color(), c32);
                ui.label(RichText::new(format!("{:+.2} pts", delta * 100.0)).color(color));
                ui.end_row();
            }
        });
        ui.separator();
        findings(ui, "Findings only in A", &d.only_in_a);
        findings(ui, &format!("Findings only in {b}"), &d.only_in_b);
        ui.separator();
        egui::CollapsingHeader::new(RichText::new(format!("Inputs: what {b} changes")).strong())
            .default_open(true)
            .show(ui, |ui| {
                let changes = diff::inputs(cx.scenario, &other.scenario);
                if changes.is_empty() {
                    ui.label("the inputs are the same");
                }
                for c in changes {
                    ui.label(format!("{} {}: {}", c.change.label(), c.item, c.detail));
                }
            });
    });
}

fn findings(ui: &mut egui::Ui, title: &str, list: &[String]) {
    ui.label(RichText::new(title).strong());
    if list.is_empty() {
        ui.label(RichText::new("none").weak());
    }
    for f in list {
        ui.label(format!("• {f}"));
    }
}
