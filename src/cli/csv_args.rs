//! The options of CSV output, shared by `report` and `export`.

use anyhow::Result;

use alliance_sim::io::csv_format::CsvOptions;

/// The options of CSV output, shared by `report` and `export`.
#[derive(Debug, Clone, Copy, Default, clap::Args)]
pub struct CsvArgs {
    /// CSV: shares as percentages (15 for 15%) instead of fractions (0.15); their columns
    /// (or fields) are marked as percentages.
    #[arg(long)]
    percent: bool,
    /// CSV: round every share to N decimals (0 to 20; of the percentage with --percent).
    /// Default: every digit, as in `report --format json`.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u8).range(0..=20))]
    digits: Option<u8>,
    /// CSV: begin with a UTF-8 byte-order mark, so that Excel shows accented names correctly
    /// when it opens the file.
    #[arg(long)]
    excel: bool,
}

impl CsvArgs {
    /// The options, or an error naming the format they do not apply to.
    pub fn options(self, csv: bool, format: &str) -> Result<CsvOptions> {
        let options = CsvOptions { percent: self.percent, digits: self.digits.map(usize::from), bom: self.excel };
        if !csv && options != CsvOptions::default() {
            anyhow::bail!(
                "--percent, --digits and --excel apply to CSV only, not to {format}; drop them or use --format csv"
            );
        }
        Ok(options)
    }
}
