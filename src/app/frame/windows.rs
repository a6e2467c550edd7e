//! The glue between the app and its windows: each open window is taken out of the app, shown
//! with a [`WindowCtx`] borrowed from the app, put back while it stays open, and what it
//! requested is answered here. Also where the Versions window is opened.

use std::path::PathBuf;

use chrono::Utc;
use eframe::egui;

use crate::app::file_dialog::{Purpose, Request};
use crate::app::state::{AllianceApp, Modal, Pending};
use crate::app::windows::export;
use crate::app::windows::versions::{VersionsWindow, local};
use crate::app::windows::{WindowCtx, WindowRequest};
use crate::io;
use crate::io::versions::Version;

impl AllianceApp {
    /// What a window is given to draw with, borrowed from the app.
    pub(super) fn window_ctx<'a>(&'a mut self, requests: &'a mut Vec<WindowRequest>) -> WindowCtx<'a> {
        WindowCtx {
            scenario: &self.doc.scenario,
            results: self.doc.evaluation().cloned(),
            dirty: self.doc.is_dirty(),
            view: &mut self.view,
            requests,
        }
    }

    /// Draws every open window (export, versions, assumptions, through the network, how to read,
    /// the recovery dialog) and answers what they request.
    pub(super) fn windows_ui(&mut self, ctx: &egui::Context) {
        self.export_window_ui(ctx);
        self.versions_window_ui(ctx);
        self.assumptions_window_ui(ctx);
        self.indirect_window_ui(ctx);
        self.how_to_read_window_ui(ctx);
        self.recovery_window_ui(ctx);
    }

    /// The "How to read this" window, while open.
    fn how_to_read_window_ui(&mut self, ctx: &egui::Context) {
        let Some(mut window) = self.how_to_read.take() else { return };
        let mut requests = Vec::new();
        if window.show(ctx, &mut self.window_ctx(&mut requests)) {
            self.how_to_read = Some(window);
        }
        self.answer(ctx, requests);
    }

    /// The export window, while open. Its choices stay in the app while a path is asked for
    /// (the export reads them), and it leaves the screen while the window's screenshot waits.
    fn export_window_ui(&mut self, ctx: &egui::Context) {
        let Some(mut dialog) = self.export.take() else { return };
        let mut requests = Vec::new();
        let open = dialog.show(ctx, &mut self.window_ctx(&mut requests));
        let asks_path = requests.iter().any(|r| {
            matches!(r, WindowRequest::ExportChart | WindowRequest::ExportSteps | WindowRequest::ExportWindow)
        });
        if open {
            self.export = Some(dialog);
        }
        self.answer(ctx, requests);
        if self.window_shot.is_some() && !asks_path {
            self.export = None;
        }
    }

    /// The Versions window, while open.
    fn versions_window_ui(&mut self, ctx: &egui::Context) {
        let Some(mut window) = self.versions_window.take() else { return };
        let mut requests = Vec::new();
        if window.show(ctx, &mut self.window_ctx(&mut requests)) {
            self.versions_window = Some(window);
        }
        self.answer(ctx, requests);
    }

    /// The Assumptions window, while open.
    fn assumptions_window_ui(&mut self, ctx: &egui::Context) {
        let Some(mut window) = self.assumptions.take() else { return };
        let mut requests = Vec::new();
        if window.show(ctx, &mut self.window_ctx(&mut requests)) {
            self.assumptions = Some(window);
        }
        self.answer(ctx, requests);
    }

    /// The "Through the network" window, while open; while it is closed, the network view
    /// highlights no chain.
    fn indirect_window_ui(&mut self, ctx: &egui::Context) {
        let Some(mut window) = self.indirect.take() else {
            self.view.chain = None;
            return;
        };
        let mut requests = Vec::new();
        if window.show(ctx, &mut self.window_ctx(&mut requests)) {
            self.indirect = Some(window);
        }
        self.answer(ctx, requests);
    }

    /// Does what the windows asked for, in order.
    pub(super) fn answer(&mut self, ctx: &egui::Context, requests: Vec<WindowRequest>) {
        for request in requests {
            match request {
                WindowRequest::CompareVersion(path) => self.open_compare(&path),
                WindowRequest::Recover(file) => self.guard(Pending::Recover(file)),
                WindowRequest::RestoreVersion { version, file } => self.restore_version(&version, file),
                WindowRequest::ExportChart => {
                    let choices = self.export.clone().unwrap_or_default();
                    let name = format!("{}.{}", choices.chart.name(), choices.format.extension());
                    self.ask_export(name, choices.format, false);
                }
                WindowRequest::ExportSteps => {
                    let choices = self.export.clone().unwrap_or_default();
                    let near = self.doc.path.clone();
                    let name = format!("{}-steps", choices.chart.name());
                    let request = Request::new(Purpose::ExportSteps(choices.format)).named(name).near(near.as_deref());
                    self.ask_path(request);
                }
                WindowRequest::CopyChart => self.copy_chart(ctx),
                WindowRequest::ExportWindow => {
                    self.ask_export("alliance-sim-window.png".into(), io::export::ExportFormat::Png, true);
                }
            }
        }
    }

    /// Copies the chart chosen in the export dialog to the clipboard.
    fn copy_chart(&mut self, ctx: &egui::Context) {
        let choices = self.export.clone().unwrap_or_default();
        match export::copy_to_clipboard(ctx, &self.doc, self.view.playhead, &choices) {
            Ok(()) => self.info(format!("copied {} to the clipboard", choices.chart.name())),
            Err(e) => self.modal = Some(Modal::Error("The chart could not be copied".into(), e)),
        }
    }

    /// Opens the Versions window on the open file.
    pub(super) fn open_versions(&mut self) {
        let file = self.doc.path.clone();
        let list = match (&self.versions, &file) {
            (Some(v), Some(f)) => v.list(f).map_err(|e| e.to_string()),
            (None, _) => Err("Saved versions are not kept in this session (the app has no data folder).".into()),
            (_, None) => Ok(Vec::new()),
        };
        self.versions_window = Some(VersionsWindow::new(file, list));
    }

    /// Sets the folder where saved versions are kept (the app's data folder; tests use a
    /// temporary one).
    pub fn keep_versions_in(&mut self, dir: impl Into<PathBuf>) {
        self.versions = Some(crate::io::versions::Versions::new(dir));
    }

    /// Writes a saved version over its file and opens it; an error shows in a dialog.
    fn restore_version(&mut self, version: &Version, file: PathBuf) {
        let Some(store) = self.versions.clone() else { return };
        match store.restore(version, &file, Utc::now()) {
            Ok(()) => {
                self.open_path(&file);
                self.info(format!("restored {} as saved on {}", file.display(), local(version.saved_at)));
            }
            Err(e) => self.modal = Some(Modal::Error("The version could not be restored".into(), e.to_string())),
        }
    }
}
