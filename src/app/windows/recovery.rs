//! The recovery dialog: the work of an instance that ended without saving, offered back with
//! when it was autosaved, which file it belongs to, what differs from that file, and Recover /
//! Discard / Decide later. What is offered is read in [`crate::app::document::recovery`].

use chrono::{DateTime, Local, Utc};
use eframe::egui::{self, RichText};

use crate::app::document::recovery::{Baseline, Offer};

/// How many input differences the dialog lists before "and N more".
const SHOWN_CHANGES: usize = 12;

/// The user's answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Choice {
    /// Open the work as an unsaved document belonging to its file.
    Recover,
    /// Delete the recovery file.
    Discard,
    /// Keep it, ask again later (File menu, or the next start).
    Later,
}

/// The dialog for `offer` (`k` of `n`). Returns the answer once given.
pub fn dialog(ctx: &egui::Context, offer: &Offer, k: usize, n: usize) -> Option<Choice> {
    let mut choice = None;
    egui::Modal::new(egui::Id::unique("alliance-recovery")).show(ctx, |ui| {
        ui.set_max_width(620.0);
        let heading =
            if n > 1 { format!("Recover unsaved work? ({k} of {n})") } else { "Recover unsaved work?".into() };
        ui.heading(heading);
        ui.label("alliance-sim ended without saving this work. It was autosaved; nothing is lost until you choose.");
        ui.add_space(6.0);
        egui::Grid::new("recovery-facts").num_columns(2).spacing([12.0, 4.0]).show(ui, |ui| facts(ui, offer));
        ui.add_space(6.0);
        changes(ui, offer);
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            let can = offer.scenario.is_ok();
            let target = match offer.document() {
                Some(p) => format!("Opens it as unsaved changes to {}; Save writes there.", p.display()),
                None => "Opens it as an untitled scenario; Save asks where.".into(),
            };
            if ui.add_enabled(can, egui::Button::new("Recover")).on_hover_text(target).clicked() {
                choice = Some(Choice::Recover);
            }
            if ui.button("Discard").on_hover_text("Deletes the autosaved work.").clicked() {
                choice = Some(Choice::Discard);
            }
            if ui
                .button("Decide later")
                .on_hover_text("Keeps the autosave; File → Recover unsaved work… offers it again.")
                .clicked()
            {
                choice = Some(Choice::Later);
            }
        });
    });
    choice
}

fn facts(ui: &mut egui::Ui, offer: &Offer) {
    ui.label(RichText::new("Autosaved").strong());
    ui.label(offer.record().map_or_else(|| "unknown".into(), |r| when(r.autosaved, Utc::now())));
    ui.end_row();
    ui.label(RichText::new("Belongs to").strong());
    ui.label(match &offer.baseline {
        Baseline::File(p) => p.display().to_string(),
        Baseline::Missing(p) => format!("{} (no longer exists; Save creates it again)", p.display()),
        Baseline::Unreadable(p, why) => format!("{} (cannot be read now: {why})", p.display()),
        Baseline::Untitled => "an untitled scenario, never saved".into(),
    });
    ui.end_row();
    if let Some(r) = offer.record() {
        ui.label(RichText::new("Scenario").strong());
        ui.label(&r.title);
        ui.end_row();
    }
    ui.label(RichText::new("Recovery file").strong());
    ui.label(RichText::new(offer.file().display().to_string()).weak());
    ui.end_row();
}

fn changes(ui: &mut egui::Ui, offer: &Offer) {
    if let Err(e) = &offer.scenario {
        ui.label(RichText::new(format!("The autosave cannot be read: {e}")).color(ui.visuals().error_fg_color));
        return;
    }
    let against = match &offer.baseline {
        Baseline::File(p) => p.file_name().map_or_else(|| p.display().to_string(), |n| n.to_string_lossy().into()),
        Baseline::Untitled => "the embedded default scenario".into(),
        Baseline::Missing(_) | Baseline::Unreadable(..) => {
            ui.label("The file cannot be compared with the autosave.");
            return;
        }
    };
    if offer.changes.is_empty() {
        ui.label(format!("The inputs are the same as in {against} (the title, description or names may differ)."));
        return;
    }
    ui.label(RichText::new(format!("What differs from {against}:")).strong());
    egui::ScrollArea::vertical().max_height(220.0).show(ui, |ui| {
        for c in offer.changes.iter().take(SHOWN_CHANGES) {
            ui.label(format!("• {} {}: {}", c.change.label(), c.item, c.detail));
        }
        if offer.changes.len() > SHOWN_CHANGES {
            ui.label(RichText::new(format!("and {} more", offer.changes.len() - SHOWN_CHANGES)).weak());
        }
    });
}

/// "2026-11-30 19:40 (12 minutes ago)", in local time.
pub fn when(at: DateTime<Utc>, now: DateTime<Utc>) -> String {
    let local = at.with_timezone(&Local).format("%Y-%m-%d %H:%M:%S");
    let secs = (now - at).num_seconds();
    let ago = match secs {
        s if s < 0 => "in the future: check the computer's clock".to_string(),
        s if s < 60 => "less than a minute ago".into(),
        s if s < 3600 => plural(s / 60, "minute"),
        s if s < 86_400 => plural(s / 3600, "hour"),
        s => plural(s / 86_400, "day"),
    };
    format!("{local} ({ago})")
}

fn plural(n: i64, unit: &str) -> String {
    if n == 1 { format!("1 {unit} ago") } else { format!("{n} {unit}s ago") }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_age_of_an_autosave_reads_as_words() {
        let now = Utc::now();
        assert!(when(now - chrono::Duration::seconds(20), now).ends_with("(less than a minute ago)"));
        assert!(when(now - chrono::Duration::minutes(1), now).ends_with("(1 minute ago)"));
        assert!(when(now - chrono::Duration::hours(5), now).ends_with("(5 hours ago)"));
        assert!(when(now + chrono::Duration::hours(5), now).contains("clock"));
    }
}
