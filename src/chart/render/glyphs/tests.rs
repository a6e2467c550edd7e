use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::*;
use crate::chart::palette;

const INK: RGBColor = RGBColor(palette::EXPORT_TEXT.r, palette::EXPORT_TEXT.g, palette::EXPORT_TEXT.b);
const SIZE: f64 = 60.0;

fn font() -> &'static ab_glyph::FontArc {
    &face().unwrap_or_else(|| panic!("the embedded font does not parse")).font
}

/// `text` drawn through [`Typeset`] on a white `w`×`h` raster: each pixel's coverage.
fn raster(text: &str, anchor: Pos, turned: FontTransform, at: (i32, i32), (w, h): (u32, u32)) -> Vec<Vec<f32>> {
    let mut buf = vec![255u8; (w * h * 3) as usize];
    {
        let root = Typeset::raster(BitMapBackend::with_buffer(&mut buf, (w, h))).into_drawing_area();
        let style = TextStyle::from(("sans-serif", SIZE).into_font().transform(turned)).color(&INK).pos(anchor);
        root.draw_text(text, &style, at).unwrap_or_else(|e| panic!("drawing {text:?}: {e}"));
        root.present().unwrap_or_else(|e| panic!("{e}"));
    }
    let full = 255.0 - f32::from(INK.0);
    (0..h as usize)
        .map(|y| (0..w as usize).map(|x| (255.0 - f32::from(buf[(y * w as usize + x) * 3])) / full).collect())
        .collect()
}

/// Runs of columns where some pixel is at least half covered: (first, one past the last).
fn column_runs(cov: &[Vec<f32>]) -> Vec<(i32, i32)> {
    let w = cov.first().map_or(0, Vec::len);
    let inked: Vec<bool> = (0..w).map(|x| cov.iter().any(|row| row[x] >= 0.5)).collect();
    let mut runs = Vec::new();
    let mut start = None;
    for (x, &on) in inked.iter().chain([false].iter()).enumerate() {
        match (on, start) {
            (true, None) => start = Some(x as i32),
            (false, Some(s)) => {
                runs.push((s, x as i32));
                start = None;
            }
            _ => {}
        }
    }
    runs
}

/// The ink of each visible glyph of `text` set from (`x0`, baseline), from the font's own
/// outline bounds and advances: (left, right) in pixels.
fn expected_ink(text: &str, x0: f32) -> Vec<(f32, f32)> {
    let f = font();
    let line = set(text, SIZE);
    let sf = f.as_scaled(face().unwrap_or_else(|| panic!("no font")).scale(line.em)).h_scale_factor();
    line.glyphs
        .iter()
        .filter_map(|g| f.outline(g.id).map(|o| (o.bounds, g.pen)))
        .map(|(b, pen)| (x0 + pen + b.min.x * sf, x0 + pen + b.max.x * sf))
        .collect()
}

#[test]
fn gaps_between_letters_are_the_fonts() {
    let text = "Renault 2026";
    let x0 = 20;
    let cov = raster(text, Pos::new(HPos::Left, VPos::Top), FontTransform::None, (x0, 20), (700, 120));
    let runs = column_runs(&cov);
    let expected = expected_ink(text, x0 as f32);
    assert_eq!(runs.len(), expected.len(), "one run of inked columns per glyph: {runs:?}");
    for k in 1..runs.len() {
        let gap = (runs[k].0 - runs[k - 1].1) as f32;
        let want = expected[k].0 - expected[k - 1].1;
        assert!(
            (gap - want).abs() <= 1.5,
            "gap before glyph {k} of {text:?}: {gap} px drawn, {want:.2} px in the font ({runs:?} vs {expected:?})"
        );
    }
}

#[test]
fn measured_width_is_the_drawn_width_whatever_the_anchor() {
    let text = "Renault 2026";
    let (w, h) = measure(text, SIZE);
    assert!(w > 200 && h == (SIZE / 1.24).round() as u32, "{w}×{h}");
    let ink = expected_ink(text, 0.0);
    let (lsb, rsb) = (ink[0].0, w as f32 - ink[ink.len() - 1].1);
    let half = w as f32 / 2.0;
    for (name, h_pos, at, start) in [
        ("left", HPos::Left, 100, 100.0),
        ("centre", HPos::Center, 400, 400.0 - half),
        ("right", HPos::Right, 700, 700.0 - 2.0 * half),
    ] {
        let runs = column_runs(&raster(text, Pos::new(h_pos, VPos::Center), FontTransform::None, (at, 60), (800, 120)));
        let (first, last) = (runs[0].0 as f32, runs[runs.len() - 1].1 as f32);
        assert!((first - (start + lsb)).abs() <= 1.5, "{name}: ink starts at {first}, not {}", start + lsb);
        assert!((last - (start + w as f32 - rsb)).abs() <= 1.5, "{name}: ink ends at {last}");
    }
}

