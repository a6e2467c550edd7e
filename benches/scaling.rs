//! Criterion benchmarks of how the cost grows with the network: what
//! `alliance-sim check` does (read the file, validate, replay the register, evaluate every
//! change point) and what `report --format json` does on top of it, on generated networks of
//! n and 10·n companies, in the same group so that the ratio is measured in one run:
//! - sparse, alliance-like networks (clusters of five, one to four allied holders each);
//! - crowded registers: 30 company holders at every meeting (40 and 400 companies).
//!
//! Target: 10× the companies at most 20× the time. The last group evaluates one sparse
//! network of 10,000 entities (the most a file may have), against the 1,000-company one, to
//! show that it takes seconds. The generators are in `benches/support/networks.rs`.
//!
//! Run with `cargo bench --bench scaling -- --warm-up-time 1`.
#![allow(missing_docs)] // criterion_group! generates an undocumented function
#![allow(clippy::expect_used, clippy::unwrap_used)] // a benchmark may stop on bad set-up

#[path = "support/networks.rs"]
mod networks;

use std::hint::black_box;
use std::path::Path;
use std::time::Duration;

use alliance_sim::engine;
use alliance_sim::io::{self, report};
use criterion::{Criterion, criterion_group, criterion_main};

/// What `alliance-sim check FILE` does once the file is in memory.
fn check(text: &str) -> usize {
    let s = io::parse(text, Path::new("bench.ron")).unwrap();
    engine::evaluate(&s).unwrap().points.len()
}

/// What `alliance-sim report FILE --format json` does once the file is in memory.
fn report_json(text: &str) -> usize {
    let s = io::parse(text, Path::new("bench.ron")).unwrap();
    let ev = engine::evaluate(&s).unwrap();
    report::to_json(&report::report(&s, &ev, None)).unwrap().len()
}

fn family(c: &mut Criterion, name: &str, small: usize, report: bool, make: impl Fn(usize) -> String) {
    let mut group = c.benchmark_group(format!("scaling: {name}"));
    group.sample_size(10).measurement_time(Duration::from_secs(10));
    for n in [small, small * 10] {
        let text = make(n);
        eprintln!("{name}, {n} companies: {} bytes, {} change points", text.len(), check(&text));
        group.bench_function(format!("check, {n} companies"), |b| b.iter(|| check(black_box(&text))));
        if report {
            group.bench_function(format!("report json, {n} companies"), |b| b.iter(|| report_json(black_box(&text))));
        }
    }
    group.finish();
}

fn bench_scaling(c: &mut Criterion) {
    family(c, "sparse alliances", 100, true, networks::sparse);
    // Every meeting has 30 blockholders and an ocean: each is a game of 30 majors (the
    // dynamic programme over vote units, tens of milliseconds), so these networks are smaller
    // and only `check` is timed (the report adds the same small share as on sparse ones).
    family(c, "30 company holders each", 40, false, |n| networks::crowded(n, 30));
    let mut group = c.benchmark_group("scaling: the largest sparse network");
    group.sample_size(10).measurement_time(Duration::from_secs(20));
    // 10,000 entities, the most a file may have (4 of them are investors).
    for n in [1_000, 9_996] {
        let text = networks::sparse(n);
        group.bench_function(format!("check, {n} companies"), |b| b.iter(|| check(black_box(&text))));
    }
    group.finish();
}

criterion_group!(benches, bench_scaling);
criterion_main!(benches);
