//! `alliance-sim export`: a chart of a scenario as PNG, SVG or CSV, without a window; the
//! board pack (`--deck`, a PDF) and the analyst's workbook (`--workbook`, an `.xlsx`), whose
//! runs are in [`super::export_pack`]; and `export --list`, the charts a scenario offers.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result, bail};
use chrono::NaiveDate;
use clap::ValueEnum;

use alliance_sim::chart::ChartId;
use alliance_sim::engine;
use alliance_sim::io::export::sampling::{Period, Sampling};
use alliance_sim::io::export::workbook::WorkbookOptions;
use alliance_sim::io::{self, export};
use alliance_sim::model::Scenario;

use super::output::print_out;

/// Arguments of `export`.
#[derive(Debug, clap::Args)]
#[command(after_long_help = charts_help())]
pub struct ExportArgs {
    /// The `.ron` scenario file (optional with --list: the embedded default scenario).
    #[arg(required_unless_present = "list")]
    file: Option<PathBuf>,
    /// The chart to export (see the list below, or `export --list FILE`).
    #[arg(
        long,
        required_unless_present_any = ["list", "deck", "workbook"],
        conflicts_with_all = ["list", "deck", "workbook"]
    )]
    chart: Option<String>,
    /// Write the board pack as one PDF to --out: a title page, one 16:9 page per presenter step
    /// with its date, caption and the presenter's charts, an assumptions page and a sources page.
    #[arg(long, conflicts_with_all = ["list", "workbook", "steps"])]
    deck: bool,
    /// With --deck: a strip of speaker notes under each step's charts (the events of the date,
    /// with their sources).
    #[arg(long, requires = "deck")]
    notes: bool,
    /// With --deck: scenarios shown side by side with FILE on every step page.
    #[arg(long, num_args = 1.., value_name = "B", requires = "deck")]
    compare: Vec<PathBuf>,
    /// Write the analyst's workbook (Excel .xlsx) to --out: a sheet per table over time, the
    /// holders on chosen dates, findings, assumptions and sources, with native Excel charts.
    #[arg(long, conflicts_with_all = ["list", "steps"])]
    workbook: bool,
    /// Rows of tables over time (--workbook and CSV) on the last day of every day, month,
    /// quarter or year in the window, and its end (default: every date on which a value changes).
    #[arg(long, value_enum, conflicts_with_all = ["dates", "list"])]
    every: Option<EveryArg>,
    /// Rows of tables over time (--workbook and CSV) on these dates, YYYY-MM-DD separated by
    /// commas; with --workbook also the dates of the "At dates" sheet (default: start and end).
    #[arg(long, value_delimiter = ',', value_parser = crate::cli::dates::parse_date, conflicts_with = "list")]
    dates: Vec<NaiveDate>,
    /// The file format; by default the one named by the extension of --out.
    #[arg(long, value_enum, conflicts_with = "list")]
    format: Option<FormatArg>,
    /// The file to write (replaced atomically if it exists); with --steps, the folder to
    /// write the slides into (created if missing).
    #[arg(long, required_unless_present = "list", conflicts_with = "list")]
    out: Option<PathBuf>,
    /// Image width in pixels (PNG and SVG).
    #[arg(long, default_value_t = 1600)]
    width: u32,
    /// Image height in pixels (PNG and SVG).
    #[arg(long, default_value_t = 900)]
    height: u32,
    /// The date shown by `snapshot-*` and `network` (default: the scenario's end); on the
    /// charts over time, a playhead line at this date (default: none). YYYY-MM-DD.
    #[arg(long, value_parser = crate::cli::dates::parse_date)]
    date: Option<NaiveDate>,
    /// Write one image per presenter step (the scenario's start, then every date with a
    /// captioned event) into the folder --out, each with the step's caption as subtitle and
    /// named by step and date (`01-2022-10-31-power-renault.png`). Needs --format png or svg.
    #[arg(long, conflicts_with_all = ["list", "date"])]
    steps: bool,
    /// On charts over time, a short label for each event line (its caption or kind, cut
    /// short), in rows above the plot; a label that fits in no row is left out. PNG and SVG.
    #[arg(long, conflicts_with = "list")]
    event_labels: bool,
    /// How CSV writes numbers.
    #[command(flatten)]
    csv: super::csv_args::CsvArgs,
    /// Print the charts of FILE (or of the embedded scenario), one per line: name, a tab,
    /// and what it shows.
    #[arg(long)]
    list: bool,
}

