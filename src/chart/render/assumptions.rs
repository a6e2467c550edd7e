//! The assumptions chart, drawn as a tornado: one horizontal bar per assumption, from its low to its high value, split
//! at the balance as given (a vertical line); the alternatives' names at the bar ends.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use super::frame::{LegendEntry, Swatch, frame};
use super::style::{AXIS, Area, Drawn, GRID, Scale, anchored, empty_note, fit_text, rgb, text_size};
use super::ticks::{TickAxis, value_label, value_ticks};
use crate::chart::Chart;
use crate::chart::assumptions::AssumptionsChart;
use crate::chart::palette;

/// Draws the assumptions chart (a tornado) on the whole image.
pub(super) fn draw<DB: DrawingBackend>(root: &Area<DB>, scale: Scale, chart: &Chart, t: &AssumptionsChart) -> Drawn {
    let (low, high) = (rgb(palette::ASSUMPTION_LOW), rgb(palette::ASSUMPTION_HIGH));
    let legend = vec![
        LegendEntry { name: "low value".into(), swatch: Swatch::Square(low) },
        LegendEntry { name: "high value".into(), swatch: Swatch::Square(high) },
    ];
    let area = frame(root, scale, chart, &legend)?;
    if t.rows.is_empty() {
        return empty_note(&area, scale, "no assumption to test on this date");
    }
    let (x0, x1) = t.x_range();
    let label_font = scale.font(14.0);
    let (w, _) = area.dim_in_pixel();
    let (x_ticks, x_step) = value_ticks(x0, x1, ((w as f64 / scale.px(110.0)) as usize).clamp(3, 10));
    // Names cut with an ellipsis to a third of the width (measured here: the formatter runs
    // while the mesh holds the backend), so that none runs off the image's left edge.
    let name_w = t.rows.iter().map(|r| text_size(&area, &r.label, &label_font).0).max().unwrap_or(0).min(w as i32 / 3);
    let names: Vec<String> = t.rows.iter().map(|r| fit_text(&area, &r.label, &label_font, name_w)).collect();
    let label_h = text_size(&area, "Ág", &label_font).1;
    let n = t.rows.len();
    let slots: Vec<f64> = (0..n).map(|k| k as f64 + 0.5).collect();
    let mut cc = ChartBuilder::on(&area)
        .margin(scale.int(12.0, 3))
        .margin_right(scale.int(24.0, 4))
        .x_label_area_size(label_h * 3 + scale.int(8.0, 2))
        .y_label_area_size(name_w + scale.int(12.0, 4))
        .build_cartesian_2d(TickAxis::new(x0, x1, x_ticks), TickAxis::new(0.0, n as f64, slots))?;
    // Row 0 (the widest swing) at the top.
    let y_fmt = |y: &f64| names.get(n.saturating_sub(1 + y.floor().max(0.0) as usize)).cloned().unwrap_or_default();
    let x_fmt = |x: &f64| value_label(*x, x_step, true);
    cc.configure_mesh()
        .disable_y_mesh()
        .x_label_formatter(&x_fmt)
        .y_label_formatter(&y_fmt)
        .x_desc(t.x_label.as_str())
        .label_style(label_font)
        .axis_desc_style(scale.font(15.0))
        .bold_line_style(GRID.stroke_width(1))
        .light_line_style(TRANSPARENT)
        .axis_style(AXIS.stroke_width(1))
        .set_all_tick_mark_size(scale.int(5.0, 2))
        .draw()?;
    let to_px = |x: f64, y: f64| cc.backend_coord(&(x.clamp(x0, x1), y));
    let end_font = scale.font(12.0);
    for (k, r) in t.rows.iter().enumerate() {
        let y = (n - 1 - k) as f64;
        // The longer part first, so that a shorter one on the same side stays visible.
        let mut ends = r.ends(t.base);
        ends.sort_by(|p, q| (q.value - t.base).abs().total_cmp(&(p.value - t.base).abs()));
        for end in ends {
            let color = if end.is_low { low } else { high };
            let (a, z) = (to_px(t.base, y + 0.22), to_px(end.value, y + 0.78));
            root.draw(&Rectangle::new([a, z], color.filled()))?;
            let outward = if end.left { HPos::Right } else { HPos::Left };
            let pad = scale.int(4.0, 2) * if end.left { -1 } else { 1 };
            let style = anchored(&end_font, outward, VPos::Center);
            root.draw_text(&end.label, &style, (z.0 + pad, (a.1 + z.1) / 2))?;
        }
    }
    let (top, bottom) = (to_px(t.base, n as f64), to_px(t.base, 0.0));
    root.draw(&PathElement::new(vec![top, bottom], rgb(palette::EXPORT_TEXT).stroke_width(scale.int(2.0, 1) as u32)))?;
    Ok(())
}
