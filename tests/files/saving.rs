//! Saving keeps the file: the canonical layout of every shipped file, comments kept through
//! edits, fractions as written, sources as data, `fmt`, the session's `.bak`, and reading
//! files that are not quite right (byte-order mark, not UTF-8, deep nesting).

// Helpers outside #[test] functions may panic too: this is a test crate.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::support::bin;
use crate::support::shipped;
use alliance_sim::engine;
use alliance_sim::io::{self, FileError, report};
use alliance_sim::model::{Event, Holding};

fn every_shipped_file() -> Vec<PathBuf> {
    let mut files = shipped();
    files.push(Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/examples/every-event.ron"));
    files
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap()
}

/// The same file with every line's indentation changed (and trailing spaces added).
fn reindented(text: &str) -> String {
    text.lines().enumerate().map(|(k, l)| format!("{}{}  \n", " ".repeat(k % 7), l.trim_start())).collect()
}

fn report_json(text: &str) -> String {
    let s = io::parse(text, Path::new("x.ron")).unwrap();
    let ev = engine::evaluate(&s).unwrap();
    report::to_json(&report::report(&s, &ev, None)).unwrap()
}

#[test]
fn every_shipped_file_is_in_the_canonical_layout() {
    for path in every_shipped_file() {
        let text = read(&path);
        let formatted = io::format_text(&text, &path).unwrap_or_else(|e| panic!("{e}"));
        assert!(formatted == text, "{} is not in the canonical layout; run alliance-sim fmt on it", path.display());
        assert!(text.ends_with(")\n"), "{}: a final newline", path.display());
    }
}

#[test]
fn a_reindented_copy_formats_back_to_the_shipped_bytes_with_the_same_report() {
    for path in every_shipped_file() {
        let text = read(&path);
        let messy = reindented(&text);
        assert_ne!(messy, text);
        let formatted = io::format_text(&messy, &path).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(formatted, text, "{}", path.display());
        assert_eq!(report_json(&messy), report_json(&formatted), "{}: the report changed", path.display());
    }
}

#[test]
fn shipped_figures_carry_their_sources_as_data() {
    let s = io::default_scenario().unwrap();
    let sourced = s.entities.iter().filter(|e| e.source.is_some()).count()
        + s.holdings.iter().filter(|h| h.source.is_some()).count()
        + s.vote_caps.iter().filter(|c| c.source.is_some()).count()
        + s.events.iter().filter(|e| e.source().is_some()).count();
    let items = s.entities.len() + s.holdings.len() + s.vote_caps.len() + s.events.len();
    assert_eq!(sourced, items, "every entity, holding, cap and event of the default names its source");
    // A figure that is not a disclosure says so.
    let marked = s
        .holdings
        .iter()
        .filter_map(|h| h.source.as_deref())
        .filter(|t| t.starts_with("[check]") || t.starts_with("[estimate]"))
        .count();
    assert!(marked >= 3, "the [check] and [estimate] marks are kept");
    // Inside the value, only the turnout's note (an assumption, not a figure) is a comment.
    let body = io::DEFAULT_SCENARIO.lines().skip_while(|l| !l.starts_with('('));
    let comments: Vec<&str> = body.filter(|l| l.trim_start().starts_with("//")).collect();
    assert!(comments.len() <= 1, "citations left as comments: {comments:?}");
    // Sources survive a save and a load.
    let again = io::parse(&io::to_text(&s).unwrap(), Path::new("again.ron")).unwrap();
    assert_eq!(again.holdings, s.holdings);
    assert_eq!(
        again.events.iter().map(Event::source).collect::<Vec<_>>(),
        s.events.iter().map(Event::source).collect::<Vec<_>>()
    );
}

const COMMENTED: &str = r##"// Head comment.
(
    version: 1,
    title: "Commented",
    start: "2024-01-01",
    end: "2025-12-31",
    meeting: (
        // Turnout: an assumption.
        float_turnout: "60%",
        float_model: Ocean,
    ),
    entities: [
        // Alpha's figures.
        (
            id: "alpha",
            name: "Alpha",
            color: "#112233",
            kind: Company(jurisdiction: France, issued_shares: 1000, treasury_shares: 0),
        ),
        (
            id: "beta",
            name: "Beta",
            color: "#445566",
            kind: Company(jurisdiction: Japan, issued_shares: 1000, treasury_shares: 0),
        ),
        (id: "state", name: "State", color: "#778899", kind: Investor),
    ],
    holdings: [
        // State in alpha, per the 2023 report.
        (holder: "state", issuer: "alpha", shares: 100),
        (holder: "alpha", issuer: "beta", shares: 200), // Alpha in beta.
    ],
    vote_caps: [
        (holder: "state", issuer: "alpha", cap: "17.9%"),
    ],
    events: [
        // The first sale.
        Transfer(date: "2024-06-01", issuer: "beta", from: "alpha", to: "market", shares: 10),
        // A milestone.
        Milestone(date: "2024-07-01", caption: "x"),
        SetVoteCap(date: "2024-08-01", cap: (holder: "state", issuer: "alpha", cap: "179/1000")),
    ],
    // The end of the file's value.
)
// Tail comment.
"##;

#[test]
fn comments_stay_with_their_items_through_edits_and_fractions_stay_as_written() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("c.ron");
    std::fs::write(&path, COMMENTED).unwrap();
    let (mut s, mut state) = io::load_with_state(&path).unwrap();
    // Edit: a holding inserted in front, one changed, the milestone removed, the sale moved.
    s.holdings[0].shares = 150;
    s.holdings.insert(
        0,
        Holding { holder: "state".into(), issuer: "beta".into(), shares: 5, double_voting_shares: 0, source: None },
    );
    s.events.remove(1);
    s.events[0].set_date(crate::support::date("2024-09-01"));
    io::save_with_state(&s, &path, &mut state).unwrap();
    let text = read(&path);
    let expect_in_order = [
        "// Head comment.\n(",
        "        // Turnout: an assumption.\n        float_turnout: \"60%\",",
        "        // Alpha's figures.\n        (\n            id: \"alpha\",",
        "        (holder: \"state\", issuer: \"beta\", shares: 5),\n        // State in alpha, per the 2023 \
        report.\n        (holder: \"state\", issuer: \"alpha\", shares: 150),",
        "        (holder: \"alpha\", issuer: \"beta\", shares: 200), // Alpha in beta.",
        "cap: \"17.9%\"",
        "        // The first sale.\n        Transfer(",
        "cap: \"179/1000\"",
        "    // The end of the file's value.\n)\n// Tail comment.\n",
    ];
    let mut at = 0;
    for want in expect_in_order {
        let found = text[at..].find(want).unwrap_or_else(|| panic!("missing or out of order:\n{want}\n---\n{text}"));
        at += found + want.len();
    }
    assert!(!text.contains("A milestone"), "a removed item's comment goes with it:\n{text}");
    assert_eq!(io::format_text(&text, &path).unwrap(), text, "a saved file is in the canonical layout");
}

