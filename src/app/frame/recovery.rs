//! Recovery in the app: this instance's autosave started and fed every frame, the work of
//! instances that ended without saving offered back through the recovery dialog (the open
//! file's own work first), and Recover acted on.

use std::path::Path;
use std::time::Duration;

use eframe::egui;

use crate::app::document::recovery::{Autosave, Offers, Tick};
use crate::app::state::{AllianceApp, Modal};
use crate::app::windows::recovery::RecoveryWindow;
use crate::io::recovery::Store;

impl AllianceApp {
    /// Registers this instance's autosave in `store` and offers back the work of instances
    /// that ended without saving (and `legacy`, the single recovery file of older versions):
    /// the open file's own work first.
    pub fn start_recovery(&mut self, store: &Store, legacy: Option<&Path>) {
        let (autosave, problem) = Autosave::start(store);
        self.autosave = autosave;
        if let Some(p) = problem {
            self.warn(p);
        }
        self.offers = Offers::scan(store, legacy, self.doc.path.as_deref());
        if !self.offers.is_empty() {
            self.recovery = Some(RecoveryWindow::new(std::mem::take(&mut self.offers)));
        }
    }

    /// This instance's recovery file (while autosave is on).
    pub fn recovery_file(&self) -> Option<&Path> {
        self.autosave.file()
    }

    /// How many pieces of autosaved work wait for an answer.
    pub fn recovery_offers(&self) -> usize {
        self.recovery.as_ref().map_or(self.offers.len(), |w| w.offers().len())
    }

    /// Waits until the autosave has written everything handed to it, at most `limit`; returns
    /// whether it has. Frames need not run meanwhile: the autosave has a thread of its own.
    pub fn autosave_settled(&self, limit: Duration) -> bool {
        self.autosave.settle(limit)
    }

    /// Opens the recovery dialog (File → Recover unsaved work…) on what is offered now.
    pub(super) fn open_recovery(&mut self) {
        if self.recovery.is_some() {
            return;
        }
        self.refresh_offers();
        if self.offers.is_empty() {
            self.info("no unsaved work to recover: another alliance-sim window took it, or it was discarded");
        } else {
            self.recovery = Some(RecoveryWindow::new(std::mem::take(&mut self.offers)));
        }
    }

    /// Lists the offered work again (what other instances claimed since goes, what is new
    /// comes, the open file's work is claimed).
    pub(super) fn refresh_offers(&mut self) {
        self.offers.refresh(self.doc.path.as_deref());
    }

    /// The recovery dialog, while open; when it closes, what was not decided on stays offered
    /// (File menu).
    pub(super) fn recovery_window_ui(&mut self, ctx: &egui::Context) {
        let Some(mut window) = self.recovery.take() else { return };
        let mut requests = Vec::new();
        if window.show(ctx, &mut self.window_ctx(&mut requests)) {
            self.recovery = Some(window);
        } else {
            let (offers, notice) = window.into_offers();
            self.offers = offers;
            if let Some(n) = notice {
                self.warn(n);
            }
        }
        self.answer(ctx, requests);
    }

    /// Hands the autosave the work of this frame; a failure, or its end, shows in the status
    /// line. The autosave writes on its own thread, frames or none; it wakes the app only to
    /// report.
    pub(super) fn feed_autosave(&mut self, ctx: &egui::Context) {
        if !self.autosave.has_waker() {
            let ctx = ctx.clone();
            self.autosave.wake_with(move || ctx.request_repaint());
        }
        match self.autosave.update(&self.doc) {
            Tick::Failed(msg) => self.warn(msg),
            Tick::Recovered => self.info("autosave works again"),
            Tick::Quiet | Tick::Wrote => {}
        }
    }

    /// Recovers the work autosaved in `file` (after the unsaved-changes question): it opens as
    /// unsaved changes to its own file (or as untitled), never to the file that was open. Its
    /// recovery file goes once the work is safe in this instance's own autosave. Work still
    /// offered is offered again.
    pub(super) fn recover(&mut self, file: &Path) {
        let Some(offer) = self.offers.take(file) else {
            self.warn("that autosaved work is no longer offered: another alliance-sim window took it");
            return;
        };
        let doc = match offer.document_to_recover() {
            Ok(d) => d,
            Err(e) => {
                self.offers.put_back(offer);
                self.modal = Some(Modal::Error("The autosaved work could not be recovered".into(), e));
                return;
            }
        };
        self.view.playhead = doc.scenario.start;
        self.view.selected_events.clear();
        self.doc = doc;
        if let Some(p) = self.doc.path.clone() {
            self.settings.last_scenario = Some(p);
        }
        match self.autosave.write(&self.doc) {
            Tick::Failed(msg) => {
                self.offers.put_back(offer);
                self.warn(format!("the work is recovered, and its old autosave is kept: {msg}"));
                return;
            }
            Tick::Quiet => {
                self.offers.hold(offer);
                self.warn(
                    "recovered; autosave is off, so its old autosave is kept and offered again at the next start",
                );
            }
            Tick::Wrote | Tick::Recovered => {
                let target = self.doc.path.as_ref().map_or("an untitled scenario".into(), |p| p.display().to_string());
                match offer.discard() {
                    Ok(()) => self.info(format!("recovered the autosaved work as unsaved changes to {target}")),
                    Err(e) => self.warn(format!("recovered; {e}")),
                }
            }
        }
        if !self.offers.is_empty() {
            self.open_recovery();
        }
    }
}
