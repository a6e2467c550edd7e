//! The board pack: a scenario's whole story as one PDF, made with krilla (pages, text, outline,
//! metadata) and krilla-svg (the charts, drawn from the SVG that the exporter already makes, so
//! they stay vectors and their text stays text).
//!
//! Pages, 16:9 (960 × 540 pt): a title page (title, window, the date it was made, the file's
//! name); one page per presenter step ([`crate::chart::steps`]) with its date, caption and the
//! presenter's charts at that date (power at each company, the balance, capital · votes · power
//! at the first company, the network), and with speaker notes on request; an Assumptions page
//! and a Sources page ([`super::facts`]). Each step has a bookmark. With several runs (compare)
//! a step page shows the runs side by side, each in its own column.

use std::sync::{Arc, OnceLock};

use ab_glyph::{Font as _, FontRef};
use chrono::NaiveDate;
use krilla::color::rgb;
use krilla::destination::XyzDestination;
use krilla::geom::{Point, Size, Transform};
use krilla::metadata::Metadata;
use krilla::outline::{Outline, OutlineNode};
use krilla::page::PageSettings;
use krilla::paint::Fill;
use krilla::surface::Surface;
use krilla::text::{Font, TextDirection};
use krilla::{Data, Document};
use krilla_svg::{SurfaceExt, SvgSettings};

use super::facts::{self, Fact};
use crate::chart::render;
use crate::chart::render::fonts::{CJK_FALLBACK, DEJAVU_SANS};
use crate::chart::{Chart, ChartId, Step, palette};
use crate::engine::{Evaluation, Measure};
use crate::model::{Color, Scenario, kinds::ORDINARY};

/// Page width and height in points (16:9, as a widescreen slide).
pub const PAGE: (f32, f32) = (960.0, 540.0);
const MARGIN: f32 = 36.0;
/// Pixels of a chart's SVG per point of the page: the charts are drawn for a larger canvas and
/// scaled down, so their text keeps the proportions of an exported image.
const CHART_SCALE: f32 = 1.6;

/// One scenario of the pack with its results.
#[derive(Debug, Clone, Copy)]
pub struct Run<'a> {
    /// The scenario.
    pub scenario: &'a Scenario,
    /// Its evaluation.
    pub evaluation: &'a Evaluation,
}

/// What the pack says beyond the runs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeckOptions {
    /// A strip of speaker notes under each step's charts.
    pub notes: bool,
    /// The scenario file's name, on the title page.
    pub file_name: String,
    /// The date the pack is made, on the title page.
    pub made_on: NaiveDate,
}

/// Why a board pack could not be made.
#[derive(Debug, thiserror::Error)]
pub enum DeckError {
    /// A chart could not be drawn.
    #[error("page {page}: {source}")]
    Chart {
        /// The page, from 1.
        page: usize,
        /// What went wrong.
        source: render::RenderError,
    },
    /// krilla could not finish the document.
    #[error("could not assemble the PDF: {0}; report this with the scenario file")]
    Pdf(String),
    /// The embedded font could not be read (a broken build).
    #[error(
        "the font embedded in alliance-sim (assets/fonts/DejaVuSans.ttf) could not be loaded; rebuild alliance-sim \
        from an intact source tree"
    )]
    Font,
}

/// The number of pages of the pack of `s`: title, one per step, assumptions, sources.
pub fn page_count(s: &Scenario) -> usize {
    crate::chart::steps(s).len() + 3
}

