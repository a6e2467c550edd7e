//! The command line, run as the built binary, one test binary. Where a test goes:
//!
//! - `assumptions`: `alliance-sim sensitivity`, the balance under each assumption's range.
//! - `check_and_report`: `check` on shipped and broken files, `report` in its three formats.
//! - `indirect`: indirect power in `report` and the `indirect` command.
//! - `no_silent_results`: power against an oracle, unknown values as null, errors said once.
//! - `power`: `alliance-sim power` on reference games, exact fractions, the ocean.
//! - `readings`: Banzhaf figures read at their extremes, estimates shown inside [0, 1].
//! - `words`: every table and CSV value in the user's words (names, not ids or enum names).
//! - `whatif`: intent amounts (`down_to`, `part`) and goal seek (`solve`).
//! - `support` (shared with every test binary): scenarios, RON builders, look-ups, the PRNG.

#[path = "../support/mod.rs"]
mod support;

mod assumptions;
mod check_and_report;
mod indirect;
mod no_silent_results;
mod power;
mod readings;
mod whatif;
mod words;
