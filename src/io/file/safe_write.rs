//! The one way this program writes a file: whole or not at all, keeping what it touches.
//!
//! Every write (Save, `fmt`, autosave, versions, exports) goes through [`write_atomic`]: the
//! bytes go to a temporary file with a unique name in the same folder, which is flushed to the
//! disk (fsync) and renamed over the target, and the folder is flushed too. The original's
//! permissions (and, when allowed, its owner) are kept; a symbolic link is followed and its
//! target written, so the link stays a link; a read-only file is refused, never overwritten;
//! a folder, a device or a pipe is refused; and on any failure the temporary file is removed
//! and the original is left as it was.

use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// How many symbolic links are followed before giving up (as the OS does).
const MAX_LINKS: usize = 40;

/// Why a file was not written. The original, if there was one, is unchanged.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    /// The target is read-only.
    #[error("{path}: the file is read-only, so it was not overwritten; make it writable or save under another name")]
    ReadOnly {
        /// The file.
        path: PathBuf,
    },
    /// The target is a folder.
    #[error("{path}: this is a folder, not a file; choose a file name inside it")]
    Folder {
        /// The folder.
        path: PathBuf,
    },
    /// The target is a device, a pipe or a socket.
    #[error("{path}: this is not a regular file (a device, a pipe or a socket); choose an ordinary file name")]
    NotAFile {
        /// The path.
        path: PathBuf,
    },
    /// The target's folder does not exist.
    #[error("{path}: the folder {folder} does not exist; create it or choose another folder")]
    NoFolder {
        /// The file.
        path: PathBuf,
        /// Its folder.
        folder: PathBuf,
    },
    /// The path is a chain of symbolic links that does not end.
    #[error("{path}: too many symbolic links (a link that points to itself?); choose another file name")]
    LinkLoop {
        /// The file.
        path: PathBuf,
    },
    /// The operating system refused a step.
    #[error("{path}: could not {action}: {}; the file is unchanged", describe(source))]
    Io {
        /// The file.
        path: PathBuf,
        /// "write the new contents", "replace the file"…
        action: &'static str,
        /// The OS error.
        source: io::Error,
    },
}

impl WriteError {
    /// The file the error is about.
    pub fn path(&self) -> &Path {
        match self {
            WriteError::ReadOnly { path }
            | WriteError::Folder { path }
            | WriteError::NotAFile { path }
            | WriteError::NoFolder { path, .. }
            | WriteError::LinkLoop { path }
            | WriteError::Io { path, .. } => path,
        }
    }
}

/// An OS error in the user's words (the disk full, no permission), else the OS's own.
fn describe(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::StorageFull => "the disk is full; free some space and try again".into(),
        io::ErrorKind::PermissionDenied => "permission denied; check that you may write in this folder".into(),
        io::ErrorKind::ReadOnlyFilesystem => "the disk is read-only".into(),
        io::ErrorKind::QuotaExceeded => "your disk quota is exceeded".into(),
        _ => e.to_string(),
    }
}

/// Writes `bytes` to `path` safely (see the module comment).
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), WriteError> {
    write_atomic_with(path, |file| file.write_all(bytes))
}

/// Writes to `path` safely what `fill` writes into the temporary file. When `fill` fails,
/// nothing is replaced and the temporary file is removed.
pub fn write_atomic_with(path: &Path, fill: impl FnOnce(&mut File) -> io::Result<()>) -> Result<(), WriteError> {
    let target = resolve_links(path)?;
    let existing = check_target(&target)?;
    let folder = folder_of(&target);
    if !folder.is_dir() {
        return Err(WriteError::NoFolder { path: path.to_path_buf(), folder });
    }
    let io_err = |action| move |source| WriteError::Io { path: path.to_path_buf(), action, source };
    let mut tmp = temporary_in(&folder, &target).map_err(io_err("create a temporary file in its folder"))?;
    fill(tmp.as_file_mut()).map_err(io_err("write the new contents"))?;
    if let Some(meta) = &existing {
        keep_permissions(tmp.path(), meta).map_err(io_err("keep the file's permissions"))?;
    }
    tmp.as_file().sync_all().map_err(io_err("flush the new contents to the disk"))?;
    tmp.persist(&target).map_err(|e| WriteError::Io {
        path: path.to_path_buf(),
        action: "replace the file",
        source: e.error,
    })?;
    sync_folder(&folder).map_err(io_err("flush the folder to the disk"))
}

