//! The "Add an event" form's window and fields, by kind of event.

use eframe::egui::{self, RichText};

use super::form::{AmountKind, BehaviourChoice, EventForm, FormKind};
use crate::app::panels::context::PanelCtx;
use crate::app::widgets::date_field::date_field;
use crate::model::{MARKET, RuleName, Scenario};

/// What the form's window asks for after drawing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormAction {
    /// Nothing yet.
    Open,
    /// Add the event and close.
    Add,
    /// Close without adding.
    Cancel,
}

/// Draws the form in a window over the app; adds the event to the scenario on "Add".
/// Returns whether the form stays open.
pub fn window(ctx: &egui::Context, cx: &mut PanelCtx<'_>, form: &mut EventForm) -> bool {
    let mut action = FormAction::Open;
    let mut open = true;
    egui::Window::new("Add an event")
        .open(&mut open)
        .collapsible(false)
        .resizable(false)
        .default_width(380.0)
        .show(ctx, |ui| action = fields(ui, cx.scenario, form));
    match action {
        FormAction::Add => match form.event() {
            Ok(e) => {
                cx.scenario.events.push(e);
                cx.view.selected_events = [cx.scenario.events.len() - 1].into_iter().collect();
                false
            }
            Err(_) => true,
        },
        FormAction::Cancel => false,
        FormAction::Open => open,
    }
}

/// The form's fields, by kind; returns the button pressed.
fn fields(ui: &mut egui::Ui, s: &Scenario, f: &mut EventForm) -> FormAction {
    egui::Grid::new("event-form").num_columns(2).spacing([8.0, 6.0]).show(ui, |ui| {
        ui.label("Kind");
        egui::ComboBox::from_id_salt("event-form-kind").selected_text(f.kind.label()).width(250.0).show_ui(ui, |ui| {
            for k in FormKind::ALL {
                ui.selectable_value(&mut f.kind, k, k.label());
            }
        });
        ui.end_row();
        ui.label(if f.kind == FormKind::PhasedSale { "First tranche" } else { "Date" });
        date_field(ui, "event-form-date", &mut f.date, "Event date");
        ui.end_row();
        if f.kind == FormKind::PhasedSale {
            ui.label("Last tranche");
            date_field(ui, "event-form-end", &mut f.end, "Last tranche date");
            ui.end_row();
            ui.label("Tranches");
            ui.add(egui::DragValue::new(&mut f.tranches).range(1..=10_000));
            ui.end_row();
        }
        if f.kind.has_issuer() {
            let companies: Vec<String> = s.company_ids().into_iter().map(str::to_string).collect();
            party(ui, s, "Issuer", &mut f.issuer, &companies);
        }
        parties(ui, s, f);
        kind_fields(ui, f);
        ui.label("Caption");
        ui.add(egui::TextEdit::singleline(&mut f.caption).desired_width(250.0).hint_text("what presenters see"));
        ui.end_row();
        ui.label("Source");
        ui.add(
            egui::TextEdit::singleline(&mut f.source)
                .desired_width(250.0)
                .hint_text("a disclosure, or \"estimate: …\""),
        );
        ui.end_row();
    });
    let built = f.event();
    if let Err(why) = &built {
        ui.label(RichText::new(why).color(ui.visuals().warn_fg_color));
    } else if let Ok(e) = &built {
        ui.label(RichText::new(s.event_title(e)).weak());
    }
    let mut action = FormAction::Open;
    ui.horizontal(|ui| {
        if ui.add_enabled(built.is_ok(), egui::Button::new("Add")).clicked() {
            action = FormAction::Add;
        }
        if ui.button("Cancel").clicked() {
            action = FormAction::Cancel;
        }
    });
    action
}

