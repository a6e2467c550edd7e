//! The largest scenario a file may describe, checked as soon as the file is read.
//!
//! Every limit is checked before any work that grows with it starts (replaying the register,
//! expanding phased sales, evaluating, drawing), so that any file that is accepted is
//! evaluated in seconds and in bounded memory, and a file that is not is refused at once with
//! a message that names the limit. docs/safety-and-limits.md lists them; `benches/limits.rs` measures the
//! largest accepted file.

use std::path::Path;

use crate::engine::power::MAX_CROWD;
use crate::model::{EntityKind, Event, FloatModel, Scenario, thousands};

/// The largest scenario file read, in bytes.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;
/// The most entities (companies, investors, trusts).
pub const MAX_ENTITIES: usize = 10_000;
/// The most holdings on the start date.
pub const MAX_HOLDINGS: usize = 100_000;
/// The most vote caps on the start date.
pub const MAX_VOTE_CAPS: usize = 10_000;
/// The most events.
pub const MAX_EVENTS: usize = 100_000;
/// The most tranches of one phased sale.
pub const MAX_TRANCHES: u32 = 10_000;
/// The most dated steps once phased sales are expanded into their tranches: an upper bound
/// of the change points.
pub const MAX_CHANGES: u64 = 100_000;
/// The longest title, in characters (it is drawn on every chart).
pub const MAX_TITLE: usize = 300;
/// The longest entity name, in characters.
pub const MAX_NAME: usize = 200;
/// The longest id, in characters.
pub const MAX_ID: usize = 100;
/// The longest short name of a resolution kind, in characters (it labels a bar on a chart axis).
pub const MAX_SHORT: usize = 24;
/// The longest caption, in characters.
pub const MAX_CAPTION: usize = 1_000;
/// The longest source, in characters.
pub const MAX_SOURCE: usize = 2_000;
/// The longest description, in characters.
pub const MAX_DESCRIPTION: usize = 20_000;

/// A limit that a scenario exceeds.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{what} is {}, above the limit of {}; {fix}", thousands(*.found), thousands(*.limit))]
pub struct LimitError {
    /// What is too large ("the number of events", "the title's length").
    pub what: String,
    /// How large it is.
    pub found: u64,
    /// The limit.
    pub limit: u64,
    /// What to do.
    pub fix: &'static str,
}

const SPLIT: &str = "split the scenario into smaller ones (see the limits in docs/safety-and-limits.md)";
const SHORTEN: &str = "shorten it (long notes belong in the description or a separate document)";

/// Checks the size of a file before it is read.
pub fn check_file_size(path: &Path) -> Result<(), LimitError> {
    match std::fs::metadata(path) {
        Ok(m) if m.len() > MAX_FILE_BYTES => Err(LimitError {
            what: "the file's size in bytes".into(),
            found: m.len(),
            limit: MAX_FILE_BYTES,
            fix: SPLIT,
        }),
        _ => Ok(()),
    }
}

/// Checks every limit of a scenario that was just read.
pub fn check(s: &Scenario) -> Result<(), LimitError> {
    count("the number of entities", s.entities.len(), MAX_ENTITIES, SPLIT)?;
    count("the number of holdings", s.holdings.len(), MAX_HOLDINGS, SPLIT)?;
    count("the number of vote caps", s.vote_caps.len(), MAX_VOTE_CAPS, SPLIT)?;
    count("the number of events", s.events.len(), MAX_EVENTS, SPLIT)?;
    check_changes(s)?;
    check_float(s)?;
    check_texts(s)
}

fn count(what: &str, found: usize, limit: usize, fix: &'static str) -> Result<(), LimitError> {
    if found > limit {
        return Err(LimitError { what: what.into(), found: found as u64, limit: limit as u64, fix });
    }
    Ok(())
}

