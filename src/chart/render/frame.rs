//! The frame around every exported chart: the title and subtitle on top, the legend on the
//! right (one entry per series, group or style), and the area left for the plot.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use super::stroke::stroke;
use super::style::{AXIS, Area, DrawFail, MUTED, Scale, anchored, fit_text, text_size, wrap_text};
use crate::chart::{Chart, LineStyle};

/// How a legend entry shows what it names.
#[derive(Debug, Clone, Copy)]
pub(super) enum Swatch {
    /// A line sample in a colour, style and stroke width (base pixels at 1600×900).
    Line(RGBColor, LineStyle, f64),
    /// A filled square.
    Square(RGBColor),
}

/// One entry of the legend.
#[derive(Debug, Clone)]
pub(super) struct LegendEntry {
    /// The text (a series, group or style name).
    pub name: String,
    /// The sample drawn before it.
    pub swatch: Swatch,
}

/// Draws the title, the subtitle and the legend; returns the area left for the plot.
pub(super) fn frame<DB: DrawingBackend>(
    root: &Area<DB>,
    scale: Scale,
    chart: &Chart,
    legend: &[LegendEntry],
) -> Result<Area<DB>, DrawFail> {
    let header = header(root, scale, chart)?;
    let (_, body) = root.split_vertically(header);
    if legend.is_empty() {
        return Ok(body);
    }
    let (w, _) = root.dim_in_pixel();
    let layout = LegendLayout::fit(&body, scale, legend);
    let (plot, side) = body.split_horizontally(w as i32 - layout.width);
    draw_legend(&side, scale, legend, &layout)?;
    Ok(plot)
}

/// Draws the title, the subtitle and the reading of the index drawn, centred; returns the
/// height they take.
fn header<DB: DrawingBackend>(root: &Area<DB>, scale: Scale, chart: &Chart) -> Result<i32, DrawFail> {
    let (w, _) = root.dim_in_pixel();
    let margin = scale.int(16.0, 4);
    let max = w as i32 - 2 * margin;
    let mut y = margin;
    let title = scale.font(30.0);
    let subtitle = scale.font(17.0).color(&MUTED);
    let reading = scale.font(15.0).color(&MUTED);
    let parts = [(&title, &chart.title, 2), (&subtitle, &chart.subtitle, 3), (&reading, &chart.reading, 2)];
    for (style, text, lines) in parts.into_iter().filter(|(_, text, _)| !text.is_empty()) {
        for line in wrap_text(root, text, style, max, lines) {
            let h = text_size(root, &line, style).1.max(1);
            root.draw_text(&line, &anchored(style, HPos::Center, VPos::Top), (w as i32 / 2, y))?;
            y += (f64::from(h) * 1.3).round() as i32;
        }
        y += scale.int(4.0, 1);
    }
    Ok(y + margin / 2)
}

/// Sizes of the legend column.
struct LegendLayout {
    /// Width of the column, margins included.
    width: i32,
    /// Font of the entries.
    font: TextStyle<'static>,
    /// Height of one entry.
    line: i32,
    /// Length of a line sample.
    sample: i32,
    /// Padding inside the legend's frame.
    pad: i32,
}

impl LegendLayout {
    /// A column as narrow as the longest name allows (at most 38% of the image), with a font
    /// small enough for every entry to fit in the height.
    fn fit<DB: DrawingBackend>(body: &Area<DB>, scale: Scale, legend: &[LegendEntry]) -> LegendLayout {
        let (w, h) = body.dim_in_pixel();
        let pad = scale.int(10.0, 3);
        let mut size = 17.0;
        let mut font = scale.font(size);
        let mut line = Self::line_height(body, &font);
        let available = h as i32 - 4 * pad;
        while line * legend.len() as i32 > available && size > 6.0 {
            size *= 0.92;
            font = scale.font(size);
            line = Self::line_height(body, &font);
        }
        let sample = scale.int(36.0, 12);
        let widest = legend.iter().map(|e| text_size(body, &e.name, &font).0).max().unwrap_or(0);
        let width = (widest + sample + 5 * pad).min((f64::from(w) * 0.38) as i32);
        LegendLayout { width, font, line, sample, pad }
    }

    fn line_height<DB: DrawingBackend>(body: &Area<DB>, font: &TextStyle<'static>) -> i32 {
        (f64::from(text_size(body, "Ág", font).1.max(1)) * 1.7).round() as i32
    }
}

/// Draws the legend entries in a light frame at the top of `side`.
fn draw_legend<DB: DrawingBackend>(
    side: &Area<DB>,
    scale: Scale,
    legend: &[LegendEntry],
    l: &LegendLayout,
) -> Result<(), DrawFail> {
    let (x0, y0) = (l.pad, 2 * l.pad);
    let right = l.width - l.pad;
    let bottom = y0 + l.pad + l.line * legend.len() as i32;
    side.draw(&Rectangle::new([(x0, y0), (right, bottom)], ShapeStyle::from(AXIS.mix(0.6)).stroke_width(1)))?;
    let text_x = x0 + l.pad + l.sample + l.pad;
    let text_max = right - l.pad - text_x;
    let text_style = anchored(&l.font, HPos::Left, VPos::Center);
    for (k, entry) in legend.iter().enumerate() {
        let y = y0 + l.pad / 2 + l.line * k as i32 + l.line / 2;
        let (sx0, sx1) = (x0 + l.pad, x0 + l.pad + l.sample);
        match entry.swatch {
            Swatch::Line(color, style, width) => stroke(
                side,
                &[(f64::from(sx0), f64::from(y)), (f64::from(sx1), f64::from(y))],
                color,
                scale.px(width),
                style,
                scale,
            )?,
            Swatch::Square(color) => {
                let half = l.line / 4;
                let mid = (sx0 + sx1) / 2;
                side.draw(&Rectangle::new([(mid - half * 2, y - half), (mid + half * 2, y + half)], color.filled()))?;
            }
        }
        side.draw_text(&fit_text(side, &entry.name, &l.font, text_max), &text_style, (text_x, y))?;
    }
    Ok(())
}
