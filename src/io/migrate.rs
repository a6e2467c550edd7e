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

#[cfg(test)]
mod tests {
    use std::path::Path;

    #[test]
    fn a_version_0_file_loads_and_is_written_back_as_the_current_version() {
        let current = format!("version: {},", crate::model::FORMAT_VERSION);
        let text = crate::io::DEFAULT_SCENARIO.replacen(&current, "version: 0,", 1);
        let s = crate::io::parse(&text, Path::new("old.ron"));
        assert!(s.is_ok(), "{s:?}");
        let written = s.ok().and_then(|s| crate::io::to_text(&s).ok()).unwrap_or_default();
        assert!(written.contains(&format!("version: {}", crate::model::FORMAT_VERSION)));
    }

    #[test]
    fn a_version_1_file_with_share_counts_reads_unchanged() {
        let text = crate::io::DEFAULT_SCENARIO
            .replacen(&format!("version: {},", crate::model::FORMAT_VERSION), "version: 1,", 1)
            .replace("down_to: \"15%\",", "shares: 1198729733,");
        let old = crate::io::parse(&text, Path::new("old.ron"));
        let new = crate::io::default_scenario();
        assert!(old.is_ok() && new.is_ok(), "{old:?}");
        let ev = |s: &crate::model::Scenario| crate::engine::evaluate(s).ok().map(|e| e.points);
        assert_eq!(old.ok().as_ref().and_then(ev), new.ok().as_ref().and_then(ev));
    }
}