/// Copies the file at `path` (as it is now) to `NAME.bak` beside it, by the same safe write.
/// Returns the backup's path, or `None` when there is no file to back up.
pub fn write_backup(path: &Path) -> Result<Option<PathBuf>, WriteError> {
    let target = resolve_links(path)?;
    if check_target(&target)?.is_none() {
        return Ok(None);
    }
    let bytes = fs::read(&target).map_err(|source| WriteError::Io {
        path: path.to_path_buf(),
        action: "read the file to keep a backup",
        source,
    })?;
    let bak = with_suffix(path, "bak");
    write_atomic(&bak, &bytes)?;
    Ok(Some(bak))
}

/// `dir/NAME.ron` → `dir/NAME.ron.SUFFIX`.
pub fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.file_name().map(|n| n.to_os_string()).unwrap_or_default();
    name.push(".");
    name.push(suffix);
    path.with_file_name(name)
}

/// Follows symbolic links to the file they name (which may not exist yet).
fn resolve_links(path: &Path) -> Result<PathBuf, WriteError> {
    let mut p = path.to_path_buf();
    for _ in 0..MAX_LINKS {
        match fs::symlink_metadata(&p) {
            Ok(m) if m.file_type().is_symlink() => {
                let link = fs::read_link(&p).map_err(|source| WriteError::Io {
                    path: path.to_path_buf(),
                    action: "read the symbolic link",
                    source,
                })?;
                p = if link.is_absolute() { link } else { folder_of(&p).join(link) };
            }
            _ => return Ok(p),
        }
    }
    Err(WriteError::LinkLoop { path: path.to_path_buf() })
}

/// The metadata of an existing regular, writable target; `None` when there is no file yet.
fn check_target(target: &Path) -> Result<Option<fs::Metadata>, WriteError> {
    let meta = match fs::metadata(target) {
        Ok(m) => m,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(source) => return Err(WriteError::Io { path: target.to_path_buf(), action: "look at the file", source }),
    };
    let path = target.to_path_buf();
    if meta.is_dir() {
        return Err(WriteError::Folder { path });
    }
    if !meta.is_file() {
        return Err(WriteError::NotAFile { path });
    }
    if meta.permissions().readonly() {
        return Err(WriteError::ReadOnly { path });
    }
    Ok(Some(meta))
}

/// The folder of a file path (`.` for a bare name).
fn folder_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// A new temporary file with a unique name beside `target`, removed when dropped unpersisted.
fn temporary_in(folder: &Path, target: &Path) -> io::Result<tempfile::NamedTempFile> {
    let name = target.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let prefix = format!(".{name}.");
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(".tmp");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        // A new file gets the usual mode (0666 less the umask), not the temporary's 0600.
        builder.permissions(fs::Permissions::from_mode(0o666));
    }
    builder.tempfile_in(folder)
}

/// Gives the temporary file the original's permissions and, when allowed, its owner.
fn keep_permissions(tmp: &Path, original: &fs::Metadata) -> io::Result<()> {
    fs::set_permissions(tmp, original.permissions())?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let now = fs::metadata(tmp)?;
        if (now.uid(), now.gid()) != (original.uid(), original.gid()) {
            // Only the superuser may give a file away; anyone else keeps their own ownership.
            let _ = std::os::unix::fs::chown(tmp, Some(original.uid()), Some(original.gid()));
        }
    }
    Ok(())
}

