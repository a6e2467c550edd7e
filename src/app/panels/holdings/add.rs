//! Adding and removing entities and holdings from the holdings panel.

use eframe::egui::{self, RichText};

use crate::app::panels::context::PanelCtx;
use crate::chart::palette;
use crate::model::{Entity, EntityKind, Holding, Jurisdiction, MARKET};

/// The state of the "add" forms.
#[derive(Debug, Clone, Default)]
pub(super) struct AddForm {
    holder: String,
    issuer: String,
    name: String,
    kind: NewKind,
}

/// The kinds of entity the "add" form creates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(super) enum NewKind {
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

pub(super) fn add_section(ui: &mut egui::Ui, cx: &mut PanelCtx<'_>, form: &mut AddForm) {
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

pub(super) fn combo(ui: &mut egui::Ui, label: &str, value: &mut String, options: &[String]) {
    egui::ComboBox::from_label(label).selected_text(value.as_str()).show_ui(ui, |ui| {
        for o in options {
            ui.selectable_value(value, o.clone(), o);
        }
    });
}

/// An id from a name: lowercase letters, digits and dashes.
pub(super) fn slug(name: &str) -> String {
    let s: String =
        name.trim().to_lowercase().chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '-' }).collect();
    s.split('-').filter(|p| !p.is_empty()).collect::<Vec<_>>().join("-")
}

/// A new entity, with the `n`-th colour of the palette's cycle for new entities.
pub(super) fn new_entity(id: &str, name: &str, kind: NewKind, n: usize) -> Entity {
    Entity {
        id: id.to_string(),
        name: name.trim().to_string(),
        color: palette::new_entity(n),
        kind: kind.entity_kind(),
        source: None,
    }
}

/// Removes an entity that nothing names.
pub(super) fn remove_entity(ui: &mut egui::Ui, cx: &mut PanelCtx<'_>) {
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
