//! One holding's row in the holdings panel: its slider at the playhead, the exact share count,
//! the what-if adjustment it made and its counterparty, and the holder's voting-status badge.

use std::collections::BTreeMap;

use eframe::egui::{self, RichText};

use super::at_playhead::{AtPlayhead, pct};
use crate::app::editing::event_form;
use crate::app::panels::context::PanelCtx;
use crate::app::widgets::paint;
use crate::chart::palette;
use crate::engine::{IssuerResult, VoteStatus};
use crate::model::{MARKET, Scenario, thousands, what_if};

/// Where a holding's start figure comes from (the file's `source`), and the holder's.
pub(super) fn holding_source(s: &Scenario, holder: &str, issuer: &str) -> String {
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
pub(super) fn holding_row(
    ui: &mut egui::Ui,
    cx: &mut PanelCtx<'_>,
    issuer: &str,
    holder: &str,
    at: &AtPlayhead,
    result: Option<&IssuerResult>,
    choices: &mut Choices,
) -> bool {
    let remove = row_header(ui, cx, issuer, holder, at, result);
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
    let label = format!("{} in {}", cx.scenario.name_of(holder), cx.scenario.name_of(issuer));
    let row = Row { editable: cx.editable && blocked.is_none(), blocked, label, issued, now, max_shares };
    let mut shares = share_slider(ui, cx, at, &row, &counterparty);
    ui.horizontal(|ui| {
        if let Some(typed) = share_count(ui, &row, shares) {
            shares = typed;
        }
        if !at.initial && row.editable {
            counterparty_choice(ui, cx.scenario, issuer, holder, &counterparty, &key, choices);
        }
    });
    if shares != now && row.editable {
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

/// What a holding's slider and share count work on.
struct Row {
    /// Whether the holding can be changed here (editing allowed and the register readable).
    editable: bool,
    /// Why the holding cannot be changed at the playhead, if it cannot.
    blocked: Option<String>,
    /// "Holder in Issuer".
    label: String,
    /// Shares the issuer has issued at the playhead.
    issued: u64,
    /// Shares the holder holds at the playhead.
    now: u64,
    /// The most the holder can hold (what it holds and what the counterparty holds).
    max_shares: u64,
}

/// The row's first line: colour, holder, status badge and remove. Returns whether remove was
/// clicked.
fn row_header(
    ui: &mut egui::Ui,
    cx: &PanelCtx<'_>,
    issuer: &str,
    holder: &str,
    at: &AtPlayhead,
    result: Option<&IssuerResult>,
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
    remove
}

/// The holding's slider, in percent of the issued capital. Returns the shares it sets (the
/// holding as it is when it was not moved).
fn share_slider(ui: &mut egui::Ui, cx: &PanelCtx<'_>, at: &AtPlayhead, row: &Row, counterparty: &str) -> u64 {
    let mut value = pct(row.now, row.issued);
    let top = pct(row.max_shares, row.issued).max(value);
    let label = &row.label;
    let r = ui.add_enabled(
        row.editable,
        egui::Slider::new(&mut value, 0.0..=top)
            .custom_formatter(|v, _| format!("{v:.2}"))
            .custom_parser(|t| t.trim().trim_end_matches('%').trim().parse().ok())
            .suffix("%")
            .text(label.clone()),
    );
    let r = match &row.blocked {
        Some(why) => r.on_disabled_hover_text(why),
        None if at.initial => {
            r.on_hover_text(format!("{label} on the start date ({}): the initial holding", cx.scenario.start))
        }
        None => r.on_hover_text(format!(
            "{label} on {}: dragging sets it with a what-if transfer with {} on that date",
            at.date,
            cx.scenario.name_of(counterparty)
        )),
    };
    if r.changed() {
        ((value / 100.0) * row.issued as f64).round().clamp(0.0, row.max_shares as f64) as u64
    } else {
        row.now
    }
}

/// The exact share count, dragged or typed. Returns the count when it was changed.
fn share_count(ui: &mut egui::Ui, row: &Row, shares: u64) -> Option<u64> {
    let mut typed = shares;
    let d = ui
        .add_enabled(
            row.editable,
            egui::DragValue::new(&mut typed)
                .range(0..=row.max_shares)
                .speed((row.issued as f64 / 2000.0).max(1.0))
                .custom_formatter(|v, _| thousands(v.max(0.0) as u64))
                .custom_parser(|t| event_form::parse_shares(t).ok().map(|n| n as f64))
                .suffix(" shares"),
        )
        .on_hover_text("Drag, or click and type an exact share count");
    let label = &row.label;
    d.widget_info(|| egui::WidgetInfo::labeled(egui::Role::SpinButton, row.editable, format!("Shares of {label}")));
    d.changed().then_some(typed)
}

/// The what-if on the playhead's date for a holding: what it does, and remove.
pub(super) fn adjustment_line(ui: &mut egui::Ui, cx: &mut PanelCtx<'_>, k: usize) {
    let e = cx.scenario.events[k].clone();
    let mut remove = false;
    ui.horizontal(|ui| {
        ui.label(RichText::new("○ what-if").small().color(paint::c32(palette::WHAT_IF)));
        ui.label(RichText::new(cx.scenario.event_summary(&e)).small()).on_hover_text(cx.scenario.event_title(&e));
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
pub(super) fn counterparty_choice(
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
        .on_hover_text("Who sells to (or buys from) this holder in the what-if: the public float by default");
    if chosen != current {
        choices.insert(key.clone(), chosen);
    }
}

/// The status badge: colour and text by status, the rule on hover.
fn badge(ui: &mut egui::Ui, status: Option<(VoteStatus, Option<crate::model::RuleName>)>) {
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
