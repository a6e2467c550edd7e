//! The app's safety nets, driven headless: recovery per document (two documents, two
//! instances sharing one data folder, each offering its own document's work first), the
//! autosave that writes on its own thread while no frame runs (waited for on its condition,
//! never with a sleep), and the in-app file dialog used when the system one cannot open (Open,
//! and Ctrl+S on the embedded default scenario), and progress while a long evaluation runs on
//! its worker thread.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::time::Duration;

use alliance_sim::app::AllianceApp;
use alliance_sim::app::document::Document;
use alliance_sim::app::file_dialog::Chooser;
use alliance_sim::app::recovery::{Autosave, Tick, Timing};
use alliance_sim::app::settings::Settings;
use alliance_sim::io::{self, recovery::Record, recovery::Store};
use alliance_sim::model::Scenario;
use eframe::egui::{Key, Modifiers, Role, Vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

/// The default scenario titled `title`, written to `dir/name`.
fn scenario_file(dir: &Path, name: &str, title: &str) -> (PathBuf, Scenario) {
    let mut s = io::default_scenario().unwrap();
    s.title = title.into();
    let path = dir.join(name);
    std::fs::write(&path, io::to_text(&s).unwrap()).unwrap();
    (path, s)
}

/// `s` with Renault's holding in Nissan changed to `shares`.
fn edited(s: &Scenario, shares: u64) -> Scenario {
    let mut e = s.clone();
    let h = e.holdings.iter_mut().find(|h| h.holder == "renault" && h.issuer == "nissan").unwrap();
    h.shares = shares;
    e
}

fn record(document: Option<&Path>, s: &Scenario) -> Record {
    record_aged(document, s, 12)
}

/// A record of `s` autosaved `minutes` ago.
fn record_aged(document: Option<&Path>, s: &Scenario, minutes: i64) -> Record {
    Record::new(document, chrono::Utc::now() - chrono::Duration::minutes(minutes), &s.title, io::to_text(s).unwrap())
}

/// The work of an instance that crashed while editing `document`: its autosave stays, its
/// lock is gone. Returns the recovery file.
fn crashed_instance(store: &Store, document: Option<&Path>, work: &Scenario, minutes_ago: i64) -> PathBuf {
    let mut crashed = store.start_instance().unwrap();
    crashed.autosave(&record_aged(document, work, minutes_ago)).unwrap();
    crashed.file().to_path_buf()
}

/// How long a test waits for the autosave's thread before it fails: generous, since it is a
/// bound on a condition, not a measure of speed.
const LIMIT: Duration = Duration::from_secs(60);

/// The app on `doc`, with its recovery in `store`, the in-app file dialog starting in `folder`,
/// and a clock that moves half a second a frame (a click's press and release stay within
/// egui's click time).
fn harness(doc: Document, store: &Store, folder: &Path) -> Harness<'static, AllianceApp> {
    let (store, folder) = (store.clone(), folder.to_path_buf());
    let mut h = Harness::builder().with_size(Vec2::new(1560.0, 960.0)).with_step_dt(STEP).build_eframe(move |cc| {
        let mut app = AllianceApp::with_document(doc, Settings::default());
        alliance_sim::app::fonts::install_fonts(&cc.egui_ctx);
        app.set_file_chooser(Chooser::builtin_in(&folder));
        app.start_recovery(&store, None);
        app
    });
    h.run_steps(2);
    h
}

/// Seconds of the harness's clock per frame.
const STEP: f32 = 0.5;

fn own_record(h: &Harness<'_, AllianceApp>) -> Option<Record> {
    let file = h.state().recovery_file()?;
    ron::from_str(&std::fs::read_to_string(file).ok()?).ok()
}

