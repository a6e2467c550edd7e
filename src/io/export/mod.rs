//! Export of charts: a [`Chart`] (the same description the app draws with egui_plot) written
//! as SVG or PNG, or as the CSV of the data behind it. This module holds the formats, the
//! size limits and the file writing; the drawing is [`crate::chart::render`]'s.
//!
//! - SVG and PNG are drawn by the same code on plotters' SVG and bitmap backends
//!   ([`crate::chart::render`]); PNG export needs no GPU and no display.
//! - CSV ([`csv`]): time charts as `date,<series>,...` (one row per change point), bar charts
//!   as `holder,<category>,...`, networks as `holder,issuer,capital,votes,status,label`.
//!   ASCII headers; by default numbers are written with Rust's shortest round-trip `f64`
//!   formatting, so they agree to the last digit with `report --format json`; options for
//!   percentages, a number of decimals and a byte-order mark ([`csv::CsvOptions`]).

pub mod csv;
pub mod deck;
pub mod facts;
pub mod sampling;
pub mod slides;
pub mod workbook;

use std::fmt;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::chart::render::{self, RenderError};
use crate::chart::{self, Chart, ChartId};
use crate::engine::{Evaluation, assumptions};
use crate::model::Scenario;

/// The chart `id` of `s` (evaluated as `ev`) on `date`, as the exporters draw it:
/// [`chart::build`] from the evaluation, and for the assumptions chart the engine's balance
/// under each assumption ([`assumptions::balance_swings`]), computed here because building a
/// chart runs no engine.
pub fn build_chart(id: &ChartId, s: &Scenario, ev: &Evaluation, date: NaiveDate) -> Chart {
    match id {
        ChartId::Assumptions => chart::assumptions::build(s, date, &assumptions::balance_swings(s, date, None)),
        _ => chart::build(id, s, ev, date),
    }
}

/// Smallest width or height accepted, in pixels.
pub const MIN_SIDE: u32 = 64;
/// Largest width or height accepted, in pixels.
pub const MAX_SIDE: u32 = 16_384;
/// Largest number of pixels of a PNG (width × height), which bounds its memory (3 bytes each).
pub const MAX_PIXELS: u64 = 64_000_000;

/// The file formats a chart can be exported to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ExportFormat {
    /// A raster image.
    Png,
    /// A vector image; text stays text.
    Svg,
    /// The data behind the chart.
    Csv,
}

impl ExportFormat {
    /// Every format, in menu order.
    pub const ALL: [ExportFormat; 3] = [ExportFormat::Png, ExportFormat::Svg, ExportFormat::Csv];

    /// The usual file extension (without the dot), also the name on the command line.
    pub fn extension(self) -> &'static str {
        match self {
            ExportFormat::Png => "png",
            ExportFormat::Svg => "svg",
            ExportFormat::Csv => "csv",
        }
    }

    /// The format a file name's extension names, if any (case-insensitive).
    pub fn from_path(path: &Path) -> Option<ExportFormat> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        ExportFormat::ALL.into_iter().find(|f| f.extension() == ext)
    }
}

impl fmt::Display for ExportFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.extension())
    }
}

/// Options of an export beyond the format and size.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ExportOptions {
    /// On time charts, a vertical line at this date (the app's playhead). Ignored elsewhere
    /// and when outside the chart's window.
    pub playhead: Option<NaiveDate>,
    /// How CSV writes numbers (percentages, decimals) and whether it starts with a byte-order
    /// mark. Ignored by SVG and PNG.
    pub csv: csv::CsvOptions,
}

impl ExportOptions {
    /// The options of the renderer (SVG and PNG), with or without event labels.
    fn render(&self, event_labels: bool) -> render::Options {
        render::Options { playhead: self.playhead, event_labels }
    }
}

