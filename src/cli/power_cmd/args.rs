//! The arguments of `alliance-sim power`.

use clap::{Args, ValueEnum};

/// Arguments of `power`.
#[derive(Debug, Args)]
pub struct PowerArgs {
    /// The players' weights, comma-separated: integers or decimals of any length (exact), e.g.
    /// 4,4,4,2,2,1. With --ocean, the majors' fractions of all votes, e.g. 0.3,0.2.
    #[arg(long, value_delimiter = ',', required = true)]
    pub(super) weights: Vec<String>,
    /// Absolute quota: a coalition wins with at least this weight (integer or decimal).
    #[arg(long, conflicts_with = "quota_fraction")]
    pub(super) quota: Option<String>,
    /// Quota as a fraction of the total weight ("0.5", "2/3", "50%", any number of decimals):
    /// at least this much, or more than this much with --strict.
    #[arg(long)]
    pub(super) quota_fraction: Option<String>,
    /// With --quota-fraction: a coalition must have more than the fraction, not just reach it.
    #[arg(long, requires = "quota_fraction")]
    pub(super) strict: bool,
    /// Add an oceanic float holding this fraction of all votes; the weights are then the
    /// majors' fractions and must sum with it to 1.
    #[arg(long, requires = "quota_fraction")]
    pub(super) ocean: Option<String>,
    /// Banzhaf indices only (cost n·q): skip Shapley–Shubik, whose exact count costs n²·q.
    #[arg(long, conflicts_with = "monte_carlo")]
    pub(super) banzhaf_only: bool,
    /// Estimate Shapley–Shubik from this many random orderings of the players (cost n per
    /// ordering), each value with its standard error, instead of counting exactly.
    #[arg(long, value_name = "ORDERINGS", conflicts_with = "ocean", value_parser = clap::value_parser!(u64).range(1..))]
    pub(super) monte_carlo: Option<u64>,
    /// Seed of the random orderings of --monte-carlo (the same seed gives the same estimate).
    #[arg(long, default_value_t = 1, requires = "monte_carlo")]
    pub(super) seed: u64,
    /// Output format.
    #[arg(long, value_enum, default_value_t = PowerFormat::Table)]
    pub(super) format: PowerFormat,
    /// Solve the game this many times and report the mean time per solve (for benchmarks).
    #[arg(long, hide_short_help = true)]
    pub(super) repeat: Option<u32>,
}

/// Output formats of `power`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(super) enum PowerFormat {
    /// Plain text.
    Table,
    /// JSON, documented in docs/json.md.
    Json,
}
