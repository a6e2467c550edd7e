//! Export from the app: any chart to PNG (any size and scale), SVG or CSV (percentages,
//! decimals, a byte-order mark for Excel), one image per presenter step into a folder (for
//! decks), the board pack (PDF, "page 3 of 20" while it runs) and the analyst's workbook
//! (xlsx), the whole window to PNG, and a chart to the clipboard. Charts come from the same
//! descriptions the screen draws ([`crate::chart`]) and are rendered by [`crate::io::export`]
//! on a worker thread, with a progress indicator while it runs.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{Receiver, channel};

use eframe::egui::{self, RichText};

use crate::app::document::Document;
use crate::app::windows::context::{WindowCtx, WindowRequest};
use crate::chart::ChartId;
use crate::io::export::csv::{CsvOptions, MAX_DIGITS};
use crate::io::export::{self, ExportFormat, ExportOptions};
use crate::model::Scenario;
use chrono::NaiveDate;

/// The export dialog's choices.
#[derive(Debug, Clone, PartialEq)]
pub struct ExportDialog {
    /// Which chart.
    pub chart: ChartId,
    /// Which format.
    pub format: ExportFormat,
    /// Width in pixels (before scale).
    pub width: u32,
    /// Height in pixels (before scale).
    pub height: u32,
    /// Multiplies the size (2 for print).
    pub scale: u32,
    /// One image per presenter step, into a folder (PNG and SVG only).
    pub steps: bool,
    /// How a CSV writes its numbers.
    pub csv: CsvOptions,
}

impl ExportDialog {
    /// The dialog with the balance chart at 1600×900.
    pub fn new() -> ExportDialog {
        ExportDialog {
            chart: ChartId::Balance,
            format: ExportFormat::Png,
            width: 1600,
            height: 900,
            scale: 1,
            steps: false,
            csv: CsvOptions::default(),
        }
    }
}

impl Default for ExportDialog {
    fn default() -> Self {
        ExportDialog::new()
    }
}

/// An export running on a worker thread.
pub struct Running {
    /// What is being written.
    pub what: String,
    done: Receiver<Result<String, String>>,
    /// Files written and files to write, for an export of several files.
    progress: Option<Arc<(AtomicUsize, AtomicUsize)>>,
    /// What the progress counts ("page "), before "3 of 12".
    unit: &'static str,
}

impl Running {
    /// The outcome, once the worker is done.
    pub fn poll(&self) -> Option<Result<String, String>> {
        self.done.try_recv().ok()
    }

    /// "3 of 12" while an export of several files runs.
    pub fn progress(&self) -> Option<String> {
        let p = self.progress.as_ref()?;
        let (done, all) = (p.0.load(Ordering::Relaxed), p.1.load(Ordering::Relaxed));
        (all > 0).then(|| format!("{}{done} of {all}", self.unit))
    }
}

/// Renders the chart chosen in `d` for the app's scenario at the playhead and writes it to
/// `path` on a worker thread.
pub fn start(doc: &Document, playhead: NaiveDate, d: &ExportDialog, path: &Path) -> Option<Running> {
    let ev = doc.evaluation()?;
    let chart = export::build_chart(&d.chart, &doc.scenario, ev, playhead);
    let (w, h) = (d.width.saturating_mul(d.scale), d.height.saturating_mul(d.scale));
    let (format, path, csv) = (d.format, path.to_path_buf(), d.csv);
    let (tx, rx) = channel();
    let what = format!("{} ({}, {w}×{h})", d.chart.name(), format.extension());
    std::thread::spawn(move || {
        let result = export::export_with(&chart, format, w, h, &ExportOptions { playhead: Some(playhead), csv })
            .and_then(|bytes| export::write_file(&path, &bytes))
            .map(|()| format!("exported {}", path.display()))
            .map_err(|e| e.to_string());
        let _ = tx.send(result);
    });
    Some(Running { what, done: rx, progress: None, unit: "" })
}

/// Renders the chart chosen in `d` at every presenter step and writes one image per step
/// into `folder` (made if missing) on a worker thread, counting the files as they are written.
pub fn start_steps(doc: &Document, d: &ExportDialog, folder: &Path) -> Option<Running> {
    let ev = doc.evaluation()?;
    let slides = export::slides::slides(&d.chart, &doc.scenario, ev, d.format);
    let size = (d.width.saturating_mul(d.scale), d.height.saturating_mul(d.scale));
    let (format, folder) = (d.format, folder.to_path_buf());
    let progress = Arc::new((AtomicUsize::new(0), AtomicUsize::new(slides.len())));
    let counter = Arc::clone(&progress);
    let (tx, rx) = channel();
    let what = format!("{} at every step ({}, {}×{})", d.chart.name(), format.extension(), size.0, size.1);
    std::thread::spawn(move || {
        let result = export::slides::write_slides(&slides, &folder, format, size, |done, _| {
            counter.0.store(done, Ordering::Relaxed);
        })
        .map(|written| format!("exported {} images into {}", written.len(), folder.display()))
        .map_err(|e| e.to_string());
        let _ = tx.send(result);
    });
    Some(Running { what, done: rx, progress: Some(progress), unit: "" })
}

