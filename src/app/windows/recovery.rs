//! The recovery dialog: the work of instances that ended without saving, the work on the open
//! file first, then the work on other files, each with when it was autosaved, which file it
//! belongs to, what differs from that file, and Recover / Discard / Decide later. A window that
//! owns its state ([`RecoveryWindow`]); what is offered is read and claimed in
//! [`crate::app::document::recovery`].

use std::path::Path;

use chrono::{DateTime, Local, Utc};
use eframe::egui::{self, RichText};

use crate::app::document::recovery::{Baseline, Offer, Offers};
use crate::app::windows::context::{WindowCtx, WindowRequest};

/// How many input differences the dialog lists before "and N more".
const SHOWN_CHANGES: usize = 12;

/// The user's answer about the selected piece of work.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Choice {
    /// Open the work as an unsaved document belonging to its file.
    Recover,
    /// Delete the recovery file.
    Discard,
    /// Keep every piece, ask again later (File menu, or the next start).
    Later,
}

/// The recovery dialog: the work offered, which piece is shown, and what went wrong last.
pub struct RecoveryWindow {
    offers: Offers,
    selected: usize,
    notice: Option<String>,
}

impl RecoveryWindow {
    /// The dialog on `offers`, showing the first (the open file's own work comes first).
    pub fn new(offers: Offers) -> RecoveryWindow {
        RecoveryWindow { offers, selected: 0, notice: None }
    }

    /// The work offered, own first (given back to the app when the dialog closes).
    pub fn offers(&self) -> &Offers {
        &self.offers
    }

    /// The dialog's work and the last problem it showed, once it is closed: what was not
    /// decided on stays offered.
    pub fn into_offers(self) -> (Offers, Option<String>) {
        (self.offers, self.notice)
    }

    /// Draws the dialog (modal). Recover goes out as a request, after the work is claimed for
    /// this instance; Discard is done here. Returns whether it is still open.
    pub fn show(&mut self, ctx: &egui::Context, cx: &mut WindowCtx<'_>) -> bool {
        self.selected = self.selected.min(self.offers.len().saturating_sub(1));
        let Some(offer) = self.offers.get(self.selected) else { return false };
        let (title, can_recover) = (offer.document().map(Path::to_path_buf), offer.scenario.is_ok());
        let mut choice = None;
        egui::Modal::new(egui::Id::unique("alliance-recovery")).show(ctx, |ui| {
            ui.set_max_width(660.0);
            ui.heading("Recover unsaved work?");
            ui.label(
                "alliance-sim ended without saving this work. It was autosaved; nothing is lost until you choose.",
            );
            if self.offers.len() > 1 {
                ui.add_space(6.0);
                self.list(ui);
            } else if self.offers.own() == 0 {
                let open = self.offers.document().map_or_else(|| "an untitled scenario".into(), file_name);
                ui.label(format!("This work is not on the file open here ({open}); Recover opens it in this window."));
            }
            if let Some(offer) = self.offers.get(self.selected) {
                ui.add_space(6.0);
                egui::Grid::new("recovery-facts").num_columns(2).spacing([12.0, 4.0]).show(ui, |ui| facts(ui, offer));
                ui.add_space(6.0);
                changes(ui, offer);
            }
            if let Some(n) = &self.notice {
                ui.add_space(6.0);
                ui.label(RichText::new(n).color(ui.visuals().error_fg_color));
            }
            ui.add_space(8.0);
            choice = buttons(ui, title.as_deref(), can_recover);
        });
        self.act(choice, cx)
    }

    /// The pieces of work to choose from: the open file's, then other files'.
    fn list(&mut self, ui: &mut egui::Ui) {
        let own = self.offers.own();
        let mut picked = None;
        for (k, offer) in self.offers.iter().enumerate() {
            if k == 0 && own > 0 {
                let name = self.offers.document().map_or_else(|| "the open file".into(), file_name);
                ui.label(RichText::new(format!("Work on {name}, open in this window:")).strong());
            }
            if k == own {
                ui.label(RichText::new("Work on other files:").strong());
            }
            if ui.selectable_label(k == self.selected, row(offer)).clicked() {
                picked = Some(k);
            }
        }
        if let Some(k) = picked {
            (self.selected, self.notice) = (k, None);
        }
    }

    /// Does what the user chose; returns whether the dialog stays open.
    fn act(&mut self, choice: Option<Choice>, cx: &mut WindowCtx<'_>) -> bool {
        let k = self.selected;
        match choice {
            None => true,
            Some(Choice::Later) => false,
            Some(Choice::Recover) => match self.offers.claim(k) {
                Ok(()) => {
                    if let Some(o) = self.offers.get(k) {
                        cx.request(WindowRequest::Recover(o.file().to_path_buf()));
                    }
                    false
                }
                Err(e) => {
                    self.notice = Some(e.to_string());
                    !self.offers.is_empty()
                }
            },
            Some(Choice::Discard) => {
                let file = self.offers.get(k).map(|o| o.file().to_path_buf());
                self.notice = match file.and_then(|f| self.offers.take(&f)).map(Offer::discard) {
                    Some(Err(e)) => Some(format!("{e}; it is no longer offered here")),
                    _ => None,
                };
                !self.offers.is_empty() || self.notice.is_some()
            }
        }
    }
}

/// Recover, Discard and Decide later; the answer once given.
fn buttons(ui: &mut egui::Ui, document: Option<&Path>, can_recover: bool) -> Option<Choice> {
    let mut choice = None;
    ui.horizontal(|ui| {
        let target = match document {
            Some(p) => format!("Opens it as unsaved changes to {}; Save writes there.", p.display()),
            None => "Opens it as an untitled scenario; Save asks where.".into(),
        };
        if ui.add_enabled(can_recover, egui::Button::new("Recover")).on_hover_text(target).clicked() {
            choice = Some(Choice::Recover);
        }
        if ui.button("Discard").on_hover_text("Deletes this autosaved work.").clicked() {
            choice = Some(Choice::Discard);
        }
        if ui
            .button("Decide later")
            .on_hover_text("Keeps every piece of work; File → Recover unsaved work… offers them again.")
            .clicked()
        {
            choice = Some(Choice::Later);
        }
    });
    choice
}

/// A piece of work in the list: its file's name and when it was autosaved.
fn row(offer: &Offer) -> String {
    let name = offer.document().map_or_else(|| "untitled".into(), file_name);
    match offer.autosaved() {
        Some(at) => format!("{name} — autosaved {}", at.with_timezone(&Local).format("%Y-%m-%d %H:%M:%S")),
        None => format!("{name} — cannot be read"),
    }
}

fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned())
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
