//! The network of holdings drawn as a graph: nodes, arrows from holder to issuer with
//! percentages, thickness by stake, and suppressed, capped and neutral votes drawn
//! differently (grey, dashed, dotted).

use eframe::egui::{self, Align2, FontId, Pos2, Rect, Sense, Shape, Stroke, Vec2};

use crate::app::widgets::paint::{self, c32};
use crate::chart::palette::{self, Mode};
use crate::chart::{Chain, Edge, NetworkChart, Node};
use crate::engine::VoteStatus;

/// The key to the edges' line styles.
pub const KEY: &str = "solid: full · dashed: capped · dotted: neutral · grey: suppressed";

/// Where every part of the network goes in a rectangle: the nodes, the arrows, and the labels
/// (names and percentages) placed off the nodes, off the arrows and off each other wherever
/// the room allows ([`layout`]).
#[derive(Debug, Clone, PartialEq)]
pub struct Layout {
    /// A node's radius.
    pub radius: f32,
    /// Each node's centre.
    pub nodes: Vec<Pos2>,
    /// Each node's name as shown (cut with "…" where the full name finds no free spot), the
    /// point its text is anchored at, how, and the rectangle it takes.
    pub names: Vec<(String, Pos2, Align2, Rect)>,
    /// Each edge's arrow (from its start to its head's tip), `None` when a node is missing.
    pub arrows: Vec<Option<(Pos2, Pos2)>>,
    /// Each arrow's width.
    pub widths: Vec<f32>,
    /// Each edge's percentage: its text and the rectangle it takes; `None` where no spot is free
    /// (a picture too small): the figure is then shown on hovering the arrow, never printed over
    /// something else.
    pub figures: Vec<Option<(String, Rect)>>,
}

/// The text of an edge's percentage.
fn figure_text(e: &Edge) -> String {
    format!("{:.1}%", e.capital * 100.0)
}

/// Lays the network out in `rect`, text measured by `measure`: node names on the side their
/// place suggests, else on whichever side (or corner) keeps them off the other nodes, names and
/// arrows; each percentage beside its arrow where it touches no node, name, arrow or other
/// percentage, else where it overlaps them least (never dropped: the figure is data).
pub fn layout(n: &NetworkChart, rect: Rect, measure: &dyn Fn(&str) -> Vec2) -> Layout {
    let radius = (rect.height() / 12.0).clamp(9.0, 18.0);
    let area = node_area(n, rect, radius, measure);
    let at = |p: (f64, f64)| {
        Pos2::new(area.center().x + p.0 as f32 * area.width() / 2.0, area.center().y + p.1 as f32 * area.height() / 2.0)
    };
    let nodes: Vec<Pos2> = n.nodes.iter().map(|node| at(node.pos)).collect();
    let widths: Vec<f32> = n.edges.iter().map(|e| 1.0 + (e.capital as f32 * 14.0).min(10.0)).collect();
    let arrows: Vec<Option<(Pos2, Pos2)>> = n
        .edges
        .iter()
        .map(|e| {
            let (pa, pb) = (*nodes.get(e.from)?, *nodes.get(e.to)?);
            let dir = (pb - pa).normalized();
            let normal = Vec2::new(-dir.y, dir.x) * 6.0;
            Some((pa + dir * radius + normal, pb - dir * (radius + 2.0) + normal))
        })
        .collect();
    let mut scene = Scene {
        rect,
        blocks: nodes.iter().map(|p| Rect::from_center_size(*p, Vec2::splat(2.0 * radius + 4.0))).collect(),
        arrows: arrows.iter().zip(&widths).filter_map(|(a, w)| a.map(|(s, e)| (s, e, *w))).collect(),
    };
    let mut names = Vec::with_capacity(n.nodes.len());
    for (k, node) in n.nodes.iter().enumerate() {
        let preferred = label_side(node.pos, &n.nodes);
        // The full name where a spot is free, else the longest cut of it that finds one, else
        // the full name where it overlaps least.
        let texts = std::iter::once(node.name.clone()).chain(cuts(&node.name));
        let free = texts.into_iter().find_map(|text| {
            let spots = name_spots(nodes[k], radius, preferred, measure(&text));
            scene.free(&spots).map(|spot| (text, spot))
        });
        let (text, spot) = free.unwrap_or_else(|| {
            let spots = name_spots(nodes[k], radius, preferred, measure(&node.name));
            let fallback = (nodes[k], Align2::CENTER_TOP, Rect::from_center_size(nodes[k], measure(&node.name)));
            (node.name.clone(), scene.least(&spots).unwrap_or(fallback))
        });
        scene.blocks.push(spot.2);
        names.push((text, spot.0, spot.1, spot.2));
    }
    let mut figures = Vec::with_capacity(n.edges.len());
    for (e, arrow) in n.edges.iter().zip(&arrows) {
        let Some((start, end)) = *arrow else {
            figures.push(None);
            continue;
        };
        let text = figure_text(e);
        let size = measure(&text) + Vec2::splat(2.0);
        let dir = (end - start).normalized();
        let normal = Vec2::new(-dir.y, dir.x) * 6.0;
        let spots: Vec<(Pos2, Align2, Rect)> = figure_spots(start, end, normal)
            .into_iter()
            .map(|p| (p, Align2::CENTER_CENTER, Rect::from_center_size(p, size)))
            .collect();
        let spot = scene.free(&spots);
        if let Some(spot) = spot {
            scene.blocks.push(spot.2);
        }
        figures.push(spot.map(|spot| (text, spot.2)));
    }
    Layout { radius, nodes, names, arrows, widths, figures }
}

