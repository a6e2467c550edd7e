//! The app's chrome around the panels: the menu bar, the status bar and the modal questions
//! (error, unsaved changes; the recovery dialog is a window, see `frame/recovery.rs`). Menu items queue commands;
//! modal answers act through [`AllianceApp::apply`] and [`AllianceApp::proceed`].

use eframe::egui;

use crate::app::commands::{self, Command};
use crate::app::document::evaluation;
use crate::app::state::{AllianceApp, Modal, Pending, Status};

impl AllianceApp {
    /// The menu bar (hidden in presenter mode).
    pub(super) fn menu_bar(&mut self, ui: &mut egui::Ui) {
        let editable = !self.presenting();
        let comparing = !self.compare.is_empty();
        let (can_undo, can_redo) =
            (self.doc.history.can_undo(&self.doc.scenario), self.doc.history.can_redo(&self.doc.scenario));
        let mut file_answer = FileMenuAnswer::default();
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button("File", |ui| file_answer = self.file_menu(ui, editable));
            let queue = &mut self.queue;
            ui.menu_button("Edit", |ui| {
                menu_item(ui, queue, Command::Undo, editable && can_undo);
                menu_item(ui, queue, Command::Redo, editable && can_redo);
            });
            ui.menu_button("View", |ui| {
                for c in [Command::ToggleTheme, Command::Present, Command::Assumptions, Command::Indirect] {
                    menu_item(ui, queue, c, true);
                }
                ui.separator();
                menu_item(ui, queue, Command::Compare, true);
                menu_item(ui, queue, Command::NextDifference, comparing);
                menu_item(ui, queue, Command::StopComparing, comparing);
            });
            ui.menu_button("Playback", |ui| {
                for c in [Command::PlayPause, Command::PreviousEvent, Command::NextEvent, Command::Start, Command::End]
                {
                    menu_item(ui, queue, c, true);
                }
            });
            ui.menu_button("Help", |ui| menu_item(ui, queue, Command::HowToRead, true));
        });
        if let Some(p) = file_answer.open_recent {
            self.guard(Pending::Open(Some(p)));
        }
        if file_answer.show_offers {
            self.open_recovery();
        }
        if file_answer.shown && !self.file_menu_open {
            // Just opened: what other instances claimed or left since shows in its count.
            let before = self.offers.len();
            self.refresh_offers();
            if self.offers.len() != before {
                ui.ctx().request_repaint();
            }
        }
        self.file_menu_open = file_answer.shown;
    }

    /// The File menu's items; what cannot wait for the command queue comes back as an answer.
    fn file_menu(&mut self, ui: &mut egui::Ui, editable: bool) -> FileMenuAnswer {
        let mut answer = FileMenuAnswer { shown: true, ..FileMenuAnswer::default() };
        let queue = &mut self.queue;
        menu_item(ui, queue, Command::New, editable);
        menu_item(ui, queue, Command::Open, editable);
        ui.menu_button("Open recent", |ui| {
            if self.settings.recent.is_empty() {
                ui.label("no recent files");
            }
            for p in &self.settings.recent {
                if ui.add_enabled(editable, egui::Button::new(p.display().to_string())).clicked() {
                    answer.open_recent = Some(p.clone());
                    ui.close();
                }
            }
        });
        let offers = self.offers.len();
        if offers > 0
            && ui
                .add_enabled(editable, egui::Button::new(format!("Recover unsaved work… ({offers})")))
                .on_hover_text("Work autosaved by an alliance-sim that ended without saving")
                .clicked()
        {
            answer.show_offers = true;
            ui.close();
        }
        ui.separator();
        menu_item(ui, queue, Command::Save, true);
        menu_item(ui, queue, Command::SaveAs, true);
        menu_item(ui, queue, Command::Versions, editable);
        ui.separator();
        menu_item(ui, queue, Command::Export, true);
        menu_item(ui, queue, Command::ExportSteps, true);
        menu_item(ui, queue, Command::ExportDeck, true);
        menu_item(ui, queue, Command::ExportWorkbook, true);
        ui.separator();
        ui.checkbox(&mut self.settings.builtin_file_dialog, "Use the built-in file dialog").on_hover_text(
            "Ask for files inside the app instead of with the system's dialog (used anyway where the \
             system's cannot open)",
        );
        ui.separator();
        menu_item(ui, queue, Command::Quit, true);
        answer
    }

    /// The status bar: playhead, saved or not, running exports, and the scenario's problem
    /// or the last message (hidden in presenter mode).
    pub(super) fn status_bar(&mut self, ui: &mut egui::Ui) {
        ui.horizontal(|ui| {
            ui.label(format!("Playhead: {}", self.view.playhead));
            ui.separator();
            if self.doc.is_dirty() {
                ui.label(egui::RichText::new("● unsaved changes").color(ui.visuals().warn_fg_color));
            } else {
                ui.label("saved");
            }
            ui.separator();
            let now = ui.input(|i| i.time);
            if let Some(t) = self.evaluating_for(now).filter(|t| *t >= evaluation::PROGRESS_AFTER) {
                ui.spinner();
                ui.label(format!("evaluating the scenario… {t:.1} s"))
                    .on_hover_text("The plots show the last results until the evaluation ends; the app stays usable.");
                ui.separator();
            }
            for r in &self.running {
                ui.spinner();
                match r.progress() {
                    Some(p) => ui.label(format!("exporting {}… {p}", r.what)),
                    None => ui.label(format!("exporting {}…", r.what)),
                };
                ui.separator();
            }
            match (self.doc.problem(), &self.status) {
                (Some(p), _) => {
                    ui.label(egui::RichText::new(format!("⚠ {p}")).color(ui.visuals().error_fg_color))
                        .on_hover_text("The plots show the last scenario that could be evaluated.");
                }
                (None, Some(Status::Warning(m))) => {
                    ui.label(egui::RichText::new(format!("⚠ {m}")).color(ui.visuals().warn_fg_color));
                }
                (None, Some(Status::Info(m))) => {
                    ui.label(m);
                }
                (None, None) => {}
            }
        });
    }

    /// The modal question or message, while one is shown.
    pub(super) fn modal_ui(&mut self, ctx: &egui::Context) {
        let Some(modal) = self.modal.clone() else { return };
        let mut close = false;
        egui::Modal::new(egui::Id::unique("alliance-modal")).show(ctx, |ui| {
            ui.set_max_width(560.0);
            close = match &modal {
                Modal::Error(title, text) => error_ui(ui, title, text),
                Modal::Unsaved(then) => self.unsaved_ui(ui, then),
            };
        });
        if close && self.modal.as_ref() == Some(&modal) {
            self.modal = None;
        }
    }

    fn unsaved_ui(&mut self, ui: &mut egui::Ui, then: &Pending) -> bool {
        let mut close = false;
        ui.heading("Unsaved changes");
        ui.label(format!("{} has changes that are not saved.", self.doc.display_name()));
        ui.horizontal(|ui| {
            if ui.button("Save").clicked() {
                self.apply(&ui.ctx().clone(), Command::Save);
                if !self.doc.is_dirty() {
                    self.proceed(then.clone());
                } else if self.chooser.is_open() {
                    // Save As in the in-app dialog: go on once it has saved.
                    self.after_save = Some(then.clone());
                }
                close = true;
            }
            if ui.button("Discard changes").clicked() {
                self.proceed(then.clone());
                close = true;
            }
            if ui.button("Cancel").clicked() {
                close = true;
            }
        });
        close
    }
}

/// What the File menu asks for that is not a command.
#[derive(Default)]
struct FileMenuAnswer {
    /// A recent file to open (after the unsaved-changes question).
    open_recent: Option<std::path::PathBuf>,
    /// Show the recovery dialog.
    show_offers: bool,
    /// The menu was drawn (open) this frame.
    shown: bool,
}

/// A menu item for a command, with its shortcut; a click queues the command and closes the
/// menu.
fn menu_item(ui: &mut egui::Ui, queue: &mut Vec<Command>, command: Command, enabled: bool) {
    // No empty shortcut text: it would add a trailing space to the item's accessible name.
    let keys = commands::shortcut_text(ui.ctx(), command);
    let button = egui::Button::new(command.label());
    let button = if keys.is_empty() { button } else { button.shortcut_text(keys) };
    if ui.add_enabled(enabled, button).clicked() {
        queue.push(command);
        ui.close();
    }
}

/// An error to read, with OK. Returns whether it was dismissed.
fn error_ui(ui: &mut egui::Ui, title: &str, text: &str) -> bool {
    ui.heading(title);
    ui.add_space(6.0);
    ui.label(text);
    ui.add_space(8.0);
    ui.button("OK").clicked()
}
