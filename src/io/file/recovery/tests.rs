//! The recovery files of two instances, claims, unreadable and legacy files, records' text.

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

    // Listed, not claimed: another start lists it too, until one claims it.
    assert_eq!(store.orphans(None).len(), 1, "listing claims nothing");
    let mut orphans = orphans;
    orphans[0].claim().unwrap();
    assert!(store.orphans(None).is_empty(), "a claimed orphan is offered once");
    assert!(Store::at(dir.path()).orphans(None).is_empty(), "nor by another instance");
    // B's autosave does not touch A's file.
    let before = fs::read(&a_file).unwrap();
    assert!(b.autosave(&record(Some("/docs/b.ron"), "B2")).unwrap());
    assert_eq!(fs::read(&a_file).unwrap(), before);
    drop(orphans); // the claiming instance ends: released and kept
    assert_eq!(store.orphans(None).len(), 1, "offered again");

    for o in store.orphans(None) {
        o.discard().unwrap();
    }
    assert!(!a_file.exists());
    assert!(store.orphans(None).is_empty());
    b.close().unwrap();
    assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 0, "a clean exit leaves nothing behind");
}

#[test]
fn a_claim_fails_when_another_instance_claimed_first_and_discard_never_takes_anothers_work() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::at(dir.path());
    let mut crashed = store.start_instance().unwrap();
    crashed.autosave(&record(Some("/docs/a.ron"), "A")).unwrap();
    let file = crashed.file().to_path_buf();
    drop(crashed);
    let (mut first, mut second) = (store.orphans(None), store.orphans(None));
    assert_eq!((first.len(), second.len()), (1, 1), "both instances list it");
    first[0].claim().unwrap();
    assert!(first[0].is_claimed());
    let refused = second[0].claim().unwrap_err().to_string();
    assert!(refused.contains("another alliance-sim window is already offering this work"), "{refused}");
    let refused = second.remove(0).discard().unwrap_err();
    assert!(matches!(refused, RecoveryError::Claimed { .. }), "{refused}");
    assert!(file.exists(), "the other instance's work is not removed");
    first.remove(0).discard().unwrap();
    assert!(!file.exists());
    let mut late = Orphan {
        file: file.clone(),
        lock_path: Some(dir.path().join("x.lock")),
        lock: None,
        record: Err(RecoveryError::Gone { path: file.clone() }),
    };
    assert!(matches!(late.claim(), Err(RecoveryError::Gone { .. })), "work discarded elsewhere since the listing");
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
