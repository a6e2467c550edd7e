//! Text set by alliance-sim rather than by plotters (a leaf: it imports nothing from the rest
//! of the renderer but the fonts).
//!
//! plotters 0.3.7 draws each glyph at the pen position truncated to a whole pixel and drops
//! the glyph's left side bearing, so exported PNGs read "Ren ault" and "2 026". Here a line of
//! text is laid out once — each character in the first font of [`super::fonts`] that has it
//! (DejaVu Sans, then a system font, then the embedded CJK fallback), the pen in fractions of a
//! pixel, with each font's kerning, each outline placed at its own bounds — and that one layout
//! is used to measure text (legend widths, label areas) and to draw it on a raster, its coverage
//! blended into the image. SVG keeps `<text>` (the viewer sets it), named `DejaVu Sans,
//! sans-serif` so that a viewer with the font sets it as measured here, with its baseline where
//! the PNG has it; a line with a character DejaVu Sans lacks is written as the outlines of its
//! glyphs instead (with the text as its title), so that 日産自動車 reads the same in any viewer,
//! whatever fonts it has.
//!
//! [`Typeset`] wraps a plotters backend and routes all of its text through this module, so
//! every text of every chart (titles, legends, tick labels, rotated axis titles, network
//! labels) is set the same way.

mod outline;

use std::cell::RefCell;
use std::rc::Rc;

use ab_glyph::{Font, ScaleFont, point};
use plotters_backend::text_anchor::{HPos, Pos, VPos};
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingBackend, DrawingErrorKind, FontFamily,
    FontStyle, FontTransform,
};

use super::fonts::{self, Face, Glyph};

/// The font family SVG text names: the embedded font first, then any sans-serif.
pub(super) const SVG_FAMILY: &str = "DejaVu Sans, sans-serif";

/// Ems per unit of a plotters font size. plotters' size is a line height: its SVG backend
/// writes `font-size` as size / 1.24, and text set here uses the same em, so that an SVG and
/// a PNG of a chart have the same text sizes.
const EM_PER_SIZE: f32 = 1.0 / 1.24;

/// Where the baseline lies below the top of a line's box, in ems: where plotters' SVG
/// backend puts it for text anchored at its top (`dy="0.76em"`).
const BASELINE: f32 = 0.76;

/// The embedded DejaVu Sans, parsed once; `None` if it cannot be read (a broken build).
pub(super) fn face() -> Option<&'static Face> {
    fonts::primary()
}

/// A line of text laid out at a size: each glyph with its pen position, in pixels from the
/// line's start.
#[derive(Debug, Clone)]
pub(super) struct Line {
    /// The glyphs, each with its font and pen position.
    pub glyphs: Vec<Glyph>,
    /// The advance of the whole line: where the pen ends.
    pub width: f32,
    /// The em, in pixels.
    pub em: f32,
}

/// `text` laid out at the plotters font size `size`, each character in the first font that has
/// it ([`fonts::face_for`]).
pub(super) fn set(text: &str, size: f64) -> Line {
    let em = (size as f32 * EM_PER_SIZE).max(0.0);
    let mut glyphs: Vec<Glyph> = Vec::with_capacity(text.len());
    let mut pen = 0.0f32;
    for c in text.chars() {
        let Some(face) = fonts::face_for(c) else { continue };
        let scaled = face.font.as_scaled(face.scale(em));
        let id = scaled.glyph_id(c);
        // Kerning between two glyphs of the same font only.
        if let Some(prev) = glyphs.last().filter(|g| std::ptr::eq(g.face, face)) {
            pen += scaled.kern(prev.id, id);
        }
        glyphs.push(Glyph { face, id, pen });
        pen += scaled.h_advance(id);
    }
    Line { glyphs, width: pen, em }
}

/// The width and height of `text` at the plotters font size `size`: its advance, and one em
/// (the height of a line's box, as plotters measured it).
pub(super) fn measure(text: &str, size: f64) -> (u32, u32) {
    let line = set(text, size);
    (line.width.round().max(0.0) as u32, line.em.round().max(0.0) as u32)
}

impl Line {
    /// The offset of the line's start from the anchor, along the text.
    fn start(&self, h: HPos) -> f32 {
        match h {
            HPos::Left => 0.0,
            HPos::Center => -self.width / 2.0,
            HPos::Right => -self.width,
        }
    }

