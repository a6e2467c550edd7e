//! The default scenario, embedded in the binary: what the app opens first and what the CLI
//! reads when no file is given.

use super::scenario_file::{FileError, parse};

/// The default scenario, embedded in the binary.
pub const DEFAULT_SCENARIO: &str = include_str!("../../../scenarios/renault-nissan-2023.ron");

/// The name under which the embedded scenario is reported.
pub const DEFAULT_SCENARIO_NAME: &str = "renault-nissan-2023.ron (embedded)";

/// The embedded default scenario, parsed and validated.
pub fn default_scenario() -> Result<crate::model::Scenario, FileError> {
    parse(DEFAULT_SCENARIO, std::path::Path::new(DEFAULT_SCENARIO_NAME))
}
