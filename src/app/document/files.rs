//! The embedded default document.

use crate::app::document::Document;
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
