//! The bottom panel: playback controls, a dated axis over the scenario's window with the
//! events as draggable markers, the phased sales as bands with a two-handle range and a
//! tranche count, findings as ticks, and the playhead, scrubbed by mouse.

use chrono::{Datelike, NaiveDate};
use eframe::egui::{self, Align2, FontId, Pos2, Rect, Sense, Stroke, StrokeKind, Vec2};

use super::commands::{Command, tooltip};
use super::paint::{c32, mode, mode_of};
use super::panel::PanelCtx;
use crate::chart::palette::{self, EventKind};
use crate::engine::FindingKind;
use crate::model::{Event, SaleProfile};

/// The timeline's own state: the event selected on it.
#[derive(Debug, Clone, Default)]
pub struct TimelinePanel {
    /// The event selected (clicked or dragged) on the timeline.
    pub selected_event: Option<usize>,
}

impl TimelinePanel {
    /// Draws the panel: in presenter mode only the dated axis with the playhead (read-only).
    pub fn ui(&mut self, ui: &mut egui::Ui, cx: &mut PanelCtx<'_>) {
        if cx.editable {
            controls(ui, cx, self.selected_event);
        }
        canvas(ui, cx, &mut self.selected_event);
        if cx.editable {
            legend(ui);
            sales(ui, cx);
        }
    }
}

fn controls(ui: &mut egui::Ui, cx: &mut PanelCtx<'_>, selected: Option<usize>) {
    let ctx = ui.ctx().clone();
    ui.horizontal(|ui| {
        if ui.button("◀ Prev").on_hover_text(tooltip(&ctx, Command::PreviousEvent)).clicked() {
            cx.command(Command::PreviousEvent);
        }
        let play = if cx.view.playing { "⏸ Pause" } else { "▶ Play" };
        if ui.button(play).on_hover_text(tooltip(&ctx, Command::PlayPause)).clicked() {
            cx.command(Command::PlayPause);
        }
        if ui.button("Next ▶").on_hover_text(tooltip(&ctx, Command::NextEvent)).clicked() {
            cx.command(Command::NextEvent);
        }
        ui.add(egui::Slider::new(&mut cx.view.speed, 5.0..=720.0).logarithmic(true).suffix(" days/s").text("Speed"));
        ui.checkbox(&mut cx.view.looping, "Loop");
        ui.separator();
        let (start, end) = (cx.scenario.start, cx.scenario.end);
        let span = (end - start).num_days().max(0);
        let mut offset = (cx.view.playhead - start).num_days().clamp(0, span);
        let r = ui.add(egui::Slider::new(&mut offset, 0..=span).show_value(false).text("Playhead"));
        if r.changed() {
            cx.view.playhead = start + chrono::Days::new(offset as u64);
        }
        ui.label(egui::RichText::new(cx.view.playhead.to_string()).strong());
        if let Some(k) = selected
            && let Some(e) = cx.scenario.events.get(k)
        {
            ui.separator();
            ui.label(format!("#{} {}: {}", k + 1, e.kind_label(), e.date()));
        }
    });
}

/// What the timeline's colours and marks mean.
fn legend(ui: &mut egui::Ui) {
    let m = mode(ui);
    ui.horizontal_wrapped(|ui| {
        ui.spacing_mut().item_spacing.x = 4.0;
        for k in EventKind::ALL {
            ui.label(egui::RichText::new("◆").color(c32(k.color(m))));
            ui.label(egui::RichText::new(k.label()).small());
            ui.add_space(6.0);
        }
        ui.label(egui::RichText::new("▮").color(c32(palette::CROSSING)));
        ui.label(egui::RichText::new("threshold crossed or cycle").small());
        ui.add_space(6.0);
        ui.label(egui::RichText::new("│").color(c32(palette::PLAYHEAD)).strong());
        ui.label(egui::RichText::new("playhead").small());
    });
}

/// Maps dates to x and back over a rectangle.
struct Axis {
    rect: Rect,
    start: NaiveDate,
    days: f32,
}

impl Axis {
    fn x(&self, d: NaiveDate) -> f32 {
        self.rect.left() + self.rect.width() * ((d - self.start).num_days() as f32 / self.days.max(1.0))
    }

    fn date(&self, x: f32) -> NaiveDate {
        let f = ((x - self.rect.left()) / self.rect.width().max(1.0)).clamp(0.0, 1.0);
        self.start + chrono::Days::new((f * self.days).round() as u64)
    }
}

