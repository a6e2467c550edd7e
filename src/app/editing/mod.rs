//! Editing events: the form that adds or edits an event ([`event_form`]) and the events list
//! with its inline edits ([`event_edit`]).

pub mod event_edit;
pub mod event_form;
