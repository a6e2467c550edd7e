//! Migration of older scenario formats to the current one.
//!
//! Version 1 is the first format, so migrating it is the identity; every later format adds a
//! step here that rewrites the text of the version before it, and loading always goes
//! through [`to_current`].

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

/// One migration step, from `version` to `version + 1`.
fn step(text: &str, version: u32) -> String {
    match version {
        // Version 0 never existed; files without a `version` are read as version 1.
        _ => text.to_string(),
    }
}
