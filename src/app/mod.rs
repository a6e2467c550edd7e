//! The eframe desktop app: holdings on the left, the timeline at the bottom, live plots in the
//! centre, a menu bar and a status bar; presenter and compare modes. Its rooms: `frame/` (the
//! per-frame glue and every method of [`AllianceApp`]), `document/`, `panels/`, `windows/`,
//! `editing/`, `widgets/` and `file_dialog/`. The map of the rooms, the panel rule and the
//! window rule are in ARCHITECTURE.md at the root of the repository.

pub mod commands;
pub mod document;
pub mod editing;
pub mod file_dialog;
mod frame;
pub mod panels;
pub mod state;
pub mod view;
pub mod widgets;
pub mod windows;

pub use commands::Command;
pub use document::{autosave, evaluation, files, history, recovery, settings};
pub use editing::event_form;
pub use frame::launch::{APP_ID, Launch, run};
pub use panels::context as panel;
pub use panels::{PanelCtx, presenter};
pub use state::{AllianceApp, MAX_COMPARED, Modal, Pending, Status, ViewState};
pub use widgets::{fonts, paint};
pub use windows::export;
