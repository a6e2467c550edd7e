//! What people read must speak the user's words: no id of the scenario's holders or kinds, no
//! key of the program (`vote_cap`, `director_renault_nominee`), no Rust enum name (`HeldVotes`,
//! `Some(`). [`leaks`] lists what slipped through in a text; the app's and the command line's
//! scans share it.
//!
//! What counts as an id: every entity and kind id of the scenario, compared case-sensitively on
//! word boundaries, except those that are ordinary English words (`trust`, `ordinary`, `special`,
//! `market`): `renault` is an id, while "Renault" is the name the file gives it. A file name
//! (`renault-nissan-2023.ron`) is the user's own word and is not scanned.

use alliance_sim::model::Scenario;

/// Ids that are also ordinary words, which people read in sentences ("the trust", "ordinary
/// resolutions").
const ORDINARY_WORDS: [&str; 4] = ["trust", "ordinary", "special", "market"];

/// Variant names of the model's enums that are also ordinary words and may be read as such
/// ("France", "Japan", "Free"); any other variant name (`Ocean`, `HeldVotes`) is a leak.
const ENGLISH_VARIANTS: [&str; 15] = [
    "France",
    "Japan",
    "Other",
    "Free",
    "Neutral",
    "For",
    "Against",
    "Front",
    "Back",
    "Even",
    "Transfer",
    "Buyback",
    "Issue",
    "Milestone",
    "Shares",
];

/// The model's enum variant names, read from the sources of `src/model/` (every `pub enum`'s
/// variants), so that a new variant is scanned for without touching this list.
pub fn enum_variants() -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![super::root().join("src").join("model")];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                variants_in(&std::fs::read_to_string(&path).unwrap(), &mut out);
            }
        }
    }
    out.sort();
    out.dedup();
    out.retain(|v| !ENGLISH_VARIANTS.contains(&v.as_str()));
    out
}

/// The variants of every `pub enum` in a Rust source: the capitalised words at the start of the
/// lines of its body, one level deep.
fn variants_in(source: &str, out: &mut Vec<String>) {
    let mut depth: Option<i32> = None;
    for line in source.lines() {
        let t = line.trim();
        if depth.is_none() {
            if t.starts_with("pub enum ") && t.ends_with('{') {
                depth = Some(1);
            }
            continue;
        }
        let d = depth.unwrap_or(0);
        if d == 1 && t.starts_with(|c: char| c.is_ascii_uppercase()) {
            let name: String = t.chars().take_while(char::is_ascii_alphanumeric).collect();
            out.push(name);
        }
        let opened = t.matches('{').count() as i32 - t.matches('}').count() as i32;
        depth = Some(d + opened).filter(|&d| d > 0);
    }
}

/// The ids a reader must never see: the scenario's entity and kind ids that are not ordinary
/// words.
pub fn forbidden_ids(s: &Scenario) -> Vec<String> {
    let ids = s.entities.iter().map(|e| e.id.clone()).chain(s.resolution_kinds().into_iter().map(|k| k.id));
    ids.filter(|id| !ORDINARY_WORDS.contains(&id.as_str())).collect()
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// The places in `text` where `word` occurs between word boundaries (letters, digits and `_`
/// are inside a word).
fn occurrences(text: &str, word: &str) -> Vec<usize> {
    let bounded = |at: usize| {
        let before = text[..at].chars().next_back();
        let after = text[at + word.len()..].chars().next();
        !before.is_some_and(is_word_char) && !after.is_some_and(is_word_char)
    };
    text.match_indices(word).map(|(at, _)| at).filter(|&at| bounded(at)).collect()
}

/// The token around byte `at` (up to whitespace), to show a leak in its context and to tell a
/// file name.
fn token_at(text: &str, at: usize) -> &str {
    let start = text[..at].rfind(char::is_whitespace).map_or(0, |i| i + 1);
    let end = text[at..].find(char::is_whitespace).map_or(text.len(), |i| at + i);
    &text[start..end]
}

/// Every leak in `text`: an id of `ids`, a `snake_case` key, a model enum variant of
/// `variants`, `Some(` or `None`; each as "`what` in «line»".
pub fn leaks(text: &str, ids: &[String], variants: &[String]) -> Vec<String> {
    let mut found = Vec::new();
    for line in text.lines() {
        let mut say = |what: &str| found.push(format!("`{what}` in «{}»", line.trim()));
        for id in ids {
            if occurrences(line, id).into_iter().any(|at| !token_at(line, at).contains(".ron")) {
                say(id);
            }
        }
        for v in variants.iter().map(String::as_str).chain(["None"]) {
            if !occurrences(line, v).is_empty() {
                say(v);
            }
        }
        if line.contains("Some(") {
            say("Some(");
        }
        for token in line.split(|c: char| !is_word_char(c)) {
            let snake = token.contains('_') && token.chars().any(|c| c.is_ascii_lowercase());
            if snake && !line.contains(".ron") {
                say(token);
            }
        }
    }
    found
}
