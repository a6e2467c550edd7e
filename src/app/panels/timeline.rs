//! The bottom panel: playback controls, a dated axis over the scenario's window with the
//! events as draggable markers (several selected move together; what-if adjustments drawn
//! as rings), a conflict's band, the phased sales as bands with a two-handle range, typed
//! dates and a tranche count, findings as ticks, and the playhead, scrubbed by mouse. The +
//! button or a right-click on a date adds an event through a form.

use chrono::{Datelike, NaiveDate};
use eframe::egui::{self, Align2, FontId, Pos2, Rect, Sense, Stroke, StrokeKind, Vec2};

use crate::app::commands::{Command, tooltip};
use crate::app::editing::event_edit;
use crate::app::editing::event_form::{self, EventForm};
use crate::app::panels::context::PanelCtx;
use crate::app::widgets::date_field::date_field;
use crate::app::widgets::paint::{c32, mode, mode_of};
use crate::chart::palette::{self, EventKind};
use crate::engine::FindingKind;
use crate::model::{Event, SaleProfile};

/// The height of the dated ribbon (events, sales, ticks and playhead).
pub const RIBBON_HEIGHT: f32 = 100.0;

/// The timeline's own state: the "add an event" form while open, the days to move the
/// selected events by, and the date right-clicked.
#[derive(Debug, Clone, Default)]
pub struct TimelinePanel {
    /// The "add an event" form, while open.
    pub form: Option<EventForm>,
    /// Days to move the selected events by.
    pub shift: i64,
    /// The date under the last right-click on the timeline.
    menu_date: Option<NaiveDate>,
}

impl TimelinePanel {
    /// Draws the panel: in presenter mode only the dated axis with the playhead (read-only).
    pub fn ui(&mut self, ui: &mut egui::Ui, cx: &mut PanelCtx<'_>) {
        if cx.editable {
            if controls(ui, cx) {
                self.form = Some(EventForm::new(cx.scenario, cx.view.playhead));
            }
            event_edit::selection_bar(ui, cx, &mut self.shift);
        }
        if let Some(d) = canvas(ui, cx, &mut self.menu_date) {
            self.form = Some(EventForm::new(cx.scenario, d));
        }
        if cx.editable {
            legend(ui);
            sales(ui, cx);
        }
        if let Some(form) = self.form.as_mut()
            && !event_form::window(ui.ctx(), cx, form)
        {
            self.form = None;
        }
    }
}

/// Playback, the playhead, and the + button; returns whether + was clicked.
fn controls(ui: &mut egui::Ui, cx: &mut PanelCtx<'_>) -> bool {
    let mut add = false;
    let ctx = ui.ctx().clone();
    ui.horizontal(|ui| {
        if ui.button("◀ Prev").on_hover_text(tooltip(&ctx, Command::PreviousEvent)).clicked() {
            cx.command(Command::PreviousEvent);
        }
        let play = if cx.view.playing { "‖ Pause" } else { "▶ Play" };
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
        ui.separator();
        add = ui
            .button("+ Add event")
            .on_hover_text("Add an event on the playhead's date (or right-click a date)")
            .clicked();
    });
    add
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
        ui.label(egui::RichText::new("○").color(c32(palette::WHAT_IF)).strong());
        ui.label(egui::RichText::new("what-if adjustment").small());
        ui.add_space(6.0);
        ui.label(egui::RichText::new("▮").color(c32(palette::CONFLICT)));
        ui.label(egui::RichText::new("conflict: nothing known from here").small());
        ui.add_space(6.0);
        ui.label(egui::RichText::new("│").color(c32(palette::PLAYHEAD)).strong());
        ui.label(egui::RichText::new("playhead").small());
        ui.add_space(12.0);
        ui.label(
            egui::RichText::new("click an event to edit it · Ctrl+click: several · drag: move · right-click: add")
                .small()
                .weak(),
        );
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

/// The dated axis; returns a date to add an event on when the right-click menu asks. Read-only
/// (hover only) in presenter mode.
fn canvas(ui: &mut egui::Ui, cx: &mut PanelCtx<'_>, menu_date: &mut Option<NaiveDate>) -> Option<NaiveDate> {
    let height = RIBBON_HEIGHT;
    let sense = if cx.editable { Sense::click_and_drag() } else { Sense::hover() };
    let (rect, response) = ui.allocate_exact_size(Vec2::new(ui.available_width(), height), sense);
    let inner = rect.shrink2(Vec2::new(14.0, 0.0));
    let s = &cx.scenario;
    let axis = Axis { rect: inner, start: s.start, days: (s.end - s.start).num_days() as f32 };
    if cx.editable {
        response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Slider, true, "Timeline"));
    }

    if (response.dragged() || response.clicked())
        && let Some(p) = response.interact_pointer_pos()
    {
        cx.view.playhead = axis.date(p.x);
        cx.view.playing = false;
    }
    if response.secondary_clicked()
        && let Some(p) = response.interact_pointer_pos()
    {
        *menu_date = Some(axis.date(p.x));
    }
    let mut add_on = None;
    if cx.editable {
        response.context_menu(|ui| {
            let d = menu_date.unwrap_or(cx.view.playhead);
            if ui.button(format!("Add an event on {d}…")).clicked() {
                add_on = Some(d);
                ui.close();
            }
            if ui.button(format!("Move the playhead to {d}")).clicked() {
                cx.view.playhead = d;
                ui.close();
            }
        });
    }
    let painter = ui.painter_at(rect);
    let visuals = ui.visuals().clone();
    painter.rect_filled(rect, 4.0, visuals.extreme_bg_color);
    let axis_y = rect.top() + 18.0;
    year_ticks(&painter, &axis, axis_y, &visuals);
    conflict_band(&painter, cx, &axis);
    sale_bands(&painter, cx, &axis, rect.top() + 72.0);
    finding_ticks(&painter, cx, &axis, rect.bottom() - 8.0);
    markers(ui, cx, &axis, rect.top() + 44.0);
    let x = axis.x(cx.view.playhead);
    painter.line_segment(
        [Pos2::new(x, rect.top()), Pos2::new(x, rect.bottom())],
        Stroke::new(2.0, c32(palette::PLAYHEAD)),
    );
    add_on
}

