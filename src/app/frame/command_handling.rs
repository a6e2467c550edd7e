//! Where every [`Command`] is handled: the dispatch ([`AllianceApp::apply`]), the guards (no
//! edit in presenter mode, unsaved changes asked about first) and the actions that replace
//! the scenario or touch files (open, save, compare, export).

use std::path::Path;

use eframe::egui;

use crate::app::commands::Command;
use crate::app::document::Document;
use crate::app::document::files;
use crate::app::file_dialog::{Purpose, Request};
use crate::app::panels::presenter::Presenter;
use crate::app::state::{AllianceApp, MAX_COMPARED, Modal, Pending};
use crate::app::windows::export::{self, ExportDialog};
use crate::app::windows::how_to_read::HowToReadWindow;
use crate::app::windows::indirect::IndirectWindow;
use crate::engine;

impl AllianceApp {
    /// Applies a command now (queued commands are applied at the start of each frame).
    pub fn apply(&mut self, ctx: &egui::Context, c: Command) {
        if self.apply_presenting(ctx, c) {
            return;
        }
        match c {
            Command::New => self.guard(Pending::New),
            Command::Open => self.guard(Pending::Open(None)),
            Command::Save => match self.doc.path.clone() {
                Some(p) => self.save_path(&p),
                None => self.apply(ctx, Command::SaveAs),
            },
            Command::SaveAs => self.ask_save_as(),
            Command::Versions => self.open_versions(),
            Command::Undo => {
                self.doc.undo();
            }
            Command::Redo => {
                self.doc.redo();
            }
            Command::PlayPause => self.view.playing = !self.view.playing,
            Command::PreviousEvent => self.step_event(false),
            Command::NextEvent => self.step_event(true),
            Command::Start => self.view.playhead = self.doc.scenario.start,
            Command::End => self.view.playhead = self.doc.scenario.end,
            Command::NextDifference => self.next_difference(),
            Command::Present => self.set_presenting(ctx, !self.presenting()),
            Command::Leave => self.set_presenting(ctx, false),
            Command::ToggleTheme => self.settings.dark = !self.settings.dark,
            Command::Compare => self.ask_compare(),
            Command::StopComparing => self.stop_comparing(),
            Command::Indirect => {
                self.indirect = match self.indirect.take() {
                    Some(_) => None,
                    None => Some(IndirectWindow::new(&self.doc.scenario)),
                }
            }
            Command::HowToRead => {
                self.how_to_read = match self.how_to_read.take() {
                    Some(_) => None,
                    None => Some(HowToReadWindow),
                }
            }
            Command::Assumptions => {
                self.assumptions = match self.assumptions.take() {
                    Some(_) => None,
                    None => Some(Default::default()),
                }
            }
            Command::Export => {
                if self.export.is_none() {
                    self.export = Some(ExportDialog::new());
                }
            }
            Command::ExportSteps => {
                let mut d = self.export.take().unwrap_or_default();
                d.steps = true;
                if d.format == crate::io::export::ExportFormat::Csv {
                    d.format = crate::io::export::ExportFormat::Png;
                }
                self.export = Some(d);
            }
            Command::ExportDeck => self.ask_pack(Purpose::ExportDeck),
            Command::ExportWorkbook => self.ask_pack(Purpose::ExportWorkbook),
            Command::Quit => ctx.send_viewport_cmd(egui::ViewportCommand::Close),
        }
    }

    /// In presenter mode the navigation keys move between steps and every edit is refused.
    /// Returns whether the command was handled (or refused) here.
    fn apply_presenting(&mut self, ctx: &egui::Context, c: Command) -> bool {
        let now = ctx.input(|i| i.time);
        let from = self.view.playhead;
        let Some(p) = self.presenter.as_mut() else { return false };
        let last = p.steps.len().saturating_sub(1);
        let target = match c {
            Command::PlayPause | Command::NextEvent => p.index + 1,
            Command::PreviousEvent => p.index.saturating_sub(1),
            Command::Start => 0,
            Command::End => last,
            Command::Present | Command::Leave | Command::ToggleTheme | Command::Quit => return false,
            _ => return true,
        };
        p.go(target, from, now);
        true
    }

