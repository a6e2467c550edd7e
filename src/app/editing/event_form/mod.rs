//! The "Add an event" form: any kind of event, its date typed, its parties chosen by name,
//! its amount as shares, `down_to` or `part`, a caption and a source. Opened from the
//! timeline's + button or its right-click menu (on the date clicked).
//!
//! The form only builds the event ([`EventForm::event`]) and says what is missing; whether
//! the event can happen on its date is the engine's to say (a conflict shows above the plots).

mod fields;
mod form;

pub use fields::{FormAction, window};
pub use form::{AmountKind, BehaviourChoice, EventForm, FormKind, parse_fraction, parse_shares};
