//! What the app does every frame without drawing (`App::logic`): commit the last frame's
//! edits to the undo history, read the shortcuts, apply the queued commands, play the
//! timeline, glide the presenter's playhead, refresh the engine's results (once), collect
//! finished exports, take dropped files, handle the window's close request, and set the theme and
//! the title. (The autosave is handed the work at the end of each frame's drawing, see
//! `eframe_app.rs`.)

use std::path::PathBuf;
use std::time::Duration;

use eframe::egui;

use crate::app::commands;
use crate::app::state::{AllianceApp, Pending};

/// How often the frame looks at a running evaluation (the spinner animates meanwhile).
const EVALUATION_POLL: Duration = Duration::from_millis(100);

impl AllianceApp {
    /// Everything of a frame that is not drawing, in order.
    pub(super) fn frame_logic(&mut self, ctx: &egui::Context) {
        self.apply_theme(ctx);
        // A drag is one undo step: commit only once the pointer is up and the release frame
        // (which may still move a slider) has been drawn.
        let editing = ctx.input(|i| i.pointer.any_down() || i.pointer.any_released()) || ctx.dragged_id().is_some();
        self.doc.history.sync(&self.doc.scenario, editing);
        if self.modal.is_none() && self.recovery.is_none() {
            let pressed = commands::pressed(ctx);
            self.queue.extend(pressed);
        }
        for c in std::mem::take(&mut self.queue) {
            self.apply(ctx, c);
        }
        let events = self.doc.scenario.events.len();
        self.view.selected_events.retain(|&k| k < events);
        self.handle_drops(ctx);
        self.advance_playback(ctx);
        self.advance_presenter(ctx);
        self.presenter_zoom(ctx);
        self.fill_screen_when_presenting(ctx);
        self.doc.refresh();
        self.doc.set_band(self.view.turnout_band);
        if self.doc.band_is_stale() {
            ctx.request_repaint_after(EVALUATION_POLL);
        }
        for c in &mut self.compare {
            c.refresh();
        }
        self.watch_evaluation(ctx);
        self.poll_exports(ctx);
        self.handle_close(ctx);
        self.set_title(ctx);
    }

    /// Sends the window title when it changes (a viewport command every frame would ask for
    /// a new frame every frame, and the idle app would never rest).
    fn set_title(&mut self, ctx: &egui::Context) {
        let title = self.window_title();
        if self.title_sent.as_ref() != Some(&title) {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.title_sent = Some(title);
        }
    }

    /// While the engine evaluates on its worker thread: remember since when (the status line
    /// shows progress after [`crate::app::document::evaluation::PROGRESS_AFTER`]) and look again soon.
    fn watch_evaluation(&mut self, ctx: &egui::Context) {
        if self.doc.evaluating_for().is_some() {
            let now = ctx.input(|i| i.time);
            self.evaluating_since.get_or_insert(now);
            ctx.request_repaint_after(EVALUATION_POLL);
        } else {
            self.evaluating_since = None;
        }
    }

    /// How long the running evaluation has been running on the frame clock, while one runs.
    pub fn evaluating_for(&self, now: f64) -> Option<f64> {
        self.evaluating_since.map(|since| now - since)
    }

    fn window_title(&self) -> String {
        let mark = if self.doc.is_dirty() && !self.presenting() { " •" } else { "" };
        format!("{}{mark} — {} — alliance-sim", self.doc.display_name(), self.doc.scenario.title)
    }

    fn apply_theme(&mut self, ctx: &egui::Context) {
        if self.dark_applied != Some(self.settings.dark) {
            ctx.set_theme(if self.settings.dark { egui::Theme::Dark } else { egui::Theme::Light });
            self.dark_applied = Some(self.settings.dark);
        }
    }

    /// Collects finished exports; keeps repainting while any runs.
    fn poll_exports(&mut self, ctx: &egui::Context) {
        let mut still = Vec::new();
        for r in std::mem::take(&mut self.running) {
            match r.poll() {
                Some(Ok(msg)) => self.info(msg),
                Some(Err(e)) => {
                    self.modal = Some(crate::app::state::Modal::Error(format!("The export of {} failed", r.what), e))
                }
                None => still.push(r),
            }
        }
        self.running = still;
        if !self.running.is_empty() {
            ctx.request_repaint_after(std::time::Duration::from_millis(50));
        }
    }

    /// Moves the presentation on: glide, auto-play.
    fn advance_presenter(&mut self, ctx: &egui::Context) {
        let now = ctx.input(|i| i.time);
        let from = self.view.playhead;
        let Some(p) = self.presenter.as_mut() else { return };
        if p.due(now) {
            p.go(p.index + 1, from, now);
        }
        if let Some(d) = p.playhead(now) {
            self.view.playhead = d;
        }
        if p.is_gliding() {
            ctx.request_repaint();
        } else if p.autoplay {
            ctx.request_repaint_after(std::time::Duration::from_millis(250));
        }
    }

