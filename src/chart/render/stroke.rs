//! Lines drawn solid, dashed or dotted, the same way in SVG and PNG.
//!
//! Dashes are cut here rather than by the backends, so that a dash pattern runs on across
//! the corners of a step line. Horizontal and vertical pieces (all of a step line) are drawn
//! as exact rectangles, which rasterise crisply; other pieces as quadrilaterals.

use plotters::prelude::*;

use super::style::{Area, Drawn, Scale};
use crate::chart::LineStyle;

/// A point in pixels, before rounding.
pub(super) type Pt = (f64, f64);

/// Draws the polyline `points` in `style`, `color` and stroke `width` (pixels).
pub(super) fn stroke<DB: DrawingBackend>(
    area: &Area<DB>,
    points: &[Pt],
    color: RGBColor,
    width: f64,
    style: LineStyle,
    scale: Scale,
) -> Drawn {
    let width = width.max(1.0);
    let pieces = match pattern(style, width, scale) {
        None => vec![points.to_vec()],
        Some((on, off)) => dashes(points, on, off),
    };
    for piece in pieces {
        if let [only] = piece.as_slice() {
            segment(area, *only, *only, color, width)?;
        }
        for pair in piece.windows(2) {
            segment(area, pair[0], pair[1], color, width)?;
        }
    }
    Ok(())
}

/// Lengths drawn and skipped along the line, `None` for a solid line. Each piece gets square
/// caps of half the width, which the lengths allow for.
fn pattern(style: LineStyle, width: f64, scale: Scale) -> Option<(f64, f64)> {
    match style {
        LineStyle::Solid => None,
        LineStyle::Dashed => Some(((scale.px(12.0) + width).max(2.0), scale.px(7.0) + 2.5 * width)),
        LineStyle::Dotted => Some((0.0, scale.px(2.0) + 1.3 * width)),
    }
}

/// The pieces of a polyline drawn with `on` pixels drawn, `off` skipped, and so on; a piece
/// may turn corners. `off` is at least one pixel.
pub(super) fn dashes(points: &[Pt], on: f64, off: f64) -> Vec<Vec<Pt>> {
    let off = off.max(1.0);
    let on = on.max(0.0);
    let mut out = Vec::new();
    let Some(&first) = points.first() else {
        return out;
    };
    let mut piece = vec![first];
    let (mut drawing, mut left) = (true, on);
    for pair in points.windows(2) {
        let (mut a, b) = (pair[0], pair[1]);
        let mut d = distance(a, b);
        while d > left {
            let t = left / d;
            let p = (a.0 + (b.0 - a.0) * t, a.1 + (b.1 - a.1) * t);
            if drawing {
                piece.push(p);
                out.push(std::mem::take(&mut piece));
            } else {
                piece = vec![p];
            }
            drawing = !drawing;
            left = if drawing { on } else { off };
            d -= distance(a, p);
            a = p;
        }
        left -= d;
        if drawing {
            piece.push(b);
        }
    }
    if drawing && !piece.is_empty() {
        out.push(piece);
    }
    out
}

fn distance(a: Pt, b: Pt) -> f64 {
    (b.0 - a.0).hypot(b.1 - a.1)
}

/// One straight piece of stroke: a rectangle with square caps when horizontal or vertical,
/// else a quadrilateral.
fn segment<DB: DrawingBackend>(area: &Area<DB>, a: Pt, b: Pt, color: RGBColor, width: f64) -> Drawn {
    let h = width / 2.0;
    let px = |v: f64| v.round() as i32;
    let rect = |x0: f64, x1: f64, y0: f64, y1: f64| {
        let (l, t) = (px(x0), px(y0));
        Rectangle::new([(l, t), (px(x1).max(l + 1) - 1, px(y1).max(t + 1) - 1)], color.filled())
    };
    if (a.1 - b.1).abs() < 0.5 {
        area.draw(&rect(a.0.min(b.0) - h, a.0.max(b.0) + h, a.1 - h, a.1 + h))?;
    } else if (a.0 - b.0).abs() < 0.5 {
        area.draw(&rect(a.0 - h, a.0 + h, a.1.min(b.1) - h, a.1.max(b.1) + h))?;
    } else {
        let d = distance(a, b);
        let n = ((a.1 - b.1) / d * h, (b.0 - a.0) / d * h);
        let quad = [(a.0 + n.0, a.1 + n.1), (b.0 + n.0, b.1 + n.1), (b.0 - n.0, b.1 - n.1), (a.0 - n.0, a.1 - n.1)];
        area.draw(&Polygon::new(quad.map(|p| (px(p.0), px(p.1))).to_vec(), color.filled()))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dashes_run_on_across_corners() {
        let pieces = dashes(&[(0.0, 0.0), (10.0, 0.0), (10.0, 10.0)], 6.0, 4.0);
        assert_eq!(pieces, vec![vec![(0.0, 0.0), (6.0, 0.0)], vec![(10.0, 0.0), (10.0, 6.0)]]);
    }

    #[test]
    fn dots_are_points() {
        let pieces = dashes(&[(0.0, 0.0), (10.0, 0.0)], 0.0, 5.0);
        assert_eq!(pieces, vec![vec![(0.0, 0.0), (0.0, 0.0)], vec![(5.0, 0.0), (5.0, 0.0)]]);
    }
}