/// The board pack of `runs` (the first is the one whose steps are shown) as the bytes of a
/// PDF, calling `progress(pages done, pages)` after each page.
pub fn deck(
    runs: &[Run<'_>],
    options: &DeckOptions,
    mut progress: impl FnMut(usize, usize),
) -> Result<Vec<u8>, DeckError> {
    let Some(first) = runs.first() else { return Ok(Vec::new()) };
    let s = first.scenario;
    let steps = crate::chart::steps(s);
    let total = steps.len() + 3;
    let text = Text::new()?;
    let fonts = chart_fonts();
    let mut doc = Document::new();
    let mut outline = Outline::new();
    let page_size = PageSettings::from_wh(PAGE.0, PAGE.1).ok_or_else(|| DeckError::Pdf("no page size".into()))?;
    let settings = || page_size.clone();
    {
        let mut page = doc.start_page_with(settings());
        title_page(&mut page.surface(), &text, runs, options);
    }
    outline.push_child(OutlineNode::new(s.title.clone(), XyzDestination::new(0, Point::from_xy(0.0, 0.0))));
    progress(1, total);
    for (k, step) in steps.iter().enumerate() {
        let mut page = doc.start_page_with(settings());
        step_page(&mut page.surface(), &text, &fonts, runs, (k, steps.len()), step, options.notes)
            .map_err(|source| DeckError::Chart { page: k + 2, source })?;
        let label = format!("{} · {}", step.date, first_line(&step.caption));
        outline.push_child(OutlineNode::new(label, XyzDestination::new(k + 1, Point::from_xy(0.0, 0.0))));
        progress(k + 2, total);
    }
    for (k, (heading, rows, values)) in
        [("Assumptions", facts::assumptions(s), true), ("Sources", facts::sources(s), false)].into_iter().enumerate()
    {
        let mut page = doc.start_page_with(settings());
        let note = (!values).then(|| format!("{} items of the file give no source.", facts::unsourced(s)));
        facts_page(&mut page.surface(), &text, heading, &rows, values, note.as_deref());
        let index = steps.len() + 1 + k;
        outline.push_child(OutlineNode::new(heading.into(), XyzDestination::new(index, Point::from_xy(0.0, 0.0))));
        progress(index + 1, total);
    }
    doc.set_outline(outline);
    doc.set_metadata(
        Metadata::new()
            .title(s.title.clone())
            .description(format!("Board pack: voting power from {} to {}", s.start, s.end))
            .creator("alliance-sim".into()),
    );
    doc.finish().map_err(|e| DeckError::Pdf(format!("{e:?}")))
}

fn first_line(text: &str) -> &str {
    text.lines().map(str::trim).find(|l| !l.is_empty()).unwrap_or_default()
}

/// The fonts the charts' SVG names, for usvg: the embedded DejaVu Sans as every family.
fn chart_fonts() -> Arc<usvg::fontdb::Database> {
    static DB: OnceLock<Arc<usvg::fontdb::Database>> = OnceLock::new();
    Arc::clone(DB.get_or_init(|| {
        let mut db = usvg::fontdb::Database::new();
        db.load_font_data(DEJAVU_SANS.to_vec());
        db.load_font_data(CJK_FALLBACK.to_vec());
        db.set_sans_serif_family("DejaVu Sans");
        Arc::new(db)
    }))
}

/// Text on the page: the embedded fonts for krilla (DejaVu Sans, and the CJK fallback for a line
/// with a character DejaVu lacks, such as a Japanese name), and their metrics for wrapping.
struct Text {
    fonts: [(Font, FontRef<'static>); 2],
}

impl Text {
    fn new() -> Result<Text, DeckError> {
        let load = |bytes: &'static [u8]| -> Result<(Font, FontRef<'static>), DeckError> {
            let font = Font::new(Data::from(bytes), 0).ok_or(DeckError::Font)?;
            Ok((font, FontRef::try_from_slice(bytes).map_err(|_| DeckError::Font)?))
        };
        Ok(Text { fonts: [load(DEJAVU_SANS)?, load(CJK_FALLBACK)?] })
    }

    /// The font a line is set in: DejaVu Sans when it has every character, else the fallback.
    fn font_for(&self, text: &str) -> &(Font, FontRef<'static>) {
        let [primary, fallback] = &self.fonts;
        let has = |c: char| c.is_whitespace() || primary.1.glyph_id(c).0 != 0;
        if text.chars().all(has) { primary } else { fallback }
    }

    /// The advance of `text` at `size` points.
    fn width(&self, text: &str, size: f32) -> f32 {
        let face = &self.font_for(text).1;
        let units = face.units_per_em().unwrap_or(2048.0);
        text.chars().map(|c| face.h_advance_unscaled(face.glyph_id(c))).sum::<f32>() * size / units
    }

    /// `text` broken into lines of at most `width` points at `size` (its own line breaks kept).
    fn wrap(&self, text: &str, size: f32, width: f32) -> Vec<String> {
        let mut out = Vec::new();
        for paragraph in text.lines() {
            let mut line = String::new();
            for word in paragraph.split_whitespace() {
                let candidate = if line.is_empty() { word.to_string() } else { format!("{line} {word}") };
                if self.width(&candidate, size) > width && !line.is_empty() {
                    out.push(std::mem::replace(&mut line, word.to_string()));
                } else {
                    line = candidate;
                }
            }
            out.push(line);
        }
        out
    }

    /// Draws `text` with its baseline at `(x, y)`.
    fn draw(&self, surface: &mut Surface<'_>, (x, y): (f32, f32), size: f32, color: Color, text: &str) {
        surface.set_fill(Some(Fill { paint: rgb::Color::new(color.r, color.g, color.b).into(), ..Fill::default() }));
        let font = self.font_for(text).0.clone();
        surface.draw_text(Point::from_xy(x, y), font, size, text, false, TextDirection::Auto);
    }

    /// Draws `text` wrapped to `width` from the top `y`, at most `max_lines` lines (the last cut
    /// with "…"); returns the `y` below it.
    fn paragraph(
        &self,
        surface: &mut Surface<'_>,
        (x, y): (f32, f32),
        (size, width, max_lines): (f32, f32, usize),
        color: Color,
        text: &str,
    ) -> f32 {
        let lines = self.wrap(text, size, width);
        let leading = size * 1.3;
        for (k, line) in lines.iter().take(max_lines).enumerate() {
            let shown =
                if k + 1 == max_lines && lines.len() > max_lines { format!("{line} …") } else { line.clone() };
            self.draw(surface, (x, y + size + leading * k as f32), size, color, &shown);
        }
        y + leading * lines.len().min(max_lines) as f32
    }
}

fn title_page(surface: &mut Surface<'_>, text: &Text, runs: &[Run<'_>], options: &DeckOptions) {
    let width = PAGE.0 - 2.0 * MARGIN;
    let Some(first) = runs.first() else { return };
    let s = first.scenario;
    let mut y = text.paragraph(surface, (MARGIN, 150.0), (34.0, width, 3), palette::EXPORT_TEXT, &s.title);
    y += 12.0;
    let window = format!("{} to {}", s.start.format("%-d %B %Y"), s.end.format("%-d %B %Y"));
    y = text.paragraph(
        surface,
        (MARGIN, y),
        (18.0, width, 1),
        palette::EXPORT_MUTED,
        &format!("Board pack · {window}"),
    );
    for other in &runs[1..] {
        let line = format!("compared with {}", other.scenario.title);
        y = text.paragraph(surface, (MARGIN, y), (14.0, width, 1), palette::EXPORT_MUTED, &line);
    }
    y += 18.0;
    if !s.description.is_empty() {
        y = text.paragraph(surface, (MARGIN, y), (12.0, width, 8), palette::EXPORT_TEXT, &s.description) + 18.0;
    }
    let made = format!("Made on {} from {} by alliance-sim", options.made_on.format("%-d %B %Y"), options.file_name);
    text.paragraph(surface, (MARGIN, y.max(PAGE.1 - 80.0)), (11.0, width, 2), palette::EXPORT_MUTED, &made);
}

/// The charts the presenter shows at `date`, in the order of its screen: power at each company
/// (Shapley–Shubik, ordinary resolutions), then the balance, the snapshot of the first company
/// and the network.
fn presenter_charts(run: &Run<'_>, date: NaiveDate) -> (Vec<Chart>, Vec<Chart>) {
    let s = run.scenario;
    let ordinary = s.resolution_kinds().first().map_or(ORDINARY.to_string(), |k| k.id.clone());
    let build = |id: ChartId| super::build_chart(&id, s, run.evaluation, date);
    let left = s
        .company_ids()
        .into_iter()
        .map(|issuer| {
            build(ChartId::Power {
                issuer: issuer.into(),
                measure: Measure::ShapleyShubik,
                resolution: ordinary.clone(),
            })
        })
        .collect();
    let mut right = vec![build(ChartId::Balance)];
    if let Some(issuer) = s.company_ids().first() {
        right.push(build(ChartId::Snapshot { issuer: issuer.to_string() }));
    }
    right.push(build(ChartId::Network));
    (left, right)
}

fn step_page(
    surface: &mut Surface<'_>,
    text: &Text,
    fonts: &Arc<usvg::fontdb::Database>,
    runs: &[Run<'_>],
    (k, n): (usize, usize),
    step: &Step,
    notes: bool,
) -> Result<(), render::RenderError> {
    let width = PAGE.0 - 2.0 * MARGIN;
    let heading = format!("Step {} of {n} · {}", k + 1, step.date.format("%-d %B %Y"));
    text.draw(surface, (MARGIN, MARGIN), 12.0, palette::EXPORT_MUTED, &heading);
    let top = text.paragraph(surface, (MARGIN, MARGIN + 6.0), (17.0, width, 2), palette::EXPORT_TEXT, &step.caption);
    let notes_height = if notes { 70.0 } else { 0.0 };
    let area = (MARGIN - 12.0, top + 8.0, PAGE.0 - 2.0 * MARGIN + 24.0, PAGE.1 - top - 20.0 - notes_height);
    let column = area.2 / runs.len() as f32;
    for (j, run) in runs.iter().enumerate() {
        let x = area.0 + column * j as f32;
        let mut y = area.1;
        if runs.len() > 1 {
            text.draw(surface, (x + 12.0, y + 11.0), 11.0, palette::EXPORT_TEXT, &run.scenario.title);
            y += 16.0;
        }
        let s = run.scenario;
        if step.date < s.start || step.date > s.end {
            text.draw(surface, (x + 12.0, y + 24.0), 11.0, palette::EXPORT_MUTED, "outside this scenario's window");
            continue;
        }
        let (left, right) = presenter_charts(run, step.date);
        let height = area.1 + area.3 - y;
        if runs.len() == 1 {
            stack(surface, fonts, &left, step.date, (x, y, column * 0.5, height))?;
            stack(surface, fonts, &right, step.date, (x + column * 0.5, y, column * 0.5, height))?;
        } else {
            let charts: Vec<Chart> = right.into_iter().take(1).chain(left).collect();
            stack(surface, fonts, &charts, step.date, (x, y, column, height))?;
        }
    }
    if notes {
        let y = area.1 + area.3 + 14.0;
        let body = speaker_notes(runs[0].scenario, step.date);
        text.draw(surface, (MARGIN, y), 10.0, palette::EXPORT_MUTED, "Speaker notes");
        text.paragraph(surface, (MARGIN, y + 2.0), (10.0, width, 4), palette::EXPORT_TEXT, &body);
    }
    Ok(())
}

/// The speaker notes of a step: each event of the date with its title and its source.
fn speaker_notes(s: &Scenario, date: NaiveDate) -> String {
    let lines: Vec<String> = s
        .events
        .iter()
        .filter(|e| e.date() == date)
        .map(|e| match e.source() {
            Some(source) => format!("{} (source: {source})", s.event_title(e)),
            None => s.event_title(e),
        })
        .collect();
    if lines.is_empty() {
        "No event on this date: the state of the scenario at its start.".into()
    } else {
        lines.join("\n")
    }
}

/// Draws `charts` one above the other in `(x, y, w, h)` (points), playhead at `date`.
fn stack(
    surface: &mut Surface<'_>,
    fonts: &Arc<usvg::fontdb::Database>,
    charts: &[Chart],
    date: NaiveDate,
    (x, y, w, h): (f32, f32, f32, f32),
) -> Result<(), render::RenderError> {
    let each = h / charts.len().max(1) as f32;
    for (k, chart) in charts.iter().enumerate() {
        draw_chart(surface, fonts, chart, date, (x, y + each * k as f32, w, each))?;
    }
    Ok(())
}

fn draw_chart(
    surface: &mut Surface<'_>,
    fonts: &Arc<usvg::fontdb::Database>,
    chart: &Chart,
    date: NaiveDate,
    (x, y, w, h): (f32, f32, f32, f32),
) -> Result<(), render::RenderError> {
    let (pw, ph) = ((w * CHART_SCALE).max(64.0) as u32, (h * CHART_SCALE).max(64.0) as u32);
    let svg = render::svg(chart, pw, ph, &render::Options { playhead: Some(date), event_labels: false })?;
    let options = usvg::Options { fontdb: Arc::clone(fonts), ..usvg::Options::default() };
    let tree = usvg::Tree::from_str(&svg, &options)
        .map_err(|e| render::RenderError::Draw { title: chart.title.clone(), detail: e.to_string() })?;
    let Some(size) = Size::from_wh(w, h) else { return Ok(()) };
    surface.push_transform(&Transform::from_translate(x, y));
    surface.draw_svg(&tree, size, SvgSettings::default());
    surface.pop();
    Ok(())
}

/// The Assumptions or Sources page: its rows grouped under their headings, in two columns
/// when they do not fit in one, the text shrunk to fit the page.
fn facts_page(surface: &mut Surface<'_>, text: &Text, heading: &str, rows: &[Fact], values: bool, note: Option<&str>) {
    text.draw(surface, (MARGIN, MARGIN + 8.0), 22.0, palette::EXPORT_TEXT, heading);
    let lines = fact_lines(rows, values);
    let top = MARGIN + 30.0;
    let bottom = PAGE.1 - MARGIN - if note.is_some() { 16.0 } else { 0.0 };
    let column_width = (PAGE.0 - 2.0 * MARGIN - 24.0) / 2.0;
    let mut size = 10.0f32;
    let wrapped = loop {
        let wrapped: Vec<(bool, Vec<String>)> =
            lines.iter().map(|(bold, line)| (*bold, text.wrap(line, size, column_width))).collect();
        let count: usize = wrapped.iter().map(|(_, l)| l.len()).sum();
        if count as f32 * size * 1.25 <= 2.0 * (bottom - top) || size <= 5.0 {
            break wrapped;
        }
        size -= 0.5;
    };
    let (mut x, mut y) = (MARGIN, top);
    for (heading, lines) in wrapped {
        for line in lines {
            if y + size * 1.25 > bottom && x == MARGIN {
                (x, y) = (MARGIN + column_width + 24.0, top);
            }
            let color = if heading { palette::EXPORT_TEXT } else { palette::EXPORT_MUTED };
            text.draw(surface, (x, y + size), size, color, &line);
            y += size * 1.25;
        }
    }
    if let Some(note) = note {
        text.draw(surface, (MARGIN, PAGE.1 - MARGIN), 9.0, palette::EXPORT_MUTED, note);
    }
}

/// The lines of a facts page: each group's name (a heading), then its rows.
fn fact_lines(rows: &[Fact], values: bool) -> Vec<(bool, String)> {
    let mut out = Vec::new();
    let mut group = None;
    for row in rows {
        if group != Some(&row.group) {
            out.push((true, row.group.clone()));
            group = Some(&row.group);
        }
        let line = if values && row.source == facts::NO_SOURCE {
            format!("{}: {}", row.item, row.value)
        } else if values {
            format!("{}: {} — source: {}", row.item, row.value, row.source)
        } else {
            format!("{} — {}", row.item, row.source)
        };
        out.push((false, line));
    }
    out
}
