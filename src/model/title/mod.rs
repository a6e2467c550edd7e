//! Names of events for people: "French trust (Natixis) sells Nissan shares, 2026" rather than
//! an index into the file. Used by the app's lists, markers and messages.
//!
//! A title is a few words ([`titles`]); a summary says everything the event does ("transfer of
//! 6,936,275 Nissan shares from Nissan to the public float"), by display names for tooltips and
//! lists, or with the file's ids beside the names for error messages, where a person has to
//! find the line in the file ([`summary`]).

mod summary;
#[cfg(test)]
mod tests;
mod titles;
mod words;

pub use words::capitalised;
pub(crate) use words::with_id;
