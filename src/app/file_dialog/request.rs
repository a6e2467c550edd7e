//! What a path is asked for ([`Purpose`], [`Request`]) and what the system dialog gave
//! ([`NativeOutcome`]): the leaf both dialogs, the system one and the in-app one, work from.

use std::path::{Path, PathBuf};

use crate::io::export::ExportFormat;

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
    /// The folder for one image per presenter step (made if it does not exist).
    ExportSteps(ExportFormat),
    /// Where to write the board pack (PDF).
    ExportDeck,
    /// Where to write the analyst's workbook (xlsx).
    ExportWorkbook,
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
            Purpose::ExportSteps(_) => "Export every step into a folder",
            Purpose::ExportDeck => "Export board pack",
            Purpose::ExportWorkbook => "Export workbook",
        }
    }

    /// Whether the dialog asks for a folder (else for a file).
    pub fn folder(self) -> bool {
        matches!(self, Purpose::ExportSteps(_))
    }

    /// Whether the dialog asks for a new file (else for an existing one).
    pub fn saves(self) -> bool {
        !matches!(self, Purpose::Open | Purpose::Compare)
    }

    /// The file kind shown: its name and extension (none for a folder).
    pub fn kind(self) -> (&'static str, &'static str) {
        match self {
            Purpose::Open | Purpose::SaveAs | Purpose::Compare => ("alliance-sim scenario", "ron"),
            Purpose::Export(f) => (if f == ExportFormat::Csv { "CSV table" } else { "image" }, f.extension()),
            Purpose::SaveWindow => ("PNG image", "png"),
            Purpose::ExportSteps(_) => ("folder", ""),
            Purpose::ExportDeck => ("PDF document", "pdf"),
            Purpose::ExportWorkbook => ("Excel workbook", "xlsx"),
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

/// When saving, a name typed without the extension gets it (a folder has none).
pub(super) fn with_extension(path: PathBuf, ext: &str, saving: bool) -> PathBuf {
    if saving && !ext.is_empty() && path.extension().is_none() { path.with_extension(ext) } else { path }
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
            assert!(!p.kind().1.is_empty() && !p.folder());
        }
        let steps = Purpose::ExportSteps(ExportFormat::Png);
        assert!(steps.folder() && steps.saves() && steps.kind().1.is_empty());
        assert_eq!(with_extension("/a/deck".into(), steps.kind().1, true), PathBuf::from("/a/deck"));
        assert!(!Purpose::Open.saves() && Purpose::SaveAs.saves());
    }
}
