//! Recovery in the app: the autosave of this instance's document (in [`super::autosave`],
//! re-exported here) and the dialog that offers back the work of
//! instances that ended without saving: when it was autosaved, which file it belongs to, what
//! differs from that file, and Recover / Discard / Decide later.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Local, Utc};
use eframe::egui::{self, RichText};

use super::document::Document;
use super::state::{AllianceApp, Modal, Pending};
use crate::io::recovery::{Orphan, Record, RecoveryError, Store};
use crate::model::Scenario;
use crate::model::diff::{self, InputChange};

pub use super::autosave::{Autosave, INTERVAL, Tick};

/// How many input differences the dialog lists before "and N more".
const SHOWN_CHANGES: usize = 12;

/// What the recovered work is compared with.
#[derive(Debug, Clone, PartialEq)]
pub enum Baseline {
    /// The file it belongs to, as it is on disk now.
    File(PathBuf),
    /// The file it belongs to no longer exists.
    Missing(PathBuf),
    /// The file it belongs to cannot be read now: why.
    Unreadable(PathBuf, String),
    /// It was never saved: it is compared with the embedded default scenario it began as.
    Untitled,
}

/// One piece of work offered back.
pub struct Offer {
    orphan: Orphan,
    /// The recovered scenario, or why it cannot be read.
    pub scenario: Result<Scenario, String>,
    /// What it is compared with.
    pub baseline: Baseline,
    /// The scenario it is compared with, when there is one.
    pub baseline_scenario: Option<Scenario>,
    /// What differs from the baseline.
    pub changes: Vec<InputChange>,
}

impl Offer {
    /// Reads an orphan: its scenario, the file it belongs to, and what differs.
    pub fn read(orphan: Orphan) -> Offer {
        let (scenario, document) = match &orphan.record {
            Ok(r) => (r.parse_scenario(orphan.file()).map_err(|e| e.to_string()), r.document.clone()),
            Err(e) => (Err(e.to_string()), None),
        };
        let (baseline, baseline_scenario) = match document {
            None => (Baseline::Untitled, crate::io::default_scenario().ok()),
            Some(p) if !p.exists() => (Baseline::Missing(p), None),
            Some(p) => match std::fs::read_to_string(&p)
                .map_err(|e| e.to_string())
                .and_then(|t| crate::io::scenario_file::parse_unchecked(&t, &p).map_err(|e| e.to_string()))
            {
                Ok(s) => (Baseline::File(p), Some(s)),
                Err(e) => (Baseline::Unreadable(p, e), None),
            },
        };
        let changes = match (&baseline_scenario, &scenario) {
            (Some(b), Ok(s)) => diff::inputs(b, s),
            _ => Vec::new(),
        };
        Offer { orphan, scenario, baseline, baseline_scenario, changes }
    }

    /// The recovery record, when readable.
    pub fn record(&self) -> Option<&Record> {
        self.orphan.record.as_ref().ok()
    }

    /// The file the work belongs to (`None`: untitled, or unknown).
    pub fn document(&self) -> Option<&Path> {
        self.record().and_then(|r| r.document.as_deref())
    }

    /// The recovery file.
    pub fn file(&self) -> &Path {
        self.orphan.file()
    }

    /// Removes the recovery file (Discard, or after the work was recovered and autosaved).
    pub fn discard(self) -> Result<(), RecoveryError> {
        self.orphan.discard()
    }

    /// The document to recover into: the recovered scenario, belonging to the recorded file
    /// (never to whatever file is open), unsaved.
    pub fn document_to_recover(&self) -> Result<Document, String> {
        let scenario = self.scenario.clone()?;
        let text = self.record().map_or("", |r| r.scenario.as_str());
        Ok(Document::recovered(scenario, text, self.document().map(Path::to_path_buf), self.baseline_scenario.clone()))
    }
}

/// The recovery files of instances that ended without saving, claimed by this instance.
pub fn offers(store: &Store, legacy: Option<&Path>) -> Vec<Offer> {
    store.orphans(legacy).into_iter().map(Offer::read).collect()
}

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

impl AllianceApp {
    /// Registers this instance's autosave in `store` and offers back the work of instances
    /// that ended without saving (and `legacy`, the single recovery file of older versions).
    pub fn start_recovery(&mut self, store: &Store, legacy: Option<&Path>) {
        let (autosave, problem) = Autosave::start(store);
        self.autosave = autosave;
        if let Some(p) = problem {
            self.warn(p);
        }
        self.offers = offers(store, legacy);
        if !self.offers.is_empty() {
            self.modal = Some(Modal::Recovery);
        }
    }

    /// This instance's recovery file (while autosave is on).
    pub fn recovery_file(&self) -> Option<&Path> {
        self.autosave.file()
    }

    /// How many pieces of autosaved work wait for an answer.
    pub fn recovery_offers(&self) -> usize {
        self.offers.len()
    }

    /// The recovery dialog, while [`Modal::Recovery`] is shown.
    pub(super) fn recovery_modal(&mut self, ctx: &egui::Context) {
        let n = self.offers.len();
        let Some(offer) = self.offers.first() else {
            self.modal = None;
            return;
        };
        match dialog(ctx, offer, 1, n) {
            Some(Choice::Recover) => {
                self.modal = None;
                self.guard(Pending::Recover);
            }
            Some(Choice::Discard) => {
                let offer = self.offers.remove(0);
                if let Err(e) = offer.discard() {
                    self.warn(format!("{e}; delete it by hand, or it is offered again at the next start"));
                }
                if self.offers.is_empty() {
                    self.modal = None;
                }
            }
            Some(Choice::Later) => self.modal = None,
            None => {}
        }
    }

    /// Recovers the first offered work (after the unsaved-changes question): it opens as
    /// unsaved changes to its own file (or as untitled), never to the file that was open. Its
    /// recovery file goes once the work is safe in this instance's own autosave.
    pub(super) fn recover_first(&mut self) {
        let Some(offer) = self.offers.first() else { return };
        let doc = match offer.document_to_recover() {
            Ok(d) => d,
            Err(e) => {
                self.modal = Some(Modal::Error("The autosaved work could not be recovered".into(), e));
                return;
            }
        };
        self.view.playhead = doc.scenario.start;
        self.doc = doc;
        if let Some(p) = self.doc.path.clone() {
            self.settings.last_scenario = Some(p);
        }
        match self.autosave.write(&self.doc) {
            Tick::Failed(msg) => self.warn(format!("the work is recovered, and its old autosave is kept: {msg}")),
            Tick::Quiet => {
                // Autosave is off: the old autosave stays until the work is saved.
                self.offers.remove(0);
                self.warn("recovered; its autosave is kept until you save, since autosave is off");
            }
            Tick::Wrote | Tick::Recovered => {
                let offer = self.offers.remove(0);
                let target = self.doc.path.as_ref().map_or("an untitled scenario".into(), |p| p.display().to_string());
                match offer.discard() {
                    Ok(()) => self.info(format!("recovered the autosaved work as unsaved changes to {target}")),
                    Err(e) => self.warn(format!("recovered; {e}")),
                }
            }
        }
        if !self.offers.is_empty() {
            let n = self.offers.len();
            self.info(format!("{n} more autosaved piece(s) of work: File → Recover unsaved work…"));
        }
    }
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
