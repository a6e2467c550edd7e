//! What a panel is given to draw with ([`PanelCtx`]): the narrow borrow of the scenario, the
//! results, the view and the command queue. A leaf: it imports no panel, so every panel can
//! import it.
//!
//! **The panel rule.** A panel draws with a [`PanelCtx`] and its own state, never with the
//! app. It may change directly: the scenario (when `editable`; every change becomes an undo
//! step after the frame, one per drag), the view (playhead, playback speed and loop) and its
//! own state. Everything else is a [`Command`] pushed on `commands`: files (new, open, save,
//! export), undo and redo, stepping between events, presenter and compare modes, the theme,
//! windows and modals. Commands are applied at the start of the next frame, where the guards
//! (no edit in presenter mode, unsaved changes asked about first) live.

use std::sync::Arc;

use crate::app::commands::Command;
use crate::app::document::Document;
use crate::app::view::ViewState;
use crate::engine::Evaluation;
use crate::model::Scenario;
use crate::model::validate::ValidationError;

/// The narrow borrow a panel draws with: the scenario (editable), the engine's results
/// (read-only), the view, the compared scenarios (read-only), whether editing is allowed, and
/// the command queue.
pub struct PanelCtx<'a> {
    /// The open scenario. A panel may edit it directly when [`Self::editable`]; after the
    /// frame every change becomes an undo step (one per drag).
    pub scenario: &'a mut Scenario,
    /// The engine's results for the scenario (the last good ones if it has a problem).
    pub results: Option<Arc<Evaluation>>,
    /// What stops the scenario's evaluation, if anything (the results are then the last
    /// good ones). An event that cannot happen is not a problem but the results' conflict.
    pub problem: Option<&'a ValidationError>,
    /// The last evaluated scenario in which every event could happen (for the conflict's
    /// fixes).
    pub sound: Option<&'a Scenario>,
    /// The engine's results at the low and high float turnouts, while the power plots show
    /// the turnout band.
    pub band: Option<(Arc<Evaluation>, Arc<Evaluation>)>,
    /// The playhead and playback, which a panel may change directly.
    pub view: &'a mut ViewState,
    /// The scenarios compared with the open one (B, C, D), read-only.
    pub compared: &'a [Document],
    /// Whether editing controls are shown and active (false in presenter mode).
    pub editable: bool,
    /// Commands for everything else (files, undo, modes, windows), applied after the frame.
    pub commands: &'a mut Vec<Command>,
}

impl PanelCtx<'_> {
    /// Queues a command.
    pub fn command(&mut self, c: Command) {
        self.commands.push(c);
    }
}