/// From the date of an event that cannot happen to the end: an orange band.
fn conflict_band(painter: &egui::Painter, cx: &PanelCtx<'_>, axis: &Axis) {
    let Some(c) = cx.results.as_deref().and_then(|ev| ev.conflict.as_ref()) else { return };
    let r = axis.rect;
    let band = Rect::from_min_max(Pos2::new(axis.x(c.date), r.top()), Pos2::new(r.right() + 14.0, r.bottom()));
    let color = c32(palette::CONFLICT);
    painter.rect_filled(band, 0.0, color.gamma_multiply(0.14));
    painter.line_segment([band.left_top(), band.left_bottom()], Stroke::new(2.0, color));
    painter.text(
        Pos2::new(r.right(), r.top() + 2.0),
        Align2::RIGHT_TOP,
        format!("conflict on {}: nothing known from here", c.date),
        FontId::proportional(10.0),
        color,
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

/// Event markers: hover shows the title, caption and source; a click selects (Ctrl or Shift:
/// adds to the selection); dragging moves the event, and every selected event with it.
fn markers(ui: &mut egui::Ui, cx: &mut PanelCtx<'_>, axis: &Axis, y: f32) {
    let offsets = stack(cx.scenario.events.iter().map(|e| axis.x(e.date())).collect());
    for (k, offset) in offsets.into_iter().enumerate() {
        let Some(e) = cx.scenario.events.get(k).cloned() else { break };
        let center = Pos2::new(axis.x(e.date()), y + offset);
        let rect = Rect::from_center_size(center, Vec2::splat(12.0));
        let id = ui.scope_id().with(("event-marker", k));
        let sense = if !cx.editable { Sense::hover() } else { Sense::click_and_drag() };
        let r = ui.interact(rect, id, sense);
        let title = cx.scenario.event_title(&e);
        let label = format!("Event {} ({})", k + 1, e.kind_label());
        r.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, cx.editable, &label));
        if r.clicked() {
            event_edit::select(ui, cx, k);
        } else if r.drag_started() && !cx.view.selected_events.contains(&k) {
            cx.view.selected_events = [k].into_iter().collect();
        }
        if r.dragged()
            && let Some(p) = r.interact_pointer_pos()
        {
            let days = (axis.date(p.x) - e.date()).num_days();
            if days != 0 {
                event_edit::move_selected(cx, days);
            }
        }
        let selected = cx.view.selected_events.contains(&k);
        marker_shape(ui, &e, center, r.hovered() || selected, selected);
        let caption = if e.caption().is_empty() { String::new() } else { format!("\n{}", e.caption()) };
        let source = e.source().map_or_else(String::new, |s| format!("\nSource: {s}"));
        let summary = crate::model::capitalised(&cx.scenario.event_summary(&e));
        r.on_hover_text(format!("{title}\n{summary}{caption}{source}"));
    }
}

