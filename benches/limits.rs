//! Criterion benchmarks of the largest files the limits accept (`src/io/limits.rs`), against
#![allow(missing_docs)] // criterion_group! generates an undocumented function
#![allow(clippy::expect_used, clippy::unwrap_used)] // a benchmark may stop on bad set-up
//! the embedded default scenario as a baseline in the same group: reading and evaluating a
//! file with the most dated changes accepted (100,000 events on distinct dates), one phased
//! sale of the most tranches accepted, and the longest title and captions accepted.
//!
//! Run with `cargo bench --bench limits -- --warm-up-time 1`; the report is the ratio of each
//! case to the baseline.

use std::hint::black_box;
use std::path::Path;
use std::time::Duration;

use alliance_sim::engine;
use alliance_sim::io::{self, limits};

use criterion::{Criterion, criterion_group, criterion_main};

/// The manual's complete example with its events replaced by `events` (RON lines) and its window
/// stretched to `end`.
fn with_events(events: &str, end: &str) -> String {
    let example = include_str!("../scenarios/examples/every-event.ron");
    let head = &example[..example.find("    events: [").unwrap()];
    format!("{}    events: [\n{events}    ],\n)\n", head.replace("end: \"2026-12-31\"", &format!("end: \"{end}\"")))
}

/// The most dated changes accepted: transfers of one share back and forth, one a day.
fn most_changes() -> String {
    let start = chrono::NaiveDate::from_ymd_opt(2024, 1, 2).unwrap();
    let mut lines = String::new();
    for k in 0..limits::MAX_CHANGES {
        let date = start + chrono::Days::new(k);
        let (from, to) = if k % 2 == 0 { ("state", "market") } else { ("market", "state") };
        lines.push_str(&format!(
            "        Transfer(date: \"{date}\", issuer: \"alpha\", from: \"{from}\", to: \"{to}\", shares: 1),\n"
        ));
    }
    with_events(&lines, &(start + chrono::Days::new(limits::MAX_CHANGES + 1)).to_string())
}

/// One phased sale of the most tranches accepted, one a day.
fn most_tranches() -> String {
    let sale = format!(
        "        PhasedSale(start: \"2024-01-02\", end: \"2051-05-20\", issuer: \"beta\", seller: \"alpha\", \
        buyer: \"market\", shares: 1000000, tranches: {}),\n",
        limits::MAX_TRANCHES
    );
    with_events(&sale, "2051-12-31")
}

/// The longest title and captions accepted.
fn longest_texts() -> String {
    let example = include_str!("../scenarios/examples/every-event.ron");
    let caption = "c".repeat(limits::MAX_CAPTION - 200);
    let title = format!("title: \"{}\"", "t".repeat(limits::MAX_TITLE));
    let start = example.find("title: \"").unwrap();
    let end = start + example[start..].find("\",").unwrap() + 1;
    let text = format!("{}{title}{}", &example[..start], &example[end..]);
    text.replace("caption: \"", &format!("caption: \"{caption}"))
}

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
