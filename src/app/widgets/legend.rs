//! The legends above the plots: each series' swatch (its colour and line style) and name, the
//! runs of a comparison under their letters in their hues, and every entry a toggle that hides
//! or shows its line or bars (kept per plot in egui's memory, so a choice lasts while the app
//! runs and costs the plot nothing).

use std::collections::BTreeSet;

use eframe::egui::{self, Pos2, RichText, Shape, Stroke, Vec2};

use crate::app::widgets::paint::{self, c32};
use crate::chart::palette::{self, Mode};
use crate::chart::{BarChart, LineStyle, TimeChart};

/// The letters of the compared scenarios.
pub const LETTERS: [&str; 4] = ["A", "B", "C", "D"];

/// The part after ": " that every series name shares ("power: Renault − Nissan",
/// "votes: Renault − Nissan" share ": Renault − Nissan"), when there are several series: the
/// legend leaves it out and the plot's heading says it.
pub fn shared_suffix(t: &TimeChart) -> Option<&str> {
    let first = t.series.first()?;
    let tail = &first.name[first.name.find(": ")?..];
    let all = t.series.len() > 1 && t.series.iter().all(|s| s.name.ends_with(tail) && s.name.len() > tail.len());
    all.then_some(tail)
}

/// The runs of a comparison, for the legends: their letters (none when one scenario is shown)
/// and the compared ones' names (B, C, D).
pub struct Runs<'a> {
    /// The runs' letters (A, B…), none when one scenario is shown.
    pub letters: &'a [&'a str],
    /// The compared scenarios' names (B, C, D).
    pub names: &'a [&'a str],
}

impl Runs<'_> {
    /// The letter whose lines a legend entry of `name` belongs to, and `name` without it.
    pub fn split<'n>(&self, name: &'n str) -> (Option<&str>, &'n str) {
        for letter in self.letters {
            if let Some(base) = name.strip_suffix(&format!(" ({letter})")) {
                return (Some(letter), base);
            }
        }
        (None, name)
    }

    /// What a run's letter stands for.
    fn describe(&self, k: usize) -> String {
        match k {
            0 => "A: the open scenario".to_string(),
            _ => format!("{}: {}", LETTERS[k], self.names.get(k - 1).copied().unwrap_or("")),
        }
    }
}

/// The lines (or bar groups) of plot `id` hidden from its legend, by name.
pub fn hidden(ui: &egui::Ui, id: &str) -> BTreeSet<String> {
    ui.data(|d| d.get_temp::<BTreeSet<String>>(egui::Id::unique(("hidden-series", id)))).unwrap_or_default()
}

/// Hides the lines of `names` when any is shown, else shows them all.
fn toggle(ui: &egui::Ui, id: &str, names: &[String]) {
    let key = egui::Id::unique(("hidden-series", id));
    ui.data_mut(|d| {
        let set = d.get_temp_mut_or_default::<BTreeSet<String>>(key);
        if names.iter().any(|n| !set.contains(n)) {
            set.extend(names.iter().cloned());
        } else {
            for n in names {
                set.remove(n);
            }
        }
    });
}

/// One legend entry: a swatch and a name, a click hides or shows what it names.
fn entry(ui: &mut egui::Ui, text: &str, off: bool, draw_swatch: impl FnOnce(&mut egui::Ui, f32)) -> egui::Response {
    draw_swatch(ui, if off { 0.3 } else { 1.0 });
    let mut label = RichText::new(text).small();
    if off {
        label = label.weak().strikethrough();
    }
    let r = ui.add(egui::Label::new(label).sense(egui::Sense::click()));
    ui.add_space(6.0);
    r
}

