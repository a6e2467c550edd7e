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

/// Draws the network in a rectangle of the given height.
pub fn draw(ui: &mut egui::Ui, n: &NetworkChart, height: f32) -> Rect {
    let (rect, response) = ui.allocate_exact_size(Vec2::new(ui.available_width(), height), Sense::hover());
    let canvas = Canvas::new(ui, n, rect);
    let node_boxes: Vec<Rect> = n
        .nodes
        .iter()
        .map(|node| Rect::from_center_size(canvas.at(node.pos), Vec2::splat(2.0 * canvas.radius + 4.0)))
        .collect();
    // Node names first (placed, drawn last), so that the percentages keep off them too.
    let names = canvas.name_spots(n);
    let mut placed: Vec<Rect> = names.iter().map(|(_, _, r)| *r).collect();
    let mut hovered_label = None;
    for (k, e) in n.edges.iter().enumerate() {
        let avoid: Vec<Rect> = node_boxes.iter().chain(&placed).copied().collect();
        if let Some((spot, hover)) = canvas.edge(n, k, e, &avoid, response.hover_pos()) {
            placed.push(spot);
            hovered_label = hover.or(hovered_label);
        }
    }
    canvas.nodes(n);
    for (node, (at_text, anchor, _)) in n.nodes.iter().zip(&names) {
        canvas.painter.text(*at_text, *anchor, &node.name, canvas.font.clone(), canvas.visuals.text_color());
    }
    if let Some(c) = &n.chain {
        canvas.chain_caption(n, c, rect);
    }
    if let Some(text) = hovered_label {
        response.on_hover_text(text);
    }
    rect
}

/// What every part of the drawing works with: where, in which colours, how big the nodes are.
struct Canvas<'a> {
    painter: egui::Painter,
    visuals: &'a egui::Visuals,
    mode: Mode,
    /// Where the nodes' centres go (the rectangle less room for the names).
    area: Rect,
    /// A node's radius.
    radius: f32,
    font: FontId,
}

