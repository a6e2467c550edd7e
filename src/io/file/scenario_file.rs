//! Loading and saving scenario files (RON), with migration of older versions.
//!
//! Loading accepts a UTF-8 byte-order mark, names the first byte that is not UTF-8, reads the
//! `version` first, migrates the text's value to the current format, then deserializes with
//! unknown fields refused, and validates. Saving writes the canonical layout
//! ([`super::layout`]) with the comments of the text the scenario was read from, through the
//! safe writer ([`super::safe_write`]); the first save of a document in a session keeps the
//! file as it was as `NAME.ron.bak`, and later saves leave that backup alone. Saving and `fmt`
//! keep the text's byte-order mark and CRLF line endings as found ([`TextStyle`]).

use std::fs;
use std::path::{Path, PathBuf};

use ron::extensions::Extensions;

use super::layout::{self, LayoutError, tree::Tree};
use super::limits::{self, LimitError};
use super::safe_write::{self, WriteError};
use crate::model::validate::{self, ValidationError};
use crate::model::{FORMAT_VERSION, Scenario};

/// The deepest nesting of brackets the reader follows; a scenario needs about six.
pub const MAX_NESTING: usize = 32;

/// Why a scenario file could not be loaded or saved.
#[derive(Debug, thiserror::Error)]
pub enum FileError {
    /// The file could not be read.
    #[error("{path}: {action} failed: {source}; check that the file exists and that you may read it")]
    Io {
        /// The file.
        path: PathBuf,
        /// "reading"…
        action: &'static str,
        /// The OS error.
        source: std::io::Error,
    },
    /// The file is not UTF-8 text.
    #[error(
        "{path}:{line}:{column}: the file is not UTF-8 text (byte 0x{byte:02X} here); save it as UTF-8 in your editor"
    )]
    NotUtf8 {
        /// The file.
        path: PathBuf,
        /// 1-based line of the first bad byte.
        line: usize,
        /// 1-based column (in characters) of the first bad byte.
        column: usize,
        /// The byte.
        byte: u8,
    },
    /// The file could not be written (the original, if any, is unchanged).
    #[error("{0}")]
    Write(#[from] WriteError),
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
    /// The scenario is larger than this program accepts.
    #[error("{path}: {error}")]
    TooLarge {
        /// The file.
        path: PathBuf,
        /// The limit exceeded.
        error: LimitError,
    },
    /// The scenario could not be written as RON.
    #[error("{path}: could not write the scenario: {error}")]
    Serialize {
        /// The file.
        path: PathBuf,
        /// What went wrong.
        error: LayoutError,
    },
}

/// The RON options used for reading: `Some(..)` may be omitted; nesting is bounded.
fn options() -> ron::Options {
    ron::Options::default().with_default_extension(Extensions::IMPLICIT_SOME).with_recursion_limit(MAX_NESTING)
}

/// Parses scenario text; `path` only names the source in errors. Validates the result.
pub fn parse(text: &str, path: &Path) -> Result<Scenario, FileError> {
    let scenario = parse_unchecked(text, path)?;
    validate::check(&scenario).map_err(|error| FileError::Invalid { path: path.to_path_buf(), error })?;
    Ok(scenario)
}

/// Parses and migrates scenario text without the semantic checks.
pub fn parse_unchecked(text: &str, path: &Path) -> Result<Scenario, FileError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let syntax = |e: ron::error::SpannedError| FileError::Syntax {
        path: path.to_path_buf(),
        line: e.span.start.line,
        column: e.span.start.col,
        message: explain(&e.code),
    };
    if text.trim().is_empty() {
        return Err(FileError::Syntax {
            path: path.to_path_buf(),
            line: 1,
            column: 1,
            message: "the file is empty; a scenario is one `( … )` with its version, title, dates and entities: \
                      start from the complete example in docs/file-format.md"
                .into(),
        });
    }
    let header: Header = options().from_str(text).map_err(syntax)?;
    let version = header.version.unwrap_or(FORMAT_VERSION);
    if version > FORMAT_VERSION {
        return Err(FileError::TooNew { path: path.to_path_buf(), found: version, supported: FORMAT_VERSION });
    }
    let migrated = super::migrate::to_current(text, version);
    let scenario: Scenario = options().from_str(&migrated).map_err(syntax)?;
    limits::check(&scenario).map_err(|error| FileError::TooLarge { path: path.to_path_buf(), error })?;
    Ok(scenario)
}

/// Just the `version` of a file; every other field is skipped.
#[derive(serde::Deserialize)]
struct Header {
    #[serde(default)]
    version: Option<u32>,
}

