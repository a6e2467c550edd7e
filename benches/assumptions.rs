//! Criterion benchmark of the assumptions at the playhead: what the Assumptions window and the
//! assumptions chart (`tornado` on the command line) compute — every modelling choice of the
//! default scenario re-evaluated under its low and its high value, the headline balance read on
//! the playhead's date — against one plain evaluation of the same scenario in the same group (the
//! swings cost about 2 × assumptions + 1 such evaluations).
//!
//! Target: under 50 ms. Run with
//! `cargo bench --bench assumptions -- --warm-up-time 1 --measurement-time 3`.
#![allow(missing_docs)] // criterion_group! generates an undocumented function

use std::hint::black_box;

use alliance_sim::chart::assumptions as assumptions_chart;
use alliance_sim::engine::{self, assumptions};
use alliance_sim::io;

use criterion::{Criterion, criterion_group, criterion_main};

fn bench_assumptions(c: &mut Criterion) {
    let scenario = match io::default_scenario() {
        Ok(s) => s,
        Err(e) => panic!("the embedded default scenario does not load: {e}"),
    };
    // The app opens with the playhead on the start date; the end date has every later event
    // (the trust, the lifted caps) in force. The work is the same whole evaluation per variant.
    let dates = [("start", scenario.start), ("end", scenario.end)];
    let assumptions = assumptions::assumptions(&scenario).len();
    for (_, date) in dates {
        match assumptions::balance_swings(&scenario, date, None) {
            Ok(t) => eprintln!(
                "balance swings on {date}: {assumptions} assumptions, {} swings, balance {:.4} ({} at {})",
                t.swings.len(),
                t.base,
                t.pair.0,
                t.pair.1
            ),
            Err(e) => panic!("the default scenario has no balance swings on {date}: {e}"),
        }
    }
    let mut group = c.benchmark_group("assumptions");
    group.sample_size(20);
    group
        .bench_function("baseline: evaluate (default scenario)", |b| b.iter(|| engine::evaluate(black_box(&scenario))));
    group.bench_function("assumptions (list and variants)", |b| {
        b.iter(|| assumptions::assumptions(black_box(&scenario)))
    });
    for (name, date) in dates {
        group.bench_function(format!("balance swings at the playhead ({name}, {date})"), |b| {
            b.iter(|| assumptions::balance_swings(black_box(&scenario), date, None))
        });
    }
    // What the Assumptions window and `export` draw: the swings and their chart description.
    group.bench_function("assumptions chart (swings and build, start)", |b| {
        b.iter(|| {
            let start = scenario.start;
            assumptions_chart::build(&scenario, start, &assumptions::balance_swings(black_box(&scenario), start, None))
        })
    });
    group.finish();
}

criterion_group!(benches, bench_assumptions);
criterion_main!(benches);
