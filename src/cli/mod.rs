//! The subcommands of the `alliance-sim` binary.

mod assumptions_cmd;
mod csv_args;
mod dates;
mod export_cmd;
mod export_pack;
mod fmt_cmd;
mod indirect_cmd;
mod output;
mod power_cmd;
mod report_cmd;
mod solve_cmd;

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;
use chrono::NaiveDate;
use clap::{Parser, Subcommand};

use alliance_sim::app::Launch;
use alliance_sim::io::report;

use csv_args::CsvArgs;
pub use output::{is_closed_pipe, print_err};
use report_cmd::Format;

/// Cross-shareholdings between allied companies and the voting power that results, date by
/// date. Without a subcommand, opens the app on the last scenario or the embedded default.
#[derive(Debug, Parser)]
#[command(name = "alliance-sim", version, about)]
pub struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Open a scenario file in the app.
    Open {
        /// The `.ron` scenario file.
        file: PathBuf,
        /// Start in presenter mode (full screen, steps through the captioned events).
        #[arg(long)]
        present: bool,
        /// Overlay a second scenario (dashed) and show the differences.
        #[arg(long)]
        compare: Option<PathBuf>,
    },
    /// Validate a scenario file: exit 0, or 1 with the error on stderr.
    Check {
        /// The `.ron` scenario file.
        file: PathBuf,
    },
    /// Print the state of every holding, vote and power index at every change point.
    Report {
        /// The `.ron` scenario file.
        file: PathBuf,
        /// Only the state in force on this date (YYYY-MM-DD).
        #[arg(long, value_parser = crate::cli::dates::parse_date)]
        date: Option<NaiveDate>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
        /// The parts of each date to print, comma-separated (default: all). Leave out
        /// `ownership` on large networks: its two matrices can grow as the square of the
        /// number of companies.
        #[arg(long, value_enum, value_delimiter = ',')]
        sections: Vec<report::Section>,
        /// How CSV writes numbers (with --format csv).
        #[command(flatten)]
        csv: CsvArgs,
    },
    /// Power indices of a weighted majority game (optionally with an oceanic float).
    Power(power_cmd::PowerArgs),
    /// Export a chart as PNG or SVG, or the data behind it as CSV, without a window.
    Export(export_cmd::ExportArgs),
    /// Rewrite scenario files in the canonical layout, comments, byte-order mark and CRLF line
    /// endings kept (`--check`: only say which would change, and how).
    Fmt(fmt_cmd::FmtArgs),
    /// Goal seek: the stake of a holding on a date that brings a balance or a vote share to a target.
    Solve(solve_cmd::SolveArgs),
    /// Indirect power of the ultimate holders (investors, the State, the floats) through the
    /// network of meetings.
    Indirect(indirect_cmd::IndirectArgs),
    /// The headline balance on a date under a low and a high value of every modelling choice
    /// (turnout, float model, readings, behaviours, covenants), widest swing first.
    #[command(alias = "sensitivity")]
    Assumptions(assumptions_cmd::AssumptionsArgs),
}

/// Runs the parsed command line.
pub fn run(cli: Cli) -> Result<ExitCode> {
    match cli.command {
        None => alliance_sim::app::run(Launch::default()).map(|_| ExitCode::SUCCESS),
        Some(Command::Open { file, present, compare }) => {
            alliance_sim::app::run(Launch { file: Some(file), present, compare }).map(|_| ExitCode::SUCCESS)
        }
        Some(Command::Check { file }) => report_cmd::check(&file),
        Some(Command::Report { file, date, format, sections, csv }) => {
            report_cmd::run(&file, date, format, &sections, csv)
        }
        Some(Command::Power(args)) => power_cmd::run(&args),
        Some(Command::Export(args)) => export_cmd::run(&args),
        Some(Command::Fmt(args)) => fmt_cmd::run(&args),
        Some(Command::Solve(args)) => solve_cmd::run(&args),
        Some(Command::Indirect(args)) => indirect_cmd::run(&args),
        Some(Command::Assumptions(args)) => assumptions_cmd::run(&args),
    }
}
