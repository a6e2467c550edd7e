//! Time charts: step lines over a date axis, with event lines (labelled on request, see
//! [`super::events`]) and an optional playhead.
//!
//! Each value holds from its date until the next point (the last until the end of the
//! window); `None` values are gaps. x is [`date_to_x`], as on screen.

use chrono::NaiveDate;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use super::events::EventLabels;
use super::frame::{LegendEntry, Swatch, frame};
use super::stroke::{Pt, stroke};
use super::style::{AXIS, Area, BACKGROUND, Drawn, GRID, Px, Scale, anchored, empty_note, line, rgb, text_size};
use super::ticks::{TickAxis, date_label, date_ticks, value_label, value_ticks};
use crate::chart::{Chart, ConflictMark, TimeChart, date_to_x, palette};

/// Stroke width of series, in pixels at 1600×900.
const LINE_WIDTH: f64 = 3.5;

/// Event markers: thin, and bluer than the grid.
const MARKER: RGBColor = rgb(palette::EXPORT_MARKER);

/// The playhead: the same colour as on screen.
const PLAYHEAD: RGBColor = rgb(palette::PLAYHEAD);

/// The edge of a conflict's band.
const CONFLICT: RGBColor = rgb(palette::CONFLICT);

/// The fill of a conflict's band.
const CONFLICT_FILL: RGBColor = rgb(palette::CONFLICT_FILL);

/// Draws a time chart on the whole image.
pub(super) fn draw<DB: DrawingBackend>(
    root: &Area<DB>,
    scale: Scale,
    chart: &Chart,
    t: &TimeChart,
    playhead: Option<NaiveDate>,
    event_labels: bool,
) -> Drawn {
    let legend: Vec<LegendEntry> = t
        .series
        .iter()
        .map(|s| LegendEntry { name: s.name.clone(), swatch: Swatch::Line(line(s.color), s.style, LINE_WIDTH) })
        .collect();
    let area = frame(root, scale, chart, &legend)?;
    let (x0, x1) = x_range(t);
    let (y0, y1) = y_range(t);
    let label_font = scale.font(15.0);
    let (w, h) = area.dim_in_pixel();
    let label_w = text_size(&area, "2024-06-30", &label_font).0.max(1);
    let (dates, with_day) = date_ticks(t.start, t.end, (w as i32 / (label_w * 2)).max(2) as usize);
    let (y_ticks, y_step) = value_ticks(y0, y1, ((h as f64 / scale.px(70.0)) as usize).clamp(3, 10));
    let y_label_w =
        y_ticks.iter().map(|v| text_size(&area, &value_label(*v, y_step, t.percent), &label_font).0).max().unwrap_or(0);
    let label_h = text_size(&area, "2024", &label_font).1;
    let build = |on: &Area<DB>| {
        ChartBuilder::on(on)
            .margin(scale.int(12.0, 3))
            .margin_right(scale.int(24.0, 4))
            .x_label_area_size(label_h * 2 + scale.int(6.0, 2))
            .y_label_area_size(y_label_w + label_h * 2 + scale.int(16.0, 4))
            .build_cartesian_2d(
                TickAxis::new(x0, x1, dates.iter().map(|d| date_to_x(*d)).collect()),
                TickAxis::new(y0, y1, y_ticks.clone()),
            )
    };
    // Event labels take a strip above the plot; the plot's x axis does not depend on its
    // height, so the lines' pixels are known before the strip's height is.
    let marker_x = |cc: &ChartContext<DB, Cartesian2d<TickAxis, TickAxis>>| -> Vec<i32> {
        t.markers.iter().map(|m| cc.backend_coord(&(date_to_x(m.date).clamp(x0, x1), y1)).0).collect()
    };
    let labels = if event_labels && !t.markers.is_empty() {
        let texts: Vec<&str> = t.markers.iter().map(|m| m.label.as_str()).collect();
        Some(EventLabels::fit(&area, scale, &marker_x(&build(&area)?), &texts, h as i32 / 4))
    } else {
        None
    };
    let strip = labels.as_ref().map_or(0, |l| l.height);
    let (above, plot_area) = area.split_vertically(strip);
    let mut cc = build(&plot_area)?;
    draw_mesh(&mut cc, scale, t, &label_font, (with_day, y_step))?;
    let to_px = |x: f64, y: f64| cc.backend_coord(&(x.clamp(x0, x1), y.clamp(y0, y1)));
    if y0 < 0.0 && y1 > 0.0 {
        root.draw(&PathElement::new(
            vec![to_px(x0, 0.0), to_px(x1, 0.0)],
            AXIS.stroke_width(scale.int(1.5, 1) as u32),
        ))?;
    }
    for m in &t.markers {
        let x = date_to_x(m.date);
        root.draw(&PathElement::new(vec![to_px(x, y0), to_px(x, y1)], MARKER.stroke_width(1)))?;
    }
    if let Some(l) = &labels {
        let bottom = above.get_base_pixel().1 + strip;
        l.draw(root, bottom, to_px(x0, y1).1, MARKER)?;
    }
    if let Some(c) = &t.conflict {
        draw_conflict(root, scale, c, &to_px, (x1, y0, y1))?;
    }
    draw_bands(root, t, &to_px)?;
    if t.series.is_empty() {
        return empty_note(&plot_area, scale, "no series to draw");
    }
    draw_series(root, scale, t, &to_px)?;
    if let Some(p) = playhead.filter(|p| *p >= t.start && *p <= t.end) {
        draw_playhead(root, scale, to_px(date_to_x(p), y1), to_px(date_to_x(p), y0), p)?;
    }
    Ok(())
}

