//! The safe writer checks access, not bits: a file the user may not write is
//! refused, its owner is kept or the write refused, a link planted by another user in a shared
//! folder is not followed, hard links are not broken, a scenario's byte-order mark and CRLF line
//! endings stay as found, and a name of 255 bytes saves.
//!
//! The tests that need an unprivileged user run the program through `setpriv` as uid 65534;
//! they run as root (as in CI) and are skipped, with a printed reason, otherwise.

#![allow(clippy::expect_used, clippy::unwrap_used)] // helpers of the tests panic on purpose, with a message

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use crate::support::shipped;
use alliance_sim::io::{self, WriteError};

/// The uid (and gid) the unprivileged runs use: `nobody` on Debian.
const NOBODY: u32 = 65534;

/// The first shipped scenario's text (canonical).
fn scenario_text() -> String {
    fs::read_to_string(&shipped()[0]).unwrap()
}

/// The same scenario with every line indented differently: `fmt` would rewrite it.
fn messy_text() -> String {
    scenario_text().lines().enumerate().map(|(k, l)| format!("{}{}\n", " ".repeat(k % 5), l.trim_start())).collect()
}

/// Whether this process runs as root (the owner of a file it creates).
#[cfg(unix)]
fn running_as_root(dir: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    let probe = dir.join(".probe");
    fs::write(&probe, "").unwrap();
    let root = fs::metadata(&probe).unwrap().uid() == 0;
    fs::remove_file(&probe).unwrap();
    root
}

/// A temporary folder with `mode` (0777: anyone may create files; 01777: shared, like /tmp).
#[cfg(unix)]
fn folder_with_mode(mode: u32) -> tempfile::TempDir {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    fs::set_permissions(dir.path(), fs::Permissions::from_mode(mode)).unwrap();
    dir
}

/// A folder for the unprivileged tests, or `None` (with the reason printed) when not root or
/// when `setpriv` is missing.
#[cfg(unix)]
fn unprivileged_folder(test: &str) -> Option<tempfile::TempDir> {
    let dir = folder_with_mode(0o777);
    if !running_as_root(dir.path()) {
        eprintln!("{test}: skipped: only root can run the program as another user here");
        return None;
    }
    if Command::new("setpriv").arg("--version").output().is_err() {
        eprintln!("{test}: skipped: setpriv (util-linux) is not installed");
        return None;
    }
    Some(dir)
}

/// Runs the program with `args` as uid and gid [`NOBODY`], with no supplementary groups.
fn as_nobody(args: &[&str]) -> Output {
    let id = NOBODY.to_string();
    Command::new("setpriv")
        .args([format!("--reuid={id}"), format!("--regid={id}"), "--clear-groups".into()])
        .arg(env!("CARGO_BIN_EXE_alliance-sim"))
        .args(args)
        .output()
        .unwrap()
}

fn text(path: &Path) -> String {
    fs::read_to_string(path).unwrap()
}

#[cfg(unix)]
fn owner(path: &Path) -> (u32, u32) {
    use std::os::unix::fs::MetadataExt;
    let meta = fs::symlink_metadata(path).unwrap();
    (meta.uid(), meta.gid())
}

#[cfg(unix)]
fn set_mode(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(path, fs::Permissions::from_mode(mode)).unwrap();
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn leftovers(dir: &Path) -> Vec<String> {
    let names = fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned());
    names.filter(|n| n.ends_with(".tmp")).collect()
}