    /// Runs `then` now, or asks first if there are unsaved changes.
    pub(super) fn guard(&mut self, then: Pending) {
        if self.doc.is_dirty() {
            self.modal = Some(Modal::Unsaved(then));
        } else {
            self.proceed(then);
        }
    }

    /// Does what waited for the unsaved-changes answer.
    pub fn proceed(&mut self, then: Pending) {
        match then {
            Pending::New => {
                self.doc = files::default_document();
                self.view.playhead = self.doc.scenario.start;
                self.settings.last_scenario = None;
            }
            Pending::Open(Some(p)) => self.open_path(&p),
            Pending::Open(None) => self.ask_scenario(false),
            Pending::Quit => self.allow_close = true,
            Pending::Recover(file) => self.recover(&file),
        }
    }

    /// Opens a file: on success it replaces the scenario; on failure the error is shown in a
    /// dialog and the current scenario stays untouched.
    pub fn open_path(&mut self, path: &Path) {
        match Document::open(path) {
            Ok(doc) => {
                self.view.playhead = doc.scenario.start;
                self.view.selected_events.clear();
                self.doc = doc;
                self.settings.remember(path);
                self.settings.last_scenario = Some(path.to_path_buf());
                self.info(format!("opened {}", path.display()));
            }
            Err(e) => self.modal = Some(Modal::Error("The file could not be opened".into(), e.to_string())),
        }
    }

    /// Saves to `path`, showing any error in a dialog.
    pub fn save_path(&mut self, path: &Path) {
        match self.doc.save_to(path) {
            Ok(text) => {
                self.settings.remember(path);
                self.settings.last_scenario = Some(path.to_path_buf());
                let kept = self.versions.as_ref().map(|v| v.record(path, &text, chrono::Utc::now()));
                match kept {
                    Some(Err(e)) => {
                        self.warn(format!("saved {}, but its version could not be kept: {e}", path.display()))
                    }
                    _ => self.info(format!("saved {}", path.display())),
                }
            }
            Err(e) => self.modal = Some(Modal::Error("The scenario could not be saved".into(), e.to_string())),
        }
    }

    /// Adds a scenario to compare with the open one; an error shows in a dialog. When
    /// [`MAX_COMPARED`] scenarios are already compared, the status line says so.
    pub fn open_compare(&mut self, path: &Path) {
        if self.compare.len() >= MAX_COMPARED {
            self.warn(format!(
                "{MAX_COMPARED} scenarios are already compared; stop comparing (View menu) to choose others"
            ));
            return;
        }
        match Document::open(path) {
            Ok(doc) => {
                self.compare.push(doc);
                self.panels.left = crate::app::panels::LeftTab::Compare;
                self.info(format!("comparing with {}", self.compared_names()));
            }
            Err(e) => {
                self.modal = Some(Modal::Error("The scenario to compare could not be opened".into(), e.to_string()))
            }
        }
    }

    /// The compared files' names, joined ("b.ron, c.ron").
    fn compared_names(&self) -> String {
        self.compare.iter().map(Document::display_name).collect::<Vec<_>>().join(", ")
    }

    fn ask_compare(&mut self) {
        self.ask_scenario(true);
    }

    /// Closes every compared scenario and clears the status line's "comparing with…".
    fn stop_comparing(&mut self) {
        self.compare.clear();
        if self.message().is_some_and(|m| m.starts_with("comparing with")) {
            self.status = None;
        }
    }

    /// Exports the chart chosen in the export dialog to `path` on a worker thread.
    pub fn export_chart_to(&mut self, path: &Path) {
        let d = self.export.clone().unwrap_or_default();
        match export::start(&self.doc, self.view.playhead, &d, path) {
            Some(r) => self.running.push(r),
            None => self.warn("nothing to export: the scenario cannot be evaluated"),
        }
    }

