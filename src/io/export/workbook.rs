//! An analyst's workbook: the numbers of a scenario as an Excel workbook (rust_xlsxwriter),
//! with native Excel charts built on its cells so an analyst restyles or extends them in Excel.
//!
//! Sheets: *Balance*; per company *… capital*, *… votes* and *… power* (one block of columns
//! per kind of resolution and index); *At dates* (capital, votes and power of each issuer's
//! holders on chosen dates, with a column chart each); *Findings*; *Assumptions* and *Sources*
//! ([`super::facts`]). Tables over time have one row per date of the [`Sampling`] (every change
//! point by default): the first column is an Excel date, shares are numbers with a % format,
//! headers are names, and the header rows are frozen. Every figure comes from the chart layer's
//! descriptions ([`super::build_chart`]), as the CSV export's do.

use chrono::NaiveDate;
use rust_xlsxwriter::{
    Chart as XlsxChart, ChartFormat, ChartLine, ChartType, Color as XlsxColor, Format, Workbook, Worksheet, XlsxError,
};

use super::csv::value_on;
use super::facts::{self, Fact};
use super::sampling::{Sampling, SamplingError};
use crate::chart::{BarChart, ChartBody, ChartId, Series, TimeChart};
use crate::engine::{Evaluation, Measure};
use crate::model::Scenario;

/// What the workbook holds beyond the scenario.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct WorkbookOptions {
    /// The dates of the rows of every table over time.
    pub sampling: Sampling,
    /// The dates of the *At dates* sheet; when empty, the window's start and end.
    pub bar_dates: Vec<NaiveDate>,
}

