//! One description of each chart, built from results, drawn by egui_plot on screen and by
//! the exporters (SVG, PNG, CSV), so that the screen and the files agree on series,
//! colours, labels and the date axis.
//!
//! Charts are named for the command line and the app: `power-ISSUER` (Shapley–Shubik,
//! ordinary resolutions), with `-banzhaf` and/or `-KIND` appended for the other measure
//! and any other resolution kind of the scenario (`-special`, `-director_renault_nominee`);
//! `capital-ISSUER` and `votes-ISSUER` (shares of capital and of the votes
//! in the game over time); `balance` (the headline series); `snapshot-ISSUER` (capital,
//! votes and power at one date); `network` (the holdings at one date); `indirect-ISSUER`
//! (with `-banzhaf`, `-special`: each ultimate holder's power there through the network beside
//! its direct power, over time) and `indirect-snapshot-ISSUER` (with `-banzhaf`, `-special`: both
//! at one date).
//!
//! [`steps`] lists the steps of a presentation, shared by presenter mode and `export --steps`.

pub mod assumptions;
mod build;
mod date_axis;
mod description;
mod id;
mod indirect;
mod markers;
pub mod palette;
pub mod render;
mod steps;
mod transform;

pub use build::build;
pub use date_axis::{date_to_x, x_to_date};
pub use description::{
    AssumptionRow, AssumptionsChart, Band, BarChart, BarEnd, BarGroup, Chain, Chart, ChartBody, Edge, LineStyle,
    NetworkChart, Node, Series, TimeChart, ValueNote, notes, reading_of,
};
pub use id::{ChartId, UnknownChart, kind_name};
pub use markers::{ConflictMark, Marker, event_markers};
pub use palette::FLOAT as FLOAT_COLOR;
pub use steps::{Step, steps};
pub use transform::{add_bands, compare_runs, highlight_chains, run_series_name};
