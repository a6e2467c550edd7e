//! Recovery in the app: this instance's autosave started, the work of instances that ended
//! without saving offered back through the recovery dialog, and the answer acted on.

use std::path::Path;

use eframe::egui;

use crate::app::document::recovery::{Autosave, Tick, offers};
use crate::app::state::{AllianceApp, Modal, Pending};
use crate::app::windows::recovery::{Choice, dialog};
use crate::io::recovery::Store;

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
