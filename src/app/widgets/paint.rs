//! The bridge from the palette ([`crate::chart::palette`]) to egui: colours converted, and
//! the palette's mode (light or dark) read from the current theme. Panels take every colour
//! from here or from egui's visuals.

use eframe::egui::{self, Color32};

use crate::chart::palette::{self, Mode};
use crate::model::Color;

/// A palette or entity colour for egui.
pub fn c32(c: Color) -> Color32 {
    Color32::from_rgb(c.r, c.g, c.b)
}

/// The palette mode of the theme `ui` draws with.
pub fn mode(ui: &egui::Ui) -> Mode {
    Mode::of_dark(ui.visuals().dark_mode)
}

/// The palette mode of the theme a painter draws with.
pub fn mode_of(painter: &egui::Painter) -> Mode {
    Mode::of_dark(painter.ctx().global_style().visuals.dark_mode)
}

/// An entity's colour as a line on the current background (contrast at least 3:1).
pub fn line(ui: &egui::Ui, c: Color) -> Color32 {
    c32(palette::line(c, mode(ui)))
}

/// An entity's colour as text on the current background (contrast at least 4.5:1).
pub fn text(ui: &egui::Ui, c: Color) -> Color32 {
    c32(palette::text(c, mode(ui)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_palette_knows_the_dark_themes_backgrounds() {
        let dark = egui::Visuals::dark();
        assert_eq!(c32(palette::DARK_BACKGROUND), dark.extreme_bg_color);
        assert_eq!(c32(palette::DARK_PANEL), dark.panel_fill);
        assert_eq!(c32(palette::WHITE), egui::Visuals::light().extreme_bg_color);
    }
}
