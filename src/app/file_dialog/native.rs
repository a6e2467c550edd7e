//! The system's file dialog (rfd), and whether it can open here at all (see the parent
//! module's comment).

use std::cell::RefCell;
use std::path::Path;

use super::request::{NativeOutcome, Request};

/// Whether a system dialog could open here at all (see the module comment).
pub fn native_possible() -> bool {
    if !cfg!(any(
        target_os = "linux",
        target_os = "freebsd",
        target_os = "dragonfly",
        target_os = "netbsd",
        target_os = "openbsd"
    )) {
        return true;
    }
    on_path("zenity") || session_bus()
}

fn on_path(program: &str) -> bool {
    std::env::var_os("PATH").is_some_and(|paths| std::env::split_paths(&paths).any(|d| d.join(program).is_file()))
}

fn session_bus() -> bool {
    std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some_and(|a| !a.is_empty())
        || std::env::var_os("XDG_RUNTIME_DIR").is_some_and(|d| Path::new(&d).join("bus").exists())
}

/// Asks the system dialog, telling a failure to open from a cancel (see the module comment).
pub fn native(request: &Request) -> NativeOutcome {
    let (kind, ext) = request.purpose.kind();
    let mut d = rfd::FileDialog::new().set_title(request.purpose.title());
    if !request.purpose.folder() {
        d = d.add_filter(kind, &[ext]);
    }
    if let Some(folder) = &request.folder {
        d = d.set_directory(folder);
    }
    if let Some(name) = &request.file_name {
        d = d.set_file_name(name);
    }
    let (chosen, errors) = rfd_errors::capture(move || {
        if request.purpose.folder() {
            d.pick_folder()
        } else if request.purpose.saves() {
            d.save_file()
        } else {
            d.pick_file()
        }
    });
    match chosen {
        Some(p) => NativeOutcome::Chosen(p),
        None if errors.iter().any(|e| e.contains("zenity")) => NativeOutcome::Unavailable(errors.join("; ")),
        None => NativeOutcome::Cancelled,
    }
}

/// A logger that records rfd's errors on the thread that asked for a dialog; every other
/// record is dropped (the app logs nothing else).
mod rfd_errors {
    use super::*;

    thread_local! {
        static CAPTURED: RefCell<Option<Vec<String>>> = const { RefCell::new(None) };
    }

    struct Logger;

    static LOGGER: Logger = Logger;

    impl log::Log for Logger {
        fn enabled(&self, metadata: &log::Metadata<'_>) -> bool {
            metadata.level() <= log::Level::Error && metadata.target().starts_with("rfd")
        }

        fn log(&self, record: &log::Record<'_>) {
            if self.enabled(record.metadata()) {
                let text = record.args().to_string();
                CAPTURED.with(|c| {
                    if let Some(v) = c.borrow_mut().as_mut() {
                        v.push(text);
                    }
                });
            }
        }

        fn flush(&self) {}
    }

    /// Runs `f` and returns its result with the rfd errors logged meanwhile on this thread.
    pub fn capture<T>(f: impl FnOnce() -> T) -> (T, Vec<String>) {
        install();
        CAPTURED.with(|c| *c.borrow_mut() = Some(Vec::new()));
        let out = f();
        let errors = CAPTURED.with(|c| c.borrow_mut().take()).unwrap_or_default();
        (out, errors)
    }

    /// Installs the logger once (if the program has none).
    fn install() {
        static ONCE: std::sync::Once = std::sync::Once::new();
        ONCE.call_once(|| {
            if log::set_logger(&LOGGER).is_ok() {
                log::set_max_level(log::LevelFilter::Error);
            }
        });
    }

    #[cfg(test)]
    mod tests {
        #[test]
        fn rfd_errors_are_captured_on_the_asking_thread_only() {
            let ((), errors) = super::capture(|| {
                log::error!(target: "rfd::backend::xdg_desktop_portal", "Failed to pick file with zenity: not found");
                log::error!(target: "wgpu", "unrelated");
            });
            assert_eq!(errors, vec!["Failed to pick file with zenity: not found".to_string()]);
            let ((), none) = super::capture(|| {
                std::thread::spawn(|| log::error!(target: "rfd", "on another thread")).join().ok();
            });
            assert!(none.is_empty());
        }
    }
}
