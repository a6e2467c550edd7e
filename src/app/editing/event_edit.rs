//! Editing the scenario's events: the bar under the timeline's controls for the events
//! selected (one: its date or window typed, its caption, remove; several: move them
//! together), and the list of events in the left panel (each by its user-facing title, with
//! its amount, its source on hover, what-if adjustments marked, remove).

use eframe::egui::{self, RichText};

use crate::app::panels::context::PanelCtx;
use crate::app::widgets::date_field::date_field;
use crate::app::widgets::paint::c32;
use crate::chart::palette;
use crate::model::{Event, Scenario, capitalised};

/// Selects event `k`: alone, or added to (removed from) the selection with Ctrl or Shift.
pub fn select(ui: &egui::Ui, cx: &mut PanelCtx<'_>, k: usize) {
    // The modifiers held now, or those the click itself carried (a click and its release may
    // come in one frame with the key already up).
    let add = ui.input(|i| {
        let held = |m: egui::Modifiers| m.command || m.shift;
        held(i.modifiers)
            || i.events.iter().any(|e| matches!(e, egui::Event::PointerButton { modifiers, .. } if held(*modifiers)))
    });
    let sel = &mut cx.view.selected_events;
    if add {
        if !sel.remove(&k) {
            sel.insert(k);
        }
    } else {
        sel.clear();
        sel.insert(k);
    }
}

/// Moves every selected event by `days` (a phased sale keeps its window's length).
pub fn move_selected(cx: &mut PanelCtx<'_>, days: i64) {
    let selected: Vec<usize> = cx.view.selected_events.iter().copied().collect();
    for k in selected {
        if let Some(e) = cx.scenario.events.get_mut(k) {
            let d = e.date();
            let moved = if days >= 0 {
                d.checked_add_days(chrono::Days::new(days.unsigned_abs()))
            } else {
                d.checked_sub_days(chrono::Days::new(days.unsigned_abs()))
            };
            if let Some(m) = moved {
                e.set_date(m);
            }
        }
    }
}

/// Removes event `k` and clears the selection (indices shift).
pub fn remove(cx: &mut PanelCtx<'_>, k: usize) {
    if k < cx.scenario.events.len() {
        cx.scenario.events.remove(k);
    }
    cx.view.selected_events.clear();
}

/// The bar for the selected events.
pub fn selection_bar(ui: &mut egui::Ui, cx: &mut PanelCtx<'_>, shift: &mut i64) {
    let selected: Vec<usize> =
        cx.view.selected_events.iter().copied().filter(|&k| k < cx.scenario.events.len()).collect();
    if selected.is_empty() {
        return;
    }
    ui.horizontal_wrapped(|ui| match selected.as_slice() {
        [] => {}
        [k] => one(ui, cx, *k),
        many => several(ui, cx, many.len(), shift),
    });
}

/// One event: its title, date (or window), caption, source, and remove.
fn one(ui: &mut egui::Ui, cx: &mut PanelCtx<'_>, k: usize) {
    let e = cx.scenario.events[k].clone();
    tag(ui, &e);
    ui.label(RichText::new(cx.scenario.event_title(&e)).strong())
        .on_hover_text(capitalised(&cx.scenario.event_summary(&e)));
    match e {
        Event::PhasedSale { start, end, .. } => {
            let (mut a, mut b) = (start, end);
            ui.label("from");
            let ca = date_field(ui, ("event-start", k), &mut a, "First tranche");
            ui.label("to");
            let cb = date_field(ui, ("event-end", k), &mut b, "Last tranche");
            if (ca || cb)
                && let Event::PhasedSale { start, end, .. } = &mut cx.scenario.events[k]
            {
                *start = a;
                *end = b.max(a);
            }
        }
        _ => {
            let mut d = e.date();
            ui.label("on");
            if date_field(ui, ("event-date", k), &mut d, "Event date") {
                cx.scenario.events[k].set_date(d);
            }
        }
    }
    ui.label("caption");
    let caption = cx.scenario.events[k].caption_mut();
    ui.add(egui::TextEdit::singleline(caption).desired_width(260.0).hint_text("what presenters see"));
    if let Some(src) = e.source() {
        ui.label(RichText::new("(source)").small().weak()).on_hover_text(src);
    }
    if ui.button("Remove").on_hover_text("Delete this event from the scenario (Ctrl+Z brings it back)").clicked() {
        remove(cx, k);
    }
}

