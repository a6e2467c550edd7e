//! Slides for decks: one image of a chart per presenter step ([`crate::chart::steps`]), each
//! with the step's caption as its subtitle, named by step number, date and chart so that a
//! folder sorts in presentation order (`01-2022-10-31-power-renault.png`).
//!
//! Charts over time show the whole window with a playhead at the step's date; snapshots and
//! the network show the state on that date. Used by `alliance-sim export --steps` and by the
//! app's File → Export steps….

use std::path::{Path, PathBuf};

use super::{ExportError, ExportFormat, ExportOptions};
use crate::chart::{self, Chart, ChartId, Step};
use crate::engine::Evaluation;
use crate::model::Scenario;

/// Why slides could not be written.
#[derive(Debug, thiserror::Error)]
pub enum SlidesError {
    /// CSV was asked for.
    #[error(
        "slides are images: choose PNG or SVG, not CSV (the CSV of a chart over time already has a row for \
        every step's date)"
    )]
    Csv,
    /// The output folder could not be created.
    #[error("cannot create the folder {}: {source}; check that its parent is writable, or choose another \
        folder", folder.display())]
    Folder {
        /// The folder.
        folder: PathBuf,
        /// The system's error.
        source: std::io::Error,
    },
    /// A slide could not be drawn or written.
    #[error("slide {file}: {source}")]
    Export {
        /// The slide's file name.
        file: String,
        /// What went wrong.
        source: ExportError,
    },
}

/// One slide: the file name to write it under and what to draw.
#[derive(Debug, Clone, PartialEq)]
pub struct Slide {
    /// The file name (no folder): step number, date, chart name and extension.
    pub file_name: String,
    /// The chart at the step, its subtitle the step's caption.
    pub chart: Chart,
    /// The playhead at the step's date (charts over time).
    pub options: ExportOptions,
    /// Whether event lines carry short labels (charts over time; off unless set).
    pub event_labels: bool,
}

/// The slides of chart `id` for every step of scenario `s`, as `format`.
pub fn slides(id: &ChartId, s: &Scenario, ev: &Evaluation, format: ExportFormat) -> Vec<Slide> {
    let steps = chart::steps(s);
    let width = steps.len().to_string().len().max(2);
    steps
        .iter()
        .enumerate()
        .map(|(k, step)| Slide {
            file_name: format!("{:0width$}-{}-{}.{}", k + 1, step.date, id.name(), format.extension()),
            chart: slide_chart(id, s, ev, step, k, steps.len()),
            options: ExportOptions { playhead: (!id.is_dated()).then_some(step.date), ..ExportOptions::default() },
            event_labels: false,
        })
        .collect()
}

/// The chart of step `k` (from 0) of `n`: built on the step's date, subtitled with the step
/// number, the date and the caption (its lines joined).
fn slide_chart(id: &ChartId, s: &Scenario, ev: &Evaluation, step: &Step, k: usize, n: usize) -> Chart {
    let mut chart = super::build_chart(id, s, ev, step.date);
    let caption = step.caption.lines().map(str::trim).filter(|l| !l.is_empty()).collect::<Vec<_>>().join(" · ");
    chart.subtitle = format!("Step {} of {n} · {} · {caption}", k + 1, step.date.format("%-d %B %Y"));
    chart
}

/// Renders every slide as `format` at `width` × `height` pixels and writes it into `folder`
/// (created if missing), calling `progress(done, total)` after each file. Returns the files
/// written. Stops at the first error; the files already written stay.
pub fn write_slides(
    slides: &[Slide],
    folder: &Path,
    format: ExportFormat,
    (width, height): (u32, u32),
    mut progress: impl FnMut(usize, usize),
) -> Result<Vec<PathBuf>, SlidesError> {
    if format == ExportFormat::Csv {
        return Err(SlidesError::Csv);
    }
    let first = slides.first().map(|x| x.file_name.clone()).unwrap_or_default();
    super::check_size(width, height).map_err(|source| SlidesError::Export { file: first, source })?;
    std::fs::create_dir_all(folder).map_err(|source| SlidesError::Folder { folder: folder.to_path_buf(), source })?;
    let mut written = Vec::with_capacity(slides.len());
    for (k, slide) in slides.iter().enumerate() {
        let path = folder.join(&slide.file_name);
        super::export_labelled(&slide.chart, format, width, height, &slide.options, slide.event_labels)
            .and_then(|bytes| super::write_file(&path, &bytes))
            .map_err(|source| SlidesError::Export { file: slide.file_name.clone(), source })?;
        written.push(path);
        progress(k + 1, slides.len());
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_slide_per_step_named_in_order_with_the_caption_as_subtitle() {
        let s = crate::io::default_scenario().unwrap_or_else(|e| panic!("{e}"));
        let ev = crate::engine::evaluate(&s).unwrap_or_else(|e| panic!("{e}"));
        let id = ChartId::Power {
            issuer: "renault".into(),
            measure: crate::engine::Measure::ShapleyShubik,
            resolution: crate::model::kinds::ORDINARY.to_string(),
        };
        let steps = chart::steps(&s);
        let out = slides(&id, &s, &ev, ExportFormat::Png);
        assert_eq!(out.len(), steps.len());
        assert_eq!(out[0].file_name, format!("01-{}-power-renault.png", s.start));
        let mut names: Vec<&str> = out.iter().map(|x| x.file_name.as_str()).collect();
        names.sort_unstable();
        assert_eq!(names, out.iter().map(|x| x.file_name.as_str()).collect::<Vec<_>>(), "sorted by name = in order");
        for (slide, step) in out.iter().zip(&steps) {
            assert_eq!(slide.options.playhead, Some(step.date));
            let first = step.caption.lines().next().unwrap_or_default();
            assert!(slide.chart.subtitle.contains(first.trim()), "{:?} lacks {first:?}", slide.chart.subtitle);
            assert!(slide.file_name.contains(&step.date.to_string()));
        }
        let net = slides(&ChartId::Network, &s, &ev, ExportFormat::Svg);
        assert!(net.iter().all(|x| x.options.playhead.is_none() && x.file_name.ends_with("-network.svg")));
        assert!(net.iter().zip(&steps).all(|(x, st)| x.chart.title.contains(&st.date.to_string())));
    }
}
