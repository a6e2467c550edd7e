//! The left panel: one slider per holding grouped by issuer (percent of issued capital on the
//! start date, writing shares), its voting status at the playhead, the float and its
//! turnout, the amounts of the dated events, and adding or removing entities and holdings.

use eframe::egui::{self, Color32, RichText};

use super::view::AllianceApp;
use crate::engine::{IssuerResult, VoteStatus};
use crate::model::{Color, Entity, EntityKind, Event, FloatModel, Fraction, Holding, Jurisdiction, MARKET};

/// The panel.
pub fn ui(ui: &mut egui::Ui, app: &mut AllianceApp) {
    ui.heading("Holdings");
    ui.label(
        RichText::new(format!("on the start date, {}; status at the playhead", app.doc.scenario.start)).small().weak(),
    );
    egui::ScrollArea::vertical().auto_shrink([false, false]).show(ui, |ui| {
        ui.spacing_mut().slider_width = 150.0;
        turnout(ui, app);
        ui.separator();
        let companies: Vec<String> = app.doc.scenario.company_ids().into_iter().map(str::to_string).collect();
        for issuer in &companies {
            issuer_section(ui, app, issuer);
        }
        ui.separator();
        events_section(ui, app);
        ui.separator();
        add_section(ui, app);
    });
}

/// Converts an entity colour for egui.
pub fn color32(c: Color) -> Color32 {
    Color32::from_rgb(c.r, c.g, c.b)
}

fn turnout(ui: &mut egui::Ui, app: &mut AllianceApp) {
    let mut pct = app.doc.scenario.meeting.float_turnout.to_f64() * 100.0;
    let r = ui.add(
        egui::Slider::new(&mut pct, 0.0..=100.0)
            .custom_formatter(|v, _| format!("{v:.1}"))
            .suffix("%")
            .text("Float turnout"),
    );
    r.on_hover_text("Share of the float's votes cast at a general meeting");
    let new = Fraction::from_f64_basis_points(pct / 100.0);
    if new != app.doc.scenario.meeting.float_turnout {
        app.doc.scenario.meeting.float_turnout = new;
    }
    float_model(ui, app);
}

/// The float model: an ocean, or N equal holders (exact, or by Leech's approximation).
fn float_model(ui: &mut egui::Ui, app: &mut AllianceApp) {
    let model = app.doc.scenario.meeting.float_model;
    let (mut kind, mut n) = match model {
        FloatModel::Ocean => (0, 1000),
        FloatModel::EqualHolders(n) => (1, n),
        FloatModel::Leech(n) => (2, n),
    };
    let names = ["an ocean", "N equal holders", "N holders (Leech)"];
    ui.horizontal(|ui| {
        egui::ComboBox::from_label("Float as").selected_text(names[kind]).show_ui(ui, |ui| {
            for (k, name) in names.iter().enumerate() {
                ui.selectable_value(&mut kind, k, *name);
            }
        });
        if kind > 0 {
            ui.add(egui::DragValue::new(&mut n).range(1..=1_000_000).speed(10.0).prefix("N = "));
        }
    })
    .response
    .on_hover_text("How the float enters the power indices: a continuum of infinitesimal holders, or N equal holders");
    let new = match kind {
        1 => FloatModel::EqualHolders(n),
        2 => FloatModel::Leech(n),
        _ => FloatModel::Ocean,
    };
    if new != model && !app.presenting() {
        app.doc.scenario.meeting.float_model = new;
    }
}

