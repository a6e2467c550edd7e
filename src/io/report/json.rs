//! The report as JSON: the records of [`super::dto`], pretty-printed.

use super::dto::Report;

/// The report as pretty JSON.
pub fn to_json(r: &Report) -> Result<String, serde_json::Error> {
    serde_json::to_string_pretty(r)
}
