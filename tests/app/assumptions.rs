//! View → Assumptions…, driven headless (egui_kittest): the modelling choices with their
//! values and sources, the tornado at the playhead, and the float turnout band on the power
//! plots.

use crate::support::app::harness;
use alliance_sim::app::commands::Command;
use egui_kittest::kittest::Queryable;

#[test]
fn the_assumptions_window_lists_the_choices_and_their_tornado() {
    let mut h = harness();
    h.state_mut().command(Command::Assumptions);
    h.run_steps(4);
    assert!(h.query_by_label("Assumptions").is_some(), "the window opens");
    assert!(h.query_by_label("float turnout").is_some(), "turnout is listed");
    assert!(h.query_by_label("reading of the vote caps").is_some(), "the cap reading is listed");
    assert!(
        h.query_by_label_contains("What moves the balance on 2022-10-31").is_some(),
        "the tornado is at the playhead"
    );
    h.state_mut().command(Command::Assumptions);
    h.run_steps(2);
    assert!(h.query_by_label("float turnout").is_none(), "the command closes it again");
}

#[test]
fn the_turnout_band_is_evaluated_at_40_and_80_percent_and_goes_away() {
    let mut h = harness();
    assert!(h.state().doc.band().is_none());
    h.state_mut().command(Command::Assumptions);
    h.run_steps(3);
    h.get_by_label("Show the float turnout band (40%–80%) on the power plots").click();
    h.run_steps(5);
    let band = h.state().doc.band();
    let Some((low, high)) = band else { panic!("the band's evaluations are there") };
    let at = |ev: &alliance_sim::engine::Evaluation| {
        ev.at(h.state().doc.scenario.start).and_then(|p| p.issuer("renault")).map(|x| x.votes.float_votes_cast)
    };
    assert!(at(&low) < at(&high), "fewer float votes at 40% than at 80%: {:?} {:?}", at(&low), at(&high));
    h.get_by_label("Show the float turnout band (40%–80%) on the power plots").click();
    h.run_steps(3);
    assert!(h.state().doc.band().is_none(), "unticked, the band goes");
}
