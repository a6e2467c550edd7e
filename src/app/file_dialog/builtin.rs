//! The in-app file dialog: a folder (typed, or Up, or a sub-folder clicked), its sub-folders
//! and the files of the requested kind, a file name; "replace it?" before a save over an
//! existing file.

use std::path::{Path, PathBuf};

use eframe::egui;

use super::request::{Request, with_extension};

/// The in-app dialog: a folder, its sub-folders and files of the requested kind, a file name.
pub(super) struct Open {
    pub(super) request: Request,
    folder: PathBuf,
    folder_text: String,
    name: String,
    /// Sub-folders and matching files of `folder` (folders first, by name), or why not.
    entries: Result<Vec<Entry>, String>,
    /// A chosen file that exists, waiting for "replace it?".
    pub(super) confirm: Option<PathBuf>,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Entry {
    folder: bool,
    name: String,
}

/// What the in-app dialog's frame gave.
pub(super) enum Answer {
    Waiting,
    Cancel,
    Path(PathBuf),
}

impl Open {
    /// The dialog for `request`, showing no folder yet (see [`Self::enter`]).
    pub(super) fn new(request: Request) -> Open {
        let name = request.file_name.clone().unwrap_or_default();
        Open {
            request,
            folder: PathBuf::new(),
            folder_text: String::new(),
            name,
            entries: Ok(Vec::new()),
            confirm: None,
        }
    }

    /// Shows `folder`'s contents.
    pub(super) fn enter(&mut self, folder: PathBuf) {
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

    pub(super) fn ui(&mut self, ctx: &egui::Context) -> Answer {
        let mut answer = Answer::Waiting;
        let (kind, _) = self.request.purpose.kind();
        let modal = egui::Modal::new(egui::Id::unique("alliance-file-dialog")).show(ctx, |ui| {
            ui.set_width(620.0);
            ui.heading(self.request.purpose.title());
            ui.label(
                egui::RichText::new(if self.request.purpose.folder() {
                    "a new or existing folder; the system's file dialog is not available here".to_string()
                } else {
                    format!("{kind} files; the system's file dialog is not available here")
                })
                .weak(),
            );
            ui.add_space(6.0);
            self.folder_row(ui);
            ui.add_space(4.0);
            if let Some(a) = self.list_ui(ui) {
                answer = a;
            }
            ui.add_space(6.0);
            ui.horizontal(|ui| {
                let label = ui.label(if self.request.purpose.folder() { "Folder name" } else { "File name" });
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
                let verb = match (self.request.purpose.folder(), self.request.purpose.saves()) {
                    (true, _) => "Choose",
                    (false, true) => "Save",
                    (false, false) => "Open",
                };
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
        if self.request.purpose.folder() {
            return if path.is_file() {
                Some("a file has this name: choose another name for the folder".into())
            } else if !path.parent().is_some_and(Path::is_dir) {
                Some("the folder above it does not exist".into())
            } else {
                None
            };
        }
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

/// "NAME already exists. Replace it?" Returns the answer once given.
pub(super) fn confirm_replace(ctx: &egui::Context, path: &Path) -> Option<bool> {
    let mut answer = None;
    egui::Modal::new(egui::Id::unique("alliance-file-dialog-replace")).show(ctx, |ui| {
        ui.set_max_width(520.0);
        if path.is_dir() {
            ui.heading("Write into this folder?");
            ui.label(format!("{} is not empty. Files of the same names in it are replaced.", path.display()));
        } else {
            ui.heading("Replace the file?");
            ui.label(format!("{} already exists. Replacing it overwrites what it holds.", path.display()));
        }
        ui.horizontal(|ui| {
            if ui.button(if path.is_dir() { "Write into it" } else { "Replace" }).clicked() {
                answer = Some(true);
            }
            if ui.button("Cancel").clicked() {
                answer = Some(false);
            }
        });
    });
    answer
}
