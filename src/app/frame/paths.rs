//! Where the app asks for a path and what it does with the answer: Open, Save As, Compare
//! with…, Export…, Save the window as PNG. The system dialog answers at once; the in-app
//! dialog ([`crate::app::file_dialog`]) answers in a later frame, so every answer goes through
//! [`AllianceApp::take_path`].

use std::path::{Path, PathBuf};

use eframe::egui;

use crate::app::file_dialog::{Chooser, Purpose, Request, Shown};
use crate::app::state::AllianceApp;
use crate::app::windows::export;

impl AllianceApp {
    /// Asks for a path for `request` (system dialog, or the in-app one); the answer is acted
    /// on now or when the in-app dialog is answered.
    pub(super) fn ask_path(&mut self, request: Request) {
        let purpose = request.purpose;
        let (chosen, note) = self.chooser.ask(request, self.settings.builtin_file_dialog);
        if let Some(n) = note {
            self.warn(n);
        }
        if let Some(p) = chosen {
            self.take_path(purpose, p);
        }
    }

    /// Uses another path chooser (tests: the in-app dialog in a folder of theirs).
    pub fn set_file_chooser(&mut self, chooser: Chooser) {
        self.chooser = chooser;
    }

    /// The purpose of the in-app file dialog, while it is open.
    pub fn file_dialog_purpose(&self) -> Option<Purpose> {
        self.chooser.open_purpose()
    }

    /// Asks where to save the scenario.
    pub(super) fn ask_save_as(&mut self) {
        let name = self.doc.display_name();
        let name = if name.ends_with(".ron") && self.doc.path.is_some() { name } else { "scenario.ron".to_string() };
        let near = self.doc.path.clone();
        self.ask_path(Request::new(Purpose::SaveAs).named(name).near(near.as_deref()));
    }

    /// Asks for a scenario to open (`compare`: to compare with).
    pub(super) fn ask_scenario(&mut self, compare: bool) {
        let near = self.doc.path.clone();
        let purpose = if compare { Purpose::Compare } else { Purpose::Open };
        self.ask_path(Request::new(purpose).near(near.as_deref()));
    }

    /// Asks where to write an export (`window`: the whole window as PNG).
    pub(super) fn ask_export(&mut self, name: String, format: crate::io::export::ExportFormat, window: bool) {
        let purpose = if window { Purpose::SaveWindow } else { Purpose::Export(format) };
        let near = self.doc.path.clone();
        self.ask_path(Request::new(purpose).named(name).near(near.as_deref()));
    }

    /// Draws the in-app file dialog while it is open, acts on its answer, and takes the
    /// window's screenshot when one was asked for.
    pub(super) fn file_dialog_ui(&mut self, ctx: &egui::Context) {
        match self.chooser.show(ctx) {
            Shown::Chosen(purpose, path) => self.take_path(purpose, path),
            Shown::Cancelled => self.after_save = None,
            Shown::Waiting => {}
        }
        // The shot is taken a frame after the path was chosen, so that neither the export
        // window nor a file dialog is in the picture.
        match self.window_shot.take() {
            Some((path, Some(asked))) if ctx.cumulative_pass_nr() > asked => {
                self.running.push(export::save_window(ctx, path));
            }
            Some((path, asked)) => {
                self.window_shot = Some((path, asked.or(Some(ctx.cumulative_pass_nr()))));
                ctx.request_repaint();
            }
            None => {}
        }
    }

    /// Acts on a chosen path.
    fn take_path(&mut self, purpose: Purpose, path: PathBuf) {
        match purpose {
            Purpose::Open => self.open_path(&path),
            Purpose::SaveAs => self.save_as_then(&path),
            Purpose::Compare => self.open_compare(&path),
            Purpose::Export(_) => self.export_chart_to(&path),
            Purpose::ExportSteps(_) => self.export_steps_to(&path),
            Purpose::ExportDeck | Purpose::ExportWorkbook => self.export_pack_to(purpose, &path),
            Purpose::SaveWindow => {
                self.export = None;
                self.window_shot = Some((path, None));
            }
        }
    }

    /// Saves to `path`, then does what waited for the save (the unsaved-changes question).
    fn save_as_then(&mut self, path: &Path) {
        self.save_path(path);
        if let Some(then) = self.after_save.take()
            && !self.doc.is_dirty()
        {
            self.proceed(then);
        }
    }
}
