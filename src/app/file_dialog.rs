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

use std::cell::RefCell;
use std::path::{Path, PathBuf};

use eframe::egui;

use crate::io::export::ExportFormat;

/// The environment variable that chooses the dialog: `builtin` (or `in-app`) forces the
/// in-app dialog, `native` the system one (the default: the system one when it can open).
pub const ENV: &str = "ALLIANCE_SIM_FILE_DIALOG";

/// What a path is asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    /// A scenario to open.
    Open,
    /// Where to save the scenario.
    SaveAs,
    /// A scenario to compare with.
    Compare,
    /// Where to write an exported chart.
    Export(ExportFormat),
    /// Where to save the whole window as PNG.
    SaveWindow,
}

impl Purpose {
    /// The dialog's title.
    pub fn title(self) -> &'static str {
        match self {
            Purpose::Open => "Open scenario",
            Purpose::SaveAs => "Save scenario as",
            Purpose::Compare => "Compare with scenario",
            Purpose::Export(_) => "Export chart",
            Purpose::SaveWindow => "Save the window as PNG",
        }
    }

    /// Whether the dialog asks for a new file (else for an existing one).
    pub fn saves(self) -> bool {
        !matches!(self, Purpose::Open | Purpose::Compare)
    }

    /// The file kind shown: its name and extension.
    pub fn kind(self) -> (&'static str, &'static str) {
        match self {
            Purpose::Open | Purpose::SaveAs | Purpose::Compare => ("alliance-sim scenario", "ron"),
            Purpose::Export(f) => (if f == ExportFormat::Csv { "CSV table" } else { "image" }, f.extension()),
            Purpose::SaveWindow => ("PNG image", "png"),
        }
    }
}

/// A request for a path.
#[derive(Debug, Clone, PartialEq)]
pub struct Request {
    /// What for.
    pub purpose: Purpose,
    /// The suggested file name, when saving.
    pub file_name: Option<String>,
    /// The folder to start in.
    pub folder: Option<PathBuf>,
}

impl Request {
    /// A request for `purpose` starting in the current folder.
    pub fn new(purpose: Purpose) -> Request {
        Request { purpose, file_name: None, folder: None }
    }

    /// With a suggested file name.
    pub fn named(mut self, name: impl Into<String>) -> Request {
        self.file_name = Some(name.into());
        self
    }

    /// Starting in the folder of `file` (when it has one).
    pub fn near(mut self, file: Option<&Path>) -> Request {
        self.folder = file.and_then(Path::parent).filter(|d| d.is_dir()).map(Path::to_path_buf);
        self
    }
}

/// What the system dialog gave.
#[derive(Debug, Clone, PartialEq)]
pub enum NativeOutcome {
    /// A path.
    Chosen(PathBuf),
    /// The user cancelled.
    Cancelled,
    /// The dialog could not open; why.
    Unavailable(String),
}

/// Which dialog is used, and the in-app dialog while it is open.
pub struct Chooser {
    forced: bool,
    native_failed: Option<String>,
    open: Option<Open>,
    /// The folder of the last path chosen: where the next dialog starts when the request
    /// names none.
    last_folder: Option<PathBuf>,
}

/// The in-app dialog: a folder, its sub-folders and files of the requested kind, a file name.
struct Open {
    request: Request,
    folder: PathBuf,
    folder_text: String,
    name: String,
    /// Sub-folders and matching files of `folder` (folders first, by name), or why not.
    entries: Result<Vec<Entry>, String>,
    /// A chosen file that exists, waiting for "replace it?".
    confirm: Option<PathBuf>,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Entry {
    folder: bool,
    name: String,
}

/// What the in-app dialog's frame gave.
enum Answer {
    Waiting,
    Cancel,
    Path(PathBuf),
}

impl Open {
    /// Shows `folder`'s contents.
    fn enter(&mut self, folder: PathBuf) {
        self.entries = list(&folder, self.request.purpose.kind().1);
        self.folder_text = folder.display().to_string();
        self.folder = folder;
    }

