//! Files in and out: scenario files (RON), and exports of results (JSON, CSV, SVG, PNG).

pub mod export;
pub mod migrate;
pub mod report;
pub mod scenario_file;

pub use scenario_file::{FileError, load, parse, save, to_text};

/// The default scenario, embedded in the binary.
pub const DEFAULT_SCENARIO: &str = include_str!("../../scenarios/renault-nissan-2023.ron");

/// The name under which the embedded scenario is reported.
pub const DEFAULT_SCENARIO_NAME: &str = "renault-nissan-2023.ron (embedded)";

/// The embedded default scenario, parsed and validated.
pub fn default_scenario() -> Result<crate::model::Scenario, FileError> {
    parse(DEFAULT_SCENARIO, std::path::Path::new(DEFAULT_SCENARIO_NAME))
}
