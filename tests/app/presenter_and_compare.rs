//! Presenter mode and compare mode driven headless (egui_kittest): no editing widget and no
//! unsaved mark while presenting, F5 starting at step 1, charts that keep their rectangle from
//! step to step; compare's Δ labelled B − A, "next difference", and the status cleared when
//! comparing stops; time plots whose y range follows the data.

use crate::support::date;
use alliance_sim::app::{AllianceApp, Command};
use alliance_sim::chart::{self, ChartBody, ChartId};
use alliance_sim::engine::compare;
use eframe::egui::{Key, Modifiers, Role, Vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

fn harness(w: f32, h: f32) -> Harness<'static, AllianceApp> {
    let mut h =
        Harness::builder().with_size(Vec2::new(w, h)).build_eframe(|cc| AllianceApp::on_default_scenario(&cc.egui_ctx));
    h.run_steps(3);
    h
}

fn set_playhead(h: &mut Harness<'_, AllianceApp>, d: &str) {
    let days = (date(d) - h.state().doc.scenario.start).num_days();
    h.get_by_role_and_label(Role::Slider, "Playhead").set_value_accesskit(days as f64);
    h.run_steps(3);
}

#[test]
fn presenter_mode_has_no_editing_widget_and_no_unsaved_mark() {
    let mut h = harness(1280.0, 720.0);
    h.get_by_role_and_label(Role::Slider, "Float turnout").set_value_accesskit(80.0);
    h.run_steps(3);
    assert!(h.state().doc.is_dirty(), "the premise: unsaved changes");
    h.key_press(Key::F5);
    h.run_steps(5);
    for role in [Role::Slider, Role::ComboBox, Role::CheckBox, Role::TextInput, Role::SpinButton] {
        let n = h.query_all_by_role(role).count();
        assert_eq!(n, 0, "{role:?} widgets while presenting: {n}");
    }
    assert!(h.query_by_label_contains("unsaved").is_none(), "no unsaved mark while presenting");
    assert!(h.query_by_label("Next ▶").is_some() && h.query_by_label("◀ Back").is_some(), "step navigation stays");
    assert!(h.query_by_label_contains("Step 1 of").is_some(), "the step count stays");
}

#[test]
fn f5_starts_at_step_one_whatever_the_playhead() {
    let mut h = harness(1560.0, 960.0);
    set_playhead(&mut h, "2024-06-30");
    h.key_press(Key::F5);
    h.run_steps(90);
    assert_eq!(h.state().presenter.as_ref().map(|p| p.index), Some(0));
    assert_eq!(h.state().view.playhead, h.state().doc.scenario.start);
}

#[test]
fn presenter_charts_keep_their_rectangle_from_step_to_step() {
    for (w, hgt) in [(1280.0, 720.0), (1920.0, 1080.0)] {
        let mut h = harness(w, hgt);
        h.key_press(Key::F5);
        h.run_steps(90);
        let rects = |h: &Harness<'_, AllianceApp>| {
            ["balance", "power-nissan", "power-renault", "power-mitsubishi"].map(|id| h.state().plot_rect(id))
        };
        let first = rects(&h);
        assert!(first.iter().all(Option::is_some), "every chart is drawn at {w}x{hgt}: {first:?}");
        let steps = h.state().presenter.as_ref().map_or(0, |p| p.steps.len());
        for _ in 1..steps {
            h.key_press(Key::ArrowRight);
            h.run_steps(90);
            assert_eq!(
                rects(&h),
                first,
                "the charts moved at step {:?}",
                h.state().presenter.as_ref().map(|p| p.index)
            );
        }
        // Nothing is cut off: every chart lies inside the window.
        for r in first.into_iter().flatten() {
            assert!(
                r.bottom() <= hgt / h.ctx.zoom_factor() + 0.5 && r.right() <= w / h.ctx.zoom_factor() + 0.5,
                "{r:?}"
            );
        }
    }
}

fn with_compare() -> Harness<'static, AllianceApp> {
    let mut h = harness(1560.0, 960.0);
    let other = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/status-quo-2022.ron");
    h.state_mut().open_compare(&other);
    h.run_steps(3);
    h
}

#[test]
fn compare_labels_the_change_as_b_minus_a() {
    let h = with_compare();
    assert!(h.query_by_label("Δ power (B − A)").is_some(), "the Δ column says which way it is taken");
    assert!(h.query_by_label_contains("Δ = B − A").is_some());
}

