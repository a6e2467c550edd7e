//! Thousands of random mutations of the shipped scenarios (bytes cut, swapped or inserted,
//! digits changed, ids renamed, lines deleted or duplicated, numbers made extreme) are fed to
//! `io::parse` and, when they parse, to `fmt` and `engine::evaluate`: each must give a result or
//! an error, never a panic; `fmt` must be idempotent and keep the scenario (so its report) as it
//! was. A seeded PRNG makes every run the same; `ALLIANCE_SIM_MUTANTS=N` runs N mutants of each
//! shipped file instead of the 600 of CI (more on demand).

// Helpers outside #[test] functions may panic too: this is a test crate.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use std::cell::Cell;
use std::collections::HashMap;
use std::panic::{self, AssertUnwindSafe};
use std::path::Path;
use std::sync::Once;

use crate::support::{Rng, shipped};
use alliance_sim::engine;
use alliance_sim::io::{self, FileError};

thread_local! {
    /// Set while a mutant runs, so that its expected panics (if any) are not printed.
    static QUIET: Cell<bool> = const { Cell::new(false) };
}

/// Installs, once, a panic hook that is silent while a mutant runs and the default otherwise.
fn install_hook() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let default = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if !QUIET.with(Cell::get) {
                default(info);
            }
        }));
    });
}

/// What happened to one mutant.
#[derive(Debug, PartialEq, Eq, Clone, Copy)]
enum Outcome {
    /// `io::parse` refused it.
    FileError,
    /// It parsed and `engine::evaluate` refused it.
    EvalError,
    /// It parsed and evaluated.
    Evaluated,
}

/// Parses and evaluates a mutant; `Err` with the panic message if anything panicked. A
/// mutant that parses to a scenario already evaluated (a change inside a comment, say) is
/// not evaluated again: `seen` keeps the outcome of every scenario by its debug text.
fn run(text: &str, seen: &mut HashMap<String, Outcome>) -> Result<Outcome, String> {
    QUIET.with(|q| q.set(true));
    let result = panic::catch_unwind(AssertUnwindSafe(|| {
        match io::parse(text, Path::new("mutant.ron")) {
            Err(e) => {
                // The error must also be printable.
                let _ = e.to_string();
                if let FileError::Syntax { line, column, .. } = e {
                    assert!(line >= 1 && column >= 1, "a syntax error at {line}:{column}");
                }
                Outcome::FileError
            }
            Ok(s) => {
                formats_to_the_same_scenario(text, &s);
                let key = format!("{s:?}");
                if let Some(&outcome) = seen.get(&key) {
                    return outcome;
                }
                let outcome = match engine::evaluate(&s) {
                    Err(e) => {
                        let _ = e.to_string();
                        Outcome::EvalError
                    }
                    Ok(ev) => {
                        assert!(!ev.points.is_empty());
                        Outcome::Evaluated
                    }
                };
                seen.insert(key, outcome);
                outcome
            }
        }
    }));
    QUIET.with(|q| q.set(false));
    result.map_err(|p| {
        p.downcast_ref::<String>()
            .cloned()
            .or_else(|| p.downcast_ref::<&str>().map(|s| s.to_string()))
            .unwrap_or_else(|| "a panic".into())
    })
}

/// `fmt` on a text that parses: it formats, formatting again changes nothing, and the formatted
/// text reads back as the same scenario, but for its format version (so every report of it is
/// the same).
fn formats_to_the_same_scenario(text: &str, scenario: &alliance_sim::model::Scenario) {
    let path = Path::new("mutant.ron");
    let formatted = io::format_text(text, path).unwrap_or_else(|e| panic!("fmt refused a file that parses: {e}"));
    let again = io::format_text(&formatted, path).unwrap_or_else(|e| panic!("fmt refused its own output: {e}"));
    assert!(again == formatted, "fmt is not idempotent");
    let read_back = io::parse(&formatted, path).unwrap_or_else(|e| panic!("the formatted text does not parse: {e}"));
    // fmt writes the current format version: an older file is migrated, as Save does.
    let read_back = alliance_sim::model::Scenario { version: scenario.version, ..read_back };
    assert!(&read_back == scenario, "fmt changed the scenario");
}

