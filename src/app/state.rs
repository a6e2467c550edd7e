//! The app's state types: the [`AllianceApp`] itself (re-exported with what the plots and the
//! timeline show, [`ViewState`]), the modal questions ([`Modal`], [`Pending`]) and the status
//! line ([`Status`]). How commands change this state, and what runs every frame, is in
//! `frame/`.

use std::path::PathBuf;

use eframe::egui;

use crate::app::commands::Command;
use crate::app::document::Document;
use crate::app::document::files;
use crate::app::document::recovery::{Autosave, Offers};
use crate::app::document::settings::Settings;
use crate::app::file_dialog::Chooser;
use crate::app::panels::Panels;
use crate::app::panels::presenter::Presenter;
use crate::app::widgets::fonts::install_fonts;
use crate::app::windows::assumptions::AssumptionsWindow;
use crate::app::windows::export::{self, ExportDialog};
use crate::app::windows::how_to_read::HowToReadWindow;
use crate::app::windows::indirect::IndirectWindow;
use crate::app::windows::recovery::RecoveryWindow;
use crate::app::windows::versions::VersionsWindow;

pub use crate::app::view::ViewState;

/// A question or message over the app.
#[derive(Debug, Clone, PartialEq)]
pub enum Modal {
    /// An error to read: title and text.
    Error(String, String),
    /// Unsaved changes: ask before doing this.
    Unsaved(Pending),
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
    /// Recover the work autosaved in this recovery file (offered in the recovery dialog).
    Recover(PathBuf),
}

/// The status line's message: information, or a problem the user should act on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Status {
    /// Something done ("saved x.ron").
    Info(String),
    /// Something that went wrong without stopping the work (an autosave that failed).
    Warning(String),
}

impl Status {
    /// The message's text.
    pub fn text(&self) -> &str {
        match self {
            Status::Info(t) | Status::Warning(t) => t,
        }
    }
}

/// The most scenarios compared with the open one (four scenarios in all).
pub const MAX_COMPARED: usize = 3;

/// The app.
pub struct AllianceApp {
    /// The open scenario (A).
    pub doc: Document,
    /// Settings kept between runs.
    pub settings: Settings,
    /// View state.
    pub view: ViewState,
    /// The modal shown, if any (the recovery dialog is a window of its own).
    pub modal: Option<Modal>,
    /// Presenter mode, when on.
    pub presenter: Option<Presenter>,
    /// Scenarios overlaid for comparison (B, C, D), at most [`MAX_COMPARED`].
    pub compare: Vec<Document>,
    /// The export dialog, when open.
    pub export: Option<ExportDialog>,
    /// Exports running on worker threads.
    pub running: Vec<export::Running>,
    /// Each panel's own state.
    pub(super) panels: Panels,
    pub(super) queue: Vec<Command>,
    pub(super) status: Option<Status>,
    /// This instance's autosave.
    pub(super) autosave: Autosave,
    /// Work of instances that ended without saving, not yet decided on, while the recovery
    /// dialog is closed (the dialog holds it while open).
    pub(super) offers: Offers,
    /// The recovery dialog, while open.
    pub(super) recovery: Option<RecoveryWindow>,
    /// Whether the File menu was open on the last frame (opening it lists the offered work again).
    pub(super) file_menu_open: bool,
    /// Asks for paths: the system dialog, or the in-app one.
    pub(super) chooser: Chooser,
    /// What waits for a Save As answered in the in-app dialog (the unsaved-changes question's
    /// Save on an untitled scenario).
    pub(super) after_save: Option<Pending>,
    /// A screenshot of the window to write to this path, taken a frame after the one (pass
    /// number) in which it was asked for.
    pub(super) window_shot: Option<(PathBuf, Option<u64>)>,
    /// When (frame clock) the running evaluation began, while one runs.
    pub(super) evaluating_since: Option<f64>,
    pub(super) title_sent: Option<String>,
    /// Where the window goes back to after presenter mode sized it to the monitor itself
    /// (points at zoom 1), until the zoom is back to 1.
    pub(super) window_restore: Option<egui::Rect>,
    pub(super) allow_close: bool,
    pub(super) dark_applied: Option<bool>,
    /// Where the last saved versions of each file are kept (none in tests).
    pub(super) versions: Option<crate::io::versions::Versions>,
    /// File → Versions…, while open.
    pub(super) versions_window: Option<VersionsWindow>,
    /// View → Assumptions…, while open.
    pub(super) assumptions: Option<AssumptionsWindow>,
    /// View → Through the network…, while open.
    pub(super) indirect: Option<IndirectWindow>,
    /// Help → How to read this…, while open.
    pub(super) how_to_read: Option<HowToReadWindow>,
}

impl AllianceApp {
    /// The app on the embedded default scenario, with default settings and no storage or
    /// recovery file: what a headless harness drives.
    pub fn on_default_scenario(ctx: &egui::Context) -> AllianceApp {
        install_fonts(ctx);
        AllianceApp::with_document(files::default_document(), Settings::default())
    }

    /// The app on a document, with no storage (tests, and the start of [`Self::new`]).
    pub fn with_document(doc: Document, settings: Settings) -> AllianceApp {
        let view = ViewState::at(doc.scenario.start);
        AllianceApp {
            doc,
            settings,
            view,
            modal: None,
            presenter: None,
            compare: Vec::new(),
            export: None,
            running: Vec::new(),
            panels: Panels::default(),
            queue: Vec::new(),
            status: None,
            autosave: Autosave::off(),
            offers: Offers::default(),
            recovery: None,
            file_menu_open: false,
            chooser: Chooser::from_env(),
            after_save: None,
            window_shot: None,
            evaluating_since: None,
            title_sent: None,
            window_restore: None,
            allow_close: false,
            dark_applied: None,
            versions: None,
            versions_window: None,
            assumptions: None,
            indirect: None,
            how_to_read: None,
        }
    }

    /// Queues a command, applied at the start of the next frame.
    pub fn command(&mut self, c: Command) {
        self.queue.push(c);
    }

    /// The status line's message, if any.
    pub fn message(&self) -> Option<&str> {
        self.status.as_ref().map(Status::text)
    }

    /// The status line's message with its kind.
    pub fn status(&self) -> Option<&Status> {
        self.status.as_ref()
    }

    /// Whether presenter mode is on.
    pub fn presenting(&self) -> bool {
        self.presenter.is_some()
    }

    /// The screen rectangle of a plot on the last frame ("balance", "power-ISSUER",
    /// "snapshot", "network"), if it was drawn.
    pub fn plot_rect(&self, id: &str) -> Option<egui::Rect> {
        self.panels.plots.rects.get(id).copied()
    }

    /// The y range a time plot showed on the last frame ("balance", "power-ISSUER").
    pub fn plot_y_range(&self, id: &str) -> Option<(f64, f64)> {
        self.panels.plots.y_ranges.get(id).copied()
    }

    /// Sets an informative status message.
    pub(super) fn info(&mut self, text: impl Into<String>) {
        self.status = Some(Status::Info(text.into()));
    }

    /// Sets a warning in the status line.
    pub(super) fn warn(&mut self, text: impl Into<String>) {
        self.status = Some(Status::Warning(text.into()));
    }
}
