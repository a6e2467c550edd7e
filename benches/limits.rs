//! Criterion benchmarks of the largest files the limits accept (`src/io/limits.rs`), against
#![allow(missing_docs)] // criterion_group! generates an undocumented function
#![allow(clippy::expect_used, clippy::unwrap_used)] // a benchmark may stop on bad set-up
//! the embedded default scenario as a baseline in the same group: reading and evaluating a
//! file with the most dated changes accepted (100,000 events on distinct dates), one phased
//! sale of the most tranches accepted, and the longest title and captions accepted.
//!
//! Run with `cargo bench --bench limits -- --warm-up-time 1`; the report is the ratio of each
//! case to the baseline. The files are made by `tests/support/largest.rs`, which the tests share;
//! the peak memory of `check` and `report` on the first is an ignored test of `tests/cli`.

use std::hint::black_box;
use std::path::Path;
use std::time::Duration;

use alliance_sim::engine;
use alliance_sim::io;

use criterion::{Criterion, criterion_group, criterion_main};

#[path = "../tests/support/largest.rs"]
mod largest;
use largest::{longest_texts, most_changes, most_tranches};

fn read_and_evaluate(text: &str) -> usize {
    let s = io::parse(text, Path::new("bench.ron")).unwrap();
    engine::evaluate(&s).unwrap().points.len()
}

fn bench_limits(c: &mut Criterion) {
    let cases = [
        ("baseline: the embedded default scenario", io::DEFAULT_SCENARIO.to_string()),
        ("most dated changes (100,000 events)", most_changes()),
        ("most tranches (one sale of 10,000)", most_tranches()),
        ("longest title and captions", longest_texts()),
    ];
    let mut group = c.benchmark_group("largest accepted files: read and evaluate");
    group.sample_size(10).measurement_time(Duration::from_secs(20));
    for (name, text) in &cases {
        eprintln!("{name}: {} change points", read_and_evaluate(text));
        group.bench_function(*name, |b| b.iter(|| read_and_evaluate(black_box(text))));
    }
    group.finish();
}

criterion_group!(benches, bench_limits);
criterion_main!(benches);
