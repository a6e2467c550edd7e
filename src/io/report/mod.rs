//! Reports of an evaluated scenario: JSON (documented and stable), CSV (one figure a row) and
//! a plain-text table, all carrying the same figures.
//!
//! The parts: [`dto`] (the records), `build` (the records from an evaluation), [`json`],
//! [`csv`], [`table`] and [`indirect`] (indirect power through the network, in all three).
//!
//! Each format is written whole from a [`Report`] in memory (`to_json`, `to_csv`, `to_table`)
//! or one date at a time (`write_json`, `write_csv`, `write_table`) from [`date_reports`],
//! which builds each date's records as it is written: the same bytes, while memory holds the
//! evaluation and one date's records rather than the whole report (`report` on 100,001 change
//! points writes a gigabyte of JSON).

mod build;
pub mod csv;
pub mod dto;
pub mod indirect;
pub mod json;
pub mod table;

pub use crate::io::csv_format::csv_field;
pub use build::{date_reports, kind_reports, report};
pub use csv::{to_csv, to_csv_with, write_csv};
pub use dto::{
    BalanceReport, DateReport, FindingReport, HolderReport, IndexReport, IssuerReport, KindGameReport, KindReport,
    OwnershipReport, PowerReport, Report, Section,
};
pub use json::{to_json, write_json};
pub use table::{to_table, write_table};
