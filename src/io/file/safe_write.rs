//! The one way this program writes a file: whole or not at all, keeping what it touches.
//!
//! Every write (Save, `fmt`, autosave, versions, exports) goes through [`write_atomic`]: the
//! bytes go to a temporary file with a unique name in the same folder, which is flushed to the
//! disk (fsync) and renamed over the target, and the folder is flushed too. On any failure the
//! temporary file is removed and the original is left as it was. What is kept, and what is
//! refused rather than changed (every refusal names the file, says what was wrong and what to
//! do):
//!
//! - **Access, not bits.** A file the user may not write, by the operating system's own check
//!   (`access(W_OK)`: owner, group, ACLs, immutable files), is refused; so is a file with no
//!   write bit, even for the superuser.
//! - **Owner.** The replacement gets the original's owner and group. Only the superuser may
//!   give a file away, so when the original belongs to someone else (or to a group the user
//!   cannot give it), the write is refused instead of silently making the file the user's.
//! - **Permissions.** The replacement gets the original's mode.
//! - **Symbolic links.** A link is followed and its target written, so the link stays a link;
//!   except a link in a shared folder (sticky and writable by everyone, like `/tmp`) that belongs
//!   neither to the user nor to the folder's owner, which is refused. That is the rule of the
//!   kernel's `protected_symlinks`, applied here because the writer follows links itself and
//!   renames over their target, where the kernel cannot apply it.
//! - **Hard links.** A file with more than one name is refused, never split nor written in
//!   place. Replacing it would quietly cut this name off from the others (they keep the old
//!   contents); writing into it would change every name at once without the whole-or-nothing
//!   promise (a failure half-way leaves all of them half written), and would change the
//!   copies that hard-link backups (`cp -al`, rsnapshot) share with it. Which of the two the user
//!   wants only the user knows: the message says how to get either.
//! - **Names.** The temporary name fits beside any legal name (255 bytes): a long name is
//!   shortened in it; a sibling's name ([`with_suffix`], the `.bak`) is shortened the same way.
//! - A folder, a device or a pipe is refused.

use std::ffi::{OsStr, OsString};
use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use super::stable_hash::fnv1a;

/// How many symbolic links are followed before giving up (as the OS does).
const MAX_LINKS: usize = 40;

/// The longest file name (in bytes) the usual file systems accept.
const NAME_MAX: usize = 255;

/// How many random characters make a temporary name unique.
const RANDOM_CHARACTERS: usize = 6;

/// The end of every temporary file's name.
const TEMPORARY_SUFFIX: &str = ".tmp";

/// Why a file was not written. The original, if there was one, is unchanged.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    /// The target is read-only.
    #[error("{path}: the file is read-only, so it was not overwritten; make it writable or save under another name")]
    ReadOnly {
        /// The file.
        path: PathBuf,
    },
    /// The user may not write the target (the operating system says so).
    #[error(
        "{path}: you may not write this file (it belongs to user id {owner} and its permissions are {mode:o}), \
         so it was not changed; ask its owner for write access or save under another name"
    )]
    NotWritable {
        /// The file.
        path: PathBuf,
        /// Its owner's user id.
        owner: u32,
        /// Its permission bits.
        mode: u32,
    },
    /// Replacing the target would change its owner or group, which the user may not keep.
    #[error(
        "{path}: the file belongs to user id {owner} and group id {group}, and a saved copy would belong to you \
         and your group instead (only the superuser may give a file away), so it was not changed; ask its owner \
         to save it, or save under another name"
    )]
    OwnerNotKept {
        /// The file.
        path: PathBuf,
        /// Its owner's user id.
        owner: u32,
        /// Its group id.
        group: u32,
    },
    /// The path is a symbolic link another user put in a shared folder.
    #[error(
        "{path}: this is a symbolic link made by another user (user id {owner}) in {folder}, a folder everyone \
         may write in; following it could overwrite a file it was never meant to reach, so nothing was written; \
         remove the link or choose another name"
    )]
    ForeignLink {
        /// The link.
        path: PathBuf,
        /// Its shared folder.
        folder: PathBuf,
        /// The link's owner's user id.
        owner: u32,
    },
    /// The target has more than one name (hard links).
    #[error(
        "{path}: the file has {links} names (hard links); replacing it would cut this name off from the others, \
         so it was not changed; save under another name, or first make this name a file of its own (copy it, \
         then rename the copy over it)"
    )]
    HardLinks {
        /// The file.
        path: PathBuf,
        /// How many names it has.
        links: u64,
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
            | WriteError::NotWritable { path, .. }
            | WriteError::OwnerNotKept { path, .. }
            | WriteError::ForeignLink { path, .. }
            | WriteError::HardLinks { path, .. }
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
    let mut temporary = temporary_in(&folder, &target).map_err(io_err("create a temporary file in its folder"))?;
    if let Some(original) = &existing {
        keep_owner(temporary.as_file(), original, &target)?;
    }
    fill(temporary.as_file_mut()).map_err(io_err("write the new contents"))?;
    if let Some(original) = &existing {
        // After the owner: giving a file away clears its set-user-id and set-group-id bits.
        temporary.as_file().set_permissions(original.permissions()).map_err(io_err("keep the file's permissions"))?;
    }
    temporary.as_file().sync_all().map_err(io_err("flush the new contents to the disk"))?;
    temporary.persist(&target).map_err(|e| WriteError::Io {
        path: path.to_path_buf(),
        action: "replace the file",
        source: e.error,
    })?;
    sync_folder(&folder).map_err(io_err("flush the folder to the disk"))
}

