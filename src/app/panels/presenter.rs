//! Presenter mode: full screen, large type, nothing editable; the dated events with captions
//! become steps, and the playhead glides from one step to the next so that every plot moves
//! smoothly between the two states.

use chrono::NaiveDate;
use eframe::egui::{self, RichText};

use crate::app::commands::{Command, tooltip};
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
    /// When presenter mode was entered (seconds of app time).
    pub entered_at: f64,
    /// Whether the window's size was checked after asking for full screen.
    pub fitted: bool,
    /// The window's position and inner size (in points at zoom 1) before the app sized it to
    /// the monitor itself (where no window manager made it full screen or maximised); put back
    /// on leaving.
    pub restore: Option<eframe::egui::Rect>,
}

/// How long the playhead takes to glide between steps, in seconds.
pub const GLIDE_SECONDS: f64 = 0.8;

impl Presenter {
    /// A presentation of a scenario's steps ([`crate::chart::steps`]), at the first;
    /// `was_maximized` is restored on leaving.
    pub fn new(s: &Scenario, was_maximized: bool) -> Presenter {
        let steps = crate::chart::steps(s);
        Presenter {
            steps,
            index: 0,
            autoplay: false,
            pace: 6.0,
            glide: None,
            reached_at: 0.0,
            was_maximized,
            entered_at: 0.0,
            fitted: false,
            restore: None,
        }
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

/// The caption area's height in presenter mode, in points at the presenter's zoom: fixed, so
/// that the charts below keep the same rectangle from step to step.
pub const CAPTION_HEIGHT: f32 = 128.0;

/// The logical height presenter mode lays out for: any screen shows the same layout, scaled
/// (1280×720 at zoom 1, 1920×1080 at 1.5, 3840×2160 at 3).
pub const LAYOUT_HEIGHT: f32 = 720.0;

/// The zoom factor that lays presenter mode out at [`LAYOUT_HEIGHT`] points on a screen of
/// `physical_height` pixels with `native_ppp` pixels per point (never below 0.75).
pub fn zoom_for(physical_height: f32, native_ppp: f32) -> f32 {
    (physical_height / LAYOUT_HEIGHT / native_ppp.max(0.1)).max(0.75)
}

/// The largest caption text size (points) that is tried first.
const CAPTION_MAX: f32 = 28.0;
/// The smallest caption text size (points).
const CAPTION_MIN: f32 = 12.0;

/// The caption bar at the top of presenter mode: step count, date, Back and Next (which
/// queue the navigation commands), progress, and the caption in a box of fixed height, its
/// text as large as fits.
pub fn caption_bar(ui: &mut egui::Ui, p: &Presenter, playhead: NaiveDate, commands: &mut Vec<Command>) {
    let n = p.steps.len();
    let ctx = ui.ctx().clone();
    ui.add_space(4.0);
    ui.horizontal(|ui| {
        ui.label(RichText::new(format!("Step {} of {n}", p.index + 1)).size(20.0).strong());
        ui.separator();
        ui.label(RichText::new(playhead.format("%e %B %Y").to_string()).size(20.0));
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if ui.button("Next ▶").on_hover_text(tooltip(&ctx, Command::NextEvent)).clicked() {
                commands.push(Command::NextEvent);
            }
            if ui.button("◀ Back").on_hover_text(tooltip(&ctx, Command::PreviousEvent)).clicked() {
                commands.push(Command::PreviousEvent);
            }
        });
    });
    ui.add(egui::ProgressBar::new((p.index + 1) as f32 / n.max(1) as f32).desired_height(5.0));
    let caption = p.step().map_or("", |s| s.caption.as_str());
    let size = egui::vec2(ui.available_width(), (ui.available_height() - 4.0).max(20.0));
    let pt = fitted(ui, caption, size);
    ui.allocate_ui(size, |ui| {
        ui.set_min_size(size);
        ui.set_clip_rect(ui.max_rect());
        ui.add(egui::Label::new(RichText::new(caption).size(pt).strong()).wrap());
    });
}

/// The largest text size from [`CAPTION_MAX`] down to [`CAPTION_MIN`] at which `text` fits
/// `size` (at the smallest size it is clipped).
fn fitted(ui: &egui::Ui, text: &str, size: egui::Vec2) -> f32 {
    let mut pt = CAPTION_MAX;
    while pt > CAPTION_MIN {
        let font = egui::FontId::proportional(pt);
        let color = ui.visuals().text_color();
        let galley = ui.ctx().fonts_mut(|f| f.layout(text.to_string(), font, color, size.x));
        if galley.size().y <= size.y {
            break;
        }
        pt -= 1.0;
    }
    pt
}
