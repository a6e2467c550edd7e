//! The app's safety nets, driven headless: recovery per document (two documents, two
//! instances, a clock the test controls), and the in-app file dialog used when the system one
//! cannot open (Open, and Ctrl+S on the embedded default scenario), and progress while a long
//! evaluation runs on its worker thread.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};

use alliance_sim::app::AllianceApp;
use alliance_sim::app::document::Document;
use alliance_sim::app::file_dialog::Chooser;
use alliance_sim::app::recovery::{Autosave, INTERVAL, Tick};
use alliance_sim::app::settings::Settings;
use alliance_sim::io::{self, recovery::Record, recovery::Store};
use alliance_sim::model::Scenario;
use eframe::egui::{Key, Modifiers, Vec2};
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
    Record::new(document, chrono::Utc::now() - chrono::Duration::minutes(12), &s.title, io::to_text(s).unwrap())
}

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

    // Meanwhile this instance edits B; with the dialog open for three autosave intervals, its
    // own autosave runs and neither the crashed instance's file nor the running one's changes.
    h.state_mut().doc.scenario.title = "Document B, edited".into();
    h.run_steps((3.0 * INTERVAL / f64::from(STEP)) as usize + 1);
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

#[test]
fn unsaved_work_is_autosaved_once_for_each_change_and_the_app_is_not_woken_in_between() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::at(&dir.path().join("recovery"));
    let (path, s) = scenario_file(dir.path(), "s.ron", "Autosaved once");
    let (mut autosave, problem) = Autosave::start(&store);
    assert_eq!(problem, None);
    let mut doc = Document::new(s.clone(), Some(path));
    doc.scenario = edited(&s, 1_500_000_000);
    assert_eq!(autosave.tick(0.0, &doc), Tick::Quiet, "not due yet");
    assert_eq!(autosave.tick(INTERVAL, &doc), Tick::Wrote);
    let file = autosave.file().unwrap().to_path_buf();
    let written = std::fs::read_to_string(&file).unwrap();
    // The same unsaved work: nothing to write, no wake-up asked for, the file as it was.
    assert_eq!(autosave.due_in(INTERVAL, &doc), None);
    for k in 2..6 {
        assert_eq!(autosave.tick(f64::from(k) * INTERVAL, &doc), Tick::Quiet);
    }
    assert_eq!(std::fs::read_to_string(&file).unwrap(), written);
    // A new change is written at the next tick that is due.
    doc.scenario = edited(&s, 1_600_000_000);
    assert!(autosave.due_in(6.0 * INTERVAL, &doc).is_some());
    assert_eq!(autosave.tick(6.0 * INTERVAL, &doc), Tick::Wrote);
    assert_ne!(std::fs::read_to_string(&file).unwrap(), written);
}
