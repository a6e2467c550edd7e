//! The centre: live plots that follow the playhead, all drawn from the chart descriptions
//! of [`crate::chart`] (the same ones the exporters draw): power over time per issuer, the
//! balance series, capital vs votes vs power at the playhead, the network of holdings, and
//! the findings at the playhead.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use eframe::egui::{self, RichText};
use egui_plot::{Bar, BarChart as PlotBars, HoverPosition, Legend, Line, Plot, PlotPoints, VLine};

use super::paint::{self, c32};
use super::panel::PanelCtx;
use crate::chart::{self, BarChart, Chart, ChartBody, ChartId, LineStyle, TimeChart, date_to_x, palette, x_to_date};
use crate::engine::{Evaluation, Measure};

/// The plots' own state: the measure and resolution chosen for each issuer's power plot,
/// and the issuer of the snapshot bars.
#[derive(Debug, Clone, Default)]
pub struct PlotsPanel {
    /// Index and resolution chosen in each issuer's power plot header.
    pub power_choice: BTreeMap<String, (Measure, String)>,
    /// The issuer whose capital, votes and power are shown as bars.
    pub snapshot_issuer: Option<String>,
}

/// The names of the compared scenarios in legends.
const COMPARED_NAMES: [&str; 3] = ["(B)", "(C)", "(D)"];

