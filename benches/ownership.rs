//! Benchmarks of the ownership engine: a random sparse network of 10,000
#![allow(missing_docs)] // criterion_group! generates an undocumented function
#![allow(clippy::expect_used, clippy::unwrap_used)] // a benchmark may stop on bad set-up
//! companies (f64 path) and a dense 100-company network (both paths).

use std::hint::black_box;

use alliance_sim::engine::ownership::{SparseOptions, exact_ownership_from_shares, sparse_ownership};
use alliance_sim::engine::random::SplitMix64;
use criterion::{Criterion, criterion_group, criterion_main};

/// Draws for the generated networks, from the crate's SplitMix64 (the same stream as before it
/// moved into the crate).
struct Draws(SplitMix64);

impl Draws {
    fn below(&mut self, n: u64) -> u64 {
        self.0.next_u64() % n
    }
    fn unit(&mut self) -> f64 {
        (self.0.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// Each company is held by 1–4 others, each drawn from its alliance of 5
/// with probability `in_group`, else anywhere; stakes sum to 5–45% per
/// company. Many cross-holdings and cycles, one giant strongly connected
/// component.
fn sparse_network(n: usize, in_group: f64, seed: u64) -> Vec<(usize, usize, f64)> {
    let mut rng = Draws(SplitMix64::new(seed));
    let mut stakes = Vec::new();
    for issuer in 0..n {
        let holders = 1 + rng.below(4) as usize;
        let total = 0.05 + 0.40 * rng.unit();
        let weights: Vec<f64> = (0..holders).map(|_| 0.1 + rng.unit()).collect();
        let wsum: f64 = weights.iter().sum();
        for w in weights {
            let holder = loop {
                let h = if rng.unit() < in_group {
                    issuer / 5 * 5 + rng.below(5) as usize
                } else {
                    rng.below(n as u64) as usize
                };
                if h != issuer && h < n {
                    break h;
                }
            };
            stakes.push((holder, issuer, total * w / wsum));
        }
    }
    stakes
}

/// Every company holds shares of every other; up to ~50% of each is held
/// inside the network.
fn dense_shares(n: usize, seed: u64) -> (Vec<u64>, Vec<(usize, usize, u64)>) {
    let mut rng = Draws(SplitMix64::new(seed));
    let issued: Vec<u64> = (0..n).map(|_| 100_000 + rng.below(900_000)).collect();
    let mut holdings = Vec::new();
    for (j, &s) in issued.iter().enumerate() {
        let cap = s / n as u64;
        for i in (0..n).filter(|&i| i != j) {
            holdings.push((i, j, rng.below(cap)));
        }
    }
    (issued, holdings)
}

fn bench(c: &mut Criterion) {
    let n = 10_000;
    let stakes = sparse_network(n, 0.9, 42);
    let one = SparseOptions::default();
    let two = SparseOptions { threads: 2, ..SparseOptions::default() };
    let uniform = sparse_network(2_000, 0.0, 42);
    for (n, stakes) in [(n, &stakes), (2_000, &uniform)] {
        if let Ok(r) = sparse_ownership(n, stakes, &one) {
            eprintln!(
                "sparse n={n}: {} stakes, nnz(Y)={}, nnz(U)={}, max column defect of U={:e}",
                stakes.len(),
                r.integrated().nnz(),
                r.ultimate().nnz(),
                r.max_column_defect()
            );
        }
    }
    c.bench_function("sparse_10000_f64_1thread", |b| b.iter(|| sparse_ownership(n, black_box(&stakes), &one)));
    c.bench_function("sparse_10000_f64_2threads", |b| b.iter(|| sparse_ownership(n, black_box(&stakes), &two)));

    let (issued, holdings) = dense_shares(100, 7);
    let dense_f64: Vec<(usize, usize, f64)> =
        holdings.iter().map(|&(i, j, h)| (i, j, h as f64 / issued[j] as f64)).collect();
    c.bench_function("dense_100_f64", |b| b.iter(|| sparse_ownership(100, black_box(&dense_f64), &one)));
    let mut group = c.benchmark_group("slow");
    group.sample_size(10);
    group.bench_function("sparse_2000_uniform_holders_f64", |b| {
        b.iter(|| sparse_ownership(2_000, black_box(&uniform), &one))
    });
    group.bench_function("dense_100_exact", |b| {
        b.iter(|| exact_ownership_from_shares(black_box(&issued), black_box(&holdings)))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
