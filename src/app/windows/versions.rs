//! File → Versions…: the last saved versions of the open file (kept by every save in the
//! app's data folder, [`crate::io::versions`]), newest first, with when each was saved and
//! its size; each can be compared with the open scenario or, after a confirmation, restored
//! over the file (the file as it is now is kept as a version first, so a restore can itself
//! be undone the same way).

use std::path::PathBuf;

use chrono::{DateTime, Local, Utc};
use eframe::egui::{self, RichText};

use crate::app::windows::context::{WindowCtx, WindowRequest};
use crate::io::versions::Version;

/// The window's state: the file and its versions as listed when the window opened.
#[derive(Debug, Clone)]
pub struct VersionsWindow {
    /// The file whose versions are listed.
    file: Option<PathBuf>,
    /// The versions, newest first, or why they cannot be listed.
    list: Result<Vec<Version>, String>,
    /// The version whose restore waits for a confirmation.
    confirm: Option<usize>,
}

/// What a click in the window means.
enum Action {
    Compare(usize),
    Restore(usize),
    Close,
}

impl VersionsWindow {
    /// The window on `file` (none: not saved yet) and its versions, or why they cannot be listed.
    pub fn new(file: Option<PathBuf>, list: Result<Vec<Version>, String>) -> VersionsWindow {
        VersionsWindow { file, list, confirm: None }
    }

    /// Draws the window; Compare and Restore go out as requests. Returns whether it is still
    /// open.
    pub fn show(&mut self, ctx: &egui::Context, cx: &mut WindowCtx<'_>) -> bool {
        let mut open = true;
        let mut action = None;
        let title = match &self.file {
            Some(f) => format!(
                "Saved versions of {}",
                f.file_name().map_or_else(|| f.display().to_string(), |n| n.to_string_lossy().into_owned())
            ),
            None => "Saved versions".to_string(),
        };
        let dirty = cx.dirty;
        egui::Window::new(title)
            .id(egui::Id::unique("versions-window"))
            .open(&mut open)
            .collapsible(false)
            .resizable(true)
            .default_width(520.0)
            .show(ctx, |ui| action = self.ui(ui, dirty));
        match action {
            Some(Action::Compare(k)) => {
                if let Some(version) = self.version(k) {
                    cx.request(WindowRequest::CompareVersion(version.path.clone()));
                }
            }
            Some(Action::Restore(k)) => {
                if let (Some(version), Some(file)) = (self.version(k), self.file.clone()) {
                    cx.request(WindowRequest::RestoreVersion { version: version.clone(), file });
                }
                open = false;
            }
            Some(Action::Close) => open = false,
            None => {}
        }
        open
    }

    /// The `k`th version listed, newest first.
    fn version(&self, k: usize) -> Option<&Version> {
        self.list.as_ref().ok().and_then(|l| l.get(k))
    }

    /// The list, with Compare and Restore on each version.
    fn ui(&mut self, ui: &mut egui::Ui, dirty: bool) -> Option<Action> {
        let mut action = None;
        let list = match &self.list {
            Ok(l) => l,
            Err(e) => {
                ui.label(RichText::new(e).color(ui.visuals().warn_fg_color));
                return close_button(ui);
            }
        };
        if self.file.is_none() {
            ui.label("This scenario has not been saved to a file yet: its versions are kept from its first save.");
            return close_button(ui);
        }
        if list.is_empty() {
            ui.label("No saved version yet: each save in the app keeps one (the last 20).");
            return close_button(ui);
        }
        ui.label(RichText::new("Newest first; each save keeps one, the last 20 are kept.").small().weak());
        egui::ScrollArea::vertical().max_height(320.0).show(ui, |ui| {
            egui::Grid::new("versions-grid").striped(true).num_columns(3).show(ui, |ui| {
                for (k, v) in list.iter().enumerate() {
                    ui.label(local(v.saved_at)).on_hover_text(v.path.display().to_string());
                    ui.label(size(v.size));
                    ui.horizontal(|ui| {
                        if ui.button("Compare").on_hover_text("Overlay this version on the open scenario").clicked() {
                            action = Some(Action::Compare(k));
                        }
                        if self.confirm == Some(k) {
                            let warn = if dirty { " (your unsaved changes are lost)" } else { "" };
                            ui.label(RichText::new(format!("Write it over the file{warn}?")).strong());
                            if ui.button("Restore now").clicked() {
                                action = Some(Action::Restore(k));
                            }
                            if ui.button("Cancel").clicked() {
                                self.confirm = None;
                            }
                        } else if ui
                            .button("Restore…")
                            .on_hover_text(
                                "Write this version over the file and open it; the file as it is now \
                                is kept as a version",
                            )
                            .clicked()
                        {
                            self.confirm = Some(k);
                        }
                    });
                    ui.end_row();
                }
            });
        });
        action.or_else(|| close_button(ui))
    }
}

fn close_button(ui: &mut egui::Ui) -> Option<Action> {
    ui.separator();
    ui.button("Close").clicked().then_some(Action::Close)
}

/// A time in the local time zone, to the second.
pub fn local(t: DateTime<Utc>) -> String {
    t.with_timezone(&Local).format("%Y-%m-%d %H:%M:%S").to_string()
}

/// A size in bytes or kilobytes.
fn size(bytes: u64) -> String {
    if bytes < 10_000 { format!("{bytes} bytes") } else { format!("{} KB", bytes.div_ceil(1000)) }
}
