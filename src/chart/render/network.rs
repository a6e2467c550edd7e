//! Network charts: entities as circles with their names, holdings as arrows from holder to
//! issuer, thicker for larger stakes, labelled, and drawn by voting status: full solid,
//! capped dashed, neutral dotted, suppressed grey.
//!
//! Node positions ([-1, 1]², y up) are stretched to fill the drawing area; each arrow's label
//! is put beside it where it overlaps no node, name, arrow or other label if it can.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use super::frame::{LegendEntry, Swatch, frame};
use super::stroke::{Pt, stroke};
use super::style::{
    Area, BACKGROUND, Drawn, SUPPRESSED, Scale, TEXT, anchored, empty_note, line, rgb, text_size, triangle,
};
use crate::chart::{Chart, Edge, LineStyle, NetworkChart, Node, palette};
use crate::engine::VoteStatus;

/// A legend of the four ways an arrow is drawn.
fn legend() -> Vec<LegendEntry> {
    let dark = rgb(palette::EXPORT_OUTLINE);
    [
        ("full votes", dark, LineStyle::Solid),
        ("capped: votes above the cap are neutral", dark, LineStyle::Dashed),
        ("neutral votes (trust)", dark, LineStyle::Dotted),
        ("suppressed by law", SUPPRESSED, LineStyle::Solid),
    ]
    .into_iter()
    .map(|(name, color, style)| LegendEntry { name: name.into(), swatch: Swatch::Line(color, style, 3.0) })
    .collect()
}

/// How an arrow of a status is drawn, given the holder's colour.
fn arrow_look(status: VoteStatus, color: RGBColor) -> (RGBColor, LineStyle) {
    match status {
        VoteStatus::Full => (color, LineStyle::Solid),
        VoteStatus::Capped => (color, LineStyle::Dashed),
        VoteStatus::Neutral => (color, LineStyle::Dotted),
        VoteStatus::Suppressed => (SUPPRESSED, LineStyle::Solid),
    }
}

/// A box in pixels: left, top, right, bottom.
type Boxed = (f64, f64, f64, f64);

fn overlaps(a: Boxed, b: Boxed) -> bool {
    a.0 < b.2 && b.0 < a.2 && a.1 < b.3 && b.1 < a.3
}

/// Where nodes go and how big they are.
struct Geometry {
    /// Pixel of position (0, 0) after centring, and pixels per unit in x and y.
    origin: Pt,
    unit: Pt,
    scale: Scale,
}

impl Geometry {
    /// Stretches the nodes' bounding box over the area (at most 1.6 times more in one
    /// direction than in the other), leaving room for names.
    fn fit<DB: DrawingBackend>(area: &Area<DB>, scale: Scale, nodes: &[Node]) -> Geometry {
        let (w, h) = area.dim_in_pixel();
        let (bx, by) = area.get_base_pixel();
        let (lo_x, hi_x) = nodes.iter().fold((f64::MAX, f64::MIN), |(a, b), n| (a.min(n.pos.0), b.max(n.pos.0)));
        let (lo_y, hi_y) = nodes.iter().fold((f64::MAX, f64::MIN), |(a, b), n| (a.min(n.pos.1), b.max(n.pos.1)));
        let avail_w = (f64::from(w) - scale.px(260.0)).max(10.0);
        let avail_h = (f64::from(h) - scale.px(150.0)).max(10.0);
        let (sx, sy) = (avail_w / (hi_x - lo_x).max(0.2), avail_h / (hi_y - lo_y).max(0.2));
        let common = sx.min(sy);
        let unit = (sx.min(common * 1.6), sy.min(common * 1.6));
        let centre = (f64::from(bx) + f64::from(w) / 2.0, f64::from(by) + f64::from(h) / 2.0 - scale.px(10.0));
        let origin = (centre.0 - (lo_x + hi_x) / 2.0 * unit.0, centre.1 + (lo_y + hi_y) / 2.0 * unit.1);
        Geometry { origin, unit, scale }
    }

    /// The pixel of a node position (y up).
    fn at(&self, pos: (f64, f64)) -> Pt {
        (self.origin.0 + pos.0 * self.unit.0, self.origin.1 - pos.1 * self.unit.1)
    }

    /// The radius of a node's circle.
    fn node_radius(&self, is_company: bool) -> f64 {
        self.scale.px(if is_company { 34.0 } else { 24.0 })
    }

    /// The name's font.
    fn name_font(&self, is_company: bool) -> TextStyle<'static> {
        anchored(&self.scale.font(if is_company { 19.0 } else { 16.0 }), HPos::Center, VPos::Top)
    }
}

