//! This instance's autosave: on a timer, the document's unsaved work goes to the instance's own
//! recovery file (see [`crate::io::recovery`]), once for each change, and the file goes when the
//! work is saved. The dialog that offers the work back after a crash is in [`crate::app::windows::recovery`].

use std::path::Path;
use std::time::Duration;

use chrono::Utc;

use crate::app::document::Document;
use crate::io::recovery::{Instance, Record, RecoveryError, Store};
use crate::model::Scenario;

/// How often unsaved work is autosaved, in seconds.
pub const INTERVAL: f64 = 5.0;

/// This instance's autosave: its recovery file, when it last wrote and what.
pub struct Autosave {
    instance: Option<Instance>,
    last: Option<f64>,
    /// The work in the recovery file: unsaved work that has not changed since is not written
    /// again, and the app is not woken for it.
    written: Option<Scenario>,
    failure: Option<String>,
}

/// What an autosave tick did, for the status bar.
#[derive(Debug, Clone, PartialEq)]
pub enum Tick {
    /// Not due, or nothing to write.
    Quiet,
    /// Wrote the recovery file.
    Wrote,
    /// Writing failed: the message for the status bar.
    Failed(String),
    /// Writing works again after a failure.
    Recovered,
}

impl Autosave {
    /// An autosave that writes nothing (no data folder).
    pub fn off() -> Autosave {
        Autosave { instance: None, last: None, written: None, failure: None }
    }

    /// Registers this instance in `store`. When the folder cannot be used, autosave is off
    /// and the error says why (for the status bar).
    pub fn start(store: &Store) -> (Autosave, Option<String>) {
        match store.start_instance() {
            Ok(i) => (Autosave { instance: Some(i), last: None, written: None, failure: None }, None),
            Err(e) => (Autosave::off(), Some(format!("autosave is off: {e}"))),
        }
    }

    /// Whether autosave is on.
    pub fn is_on(&self) -> bool {
        self.instance.is_some()
    }

    /// The last failure, while it lasts.
    pub fn failure(&self) -> Option<&str> {
        self.failure.as_deref()
    }

    /// The instance's recovery file.
    pub fn file(&self) -> Option<&Path> {
        self.instance.as_ref().map(Instance::file)
    }

    /// How long until the next autosave is due, when `doc` has unsaved work not yet in the
    /// recovery file (the app asks for a repaint then, and not before).
    pub fn due_in(&self, now: f64, doc: &Document) -> Option<Duration> {
        if self.instance.is_none() || !doc.is_dirty() || self.holds(doc) {
            return None;
        }
        let wait = self.last.map_or(INTERVAL, |last| (last + INTERVAL - now).max(0.0));
        Some(Duration::from_secs_f64(wait.max(0.05)))
    }

    /// Every frame: at most every [`INTERVAL`] seconds of `now` (the frame's clock), writes the
    /// document's unsaved work to this instance's own file when it changed since the last
    /// write, or removes that file when there is nothing unsaved. Never touches another
    /// instance's file.
    pub fn tick(&mut self, now: f64, doc: &Document) -> Tick {
        let Some(instance) = self.instance.as_mut() else { return Tick::Quiet };
        if !doc.is_dirty() {
            (self.last, self.written) = (None, None);
            let cleared = instance.clear();
            return self.outcome(cleared);
        }
        if self.holds(doc) {
            return Tick::Quiet;
        }
        let last = *self.last.get_or_insert(now);
        if now - last < INTERVAL {
            return Tick::Quiet;
        }
        self.last = Some(now);
        self.write(doc)
    }

    /// Writes now (after Recover, so the recovered work is safe before the old file goes).
    pub fn write(&mut self, doc: &Document) -> Tick {
        let Some(instance) = self.instance.as_mut() else { return Tick::Quiet };
        let result = match doc.file_text() {
            Ok(text) => {
                let record = Record::new(doc.path.as_deref(), Utc::now(), &doc.scenario.title, text);
                instance.autosave(&record).map(|_| ())
            }
            Err(e) => Err(RecoveryError::Unreadable {
                path: instance.file().to_path_buf(),
                message: format!("the scenario could not be written as text: {e}"),
            }),
        };
        if result.is_ok() {
            self.written = Some(doc.scenario.clone());
        }
        match self.outcome(result) {
            Tick::Quiet => Tick::Wrote,
            other => other,
        }
    }

    /// Whether the recovery file already holds `doc`'s work.
    fn holds(&self, doc: &Document) -> bool {
        self.written.as_ref() == Some(&doc.scenario)
    }

    fn outcome(&mut self, result: Result<(), RecoveryError>) -> Tick {
        match (result, self.failure.take()) {
            (Ok(()), Some(_)) => Tick::Recovered,
            (Ok(()), None) => Tick::Quiet,
            (Err(e), _) => {
                let msg = format!("autosave failed: {e}; your work is not protected against a crash until it works");
                self.failure = Some(msg.clone());
                Tick::Failed(msg)
            }
        }
    }

    /// The app closes: the recovery file goes (the work is saved, or the user discarded it),
    /// unless `keep` (unsaved work the user did not decide on), for the next start.
    pub fn close(&mut self, keep: bool) {
        if keep {
            return;
        }
        if let Some(i) = self.instance.take() {
            let _ = i.close();
        }
    }
}