/// Where the nodes' centres go: the rectangle less room for the names, whose margins leave
/// room for the widest name on each side.
fn node_area(n: &NetworkChart, rect: Rect, radius: f32, measure: &dyn Fn(&str) -> Vec2) -> Rect {
    let widest = |side: Side| {
        n.nodes
            .iter()
            .filter(|node| label_side(node.pos, &n.nodes) == side)
            .map(|node| measure(&node.name).x)
            .fold(0.0_f32, f32::max)
    };
    let line = 16.0;
    let margin_left = (widest(Side::Left) + radius + 10.0).max(radius + 8.0);
    let margin_right = (widest(Side::Right) + radius + 10.0).max(radius + 8.0);
    let has = |side: Side| n.nodes.iter().any(|node| label_side(node.pos, &n.nodes) == side);
    let top = radius + if has(Side::Above) { line } else { 4.0 };
    let bottom = radius + if has(Side::Below) { line } else { 4.0 };
    let area = Rect::from_min_max(
        rect.left_top() + Vec2::new(margin_left, top),
        rect.right_bottom() - Vec2::new(margin_right, bottom),
    );
    if area.is_positive() { area } else { rect.shrink(radius) }
}

/// What labels keep off: the picture's edge, what is placed (nodes, names, percentages) and the
/// arrows (with their widths).
struct Scene {
    rect: Rect,
    blocks: Vec<Rect>,
    arrows: Vec<(Pos2, Pos2, f32)>,
}

impl Scene {
    /// How badly a label's rectangle sits: the area it shares with what is placed, its area out
    /// of the picture, and a heavy toll for each arrow it lies on.
    fn cost(&self, r: Rect) -> f32 {
        let shared: f32 =
            self.blocks.iter().map(|b| b.intersect(r)).filter(|x| x.is_positive()).map(|x| x.area()).sum();
        let inside = self.rect.intersect(r);
        let outside = r.area() - if inside.is_positive() { inside.area() } else { 0.0 };
        let crossed = self.arrows.iter().filter(|(a, b, w)| crosses(*a, *b, r.expand(w / 2.0))).count();
        shared + 2.0 * outside + 400.0 * crossed as f32
    }

