//! Bar charts: one slot per category (capital, votes, power…), one bar per group (holder) in
//! each slot, in the group's colour, with its value on top where there is room.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use super::frame::{LegendEntry, Swatch, frame};
use super::style::{AXIS, Area, Drawn, GRID, Scale, anchored, empty_note, line, text_size, wrap_text};
use super::ticks::{TickAxis, percent, value_label, value_ticks};
use crate::chart::{BarChart, Chart};

/// Most lines of a category's name under its slot.
const LABEL_LINES: usize = 3;

/// Share of a category slot taken by its bars (the rest separates the slots).
const FILL: f64 = 0.8;

/// Draws a bar chart on the whole image.
pub(super) fn draw<DB: DrawingBackend>(root: &Area<DB>, scale: Scale, chart: &Chart, b: &BarChart) -> Drawn {
    let legend: Vec<LegendEntry> =
        b.groups.iter().map(|g| LegendEntry { name: g.name.clone(), swatch: Swatch::Square(line(g.color)) }).collect();
    let area = frame(root, scale, chart, &legend)?;
    if b.groups.is_empty() || b.categories.is_empty() {
        return empty_note(&area, scale, "no holder on this date");
    }
    let (y0, y1) = y_range(b);
    let label_font = scale.font(15.0);
    let (_, h) = area.dim_in_pixel();
    let (y_ticks, y_step) = value_ticks(y0, y1, ((h as f64 / scale.px(70.0)) as usize).clamp(3, 10));
    let y_label_w =
        y_ticks.iter().map(|v| text_size(&area, &value_label(*v, y_step, true), &label_font).0).max().unwrap_or(0);
    let label_h = text_size(&area, "Ág", &label_font).1;
    let n = b.categories.len();
    let slots: Vec<f64> = (0..n).map(|k| k as f64 + 0.5).collect();
    let mut cc = ChartBuilder::on(&area)
        .margin(scale.int(12.0, 3))
        .margin_right(scale.int(24.0, 4))
        .x_label_area_size(label_h * (LABEL_LINES as i32 + 1) + scale.int(6.0, 2))
        .y_label_area_size(y_label_w + label_h * 2 + scale.int(16.0, 4))
        .build_cartesian_2d(TickAxis::new(0.0, n as f64, slots), TickAxis::new(y0, y1, y_ticks))?;
    // Each category's name within its slot, its words wrapped over up to three lines (the last
    // cut with an ellipsis only when even three do not hold it), so that long names (resolution
    // kinds) neither run into each other nor lose their ends; drawn below, not by the mesh,
    // whose labels are one line. The full names are in the SVG's description.
    let (plot_w, _) = cc.plotting_area().dim_in_pixel();
    let slot = (plot_w as i32 / n.max(1) as i32 - scale.int(10.0, 4)).max(1);
    let names: Vec<Vec<String>> =
        b.categories.iter().map(|c| wrap_text(&area, c, &label_font, slot, LABEL_LINES)).collect();
    let x_fmt = |_: &f64| String::new();
    let y_fmt = |y: &f64| value_label(*y, y_step, true);
    cc.configure_mesh()
        .disable_x_mesh()
        .x_label_formatter(&x_fmt)
        .y_label_formatter(&y_fmt)
        .y_desc(b.y_label.as_str())
        .label_style(label_font.clone())
        .axis_desc_style(scale.font(16.0))
        .bold_line_style(GRID.stroke_width(1))
        .light_line_style(TRANSPARENT)
        .axis_style(AXIS.stroke_width(1))
        .set_all_tick_mark_size(scale.int(5.0, 2))
        .draw()?;
    let to_px = |x: f64, y: f64| cc.backend_coord(&(x, y.clamp(y0, y1)));
    let below = anchored(&label_font, HPos::Center, VPos::Top);
    for (k, lines) in names.iter().enumerate() {
        let (x, y) = to_px(k as f64 + 0.5, y0);
        for (j, text) in lines.iter().enumerate() {
            root.draw_text(text, &below, (x, y + scale.int(8.0, 3) + j as i32 * label_h))?;
        }
    }
    let width = FILL / b.groups.len() as f64;
    let value_font = anchored(&scale.font(13.0), HPos::Center, VPos::Bottom);
    for (g, group) in b.groups.iter().enumerate() {
        for (k, v) in group.values.iter().enumerate().filter(|(_, v)| v.is_finite()) {
            let left = k as f64 + (1.0 - FILL) / 2.0 + g as f64 * width;
            let (a, z) = (to_px(left + width * 0.06, 0.0f64.max(y0)), to_px(left + width * 0.94, *v));
            root.draw(&Rectangle::new([a, z], line(group.color).filled()))?;
            // The value's note (a Banzhaf reading, an estimate's interval) where it fits, else
            // the figure; the reading under the title says what the words assume.
            let room = (z.0 - a.0) * 3 / 2;
            let note = group.notes.get(k).copied().flatten().map(|n| n.short());
            let text = note.filter(|t| text_size(root, t, &value_font).0 <= room).unwrap_or_else(|| percent(*v));
            if text_size(root, &text, &value_font).0 <= room {
                root.draw_text(&text, &value_font, ((a.0 + z.0) / 2, z.1.min(a.1) - scale.int(3.0, 1)))?;
            }
        }
    }
    Ok(())
}

/// From 0 (or the lowest value) to a little above the highest value, within [0, 1] for
/// shares that stay in it.
fn y_range(b: &BarChart) -> (f64, f64) {
    let values = || b.groups.iter().flat_map(|g| g.values.iter().copied()).filter(|v| v.is_finite());
    let lo = values().fold(0.0f64, f64::min);
    let hi = values().fold(0.0f64, f64::max);
    let top = if hi <= 1.0 { (hi * 1.15).clamp(0.05, 1.0) } else { hi * 1.1 };
    (lo, top.max(lo + 1e-9))
}
