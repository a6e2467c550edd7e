//! Every command of the app, with its shortcut and menu label. Commands are queued while the
//! frame is drawn and applied after it.

use eframe::egui::{self, Key, KeyboardShortcut, Modifiers};

/// A command of the app.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Command {
    /// A new scenario (the embedded default).
    New,
    /// Open a file.
    Open,
    /// Save to the current file.
    Save,
    /// Save to a new file.
    SaveAs,
    /// Undo the last edit.
    Undo,
    /// Redo the last undone edit.
    Redo,
    /// Redo (alternative shortcut).
    RedoAlt,
    /// Play or pause the timeline.
    PlayPause,
    /// Move the playhead to the previous event.
    PreviousEvent,
    /// Move the playhead to the next event.
    NextEvent,
    /// Move the playhead to the start.
    Start,
    /// Move the playhead to the end.
    End,
    /// Enter or leave presenter mode.
    Present,
    /// Leave presenter mode.
    Leave,
    /// Switch between light and dark themes.
    ToggleTheme,
    /// Export the current chart.
    Export,
    /// Open a second scenario to compare.
    Compare,
    /// Quit.
    Quit,
}

impl Command {
    /// Every command, in menu order.
    pub const ALL: [Command; 18] = [
        Command::New,
        Command::Open,
        Command::Save,
        Command::SaveAs,
        Command::Export,
        Command::Compare,
        Command::Quit,
        Command::Undo,
        Command::Redo,
        Command::RedoAlt,
        Command::PlayPause,
        Command::PreviousEvent,
        Command::NextEvent,
        Command::Start,
        Command::End,
        Command::Present,
        Command::Leave,
        Command::ToggleTheme,
    ];

    /// The menu label.
    pub fn label(self) -> &'static str {
        match self {
            Command::New => "New",
            Command::Open => "Open…",
            Command::Save => "Save",
            Command::SaveAs => "Save As…",
            Command::Undo => "Undo",
            Command::Redo => "Redo",
            Command::RedoAlt => "Redo (alternative)",
            Command::PlayPause => "Play / pause",
            Command::PreviousEvent => "Previous event",
            Command::NextEvent => "Next event",
            Command::Start => "Go to start",
            Command::End => "Go to end",
            Command::Present => "Presenter mode",
            Command::Leave => "Leave presenter mode",
            Command::ToggleTheme => "Light / dark theme",
            Command::Export => "Export chart…",
            Command::Compare => "Compare with…",
            Command::Quit => "Quit",
        }
    }

    /// The keyboard shortcut, if any.
    pub fn shortcut(self) -> Option<KeyboardShortcut> {
        let cmd = Modifiers::COMMAND;
        let k = |m, key| Some(KeyboardShortcut::new(m, key));
        match self {
            Command::New => k(cmd, Key::N),
            Command::Open => k(cmd, Key::O),
            Command::Save => k(cmd, Key::S),
            Command::SaveAs => k(cmd | Modifiers::SHIFT, Key::S),
            Command::Undo => k(cmd, Key::Z),
            Command::Redo => k(cmd | Modifiers::SHIFT, Key::Z),
            Command::RedoAlt => k(cmd, Key::Y),
            Command::PlayPause => k(Modifiers::NONE, Key::Space),
            Command::PreviousEvent => k(Modifiers::NONE, Key::ArrowLeft),
            Command::NextEvent => k(Modifiers::NONE, Key::ArrowRight),
            Command::Start => k(Modifiers::NONE, Key::Home),
            Command::End => k(Modifiers::NONE, Key::End),
            Command::Present => k(Modifiers::NONE, Key::F5),
            Command::Leave => k(Modifiers::NONE, Key::Escape),
            Command::ToggleTheme => k(cmd, Key::T),
            Command::Export => k(cmd, Key::E),
            Command::Compare => None,
            Command::Quit => k(cmd, Key::Q),
        }
    }

    /// Whether the command changes the scenario (disabled in presenter mode).
    pub fn edits(self) -> bool {
        matches!(self, Command::New | Command::Open | Command::Undo | Command::Redo | Command::RedoAlt)
    }

    /// Whether a plain key (no modifier) triggers it: such shortcuts are ignored while a text
    /// field has focus, so typing a value never plays the timeline.
    pub fn is_plain_key(self) -> bool {
        self.shortcut().is_some_and(|s| s.modifiers.is_none())
    }
}

/// The commands whose shortcuts were pressed this frame (consumed from the input).
pub fn pressed(ctx: &egui::Context) -> Vec<Command> {
    let typing = ctx.memory(|m| m.focused().is_some()) && ctx.egui_wants_keyboard_input();
    let mut out = Vec::new();
    // Longer shortcuts first, so Ctrl+Shift+S is not also read as Ctrl+S.
    let mut cmds: Vec<Command> = Command::ALL.to_vec();
    cmds.sort_by_key(|c| {
        std::cmp::Reverse(c.shortcut().map_or(0, |s| s.modifiers.shift as u8 + s.modifiers.command as u8))
    });
    for c in cmds {
        if typing && c.is_plain_key() {
            continue;
        }
        if let Some(s) = c.shortcut()
            && ctx.input_mut(|i| i.consume_shortcut(&s))
        {
            out.push(c);
        }
    }
    out
}

/// The shortcut as text for a menu ("Ctrl+S").
pub fn shortcut_text(ctx: &egui::Context, c: Command) -> String {
    c.shortcut().map(|s| ctx.format_shortcut(&s)).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_two_commands_share_a_shortcut() {
        let mut seen = std::collections::HashMap::new();
        for c in Command::ALL {
            if let Some(s) = c.shortcut() {
                let key = (s.modifiers.command, s.modifiers.shift, s.modifiers.alt, s.logical_key);
                if let Some(other) = seen.insert(key, c) {
                    panic!("{c:?} and {other:?} share the shortcut {s:?}");
                }
            }
        }
        assert!(seen.len() >= 15, "most commands have a shortcut");
    }
}
