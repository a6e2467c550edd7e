//! Helpers for the app's kittests: the app on the default scenario, a mouse drag over several frames.

use alliance_sim::app::AllianceApp;
use eframe::egui;
use egui_kittest::Harness;

/// Drags with the mouse from `from` to `to` in several frames, then lets the app settle.
pub fn drag(h: &mut Harness<'_, AllianceApp>, from: egui::Pos2, to: egui::Pos2) {
    h.hover_at(from);
    h.run_steps(1);
    h.drag_at(from);
    h.run_steps(1);
    for k in 1..=6 {
        let t = k as f32 / 6.0;
        h.hover_at(from + (to - from) * t);
        h.run_steps(1);
    }
    h.drop_at(to);
    h.run_steps(3);
}

/// The app on the embedded default scenario in a 1560×960 window, after three frames.
pub fn harness() -> Harness<'static, AllianceApp> {
    let mut h = Harness::builder()
        .with_size(egui::Vec2::new(1560.0, 960.0))
        .build_eframe(|cc| AllianceApp::on_default_scenario(&cc.egui_ctx));
    h.run_steps(3);
    h
}
