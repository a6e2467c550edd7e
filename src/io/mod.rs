//! Files in and out: scenario files (RON) in their canonical layout, the safe writer every
//! write goes through, recovery files (the app's autosaves), and exports of results (JSON,
//! CSV, SVG, PNG).
//!
//! The parts: [`file`] (everything about scenario files), [`report`] (reports of an
//! evaluation), [`export`] (chart exports) and [`csv_format`] (how both write CSV). The
//! modules of [`file`] are re-exported here under their former paths (`io::scenario_file`,
//! `io::recovery`, …).

pub mod csv_format;
pub mod export;
pub mod file;
pub mod report;

pub use file::embedded::{DEFAULT_SCENARIO, DEFAULT_SCENARIO_NAME, default_scenario};
pub use file::safe_write::{WriteError, write_atomic};
pub use file::scenario_file::{
    FileError, FileState, format_text, load, load_for_editing, load_with_state, parse, save, save_with_state, to_text,
};
pub use file::{layout, limits, migrate, recovery, safe_write, scenario_file, versions};
pub use report::indirect as indirect_report;
