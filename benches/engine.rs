//! Criterion benchmarks of the engine on the embedded default scenario: the whole evaluation
#![allow(missing_docs)] // criterion_group! generates an undocumented function
#![allow(clippy::expect_used, clippy::unwrap_used)] // a benchmark may stop on bad set-up
//! (every change point, issuer and resolution, power included) against baselines run in the
//! same group (parsing the RON, replaying the ledger), and the stages of the evaluation one by
//! one (the rules' fixed point, power, look-through ownership, findings) to see where the
//! time goes.
//!
//! Target: `evaluate` under 1 ms. Run with
//! `cargo bench --bench engine -- --measurement-time 5 --warm-up-time 1`.

use std::hint::black_box;
use std::path::Path;

use alliance_sim::engine::{self, analysis, balance, findings, look_through, votes};
use alliance_sim::io;
use alliance_sim::model::ledger;

use criterion::{Criterion, criterion_group, criterion_main};

fn bench_engine(c: &mut Criterion) {
    let scenario = match io::default_scenario() {
        Ok(s) => s,
        Err(e) => panic!("the embedded default scenario does not load: {e}"),
    };
    let entries = match ledger::replay(&scenario) {
        Ok(e) => e,
        Err(e) => panic!("the embedded default scenario does not replay: {e}"),
    };
    let evaluation = match engine::evaluate(&scenario) {
        Ok(e) => e,
        Err(e) => panic!("the embedded default scenario does not evaluate: {e}"),
    };
    let issuers: usize = evaluation.points.iter().map(|p| p.issuers.len()).sum();
    eprintln!(
        "default scenario: {} change points, {} issuer meetings, {} power sets (2 resolutions each)",
        evaluation.points.len(),
        issuers,
        2 * issuers
    );
    // Inputs of the later stages, computed once.
    let staged: Vec<_> = entries.iter().map(|e| votes::votes_on(&scenario, &e.register)).collect();
    let analysed: Vec<Vec<engine::IssuerResult>> = staged
        .iter()
        .map(|(v, _)| v.iter().cloned().map(|v| analysis::analyse(v, &scenario, &entries[0].register)).collect())
        .collect();

    let mut group = c.benchmark_group("engine");
    group.sample_size(50);
    group.bench_function("evaluate (default scenario)", |b| b.iter(|| engine::evaluate(black_box(&scenario))));
    // Baselines.
    group.bench_function("baseline: parse RON (default scenario)", |b| {
        b.iter(|| io::parse(black_box(io::DEFAULT_SCENARIO), Path::new(io::DEFAULT_SCENARIO_NAME)))
    });
    group.bench_function("baseline: ledger::replay", |b| b.iter(|| ledger::replay(black_box(&scenario))));
    // Stages of `evaluate`, each over every change point.
    group.bench_function("stage: validate::problems", |b| {
        b.iter(|| alliance_sim::model::validate::problems(black_box(&scenario)))
    });
    group.bench_function("stage: votes_on (rules fixed point)", |b| {
        b.iter(|| entries.iter().map(|e| votes::votes_on(&scenario, black_box(&e.register))).collect::<Vec<_>>())
    });
    group.bench_function("stage: analyse (power, both resolutions)", |b| {
        b.iter(|| {
            staged
                .iter()
                .zip(&entries)
                .flat_map(|((v, _), e)| v.iter().map(move |v| (v, e)))
                .map(|(v, e)| analysis::analyse(black_box(v.clone()), &scenario, &e.register))
                .collect::<Vec<_>>()
        })
    });
    group.bench_function("stage: IssuerVotes clones (part of analyse above)", |b| {
        b.iter(|| staged.iter().flat_map(|(v, _)| v.iter()).map(|v| black_box(v.clone())).collect::<Vec<_>>())
    });
    group.bench_function("stage: look_through (ownership)", |b| {
        b.iter(|| {
            entries.iter().map(|e| look_through::look_through(&scenario, black_box(&e.register))).collect::<Vec<_>>()
        })
    });
    group.bench_function("stage: findings + balance", |b| {
        b.iter(|| {
            let pairs = balance::pairs(&scenario, analysed.iter().map(Vec::as_slice));
            let mut n = 0;
            for (k, (e, rules)) in entries.iter().zip(staged.iter().map(|(_, r)| r)).enumerate() {
                let mut found = findings::state_findings(&scenario, &analysed[k], rules);
                if k > 0 {
                    found.extend(findings::crossings(
                        &scenario,
                        (entries[k - 1].date, &analysed[k - 1]),
                        (e.date, &analysed[k]),
                    ));
                }
                found.extend(findings::blocking_findings(&scenario, &analysed[k]));
                {}
                found.extend(findings::degenerate_findings(&scenario, &analysed[k]));
                found.sort();
                n += found.len() + balance::balances(&scenario, &pairs, &analysed[k]).len();
            }
            black_box(n)
        })
    });
    group.bench_function("stage: clone of the Evaluation", |b| b.iter(|| black_box(&evaluation).clone()));
    group.finish();
}

criterion_group!(benches, bench_engine);
criterion_main!(benches);
