//! The fonts: egui's defaults, with DejaVu Sans (shipped in `assets/fonts`) as the last
//! fallback of both families, so that symbols (▶, ⏸, ■, →, −, Δ) draw on machines without
//! system fonts.

use eframe::egui;

/// DejaVu Sans, the font embedded in the binary (also used by the exporters).
pub const DEJAVU_SANS: &[u8] = include_bytes!("../../../assets/fonts/DejaVuSans.ttf");

/// Adds DejaVu Sans as the last fallback of the proportional and monospace families.
pub fn install_fonts(ctx: &egui::Context) {
    let data = egui::FontData::from_static(DEJAVU_SANS);
    let families = [egui::FontFamily::Proportional, egui::FontFamily::Monospace]
        .into_iter()
        .map(|family| egui::epaint::text::InsertFontFamily {
            family,
            priority: egui::epaint::text::FontPriority::Lowest,
        })
        .collect();
    ctx.add_font(egui::epaint::text::FontInsert::new("DejaVuSans", data, families));
}