#[cfg(unix)]
#[test]
fn fmt_refuses_a_file_the_user_may_not_write_and_leaves_it_and_its_owner() {
    let Some(dir) = unprivileged_folder("fmt_refuses_a_file_the_user_may_not_write") else { return };
    let file = dir.path().join("root-owned.ron");
    fs::write(&file, messy_text()).unwrap();
    set_mode(&file, 0o644);
    let out = as_nobody(&["fmt", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "fmt must fail: {}", stderr(&out));
    let message = stderr(&out);
    assert!(message.contains("root-owned.ron") && message.contains("may not write"), "{message}");
    assert!(text(&file) == messy_text(), "the file is unchanged");
    assert_eq!(owner(&file), (0, 0), "the file still belongs to root");
    assert!(leftovers(dir.path()).is_empty());
}

#[cfg(unix)]
#[test]
fn export_refuses_to_replace_a_report_the_user_may_not_write() {
    let Some(dir) = unprivileged_folder("export_refuses_to_replace_a_report") else { return };
    let scenario = dir.path().join("s.ron");
    fs::write(&scenario, scenario_text()).unwrap();
    set_mode(&scenario, 0o644);
    let report = dir.path().join("report.csv");
    fs::write(&report, "old report\n").unwrap();
    set_mode(&report, 0o644);
    let (scenario, report_arg) = (scenario.to_str().unwrap(), report.to_str().unwrap());
    let out = as_nobody(&["export", scenario, "--chart", "balance", "--format", "csv", "--out", report_arg]);
    assert_ne!(out.status.code(), Some(0), "export must fail: {}", stderr(&out));
    assert!(stderr(&out).contains("may not write"), "{}", stderr(&out));
    assert_eq!(text(&report), "old report\n");
    assert_eq!(owner(&report), (0, 0));
}

#[cfg(unix)]
#[test]
fn a_file_of_another_user_is_refused_when_its_owner_cannot_be_kept() {
    let Some(dir) = unprivileged_folder("a_file_of_another_user_is_refused") else { return };
    let file = dir.path().join("shared.ron");
    fs::write(&file, messy_text()).unwrap();
    set_mode(&file, 0o666);
    let out = as_nobody(&["fmt", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "fmt must fail: {}", stderr(&out));
    let message = stderr(&out);
    assert!(message.contains("shared.ron") && message.contains("belongs to"), "{message}");
    assert!(text(&file) == messy_text(), "the file is unchanged");
    assert_eq!(owner(&file), (0, 0));
    assert!(leftovers(dir.path()).is_empty());
}

#[cfg(unix)]
#[test]
fn the_user_s_own_file_in_a_shared_folder_is_still_formatted() {
    let Some(dir) = unprivileged_folder("the_user_s_own_file_in_a_shared_folder") else { return };
    let file = dir.path().join("mine.ron");
    fs::write(&file, messy_text()).unwrap();
    std::os::unix::fs::chown(&file, Some(NOBODY), Some(NOBODY)).unwrap();
    set_mode(&file, 0o640);
    let out = as_nobody(&["fmt", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(text(&file) == scenario_text(), "formatted");
    assert_eq!(owner(&file), (NOBODY, NOBODY));
    assert_eq!(
        fs::metadata(&file).map(|m| std::os::unix::fs::PermissionsExt::mode(&m.permissions()) & 0o777).unwrap(),
        0o640
    );
}

#[cfg(unix)]
#[test]
fn root_keeps_the_owner_of_a_file_it_rewrites() {
    let dir = folder_with_mode(0o777);
    if !running_as_root(dir.path()) {
        eprintln!("root_keeps_the_owner_of_a_file_it_rewrites: skipped: not running as root");
        return;
    }
    let file = dir.path().join("theirs.ron");
    fs::write(&file, "old").unwrap();
    std::os::unix::fs::chown(&file, Some(NOBODY), Some(NOBODY)).unwrap();
    set_mode(&file, 0o600);
    io::write_atomic(&file, b"new").unwrap();
    assert_eq!(text(&file), "new");
    assert_eq!(owner(&file), (NOBODY, NOBODY));
}

/// A shared sticky folder holding `link` → a file `victim` elsewhere, the link owned by `uid`.
#[cfg(unix)]
struct PlantedLink {
    shared: tempfile::TempDir,
    _elsewhere: tempfile::TempDir,
    link: PathBuf,
    victim: PathBuf,
}

#[cfg(unix)]
fn planted_link(uid: u32) -> Option<PlantedLink> {
    let shared = folder_with_mode(0o1777);
    if !running_as_root(shared.path()) {
        eprintln!("a link planted by another user: skipped: only root can give a link to another user");
        return None;
    }
    let elsewhere = tempfile::tempdir().unwrap();
    let victim = elsewhere.path().join("precious.csv");
    fs::write(&victim, "precious\n").unwrap();
    let link = shared.path().join("report.csv");
    std::os::unix::fs::symlink(&victim, &link).unwrap();
    std::os::unix::fs::lchown(&link, Some(uid), Some(uid)).unwrap();
    Some(PlantedLink { shared, _elsewhere: elsewhere, link, victim })
}

#[cfg(unix)]
#[test]
fn a_link_planted_by_another_user_in_a_shared_folder_is_not_followed() {
    let Some(planted) = planted_link(NOBODY) else { return };
    let e = io::write_atomic(&planted.link, b"overwritten\n").unwrap_err();
    assert!(matches!(e, WriteError::ForeignLink { .. }), "{e:?}");
    assert!(e.to_string().contains("report.csv") && e.to_string().contains("another user"), "{e}");
    assert_eq!(text(&planted.victim), "precious\n");
    assert!(fs::symlink_metadata(&planted.link).unwrap().file_type().is_symlink());
    assert!(leftovers(planted.shared.path()).is_empty());
}

#[cfg(unix)]
#[test]
fn export_out_does_not_follow_a_planted_link() {
    let Some(planted) = planted_link(NOBODY) else { return };
    let scenario = planted.shared.path().join("s.ron");
    fs::write(&scenario, scenario_text()).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_alliance-sim"))
        .arg("export")
        .arg(&scenario)
        .args(["--chart", "balance", "--format", "csv", "--out"])
        .arg(&planted.link)
        .output()
        .unwrap();
    assert_ne!(out.status.code(), Some(0), "export must fail");
    assert!(stderr(&out).contains("another user"), "{}", stderr(&out));
    assert_eq!(text(&planted.victim), "precious\n");
}

#[cfg(unix)]
#[test]
fn a_link_owned_by_the_folder_s_owner_or_the_caller_is_followed() {
    let Some(planted) = planted_link(0) else { return };
    io::write_atomic(&planted.link, b"new\n").unwrap();
    assert_eq!(text(&planted.victim), "new\n");
    assert!(fs::symlink_metadata(&planted.link).unwrap().file_type().is_symlink());
}

#[cfg(unix)]
#[test]
fn a_file_with_two_names_is_not_split_from_its_other_name() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("a.ron");
    let other = dir.path().join("b.ron");
    fs::write(&file, messy_text()).unwrap();
    fs::hard_link(&file, &other).unwrap();
    let e = io::write_atomic(&file, b"new").unwrap_err();
    assert!(matches!(e, WriteError::HardLinks { links: 2, .. }), "{e:?}");
    assert!(e.to_string().contains("a.ron") && e.to_string().contains("hard link"), "{e}");
    let out = Command::new(env!("CARGO_BIN_EXE_alliance-sim")).arg("fmt").arg(&file).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("hard link"), "{}", stderr(&out));
    assert!(text(&file) == messy_text(), "the file is unchanged");
    assert!(text(&other) == messy_text(), "its other name is unchanged");
    use std::os::unix::fs::MetadataExt;
    assert_eq!(fs::metadata(&file).unwrap().nlink(), 2, "still one file with two names");
    assert!(leftovers(dir.path()).is_empty());
}

/// A file name of `bytes` bytes ending in `.ron`.
fn long_name(bytes: usize) -> String {
    format!("{}.ron", "n".repeat(bytes - 4))
}

#[test]
fn names_up_to_255_bytes_save_and_keep_their_backup() {
    let dir = tempfile::tempdir().unwrap();
    for bytes in [250, 251, 255] {
        let path = dir.path().join(long_name(bytes));
        io::write_atomic(&path, b"first").unwrap_or_else(|e| panic!("{bytes} bytes: {e}"));
        io::write_atomic(&path, scenario_text().as_bytes()).unwrap_or_else(|e| panic!("{bytes} bytes: {e}"));
        let (scenario, mut state) = io::load_with_state(&path).unwrap();
        io::save_with_state(&scenario, &path, &mut state).unwrap_or_else(|e| panic!("{bytes} bytes: {e}"));
        let backup = io::scenario_file::sibling(&path, "bak");
        assert!(backup.file_name().unwrap().len() <= 255);
        assert!(text(&backup) == scenario_text(), "{bytes} bytes: the backup is the file as it was");
    }
    let names: Vec<String> =
        fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    assert_eq!(names.len(), 6, "three files and their backups, no temporary file: {names:?}");
}

/// `text` with a byte-order mark and CRLF line endings.
fn windows_style(text: &str) -> String {
    format!("\u{feff}{}", text.replace('\n', "\r\n"))
}

#[test]
fn fmt_keeps_a_byte_order_mark_and_crlf_line_endings() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("windows.ron");
    fs::write(&file, windows_style(&messy_text())).unwrap();
    let fmt = |check: bool| {
        let mut command = Command::new(env!("CARGO_BIN_EXE_alliance-sim"));
        command.arg("fmt");
        if check {
            command.arg("--check");
        }
        command.arg(&file).output().unwrap()
    };
    assert_eq!(fmt(true).status.code(), Some(1), "the indentation is not canonical");
    assert_eq!(fmt(false).status.code(), Some(0));
    assert!(text(&file) == windows_style(&scenario_text()), "BOM and CRLF as found, the layout canonical");
    let out = fmt(true);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stdout));
}

#[test]
fn saving_keeps_a_byte_order_mark_and_crlf_line_endings() {
    let dir = tempfile::tempdir().unwrap();
    let (plain, windows) = (dir.path().join("plain.ron"), dir.path().join("windows.ron"));
    fs::write(&plain, messy_text()).unwrap();
    fs::write(&windows, windows_style(&messy_text())).unwrap();
    for path in [&plain, &windows] {
        let (scenario, mut state) = io::load_with_state(path).unwrap();
        let written = io::save_with_state(&scenario, path, &mut state).unwrap();
        assert!(written == text(path), "the text returned is the text written");
        io::save_with_state(&scenario, path, &mut state).unwrap();
    }
    assert!(text(&plain) == scenario_text(), "LF, no BOM, as found");
    assert!(text(&windows) == windows_style(&scenario_text()), "BOM and CRLF as found");
    let (scenario, mut state) = io::load_for_editing(&windows).unwrap();
    io::save_with_state(&scenario, &windows, &mut state).unwrap();
    assert!(text(&windows) == windows_style(&scenario_text()), "BOM and CRLF as found");
}
