//! Findings a reader can act on: "decides through the network" only where it is robust, what is
//! degenerate said as it is, and one line per holder, issuer and situation on each date.

// Helpers outside #[test] functions may panic too: this is a test crate.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use std::collections::BTreeSet;

use crate::support::{company, eval, holding, investor, point, scenario_text};
use alliance_sim::engine::{Evaluation, Finding, FindingKind, indirect};

fn found<'a>(ev: &'a Evaluation, date: &str, kind: FindingKind, h: &str, i: &str) -> Option<&'a Finding> {
    point(ev, date)
        .findings
        .iter()
        .map(|f| &**f)
        .find(|f| f.kind == kind && f.holder.as_deref() == Some(h) && f.issuer.as_deref() == Some(i))
}

fn default_evaluation() -> (alliance_sim::model::Scenario, Evaluation) {
    let s = alliance_sim::io::default_scenario().unwrap();
    let ev = alliance_sim::engine::evaluate(&s).unwrap();
    (s, ev)
}

#[test]
fn sixty_percent_of_a_company_holding_sixty_percent_of_another_decides_there_on_both_kinds() {
    // x holds 60% of a, which holds 60% of b: x controls a outright and decides at b whatever
    // the floats do, on ordinary and special resolutions alike.
    let text = scenario_text(
        "",
        &[company("a", "Other", 1000, 0), company("b", "Other", 1000, 0), investor("x")],
        &[holding("x", "a", 600), holding("a", "b", 600)],
        &[],
        &[],
    );
    let ev = eval(&text);
    let f = found(&ev, "2024-01-01", FindingKind::IndirectDecides, "x", "b").expect("x decides at b");
    assert_eq!(f.kinds, vec!["ordinary".to_string(), "special".into()]);
    // 600 + 400t ≥ 2/3 of 1000 from t = 1/6 on special resolutions.
    assert!(
        f.detail.starts_with(
            "x name decides at b name through the network on ordinary resolutions: for every float voting yes with \
             0.0% to 100.0% of its votes; on special resolutions: for every float voting yes with 16.7% to 100.0%"
        ),
        "{}",
        f.detail
    );
    // At a, x decides on its own votes: the direct figures say so, not a finding "through the network".
    assert!(found(&ev, "2024-01-01", FindingKind::IndirectDecides, "x", "a").is_none());
}

#[test]
fn tipping_a_company_it_does_not_control_outright_is_pivotal_only_at_an_even_split() {
    // z holds 30% of c (float 70%, all voting): with every float split evenly z tips c's
    // meeting, and c's 60% of d, so its Banzhaf index through the network at d is 1. But c's
    // votes are cast by c's board, which z does not control: no finding, and the "Through the
    // network" window says it is pivotal only at an even split.
    let text = scenario_text(
        "",
        &[company("c", "Other", 1000, 0), company("d", "Other", 1000, 0), investor("z")],
        &[holding("z", "c", 300), holding("c", "d", 600)],
        &[],
        &[],
    );
    let ev = eval(&text);
    assert!(found(&ev, "2024-01-01", FindingKind::IndirectDecides, "z", "d").is_none());
    let p = point(&ev, "2024-01-01");
    let power = indirect::of_kind(&p.indirect, "ordinary").expect("exact indirect power");
    let z = power.holder("d", "z").expect("z reaches d");
    assert_eq!(z.banzhaf_absolute, 1.0);
    assert!(z.pivotal_only_at_even_split() && !z.decides_robustly());
    assert_eq!(z.votes_through_companies, 0);
}

#[test]
fn the_french_state_decides_nowhere_through_renault_on_any_date_of_the_default() {
    let (_, ev) = default_evaluation();
    for p in &ev.points {
        for f in p.findings.iter().filter(|f| f.holder.as_deref() == Some("french-state")) {
            assert!(
                !matches!(f.kind, FindingKind::IndirectDecides | FindingKind::IndirectThreshold)
                    || f.issuer.as_deref() == Some("renault"),
                "{}: {}",
                p.date,
                f.detail
            );
        }
    }
}

#[test]
fn each_date_of_the_default_is_a_short_list_with_one_line_per_holder_issuer_and_situation() {
    let (_, ev) = default_evaluation();
    for p in &ev.points {
        assert!(p.findings.len() <= 9, "{}: {} findings\n{:#?}", p.date, p.findings.len(), p.findings);
        let mut seen = BTreeSet::new();
        for f in &p.findings {
            let key = (f.kind, f.holder.clone(), f.issuer.clone());
            assert!(seen.insert(key), "{}: twice {:?} {:?} {:?}", p.date, f.kind, f.holder, f.issuer);
        }
    }
}

#[test]
fn the_degenerate_game_at_mitsubishi_motors_names_both_blockholders_and_the_banzhaf_assumption() {
    let (s, ev) = default_evaluation();
    let f = found(&ev, "2022-10-31", FindingKind::DegeneratePower, "nissan", "mitsubishi").expect("degenerate at MMC");
    let special = "special".to_string();
    let others: Vec<String> = s.resolution_kinds().into_iter().map(|k| k.id).filter(|k| *k != special).collect();
    assert_eq!(f.kinds, others, "special resolutions (2/3) are not degenerate there");
    for words in [
        "Nissan has all the Banzhaf power at Mitsubishi Motors and Mitsubishi Corporation none on all but special \
         resolutions: ",
        "% of the votes in play against Mitsubishi Corporation's ",
        "Mitsubishi Corporation's never changes it",
        "the float's holders vote independently, so a large float splits almost exactly in half",
        "working control (Leech's reading)",
    ] {
        assert!(f.detail.contains(words), "{words:?} not in {}", f.detail);
    }
    let blocking = found(&ev, "2022-10-31", FindingKind::BlockingMinority, "nissan", "mitsubishi").expect("blocking");
    assert_eq!(blocking.kinds, vec![special]);
    assert!(ev.points.iter().flat_map(|p| &p.findings).all(|f| !f.detail.contains("single blockholder")));
}