/// Why a chart could not be exported or written.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// The image size is out of range.
    #[error(
        "an image of {width}×{height} pixels cannot be exported: width and height must each be between \
        {MIN_SIDE} and {MAX_SIDE} pixels, and width × height at most {MAX_PIXELS}; choose another size (for \
        example 1600×900)"
    )]
    Size {
        /// Requested width.
        width: u32,
        /// Requested height.
        height: u32,
    },
    /// The embedded font could not be read (a broken build).
    #[error(
        "the font embedded in alliance-sim (assets/fonts/DejaVuSans.ttf) could not be loaded, so no text can be \
        laid out; rebuild alliance-sim from an intact source tree"
    )]
    Font,
    /// Drawing failed inside plotters.
    #[error("could not draw the chart \"{title}\" as {format}: {detail}; try another size, or export the data as CSV")]
    Draw {
        /// The chart's title.
        title: String,
        /// The format being drawn.
        format: ExportFormat,
        /// What plotters reported.
        detail: String,
    },
    /// The PNG encoder failed.
    #[error("could not encode the chart \"{title}\" as PNG: {detail}; try a smaller size, or export it as SVG")]
    Encode {
        /// The chart's title.
        title: String,
        /// What the encoder reported.
        detail: String,
    },
    /// The folder of the output file does not exist.
    #[error("cannot write {}: the folder {} does not exist; create it first or choose another output \
        path", path.display(), folder.display())]
    NoFolder {
        /// The output file.
        path: PathBuf,
        /// Its missing folder.
        folder: PathBuf,
    },
    /// Writing the output file failed or was refused (the original, if any, is unchanged).
    #[error("{0}")]
    Write(#[from] crate::io::file::safe_write::WriteError),
}

impl ExportError {
    /// The export error of a rendering error, naming the format.
    fn render(e: RenderError, format: ExportFormat) -> ExportError {
        match e {
            RenderError::Font => ExportError::Font,
            RenderError::Draw { title, detail } => ExportError::Draw { title, format, detail },
            RenderError::Encode { title, detail } => ExportError::Encode { title, detail },
        }
    }
}

/// Exports `chart` as `format`; `width` and `height` are the image size in pixels (ignored
/// for CSV). Returns the file's bytes.
pub fn export(chart: &Chart, format: ExportFormat, width: u32, height: u32) -> Result<Vec<u8>, ExportError> {
    export_with(chart, format, width, height, &ExportOptions::default())
}

/// [`export`] with options (a playhead on time charts).
pub fn export_with(
    chart: &Chart,
    format: ExportFormat,
    width: u32,
    height: u32,
    options: &ExportOptions,
) -> Result<Vec<u8>, ExportError> {
    export_labelled(chart, format, width, height, options, false)
}

/// [`export_with`], and on time charts with `event_labels`, a short label for each event line
/// (the event's caption or kind, cut short) in rows above the plot. CSV ignores the labels.
pub fn export_labelled(
    chart: &Chart,
    format: ExportFormat,
    width: u32,
    height: u32,
    options: &ExportOptions,
    event_labels: bool,
) -> Result<Vec<u8>, ExportError> {
    match format {
        ExportFormat::Csv => Ok(csv::to_csv_with(chart, &options.csv).into_bytes()),
        ExportFormat::Svg => {
            check_size(width, height)?;
            render::svg(chart, width, height, &options.render(event_labels))
                .map(String::into_bytes)
                .map_err(|e| ExportError::render(e, format))
        }
        ExportFormat::Png => {
            check_size(width, height)?;
            render::png(chart, width, height, &options.render(event_labels)).map_err(|e| ExportError::render(e, format))
        }
    }
}

/// Checks an image size against [`MIN_SIDE`], [`MAX_SIDE`] and [`MAX_PIXELS`].
pub fn check_size(width: u32, height: u32) -> Result<(), ExportError> {
    let side = MIN_SIDE..=MAX_SIDE;
    if side.contains(&width) && side.contains(&height) && u64::from(width) * u64::from(height) <= MAX_PIXELS {
        Ok(())
    } else {
        Err(ExportError::Size { width, height })
    }
}

/// Writes `bytes` to `path` through the safe writer ([`crate::io::file::safe_write`]): whole or
/// not at all, a symbolic link followed, a read-only file or a device refused.
pub fn write_file(path: &Path, bytes: &[u8]) -> Result<(), ExportError> {
    use crate::io::file::safe_write::{WriteError, write_atomic};
    write_atomic(path, bytes).map_err(|e| match e {
        WriteError::NoFolder { path, folder } => ExportError::NoFolder { path, folder },
        other => ExportError::Write(other),
    })
}
