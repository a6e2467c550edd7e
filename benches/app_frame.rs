//! Criterion benchmark of one frame of the app, headless (egui_kittest), on the default scenario.
#![allow(missing_docs)] // criterion_group! generates an undocumented function
#![allow(clippy::expect_used, clippy::unwrap_used)] // a benchmark may stop on bad set-up
//!
//! - "slider drag frame": the "Renault in Nissan" slider is pressed once, then every iteration
//!   moves the pointer to the other of two positions along it and runs one frame
//!   (`harness.step()`): the holding changes every frame, so the engine re-evaluates the whole
//!   scenario every frame, and every panel and plot is laid out again.
//! - "idle frame" (the baseline): one frame with no input and no change.
//! - "edit frame without pointer" (a breakdown): the holding is set in code between frames,
//!   so the frame re-evaluates and redraws without any pointer input.
//! - "hover frame" (a breakdown): the pointer alternates between the same two positions over
//!   the slider with no button pressed: input and hover handling, no edit.
//! - "slider drag frame at a later playhead": the same drag with the playhead on 2025-01-15, so
//!   every frame updates one what-if transfer on that date and re-evaluates.
//! - "tessellate one drag frame": egui's tessellation of the shapes of a drag frame (a clone
//!   of the shapes included), which a real window adds before the GPU; kittest does not
//!   tessellate when it does not render.
//!
//! The frame includes the AccessKit tree update that the harness always requests.
//! Target: a drag frame under 8 ms (median). Run with
//! `cargo bench --bench app_frame -- --measurement-time 5 --warm-up-time 1`.

use std::hint::black_box;

use alliance_sim::app::AllianceApp;
use criterion::{Criterion, criterion_group, criterion_main};
use eframe::egui::{self, Role, Vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

fn harness() -> Harness<'static, AllianceApp> {
    let mut h = Harness::builder()
        .with_size(Vec2::new(1560.0, 960.0))
        .build_eframe(|cc| AllianceApp::on_default_scenario(&cc.egui_ctx));
    h.run_steps(3);
    h
}

fn renault_in_nissan(h: &Harness<'_, AllianceApp>) -> u64 {
    h.state()
        .doc
        .scenario
        .holdings
        .iter()
        .find(|x| x.holder == "renault" && x.issuer == "nissan")
        .map_or(0, |x| x.shares)
}

/// Renault's Nissan shares on the first change point, as evaluated.
fn evaluated_shares(h: &Harness<'_, AllianceApp>) -> Option<u64> {
    let ev = h.state().doc.evaluation()?;
    let nissan = ev.points.first()?.issuer("nissan")?;
    nissan.votes.holder("renault").map(|v| v.shares)
}

/// Presses on the slider and returns the two pointer positions the drag alternates between.
/// Both keep the holding above what later events sell, so every frame evaluates the whole
/// scenario without a problem.
fn start_drag(h: &mut Harness<'_, AllianceApp>) -> [egui::Pos2; 2] {
    let rect = h.get_by_role_and_label(Role::Slider, "Renault in Nissan").rect();
    let y = rect.center().y;
    let at = |f: f32| egui::pos2(rect.left() + rect.width() * f, y);
    // About 42% and 46% of issued capital (Renault held 43.4% of Nissan on the start date).
    let (a, b) = (at(0.42), at(0.46));
    h.hover_at(a);
    h.step();
    h.drag_at(a);
    h.step();
    [a, b]
}