#[test]
fn recovered_work_goes_back_to_its_own_file_and_waits_untouched_for_the_answer() {
    let dir = tempfile::tempdir().unwrap();
    let (a, a_saved) = scenario_file(dir.path(), "a.ron", "Document A");
    let (b, b_saved) = scenario_file(dir.path(), "b.ron", "Document B");
    let store = Store::at(&dir.path().join("recovery"));

    // Instance 1 was editing A and crashed: its lock is gone, its autosave stays.
    let a_work = edited(&a_saved, 1_500_000_000);
    let mut crashed = store.start_instance().unwrap();
    crashed.autosave(&record(Some(&a), &a_work)).unwrap();
    let orphan = crashed.file().to_path_buf();
    drop(crashed);
    // Instance 2 is still running, editing B: its autosave is never offered.
    let mut running = store.start_instance().unwrap();
    running.autosave(&record(Some(&b), &edited(&b_saved, 7))).unwrap();
    let (orphan_bytes, running_bytes) = (std::fs::read(&orphan).unwrap(), std::fs::read(running.file()).unwrap());

    // This instance opens B; the dialog offers A's work, for A, with what differs from a.ron.
    let mut h = harness(Document::open(&b).unwrap(), &store, dir.path());
    assert!(h.query_by_label("Recover unsaved work?").is_some());
    assert!(h.query_by_label_contains("less than a minute ago").is_none());
    assert!(h.query_by_label_contains("(12 minutes ago)").is_some(), "when the work was autosaved");
    assert!(h.query_by_label(&a.display().to_string()).is_some(), "which file it belongs to");
    assert!(h.query_by_label("What differs from a.ron:").is_some());
    assert!(h.query_by_label_contains("changed holding of Renault in Nissan: 1,831,837,000 shares →").is_some());

    // Meanwhile this instance edits B; with the dialog open, its own autosave runs and neither
    // the crashed instance's file nor the running one's changes.
    h.state_mut().doc.scenario.title = "Document B, edited".into();
    h.run_steps(2);
    assert!(h.state().autosave_settled(LIMIT));
    assert_eq!(std::fs::read(&orphan).unwrap(), orphan_bytes, "the offered work is untouched while the user decides");
    assert_eq!(std::fs::read(running.file()).unwrap(), running_bytes);
    let own = own_record(&h).expect("this instance autosaved its own work");
    assert_eq!(own.document.as_deref(), Some(b.as_path()));
    assert!(h.query_by_label("Recover unsaved work?").is_some());

    // Recover: B has unsaved changes, so the app asks first; then A's work opens, for A.
    h.get_by_label("Recover").click();
    h.run_steps(4);
    assert!(h.query_by_label("Unsaved changes").is_some());
    h.get_by_label("Discard changes").click();
    h.run_steps(2);
    assert_eq!(h.state().doc.path.as_deref(), Some(a.as_path()), "restored into its own file, not the open one");
    assert_eq!(h.state().doc.scenario, a_work);
    assert!(h.state().doc.is_dirty());
    assert!(!orphan.exists(), "once the work is safe in this instance's autosave, the old file goes");
    assert_eq!(own_record(&h).and_then(|r| r.document), Some(a.clone()));

    // Ctrl+S writes A's work to A; B is as it was on disk.
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run_steps(2);
    assert_eq!(io::load(&a).unwrap(), a_work);
    assert_eq!(io::load(&b).unwrap(), b_saved);
    assert!(!h.state().doc.is_dirty());
    drop(running);
}

#[test]
fn decide_later_keeps_the_work_and_the_file_menu_offers_it_again_until_discarded() {
    let dir = tempfile::tempdir().unwrap();
    let (a, a_saved) = scenario_file(dir.path(), "a.ron", "Document A");
    let store = Store::at(&dir.path().join("recovery"));
    let mut crashed = store.start_instance().unwrap();
    crashed.autosave(&record(Some(&a), &edited(&a_saved, 5))).unwrap();
    let orphan = crashed.file().to_path_buf();
    drop(crashed);

    let mut h = harness(Document::open(&a).unwrap(), &store, dir.path());
    h.get_by_label("Decide later").click();
    h.run_steps(2);
    assert!(h.query_by_label("Recover unsaved work?").is_none());
    assert!(orphan.exists());
    assert!(store.orphans(None).is_empty(), "still held by this instance: another start does not offer it twice");

    h.get_by_label("File").click();
    h.run_steps(2);
    h.get_by_label("Recover unsaved work… (1)").click();
    h.run_steps(2);
    assert!(h.query_by_label("Recover unsaved work?").is_some());
    h.get_by_label("Discard").click();
    h.run_steps(2);
    assert!(!orphan.exists());
    assert_eq!(h.state().doc.path.as_deref(), Some(a.as_path()));
    assert!(!h.state().doc.is_dirty(), "discarding the offer leaves the open document alone");
}