/// The parser's message, with a hint for the usual mistakes.
fn explain(code: &ron::Error) -> String {
    // The version is read first through a struct of this file's own; its name is no word of
    // the format, so a message about it speaks of the scenario instead.
    let base = code.to_string().replace(" for struct `Header`", " that opens the scenario");
    match code {
        ron::Error::NoSuchStructField { .. } => {
            format!("{base}; remove the field or check its spelling against the format in docs/file-format.md")
        }
        ron::Error::MissingStructField { .. } => {
            format!("{base}; add the field (see the complete example in docs/file-format.md)")
        }
        ron::Error::NoSuchEnumVariant { .. } => format!("{base}; use one of the names listed"),
        ron::Error::ExceededRecursionLimit => format!(
            "brackets are nested more than {MAX_NESTING} levels deep here, far more than a scenario needs; \
             look for brackets that are opened and never closed"
        ),
        ron::Error::Message(m) if m.contains("write it as") => base,
        _ => format!("{base}; {}", syntax_advice(code)),
    }
}

/// What to do about a syntax error that says only what was expected.
fn syntax_advice(code: &ron::Error) -> &'static str {
    use ron::Error as E;
    match code {
        E::Eof => "the file ends before the scenario does: a closing `)` or `]` is probably missing",
        E::ExpectedComma => "put a comma after the previous value",
        E::ExpectedArrayEnd | E::ExpectedStructLikeEnd | E::ExpectedMapEnd | E::ExpectedOptionEnd => {
            "a comma or a closing bracket is probably missing just before here"
        }
        E::ExpectedString | E::ExpectedStringEnd => "write the text in double quotes, for example \"Renault\"",
        E::ExpectedInteger
        | E::IntegerOutOfBounds
        | E::InvalidIntegerDigit { .. }
        | E::ExpectedFloat
        | E::FloatUnderscore
        | E::UnderscoreAtBeginning => "write a whole number without quotes, spaces or separators, for example 44387915",
        E::DuplicateStructField { .. } => "keep only one of the two",
        E::UnclosedBlockComment => "close the comment with */",
        E::TrailingCharacters => "remove what follows the scenario's closing parenthesis",
        E::Message(_) => {
            "a date is written \"YYYY-MM-DD\", for example \"2026-02-16\"; \
             see the complete example in docs/file-format.md"
        }
        _ => "correct the text here; the complete example in docs/file-format.md shows the format",
    }
}

/// Loads and validates a scenario file.
pub fn load(path: &Path) -> Result<Scenario, FileError> {
    // No file state: reading the comments' layout would cost several times the scenario itself
    // on a large file, for nothing when the file is not saved back.
    parse(&read_text(path)?, path)
}

/// Loads and validates a scenario file, with what a later save of it needs to remember.
pub fn load_with_state(path: &Path) -> Result<(Scenario, FileState), FileError> {
    let text = read_text_with_mark(path)?;
    let scenario = parse(&text, path)?;
    Ok((scenario, FileState::from_text(&text)))
}

/// Reads a scenario file to edit it: like [`load_with_state`], except that an event that
/// cannot happen on its date does not refuse the file (the app shows it as a conflict, with
/// its fixes, rather than losing the work). Every other problem still refuses it.
pub fn load_for_editing(path: &Path) -> Result<(Scenario, FileState), FileError> {
    let text = read_text_with_mark(path)?;
    let scenario = parse_unchecked(&text, path)?;
    if let Some(error) = validate::problems(&scenario).into_iter().next() {
        return Err(FileError::Invalid { path: path.to_path_buf(), error });
    }
    Ok((scenario, FileState::from_text(&text)))
}

/// The file's text: UTF-8, with a byte-order mark accepted and removed.
pub fn read_text(path: &Path) -> Result<String, FileError> {
    let mut text = read_text_with_mark(path)?;
    if text.starts_with(BYTE_ORDER_MARK) {
        text.replace_range(..BYTE_ORDER_MARK.len(), "");
    }
    Ok(text)
}

/// The file's text as it is, a byte-order mark included: what a rewrite keeps ([`TextStyle`]).
pub fn read_text_with_mark(path: &Path) -> Result<String, FileError> {
    limits::check_file_size(path).map_err(|error| FileError::TooLarge { path: path.to_path_buf(), error })?;
    let bytes =
        fs::read(path).map_err(|source| FileError::Io { path: path.to_path_buf(), action: "reading", source })?;
    String::from_utf8(bytes).map_err(|e| not_utf8(path, e.as_bytes()))
}

/// The error for `bytes` that are not UTF-8: where the first bad byte is (a byte-order mark
/// at the start not counted).
fn not_utf8(path: &Path, bytes: &[u8]) -> FileError {
    let bytes = bytes.strip_prefix(BYTE_ORDER_MARK.as_bytes()).unwrap_or(bytes);
    let valid = std::str::from_utf8(bytes).err().map_or(bytes.len(), |e| e.valid_up_to());
    let good = String::from_utf8_lossy(&bytes[..valid]);
    let line = good.matches('\n').count() + 1;
    let column = good.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    FileError::NotUtf8 { path: path.to_path_buf(), line, column, byte: bytes.get(valid).copied().unwrap_or(0) }
}

/// The byte-order mark a file may start with.
const BYTE_ORDER_MARK: &str = "\u{feff}";