/// Writes the board pack of the open scenario (with the compared ones side by side) to `path`
/// on a worker thread, counting pages ("page 3 of 20") as they are drawn.
pub fn start_deck(doc: &Document, compared: &[Document], file_name: String, path: &Path) -> Option<Running> {
    let mut runs = vec![(doc.scenario.clone(), Arc::clone(doc.evaluation()?))];
    runs.extend(compared.iter().filter_map(|d| Some((d.scenario.clone(), Arc::clone(d.evaluation()?)))));
    let pages = export::deck::page_count(&doc.scenario);
    let progress = Arc::new((AtomicUsize::new(0), AtomicUsize::new(pages)));
    let counter = Arc::clone(&progress);
    let path = path.to_path_buf();
    let (tx, rx) = channel();
    let options = export::deck::DeckOptions { notes: true, file_name, made_on: chrono::Local::now().date_naive() };
    std::thread::spawn(move || {
        let runs: Vec<export::deck::Run<'_>> =
            runs.iter().map(|(s, ev)| export::deck::Run { scenario: s, evaluation: ev }).collect();
        let result = export::deck::deck(&runs, &options, |done, _| counter.0.store(done, Ordering::Relaxed))
            .map_err(|e| e.to_string())
            .and_then(|bytes| export::write_file(&path, &bytes).map_err(|e| e.to_string()))
            .map(|()| format!("exported the board pack ({pages} pages) to {}", path.display()));
        let _ = tx.send(result);
    });
    Some(Running { what: "the board pack (pdf)".into(), done: rx, progress: Some(progress), unit: "page " })
}

/// Writes the analyst's workbook of the open scenario to `path` on a worker thread, counting
/// sheets as they are written.
pub fn start_workbook(doc: &Document, path: &Path) -> Option<Running> {
    let (s, ev) = (doc.scenario.clone(), Arc::clone(doc.evaluation()?));
    let progress = Arc::new((AtomicUsize::new(0), AtomicUsize::new(0)));
    let counter = Arc::clone(&progress);
    let path = path.to_path_buf();
    let (tx, rx) = channel();
    std::thread::spawn(move || {
        let options = export::workbook::WorkbookOptions::default();
        let result = export::workbook::workbook(&s, &ev, &options, |done, all| {
            counter.1.store(all, Ordering::Relaxed);
            counter.0.store(done, Ordering::Relaxed);
        })
        .map_err(|e| e.to_string())
        .and_then(|bytes| export::write_file(&path, &bytes).map_err(|e| e.to_string()))
        .map(|()| format!("exported the workbook to {}", path.display()));
        let _ = tx.send(result);
    });
    Some(Running { what: "the workbook (xlsx)".into(), done: rx, progress: Some(progress), unit: "sheet " })
}

/// Renders the chart to PNG and puts it on the clipboard.
pub fn copy_to_clipboard(
    ctx: &egui::Context,
    doc: &Document,
    playhead: NaiveDate,
    d: &ExportDialog,
) -> Result<(), String> {
    let ev = doc.evaluation().ok_or("the scenario cannot be evaluated")?;
    let chart = export::build_chart(&d.chart, &doc.scenario, ev, playhead);
    let bytes = export::export_with(
        &chart,
        ExportFormat::Png,
        d.width,
        d.height,
        &ExportOptions { playhead: Some(playhead), ..ExportOptions::default() },
    )
    .map_err(|e| e.to_string())?;
    let img = image::load_from_memory(&bytes).map_err(|e| e.to_string())?.to_rgba8();
    let size = [img.width() as usize, img.height() as usize];
    ctx.copy_image(egui::ColorImage::from_rgba_unmultiplied(size, img.as_raw()));
    Ok(())
}

/// Asks eframe for a screenshot of the whole window and writes it to `path` as PNG.
pub fn save_window(ctx: &egui::Context, path: PathBuf) -> Running {
    let (tx, rx) = channel();
    ctx.request_screenshot(move |img: Arc<egui::ColorImage>| {
        let [w, h] = img.size;
        let rgba: Vec<u8> = img.pixels.iter().flat_map(|c| c.to_array()).collect();
        let result = image::RgbaImage::from_raw(w as u32, h as u32, rgba)
            .ok_or_else(|| "the screenshot had an unexpected size".to_string())
            .and_then(|buf| {
                let mut png = Vec::new();
                buf.write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
                    .map_err(|e| e.to_string())?;
                Ok(png)
            })
            .and_then(|png| export::write_file(&path, &png).map_err(|e| e.to_string()))
            .map(|()| format!("saved the window as {}", path.display()));
        let _ = tx.send(result);
    });
    Running { what: "the window (png)".into(), done: rx, progress: None, unit: "" }
}

