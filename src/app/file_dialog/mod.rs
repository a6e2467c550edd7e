//! Asking the user for a path: the system's file dialog when it can open, else a file dialog
//! drawn inside the app, so that no command that needs a path ever does nothing.
//!
//! On Linux the system dialog (rfd) asks the desktop portal over D-Bus and falls back to
//! `zenity`; where neither exists (a bare X server, a minimal desktop) it returns "nothing
//! chosen", exactly as when the user cancels. The two are told apart in two ways:
//! - before asking: with no `zenity` on the `PATH` and no D-Bus session bus, the system dialog
//!   cannot open, so it is not tried;
//! - after asking: rfd reports the failure of its last fallback (zenity) through the `log`
//!   crate; a small logger records rfd's errors on the asking thread, and a "nothing chosen"
//!   that comes with such an error is a failure, not a cancel.
//!
//! After one failure the app uses the in-app dialog for the rest of the session and says so.
//! `ALLIANCE_SIM_FILE_DIALOG=builtin` (or the setting "Use the built-in file dialog") forces it.
//! The in-app dialog is small on purpose: a folder (typed, or Up, or a sub-folder clicked),
//! its sub-folders and the files of the requested kind, a file name; "replace it?" before a
//! save over an existing file.

use std::path::{Path, PathBuf};

use eframe::egui;

mod builtin;
mod native;
mod request;

use builtin::{Answer, Open, confirm_replace};
pub use native::{native, native_possible};
pub use request::{NativeOutcome, Purpose, Request};

/// The environment variable that chooses the dialog: `builtin` (or `in-app`) forces the
/// in-app dialog, `native` the system one (the default: the system one when it can open).
pub const ENV: &str = "ALLIANCE_SIM_FILE_DIALOG";

/// Which dialog is used, and the in-app dialog while it is open.
pub struct Chooser {
    forced: bool,
    native_failed: Option<String>,
    open: Option<Open>,
    /// The folder of the last path chosen: where the next dialog starts when the request
    /// names none.
    last_folder: Option<PathBuf>,
}

/// What happened in the in-app dialog this frame.
#[derive(Debug, Clone, PartialEq)]
pub enum Shown {
    /// Nothing yet (or no dialog).
    Waiting,
    /// A path was chosen for the request.
    Chosen(Purpose, PathBuf),
    /// The user closed the dialog.
    Cancelled,
}

impl Chooser {
    /// The chooser as the environment says ([`ENV`]).
    pub fn from_env() -> Chooser {
        let forced = std::env::var(ENV).is_ok_and(|v| matches!(v.trim(), "builtin" | "in-app" | "inapp"));
        Chooser { forced, native_failed: None, open: None, last_folder: None }
    }

    /// A chooser that always uses the in-app dialog, starting in `folder` (tests).
    pub fn builtin_in(folder: &Path) -> Chooser {
        Chooser { forced: true, native_failed: None, open: None, last_folder: Some(folder.to_path_buf()) }
    }

    /// Whether the in-app dialog is used: forced by the environment, by `setting`, or because
    /// the system dialog cannot open here.
    pub fn uses_builtin(&self, setting: bool) -> bool {
        self.forced || setting || self.native_failed.is_some() || !native_possible()
    }

    /// Why the system dialog is not used, if it was tried and failed this session.
    pub fn native_failure(&self) -> Option<&str> {
        self.native_failed.as_deref()
    }

    /// Whether the in-app dialog is open.
    pub fn is_open(&self) -> bool {
        self.open.is_some()
    }

    /// The purpose of the open in-app dialog.
    pub fn open_purpose(&self) -> Option<Purpose> {
        self.open.as_ref().map(|o| o.request.purpose)
    }

    /// Asks for a path. With the system dialog, the answer comes now (`Some` when a path was
    /// chosen); with the in-app dialog (or when the system one failed to open) the dialog
    /// opens and the answer comes later from [`Self::show`]. Returns also a note for the
    /// status bar when the system dialog failed.
    pub fn ask(&mut self, mut request: Request, setting: bool) -> (Option<PathBuf>, Option<String>) {
        if request.folder.is_none() {
            request.folder = self.last_folder.clone().filter(|d| d.is_dir());
        }
        if !self.uses_builtin(setting) {
            match native(&request) {
                NativeOutcome::Chosen(p) => {
                    self.remember(&p);
                    return (Some(p), None);
                }
                NativeOutcome::Cancelled => return (None, None),
                NativeOutcome::Unavailable(why) => {
                    self.native_failed = Some(why);
                    self.open_builtin(request);
                    let note = "the system file dialog could not open (no desktop portal and no zenity); \
                                using the built-in one"
                        .to_string();
                    return (None, Some(note));
                }
            }
        }
        self.open_builtin(request);
        (None, None)
    }

    /// Opens the in-app dialog for `request` (replacing any open one).
    pub fn open_builtin(&mut self, request: Request) {
        let folder = request
            .folder
            .clone()
            .or_else(|| std::env::current_dir().ok())
            .or_else(|| std::env::var_os("HOME").map(PathBuf::from))
            .unwrap_or_else(|| PathBuf::from("/"));
        let mut open = Open::new(request);
        open.enter(folder);
        self.open = Some(open);
    }

    /// Draws the in-app dialog (if open) and returns what the user did.
    pub fn show(&mut self, ctx: &egui::Context) -> Shown {
        let Some(open) = self.open.as_mut() else { return Shown::Waiting };
        if let Some(path) = open.confirm.clone() {
            return match confirm_replace(ctx, &path) {
                Some(true) => self.finish(path),
                Some(false) => {
                    open.confirm = None;
                    Shown::Waiting
                }
                None => Shown::Waiting,
            };
        }
        match open.ui(ctx) {
            Answer::Waiting => Shown::Waiting,
            Answer::Cancel => {
                self.open = None;
                Shown::Cancelled
            }
            Answer::Path(path) => {
                if open.request.purpose.saves() && would_replace(&path) {
                    open.confirm = Some(path);
                    return Shown::Waiting;
                }
                self.finish(path)
            }
        }
    }

    fn remember(&mut self, chosen: &Path) {
        if let Some(dir) = chosen.parent().filter(|d| !d.as_os_str().is_empty()) {
            self.last_folder = Some(dir.to_path_buf());
        }
    }

    fn finish(&mut self, path: PathBuf) -> Shown {
        self.remember(&path);
        match self.open.take() {
            Some(o) => Shown::Chosen(o.request.purpose, path),
            None => Shown::Waiting,
        }
    }
}

/// Whether writing to `path` may replace what is there: an existing file, or a folder that
/// is not empty (images of the same names in it are replaced).
fn would_replace(path: &Path) -> bool {
    if path.is_dir() {
        return std::fs::read_dir(path).is_ok_and(|mut d| d.next().is_some());
    }
    path.exists()
}