fn bench_frame(c: &mut Criterion) {
    let mut group = c.benchmark_group("app_frame");
    group.sample_size(40);

    // Idle baseline: nothing changes between frames.
    let mut idle = harness();
    group.bench_function("idle frame (baseline)", |b| b.iter(|| idle.step()));
    drop(idle);

    // Slider drag: the value changes every frame.
    let mut h = harness();
    let original = renault_in_nissan(&h);
    let positions = start_drag(&mut h);
    // Check once that alternating positions changes the holding and the evaluation every
    // frame, and that the edited scenario has no problem (else the engine would stop early).
    // The app evaluates an edit at the start of the next frame (`App::logic` refreshes, the
    // slider edits in `App::ui`), so each frame's results are those of the previous frame's
    // holding: every frame still evaluates the whole scenario once.
    let mut seen = Vec::new();
    for k in 0..4 {
        h.hover_at(positions[k % 2]);
        h.step();
        assert!(
            h.state().doc.problem().is_none(),
            "the dragged scenario has a problem: {:?}",
            h.state().doc.problem().map(ToString::to_string)
        );
        seen.push((renault_in_nissan(&h), evaluated_shares(&h)));
    }
    assert!(
        seen.windows(2).all(|w| w[0].0 != w[1].0 && w[1].1 == Some(w[0].0)),
        "the drag does not change the holding every frame, or the next frame does not evaluate it: {seen:?}"
    );
    eprintln!(
        "drag between {} and {} shares (was {original}); Renault's Nissan shares as evaluated: {:?} / {:?}",
        seen[0].0, seen[1].0, seen[1].1, seen[2].1
    );

    let passes = |h: &Harness<'_, AllianceApp>| {
        (h.output().platform_output.num_completed_passes, h.output().platform_output.request_discard_reasons.len())
    };
    eprintln!("egui passes in the last drag frame (completed, discard requests): {:?}", passes(&h));

    let mut k = 0usize;
    group.bench_function("slider drag frame (engine re-evaluates)", |b| {
        b.iter(|| {
            k += 1;
            h.hover_at(positions[k % 2]);
            h.step();
        })
    });
    assert_ne!(renault_in_nissan(&h), original);
    eprintln!("egui passes in the last drag frame (completed, discard requests): {:?}", passes(&h));

    // Tessellation of a drag frame's shapes.
    k += 1;
    h.hover_at(positions[k % 2]);
    h.step();
    let shapes = h.output().shapes.clone();
    let ppp = h.output().pixels_per_point;
    let ctx = h.ctx.clone();
    eprintln!("a drag frame has {} clipped shapes", shapes.len());
    drop(h);

    // Breakdown: the same edit without pointer input.
    let mut e = harness();
    let Some(slot) = e.state().doc.scenario.holdings.iter().position(|x| x.holder == "renault" && x.issuer == "nissan")
    else {
        panic!("no Renault holding in Nissan in the default scenario")
    };
    let values = [seen[0].0, seen[1].0];
    let mut j = 0usize;
    group.bench_function("edit frame without pointer (holding set in code)", |b| {
        b.iter(|| {
            j += 1;
            e.state_mut().doc.scenario.holdings[slot].shares = values[j % 2];
            e.step();
        })
    });
    drop(e);

    // Breakdown: pointer moves over the slider, no button pressed.
    let mut hv = harness();
    let mut i = 0usize;
    group.bench_function("hover frame (pointer moves, no press)", |b| {
        b.iter(|| {
            i += 1;
            hv.hover_at(positions[i % 2]);
            hv.step();
        })
    });
    assert_eq!(renault_in_nissan(&hv), original, "hovering does not edit");
    drop(hv);

    group.bench_function("tessellate one drag frame", |b| {
        b.iter(|| ctx.tessellate(black_box(shapes.clone()), ppp).len())
    });

    // Slider drag at a later playhead: each frame updates one what-if transfer on the
    // playhead's date, and the engine re-evaluates the whole scenario.
    let mut later = harness();
    playhead_to(&mut later, LATER);
    let positions = start_drag(&mut later);
    let mut seen = Vec::new();
    for k in 0..4 {
        later.hover_at(positions[k % 2]);
        later.step();
        assert!(later.state().doc.problem().is_none(), "the what-if drag at {LATER} makes a problem");
        seen.push(shares_at(&later, LATER));
    }
    // As above, a frame's results are those of the previous frame's position.
    assert!(
        seen[1..].windows(2).all(|w| w[0] != w[1] && w[0].is_some()),
        "the drag at {LATER} does not change the evaluated holding every frame: {seen:?}"
    );
    eprintln!("drag at {LATER}: Renault's Nissan shares as evaluated {:?} / {:?}", seen[1], seen[2]);
    let mut k = 0usize;
    group.bench_function("slider drag frame at a later playhead (what-if transfer)", |b| {
        b.iter(|| {
            k += 1;
            later.hover_at(positions[k % 2]);
            later.step();
        })
    });
    let what_ifs = later.state().doc.scenario.events.iter().filter(|e| e.is_what_if()).count();
    assert_eq!(what_ifs, 1, "one drag makes one what-if adjustment");
    group.finish();
}

/// The later playhead of the what-if drag (Renault holds 15% of Nissan then).
const LATER: &str = "2025-01-15";

/// Moves the playhead with its slider.
fn playhead_to(h: &mut Harness<'_, AllianceApp>, d: &str) {
    let Ok(date) = d.parse::<chrono::NaiveDate>() else { panic!("bad date {d}") };
    let days = (date - h.state().doc.scenario.start).num_days();
    h.get_by_role_and_label(Role::Slider, "Playhead").set_value_accesskit(days as f64);
    h.run_steps(3);
    assert_eq!(h.state().view.playhead, date, "the playhead moved");
}

/// Renault's Nissan shares in force on `d`, as evaluated.
fn shares_at(h: &Harness<'_, AllianceApp>, d: &str) -> Option<u64> {
    let date = d.parse::<chrono::NaiveDate>().ok()?;
    let ev = h.state().doc.evaluation()?;
    ev.at(date)?.issuer("nissan")?.votes.holder("renault").map(|v| v.shares)
}

criterion_group!(benches, bench_frame);
criterion_main!(benches);
