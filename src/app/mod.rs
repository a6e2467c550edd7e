//! The eframe desktop app: holdings on the left, the timeline at the bottom, live plots in
//! the centre, a menu bar and a status bar; presenter and compare modes.
//!
//! The app holds the scenario, the undo history and the view state; the engine computes
//! every figure shown ([`document::Document::refresh`]). Where things are:
//!
//! - State types: [`state`] ([`AllianceApp`], [`ViewState`], [`Modal`], [`Status`]).
//! - Commands: [`commands`] lists them with their labels and keys; [`command_handling`]
//!   handles each one (dispatch, guards, file actions).
//! - Every frame, `App::logic` ([`logic`]) commits edits to the undo history, applies the
//!   queued commands, plays the timeline, glides the presenter, refreshes the results once,
//!   polls exports, autosaves and handles closing; `App::ui` ([`eframe_app`]) only draws.
//! - Chrome: [`chrome`] (menu bar, status bar, modals, export window).
//! - Panels, each with its own state struct: [`holdings`] (left), [`timeline`] (bottom),
//!   [`plots`] and [`network`] (centre), [`compare`] (right), [`presenter`] (caption bar).
//! - Colours: [`crate::chart::palette`], brought to egui by [`paint`].
//!
//! **The panel rule.** A panel draws with a [`PanelCtx`] and its own state, never with the
//! app. It may change directly: the scenario (when `editable`; every change becomes an undo
//! step after the frame, one per drag), the view (playhead, playback speed and loop) and its
//! own state. Everything else is a [`Command`] pushed on `commands`: files (new, open, save,
//! export), undo and redo, stepping between events, presenter and compare modes, the theme,
//! windows and modals. Commands are applied at the start of the next frame, where the guards
//! (no edit in presenter mode, unsaved changes asked about first) live.

mod assumptions;
mod autosave;
mod chart_view;
mod chrome;
mod command_handling;
pub mod commands;
mod compare;
mod conflict;
mod dates;
pub mod document;
mod eframe_app;
pub mod evaluation;
mod event_edit;
pub mod event_form;
pub mod export;
pub mod file_dialog;
pub mod files;
pub mod fonts;
mod goal_seek;
pub mod history;
mod holdings;
mod logic;
mod network;
mod network_view;
pub mod paint;
pub mod panel;
mod paths;
mod plots;
pub mod presenter;
pub mod recovery;
pub mod settings;
pub mod state;
mod timeline;
mod versions;

use std::path::PathBuf;

use anyhow::{Context as _, Result};
use eframe::egui;

pub use commands::Command;
pub use panel::PanelCtx;
pub use state::{AllianceApp, MAX_COMPARED, Modal, Pending, Status, ViewState};

/// The application id (window class, storage folder).
pub const APP_ID: &str = "alliance-sim";

/// How the app starts.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Launch {
    /// The scenario to open (else the last one, else the embedded default).
    pub file: Option<PathBuf>,
    /// Start in presenter mode.
    pub present: bool,
    /// A second scenario to compare with.
    pub compare: Option<PathBuf>,
}

/// Opens the app window as `launch` says.
pub fn run(launch: Launch) -> Result<()> {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("alliance-sim")
            .with_app_id(APP_ID)
            .with_inner_size([1560.0, 960.0])
            .with_min_inner_size([960.0, 640.0])
            .with_drag_and_drop(true),
        ..Default::default()
    };
    eframe::run_native(APP_ID, options, Box::new(move |cc| Ok(Box::new(AllianceApp::new(cc, launch)))))
        .map_err(|e| anyhow::anyhow!("{e}"))
        .context("the window could not be opened; on Linux check that DISPLAY or WAYLAND_DISPLAY is set")
}