#[test]
fn text_is_anchored_across_the_line_too() {
    // A capital's ink: its top is the cap height above the baseline, which lies 0.76 em
    // below the top of the line's box.
    let em = (SIZE / 1.24) as f32;
    for (name, v_pos, top_of_box) in
        [("top", VPos::Top, 50.0), ("centre", VPos::Center, 50.0 - em / 2.0), ("bottom", VPos::Bottom, 50.0 - em)]
    {
        let cov = raster("H", Pos::new(HPos::Left, v_pos), FontTransform::None, (10, 50), (80, 120));
        let rows: Vec<usize> = (0..cov.len()).filter(|&y| cov[y].iter().any(|c| *c >= 0.5)).collect();
        let bottom = rows.last().map_or(0.0, |y| *y as f32 + 1.0);
        let baseline = top_of_box + 0.76 * em;
        assert!((bottom - baseline).abs() <= 1.0, "{name}: H ends at {bottom}, baseline {baseline}");
    }
}

#[test]
fn turned_text_reads_upwards_from_its_anchor() {
    // The y-axis title: turned a quarter left, centred on its anchor along the axis.
    let text = "Renault 2026";
    let (w, _) = measure(text, SIZE);
    let cov = raster(text, Pos::new(HPos::Center, VPos::Top), FontTransform::Rotate270, (20, 400), (120, 800));
    let rows: Vec<usize> = (0..cov.len()).filter(|&y| cov[y].iter().any(|c| *c >= 0.5)).collect();
    let cols: Vec<usize> = (0..120).filter(|&x| cov.iter().any(|r| r[x] >= 0.5)).collect();
    let (top, bottom) = (rows[0] as f32, *rows.last().unwrap_or(&0) as f32 + 1.0);
    assert!(((top + bottom) / 2.0 - 400.0).abs() <= 4.0 && bottom - top <= w as f32, "rows {top}..{bottom}");
    assert!(cols[0] >= 20 && cols[0] <= 26, "the box's top is at the anchor: first column {}", cols[0]);
    // Reading upwards, the first letter (R) is at the bottom: the bottom row's ink is in
    // the R's columns, tall (its stem), not in the 6's.
    let (prev, rows_left) = (cov[rows[rows.len() - 3]].iter().filter(|c| **c >= 0.5).count(), rows.len());
    assert!(prev >= 20 && rows_left > 200, "R's stem at the bottom: {prev} inked pixels");
}

#[test]
fn svg_names_dejavu_and_places_the_baseline_as_the_raster_does() {
    let mut out = String::new();
    {
        let root =
            Typeset::vector(SVGBackend::with_string(&mut out, (400, 200)), Outlines::default()).into_drawing_area();
        for v in [VPos::Top, VPos::Center, VPos::Bottom] {
            let style = TextStyle::from(("sans-serif", SIZE).into_font()).color(&INK).pos(Pos::new(HPos::Left, v));
            root.draw_text("Renault", &style, (10, 100)).unwrap_or_else(|e| panic!("{e}"));
        }
        root.present().unwrap_or_else(|e| panic!("{e}"));
    }
    let texts: Vec<&str> = out.lines().filter(|l| l.starts_with("<text")).collect();
    assert_eq!(texts.len(), 3, "{out}");
    let em = (SIZE / 1.24) as f32;
    for (line, shift) in texts.iter().zip([0.0, -0.5 * em, -em]) {
        assert!(line.contains("font-family=\"DejaVu Sans, sans-serif\""), "{line}");
        assert!(line.contains("dy=\"0.76em\""), "anchored at the top of the box: {line}");
        assert!(line.contains(&format!("y=\"{}\"", 100 + shift.round() as i32)), "{line}");
    }
}

#[test]
fn a_japanese_name_is_drawn_in_its_glyphs_not_in_boxes() {
    // Missing glyphs all draw the same box: two different ideographs drawn alike would be boxes.
    let at = (10, 10);
    let anchor = Pos::new(HPos::Left, VPos::Top);
    let (a, b) = (
        raster("日", anchor, FontTransform::None, at, (100, 100)),
        raster("産", anchor, FontTransform::None, at, (100, 100)),
    );
    let ink = |c: &Vec<Vec<f32>>| c.iter().flatten().filter(|v| **v >= 0.5).count();
    assert!(ink(&a) > 50 && ink(&b) > 50, "both drawn: {} and {} inked pixels", ink(&a), ink(&b));
    assert_ne!(a, b, "日 and 産 are drawn alike: missing-glyph boxes");
}

#[test]
fn svg_writes_a_japanese_name_as_outlines_titled_with_the_name() {
    let mut out = String::new();
    let outlines = Outlines::default();
    {
        let root = Typeset::vector(SVGBackend::with_string(&mut out, (400, 200)), outlines.clone()).into_drawing_area();
        let style = TextStyle::from(("sans-serif", SIZE).into_font()).color(&INK);
        root.draw_text("日産自動車", &style, (10, 100)).unwrap_or_else(|e| panic!("{e}"));
        root.draw_text("Renault", &style, (10, 10)).unwrap_or_else(|e| panic!("{e}"));
        root.present().unwrap_or_else(|e| panic!("{e}"));
    }
    assert!(!out.contains("日産"), "not left to the viewer's fonts: {out}");
    assert!(out.contains("<text") && out.contains("Renault"), "Latin text stays text: {out}");
    let written = outlines.borrow();
    assert_eq!(written.len(), 1);
    let group = &written[0];
    assert!(group.contains("<title>日産自動車</title>") && group.contains("aria-label=\"日産自動車\""), "{group}");
    assert!(group.contains("<path d=\"M") && group.matches('M').count() >= 5, "one contour a glyph at least: {group}");
}