/// Below this width the plots stack in one scrolling column.
const NARROW: f32 = 900.0;

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
        header(ui, cx);
        super::conflict::banner(ui, cx);
        let findings_height = if cx.editable { 100.0 } else { 130.0 };
        let plots_height = (ui.available_height() - findings_height).max(300.0);
        if ui.available_width() >= NARROW {
            ui.allocate_ui(egui::vec2(ui.available_width(), plots_height), |ui| {
                ui.columns(2, |cols| {
                    self.left_column(&mut cols[0], cx, &ev, plots_height);
                    self.right_column(&mut cols[1], cx, &ev, plots_height);
                });
            });
        } else {
            // A narrow centre (compare panel open, small window): one column that scrolls.
            ui.allocate_ui(egui::vec2(ui.available_width(), plots_height), |ui| {
                egui::ScrollArea::vertical().id_salt("plots-scroll").show(ui, |ui| {
                    let tall = plots_height.max(900.0);
                    self.left_column(ui, cx, &ev, tall);
                    self.right_column(ui, cx, &ev, tall);
                });
            });
        }
        findings(ui, cx, &ev);
    }
    fn left_column(&mut self, ui: &mut egui::Ui, cx: &PanelCtx<'_>, ev: &Evaluation, height: f32) {
        let issuers: Vec<String> = cx.scenario.company_ids().into_iter().map(str::to_string).collect();
        let each = (height / issuers.len().max(1) as f32 - 34.0).max(110.0);
        for issuer in issuers {
            let kinds = cx.scenario.resolution_kinds();
            let (mut measure, mut resolution) = self
                .power_choice
                .get(&issuer)
                .filter(|(_, k)| kinds.iter().any(|x| x.id == *k))
                .cloned()
                .unwrap_or_else(|| (Measure::ShapleyShubik, cx.scenario.headline_kind()));
            ui.horizontal(|ui| {
                ui.label(RichText::new(format!("Power at {}", cx.scenario.name_of(&issuer))).strong());
                egui::ComboBox::from_id_salt(("measure", &issuer))
                    .selected_text(measure.label())
                    .show_ui(ui, |ui| {
                        for m in Measure::ALL {
                            ui.selectable_value(&mut measure, m, m.label());
                        }
                    })
                    .response
                    .on_hover_text(format!("Power index shown at {}", cx.scenario.name_of(&issuer)));
                let shown = kinds.iter().find(|k| k.id == resolution).map_or(resolution.clone(), |k| k.name.clone());
                egui::ComboBox::from_id_salt(("resolution", &issuer))
                    .selected_text(shown)
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
            });
            self.power_choice.insert(issuer.clone(), (measure, resolution.clone()));
            let chart = build(cx, &ChartId::Power { issuer: issuer.clone(), measure, resolution }, ev);
            draw(ui, &chart, &format!("power-{issuer}"), cx.view.playhead, each);
        }
    }

    fn right_column(&mut self, ui: &mut egui::Ui, cx: &PanelCtx<'_>, ev: &Evaluation, height: f32) {
        let network_min = (height * 0.42).max(190.0);
        let third = ((height - network_min) / 2.0 - 34.0).max(90.0);
        ui.label(RichText::new("Balance (A at B's meeting − B at A's)").strong());
        let balance = build(cx, &ChartId::Balance, ev);
        draw(ui, &balance, "balance", cx.view.playhead, third);
        let companies: Vec<String> = cx.scenario.company_ids().into_iter().map(str::to_string).collect();
        let mut issuer: String = self
            .snapshot_issuer
            .clone()
            .filter(|i| companies.contains(i))
            .or_else(|| companies.first().cloned())
            .unwrap_or_default();
        ui.horizontal(|ui| {
            ui.label(RichText::new("Capital · votes · power at the playhead:").strong());
            egui::ComboBox::from_id_salt("snapshot-combo")
                .selected_text(cx.scenario.name_of(&issuer).to_string())
                .show_ui(ui, |ui| {
                    for c in &companies {
                        ui.selectable_value(&mut issuer, c.clone(), cx.scenario.name_of(c));
                    }
                })
                .response
                .on_hover_text("Issuer whose capital, votes and power are shown");
        });
        self.snapshot_issuer = Some(issuer.clone());
        let snapshot = build(cx, &ChartId::Snapshot { issuer }, ev);
        draw(ui, &snapshot, "snapshot", cx.view.playhead, third);
        ui.label(RichText::new("Network of holdings at the playhead").strong());
        let network = chart::build(&ChartId::Network, cx.scenario, ev, cx.view.playhead);
        draw(ui, &network, "network", cx.view.playhead, (ui.available_height() - 4.0).max(third));
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

/// The chart of the open scenario, with the compared scenario overlaid when there is one.
fn build(cx: &PanelCtx<'_>, id: &ChartId, ev: &Evaluation) -> Chart {
    let mut c = chart::build(id, cx.scenario, ev, cx.view.playhead);
    if let (ChartId::Power { .. }, Some((low, high))) = (id, &cx.band) {
        let low = chart::build(id, cx.scenario, low, cx.view.playhead);
        let high = chart::build(id, cx.scenario, high, cx.view.playhead);
        chart::add_bands(&mut c, &low, &high, "40–80% turnout");
    }
    for (other, name) in cx.compared.iter().zip(COMPARED_NAMES) {
        if let Some(oev) = other.evaluation() {
            chart::overlay(&mut c, chart::build(id, &other.scenario, oev, cx.view.playhead), name);
        }
    }
    c
}

/// Draws any chart description.
pub fn draw(ui: &mut egui::Ui, chart: &Chart, id: &str, playhead: NaiveDate, height: f32) {
    match &chart.body {
        ChartBody::Time(t) => time_plot(ui, t, id, playhead, height),
        ChartBody::Bars(b) => bar_plot(ui, b, id, height),
        ChartBody::Network(n) => super::network::draw(ui, n, height),
        ChartBody::Tornado(t) => super::assumptions::tornado_plot(ui, t, id, height),
    }
}

fn egui_style(style: LineStyle) -> egui_plot::LineStyle {
    match style {
        LineStyle::Solid => egui_plot::LineStyle::Solid,
        LineStyle::Dashed => egui_plot::LineStyle::Dashed { length: 8.0 },
        LineStyle::Dotted => egui_plot::LineStyle::Dotted { spacing: 5.0 },
    }
}

fn time_plot(ui: &mut egui::Ui, t: &TimeChart, id: &str, playhead: NaiveDate, height: f32) {
    let mode = paint::mode(ui);
    let percent = t.percent;
    let plot = Plot::new(id)
        .height(height)
        .legend(
            Legend::default()
                .position(egui_plot::Corner::LeftTop)
                .background_alpha(0.85)
                .text_style(egui::TextStyle::Small),
        )
        .y_axis_min_width(40.0)
        .link_axis(egui::Id::unique("time-axis"), [true, false])
        .link_cursor(egui::Id::unique("time-axis"), [true, false])
        .default_x_bounds(date_to_x(t.start), date_to_x(t.end))
        .default_y_bounds(t.y_range.0 - 0.02, t.y_range.1 + 0.05)
        .y_grid_spacer(egui_plot::uniform_grid_spacer(|_| [0.05, 0.25, 1.0]))
        .allow_scroll(false)
        .x_grid_spacer(date_grid)
        .x_axis_formatter(|mark, _| date_label(mark))
        .y_axis_formatter(
            move |mark, _| if percent { format!("{:.0}%", mark.value * 100.0) } else { format!("{:.2}", mark.value) },
        )
        .label_formatter(move |pos| {
            let (name, p) = match pos {
                HoverPosition::NearDataPoint { plot_name, position, .. } => (plot_name.to_string(), position),
                HoverPosition::Elsewhere { position } => (String::new(), position),
            };
            let value = if percent { format!("{:.3}%", p.y * 100.0) } else { format!("{:.4}", p.y) };
            Some(format!("{name}\n{}: {value}", x_to_date(p.x)))
        });
    plot.show(ui, |plot_ui| {
        for b in &t.bands {
            band(plot_ui, b, t, mode);
        }
        for s in &t.series {
            for (k, run) in s.step_runs(t.data_end()).into_iter().enumerate() {
                let seg: Vec<[f64; 2]> = run.into_iter().map(|(x, y)| [x, y]).collect();
                let line = Line::new(s.name.clone(), PlotPoints::from(seg))
                    .color(c32(palette::line(s.color, mode)))
                    .width(2.0)
                    .style(egui_style(s.style))
                    .allow_band(false)
                    .id((id, &s.name, k));
                plot_ui.line(line);
            }
        }
        if let Some(c) = &t.conflict {
            conflict_band(plot_ui, c, t);
        }
        plot_ui.add(VLine::new("", date_to_x(playhead)).color(c32(palette::PLAYHEAD)).width(1.5));
    });
}

/// A series' range under a low and a high assumption: tinted steps behind its line, one
/// legend entry.
fn band(plot_ui: &mut egui_plot::PlotUi<'_>, b: &chart::Band, t: &TimeChart, mode: palette::Mode) {
    let color = c32(palette::line(b.color, mode)).gamma_multiply(0.22);
    for (x0, x1, lo, hi) in b.step_rects(t.data_end()) {
        let rect = PlotPoints::from(vec![[x0, lo], [x1, lo], [x1, hi], [x0, hi]]);
        plot_ui.polygon(
            egui_plot::Polygon::new(b.name.clone(), rect)
                .fill_color(color)
                .stroke(egui::Stroke::NONE)
                .allow_hover(false),
        );
    }
}

/// From the date of an event that cannot happen to the end: a tinted band, its edge, and
/// its label on hover (the banner above the plots says it in full).
fn conflict_band(plot_ui: &mut egui_plot::PlotUi<'_>, c: &chart::ConflictMark, t: &TimeChart) {
    let color = c32(palette::CONFLICT);
    let (x0, x1) = (date_to_x(c.date), date_to_x(t.end).max(date_to_x(c.date) + 1.0));
    let (y0, y1) = (t.y_range.0 - 10.0, t.y_range.1 + 10.0);
    let band = PlotPoints::from(vec![[x0, y0], [x1, y0], [x1, y1], [x0, y1]]);
    plot_ui.polygon(
        egui_plot::Polygon::new("conflict: nothing known from here", band)
            .fill_color(color.gamma_multiply(0.16))
            .stroke(egui::Stroke::NONE)
            .allow_hover(false),
    );
    plot_ui.add(VLine::new("", x0).color(color).width(2.0));
}

/// Grid marks on whole years, quarters or months, whichever fits the visible span.
fn date_grid(input: egui_plot::GridInput) -> Vec<egui_plot::GridMark> {
    use chrono::Datelike;
    let (lo, hi) = input.bounds;
    let (a, b) = (x_to_date(lo), x_to_date(hi));
    let span_days = hi - lo;
    let months_step = if span_days > 365.0 * 6.0 {
        12
    } else if span_days > 365.0 * 1.5 {
        3
    } else {
        1
    };
    let mut out = Vec::new();
    let mut d = chrono::NaiveDate::from_ymd_opt(a.year(), 1, 1).unwrap_or(a);
    while d <= b {
        let yearly = d.month() == 1;
        if d >= a && d.month0().is_multiple_of(months_step) {
            out.push(egui_plot::GridMark {
                value: date_to_x(d),
                step_size: if yearly { 365.0 } else { 30.0 * f64::from(months_step) },
            });
        }
        d = d.checked_add_months(chrono::Months::new(1)).unwrap_or(b + chrono::Days::new(1));
    }
    out
}

/// A year on January marks, else the month.
fn date_label(mark: egui_plot::GridMark) -> String {
    use chrono::Datelike;
    let d = x_to_date(mark.value);
    if d.month() == 1 { d.format("%Y").to_string() } else { d.format("%b").to_string() }
}

fn bar_plot(ui: &mut egui::Ui, b: &BarChart, id: &str, height: f32) {
    let mode = paint::mode(ui);
    let n = b.groups.len().max(1) as f64;
    let width = 0.8 / n;
    let categories = b.categories.clone();
    let plot = Plot::new(id)
        .height(height)
        .legend(
            Legend::default()
                .position(egui_plot::Corner::RightTop)
                .background_alpha(0.85)
                .text_style(egui::TextStyle::Small),
        )
        .y_axis_min_width(40.0)
        .allow_scroll(false)
        .allow_drag(false)
        .allow_zoom(false)
        .default_y_bounds(0.0, 1.05)
        .y_grid_spacer(egui_plot::uniform_grid_spacer(|_| [0.05, 0.25, 1.0]))
        .default_x_bounds(-0.6, categories.len() as f64 - 0.4)
        .x_axis_formatter(move |mark, _| {
            let k = mark.value.round();
            if (mark.value - k).abs() < 1e-6 && k >= 0.0 {
                categories.get(k as usize).cloned().unwrap_or_default()
            } else {
                String::new()
            }
        })
        .y_axis_formatter(|mark, _| format!("{:.0}%", mark.value * 100.0));
    plot.show(ui, |plot_ui| {
        for (g, group) in b.groups.iter().enumerate() {
            let bars: Vec<Bar> = group
                .values
                .iter()
                .enumerate()
                .map(|(c, v)| {
                    Bar::new(c as f64 - 0.4 + width * (g as f64 + 0.5), *v).width(width * 0.9).name(format!(
                        "{}: {:.2}%",
                        group.name,
                        v * 100.0
                    ))
                })
                .collect();
            plot_ui.bar_chart(PlotBars::new(group.name.clone(), bars).color(c32(palette::line(group.color, mode))));
        }
    });
}

fn findings(ui: &mut egui::Ui, cx: &PanelCtx<'_>, ev: &Evaluation) {
    let Some(p) = ev.at(cx.view.playhead) else { return };
    ui.separator();
    ui.label(RichText::new(format!("Findings on {} (state since {})", cx.view.playhead, p.date)).strong());
    egui::ScrollArea::vertical().id_salt("findings").auto_shrink([false, true]).show(ui, |ui| {
        if p.findings.is_empty() {
            ui.label("nothing to note");
        }
        for f in &p.findings {
            ui.label(format!("• [{}] {}", f.kind.key().replace('_', " "), f.detail));
        }
    });
}
