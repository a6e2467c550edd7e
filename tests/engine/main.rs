//! The engine and the model through the library, one test binary. Where a test goes:
//!
//! - `assumptions`: the assumptions (tornado) chart and its figures, in every export format.
//! - `findings`: what the findings say and how they are grouped, on hand-made and shipped scenarios.
//! - `intent_props`: property tests of intent amounts (`down_to`, `part`).
//! - `model_props`: property tests of the model and the engine on random small scenarios.
//! - `ownership_oracles`: oracle and property tests of `engine::ownership`.
//! - `power_bounds`: the work bound of every float model on meetings crowded with blockholders.
//! - `power_oracles`: oracle and property tests of `engine::power`.
//! - `resolution_kinds`: resolution kinds and behaviours in whole scenarios.
//! - `rules`: each voting rule on small hand-made scenarios, with exact integers.
//! - `scenario_power`: power and balance in the shipped scenarios, checked by hand.
//! - `support` (shared with every test binary): scenarios, RON builders, look-ups, the PRNG.

#[path = "../support/mod.rs"]
mod support;

mod assumptions;
mod findings;
mod intent_props;
mod model_props;
mod ownership_oracles;
mod power_bounds;
mod power_oracles;
mod resolution_kinds;
mod rules;
mod scenario_power;