    /// The offset of the baseline from the anchor, across the text (down is positive): the
    /// line's box of one em is anchored at its top, middle or bottom.
    fn baseline(&self, v: VPos) -> f32 {
        let top = match v {
            VPos::Top => 0.0,
            VPos::Center => -0.5,
            VPos::Bottom => -1.0,
        };
        (top + BASELINE) * self.em
    }

    /// The pixels the line covers, anchored at (0, 0) as `anchor` says, in text coordinates
    /// (x along the text, y down across it), with their coverage (0 to 1).
    pub(super) fn coverage(&self, anchor: Pos) -> Vec<(i32, i32, f32)> {
        let (x0, y) = (self.start(anchor.h_pos), self.baseline(anchor.v_pos));
        let mut out = Vec::new();
        for g in &self.glyphs {
            let glyph = g.id.with_scale_and_position(g.face.scale(self.em), point(x0 + g.pen, y));
            let Some(outline) = g.face.font.outline_glyph(glyph) else {
                continue;
            };
            let min = outline.px_bounds().min;
            let (left, top) = (min.x as i32, min.y as i32);
            outline.draw(|px, py, c| {
                if c > 0.0 {
                    out.push((left + px as i32, top + py as i32, c.min(1.0)));
                }
            });
        }
        out
    }
}

/// The pixel that text pixel (`x`, `y`) lands on once the text is turned by `t` about the
/// anchor (the pixel's whole square turns, so its top-left corner moves).
fn turn(t: &FontTransform, x: i32, y: i32) -> (i32, i32) {
    match t {
        FontTransform::None => (x, y),
        FontTransform::Rotate90 => (-y - 1, x),
        FontTransform::Rotate180 => (-x - 1, -y - 1),
        FontTransform::Rotate270 => (y, -x - 1),
    }
}

/// The error of a font that cannot be read.
#[derive(Debug, thiserror::Error)]
#[error("the embedded font DejaVu Sans cannot be read")]
pub(super) struct NoFont;

/// The embedded font, or the error a backend reports without it.
fn font_or_fail<E: std::error::Error + Send + Sync>() -> Result<&'static Face, DrawingErrorKind<E>> {
    face().ok_or_else(|| DrawingErrorKind::FontError(Box::new(NoFont)))
}

/// Where a vector backend puts the lines it writes as glyph outlines: SVG elements, appended to
/// the document by its caller (after everything else, as text is drawn last).
pub(super) type Outlines = Rc<RefCell<Vec<String>>>;

/// A plotters backend whose text is set by this module: drawn glyph by glyph on a raster,
/// or, on SVG, written as `<text>` naming DejaVu Sans with its baseline placed as on a raster
/// (as outlines when DejaVu Sans lacks a character of it). Every other drawing goes to the
/// wrapped backend unchanged.
pub(super) struct Typeset<DB> {
    inner: DB,
    /// `None` on a raster; on SVG, where lines set as outlines go.
    outlines: Option<Outlines>,
}

impl<DB: DrawingBackend> Typeset<DB> {
    /// A raster backend (plotters' bitmap): text drawn here.
    pub(super) fn raster(inner: DB) -> Typeset<DB> {
        Typeset { inner, outlines: None }
    }

    /// A vector backend (plotters' SVG): text left to the viewer, named and placed here; lines
    /// with characters DejaVu Sans lacks go to `outlines` as paths.
    pub(super) fn vector(inner: DB, outlines: Outlines) -> Typeset<DB> {
        Typeset { inner, outlines: Some(outlines) }
    }