/// Copies the file at `path` (as it is now) to `NAME.bak` beside it, by the same safe write.
/// Returns the backup's path, or `None` when there is no file to back up. A file the safe
/// writer would refuse to replace is refused here already, before any backup is made.
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

/// `dir/NAME.ron` → `dir/NAME.ron.SUFFIX`. When that name would be longer than a file name
/// may be, NAME is cut short and ends in `~` and a hash of the whole name (so that two long
/// names that begin alike keep apart).
pub fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let name = path.file_name().map(OsStr::to_os_string).unwrap_or_default();
    let room = NAME_MAX.saturating_sub(1 + suffix.len());
    let mut name = if name.len() <= room { name } else { shortened_name(&name, room) };
    name.push(".");
    name.push(suffix);
    path.with_file_name(name)
}

/// A name of at most `bytes` bytes that stands for the longer `name`: its beginning, `~` and
/// eight hexadecimal digits of a hash of the whole.
fn shortened_name(name: &OsStr, bytes: usize) -> OsString {
    let tag = format!("~{:08x}", fnv1a(name.as_encoded_bytes()) as u32);
    let mut short = OsString::from(cut_at_character(&name.to_string_lossy(), bytes.saturating_sub(tag.len())));
    short.push(tag);
    short
}

/// `text` cut to at most `bytes` bytes, between two characters.
fn cut_at_character(text: &str, bytes: usize) -> &str {
    let mut end = bytes.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// Follows symbolic links to the file they name (which may not exist yet); refuses a link
/// another user put in a shared folder (see the module comment).
fn resolve_links(path: &Path) -> Result<PathBuf, WriteError> {
    let mut current = path.to_path_buf();
    for _ in 0..MAX_LINKS {
        match fs::symlink_metadata(&current) {
            Ok(meta) if meta.file_type().is_symlink() => {
                let folder = folder_of(&current);
                #[cfg(unix)]
                access::check_link(path, &meta, &folder)?;
                let link = fs::read_link(&current).map_err(|source| WriteError::Io {
                    path: path.to_path_buf(),
                    action: "read the symbolic link",
                    source,
                })?;
                current = if link.is_absolute() { link } else { folder.join(link) };
            }
            _ => return Ok(current),
        }
    }
    Err(WriteError::LinkLoop { path: path.to_path_buf() })
}

/// The metadata of an existing regular target the user may replace; `None` when there is no
/// file yet.
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
    #[cfg(unix)]
    access::check_replaceable(target, &meta)?;
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
    let mut builder = tempfile::Builder::new();
    let prefix = temporary_prefix(target);
    builder.prefix(&prefix).rand_bytes(RANDOM_CHARACTERS).suffix(TEMPORARY_SUFFIX);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        // A new file gets the usual mode (0666 less the umask), not the temporary's 0600.
        builder.permissions(fs::Permissions::from_mode(0o666));
    }
    builder.tempfile_in(folder)
}