/// The grid, the axes and their labels: dates (`with_day`: to the day) below, values (in steps
/// of `y_step`) on the left.
fn draw_mesh<DB: DrawingBackend>(
    cc: &mut ChartContext<DB, Cartesian2d<TickAxis, TickAxis>>,
    scale: Scale,
    t: &TimeChart,
    label_font: &TextStyle,
    (with_day, y_step): (bool, f64),
) -> Drawn {
    let x_fmt = |x: &f64| date_label(crate::chart::x_to_date(*x), with_day);
    let y_fmt = |y: &f64| value_label(*y, y_step, t.percent);
    cc.configure_mesh()
        .x_label_formatter(&x_fmt)
        .y_label_formatter(&y_fmt)
        .y_desc(t.y_label.as_str())
        .label_style(label_font.clone())
        .axis_desc_style(scale.font(16.0))
        .bold_line_style(GRID.stroke_width(1))
        .light_line_style(TRANSPARENT)
        .axis_style(AXIS.stroke_width(1))
        .set_all_tick_mark_size(scale.int(5.0, 2))
        .draw()?;
    Ok(())
}

/// Every series as step lines, cut where a value is undefined.
fn draw_series<DB: DrawingBackend>(
    root: &Area<DB>,
    scale: Scale,
    t: &TimeChart,
    to_px: &impl Fn(f64, f64) -> (i32, i32),
) -> Drawn {
    for s in &t.series {
        for run in s.step_runs(t.data_end()) {
            let pixels: Vec<Pt> =
                run.iter().map(|&(x, y)| to_px(x, y)).map(|(x, y)| (f64::from(x), f64::from(y))).collect();
            stroke(root, &pixels, line(s.color), scale.px(LINE_WIDTH), s.style, scale)?;
        }
    }
    Ok(())
}