const IDS: [&str; 8] = ["renault", "nissan", "mitsubishi", "french-state", "trust", "market", "ghost", ""];
const TOKENS: [&str; 14] = [",", "(", ")", "[", "]", "\"", ":", "-", "0", "Some(", "None", "//", "/*", "\\"];

/// One random mutation of `text`, with a description of what was done.
fn mutate(text: &str, rng: &mut Rng) -> (String, String) {
    let bytes = text.as_bytes();
    let n = bytes.len();
    match rng.below_usize(8) {
        0 => {
            let at = rng.below_usize(n);
            let len = 1 + rng.below_usize(20).min(n - at - 1);
            let mut b = bytes.to_vec();
            b.drain(at..at + len);
            (String::from_utf8_lossy(&b).into_owned(), format!("cut {len} bytes at {at}"))
        }
        1 => {
            let (i, j) = (rng.below_usize(n), rng.below_usize(n));
            let mut b = bytes.to_vec();
            b.swap(i, j);
            (String::from_utf8_lossy(&b).into_owned(), format!("swapped bytes {i} and {j}"))
        }
        2 | 3 => {
            let digits: Vec<usize> =
                bytes.iter().enumerate().filter(|(_, c)| c.is_ascii_digit()).map(|(k, _)| k).collect();
            let mut b = bytes.to_vec();
            let changes = 1 + rng.below_usize(3);
            for _ in 0..changes {
                let at = digits[rng.below_usize(digits.len())];
                b[at] = b'0' + rng.below_usize(10) as u8;
            }
            (String::from_utf8_lossy(&b).into_owned(), format!("changed {changes} digits"))
        }
        4 => {
            let from = IDS[rng.below_usize(5)];
            let to = IDS[rng.below_usize(IDS.len())];
            let hits: Vec<usize> = text.match_indices(&format!("\"{from}\"")).map(|(k, _)| k).collect();
            if hits.is_empty() {
                return (text.to_string(), "nothing".into());
            }
            let at = hits[rng.below_usize(hits.len())];
            let mut t = text.to_string();
            t.replace_range(at..at + from.len() + 2, &format!("\"{to}\""));
            (t, format!("renamed \"{from}\" to \"{to}\" at {at}"))
        }
        5 => {
            let mut lines: Vec<&str> = text.lines().collect();
            let k = rng.below_usize(lines.len());
            lines.remove(k);
            (lines.join("\n"), format!("deleted line {}", k + 1))
        }
        6 => {
            let mut lines: Vec<&str> = text.lines().collect();
            let k = rng.below_usize(lines.len());
            lines.insert(k, lines[k]);
            (lines.join("\n"), format!("duplicated line {}", k + 1))
        }
        _ => {
            let at = rng.below_usize(n);
            let tok = TOKENS[rng.below_usize(TOKENS.len())];
            let mut b = bytes.to_vec();
            b.splice(at..at, tok.bytes());
            (String::from_utf8_lossy(&b).into_owned(), format!("inserted {tok:?} at {at}"))
        }
    }
}

/// Runs every mutant: the number that `io::parse` refused, that `engine::evaluate` refused and
/// that evaluated, then the number of distinct scenarios that parsed.
fn check_all(mutants: impl Iterator<Item = (String, String)>) -> [usize; 4] {
    install_hook();
    let mut counts = [0usize; 3];
    let mut panics = Vec::new();
    let mut seen = HashMap::new();
    for (text, what) in mutants {
        match run(&text, &mut seen) {
            Ok(Outcome::FileError) => counts[0] += 1,
            Ok(Outcome::EvalError) => counts[1] += 1,
            Ok(Outcome::Evaluated) => counts[2] += 1,
            Err(msg) => panics.push(format!("{what}: {msg}")),
        }
    }
    assert!(panics.is_empty(), "{} mutants panicked instead of giving an error:\n{}", panics.len(), panics.join("\n"));
    [counts[0], counts[1], counts[2], seen.len()]
}