    /// The path the file name field names (relative names are in the folder shown).
    fn chosen(&self) -> Option<PathBuf> {
        let name = self.name.trim();
        if name.is_empty() {
            return None;
        }
        let path = self.folder.join(name);
        Some(with_extension(path, self.request.purpose.kind().1, self.request.purpose.saves()))
    }

    fn ui(&mut self, ctx: &egui::Context) -> Answer {
        let mut answer = Answer::Waiting;
        let (kind, _) = self.request.purpose.kind();
        let modal = egui::Modal::new(egui::Id::unique("alliance-file-dialog")).show(ctx, |ui| {
            ui.set_width(620.0);
            ui.heading(self.request.purpose.title());
            ui.label(
                egui::RichText::new(format!("{kind} files; the system's file dialog is not available here")).weak(),
            );
            ui.add_space(6.0);
            self.folder_row(ui);
            ui.add_space(4.0);
            if let Some(a) = self.list_ui(ui) {
                answer = a;
            }
            ui.add_space(6.0);
            ui.horizontal(|ui| {
                let label = ui.label("File name");
                let edit =
                    ui.add(egui::TextEdit::singleline(&mut self.name).desired_width(420.0)).labelled_by(label.id);
                if edit.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
                    answer = self.accept();
                }
            });
            if let Some(problem) = self.problem() {
                ui.label(egui::RichText::new(problem).color(ui.visuals().error_fg_color));
            }
            ui.add_space(6.0);
            ui.horizontal(|ui| {
                let verb = if self.request.purpose.saves() { "Save" } else { "Open" };
                if ui
                    .add_enabled(self.problem().is_none() && self.chosen().is_some(), egui::Button::new(verb))
                    .clicked()
                {
                    answer = self.accept();
                }
                if ui.button("Cancel").clicked() {
                    answer = Answer::Cancel;
                }
            });
        });
        if modal.should_close() && matches!(answer, Answer::Waiting) {
            answer = Answer::Cancel;
        }
        answer
    }

    fn folder_row(&mut self, ui: &mut egui::Ui) {
        ui.horizontal(|ui| {
            let label = ui.label("Folder");
            let edit =
                ui.add(egui::TextEdit::singleline(&mut self.folder_text).desired_width(430.0)).labelled_by(label.id);
            if edit.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
                self.enter(PathBuf::from(self.folder_text.trim()));
            }
            if ui.button("Go").on_hover_text("Show the folder typed").clicked() {
                self.enter(PathBuf::from(self.folder_text.trim()));
            }
            let parent = self.folder.parent().map(Path::to_path_buf);
            if ui.add_enabled(parent.is_some(), egui::Button::new("Up")).on_hover_text("The folder above").clicked()
                && let Some(p) = parent
            {
                self.enter(p);
            }
        });
    }

    /// The folder's entries: a click on a folder opens it; on a file, takes its name (a double
    /// click also confirms).
    fn list_ui(&mut self, ui: &mut egui::Ui) -> Option<Answer> {
        let entries = match &self.entries {
            Ok(e) => e.clone(),
            Err(why) => {
                ui.label(egui::RichText::new(why.as_str()).color(ui.visuals().error_fg_color));
                return None;
            }
        };
        let mut answer = None;
        egui::Frame::group(ui.style()).show(ui, |ui| {
            egui::ScrollArea::vertical().max_height(280.0).min_scrolled_height(280.0).auto_shrink([false, false]).show(
                ui,
                |ui| {
                    if entries.is_empty() {
                        ui.label(egui::RichText::new("no sub-folder and no file of this kind here").weak());
                    }
                    for e in entries {
                        let text = if e.folder { format!("{}/", e.name) } else { e.name.clone() };
                        let r = ui.selectable_label(!e.folder && self.name == e.name, text);
                        if r.clicked() || r.double_clicked() {
                            if e.folder {
                                self.enter(self.folder.join(&e.name));
                                break;
                            }
                            self.name = e.name.clone();
                            if r.double_clicked() {
                                answer = Some(self.accept());
                            }
                        }
                    }
                },
            );
        });
        answer
    }

    /// What is wrong with the file name, if anything.
    fn problem(&self) -> Option<String> {
        let path = self.chosen()?;
        if path.is_dir() {
            return Some("this is a folder: choose a file, or open the folder from the list".into());
        }
        if !self.request.purpose.saves() && !path.is_file() {
            return Some(format!("{} does not exist", path.display()));
        }
        if self.request.purpose.saves() && !path.parent().is_some_and(Path::is_dir) {
            return Some("that folder does not exist".into());
        }
        None
    }

    fn accept(&self) -> Answer {
        match (self.chosen(), self.problem()) {
            (Some(p), None) => Answer::Path(p),
            _ => Answer::Waiting,
        }
    }
}

