//! Criterion benchmark of the board pack and the analyst's workbook of the default scenario, in
//! memory (no disk), against a baseline in the same group: one `export --steps` of PNGs (the
//! balance chart at every presenter step, 1600 × 900, rendered but not written).
//!
//! Targets: the deck under 2 s, the workbook under 1 s. Run with
//! `cargo bench --bench export -- --warm-up-time 1 --measurement-time 5`.
#![allow(missing_docs)] // criterion_group! generates an undocumented function

use std::hint::black_box;

use alliance_sim::chart::ChartId;
use alliance_sim::engine;
use alliance_sim::io::{self, export};

use criterion::{Criterion, criterion_group, criterion_main};

fn bench_export(c: &mut Criterion) {
    let s = match io::default_scenario() {
        Ok(s) => s,
        Err(e) => panic!("the embedded default scenario does not load: {e}"),
    };
    let ev = match engine::evaluate(&s) {
        Ok(ev) => ev,
        Err(e) => panic!("the embedded default scenario does not evaluate: {e}"),
    };
    let runs = [export::deck::Run { scenario: &s, evaluation: &ev }];
    let options =
        export::deck::DeckOptions { notes: true, file_name: "renault-nissan-2023.ron".into(), made_on: s.start };
    let mut group = c.benchmark_group("export");
    group.sample_size(10);
    group.bench_function("baseline: export --steps, balance, PNG 1600x900", |b| {
        b.iter(|| {
            let slides = export::slides::slides(&ChartId::Balance, &s, &ev, export::ExportFormat::Png);
            for slide in &slides {
                let png =
                    export::export_labelled(&slide.chart, export::ExportFormat::Png, 1600, 900, &slide.options, false);
                black_box(png.map(|bytes| bytes.len()).unwrap_or_default());
            }
        })
    });
    group.bench_function("deck (board pack PDF, with notes)", |b| {
        b.iter(|| black_box(export::deck::deck(&runs, &options, |_, _| ()).map(|x| x.len()).unwrap_or_default()))
    });
    let wb = export::workbook::WorkbookOptions::default();
    group.bench_function("workbook (xlsx, every change point)", |b| {
        b.iter(|| black_box(export::workbook::workbook(&s, &ev, &wb, |_, _| ()).map(|x| x.len()).unwrap_or_default()))
    });
    group.finish();
}

criterion_group!(benches, bench_export);
criterion_main!(benches);
