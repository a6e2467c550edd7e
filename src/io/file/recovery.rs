//! Recovery files: each running instance of the app autosaves its document to a file of its
//! own, and the next start offers back the work of instances that are no longer running.
//!
//! The files live in one folder (`recovery/` in the app's data folder):
//! - `instance-ID.lock`: held locked (an OS file lock) by the running instance `ID` for as long
//!   as it runs. The OS releases the lock when the process ends, however it ends, so a lock
//!   that can be taken means its instance is gone: no process ids are trusted, no pid reuse.
//! - `instance-ID.ron`: the instance's autosave ([`Record`]): the file the document belongs to
//!   (or none for an untitled document), when it was autosaved, and the scenario's text.
//!
//! A recovery file left by a dead instance ([`Orphan`]) is listed by every instance that looks
//! ([`Store::orphans`]) and is not held by anyone until an instance claims it
//! ([`Orphan::claim`]: it takes the dead instance's lock, which the OS releases when the
//! claiming instance ends). A claimed file is listed nowhere else, so two instances never both
//! act on it; the app claims at once the work on the document it has open, and any other work
//! when the user acts on it. It is removed only when the user says so ([`Orphan::discard`]). An
//! instance writes only its own file, atomically, so no autosave ever touches another's.
//!
//! Pure file logic: no egui; the app decides when to autosave and what to show.

use std::fs::{self, File, OpenOptions};
use std::io::{self, ErrorKind};
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::model::Scenario;

/// The name of the folder of recovery files inside the app's data folder.
pub const FOLDER: &str = "recovery";

/// The single recovery file of versions before per-instance recovery; still offered back.
pub const LEGACY_FILE: &str = "recovery.ron";

/// The format of [`Record`] files.
const RECORD_FORMAT: u32 = 1;

const PREFIX: &str = "instance-";

/// Why a recovery file could not be written, read or removed.
#[derive(Debug, thiserror::Error)]
pub enum RecoveryError {
    /// The file system refused.
    #[error("{path}: {action} failed: {source}")]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// What was being done, in words ("writing the autosave").
        action: &'static str,
        /// The OS error.
        source: io::Error,
    },
    /// The autosave could not be written (the safe writer says why; nothing was damaged).
    #[error("{0}")]
    Write(#[from] super::safe_write::WriteError),
    /// Another running instance claimed the work first.
    #[error(
        "{path}: another alliance-sim window is already offering this work; recover or discard it there, or \
         close that window and open File → Recover unsaved work… here"
    )]
    Claimed {
        /// The recovery file.
        path: PathBuf,
    },
    /// The work was recovered or discarded by another instance since it was listed.
    #[error("{path}: this work was recovered or discarded in another alliance-sim window since it was listed")]
    Gone {
        /// The recovery file.
        path: PathBuf,
    },
    /// A recovery file is not in the expected form.
    #[error("{path}: the autosave could not be read ({message}); it is kept, unchanged")]
    Unreadable {
        /// The file.
        path: PathBuf,
        /// What was wrong.
        message: String,
    },
}

/// What one autosave records.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Record {
    /// Format of this record.
    pub format: u32,
    /// The file the document belongs to; `None` for an untitled document.
    pub document: Option<PathBuf>,
    /// When the autosave was written.
    pub autosaved: DateTime<Utc>,
    /// The scenario's title (shown in the recovery dialog).
    pub title: String,
    /// The scenario, as the text a scenario file would hold.
    pub scenario: String,
}

impl Record {
    /// A record of `scenario_text` (the text a save would write) for the document at
    /// `document`, autosaved at `autosaved`.
    pub fn new(document: Option<&Path>, autosaved: DateTime<Utc>, title: &str, scenario_text: String) -> Record {
        Record {
            format: RECORD_FORMAT,
            document: document.map(Path::to_path_buf),
            autosaved,
            title: title.to_string(),
            scenario: scenario_text,
        }
    }

    /// The recorded scenario, parsed (and migrated) without the semantic checks, since an
    /// edit in progress may be one the checks refuse; `file` names the source in errors.
    pub fn parse_scenario(&self, file: &Path) -> Result<Scenario, super::scenario_file::FileError> {
        super::scenario_file::parse_unchecked(&self.scenario, file)
    }

    fn to_text(&self) -> Result<String, ron::Error> {
        ron::ser::to_string_pretty(self, ron::ser::PrettyConfig::new().struct_names(false))
    }

    fn from_text(text: &str) -> Result<Record, String> {
        let record: Record = ron::from_str(text).map_err(|e| e.to_string())?;
        if record.format > RECORD_FORMAT {
            return Err(format!("it was written by a newer alliance-sim (format {})", record.format));
        }
        Ok(record)
    }
}

/// The folder of recovery files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Store {
    dir: PathBuf,
}

