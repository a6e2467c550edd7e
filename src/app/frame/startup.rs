//! How the app starts from eframe's creation context: fonts, settings, the scenario to open,
//! saved versions, recovery, a scenario to compare with, presenter mode.

use crate::app::commands::Command;
use crate::app::document::evaluation;
use crate::app::document::files;
use crate::app::document::settings::Settings;
use crate::app::file_dialog::Chooser;
use crate::app::frame::launch::{APP_ID, Launch};
use crate::app::state::{AllianceApp, Status};
use crate::app::widgets::fonts::install_fonts;
use crate::io::recovery::{LEGACY_FILE, Store};

impl AllianceApp {
    /// The app, from eframe's creation context: opens `file`, or the last scenario, or the
    /// embedded default; offers a recovery file left by a crash.
    pub fn new(cc: &eframe::CreationContext<'_>, launch: Launch) -> AllianceApp {
        let Launch { file, present, compare } = launch;
        install_fonts(&cc.egui_ctx);
        evaluation::set_default_budget(evaluation::FRAME_BUDGET);
        let (settings, warning) = Settings::load(cc.storage);
        let mut app = AllianceApp::with_document(files::default_document(), settings);
        app.versions = eframe::storage_dir(APP_ID).map(|d| crate::io::versions::Versions::new(d.join("versions")));
        app.status = warning.map(Status::Warning);
        app.chooser = Chooser::from_env();
        let start = file.or_else(|| app.settings.last_scenario.clone().filter(|p| p.exists()));
        if let Some(path) = start {
            app.open_path(&path);
        }
        match eframe::storage_dir(APP_ID) {
            Some(data) => app.start_recovery(&Store::in_data_folder(&data), Some(&data.join(LEGACY_FILE))),
            None => app.warn("autosave is off: this system has no folder for application data"),
        }
        if let Some(c) = compare {
            app.open_compare(&c);
        }
        if present {
            app.command(Command::Present);
        }
        app
    }
}
