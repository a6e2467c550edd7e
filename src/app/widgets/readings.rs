//! The lines under a chart that say what its power index measures (the chart's reading) and
//! what the values at the playhead say beyond their figures (a Banzhaf figure's reading, an
//! estimate's interval): each on one line, cut to the width, with its whole text on hover.

use chrono::NaiveDate;
use eframe::egui::{self, RichText};

use crate::chart::Chart;

/// The lines under `chart` at `playhead`: its reading, then its values' notes.
pub fn lines(chart: &Chart, playhead: NaiveDate) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    if !chart.reading.is_empty() {
        out.push(chart.reading.clone());
    }
    out.extend(chart.notes_at(playhead).into_iter().map(|line| format!("At the playhead: {line}")));
    out
}

/// The height `n` lines take.
pub fn height(ui: &egui::Ui, n: usize) -> f32 {
    let row = ui.text_style_height(&egui::TextStyle::Small) + ui.spacing().item_spacing.y;
    row * n as f32
}

/// Shows the lines, small; the chart's reading muted, the notes in the text's colour.
pub fn show(ui: &mut egui::Ui, lines: &[String], reading_first: bool) {
    for (k, line) in lines.iter().enumerate() {
        let text = RichText::new(line).small();
        let text = if k == 0 && reading_first { text.weak() } else { text };
        ui.add(egui::Label::new(text).truncate()).on_hover_text(line);
    }
}
