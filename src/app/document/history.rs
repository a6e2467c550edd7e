//! Undo and redo of scenario edits.
//!
//! The app shows every change at once, but only commits a step when no drag is under way,
//! so one slider drag (however many frames) is one undo step.

use crate::model::Scenario;

/// The undo history.
#[derive(Debug, Clone)]
pub struct History {
    committed: Scenario,
    undo: Vec<Scenario>,
    redo: Vec<Scenario>,
}

/// The most steps kept.
const MAX_STEPS: usize = 200;

impl History {
    /// A history whose current state is `s`.
    pub fn new(s: &Scenario) -> History {
        History { committed: s.clone(), undo: Vec::new(), redo: Vec::new() }
    }

    /// Commits `current` as a step when it differs from the last step and no edit is in
    /// progress. Returns whether a step was added.
    pub fn sync(&mut self, current: &Scenario, editing: bool) -> bool {
        if editing || *current == self.committed {
            return false;
        }
        self.undo.push(std::mem::replace(&mut self.committed, current.clone()));
        if self.undo.len() > MAX_STEPS {
            self.undo.remove(0);
        }
        self.redo.clear();
        true
    }

    /// The state before the last step, if any.
    pub fn undo(&mut self, current: &Scenario) -> Option<Scenario> {
        self.sync(current, false);
        let prev = self.undo.pop()?;
        self.redo.push(std::mem::replace(&mut self.committed, prev.clone()));
        Some(prev)
    }

    /// The state the last undo left, if any.
    pub fn redo(&mut self, current: &Scenario) -> Option<Scenario> {
        if *current != self.committed {
            return None;
        }
        let next = self.redo.pop()?;
        self.undo.push(std::mem::replace(&mut self.committed, next.clone()));
        Some(next)
    }

    /// Whether `current` has changes not yet committed as a step.
    pub fn is_pending(&self, current: &Scenario) -> bool {
        *current != self.committed
    }

    /// Whether there is something to undo.
    pub fn can_undo(&self, current: &Scenario) -> bool {
        !self.undo.is_empty() || *current != self.committed
    }

    /// Whether there is something to redo.
    pub fn can_redo(&self, current: &Scenario) -> bool {
        !self.redo.is_empty() && *current == self.committed
    }
}