#[test]
fn untitled_work_recovers_as_untitled_and_ctrl_s_saves_through_the_in_app_dialog() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::at(&dir.path().join("recovery"));
    let work = edited(&io::default_scenario().unwrap(), 1_400_000_000);
    let mut crashed = store.start_instance().unwrap();
    crashed.autosave(&record(None, &work)).unwrap();
    drop(crashed);

    let mut h = harness(alliance_sim::app::files::default_document(), &store, dir.path());
    assert!(h.query_by_label("an untitled scenario, never saved").is_some());
    assert!(h.query_by_label("What differs from the embedded default scenario:").is_some());
    h.get_by_label("Recover").click();
    h.run_steps(2);
    assert_eq!(h.state().doc.path, None);
    assert_eq!(h.state().doc.scenario, work);

    // No system dialog here: Ctrl+S opens the in-app Save dialog in the chosen folder.
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run_steps(2);
    assert!(h.query_by_label_contains("Save scenario as").is_some(), "the in-app dialog shows");
    h.get_by_label("Save").click();
    h.run_steps(3);
    let saved = dir.path().join("scenario.ron");
    assert_eq!(h.state().doc.path.as_deref(), Some(saved.as_path()));
    assert_eq!(io::load(&saved).unwrap(), work);
}

#[test]
fn with_no_system_dialog_open_shows_the_in_app_dialog_and_opens_the_chosen_file() {
    let dir = tempfile::tempdir().unwrap();
    let (a, a_saved) = scenario_file(dir.path(), "a.ron", "Document A");
    std::fs::write(dir.path().join("notes.txt"), "not a scenario").unwrap();
    let store = Store::at(&dir.path().join("recovery"));
    let mut h = harness(alliance_sim::app::files::default_document(), &store, dir.path());

    h.key_press_modifiers(Modifiers::COMMAND, Key::O);
    h.run_steps(2);
    assert!(h.query_by_label_contains("Open scenario").is_some(), "the in-app dialog shows");
    assert!(h.query_by_label_contains("notes.txt").is_none(), "only scenario files are listed");
    h.get_by_label("a.ron").click();
    h.run_steps(1);
    h.get_by_label("Open").click();
    h.run_steps(2);
    assert_eq!(h.state().doc.path.as_deref(), Some(a.as_path()));
    assert_eq!(h.state().doc.scenario, a_saved);
}

#[test]
fn a_long_evaluation_shows_progress_and_the_app_stays_responsive() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::at(&dir.path().join("recovery"));
    let mut h = harness(alliance_sim::app::files::default_document(), &store, dir.path());
    // An engine that waits for the test's word: the evaluation takes as long as the test says.
    let (go, wait) = std::sync::mpsc::channel::<()>();
    let wait = std::sync::Arc::new(std::sync::Mutex::new(wait));
    let worker = &mut h.state_mut().doc.worker;
    worker.set_budget(std::time::Duration::ZERO);
    worker.set_engine(std::sync::Arc::new(move |s: &Scenario| {
        let _ = wait.lock().map(|rx| rx.recv());
        alliance_sim::engine::evaluate(s)
    }));
    let before = h.state().doc.evaluation().cloned();

    h.state_mut().doc.scenario.meeting.float_turnout = alliance_sim::model::Fraction::new(1, 2).unwrap();
    h.run_steps(2);
    assert!(h.state().doc.evaluating_for().is_some(), "the evaluation runs on its thread");
    assert!(h.query_by_label_contains("evaluating the scenario…").is_some(), "progress after 0.2 s");
    assert!(std::sync::Arc::ptr_eq(h.state().doc.evaluation().unwrap(), before.as_ref().unwrap()), "last results kept");

    // The app answers meanwhile: a keyboard command shows on the next frame.
    h.key_press(Key::End);
    h.run_steps(1);
    assert_eq!(h.state().view.playhead, h.state().doc.scenario.end);

    go.send(()).unwrap();
    while h.state().doc.evaluating_for().is_some() {
        h.run_steps(1);
    }
    h.run_steps(1);
    assert!(h.query_by_label_contains("evaluating the scenario…").is_none());
    assert!(!std::sync::Arc::ptr_eq(h.state().doc.evaluation().unwrap(), before.as_ref().unwrap()), "new results");
}

/// The recovery record in `file`, if there is one.
fn record_in(file: &Path) -> Option<Record> {
    ron::from_str(&std::fs::read_to_string(file).ok()?).ok()
}

