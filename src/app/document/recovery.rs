//! The recoverable work of instances that ended without saving, without drawing: each piece
//! ([`Offer`]) with the file it belongs to and what differs from that file, and the list this
//! instance offers ([`Offers`]): the work on its own document first, claimed at once so that no
//! other instance offers it too, then the work on other files, left for whichever instance the
//! user acts in (a later instance opened on one of those files finds it as its own). This
//! instance's own autosave is in [`crate::app::document::autosave`], re-exported here; the
//! dialog that offers the work back is in [`crate::app::windows::recovery`].

use std::path::{Path, PathBuf};

use crate::app::document::Document;
use chrono::{DateTime, Utc};

use crate::io::recovery::{Orphan, Record, RecoveryError, Store};
use crate::model::Scenario;
use crate::model::diff::{self, InputChange};

pub use crate::app::document::autosave::{Autosave, Tick, Timing};

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

    /// When the work was autosaved, when known.
    pub fn autosaved(&self) -> Option<DateTime<Utc>> {
        self.record().map(|r| r.autosaved)
    }

    /// Whether the work belongs to `document` (an untitled document's work belongs to none).
    pub fn belongs_to(&self, document: Option<&Path>) -> bool {
        matches!((self.document(), document), (Some(a), Some(b)) if same_file(a) == same_file(b))
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

/// The work this instance offers back: its own document's first, then other files', each
/// oldest first.
#[derive(Default)]
pub struct Offers {
    store: Option<Store>,
    legacy: Option<PathBuf>,
    /// The document whose work counts as this instance's own (the open file when last listed).
    document: Option<PathBuf>,
    items: Vec<Offer>,
    /// Work recovered while autosave is off: held (no other instance offers it) and its file
    /// kept, for the next start, since nothing else keeps the work safe from a crash.
    held: Vec<Offer>,
}

impl Offers {
    /// The work in `store` (and `legacy`, the single recovery file of older versions) that no
    /// running instance holds, with the work on `document` (the open file) first and claimed.
    pub fn scan(store: &Store, legacy: Option<&Path>, document: Option<&Path>) -> Offers {
        let mut offers =
            Offers { store: Some(store.clone()), legacy: legacy.map(Path::to_path_buf), ..Offers::default() };
        offers.refresh(document);
        offers
    }

    /// Lists again, with `document` as this instance's own: keeps what this instance holds,
    /// drops what another instance claimed or removed since, reads what is new, and claims the
    /// work on `document`. Only new recovery files are read.
    pub fn refresh(&mut self, document: Option<&Path>) {
        let Some(store) = &self.store else { return };
        self.document = document.map(same_file);
        let available = store.available();
        self.items.retain(|o| o.orphan.is_claimed() || available.iter().any(|f| f == o.file()));
        let mut fresh: Vec<Orphan> = available
            .iter()
            .filter(|f| !self.items.iter().any(|o| o.file() == f.as_path()))
            .filter_map(|f| store.orphan(f))
            .collect();
        let legacy = self.legacy.as_deref().filter(|l| !self.items.iter().any(|o| o.file() == *l));
        fresh.extend(legacy.and_then(Orphan::legacy));
        self.items.extend(fresh.into_iter().map(Offer::read));
        let own = self.document.clone();
        // Work on the open file is this instance's: claimed now; lost to a quicker instance, dropped.
        self.items.retain_mut(|o| !o.belongs_to(own.as_deref()) || o.orphan.claim().is_ok());
        self.sort();
    }

    /// Own work first, then the rest; each oldest first.
    fn sort(&mut self) {
        let own = self.document.clone();
        self.items.sort_by_key(|o| (!o.belongs_to(own.as_deref()), o.autosaved()));
    }

    /// How many pieces of work are offered.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// Whether nothing is offered.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// The pieces of work, own first.
    pub fn iter(&self) -> impl Iterator<Item = &Offer> {
        self.items.iter()
    }

    /// The `k`th piece of work.
    pub fn get(&self, k: usize) -> Option<&Offer> {
        self.items.get(k)
    }

    /// How many of the first pieces of work are on this instance's own document.
    pub fn own(&self) -> usize {
        self.items.iter().take_while(|o| o.belongs_to(self.document.as_deref())).count()
    }

    /// The document whose work counts as this instance's own.
    pub fn document(&self) -> Option<&Path> {
        self.document.as_deref()
    }

    /// Claims the `k`th piece of work for this instance before acting on it; when another
    /// instance has it, or it is gone, it leaves the list and the error says so.
    pub fn claim(&mut self, k: usize) -> Result<(), RecoveryError> {
        let Some(offer) = self.items.get_mut(k) else { return Ok(()) };
        let claimed = offer.orphan.claim();
        if claimed.is_err() {
            self.items.remove(k);
        }
        claimed
    }

    /// Takes the piece of work whose recovery file is `file` out of the list.
    pub fn take(&mut self, file: &Path) -> Option<Offer> {
        let k = self.items.iter().position(|o| o.file() == file)?;
        Some(self.items.remove(k))
    }

    /// Puts a piece of work back (its recovery could not finish).
    pub fn put_back(&mut self, offer: Offer) {
        self.items.push(offer);
        self.sort();
    }

    /// Holds recovered work whose file must stay (autosave is off): listed no more, offered by
    /// no other instance while this one runs, offered again at the next start.
    pub fn hold(&mut self, offer: Offer) {
        self.held.push(offer);
    }
}

/// A path as compared with another: resolved when it exists, else made absolute.
fn same_file(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf()))
}