#[test]
fn the_backup_is_the_file_as_opened_across_two_saves() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("c.ron");
    std::fs::write(&path, COMMENTED).unwrap();
    let (mut s, mut state) = io::load_with_state(&path).unwrap();
    s.title = "first save".into();
    io::save_with_state(&s, &path, &mut state).unwrap();
    s.title = "second save".into();
    io::save_with_state(&s, &path, &mut state).unwrap();
    assert_eq!(read(&io::scenario_file::sibling(&path, "bak")), COMMENTED);
    assert_eq!(io::load(&path).unwrap().title, "second save");
    let names: Vec<String> =
        std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    assert_eq!(names.len(), 2, "only the file and its backup: {names:?}");
}

#[cfg(unix)]
#[test]
fn saving_keeps_a_private_files_mode_and_refuses_a_read_only_one() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("c.ron");
    std::fs::write(&path, COMMENTED).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
    let (s, mut state) = io::load_with_state(&path).unwrap();
    io::save_with_state(&s, &path, &mut state).unwrap();
    assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o600);
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).unwrap();
    let e = io::save_with_state(&s, &path, &mut state).unwrap_err();
    assert!(matches!(e, FileError::Write(_)) && e.to_string().contains("read-only"), "{e}");
}

/// A small tmpfs, where the machine lets this process mount one (as root in a container);
/// unmounted when dropped.
struct SmallDisk {
    dir: tempfile::TempDir,
}

impl SmallDisk {
    fn mount() -> Option<SmallDisk> {
        let dir = tempfile::tempdir().ok()?;
        let ok = Command::new("mount").args(["-t", "tmpfs", "-o", "size=64k", "tmpfs"]).arg(dir.path()).output();
        ok.ok().filter(|o| o.status.success()).map(|_| SmallDisk { dir })
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(self.dir.path()).status();
    }
}