/// Draws a network chart on the whole image.
pub(super) fn draw<DB: DrawingBackend>(root: &Area<DB>, scale: Scale, chart: &Chart, n: &NetworkChart) -> Drawn {
    let area = frame(root, scale, chart, &legend())?;
    if n.nodes.is_empty() {
        return empty_note(&area, scale, "no entity to draw");
    }
    let g = Geometry::fit(&area, scale, &n.nodes);
    let arrows: Vec<Arrow> = n.edges.iter().filter_map(|e| Arrow::of(n, e, &g)).collect();
    for a in &arrows {
        a.draw(root, scale)?;
    }
    let mut taken = Vec::new();
    for k in 0..n.nodes.len() {
        taken.extend(draw_node(root, &g, n, k)?);
    }
    for (k, a) in arrows.iter().enumerate() {
        let others: Vec<&Arrow> = arrows.iter().enumerate().filter(|(j, _)| *j != k).map(|(_, o)| o).collect();
        taken.push(a.draw_label(root, scale, &taken, &others)?);
    }
    for k in 0..n.nodes.len() {
        draw_name(root, &g, n, k)?;
    }
    Ok(())
}

/// A node's circle; returns the boxes of the circle and of its name (drawn later).
fn draw_node<DB: DrawingBackend>(
    root: &Area<DB>,
    g: &Geometry,
    n: &NetworkChart,
    k: usize,
) -> Result<[Boxed; 2], super::style::DrawFail> {
    let node = &n.nodes[k];
    let (x, y) = g.at(node.pos);
    let r = g.node_radius(node.is_company);
    let c = (x.round() as i32, y.round() as i32);
    root.draw(&Circle::new(c, r.round() as i32, rgb(node.color).filled()))?;
    root.draw(&Circle::new(c, r.round() as i32, TEXT.stroke_width(g.scale.int(1.5, 1) as u32)))?;
    let (w, h) = text_size(root, &node.name, &g.name_font(node.is_company));
    let top = name_top(g, n, k, f64::from(h));
    Ok([(x - r, y - r, x + r, y + r), (x - f64::from(w) / 2.0, top, x + f64::from(w) / 2.0, top + f64::from(h))])
}

/// The top of a node's name: under its circle, or above it when more of its arrows leave
/// downwards than upwards.
fn name_top(g: &Geometry, n: &NetworkChart, k: usize, text_h: f64) -> f64 {
    let node = &n.nodes[k];
    let (x, y) = g.at(node.pos);
    let down: f64 = n
        .edges
        .iter()
        .filter_map(|e| {
            if e.from == k {
                Some(e.to)
            } else if e.to == k {
                Some(e.from)
            } else {
                None
            }
        })
        .filter_map(|o| n.nodes.get(o))
        .map(|o| {
            let p = g.at(o.pos);
            (p.1 - y) / (p.0 - x).hypot(p.1 - y).max(1.0)
        })
        .sum();
    let gap = g.node_radius(node.is_company) + g.scale.px(5.0);
    if down > 0.3 { y - gap - text_h } else { y + gap }
}

/// A node's name, beside its circle, on a light background.
fn draw_name<DB: DrawingBackend>(root: &Area<DB>, g: &Geometry, n: &NetworkChart, k: usize) -> Drawn {
    let node = &n.nodes[k];
    let font = g.name_font(node.is_company);
    let (w, h) = text_size(root, &node.name, &font);
    let (x, top) = (g.at(node.pos).0.round() as i32, name_top(g, n, k, f64::from(h)).round() as i32);
    let pad = g.scale.int(3.0, 1);
    root.draw(&Rectangle::new(
        [(x - w / 2 - pad, top - pad), (x + w / 2 + pad, top + h + pad)],
        BACKGROUND.mix(0.6).filled(),
    ))?;
    root.draw_text(&node.name, &font, (x, top))?;
    Ok(())
}

/// An arrow ready to draw, in pixels.
struct Arrow<'a> {
    edge: &'a Edge,
    color: RGBColor,
    style: LineStyle,
    /// Start (at the holder's circle) and tip (at the issuer's circle).
    from: Pt,
    tip: Pt,
    /// Unit direction and its normal (to the left on screen).
    dir: Pt,
    normal: Pt,
    width: f64,
    /// Whether the opposite holding is drawn beside it (then its label keeps to its side).
    paired: bool,
}