fn canvas(ui: &mut egui::Ui, cx: &mut PanelCtx<'_>, selected: &mut Option<usize>) {
    let height = 86.0;
    let (rect, response) = ui.allocate_exact_size(Vec2::new(ui.available_width(), height), Sense::click_and_drag());
    let inner = rect.shrink2(Vec2::new(14.0, 0.0));
    let s = &cx.scenario;
    let axis = Axis { rect: inner, start: s.start, days: (s.end - s.start).num_days() as f32 };
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Slider, true, "Timeline"));
    if (response.dragged() || response.clicked())
        && let Some(p) = response.interact_pointer_pos()
    {
        cx.view.playhead = axis.date(p.x);
        cx.view.playing = false;
    }
    let painter = ui.painter_at(rect);
    let visuals = ui.visuals().clone();
    painter.rect_filled(rect, 4.0, visuals.extreme_bg_color);
    let axis_y = rect.top() + 18.0;
    year_ticks(&painter, &axis, axis_y, &visuals);
    sale_bands(&painter, cx, &axis, rect.top() + 56.0);
    finding_ticks(&painter, cx, &axis, rect.bottom() - 8.0);
    markers(ui, cx, selected, &axis, rect.top() + 38.0);
    let x = axis.x(cx.view.playhead);
    painter.line_segment(
        [Pos2::new(x, rect.top()), Pos2::new(x, rect.bottom())],
        Stroke::new(2.0, c32(palette::PLAYHEAD)),
    );
}

fn year_ticks(painter: &egui::Painter, axis: &Axis, y: f32, v: &egui::Visuals) {
    painter.line_segment(
        [Pos2::new(axis.rect.left(), y), Pos2::new(axis.rect.right(), y)],
        Stroke::new(1.0, v.weak_text_color()),
    );
    let end = axis.start + chrono::Days::new(axis.days as u64);
    for year in axis.start.year()..=end.year() {
        for month in [1, 4, 7, 10] {
            let Some(d) = NaiveDate::from_ymd_opt(year, month, 1) else { continue };
            if d < axis.start || d > end {
                continue;
            }
            let x = axis.x(d);
            let long = month == 1;
            painter.line_segment(
                [Pos2::new(x, y - if long { 6.0 } else { 3.0 }), Pos2::new(x, y + 3.0)],
                Stroke::new(1.0, v.weak_text_color()),
            );
            if long {
                painter.text(
                    Pos2::new(x + 2.0, y - 4.0),
                    Align2::LEFT_BOTTOM,
                    year.to_string(),
                    FontId::proportional(11.0),
                    v.text_color(),
                );
            }
        }
    }
}

/// Event markers: hover shows the caption; dragging moves the event to a new date.
fn markers(ui: &mut egui::Ui, cx: &mut PanelCtx<'_>, selected_event: &mut Option<usize>, axis: &Axis, y: f32) {
    let n = cx.scenario.events.len();
    let mut stacked: std::collections::BTreeMap<NaiveDate, usize> = Default::default();
    for k in 0..n {
        let e = cx.scenario.events[k].clone();
        let level = stacked.entry(e.date()).or_default();
        let center = Pos2::new(axis.x(e.date()), y - 7.0 * (*level as f32).min(2.0));
        *level += 1;
        let rect = Rect::from_center_size(center, Vec2::splat(12.0));
        let id = ui.scope_id().with(("event-marker", k));
        let sense = if !cx.editable { Sense::hover() } else { Sense::click_and_drag() };
        let r = ui.interact(rect, id, sense);
        let label = format!("Event {} ({})", k + 1, e.kind_label());
        r.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, cx.editable, &label));
        if r.dragged()
            && let Some(p) = r.interact_pointer_pos()
        {
            let d = axis.date(p.x);
            if d != e.date() {
                cx.scenario.events[k].set_date(d);
            }
        }
        if r.clicked() || r.drag_started() {
            *selected_event = Some(k);
        }
        let selected = *selected_event == Some(k);
        let color = c32(EventKind::of(&e).color(mode(ui)));
        let painter = ui.painter();
        let radius = if r.hovered() || selected { 6.5 } else { 5.0 };
        let diamond = vec![
            center + Vec2::new(0.0, -radius),
            center + Vec2::new(radius, 0.0),
            center + Vec2::new(0.0, radius),
            center + Vec2::new(-radius, 0.0),
        ];
        let stroke = if selected {
            Stroke::new(2.0, ui.visuals().strong_text_color())
        } else {
            Stroke::new(1.0, color.gamma_multiply(0.6))
        };
        painter.add(egui::Shape::convex_polygon(diamond, color, stroke));
        let caption = if e.caption().is_empty() { String::new() } else { format!("\n{}", e.caption()) };
        r.on_hover_text(format!("#{} {} — {}\n{}{caption}", k + 1, e.kind_label(), e.date(), e.summary()));
    }
}