#[test]
fn a_full_disk_leaves_the_original_and_no_temporary_file() {
    let Some(disk) = SmallDisk::mount() else {
        // No mount allowed here: the injected write error in io::safe_write's tests covers it.
        eprintln!("tmpfs not available; the full disk is tested by an injected error");
        return;
    };
    let path = disk.dir.path().join("c.ron");
    std::fs::write(&path, COMMENTED).unwrap();
    let e = io::write_atomic(&path, &vec![b'x'; 200_000]).unwrap_err();
    assert!(e.to_string().contains("the disk is full"), "{e}");
    assert_eq!(read(&path), COMMENTED);
    let names: Vec<String> = std::fs::read_dir(disk.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, vec!["c.ron".to_string()]);
}

#[test]
fn a_byte_order_mark_is_accepted() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bom.ron");
    std::fs::write(&path, [b"\xEF\xBB\xBF".as_slice(), COMMENTED.as_bytes()].concat()).unwrap();
    assert_eq!(io::load(&path).unwrap().title, "Commented");
    assert!(io::parse(&format!("\u{feff}{COMMENTED}"), &path).is_ok());
}

#[test]
fn a_file_that_is_not_utf8_names_the_first_bad_byte() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("latin1.ron");
    let text = COMMENTED.replace("title: \"Commented\"", "title: \"Soci\u{e9}t\u{e9}\"");
    let latin1: Vec<u8> = text.chars().map(|c| u8::try_from(u32::from(c)).unwrap_or(b'?')).collect();
    std::fs::write(&path, latin1).unwrap();
    let e = io::load(&path).unwrap_err();
    let message = e.to_string();
    assert!(matches!(e, FileError::NotUtf8 { line: 4, column: 17, byte: 0xE9, .. }), "{message}");
    assert!(
        message.contains("latin1.ron:4:17") && message.contains("not UTF-8") && message.contains("save it as UTF-8")
    );
}

#[test]
fn deep_nesting_is_explained_without_internal_names() {
    let deep = format!("(title: {}1{})", "[".repeat(5000), "]".repeat(5000));
    let message = io::parse(&deep, Path::new("deep.ron")).unwrap_err().to_string();
    assert!(message.contains("nested more than"), "{message}");
    for internal in ["ron::", "recursion_limit", "serde_stacker"] {
        assert!(!message.contains(internal), "{message}");
    }
}

#[test]
fn fmt_checks_rewrites_and_shows_what_would_change() {
    for path in every_shipped_file() {
        let out = bin().arg("fmt").arg("--check").arg(&path).output().unwrap();
        assert!(out.status.success(), "{}: {}", path.display(), String::from_utf8_lossy(&out.stdout));
    }
    let dir = tempfile::tempdir().unwrap();
    let shipped_text = read(&every_shipped_file()[0]);
    let copy = dir.path().join("copy.ron");
    std::fs::write(&copy, reindented(&shipped_text)).unwrap();
    let out = bin().arg("fmt").arg("--check").arg(&copy).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let shown = String::from_utf8_lossy(&out.stdout);
    let version = format!("\n+    version: {},", alliance_sim::model::FORMAT_VERSION);
    assert!(shown.contains("@@ line 1\n") && shown.contains(&version), "{shown}");
    assert_eq!(read(&copy), reindented(&shipped_text), "--check changes nothing");
    let out = bin().arg("fmt").arg(&copy).output().unwrap();
    assert!(out.status.success());
    assert_eq!(read(&copy), shipped_text);
}

#[test]
fn comments_written_inside_some_are_kept_when_some_is_left_out() {
    let path = crate::support::root().join("scenarios/examples/every-event.ron");
    let shipped = std::fs::read_to_string(&path).expect("the example");
    let text = shipped.replacen(
        "            color: \"#f2b705\",",
        "            color: \"#f2b705\",\n            source: Some(\n                // checked twice\n                \
         \"Alpha annual report\", // page 12\n                // before the bracket\n            ),",
        1,
    );
    assert_ne!(text, shipped);
    let formatted = io::format_text(&text, &path).unwrap_or_else(|e| panic!("{e}"));
    for kept in ["// checked twice", "// page 12", "// before the bracket", "source: \"Alpha annual report\""] {
        assert!(formatted.contains(kept), "{kept} is lost:\n{formatted}");
    }
    assert!(!formatted.contains("Some("), "Some is left out");
    assert_eq!(
        io::format_text(&formatted, &path).unwrap_or_else(|e| panic!("{e}")),
        formatted,
        "formatting is idempotent"
    );
}
