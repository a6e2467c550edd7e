//! The centre: live plots that follow the playhead, all drawn from the chart descriptions
//! of [`crate::chart`] (the same ones the exporters draw): power over time per issuer, the
//! balance series, capital vs votes vs power at the playhead, the network of holdings, and
//! the findings at the playhead. The layout is fixed: the three issuer plots on the left, the
//! balance, the bars and the network on the right, all visible without scrolling from
//! 1280×720 on; in presenter mode the same grid, without the choosers and the findings.

use std::collections::{BTreeMap, BTreeSet};

use eframe::egui::{self, RichText};

use crate::app::panels::context::PanelCtx;
use crate::app::widgets::chart_view::{self, Look, Shown};
use crate::chart::{self, Chart, ChartId};
use crate::engine::{Evaluation, Measure};

/// The plots' own state: the measure and resolution chosen for each issuer's power plot,
/// the issuer of the snapshot bars, and the fit requests and y ranges of the time plots.
#[derive(Debug, Clone, Default)]
pub struct PlotsPanel {
    /// Index and resolution chosen in each issuer's power plot header.
    pub power_choice: BTreeMap<String, (Measure, String)>,
    /// The issuer whose capital, votes and power are shown as bars.
    pub snapshot_issuer: Option<String>,
    /// Time plots whose fit button was pressed (refit on the next frame).
    fit: BTreeSet<String>,
    /// The y range each time plot showed on the last frame, by plot id ("balance",
    /// "power-ISSUER").
    pub y_ranges: BTreeMap<String, (f64, f64)>,
    /// Where each plot was drawn on the last frame, by plot id.
    pub rects: BTreeMap<String, egui::Rect>,
}

/// The height of a plot's title row.
const ROW: f32 = 24.0;

/// The size of small text (legends, keys, bar labels) in presenter mode, in points.
const PRESENTER_SMALL: f32 = 11.5;

/// Below this width the plots stack in one scrolling column.
const NARROW: f32 = 640.0;

impl PlotsPanel {
    /// Draws the centre.
    pub fn ui(&mut self, ui: &mut egui::Ui, cx: &mut PanelCtx<'_>) {
        let Some(ev) = cx.results.clone() else {
            ui.heading("The scenario cannot be evaluated");
            if let Some(p) = cx.problem {
                ui.label(p.to_string());
            }
            return;
        };
        if !cx.editable {
            // A projector: legends, keys and bar labels one step up from the editor's small
            // text (everything is scaled again by the presenter's zoom).
            ui.style_mut().text_styles.insert(egui::TextStyle::Small, egui::FontId::proportional(PRESENTER_SMALL));
        }
        if cx.editable {
            header(ui, cx);
            // The conflict banner offers fixes (editing): not while presenting, where the plots'
            // conflict bands still show where the results stop.
            crate::app::panels::conflict::banner(ui, cx);
        }
        let compact = ui.available_height() < 620.0;
        let findings_height = match (cx.editable, compact) {
            (false, _) => 0.0,
            (true, true) => 64.0,
            (true, false) => 100.0,
        };
        let plots_height = (ui.available_height() - findings_height).max(260.0);
        if ui.available_width() >= NARROW {
            ui.allocate_ui(egui::vec2(ui.available_width(), plots_height), |ui| {
                ui.columns(2, |cols| {
                    self.left_column(&mut cols[0], cx, &ev, plots_height);
                    self.right_column(&mut cols[1], cx, &ev, plots_height);
                });
            });
        } else {
            // A narrow centre (small window): one column that scrolls.
            ui.allocate_ui(egui::vec2(ui.available_width(), plots_height), |ui| {
                egui::ScrollArea::vertical().id_salt("plots-scroll").show(ui, |ui| {
                    let tall = plots_height.max(900.0);
                    self.left_column(ui, cx, &ev, tall);
                    self.right_column(ui, cx, &ev, tall);
                });
            });
        }
        if cx.editable {
            findings(ui, cx, &ev);
        }
    }