impl ExportDialog {
    /// Draws the export window; its buttons go out as requests (the choices are read from the
    /// dialog when the app answers them). Returns whether it is still open.
    pub fn show(&mut self, ctx: &egui::Context, cx: &mut WindowCtx<'_>) -> bool {
        let mut action = None;
        let scenario = cx.scenario;
        egui::Window::new("Export")
            .collapsible(false)
            .resizable(false)
            .anchor(egui::Align2::CENTER_CENTER, egui::Vec2::ZERO)
            .show(ctx, |ui| action = dialog(ui, scenario, self));
        let request = match action {
            Some(Action::Chart) => WindowRequest::ExportChart,
            Some(Action::Steps) => WindowRequest::ExportSteps,
            Some(Action::Copy) => WindowRequest::CopyChart,
            Some(Action::Window) => WindowRequest::ExportWindow,
            Some(Action::Close) => return false,
            None => return true,
        };
        cx.request(request);
        true
    }
}

/// The export dialog. Returns what the user asked for.
pub fn dialog(ui: &mut egui::Ui, scenario: &Scenario, d: &mut ExportDialog) -> Option<Action> {
    let mut action = None;
    egui::Grid::new("export-grid").num_columns(2).spacing([12.0, 8.0]).show(ui, |ui| {
        ui.label("Chart");
        egui::ComboBox::from_id_salt("export-chart")
            .selected_text(d.chart.name())
            .width(260.0)
            .show_ui(ui, |ui| {
                for c in ChartId::all(scenario) {
                    let name = c.name();
                    ui.selectable_value(&mut d.chart, c, name);
                }
            })
            .response
            .on_hover_text("Chart to export");
        ui.end_row();
        ui.label("");
        ui.label(RichText::new(d.chart.describe(scenario)).small().weak());
        ui.end_row();
        ui.label("Format");
        ui.horizontal(|ui| {
            for f in ExportFormat::ALL {
                ui.radio_value(&mut d.format, f, f.extension().to_uppercase());
            }
        });
        ui.end_row();
        if d.format == ExportFormat::Csv {
            csv_options(ui, &mut d.csv);
        } else {
            ui.label("Steps");
            ui.checkbox(&mut d.steps, "One image per presenter step, into a folder").on_hover_text(
                "For a deck: each step of the presentation, with its caption as the subtitle, named by step and date",
            );
            ui.end_row();
            ui.label("Size");
            ui.horizontal(|ui| {
                ui.add(egui::DragValue::new(&mut d.width).range(64..=8192).suffix(" px").prefix("width "));
                ui.add(egui::DragValue::new(&mut d.height).range(64..=8192).suffix(" px").prefix("height "));
                ui.add(egui::DragValue::new(&mut d.scale).range(1..=4).prefix("scale ×"));
            });
            ui.end_row();
            ui.label("");
            ui.label(RichText::new(format!("{} × {} pixels", d.width * d.scale, d.height * d.scale)).small().weak());
            ui.end_row();
        }
    });
    ui.add_space(8.0);
    ui.horizontal(|ui| {
        let steps = d.steps && d.format != ExportFormat::Csv;
        if ui.button(if steps { "Export steps…" } else { "Export…" }).clicked() {
            action = Some(if steps { Action::Steps } else { Action::Chart });
        }
        if ui.button("Copy chart to clipboard").clicked() {
            action = Some(Action::Copy);
        }
        if ui.button("Save the window as PNG…").clicked() {
            action = Some(Action::Window);
        }
        if ui.button("Close").clicked() {
            action = Some(Action::Close);
        }
    });
    action
}

/// What the export dialog asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Export the chosen chart to a file.
    Chart,
    /// Export the chosen chart at every presenter step into a folder.
    Steps,
    /// Copy the chosen chart to the clipboard.
    Copy,
    /// Save the whole window as PNG.
    Window,
    /// Close the dialog.
    Close,
}

/// The CSV options: percentages, decimals, a byte-order mark for Excel.
fn csv_options(ui: &mut egui::Ui, csv: &mut CsvOptions) {
    ui.label("Numbers");
    ui.vertical(|ui| {
        ui.checkbox(&mut csv.percent, "As percentages (15 for 15%)");
        ui.horizontal(|ui| {
            let mut rounded = csv.digits.is_some();
            ui.checkbox(&mut rounded, "Rounded to").on_hover_text("Unticked: every digit, as in the JSON report");
            let mut digits = csv.digits.unwrap_or(4);
            ui.add_enabled(rounded, egui::DragValue::new(&mut digits).range(0..=MAX_DIGITS).suffix(" decimals"));
            csv.digits = rounded.then_some(digits);
        });
        ui.checkbox(&mut csv.bom, "For Excel (a byte-order mark first, so accents read right)");
    });
    ui.end_row();
}
