//! The conflict banner above the plots: when an edit makes a later event impossible, it says
//! in full which event, on which date and why, and offers the fixes in one click (reduce the
//! event to what is held, state it as `down_to` the stake it left, remove it, or undo).
//!
//! The fixes themselves are the model's ([`crate::model::what_if`]); the banner only offers
//! them and applies the one chosen to the scenario (one undo step each).

use eframe::egui::{self, RichText};

use crate::app::commands::Command;
use crate::app::panels::context::PanelCtx;
use crate::app::widgets::paint::c32;
use crate::chart::palette;
use crate::model::ledger::Conflict;
use crate::model::{Amount, Event, Scenario, thousands, what_if};

/// A fix the banner offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fix {
    /// Reduce the event's amount to what the seller holds.
    Reduce,
    /// State its amount as `down_to` the stake it left before the edit.
    DownTo,
    /// Remove the event.
    Remove,
}

/// Draws the banner when the results stop at a conflict; applies the fix chosen.
pub fn banner(ui: &mut egui::Ui, cx: &mut PanelCtx<'_>) {
    let Some(conflict) = cx.results.as_deref().and_then(|ev| ev.conflict.clone()) else { return };
    let culprit = what_if::culprit(cx.scenario, &conflict.events).or_else(|| conflict.events.first().copied());
    let title = culprit.and_then(|k| cx.scenario.events.get(k)).map(|e| cx.scenario.event_title(e));
    let color = c32(palette::CONFLICT);
    let mut chosen = None;
    egui::Frame::new()
        .stroke(egui::Stroke::new(1.5, color))
        .fill(color.gamma_multiply(0.08))
        .corner_radius(4.0)
        .inner_margin(egui::Margin::same(8))
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            let head = match &title {
                Some(t) => format!("⚠ Conflict on {}: \u{201c}{t}\u{201d} cannot happen", conflict.date),
                None => format!("⚠ Conflict on {}: an event cannot happen", conflict.date),
            };
            ui.label(RichText::new(head).strong().color(color));
            ui.add(egui::Label::new(conflict.error.to_string()).wrap());
            ui.label(
                RichText::new(format!(
                    "The plots show the results up to {}; from {} on nothing is known until the conflict is fixed.",
                    conflict.date.pred_opt().unwrap_or(conflict.date),
                    conflict.date
                ))
                .small()
                .weak(),
            );
            if cx.editable {
                ui.horizontal_wrapped(|ui| chosen = fix_buttons(ui, cx, &conflict, culprit));
            }
        });
    ui.add_space(4.0);
    if let (Some(fix), Some(k)) = (chosen, culprit) {
        apply(cx, fix, k);
    }
}

/// The fix buttons; returns the one clicked. Undo is queued as a command at once.
fn fix_buttons(ui: &mut egui::Ui, cx: &mut PanelCtx<'_>, conflict: &Conflict, culprit: Option<usize>) -> Option<Fix> {
    let mut chosen = None;
    if let Some(k) = culprit {
        let fit = reduced_count(ui, cx, conflict, k);
        let label = match fit {
            Some(n) if n > 0 => format!("Reduce it to {} shares (what is held)", thousands(n)),
            _ => "Reduce it to what is held".to_string(),
        };
        if ui
            .add_enabled(fit.is_some_and(|n| n > 0), egui::Button::new(label))
            .on_hover_text("Sell only the shares the seller holds on that date")
            .on_disabled_hover_text(
                "Not offered: the conflict is not about selling more than is held, or nothing is held to sell",
            )
            .clicked()
        {
            chosen = Some(Fix::Reduce);
        }
        let left = cx.sound.and_then(|before| down_to_before(before, cx.scenario, k));
        let label = match left {
            Some(f) => format!("Sell down to {} instead", crate::model::percent(f)),
            None => "Sell down to the stake it left".to_string(),
        };
        if ui
            .add_enabled(left.is_some(), egui::Button::new(label))
            .on_hover_text(
                "State the amount as the stake the seller keeps (down_to), as it was before the edit, \
                 so that it follows earlier holdings",
            )
            .on_disabled_hover_text("Only a transfer or phased sale that could happen before the edit has such a stake")
            .clicked()
        {
            chosen = Some(Fix::DownTo);
        }
        if ui.button("Remove the event").on_hover_text("Delete this event from the scenario").clicked() {
            chosen = Some(Fix::Remove);
        }
    }
    if ui.button("Undo the edit").on_hover_text("Go back one step (Ctrl+Z)").clicked() {
        cx.command(Command::Undo);
    }
    chosen
}

/// The share count "reduce" would give event `k`, worked out once per evaluation (a few
/// dozen replays) and not while the pointer is down (a drag evaluates every frame).
fn reduced_count(ui: &egui::Ui, cx: &PanelCtx<'_>, conflict: &Conflict, k: usize) -> Option<u64> {
    if !what_if::can_reduce(&conflict.kind) {
        return None;
    }
    let key = cx.results.as_ref().map_or(0, |r| std::sync::Arc::as_ptr(r) as usize);
    let id = egui::Id::unique("conflict-reduced-count");
    if let Some((at, n)) = ui.data(|d| d.get_temp::<(usize, Option<u64>)>(id))
        && at == key
    {
        return n;
    }
    if ui.input(|i| i.pointer.any_down()) {
        return None;
    }
    let n = what_if::fit_to_holding(cx.scenario, k);
    ui.data_mut(|d| d.insert_temp(id, (key, n)));
    n
}

/// The stake event `k` of `now` left its seller in `before`, when `before` holds the same
/// event (the same kind, issuer and seller on any date).
fn down_to_before(before: &Scenario, now: &Scenario, k: usize) -> Option<crate::model::Fraction> {
    let (a, b) = (before.events.get(k)?, now.events.get(k)?);
    if seller_of(a)? != seller_of(b)? {
        return None;
    }
    what_if::stake_left(before, k)
}

/// The issuer and seller of a transfer or phased sale.
fn seller_of(e: &Event) -> Option<(&str, &str)> {
    match e {
        Event::Transfer { issuer, from, .. } => Some((issuer, from)),
        Event::PhasedSale { issuer, seller, .. } => Some((issuer, seller)),
        _ => None,
    }
}

fn apply(cx: &mut PanelCtx<'_>, fix: Fix, k: usize) {
    match fix {
        Fix::Reduce => {
            if let Some(n) = what_if::fit_to_holding(cx.scenario, k) {
                cx.scenario.events[k].set_share_count(n);
            }
        }
        Fix::DownTo => {
            if let Some(f) = cx.sound.and_then(|before| down_to_before(before, cx.scenario, k)) {
                cx.scenario.events[k].set_amount(Amount::DownTo(f));
            }
        }
        Fix::Remove => {
            cx.scenario.events.remove(k);
            cx.view.selected_events.clear();
        }
    }
}
