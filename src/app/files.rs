//! File dialogs and the embedded default document.

use std::path::PathBuf;

use super::document::Document;
use crate::io;

/// The embedded default scenario as a document with no file. The embedded file is checked by
/// the tests, so a failure here is a build defect; it still never panics: it falls back to an
/// empty document named after the error.
pub fn default_document() -> Document {
    match io::default_scenario() {
        Ok(s) => Document::with_file_state(s, None, io::FileState::from_text(io::DEFAULT_SCENARIO)),
        Err(e) => Document::new(empty_scenario(&e.to_string()), None),
    }
}

fn empty_scenario(why: &str) -> crate::model::Scenario {
    let day = chrono::NaiveDate::default();
    crate::model::Scenario {
        version: crate::model::FORMAT_VERSION,
        title: format!("(the embedded scenario failed to load: {why})"),
        description: String::new(),
        start: day,
        end: day,
        meeting: crate::model::Meeting { float_turnout: crate::model::Fraction::ONE, float_model: Default::default() },
        rules: Default::default(),
        balance_pairs: Vec::new(),
        entities: Vec::new(),
        holdings: Vec::new(),
        vote_caps: Vec::new(),
        kinds: Vec::new(),
        behaviours: Vec::new(),
        events: Vec::new(),
    }
}

/// Asks for a scenario file to open.
pub fn pick_open() -> Option<PathBuf> {
    rfd::FileDialog::new().add_filter("alliance-sim scenario", &["ron"]).set_title("Open scenario").pick_file()
}

/// Asks where to save.
pub fn pick_save(name: &str) -> Option<PathBuf> {
    let name = if name.ends_with(".ron") && !name.contains("embedded") {
        name.to_string()
    } else {
        "scenario.ron".to_string()
    };
    rfd::FileDialog::new()
        .add_filter("alliance-sim scenario", &["ron"])
        .set_file_name(name)
        .set_title("Save scenario")
        .save_file()
}
