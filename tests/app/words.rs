//! The app speaks the user's words: every label and value of the accessibility tree, on the
//! default scenario, in the main window and in Assumptions, Through the network, How to read
//! this, goal seek, the add-event form and presenter mode, names holders and kinds by the file's
//! names, with no id, program key or Rust enum name (the scan of `tests/support/words.rs`).

use crate::support::app::harness;
use crate::support::words::{enum_variants, forbidden_ids, leaks};
use alliance_sim::app::{AllianceApp, Command};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable, by};

/// The leaks in every label and value the app shows now, each prefixed with `place`.
fn scan(h: &Harness<'_, AllianceApp>, place: &str) -> Vec<String> {
    let ids = forbidden_ids(&h.state().doc.scenario);
    let mut text = String::new();
    for node in h.query_all(by()) {
        let n = node.accesskit_node();
        for part in [n.label(), n.value()].into_iter().flatten() {
            text.push_str(&part);
            text.push('\n');
        }
    }
    leaks(&text, &ids, &enum_variants()).into_iter().map(|l| format!("{place}: {l}")).collect()
}

#[test]
fn every_window_names_holders_and_kinds_by_the_files_names() {
    let mut h = harness();
    h.run_steps(3);
    let mut found = scan(&h, "main window");
    for (place, command) in [
        ("Assumptions", Command::Assumptions),
        ("Through the network", Command::Indirect),
        ("How to read this", Command::HowToRead),
    ] {
        h.state_mut().command(command);
        h.run_steps(4);
        found.extend(scan(&h, place));
    }
    h.get_by_label("Goal seek…").click();
    h.run_steps(3);
    found.extend(scan(&h, "goal seek"));
    h.get_by_label("+ Add event").click();
    h.run_steps(3);
    found.extend(scan(&h, "event form"));
    h.state_mut().command(Command::Present);
    h.run_steps(4);
    found.extend(scan(&h, "presenter"));
    found.dedup();
    assert!(found.is_empty(), "{} leaks, the first:\n{}", found.len(), found[..found.len().min(60)].join("\n"));
}
