//! alliance-sim: cross-shareholdings between allied companies, and the voting power that
//! results, date by date.
//!
//! Data flows one way: file → model → engine → results → charts → screen or export.
//!
//! - [`model`]: the scenario (entities, holdings in shares, rules, dated events), its
//!   validation and the share register replayed through time. No egui, no IO.
//! - [`engine`]: votes at every meeting with the rules applied to a fixed point, voting power
//!   (exact and fast), balance, look-through ownership and findings. Pure.
//! - [`io`]: RON load/save with migration; reports (table, JSON, CSV) and chart export
//!   (formats and file writing: SVG, PNG, CSV).
//! - [`chart`]: one description of each chart, drawn by egui_plot on screen and by
//!   [`chart::render`] (plotters) for the exporters. Every colour is defined in
//!   [`chart::palette`], and nowhere else.
//! - [`app`]: the eframe desktop app. A command is declared in [`app::commands`] and handled
//!   in `app/frame/command_handling.rs`; each panel lives in `src/app/panels/` and draws with
//!   an [`app::PanelCtx`], each window in `src/app/windows/` with an [`app::windows::WindowCtx`].

pub mod app;
pub mod chart;
pub mod engine;
pub mod io;
pub mod model;