/// The sub-folders and the files with extension `ext` of `folder`, folders first, by name;
/// hidden entries (starting with a dot) left out.
fn list(folder: &Path, ext: &str) -> Result<Vec<Entry>, String> {
    let read = std::fs::read_dir(folder).map_err(|e| format!("{} cannot be listed: {e}", folder.display()))?;
    let mut out: Vec<Entry> = read
        .filter_map(Result::ok)
        .filter_map(|e| {
            let name = e.file_name().into_string().ok()?;
            if name.starts_with('.') {
                return None;
            }
            let path = e.path();
            let folder = path.is_dir();
            let matches = path.extension().is_some_and(|x| x.eq_ignore_ascii_case(ext));
            (folder || matches).then_some(Entry { folder, name })
        })
        .collect();
    out.sort_by(|a, b| b.folder.cmp(&a.folder).then_with(|| a.name.to_lowercase().cmp(&b.name.to_lowercase())));
    Ok(out)
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
        let name = request.file_name.clone().unwrap_or_default();
        let mut open = Open {
            request,
            folder: PathBuf::new(),
            folder_text: String::new(),
            name,
            entries: Ok(Vec::new()),
            confirm: None,
        };
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
                if open.request.purpose.saves() && path.exists() {
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

/// "NAME already exists. Replace it?" Returns the answer once given.
fn confirm_replace(ctx: &egui::Context, path: &Path) -> Option<bool> {
    let mut answer = None;
    egui::Modal::new(egui::Id::unique("alliance-file-dialog-replace")).show(ctx, |ui| {
        ui.set_max_width(520.0);
        ui.heading("Replace the file?");
        ui.label(format!("{} already exists. Replacing it overwrites what it holds.", path.display()));
        ui.horizontal(|ui| {
            if ui.button("Replace").clicked() {
                answer = Some(true);
            }
            if ui.button("Cancel").clicked() {
                answer = Some(false);
            }
        });
    });
    answer
}

/// When saving, a name typed without the extension gets it.
fn with_extension(path: PathBuf, ext: &str, saving: bool) -> PathBuf {
    if saving && path.extension().is_none() { path.with_extension(ext) } else { path }
}

/// Whether a system dialog could open here at all (see the module comment).
pub fn native_possible() -> bool {
    if !cfg!(any(
        target_os = "linux",
        target_os = "freebsd",
        target_os = "dragonfly",
        target_os = "netbsd",
        target_os = "openbsd"
    )) {
        return true;
    }
    on_path("zenity") || session_bus()
}

fn on_path(program: &str) -> bool {
    std::env::var_os("PATH").is_some_and(|paths| std::env::split_paths(&paths).any(|d| d.join(program).is_file()))
}

fn session_bus() -> bool {
    std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some_and(|a| !a.is_empty())
        || std::env::var_os("XDG_RUNTIME_DIR").is_some_and(|d| Path::new(&d).join("bus").exists())
}

/// Asks the system dialog, telling a failure to open from a cancel (see the module comment).
pub fn native(request: &Request) -> NativeOutcome {
    let (kind, ext) = request.purpose.kind();
    let mut d = rfd::FileDialog::new().add_filter(kind, &[ext]).set_title(request.purpose.title());
    if let Some(folder) = &request.folder {
        d = d.set_directory(folder);
    }
    if let Some(name) = &request.file_name {
        d = d.set_file_name(name);
    }
    let (chosen, errors) =
        rfd_errors::capture(move || if request.purpose.saves() { d.save_file() } else { d.pick_file() });
    match chosen {
        Some(p) => NativeOutcome::Chosen(p),
        None if errors.iter().any(|e| e.contains("zenity")) => NativeOutcome::Unavailable(errors.join("; ")),
        None => NativeOutcome::Cancelled,
    }
}

/// A logger that records rfd's errors on the thread that asked for a dialog; every other
/// record is dropped (the app logs nothing else).
mod rfd_errors {
    use super::*;

    thread_local! {
        static CAPTURED: RefCell<Option<Vec<String>>> = const { RefCell::new(None) };
    }

    struct Logger;

    static LOGGER: Logger = Logger;

    impl log::Log for Logger {
        fn enabled(&self, metadata: &log::Metadata<'_>) -> bool {
            metadata.level() <= log::Level::Error && metadata.target().starts_with("rfd")
        }

        fn log(&self, record: &log::Record<'_>) {
            if self.enabled(record.metadata()) {
                let text = record.args().to_string();
                CAPTURED.with(|c| {
                    if let Some(v) = c.borrow_mut().as_mut() {
                        v.push(text);
                    }
                });
            }
        }

        fn flush(&self) {}
    }

    /// Runs `f` and returns its result with the rfd errors logged meanwhile on this thread.
    pub fn capture<T>(f: impl FnOnce() -> T) -> (T, Vec<String>) {
        install();
        CAPTURED.with(|c| *c.borrow_mut() = Some(Vec::new()));
        let out = f();
        let errors = CAPTURED.with(|c| c.borrow_mut().take()).unwrap_or_default();
        (out, errors)
    }

    /// Installs the logger once (if the program has none).
    fn install() {
        static ONCE: std::sync::Once = std::sync::Once::new();
        ONCE.call_once(|| {
            if log::set_logger(&LOGGER).is_ok() {
                log::set_max_level(log::LevelFilter::Error);
            }
        });
    }

    #[cfg(test)]
    mod tests {
        #[test]
        fn rfd_errors_are_captured_on_the_asking_thread_only() {
            let ((), errors) = super::capture(|| {
                log::error!(target: "rfd::backend::xdg_desktop_portal", "Failed to pick file with zenity: not found");
                log::error!(target: "wgpu", "unrelated");
            });
            assert_eq!(errors, vec!["Failed to pick file with zenity: not found".to_string()]);
            let ((), none) = super::capture(|| {
                std::thread::spawn(|| log::error!(target: "rfd", "on another thread")).join().ok();
            });
            assert!(none.is_empty());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_typed_without_extension_gets_it_when_saving() {
        assert_eq!(with_extension("/a/b".into(), "ron", true), PathBuf::from("/a/b.ron"));
        assert_eq!(with_extension("/a/b.ron".into(), "ron", true), PathBuf::from("/a/b.ron"));
        assert_eq!(with_extension("/a/b".into(), "ron", false), PathBuf::from("/a/b"));
    }

    #[test]
    fn every_purpose_names_its_file_kind() {
        for p in
            [Purpose::Open, Purpose::SaveAs, Purpose::Compare, Purpose::Export(ExportFormat::Svg), Purpose::SaveWindow]
        {
            assert!(!p.title().is_empty());
            assert!(!p.kind().1.is_empty());
        }
        assert!(!Purpose::Open.saves() && Purpose::SaveAs.saves());
    }
}