    fn left_column(&mut self, ui: &mut egui::Ui, cx: &PanelCtx<'_>, ev: &Evaluation, height: f32) {
        let issuers: Vec<String> = cx.scenario.company_ids().into_iter().map(str::to_string).collect();
        let n = issuers.len().max(1) as f32;
        let each = ((height - n * (ROW + 6.0)) / n).max(70.0);
        for issuer in issuers {
            let kinds = cx.scenario.resolution_kinds();
            let (mut measure, mut resolution) = self
                .power_choice
                .get(&issuer)
                .filter(|(_, k)| kinds.iter().any(|x| x.id == *k))
                .cloned()
                .unwrap_or_else(|| (Measure::ShapleyShubik, cx.scenario.headline_kind()));
            let id = format!("power-{issuer}");
            let shown = kinds.iter().find(|k| k.id == resolution).map_or(resolution.clone(), |k| k.name.clone());
            let short =
                kinds.iter().find(|k| k.id == resolution).map_or(resolution.clone(), |k| k.short_name().to_string());
            ui.horizontal(|ui| {
                ui.set_height(ROW);
                // A narrow column names the issuer alone, so that the choosers fit on the row.
                let name = cx.scenario.name_of(&issuer);
                let title = if ui.available_width() < 460.0 { name.to_string() } else { format!("Power at {name}") };
                if !cx.editable {
                    // Presenting: the other index one click away (a view choice, not an edit).
                    ui.label(RichText::new(format!("{title} ({}, {shown})", measure.label())).strong());
                    let other = other_measure(measure);
                    let hover = format!("Show {} power at {name}", other.label());
                    if ui.small_button(other.label()).on_hover_text(hover).clicked() {
                        measure = other;
                    }
                    return;
                }
                // Right to left: the choosers keep their room and the name takes what is left,
                // cut with "…" when the column is narrow.
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    self.fit_button(ui, &id);
                    egui::ComboBox::from_id_salt(("resolution", &issuer))
                        .selected_text(short.as_str())
                        .show_ui(ui, |ui| {
                            for k in &kinds {
                                ui.selectable_value(&mut resolution, k.id.clone(), &k.name).on_hover_text(format!(
                                    "{}: passes with {} of the votes in play",
                                    k.name,
                                    k.quota.label()
                                ));
                            }
                        })
                        .response
                        .on_hover_text(format!("Resolution shown at {}", cx.scenario.name_of(&issuer)));
                    egui::ComboBox::from_id_salt(("measure", &issuer))
                        .selected_text(measure.label())
                        .show_ui(ui, |ui| {
                            for m in Measure::ALL {
                                ui.selectable_value(&mut measure, m, m.label()).on_hover_text(m.meaning());
                            }
                        })
                        .response
                        .on_hover_text(format!("Power index shown at {}", cx.scenario.name_of(&issuer)));
                    ui.with_layout(egui::Layout::left_to_right(egui::Align::Center), |ui| {
                        ui.add(egui::Label::new(RichText::new(title).strong()).truncate());
                    });
                });
            });
            self.power_choice.insert(issuer.clone(), (measure, resolution.clone()));
            self.time(ui, cx, ev, &ChartId::Power { issuer: issuer.clone(), measure, resolution }, &id, each);
        }
    }

    fn right_column(&mut self, ui: &mut egui::Ui, cx: &PanelCtx<'_>, ev: &Evaluation, height: f32) {
        let third = ((height - 3.0 * (ROW + 6.0)) / 3.0).max(70.0);
        ui.horizontal(|ui| {
            ui.set_height(ROW);
            let (heading, meaning) = balance_heading(cx, ev);
            ui.label(RichText::new(heading).strong()).on_hover_text(meaning);
            if cx.editable {
                self.fit_button(ui, "balance");
            }
        });
        self.time(ui, cx, ev, &ChartId::Balance, "balance", third);
        let companies: Vec<String> = cx.scenario.company_ids().into_iter().map(str::to_string).collect();
        let mut issuer: String = self
            .snapshot_issuer
            .clone()
            .filter(|i| companies.contains(i))
            .or_else(|| companies.first().cloned())
            .unwrap_or_default();
        ui.horizontal(|ui| {
            ui.set_height(ROW);
            let name = cx.scenario.name_of(&issuer).to_string();
            if !cx.editable {
                ui.label(RichText::new(format!("Capital · votes · power at {name}")).strong());
                return;
            }
            ui.label(RichText::new("Capital · votes · power at the playhead:").strong());
            egui::ComboBox::from_id_salt("snapshot-combo")
                .selected_text(name)
                .show_ui(ui, |ui| {
                    for c in &companies {
                        ui.selectable_value(&mut issuer, c.clone(), cx.scenario.name_of(c));
                    }
                })
                .response
                .on_hover_text("Issuer whose capital, votes and power are shown");
        });
        self.snapshot_issuer = Some(issuer.clone());
        let id = ChartId::Snapshot { issuer };
        let snapshot = chart::build(&id, cx.scenario, ev, cx.view.playhead);
        let compared = compared(cx, &id);
        let look = Look { id: "snapshot", playhead: cx.view.playhead, height: third, fit: false };
        let d = chart_view::draw(ui, &Shown { main: &snapshot, compared: &compared }, &look);
        self.rects.insert("snapshot".into(), d.rect);
        ui.horizontal(|ui| {
            ui.set_height(ROW);
            let title = ui.label(RichText::new("Network of holdings at the playhead").strong());
            // The line styles' key beside the title when it fits, else on hovering the title,
            // so the graph keeps its whole height for the nodes and their names.
            let key = crate::app::widgets::network_graph::KEY;
            let room = ui.available_width();
            let font = egui::TextStyle::Small.resolve(ui.style());
            let needed = ui.painter().layout_no_wrap(key.into(), font, ui.visuals().weak_text_color()).size().x;
            if room > needed + 8.0 {
                ui.label(RichText::new(key).small().weak());
            } else {
                title.on_hover_text(key);
            }
        });
        let mut network = chart::build(&ChartId::Network, cx.scenario, ev, cx.view.playhead);
        if let Some((holder, issuer)) = &cx.view.chain {
            chart::highlight_chains(&mut network, holder, issuer);
        }
        let look = Look {
            id: "network",
            playhead: cx.view.playhead,
            height: (ui.available_height() - 4.0).max(third),
            fit: false,
        };
        let d = chart_view::draw(ui, &Shown { main: &network, compared: &[] }, &look);
        self.rects.insert("network".into(), d.rect);
    }

    /// A time plot of the open scenario with the compared ones, remembering its y range.
    fn time(&mut self, ui: &mut egui::Ui, cx: &PanelCtx<'_>, ev: &Evaluation, id: &ChartId, key: &str, h: f32) {
        let mut main = chart::build(id, cx.scenario, ev, cx.view.playhead);
        if let (ChartId::Power { .. }, Some((low, high))) = (id, &cx.band) {
            let low = chart::build(id, cx.scenario, low, cx.view.playhead);
            let high = chart::build(id, cx.scenario, high, cx.view.playhead);
            chart::add_bands(&mut main, &low, &high, "40–80% turnout");
        }
        let compared = compared(cx, id);
        let look = Look { id: key, playhead: cx.view.playhead, height: h, fit: self.fit.remove(key) };
        let d = chart_view::draw(ui, &Shown { main: &main, compared: &compared }, &look);
        self.rects.insert(key.to_string(), d.rect);
        if let Some(y) = d.y_range {
            self.y_ranges.insert(key.to_string(), y);
        }
    }

    fn fit_button(&mut self, ui: &mut egui::Ui, key: &str) {
        let r = ui
            .small_button("Fit")
            .on_hover_text("Fit the y axis to the data (it follows the data by itself until you zoom or drag)");
        if r.clicked() {
            self.fit.insert(key.to_string());
        }
    }
}