/// Several events: how many, and moving them together.
fn several(ui: &mut egui::Ui, cx: &mut PanelCtx<'_>, n: usize, shift: &mut i64) {
    ui.label(RichText::new(format!("{n} events selected")).strong());
    ui.label("move them together by");
    ui.add(egui::DragValue::new(shift).range(-36_500..=36_500).suffix(" days"));
    if ui.button("Move").on_hover_text("Move every selected event by this many days (negative: earlier)").clicked() {
        move_selected(cx, *shift);
    }
    ui.label(RichText::new("or drag any of them on the timeline").small().weak());
    if ui.button("Clear selection").clicked() {
        cx.view.selected_events.clear();
    }
}

/// A small coloured tag for what-if adjustments.
fn tag(ui: &mut egui::Ui, e: &Event) {
    if e.is_what_if() {
        ui.label(RichText::new("what-if").small().color(c32(palette::WHAT_IF)))
            .on_hover_text("An adjustment made by moving a holding's slider at a later date");
    }
}

/// The list of events in the left panel: title, amount, source on hover, select, remove.
pub fn list(ui: &mut egui::Ui, cx: &mut PanelCtx<'_>) {
    let mut order: Vec<usize> = (0..cx.scenario.events.len()).collect();
    order.sort_by_key(|&k| cx.scenario.events[k].date());
    let mut removed = None;
    for k in order {
        let e = cx.scenario.events[k].clone();
        let selected = cx.view.selected_events.contains(&k);
        ui.horizontal(|ui| {
            tag(ui, &e);
            let title = cx.scenario.event_title(&e);
            let r = ui.selectable_label(selected, RichText::new(&title).small()).on_hover_text(hover(cx.scenario, &e));
            if r.clicked() {
                select(ui, cx, k);
                cx.view.playhead = e.date().clamp(cx.scenario.start, cx.scenario.end);
            }
            if cx.editable
                && ui
                    .small_button("✕")
                    .on_hover_text(format!("Remove \u{201c}{title}\u{201d} (Ctrl+Z brings it back)"))
                    .clicked()
            {
                removed = Some(k);
            }
        });
        amount(ui, cx, k);
    }
    if let Some(k) = removed {
        remove(cx, k);
    }
}

/// What hovering an event shows: what it does, its caption, and where its figures come from.
fn hover(s: &Scenario, e: &Event) -> String {
    let mut out = capitalised(&s.event_summary(e));
    if !e.caption().is_empty() {
        out.push_str(&format!("\n\n{}", e.caption()));
    }
    match e.source() {
        Some(src) => out.push_str(&format!("\n\nSource: {src}")),
        None if e.is_what_if() => out.push_str("\n\nA what-if made in the app (no source)."),
        None => out.push_str("\n\nNo source given in the file."),
    }
    out
}

/// A slider for the number of shares an event moves, in percent of the issuer's capital.
fn amount(ui: &mut egui::Ui, cx: &mut PanelCtx<'_>, k: usize) {
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
        _ => {
            if let Some(Ok(a)) = event.amount() {
                ui.label(RichText::new(format!("    {}", a.describe())).small().weak());
            }
            return;
        }
    };
    let (issued, _) = s.start_capital(&issuer);
    if issued == 0 {
        return;
    }
    let mut value = shares as f64 * 100.0 / issued as f64;
    let top = 100.0_f64.max(value);
    let label = format!("Amount of {}", s.event_title(&event));
    ui.horizontal(|ui| {
        ui.add_space(12.0);
        let r = ui
            .add_enabled(
                cx.editable,
                egui::Slider::new(&mut value, 0.0..=top)
                    .custom_formatter(|v, _| format!("{v:.2}"))
                    .custom_parser(|t| t.trim().trim_end_matches('%').trim().parse().ok())
                    .suffix("% of capital")
                    .text(""),
            )
            .on_hover_text(format!("{} shares", crate::model::thousands(shares)));
        r.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Slider, cx.editable, &label));
        let new = ((value / 100.0) * issued as f64).round().max(1.0) as u64;
        if r.changed() && new != shares {
            cx.scenario.events[k].set_share_count(new);
        }
    });
}
