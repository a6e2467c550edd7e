//! The last saved versions of each scenario file, kept in the app's data folder.
//!
//! Every save records the text written as a version of that file (unless it is the same as
//! the newest one); the last [`KEEP`] are kept, older ones removed. Each file has its own
//! folder, named after the file and a hash of its full path, holding `path.txt` (the file it
//! belongs to, for people) and one `YYYYMMDDTHHMMSS.mmmZ.ron` per version, named by the time
//! of the save (UTC). Everything is written through the safe writer.

use std::fs;
use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveDateTime, Utc};

use super::safe_write::{self, WriteError};
use super::scenario_file::{self, FileError, TextStyle};
use super::stable_hash::fnv1a;

/// How many versions of each file are kept.
pub const KEEP: usize = 20;

/// The format of a version's file name (without `.ron`).
const NAME_FORMAT: &str = "%Y%m%dT%H%M%S%.3fZ";

/// The versions kept in one folder (the app's is `DATA/versions`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Versions {
    dir: PathBuf,
}

/// One saved version of a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Version {
    /// When it was saved.
    pub saved_at: DateTime<Utc>,
    /// Where the copy is kept.
    pub path: PathBuf,
    /// Its size in bytes.
    pub size: u64,
}

impl Versions {
    /// The versions kept under `dir` (created when the first version is recorded).
    pub fn new(dir: impl Into<PathBuf>) -> Versions {
        Versions { dir: dir.into() }
    }

    /// Records `text`, just saved to `file` at `at`, as its newest version, and removes the
    /// oldest beyond [`KEEP`]. Nothing is recorded when `text` is the newest version already.
    pub fn record(&self, file: &Path, text: &str, at: DateTime<Utc>) -> Result<Option<Version>, WriteError> {
        let folder = self.folder_for(file);
        fs::create_dir_all(&folder).map_err(|source| WriteError::Io {
            path: folder.clone(),
            action: "create the folder for saved versions",
            source,
        })?;
        let existing = self.list(file).unwrap_or_default();
        if existing.first().is_some_and(|v| fs::read(&v.path).is_ok_and(|b| b == text.as_bytes())) {
            return Ok(None);
        }
        safe_write::write_atomic(&folder.join("path.txt"), absolute(file).to_string_lossy().as_bytes())?;
        let path = unused_name(&folder, at);
        safe_write::write_atomic(&path, text.as_bytes())?;
        for old in self.list(file).unwrap_or_default().iter().skip(KEEP) {
            let _ = fs::remove_file(&old.path);
        }
        Ok(Some(Version { saved_at: at, path, size: text.len() as u64 }))
    }

    /// The versions of `file`, newest first (none when nothing was recorded).
    pub fn list(&self, file: &Path) -> Result<Vec<Version>, FileError> {
        let folder = self.folder_for(file);
        let entries = match fs::read_dir(&folder) {
            Ok(e) => e,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(source) => return Err(FileError::Io { path: folder, action: "listing the saved versions", source }),
        };
        // Saves within the same millisecond are told apart by a counter after the time
        // (`…Z-1.ron`, `…Z-2.ron`): the larger counter is the later save.
        let mut out: Vec<(Version, u64)> = entries
            .flatten()
            .filter_map(|e| {
                let path = e.path();
                let stem = path.file_name()?.to_str()?.strip_suffix(".ron")?.to_string();
                let mut parts = stem.split('-');
                let time = NaiveDateTime::parse_from_str(parts.next()?, NAME_FORMAT).ok()?;
                let seq = parts.next().map_or(Some(0), |k| k.parse().ok())?;
                let size = e.metadata().ok()?.len();
                Some((Version { saved_at: time.and_utc(), path, size }, seq))
            })
            .collect();
        out.sort_by(|(a, j), (b, k)| b.saved_at.cmp(&a.saved_at).then_with(|| k.cmp(j)));
        Ok(out.into_iter().map(|(v, _)| v).collect())
    }

    /// The text of a version.
    pub fn read(&self, version: &Version) -> Result<String, FileError> {
        scenario_file::read_text(&version.path)
    }

    /// Writes `version` back over `file` (through the safe writer), after recording the file
    /// as it is now as a version, so that a restore can itself be undone. The file keeps its
    /// byte-order mark and line endings as they are now ([`TextStyle`]); a file that no longer
    /// exists gets the version's own.
    pub fn restore(&self, version: &Version, file: &Path, now: DateTime<Utc>) -> Result<(), FileError> {
        let text = scenario_file::read_text_with_mark(&version.path)?;
        let text = match scenario_file::read_text_with_mark(file) {
            Ok(current) => {
                self.record(file, &current, now)?;
                TextStyle::of(&current).apply(&TextStyle::plain(&text))
            }
            Err(_) => text,
        };
        safe_write::write_atomic(file, text.as_bytes())?;
        Ok(())
    }

