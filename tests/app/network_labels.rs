//! The network's labels never overprint, as a geometry test: on every shipped scenario (and the
//! examples), at every change point, in the network's rectangle as the app lays it out in a
//! 1280×720 and a 1920×1080 window, no name or percentage touches a node, an arrow or another
//! label, and every label lies inside the picture (a percentage with no free spot is shown on
//! hovering its arrow instead, a name with none is cut with "…").

use std::path::PathBuf;

use alliance_sim::app::AllianceApp;
use alliance_sim::app::document::Document;
use alliance_sim::app::fonts::install_fonts;
use alliance_sim::app::widgets::network_graph::{Layout, layout};
use alliance_sim::chart::{self, ChartBody, ChartId};
use eframe::egui::{self, Rect, Vec2};
use egui_kittest::Harness;

use crate::support;

/// Every shipped scenario and every example.
fn scenarios() -> Vec<PathBuf> {
    let mut out = support::shipped();
    let examples = support::root().join("scenarios").join("examples");
    let Ok(entries) = std::fs::read_dir(&examples) else { panic!("cannot list {}", examples.display()) };
    out.extend(entries.flatten().map(|e| e.path()).filter(|p| p.extension().is_some_and(|x| x == "ron")));
    out
}

/// The network's rectangle in the app on `file` in a window of `size`.
fn network_rect(file: &std::path::Path, size: Vec2) -> (Rect, egui::Context) {
    let path = file.to_path_buf();
    let mut h = Harness::builder().with_size(size).build_eframe(move |cc| {
        install_fonts(&cc.egui_ctx);
        let doc = Document::open(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        AllianceApp::with_document(doc, Default::default())
    });
    for _ in 0..40 {
        h.run_steps(1);
        if let Some(r) = h.state().plot_rect("network") {
            return (r, h.ctx.clone());
        }
    }
    panic!("{}: no network drawn at {size:?}", file.display())
}

/// What overprints in `l`: pairs of labels, labels on nodes or arrows, labels out of `rect`.
fn overprints(l: &Layout, rect: Rect) -> Vec<String> {
    let mut out = Vec::new();
    let mut labels: Vec<(String, Rect)> = l.names.iter().map(|(t, _, _, r)| (format!("name {t}"), *r)).collect();
    labels.extend(
        l.figures.iter().enumerate().filter_map(|(k, f)| f.as_ref().map(|(t, r)| (format!("{t} of edge {k}"), *r))),
    );
    for (k, (what, r)) in labels.iter().enumerate() {
        // Half a pixel of slack: rectangles that only share an edge do not overprint.
        let r = r.shrink(0.5);
        if !rect.contains_rect(r) {
            out.push(format!("{what} {r:?} leaves the picture {rect:?}"));
        }
        for (other, q) in &labels[k + 1..] {
            if r.intersects(q.shrink(0.5)) {
                out.push(format!("{what} {r:?} on {other} {q:?}"));
            }
        }
        for (j, p) in l.nodes.iter().enumerate() {
            if r.intersects(Rect::from_center_size(*p, Vec2::splat(2.0 * l.radius))) {
                out.push(format!("{what} on node {j}"));
            }
        }
        for (j, (arrow, width)) in l.arrows.iter().zip(&l.widths).enumerate() {
            let Some((a, b)) = arrow else { continue };
            // Sampled along the arrow, its width included.
            if (0..=40).map(|t| *a + (*b - *a) * (t as f32 / 40.0)).any(|p| r.expand(width / 2.0).contains(p)) {
                out.push(format!("{what} on arrow {j}"));
            }
        }
    }
    out
}

#[test]
fn network_labels_keep_off_nodes_arrows_and_each_other_on_every_scenario() {
    let mut failures = Vec::new();
    for file in scenarios() {
        let scenario =
            alliance_sim::io::file::scenario_file::load(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        let ev = alliance_sim::engine::evaluate(&scenario).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        for size in [Vec2::new(1280.0, 720.0), Vec2::new(1920.0, 1080.0)] {
            let (rect, ctx) = network_rect(&file, size);
            let font = egui::FontId::proportional(12.0);
            let measure = |t: &str| {
                ctx.fonts_mut(|f| f.layout_no_wrap(t.to_string(), font.clone(), egui::Color32::TRANSPARENT).size())
            };
            for p in &ev.points {
                let c = chart::build(&ChartId::Network, &scenario, &ev, p.date);
                let ChartBody::Network(n) = &c.body else { panic!("a network") };
                for problem in overprints(&layout(n, rect, &measure), rect) {
                    let name = file.file_name().map(|f| f.to_string_lossy().to_string()).unwrap_or_default();
                    failures.push(format!("{name} at {size:?} on {}: {problem}", p.date));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{} overprints:\n{}", failures.len(), failures.join("\n"));
}
