//! The app driven headless through its accessibility tree (egui_kittest): sliders, the
//! playhead, dragging an event, undo/redo, opening a broken file, the unsaved-changes prompt.

use crate::support::app::drag;
use crate::support::app::harness;
use crate::support::date;
use alliance_sim::app::AllianceApp;
use alliance_sim::app::Modal;
use eframe::egui::Role;
use eframe::egui::{self, Key, Modifiers, Vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

fn shares(h: &Harness<'_, AllianceApp>, holder: &str, issuer: &str) -> u64 {
    h.state().doc.scenario.holdings.iter().find(|x| x.holder == holder && x.issuer == issuer).map_or(0, |x| x.shares)
}

#[test]
fn a_holding_slider_writes_shares_and_the_engine_figures_follow() {
    let mut h = harness();
    // On 2022-10-31 Renault (43.4% of Nissan) controls Nissan, so Nissan's Renault votes are off.
    assert!(h.query_by_label("suppressed: control suppression").is_some());
    h.get_by_role_and_label(Role::Slider, "Renault in Nissan").set_value_accesskit(39.0);
    h.run_steps(3);
    let held = shares(&h, "renault", "nissan");
    assert_eq!(held, (4_220_715_112.0_f64 * 0.39).round() as u64, "the slider writes 39% of issued capital in shares");
    assert!(h.state().doc.problem().is_none());
    // At 39% of issued (39.3% of the exercisable votes) Renault no longer controls Nissan
    // (L233-3 presumes control only above 40%): the suppression badge is gone, and the
    // engine's figures at the playhead give Nissan its Renault votes back.
    assert!(h.query_by_label("suppressed: control suppression").is_none());
    let ev = h.state().doc.evaluation().cloned();
    let nissan_at_renault = ev
        .as_ref()
        .and_then(|e| e.at(date("2022-10-31")))
        .and_then(|p| p.issuer("renault"))
        .and_then(|x| x.votes.holder("nissan").cloned());
    assert_eq!(nissan_at_renault.map(|v| v.exercisable_votes), Some(88_716_686));
}

#[test]
fn the_playhead_is_scrubbed_and_the_status_bar_follows() {
    let mut h = harness();
    let days = (date("2024-01-01") - date("2022-10-31")).num_days();
    h.get_by_role_and_label(Role::Slider, "Playhead").set_value_accesskit(days as f64);
    h.run_steps(2);
    assert_eq!(h.state().view.playhead, date("2024-01-01"));
    assert!(h.query_by_label("Playhead: 2024-01-01").is_some());
    // The findings follow the playhead: the trust is neutral on that date.
    assert!(h.query_by_label_contains("are neutral (trust neutrality)").is_some());
}

#[test]
fn keyboard_steps_through_events() {
    let mut h = harness();
    h.key_press(Key::ArrowRight);
    h.run_steps(2);
    assert_eq!(h.state().view.playhead, date("2023-01-30"));
    h.key_press(Key::ArrowRight);
    h.run_steps(2);
    assert_eq!(h.state().view.playhead, date("2023-07-26"), "the definitive agreements");
    h.key_press(Key::End);
    h.run_steps(2);
    assert_eq!(h.state().view.playhead, date("2026-12-31"));
    h.key_press(Key::Home);
    h.run_steps(2);
    assert_eq!(h.state().view.playhead, date("2022-10-31"));
}

#[test]
fn dragging_an_event_moves_its_date_and_one_undo_restores_it() {
    let mut h = harness();
    let before = h.state().doc.scenario.events[0].date();
    let center = h.get_by_label("Event 1 (milestone)").rect().center();
    drag(&mut h, center, center + Vec2::new(120.0, 0.0));
    let after = h.state().doc.scenario.events[0].date();
    assert!(after > before + chrono::Days::new(30), "the milestone moved later: {before} → {after}");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(2);
    assert_eq!(h.state().doc.scenario.events[0].date(), before, "one drag is one undo step");
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    h.run_steps(2);
    assert_eq!(h.state().doc.scenario.events[0].date(), after, "redo brings the drag back");
}

#[test]
fn a_slider_drag_is_one_undo_step() {
    let mut h = harness();
    let original = shares(&h, "renault", "nissan");
    let rect = h.get_by_role_and_label(Role::Slider, "Renault in Nissan").rect();
    let y = rect.center().y;
    drag(&mut h, egui::pos2(rect.left() + rect.width() * 0.55, y), egui::pos2(rect.left() + rect.width() * 0.2, y));
    let dragged = shares(&h, "renault", "nissan");
    assert!(dragged < original, "the drag lowered the holding: {original} → {dragged}");
    assert!(h.state().doc.is_dirty());
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(2);
    assert_eq!(shares(&h, "renault", "nissan"), original, "one undo undoes the whole drag");
    assert!(!h.state().doc.is_dirty());
    h.key_press_modifiers(Modifiers::COMMAND, Key::Y);
    h.run_steps(2);
    assert_eq!(shares(&h, "renault", "nissan"), dragged);
}

#[test]
fn a_broken_file_shows_the_error_and_keeps_the_scenario() {
    let mut h = harness();
    let dir = tempfile::tempdir().map_err(|e| e.to_string());
    let Ok(dir) = dir else { panic!("no temporary folder") };
    let path = dir.path().join("broken.ron");
    let write = std::fs::write(&path, "(\n  version: 1,\n  title: \"x\",\n  start: \"2020-01-01\",\n  oops\n)\n");
    assert!(write.is_ok());
    let before = h.state().doc.scenario.clone();
    h.state_mut().open_path(&path);
    h.run_steps(2);
    assert!(matches!(h.state().modal, Some(Modal::Error(..))));
    assert!(h.query_by_label("The file could not be opened").is_some());
    assert!(h.query_by_label_contains("broken.ron:5:").is_some(), "the message names the file, line and column");
    assert_eq!(h.state().doc.scenario, before, "the scenario stays untouched");
    h.get_by_label("OK").click();
    h.run_steps(2);
    assert!(h.state().modal.is_none());
}

#[test]
fn new_with_unsaved_changes_asks_first() {
    let mut h = harness();
    h.get_by_role_and_label(Role::Slider, "Float turnout").set_value_accesskit(80.0);
    h.run_steps(2);
    assert!(h.state().doc.is_dirty());
    assert!(h.query_by_label("● unsaved changes").is_some());
    h.key_press_modifiers(Modifiers::COMMAND, Key::N);
    h.run_steps(2);
    assert!(h.query_by_label("Unsaved changes").is_some(), "the prompt appears");
    h.get_by_label("Cancel").click();
    h.run_steps(2);
    assert!(h.state().doc.is_dirty(), "cancel keeps the edit");
    h.key_press_modifiers(Modifiers::COMMAND, Key::N);
    h.run_steps(2);
    h.get_by_label("Discard changes").click();
    h.run_steps(2);
    assert!(!h.state().doc.is_dirty(), "discard starts a new scenario");
}

#[test]
fn an_edit_that_breaks_a_later_event_is_shown_as_a_conflict_with_the_results_up_to_it() {
    let mut h = harness();
    // At 15% Renault keeps its 15% and puts nothing into the trust in November 2023 (the
    // transfer says `down_to: "15%"`), so Nissan cannot buy 211 million shares back from it.
    h.get_by_role_and_label(Role::Slider, "Renault in Nissan").set_value_accesskit(15.0);
    h.run_steps(3);
    let conflict = h.state().doc.conflict().map(|c| c.error.to_string()).unwrap_or_default();
    assert!(conflict.contains("2023-12-13") && conflict.contains("holds only"), "{conflict}");
    assert!(
        h.query_by_label_contains("French trust (Natixis) (`trust`) would sell 211,000,000 shares of Nissan").is_some(),
        "the banner says what is wrong, with the parties' names and digits grouped: {conflict}"
    );
    let last = h.state().doc.evaluation().and_then(|e| e.points.last()).map(|p| p.date);
    assert!(last.is_some_and(|d| d < date("2023-12-13")), "results up to the conflict: {last:?}");
}

#[test]
fn presenter_mode_steps_through_the_captioned_events_and_allows_no_edit() {
    let mut h = harness();
    h.key_press(Key::F5);
    h.run_steps(2);
    let steps = h.state().presenter.as_ref().map(|p| p.steps.clone()).unwrap_or_default();
    assert!(steps.len() >= 8, "the captioned events become steps: {}", steps.len());
    assert_eq!(steps[1].date, date("2023-01-30"));
    assert!(steps[1].caption.contains("rebalancing"));
    assert!(h.query_by_label("Step 1 of 15").is_some() || h.query_by_label_contains("Step 1 of").is_some());
    // Editing panels are hidden: no holding slider in the tree.
    assert!(h.query_by_role_and_label(Role::Slider, "Renault in Nissan").is_none());
    h.key_press(Key::ArrowRight);
    h.run_steps(90);
    assert_eq!(h.state().presenter.as_ref().map(|p| p.index), Some(1));
    assert_eq!(h.state().view.playhead, date("2023-01-30"), "the playhead glides to the step's date");
    assert!(h.query_by_label_contains("announce the rebalancing").is_some(), "the caption is shown");
    h.key_press(Key::Space);
    h.run_steps(90);
    assert_eq!(h.state().view.playhead, date("2023-07-26"));
    h.key_press(Key::ArrowLeft);
    h.run_steps(90);
    assert_eq!(h.state().view.playhead, date("2023-01-30"));
    // No edit gets through: undo, new, and dragging an event marker do nothing.
    let before = h.state().doc.scenario.clone();
    h.key_press_modifiers(Modifiers::COMMAND, Key::N);
    h.run_steps(2);
    let center = h.get_by_label("Event 2 (transfer)").rect().center();
    drag(&mut h, center, center + Vec2::new(150.0, 0.0));
    assert_eq!(h.state().doc.scenario, before);
    assert!(h.state().modal.is_none());
    h.key_press(Key::End);
    h.run_steps(90);
    assert_eq!(h.state().presenter.as_ref().map(|p| p.index + 1), Some(steps.len()));
    h.key_press(Key::Escape);
    h.run_steps(2);
    assert!(h.state().presenter.is_none(), "Esc leaves presenter mode");
    assert!(h.query_by_role_and_label(Role::Slider, "Renault in Nissan").is_some());
}

#[test]
fn compare_mode_overlays_a_second_scenario_and_lists_the_differences() {
    let mut h = harness();
    let other = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/status-quo-2022.ron");
    h.state_mut().open_compare(&other);
    let days = (date("2024-01-01") - date("2022-10-31")).num_days();
    h.get_by_role_and_label(Role::Slider, "Playhead").set_value_accesskit(days as f64);
    h.run_steps(3);
    assert!(!h.state().compare.is_empty());
    assert!(h.query_by_label("Compare").is_some());
    // On 2024-01-01 Renault holds 15.79% of Nissan in A and 43.40% in the status quo.
    assert!(h.query_by_label("Renault at Nissan").is_some(), "a row per holder and issuer");
    assert!(h.query_by_label("15.79% / 43.40%").is_some(), "capital in A and B");
    assert!(h.query_by_label_contains("Renault controls Nissan").is_some(), "a finding only the status quo has");
    // (The default scenario has several transfers: name the closing one, which keeps Renault
    // at 15% of Nissan: `down_to: "15%"`, said in words.)
    assert!(
        h.query_by_label_contains(
            "removed event: transfer: transfer of Nissan shares from Renault, down to 15% of issued, to French trust"
        )
        .is_some(),
        "the inputs' differences"
    );
}

#[test]
fn the_app_exports_the_chosen_chart_with_a_progress_indicator() {
    let mut h = harness();
    h.key_press_modifiers(Modifiers::COMMAND, Key::E);
    h.run_steps(2);
    assert!(h.state().export.is_some(), "Ctrl+E opens the export dialog");
    assert!(h.query_by_label("Export…").is_some());
    let dir = tempfile::tempdir().map_err(|e| e.to_string());
    let Ok(dir) = dir else { panic!("no temporary folder") };
    let path = dir.path().join("balance.png");
    if let Some(d) = h.state_mut().export.as_mut() {
        d.width = 800;
        d.height = 500;
        d.scale = 2;
    }
    h.state_mut().export_chart_to(&path);
    h.step();
    // The export runs on a worker: poll until it reports (bounded, no sleeping on time).
    for _ in 0..2000 {
        if h.state().running.is_empty() {
            break;
        }
        h.step();
        std::thread::yield_now();
    }
    assert!(h.state().running.is_empty(), "the export finished");
    let img = image::open(&path).map_err(|e| e.to_string());
    let Ok(img) = img else { panic!("no PNG written: {img:?}") };
    assert_eq!((img.width(), img.height()), (1600, 1000), "size × scale");
    assert!(h.state().message().is_some_and(|m| m.contains("exported")));
}

#[test]
fn the_float_model_can_be_switched_and_undone() {
    use alliance_sim::model::FloatModel;
    let mut h = harness();
    h.get_by_label("Float as").click();
    h.run_steps(2);
    h.get_by_label("N equal holders").click();
    h.run_steps(3);
    assert_eq!(h.state().doc.scenario.meeting.float_model, FloatModel::EqualHolders(1000));
    let ev = h.state().doc.evaluation().cloned();
    let float_bz = ev
        .as_ref()
        .and_then(|e| e.points.first())
        .and_then(|p| p.issuer("nissan"))
        .and_then(|x| x.power("ordinary").and_then(|p| p.float.banzhaf));
    assert!(float_bz.is_some(), "with a finite float the float has a Banzhaf index");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(2);
    assert_eq!(h.state().doc.scenario.meeting.float_model, FloatModel::Ocean);
}
