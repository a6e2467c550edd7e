//! The `eframe::App` impl: `logic` runs [`AllianceApp::frame_logic`] (no drawing), `ui` lays
//! out the chrome and the panels, giving each panel a [`PanelCtx`] and its own state, then hands
//! the autosave the frame's work.

use eframe::egui;

use crate::app::panels::presenter;
use crate::app::panels::{LeftTab, PanelCtx};
use crate::app::state::AllianceApp;

impl eframe::App for AllianceApp {
    fn logic(&mut self, ctx: &egui::Context, _frame: &mut eframe::Frame) {
        self.frame_logic(ctx);
    }

    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        if self.presenting() {
            self.presenter_top(ui);
        } else {
            egui::Panel::top("menu").show(ui, |ui| self.menu_bar(ui));
            egui::Panel::bottom("status").show(ui, |ui| self.status_bar(ui));
        }
        self.panels_ui(ui);
        self.windows_ui(&ctx);
        self.file_dialog_ui(&ctx);
        self.modal_ui(&ctx);
        // Last, so that an edit of this very frame is handed over even if the window is then
        // hidden and draws no frame for a long time.
        self.feed_autosave(&ctx);
        let edited = self.doc.is_stale() && self.doc.evaluating_for().is_none();
        if edited || self.doc.history.is_pending(&self.doc.scenario) || !self.queue.is_empty() {
            // This frame edited the scenario or queued a command: the next frame's logic
            // applies it and refreshes the results. (A running evaluation is looked at on a
            // timer instead, see `logic`.)
            ctx.request_repaint();
        }
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        self.settings.save(storage);
    }

    fn on_exit(&mut self) {
        // Unsaved work stays in the recovery file for the next start.
        self.autosave.close(self.doc.is_dirty());
    }
}

impl AllianceApp {
    /// The caption, date, step count and progress of presenter mode; its Back and Next
    /// buttons queue the navigation commands.
    fn presenter_top(&mut self, ui: &mut egui::Ui) {
        let Some(p) = self.presenter.as_ref() else { return };
        let playhead = self.view.playhead;
        let queue = &mut self.queue;
        egui::Panel::top("caption")
            .exact_size(presenter::CAPTION_HEIGHT)
            .show(ui, |ui| presenter::caption_bar(ui, p, playhead, queue));
    }

    /// The holdings (left), the timeline (bottom), the compare panel (right) and the plots
    /// (centre).
    fn panels_ui(&mut self, ui: &mut egui::Ui) {
        let editable = !self.presenting();
        // The timeline's first height: enough for its controls, axis, legend and one phased
        // sale, and never more than a quarter and a bit of a small window (1280×720).
        let timeline_height = (ui.ctx().content_rect().height() * 0.27).clamp(150.0, 220.0);
        let parts = self.doc.parts_mut();
        let mut cx = PanelCtx {
            scenario: parts.scenario,
            results: parts.results,
            problem: parts.problem,
            sound: parts.sound,
            band: parts.band,
            view: &mut self.view,
            compared: &self.compare,
            editable,
            commands: &mut self.queue,
        };
        let panels = &mut self.panels;
        let timeline = egui::Panel::bottom("timeline");
        let timeline = if editable {
            timeline.resizable(true).default_size(timeline_height).min_size(120.0)
        } else {
            // Presenter mode: exactly the ribbon (no controls, no legend row), never clipped.
            timeline.resizable(false).exact_size(crate::app::panels::timeline::RIBBON_HEIGHT + 14.0)
        };
        timeline.show(ui, |ui| panels.timeline.ui(ui, &mut cx));
        if editable {
            egui::Panel::left("holdings").resizable(true).default_size(330.0).min_size(240.0).show(ui, |ui| {
                if !cx.compared.is_empty() {
                    ui.horizontal(|ui| {
                        ui.selectable_value(&mut panels.left, LeftTab::Holdings, "Holdings");
                        ui.selectable_value(&mut panels.left, LeftTab::Compare, "Comparison");
                    });
                    ui.separator();
                }
                match panels.left {
                    LeftTab::Compare if !cx.compared.is_empty() => panels.compare.ui(ui, &mut cx),
                    _ => panels.holdings.ui(ui, &mut cx),
                }
            });
        }
        egui::CentralPanel::default().show(ui, |ui| panels.plots.ui(ui, &mut cx));
    }
}
