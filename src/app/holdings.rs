//! The left panel: one slider per holding grouped by issuer, showing the holding at the
//! playhead (percent of issued capital, and the exact share count to type). On the start
//! date it edits the initial holding; on a later date it makes one what-if adjustment on
//! that date (a transfer with the market or a counterparty chosen), marked and removable.
//! Also: each holder's voting status at the playhead, the float and its turnout, the list of
//! events with their amounts, goal seek, and adding or removing entities and holdings.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use eframe::egui::{self, RichText};

use super::event_edit;
use super::event_form;
use super::goal_seek::GoalSeekPanel;
use super::paint;
use super::panel::PanelCtx;
use crate::chart::palette;
use crate::engine::{IssuerResult, VoteStatus};
use crate::model::ledger::{self, Register};
use crate::model::validate::ValidationError;
use crate::model::{
    Entity, EntityKind, FloatModel, Fraction, Holding, Jurisdiction, MARKET, Scenario, thousands, what_if,
};

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

fn pct(n: u64, d: u64) -> f64 {
    if d == 0 { 0.0 } else { n as f64 * 100.0 / d as f64 }
}

/// The register at the playhead, read once a frame: on the start date the initial holdings,
/// later the model's replay up to the playhead (an error when an earlier event cannot happen).
pub struct AtPlayhead {
    /// The playhead.
    date: NaiveDate,
    /// Whether the playhead is on (or before) the start date.
    initial: bool,
    /// The register in force at the playhead, or why there is none.
    register: Result<Register, ValidationError>,
}

impl AtPlayhead {
    fn read(s: &Scenario, date: NaiveDate) -> AtPlayhead {
        let initial = date <= s.start;
        AtPlayhead { date, initial, register: what_if::register_on(s, date.max(s.start)) }
    }

    /// Issued and treasury shares of `issuer` at the playhead.
    fn capital(&self, s: &Scenario, issuer: &str) -> (u64, u64) {
        match &self.register {
            Ok(r) if !self.initial => r.capital.get(issuer).map_or((0, 0), |c| (c.issued, c.treasury)),
            _ => s.start_capital(issuer),
        }
    }

    /// Shares of `issuer` that `party` holds at the playhead (the market: the float).
    fn held(&self, s: &Scenario, party: &str, issuer: &str) -> u64 {
        match &self.register {
            Ok(r) if !self.initial => ledger::held(r, party, issuer),
            _ if party == MARKET => s.start_float(issuer),
            _ => s.holdings.iter().find(|h| h.holder == party && h.issuer == issuer).map_or(0, |h| h.shares),
        }
    }

    /// The holders shown for `issuer`: the initial holdings, then anyone else holding at the
    /// playhead (a trust that received shares, a what-if buyer).
    fn holders(&self, s: &Scenario, issuer: &str) -> Vec<String> {
        let mut out: Vec<String> = s.holdings.iter().filter(|h| h.issuer == issuer).map(|h| h.holder.clone()).collect();
        if let Ok(r) = &self.register
            && !self.initial
        {
            for (holder, _) in r.holders_of(issuer) {
                if !out.iter().any(|h| h == holder) {
                    out.push(holder.to_string());
                }
            }
        }
        out
    }

    /// Why the holdings at the playhead cannot be changed, if they cannot.
    fn blocked(&self) -> Option<String> {
        match &self.register {
            Err(e) if !self.initial => Some(format!(
                "The scenario cannot be replayed to {}: {e}. Fix the conflict above the plots, or move the \
                playhead before it.",
                self.date
            )),
            _ => None,
        }
    }
}

/// Where a holding's start figure comes from (the file's `source`), and the holder's.
fn holding_source(s: &Scenario, holder: &str, issuer: &str) -> String {
    let holding = s.holdings.iter().find(|h| h.holder == holder && h.issuer == issuer).and_then(|h| h.source.clone());
    let entity = s.entity(holder).and_then(|e| e.source.clone());
    let mut out = match holding {
        Some(src) => format!("Holding on the start date — source: {src}"),
        None => "Holding on the start date — no source given in the file.".to_string(),
    };
    if let Some(e) = entity {
        out.push_str(&format!("\n{}: {e}", s.name_of(holder)));
    }
    out
}

/// The counterparty chosen for each holding's what-ifs, keyed by (holder, issuer).
pub type Choices = BTreeMap<(String, String), String>;

