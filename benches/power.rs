#![allow(missing_docs)] // criterion_group! generates an undocumented function
#![allow(clippy::expect_used, clippy::unwrap_used)] // a benchmark may stop on bad set-up
//! Criterion benchmarks of the fast `f64` power indices (and the exact
//! Banzhaf path for comparison) on registers with weights in units of
//! 0.01% of the total votes (total about 10,000, quota a strict majority).

use alliance_sim::engine::power::{Game, QuotaRule, banzhaf_exact, banzhaf_f64, shapley_shubik_f64};
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
    let g1000 = Game::with_fraction(weights(1000, 19, 7), 1, 2, QuotaRule::MoreThan).expect("valid benchmark game");
    // 200 players, mean weight 50 units: total ≈ 10,000, q ≈ 5,000.
    let g200 = Game::with_fraction(weights(200, 99, 11), 1, 2, QuotaRule::MoreThan).expect("valid benchmark game");
    let mut group = c.benchmark_group("power");
    group.sample_size(20);
    group.bench_function("banzhaf_f64 n=1000 q~5000", |b| b.iter(|| banzhaf_f64(black_box(&g1000))));
    group.bench_function("shapley_shubik_f64 n=200 q~5000", |b| b.iter(|| shapley_shubik_f64(black_box(&g200))));
    group.bench_function("banzhaf_exact n=1000 q~5000", |b| b.iter(|| banzhaf_exact(black_box(&g1000))));
    group.finish();
}

criterion_group!(benches, bench_power);
criterion_main!(benches);
