//! The recoverable work of instances that ended without saving, without drawing: each piece
//! ([`Offer`]) with the file it belongs to and what differs from that file. This instance's own
//! autosave is in [`crate::app::document::autosave`], re-exported here; the dialog that offers
//! the work back is in [`crate::app::windows::recovery`].

use std::path::{Path, PathBuf};

use crate::app::document::Document;
use crate::io::recovery::{Orphan, Record, RecoveryError, Store};
use crate::model::Scenario;
use crate::model::diff::{self, InputChange};

pub use crate::app::document::autosave::{Autosave, INTERVAL, Tick};

/// What the recovered work is compared with.
#[derive(Debug, Clone, PartialEq)]
pub enum Baseline {
    /// The file it belongs to, as it is on disk now.
    File(PathBuf),
    /// The file it belongs to no longer exists.
    Missing(PathBuf),
    /// The file it belongs to cannot be read now: why.
    Unreadable(PathBuf, String),
    /// It was never saved: it is compared with the embedded default scenario it began as.
    Untitled,
}

/// One piece of work offered back.
pub struct Offer {
    orphan: Orphan,
    /// The recovered scenario, or why it cannot be read.
    pub scenario: Result<Scenario, String>,
    /// What it is compared with.
    pub baseline: Baseline,
    /// The scenario it is compared with, when there is one.
    pub baseline_scenario: Option<Scenario>,
    /// What differs from the baseline.
    pub changes: Vec<InputChange>,
}

impl Offer {
    /// Reads an orphan: its scenario, the file it belongs to, and what differs.
    pub fn read(orphan: Orphan) -> Offer {
        let (scenario, document) = match &orphan.record {
            Ok(r) => (r.parse_scenario(orphan.file()).map_err(|e| e.to_string()), r.document.clone()),
            Err(e) => (Err(e.to_string()), None),
        };
        let (baseline, baseline_scenario) = match document {
            None => (Baseline::Untitled, crate::io::default_scenario().ok()),
            Some(p) if !p.exists() => (Baseline::Missing(p), None),
            Some(p) => match std::fs::read_to_string(&p)
                .map_err(|e| e.to_string())
                .and_then(|t| crate::io::scenario_file::parse_unchecked(&t, &p).map_err(|e| e.to_string()))
            {
                Ok(s) => (Baseline::File(p), Some(s)),
                Err(e) => (Baseline::Unreadable(p, e), None),
            },
        };
        let changes = match (&baseline_scenario, &scenario) {
            (Some(b), Ok(s)) => diff::inputs(b, s),
            _ => Vec::new(),
        };
        Offer { orphan, scenario, baseline, baseline_scenario, changes }
    }

    /// The recovery record, when readable.
    pub fn record(&self) -> Option<&Record> {
        self.orphan.record.as_ref().ok()
    }

    /// The file the work belongs to (`None`: untitled, or unknown).
    pub fn document(&self) -> Option<&Path> {
        self.record().and_then(|r| r.document.as_deref())
    }

    /// The recovery file.
    pub fn file(&self) -> &Path {
        self.orphan.file()
    }

    /// Removes the recovery file (Discard, or after the work was recovered and autosaved).
    pub fn discard(self) -> Result<(), RecoveryError> {
        self.orphan.discard()
    }

    /// The document to recover into: the recovered scenario, belonging to the recorded file
    /// (never to whatever file is open), unsaved.
    pub fn document_to_recover(&self) -> Result<Document, String> {
        let scenario = self.scenario.clone()?;
        let text = self.record().map_or("", |r| r.scenario.as_str());
        Ok(Document::recovered(scenario, text, self.document().map(Path::to_path_buf), self.baseline_scenario.clone()))
    }
}

/// The recovery files of instances that ended without saving, claimed by this instance.
pub fn offers(store: &Store, legacy: Option<&Path>) -> Vec<Offer> {
    store.orphans(legacy).into_iter().map(Offer::read).collect()
}