impl Store {
    /// The recovery folder inside the app's data folder `data`.
    pub fn in_data_folder(data: &Path) -> Store {
        Store { dir: data.join(FOLDER) }
    }

    /// The store in the folder `dir` itself.
    pub fn at(dir: &Path) -> Store {
        Store { dir: dir.to_path_buf() }
    }

    /// The folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Registers a running instance: creates the folder and takes the instance's lock, held
    /// until the returned [`Instance`] is dropped (or the process ends).
    pub fn start_instance(&self) -> Result<Instance, RecoveryError> {
        fs::create_dir_all(&self.dir).map_err(|source| RecoveryError::Io {
            path: self.dir.clone(),
            action: "creating the recovery folder",
            source,
        })?;
        let millis = Utc::now().timestamp_millis();
        let pid = std::process::id();
        for n in 0..1000u32 {
            let id = format!("{pid}-{millis}-{n}");
            let lock_path = self.dir.join(format!("{PREFIX}{id}.lock"));
            match OpenOptions::new().write(true).create_new(true).open(&lock_path) {
                Ok(lock) => {
                    lock.try_lock().map_err(|e| RecoveryError::Io {
                        path: lock_path.clone(),
                        action: "locking the instance's recovery file",
                        source: match e {
                            fs::TryLockError::Error(e) => e,
                            fs::TryLockError::WouldBlock => io::Error::from(ErrorKind::WouldBlock),
                        },
                    })?;
                    let file = self.dir.join(format!("{PREFIX}{id}.ron"));
                    return Ok(Instance { id, lock_path, _lock: lock, file, written: None });
                }
                Err(e) if e.kind() == ErrorKind::AlreadyExists => continue,
                Err(source) => {
                    return Err(RecoveryError::Io {
                        path: lock_path,
                        action: "creating the instance's lock file",
                        source,
                    });
                }
            }
        }
        Err(RecoveryError::Io {
            path: self.dir.clone(),
            action: "naming the instance's recovery file",
            source: io::Error::from(ErrorKind::AlreadyExists),
        })
    }

    /// The recovery files left by instances that are no longer running and claimed by no running
    /// instance, oldest first, not claimed (see [`Orphan::claim`]). Files of running instances
    /// are never listed. `legacy`: the single recovery file of older versions, listed too when it
    /// exists.
    pub fn orphans(&self, legacy: Option<&Path>) -> Vec<Orphan> {
        let mut out: Vec<Orphan> = self.available().iter().filter_map(|f| self.orphan(f)).collect();
        out.extend(legacy.and_then(Orphan::legacy));
        out.sort_by_key(|o| o.record.as_ref().map(|r| r.autosaved).ok());
        out
    }

    /// The recovery files of instances that are no longer running and that no running instance
    /// claimed, without reading them (each lock is taken and let go at once).
    pub fn available(&self) -> Vec<PathBuf> {
        self.instance_files().into_iter().filter(|f| take_lock(&lock_of(f)).is_some()).collect()
    }

    /// The work in `file`, one of this folder's recovery files, read, when no running instance
    /// holds it (not claimed).
    pub fn orphan(&self, file: &Path) -> Option<Orphan> {
        let lock_path = lock_of(file);
        let _held_while_reading = take_lock(&lock_path)?;
        let record = match fs::read_to_string(file) {
            Ok(text) => Record::from_text(&text)
                .map_err(|message| RecoveryError::Unreadable { path: file.to_path_buf(), message }),
            Err(e) if e.kind() == ErrorKind::NotFound => {
                // The instance ended cleanly, or another one discarded the work, since the listing.
                let _ = fs::remove_file(&lock_path);
                return None;
            }
            Err(e) => Err(RecoveryError::Unreadable { path: file.to_path_buf(), message: e.to_string() }),
        };
        Some(Orphan { file: file.to_path_buf(), lock_path: Some(lock_path), lock: None, record })
    }

    /// Every `instance-ID.ron` in the folder, by name.
    fn instance_files(&self) -> Vec<PathBuf> {
        let Ok(entries) = fs::read_dir(&self.dir) else { return Vec::new() };
        let mut files: Vec<PathBuf> = entries
            .filter_map(Result::ok)
            .filter(|e| e.file_name().to_str().is_some_and(|n| n.starts_with(PREFIX) && n.ends_with(".ron")))
            .map(|e| e.path())
            .collect();
        files.sort();
        files
    }
}

/// The lock of the instance whose recovery file is `file` (`instance-ID.ron` → `instance-ID.lock`).
fn lock_of(file: &Path) -> PathBuf {
    file.with_extension("lock")
}

/// The lock at `path`, taken, when no one holds it (the file is created when missing).
fn take_lock(path: &Path) -> Option<File> {
    let lock = OpenOptions::new().write(true).create(true).truncate(false).open(path).ok()?;
    lock.try_lock().ok()?;
    Some(lock)
}