#[test]
fn random_mutations_of_shipped_files_never_panic() {
    let files = shipped();
    assert!(files.len() >= 4);
    let mut rng = Rng::new(0x5EED_2023);
    let texts: Vec<String> = files.iter().map(|p| std::fs::read_to_string(p).expect("readable")).collect();
    let per_file = std::env::var("ALLIANCE_SIM_MUTANTS").ok().and_then(|n| n.parse().ok()).unwrap_or(600);
    let mutants = texts.iter().flat_map(|t| {
        let mut seeds: Vec<u64> = (0..per_file).map(|_| rng.next_u64()).collect();
        seeds.sort_unstable();
        seeds.into_iter().map(move |seed| {
            let mut r = Rng::new(seed);
            // One to three mutations on top of each other.
            let mut text = t.clone();
            let mut what = Vec::new();
            for _ in 0..1 + r.below_usize(3) {
                let (next, w) = mutate(&text, &mut r);
                text = next;
                what.push(w);
            }
            (text, format!("seed {seed:#x}: {}", what.join("; ")))
        })
    });
    let [file_errors, eval_errors, evaluated, distinct] = check_all(mutants);
    // The mutations reach every stage: the parser, the validation and the engine.
    assert!(file_errors > 300, "{file_errors} refused by io::parse");
    assert!(evaluated > 100, "{evaluated} evaluated");
    assert!(distinct > 100, "only {distinct} distinct scenarios reached the engine");
    assert_eq!(file_errors + eval_errors + evaluated, per_file * texts.len());
}

#[test]
fn every_truncation_of_a_small_file_is_an_error_not_a_panic() {
    let text =
        std::fs::read_to_string(crate::support::root().join("scenarios/nissan-25-percent.ron")).expect("readable");
    let cuts = (0..text.len())
        .step_by(7)
        .filter(|&k| text.is_char_boundary(k))
        .map(|k| (text[..k].to_string(), format!("truncated at {k}")));
    let [file_errors, _, evaluated, _] = check_all(cuts);
    assert!(file_errors > 0);
    assert_eq!(evaluated, 0, "a truncated file cannot be a whole scenario");
}

/// Every share or vote count of the shipped files, replaced in turn by each of `values`.
fn extreme_number_mutants(values: &[&str]) -> Vec<(String, String)> {
    let mut mutants = Vec::new();
    for path in shipped() {
        let text = std::fs::read_to_string(&path).expect("readable");
        let numbers: Vec<(usize, usize)> = {
            let b = text.as_bytes();
            let mut out = Vec::new();
            let mut k = 0;
            while k < b.len() {
                if b[k].is_ascii_digit()
                    && (k == 0 || !(b[k - 1].is_ascii_alphanumeric() || b[k - 1] == b'-' || b[k - 1] == b'.'))
                {
                    let s = k;
                    while k < b.len() && b[k].is_ascii_digit() {
                        k += 1;
                    }
                    // Skip dates, fractions and colours; keep share and vote counts.
                    if k - s >= 5 && !matches!(b.get(k), Some(b'-' | b'.' | b'%' | b'/')) {
                        out.push((s, k));
                    }
                } else {
                    k += 1;
                }
            }
            out
        };
        for &(s, e) in &numbers {
            for value in values {
                let mut t = text.clone();
                t.replace_range(s..e, value);
                mutants.push((t, format!("{}: number at byte {s} ({}) → {value}", path.display(), &text[s..e])));
            }
        }
    }
    mutants
}

#[test]
fn extreme_numbers_are_errors_not_panics() {
    // 2^64 does not fit a u64 and must be a syntax error; the others are valid numbers. Counts
    // close to u64::MAX are in the ignored test below.
    let mutants = extreme_number_mutants(&["0", "1", "4294967296", "9223372036854775807", "18446744073709551616"]);
    assert!(mutants.len() > 100);
    check_all(mutants.into_iter());
}

#[test]

fn u64_max_share_counts_are_errors_not_panics() {
    check_all(
        extreme_number_mutants(&["18446744073709551615", "18446744073709551614", "18000000000000000000"]).into_iter(),
    );
}