impl<'a> Canvas<'a> {
    /// The canvas on `rect`, its background drawn. Node names sit beside, above or below their
    /// nodes, and the margins leave room for the widest name on each side, so that no name runs
    /// into another or out of the picture. The key to the line styles ([`KEY`]) is drawn by the
    /// caller beside the title.
    fn new(ui: &'a egui::Ui, n: &NetworkChart, rect: Rect) -> Canvas<'a> {
        let painter = ui.painter_at(rect);
        let visuals = ui.visuals();
        painter.rect_filled(rect, 4.0, visuals.extreme_bg_color);
        let radius = (rect.height() / 12.0).clamp(9.0, 18.0);
        let font = FontId::proportional(12.0);
        let widest = |side: Side| {
            n.nodes
                .iter()
                .filter(|node| label_side(node.pos, &n.nodes) == side)
                .map(|node| painter.layout_no_wrap(node.name.clone(), font.clone(), visuals.text_color()).size().x)
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
        let area = if area.is_positive() { area } else { rect.shrink(radius) };
        Canvas { painter, visuals, mode: paint::mode(ui), area, radius, font }
    }

    /// A node's position on the screen.
    fn at(&self, p: (f64, f64)) -> Pos2 {
        let area = self.area;
        Pos2::new(area.center().x + p.0 as f32 * area.width() / 2.0, area.center().y + p.1 as f32 * area.height() / 2.0)
    }

    /// Where each node's name goes: the point, the anchor and the rectangle it takes.
    fn name_spots(&self, n: &NetworkChart) -> Vec<(Pos2, Align2, Rect)> {
        let radius = self.radius;
        n.nodes
            .iter()
            .map(|node| {
                let p = self.at(node.pos);
                let (anchor, at_text) = match label_side(node.pos, &n.nodes) {
                    Side::Above => (Align2::CENTER_BOTTOM, p - Vec2::new(0.0, radius + 2.0)),
                    Side::Below => (Align2::CENTER_TOP, p + Vec2::new(0.0, radius + 2.0)),
                    Side::Left => (Align2::RIGHT_CENTER, p - Vec2::new(radius + 4.0, 0.0)),
                    Side::Right => (Align2::LEFT_CENTER, p + Vec2::new(radius + 4.0, 0.0)),
                };
                let size = self.painter.layout_no_wrap(node.name.clone(), self.font.clone(), self.visuals.text_color());
                (at_text, anchor, anchor.anchor_size(at_text, size.size()))
            })
            .collect()
    }

    /// Draws edge `k` (line by status, arrow head, percentage placed off `avoid`). Returns the
    /// percentage's rectangle and, when the pointer is on it, the edge's hover text.
    fn edge(
        &self,
        n: &NetworkChart,
        k: usize,
        e: &Edge,
        avoid: &[Rect],
        pointer: Option<Pos2>,
    ) -> Option<(Rect, Option<String>)> {
        let (Some(a), Some(b)) = (n.nodes.get(e.from), n.nodes.get(e.to)) else { return None };
        let on_chain = n.chain.as_ref().map(|c| c.edges.contains(&k));
        let (pa, pb) = (self.at(a.pos), self.at(b.pos));
        let dir = (pb - pa).normalized();
        let normal = Vec2::new(-dir.y, dir.x) * 6.0;
        let (start, end) = (pa + dir * self.radius + normal, pb - dir * (self.radius + 2.0) + normal);
        let width = 1.0 + (e.capital as f32 * 14.0).min(10.0);
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
        // The percentage beside the middle of the edge, on whichever side (or further out)
        // keeps it off the nodes and off the percentages already placed.
        let strong = self.visuals.strong_text_color();
        let galley = self.painter.layout_no_wrap(format!("{:.1}%", e.capital * 100.0), self.font.clone(), strong);
        let size = galley.size() + Vec2::splat(2.0);
        let mid = label_spot(start, end, normal, size, avoid);
        self.painter.galley(mid - galley.size() / 2.0, galley, strong);
        let hovered = pointer.is_some_and(|p| Rect::from_center_size(mid, Vec2::new(60.0, 18.0)).contains(p));
        let hover = hovered.then(|| format!("{} → {}: {}", a.name, b.name, e.label));
        Some((Rect::from_center_size(mid, size), hover))
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
    fn nodes(&self, n: &NetworkChart) {
        for (k, node) in n.nodes.iter().enumerate() {
            let p = self.at(node.pos);
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

/// Where an edge's percentage goes: beside the middle of the edge, on either side or further
/// out, then beside points nearer either end; the first spot that touches no node, name or
/// other percentage, else the one that overlaps them least (never dropped: the figure is data).
fn label_spot(start: Pos2, end: Pos2, normal: Vec2, size: Vec2, avoid: &[Rect]) -> Pos2 {
    let along = [0.5, 0.38, 0.62, 0.28, 0.72];
    let out = [1.8, -1.8, 3.2, -3.2, 4.6, -4.6];
    let spots: Vec<Pos2> =
        along.iter().flat_map(|t| out.iter().map(move |k| start + (end - start) * *t + normal * *k)).collect();
    let overlap = |p: &Pos2| -> f32 {
        let r = Rect::from_center_size(*p, size);
        avoid.iter().map(|b| b.intersect(r)).filter(|x| x.is_positive()).map(|x| x.area()).sum()
    };
    spots
        .iter()
        .find(|p| overlap(p) == 0.0)
        .or_else(|| spots.iter().min_by(|a, b| overlap(a).total_cmp(&overlap(b))))
        .copied()
        .unwrap_or(start + (end - start) * 0.5)
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
    fn an_edge_label_keeps_off_what_is_placed_and_otherwise_overlaps_least() {
        let (start, end, normal) = (Pos2::new(0.0, 0.0), Pos2::new(100.0, 0.0), Vec2::new(0.0, 6.0));
        let size = Vec2::new(30.0, 12.0);
        let free = label_spot(start, end, normal, size, &[]);
        assert!((free - Pos2::new(50.0, 10.8)).length() < 1e-4, "beside the middle: {free:?}");
        // The middle taken on both sides: the label moves along the edge.
        let middle = [Rect::from_center_size(Pos2::new(50.0, 0.0), Vec2::new(10.0, 80.0))];
        let moved = label_spot(start, end, normal, size, &middle);
        assert!(!Rect::from_center_size(moved, size).intersects(middle[0]), "{moved:?}");
        // Everything taken: still drawn, where it overlaps least.
        let all = [Rect::from_center_size(Pos2::new(50.0, 0.0), Vec2::new(400.0, 400.0))];
        let forced = label_spot(start, end, normal, size, &all);
        assert!(forced.x.is_finite() && forced.y.is_finite());
    }
}
