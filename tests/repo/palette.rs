//! The palette rule: every colour is defined in `src/chart/palette.rs`; no other file under
//! `src/` writes a colour literal (an RGB triple, a named egui or plotters colour, or a
//! `#rrggbb` string), so the screen and the exports cannot drift apart.

use std::path::{Path, PathBuf};

/// The files allowed to write colours: the palette, and the model's colour type (which
/// parses `#rrggbb` from files).
const ALLOWED: [&str; 2] = ["src/chart/palette.rs", "src/model/color.rs"];

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { panic!("cannot list {}", dir.display()) };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// Whether `line` writes a colour literal, and which.
fn literal(line: &str) -> Option<&'static str> {
    let code = line.split("//").next().unwrap_or("");
    let numeric_call = |name: &str| {
        code.match_indices(name).any(|(k, _)| {
            let rest = code[k + name.len()..].trim_start();
            rest.starts_with("0x") || rest.starts_with(|c: char| c.is_ascii_digit())
        })
    };
    let calls = [
        "Color32::from_rgb(",
        "Color32::from_rgba_unmultiplied(",
        "Color32::from_rgba_premultiplied(",
        "Color32::from_gray(",
        "Color::rgb(",
        "RGBColor(",
        "Rgba::from_rgb(",
    ];
    if let Some(c) = calls.iter().find(|c| numeric_call(c)) {
        return Some(c);
    }
    let named = [
        "Color32::RED",
        "Color32::GREEN",
        "Color32::BLUE",
        "Color32::YELLOW",
        "Color32::GRAY",
        "Color32::LIGHT_",
        "Color32::DARK_",
        "Color32::BLACK",
        "Color32::WHITE",
        "Color32::ORANGE",
        "Color32::GOLD",
        "Color32::KHAKI",
        "Color32::BROWN",
        "Color32::LIGHT_GRAY",
        "&WHITE",
        " WHITE.",
        "&BLACK",
        " BLACK.",
        "&RED",
        "&BLUE",
    ];
    if let Some(n) = named.iter().find(|n| code.contains(*n)) {
        return Some(n);
    }
    let bytes = code.as_bytes();
    let hex = (0..bytes.len().saturating_sub(7)).any(|k| {
        bytes[k] == b'"'
            && bytes[k + 1] == b'#'
            && bytes[k + 2..k + 8].iter().all(u8::is_ascii_hexdigit)
            && bytes.get(k + 8) == Some(&b'"')
    });
    hex.then_some("\"#rrggbb\"")
}

#[test]
fn no_colour_literal_outside_the_palette() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    rust_files(&root.join("src"), &mut files);
    assert!(files.len() > 40, "the scan sees the sources: {}", files.len());
    let mut found = Vec::new();
    for f in files {
        let rel = f.strip_prefix(root).unwrap_or(&f).to_string_lossy().replace('\\', "/");
        if ALLOWED.contains(&rel.as_str()) {
            continue;
        }
        let Ok(text) = std::fs::read_to_string(&f) else { panic!("cannot read {rel}") };
        let mut in_tests = false;
        for (n, line) in text.lines().enumerate() {
            in_tests |= line.trim_start().starts_with("#[cfg(test)]");
            if let Some(what) = literal(line).filter(|_| !in_tests) {
                found.push(format!("{rel}:{}: {what}: {}", n + 1, line.trim()));
            }
        }
    }
    assert!(found.is_empty(), "colour literals outside src/chart/palette.rs:\n{}", found.join("\n"));
}

#[test]
fn the_scan_finds_what_it_forbids() {
    for bad in [
        "let c = Color32::from_rgb(0xd3, 0x2f, 0x2f);",
        "const M: RGBColor = RGBColor(194, 209, 227);",
        "color: Color::rgb(0x8a, 0x8a, 0x8a),",
        "root.fill(&WHITE)?;",
        "let c = Color32::GRAY;",
        r##"color: "#ffcc33","##,
    ] {
        assert!(literal(bad).is_some(), "{bad}");
    }
    for good in ["Color32::from_rgb(c.r, c.g, c.b)", "let c = palette::PLAYHEAD;", "// Color32::RED in a comment"] {
        assert!(literal(good).is_none(), "{good}");
    }
}