impl<'a> Arrow<'a> {
    /// The arrow of an edge; opposite holdings between the same two nodes are drawn side by
    /// side. `None` for a loop or an edge whose nodes are missing.
    fn of(n: &NetworkChart, edge: &'a Edge, g: &Geometry) -> Option<Arrow<'a>> {
        let (a, b) = (n.nodes.get(edge.from)?, n.nodes.get(edge.to)?);
        let (p, q) = (g.at(a.pos), g.at(b.pos));
        let len = (q.0 - p.0).hypot(q.1 - p.1);
        if edge.from == edge.to || len < 1.0 {
            return None;
        }
        let dir = ((q.0 - p.0) / len, (q.1 - p.1) / len);
        let normal = (dir.1, -dir.0);
        let width = g.scale.px(2.0 + 16.0 * edge.capital.clamp(0.0, 1.0));
        let paired = n.edges.iter().any(|o| o.from == edge.to && o.to == edge.from);
        let shift = if paired { g.scale.px(9.0) + width / 2.0 } else { 0.0 };
        let along = |pt: Pt, d: f64| (pt.0 + dir.0 * d + normal.0 * shift, pt.1 + dir.1 * d + normal.1 * shift);
        let gap = g.scale.px(4.0);
        let from = along(p, g.node_radius(a.is_company) + gap);
        let tip = along(q, -(g.node_radius(b.is_company) + gap));
        let (color, style) = arrow_look(edge.status, line(a.color));
        Some(Arrow { edge, color, style, from, tip, dir, normal, width, paired })
    }

    /// The shaft and the head.
    fn draw<DB: DrawingBackend>(&self, root: &Area<DB>, scale: Scale) -> Drawn {
        let head = (self.width * 2.2).max(scale.px(12.0));
        let base = (self.tip.0 - self.dir.0 * head, self.tip.1 - self.dir.1 * head);
        stroke(root, &[self.from, base], self.color, self.width, self.style, scale)?;
        let half = head * 0.6;
        let px = |p: Pt| (p.0.round() as i32, p.1.round() as i32);
        let wing = |s: f64| px((base.0 + self.normal.0 * half * s, base.1 + self.normal.1 * half * s));
        triangle(root, [px(self.tip), wing(1.0), wing(-1.0)], self.color)
    }

    /// Whether the shaft passes through a box.
    fn crosses(&self, b: Boxed) -> bool {
        let m = self.width / 2.0;
        (0..=24).map(|k| f64::from(k) / 24.0).any(|t| {
            let p = (self.from.0 + (self.tip.0 - self.from.0) * t, self.from.1 + (self.tip.1 - self.from.1) * t);
            p.0 > b.0 - m && p.0 < b.2 + m && p.1 > b.1 - m && p.1 < b.3 + m
        })
    }

    /// The label (one line per part of the chart's label) beside the shaft, where it hits
    /// the fewest of `taken` and `others`, on a white background; returns its box.
    fn draw_label<DB: DrawingBackend>(
        &self,
        root: &Area<DB>,
        scale: Scale,
        taken: &[Boxed],
        others: &[&Arrow],
    ) -> Result<Boxed, super::style::DrawFail> {
        let style = anchored(&scale.font(14.0), HPos::Center, VPos::Top);
        let lines: Vec<&str> = self.edge.label.split(" · ").collect();
        let sizes: Vec<(i32, i32)> = lines.iter().map(|l| text_size(root, l, &style)).collect();
        let line_h = sizes.iter().map(|s| s.1).max().unwrap_or(0) as f64 * 1.15;
        let (w, h) = (sizes.iter().map(|s| s.0).max().unwrap_or(0) as f64, line_h * lines.len() as f64);
        let pad = scale.px(3.0);
        // A place inside the image first: a label beside an arrow near the edge goes to the
        // arrow's other side or along it rather than off the image.
        let (iw, ih) = root.dim_in_pixel();
        let inside = |b: Boxed| b.0 >= 0.0 && b.1 >= 0.0 && b.2 <= f64::from(iw) && b.3 <= f64::from(ih);
        let best = self
            .candidates(w, h, scale)
            .into_iter()
            .map(|c| (c.0 - w / 2.0 - pad, c.1 - h / 2.0 - pad, c.0 + w / 2.0 + pad, c.1 + h / 2.0 + pad))
            .enumerate()
            .min_by_key(|(k, b)| {
                let hits = taken.iter().filter(|t| overlaps(**t, *b)).count()
                    + others.iter().filter(|o| o.crosses(*b)).count();
                (!inside(*b), hits, *k)
            })
            .map(|(_, b)| b)
            .unwrap_or_default();
        let px = |v: f64| v.round() as i32;
        root.draw(&Rectangle::new(
            [(px(best.0), px(best.1)), (px(best.2), px(best.3))],
            BACKGROUND.mix(0.85).filled(),
        ))?;
        let ink = darker(self.color);
        let text_style = style.color(&ink);
        for (k, line) in lines.iter().enumerate() {
            root.draw_text(line, &text_style, (px((best.0 + best.2) / 2.0), px(best.1 + pad + line_h * k as f64)))?;
        }
        Ok(best)
    }

    /// Centres to try for a label of `w`×`h`: along the shaft, beside it on its own side
    /// first, then on the other side unless the opposite arrow is there.
    fn candidates(&self, w: f64, h: f64, scale: Scale) -> Vec<Pt> {
        let reach = self.width / 2.0 + scale.px(8.0) + (w * self.normal.0.abs() + h * self.normal.1.abs()) / 2.0;
        let sides: &[f64] = if self.paired { &[1.0] } else { &[1.0, -1.0] };
        let mut out = Vec::new();
        for side in sides {
            for t in [0.5, 0.4, 0.6, 0.3, 0.7] {
                let p = (self.from.0 + (self.tip.0 - self.from.0) * t, self.from.1 + (self.tip.1 - self.from.1) * t);
                out.push((p.0 + self.normal.0 * reach * side, p.1 + self.normal.1 * reach * side));
            }
        }
        out
    }
}

/// An entity's colour as text on white (contrast at least 4.5:1).
fn darker(c: RGBColor) -> RGBColor {
    rgb(palette::text(crate::model::Color::rgb(c.0, c.1, c.2), palette::Mode::Light))
}