/// Vertical offsets that keep markers apart: each marker takes the first row (centre, above,
/// below, further above) where it does not touch the last marker placed there; markers
/// beyond the four rows share the last.
fn stack(xs: Vec<f32>) -> Vec<f32> {
    const ROWS: [f32; 4] = [0.0, -12.0, 12.0, -24.0];
    const GAP: f32 = 12.0;
    let mut order: Vec<usize> = (0..xs.len()).collect();
    order.sort_by(|&a, &b| xs[a].total_cmp(&xs[b]));
    let mut last = [f32::NEG_INFINITY; ROWS.len()];
    let mut out = vec![0.0; xs.len()];
    for k in order {
        let row = (0..ROWS.len()).find(|&r| xs[k] - last[r] >= GAP).unwrap_or(ROWS.len() - 1);
        last[row] = xs[k];
        out[k] = ROWS[row];
    }
    out
}

/// A diamond in the colour of the event's kind; a ring for a what-if adjustment.
fn marker_shape(ui: &egui::Ui, e: &Event, center: Pos2, big: bool, selected: bool) {
    let painter = ui.painter();
    let radius = if big { 6.5 } else { 5.0 };
    if e.is_what_if() {
        let color = c32(palette::WHAT_IF);
        let width = if selected { 3.0 } else { 2.0 };
        painter.circle_stroke(center, radius, Stroke::new(width, color));
        return;
    }
    let color = c32(EventKind::of(e).color(mode(ui)));
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
}

/// The phased sales as bands around `y` with their tranches and titles; sales whose bands or
/// titles would overlap (two sales on the same dates) go in lanes one under the other, so no
/// title prints over another.
fn sale_bands(painter: &egui::Painter, cx: &PanelCtx<'_>, axis: &Axis, y: f32) {
    let font = FontId::proportional(10.0);
    let text_color = painter.ctx().global_style().visuals.text_color();
    let color = c32(EventKind::Transfer.color(mode_of(painter)));
    // Each sale: its band's ends, its title laid out, and whether the title fits inside.
    let sales: Vec<_> = cx
        .scenario
        .events
        .iter()
        .filter_map(|e| match e {
            Event::PhasedSale { start, end, tranches, profile, issuer, seller, .. } => {
                let (x0, x1) = (axis.x(*start), axis.x(*end).max(axis.x(*start) + 2.0));
                let title = format!(
                    "{} sells {}: {tranches} tranches",
                    cx.scenario.name_of(seller),
                    cx.scenario.name_of(issuer)
                );
                let galley = painter.layout_no_wrap(title, font.clone(), text_color);
                let inside = x1 - x0 > galley.size().x + 12.0;
                let extent = if inside { (x0, x1) } else { (x0 - galley.size().x - 6.0, x1) };
                Some((x0, x1, galley, inside, extent, (*start, *end, *tranches, *profile)))
            }
            _ => None,
        })
        .collect();
    let extents: Vec<(f32, f32)> = sales.iter().map(|s| s.4).collect();
    let lane_of = lanes(&extents, 4.0);
    let count = lane_of.iter().max().map_or(1, |m| m + 1) as f32;
    // Two lanes fit in the ribbon's band row as they are; more lanes share it, thinner.
    let pitch = (26.0 / count).min(13.0);
    let half = (pitch - 1.0) / 2.0;
    let top = y - 6.0 + half - (count - 1.0).min(1.0) * pitch / 2.0;
    for ((x0, x1, galley, inside, _, (start, end, tranches, profile)), lane) in sales.into_iter().zip(lane_of) {
        let middle = top + lane as f32 * pitch;
        let band = Rect::from_min_max(Pos2::new(x0, middle - half), Pos2::new(x1, middle + half));
        painter.rect(band, 3.0, color.gamma_multiply(0.25), Stroke::new(1.0, color), StrokeKind::Inside);
        for (d, _) in crate::model::ledger::tranche_schedule(start, end, 0, tranches, profile) {
            let x = axis.x(d);
            painter.line_segment([Pos2::new(x, band.top()), Pos2::new(x, band.bottom())], Stroke::new(2.0, color));
        }
        let at = if inside {
            band.left_center() + Vec2::new(6.0, -galley.size().y / 2.0)
        } else {
            band.left_center() - Vec2::new(6.0 + galley.size().x, galley.size().y / 2.0)
        };
        painter.galley(at, galley, text_color);
    }
}