    /// The first spot that costs nothing.
    fn free(&self, spots: &[(Pos2, Align2, Rect)]) -> Option<(Pos2, Align2, Rect)> {
        spots.iter().find(|s| self.cost(s.2) == 0.0).copied()
    }

    /// The cheapest spot.
    fn least(&self, spots: &[(Pos2, Align2, Rect)]) -> Option<(Pos2, Align2, Rect)> {
        spots.iter().min_by(|a, b| self.cost(a.2).total_cmp(&self.cost(b.2))).copied()
    }
}

/// Whether `p` is within `d` of the segment from `a` to `b`.
fn near(p: Pos2, a: Pos2, b: Pos2, d: f32) -> bool {
    let ab = b - a;
    let t = ((p - a).dot(ab) / ab.length_sq().max(1e-6)).clamp(0.0, 1.0);
    (a + ab * t - p).length() <= d
}

/// Whether the segment from `a` to `b` touches rectangle `r` (Liang–Barsky clipping).
fn crosses(a: Pos2, b: Pos2, r: Rect) -> bool {
    let d = b - a;
    let (mut t0, mut t1) = (0.0_f32, 1.0_f32);
    for (p, q) in [(-d.x, a.x - r.left()), (d.x, r.right() - a.x), (-d.y, a.y - r.top()), (d.y, r.bottom() - a.y)] {
        if p == 0.0 {
            if q < 0.0 {
                return false;
            }
        } else {
            let t = q / p;
            if p < 0.0 {
                t0 = t0.max(t);
            } else {
                t1 = t1.min(t);
            }
            if t0 > t1 {
                return false;
            }
        }
    }
    true
}

/// The spots a node's name may take, the side its place suggests first: the four sides, then
/// the four corners, then further out below and above.
fn name_spots(p: Pos2, radius: f32, preferred: Side, size: Vec2) -> Vec<(Pos2, Align2, Rect)> {
    let (r, d) = (radius + 2.0, radius + 2.0);
    let side = |s: Side| match s {
        Side::Above => (Align2::CENTER_BOTTOM, p - Vec2::new(0.0, r)),
        Side::Below => (Align2::CENTER_TOP, p + Vec2::new(0.0, r)),
        Side::Left => (Align2::RIGHT_CENTER, p - Vec2::new(r + 2.0, 0.0)),
        Side::Right => (Align2::LEFT_CENTER, p + Vec2::new(r + 2.0, 0.0)),
    };
    let mut out = vec![side(preferred)];
    for s in [Side::Below, Side::Above, Side::Right, Side::Left] {
        if s != preferred {
            out.push(side(s));
        }
    }
    out.extend([
        (Align2::LEFT_TOP, p + Vec2::new(d, d)),
        (Align2::RIGHT_TOP, p + Vec2::new(-d, d)),
        (Align2::LEFT_BOTTOM, p + Vec2::new(d, -d)),
        (Align2::RIGHT_BOTTOM, p + Vec2::new(-d, -d)),
        (Align2::CENTER_TOP, p + Vec2::new(0.0, r + size.y + 2.0)),
        (Align2::CENTER_BOTTOM, p - Vec2::new(0.0, r + size.y + 2.0)),
    ]);
    out.into_iter().map(|(anchor, at)| (at, anchor, anchor.anchor_size(at, size))).collect()
}

/// Shorter forms of a name, longest first: its first words, then its first characters, each
/// ending in "…" (at least four characters kept).
fn cuts(name: &str) -> Vec<String> {
    let chars: Vec<char> = name.chars().collect();
    (4..chars.len()).rev().map(|k| format!("{}…", chars[..k].iter().collect::<String>().trim_end())).collect()
}

/// The spots an arrow's percentage may take: beside the middle of the arrow, on either side or
/// further out, then beside points nearer either end.
fn figure_spots(start: Pos2, end: Pos2, normal: Vec2) -> Vec<Pos2> {
    let along = [0.5, 0.38, 0.62, 0.28, 0.72, 0.2, 0.8];
    let out = [1.8, -1.8, 3.2, -3.2, 4.6, -4.6, 6.0, -6.0];
    along.iter().flat_map(|t| out.iter().map(move |k| start + (end - start) * *t + normal * *k)).collect()
}

