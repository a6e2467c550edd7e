//! The document side of the app, without drawing: the open scenario ([`Document`]: its file,
//! its saved state, its undo history, and the engine's results for it, recomputed whenever the
//! scenario changes; the app never computes them itself), the evaluation worker, the undo
//! history, this instance's autosave, the recovery offers, the settings and the default file.

pub mod autosave;
pub mod evaluation;
pub mod files;
pub mod history;
pub mod recovery;
pub mod settings;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::app::document::evaluation::{Finished, Worker};
use crate::app::document::history::History;
use crate::engine::Evaluation;
use crate::io::{self, FileError};
use crate::model::Scenario;
use crate::model::ledger::Conflict;
use crate::model::validate::ValidationError;

/// The document's parts a frame draws with (see [`Document::parts_mut`]).
pub struct Parts<'a> {
    /// The scenario, to edit.
    pub scenario: &'a mut Scenario,
    /// The engine's results.
    pub results: Option<Arc<Evaluation>>,
    /// What stops the evaluation, if anything.
    pub problem: Option<&'a ValidationError>,
    /// The last evaluated scenario in which every event could happen.
    pub sound: Option<&'a Scenario>,
    /// The evaluations at the band's low and high turnouts, when shown.
    pub band: Option<(Arc<Evaluation>, Arc<Evaluation>)>,
}

/// The open scenario and what the engine made of it.
pub struct Document {
    /// The scenario being edited.
    pub scenario: Scenario,
    /// Its file, if it has one.
    pub path: Option<PathBuf>,
    /// The undo history.
    pub history: History,
    saved: Scenario,
    file: io::FileState,
    evaluated: Option<Scenario>,
    evaluation: Option<Arc<Evaluation>>,
    /// The last evaluated scenario in which every event could happen (what the conflict
    /// fixes compare with).
    sound: Option<Scenario>,
    problem: Option<ValidationError>,
    /// Unsaved whatever the scenario: recovered work whose file could not be read.
    unsaved: bool,
    /// The evaluation thread.
    pub worker: Worker,
    /// The scenario evaluated at a low and a high float turnout, while the power plots show
    /// the turnout band.
    band: Option<[Variant; 2]>,
}

/// The turnouts of the band on the power plots.
pub const BAND_TURNOUTS: [crate::model::Fraction; 2] =
    [crate::model::Fraction::TWO_FIFTHS, crate::model::Fraction::FOUR_FIFTHS];

/// The scenario evaluated with one change (a float turnout), on its own worker.
struct Variant {
    turnout: crate::model::Fraction,
    worker: Worker,
    evaluated: Option<Scenario>,
    evaluation: Option<Arc<Evaluation>>,
}

impl Variant {
    fn new(turnout: crate::model::Fraction) -> Variant {
        Variant { turnout, worker: Worker::new(), evaluated: None, evaluation: None }
    }

    /// The scenario with this variant's change.
    fn of(&self, s: &Scenario) -> Scenario {
        let mut v = s.clone();
        v.meeting.float_turnout = self.turnout;
        v
    }

    /// Re-evaluates when the scenario changed (keeps the last results while it runs).
    fn refresh(&mut self, s: &Scenario) {
        let done = self.worker.poll().or_else(|| {
            let wanted = self.of(s);
            let fresh = self.evaluated.as_ref() == Some(&wanted);
            (!fresh && self.worker.running_for().is_none()).then(|| self.worker.start(&wanted)).flatten()
        });
        if let Some((scenario, outcome)) = done {
            self.evaluation = outcome.ok().map(Arc::new);
            self.evaluated = Some(scenario);
        }
    }

    /// Whether an evaluation of an older scenario is still running or due.
    fn is_stale(&self, s: &Scenario) -> bool {
        self.worker.running_for().is_some() || self.evaluated.as_ref() != Some(&self.of(s))
    }
}

impl Document {
    /// A document for a scenario read from `path` (or the embedded default when `None`).
    pub fn new(scenario: Scenario, path: Option<PathBuf>) -> Document {
        Document::with_file_state(scenario, path, io::FileState::default())
    }

    /// A document for a scenario read from text whose comments its saves keep (`file`).
    pub fn with_file_state(scenario: Scenario, path: Option<PathBuf>, file: io::FileState) -> Document {
        let mut d = Document {
            history: History::new(&scenario),
            saved: scenario.clone(),
            file,
            scenario,
            path,
            evaluated: None,
            evaluation: None,
            sound: None,
            problem: None,
            unsaved: false,
            worker: Worker::new(),
            band: None,
        };
        d.refresh();
        d
    }

    /// Recovered work: `scenario` (autosaved as `text`, whose comments its saves keep)
    /// belonging to the file `path` (`None`: untitled), unsaved against `baseline` (the file as
    /// it is now; `None` when it cannot be read, and then the document counts as unsaved until
    /// it is saved).
    pub fn recovered(scenario: Scenario, text: &str, path: Option<PathBuf>, baseline: Option<Scenario>) -> Document {
        let mut d = Document::with_file_state(scenario, path, io::FileState::from_text(text));
        d.unsaved = baseline.is_none();
        if let Some(b) = baseline {
            d.saved = b;
        }
        d
    }

    /// What a save remembers of the text the scenario was read from (its comments, byte-order
    /// mark and line endings): what the autosave writes the work with.
    pub fn file_state(&self) -> &io::FileState {
        &self.file
    }

