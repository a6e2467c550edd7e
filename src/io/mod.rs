//! Files in and out: scenario files (RON) in their canonical layout, the safe writer every
//! write goes through, recovery files (the app's autosaves), and exports of results (JSON,
//! CSV, SVG, PNG).

pub mod export;
pub mod indirect_report;
pub mod layout;
pub mod limits;
pub mod migrate;
pub mod recovery;
pub mod report;
pub mod safe_write;
pub mod scenario_file;
pub mod versions;

pub use safe_write::{WriteError, write_atomic};
pub use scenario_file::{
    FileError, FileState, format_text, load, load_for_editing, load_with_state, parse, save, save_with_state, to_text,
};

/// The default scenario, embedded in the binary.
pub const DEFAULT_SCENARIO: &str = include_str!("../../scenarios/renault-nissan-2023.ron");

/// The name under which the embedded scenario is reported.
pub const DEFAULT_SCENARIO_NAME: &str = "renault-nissan-2023.ron (embedded)";

/// The embedded default scenario, parsed and validated.
pub fn default_scenario() -> Result<crate::model::Scenario, FileError> {
    parse(DEFAULT_SCENARIO, std::path::Path::new(DEFAULT_SCENARIO_NAME))
}
