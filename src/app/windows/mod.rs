//! The app's windows, each a struct that owns its own state and draws with `show`, given a
//! narrow [`WindowCtx`] (in [`context`]) and never the app: Assumptions, Through the network
//! ([`indirect`]), How to read this ([`how_to_read`]), the recovery dialog, Versions and the export
//! dialog. What a window wants
//! done goes out as a [`WindowRequest`]; the glue that opens, shows and answers them is in
//! `frame/windows.rs`.

pub mod assumptions;
pub mod context;
pub mod export;
pub mod how_to_read;
pub mod indirect;
pub mod recovery;
pub mod versions;

pub use context::{WindowCtx, WindowRequest};
