//! What a window is given to draw with ([`WindowCtx`]) and what it may ask for
//! ([`WindowRequest`]). A leaf: it imports no window, so every window can import it, and no
//! window ever holds the app.

use std::path::PathBuf;
use std::sync::Arc;

use crate::app::view::ViewState;
use crate::engine::Evaluation;
use crate::io::versions::Version;
use crate::model::Scenario;

/// The narrow borrow a window draws with: the scenario and its results (read-only), the view
/// (which a window may change directly: the turnout band, the highlighted chain), whether the
/// scenario has unsaved changes, and the queue of requests for the app.
pub struct WindowCtx<'a> {
    /// The open scenario, read-only.
    pub scenario: &'a Scenario,
    /// The engine's results for the scenario (the last good ones if it has a problem).
    pub results: Option<Arc<Evaluation>>,
    /// The playhead, the turnout band and the highlighted chain.
    pub view: &'a mut ViewState,
    /// Whether the open scenario has unsaved changes.
    pub dirty: bool,
    /// What the window wants done, answered by the app right after the window is drawn.
    pub requests: &'a mut Vec<WindowRequest>,
}

impl WindowCtx<'_> {
    /// Asks the app to do something.
    pub fn request(&mut self, request: WindowRequest) {
        self.requests.push(request);
    }
}

/// What a window asks the app to do (the windows' share of the commands: these carry data or
/// come from a window's buttons, and have no menu entry or shortcut).
#[derive(Debug, Clone, PartialEq)]
pub enum WindowRequest {
    /// Overlay this saved version of the file on the open scenario.
    CompareVersion(PathBuf),
    /// Write this saved version over `file` and open it (the file as it is now is kept as a
    /// version first).
    RestoreVersion {
        /// The version to restore.
        version: Version,
        /// The file it is a version of.
        file: PathBuf,
    },
    /// Recover the autosaved work in this recovery file, claimed for this instance (asks about
    /// unsaved changes first).
    Recover(PathBuf),
    /// Export the chart chosen in the export dialog (asks where).
    ExportChart,
    /// Export the chart chosen in the export dialog at every presenter step (asks for a folder).
    ExportSteps,
    /// Copy the chart chosen in the export dialog to the clipboard.
    CopyChart,
    /// Save the whole window as a PNG (asks where).
    ExportWindow,
}