/// The periods of `--every`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum EveryArg {
    /// Every day of the window.
    Day,
    /// The last day of every month.
    Month,
    /// The last day of every quarter.
    Quarter,
    /// 31 December of every year.
    Year,
}

impl ExportArgs {
    /// The sampling that --every and --dates ask for.
    fn sampling(&self) -> Sampling {
        match self.every {
            Some(EveryArg::Day) => Sampling::Every(Period::Day),
            Some(EveryArg::Month) => Sampling::Every(Period::Month),
            Some(EveryArg::Quarter) => Sampling::Every(Period::Quarter),
            Some(EveryArg::Year) => Sampling::Every(Period::Year),
            None if !self.dates.is_empty() => Sampling::Dates(self.dates.clone()),
            None => Sampling::ChangePoints,
        }
    }
}

/// The formats on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum FormatArg {
    /// A raster image, of --width × --height pixels.
    Png,
    /// A vector image, of --width × --height pixels.
    Svg,
    /// The data behind the chart.
    Csv,
}

impl From<FormatArg> for export::ExportFormat {
    fn from(f: FormatArg) -> export::ExportFormat {
        match f {
            FormatArg::Png => export::ExportFormat::Png,
            FormatArg::Svg => export::ExportFormat::Svg,
            FormatArg::Csv => export::ExportFormat::Csv,
        }
    }
}

/// Runs `export`.
pub fn run(args: &ExportArgs) -> Result<ExitCode> {
    if args.list {
        return list(args.file.as_deref());
    }
    if args.deck || args.workbook {
        return pack(args);
    }
    let (Some(file), Some(name), Some(out)) = (&args.file, &args.chart, &args.out) else {
        bail!("export needs FILE, --chart and --out (or --list); see `alliance-sim export --help`");
    };
    let format = match args.format {
        Some(f) => export::ExportFormat::from(f),
        None => export::ExportFormat::from_path(out).with_context(|| {
            format!("cannot tell the format of {} from its extension; add --format png, svg or csv", out.display())
        })?,
    };
    if args.event_labels && format == export::ExportFormat::Csv {
        bail!(
            "--event-labels labels the event lines of PNG and SVG images, and a CSV has none; \
             drop --event-labels or choose --format png or svg"
        );
    }
    if args.steps {
        return steps(args, file, name, out);
    }
    let sampled = args.every.is_some() || !args.dates.is_empty();
    if sampled && format != export::ExportFormat::Csv {
        bail!(
            "--every and --dates choose the rows of a CSV or a workbook, and an image has none; choose --format csv, \
             or --workbook"
        );
    }
    let csv = args.csv.options(format == export::ExportFormat::Csv, format.extension())?;
    let s = io::load(file)?;
    let id = ChartId::parse(name, &s).with_context(|| format!("{}", file.display()))?;
    let date = date_of(&s, &id, args.date)?;
    let ev = engine::evaluate(&s).with_context(|| format!("{}: the scenario cannot be evaluated", file.display()))?;
    let chart = export::build_chart(&id, &s, &ev, date.unwrap_or(s.end));
    let playhead = if id.is_dated() { None } else { date };
    let options = export::ExportOptions { playhead, csv };
    let bytes = if sampled {
        export::csv::to_csv_sampled(&chart, &options.csv, &args.sampling())
            .with_context(|| format!("{}", file.display()))?
            .into_bytes()
    } else {
        export::export_labelled(&chart, format, args.width, args.height, &options, args.event_labels)?
    };
    export::write_file(out, &bytes)?;
    print_out(&format!("{}: wrote {} ({format}, {} bytes)", file.display(), out.display(), bytes.len()))
}

