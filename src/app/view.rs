//! The app's state and frame: panels, modals, commands, playback, autosave, persistence.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use eframe::egui;

use super::commands::{self, Command};
use super::document::Document;
use super::export::{self, ExportDialog};
use super::presenter::{self, Presenter};
use super::settings::Settings;
use super::{compare, files, holdings, plots, timeline};
use crate::engine::{Measure, Resolution};
use crate::io;

/// DejaVu Sans, shipped in `assets/fonts`, as the last fallback of both families, so that
/// symbols (▶, ■, →, −) draw on machines without system fonts.
pub fn install_fonts(ctx: &egui::Context) {
    let data = egui::FontData::from_static(include_bytes!("../../assets/fonts/DejaVuSans.ttf"));
    let families = [egui::FontFamily::Proportional, egui::FontFamily::Monospace]
        .into_iter()
        .map(|family| egui::epaint::text::InsertFontFamily {
            family,
            priority: egui::epaint::text::FontPriority::Lowest,
        })
        .collect();
    ctx.add_font(egui::epaint::text::FontInsert::new("DejaVuSans", data, families));
}

/// What the plots and the timeline show.
#[derive(Debug, Clone)]
pub struct ViewState {
    /// The playhead date.
    pub playhead: NaiveDate,
    /// Whether the timeline plays.
    pub playing: bool,
    /// Playback speed, in days per second.
    pub speed: f32,
    /// Whether playback loops.
    pub looping: bool,
    /// Index and resolution chosen in each issuer's power plot header.
    pub power_choice: BTreeMap<String, (Measure, Resolution)>,
    /// The event selected on the timeline.
    pub selected_event: Option<usize>,
    /// Days accumulated by playback and not yet applied (the playhead moves by whole days).
    pub play_carry: f64,
}

/// A question or message over the app.
#[derive(Debug, Clone, PartialEq)]
pub enum Modal {
    /// An error to read: title and text.
    Error(String, String),
    /// Unsaved changes: ask before doing this.
    Unsaved(Pending),
    /// A recovery file from a crash: offer it back.
    Recovery(PathBuf),
}

/// What waits for the unsaved-changes answer.
#[derive(Debug, Clone, PartialEq)]
pub enum Pending {
    /// Start a new scenario.
    New,
    /// Open a file (`None`: ask for it).
    Open(Option<PathBuf>),
    /// Close the window.
    Quit,
}

/// The app.
pub struct AllianceApp {
    /// The open scenario.
    pub doc: Document,
    /// Settings kept between runs.
    pub settings: Settings,
    /// View state.
    pub view: ViewState,
    /// The modal shown, if any.
    pub modal: Option<Modal>,
    /// Presenter mode, when on.
    pub presenter: Option<Presenter>,
    /// A second scenario overlaid for comparison, when one is open.
    pub compare: Option<Document>,
    /// The export dialog, when open.
    pub export: Option<ExportDialog>,
    /// Exports running on worker threads.
    pub running: Vec<export::Running>,
    queue: Vec<Command>,
    message: Option<String>,
    last_autosave: f64,
    recovery: Option<PathBuf>,
    /// Where the last saved versions of each file are kept (none in tests).
    versions: Option<io::versions::Versions>,
    allow_close: bool,
    dark_applied: Option<bool>,
}

impl AllianceApp {
    /// The app, from eframe's creation context: opens `file`, or the last scenario, or the
    /// embedded default; offers a recovery file left by a crash.
    pub fn new(cc: &eframe::CreationContext<'_>, launch: super::Launch) -> AllianceApp {
        let super::Launch { file, present, compare } = launch;
        install_fonts(&cc.egui_ctx);
        let (settings, warning) = Settings::load(cc.storage);
        let recovery = eframe::storage_dir(super::APP_ID).map(|d| d.join("recovery.ron"));
        let mut app = AllianceApp::with_document(files::default_document(), settings);
        app.recovery = recovery;
        app.versions = eframe::storage_dir(super::APP_ID).map(|d| io::versions::Versions::new(d.join("versions")));
        app.message = warning;
        let start = file.or_else(|| app.settings.last_scenario.clone().filter(|p| p.exists()));
        if let Some(path) = start {
            app.open_path(&path);
        }
        if let Some(r) = app.recovery.clone().filter(|p| p.exists()) {
            app.modal = Some(Modal::Recovery(r));
        }
        if let Some(c) = compare {
            app.open_compare(&c);
        }
        if present {
            app.command(Command::Present);
        }
        app
    }