/// The series names and how each is drawn, for the legend above a time plot: run by run when
/// runs are compared (each run's letter in its hue), each entry a toggle of its line and each
/// letter a toggle of its run's lines.
pub fn legend(ui: &mut egui::Ui, t: &TimeChart, runs: &Runs<'_>, id: &str) {
    let mode = paint::mode(ui);
    let shared = shared_suffix(t);
    let off = hidden(ui, id);
    ui.horizontal_wrapped(|ui| {
        ui.spacing_mut().item_spacing.x = 4.0;
        let mut seen: Vec<&str> = Vec::new();
        let mut current: Option<&str> = None;
        for s in &t.series {
            if seen.contains(&s.name.as_str()) {
                continue;
            }
            seen.push(&s.name);
            let (letter, base) = runs.split(&s.name);
            if let Some(letter) = letter.filter(|l| current != Some(*l)) {
                current = Some(letter);
                run_heading(ui, t, runs, letter, id, mode);
            }
            let name = shared.and_then(|tail| base.strip_suffix(tail)).unwrap_or(base);
            let color = c32(palette::line(s.color, mode));
            let r =
                entry(ui, name, off.contains(&s.name), |ui, alpha| swatch(ui, color.gamma_multiply(alpha), s.style));
            if r.on_hover_text(format!("{}: click to hide or show it", s.name)).clicked() {
                toggle(ui, id, std::slice::from_ref(&s.name));
            }
        }
        for b in &t.bands {
            let (rect, _) = ui.allocate_exact_size(Vec2::new(14.0, 10.0), egui::Sense::hover());
            ui.painter().rect_filled(rect, 1.0, c32(palette::line(b.color, mode)).gamma_multiply(0.22));
            ui.label(RichText::new(&b.name).small());
            ui.add_space(6.0);
        }
    });
}

/// A run's letter in its hue, naming the run on hover; a click hides or shows its lines.
fn run_heading(ui: &mut egui::Ui, t: &TimeChart, runs: &Runs<'_>, letter: &str, id: &str, mode: Mode) {
    let k = LETTERS.iter().position(|l| *l == letter).unwrap_or(0);
    let color = c32(palette::run(k, 0, mode));
    let text = RichText::new(format!("{letter}:")).small().strong().color(color);
    let r = ui.add(egui::Label::new(text).sense(egui::Sense::click()));
    if r.on_hover_text(format!("{} — click to hide or show its lines", runs.describe(k))).clicked() {
        let lines: Vec<String> =
            t.series.iter().filter(|s| runs.split(&s.name).0 == Some(letter)).map(|s| s.name.clone()).collect();
        toggle(ui, id, &lines);
    }
}

/// The groups' names and colours above a bar chart: drawn here rather than by egui_plot,
/// whose legend entries are check boxes (controls that have no place in presenter mode); each
/// a toggle of its bars.
pub fn bar_legend(ui: &mut egui::Ui, b: &BarChart, id: &str) {
    let mode = paint::mode(ui);
    let off = hidden(ui, id);
    ui.horizontal_wrapped(|ui| {
        ui.spacing_mut().item_spacing.x = 4.0;
        for group in &b.groups {
            let color = c32(palette::line(group.color, mode));
            let r = entry(ui, &group.name, off.contains(&group.name), |ui, alpha| {
                let (rect, _) = ui.allocate_exact_size(Vec2::new(12.0, 10.0), egui::Sense::hover());
                ui.painter().rect_filled(rect, 1.0, color.gamma_multiply(0.85 * alpha));
            });
            if r.on_hover_text(format!("{}: click to hide or show its bars", group.name)).clicked() {
                toggle(ui, id, std::slice::from_ref(&group.name));
            }
        }
    });
}

/// A short line in a colour and style, as in the plot.
fn swatch(ui: &mut egui::Ui, color: egui::Color32, style: LineStyle) {
    let (rect, _) = ui.allocate_exact_size(Vec2::new(26.0, 10.0), egui::Sense::hover());
    let (a, b) = (Pos2::new(rect.left(), rect.center().y), Pos2::new(rect.right(), rect.center().y));
    let stroke = Stroke::new(2.5, color);
    let painter = ui.painter();
    match style {
        LineStyle::Solid => {
            painter.line_segment([a, b], stroke);
        }
        LineStyle::Dashed => painter.extend(Shape::dashed_line(&[a, b], stroke, 7.0, 4.0)),
        LineStyle::Dotted => painter.extend(Shape::dotted_line(&[a, b], color, 5.0, 1.5)),
    }
}