/// `export --deck` or `--workbook`: the board pack or the analyst's workbook.
fn pack(args: &ExportArgs) -> Result<ExitCode> {
    let (Some(file), Some(out)) = (&args.file, &args.out) else {
        bail!("export --deck and --workbook need FILE and --out; see `alliance-sim export --help`");
    };
    if args.workbook {
        let options = WorkbookOptions { sampling: args.sampling(), bar_dates: args.dates.clone() };
        return super::export_pack::workbook(file, out, &options);
    }
    if args.every.is_some() || !args.dates.is_empty() {
        bail!("--every and --dates choose the rows of tables; the board pack has a page per presenter step instead");
    }
    super::export_pack::deck(file, out, args.notes, &args.compare)
}

/// `export --steps`: one image per presenter step into the folder `out`.
fn steps(args: &ExportArgs, file: &Path, name: &str, out: &Path) -> Result<ExitCode> {
    let format = match args.format {
        Some(FormatArg::Png) => export::ExportFormat::Png,
        Some(FormatArg::Svg) => export::ExportFormat::Svg,
        Some(FormatArg::Csv) => bail!("{}", export::slides::SlidesError::Csv),
        None => bail!("--steps writes images into the folder {}: add --format png or --format svg", out.display()),
    };
    args.csv.options(false, format.extension())?;
    let s = io::load(file)?;
    let id = ChartId::parse(name, &s).with_context(|| format!("{}", file.display()))?;
    let ev = engine::evaluate(&s).with_context(|| format!("{}: the scenario cannot be evaluated", file.display()))?;
    let mut slides = export::slides::slides(&id, &s, &ev, format);
    for slide in &mut slides {
        slide.event_labels = args.event_labels;
    }
    let written = export::slides::write_slides(&slides, out, format, (args.width, args.height), |_, _| ())?;
    let mut lines: Vec<String> = written.iter().map(|p| p.display().to_string()).collect();
    lines.push(format!(
        "{}: wrote {} slides of {name} ({format}) into {}",
        file.display(),
        written.len(),
        out.display()
    ));
    print_out(&lines.join("\n"))
}

/// The date a chart shows: `--date` if given and in the window; else the end of the window
/// for dated charts, none for charts over time.
fn date_of(s: &Scenario, id: &ChartId, date: Option<NaiveDate>) -> Result<Option<NaiveDate>> {
    match date {
        Some(d) if d < s.start || d > s.end => {
            bail!("--date {d} is outside the scenario's window, {} to {}; choose a date within it", s.start, s.end)
        }
        Some(d) => Ok(Some(d)),
        None if id.is_dated() => Ok(Some(s.end)),
        None => Ok(None),
    }
}

/// `export --list [FILE]`.
fn list(file: Option<&Path>) -> Result<ExitCode> {
    let s = match file {
        Some(f) => io::load(f)?,
        None => io::default_scenario().context("the embedded default scenario does not load")?,
    };
    let lines: Vec<String> = ChartId::all(&s).iter().map(|id| format!("{}\t{}", id.name(), id.describe(&s))).collect();
    print_out(&lines.join("\n"))
}

/// The help text after the options: how charts are named, and those of the embedded scenario.
fn charts_help() -> String {
    let mut out = String::from(
        "Charts (ISSUER is a company id of the scenario; `export --list FILE` prints a file's charts):\n  \
         balance                      balance of each pair that hold each other, over time\n  \
         power-ISSUER[-banzhaf][-KIND]\n                               \
         Shapley–Shubik (or Banzhaf) power at ISSUER's meeting over time, ordinary resolutions \
         (or the\n                               \
         scenario's resolution kind KIND: special, …)\n  \
         capital-ISSUER, votes-ISSUER shares of ISSUER's capital, or of the votes in play at its meeting, over time\n  \
         snapshot-ISSUER              capital, votes and power of ISSUER's holders at --date\n  \
         network                      the holdings at --date\n",
    );
    if let Ok(s) = io::default_scenario() {
        out.push_str("\nThe charts of the embedded scenario:\n");
        for id in ChartId::all(&s) {
            out.push_str(&format!("  {:<33} {}\n", id.name(), id.describe(&s)));
        }
    }
    out.push_str(
        "\nCSV: charts over time give `date,<series>,...` (one row per change point), snapshots \
        `holder,<category>,...`, the network `holder,issuer,capital,votes,status,label`. Headers are ASCII; \
        values are fractions with every digit (as in `report --format json`) unless --percent or --digits say \
        otherwise.",
    );
    out
}
