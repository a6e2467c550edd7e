//! Every character the UI writes is in the app's fonts (egui's defaults and the embedded
//! DejaVu Sans), so no string shows a missing-glyph box: the characters outside ASCII in the
//! string literals of the sources that produce UI text.

use std::collections::BTreeSet;
use std::path::Path;

use alliance_sim::app::fonts::install_fonts;
use eframe::egui;

/// The non-ASCII characters inside string literals of a source file (outside comments).
fn literal_chars(text: &str, out: &mut BTreeSet<char>) {
    for line in text.lines() {
        let code = line.trim_start();
        if code.starts_with("//") {
            continue;
        }
        let mut inside = false;
        let mut prev = ' ';
        for c in line.chars() {
            if c == '"' && prev != '\\' {
                inside = !inside;
            } else if inside && !c.is_ascii() {
                out.insert(c);
            }
            prev = c;
        }
    }
}

fn sources(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { panic!("cannot list {}", dir.display()) };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            sources(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

#[test]
fn every_character_the_ui_writes_is_in_the_fonts() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    // The app's own strings, and the engine's and model's texts it shows (findings,
    // differences, errors).
    for dir in ["app", "chart", "engine", "model"] {
        sources(&root.join(dir), &mut files);
    }
    let mut chars = BTreeSet::new();
    for f in &files {
        let Ok(text) = std::fs::read_to_string(f) else { panic!("cannot read {}", f.display()) };
        literal_chars(&text, &mut chars);
    }
    assert!(chars.contains(&'▶'), "the scan sees the UI's symbols: {chars:?}");
    let ctx = egui::Context::default();
    install_fonts(&ctx);
    ctx.begin_pass(egui::RawInput::default());
    let font = egui::FontId::proportional(14.0);
    let missing: Vec<String> = chars
        .iter()
        .filter(|c| !ctx.fonts_mut(|f| f.has_glyph(&font, **c)))
        .map(|c| format!("{c} (U+{:04X})", u32::from(*c)))
        .collect();
    let mut out = ctx.end_pass();
    out.textures_delta.clear();
    assert!(missing.is_empty(), "characters with no glyph in the app's fonts: {}", missing.join(", "));
}