    /// Where full screen and maximise both did nothing (no window manager), presenter mode
    /// takes the monitor itself: half a second after entering, a window smaller than its
    /// monitor is moved to the corner and sized to it; after leaving, once the zoom is back to
    /// 1, it is put back.
    fn fill_screen_when_presenting(&mut self, ctx: &egui::Context) {
        if !self.presenting()
            && let Some(r) = self.window_restore
        {
            let native = ctx.native_pixels_per_point().unwrap_or(1.0);
            if (ctx.pixels_per_point() - native).abs() < 0.01 {
                self.window_restore = None;
                ctx.send_viewport_cmd(egui::ViewportCommand::OuterPosition(r.min));
                ctx.send_viewport_cmd(egui::ViewportCommand::InnerSize(r.size()));
            } else {
                ctx.request_repaint();
            }
            return;
        }
        let Some(p) = self.presenter.as_mut().filter(|p| !p.fitted) else { return };
        let now = ctx.input(|i| i.time);
        if now - p.entered_at < FIT_AFTER {
            ctx.request_repaint_after(std::time::Duration::from_secs_f64(FIT_AFTER));
            return;
        }
        p.fitted = true;
        let (monitor, inner, outer, maximized) = ctx.input(|i| {
            let v = i.viewport();
            (v.monitor_size, v.inner_rect, v.outer_rect, v.maximized.unwrap_or(false))
        });
        let (Some(monitor), Some(inner), Some(outer)) = (monitor, inner, outer) else { return };
        let fills = inner.width() >= monitor.x - 2.0 && inner.height() >= monitor.y - 2.0;
        if maximized || fills {
            return;
        }
        // Kept in points at zoom 1: leaving presenter mode sets the zoom back to 1 in the same
        // frame as it sends the window back.
        let to_unzoomed = ctx.pixels_per_point() / ctx.native_pixels_per_point().unwrap_or(1.0);
        let min = (outer.min.to_vec2() * to_unzoomed).to_pos2();
        p.restore = Some(egui::Rect::from_min_size(min, inner.size() * to_unzoomed));
        ctx.send_viewport_cmd(egui::ViewportCommand::OuterPosition(egui::Pos2::ZERO));
        ctx.send_viewport_cmd(egui::ViewportCommand::InnerSize(monitor));
    }

    /// Presenter mode lays out the same at any screen size, scaled: 1280×720 points at zoom 1,
    /// 1920×1080 pixels at 1.5, 4K at 3. Outside it, zoom 1.
    fn presenter_zoom(&mut self, ctx: &egui::Context) {
        let want = if self.presenting() {
            let native = ctx.native_pixels_per_point().unwrap_or(1.0);
            let physical = ctx.content_rect().height() * ctx.pixels_per_point();
            crate::app::panels::presenter::zoom_for(physical, native)
        } else {
            1.0
        };
        if (ctx.zoom_factor() - want).abs() > 0.01 {
            ctx.set_zoom_factor(want);
        }
    }

    fn advance_playback(&mut self, ctx: &egui::Context) {
        if !self.view.playing {
            return;
        }
        let dt = f64::from(ctx.input(|i| i.stable_dt).min(0.1));
        self.view.play_carry += dt * f64::from(self.view.speed);
        let whole = self.view.play_carry.floor();
        self.view.play_carry -= whole;
        let next = self.view.playhead + chrono::Days::new(whole as u64);
        if next > self.doc.scenario.end {
            if self.view.looping {
                self.view.playhead = self.doc.scenario.start;
            } else {
                self.view.playhead = self.doc.scenario.end;
                self.view.playing = false;
            }
        } else {
            self.view.playhead = next;
        }
        ctx.request_repaint();
    }

    fn handle_drops(&mut self, ctx: &egui::Context) {
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw.dropped_files.iter().map(|f| f.path().to_path_buf()).filter(|p| !p.as_os_str().is_empty()).collect()
        });
        if let Some(p) = dropped.into_iter().find(|p| p.extension().is_some_and(|e| e == "ron"))
            && !self.presenting()
        {
            self.guard(Pending::Open(Some(p)));
        }
    }

    fn handle_close(&mut self, ctx: &egui::Context) {
        if ctx.input(|i| i.viewport().close_requested()) && !self.allow_close && self.doc.is_dirty() {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.modal = Some(crate::app::state::Modal::Unsaved(Pending::Quit));
        }
        if self.allow_close {
            // The user answered the unsaved-changes question (or had nothing unsaved).
            self.autosave.close(false);
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
        }
    }
}

/// Seconds after entering presenter mode before the window's size is checked: the window
/// manager's answer to full screen comes within a few frames.
const FIT_AFTER: f64 = 0.5;
