//! Loading and saving scenario files (RON), with migration of older versions.
//!
//! Loading reads the `version` first, migrates the text's value to the current format, then
//! deserializes with unknown fields refused, and validates. Saving writes beside the target,
//! renames over it, and keeps the previous file as `NAME.ron.bak`.

use std::fs;
use std::path::{Path, PathBuf};

use ron::extensions::Extensions;
use ron::ser::PrettyConfig;

use crate::model::validate::{self, ValidationError};
use crate::model::{FORMAT_VERSION, Scenario};

/// Why a scenario file could not be loaded or saved.
#[derive(Debug, thiserror::Error)]
pub enum FileError {
    /// The file could not be read or written.
    #[error("{path}: {action} failed: {source}; check that the path exists and is readable and writable")]
    Io {
        /// The file.
        path: PathBuf,
        /// "reading", "writing", "renaming"…
        action: &'static str,
        /// The OS error.
        source: std::io::Error,
    },
    /// The text is not a valid scenario.
    #[error("{path}:{line}:{column}: {message}")]
    Syntax {
        /// The file.
        path: PathBuf,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What was expected.
        message: String,
    },
    /// The file's version is newer than this program.
    #[error("{path}: format version {found} is newer than this program's ({supported}); update alliance-sim")]
    TooNew {
        /// The file.
        path: PathBuf,
        /// Version in the file.
        found: u32,
        /// Newest version this program reads.
        supported: u32,
    },
    /// The scenario parses but does not make sense.
    #[error("{path}: {error}")]
    Invalid {
        /// The file.
        path: PathBuf,
        /// What is wrong.
        error: ValidationError,
    },
    /// The scenario could not be written as RON.
    #[error("{path}: could not write the scenario: {message}")]
    Serialize {
        /// The file.
        path: PathBuf,
        /// The serializer's message.
        message: String,
    },
}

/// The RON options used for reading: `Some(..)` may be omitted.
fn options() -> ron::Options {
    ron::Options::default().with_default_extension(Extensions::IMPLICIT_SOME)
}

/// Parses scenario text; `path` only names the source in errors. Validates the result.
pub fn parse(text: &str, path: &Path) -> Result<Scenario, FileError> {
    let scenario = parse_unchecked(text, path)?;
    validate::check(&scenario).map_err(|error| FileError::Invalid { path: path.to_path_buf(), error })?;
    Ok(scenario)
}

/// Parses and migrates scenario text without the semantic checks.
pub fn parse_unchecked(text: &str, path: &Path) -> Result<Scenario, FileError> {
    let syntax = |e: ron::error::SpannedError| FileError::Syntax {
        path: path.to_path_buf(),
        line: e.span.start.line,
        column: e.span.start.col,
        message: explain(&e.code),
    };
    let header: Header = options().from_str(text).map_err(syntax)?;
    let version = header.version.unwrap_or(FORMAT_VERSION);
    if version > FORMAT_VERSION {
        return Err(FileError::TooNew { path: path.to_path_buf(), found: version, supported: FORMAT_VERSION });
    }
    let migrated = super::migrate::to_current(text, version);
    options().from_str(&migrated).map_err(syntax)
}

/// Just the `version` of a file; every other field is skipped.
#[derive(serde::Deserialize)]
struct Header {
    #[serde(default)]
    version: Option<u32>,
}

/// The parser's message, with a hint for the usual mistakes.
fn explain(code: &ron::Error) -> String {
    let base = code.to_string();
    match code {
        ron::Error::NoSuchStructField { .. } => {
            format!("{base}; remove the field or check its spelling against the README's format")
        }
        ron::Error::MissingStructField { .. } => format!("{base}; add the field (see the README's complete example)"),
        ron::Error::NoSuchEnumVariant { .. } => format!("{base}; use one of the names listed"),
        _ => base,
    }
}

/// Loads and validates a scenario file.
pub fn load(path: &Path) -> Result<Scenario, FileError> {
    let text = fs::read_to_string(path).map_err(|source| FileError::Io {
        path: path.to_path_buf(),
        action: "reading",
        source,
    })?;
    parse(&text, path)
}

/// The scenario as RON text, in the current format.
pub fn to_text(s: &Scenario) -> Result<String, ron::Error> {
    let config =
        PrettyConfig::new().depth_limit(6).struct_names(false).separate_tuple_members(false).enumerate_arrays(false);
    let mut scenario = s.clone();
    scenario.version = FORMAT_VERSION;
    ron::ser::to_string_pretty(&scenario, config)
}

/// Saves atomically: writes `NAME.tmp` beside the target, moves the old file to
/// `NAME.bak`, then renames the new file into place.
pub fn save(s: &Scenario, path: &Path) -> Result<(), FileError> {
    let text = to_text(s).map_err(|e| FileError::Serialize { path: path.to_path_buf(), message: e.to_string() })?;
    let tmp = sibling(path, "tmp");
    let io = |action, source| FileError::Io { path: path.to_path_buf(), action, source };
    fs::write(&tmp, text.as_bytes()).map_err(|e| io("writing", e))?;
    if path.exists() {
        fs::copy(path, sibling(path, "bak")).map_err(|e| io("keeping a backup", e))?;
    }
    fs::rename(&tmp, path).map_err(|e| io("renaming", e))
}

/// `dir/NAME.ron` → `dir/NAME.ron.EXT`.
pub fn sibling(path: &Path, ext: &str) -> PathBuf {
    let mut name = path.file_name().map(|n| n.to_os_string()).unwrap_or_default();
    name.push(".");
    name.push(ext);
    path.with_file_name(name)
}
