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
//! A recovery file left by a dead instance ([`Orphan`]) is claimed by the instance that finds
//! it (it takes the dead instance's lock), so two instances starting together never both offer
//! it, and it is removed only when the user says so ([`Orphan::discard`]). An instance writes
//! only its own file, atomically, so no autosave ever touches another's.
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

    /// The recovery files left by instances that are no longer running, oldest first, each
    /// claimed for the caller (another instance will not list it while the [`Orphan`] lives).
    /// Files of running instances are never listed. `legacy`: the single recovery file of
    /// older versions, listed too when it exists.
    pub fn orphans(&self, legacy: Option<&Path>) -> Vec<Orphan> {
        let mut out: Vec<Orphan> =
            self.instance_files().into_iter().filter_map(|(id, file)| self.claim(&id, file)).collect();
        if let Some(old) = legacy.filter(|p| p.is_file()) {
            out.push(Orphan::legacy(old));
        }
        out.sort_by_key(|o| o.record.as_ref().map(|r| r.autosaved).ok());
        out
    }

    /// `(id, path)` of every `instance-ID.ron` in the folder.
    fn instance_files(&self) -> Vec<(String, PathBuf)> {
        let Ok(entries) = fs::read_dir(&self.dir) else { return Vec::new() };
        let mut files: Vec<(String, PathBuf)> = entries
            .filter_map(Result::ok)
            .filter_map(|e| {
                let name = e.file_name().into_string().ok()?;
                let id = name.strip_prefix(PREFIX)?.strip_suffix(".ron")?.to_string();
                Some((id, e.path()))
            })
            .collect();
        files.sort();
        files
    }

    /// Takes the lock of the instance `id` if its process is gone, and reads its file.
    fn claim(&self, id: &str, file: PathBuf) -> Option<Orphan> {
        let lock_path = self.dir.join(format!("{PREFIX}{id}.lock"));
        let lock = OpenOptions::new().write(true).create(true).truncate(false).open(&lock_path).ok()?;
        if lock.try_lock().is_err() {
            return None; // a running instance holds it (or another instance claimed it)
        }
        let text = match fs::read_to_string(&file) {
            Ok(t) => t,
            Err(e) if e.kind() == ErrorKind::NotFound => {
                // The instance ended cleanly between the listing and the lock.
                let _ = fs::remove_file(&lock_path);
                return None;
            }
            Err(e) => {
                let record = Err(RecoveryError::Unreadable { path: file.clone(), message: e.to_string() });
                return Some(Orphan { file, lock_path: Some(lock_path), _lock: Some(lock), record });
            }
        };
        let record =
            Record::from_text(&text).map_err(|message| RecoveryError::Unreadable { path: file.clone(), message });
        Some(Orphan { file, lock_path: Some(lock_path), _lock: Some(lock), record })
    }
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

/// A recovery file left by an instance that is no longer running, claimed by this one.
#[derive(Debug)]
pub struct Orphan {
    file: PathBuf,
    lock_path: Option<PathBuf>,
    _lock: Option<File>,
    /// What the file records, or why it cannot be read.
    pub record: Result<Record, RecoveryError>,
}

impl Orphan {
    fn legacy(file: &Path) -> Orphan {
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
        Orphan { file: file.to_path_buf(), lock_path: None, _lock: None, record }
    }

    /// The recovery file.
    pub fn file(&self) -> &Path {
        &self.file
    }

    /// Removes the recovery file (the user chose Discard, or the work was recovered and is
    /// safe in this instance's own autosave or a saved file).
    pub fn discard(self) -> Result<(), RecoveryError> {
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
mod tests {
    use super::*;

    fn record(doc: Option<&str>, text: &str) -> Record {
        let at = DateTime::parse_from_rfc3339("2026-11-30T10:00:00Z").unwrap().with_timezone(&Utc);
        Record::new(doc.map(Path::new), at, "a title", text.to_string())
    }

    #[test]
    fn two_instances_write_two_files_and_neither_lists_the_other() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::at(dir.path());
        let mut a = store.start_instance().unwrap();
        let mut b = store.start_instance().unwrap();
        assert_ne!(a.file(), b.file());
        assert!(a.autosave(&record(Some("/docs/a.ron"), "A")).unwrap());
        assert!(b.autosave(&record(Some("/docs/b.ron"), "B")).unwrap());
        assert!(!a.autosave(&record(Some("/docs/a.ron"), "A")).unwrap(), "an unchanged document is not rewritten");
        assert!(store.orphans(None).is_empty(), "both instances run: nothing to offer");

        // A crashes: the OS releases its lock, its files stay.
        let a_file = a.file().to_path_buf();
        drop(a);
        let orphans = store.orphans(None);
        assert_eq!(orphans.len(), 1);
        let r = orphans[0].record.as_ref().unwrap();
        assert_eq!(orphans[0].file(), a_file);
        assert_eq!(r.document.as_deref(), Some(Path::new("/docs/a.ron")));
        assert_eq!(r.scenario, "A");

        // While this instance holds the orphan, another start does not see it.
        assert!(store.orphans(None).is_empty(), "a claimed orphan is offered once");
        // B's autosave does not touch A's file.
        let before = fs::read(&a_file).unwrap();
        assert!(b.autosave(&record(Some("/docs/b.ron"), "B2")).unwrap());
        assert_eq!(fs::read(&a_file).unwrap(), before);
        drop(orphans); // "decide later": released and kept
        assert_eq!(store.orphans(None).len(), 1, "decided later: offered again");

        for o in store.orphans(None) {
            o.discard().unwrap();
        }
        assert!(!a_file.exists());
        assert!(store.orphans(None).is_empty());
        b.close().unwrap();
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 0, "a clean exit leaves nothing behind");
    }

    #[test]
    fn an_untitled_document_records_no_path_and_an_unreadable_file_is_kept() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::at(dir.path());
        let mut a = store.start_instance().unwrap();
        a.autosave(&record(None, "U")).unwrap();
        let bad = dir.path().join("instance-1-2-0.ron");
        fs::write(&bad, "not a record").unwrap();
        drop(a);
        let orphans = store.orphans(None);
        assert_eq!(orphans.len(), 2);
        let readable: Vec<_> = orphans.iter().filter_map(|o| o.record.as_ref().ok()).collect();
        assert_eq!(readable.len(), 1);
        assert_eq!(readable[0].document, None);
        let unreadable = orphans.iter().find_map(|o| o.record.as_ref().err()).unwrap().to_string();
        assert!(unreadable.contains("kept, unchanged"), "{unreadable}");
        drop(orphans);
        assert!(bad.exists(), "an unreadable autosave is never removed behind the user's back");
    }

    #[test]
    fn the_legacy_recovery_file_is_offered_as_untitled() {
        let dir = tempfile::tempdir().unwrap();
        let legacy = dir.path().join(LEGACY_FILE);
        fs::write(&legacy, crate::io::file::embedded::DEFAULT_SCENARIO).unwrap();
        let store = Store::in_data_folder(dir.path());
        let orphans = store.orphans(Some(&legacy));
        assert_eq!(orphans.len(), 1);
        let r = orphans[0].record.as_ref().unwrap();
        assert_eq!(r.document, None);
        assert!(r.title.contains("Renault"), "{}", r.title);
        assert!(r.parse_scenario(&legacy).is_ok());
    }

    #[test]
    fn a_record_round_trips_through_its_text() {
        let r = record(Some("/a b/\"quoted\".ron"), "(\n  version: 3,\n)\n");
        assert_eq!(Record::from_text(&r.to_text().unwrap()), Ok(r));
    }
}
