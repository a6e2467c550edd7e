//! Checks on the repository itself, one test binary. Where a test goes:
//!
//! - `file_lengths`: no file of `src/` over 500 lines.
//! - `function_lengths`: no function of `src/` over 80 lines.
//! - `import_circles`: no import circle between the files of `src/`.
//! - `palette`: every colour is defined in `src/chart/palette.rs` and nowhere else.
//! - `readme`: the README is a front door whose links resolve, and the manual's complete example
//!   (docs/file-format.md) is the shipped example file, and it evaluates.
//! - `rust_source`: reading `src/` for these checks (comments, literals and test code left out).
//! - `test_layout`: the tests stay in a few binaries, each with its index of modules.
//! - `support` (shared with every test binary): scenarios, RON builders, look-ups, the PRNG.

#[path = "../support/mod.rs"]
mod support;

mod file_lengths;
mod function_lengths;
mod import_circles;
mod palette;
mod readme;
mod rust_source;
mod test_layout;