    /// Asks where to write the board pack or the workbook, named after the scenario's file.
    fn ask_pack(&mut self, purpose: Purpose) {
        let stem = self.doc.path.as_deref().and_then(|p| p.file_stem()).map(|s| s.to_string_lossy().into_owned());
        let (suffix, extension) =
            if purpose == Purpose::ExportDeck { ("board-pack", "pdf") } else { ("workbook", "xlsx") };
        let name = format!("{}-{suffix}.{extension}", stem.unwrap_or_else(|| "scenario".into()));
        let near = self.doc.path.clone();
        self.ask_path(Request::new(purpose).named(name).near(near.as_deref()));
    }

    /// Writes the board pack or the workbook to `path` on a worker thread.
    pub fn export_pack_to(&mut self, purpose: Purpose, path: &Path) {
        let file_name = self.doc.display_name();
        let started = if purpose == Purpose::ExportDeck {
            export::start_deck(&self.doc, &self.compare, file_name, path)
        } else {
            export::start_workbook(&self.doc, path)
        };
        match started {
            Some(r) => self.running.push(r),
            None => self.warn("nothing to export: the scenario cannot be evaluated"),
        }
    }

    /// Exports the chart chosen in the export dialog at every presenter step into `folder`, on
    /// a worker thread.
    pub fn export_steps_to(&mut self, folder: &Path) {
        let d = self.export.clone().unwrap_or_default();
        match export::start_steps(&self.doc, &d, folder) {
            Some(r) => self.running.push(r),
            None => self.warn("nothing to export: the scenario cannot be evaluated"),
        }
    }

    /// Moves the playhead to the next or previous change point with an event.
    pub fn step_event(&mut self, forward: bool) {
        let Some(ev) = self.doc.evaluation() else { return };
        let dates = ev.points.iter().filter(|p| !p.events.is_empty()).map(|p| p.date);
        let now = self.view.playhead;
        let target = if forward { dates.filter(|d| *d > now).min() } else { dates.filter(|d| *d < now).max() };
        self.view.playhead = target.unwrap_or(if forward { self.doc.scenario.end } else { self.doc.scenario.start });
        self.view.playing = false;
    }

    /// Moves the playhead to the next date after it where a compared scenario differs from
    /// the open one (in capital, votes or power); says so when there is none.
    fn next_difference(&mut self) {
        let Some(a) = self.doc.evaluation() else { return };
        let after = self.view.playhead;
        let next = self
            .compare
            .iter()
            .filter_map(|b| b.evaluation().and_then(|b| engine::compare::next_difference(a, b, after)))
            .min();
        match next {
            Some(d) => {
                self.view.playhead = d;
                self.view.playing = false;
            }
            None if self.compare.is_empty() => self.info("nothing is compared: View → Compare with…"),
            None => self.info(format!("no difference after {after} until the end")),
        }
    }

    /// Enters presenter mode at step 1 (full screen where the window manager allows it,
    /// maximised otherwise) or leaves it.
    pub(super) fn set_presenting(&mut self, ctx: &egui::Context, on: bool) {
        if self.presenting() == on {
            return;
        }
        if on {
            let maximized = ctx.input(|i| i.viewport().maximized.unwrap_or(false));
            let mut p = Presenter::new(&self.doc.scenario, maximized);
            let now = ctx.input(|i| i.time);
            p.go(0, self.view.playhead, now);
            p.entered_at = now;
            self.presenter = Some(p);
            self.view.playing = false;
            self.view.presenting = true;
            ctx.send_viewport_cmd(egui::ViewportCommand::Maximized(true));
            ctx.send_viewport_cmd(egui::ViewportCommand::Fullscreen(true));
        } else {
            let left = self.presenter.take();
            let was_maximized = left.as_ref().is_some_and(|p| p.was_maximized);
            self.view.presenting = false;
            ctx.send_viewport_cmd(egui::ViewportCommand::Fullscreen(false));
            ctx.send_viewport_cmd(egui::ViewportCommand::Maximized(was_maximized));
            self.window_restore = left.and_then(|p| p.restore);
        }
    }
}
