//! Criterion benchmarks of indirect power through the network, each against a baseline run in
//! the same group:
//! - exact, 20 ultimate holders over 50 companies with cycles (target under 1 s), against a
//!   bare enumeration of the same 2^20 coalitions (in Gray-code order, one holder in or out per
//!   step) that only keeps each company's sum of the holders' own votes up to date: the floor
//!   of any enumeration, with no control through the network and no indices;
//! - Monte Carlo, 100,000 coalitions per index over 1,000 companies (target under 2 s), against
//!   one pass over the network's holdings per coalition (summing every coalition's votes).
//!
//! The default scenario's whole evaluation, indirect power included, is in `benches/engine.rs`.
//! Run with `cargo bench --bench indirect -- --warm-up-time 1 --measurement-time 3 --sample-size 10`.
//! The exact case walks two fixed halves of the coalitions on two threads: on a machine whose
//! cores are busy, its wall time grows with the load.
#![allow(missing_docs)] // criterion_group! generates an undocumented function
#![allow(clippy::expect_used, clippy::unwrap_used)] // a benchmark may stop on bad set-up

use std::hint::black_box;

use alliance_sim::engine::indirect::{Meeting, Network, Options, indirect_power};
use alliance_sim::engine::power::Quota;
use criterion::{Criterion, criterion_group, criterion_main};

/// A deterministic generator for the networks.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, n: u64) -> u64 {
        self.0 = self.0.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % n
    }
}

/// `companies` companies in a ring (each holds 8–20% of the next) plus one random
/// cross-holding each, `players` investors each holding 3–12% of three companies, floats the
/// rest: every investor reaches every company through the cycles.
fn network(companies: usize, players: usize, seed: u64) -> Network {
    Network::new(&meetings(companies, players, seed)).unwrap()
}

/// The meetings of [`network`].
fn meetings(companies: usize, players: usize, seed: u64) -> Vec<Meeting> {
    let mut g = Lcg(seed);
    let mut holders: Vec<Vec<(String, u64)>> = vec![Vec::new(); companies];
    for (c, h) in holders.iter_mut().enumerate() {
        h.push((format!("c{:04}", (c + 1) % companies), 8_000 + g.next(12_000)));
        let other = g.next(companies as u64) as usize;
        if other != c && other != (c + 1) % companies {
            h.push((format!("c{other:04}"), 2_000 + g.next(6_000)));
        }
    }
    for i in 0..players {
        for _ in 0..3 {
            let c = g.next(companies as u64) as usize;
            holders[c].push((format!("p{i:04}"), 3_000 + g.next(9_000)));
        }
    }
    holders
        .into_iter()
        .enumerate()
        .map(|(c, holders)| {
            let held: u64 = holders.iter().map(|h| h.1).sum();
            let total = held.max(60_000) + 40_000;
            Meeting { company: format!("c{c:04}"), float: total - held, total, holders, committed_for: 0 }
        })
        .collect()
}

const ORDINARY: Quota = Quota::MAJORITY;

fn bench_indirect(c: &mut Criterion) {
    let exact_meetings = meetings(50, 20, 1);
    let exact_net = Network::new(&exact_meetings).unwrap();
    assert_eq!(exact_net.players().len(), 20);
    let mut group = c.benchmark_group("indirect exact");
    group.sample_size(10);
    let holds = player_holds(&exact_meetings, &exact_net);
    group.bench_function("baseline: enumerate 2^20 coalitions, votes summed at 50 companies", |b| {
        b.iter(|| gray_code_sums(black_box(&holds), 50))
    });
    group.bench_function("exact: 20 ultimate holders, 50 companies", |b| {
        b.iter(|| indirect_power(black_box(&exact_net), ORDINARY, &Options::default()))
    });
    group.bench_function("exact: 20 ultimate holders, 50 companies, at least 2/3", |b| {
        b.iter(|| indirect_power(black_box(&exact_net), Quota::TWO_THIRDS, &Options::default()))
    });
    group.finish();

    let mc_net = network(1_000, 40, 2);
    let opts = Options { samples: 100_000, ..Options::default() };
    let mut group = c.benchmark_group("indirect monte carlo");
    group.sample_size(10);
    let mut g = Lcg(3);
    group.bench_function("baseline: sum 2 x 100,000 coalitions' votes at 1,000 companies", |b| {
        b.iter(|| {
            let mut sums = vec![0u64; 1_000];
            for _ in 0..200_000 {
                sums.fill(0);
                for i in 0..40 {
                    if g.next(2) == 1 {
                        sums[(i * 25) % 1_000] += black_box(i as u64);
                    }
                }
            }
            sums
        })
    });
    group.bench_function("monte carlo: 40 ultimate holders, 1,000 companies, 100,000 samples", |b| {
        b.iter(|| indirect_power(black_box(&mc_net), ORDINARY, &opts))
    });
    group.finish();
}

/// Each atomic player's (company, votes) in these meetings, players in the network's order.
fn player_holds(meetings: &[Meeting], net: &Network) -> Vec<Vec<(usize, u64)>> {
    let mut holds: Vec<Vec<(usize, u64)>> = vec![Vec::new(); net.players().len()];
    for (k, m) in meetings.iter().enumerate() {
        for (h, v) in &m.holders {
            if let Some(u) = net.players().iter().position(|p| p == h) {
                holds[u].push((k, *v));
            }
        }
    }
    holds
}

/// Visits every coalition in Gray-code order, keeping each company's sum of the members'
/// votes, and counts the (coalition, company) pairs with a sum above 10,000 votes.
fn gray_code_sums(holds: &[Vec<(usize, u64)>], companies: usize) -> u64 {
    let m = holds.len();
    let mut sums = vec![0u64; companies];
    let mut inside = vec![false; m];
    let mut count = 0;
    for step in 1u64..(1u64 << m) {
        let u = step.trailing_zeros() as usize;
        inside[u] = !inside[u];
        for &(c, v) in &holds[u] {
            if inside[u] {
                sums[c] += v;
            } else {
                sums[c] -= v;
            }
        }
        count += sums.iter().filter(|&&s| s > 10_000).count() as u64;
    }
    count
}

criterion_group!(benches, bench_indirect);
criterion_main!(benches);
