//! The left panel: one slider per holding grouped by issuer, showing the holding at the
//! playhead (percent of issued capital, and the exact share count to type). On the start
//! date it edits the initial holding; on a later date it makes one what-if adjustment on
//! that date (a transfer with the market or a counterparty chosen), marked and removable.
//! Also: each holder's voting status at the playhead, the float and its turnout, the list of
//! events with their amounts, goal seek, and adding or removing entities and holdings.

mod add;
mod at_playhead;
mod row;

use eframe::egui::{self, RichText};

use crate::app::editing::event_edit;
use crate::app::panels::context::PanelCtx;
use crate::app::panels::goal_seek::GoalSeekPanel;
use crate::app::widgets::paint;
use crate::engine::IssuerResult;
use crate::model::{FloatModel, Fraction, MARKET, thousands};
use add::{AddForm, add_section};
use at_playhead::{AtPlayhead, pct};
use row::{Choices, holding_row};

/// The holdings panel's own state: the "add" forms, the counterparty chosen for each
/// holding's what-ifs, and goal seek.
#[derive(Debug, Clone, Default)]
pub struct HoldingsPanel {
    add: AddForm,
    counterparties: Choices,
    goal: GoalSeekPanel,
    goal_open: bool,
}

impl HoldingsPanel {
    /// Draws the panel.
    pub fn ui(&mut self, ui: &mut egui::Ui, cx: &mut PanelCtx<'_>) {
        let at = AtPlayhead::read(cx.scenario, cx.view.playhead);
        ui.heading(format!("Holdings on {}", cx.view.playhead));
        let note = if at.initial {
            "the start date: sliders edit the initial holdings".to_string()
        } else {
            format!("sliders make a what-if on {} (○ on the timeline)", cx.view.playhead)
        };
        ui.horizontal(|ui| {
            ui.label(RichText::new(note).small().weak());
            if ui
                .button("Goal seek…")
                .on_hover_text("Find the stake that brings a balance or a vote share to a target, and apply it")
                .clicked()
            {
                self.goal_open = !self.goal_open;
            }
        });
        if self.goal_open {
            let mut open = true;
            egui::Window::new("Goal seek")
                .open(&mut open)
                .collapsible(false)
                .resizable(false)
                .default_width(360.0)
                .show(ui.ctx(), |ui| self.goal.ui(ui, cx));
            self.goal_open = open;
        }
        egui::ScrollArea::vertical().auto_shrink([false, false]).show(ui, |ui| {
            ui.spacing_mut().slider_width = 150.0;
            turnout(ui, cx);
            ui.separator();
            let companies: Vec<String> = cx.scenario.company_ids().into_iter().map(str::to_string).collect();
            for issuer in &companies {
                issuer_section(ui, cx, issuer, &at, &mut self.counterparties);
            }
            ui.separator();
            egui::CollapsingHeader::new(RichText::new(format!("Events ({})", cx.scenario.events.len())).strong())
                .id_salt("events-list")
                .default_open(false)
                .show(ui, |ui| event_edit::list(ui, cx));
            ui.separator();
            add_section(ui, cx, &mut self.add);
        });
    }
}

fn turnout(ui: &mut egui::Ui, cx: &mut PanelCtx<'_>) {
    let mut pct = cx.scenario.meeting.float_turnout.to_f64() * 100.0;
    let r = ui.add(
        egui::Slider::new(&mut pct, 0.0..=100.0)
            .custom_formatter(|v, _| format!("{v:.1}"))
            .suffix("%")
            .text("Float turnout"),
    );
    r.on_hover_text("Share of the float's votes cast at a general meeting");
    let new = Fraction::from_f64_basis_points(pct / 100.0);
    if new != cx.scenario.meeting.float_turnout {
        cx.scenario.meeting.float_turnout = new;
    }
    float_model(ui, cx);
}

