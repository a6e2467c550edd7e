//! alliance-sim: cross-shareholdings between allied companies, and the voting power that
//! results, date by date.
//!
//! Data flows one way: file → [`model`] → [`engine`] → results → [`chart`] → [`app`] or [`io`].
//! The code map, what each layer does not know and where each feature lives: ARCHITECTURE.md.

pub mod app;
pub mod chart;
pub mod engine;
pub mod io;
pub mod model;
