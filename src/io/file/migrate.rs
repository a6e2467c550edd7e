//! Migration of older scenario formats to the current one.
//!
//! Every format adds a step here that rewrites the text of the version before it, and loading
//! always goes through [`to_current`]. Version 2 added intent amounts (`down_to`, `part`)
//! and what-if transfers as optional fields: a version 1 file reads unchanged, so that step
//! is the identity.

/// Rewrites scenario text of `version` into the current format.
pub fn to_current(text: &str, version: u32) -> String {
    let mut text = text.to_string();
    let mut v = version;
    while v < crate::model::FORMAT_VERSION {
        text = step(&text, v);
        v += 1;
    }
    text
}

/// One migration step, from `version` to `version + 1`. Version 0 (files from before the
/// `version` field existed, or that say 0) has the same layout as version 1, and version 1
/// the same as version 2 without its optional fields; later formats add their rewrite here,
/// keyed on `version`.
fn step(text: &str, _version: u32) -> String {
    text.to_string()
}
