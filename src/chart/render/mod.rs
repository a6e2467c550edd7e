//! The renderer: a [`Chart`] (the same description the app draws with egui_plot) drawn with
//! `plotters` as SVG or PNG. The bitmap backend is pure CPU: PNG needs no GPU and no display.
//! Text is set by [`glyphs`] in the fonts of [`fonts`] (DejaVu Sans, embedded in the binary, then
//! a system or the embedded fallback font for other scripts), not by plotters, whose glyph
//! placement spaces letters unevenly.
//!
//! This root holds the dispatch on the kind of chart and the two backends. The kinds
//! ([`time`] with its [`events`] labels, [`bars`], [`network`], [`assumptions`]) draw with the
//! leaf helpers ([`frame`]: title and legend; [`stroke`]: dashed and dotted lines; [`ticks`]:
//! axis ticks; [`style`]: scale, colours, text; [`glyphs`]: text layout and the backends'
//! text), which import nothing back from here or from the kinds: no import circle.
//! File formats, sizes and writing are [`crate::io::export`]'s.

mod assumptions;
mod bars;
mod events;
pub mod fonts;
mod frame;
mod glyphs;
mod network;
mod stroke;
mod style;
mod ticks;
mod time;

use chrono::NaiveDate;
use plotters::prelude::*;

use super::{Chart, ChartBody};
use glyphs::Typeset;
use style::{Area, BACKGROUND, DrawFail, Drawn, Scale};

/// Options of a rendering beyond the size.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Options {
    /// On time charts, a vertical line at this date (the app's playhead). Ignored elsewhere
    /// and when outside the chart's window.
    pub playhead: Option<NaiveDate>,
    /// On time charts, a short label for each event line (the event's caption or kind, cut
    /// short), in rows above the plot. Ignored elsewhere.
    pub event_labels: bool,
}

/// Why a chart could not be rendered.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RenderError {
    /// The embedded font could not be read (a broken build).
    #[error(
        "the font embedded in alliance-sim (assets/fonts/DejaVuSans.ttf) could not be loaded, so no text can be \
        laid out; rebuild alliance-sim from an intact source tree"
    )]
    Font,
    /// Drawing failed inside plotters.
    #[error("could not draw the chart \"{title}\": {detail}")]
    Draw {
        /// The chart's title.
        title: String,
        /// What plotters reported.
        detail: String,
    },
    /// The PNG encoder failed.
    #[error("could not encode the chart \"{title}\" as PNG: {detail}")]
    Encode {
        /// The chart's title.
        title: String,
        /// What the encoder reported.
        detail: String,
    },
}

/// Draws `chart` on `root` (the whole image).
fn draw<DB: DrawingBackend>(root: &Area<DB>, chart: &Chart, options: &Options) -> Drawn {
    root.fill(&BACKGROUND)?;
    let scale = Scale::of(root);
    match &chart.body {
        ChartBody::Time(t) => time::draw(root, scale, chart, t, options.playhead, options.event_labels),
        ChartBody::Bars(b) => bars::draw(root, scale, chart, b),
        ChartBody::Network(n) => network::draw(root, scale, chart, n),
        ChartBody::Assumptions(t) => assumptions::draw(root, scale, chart, t),
    }
}

/// The error of a failed drawing, naming the chart.
fn failed(chart: &Chart, e: DrawFail) -> RenderError {
    RenderError::Draw { title: chart.title.clone(), detail: e.detail() }
}

/// Checks that the embedded font can be read (it is parsed once per process).
fn ensure_font() -> Result<(), RenderError> {
    glyphs::face().map(|_| ()).ok_or(RenderError::Font)
}

/// `chart` as an SVG document of `width` × `height` pixels.
pub fn svg(chart: &Chart, width: u32, height: u32, options: &Options) -> Result<String, RenderError> {
    ensure_font()?;
    let mut out = String::new();
    let outlines = glyphs::Outlines::default();
    {
        let backend = Typeset::vector(SVGBackend::with_string(&mut out, (width, height)), outlines.clone());
        let root = backend.into_drawing_area();
        draw(&root, chart, options)
            .and_then(|()| root.present().map_err(DrawFail::from))
            .map_err(|e| failed(chart, e))?;
    }
    // Lines set as outlines (names in scripts DejaVu Sans lacks), over the rest as text is.
    let end = out.rfind("</svg>").unwrap_or(out.len());
    out.insert_str(end, &outlines.borrow().concat());
    // The alt text: the title, the subtitle and every label in full (a cut axis label too).
    if let Some(open) = out.find("<svg").and_then(|k| out[k..].find('>').map(|e| k + e + 1)) {
        out.insert_str(
            open,
            &format!("\n<title>{}</title>\n<desc>{}</desc>", xml(&chart.title), xml(&alt_text(chart))),
        );
    }
    Ok(out)
}

/// What a chart shows, in words, for its alt text: the subtitle and, for bars, every category
/// and group in full.
pub fn alt_text(chart: &Chart) -> String {
    match &chart.body {
        ChartBody::Bars(b) => format!(
            "{}. Categories: {}. Bars: {}.",
            chart.subtitle,
            b.categories.join("; "),
            b.groups.iter().map(|g| g.name.as_str()).collect::<Vec<_>>().join("; ")
        ),
        _ => chart.subtitle.clone(),
    }
}

/// `text` safe inside XML.
fn xml(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

/// `chart` as a PNG file of `width` × `height` pixels.
pub fn png(chart: &Chart, width: u32, height: u32, options: &Options) -> Result<Vec<u8>, RenderError> {
    ensure_font()?;
    let len = (width as usize) * (height as usize) * 3;
    let mut pixels = vec![0u8; len];
    {
        let root = Typeset::raster(BitMapBackend::with_buffer(&mut pixels, (width, height))).into_drawing_area();
        draw(&root, chart, options)
            .and_then(|()| root.present().map_err(DrawFail::from))
            .map_err(|e| failed(chart, e))?;
    }
    let encode_err = |detail: String| RenderError::Encode { title: chart.title.clone(), detail };
    let image = image::RgbImage::from_raw(width, height, pixels)
        .ok_or_else(|| encode_err("the pixel buffer does not match the size".into()))?;
    let mut png = Vec::new();
    image
        .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
        .map_err(|e| encode_err(e.to_string()))?;
    Ok(png)
}
