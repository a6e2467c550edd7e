//! The fonts: egui's defaults, with DejaVu Sans (shipped in `assets/fonts`) as the last
//! fallback of both families, so that symbols (▶, ⏸, ■, →, −, Δ) draw on machines without
//! system fonts; then, for a character none of them has, the system's fonts (eframe's provider)
//! and last the embedded Droid Sans Fallback, so that a Japanese or Chinese name draws on a
//! machine with no font for it. The exporters use the same fonts in the same order
//! ([`crate::chart::render::fonts`]).

use std::sync::Arc;

use eframe::egui;
use eframe::epaint::text::{FallbackRequest, FontInsert, FontPriority, InsertFontFamily};

use crate::chart::render::fonts;
pub use crate::chart::render::fonts::DEJAVU_SANS;

/// Adds DejaVu Sans as the last fallback of the proportional and monospace families, and the
/// embedded CJK fallback after the system's fonts.
pub fn install_fonts(ctx: &egui::Context) {
    let data = egui::FontData::from_static(DEJAVU_SANS);
    let families = [egui::FontFamily::Proportional, egui::FontFamily::Monospace]
        .into_iter()
        .map(|family| InsertFontFamily { family, priority: FontPriority::Lowest })
        .collect();
    ctx.add_font(FontInsert::new("DejaVuSans", data, families));
    // Providers are asked in the order they were added: eframe's system fonts first.
    ctx.add_font_provider(Arc::new(embedded_fallback));
}

/// The embedded CJK fallback, for a character it has.
fn embedded_fallback(request: &FallbackRequest<'_>) -> Option<FontInsert> {
    let c = request.cluster.chars().next()?;
    fonts::embedded_fallback().filter(|face| face.has(c))?;
    let families = vec![InsertFontFamily { family: request.family.clone(), priority: FontPriority::Lowest }];
    Some(FontInsert::new(fonts::CJK_FALLBACK_FAMILY, egui::FontData::from_static(fonts::CJK_FALLBACK), families))
}