    /// The folder of `file`'s versions: its name and a hash of its full path.
    fn folder_for(&self, file: &Path) -> PathBuf {
        let full = absolute(file);
        let name: String = full
            .file_name()
            .map(|n| n.to_string_lossy().chars().filter(|c| c.is_alphanumeric() || "-_.".contains(*c)).collect())
            .unwrap_or_default();
        self.dir.join(format!("{name}-{:016x}", fnv1a(full.as_os_str().as_encoded_bytes())))
    }
}

/// The file's full path, links resolved where it exists.
fn absolute(file: &Path) -> PathBuf {
    fs::canonicalize(file).unwrap_or_else(|_| std::path::absolute(file).unwrap_or_else(|_| file.to_path_buf()))
}

/// A version file name for `at` that is not taken yet.
fn unused_name(folder: &Path, at: DateTime<Utc>) -> PathBuf {
    let stem = at.format(NAME_FORMAT).to_string();
    let mut path = folder.join(format!("{stem}.ron"));
    let mut k = 1;
    while path.exists() {
        path = folder.join(format!("{stem}-{k}.ron"));
        k += 1;
    }
    path
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(second: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 30, 20, 0, second).single().unwrap_or_default()
    }

    #[test]
    fn keeps_the_last_twenty_versions_newest_first_and_restores_one() {
        let d = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let store = Versions::new(d.path().join("versions"));
        let file = d.path().join("a.ron");
        for k in 0..25u32 {
            assert!(fs::write(&file, format!("text {k}")).is_ok());
            let v = store.record(&file, &format!("text {k}"), at(k));
            assert!(matches!(v, Ok(Some(_))), "{v:?}");
        }
        assert!(matches!(store.record(&file, "text 24", at(30)), Ok(None)), "an unchanged save adds no version");
        let list = store.list(&file).unwrap_or_default();
        assert_eq!(list.len(), KEEP);
        assert_eq!(list[0].saved_at, at(24));
        assert_eq!(list[KEEP - 1].saved_at, at(5));
        assert_eq!(store.read(&list[KEEP - 1]).ok().as_deref(), Some("text 5"));
        assert!(store.restore(&list[KEEP - 1], &file, at(40)).is_ok());
        assert_eq!(fs::read_to_string(&file).ok().as_deref(), Some("text 5"));
        let after = store.list(&file).unwrap_or_default();
        assert_eq!(store.read(&after[0]).ok().as_deref(), Some("text 24"), "the file before the restore is a version");
        let other = store.list(&d.path().join("b.ron")).unwrap_or_default();
        assert!(other.is_empty(), "each file has its own versions");
        let leftovers = fs::read_dir(store.folder_for(&file)).map(|r| r.flatten().count()).unwrap_or(0);
        assert_eq!(leftovers, KEEP + 1, "the versions and path.txt, no temporary file");
    }

    #[test]
    fn a_restore_keeps_the_files_byte_order_mark_and_line_endings() {
        let d = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let store = Versions::new(d.path().join("versions"));
        let file = d.path().join("a.ron");
        let windows = |t: &str| format!("\u{feff}{}", t.replace('\n', "\r\n"));
        for (k, text) in ["(\n  version: 1,\n)\n", "(\n  version: 2,\n)\n"].into_iter().enumerate() {
            assert!(fs::write(&file, windows(text)).is_ok());
            assert!(matches!(store.record(&file, &windows(text), at(k as u32)), Ok(Some(_))));
        }
        let list = store.list(&file).unwrap_or_default();
        assert!(store.restore(&list[1], &file, at(10)).is_ok());
        assert_eq!(fs::read_to_string(&file).ok(), Some(windows("(\n  version: 1,\n)\n")), "BOM and CRLF kept");
        let newest = store.list(&file).unwrap_or_default();
        let kept = fs::read_to_string(&newest[0].path).ok();
        assert_eq!(kept, Some(windows("(\n  version: 2,\n)\n")), "the file before the restore, as it was");
        // A version saved with LF over a file now in CRLF: the file's own line endings stay.
        assert!(fs::write(&file, "(\r\n  version: 3,\r\n)\r\n").is_ok());
        assert!(store.record(&file, "(\n  version: 4,\n)\n", at(20)).is_ok());
        let lf = store.list(&file).unwrap_or_default().into_iter().find(|v| v.saved_at == at(20));
        assert!(store.restore(&lf.unwrap_or_else(|| panic!("no version")), &file, at(30)).is_ok());
        assert_eq!(fs::read_to_string(&file).ok().as_deref(), Some("(\r\n  version: 4,\r\n)\r\n"));
    }

    #[test]
    fn saves_within_the_same_millisecond_stay_in_order() {
        let d = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let store = Versions::new(d.path().join("versions"));
        let file = d.path().join("a.ron");
        for k in 0..12u32 {
            assert!(matches!(store.record(&file, &format!("text {k}"), at(0)), Ok(Some(_))));
        }
        let texts: Vec<String> =
            store.list(&file).unwrap_or_default().iter().filter_map(|v| store.read(v).ok()).collect();
        let newest_first: Vec<String> = (0..12).rev().map(|k| format!("text {k}")).collect();
        assert_eq!(texts, newest_first);
    }
}