    /// The app on the embedded default scenario, with default settings and no storage or
    /// recovery file: what a headless harness drives.
    pub fn on_default_scenario(ctx: &egui::Context) -> AllianceApp {
        install_fonts(ctx);
        AllianceApp::with_document(files::default_document(), Settings::default())
    }

    /// The app on a document, with no storage (tests, and the start of [`Self::new`]).
    pub fn with_document(doc: Document, settings: Settings) -> AllianceApp {
        let playhead = doc.scenario.start;
        AllianceApp {
            doc,
            settings,
            view: ViewState {
                playhead,
                playing: false,
                speed: 60.0,
                looping: false,
                power_choice: BTreeMap::new(),
                selected_event: None,
                play_carry: 0.0,
            },
            modal: None,
            presenter: None,
            compare: None,
            export: None,
            running: Vec::new(),
            queue: Vec::new(),
            message: None,
            last_autosave: 0.0,
            recovery: None,
            versions: None,
            allow_close: false,
            dark_applied: None,
        }
    }

    /// Queues a command, applied after the frame.
    pub fn command(&mut self, c: Command) {
        self.queue.push(c);
    }

    /// Opens a file: on success it replaces the scenario; on failure the error is shown in a
    /// dialog and the current scenario stays untouched.
    pub fn open_path(&mut self, path: &Path) {
        match Document::open(path) {
            Ok(doc) => {
                self.view.playhead = doc.scenario.start;
                self.view.selected_event = None;
                self.doc = doc;
                self.settings.remember(path);
                self.settings.last_scenario = Some(path.to_path_buf());
                self.message = Some(format!("opened {}", path.display()));
            }
            Err(e) => self.modal = Some(Modal::Error("The file could not be opened".into(), e.to_string())),
        }
    }

    /// Opens a second scenario to compare with; an error shows in a dialog.
    pub fn open_compare(&mut self, path: &Path) {
        match Document::open(path) {
            Ok(doc) => {
                self.message = Some(format!("comparing with {}", path.display()));
                self.compare = Some(doc);
            }
            Err(e) => {
                self.modal = Some(Modal::Error("The scenario to compare could not be opened".into(), e.to_string()))
            }
        }
    }

    /// Exports the chart chosen in the export dialog to `path` on a worker thread.
    pub fn export_chart_to(&mut self, path: &Path) {
        let d = self.export.clone().unwrap_or_default();
        match export::start(self, &d, path) {
            Some(r) => self.running.push(r),
            None => self.message = Some("nothing to export: the scenario cannot be evaluated".into()),
        }
    }

    /// Collects finished exports; keeps repainting while any runs.
    fn poll_exports(&mut self, ctx: &egui::Context) {
        let mut still = Vec::new();
        for r in std::mem::take(&mut self.running) {
            match r.poll() {
                Some(Ok(msg)) => self.message = Some(msg),
                Some(Err(e)) => self.modal = Some(Modal::Error(format!("The export of {} failed", r.what), e)),
                None => still.push(r),
            }
        }
        self.running = still;
        if !self.running.is_empty() {
            ctx.request_repaint_after(std::time::Duration::from_millis(50));
        }
    }

    fn export_window(&mut self, ctx: &egui::Context) {
        let Some(mut d) = self.export.take() else { return };
        let mut keep = true;
        egui::Window::new("Export")
            .collapsible(false)
            .resizable(false)
            .anchor(egui::Align2::CENTER_CENTER, egui::Vec2::ZERO)
            .show(ctx, |ui| match export::dialog(ui, self, &mut d) {
                Some(export::Action::Chart) => {
                    let name = format!("{}.{}", d.chart.name(), d.format.extension());
                    if let Some(path) = export::pick_path(&name, d.format) {
                        self.export = Some(d.clone());
                        self.export_chart_to(&path);
                    }
                }
                Some(export::Action::Copy) => match export::copy_to_clipboard(ctx, self, &d) {
                    Ok(()) => self.message = Some(format!("copied {} to the clipboard", d.chart.name())),
                    Err(e) => self.modal = Some(Modal::Error("The chart could not be copied".into(), e)),
                },
                Some(export::Action::Window) => {
                    if let Some(path) =
                        export::pick_path("alliance-sim-window.png", crate::io::export::ExportFormat::Png)
                    {
                        keep = false;
                        self.running.push(export::save_window(ctx, path));
                    }
                }
                Some(export::Action::Close) => keep = false,
                None => {}
            });
        if keep {
            self.export = Some(d);
        }
    }