/// The start of the temporary name, `.NAME.`, with NAME cut short so that the whole name
/// (random characters and suffix included) fits in [`NAME_MAX`] bytes.
fn temporary_prefix(target: &Path) -> String {
    let name = target.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let room = NAME_MAX - ".".len() * 2 - RANDOM_CHARACTERS - TEMPORARY_SUFFIX.len();
    format!(".{}.", cut_at_character(&name, room))
}

/// Gives the new file the original's owner and group, or refuses when the OS does not allow
/// it (only the superuser may give a file away).
fn keep_owner(file: &File, original: &fs::Metadata, target: &Path) -> Result<(), WriteError> {
    #[cfg(unix)]
    return access::keep_owner(file, original, target);
    #[cfg(not(unix))]
    {
        let _ = (file, original, target);
        Ok(())
    }
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

/// Who may write what, on Unix: the OS's access check, owners, and shared folders' links.
#[cfg(unix)]
mod access {
    use std::fs::{self, File};
    use std::io;
    use std::os::unix::fs::MetadataExt;
    use std::path::Path;

    use super::WriteError;

    /// The mode bits of a shared folder: sticky, and writable by everyone.
    const SHARED_FOLDER: u32 = 0o1002;

    /// The user this program runs as (its effective user id).
    fn caller() -> u32 {
        rustix::process::geteuid().as_raw()
    }

    /// Refuses a target the user may not write, one with more than one name, and one whose
    /// owner a replacement could not keep.
    pub(super) fn check_replaceable(target: &Path, meta: &fs::Metadata) -> Result<(), WriteError> {
        let path = target.to_path_buf();
        if let Err(errno) = rustix::fs::access(target, rustix::fs::Access::WRITE_OK) {
            let source = io::Error::from(errno);
            return Err(match source.kind() {
                io::ErrorKind::PermissionDenied => {
                    WriteError::NotWritable { path, owner: meta.uid(), mode: meta.mode() & 0o7777 }
                }
                _ => WriteError::Io { path, action: "check that you may write the file", source },
            });
        }
        if meta.nlink() > 1 {
            return Err(WriteError::HardLinks { path, links: meta.nlink() });
        }
        let user = caller();
        if user != 0 && meta.uid() != user {
            return Err(WriteError::OwnerNotKept { path, owner: meta.uid(), group: meta.gid() });
        }
        Ok(())
    }

    /// Refuses to follow `link` (`path` as the user gave it) when it sits in a shared folder
    /// and belongs neither to the user nor to the folder's owner.
    pub(super) fn check_link(path: &Path, link: &fs::Metadata, folder: &Path) -> Result<(), WriteError> {
        let folder_meta = fs::metadata(folder).map_err(|source| WriteError::Io {
            path: path.to_path_buf(),
            action: "look at the folder of the symbolic link",
            source,
        })?;
        let shared = folder_meta.mode() & SHARED_FOLDER == SHARED_FOLDER;
        if shared && link.uid() != caller() && link.uid() != folder_meta.uid() {
            return Err(WriteError::ForeignLink {
                path: path.to_path_buf(),
                folder: folder.to_path_buf(),
                owner: link.uid(),
            });
        }
        Ok(())
    }

    /// Gives `file` the owner and group of `original`, or refuses.
    pub(super) fn keep_owner(file: &File, original: &fs::Metadata, target: &Path) -> Result<(), WriteError> {
        let io_error = |source| WriteError::Io { path: target.to_path_buf(), action: "keep the file's owner", source };
        let now = file.metadata().map_err(io_error)?;
        if (now.uid(), now.gid()) == (original.uid(), original.gid()) {
            return Ok(());
        }
        match std::os::unix::fs::fchown(file, Some(original.uid()), Some(original.gid())) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == io::ErrorKind::PermissionDenied => Err(WriteError::OwnerNotKept {
                path: target.to_path_buf(),
                owner: original.uid(),
                group: original.gid(),
            }),
            Err(source) => Err(io_error(source)),
        }
    }
}

#[cfg(test)]
mod tests;
