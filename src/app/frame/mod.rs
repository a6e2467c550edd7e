//! The glue of a frame: what runs every frame without drawing ([`logic`]), the `eframe::App`
//! impl that lays out the panels ([`eframe_app`]), how each command is handled
//! ([`command_handling`]), the chrome (menu bar, status bar, modals: [`chrome`]), the paths
//! asked for ([`paths`]), the windows opened and shown ([`windows`]), recovery ([`recovery`]),
//! how the app starts ([`startup`]) and is launched ([`launch`]). Every method of
//! [`crate::app::AllianceApp`] besides its state lives here.

mod chrome;
mod command_handling;
mod eframe_app;
pub mod launch;
mod logic;
mod paths;
mod recovery;
mod startup;
mod windows;
