//! The fonts text is set in, on screen and in exports (a leaf: it imports nothing from the rest
//! of the renderer). DejaVu Sans, embedded, sets Latin, Greek and Cyrillic text and the symbols
//! the program writes. A character it lacks (日産自動車, 르노, 雷诺) is set in a font found for it
//! among the system's fonts, by the same look-up the app's window uses (the operating system's
//! own fallback for the character's script and the user's locale); on a machine with no such
//! font, in the embedded Droid Sans Fallback (CJK ideographs and kana; not Hangul; Apache-2.0, see
//! `assets/fonts/DroidSansFallback-LICENSE.txt` and `docs/dependencies.md` for why this one).
//!
//! Faces are parsed once per process and kept for its life (a handful at most); the system's
//! fonts are listed only when a character first needs them, so an export of Latin names never
//! waits for the list.

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

use ab_glyph::{Font, FontArc, GlyphId, PxScale};
use eframe::epaint::text::{FallbackRequest, FontFamily};
use egui_system_font_provider::SystemFontProvider;

/// DejaVu Sans (`assets/fonts/DejaVu-LICENSE.txt`): the first font of the app and of every
/// export.
pub const DEJAVU_SANS: &[u8] = include_bytes!("../../../assets/fonts/DejaVuSans.ttf");

/// Droid Sans Fallback (`assets/fonts/DroidSansFallback-LICENSE.txt`): the last font of the app
/// and of every export, for Japanese and Chinese names on a machine whose system has no font for
/// them.
pub const CJK_FALLBACK: &[u8] = include_bytes!("../../../assets/fonts/DroidSansFallbackFull.ttf");

/// The family name of [`CJK_FALLBACK`], as SVG names it.
pub const CJK_FALLBACK_FAMILY: &str = "Droid Sans Fallback";

/// A font text can be set in, with the family name SVG gives it.
#[derive(Debug)]
pub struct Face {
    /// The parsed font.
    pub font: FontArc,
    /// Its family name ("DejaVu Sans", "Noto Sans CJK JP", …).
    pub family: String,
}

impl Face {
    /// Whether the face has a glyph for `c` (not its missing-glyph box).
    pub fn has(&self, c: char) -> bool {
        self.font.glyph_id(c).0 != 0
    }

    /// The scale that gives the face an em of `em` pixels.
    pub fn scale(&self, em: f32) -> PxScale {
        let units = self.font.units_per_em().unwrap_or(2048.0);
        PxScale::from(em * self.font.height_unscaled() / units)
    }
}

/// One glyph of a line of text: its font, its id there, and its pen position from the line's
/// start.
#[derive(Debug, Clone, Copy)]
pub struct Glyph {
    /// The font that sets it.
    pub face: &'static Face,
    /// The glyph in that font.
    pub id: GlyphId,
    /// The pen position, in pixels from the line's start (kerning included).
    pub pen: f32,
}

/// DejaVu Sans, parsed once; `None` if it cannot be read (a broken build).
pub fn primary() -> Option<&'static Face> {
    static FACE: OnceLock<Option<Face>> = OnceLock::new();
    FACE.get_or_init(|| {
        let font = FontArc::try_from_slice(DEJAVU_SANS).ok()?;
        Some(Face { font, family: "DejaVu Sans".into() })
    })
    .as_ref()
}

/// The embedded fallback, parsed once; `None` if it cannot be read (a broken build).
pub fn embedded_fallback() -> Option<&'static Face> {
    static FACE: OnceLock<Option<Face>> = OnceLock::new();
    FACE.get_or_init(|| {
        let font = FontArc::try_from_slice(CJK_FALLBACK).ok()?;
        Some(Face { font, family: CJK_FALLBACK_FAMILY.into() })
    })
    .as_ref()
}

/// The face that sets `c`: DejaVu Sans when it has the glyph, else a system font that has it,
/// else the embedded fallback when it has it, else DejaVu Sans (its missing-glyph box: no font
/// at hand has the character). `None` only when DejaVu Sans cannot be read.
pub fn face_for(c: char) -> Option<&'static Face> {
    let first = primary()?;
    if first.has(c) || c.is_control() || c.is_whitespace() {
        return Some(first);
    }
    static FOUND: OnceLock<Mutex<HashMap<char, &'static Face>>> = OnceLock::new();
    let found = FOUND.get_or_init(|| Mutex::new(HashMap::new()));
    if let Some(face) = found.lock().ok().and_then(|m| m.get(&c).copied()) {
        return Some(face);
    }
    let face = system_face(c).or_else(|| embedded_fallback().filter(|f| f.has(c))).unwrap_or(first);
    if let Ok(mut m) = found.lock() {
        m.insert(c, face);
    }
    Some(face)
}

/// A system font that has `c`, found as the app's window finds it; each font file read once.
fn system_face(c: char) -> Option<&'static Face> {
    static PROVIDER: OnceLock<SystemFontProvider> = OnceLock::new();
    static FACES: OnceLock<Mutex<HashMap<String, &'static Face>>> = OnceLock::new();
    let provider = PROVIDER.get_or_init(SystemFontProvider::new);
    let cluster = c.to_string();
    let request = FallbackRequest { cluster: &cluster, family: &FontFamily::Proportional };
    let insert = eframe::epaint::text::FontProvider::font_for(provider, &request)?;
    let faces = FACES.get_or_init(|| Mutex::new(HashMap::new()));
    let mut faces = faces.lock().ok()?;
    if let Some(face) = faces.get(&insert.name) {
        return Some(*face);
    }
    let bytes: &[u8] = (*insert.data.font).as_ref();
    let font = FontArc::new(ab_glyph::FontVec::try_from_vec_and_index(bytes.to_vec(), insert.data.index).ok()?);
    // "system:Noto Sans CJK JP:3:0" names the family between the first two colons.
    let family = insert.name.split(':').nth(1).unwrap_or("sans-serif").to_string();
    let face = Face { font, family };
    if !face.has(c) {
        return None;
    }
    // Kept for the process's life: a handful of faces at most, one per font file used.
    let face: &'static Face = Box::leak(Box::new(face));
    faces.insert(insert.name, face);
    Some(face)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn japanese_and_chinese_names_have_glyphs_in_the_embedded_fallback() {
        let fallback = embedded_fallback().unwrap_or_else(|| panic!("the embedded fallback does not parse"));
        for name in ["日産自動車", "三菱自動車工業", "ルノー", "雷诺", "東風汽車", "吉利汽车"]
        {
            assert!(name.chars().all(|c| fallback.has(c)), "{name}");
        }
        let dejavu = primary().unwrap_or_else(|| panic!("DejaVu Sans does not parse"));
        assert!(!dejavu.has('日'), "the premise: DejaVu Sans has no CJK");
    }

    #[test]
    fn every_character_of_a_japanese_name_is_set_in_a_face_that_has_it() {
        for c in "日産自動車 Renault".chars() {
            let face = face_for(c).unwrap_or_else(|| panic!("no face"));
            assert!(face.has(c) || c == ' ', "{c} in {}", face.family);
        }
    }
}