/// Draws the network in a rectangle of the given height.
pub fn draw(ui: &mut egui::Ui, n: &NetworkChart, height: f32) -> Rect {
    let (rect, response) = ui.allocate_exact_size(Vec2::new(ui.available_width(), height), Sense::hover());
    let painter = ui.painter_at(rect);
    let visuals = ui.visuals();
    painter.rect_filled(rect, 4.0, visuals.extreme_bg_color);
    let font = FontId::proportional(12.0);
    let measure = |text: &str| painter.layout_no_wrap(text.to_string(), font.clone(), visuals.text_color()).size();
    let layout = layout(n, rect, &measure);
    let canvas = Canvas { painter: painter.clone(), visuals, mode: paint::mode(ui), radius: layout.radius, font };
    let pointer = response.hover_pos();
    let mut hovered_label = None;
    let name = |i: usize| n.nodes.get(i).map_or("?", |x| x.name.as_str());
    for (k, e) in n.edges.iter().enumerate() {
        let Some((start, end)) = layout.arrows[k] else { continue };
        canvas.edge(n, k, e, (start, end), layout.widths[k]);
        let on_figure =
            layout.figures[k].as_ref().is_some_and(|(_, r)| pointer.is_some_and(|p| r.expand(4.0).contains(p)));
        let on_arrow = pointer.is_some_and(|p| near(p, start, end, layout.widths[k] / 2.0 + 4.0));
        if on_figure || on_arrow {
            hovered_label = Some(format!("{} → {}: {}", name(e.from), name(e.to), e.label));
        }
        if let Some((text, spot)) = &layout.figures[k] {
            let strong = visuals.strong_text_color();
            canvas.painter.text(spot.center(), Align2::CENTER_CENTER, text, canvas.font.clone(), strong);
        }
    }
    canvas.nodes(n, &layout.nodes);
    for (k, (text, at_text, anchor, spot)) in layout.names.iter().enumerate() {
        canvas.painter.text(*at_text, *anchor, text, canvas.font.clone(), visuals.text_color());
        if pointer.is_some_and(|p| spot.contains(p)) && *text != name(k) {
            hovered_label = Some(name(k).to_string());
        }
    }
    if let Some(c) = &n.chain {
        canvas.chain_caption(n, c, rect);
    }
    if let Some(text) = hovered_label {
        response.on_hover_text(text);
    }
    rect
}

/// What the drawing works with: where, in which colours, how big the nodes are.
struct Canvas<'a> {
    painter: egui::Painter,
    visuals: &'a egui::Visuals,
    mode: Mode,
    /// A node's radius.
    radius: f32,
    font: FontId,
}