/// The float model: an ocean, or N equal holders (exact, or by Leech's approximation).
fn float_model(ui: &mut egui::Ui, cx: &mut PanelCtx<'_>) {
    let model = cx.scenario.meeting.float_model;
    let mut kind = FloatKind::of(model);
    let mut n = match model {
        FloatModel::Ocean => 1000,
        FloatModel::EqualHolders(n) | FloatModel::Leech(n) => n,
    };
    ui.horizontal(|ui| {
        egui::ComboBox::from_label("Float as").selected_text(kind.label()).show_ui(ui, |ui| {
            for k in FloatKind::ALL {
                ui.selectable_value(&mut kind, k, k.label());
            }
        });
        if kind != FloatKind::Ocean {
            ui.add(egui::DragValue::new(&mut n).range(1..=1_000_000).speed(10.0).prefix("N = "));
        }
    })
    .response
    .on_hover_text("How the float enters the power indices: a continuum of infinitesimal holders, or N equal holders");
    let new = kind.model(n);
    if new != model && cx.editable {
        cx.scenario.meeting.float_model = new;
    }
}

/// The float models offered in the panel's combo box.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum FloatKind {
    Ocean,
    EqualHolders,
    Leech,
}

impl FloatKind {
    const ALL: [FloatKind; 3] = [FloatKind::Ocean, FloatKind::EqualHolders, FloatKind::Leech];

    fn of(m: FloatModel) -> FloatKind {
        match m {
            FloatModel::Ocean => FloatKind::Ocean,
            FloatModel::EqualHolders(_) => FloatKind::EqualHolders,
            FloatModel::Leech(_) => FloatKind::Leech,
        }
    }

    fn label(self) -> &'static str {
        match self {
            FloatKind::Ocean => "an ocean",
            FloatKind::EqualHolders => "N equal holders",
            FloatKind::Leech => "N holders (Leech)",
        }
    }

    /// The model with `n` holders (ignored for the ocean).
    fn model(self, n: u32) -> FloatModel {
        match self {
            FloatKind::Ocean => FloatModel::Ocean,
            FloatKind::EqualHolders => FloatModel::EqualHolders(n),
            FloatKind::Leech => FloatModel::Leech(n),
        }
    }
}

fn issuer_section(ui: &mut egui::Ui, cx: &mut PanelCtx<'_>, issuer: &str, at: &AtPlayhead, choices: &mut Choices) {
    let s = &cx.scenario;
    let (issued, treasury) = at.capital(s, issuer);
    let name = s.name_of(issuer).to_string();
    let color = s.entity(issuer).map_or_else(|| ui.visuals().text_color(), |e| paint::text(ui, e.color));
    let at_playhead: Option<IssuerResult> =
        cx.results.as_deref().and_then(|ev| ev.at(cx.view.playhead)).and_then(|p| p.issuer(issuer)).cloned();
    egui::CollapsingHeader::new(RichText::new(&name).strong().color(color))
        .id_salt(("issuer", issuer))
        .default_open(true)
        .show(ui, |ui| {
            let source = cx.scenario.entity(issuer).and_then(|e| e.source.clone());
            ui.label(
                RichText::new(format!("{} shares issued, {} in treasury", thousands(issued), thousands(treasury)))
                    .small()
                    .weak(),
            )
            .on_hover_text(
                source.map_or_else(|| "No source given in the file.".to_string(), |s| format!("Source: {s}")),
            );
            let mut remove = None;
            for holder in at.holders(cx.scenario, issuer) {
                if holding_row(ui, cx, issuer, &holder, at, at_playhead.as_ref(), choices) {
                    remove = Some(holder);
                }
            }
            if let Some(h) = remove {
                cx.scenario.holdings.retain(|x| !(x.holder == h && x.issuer == issuer));
            }
            let float = at.held(cx.scenario, MARKET, issuer);
            ui.horizontal(|ui| {
                ui.label(RichText::new("Public float").italics());
                ui.label(format!("{:.2}% · {} shares", pct(float, issued), thousands(float)));
            });
            if let Some(x) = &at_playhead {
                ui.label(
                    RichText::new(format!(
                        "float {:.2}% of the votes in play at {}",
                        pct(x.votes.float_votes_cast, x.votes.game_total),
                        cx.view.playhead
                    ))
                    .small()
                    .weak(),
                );
            }
        });
}