/// One holding at the playhead: status badge, slider and share count (on the start date the
/// initial holding; later a what-if on the playhead's date, with the counterparty chosen),
/// the adjustment if one is there, remove. Returns true to remove the initial holding.
fn holding_row(
    ui: &mut egui::Ui,
    cx: &mut PanelCtx<'_>,
    issuer: &str,
    holder: &str,
    at: &AtPlayhead,
    result: Option<&IssuerResult>,
    choices: &mut Choices,
) -> bool {
    let holder_name = cx.scenario.name_of(holder).to_string();
    let issuer_name = cx.scenario.name_of(issuer).to_string();
    let color = cx.scenario.entity(holder).map_or_else(|| ui.visuals().text_color(), |e| paint::line(ui, e.color));
    let is_initial = cx.scenario.holdings.iter().any(|h| h.holder == holder && h.issuer == issuer);
    let mut remove = false;
    ui.horizontal(|ui| {
        ui.label(RichText::new("■").color(color));
        ui.label(&holder_name).on_hover_text(holding_source(cx.scenario, holder, issuer));
        badge(ui, result.and_then(|x| x.votes.holder(holder)).map(|v| (v.status, v.rule)));
        if at.initial && is_initial && cx.editable {
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                remove = ui
                    .small_button("✕")
                    .on_hover_text(format!("Remove the holding of {holder_name} in {issuer_name}"))
                    .clicked();
            });
        }
    });
    let (issued, _) = at.capital(cx.scenario, issuer);
    let now = at.held(cx.scenario, holder, issuer);
    let existing = (!at.initial).then(|| what_if::adjustment(cx.scenario, holder, issuer, at.date)).flatten();
    let key = (holder.to_string(), issuer.to_string());
    let counterparty = choices
        .get(&key)
        .cloned()
        .or_else(|| existing.and_then(|k| what_if::counterparty(&cx.scenario.events[k], holder)))
        .unwrap_or_else(|| MARKET.to_string());
    let max_shares = if at.initial {
        now + at.held(cx.scenario, MARKET, issuer)
    } else {
        now + at.held(cx.scenario, &counterparty, issuer)
    };
    let blocked = at.blocked();
    let editable = cx.editable && blocked.is_none();
    let mut value = pct(now, issued);
    let top = pct(max_shares, issued).max(value);
    let label = format!("{holder_name} in {issuer_name}");
    let r = ui.add_enabled(
        editable,
        egui::Slider::new(&mut value, 0.0..=top)
            .custom_formatter(|v, _| format!("{v:.2}"))
            .custom_parser(|t| t.trim().trim_end_matches('%').trim().parse().ok())
            .suffix("%")
            .text(label.clone()),
    );
    let r = match &blocked {
        Some(why) => r.on_disabled_hover_text(why),
        None if at.initial => {
            r.on_hover_text(format!("{label} on the start date ({}): the initial holding", cx.scenario.start))
        }
        None => r.on_hover_text(format!(
            "{label} on {}: dragging sets it with a what-if transfer with {} on that date",
            at.date,
            cx.scenario.name_of(&counterparty)
        )),
    };
    let mut shares = now;
    if r.changed() {
        shares = ((value / 100.0) * issued as f64).round().clamp(0.0, max_shares as f64) as u64;
    }
    ui.horizontal(|ui| {
        let mut typed = shares;
        let d = ui
            .add_enabled(
                editable,
                egui::DragValue::new(&mut typed)
                    .range(0..=max_shares)
                    .speed((issued as f64 / 2000.0).max(1.0))
                    .custom_formatter(|v, _| thousands(v.max(0.0) as u64))
                    .custom_parser(|t| event_form::parse_shares(t).ok().map(|n| n as f64))
                    .suffix(" shares"),
            )
            .on_hover_text("Drag, or click and type an exact share count");
        d.widget_info(|| egui::WidgetInfo::labeled(egui::Role::SpinButton, editable, format!("Shares of {label}")));
        if d.changed() {
            shares = typed;
        }
        if !at.initial && editable {
            counterparty_choice(ui, cx.scenario, issuer, holder, &counterparty, &key, choices);
        }
    });
    if shares != now && editable {
        let date = if at.initial { cx.scenario.start } else { at.date };
        let cp = (!at.initial).then_some(counterparty.as_str());
        if let Err(e) = what_if::set_holding_on(cx.scenario, holder, issuer, date, shares, cp) {
            ui.label(RichText::new(e.to_string()).small().color(ui.visuals().error_fg_color));
        }
    }
    if let Some(k) = existing.filter(|&k| k < cx.scenario.events.len()) {
        adjustment_line(ui, cx, k);
    }
    ui.add_space(4.0);
    remove && cx.editable
}

/// The what-if on the playhead's date for a holding: what it does, and remove.
fn adjustment_line(ui: &mut egui::Ui, cx: &mut PanelCtx<'_>, k: usize) {
    let e = cx.scenario.events[k].clone();
    let mut remove = false;
    ui.horizontal(|ui| {
        ui.label(RichText::new("○ what-if").small().color(paint::c32(palette::WHAT_IF)));
        ui.label(RichText::new(e.summary()).small()).on_hover_text(cx.scenario.event_title(&e));
        remove = cx.editable
            && ui
                .small_button("Remove what-if")
                .on_hover_text("Remove this what-if: the holding goes back to the scenario's")
                .clicked();
    });
    if remove {
        cx.scenario.events.remove(k);
        cx.view.selected_events.clear();
    }
}

/// The counterparty of a holding's what-ifs: the market, or anyone else.
fn counterparty_choice(
    ui: &mut egui::Ui,
    s: &Scenario,
    issuer: &str,
    holder: &str,
    current: &str,
    key: &(String, String),
    choices: &mut Choices,
) {
    let mut chosen = current.to_string();
    let mut options = vec![MARKET.to_string()];
    options.extend(s.entities.iter().map(|e| e.id.clone()).filter(|id| id != holder && id != issuer));
    egui::ComboBox::from_id_salt(("counterparty", holder, issuer))
        .selected_text(format!("with {}", s.name_of(&chosen)))
        .width(130.0)
        .show_ui(ui, |ui| {
            for o in &options {
                ui.selectable_value(&mut chosen, o.clone(), s.name_of(o));
            }
        })
        .response
        .on_hover_text("Who sells to (or buys from) this holder in the what-if: the market by default");
    if chosen != current {
        choices.insert(key.clone(), chosen);
    }
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