impl Canvas<'_> {
    /// Draws edge `k`'s arrow from `start` to `end` (by status, with its head).
    fn edge(&self, n: &NetworkChart, k: usize, e: &Edge, (start, end): (Pos2, Pos2), width: f32) {
        let Some(a) = n.nodes.get(e.from) else { return };
        let on_chain = n.chain.as_ref().map(|c| c.edges.contains(&k));
        let color = match e.status {
            VoteStatus::Suppressed => c32(palette::suppressed_line(self.mode)),
            _ => c32(palette::line(a.color, self.mode)),
        };
        // With chains highlighted: the other arrows faded, the chains' on a halo.
        let color = if on_chain == Some(false) { color.gamma_multiply(0.25) } else { color };
        if on_chain == Some(true) {
            self.painter.line_segment([start, end], Stroke::new(width + 7.0, c32(palette::CHAIN)));
        }
        self.arrow(start, end, e.status, width, color);
    }

    /// An arrow from `start` to `end`: solid, dashed (capped) or dotted (neutral), with its head.
    fn arrow(&self, start: Pos2, end: Pos2, status: VoteStatus, width: f32, color: egui::Color32) {
        let stroke = Stroke::new(width, color);
        match status {
            VoteStatus::Capped => self.painter.extend(Shape::dashed_line(&[start, end], stroke, 10.0, 6.0)),
            VoteStatus::Neutral => {
                self.painter.extend(Shape::dotted_line(&[start, end], color, 9.0, width / 2.0 + 1.0))
            }
            _ => {
                self.painter.line_segment([start, end], stroke);
            }
        }
        let dir = (end - start).normalized();
        let head = 8.0 + width;
        let left = end - dir * head + Vec2::new(-dir.y, dir.x) * head * 0.5;
        let right = end - dir * head - Vec2::new(-dir.y, dir.x) * head * 0.5;
        self.painter.add(Shape::convex_polygon(vec![end, left, right], color, Stroke::NONE));
    }

    /// The nodes: companies as circles, others as squares, the chain's ends on a halo.
    fn nodes(&self, n: &NetworkChart, at: &[Pos2]) {
        for ((k, node), p) in n.nodes.iter().enumerate().zip(at.iter().copied()) {
            if n.chain.as_ref().is_some_and(|c| c.from == k || c.to == k) {
                self.painter.circle_stroke(p, self.radius + 5.0, Stroke::new(4.0, c32(palette::CHAIN)));
            }
            let fill = c32(palette::line(node.color, self.mode));
            if node.is_company {
                self.painter.circle(p, self.radius, fill, Stroke::new(2.0, self.visuals.strong_text_color()));
            } else {
                self.painter.rect_filled(Rect::from_center_size(p, Vec2::splat(self.radius * 1.6)), 4.0, fill);
            }
        }
    }

    /// What the highlighted chains are, in the bottom-left corner.
    fn chain_caption(&self, n: &NetworkChart, c: &Chain, rect: Rect) {
        let name = |k: usize| n.nodes.get(k).map_or("?", |x| x.name.as_str());
        let text = if c.edges.is_empty() {
            format!("{}'s votes do not reach {}'s meeting on this date", name(c.from), name(c.to))
        } else {
            format!("highlighted: how {}'s votes reach {}'s meeting", name(c.from), name(c.to))
        };
        let position = rect.left_bottom() + Vec2::new(8.0, -6.0);
        self.painter.text(position, Align2::LEFT_BOTTOM, text, FontId::proportional(12.0), c32(palette::CHAIN));
    }
}

/// Where a node's name goes: above the top row, below the bottom row, outwards (left or
/// right) for nodes on the sides, away from the edges between them; a node in the middle
/// takes below unless another node sits just under it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Side {
    Above,
    Below,
    Left,
    Right,
}

fn label_side((x, y): (f64, f64), nodes: &[Node]) -> Side {
    if y < -0.5 {
        Side::Above
    } else if y > 0.5 {
        Side::Below
    } else if x < -0.2 {
        Side::Left
    } else if x > 0.2 {
        Side::Right
    } else if nodes.iter().any(|o| (o.pos.0 - x).abs() < 0.3 && o.pos.1 > y + 1e-9) {
        Side::Above
    } else {
        Side::Below
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_segment_crosses_a_rectangle_it_passes_through_and_no_other() {
        let r = Rect::from_min_max(Pos2::new(10.0, 10.0), Pos2::new(20.0, 20.0));
        assert!(crosses(Pos2::new(0.0, 15.0), Pos2::new(30.0, 15.0), r), "through");
        assert!(crosses(Pos2::new(12.0, 12.0), Pos2::new(13.0, 13.0), r), "inside");
        assert!(!crosses(Pos2::new(0.0, 0.0), Pos2::new(30.0, 0.0), r), "above");
        assert!(!crosses(Pos2::new(0.0, 30.0), Pos2::new(9.0, 21.0), r), "short of the corner");
    }
}
