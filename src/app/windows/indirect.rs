//! The "Through the network" window (View → Through the network…): for a chosen company, kind
//! of resolution and index (Shapley–Shubik first, Banzhaf one click away, each with its reading
//! under the charts), each ultimate holder's direct power at its meeting beside its power
//! through the network of meetings — at the playhead (bars) and over time (lines) — and, for
//! a chosen holder, the chains through which its votes reach that meeting, highlighted on the
//! network view. The figures are the engine's ([`crate::engine::indirect`]), drawn from the
//! same chart descriptions as `export` (`indirect-…`, `indirect-snapshot-…`).

use chrono::NaiveDate;
use eframe::egui::{self, RichText};

use crate::app::widgets::chart_view::{self, Look, Shown};
use crate::app::windows::context::WindowCtx;
use crate::chart::{self, ChartId};
use crate::engine::{Evaluation, Measure};
use crate::model::Scenario;

/// The window's choices.
#[derive(Debug, Clone)]
pub struct IndirectWindow {
    /// The company whose meeting is shown.
    issuer: String,
    /// The kind of resolution (its id).
    kind: String,
    /// The index over time.
    measure: Measure,
    /// The holder whose chains are highlighted (none: no highlight).
    holder: Option<String>,
}

impl IndirectWindow {
    /// The window on the scenario's first company, its headline kind, and no highlight.
    pub fn new(s: &Scenario) -> IndirectWindow {
        IndirectWindow {
            issuer: s.company_ids().first().map_or_else(String::new, |c| c.to_string()),
            kind: s.headline_kind(),
            measure: Measure::ShapleyShubik,
            holder: None,
        }
    }
}

impl IndirectWindow {
    /// Draws the window; while it is open, the network view highlights the chosen holder's
    /// chains (`cx.view.chain`). Returns whether it is still open.
    pub fn show(&mut self, ctx: &egui::Context, cx: &mut WindowCtx<'_>) -> bool {
        let mut open = true;
        let scenario = cx.scenario;
        let results = cx.results.clone();
        let playhead = cx.view.playhead;
        egui::Window::new("Through the network")
            .id(egui::Id::unique("network-window"))
            .open(&mut open)
            .default_width(760.0)
            .default_height(640.0)
            .resizable(true)
            .show(ctx, |ui| {
                choosers(ui, scenario, self);
                match results.as_deref() {
                    Some(evaluation) => self.charts(ui, scenario, evaluation, playhead),
                    None => {
                        ui.label("The scenario cannot be evaluated.");
                    }
                }
            });
        cx.view.chain = if open { self.holder.clone().map(|holder| (holder, self.issuer.clone())) } else { None };
        open
    }

    /// The chosen meeting's power at the playhead (bars) and over time (lines).
    fn charts(&self, ui: &mut egui::Ui, scenario: &Scenario, evaluation: &Evaluation, playhead: NaiveDate) {
        let snapshot = ChartId::IndirectSnapshot {
            issuer: self.issuer.clone(),
            measure: self.measure,
            resolution: self.kind.clone(),
        };
        let over_time =
            ChartId::Indirect { issuer: self.issuer.clone(), measure: self.measure, resolution: self.kind.clone() };
        let height = ((ui.available_height() - 60.0) / 2.0).max(180.0);
        for (id, key) in [(snapshot, "network-window-snapshot"), (over_time, "network-window-time")] {
            let c = chart::build(&id, scenario, evaluation, playhead);
            ui.label(RichText::new(&c.title).strong());
            ui.label(RichText::new(&c.subtitle).small().weak());
            let look = Look { id: key, playhead, height, fit: false };
            chart_view::draw(ui, &Shown { main: &c, compared: &[] }, &look);
        }
        knife_edges(ui, scenario, evaluation, playhead, self);
    }
}

/// The holders whose indirect Banzhaf index at the chosen meeting is 1 at the playhead without
/// their deciding robustly: said in words, since the findings leave them out.
fn knife_edges(ui: &mut egui::Ui, s: &Scenario, evaluation: &Evaluation, playhead: NaiveDate, w: &IndirectWindow) {
    let Some(point) = evaluation.at(playhead) else { return };
    let Some(power) = crate::engine::indirect::of_kind(&point.indirect, &w.kind) else { return };
    let Some(company) = power.company(&w.issuer) else { return };
    for (player, h) in power.players.iter().zip(&company.holders) {
        if h.pivotal_only_at_even_split() {
            ui.label(RichText::new(format!(
                "{} is pivotal at {} only if every float splits exactly evenly (Banzhaf through the network 100%): \
                 not a finding",
                s.name_of(player),
                s.name_of(&w.issuer)
            )));
        }
    }
}

/// The company, kind, index and highlighted holder.
fn choosers(ui: &mut egui::Ui, s: &Scenario, w: &mut IndirectWindow) {
    let companies: Vec<String> = s.company_ids().into_iter().map(str::to_string).collect();
    if !companies.contains(&w.issuer) {
        *w = IndirectWindow::new(s);
    }
    let kinds = s.resolution_kinds();
    if !kinds.iter().any(|k| k.id == w.kind) {
        w.kind = s.headline_kind();
    }
    ui.horizontal_wrapped(|ui| {
        ui.label("Meeting of");
        egui::ComboBox::from_id_salt("network-issuer").selected_text(s.name_of(&w.issuer).to_string()).show_ui(
            ui,
            |ui| {
                for c in &companies {
                    ui.selectable_value(&mut w.issuer, c.clone(), s.name_of(c));
                }
            },
        );
        let kind_name = kinds.iter().find(|k| k.id == w.kind).map_or_else(|| w.kind.clone(), |k| k.name.clone());
        egui::ComboBox::from_id_salt("network-kind").selected_text(kind_name).show_ui(ui, |ui| {
            for k in &kinds {
                ui.selectable_value(&mut w.kind, k.id.clone(), &k.name);
            }
        });
        ui.label("index");
        egui::ComboBox::from_id_salt("network-measure").selected_text(w.measure.label()).show_ui(ui, |ui| {
            for m in Measure::ALL {
                ui.selectable_value(&mut w.measure, m, m.label()).on_hover_text(m.meaning());
            }
        });
    });
    ui.horizontal_wrapped(|ui| {
        ui.label("Highlight how the votes of");
        let shown = w.holder.as_deref().map_or_else(|| "nobody".to_string(), |h| s.name_of(h).to_string());
        let label = format!("reach {}'s meeting (on the network)", s.name_of(&w.issuer));
        egui::ComboBox::from_label(label).selected_text(shown).show_ui(ui, |ui| {
            ui.selectable_value(&mut w.holder, None, "nobody");
            for e in s.entities.iter().filter(|e| e.id != w.issuer) {
                ui.selectable_value(&mut w.holder, Some(e.id.clone()), &e.name);
            }
        });
    });
}