/// The band of a conflict: tinted from its date to the window's end, a line at its date and
/// its label; `to_px` maps chart coordinates to pixels, `(x1, y0, y1)` are the plot's edges.
fn draw_conflict<DB: DrawingBackend>(
    root: &Area<DB>,
    scale: Scale,
    conflict: &ConflictMark,
    to_px: &impl Fn(f64, f64) -> (i32, i32),
    (x1, y0, y1): (f64, f64, f64),
) -> Drawn {
    let x = date_to_x(conflict.date);
    root.draw(&Rectangle::new([to_px(x, y1), to_px(x1, y0)], CONFLICT_FILL.filled()))?;
    root.draw(&PathElement::new(vec![to_px(x, y0), to_px(x, y1)], CONFLICT.stroke_width(scale.int(2.0, 1) as u32)))?;
    let ink = rgb(palette::text(palette::CONFLICT, palette::Mode::Light));
    let style = anchored(&scale.font(13.0), HPos::Left, VPos::Top).color(&ink);
    let (px, py) = to_px(x, y1);
    root.draw_text(
        &format!("conflict on {}", conflict.date),
        &style,
        (px + scale.int(4.0, 2), py + scale.int(4.0, 2)),
    )?;
    Ok(())
}

/// The bands behind the series, tinted with their series' colour.
fn draw_bands<DB: DrawingBackend>(root: &Area<DB>, t: &TimeChart, to_px: &impl Fn(f64, f64) -> (i32, i32)) -> Drawn {
    for b in &t.bands {
        let fill = rgb(palette::mix(b.color, palette::WHITE, 0.75)).filled();
        for (a, z, lo, hi) in b.step_rects(t.data_end()) {
            root.draw(&Rectangle::new([to_px(a, hi), to_px(z, lo)], fill))?;
        }
    }
    Ok(())
}

/// The x range: the window, at least one day wide.
fn x_range(t: &TimeChart) -> (f64, f64) {
    let (a, b) = (date_to_x(t.start), date_to_x(t.end));
    if b > a { (a, b) } else { (a, a + 1.0) }
}

/// The y range of the chart, or [0, 1] if it is empty or not finite.
fn y_range(t: &TimeChart) -> (f64, f64) {
    let (a, b) = t.y_range;
    if a.is_finite() && b.is_finite() && b > a { (a, b) } else { (0.0, 1.0) }
}

/// A vertical line at the playhead, its date on a white label at the top.
fn draw_playhead<DB: DrawingBackend>(root: &Area<DB>, scale: Scale, top: Px, bottom: Px, date: NaiveDate) -> Drawn {
    root.draw(&PathElement::new(vec![top, bottom], PLAYHEAD.stroke_width(scale.int(2.0, 1) as u32)))?;
    let style = anchored(&scale.font(14.0), HPos::Center, VPos::Top);
    let text = date.to_string();
    let (w, h) = text_size(root, &text, &style);
    let pad = scale.int(4.0, 2);
    let y = top.1 + pad;
    root.draw(&Rectangle::new(
        [(top.0 - w / 2 - pad, y - pad / 2), (top.0 + w / 2 + pad, y + h + pad)],
        BACKGROUND.filled(),
    ))?;
    root.draw(&Rectangle::new(
        [(top.0 - w / 2 - pad, y - pad / 2), (top.0 + w / 2 + pad, y + h + pad)],
        PLAYHEAD.stroke_width(1),
    ))?;
    root.draw_text(&text, &style, (top.0, y))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chart::{FLOAT_COLOR, LineStyle, Series};

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap_or_else(|e| panic!("test date {s:?} is not YYYY-MM-DD: {e}"))
    }

    #[test]
    fn steps_hold_until_the_next_point_and_gaps_split_runs() {
        let s = Series {
            name: "x".into(),
            color: FLOAT_COLOR,
            style: LineStyle::Solid,
            points: vec![
                (d("2024-01-01"), Some(0.1)),
                (d("2024-02-01"), Some(0.2)),
                (d("2024-03-01"), None),
                (d("2024-04-01"), Some(0.3)),
            ],
            notes: Vec::new(),
        };
        let runs = s.step_runs(d("2024-12-31"));
        let x = |s: &str| date_to_x(d(s));
        assert_eq!(
            runs,
            vec![
                vec![(x("2024-01-01"), 0.1), (x("2024-02-01"), 0.1), (x("2024-02-01"), 0.2), (x("2024-03-01"), 0.2)],
                vec![(x("2024-04-01"), 0.3), (x("2024-12-31"), 0.3)],
            ]
        );
    }
}
