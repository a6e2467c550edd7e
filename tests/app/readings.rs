//! What the app says each index means and how it reads a figure: the reading line under each
//! power plot, Banzhaf figures at their extremes in words (plots and the "Through the network"
//! window), Banzhaf one click away in presenter mode, and Help → How to read this.

use crate::support::app::harness;
use crate::support::date;
use alliance_sim::app::{AllianceApp, Command};
use eframe::egui::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{Queryable, by};

const CONTROL: &str = "working control if the float splits evenly";

fn set_playhead(h: &mut Harness<'_, AllianceApp>, d: &str) {
    let days = (date(d) - h.state().doc.scenario.start).num_days();
    h.get_by_role_and_label(Role::Slider, "Playhead").set_value_accesskit(days as f64);
    h.run_steps(3);
}

/// Chooses Banzhaf in the `k`-th index chooser now showing Shapley–Shubik.
fn choose_banzhaf(h: &mut Harness<'_, AllianceApp>, k: usize) {
    let choosers: Vec<_> = h.query_all(by().role(Role::ComboBox).value("Shapley–Shubik")).collect();
    assert!(choosers.len() > k, "{} index choosers", choosers.len());
    choosers[k].click();
    h.run_steps(2);
    h.get_by_role_and_label(Role::Button, "Banzhaf").click();
    h.run_steps(3);
}

#[test]
fn the_power_plots_show_shapley_shubik_with_its_meaning_and_read_banzhaf_in_words() {
    let mut h = harness();
    set_playhead(&mut h, "2025-10-01");
    let meaning = "Shapley–Shubik: how often a holder's votes turn a losing side into a winning one";
    assert!(h.query_all_by_label_contains(meaning).count() >= 3, "under each issuer's power plot");
    assert!(h.query_by_label_contains("Banzhaf: if every holder votes").is_none(), "Shapley–Shubik by default");
    assert!(h.query_by_label_contains(CONTROL).is_none(), "no Banzhaf reading before Banzhaf is chosen");
    // Renault's plot (the first): the French State has 100% Banzhaf there, Nissan 0%.
    choose_banzhaf(&mut h, 0);
    assert!(h.query_by_label_contains("Banzhaf: if every holder votes independently").is_some());
    assert!(h.query_by_label_contains("splits almost exactly evenly").is_some(), "its assumption under it");
    let line = format!("At the playhead: {CONTROL}: French State");
    assert!(h.query_by_label_contains(&line).is_some(), "{line}");
    assert!(h.query_by_label_contains("never decisive if the float splits evenly: Nissan").is_some());
}

#[test]
fn through_the_network_reads_banzhaf_in_words_and_starts_on_shapley_shubik() {
    let mut h = harness();
    set_playhead(&mut h, "2025-10-01");
    h.state_mut().command(Command::Indirect);
    h.run_steps(3);
    let title = h.query_all_by_label_contains("direct and indirect Shapley–Shubik power").count();
    assert!(title > 0, "the bars start on Shapley–Shubik");
    // The window's chooser is the last one drawn.
    let last = h.query_all(by().role(Role::ComboBox).value("Shapley–Shubik")).count() - 1;
    choose_banzhaf(&mut h, last);
    assert!(h.query_by_label_contains("direct and indirect Banzhaf power").is_some());
    // At Mitsubishi Motors' meeting the French State tips every float through Renault and Nissan.
    let line = format!("Banzhaf through the network — {CONTROL}: French State");
    assert!(h.query_by_label_contains(&line).is_some(), "{line}");
}

#[test]
fn presenter_mode_switches_a_plot_to_banzhaf_in_one_click() {
    let mut h = harness();
    h.state_mut().command(Command::Present);
    h.run_steps(5);
    assert!(h.query_all_by_label_contains("(Shapley–Shubik,").count() >= 3, "Shapley–Shubik first");
    let buttons: Vec<_> = h.query_all_by_role_and_label(Role::Button, "Banzhaf").collect();
    assert!(buttons.len() >= 3, "one per power plot: {}", buttons.len());
    buttons[0].click();
    h.run_steps(3);
    assert!(h.query_by_label_contains("(Banzhaf,").is_some());
    assert!(h.query_by_label_contains("Banzhaf: if every holder votes independently").is_some());
}

#[test]
fn help_opens_how_to_read_this() {
    let mut h = harness();
    h.get_by_label("Help").click();
    h.run_steps(2);
    h.get_by_label_contains("How to read this…").click();
    h.run_steps(3);
    assert!(h.query_by_label("How to read this").is_some(), "the window's title");
    for text in ["The two indices", "The float and turnout", "Degenerate", "Known limits", CONTROL] {
        assert!(h.query_by_label_contains(text).is_some(), "{text}");
    }
    assert!(h.query_by_label_contains("float is modelled as an ocean").is_some(), "this scenario's float model");
    h.state_mut().command(Command::HowToRead);
    h.run_steps(3);
    assert!(h.query_by_label_contains("Known limits").is_none(), "the command closes it again");
}