/// A running instance's own recovery file.
#[derive(Debug)]
pub struct Instance {
    id: String,
    lock_path: PathBuf,
    _lock: File,
    file: PathBuf,
    written: Option<String>,
}

impl Instance {
    /// The instance's id (process id, start time in ms, and a counter).
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The instance's recovery file.
    pub fn file(&self) -> &Path {
        &self.file
    }

    /// Writes `record` atomically to the instance's own file, unless the same document and
    /// scenario were written last time. Returns whether it wrote.
    pub fn autosave(&mut self, record: &Record) -> Result<bool, RecoveryError> {
        let key = format!("{:?}\n{}", record.document, record.scenario);
        if self.written.as_ref() == Some(&key) && self.file.exists() {
            return Ok(false);
        }
        let text = record.to_text().map_err(|e| RecoveryError::Io {
            path: self.file.clone(),
            action: "writing the autosave",
            source: io::Error::other(e.to_string()),
        })?;
        super::safe_write::write_atomic(&self.file, text.as_bytes())?;
        self.written = Some(key);
        Ok(true)
    }

    /// Removes the instance's own recovery file (the document is saved, or was discarded).
    pub fn clear(&mut self) -> Result<(), RecoveryError> {
        self.written = None;
        match fs::remove_file(&self.file) {
            Err(e) if e.kind() != ErrorKind::NotFound => {
                Err(RecoveryError::Io { path: self.file.clone(), action: "removing the autosave", source: e })
            }
            _ => Ok(()),
        }
    }

    /// A clean exit: removes the recovery file and the lock file. (After a crash both stay,
    /// and the lock is released by the OS, which is how the next start finds the work.)
    pub fn close(mut self) -> Result<(), RecoveryError> {
        self.clear()?;
        let _ = fs::remove_file(&self.lock_path);
        Ok(())
    }
}

/// A recovery file left by an instance that is no longer running: listed, and claimed by this
/// instance once [`Orphan::claim`] succeeds (until it is dropped).
#[derive(Debug)]
pub struct Orphan {
    file: PathBuf,
    lock_path: Option<PathBuf>,
    lock: Option<File>,
    /// What the file records, or why it cannot be read.
    pub record: Result<Record, RecoveryError>,
}

impl Orphan {
    /// The single recovery file of older versions, when it exists (it has no lock: it is held by
    /// whoever acts on it).
    pub fn legacy(file: &Path) -> Option<Orphan> {
        if !file.is_file() {
            return None;
        }
        let record = fs::read_to_string(file)
            .map_err(|e| RecoveryError::Unreadable { path: file.to_path_buf(), message: e.to_string() })
            .map(|text| {
                let autosaved = fs::metadata(file)
                    .and_then(|m| m.modified())
                    .map(DateTime::<Utc>::from)
                    .unwrap_or_else(|_| Utc::now());
                let title = super::scenario_file::parse_unchecked(&text, file).map(|s| s.title).unwrap_or_default();
                Record::new(None, autosaved, &title, text)
            });
        Some(Orphan { file: file.to_path_buf(), lock_path: None, lock: None, record })
    }

    /// The recovery file.
    pub fn file(&self) -> &Path {
        &self.file
    }

    /// Whether this instance holds the work (the single file of older versions has no lock:
    /// it counts as held).
    pub fn is_claimed(&self) -> bool {
        self.lock.is_some() || self.lock_path.is_none()
    }

    /// Claims the work for this instance: no other instance lists it while this one runs and
    /// holds it. Fails when another running instance claimed it first, or when it is gone.
    pub fn claim(&mut self) -> Result<(), RecoveryError> {
        let Some(lock_path) = self.lock_path.as_deref().filter(|_| self.lock.is_none()) else { return Ok(()) };
        let lock = take_lock(lock_path).ok_or_else(|| RecoveryError::Claimed { path: self.file.clone() })?;
        if !self.file.exists() {
            let _ = fs::remove_file(lock_path);
            return Err(RecoveryError::Gone { path: self.file.clone() });
        }
        self.lock = Some(lock);
        Ok(())
    }

    /// Removes the recovery file (the user chose Discard, or the work was recovered and is
    /// safe in this instance's own autosave or a saved file); claims it first, so that work
    /// another instance is offering is never removed behind its back.
    pub fn discard(mut self) -> Result<(), RecoveryError> {
        self.claim()?;
        match fs::remove_file(&self.file) {
            Err(e) if e.kind() != ErrorKind::NotFound => {
                return Err(RecoveryError::Io { path: self.file.clone(), action: "removing the autosave", source: e });
            }
            _ => {}
        }
        if let Some(lock) = &self.lock_path {
            let _ = fs::remove_file(lock);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests;