    /// Opens a file (one whose events conflict opens, and shows the conflict).
    pub fn open(path: &Path) -> Result<Document, FileError> {
        io::load_for_editing(path).map(|(s, file)| Document::with_file_state(s, Some(path.to_path_buf()), file))
    }

    /// Saves to `path` through the safe writer, in the canonical layout with the file's
    /// comments kept; the first save to a path in this session keeps the file as it was as
    /// `NAME.ron.bak`. Remembers `path` as the document's file. Returns the text written.
    pub fn save_to(&mut self, path: &Path) -> Result<String, FileError> {
        let text = io::save_with_state(&self.scenario, path, &mut self.file)?;
        self.path = Some(path.to_path_buf());
        self.saved = self.scenario.clone();
        self.unsaved = false;
        Ok(text)
    }

    /// Whether the scenario differs from the file.
    pub fn is_dirty(&self) -> bool {
        self.unsaved || self.scenario != self.saved
    }

    /// The file name, or "untitled".
    pub fn display_name(&self) -> String {
        self.path
            .as_ref()
            .and_then(|p| p.file_name())
            .map_or_else(|| io::DEFAULT_SCENARIO_NAME.to_string(), |n| n.to_string_lossy().into_owned())
    }

    /// Whether the scenario changed since the last evaluation (the next [`Self::refresh`]
    /// recomputes).
    pub fn is_stale(&self) -> bool {
        self.evaluated.as_ref() != Some(&self.scenario)
    }

    /// Re-evaluates when the scenario changed since the last evaluation, on the worker thread
    /// ([`Worker`]): the results come now, or in a later frame when the evaluation takes
    /// longer than the worker's budget (the last results stay meanwhile). When the edited
    /// scenario cannot be evaluated, the last good results stay and the problem is kept.
    pub fn refresh(&mut self) {
        if let Some(done) = self.worker.poll() {
            self.store(done);
        }
        if self.worker.running_for().is_some() || self.evaluated.as_ref() == Some(&self.scenario) {
            return;
        }
        if let Some(done) = self.worker.start(&self.scenario) {
            self.store(done);
        }
    }

    /// Shows or hides the turnout band: while shown, the scenario is also evaluated at each
    /// of [`BAND_TURNOUTS`] (on their own workers).
    pub fn set_band(&mut self, on: bool) {
        match (on, self.band.is_some()) {
            (true, false) => self.band = Some(BAND_TURNOUTS.map(Variant::new)),
            (false, true) => self.band = None,
            _ => {}
        }
        if let Some(b) = &mut self.band {
            for v in b.iter_mut() {
                v.refresh(&self.scenario);
            }
        }
    }

    /// The evaluations at the band's low and high turnouts, when shown and ready.
    pub fn band(&self) -> Option<(Arc<Evaluation>, Arc<Evaluation>)> {
        let [low, high] = self.band.as_ref()?;
        Some((low.evaluation.clone()?, high.evaluation.clone()?))
    }

    /// Whether the band waits for an evaluation.
    pub fn band_is_stale(&self) -> bool {
        self.band.as_ref().is_some_and(|b| b.iter().any(|v| v.is_stale(&self.scenario)))
    }

    /// Keeps a finished evaluation: its results, or what is wrong.
    fn store(&mut self, (scenario, outcome): Finished) {
        match outcome {
            Ok(ev) => {
                if ev.conflict.is_none() {
                    self.sound = Some(scenario.clone());
                }
                self.evaluation = Some(Arc::new(ev));
                self.problem = None;
            }
            Err(e) => self.problem = Some(e),
        }
        self.evaluated = Some(scenario);
    }

    /// How long the engine has been evaluating the scenario, while it is.
    pub fn evaluating_for(&self) -> Option<std::time::Duration> {
        self.worker.running_for()
    }

    /// The engine's results (the last good ones if the scenario has a problem), shared so
    /// that a frame can hold them while it edits the scenario without copying them.
    pub fn evaluation(&self) -> Option<&Arc<Evaluation>> {
        self.evaluation.as_ref()
    }

    /// What is wrong with the scenario as edited, if anything: a problem that stops its
    /// evaluation (the results are then the last good ones).
    pub fn problem(&self) -> Option<&ValidationError> {
        self.problem.as_ref()
    }

    /// The first event that cannot happen in the scenario as evaluated, if any: the results
    /// then hold up to the day before its date.
    pub fn conflict(&self) -> Option<&Conflict> {
        self.evaluation.as_ref().and_then(|e| e.conflict.as_ref())
    }

    /// The last evaluated scenario in which every event could happen.
    pub fn last_sound(&self) -> Option<&Scenario> {
        self.sound.as_ref()
    }

    /// The scenario to edit, with the results, the problem and the last sound scenario to
    /// read, borrowed together (what a panel is given).
    pub fn parts_mut(&mut self) -> Parts<'_> {
        let band = self.band();
        Parts {
            scenario: &mut self.scenario,
            results: self.evaluation.clone(),
            problem: self.problem.as_ref(),
            sound: self.sound.as_ref(),
            band,
        }
    }

    /// Undoes the last edit.
    pub fn undo(&mut self) -> bool {
        match self.history.undo(&self.scenario) {
            Some(s) => {
                self.scenario = s;
                true
            }
            None => false,
        }
    }

    /// Redoes the last undone edit.
    pub fn redo(&mut self) -> bool {
        match self.history.redo(&self.scenario) {
            Some(s) => {
                self.scenario = s;
                true
            }
            None => false,
        }
    }
}
