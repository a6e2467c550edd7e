//! Checks on the repository itself, one test binary. Where a test goes:
//!
//! - `palette`: every colour is defined in `src/chart/palette.rs` and nowhere else.
//! - `readme`: the README's example is the shipped example file, and it evaluates.
//! - `support` (shared with every test binary): scenarios, RON builders, look-ups, the PRNG.

#[path = "../support/mod.rs"]
mod support;

mod palette;
mod readme;
