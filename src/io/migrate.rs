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

/// One migration step, from `version` to `version + 1`. Version 0 (files from before the
/// `version` field existed, or that say 0) has the same layout as version 1; later formats add
/// their rewrite here, keyed on `version`.
fn step(text: &str, _version: u32) -> String {
    text.to_string()
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    #[test]
    fn a_version_0_file_loads_and_is_written_back_as_the_current_version() {
        let text = crate::io::DEFAULT_SCENARIO.replacen("version: 1,", "version: 0,", 1);
        let s = crate::io::parse(&text, Path::new("old.ron"));
        assert!(s.is_ok(), "{s:?}");
        let written = s.ok().and_then(|s| crate::io::to_text(&s).ok()).unwrap_or_default();
        assert!(written.contains(&format!("version: {}", crate::model::FORMAT_VERSION)));
    }
}
