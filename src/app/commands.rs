//! Every command of the app, with its menu label and its keyboard shortcuts. The list of
//! commands ([`Command::ALL`]) is generated from the same table as the enum, so a new command
//! cannot be forgotten in the shortcut handling or the clash test. Menus and tooltips read
//! the key names from here ([`shortcut_text`], [`tooltip`]); nothing else names a key.
//!
//! Commands are queued while the frame is drawn and applied in the next `App::logic`
//! ([`super::command_handling`]).

use eframe::egui::{self, Key, KeyboardShortcut, Modifiers};

/// A shortcut without modifiers.
const fn plain(key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(Modifiers::NONE, key)
}

/// Ctrl (⌘ on macOS) and a key.
const fn cmd(key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(Modifiers::COMMAND, key)
}

/// Ctrl+Shift (⌘⇧ on macOS) and a key.
const fn cmd_shift(key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(Modifiers { shift: true, ..Modifiers::COMMAND }, key)
}

/// Declares [`Command`], its list, labels and shortcuts from one table.
macro_rules! commands {
    ($($(#[doc = $doc:literal])* $name:ident => $label:literal, [$($key:expr),*];)*) => {
        /// A command of the app.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Command {
            $($(#[doc = $doc])* $name,)*
        }

        impl Command {
            /// Every command, in menu order.
            pub const ALL: &'static [Command] = &[$(Command::$name),*];

            /// The menu label.
            pub fn label(self) -> &'static str {
                match self {
                    $(Command::$name => $label,)*
                }
            }

            /// The keyboard shortcuts, the first one shown in menus.
            pub fn shortcuts(self) -> &'static [KeyboardShortcut] {
                match self {
                    $(Command::$name => {
                        const KEYS: &[KeyboardShortcut] = &[$($key),*];
                        KEYS
                    })*
                }
            }
        }
    };
}

commands! {
    /// A new scenario (the embedded default).
    New => "New", [cmd(Key::N)];
    /// Open a file.
    Open => "Open…", [cmd(Key::O)];
    /// Save to the current file.
    Save => "Save", [cmd(Key::S)];
    /// Save to a new file.
    SaveAs => "Save As…", [cmd_shift(Key::S)];
    /// The last saved versions of the open file: compare or restore one.
    Versions => "Versions…", [];
    /// Export a chart.
    Export => "Export chart…", [cmd(Key::E)];
    /// Export a chart at every presenter step, one image each, into a folder.
    ExportSteps => "Export steps…", [];
    /// Export the board pack: one PDF with a page per presenter step.
    ExportDeck => "Export board pack…", [];
    /// Export the analyst's workbook: an Excel file with the tables and native charts.
    ExportWorkbook => "Export workbook…", [];
    /// Add a scenario to compare with the open one.
    Compare => "Compare with…", [];
    /// Close every compared scenario.
    StopComparing => "Stop comparing", [];
    /// The modelling choices that move power, and the tornado of their weight.
    Assumptions => "Assumptions…", [];
    /// Direct and indirect power of the ultimate holders, and the chains of one of them.
    Indirect => "Through the network…", [];
    /// What the indices, the float model and the readings mean, and the model's known limits.
    HowToRead => "How to read this…", [plain(Key::F1)];
    /// Quit.
    Quit => "Quit", [cmd(Key::Q)];
    /// Undo the last edit.
    Undo => "Undo", [cmd(Key::Z)];
    /// Redo the last undone edit.
    Redo => "Redo", [cmd_shift(Key::Z), cmd(Key::Y)];
    /// Play or pause the timeline (presenter mode: next step).
    PlayPause => "Play / pause", [plain(Key::Space)];
    /// Move the playhead to the previous event (presenter mode: previous step).
    PreviousEvent => "Previous event", [plain(Key::ArrowLeft)];
    /// Move the playhead to the next event (presenter mode: next step).
    NextEvent => "Next event", [plain(Key::ArrowRight)];
    /// Move the playhead to the start (presenter mode: first step).
    Start => "Go to start", [plain(Key::Home)];
    /// Move the playhead to the end (presenter mode: last step).
    End => "Go to end", [plain(Key::End)];
    /// Move the playhead to the next date where the compared scenarios differ.
    NextDifference => "Next difference", [cmd(Key::D)];
    /// Enter or leave presenter mode (entering starts at step 1).
    Present => "Presenter mode", [plain(Key::F5)];
    /// Leave presenter mode.
    Leave => "Leave presenter mode", [plain(Key::Escape)];
    /// Switch between light and dark themes.
    ToggleTheme => "Light / dark theme", [cmd(Key::T)];
}

impl Command {
    /// Whether the command changes the scenario or replaces it (disabled in presenter mode).
    pub fn edits(self) -> bool {
        matches!(self, Command::New | Command::Open | Command::Undo | Command::Redo | Command::Versions)
    }

    /// Whether a plain key (no modifier) triggers it: such shortcuts are ignored while a text
    /// field has focus, so typing a value never plays the timeline.
    fn is_plain(shortcut: &KeyboardShortcut) -> bool {
        shortcut.modifiers.is_none()
    }
}

/// The commands whose shortcuts were pressed this frame (consumed from the input).
pub fn pressed(ctx: &egui::Context) -> Vec<Command> {
    let typing = ctx.memory(|m| m.focused().is_some()) && ctx.egui_wants_keyboard_input();
    // Longer shortcuts first, so Ctrl+Shift+S is not also read as Ctrl+S.
    let mut all: Vec<(Command, KeyboardShortcut)> =
        Command::ALL.iter().flat_map(|c| c.shortcuts().iter().map(move |s| (*c, *s))).collect();
    all.sort_by_key(|(_, s)| std::cmp::Reverse(u8::from(s.modifiers.shift) + u8::from(s.modifiers.command)));
    let mut out = Vec::new();
    for (c, s) in all {
        if typing && Command::is_plain(&s) {
            continue;
        }
        if ctx.input_mut(|i| i.consume_shortcut(&s)) && !out.contains(&c) {
            out.push(c);
        }
    }
    out
}

/// Every shortcut of a command as text for a menu ("Ctrl+Shift+Z, Ctrl+Y"); empty if none.
pub fn shortcut_text(ctx: &egui::Context, c: Command) -> String {
    c.shortcuts().iter().map(|s| ctx.format_shortcut(s)).collect::<Vec<_>>().join(", ")
}

/// A tooltip naming the command and its keys ("Next event (→)").
pub fn tooltip(ctx: &egui::Context, c: Command) -> String {
    let keys = c.shortcuts().iter().map(|s| ctx.format_shortcut(s)).collect::<Vec<_>>().join(" or ");
    if keys.is_empty() { c.label().to_string() } else { format!("{} ({keys})", c.label()) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_two_commands_share_a_shortcut() {
        let mut seen = std::collections::HashMap::new();
        for c in Command::ALL {
            for s in c.shortcuts() {
                let key = (s.modifiers.command, s.modifiers.shift, s.modifiers.alt, s.logical_key);
                if let Some(other) = seen.insert(key, *c) {
                    panic!("{c:?} and {other:?} share the shortcut {s:?}");
                }
            }
        }
        assert!(seen.len() >= 15, "most commands have a shortcut");
    }

    #[test]
    fn redo_has_both_keys_and_the_menu_shows_both() {
        let ctx = egui::Context::default();
        assert_eq!(Command::Redo.shortcuts().len(), 2);
        let text = shortcut_text(&ctx, Command::Redo);
        assert!(text.contains(", "), "{text}");
        assert!(tooltip(&ctx, Command::NextEvent).starts_with("Next event ("));
    }

    #[test]
    fn every_command_is_listed_once() {
        let mut names: Vec<String> = Command::ALL.iter().map(|c| format!("{c:?}")).collect();
        let n = names.len();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), n);
    }
}