/// Why a workbook could not be made.
#[derive(Debug, thiserror::Error)]
pub enum WorkbookError {
    /// The sampling does not fit the window.
    #[error("{0}")]
    Sampling(#[from] SamplingError),
    /// rust_xlsxwriter refused something.
    #[error("could not write the workbook: {0}; report this with the scenario file, or export CSV instead")]
    Xlsx(#[from] XlsxError),
}

/// Row of the first data line of a table over time (two header rows above it).
const FIRST_ROW: u32 = 2;
/// Height in rows of one native chart, and its width in pixels.
const CHART_ROWS: u32 = 20;
const CHART_WIDTH: u32 = 720;

/// The cell formats of the workbook.
struct Formats {
    header: Format,
    date: Format,
    percent: Format,
    number: Format,
    wrap: Format,
}

impl Formats {
    fn new() -> Formats {
        Formats {
            header: Format::new().set_bold().set_text_wrap(),
            date: Format::new().set_num_format("yyyy-mm-dd"),
            percent: Format::new().set_num_format("0.00%"),
            number: Format::new().set_num_format("0.0000"),
            wrap: Format::new().set_text_wrap(),
        }
    }
}

/// The workbook of `s` (evaluated as `ev`) as the bytes of an `.xlsx` file, calling
/// `progress(sheets done, sheets)` as each sheet is written.
pub fn workbook(
    s: &Scenario,
    ev: &Evaluation,
    options: &WorkbookOptions,
    mut progress: impl FnMut(usize, usize),
) -> Result<Vec<u8>, WorkbookError> {
    let companies: Vec<&str> = s.company_ids();
    let total = 5 + 3 * companies.len();
    let mut done = 0;
    let mut step = |progress: &mut dyn FnMut(usize, usize)| {
        done += 1;
        progress(done, total);
    };
    let f = Formats::new();
    let mut wb = Workbook::new();
    let mut names = SheetNames::default();
    let balance = time_chart(s, ev, &ChartId::Balance);
    time_sheet(&mut wb, &f, &names.unique("Balance"), &[("Balance of power".into(), balance)], options, s)?;
    step(&mut progress);
    for issuer in &companies {
        let name = s.name_of(issuer);
        for (what, id) in [
            ("capital", ChartId::Capital { issuer: issuer.to_string() }),
            ("votes", ChartId::Votes { issuer: issuer.to_string() }),
        ] {
            let title = format!("Shares of {name}'s {what}");
            let block = [(title, time_chart(s, ev, &id))];
            time_sheet(&mut wb, &f, &names.unique(&format!("{name} {what}")), &block, options, s)?;
            step(&mut progress);
        }
        let blocks = power_blocks(s, ev, issuer);
        time_sheet(&mut wb, &f, &names.unique(&format!("{name} power")), &blocks, options, s)?;
        step(&mut progress);
    }
    at_dates_sheet(&mut wb, &f, &names.unique("At dates"), s, ev, options)?;
    step(&mut progress);
    findings_sheet(&mut wb, &f, &names.unique("Findings"), s, ev)?;
    step(&mut progress);
    facts_sheet(&mut wb, &f, &names.unique("Assumptions"), &facts::assumptions(s), true)?;
    step(&mut progress);
    facts_sheet(&mut wb, &f, &names.unique("Sources"), &facts::sources(s), false)?;
    step(&mut progress);
    wb.set_properties(
        &rust_xlsxwriter::DocProperties::new()
            .set_title(&s.title)
            .set_subject("Voting power over time: holdings, votes, power, balance and findings"),
    );
    Ok(wb.save_to_buffer()?)
}

/// The time chart `id` of `s`, or an empty one when the chart is not over time.
fn time_chart(s: &Scenario, ev: &Evaluation, id: &ChartId) -> TimeChart {
    match super::build_chart(id, s, ev, s.end).body {
        ChartBody::Time(t) => t,
        _ => TimeChart {
            y_label: String::new(),
            y_range: (0.0, 1.0),
            percent: true,
            start: s.start,
            end: s.end,
            series: Vec::new(),
            markers: Vec::new(),
            conflict: None,
            bands: Vec::new(),
        },
    }
}

/// One block per kind of resolution and index of the power at `issuer`.
fn power_blocks(s: &Scenario, ev: &Evaluation, issuer: &str) -> Vec<(String, TimeChart)> {
    let mut out = Vec::new();
    for kind in s.resolution_kinds() {
        for measure in Measure::ALL {
            let id = ChartId::Power { issuer: issuer.to_string(), measure, resolution: kind.id.clone() };
            let title = format!("{} power at {}, {} resolutions", measure.label(), s.name_of(issuer), kind.name);
            out.push((title, time_chart(s, ev, &id)));
        }
    }
    out
}

/// Sheet names as Excel allows them: at most 31 characters, none of `[]:*?/\`, unique
/// (case-insensitively).
#[derive(Default)]
struct SheetNames(Vec<String>);

impl SheetNames {
    fn unique(&mut self, wanted: &str) -> String {
        let clean: String = wanted.chars().map(|c| if "[]:*?/\\".contains(c) { '-' } else { c }).collect();
        let clean = clean.trim_matches('\'').to_string();
        let cut = |text: &str, room: usize| text.chars().take(room).collect::<String>();
        let mut name = cut(&clean, 31);
        let mut k = 2;
        while self.0.iter().any(|n| n.eq_ignore_ascii_case(&name)) {
            let suffix = format!(" ({k})");
            name = format!("{}{suffix}", cut(&clean, 31 - suffix.len()));
            k += 1;
        }
        self.0.push(name.clone());
        name
    }
}

/// A sheet of tables over time: for each block, a header row naming it and a row of series
/// names, one row per sampled date; then a native line chart per block on those cells.
fn time_sheet(
    wb: &mut Workbook,
    f: &Formats,
    name: &str,
    blocks: &[(String, TimeChart)],
    options: &WorkbookOptions,
    s: &Scenario,
) -> Result<(), WorkbookError> {
    let points: Vec<NaiveDate> =
        blocks.iter().flat_map(|(_, t)| t.series.iter().flat_map(|x| x.points.iter().map(|p| p.0))).collect();
    let dates = options.sampling.dates(s.start, s.end, &points)?;
    let sheet = wb.add_worksheet().set_name(name)?;
    sheet.write_string_with_format(1, 0, "Date", &f.header)?;
    sheet.set_column_width(0, 11)?;
    for (row, date) in (FIRST_ROW..).zip(&dates) {
        sheet.write_datetime_with_format(row, 0, date, &f.date)?;
    }
    let last_row = FIRST_ROW + dates.len().saturating_sub(1) as u32;
    let mut col: u16 = 1;
    let chart_col = 1 + blocks.iter().map(|(_, t)| t.series.len()).sum::<usize>() as u16 + 1;
    for (k, (title, t)) in blocks.iter().enumerate() {
        sheet.write_string_with_format(0, col, title, &f.header)?;
        let format = if t.percent { &f.percent } else { &f.number };
        let mut chart = line_chart(title, t);
        for series in &t.series {
            write_series(sheet, f, format, series, col, &dates)?;
            add_series(&mut chart, name, series, col, last_row);
            col += 1;
        }
        if !dates.is_empty() && !t.series.is_empty() {
            sheet.insert_chart(k as u32 * (CHART_ROWS + 1), chart_col, &chart)?;
        }
    }
    sheet.set_freeze_panes(FIRST_ROW, 1)?;
    Ok(())
}

fn write_series(
    sheet: &mut Worksheet,
    f: &Formats,
    format: &Format,
    series: &Series,
    col: u16,
    dates: &[NaiveDate],
) -> Result<(), XlsxError> {
    sheet.write_string_with_format(1, col, &series.name, &f.header)?;
    sheet.set_column_width(col, 14)?;
    for (row, date) in (FIRST_ROW..).zip(dates) {
        if let Some(v) = value_on(series, *date).filter(|v| v.is_finite()) {
            sheet.write_number_with_format(row, col, v, format)?;
        }
    }
    Ok(())
}

/// A line chart on a date axis titled `title`, shares in %.
fn line_chart(title: &str, t: &TimeChart) -> XlsxChart {
    let mut chart = XlsxChart::new(ChartType::Line);
    chart.title().set_name(title);
    chart.x_axis().set_date_axis(true).set_num_format("yyyy");
    chart.y_axis().set_num_format(if t.percent { "0%" } else { "0.00" });
    chart.set_width(CHART_WIDTH);
    chart
}

/// A series of `chart` on column `col` of `sheet`, named by its header cell, in its colour.
fn add_series(chart: &mut XlsxChart, sheet: &str, series: &Series, col: u16, last_row: u32) {
    let color = XlsxColor::RGB(
        (u32::from(series.color.r) << 16) | (u32::from(series.color.g) << 8) | u32::from(series.color.b),
    );
    chart
        .add_series()
        .set_name((sheet, 1, col))
        .set_categories((sheet, FIRST_ROW, 0, last_row, 0))
        .set_values((sheet, FIRST_ROW, col, last_row, col))
        .set_format(ChartFormat::new().set_line(ChartLine::new().set_color(color)));
}

/// The *At dates* sheet: for each chosen date and company, its holders' capital, votes and
/// power (the snapshot chart's table) and a column chart on it.
fn at_dates_sheet(
    wb: &mut Workbook,
    f: &Formats,
    name: &str,
    s: &Scenario,
    ev: &Evaluation,
    options: &WorkbookOptions,
) -> Result<(), WorkbookError> {
    let dates = if options.bar_dates.is_empty() {
        vec![s.start, s.end]
    } else {
        Sampling::Dates(options.bar_dates.clone()).dates(s.start, s.end, &[])?
    };
    let sheet = wb.add_worksheet().set_name(name)?;
    sheet.set_column_width(0, 28)?;
    let mut row = 0;
    for date in &dates {
        for issuer in s.company_ids() {
            let ChartBody::Bars(bars) =
                super::build_chart(&ChartId::Snapshot { issuer: issuer.into() }, s, ev, *date).body
            else {
                continue;
            };
            let title = format!("{} on {date}", s.name_of(issuer));
            let height = bars_table(sheet, f, name, &title, &bars, row)?;
            row += height.max(CHART_ROWS) + 1;
        }
    }
    sheet.set_freeze_panes(0, 1)?;
    Ok(())
}

/// Writes `bars` as a table from `row` (title, header, one row per holder) with a column
/// chart beside it; returns the rows used.
fn bars_table(
    sheet: &mut Worksheet,
    f: &Formats,
    name: &str,
    title: &str,
    bars: &BarChart,
    row: u32,
) -> Result<u32, XlsxError> {
    sheet.write_string_with_format(row, 0, title, &f.header)?;
    sheet.write_string_with_format(row + 1, 0, "Holder", &f.header)?;
    for (k, category) in bars.categories.iter().enumerate() {
        sheet.write_string_with_format(row + 1, 1 + k as u16, category, &f.header)?;
        sheet.set_column_width(1 + k as u16, 16)?;
    }
    for (j, group) in bars.groups.iter().enumerate() {
        let r = row + 2 + j as u32;
        sheet.write_string(r, 0, &group.name)?;
        for (k, v) in group.values.iter().enumerate().filter(|(_, v)| v.is_finite()) {
            sheet.write_number_with_format(r, 1 + k as u16, *v, &f.percent)?;
        }
    }
    let last = row + 1 + bars.groups.len() as u32;
    let mut chart = XlsxChart::new(ChartType::Column);
    chart.title().set_name(title);
    chart.y_axis().set_num_format("0%");
    chart.set_width(CHART_WIDTH);
    for k in 0..bars.categories.len() as u16 {
        chart.add_series().set_name((name, row + 1, 1 + k)).set_categories((name, row + 2, 0, last, 0)).set_values((
            name,
            row + 2,
            1 + k,
            last,
            1 + k,
        ));
    }
    if !bars.groups.is_empty() {
        sheet.insert_chart(row, 2 + bars.categories.len() as u16, &chart)?;
    }
    Ok(2 + bars.groups.len() as u32)
}

/// The *Findings* sheet: every finding with its date, kind, holder and issuer by name.
fn findings_sheet(
    wb: &mut Workbook,
    f: &Formats,
    name: &str,
    s: &Scenario,
    ev: &Evaluation,
) -> Result<(), WorkbookError> {
    let sheet = wb.add_worksheet().set_name(name)?;
    for (col, (header, width)) in
        [("Date", 11.0), ("Kind", 22.0), ("Holder", 24.0), ("Issuer", 24.0), ("Finding", 90.0)].iter().enumerate()
    {
        sheet.write_string_with_format(0, col as u16, *header, &f.header)?;
        sheet.set_column_width(col as u16, *width)?;
    }
    let mut row = 1;
    for point in &ev.points {
        for finding in &point.findings {
            let name_of = |id: &Option<String>| id.as_deref().map(|x| s.name_of(x).to_string()).unwrap_or_default();
            sheet.write_datetime_with_format(row, 0, point.date, &f.date)?;
            sheet.write_string(row, 1, finding.kind.key())?;
            sheet.write_string(row, 2, name_of(&finding.holder))?;
            sheet.write_string(row, 3, name_of(&finding.issuer))?;
            sheet.write_string_with_format(row, 4, &finding.detail, &f.wrap)?;
            row += 1;
        }
    }
    sheet.set_freeze_panes(1, 0)?;
    Ok(())
}

/// The *Assumptions* or *Sources* sheet: group, item, (value,) source.
fn facts_sheet(wb: &mut Workbook, f: &Formats, name: &str, rows: &[Fact], values: bool) -> Result<(), WorkbookError> {
    let sheet = wb.add_worksheet().set_name(name)?;
    let mut headers = vec![("Group", 22.0), ("Item", 48.0)];
    if values {
        headers.push(("Value", 48.0));
    }
    headers.push(("Source", 80.0));
    for (col, (header, width)) in headers.iter().enumerate() {
        sheet.write_string_with_format(0, col as u16, *header, &f.header)?;
        sheet.set_column_width(col as u16, *width)?;
    }
    for (row, fact) in (1..).zip(rows) {
        sheet.write_string(row, 0, &fact.group)?;
        sheet.write_string_with_format(row, 1, &fact.item, &f.wrap)?;
        let source_col = if values {
            sheet.write_string_with_format(row, 2, &fact.value, &f.wrap)?;
            3
        } else {
            2
        };
        sheet.write_string_with_format(row, source_col, &fact.source, &f.wrap)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sheet_names_fit_excel_and_stay_unique() {
        let mut names = SheetNames::default();
        assert_eq!(names.unique("Renault capital"), "Renault capital");
        assert_eq!(names.unique("renault capital"), "renault capital (2)");
        let long = names.unique("Mitsubishi Motors Corporation: power [a/b]");
        assert!(long.chars().count() <= 31 && !long.contains([':', '[', '/']), "{long}");
    }
}
