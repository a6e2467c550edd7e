//! Export from the app, driven headless through its accessibility tree: File → Export steps…
//! writes one image per presenter step into a folder chosen in the in-app dialog, with the
//! files counted in the status bar; the CSV options of the export dialog reach the file.

use std::path::Path;

use alliance_sim::app::AllianceApp;
use alliance_sim::app::file_dialog::Chooser;
use alliance_sim::app::settings::Settings;
use alliance_sim::chart;
use alliance_sim::io;
use eframe::egui::{Key, Vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

/// The app on the default scenario, its in-app file dialog starting in `folder`.
fn harness(folder: &Path) -> Harness<'static, AllianceApp> {
    let folder = folder.to_path_buf();
    let mut h = Harness::builder().with_size(Vec2::new(1560.0, 960.0)).build_eframe(move |cc| {
        let mut app = AllianceApp::with_document(alliance_sim::app::files::default_document(), Settings::default());
        alliance_sim::app::fonts::install_fonts(&cc.egui_ctx);
        app.set_file_chooser(Chooser::builtin_in(&folder));
        app
    });
    h.run_steps(3);
    h
}

/// Steps until every export has reported (bounded; the worker is not timed).
fn finish_exports(h: &mut Harness<'_, AllianceApp>) {
    for _ in 0..5000 {
        if h.state().running.is_empty() {
            return;
        }
        h.step();
        std::thread::yield_now();
    }
    panic!("the export did not finish");
}

fn tempdir() -> tempfile::TempDir {
    tempfile::tempdir().unwrap_or_else(|e| panic!("no temporary folder: {e}"))
}

#[test]
fn export_steps_writes_one_image_per_presenter_step_into_the_chosen_folder() {
    let dir = tempdir();
    let mut h = harness(dir.path());
    h.get_by_label("File").click();
    h.run_steps(2);
    h.get_by_label("Export steps…").click();
    h.run_steps(2);
    assert!(h.state().export.as_ref().is_some_and(|d| d.steps), "the export dialog opens on steps");
    if let Some(d) = h.state_mut().export.as_mut() {
        (d.width, d.height) = (640, 360);
    }
    h.run_steps(2);
    h.get_by_label("Export steps…").click();
    h.run_steps(2);
    assert!(h.query_by_label_contains("Export every step into a folder").is_some(), "the in-app dialog asks");
    assert!(h.query_by_label("Folder name").is_some());
    h.get_by_label("Choose").click();
    h.run_steps(2);
    finish_exports(&mut h);
    let folder = dir.path().join("balance-steps");
    let s = io::default_scenario().unwrap_or_else(|e| panic!("{e}"));
    let steps = chart::steps(&s);
    let mut names: Vec<String> = std::fs::read_dir(&folder)
        .unwrap_or_else(|e| panic!("no folder {}: {e}", folder.display()))
        .filter_map(|e| e.ok().and_then(|e| e.file_name().into_string().ok()))
        .collect();
    names.sort();
    assert_eq!(names.len(), steps.len(), "one image per step: {names:?}");
    assert_eq!(names[0], format!("01-{}-balance.png", s.start));
    let img = image::open(folder.join(&names[0])).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!((img.width(), img.height()), (640, 360));
    let said = h.state().message().unwrap_or_default().to_string();
    assert!(said.contains(&format!("exported {} images", steps.len())), "{said}");
}

#[test]
fn the_csv_options_of_the_export_dialog_reach_the_file() {
    let dir = tempdir();
    let mut h = harness(dir.path());
    h.key_press_modifiers(eframe::egui::Modifiers::COMMAND, Key::E);
    h.run_steps(2);
    h.get_by_label("CSV").click();
    h.run_steps(2);
    h.get_by_label("As percentages (15 for 15%)").click();
    h.get_by_label("Rounded to").click();
    h.get_by_label("For Excel (a byte-order mark first, so accents read right)").click();
    h.run_steps(2);
    h.get_by_label("Export…").click();
    h.run_steps(2);
    h.get_by_label("Save").click();
    h.run_steps(2);
    finish_exports(&mut h);
    let text = std::fs::read_to_string(dir.path().join("balance.csv")).unwrap_or_else(|e| panic!("{e}"));
    assert!(text.starts_with('\u{feff}'), "a byte-order mark for Excel");
    let mut lines = text.trim_start_matches('\u{feff}').lines();
    let header = lines.next().unwrap_or_default();
    assert!(header.contains("(%)") && header.is_ascii(), "{header}");
    let row = lines.next().unwrap_or_default();
    for value in row.split(',').skip(1) {
        let decimals = value.split('.').nth(1).map_or(0, str::len);
        assert_eq!(decimals, 4, "{row}");
    }
}