#[test]
fn an_edit_is_autosaved_while_no_frame_runs_and_goes_when_the_work_is_saved() {
    let dir = tempfile::tempdir().unwrap();
    let (path, _) = scenario_file(dir.path(), "s.ron", "Autosaved without frames");
    let store = Store::at(&dir.path().join("recovery"));
    let mut h = harness(Document::open(&path).unwrap(), &store, dir.path());
    let file = h.state().recovery_file().unwrap().to_path_buf();

    // An edit through the window, handed over at the end of the very frame that makes it.
    h.get_by_role_and_label(Role::Slider, "Float turnout").set_value_accesskit(80.0);
    h.run_steps(1);
    assert!(h.state().doc.is_dirty());
    // No frame from here on, as for a covered or minimised window: the autosave's own thread
    // writes the work anyway.
    assert!(h.state().autosave_settled(LIMIT), "the autosave wrote the edit without a frame");
    let written = record_in(&file).expect("the recovery file appears");
    assert_eq!(written.document.as_deref(), Some(path.as_path()));
    assert_eq!(io::parse(&written.scenario, &file).unwrap(), h.state().doc.scenario);

    // Frames with nothing new write nothing again.
    let writes = std::fs::metadata(&file).unwrap().modified().unwrap();
    h.run_steps(10);
    assert!(h.state().autosave_settled(LIMIT));
    assert_eq!(std::fs::metadata(&file).unwrap().modified().unwrap(), writes, "unchanged work is not rewritten");

    // Saved: the recovery file goes.
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run_steps(2);
    assert!(!h.state().doc.is_dirty());
    assert!(h.state().autosave_settled(LIMIT));
    assert!(!file.exists(), "saved work leaves no recovery file");
}

#[test]
fn the_autosave_writes_at_its_deadline_flushes_on_exit_and_reports_a_failure_without_a_frame() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::at(&dir.path().join("recovery"));
    let (path, s) = scenario_file(dir.path(), "s.ron", "Autosave's timing");
    let mut doc = Document::new(s.clone(), Some(path));

    // Edits that never pause are written at the deadline.
    let never_quiet = Timing { quiet: Duration::from_secs(3600), deadline: Duration::from_millis(100) };
    let (mut autosave, problem) = Autosave::start_with(&store, never_quiet);
    assert_eq!(problem, None);
    let file = autosave.file().unwrap().to_path_buf();
    doc.scenario = edited(&s, 1_500_000_000);
    assert_eq!(autosave.update(&doc), Tick::Quiet);
    assert!(autosave.settle(LIMIT), "written at the deadline, though the edits never paused");
    assert_eq!(autosave.writes(), 1);
    assert_eq!(record_in(&file).map(|r| r.scenario), Some(io::to_text(&doc.scenario).unwrap()));
    for _ in 0..5 {
        autosave.update(&doc);
    }
    assert!(autosave.settle(LIMIT));
    assert_eq!(autosave.writes(), 1, "the same work is handed and written once");

    // A failure wakes the app (no frame runs meanwhile) and shows at its next frame.
    let (woken, wake) = std::sync::mpsc::channel();
    autosave.wake_with(move || {
        let _ = woken.send(());
    });
    std::fs::remove_file(&file).unwrap();
    std::fs::create_dir(&file).unwrap();
    doc.scenario = edited(&s, 1_600_000_000);
    autosave.update(&doc);
    wake.recv_timeout(LIMIT).expect("the app is woken to show the failure");
    let Tick::Failed(message) = autosave.update(&doc) else { panic!("the failure is reported") };
    assert!(message.starts_with("autosave failed: ") && message.contains("not protected"), "{message}");
    std::fs::remove_dir(&file).unwrap();
    doc.scenario = edited(&s, 1_700_000_000);
    autosave.update(&doc);
    wake.recv_timeout(LIMIT).expect("woken again when it works again");
    assert_eq!(autosave.update(&doc), Tick::Recovered);

    // Closing with unsaved work writes what is pending at once (no wait for the deadline) and
    // keeps it for the next start.
    let patient = Timing { quiet: Duration::from_secs(3600), deadline: Duration::from_secs(3600) };
    let (mut autosave, _) = Autosave::start_with(&store, patient);
    let file = autosave.file().unwrap().to_path_buf();
    doc.scenario = edited(&s, 1_800_000_000);
    autosave.update(&doc);
    autosave.close(true);
    assert_eq!(record_in(&file).map(|r| r.scenario), Some(io::to_text(&doc.scenario).unwrap()));
    assert_eq!(store.orphans(None).iter().filter(|o| o.file() == file).count(), 1, "offered at the next start");
}

