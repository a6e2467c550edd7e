//! What persists between runs (eframe storage): theme, recent files, the last scenario.
//! Window size and panel sizes persist through eframe and egui themselves.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// The storage key of the settings.
pub const KEY: &str = "alliance-sim-settings";

/// How many recent files are kept.
const RECENT: usize = 8;

/// Settings kept between runs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
#[derive(Default)]
pub struct Settings {
    /// Dark theme.
    pub dark: bool,
    /// Recent files, newest first.
    pub recent: Vec<PathBuf>,
    /// The scenario open when the app last closed (None: the embedded default).
    pub last_scenario: Option<PathBuf>,
    /// Ask for paths with the in-app file dialog, not the system's.
    pub builtin_file_dialog: bool,
}

impl Settings {
    /// Reads the settings; a stored value that fails to parse gives the defaults and a
    /// warning for the status bar.
    pub fn load(storage: Option<&dyn eframe::Storage>) -> (Settings, Option<String>) {
        let Some(text) = storage.and_then(|s| s.get_string(KEY)) else {
            return (Settings::default(), None);
        };
        match ron::from_str(&text) {
            Ok(s) => (s, None),
            Err(e) => (
                Settings::default(),
                Some(format!(
                    "the saved settings could not be read ({e}); defaults are used and will be saved on exit"
                )),
            ),
        }
    }

    /// Writes the settings.
    pub fn save(&self, storage: &mut dyn eframe::Storage) {
        if let Ok(text) = ron::to_string(self) {
            storage.set_string(KEY, text);
        }
    }

    /// Puts `path` first in the recent files.
    pub fn remember(&mut self, path: &Path) {
        self.recent.retain(|p| p != path);
        self.recent.insert(0, path.to_path_buf());
        self.recent.truncate(RECENT);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    #[derive(Default)]
    struct MemoryStorage(HashMap<String, String>);

    impl eframe::Storage for MemoryStorage {
        fn get_string(&self, key: &str) -> Option<String> {
            self.0.get(key).cloned()
        }
        fn set_string(&mut self, key: &str, value: String) {
            self.0.insert(key.to_string(), value);
        }
        fn remove_string(&mut self, key: &str) {
            self.0.remove(key);
        }
        fn flush(&mut self) {}
    }

    #[test]
    fn settings_round_trip_through_storage() {
        let mut s = Settings { dark: true, ..Settings::default() };
        s.remember(Path::new("/tmp/a.ron"));
        s.remember(Path::new("/tmp/b.ron"));
        s.remember(Path::new("/tmp/a.ron"));
        assert_eq!(s.recent, vec![PathBuf::from("/tmp/a.ron"), PathBuf::from("/tmp/b.ron")]);
        let mut storage = MemoryStorage::default();
        s.save(&mut storage);
        let (back, warning) = Settings::load(Some(&storage));
        assert_eq!(back, s);
        assert!(warning.is_none());
    }

    #[test]
    fn unreadable_settings_fall_back_to_defaults_with_a_warning() {
        let mut storage = MemoryStorage::default();
        eframe::Storage::set_string(&mut storage, KEY, "(dark: maybe".into());
        let (s, warning) = Settings::load(Some(&storage));
        assert_eq!(s, Settings::default());
        assert!(warning.is_some_and(|w| w.contains("defaults")));
    }
}
