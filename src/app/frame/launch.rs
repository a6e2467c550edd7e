//! How the desktop app is launched: its id, what it starts on ([`Launch`]), and [`run`], which
//! opens the window.

use std::path::PathBuf;

use anyhow::{Context as _, Result};
use eframe::egui;

use crate::app::state::AllianceApp;

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