/// The lane of each span (x from, x to), the first where it keeps `gap` from every span
/// already placed there, in the order given.
fn lanes(spans: &[(f32, f32)], gap: f32) -> Vec<usize> {
    let mut placed: Vec<(usize, f32, f32)> = Vec::new();
    spans
        .iter()
        .map(|&(a, b)| {
            let lane = (0..)
                .find(|&l| placed.iter().all(|&(pl, pa, pb)| pl != l || b + gap < pa || pb + gap < a))
                .unwrap_or(0);
            placed.push((lane, a, b));
            lane
        })
        .collect()
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

/// Each phased sale, by its title: its window as a two-handle range and as typed dates, its
/// tranche count and profile.
fn sales(ui: &mut egui::Ui, cx: &mut PanelCtx<'_>) {
    let (s0, s1) = (cx.scenario.start, cx.scenario.end);
    let span = (s1 - s0).num_days().max(1);
    for k in 0..cx.scenario.events.len() {
        let e = cx.scenario.events[k].clone();
        let Event::PhasedSale { start, end, tranches, profile, .. } = e else {
            continue;
        };
        let title = cx.scenario.event_title(&e);
        ui.horizontal_wrapped(|ui| {
            ui.label(egui::RichText::new(&title).strong());
            let mut lo = (start - s0).num_days().clamp(0, span);
            let mut hi = (end - s0).num_days().clamp(lo, span);
            ui.spacing_mut().slider_width = (ui.available_width() * 0.35).clamp(160.0, 520.0);
            let r = ui.add(egui::RangeSlider::new(&mut lo, &mut hi, 0..=span).show_value(false).text(""));
            r.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Slider, true, format!("Sale window of {title}")));
            let (mut a, mut b) = (start, end);
            let typed_a = date_field(ui, ("sale-start", k), &mut a, &format!("First tranche of {title}"));
            ui.label("→");
            let typed_b = date_field(ui, ("sale-end", k), &mut b, &format!("Last tranche of {title}"));
            let mut n = tranches;
            ui.add(egui::DragValue::new(&mut n).range(1..=10_000).prefix("tranches: "));
            let mut p = profile;
            egui::ComboBox::from_id_salt(("profile", k))
                .selected_text(profile_label(p))
                .show_ui(ui, |ui| {
                    for option in [SaleProfile::Even, SaleProfile::FrontLoaded, SaleProfile::BackLoaded] {
                        ui.selectable_value(&mut p, option, profile_label(option));
                    }
                })
                .response
                .on_hover_text(format!("How {title} spreads its total over the tranches"));
            if let Event::PhasedSale { start, end, tranches, profile, .. } = &mut cx.scenario.events[k] {
                if r.changed() {
                    *start = s0 + chrono::Days::new(lo as u64);
                    *end = s0 + chrono::Days::new(hi as u64);
                }
                if typed_a || typed_b {
                    *start = a;
                    *end = b.max(a);
                }
                *tranches = n;
                *profile = p;
            }
        });
    }
}

/// The profile's words.
fn profile_label(p: SaleProfile) -> &'static str {
    match p {
        SaleProfile::Even => "even",
        SaleProfile::FrontLoaded => "front-loaded",
        SaleProfile::BackLoaded => "back-loaded",
    }
}

#[cfg(test)]
mod tests {
    use super::lanes;

    #[test]
    fn sales_on_the_same_dates_go_in_lanes_one_under_the_other() {
        // Two sales on the same dates (their titles would print over each other), one later.
        let spans = [(100.0, 300.0), (100.0, 300.0), (320.0, 400.0), (150.0, 200.0)];
        assert_eq!(lanes(&spans, 4.0), [0, 1, 0, 2]);
        assert_eq!(lanes(&[(0.0, 10.0), (12.0, 20.0)], 4.0), [0, 1], "closer than the gap");
        assert_eq!(lanes(&[(0.0, 10.0), (15.0, 20.0)], 4.0), [0, 0]);
    }
}