/// The index that is not `m`.
fn other_measure(m: Measure) -> Measure {
    match m {
        Measure::ShapleyShubik => Measure::Banzhaf,
        Measure::Banzhaf => Measure::ShapleyShubik,
    }
}

/// The balance plot's heading and what it means: the pair's names when there is one pair
/// (the legend then says only power, votes and capital).
fn balance_heading(cx: &PanelCtx<'_>, ev: &Evaluation) -> (String, String) {
    let pairs = ev.points.first().map_or(&[][..], |p| p.balance.as_slice());
    match pairs {
        [one] => {
            let (a, b) = (cx.scenario.name_of(&one.a), cx.scenario.name_of(&one.b));
            (
                format!("Balance {a} − {b}"),
                format!("{a} at {b}'s meeting minus {b} at {a}'s, in power, votes and capital: 0 is perfect balance"),
            )
        }
        _ => (
            "Balance (A at B's meeting − B at A's)".to_string(),
            "For each pair that hold each other: A at B's meeting minus B at A's: 0 is perfect balance".to_string(),
        ),
    }
}

fn header(ui: &mut egui::Ui, cx: &PanelCtx<'_>) {
    ui.horizontal(|ui| {
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            ui.label(RichText::new(cx.view.playhead.format("%e %B %Y").to_string()).heading().strong());
            ui.with_layout(egui::Layout::left_to_right(egui::Align::Center), |ui| {
                ui.add(egui::Label::new(RichText::new(&cx.scenario.title).heading()).truncate());
            });
        });
    });
}

/// The same chart for each compared scenario, with its letter and file name.
fn compared(cx: &PanelCtx<'_>, id: &ChartId) -> Vec<(String, Chart)> {
    cx.compared
        .iter()
        .zip(&chart_view::LETTERS[1..])
        .filter_map(|(other, letter)| {
            let oev = other.evaluation()?;
            let c = chart::build(id, &other.scenario, oev, cx.view.playhead);
            Some((format!("{letter}, {}", other.display_name()), c))
        })
        .collect()
}

fn findings(ui: &mut egui::Ui, cx: &PanelCtx<'_>, ev: &Evaluation) {
    let Some(p) = ev.at(cx.view.playhead) else { return };
    ui.separator();
    ui.label(RichText::new(format!("Findings on {} (state since {})", cx.view.playhead, p.date)).strong());
    if p.findings.is_empty() {
        ui.label("nothing to note");
        return;
    }
    // One line per finding, cut to the width with its whole text on hover, and only the lines
    // in view laid out: while a slider is dragged the figures change every frame, and laying
    // out every finding's text again was a quarter of the frame.
    let row = ui.text_style_height(&egui::TextStyle::Body);
    egui::ScrollArea::vertical().id_salt("findings").auto_shrink([false, true]).show_rows(
        ui,
        row,
        p.findings.len(),
        |ui, rows| {
            for f in p.findings.get(rows).unwrap_or_default() {
                let text = format!("• [{}] {}", f.kind.label(), f.detail);
                ui.add(egui::Label::new(text).truncate());
            }
        },
    );
}