/// How a scenario file's text is written byte for byte, kept when the file is rewritten (Save,
/// `fmt`): with or without a byte-order mark, and with CRLF or LF line endings, as its first
/// line ends.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TextStyle {
    byte_order_mark: bool,
    crlf: bool,
}

impl TextStyle {
    /// The style of `text` as read (its byte-order mark, if any, still at the start).
    pub fn of(text: &str) -> TextStyle {
        let crlf = text.find('\n').is_some_and(|end| text[..end].ends_with('\r'));
        TextStyle { byte_order_mark: text.starts_with(BYTE_ORDER_MARK), crlf }
    }

    /// `text` without its byte-order mark and with LF line endings: what the layout reads.
    pub fn plain(text: &str) -> String {
        text.strip_prefix(BYTE_ORDER_MARK).unwrap_or(text).replace("\r\n", "\n")
    }

    /// `text` (LF line endings, no byte-order mark) written in this style.
    pub fn apply(self, text: &str) -> String {
        let mark = if self.byte_order_mark { BYTE_ORDER_MARK } else { "" };
        let body = if self.crlf { text.replace('\n', "\r\n") } else { text.to_string() };
        format!("{mark}{body}")
    }
}

/// What a document's saves remember between them: the text last read or written (whose
/// comments the next save keeps, and whose byte-order mark and line endings it writes) and
/// the file whose `.bak` this session already made.
#[derive(Debug, Clone, Default)]
pub struct FileState {
    comments: Option<Tree>,
    style: TextStyle,
    backed_up: Option<PathBuf>,
}

impl FileState {
    /// The state of a document read from `text` (its comments, byte-order mark and line
    /// endings will be kept).
    pub fn from_text(text: &str) -> FileState {
        FileState {
            comments: layout::read_comments(&TextStyle::plain(text)).ok(),
            style: TextStyle::of(text),
            backed_up: None,
        }
    }

    /// The byte-order mark and line endings a save writes.
    pub fn style(&self) -> TextStyle {
        self.style
    }

    /// Whether this session already kept the `.bak` of `path`.
    pub fn has_backup_of(&self, path: &Path) -> bool {
        self.backed_up.as_deref() == Some(path)
    }
}

/// The scenario as canonical RON text, in the current format, without comments.
pub fn to_text(s: &Scenario) -> Result<String, LayoutError> {
    to_text_keeping(s, &FileState::default())
}

/// The scenario as canonical RON text, with the comments of the text `state` remembers.
pub fn to_text_keeping(s: &Scenario, state: &FileState) -> Result<String, LayoutError> {
    let mut scenario = s.clone();
    scenario.version = FORMAT_VERSION;
    layout::canonical(&scenario, state.comments.as_ref())
}

/// Saves `s` to `path` in the canonical layout with the remembered comments, through the
/// safe writer. The first save to `path` in this state keeps the file as it was as
/// `NAME.ron.bak` (written the same safe way); later saves leave that backup alone. The
/// byte-order mark and line endings of the text the state was read from are kept. The state
/// then remembers the text written, which is returned (for the saved versions).
pub fn save_with_state(s: &Scenario, path: &Path, state: &mut FileState) -> Result<String, FileError> {
    let canonical =
        to_text_keeping(s, state).map_err(|error| FileError::Serialize { path: path.to_path_buf(), error })?;
    let text = state.style.apply(&canonical);
    if !state.has_backup_of(path) {
        safe_write::write_backup(path)?;
    }
    safe_write::write_atomic(path, text.as_bytes())?;
    state.backed_up = Some(path.to_path_buf());
    state.comments = layout::read_comments(&canonical).ok();
    Ok(text)
}

/// Saves `s` to `path` once: keeps the old file as `NAME.ron.bak`, then writes (see
/// [`save_with_state`]). Comments of the old file are not kept; a document that was read
/// from a file saves with [`save_with_state`].
pub fn save(s: &Scenario, path: &Path) -> Result<(), FileError> {
    save_with_state(s, path, &mut FileState::default()).map(drop)
}

/// `text` (a scenario file's contents) in the canonical layout, with its comments kept:
/// what `alliance-sim fmt` writes, with the byte-order mark and line endings of `text` kept
/// ([`TextStyle`]). The text must be a readable scenario; it is not validated beyond that, so
/// that a file with a mistake in its figures can still be tidied.
pub fn format_text(text: &str, path: &Path) -> Result<String, FileError> {
    let scenario = parse_unchecked(text, path)?;
    let state = FileState::from_text(text);
    let canonical =
        to_text_keeping(&scenario, &state).map_err(|error| FileError::Serialize { path: path.to_path_buf(), error })?;
    Ok(state.style.apply(&canonical))
}

/// `dir/NAME.ron` → `dir/NAME.ron.EXT`.
pub fn sibling(path: &Path, ext: &str) -> PathBuf {
    safe_write::with_suffix(path, ext)
}