/// The parties the kind names.
fn parties(ui: &mut egui::Ui, s: &Scenario, f: &mut EventForm) {
    let mut all: Vec<String> = s.entities.iter().map(|e| e.id.clone()).collect();
    all.push(MARKET.to_string());
    let entities: Vec<String> = s.entities.iter().map(|e| e.id.clone()).collect();
    match f.kind {
        FormKind::Transfer | FormKind::PhasedSale => {
            party(ui, s, "Seller", &mut f.from, &all);
            party(ui, s, "Buyer", &mut f.to, &all);
        }
        FormKind::Buyback => party(ui, s, "Bought from", &mut f.from, &all),
        FormKind::Issue => party(ui, s, "New shares to", &mut f.to, &all),
        FormKind::VoteCap | FormKind::LiftVoteCap => party(ui, s, "Capped holder", &mut f.from, &entities),
        FormKind::Behaviour => {
            party(ui, s, "Holder", &mut f.from, &entities);
            if f.behaviour == BehaviourChoice::Follows {
                party(ui, s, "Follows", &mut f.to, &entities);
            }
        }
        FormKind::Cancellation | FormKind::Rule | FormKind::VoteCount | FormKind::Milestone => {}
    }
}

/// The fields only some kinds have.
fn kind_fields(ui: &mut egui::Ui, f: &mut EventForm) {
    match f.kind {
        FormKind::Transfer | FormKind::PhasedSale => {
            choice(ui, "Amount as", &mut f.amount_kind, &AmountKind::ALL, AmountKind::label);
            amount(ui, "Amount", &mut f.amount, f.amount_kind.hint());
        }
        FormKind::Buyback => {
            amount(ui, "Shares", &mut f.amount, AmountKind::Shares.hint());
            ui.label("");
            ui.checkbox(&mut f.cancel, "cancelled at once (else kept in treasury)");
            ui.end_row();
        }
        FormKind::Cancellation | FormKind::Issue => amount(ui, "Shares", &mut f.amount, AmountKind::Shares.hint()),
        FormKind::VoteCap => amount(ui, "Cap", &mut f.cap, "e.g. 15% of the votes"),
        FormKind::Rule => {
            choice(ui, "Rule", &mut f.rule, &RuleName::ALL, RuleName::label);
            ui.label("");
            ui.checkbox(&mut f.on, "on from this date (else off)");
            ui.end_row();
        }
        FormKind::Behaviour => {
            choice(ui, "Behaviour", &mut f.behaviour, &BehaviourChoice::ALL, BehaviourChoice::label);
        }
        FormKind::VoteCount => amount(ui, "Theoretical votes", &mut f.votes, "treasury included"),
        FormKind::LiftVoteCap | FormKind::Milestone => {}
    }
}

fn amount(ui: &mut egui::Ui, label: &str, text: &mut String, hint: &str) {
    let l = ui.label(label);
    ui.add(egui::TextEdit::singleline(text).desired_width(160.0).hint_text(hint)).labelled_by(l.id);
    ui.end_row();
}

/// A combo box of parties shown by name.
fn party(ui: &mut egui::Ui, s: &Scenario, label: &str, value: &mut String, options: &[String]) {
    ui.label(label);
    let shown = if value.is_empty() { "choose…".to_string() } else { s.name_of(value).to_string() };
    egui::ComboBox::from_id_salt(("event-form-party", label)).selected_text(shown).width(250.0).show_ui(ui, |ui| {
        for o in options {
            ui.selectable_value(value, o.clone(), s.name_of(o));
        }
    });
    ui.end_row();
}

/// A row of the form: `label`, then a box to choose one of `all` by its `name`.
fn choice<T: Copy + PartialEq>(ui: &mut egui::Ui, label: &str, value: &mut T, all: &[T], name: fn(T) -> &'static str) {
    ui.label(label);
    egui::ComboBox::from_id_salt(("event-form-choice", label)).selected_text(name(*value)).show_ui(ui, |ui| {
        for &x in all {
            ui.selectable_value(value, x, name(x));
        }
    });
    ui.end_row();
}
