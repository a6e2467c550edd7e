//! File → Versions…, driven headless (egui_kittest): every save keeps a version; the window
//! lists them newest first; one can be compared with the open scenario, or restored over the
//! file after a confirmation (the file as it was is kept as a version too).

use alliance_sim::app::AllianceApp;
use alliance_sim::app::commands::Command;
use eframe::egui::{Role, Vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

fn harness(versions: &std::path::Path) -> Harness<'static, AllianceApp> {
    let dir = versions.to_path_buf();
    let mut h = Harness::builder().with_size(Vec2::new(1560.0, 960.0)).build_eframe(move |cc| {
        let mut app = AllianceApp::on_default_scenario(&cc.egui_ctx);
        app.keep_versions_in(dir.clone());
        app
    });
    h.run_steps(3);
    h
}

fn turnout(h: &Harness<'_, AllianceApp>) -> f64 {
    h.state().doc.scenario.meeting.float_turnout.to_f64()
}

#[test]
fn saved_versions_are_listed_compared_and_restored() {
    let tmp = tempfile::tempdir().map_err(|e| e.to_string());
    let Ok(tmp) = tmp else { panic!("no temporary folder") };
    let file = tmp.path().join("alliance.ron");
    let mut h = harness(&tmp.path().join("versions"));
    h.state_mut().save_path(&file);
    h.run_steps(2);
    let first = std::fs::read_to_string(&file).unwrap_or_default();
    h.get_by_role_and_label(Role::Slider, "Float turnout").set_value_accesskit(80.0);
    h.run_steps(3);
    // Two saves, maybe within the same millisecond: the versions keep their order.
    h.state_mut().save_path(&file);
    h.run_steps(2);
    assert!((turnout(&h) - 0.8).abs() < 1e-9);
    h.state_mut().command(Command::Versions);
    h.run_steps(3);
    assert!(h.query_by_label("Saved versions of alliance.ron").is_some(), "the window names the file");
    assert_eq!(h.query_all_by_label("Restore…").count(), 2, "one version per save");
    // Compare the older one (newest first: the second row).
    let Some(n) = h.query_all_by_label("Compare").nth(1) else { panic!("no Compare button") };
    n.click();
    h.run_steps(3);
    assert_eq!(h.state().compare.len(), 1, "the version is overlaid");
    // Restore it: a confirmation first, then the file and the scenario go back.
    let Some(n) = h.query_all_by_label("Restore…").nth(1) else { panic!("no Restore… button") };
    n.click();
    h.run_steps(2);
    assert!(h.query_by_label("Write it over the file?").is_some(), "a confirmation is asked");
    h.get_by_label("Restore now").click();
    h.run_steps(3);
    assert_eq!(std::fs::read_to_string(&file).unwrap_or_default(), first, "the file is the first save again");
    assert!((turnout(&h) - 0.6).abs() < 1e-9, "the app shows the restored scenario");
    h.state_mut().command(Command::Versions);
    h.run_steps(3);
    // The file as it was before the restore is the newest version already: nothing is lost,
    // and the 80% scenario can be restored in turn.
    assert_eq!(h.query_all_by_label("Restore…").count(), 2);
    let Some(n) = h.query_all_by_label("Restore…").next() else { panic!("no Restore… button") };
    n.click();
    h.run_steps(2);
    h.get_by_label("Restore now").click();
    h.run_steps(3);
    assert!((turnout(&h) - 0.8).abs() < 1e-9, "the restore is itself undone the same way");
}

#[test]
fn an_unsaved_scenario_has_no_versions_yet() {
    let tmp = tempfile::tempdir().map_err(|e| e.to_string());
    let Ok(tmp) = tmp else { panic!("no temporary folder") };
    let mut h = harness(&tmp.path().join("versions"));
    h.state_mut().command(Command::Versions);
    h.run_steps(3);
    assert!(h.query_by_label_contains("has not been saved to a file yet").is_some());
}