/// Flushes a folder's entries (the rename) to the disk, where the OS allows it.
fn sync_folder(folder: &Path) -> io::Result<()> {
    #[cfg(unix)]
    {
        File::open(folder)?.sync_all()
    }
    #[cfg(not(unix))]
    {
        let _ = folder;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn leftovers(dir: &Path) -> Vec<String> {
        let names = fs::read_dir(dir).map(|d| d.flatten().map(|e| e.file_name().to_string_lossy().into_owned()));
        names.map(|n| n.filter(|n| n.ends_with(".tmp")).collect()).unwrap_or_default()
    }

    fn dir() -> tempfile::TempDir {
        tempfile::tempdir().unwrap_or_else(|e| panic!("no temporary folder: {e}"))
    }

    #[test]
    fn writes_a_new_file_and_replaces_an_old_one_without_leftovers() {
        let d = dir();
        let p = d.path().join("a.ron");
        assert!(write_atomic(&p, b"one").is_ok());
        assert!(write_atomic(&p, b"two").is_ok());
        assert_eq!(fs::read(&p).ok().as_deref(), Some(&b"two"[..]));
        assert!(leftovers(d.path()).is_empty());
    }

    #[cfg(unix)]
    #[test]
    fn keeps_the_mode_of_the_original() {
        use std::os::unix::fs::PermissionsExt;
        let d = dir();
        let p = d.path().join("secret.ron");
        assert!(fs::write(&p, "old").is_ok());
        assert!(fs::set_permissions(&p, fs::Permissions::from_mode(0o600)).is_ok());
        assert!(write_atomic(&p, b"new").is_ok());
        let mode = fs::metadata(&p).map(|m| m.permissions().mode() & 0o777).unwrap_or(0);
        assert_eq!(mode, 0o600);
        assert_eq!(fs::read_to_string(&p).ok().as_deref(), Some("new"));
    }

    #[cfg(unix)]
    #[test]
    fn writes_through_a_symlink_and_keeps_the_link() {
        let d = dir();
        let real = d.path().join("real.ron");
        let link = d.path().join("link.ron");
        assert!(fs::write(&real, "old").is_ok());
        assert!(std::os::unix::fs::symlink("real.ron", &link).is_ok());
        assert!(write_atomic(&link, b"new").is_ok());
        assert!(fs::symlink_metadata(&link).is_ok_and(|m| m.file_type().is_symlink()));
        assert_eq!(fs::read_to_string(&real).ok().as_deref(), Some("new"));
        assert!(leftovers(d.path()).is_empty());
    }

    #[test]
    fn refuses_a_read_only_file() {
        let d = dir();
        let p = d.path().join("locked.ron");
        assert!(fs::write(&p, "old").is_ok());
        let mut perms = fs::metadata(&p).map(|m| m.permissions()).unwrap_or_else(|e| panic!("{e}"));
        perms.set_readonly(true);
        assert!(fs::set_permissions(&p, perms).is_ok());
        let e = write_atomic(&p, b"new");
        assert!(matches!(e, Err(WriteError::ReadOnly { .. })), "{e:?}");
        assert!(e.err().is_some_and(|e| e.to_string().contains("read-only")));
        assert_eq!(fs::read_to_string(&p).ok().as_deref(), Some("old"));
        assert!(leftovers(d.path()).is_empty());
    }

    #[cfg(unix)]
    #[test]
    fn refuses_a_fifo_and_a_folder() {
        let d = dir();
        let fifo = d.path().join("pipe");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        if made.is_ok_and(|s| s.success()) {
            let e = write_atomic(&fifo, b"x");
            assert!(matches!(e, Err(WriteError::NotAFile { .. })), "{e:?}");
            assert!(fs::symlink_metadata(&fifo).is_ok_and(|m| !m.is_file()));
        }
        let e = write_atomic(d.path(), b"x");
        assert!(matches!(e, Err(WriteError::Folder { .. })), "{e:?}");
        let e = write_atomic(Path::new("/dev/null"), b"x");
        assert!(matches!(e, Err(WriteError::NotAFile { .. })), "{e:?}");
        assert!(leftovers(d.path()).is_empty());
    }

    #[test]
    fn a_failed_write_leaves_the_original_and_no_temporary() {
        let d = dir();
        let p = d.path().join("a.ron");
        assert!(fs::write(&p, "original").is_ok());
        let full = write_atomic_with(&p, |f| {
            f.write_all(b"half")?;
            Err(io::Error::from(io::ErrorKind::StorageFull))
        });
        let message = full.err().map(|e| e.to_string()).unwrap_or_default();
        assert!(message.contains("the disk is full") && message.contains("unchanged"), "{message}");
        assert_eq!(fs::read_to_string(&p).ok().as_deref(), Some("original"));
        assert!(leftovers(d.path()).is_empty());
    }

    #[test]
    fn a_missing_folder_is_named() {
        let d = dir();
        let e = write_atomic(&d.path().join("no/such/a.ron"), b"x");
        assert!(matches!(e, Err(WriteError::NoFolder { .. })), "{e:?}");
    }

    #[test]
    fn the_backup_is_a_copy_of_the_file_as_it_is() {
        let d = dir();
        let p = d.path().join("a.ron");
        assert!(matches!(write_backup(&p), Ok(None)));
        assert!(fs::write(&p, "first").is_ok());
        let bak = write_backup(&p).ok().flatten();
        assert_eq!(bak.as_deref(), Some(d.path().join("a.ron.bak").as_path()));
        assert_eq!(fs::read_to_string(d.path().join("a.ron.bak")).ok().as_deref(), Some("first"));
        assert!(leftovers(d.path()).is_empty());
    }
}
