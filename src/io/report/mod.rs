//! Reports of an evaluated scenario: JSON (documented and stable), CSV (one figure a row) and
//! a plain-text table, all carrying the same figures.
//!
//! The parts: [`dto`] (the records), `build` (the records from an evaluation), [`json`],
//! [`csv`], [`table`] and [`indirect`] (indirect power through the network, in all three).

mod build;
pub mod csv;
pub mod dto;
pub mod indirect;
pub mod json;
pub mod table;

pub use crate::io::csv_format::csv_field;
pub use build::report;
pub use csv::{to_csv, to_csv_with};
pub use dto::{
    BalanceReport, DateReport, FindingReport, HolderReport, IndexReport, IssuerReport, KindGameReport, KindReport,
    OwnershipReport, PowerReport, Report, Section,
};
pub use json::to_json;
pub use table::to_table;
