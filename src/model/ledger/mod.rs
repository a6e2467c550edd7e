//! The share register through time: replays a scenario's events on share counts.
//!
//! Events are expanded into atomic moves (a phased sale into its tranches), grouped by date
//! and applied one date at a time. Within a date, moves are netted before anything is
//! checked, so the order of events that share a date never changes the result. A register
//! that cannot exist (a holder selling shares it does not hold, a negative float, a published
//! vote count that the holdings contradict) is an error that names the item and the date.
//!
//! The parts: [`register`] (the register on one date), `steps` (events as atomic steps),
//! `apply` (one date's steps netted and applied), `checks` (the register's invariants),
//! [`conflict`] (why a replay stops) and [`replay`] (the date-by-date walk).

mod apply;
mod checks;
pub mod conflict;
pub mod register;
pub mod replay;
mod steps;
#[cfg(test)]
mod tests;

pub use conflict::{Conflict, ConflictKind};
pub use register::{Block, CapTerms, Capital, Register, held};
pub use replay::{Entry, Replay, ReplayEnd, replay, replay_partial, replay_until, replay_with};
pub use steps::tranche_schedule;
