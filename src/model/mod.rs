//! The scenario: entities, holdings, rules, meeting parameters and dated events.
//!
//! These are the types that scenario files (RON) deserialize into, and that the app edits.
//! Holdings are share counts, never percentages: percentages are derived by the engine
//! because buybacks with cancellation change the denominator. Nothing here knows about egui
//! or about files; [`validate`] checks a scenario and [`ledger`] replays its events on share
//! counts, naming the item and the date of anything that cannot happen.
//!
//! The schema is split by job: [`scenario`] (the file's top level, entities and holdings),
//! [`rules`] (rule switches and vote caps), [`event`] (dated events) and [`error`] (the
//! problems validation and replay report). This module only declares and re-exports.

mod amount;
mod color;
pub mod diff;
pub mod error;
pub mod event;
mod fraction;
pub mod kinds;
pub mod ledger;
mod names;
pub mod rules;
pub mod scenario;
mod serialize;
mod title;
pub mod validate;
pub mod what_if;

pub use amount::{Amount, AmountProblem, percent, thousands};
pub use color::Color;
pub use event::{Event, SaleProfile};
pub use fraction::{Fraction, FractionError, NumberText, decimal_parts, exact_number};
pub use kinds::{Behaviour, BehaviourSetting, Quota, ResolutionKind};
pub use names::Names;
pub use rules::{CapReading, ControlTest, QuarterTest, RuleName, Rules, VoteCap};
pub use scenario::{Entity, EntityKind, FORMAT_VERSION, FloatModel, Holding, Jurisdiction, MARKET, Meeting, Scenario};
pub use title::capitalised;