fn sale_bands(painter: &egui::Painter, cx: &PanelCtx<'_>, axis: &Axis, y: f32) {
    for e in &cx.scenario.events {
        if let Event::PhasedSale { start, end, tranches, profile, issuer, seller, .. } = e {
            let band = Rect::from_min_max(
                Pos2::new(axis.x(*start), y - 6.0),
                Pos2::new(axis.x(*end).max(axis.x(*start) + 2.0), y + 6.0),
            );
            let color = c32(EventKind::Transfer.color(mode_of(painter)));
            painter.rect(band, 3.0, color.gamma_multiply(0.25), Stroke::new(1.0, color), StrokeKind::Inside);
            for (d, _) in crate::model::ledger::tranche_schedule(*start, *end, 0, *tranches, *profile) {
                let x = axis.x(d);
                painter.line_segment([Pos2::new(x, y - 6.0), Pos2::new(x, y + 6.0)], Stroke::new(2.0, color));
            }
            let text = format!("{seller} sells {issuer}: {tranches} tranches");
            let text_color = painter.ctx().global_style().visuals.text_color();
            if band.width() > 160.0 {
                painter.text(
                    band.left_center() + Vec2::new(6.0, 0.0),
                    Align2::LEFT_CENTER,
                    text,
                    FontId::proportional(10.0),
                    text_color,
                );
            } else {
                painter.text(
                    band.left_center() - Vec2::new(6.0, 0.0),
                    Align2::RIGHT_CENTER,
                    text,
                    FontId::proportional(10.0),
                    text_color,
                );
            }
        }
    }
}

fn finding_ticks(painter: &egui::Painter, cx: &PanelCtx<'_>, axis: &Axis, y: f32) {
    let Some(ev) = cx.results.as_deref() else { return };
    for p in &ev.points {
        let crossings = p
            .findings
            .iter()
            .filter(|f| {
                matches!(f.kind, FindingKind::ThresholdCapital | FindingKind::ThresholdVotes | FindingKind::Cycle)
            })
            .count();
        if crossings > 0 {
            let x = axis.x(p.date);
            painter
                .line_segment([Pos2::new(x, y - 5.0), Pos2::new(x, y + 5.0)], Stroke::new(3.0, c32(palette::CROSSING)));
        }
    }
}

/// Each phased sale: its window as a two-handle range and its tranche count and profile.
fn sales(ui: &mut egui::Ui, cx: &mut PanelCtx<'_>) {
    let (s0, s1) = (cx.scenario.start, cx.scenario.end);
    let span = (s1 - s0).num_days().max(1);
    for k in 0..cx.scenario.events.len() {
        let Event::PhasedSale { start, end, tranches, profile, .. } = cx.scenario.events[k].clone() else {
            continue;
        };
        ui.horizontal(|ui| {
            ui.label(format!("Phased sale #{}", k + 1));
            let mut lo = (start - s0).num_days().clamp(0, span);
            let mut hi = (end - s0).num_days().clamp(lo, span);
            let r = ui.add(
                egui::RangeSlider::new(&mut lo, &mut hi, 0..=span)
                    .show_value(false)
                    .text(format!("Sale window #{}", k + 1)),
            );
            ui.label(format!("{} → {}", s0 + chrono::Days::new(lo as u64), s0 + chrono::Days::new(hi as u64)));
            let mut n = tranches;
            ui.add(egui::DragValue::new(&mut n).range(1..=48).prefix("tranches: "));
            let mut p = profile;
            egui::ComboBox::from_id_salt(("profile", k))
                .selected_text(format!("{p:?}"))
                .show_ui(ui, |ui| {
                    for option in [SaleProfile::Even, SaleProfile::FrontLoaded, SaleProfile::BackLoaded] {
                        ui.selectable_value(&mut p, option, format!("{option:?}"));
                    }
                })
                .response
                .on_hover_text(format!("Profile of sale window #{}", k + 1));
            if let Event::PhasedSale { start, end, tranches, profile, .. } = &mut cx.scenario.events[k] {
                if r.changed() {
                    *start = s0 + chrono::Days::new(lo as u64);
                    *end = s0 + chrono::Days::new(hi as u64);
                }
                *tranches = n;
                *profile = p;
            }
        });
    }
}
