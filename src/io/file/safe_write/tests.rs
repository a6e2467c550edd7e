//! The safe writer's own tests: whole or not at all, permissions kept, links followed, what
//! is refused, and the names it makes (temporary files, long backups).

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

#[test]
fn names_of_255_bytes_get_a_temporary_name_and_a_backup_name_that_fit() {
    let name = format!("{}.ron", "é".repeat(125));
    assert_eq!(name.len(), 254);
    let target = Path::new("/some/folder").join(&name);
    let prefix = temporary_prefix(&target);
    assert!(prefix.len() + RANDOM_CHARACTERS + TEMPORARY_SUFFIX.len() <= NAME_MAX, "{}", prefix.len());
    assert!(prefix.starts_with(".éé") && prefix.ends_with('.'));
    let backup = with_suffix(&target, "bak");
    let backup_name = backup.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    assert!(backup_name.len() <= NAME_MAX && backup_name.ends_with(".bak"), "{backup_name}");
    assert!(!backup_name.contains('\u{fffd}'), "cut between two characters: {backup_name}");
    assert_eq!(backup.parent(), Some(Path::new("/some/folder")));
    let other = with_suffix(&Path::new("/some/folder").join(format!("{}x.ron", "é".repeat(125))), "bak");
    assert_ne!(backup, other, "two long names that begin alike keep apart");
    assert_eq!(with_suffix(Path::new("a.ron"), "bak"), Path::new("a.ron.bak"), "a short name is kept whole");
}
