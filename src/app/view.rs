//! What the plots and the timeline show ([`ViewState`]): the playhead and playback, presenter
//! mode, the selected events, the turnout band and the highlighted chain. Every panel and window
//! reads it; a few change it directly.

use chrono::NaiveDate;

/// What the plots and the timeline show, shared by every panel.
#[derive(Debug, Clone)]
pub struct ViewState {
    /// The playhead date.
    pub playhead: NaiveDate,
    /// Whether the timeline plays.
    pub playing: bool,
    /// Playback speed, in days per second.
    pub speed: f32,
    /// Whether playback loops.
    pub looping: bool,
    /// Days accumulated by playback and not yet applied (the playhead moves by whole days).
    pub play_carry: f64,
    /// Presenter mode is on: panels show no editing control and chart text is larger.
    pub presenting: bool,
    /// The events selected (on the timeline or in the events list), by index; moved
    /// together. Cleared whenever events are added or removed.
    pub selected_events: std::collections::BTreeSet<usize>,
    /// The power plots show the band between a float turnout of 40% and 80%.
    pub turnout_band: bool,
    /// The network highlights the chains from this holder to this company's meeting.
    pub chain: Option<(String, String)>,
}

impl ViewState {
    /// The view of a scenario starting on `start`: playhead there, paused at 60 days/s.
    pub fn at(start: NaiveDate) -> ViewState {
        ViewState {
            playhead: start,
            playing: false,
            speed: 60.0,
            looping: false,
            play_carry: 0.0,
            presenting: false,
            selected_events: Default::default(),
            turnout_band: false,
            chain: None,
        }
    }
}
