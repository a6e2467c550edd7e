//! The app driven headless (egui_kittest), one binary. Where a test goes:
//!
//! - `assumptions`: View → Assumptions…, the tornado at the playhead and the turnout band.
//! - `export`: File → Export steps… and the export dialog's CSV options.
//! - `fonts`: every character the UI writes has a glyph in the app's fonts.
//! - `network_labels`: the network's labels off nodes, arrows and each other, on every scenario.
//! - `main_window`: sliders, the playhead, dragging events, undo/redo, broken files, prompts.
//! - `indirect`: the chains of votes through the network, on the chart and in their window.
//! - `presenter_and_compare`: presenter mode, compare mode and the time plots' y range.
//! - `readings`: each index's meaning under its plots, Banzhaf readings in words, How to read this.
//! - `recovery`: recovery per document, the in-app file dialog, progress of long evaluations.
//! - `versions`: File → Versions…: listed, compared and restored.
//! - `whatif`: what-if adjustments, conflicts and their fixes, timeline edits, goal seek.
//! - `words`: every label and value in the user's words (names, not ids or enum names).
//! - `support` (shared with every test binary): scenarios, RON builders, look-ups, the PRNG.

#[path = "../support/mod.rs"]
mod support;

mod assumptions;
mod export;
mod fonts;
mod indirect;
mod main_window;
mod network_labels;
mod presenter_and_compare;
mod readings;
mod recovery;
mod versions;
mod whatif;
mod words;
