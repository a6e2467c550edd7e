//! The panels around the plots, each with its own state struct: holdings (left), timeline
//! (bottom), plots (centre), compare (right), presenter (caption bar), and the conflict banner
//! and goal seek they show. A panel draws with a [`PanelCtx`] (in [`context`], which imports no
//! panel) and its own state; [`Panels`] holds every panel's state and is imported by no panel.

pub mod compare;
pub mod conflict;
pub mod context;
pub mod goal_seek;
pub mod holdings;
pub mod plots;
pub mod presenter;
pub mod timeline;

pub use context::PanelCtx;

use compare::ComparePanel;
use holdings::HoldingsPanel;
use plots::PlotsPanel;
use timeline::TimelinePanel;

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