#[test]
fn next_difference_jumps_to_where_the_scenarios_differ() {
    let mut h = with_compare();
    let start = h.state().view.playhead;
    h.key_press_modifiers(Modifiers::COMMAND, Key::D);
    h.run_steps(3);
    let at = h.state().view.playhead;
    assert!(at > start, "the playhead moved on: {start} → {at}");
    let a = h.state().doc.evaluation().cloned();
    let b = h.state().compare.first().and_then(|d| d.evaluation().cloned());
    let (Some(a), Some(b)) = (a, b) else { panic!("both scenarios evaluate") };
    let (Some(pa), Some(pb)) = (a.at(at), b.at(at)) else { panic!("both have a state on {at}") };
    assert!(compare::differences(pa, pb).any(), "the scenarios differ on {at}");
    assert_eq!(compare::next_difference(&a, &b, start), Some(at));
}

#[test]
fn the_status_line_forgets_the_comparison_when_it_stops() {
    let mut h = with_compare();
    assert!(h.state().message().is_some_and(|m| m.starts_with("comparing with")));
    h.state_mut().command(Command::StopComparing);
    h.run_steps(3);
    assert!(h.state().compare.is_empty());
    assert!(h.state().message().is_none_or(|m| !m.contains("comparing")), "{:?}", h.state().message());
    assert!(h.query_by_label_contains("comparing with").is_none());
}

#[test]
fn the_y_range_follows_the_data_when_it_changes() {
    let mut h = harness(1560.0, 960.0);
    let covers = |h: &Harness<'_, AllianceApp>| {
        let s = &h.state().doc;
        let Some(ev) = s.evaluation() else { panic!("evaluates") };
        let c = chart::build(&ChartId::Balance, &s.scenario, ev, s.scenario.start);
        let ChartBody::Time(t) = c.body else { panic!("a time chart") };
        let values: Vec<f64> = t.series.iter().flat_map(|x| x.points.iter().filter_map(|p| p.1)).collect();
        let (lo, hi) = values.iter().fold((f64::MAX, f64::MIN), |(a, b), v| (a.min(*v), b.max(*v)));
        let Some((y0, y1)) = h.state().plot_y_range("balance") else { panic!("the balance plot is drawn") };
        (y0 <= lo + 1e-9 && y1 >= hi - 1e-9, (lo, hi), (y0, y1))
    };
    assert!(covers(&h).0, "{:?}", covers(&h));
    // Nissan's stake in Renault at 40%: Nissan gains power at Renault's meeting, and the
    // balance reaches values the first range did not show.
    h.get_by_role_and_label(Role::Slider, "Nissan in Renault").set_value_accesskit(40.0);
    h.run_steps(5);
    let (ok, data, shown) = covers(&h);
    assert!(ok, "the y range {shown:?} covers the new data {data:?}");
}

#[test]
fn four_compared_runs_are_named_by_letter_and_a_run_can_be_hidden_from_a_plot() {
    let mut h = harness(1560.0, 960.0);
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios");
    for f in ["status-quo-2022.ron", "nissan-25-percent.ron", "lockup-10-percent.ron"] {
        h.state_mut().open_compare(&root.join(f));
    }
    h.run_steps(3);
    assert_eq!(h.state().compare.len(), 3);
    // Each plot's legend groups its lines under the run's letter (A, then B, C and D).
    for letter in ["A:", "B:", "C:", "D:"] {
        let n = h.query_all_by_label(letter).count();
        assert!(n >= 4, "{letter} heads the legend of every time plot: {n}");
    }
    // The first "B:" is the first issuer's power plot's: clicking it hides B's lines there.
    let key = eframe::egui::Id::unique(("hidden-series", "power-renault"));
    let hidden = |h: &Harness<'_, AllianceApp>| {
        h.ctx.data(|d| d.get_temp::<std::collections::BTreeSet<String>>(key)).unwrap_or_default()
    };
    assert!(hidden(&h).is_empty());
    h.get_all_by_label("B:").next().unwrap_or_else(|| panic!("no B: heading")).click();
    h.run_steps(3);
    let off = hidden(&h);
    assert!(!off.is_empty() && off.iter().all(|n| n.ends_with("(B)")), "B's lines hidden: {off:?}");
    h.get_all_by_label("B:").next().unwrap_or_else(|| panic!("no B: heading")).click();
    h.run_steps(3);
    assert!(hidden(&h).is_empty(), "a second click shows them again");
}