fn issuer_section(ui: &mut egui::Ui, app: &mut AllianceApp, issuer: &str) {
    let s = &app.doc.scenario;
    let (issued, treasury) = s.start_capital(issuer);
    let name = s.name_of(issuer).to_string();
    let color = s.entity(issuer).map_or(Color32::GRAY, |e| color32(e.color));
    let at_playhead: Option<IssuerResult> =
        app.doc.evaluation().and_then(|ev| ev.at(app.view.playhead)).and_then(|p| p.issuer(issuer)).cloned();
    egui::CollapsingHeader::new(RichText::new(&name).strong().color(color))
        .id_salt(("issuer", issuer))
        .default_open(true)
        .show(ui, |ui| {
            ui.label(RichText::new(format!("{issued} shares issued, {treasury} in treasury")).small().weak());
            let float = app.doc.scenario.start_float(issuer);
            let mut remove = None;
            for k in 0..app.doc.scenario.holdings.len() {
                if app.doc.scenario.holdings[k].issuer != issuer {
                    continue;
                }
                if holding_row(ui, app, k, issued, float, at_playhead.as_ref()) {
                    remove = Some(k);
                }
            }
            if let Some(k) = remove {
                app.doc.scenario.holdings.remove(k);
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
                        app.view.playhead,
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
    app: &mut AllianceApp,
    k: usize,
    issued: u64,
    float: u64,
    at: Option<&IssuerResult>,
) -> bool {
    let h = app.doc.scenario.holdings[k].clone();
    let holder_name = app.doc.scenario.name_of(&h.holder).to_string();
    let issuer_name = app.doc.scenario.name_of(&h.issuer).to_string();
    let color = app.doc.scenario.entity(&h.holder).map_or(Color32::GRAY, |e| color32(e.color));
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
    let editable = !app.presenting();
    let mut value = pct(h.shares, issued);
    let max_pct = pct(max_shares, issued).max(value);
    let label = format!("{holder_name} in {issuer_name}");
    let r = ui.add_enabled(
        editable,
        egui::Slider::new(&mut value, 0.0..=max_pct).custom_formatter(|v, _| format!("{v:.2}")).suffix("%").text(label),
    );
    let shares = ((value / 100.0) * issued as f64).round().clamp(0.0, max_shares as f64) as u64;
    if r.changed() && shares != h.shares {
        let holding = &mut app.doc.scenario.holdings[k];
        holding.shares = shares;
        holding.double_voting_shares = holding.double_voting_shares.min(shares);
    }
    let double = app.doc.scenario.holdings[k].double_voting_shares;
    let extra = if double > 0 { format!(", {double} with double votes") } else { String::new() };
    ui.label(RichText::new(format!("{} shares{extra}", app.doc.scenario.holdings[k].shares)).small().weak());
    ui.add_space(4.0);
    remove && editable
}

/// The status badge: colour and text by status, the rule on hover.
pub fn badge(ui: &mut egui::Ui, status: Option<(VoteStatus, Option<crate::model::RuleName>)>) {
    let Some((status, rule)) = status else {
        ui.label(RichText::new("no shares at playhead").small().weak());
        return;
    };
    let (text, color) = match status {
        VoteStatus::Full => ("full", Color32::from_rgb(0x2e, 0x7d, 0x32)),
        VoteStatus::Capped => ("capped", Color32::from_rgb(0xe6, 0x8a, 0x00)),
        VoteStatus::Neutral => ("neutral", Color32::from_rgb(0x6a, 0x6a, 0xa0)),
        VoteStatus::Suppressed => ("suppressed", Color32::from_rgb(0xc6, 0x28, 0x28)),
    };
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

fn events_section(ui: &mut egui::Ui, app: &mut AllianceApp) {
    egui::CollapsingHeader::new(RichText::new("Event amounts").strong()).default_open(false).show(ui, |ui| {
        for k in 0..app.doc.scenario.events.len() {
            event_amount(ui, app, k);
        }
    });
}

/// A slider for the number of shares an event moves, in percent of the issuer's capital.
fn event_amount(ui: &mut egui::Ui, app: &mut AllianceApp, k: usize) {
    let s = &app.doc.scenario;
    let event = s.events[k].clone();
    let (issuer, shares) = match &event {
        Event::Transfer { issuer, shares, .. }
        | Event::Buyback { issuer, shares, .. }
        | Event::Issue { issuer, shares, .. }
        | Event::PhasedSale { issuer, shares, .. }
        | Event::Cancellation { issuer, shares, .. } => (issuer.clone(), *shares),
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
            !app.presenting(),
            egui::Slider::new(&mut value, 0.0..=top).custom_formatter(|v, _| format!("{v:.2}")).suffix("%").text(label),
        )
        .on_hover_text(event.summary());
    let new = ((value / 100.0) * issued as f64).round().max(1.0) as u64;
    if r.changed()
        && new != shares
        && let Event::Transfer { shares, .. }
        | Event::Buyback { shares, .. }
        | Event::Issue { shares, .. }
        | Event::PhasedSale { shares, .. }
        | Event::Cancellation { shares, .. } = &mut app.doc.scenario.events[k]
    {
        *shares = new;
    }
}

/// The state of the "add" forms, kept in egui memory.
#[derive(Clone, Default)]
struct AddForm {
    holder: String,
    issuer: String,
    name: String,
    kind: usize,
}

fn add_section(ui: &mut egui::Ui, app: &mut AllianceApp) {
    if app.presenting() {
        return;
    }
    let id = egui::Id::unique("add-form");
    let mut form: AddForm = ui.data_mut(|d| d.get_temp(id)).unwrap_or_default();
    egui::CollapsingHeader::new(RichText::new("Add or remove").strong()).default_open(false).show(ui, |ui| {
        let ids: Vec<String> = app.doc.scenario.entities.iter().map(|e| e.id.clone()).collect();
        let companies: Vec<String> = app.doc.scenario.company_ids().into_iter().map(str::to_string).collect();
        combo(ui, "Holder", &mut form.holder, &ids);
        combo(ui, "Issuer", &mut form.issuer, &companies);
        let exists = app.doc.scenario.holdings.iter().any(|h| h.holder == form.holder && h.issuer == form.issuer);
        let ok = !form.holder.is_empty() && !form.issuer.is_empty() && form.holder != form.issuer && !exists;
        if ui.add_enabled(ok, egui::Button::new("Add holding")).clicked() {
            app.doc.scenario.holdings.push(Holding {
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
        let kinds = ["Investor", "Company (France)", "Company (Japan)", "Company (other)"];
        egui::ComboBox::from_label("Kind").selected_text(kinds[form.kind.min(3)]).show_ui(ui, |ui| {
            for (k, name) in kinds.iter().enumerate() {
                ui.selectable_value(&mut form.kind, k, *name);
            }
        });
        let id_text = slug(&form.name);
        let free = !id_text.is_empty() && id_text != MARKET && app.doc.scenario.entity(&id_text).is_none();
        if ui.add_enabled(free, egui::Button::new("Add entity")).clicked() {
            app.doc.scenario.entities.push(new_entity(
                &id_text,
                &form.name,
                form.kind,
                app.doc.scenario.entities.len(),
            ));
            form.name.clear();
        }
        ui.separator();
        remove_entity(ui, app);
    });
    ui.data_mut(|d| d.insert_temp(id, form));
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

/// A new entity with a colour from a fixed palette.
fn new_entity(id: &str, name: &str, kind: usize, n: usize) -> Entity {
    const PALETTE: [Color; 6] = [
        Color::rgb(0x1f, 0x77, 0xb4),
        Color::rgb(0x2c, 0xa0, 0x2c),
        Color::rgb(0xd6, 0x27, 0x28),
        Color::rgb(0x94, 0x67, 0xbd),
        Color::rgb(0x8c, 0x56, 0x4b),
        Color::rgb(0x17, 0xbe, 0xcf),
    ];
    let company = |j| EntityKind::Company {
        jurisdiction: j,
        issued_shares: 1_000_000,
        treasury_shares: 0,
        theoretical_votes: None,
    };
    Entity {
        id: id.to_string(),
        name: name.trim().to_string(),
        color: PALETTE[n % PALETTE.len()],
        kind: match kind {
            1 => company(Jurisdiction::France),
            2 => company(Jurisdiction::Japan),
            3 => company(Jurisdiction::Other),
            _ => EntityKind::Investor,
        },
        source: None,
    }
}

/// Removes an entity that nothing names.
fn remove_entity(ui: &mut egui::Ui, app: &mut AllianceApp) {
    ui.label("Remove an entity (only one that nothing refers to):");
    let mut remove = None;
    for e in &app.doc.scenario.entities {
        let free = !app.doc.scenario.is_referenced(&e.id);
        if ui
            .add_enabled(free, egui::Button::new(format!("Remove {}", e.name)))
            .on_disabled_hover_text("holdings, caps or events still name it")
            .clicked()
        {
            remove = Some(e.id.clone());
        }
    }
    if let Some(id) = remove {
        app.doc.scenario.entities.retain(|e| e.id != id);
    }
}
