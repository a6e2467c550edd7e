//! Helpers shared by every test binary: the shipped scenarios, the built binary, dates, small
//! hand-made scenarios written as RON, look-ups into evaluation results, and (in `random`) the
//! tests' seeded generator, (in `app`) the headless app's harness, (in `largest`) the largest
//! files the limits accept, (in `words`) the scan for ids and enum names in what people read.
//! Each binary includes this folder once (`#[path = "../support/mod.rs"] mod support;`) and uses
//! what it needs.

#![allow(dead_code, clippy::expect_used, clippy::unwrap_used)]

pub mod app;
pub mod largest;
pub mod random;
pub mod words;

#[allow(unused_imports)] // not every test binary draws random cases
pub use random::Rng;

use std::path::{Path, PathBuf};
use std::process::Command;

use alliance_sim::engine::{self, Evaluation, HolderVotes, IssuerVotes, Point};
use alliance_sim::io;
use alliance_sim::model::Scenario;
use chrono::NaiveDate;

/// The crate's root directory.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The shipped scenarios: `scenarios/*.ron` only (not `scenarios/broken/`), sorted.
pub fn shipped() -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(root().join("scenarios"))
        .expect("scenarios/ is readable")
        .map(|e| e.expect("directory entry").path())
        .filter(|p| p.is_file() && p.extension().is_some_and(|x| x == "ron"))
        .collect();
    out.sort();
    out
}

/// A file of `scenarios/broken/`.
pub fn broken(name: &str) -> PathBuf {
    root().join("scenarios").join("broken").join(name)
}

/// The default scenario's file, `scenarios/renault-nissan-2023.ron`.
pub fn default_file() -> PathBuf {
    root().join("scenarios").join("renault-nissan-2023.ron")
}

/// The built `alliance-sim` binary, as a command to which the test adds its arguments.
pub fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_alliance-sim"))
}

/// A date from `YYYY-MM-DD`, panicking with the text when it is no date.
pub fn date(text: &str) -> NaiveDate {
    text.parse().unwrap_or_else(|e| panic!("test date {text:?} is not YYYY-MM-DD: {e}"))
}

/// A company entity in RON.
pub fn company(id: &str, jurisdiction: &str, issued: u64, treasury: u64) -> String {
    format!(
        r##"(id: "{id}", name: "{id} name", color: "#102030",
            kind: Company(jurisdiction: {jurisdiction}, issued_shares: {issued}, treasury_shares: {treasury}))"##
    )
}

/// An investor entity in RON.
pub fn investor(id: &str) -> String {
    format!(r##"(id: "{id}", name: "{id} name", color: "#405060", kind: Investor)"##)
}

/// A trust entity in RON.
pub fn trust(id: &str, beneficiary: &str) -> String {
    format!(r##"(id: "{id}", name: "{id} name", color: "#708090", kind: Trust(beneficiary: "{beneficiary}"))"##)
}

/// A holding in RON.
pub fn holding(holder: &str, issuer: &str, shares: u64) -> String {
    format!(r#"(holder: "{holder}", issuer: "{issuer}", shares: {shares})"#)
}

/// A holding with double voting shares in RON.
pub fn holding2(holder: &str, issuer: &str, shares: u64, double: u64) -> String {
    format!(r#"(holder: "{holder}", issuer: "{issuer}", shares: {shares}, double_voting_shares: {double})"#)
}

/// A vote cap in RON.
pub fn cap(holder: &str, issuer: &str, cap: &str, reading: &str) -> String {
    format!(r#"(holder: "{holder}", issuer: "{issuer}", cap: "{cap}", reading: {reading})"#)
}

/// A small scenario from 2024-01-01 to 2024-12-31, float turnout 1, as RON text. `rules` is
/// the inside of the `rules: (...)` struct (empty for the defaults).
pub fn scenario_text(
    rules: &str,
    entities: &[String],
    holdings: &[String],
    caps: &[String],
    events: &[String],
) -> String {
    format!(
        "(\n    version: 1,\n    title: \"test\",\n    start: \"2024-01-01\",\n    end: \"2024-12-31\",\n    \
        meeting: (float_turnout: \"1\"),\n    rules: ({rules}),\n    entities: [\n        {}\n    ],\n    \
        holdings: [\n        {}\n    ],\n    vote_caps: [\n        {}\n    ],\n    events: [\n        {}\n    ],\n)\n",
        entities.join(",\n        "),
        holdings.join(",\n        "),
        caps.join(",\n        "),
        events.join(",\n        "),
    )
}

/// Parses (and validates) scenario text, panicking with the error.
pub fn parse(text: &str) -> Scenario {
    match io::parse(text, Path::new("test.ron")) {
        Ok(s) => s,
        Err(e) => panic!("the test scenario does not load: {e}\n{text}"),
    }
}

/// Parses and evaluates scenario text, panicking with the error.
pub fn eval(text: &str) -> Evaluation {
    let s = parse(text);
    match engine::evaluate(&s) {
        Ok(ev) => ev,
        Err(e) => panic!("the test scenario does not evaluate: {e}"),
    }
}

/// The point in force on `date`.
pub fn point<'a>(ev: &'a Evaluation, date: &str) -> &'a Point {
    ev.at(self::date(date)).expect("a point in force on that date")
}

/// The votes at `issuer` on `date`.
pub fn issuer<'a>(ev: &'a Evaluation, date: &str, issuer: &str) -> &'a IssuerVotes {
    &point(ev, date).issuer(issuer).unwrap_or_else(|| panic!("no issuer `{issuer}`")).votes
}

/// The votes of `holder` at `issuer` on `date`.
pub fn holder<'a>(ev: &'a Evaluation, date: &str, holder: &str, at: &str) -> &'a HolderVotes {
    issuer(ev, date, at).holder(holder).unwrap_or_else(|| panic!("`{holder}` does not hold `{at}` on {date}"))
}

/// Runs the built binary with `args` in the crate's root directory and waits for its output.
pub fn run(args: &[&str]) -> std::process::Output {
    bin().args(args).current_dir(root()).output().expect("the binary runs")
}
