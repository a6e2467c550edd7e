//! What the app does every frame without drawing (`App::logic`): commit the last frame's
//! edits to the undo history, read the shortcuts, apply the queued commands, play the
//! timeline, glide the presenter's playhead, refresh the engine's results (once), collect
//! finished exports, take dropped files, handle the window's close request, autosave, and set
//! the theme and the title.

use std::path::PathBuf;

use eframe::egui;

use super::commands;
use super::state::{AllianceApp, Pending};
use crate::io;

/// Seconds between two autosaves.
const AUTOSAVE_SECONDS: f64 = 5.0;

impl AllianceApp {
    /// Everything of a frame that is not drawing, in order.
    pub(super) fn frame_logic(&mut self, ctx: &egui::Context) {
        self.apply_theme(ctx);
        // A drag is one undo step: commit only once the pointer is up and the release frame
        // (which may still move a slider) has been drawn.
        let editing = ctx.input(|i| i.pointer.any_down() || i.pointer.any_released()) || ctx.dragged_id().is_some();
        self.doc.history.sync(&self.doc.scenario, editing);
        if self.modal.is_none() {
            let pressed = commands::pressed(ctx);
            self.queue.extend(pressed);
        }
        for c in std::mem::take(&mut self.queue) {
            self.apply(ctx, c);
        }
        self.handle_drops(ctx);
        self.advance_playback(ctx);
        self.advance_presenter(ctx);
        self.doc.refresh();
        for c in &mut self.compare {
            c.refresh();
        }
        self.poll_exports(ctx);
        self.handle_close(ctx);
        self.autosave(ctx);
        ctx.send_viewport_cmd(egui::ViewportCommand::Title(self.window_title()));
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
                    self.modal = Some(super::state::Modal::Error(format!("The export of {} failed", r.what), e))
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

    /// Every 5 s, writes unsaved work to the recovery file (or removes it once the work is
    /// saved). A failure shows in the status line, with what to do.
    fn autosave(&mut self, ctx: &egui::Context) {
        let now = ctx.input(|i| i.time);
        if now - self.last_autosave < AUTOSAVE_SECONDS {
            return;
        }
        self.last_autosave = now;
        let Some(path) = self.recovery.clone() else { return };
        let outcome =
            if self.doc.is_dirty() { write_recovery(&self.doc.scenario, &path) } else { remove_recovery(&path) };
        if let Err(e) = outcome {
            self.warn(e);
        }
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
            self.modal = Some(super::state::Modal::Unsaved(Pending::Quit));
        }
        if self.allow_close {
            if let Some(p) = &self.recovery
                && let Err(e) = remove_recovery(p)
            {
                // The window is closing: the terminal is the only place left to say it.
                eprintln!("alliance-sim: {e}");
            }
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
        }
    }
}

/// Writes the scenario to the recovery file, creating its folder.
fn write_recovery(s: &crate::model::Scenario, path: &std::path::Path) -> Result<(), String> {
    let failed = |e: &dyn std::fmt::Display| {
        format!("autosave failed: {} could not be written ({e}); save your work with Ctrl+S", path.display())
    };
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| failed(&e))?;
    }
    let text = io::to_text(s).map_err(|e| failed(&e))?;
    io::write_atomic(path, text.as_bytes()).map_err(|e| failed(&e))
}

/// Removes the recovery file; a file that is already gone is fine.
pub(super) fn remove_recovery(path: &std::path::Path) -> Result<(), String> {
    match std::fs::remove_file(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(format!(
            "the recovery file {} could not be removed ({e}); delete it by hand, or it will be offered again at the next start",
            path.display()
        )),
        _ => Ok(()),
    }
}