    /// Saves to `path`, showing any error in a dialog.
    pub fn save_path(&mut self, path: &Path) {
        match self.doc.save_to(path) {
            Ok(text) => {
                self.settings.remember(path);
                self.settings.last_scenario = Some(path.to_path_buf());
                let kept = self.versions.as_ref().map(|v| v.record(path, &text, chrono::Utc::now()));
                self.message = Some(match kept {
                    Some(Err(e)) => format!("saved {}, but its version could not be kept: {e}", path.display()),
                    _ => format!("saved {}", path.display()),
                });
            }
            Err(e) => self.modal = Some(Modal::Error("The scenario could not be saved".into(), e.to_string())),
        }
    }

    /// A short status message.
    pub fn message(&self) -> Option<&str> {
        self.message.as_deref()
    }

    fn window_title(&self) -> String {
        let mark = if self.doc.is_dirty() { " •" } else { "" };
        format!("{}{mark} — {} — alliance-sim", self.doc.display_name(), self.doc.scenario.title)
    }

    /// Runs `then` now, or asks first if there are unsaved changes.
    fn guard(&mut self, then: Pending) {
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
            Pending::Open(None) => {
                if let Some(p) = files::pick_open() {
                    self.open_path(&p);
                }
            }
            Pending::Quit => self.allow_close = true,
        }
    }

    /// Whether presenter mode is on.
    pub fn presenting(&self) -> bool {
        self.presenter.is_some()
    }

    /// In presenter mode, the navigation keys move between steps.
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
            _ => return c.edits(),
        };
        p.go(target, from, now);
        true
    }

    fn apply(&mut self, ctx: &egui::Context, c: Command) {
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
            Command::SaveAs => {
                if let Some(p) = files::pick_save(&self.doc.display_name()) {
                    self.save_path(&p);
                }
            }
            Command::Undo => {
                self.doc.undo();
            }
            Command::Redo | Command::RedoAlt => {
                self.doc.redo();
            }
            Command::PlayPause => self.view.playing = !self.view.playing,
            Command::PreviousEvent => self.step_event(false),
            Command::NextEvent => self.step_event(true),
            Command::Start => self.view.playhead = self.doc.scenario.start,
            Command::End => self.view.playhead = self.doc.scenario.end,
            Command::Present => self.set_presenting(ctx, !self.presenting()),
            Command::Leave => self.set_presenting(ctx, false),
            Command::ToggleTheme => self.settings.dark = !self.settings.dark,
            Command::Compare => {
                if self.compare.is_some() {
                    self.compare = None;
                } else if let Some(p) = files::pick_open() {
                    self.open_compare(&p);
                }
            }
            Command::Export => {
                if self.export.is_none() {
                    self.export = Some(ExportDialog::new());
                }
            }
            Command::Quit => ctx.send_viewport_cmd(egui::ViewportCommand::Close),
        }
    }

    fn set_presenting(&mut self, ctx: &egui::Context, on: bool) {
        if self.presenting() == on {
            return;
        }
        if on {
            let mut p = Presenter::new(&self.doc.scenario);
            let k = p.steps.iter().rposition(|s| s.date <= self.view.playhead).unwrap_or(0);
            p.go(k, self.view.playhead, ctx.input(|i| i.time));
            self.presenter = Some(p);
            self.view.playing = false;
            ctx.set_zoom_factor(1.25);
        } else {
            self.presenter = None;
            ctx.set_zoom_factor(1.0);
        }
        ctx.send_viewport_cmd(egui::ViewportCommand::Fullscreen(on));
    }

    /// Moves the presentation on: glide, auto-play.
    fn advance_presenter(&mut self, ctx: &egui::Context) {
        let now = ctx.input(|i| i.time);
        let from = self.view.playhead;
        let Some(p) = self.presenter.as_mut() else { return };
        if p.due(now) {
            p.go(p.index + 1, from, now);
        }
        if let Some(d) = p.playhead(now) {
            self.view.playhead = d;
        }
        if p.is_gliding() {
            ctx.request_repaint();
        } else if p.autoplay {
            ctx.request_repaint_after(std::time::Duration::from_millis(250));
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

    fn advance_playback(&mut self, ctx: &egui::Context) {
        if !self.view.playing {
            return;
        }
        let dt = f64::from(ctx.input(|i| i.stable_dt).min(0.1));
        self.view.play_carry += dt * f64::from(self.view.speed);
        let whole = self.view.play_carry.floor();
        self.view.play_carry -= whole;
        let next = self.view.playhead + chrono::Days::new(whole as u64);
        if next > self.doc.scenario.end {
            if self.view.looping {
                self.view.playhead = self.doc.scenario.start;
            } else {
                self.view.playhead = self.doc.scenario.end;
                self.view.playing = false;
            }
        } else {
            self.view.playhead = next;
        }
        ctx.request_repaint();
    }

    fn autosave(&mut self, ctx: &egui::Context) {
        let now = ctx.input(|i| i.time);
        if now - self.last_autosave < 5.0 {
            return;
        }
        self.last_autosave = now;
        if let Some(path) = &self.recovery {
            if self.doc.is_dirty() {
                if let Some(dir) = path.parent() {
                    let _ = std::fs::create_dir_all(dir);
                }
                if let Ok(text) = io::to_text(&self.doc.scenario) {
                    let _ = io::write_atomic(path, text.as_bytes());
                }
            } else if path.exists() {
                let _ = std::fs::remove_file(path);
            }
        }
    }

    fn handle_drops(&mut self, ctx: &egui::Context) {
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw.dropped_files.iter().map(|f| f.path().to_path_buf()).filter(|p| !p.as_os_str().is_empty()).collect()
        });
        if let Some(p) = dropped.into_iter().find(|p| p.extension().is_some_and(|e| e == "ron"))
            && !self.presenting()
        {
            self.guard(Pending::Open(Some(p)));
        }
    }

    fn handle_close(&mut self, ctx: &egui::Context) {
        if ctx.input(|i| i.viewport().close_requested()) && !self.allow_close && self.doc.is_dirty() {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.modal = Some(Modal::Unsaved(Pending::Quit));
        }
        if self.allow_close {
            if let Some(p) = &self.recovery {
                let _ = std::fs::remove_file(p);
            }
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
        }
    }

    fn apply_theme(&mut self, ctx: &egui::Context) {
        if self.dark_applied != Some(self.settings.dark) {
            ctx.set_theme(if self.settings.dark { egui::Theme::Dark } else { egui::Theme::Light });
            self.dark_applied = Some(self.settings.dark);
        }
    }

    fn menu_bar(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        egui::MenuBar::new().ui(ui, |ui| {
            let item = |ui: &mut egui::Ui, app: &mut AllianceApp, c: Command, enabled: bool| {
                let b = egui::Button::new(c.label()).shortcut_text(commands::shortcut_text(&ctx, c));
                if ui.add_enabled(enabled, b).clicked() {
                    app.command(c);
                    ui.close();
                }
            };
            let editable = !self.presenting();
            ui.menu_button("File", |ui| {
                item(ui, self, Command::New, editable);
                item(ui, self, Command::Open, editable);
                ui.menu_button("Open recent", |ui| {
                    if self.settings.recent.is_empty() {
                        ui.label("no recent files");
                    }
                    for p in self.settings.recent.clone() {
                        if ui.add_enabled(editable, egui::Button::new(p.display().to_string())).clicked() {
                            self.guard(Pending::Open(Some(p)));
                            ui.close();
                        }
                    }
                });
                ui.separator();
                item(ui, self, Command::Save, true);
                item(ui, self, Command::SaveAs, true);
                ui.separator();
                item(ui, self, Command::Export, true);
                ui.separator();
                item(ui, self, Command::Quit, true);
            });
            ui.menu_button("Edit", |ui| {
                let (u, r) =
                    (self.doc.history.can_undo(&self.doc.scenario), self.doc.history.can_redo(&self.doc.scenario));
                item(ui, self, Command::Undo, editable && u);
                item(ui, self, Command::Redo, editable && r);
            });
            ui.menu_button("View", |ui| {
                item(ui, self, Command::ToggleTheme, true);
                item(ui, self, Command::Present, true);
                ui.separator();
                let label = if self.compare.is_some() { "Stop comparing" } else { Command::Compare.label() };
                if ui.button(label).clicked() {
                    self.command(Command::Compare);
                    ui.close();
                }
            });
            ui.menu_button("Playback", |ui| {
                for c in [Command::PlayPause, Command::PreviousEvent, Command::NextEvent, Command::Start, Command::End]
                {
                    item(ui, self, c, true);
                }
            });
        });
    }

    fn status_bar(&mut self, ui: &mut egui::Ui) {
        ui.horizontal(|ui| {
            ui.label(format!("Playhead: {}", self.view.playhead));
            ui.separator();
            if self.doc.is_dirty() {
                ui.label(egui::RichText::new("● unsaved changes").color(ui.visuals().warn_fg_color));
            } else {
                ui.label("saved");
            }
            ui.separator();
            for r in &self.running {
                ui.spinner();
                ui.label(format!("exporting {}…", r.what));
                ui.separator();
            }
            match self.doc.problem() {
                Some(p) => {
                    ui.label(egui::RichText::new(format!("⚠ {p}")).color(ui.visuals().error_fg_color))
                        .on_hover_text("The plots show the last scenario that could be evaluated.");
                }
                None => {
                    if let Some(m) = &self.message {
                        ui.label(m);
                    }
                }
            }
        });
    }

    fn modal_ui(&mut self, ctx: &egui::Context) {
        let Some(modal) = self.modal.clone() else { return };
        let mut close = false;
        egui::Modal::new(egui::Id::unique("alliance-modal")).show(ctx, |ui| {
            ui.set_max_width(560.0);
            match &modal {
                Modal::Error(title, text) => {
                    ui.heading(title);
                    ui.add_space(6.0);
                    ui.label(text);
                    ui.add_space(8.0);
                    if ui.button("OK").clicked() {
                        close = true;
                    }
                }
                Modal::Unsaved(then) => {
                    ui.heading("Unsaved changes");
                    ui.label(format!("{} has changes that are not saved.", self.doc.display_name()));
                    ui.horizontal(|ui| {
                        if ui.button("Save").clicked() {
                            self.apply(ctx, Command::Save);
                            if !self.doc.is_dirty() {
                                self.proceed(then.clone());
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
                }
                Modal::Recovery(path) => {
                    ui.heading("Recover unsaved work?");
                    ui.label("alliance-sim did not close normally last time. An autosaved scenario was found.");
                    ui.horizontal(|ui| {
                        if ui.button("Recover").clicked() {
                            match io::scenario_file::parse_unchecked(
                                &std::fs::read_to_string(path).unwrap_or_default(),
                                path,
                            ) {
                                Ok(s) => {
                                    self.doc.scenario = s;
                                    self.message =
                                        Some("recovered the autosaved scenario (not yet saved to a file)".into());
                                }
                                Err(e) => self.message = Some(format!("the recovery file could not be read: {e}")),
                            }
                            close = true;
                        }
                        if ui.button("Discard").clicked() {
                            let _ = std::fs::remove_file(path);
                            close = true;
                        }
                    });
                }
            }
        });
        if close && self.modal.as_ref() == Some(&modal) {
            self.modal = None;
        }
    }
}

impl eframe::App for AllianceApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        self.apply_theme(&ctx);
        self.doc.refresh();
        if let Some(c) = self.compare.as_mut() {
            c.refresh();
        }
        if self.modal.is_none() {
            let pressed = commands::pressed(&ctx);
            self.queue.extend(pressed);
        }
        self.handle_drops(&ctx);
        self.advance_playback(&ctx);
        self.advance_presenter(&ctx);
        ctx.send_viewport_cmd(egui::ViewportCommand::Title(self.window_title()));

        if self.presenting() {
            egui::Panel::top("caption").show(ui, |ui| {
                let playhead = self.view.playhead;
                let go = self.presenter.as_mut().and_then(|p| presenter::caption_bar(ui, p, playhead));
                if let (Some(k), Some(p)) = (go, self.presenter.as_mut()) {
                    p.go(k, playhead, ctx.input(|i| i.time));
                }
            });
        } else {
            egui::Panel::top("menu").show(ui, |ui| self.menu_bar(ui));
        }
        egui::Panel::bottom("status").show(ui, |ui| self.status_bar(ui));
        egui::Panel::bottom("timeline")
            .resizable(true)
            .default_size(170.0)
            .min_size(120.0)
            .show(ui, |ui| timeline::ui(ui, self));
        if !self.presenting() {
            egui::Panel::left("holdings")
                .resizable(true)
                .default_size(330.0)
                .min_size(240.0)
                .show(ui, |ui| holdings::ui(ui, self));
        }
        if self.compare.is_some() {
            egui::Panel::right("compare")
                .resizable(true)
                .default_size(420.0)
                .min_size(300.0)
                .show(ui, |ui| compare::ui(ui, self));
        }
        egui::CentralPanel::default().show(ui, |ui| plots::ui(ui, self));
        self.export_window(&ctx);
        self.modal_ui(&ctx);
        self.poll_exports(&ctx);

        let editing = ctx.input(|i| i.pointer.any_down()) || ctx.dragged_id().is_some();
        self.doc.refresh();
        self.doc.history.sync(&self.doc.scenario, editing);
        for c in std::mem::take(&mut self.queue) {
            self.apply(&ctx, c);
        }
        self.doc.refresh();
        self.handle_close(&ctx);
        self.autosave(&ctx);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        self.settings.save(storage);
    }

    fn on_exit(&mut self) {
        if let Some(p) = &self.recovery
            && !self.doc.is_dirty()
        {
            let _ = std::fs::remove_file(p);
        }
    }
}
