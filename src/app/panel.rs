//! What a panel is given to draw with ([`PanelCtx`]) and every panel's own state
//! ([`Panels`]). The rule of what a panel may change directly is in [`super`]'s module comment.

use std::sync::Arc;

use super::commands::Command;
use super::compare::ComparePanel;
use super::document::Document;
use super::holdings::HoldingsPanel;
use super::plots::PlotsPanel;
use super::state::ViewState;
use super::timeline::TimelinePanel;
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

/// Every panel's own state (choices that belong to one panel and to no one else).
#[derive(Debug, Clone, Default)]
pub struct Panels {
    /// The left panel.
    pub holdings: HoldingsPanel,
    /// The centre.
    pub plots: PlotsPanel,
    /// The bottom panel.
    pub timeline: TimelinePanel,
    /// The compare panel.
    pub compare: ComparePanel,
    /// Which tab the left panel shows while comparing.
    pub left: LeftTab,
}

/// The tabs of the left panel while scenarios are compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum LeftTab {
    /// The holdings and their sliders.
    #[default]
    Holdings,
    /// The comparison table.
    Compare,
}
