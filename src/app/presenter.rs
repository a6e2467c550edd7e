//! Presenter mode: full screen, large type, nothing editable; the dated events with captions
//! become steps, and the playhead glides from one step to the next so that every plot moves
//! smoothly between the two states.

use chrono::NaiveDate;
use eframe::egui::{self, RichText};

use super::commands::{Command, tooltip};
pub use crate::chart::Step;
use crate::model::Scenario;

/// The state of a presentation.
#[derive(Debug, Clone, PartialEq)]
pub struct Presenter {
    /// The steps: the start of the scenario, then every date with a captioned event.
    pub steps: Vec<Step>,
    /// The current step.
    pub index: usize,
    /// Auto-play: move on by itself.
    pub autoplay: bool,
    /// Seconds per step in auto-play.
    pub pace: f32,
    /// Where the glide started, and when (seconds of app time).
    glide: Option<(NaiveDate, f64)>,
    /// When the current step was reached (for auto-play).
    reached_at: f64,
    /// Whether the window was maximised before presenting (restored on leaving).
    pub was_maximized: bool,
}

/// How long the playhead takes to glide between steps, in seconds.
pub const GLIDE_SECONDS: f64 = 0.8;

impl Presenter {
    /// A presentation of a scenario's steps ([`crate::chart::steps`]), at the first;
    /// `was_maximized` is restored on leaving.
    pub fn new(s: &Scenario, was_maximized: bool) -> Presenter {
        let steps = crate::chart::steps(s);
        Presenter { steps, index: 0, autoplay: false, pace: 6.0, glide: None, reached_at: 0.0, was_maximized }
    }

    /// The current step.
    pub fn step(&self) -> Option<&Step> {
        self.steps.get(self.index)
    }

    /// Goes to step `k` (clamped), gliding from `from`.
    pub fn go(&mut self, k: usize, from: NaiveDate, now: f64) {
        let k = k.min(self.steps.len().saturating_sub(1));
        if k != self.index {
            self.index = k;
            self.glide = Some((from, now));
        }
        self.reached_at = now;
    }

    /// The playhead at time `now`: on the way from the glide's start to the current step.
    pub fn playhead(&mut self, now: f64) -> Option<NaiveDate> {
        let target = self.step()?.date;
        let Some((from, t0)) = self.glide else { return Some(target) };
        let t = ((now - t0) / GLIDE_SECONDS).clamp(0.0, 1.0);
        if t >= 1.0 {
            self.glide = None;
            return Some(target);
        }
        let eased = t * t * (3.0 - 2.0 * t);
        let days = (target - from).num_days() as f64 * eased;
        Some(from + chrono::TimeDelta::days(days.round() as i64))
    }

    /// Whether the playhead is still gliding.
    pub fn is_gliding(&self) -> bool {
        self.glide.is_some()
    }

    /// Whether auto-play should move on now.
    pub fn due(&self, now: f64) -> bool {
        self.autoplay
            && !self.is_gliding()
            && now - self.reached_at >= f64::from(self.pace)
            && self.index + 1 < self.steps.len()
    }
}

/// The caption bar at the top of presenter mode: step count, date, Back and Next (which
/// queue the navigation commands), progress and the caption.
pub fn caption_bar(ui: &mut egui::Ui, p: &Presenter, playhead: NaiveDate, commands: &mut Vec<Command>) {
    let n = p.steps.len();
    let ctx = ui.ctx().clone();
    ui.add_space(6.0);
    ui.horizontal(|ui| {
        ui.label(RichText::new(format!("Step {} of {n}", p.index + 1)).size(22.0).strong());
        ui.separator();
        ui.label(RichText::new(playhead.format("%e %B %Y").to_string()).size(22.0));
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if ui.button("Next ▶").on_hover_text(tooltip(&ctx, Command::NextEvent)).clicked() {
                commands.push(Command::NextEvent);
            }
            if ui.button("◀ Back").on_hover_text(tooltip(&ctx, Command::PreviousEvent)).clicked() {
                commands.push(Command::PreviousEvent);
            }
        });
    });
    ui.add(egui::ProgressBar::new((p.index + 1) as f32 / n.max(1) as f32).desired_height(6.0));
    if let Some(step) = p.step() {
        ui.add_space(4.0);
        ui.label(RichText::new(&step.caption).size(26.0));
    }
    ui.add_space(6.0);
}
