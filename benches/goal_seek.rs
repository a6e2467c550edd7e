//! Criterion benchmark of goal seek on the embedded default scenario, with a full evaluation of
//! the scenario as the baseline in the same group.
//!
//! Target: a goal seek under 200 ms. Run with
//! `cargo bench --bench goal_seek -- --measurement-time 10 --warm-up-time 1`.
#![allow(missing_docs)] // criterion_group! generates an undocumented function

use std::hint::black_box;

use alliance_sim::engine::{self, goal_seek};
use alliance_sim::io;

use criterion::{Criterion, criterion_group, criterion_main};

fn bench_goal_seek(c: &mut Criterion) {
    let scenario = match io::default_scenario() {
        Ok(s) => s,
        Err(e) => panic!("the embedded default scenario does not load: {e}"),
    };
    let question = |target| goal_seek::Question {
        holder: "renault".into(),
        issuer: "nissan".into(),
        date: chrono::NaiveDate::from_ymd_opt(2026, 6, 1).unwrap_or_default(),
        target,
        pair: None,
    };
    let power = question(goal_seek::Target::BalancePower(0.0));
    let capital = question(goal_seek::Target::BalanceCapital(0.0));
    match goal_seek::solve(&scenario, &power) {
        Ok(a) => eprintln!("balance-power=0: {} crossings, {} evaluations", a.crossings.len(), a.evaluations),
        Err(e) => panic!("goal seek fails: {e}"),
    }
    let mut group = c.benchmark_group("goal_seek");
    group.sample_size(20);
    group
        .bench_function("baseline: evaluate (default scenario)", |b| b.iter(|| engine::evaluate(black_box(&scenario))));
    group.bench_function("solve balance-power=0 (scan + refinement)", |b| {
        b.iter(|| goal_seek::solve(black_box(&scenario), black_box(&power)))
    });
    group.bench_function("solve balance-capital=0 (bisection)", |b| {
        b.iter(|| goal_seek::solve(black_box(&scenario), black_box(&capital)))
    });
    group.finish();
}

criterion_group!(benches, bench_goal_seek);
criterion_main!(benches);
