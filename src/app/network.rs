//! The network of holdings drawn as a graph: nodes, arrows from holder to issuer with
//! percentages, thickness by stake, and suppressed, capped and neutral votes drawn
//! differently (grey, dashed, dotted).

use eframe::egui::{self, Align2, FontId, Pos2, Rect, Sense, Shape, Stroke, Vec2};

use super::paint::{self, c32};
use crate::chart::NetworkChart;
use crate::chart::palette;
use crate::engine::VoteStatus;

/// Draws the network in a rectangle of the given height.
pub fn draw(ui: &mut egui::Ui, n: &NetworkChart, height: f32) {
    let (rect, response) = ui.allocate_exact_size(Vec2::new(ui.available_width(), height), Sense::hover());
    let painter = ui.painter_at(rect);
    let v = ui.visuals();
    let mode = paint::mode(ui);
    painter.rect_filled(rect, 4.0, v.extreme_bg_color);
    let area = rect.shrink2(Vec2::new(70.0, 26.0));
    let at = |p: (f64, f64)| {
        Pos2::new(area.center().x + p.0 as f32 * area.width() / 2.0, area.center().y + p.1 as f32 * area.height() / 2.0)
    };
    let radius = (rect.height() / 12.0).clamp(9.0, 18.0);
    let mut hovered_label = None;
    for e in &n.edges {
        let (Some(a), Some(b)) = (n.nodes.get(e.from), n.nodes.get(e.to)) else { continue };
        let (pa, pb) = (at(a.pos), at(b.pos));
        let dir = (pb - pa).normalized();
        let normal = Vec2::new(-dir.y, dir.x) * 6.0;
        let (start, end) = (pa + dir * radius + normal, pb - dir * (radius + 2.0) + normal);
        let width = 1.0 + (e.capital as f32 * 14.0).min(10.0);
        let color = match e.status {
            VoteStatus::Suppressed => c32(palette::suppressed_line(mode)),
            _ => c32(palette::line(a.color, mode)),
        };
        let stroke = Stroke::new(width, color);
        match e.status {
            VoteStatus::Capped => painter.extend(Shape::dashed_line(&[start, end], stroke, 10.0, 6.0)),
            VoteStatus::Neutral => painter.extend(Shape::dotted_line(&[start, end], color, 9.0, width / 2.0 + 1.0)),
            _ => {
                painter.line_segment([start, end], stroke);
            }
        }
        let head = 8.0 + width;
        let left = end - dir * head + Vec2::new(-dir.y, dir.x) * head * 0.5;
        let right = end - dir * head - Vec2::new(-dir.y, dir.x) * head * 0.5;
        painter.add(Shape::convex_polygon(vec![end, left, right], color, Stroke::NONE));
        let mid = start + (end - start) * 0.5 + normal * 1.8;
        let galley_text = format!("{:.1}%", e.capital * 100.0);
        painter.text(mid, Align2::CENTER_CENTER, galley_text, FontId::proportional(12.0), v.strong_text_color());
        if response.hover_pos().is_some_and(|p| Rect::from_center_size(mid, Vec2::new(60.0, 18.0)).contains(p)) {
            hovered_label = Some(format!("{} → {}: {}", a.name, b.name, e.label));
        }
    }
    for node in &n.nodes {
        let p = at(node.pos);
        let fill = c32(palette::line(node.color, mode));
        if node.is_company {
            painter.circle(p, radius, fill, Stroke::new(2.0, v.strong_text_color()));
        } else {
            painter.rect_filled(Rect::from_center_size(p, Vec2::splat(radius * 1.6)), 4.0, fill);
        }
        let (anchor, offset) = if node.pos.1 > 0.5 {
            (Align2::CENTER_TOP, radius + 2.0)
        } else if node.pos.1 < -0.5 {
            (Align2::CENTER_BOTTOM, -radius - 2.0)
        } else {
            (Align2::LEFT_CENTER, 0.0)
        };
        let at_text = if anchor == Align2::LEFT_CENTER {
            p + Vec2::new(radius + 4.0, if node.pos.1 < 0.0 { -radius } else { radius })
        } else {
            p + Vec2::new(0.0, offset)
        };
        painter.text(at_text, anchor, &node.name, FontId::proportional(12.0), v.text_color());
    }
    painter.text(
        rect.left_top() + Vec2::new(8.0, 6.0),
        Align2::LEFT_TOP,
        "solid: full · dashed: capped · dotted: neutral · grey: suppressed",
        FontId::proportional(11.0),
        v.weak_text_color(),
    );
    if let Some(text) = hovered_label {
        response.on_hover_text(text);
    }
}
