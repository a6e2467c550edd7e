//! A line of text as SVG paths: the outlines of its glyphs, for a line with characters that
//! DejaVu Sans lacks (日産自動車), so that an SVG shows them whatever fonts its viewer has. The
//! text itself is the group's `<title>` and `aria-label`, so it stays searchable and is read out.

use std::fmt::Write;

use ab_glyph::{Font, OutlineCurve, ScaleFont};
use plotters_backend::{BackendCoord, BackendTextStyle, FontTransform};

use crate::chart::render::fonts::Glyph;

/// `glyphs` (the layout of `text` with an em of `em` pixels) as an SVG group of filled paths in
/// `style`'s colour, anchored at `pos` with its start and baseline at `origin` from the anchor,
/// turned as `style` says.
pub(super) fn svg<S: BackendTextStyle>(
    glyphs: &[Glyph],
    em: f32,
    text: &str,
    style: &S,
    pos: BackendCoord,
    origin: (f32, f32),
) -> String {
    let color = style.color();
    let (r, g, b) = color.rgb;
    // Text coordinates (along the text, down across it) turned as the style says and moved to
    // the anchor: written into the path itself, since not every viewer applies a transform.
    let turned = style.transform();
    let place = move |(x, y): (f32, f32)| {
        let (x, y) = match turned {
            FontTransform::None => (x, y),
            FontTransform::Rotate90 => (-y, x),
            FontTransform::Rotate180 => (-x, -y),
            FontTransform::Rotate270 => (y, -x),
        };
        (pos.0 as f32 + x, pos.1 as f32 + y)
    };
    let text = escape(text);
    let mut d = String::new();
    for glyph in glyphs {
        let Some(outline) = glyph.face.font.outline(glyph.id) else { continue };
        let scaled = glyph.face.font.as_scaled(glyph.face.scale(em));
        let (sx, sy) = (scaled.h_scale_factor(), scaled.v_scale_factor());
        let x0 = origin.0 + glyph.pen;
        // Font units (y up) to the line's pixels (y down), the baseline at origin.1.
        let at = |p: ab_glyph::Point| place((x0 + p.x * sx, origin.1 - p.y * sy));
        let mut pen: Option<ab_glyph::Point> = None;
        for curve in &outline.curves {
            let (start, end) = match curve {
                OutlineCurve::Line(a, b) | OutlineCurve::Quad(a, _, b) | OutlineCurve::Cubic(a, _, _, b) => (*a, *b),
            };
            if pen != Some(start) {
                let (x, y) = at(start);
                let _ = write!(d, "M{x:.2} {y:.2}");
            }
            let _ = match curve {
                OutlineCurve::Line(_, b) => {
                    let (x, y) = at(*b);
                    write!(d, "L{x:.2} {y:.2}")
                }
                OutlineCurve::Quad(_, c, b) => {
                    let ((cx, cy), (x, y)) = (at(*c), at(*b));
                    write!(d, "Q{cx:.2} {cy:.2} {x:.2} {y:.2}")
                }
                OutlineCurve::Cubic(_, c1, c2, b) => {
                    let ((ax, ay), (bx, by), (x, y)) = (at(*c1), at(*c2), at(*b));
                    write!(d, "C{ax:.2} {ay:.2} {bx:.2} {by:.2} {x:.2} {y:.2}")
                }
            };
            pen = Some(end);
        }
    }
    format!(
        "<g role=\"img\" aria-label=\"{text}\" fill=\"#{r:02x}{g:02x}{b:02x}\" fill-opacity=\"{}\">\
         <title>{text}</title><path d=\"{d}\"/></g>\n",
        color.alpha
    )
}

/// `text` safe inside an XML attribute or element.
fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}
