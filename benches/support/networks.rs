//! Deterministic generators of large scenario files for the scaling benchmarks: networks of
//! `n` companies written as RON text, so that a benchmark can time what `alliance-sim check`
//! and `report` do on them (parse, validate, replay, evaluate, report).
//!
//! - [`sparse`]: alliance-like clusters of five companies, each company held by one to four of
//!   its allies (2–20% each), four investors with small stakes here and there, jurisdictions in
//!   turn French, Japanese and other (so control suppression and the mutual quarter apply).
//! - [`crowded`]: each company held by `holders` other companies of its neighbourhood (0.5–2%
//!   each).
//!
//! Both carry the same few dated events (purchases from the market), so that the number of
//! change points stays the same while the network grows.

use std::fmt::Write as _;

use alliance_sim::engine::random::SplitMix64;

/// A number in `low..=high` from the shipped generator (by modulo, so that each seed keeps
/// giving the same files).
fn between(rng: &mut SplitMix64, low: u64, high: u64) -> u64 {
    low + rng.next_u64() % (high - low + 1)
}

/// Shares issued by every company.
const ISSUED: u64 = 1_000_000_000;

/// Investors that are not companies (the atomic players of the indirect power).
const INVESTORS: usize = 4;

fn header(n: usize, title: &str) -> String {
    let mut t = String::new();
    let _ = write!(
        t,
        "(\n    version: 2,\n    title: \"{title}, {n} companies\",\n    start: \"2024-01-01\",\n    end: \
        \"2025-12-31\",\n    \
         meeting: (float_turnout: \"60%\", float_model: Ocean),\n    entities: [\n"
    );
    for i in 0..n {
        let jurisdiction = ["France", "Japan", "Other"][i % 3];
        let _ = writeln!(
            t,
            "        (id: \"c{i}\", name: \"Company {i}\", color: \"#336699\", kind: Company(jurisdiction: \
            {jurisdiction}, \
             issued_shares: {ISSUED}, treasury_shares: 1000000)),"
        );
    }
    for k in 0..INVESTORS {
        let _ = writeln!(t, "        (id: \"fund{k}\", name: \"Fund {k}\", color: \"#993366\", kind: Investor),");
    }
    t.push_str("    ],\n    holdings: [\n");
    t
}

fn holding(t: &mut String, holder: &str, issuer: usize, shares: u64) {
    let _ = writeln!(t, "        (holder: \"{holder}\", issuer: \"c{issuer}\", shares: {shares}),");
}

/// The investors' stakes and the dated events, then the end of the file.
fn footer(t: &mut String, n: usize, rng: &mut SplitMix64) {
    for k in 0..INVESTORS {
        for i in (k * 7..n).step_by(97) {
            holding(t, &format!("fund{k}"), i, between(rng, ISSUED / 100, ISSUED * 3 / 100));
        }
    }
    t.push_str("    ],\n    vote_caps: [],\n    events: [\n");
    for k in 0..6 {
        let issuer = (k * 5 + 2) % n;
        let _ = writeln!(
            t,
            "        Transfer(date: \"2024-{:02}-01\", issuer: \"c{issuer}\", from: \"market\", to: \"fund{}\", \
            shares: {}),",
            k * 2 + 2,
            k % INVESTORS,
            ISSUED / 100
        );
    }
    t.push_str("    ],\n)\n");
}

/// A sparse, alliance-like network of `n` companies (see the module comment).
pub fn sparse(n: usize) -> String {
    let mut rng = SplitMix64::new(n as u64);
    let mut t = header(n, "Sparse alliances");
    for i in 0..n {
        let base = i - i % 5;
        let mut allies: Vec<usize> = (base..(base + 5).min(n)).filter(|&j| j != i).collect();
        let k = (between(&mut rng, 1, 4) as usize).min(allies.len());
        for _ in 0..k {
            let j = allies.swap_remove(rng.next_u64() as usize % allies.len());
            holding(&mut t, &format!("c{j}"), i, between(&mut rng, ISSUED / 50, ISSUED / 5));
        }
    }
    footer(&mut t, n, &mut rng);
    t
}

/// A network of `n` companies in which each is held by `holders` companies of
/// its neighbourhood (see the module comment).
pub fn crowded(n: usize, holders: usize) -> String {
    let mut rng = SplitMix64::new(n as u64 ^ 0x5eed);
    let mut t = header(n, "Crowded registers");
    for i in 0..n {
        let mut near: Vec<usize> = (1..=60).flat_map(|d| [(i + d) % n, (i + n - d) % n]).collect();
        near.retain(|&j| j != i);
        near.sort_unstable();
        near.dedup();
        for _ in 0..holders.min(near.len()) {
            let j = near.swap_remove(rng.next_u64() as usize % near.len());
            holding(&mut t, &format!("c{j}"), i, between(&mut rng, ISSUED / 200, ISSUED / 50));
        }
    }
    footer(&mut t, n, &mut rng);
    t
}