#[test]
fn two_instances_each_offer_their_own_documents_work_first_and_decide_later_hides_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (f2, f2_saved) = scenario_file(dir.path(), "f2.ron", "Document F2");
    let (f3, f3_saved) = scenario_file(dir.path(), "f3.ron", "Document F3");
    let store = Store::at(&dir.path().join("recovery"));
    let (f2_work, f3_work) = (edited(&f2_saved, 1_500_000_000), edited(&f3_saved, 1_400_000_000));
    // Both instances were killed; f3's work is the older, so a list by age alone puts it first.
    let f2_file = crashed_instance(&store, Some(&f2), &f2_work, 5);
    let f3_file = crashed_instance(&store, Some(&f3), &f3_work, 30);
    let (f2_label, f3_label) = (f2.display().to_string(), f3.display().to_string());

    // The first instance opens f2: f2's work is shown first, f3's is listed apart.
    let mut first = harness(Document::open(&f2).unwrap(), &store, dir.path());
    assert!(first.query_by_label("Recover unsaved work?").is_some());
    assert!(first.query_by_label(&f2_label).is_some(), "its own document's work is the one shown");
    assert!(first.query_by_label(&f3_label).is_none());
    assert!(first.query_by_label("Work on f2.ron, open in this window:").is_some());
    assert!(first.query_by_label("Work on other files:").is_some());
    assert!(first.query_by_label_contains("f3.ron — autosaved").is_some(), "the other file's work is reachable");

    // A second instance opens f3 while the first still asks: f3's work is its own; f2's, held
    // by the first instance, is not offered here.
    let mut second = harness(Document::open(&f3).unwrap(), &store, dir.path());
    assert!(second.query_by_label(&f3_label).is_some());
    assert_eq!(second.state().recovery_offers(), 1, "work held by a running instance is not offered twice");

    // In the first instance, recovering f3's work now fails with a word: the second has it.
    first.get_by_label_contains("f3.ron — autosaved").click();
    first.run_steps(2);
    assert!(first.query_by_label(&f3_label).is_some());
    first.get_by_label("Recover").click();
    first.run_steps(3);
    assert!(first.query_by_label_contains("another alliance-sim window is already offering this work").is_some());
    assert_eq!(first.state().doc.path.as_deref(), Some(f2.as_path()), "nothing was recovered");
    assert!(first.query_by_label(&f2_label).is_some(), "back to the work that is left: f2's");

    // Decide later: the dialog closes, the work stays reachable from the File menu.
    first.get_by_label("Decide later").click();
    first.run_steps(2);
    assert!(first.query_by_label("Recover unsaved work?").is_none());
    assert!(f2_file.exists() && f3_file.exists());

    // The second instance recovers f3's work into f3.
    second.get_by_label("Recover").click();
    second.run_steps(2);
    assert_eq!(second.state().doc.path.as_deref(), Some(f3.as_path()));
    assert_eq!(second.state().doc.scenario, f3_work);
    assert!(!f3_file.exists());

    // The first instance's File menu offers f2's work, and only it.
    first.get_by_label("File").click();
    first.run_steps(2);
    first.get_by_label("Recover unsaved work… (1)").click();
    first.run_steps(2);
    assert!(first.query_by_label(&f2_label).is_some());
    assert!(first.query_by_label("Work on other files:").is_none());
    first.get_by_label("Recover").click();
    first.run_steps(2);
    assert_eq!(first.state().doc.scenario, f2_work);
    assert!(!f2_file.exists());
    assert!(first.query_by_label("Recover unsaved work?").is_none(), "nothing left to offer");
}

#[test]
fn recovered_work_saves_with_the_files_byte_order_mark_and_crlf_line_endings() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::at(&dir.path().join("recovery"));
    let path = dir.path().join("windows.ron");
    let text = format!("\u{feff}{}", io::DEFAULT_SCENARIO.replace('\n', "\r\n"));
    std::fs::write(&path, &text).unwrap();

    // Edited, autosaved, then the app ends without saving.
    let mut h = harness(Document::open(&path).unwrap(), &store, dir.path());
    h.get_by_role_and_label(Role::Slider, "Float turnout").set_value_accesskit(80.0);
    h.run_steps(2);
    assert!(h.state().autosave_settled(LIMIT));
    let work = h.state().doc.scenario.clone();
    drop(h);

    // The next start recovers it; Ctrl+S writes it as the file was written.
    let mut h = harness(Document::open(&path).unwrap(), &store, dir.path());
    h.get_by_label("Recover").click();
    h.run_steps(2);
    assert_eq!(h.state().doc.scenario, work);
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run_steps(2);
    let saved = std::fs::read_to_string(&path).unwrap();
    assert!(saved.starts_with('\u{feff}'), "the byte-order mark is kept");
    assert_eq!(saved.matches('\n').count(), saved.matches("\r\n").count(), "every line ends in CRLF");
    assert_eq!(io::load(&path).unwrap(), work);
}
