//! What every kind of chart draws with (a leaf: it imports nothing from the rest of the
//! renderer): the scale of text and lines for a given image size, the palette's colours as
//! plotters colours, text measuring, fitting and wrapping, arrow heads and empty-chart notes.

use std::error::Error;

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use crate::chart::palette;
use crate::model;

/// The font family text styles name. Text is not set by plotters but by
/// [`super::glyphs::Typeset`], in the fonts of [`super::fonts`]; this only fills the style.
pub(super) const FAMILY: &str = "sans-serif";

/// A drawing area in pixel coordinates.
pub(super) type Area<DB> = DrawingArea<DB, Shift>;

/// A pixel position.
pub(super) type Px = (i32, i32);

/// A drawing failure, whatever the backend; turned into [`ExportError::Draw`].
#[derive(Debug)]
pub(super) struct DrawFail(String);

impl<E: Error + Send + Sync> From<DrawingAreaErrorKind<E>> for DrawFail {
    fn from(e: DrawingAreaErrorKind<E>) -> DrawFail {
        DrawFail(e.to_string())
    }
}

impl DrawFail {
    /// What plotters reported.
    pub(super) fn detail(self) -> String {
        self.0
    }
}

/// The result of drawing.
pub(super) type Drawn = Result<(), DrawFail>;

/// Sizes of text and lines for an image size: 1.0 at 1600×900, proportional beyond.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Scale(pub f64);

impl Scale {
    /// The scale of an image.
    pub(super) fn of<DB: DrawingBackend>(root: &Area<DB>) -> Scale {
        let (w, h) = root.dim_in_pixel();
        Scale((f64::from(w) / 1600.0).min(f64::from(h) / 900.0).clamp(0.3, 12.0))
    }

    /// `base` pixels at 1600×900, scaled.
    pub(super) fn px(self, base: f64) -> f64 {
        base * self.0
    }

    /// `base` pixels, scaled and rounded, at least `min`.
    pub(super) fn int(self, base: f64, min: i32) -> i32 {
        (base * self.0).round().max(f64::from(min)) as i32
    }

    /// A font of `base` pixels at 1600×900; on small images text shrinks less than the
    /// rest (at most to 65%), and never below 7 pixels.
    pub(super) fn font(self, base: f64) -> TextStyle<'static> {
        TextStyle::from((FAMILY, (base * self.0.max(0.65)).max(7.0)).into_font()).color(&TEXT)
    }
}

/// Body text.
pub(super) const TEXT: RGBColor = rgb(palette::EXPORT_TEXT);
/// Secondary text.
pub(super) const MUTED: RGBColor = rgb(palette::EXPORT_MUTED);
/// Grid lines.
pub(super) const GRID: RGBColor = rgb(palette::EXPORT_GRID);
/// Axes and frames.
pub(super) const AXIS: RGBColor = rgb(palette::EXPORT_AXIS);
/// Suppressed votes.
pub(super) const SUPPRESSED: RGBColor = rgb(palette::suppressed_line(palette::Mode::Light));
/// The background (white).
pub(super) const BACKGROUND: RGBColor = rgb(palette::WHITE);

/// A palette or model colour as a plotters colour.
pub(super) const fn rgb(c: model::Color) -> RGBColor {
    RGBColor(c.r, c.g, c.b)
}

/// An entity's colour as a line on white (darkened until its contrast is at least 3:1).
pub(super) fn line(c: model::Color) -> RGBColor {
    rgb(palette::line(c, palette::Mode::Light))
}

/// `style` anchored at `h`, `v`.
pub(super) fn anchored(style: &TextStyle<'static>, h: HPos, v: VPos) -> TextStyle<'static> {
    style.clone().pos(Pos::new(h, v))
}

/// The width and height of `text` in `style`, in pixels (0 if it cannot be measured).
pub(super) fn text_size<DB: DrawingBackend>(area: &Area<DB>, text: &str, style: &TextStyle<'static>) -> (i32, i32) {
    area.estimate_text_size(text, style).map(|(w, h)| (w as i32, h as i32)).unwrap_or((0, 0))
}

/// `text` cut with an ellipsis so that it fits in `max` pixels.
pub(super) fn fit_text<DB: DrawingBackend>(
    area: &Area<DB>,
    text: &str,
    style: &TextStyle<'static>,
    max: i32,
) -> String {
    if text_size(area, text, style).0 <= max {
        return text.to_string();
    }
    let chars: Vec<char> = text.chars().collect();
    let mut n = chars.len();
    while n > 1 {
        n -= 1;
        let candidate: String = chars[..n].iter().collect::<String>() + "…";
        if text_size(area, &candidate, style).0 <= max {
            return candidate;
        }
    }
    "…".to_string()
}

/// Words of `text` wrapped into lines of at most `max` pixels, at most `lines` lines (the
/// last one cut with an ellipsis if needed).
pub(super) fn wrap_text<DB: DrawingBackend>(
    area: &Area<DB>,
    text: &str,
    style: &TextStyle<'static>,
    max: i32,
    lines: usize,
) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut current = String::new();
    for word in text.split_whitespace() {
        let candidate = if current.is_empty() { word.to_string() } else { format!("{current} {word}") };
        if current.is_empty() || text_size(area, &candidate, style).0 <= max {
            current = candidate;
        } else {
            out.push(std::mem::replace(&mut current, word.to_string()));
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    if out.len() > lines {
        let rest = out.split_off(lines.saturating_sub(1)).join(" ");
        out.push(rest);
    }
    out.into_iter().map(|l| fit_text(area, &l, style, max)).collect()
}

/// A filled triangle (an arrow head).
pub(super) fn triangle<DB: DrawingBackend>(area: &Area<DB>, points: [Px; 3], color: RGBColor) -> Drawn {
    area.draw(&Polygon::new(points.to_vec(), color.filled()))?;
    Ok(())
}

/// A message in the middle of `area` (for a chart without data).
pub(super) fn empty_note<DB: DrawingBackend>(area: &Area<DB>, scale: Scale, text: &str) -> Drawn {
    let (w, h) = area.dim_in_pixel();
    let style = anchored(&scale.font(20.0).color(&MUTED), HPos::Center, VPos::Center);
    area.draw_text(text, &style, (w as i32 / 2, h as i32 / 2))?;
    Ok(())
}
