//! `alliance-sim export FILE --deck` (the board pack, a PDF) and `export FILE --workbook` (the
//! analyst's workbook, an `.xlsx`): load, evaluate, hand to [`alliance_sim::io::export`], write.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result};

use alliance_sim::engine::{self, Evaluation};
use alliance_sim::io::export::deck::{self, DeckOptions, Run};
use alliance_sim::io::export::workbook::{self, WorkbookOptions};
use alliance_sim::io::{self, export};
use alliance_sim::model::Scenario;

use super::output::print_out;

fn load(file: &Path) -> Result<(Scenario, Evaluation)> {
    let s = io::load(file)?;
    let ev = engine::evaluate(&s).with_context(|| format!("{}: the scenario cannot be evaluated", file.display()))?;
    Ok((s, ev))
}

/// `export FILE --deck --out deck.pdf [--notes] [--compare B…]`.
pub fn deck(file: &Path, out: &Path, notes: bool, compare: &[PathBuf]) -> Result<ExitCode> {
    let mut loaded = vec![load(file)?];
    for other in compare {
        loaded.push(load(other).with_context(|| format!("--compare {}", other.display()))?);
    }
    let runs: Vec<Run<'_>> = loaded.iter().map(|(s, ev)| Run { scenario: s, evaluation: ev }).collect();
    let options = DeckOptions { notes, file_name: file_name(file), made_on: chrono::Local::now().date_naive() };
    let bytes = deck::deck(&runs, &options, |_, _| ()).with_context(|| format!("{}", file.display()))?;
    export::write_file(out, &bytes)?;
    let pages = deck::page_count(&loaded[0].0);
    print_out(&format!(
        "{}: wrote {} (board pack, {pages} pages, {} bytes)",
        file.display(),
        out.display(),
        bytes.len()
    ))
}

/// `export FILE --workbook --out analysis.xlsx [--every P | --dates D1,D2,…]`.
pub fn workbook(file: &Path, out: &Path, options: &WorkbookOptions) -> Result<ExitCode> {
    let (s, ev) = load(file)?;
    let bytes = workbook::workbook(&s, &ev, options, |_, _| ()).with_context(|| format!("{}", file.display()))?;
    export::write_file(out, &bytes)?;
    print_out(&format!("{}: wrote {} (workbook, {} bytes)", file.display(), out.display(), bytes.len()))
}

/// The file's name without its folder, for the title page.
fn file_name(file: &Path) -> String {
    file.file_name().map(PathBuf::from).unwrap_or_else(|| file.to_path_buf()).display().to_string()
}