/// Tranches per sale, and the dated steps they and the other events make.
fn check_changes(s: &Scenario) -> Result<(), LimitError> {
    let mut steps: u64 = 0;
    for (k, e) in s.events.iter().enumerate() {
        steps += match e {
            Event::PhasedSale { tranches, .. } => {
                if *tranches > MAX_TRANCHES {
                    return Err(LimitError {
                        what: format!("the number of tranches of {}", s.event_item(k)),
                        found: u64::from(*tranches),
                        limit: u64::from(MAX_TRANCHES),
                        fix: "use fewer, larger tranches",
                    });
                }
                u64::from(*tranches)
            }
            _ => 1,
        };
    }
    if steps > MAX_CHANGES {
        return Err(LimitError {
            what: "the number of dated changes (events, with each tranche of a phased sale counted)".into(),
            found: steps,
            limit: MAX_CHANGES,
            fix: "use fewer tranches or events, or split the scenario into periods",
        });
    }
    Ok(())
}

fn check_float(s: &Scenario) -> Result<(), LimitError> {
    if let FloatModel::EqualHolders(n) | FloatModel::Leech(n) = s.meeting.float_model
        && u64::from(n) > MAX_CROWD
    {
        return Err(LimitError {
            what: "the number of equal holders in the float (meeting.float_model)".into(),
            found: u64::from(n),
            limit: MAX_CROWD,
            fix: "use Ocean for a large dispersed float (the limit of many small holders)",
        });
    }
    Ok(())
}

fn check_texts(s: &Scenario) -> Result<(), LimitError> {
    text("the title's length", &s.title, MAX_TITLE)?;
    text("the description's length", &s.description, MAX_DESCRIPTION)?;
    for e in &s.entities {
        text(&format!("the length of the id of entity `{:.40}…`", e.id), &e.id, MAX_ID)?;
        text(&format!("the length of the name of entity `{}`", e.id), &e.name, MAX_NAME)?;
        optional(&format!("the length of the source of entity `{}`", e.id), e.source.as_deref())?;
        if let EntityKind::Trust { beneficiary } = &e.kind {
            text(&format!("the length of the beneficiary of trust `{}`", e.id), beneficiary, MAX_ID)?;
        }
    }
    for h in &s.holdings {
        text("the length of a holding's holder id", &h.holder, MAX_ID)?;
        text("the length of a holding's issuer id", &h.issuer, MAX_ID)?;
        let what = format!("the length of the source of the holding of `{}` in `{}`", h.holder, h.issuer);
        optional(&what, h.source.as_deref())?;
    }
    for k in &s.kinds {
        text(&format!("the length of the id of resolution kind `{:.40}…`", k.id), &k.id, MAX_ID)?;
        text(&format!("the length of the name of resolution kind `{}`", k.id), &k.name, MAX_NAME)?;
        if let Some(short) = &k.short {
            text(&format!("the length of the short name of resolution kind `{}`", k.id), short, MAX_SHORT)?;
        }
        optional(&format!("the length of the source of resolution kind `{}`", k.id), k.source.as_deref())?;
    }
    for c in &s.vote_caps {
        let what = format!("the length of the source of the vote cap on `{}` at `{}`", c.holder, c.issuer);
        optional(&what, c.source.as_deref())?;
    }
    for (k, e) in s.events.iter().enumerate() {
        for party in e.parties() {
            text(&format!("the length of an id in event {}", k + 1), party, MAX_ID)?;
        }
        text(&format!("the length of event {}'s caption", k + 1), e.caption(), MAX_CAPTION)?;
        optional(&format!("the length of event {}'s source", k + 1), e.source())?;
    }
    Ok(())
}

fn text(what: &str, t: &str, limit: usize) -> Result<(), LimitError> {
    // Bytes bound characters from above: count characters only when the bytes are over.
    if t.len() > limit && t.chars().count() > limit {
        return Err(LimitError {
            what: what.into(),
            found: t.chars().count() as u64,
            limit: limit as u64,
            fix: SHORTEN,
        });
    }
    Ok(())
}

fn optional(what: &str, t: Option<&str>) -> Result<(), LimitError> {
    t.map_or(Ok(()), |t| text(what, t, MAX_SOURCE))
}
