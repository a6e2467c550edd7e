#![allow(missing_docs)] // criterion_group! generates an undocumented function
#![allow(clippy::expect_used, clippy::unwrap_used)] // a benchmark may stop on bad set-up
//! Criterion benchmarks of the power indices: the fast `f64` paths, and the exact counts (modulo
//! primes, rebuilt by the Chinese remainder theorem) with the `f64` path as the baseline in the
//! same run.

use alliance_sim::engine::power::{
    CrowdLaw, FloatCrowd, Game, Quota, banzhaf_exact, banzhaf_f64, equal_holders_with_law, ocean_votes_f64,
    shapley_shubik_exact, shapley_shubik_f64,
};
use criterion::{Criterion, black_box, criterion_group, criterion_main};

/// `n` deterministic pseudo-random weights in `1..=max`.
fn weights(n: usize, max: u64, seed: u64) -> Vec<u64> {
    let mut x = seed;
    (0..n)
        .map(|_| {
            x = x.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            1 + (x >> 33) % max
        })
        .collect()
}

fn bench_power(c: &mut Criterion) {
    // 1,000 players, mean weight 10 units of 0.01%: total ≈ 10,000, q ≈ 5,000.
    let g1000 = Game::with_quota(weights(1000, 19, 7), Quota::MAJORITY).expect("valid benchmark game");
    // 200 players, mean weight 50 units: total ≈ 10,000, q ≈ 5,000.
    let g200 = Game::with_quota(weights(200, 99, 11), Quota::MAJORITY).expect("valid benchmark game");
    let mut group = c.benchmark_group("power");
    group.sample_size(20);
    group.bench_function("banzhaf_f64 n=1000 q~5000", |b| b.iter(|| banzhaf_f64(black_box(&g1000))));
    group.bench_function("shapley_shubik_f64 n=200 q~5000", |b| b.iter(|| shapley_shubik_f64(black_box(&g200))));
    group.bench_function("banzhaf_exact n=1000 q~5000", |b| b.iter(|| banzhaf_exact(black_box(&g1000))));
    group.finish();
}

/// The reference game of the exact path: 150 players with integer weights 1–60 (total ≈ 4,300), majority quota. What
/// `alliance-sim power` computes by default (both exact indices) against the `f64` paths.
fn bench_exact_150(c: &mut Criterion) {
    let g = Game::with_quota(weights(150, 60, 150), Quota::MAJORITY).expect("valid benchmark game");
    let mut group = c.benchmark_group("exact150");
    group.sample_size(20);
    group.bench_function("f64 banzhaf+shapley_shubik n=150 w1-60", |b| {
        b.iter(|| (banzhaf_f64(black_box(&g)).unwrap(), shapley_shubik_f64(black_box(&g)).unwrap()))
    });
    group.bench_function("exact banzhaf+shapley_shubik n=150 w1-60", |b| {
        b.iter(|| (banzhaf_exact(black_box(&g)).unwrap(), shapley_shubik_exact(black_box(&g)).unwrap()))
    });
    group.finish();
}

/// A meeting with 40 blockholders and a float (the oceanic indices by a DP over vote units)
/// against 20 blockholders (subset enumeration), the engine's two oceanic paths.
fn bench_ocean(c: &mut Criterion) {
    let mut group = c.benchmark_group("ocean");
    group.sample_size(10);
    for m in [20usize, 40] {
        let majors: Vec<u64> = weights(m, 1_000_000, m as u64).into_iter().map(|w| w + 100_000).collect();
        let float = majors.iter().sum::<u64>();
        group.bench_function(format!("ocean_votes_f64 {m} blockholders"), |b| {
            b.iter(|| ocean_votes_f64(black_box(&majors), float, Quota::MAJORITY).unwrap())
        });
    }
    group.finish();
}

/// The worst meetings of each float model: blockholders of 1–3% of 10⁹ votes with no common
/// divisor, at the last size enumerated (13 blockholders), the first sizes given to the dynamic
/// programme, and 60 and 120; the float as an ocean on the same blockholders is the baseline in
/// the same run. The law of the float's holders is built once per evaluation (its own row).
fn bench_crowd(c: &mut Criterion) {
    let mut group = c.benchmark_group("crowd");
    group.sample_size(10);
    let laws = [
        ("EqualHolders(1000)", CrowdLaw::new(1_000, FloatCrowd::Binomial)),
        ("Leech(1000000)", CrowdLaw::new(1_000_000, FloatCrowd::Normal)),
    ];
    for m in [13usize, 14, 15, 16, 60, 120] {
        let scale = (20.0 / m as f64).min(1.0);
        let majors: Vec<u64> = weights(m, 20_000_000, 97 + m as u64)
            .into_iter()
            .map(|w| ((w + 10_000_000) as f64 * scale) as u64 | 1)
            .collect();
        let float = 1_000_000_000 - majors.iter().sum::<u64>();
        group.bench_function(format!("ocean {m} blockholders"), |b| {
            b.iter(|| ocean_votes_f64(black_box(&majors), float, Quota::MAJORITY).unwrap())
        });
        for (name, law) in &laws {
            group.bench_function(format!("{name} {m} blockholders"), |b| {
                b.iter(|| equal_holders_with_law(black_box(&majors), float, Quota::MAJORITY, law).unwrap())
            });
        }
    }
    group.bench_function("law of 1000000 equal holders", |b| b.iter(|| CrowdLaw::new(1_000_000, FloatCrowd::Binomial)));
    group.bench_function("law of Leech(1000000)", |b| b.iter(|| CrowdLaw::new(1_000_000, FloatCrowd::Normal)));
    group.finish();
}

criterion_group!(benches, bench_power, bench_exact_150, bench_ocean, bench_crowd);
criterion_main!(benches);