    /// Draws `text` pixel by pixel, its coverage blended with the background.
    fn draw_glyphs<S: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &S,
        pos: BackendCoord,
    ) -> Result<(), DrawingErrorKind<DB::ErrorType>> {
        let color = style.color();
        font_or_fail()?;
        let turned = style.transform();
        for (x, y, c) in set(text, style.size()).coverage(style.anchor()) {
            let (dx, dy) = turn(&turned, x, y);
            let ink = BackendColor { alpha: color.alpha * f64::from(c), rgb: color.rgb };
            self.inner.draw_pixel((pos.0 + dx, pos.1 + dy), ink)?;
        }
        Ok(())
    }

    /// Writes `text` as SVG text named DejaVu Sans, anchored at the top of its box and moved
    /// so that its baseline lies where [`Line::baseline`] puts it; or, when DejaVu Sans lacks
    /// one of its characters, as the outlines of its glyphs.
    fn write_text<S: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &S,
        pos: BackendCoord,
    ) -> Result<(), DrawingErrorKind<DB::ErrorType>> {
        let primary = font_or_fail()?;
        let line = set(text, style.size());
        let anchor = style.anchor();
        if let Some(sink) = &self.outlines
            && line.glyphs.iter().any(|g| !std::ptr::eq(g.face, primary))
        {
            let origin = (line.start(anchor.h_pos), line.baseline(anchor.v_pos));
            let path = outline::svg(&line.glyphs, line.em, text, style, pos, origin);
            sink.borrow_mut().push(path);
            return Ok(());
        }
        let shift = (line.baseline(anchor.v_pos) - line.baseline(VPos::Top)).round() as i32;
        let (dx, dy) = style.transform().transform(0, shift);
        let named = Named { inner: style, anchor: Pos::new(anchor.h_pos, VPos::Top) };
        self.inner.draw_text(text, &named, (pos.0 + dx, pos.1 + dy))
    }
}

/// A text style as given, but naming [`SVG_FAMILY`] and anchored as `anchor` says.
struct Named<'s, S> {
    inner: &'s S,
    anchor: Pos,
}

impl<S: BackendTextStyle> BackendTextStyle for Named<'_, S> {
    type FontError = S::FontError;

    fn color(&self) -> BackendColor {
        self.inner.color()
    }

    fn size(&self) -> f64 {
        self.inner.size()
    }

    fn transform(&self) -> FontTransform {
        self.inner.transform()
    }

    fn style(&self) -> FontStyle {
        self.inner.style()
    }

    fn anchor(&self) -> Pos {
        self.anchor
    }

    fn family(&self) -> FontFamily<'_> {
        FontFamily::Name(SVG_FAMILY)
    }

    fn layout_box(&self, text: &str) -> Result<((i32, i32), (i32, i32)), Self::FontError> {
        self.inner.layout_box(text)
    }

    fn draw<E, F: FnMut(i32, i32, BackendColor) -> Result<(), E>>(
        &self,
        text: &str,
        pos: BackendCoord,
        draw: F,
    ) -> Result<Result<(), E>, Self::FontError> {
        self.inner.draw(text, pos, draw)
    }
}

impl<DB: DrawingBackend> DrawingBackend for Typeset<DB> {
    type ErrorType = DB::ErrorType;

    fn get_size(&self) -> (u32, u32) {
        self.inner.get_size()
    }

    fn ensure_prepared(&mut self) -> Result<(), DrawingErrorKind<DB::ErrorType>> {
        self.inner.ensure_prepared()
    }

    fn present(&mut self) -> Result<(), DrawingErrorKind<DB::ErrorType>> {
        self.inner.present()
    }

    fn draw_pixel(&mut self, point: BackendCoord, color: BackendColor) -> Result<(), DrawingErrorKind<DB::ErrorType>> {
        self.inner.draw_pixel(point, color)
    }

    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> Result<(), DrawingErrorKind<DB::ErrorType>> {
        self.inner.draw_line(from, to, style)
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<DB::ErrorType>> {
        self.inner.draw_rect(upper_left, bottom_right, style, fill)
    }

    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<DB::ErrorType>> {
        self.inner.draw_path(path, style)
    }

    fn draw_circle<S: BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<DB::ErrorType>> {
        self.inner.draw_circle(center, radius, style, fill)
    }

    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<DB::ErrorType>> {
        self.inner.fill_polygon(vert, style)
    }

    fn draw_text<S: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &S,
        pos: BackendCoord,
    ) -> Result<(), DrawingErrorKind<DB::ErrorType>> {
        if style.color().alpha == 0.0 {
            Ok(())
        } else if self.outlines.is_none() {
            self.draw_glyphs(text, style, pos)
        } else {
            self.write_text(text, style, pos)
        }
    }

    fn estimate_text_size<S: BackendTextStyle>(
        &self,
        text: &str,
        style: &S,
    ) -> Result<(u32, u32), DrawingErrorKind<DB::ErrorType>> {
        font_or_fail()?;
        Ok(measure(text, style.size()))
    }

    fn blit_bitmap(
        &mut self,
        pos: BackendCoord,
        size: (u32, u32),
        src: &[u8],
    ) -> Result<(), DrawingErrorKind<DB::ErrorType>> {
        self.inner.blit_bitmap(pos, size, src)
    }
}

#[cfg(test)]
mod tests;
