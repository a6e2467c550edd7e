//! The left panel: one slider per holding grouped by issuer (percent of issued capital on the
//! start date, writing shares), its voting status at the playhead, the float and its
//! turnout, the amounts of the dated events, and adding or removing entities and holdings.

use eframe::egui::{self, RichText};

use super::paint;
use super::panel::PanelCtx;
use crate::chart::palette;
use crate::engine::{IssuerResult, VoteStatus};
use crate::model::{Entity, EntityKind, Event, FloatModel, Fraction, Holding, Jurisdiction, MARKET};

/// The holdings panel's own state: the "add" forms.
#[derive(Debug, Clone, Default)]
pub struct HoldingsPanel {
    add: AddForm,
}

impl HoldingsPanel {
    /// Draws the panel.
    pub fn ui(&mut self, ui: &mut egui::Ui, cx: &mut PanelCtx<'_>) {
        ui.heading("Holdings");
        ui.label(
            RichText::new(format!("on the start date, {}; status at the playhead", cx.scenario.start)).small().weak(),
        );
        egui::ScrollArea::vertical().auto_shrink([false, false]).show(ui, |ui| {
            ui.spacing_mut().slider_width = 150.0;
            turnout(ui, cx);
            ui.separator();
            let companies: Vec<String> = cx.scenario.company_ids().into_iter().map(str::to_string).collect();
            for issuer in &companies {
                issuer_section(ui, cx, issuer);
            }
            ui.separator();
            events_section(ui, cx);
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

fn issuer_section(ui: &mut egui::Ui, cx: &mut PanelCtx<'_>, issuer: &str) {
    let s = &cx.scenario;
    let (issued, treasury) = s.start_capital(issuer);
    let name = s.name_of(issuer).to_string();
    let color = s.entity(issuer).map_or_else(|| ui.visuals().text_color(), |e| paint::text(ui, e.color));
    let at_playhead: Option<IssuerResult> =
        cx.results.as_deref().and_then(|ev| ev.at(cx.view.playhead)).and_then(|p| p.issuer(issuer)).cloned();
    egui::CollapsingHeader::new(RichText::new(&name).strong().color(color))
        .id_salt(("issuer", issuer))
        .default_open(true)
        .show(ui, |ui| {
            ui.label(RichText::new(format!("{issued} shares issued, {treasury} in treasury")).small().weak());
            let float = cx.scenario.start_float(issuer);
            let mut remove = None;
            for k in 0..cx.scenario.holdings.len() {
                if cx.scenario.holdings[k].issuer != issuer {
                    continue;
                }
                if holding_row(ui, cx, k, issued, float, at_playhead.as_ref()) {
                    remove = Some(k);
                }
            }
            if let Some(k) = remove {
                cx.scenario.holdings.remove(k);
            }
            let float_pct = if issued == 0 { 0.0 } else { float as f64 * 100.0 / issued as f64 };
            ui.horizontal(|ui| {
                ui.label(RichText::new("Public float").italics());
                ui.label(format!("{float_pct:.2}% · {float} shares"));
            });
            if let Some(x) = &at_playhead {
                ui.label(
                    RichText::new(format!(
                        "at {}: float {:.2}% of capital, {:.2}% of the votes in play",
                        cx.view.playhead,
                        pct(x.votes.float_shares, x.votes.issued_shares),
                        pct(x.votes.float_votes_cast, x.votes.game_total)
                    ))
                    .small()
                    .weak(),
                );
            }
        });
}

fn pct(n: u64, d: u64) -> f64 {
    if d == 0 { 0.0 } else { n as f64 * 100.0 / d as f64 }
}

/// One holding: slider, share count, status badge, remove button. Returns true to remove.
fn holding_row(
    ui: &mut egui::Ui,
    cx: &mut PanelCtx<'_>,
    k: usize,
    issued: u64,
    float: u64,
    at: Option<&IssuerResult>,
) -> bool {
    let h = cx.scenario.holdings[k].clone();
    let holder_name = cx.scenario.name_of(&h.holder).to_string();
    let issuer_name = cx.scenario.name_of(&h.issuer).to_string();
    let color = cx.scenario.entity(&h.holder).map_or_else(|| ui.visuals().text_color(), |e| paint::line(ui, e.color));
    let max_shares = h.shares + float;
    let mut remove = false;
    ui.horizontal(|ui| {
        ui.label(RichText::new("■").color(color));
        ui.label(&holder_name);
        badge(ui, at.and_then(|x| x.votes.holder(&h.holder)).map(|v| (v.status, v.rule)));
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            remove = ui
                .small_button("✕")
                .on_hover_text(format!("Remove the holding of {holder_name} in {issuer_name}"))
                .clicked();
        });
    });
    let editable = cx.editable;
    let mut value = pct(h.shares, issued);
    let max_pct = pct(max_shares, issued).max(value);
    let label = format!("{holder_name} in {issuer_name}");
    let r = ui.add_enabled(
        editable,
        egui::Slider::new(&mut value, 0.0..=max_pct).custom_formatter(|v, _| format!("{v:.2}")).suffix("%").text(label),
    );
    let shares = ((value / 100.0) * issued as f64).round().clamp(0.0, max_shares as f64) as u64;
    if r.changed() && shares != h.shares {
        let holding = &mut cx.scenario.holdings[k];
        holding.shares = shares;
        holding.double_voting_shares = holding.double_voting_shares.min(shares);
    }
    let double = cx.scenario.holdings[k].double_voting_shares;
    let extra = if double > 0 { format!(", {double} with double votes") } else { String::new() };
    ui.label(RichText::new(format!("{} shares{extra}", cx.scenario.holdings[k].shares)).small().weak());
    ui.add_space(4.0);
    remove && editable
}

/// The status badge: colour and text by status, the rule on hover.
pub fn badge(ui: &mut egui::Ui, status: Option<(VoteStatus, Option<crate::model::RuleName>)>) {
    let Some((status, rule)) = status else {
        ui.label(RichText::new("no shares at playhead").small().weak());
        return;
    };
    let text = match status {
        VoteStatus::Full => "full",
        VoteStatus::Capped => "capped",
        VoteStatus::Neutral => "neutral",
        VoteStatus::Suppressed => "suppressed",
    };
    let color = paint::c32(palette::status(status, paint::mode(ui)));
    let why = rule.map_or_else(|| "every vote counts".to_string(), |r| format!("by {}", r.label()));
    let label = match rule {
        Some(r) if status == VoteStatus::Suppressed => format!("{text}: {}", r.key().replace('_', " ")),
        _ => text.to_string(),
    };
    egui::Frame::new()
        .fill(color.gamma_multiply(0.18))
        .corner_radius(4.0)
        .inner_margin(egui::Margin::symmetric(4, 0))
        .show(ui, |ui| {
            ui.label(RichText::new(label).small().color(color));
        })
        .response
        .on_hover_text(why);
}

fn events_section(ui: &mut egui::Ui, cx: &mut PanelCtx<'_>) {
    egui::CollapsingHeader::new(RichText::new("Event amounts").strong()).default_open(false).show(ui, |ui| {
        for k in 0..cx.scenario.events.len() {
            event_amount(ui, cx, k);
        }
    });
}

/// A slider for the number of shares an event moves, in percent of the issuer's capital.
fn event_amount(ui: &mut egui::Ui, cx: &mut PanelCtx<'_>, k: usize) {
    let s = &cx.scenario;
    let event = s.events[k].clone();
    let (issuer, shares) = match (&event, event.share_count()) {
        (
            Event::Transfer { issuer, .. }
            | Event::Buyback { issuer, .. }
            | Event::Issue { issuer, .. }
            | Event::PhasedSale { issuer, .. }
            | Event::Cancellation { issuer, .. },
            Some(shares),
        ) => (issuer.clone(), shares),
        _ => return,
    };
    let (issued, _) = s.start_capital(&issuer);
    if issued == 0 {
        return;
    }
    let mut value = pct(shares, issued);
    let top = 100.0_f64.max(value);
    let label = format!("#{} {} ({})", k + 1, event.kind_label(), event.date());
    let r = ui
        .add_enabled(
            cx.editable,
            egui::Slider::new(&mut value, 0.0..=top).custom_formatter(|v, _| format!("{v:.2}")).suffix("%").text(label),
        )
        .on_hover_text(event.summary());
    let new = ((value / 100.0) * issued as f64).round().max(1.0) as u64;
    if r.changed() && new != shares {
        cx.scenario.events[k].set_share_count(new);
    }
}

/// The state of the "add" forms.
#[derive(Debug, Clone, Default)]
struct AddForm {
    holder: String,
    issuer: String,
    name: String,
    kind: NewKind,
}

/// The kinds of entity the "add" form creates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
enum NewKind {
    #[default]
    Investor,
    France,
    Japan,
    Other,
}

impl NewKind {
    const ALL: [NewKind; 4] = [NewKind::Investor, NewKind::France, NewKind::Japan, NewKind::Other];

    fn label(self) -> &'static str {
        match self {
            NewKind::Investor => "Investor",
            NewKind::France => "Company (France)",
            NewKind::Japan => "Company (Japan)",
            NewKind::Other => "Company (other)",
        }
    }

    /// The entity kind, for a company with a million shares.
    fn entity_kind(self) -> EntityKind {
        let company = |jurisdiction| EntityKind::Company {
            jurisdiction,
            issued_shares: 1_000_000,
            treasury_shares: 0,
            theoretical_votes: None,
        };
        match self {
            NewKind::Investor => EntityKind::Investor,
            NewKind::France => company(Jurisdiction::France),
            NewKind::Japan => company(Jurisdiction::Japan),
            NewKind::Other => company(Jurisdiction::Other),
        }
    }
}

fn add_section(ui: &mut egui::Ui, cx: &mut PanelCtx<'_>, form: &mut AddForm) {
    if !cx.editable {
        return;
    }
    egui::CollapsingHeader::new(RichText::new("Add or remove").strong()).default_open(false).show(ui, |ui| {
        let ids: Vec<String> = cx.scenario.entities.iter().map(|e| e.id.clone()).collect();
        let companies: Vec<String> = cx.scenario.company_ids().into_iter().map(str::to_string).collect();
        combo(ui, "Holder", &mut form.holder, &ids);
        combo(ui, "Issuer", &mut form.issuer, &companies);
        let exists = cx.scenario.holdings.iter().any(|h| h.holder == form.holder && h.issuer == form.issuer);
        let ok = !form.holder.is_empty() && !form.issuer.is_empty() && form.holder != form.issuer && !exists;
        if ui.add_enabled(ok, egui::Button::new("Add holding")).clicked() {
            cx.scenario.holdings.push(Holding {
                holder: form.holder.clone(),
                issuer: form.issuer.clone(),
                shares: 0,
                double_voting_shares: 0,
                source: None,
            });
        }
        ui.separator();
        ui.horizontal(|ui| {
            ui.label("Name");
            ui.add(egui::TextEdit::singleline(&mut form.name).desired_width(140.0).hint_text("new entity"));
        });
        egui::ComboBox::from_label("Kind").selected_text(form.kind.label()).show_ui(ui, |ui| {
            for k in NewKind::ALL {
                ui.selectable_value(&mut form.kind, k, k.label());
            }
        });
        let id_text = slug(&form.name);
        let free = !id_text.is_empty() && id_text != MARKET && cx.scenario.entity(&id_text).is_none();
        if ui.add_enabled(free, egui::Button::new("Add entity")).clicked() {
            cx.scenario.entities.push(new_entity(&id_text, &form.name, form.kind, cx.scenario.entities.len()));
            form.name.clear();
        }
        ui.separator();
        remove_entity(ui, cx);
    });
}

fn combo(ui: &mut egui::Ui, label: &str, value: &mut String, options: &[String]) {
    egui::ComboBox::from_label(label).selected_text(value.as_str()).show_ui(ui, |ui| {
        for o in options {
            ui.selectable_value(value, o.clone(), o);
        }
    });
}

/// An id from a name: lowercase letters, digits and dashes.
fn slug(name: &str) -> String {
    let s: String =
        name.trim().to_lowercase().chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '-' }).collect();
    s.split('-').filter(|p| !p.is_empty()).collect::<Vec<_>>().join("-")
}

/// A new entity, with the `n`-th colour of the palette's cycle for new entities.
fn new_entity(id: &str, name: &str, kind: NewKind, n: usize) -> Entity {
    Entity {
        id: id.to_string(),
        name: name.trim().to_string(),
        color: palette::new_entity(n),
        kind: kind.entity_kind(),
        source: None,
    }
}

/// Removes an entity that nothing names.
fn remove_entity(ui: &mut egui::Ui, cx: &mut PanelCtx<'_>) {
    ui.label("Remove an entity (only one that nothing refers to):");
    let mut remove = None;
    for e in &cx.scenario.entities {
        let free = !cx.scenario.is_referenced(&e.id);
        if ui
            .add_enabled(free, egui::Button::new(format!("Remove {}", e.name)))
            .on_disabled_hover_text("holdings, caps or events still name it")
            .clicked()
        {
            remove = Some(e.id.clone());
        }
    }
    if let Some(id) = remove {
        cx.scenario.entities.retain(|e| e.id != id);
    }
}
