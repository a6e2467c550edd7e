//! The voting rules on small hand-made scenarios, with exact integers: treasury, French control
//! suppression (direct, presumption, chains), the Japanese mutual quarter (both readings),
//! vote caps (both readings), trust neutrality, the 2019 "25% option", double votes, the
//! order-independence of the fixed point and rules switched by dated events.

// Helpers outside #[test] functions may panic too: this is a test crate.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use crate::support::{cap, company, eval, holder, holding, holding2, investor, issuer, point, scenario_text, trust};
use alliance_sim::engine::{FindingKind, VoteStatus};
use alliance_sim::model::RuleName;

fn has_finding(ev: &alliance_sim::engine::Evaluation, date: &str, kind: FindingKind, h: &str, i: &str) -> bool {
    point(ev, date)
        .findings
        .iter()
        .any(|f| f.kind == kind && f.holder.as_deref() == Some(h) && f.issuer.as_deref() == Some(i))
}

// ---------------------------------------------------------------- treasury

fn treasury_case(rules: &str) -> String {
    scenario_text(rules, &[company("a", "Other", 1000, 100), investor("x")], &[holding("x", "a", 300)], &[], &[])
}

#[test]
fn treasury_shares_carry_no_votes() {
    let ev = eval(&treasury_case(""));
    let a = issuer(&ev, "2024-01-01", "a");
    assert_eq!((a.issued_shares, a.treasury_shares, a.float_shares), (1000, 100, 600));
    assert_eq!(a.theoretical_votes, 1000, "AMF: theoretical votes include treasury");
    assert_eq!(a.exercisable_votes, 900, "treasury is not exercisable");
    assert_eq!(a.votes_cast, 900);
    let x = holder(&ev, "2024-01-01", "x", "a");
    assert_eq!((x.theoretical_votes, x.exercisable_votes, x.game_votes, x.status), (300, 300, 300, VoteStatus::Full));
}

#[test]
fn treasury_rule_off_counts_treasury_votes() {
    let ev = eval(&treasury_case("treasury: false"));
    let a = issuer(&ev, "2024-01-01", "a");
    assert_eq!(a.theoretical_votes, 1000);
    assert_eq!(a.exercisable_votes, 1000);
}

// ---------------------------------------------------------------- French control suppression

/// `a` (France, 1000 shares) holds `a_in_b` of `b` (1000 shares); `b` holds 100 of `a`;
/// investor `x` holds `x_in_b` of `b`.
fn control_case(jurisdiction: &str, a_in_b: u64, x_in_b: u64) -> String {
    let mut holdings = vec![holding("a", "b", a_in_b), holding("b", "a", 100)];
    if x_in_b > 0 {
        holdings.push(holding("x", "b", x_in_b));
    }
    scenario_text(
        "",
        &[company("a", jurisdiction, 1000, 0), company("b", "Other", 1000, 0), investor("x")],
        &holdings,
        &[],
        &[],
    )
}

fn b_at_a(text: &str) -> (VoteStatus, Option<RuleName>, u64) {
    let ev = eval(text);
    let h = holder(&ev, "2024-01-01", "b", "a");
    assert_eq!(h.theoretical_votes, 100);
    (h.status, h.rule, h.exercisable_votes)
}

const SUPPRESSED: (VoteStatus, Option<RuleName>, u64) = (VoteStatus::Suppressed, Some(RuleName::ControlSuppression), 0);
const FULL: (VoteStatus, Option<RuleName>, u64) = (VoteStatus::Full, None, 100);

#[test]
fn control_suppression_direct_majority() {
    let ev = eval(&control_case("France", 510, 0));
    let b = holder(&ev, "2024-01-01", "b", "a");
    assert_eq!(
        (b.status, b.rule, b.exercisable_votes, b.game_votes),
        (VoteStatus::Suppressed, Some(RuleName::ControlSuppression), 0, 0)
    );
    let a = issuer(&ev, "2024-01-01", "a");
    assert_eq!(a.theoretical_votes, 1000);
    assert_eq!(a.exercisable_votes, 900, "suppressed votes are left out");
    assert_eq!(a.votes_cast, 900);
    assert!(has_finding(&ev, "2024-01-01", FindingKind::Control, "a", "b"));
    assert!(has_finding(&ev, "2024-01-01", FindingKind::VotesOff, "b", "a"));
    assert_eq!(holder(&ev, "2024-01-01", "a", "b").exercisable_votes, 510);
}

#[test]
fn control_suppression_applies_only_to_french_issuers() {
    assert_eq!(b_at_a(&control_case("Other", 510, 0)), FULL);
    // A Japanese issuer holding 51% of `b` switches b's votes off by the mutual quarter instead.
    assert_eq!(b_at_a(&control_case("Japan", 510, 0)), (VoteStatus::Suppressed, Some(RuleName::MutualQuarter), 0));
}

#[test]
fn control_presumption_above_forty_percent() {
    // Exactly 50% is not a majority, but it is above 40% with no larger holder.
    assert_eq!(b_at_a(&control_case("France", 500, 0)), SUPPRESSED);
    assert_eq!(b_at_a(&control_case("France", 401, 0)), SUPPRESSED);
    // Exactly 40% is not "more than 40%".
    assert_eq!(b_at_a(&control_case("France", 400, 0)), FULL);
}

#[test]
fn control_presumption_needs_no_larger_holder() {
    // Another holder with more votes defeats the presumption...
    assert_eq!(b_at_a(&control_case("France", 401, 450)), FULL);
    // ... a smaller one does not.
    assert_eq!(b_at_a(&control_case("France", 401, 400)), SUPPRESSED);
    // A majority is control whatever the others hold.
    let ev = eval(&control_case("France", 510, 490));
    assert!(has_finding(&ev, "2024-01-01", FindingKind::Control, "a", "b"));
}

#[test]

fn control_presumption_holds_when_another_holder_is_equal() {
    assert_eq!(b_at_a(&control_case("France", 410, 410)), SUPPRESSED);
}

#[test]
fn control_through_a_chain_suppresses_votes() {
    // a controls b, b controls c, c holds a: c's votes at a are off.
    let entities = [company("a", "France", 1000, 0), company("b", "Other", 1000, 0), company("c", "Other", 1000, 0)];
    let text = scenario_text(
        "",
        &entities,
        &[holding("a", "b", 510), holding("b", "c", 510), holding("c", "a", 100)],
        &[],
        &[],
    );
    let ev = eval(&text);
    let c = holder(&ev, "2024-01-01", "c", "a");
    assert_eq!(
        (c.status, c.rule, c.exercisable_votes),
        (VoteStatus::Suppressed, Some(RuleName::ControlSuppression), 0)
    );
    assert_eq!(issuer(&ev, "2024-01-01", "a").exercisable_votes, 900);
    assert!(has_finding(&ev, "2024-01-01", FindingKind::Control, "a", "c"));
    assert!(has_finding(&ev, "2024-01-01", FindingKind::Control, "b", "c"));

    // Break the chain (a holds only 30% of b): c votes at a.
    let text = scenario_text(
        "",
        &entities,
        &[holding("a", "b", 300), holding("b", "c", 510), holding("c", "a", 100)],
        &[],
        &[],
    );
    let ev = eval(&text);
    assert_eq!(holder(&ev, "2024-01-01", "c", "a").status, VoteStatus::Full);
    assert_eq!(holder(&ev, "2024-01-01", "c", "a").exercisable_votes, 100);
}

#[test]
fn control_by_a_group_adds_the_controlled_companies_votes() {
    // a holds 30% of c directly and controls b, which holds 25% of c: 55% together.
    let entities = [company("a", "France", 1000, 0), company("b", "Other", 1000, 0), company("c", "Other", 1000, 0)];
    let text = scenario_text(
        "",
        &entities,
        &[holding("a", "b", 600), holding("a", "c", 300), holding("b", "c", 250), holding("c", "a", 100)],
        &[],
        &[],
    );
    let ev = eval(&text);
    assert!(has_finding(&ev, "2024-01-01", FindingKind::Control, "a", "c"));
    assert_eq!(holder(&ev, "2024-01-01", "c", "a").status, VoteStatus::Suppressed);
}

// ---------------------------------------------------------------- Japanese mutual quarter

/// Japanese `j` holds `j_in_h` of `h` (1000 issued, `h_treasury` treasury); `h` holds 100 of `j`.
fn quarter_case(j_in_h: u64, h_treasury: u64) -> String {
    scenario_text(
        "",
        &[company("j", "Japan", 1000, 0), company("h", "Other", 1000, h_treasury)],
        &[holding("j", "h", j_in_h), holding("h", "j", 100)],
        &[],
        &[],
    )
}

#[test]
fn mutual_quarter_switches_off_at_a_quarter() {
    let ev = eval(&quarter_case(250, 0));
    let h = holder(&ev, "2024-01-01", "h", "j");
    assert_eq!(
        (h.status, h.rule, h.exercisable_votes, h.theoretical_votes),
        (VoteStatus::Suppressed, Some(RuleName::MutualQuarter), 0, 100)
    );
    assert_eq!(issuer(&ev, "2024-01-01", "j").exercisable_votes, 900);
    assert!(has_finding(&ev, "2024-01-01", FindingKind::VotesOff, "h", "j"));
    // The rule only works one way: j's votes at h (not Japanese) stay.
    assert_eq!(holder(&ev, "2024-01-01", "j", "h").status, VoteStatus::Full);
}

#[test]
fn mutual_quarter_just_under_a_quarter_does_not() {
    let ev = eval(&quarter_case(249, 0));
    let h = holder(&ev, "2024-01-01", "h", "j");
    assert_eq!((h.status, h.exercisable_votes), (VoteStatus::Full, 100));
}

#[test]
fn mutual_quarter_sets_treasury_aside() {
    // 249 of the 996 votes outside treasury is exactly a quarter.
    let ev = eval(&quarter_case(249, 4));
    assert_eq!(holder(&ev, "2024-01-01", "h", "j").status, VoteStatus::Suppressed);
    // 248 of 996 is just under.
    let ev = eval(&quarter_case(248, 4));
    assert_eq!(holder(&ev, "2024-01-01", "h", "j").status, VoteStatus::Full);
}

#[test]
fn mutual_quarter_rule_off() {
    let text = quarter_case(250, 0).replace("rules: ()", "rules: (mutual_quarter: false)");
    let ev = eval(&text);
    assert_eq!(holder(&ev, "2024-01-01", "h", "j").status, VoteStatus::Full);
}

/// French `h` controls `s` (60%), `s` holds 50% of Japanese `j` and `h` 10%; `j` holds 30% of `h`.
/// Whether `h` can vote at `j` depends on the reading of the quarter test: `j`'s votes at `h`
/// are held (30%) but switched off by French control suppression.
fn readings_case(quarter_test: &str) -> String {
    scenario_text(
        &format!("quarter_test: {quarter_test}"),
        &[company("h", "France", 1000, 0), company("s", "Other", 1000, 0), company("j", "Japan", 1000, 0)],
        &[holding("h", "s", 600), holding("s", "j", 500), holding("h", "j", 100), holding("j", "h", 300)],
        &[],
        &[],
    )
}

#[test]
fn mutual_quarter_held_votes_reading() {
    let ev = eval(&readings_case("HeldVotes"));
    let h = holder(&ev, "2024-01-01", "h", "j");
    assert_eq!((h.status, h.rule, h.exercisable_votes), (VoteStatus::Suppressed, Some(RuleName::MutualQuarter), 0));
    let j = holder(&ev, "2024-01-01", "j", "h");
    assert_eq!(
        (j.status, j.rule, j.exercisable_votes),
        (VoteStatus::Suppressed, Some(RuleName::ControlSuppression), 0)
    );
    assert_eq!(holder(&ev, "2024-01-01", "s", "j").exercisable_votes, 500);
    assert_eq!(issuer(&ev, "2024-01-01", "j").exercisable_votes, 900);
}

#[test]
fn mutual_quarter_exercisable_votes_reading() {
    let ev = eval(&readings_case("ExercisableVotes"));
    let h = holder(&ev, "2024-01-01", "h", "j");
    assert_eq!((h.status, h.exercisable_votes), (VoteStatus::Full, 100));
    let j = holder(&ev, "2024-01-01", "j", "h");
    assert_eq!(
        (j.status, j.rule, j.exercisable_votes),
        (VoteStatus::Suppressed, Some(RuleName::ControlSuppression), 0)
    );
    assert_eq!(issuer(&ev, "2024-01-01", "j").exercisable_votes, 1000);
    assert_eq!(point(&ev, "2024-01-01").rules.cycle, 1, "this case has a fixed point");
}

// ---------------------------------------------------------------- vote caps

/// Issuer `a` (1000 shares): `x` holds `x_shares`, `y` holds 100, the rest is float; `x` capped.
fn cap_case(x_shares: u64, c: &str, reading: &str) -> String {
    scenario_text(
        "",
        &[company("a", "Other", 1000, 0), investor("x"), investor("y")],
        &[holding("x", "a", x_shares), holding("y", "a", 100)],
        &[cap("x", "a", c, reading)],
        &[],
    )
}

#[test]
fn vote_cap_of_total_after_cap() {
    // x = floor(c·others/(1−c)) = floor(0.15 × 600 / 0.85) = floor(105.88…) = 105.
    let ev = eval(&cap_case(400, "15%", "OfTotalAfterCap"));
    let x = holder(&ev, "2024-01-01", "x", "a");
    assert_eq!(600 * 15 / 85, 105);
    assert_eq!(
        (x.exercisable_votes, x.game_votes, x.status, x.rule),
        (400, 105, VoteStatus::Capped, Some(RuleName::VoteCaps))
    );
    let a = issuer(&ev, "2024-01-01", "a");
    assert_eq!(a.exercisable_votes, 1000, "capped votes stay exercisable (they are neutral)");
    assert_eq!(a.votes_cast, 1000);
    assert_eq!(a.game_total, 705);
    assert!(has_finding(&ev, "2024-01-01", FindingKind::Capped, "x", "a"));
}

#[test]
fn vote_cap_of_total_before_cap() {
    // floor(c·total) = floor(0.15 × 1000) = 150.
    let ev = eval(&cap_case(400, "15%", "OfTotalBeforeCap"));
    let x = holder(&ev, "2024-01-01", "x", "a");
    assert_eq!((x.exercisable_votes, x.game_votes, x.status), (400, 150, VoteStatus::Capped));
    // A cap of 1/3 of 1000 floors to 333.
    let ev = eval(&cap_case(400, "1/3", "OfTotalBeforeCap"));
    assert_eq!(holder(&ev, "2024-01-01", "x", "a").game_votes, 333);
}

#[test]
fn vote_cap_boundary_is_exact() {
    // 150 of 1000 with others 850: 850 × 3/17 = 150 exactly, the cap does not bind.
    let ev = eval(&cap_case(150, "15%", "OfTotalAfterCap"));
    let x = holder(&ev, "2024-01-01", "x", "a");
    assert_eq!((x.game_votes, x.status), (150, VoteStatus::Full));
    // 151 with others 849: floor(849 × 3/17) = 149.
    let ev = eval(&cap_case(151, "15%", "OfTotalAfterCap"));
    let x = holder(&ev, "2024-01-01", "x", "a");
    assert_eq!((x.game_votes, x.status), (149, VoteStatus::Capped));
    // Before-cap reading: 150 = floor(0.15 × 1000) exactly, 151 is capped to 150.
    let ev = eval(&cap_case(151, "15%", "OfTotalBeforeCap"));
    let x = holder(&ev, "2024-01-01", "x", "a");
    assert_eq!((x.game_votes, x.status), (150, VoteStatus::Capped));
}

#[test]
fn two_caps_at_one_issuer_reach_a_common_fixed_point() {
    // x 400 and y 300 both capped at 15% of the total after capping, float 300:
    // g = floor(3 × (300 + g) / 17) gives g = 64 for both.
    let text = scenario_text(
        "",
        &[company("a", "Other", 1000, 0), investor("x"), investor("y")],
        &[holding("x", "a", 400), holding("y", "a", 300)],
        &[cap("x", "a", "15%", "OfTotalAfterCap"), cap("y", "a", "15%", "OfTotalAfterCap")],
        &[],
    );
    let ev = eval(&text);
    let gx = holder(&ev, "2024-01-01", "x", "a").game_votes;
    let gy = holder(&ev, "2024-01-01", "y", "a").game_votes;
    assert_eq!((gx, gy), (64, 64));
    assert_eq!(gx, 3 * (300 + gy) / 17);
    assert_eq!(point(&ev, "2024-01-01").rules.cycle, 1);
}

#[test]

fn slowly_converging_caps_reach_the_fixed_point_or_say_so() {
    // x and y hold 1e9 votes each, float 1000, both capped at 49% of the total after capping:
    // the fixed point is x = y = 0.49 × 1000 / (1 − 2 × 0.49) = 24500.
    let text = scenario_text(
        "",
        &[company("a", "Other", 2_000_001_000, 0), investor("x"), investor("y")],
        &[holding("x", "a", 1_000_000_000), holding("y", "a", 1_000_000_000)],
        &[cap("x", "a", "49%", "OfTotalAfterCap"), cap("y", "a", "49%", "OfTotalAfterCap")],
        &[],
    );
    let ev = eval(&text);
    let gx = holder(&ev, "2024-01-01", "x", "a").game_votes;
    let gy = holder(&ev, "2024-01-01", "y", "a").game_votes;
    let p = point(&ev, "2024-01-01");
    let reported = p.rules.cycle != 1 && p.findings.iter().any(|f| f.kind == FindingKind::Cycle);
    assert!(
        (gx, gy) == (24_500, 24_500) || reported,
        "x {gx}, y {gy}, cycle {}, iterations {}",
        p.rules.cycle,
        p.rules.iterations
    );
}

#[test]
fn vote_caps_rule_off_and_lifted() {
    let text = cap_case(400, "15%", "OfTotalAfterCap").replace("rules: ()", "rules: (vote_caps: false)");
    let ev = eval(&text);
    let x = holder(&ev, "2024-01-01", "x", "a");
    assert_eq!((x.game_votes, x.status), (400, VoteStatus::Full));
    // Lifted by an event.
    let text = cap_case(400, "15%", "OfTotalAfterCap").replace(
        "events: [\n        \n    ]",
        "events: [LiftVoteCap(date: \"2024-05-01\", holder: \"x\", issuer: \"a\")]",
    );
    let ev = eval(&text);
    assert_eq!(holder(&ev, "2024-04-30", "x", "a").game_votes, 105);
    assert_eq!(holder(&ev, "2024-05-01", "x", "a").game_votes, 400);
}

// ---------------------------------------------------------------- trusts

fn trust_case(rules: &str) -> String {
    scenario_text(
        rules,
        &[company("a", "Other", 1000, 0), investor("x"), trust("t", "x")],
        &[holding("t", "a", 300), holding("x", "a", 100)],
        &[],
        &[],
    )
}

#[test]
fn trust_votes_are_neutral() {
    let ev = eval(&trust_case(""));
    let t = holder(&ev, "2024-01-01", "t", "a");
    assert_eq!(
        (t.status, t.rule, t.exercisable_votes, t.game_votes),
        (VoteStatus::Neutral, Some(RuleName::TrustNeutral), 300, 0)
    );
    let a = issuer(&ev, "2024-01-01", "a");
    assert_eq!(a.exercisable_votes, 1000, "neutral votes stay exercisable");
    assert_eq!(a.votes_cast, 1000, "neutral votes count for the quorum");
    assert_eq!(a.game_total, 700, "neutral votes leave the game");
    assert!(has_finding(&ev, "2024-01-01", FindingKind::Neutral, "t", "a"));
}

#[test]
fn trust_neutrality_off() {
    let ev = eval(&trust_case("trust_neutral: false"));
    let t = holder(&ev, "2024-01-01", "t", "a");
    assert_eq!((t.status, t.game_votes), (VoteStatus::Full, 300));
    assert_eq!(issuer(&ev, "2024-01-01", "a").game_total, 1000);
}

#[test]
fn trust_votes_do_not_give_control() {
    // A trust for `a` holds 51% of `b`, and `b` holds `a`: the neutral votes are no control.
    let text = scenario_text(
        "",
        &[company("a", "France", 1000, 0), company("b", "Other", 1000, 0), trust("t", "a")],
        &[holding("t", "b", 510), holding("b", "a", 100)],
        &[],
        &[],
    );
    let ev = eval(&text);
    assert_eq!(holder(&ev, "2024-01-01", "b", "a").status, VoteStatus::Full);
}

// ---------------------------------------------------------------- the 2019 "25% option"

/// French `r` (1000 shares) holds 43.4% of Japanese `n`; `n` holds 150 of `r` and the State
/// 150, both with double votes (1300 theoretical votes). `n` buys 24 `r` shares on 2024-07-01
/// (324/1300, just under a quarter) and one more on 2024-08-01 (325/1300, a quarter).
fn option_case(quarter_test: &str) -> String {
    scenario_text(
        &format!("quarter_test: {quarter_test}"),
        &[company("r", "France", 1000, 0), company("n", "Japan", 1000, 0), investor("state")],
        &[holding("r", "n", 434), holding2("n", "r", 150, 150), holding2("state", "r", 150, 150)],
        &[],
        &[
            r#"Transfer(date: "2024-07-01", issuer: "r", from: "market", to: "n", shares: 24)"#.to_string(),
            r#"Transfer(date: "2024-08-01", issuer: "r", from: "market", to: "n", shares: 1)"#.to_string(),
        ],
    )
}

#[test]
fn the_25_percent_option() {
    let ev = eval(&option_case("HeldVotes"));
    for date in ["2024-01-01", "2024-07-01"] {
        // Before: r controls n, so n's votes at r are off (L233-31); r votes at n.
        assert_eq!(issuer(&ev, date, "r").theoretical_votes, 1300);
        let n_at_r = holder(&ev, date, "n", "r");
        assert_eq!(
            (n_at_r.status, n_at_r.rule, n_at_r.exercisable_votes),
            (VoteStatus::Suppressed, Some(RuleName::ControlSuppression), 0),
            "{date}"
        );
        let r_at_n = holder(&ev, date, "r", "n");
        assert_eq!((r_at_n.status, r_at_n.exercisable_votes), (VoteStatus::Full, 434), "{date}");
        assert!(has_finding(&ev, date, FindingKind::Control, "r", "n"), "{date}");
    }
    assert_eq!(holder(&ev, "2024-07-01", "n", "r").theoretical_votes, 324);
    // After: a quarter of r's votes. 1. r's votes at n are switched off by the mutual quarter;
    let r_at_n = holder(&ev, "2024-08-01", "r", "n");
    assert_eq!(
        (r_at_n.status, r_at_n.rule, r_at_n.exercisable_votes),
        (VoteStatus::Suppressed, Some(RuleName::MutualQuarter), 0)
    );
    assert!(has_finding(&ev, "2024-08-01", FindingKind::VotesOff, "r", "n"));
    // 2. r no longer controls n;
    assert!(!has_finding(&ev, "2024-08-01", FindingKind::Control, "r", "n"));
    assert!(point(&ev, "2024-08-01").rules.control.get("r").is_none_or(|c| c.is_empty()));
    // 3. n's votes at r come back.
    let n_at_r = holder(&ev, "2024-08-01", "n", "r");
    assert_eq!(
        (n_at_r.status, n_at_r.rule, n_at_r.exercisable_votes, n_at_r.theoretical_votes),
        (VoteStatus::Full, None, 325, 325)
    );
    assert_eq!(issuer(&ev, "2024-08-01", "r").exercisable_votes, 1300);
    assert_eq!(issuer(&ev, "2024-08-01", "n").exercisable_votes, 566);
    assert_eq!(point(&ev, "2024-08-01").rules.cycle, 1);
}

#[test]
fn the_25_percent_option_under_the_exercisable_reading_cycles_and_says_so() {
    // Reading the quarter test on exercisable votes, n's votes at r are off while r controls n,
    // so the quarter is not reached, so r's votes at n come back, so r controls n again: no
    // fixed point. The engine must report the cycle as a finding, not loop or panic.
    let ev = eval(&option_case("ExercisableVotes"));
    let p = point(&ev, "2024-08-01");
    assert_eq!(p.rules.cycle, 2);
    assert!(p.findings.iter().any(|f| f.kind == FindingKind::Cycle));
    assert_eq!(point(&ev, "2024-01-01").rules.cycle, 1);
    assert!(!point(&ev, "2024-01-01").findings.iter().any(|f| f.kind == FindingKind::Cycle));
}

// ---------------------------------------------------------------- double votes (loi Florange)

#[test]
fn sold_shares_lose_double_votes_single_first() {
    // x holds 100 shares of which 60 double (160 votes). It sells 30 (the 40 single go
    // first), then 20 to y (10 single, then 10 double), then the remaining 50.
    let text = scenario_text(
        "",
        &[company("a", "France", 1000, 0), investor("x"), investor("y")],
        &[holding2("x", "a", 100, 60)],
        &[],
        &[
            r#"Transfer(date: "2024-02-01", issuer: "a", from: "x", to: "market", shares: 30)"#.to_string(),
            r#"Transfer(date: "2024-03-01", issuer: "a", from: "x", to: "y", shares: 20)"#.to_string(),
            r#"Transfer(date: "2024-04-01", issuer: "a", from: "x", to: "market", shares: 50)"#.to_string(),
        ],
    );
    let ev = eval(&text);
    let x = |date| {
        let h = holder(&ev, date, "x", "a");
        (h.shares, h.double_voting, h.theoretical_votes)
    };
    assert_eq!(x("2024-01-01"), (100, 60, 160));
    assert_eq!(issuer(&ev, "2024-01-01", "a").theoretical_votes, 1060);
    assert_eq!(x("2024-02-01"), (70, 60, 130));
    assert_eq!(issuer(&ev, "2024-02-01", "a").theoretical_votes, 1060, "the single shares sold stay single");
    assert_eq!(x("2024-03-01"), (50, 50, 100));
    let y = holder(&ev, "2024-03-01", "y", "a");
    assert_eq!((y.shares, y.double_voting, y.theoretical_votes), (20, 0, 20), "bought shares are single");
    assert_eq!(issuer(&ev, "2024-03-01", "a").theoretical_votes, 1050);
    assert!(issuer(&ev, "2024-04-01", "a").holder("x").is_none());
    assert_eq!(issuer(&ev, "2024-04-01", "a").theoretical_votes, 1000);
}

#[test]
fn published_vote_count_calibrates_the_floats_double_votes() {
    let entity = r##"(id: "a", name: "A", color: "#000000",
        kind: Company(jurisdiction: France, issued_shares: 1000, treasury_shares: 10, theoretical_votes: 1100))"##;
    let text = scenario_text(
        "",
        &[entity.to_string(), investor("x")],
        &[holding2("x", "a", 100, 60)],
        &[],
        &[r#"VoteCount(date: "2024-06-01", issuer: "a", theoretical_votes: 1080)"#.to_string()],
    );
    let ev = eval(&text);
    let a = issuer(&ev, "2024-01-01", "a");
    assert_eq!((a.theoretical_votes, a.float_shares, a.float_votes), (1100, 890, 930));
    assert_eq!(a.exercisable_votes, 1090);
    let a = issuer(&ev, "2024-06-01", "a");
    assert_eq!((a.theoretical_votes, a.float_votes), (1080, 910));
    // An impossible count is refused with the item and the date.
    let bad = text.replace("theoretical_votes: 1080", "theoretical_votes: 5000");
    match alliance_sim::io::parse(&bad, std::path::Path::new("t.ron")) {
        Err(alliance_sim::io::FileError::Invalid { error, .. }) => {
            assert_eq!(error.date, Some(crate::support::date("2024-06-01")))
        }
        other => panic!("expected an invalid scenario, got {other:?}"),
    }
}

// ---------------------------------------------------------------- order independence

/// Every order of the entities, and the holdings and caps forwards and backwards, give the
/// same votes, statuses, control, findings and power.
fn assert_order_independent(entities: &[String], holdings: &[String], caps: &[String], rules: &str) {
    let reference = eval(&scenario_text(rules, entities, holdings, caps, &[]));
    let fingerprint = |ev: &alliance_sim::engine::Evaluation| {
        ev.points
            .iter()
            .map(|p| format!("{:?}|{:?}|{:?}|{:?}|{:?}", p.date, p.issuers, p.rules.control, p.findings, p.balance))
            .collect::<Vec<_>>()
    };
    let want = fingerprint(&reference);
    let n = entities.len();
    let mut idx: Vec<usize> = (0..n).collect();
    // Heap's algorithm over the entity order.
    let mut c = vec![0usize; n];
    let mut orders = vec![idx.clone()];
    let mut i = 0;
    while i < n {
        if c[i] < i {
            if i % 2 == 0 {
                idx.swap(0, i)
            } else {
                idx.swap(c[i], i)
            }
            orders.push(idx.clone());
            c[i] += 1;
            i = 0;
        } else {
            c[i] = 0;
            i += 1;
        }
    }
    for order in orders {
        let ents: Vec<String> = order.iter().map(|&k| entities[k].clone()).collect();
        for reverse in [false, true] {
            let mut hs = holdings.to_vec();
            let mut cs = caps.to_vec();
            if reverse {
                hs.reverse();
                cs.reverse();
            }
            let ev = eval(&scenario_text(rules, &ents, &hs, &cs, &[]));
            assert_eq!(fingerprint(&ev), want, "entity order {order:?}, holdings reversed: {reverse}");
        }
    }
}

#[test]
fn fixed_point_does_not_depend_on_order() {
    // The two readings' case: control through a subsidiary and the mutual quarter.
    assert_order_independent(
        &[
            company("h", "France", 1000, 0),
            company("s", "Other", 1000, 0),
            company("j", "Japan", 1000, 0),
            investor("x"),
        ],
        &[
            holding("h", "s", 600),
            holding("s", "j", 500),
            holding("h", "j", 100),
            holding("j", "h", 300),
            holding("x", "h", 50),
        ],
        &[cap("x", "h", "2%", "OfTotalAfterCap")],
        "",
    );
    // Two caps at one issuer, and a chain of control.
    assert_order_independent(
        &[
            company("a", "France", 1000, 0),
            company("b", "Other", 1000, 0),
            company("c", "Other", 1000, 0),
            investor("x"),
            investor("y"),
        ],
        &[
            holding("a", "b", 510),
            holding("b", "c", 510),
            holding("c", "a", 100),
            holding("x", "a", 400),
            holding("y", "a", 300),
        ],
        &[cap("x", "a", "15%", "OfTotalAfterCap"), cap("y", "a", "15%", "OfTotalAfterCap")],
        "",
    );
}

// ---------------------------------------------------------------- rules switched by events

#[test]
fn a_rule_switched_off_and_on_by_dated_events() {
    let text = scenario_text(
        "",
        &[company("a", "France", 1000, 0), company("b", "Other", 1000, 0)],
        &[holding("a", "b", 510), holding("b", "a", 100)],
        &[],
        &[
            r#"SetRule(date: "2024-03-01", rule: ControlSuppression, on: false, caption: "off")"#.to_string(),
            r#"SetRule(date: "2024-06-01", rule: ControlSuppression, on: true)"#.to_string(),
        ],
    );
    let ev = eval(&text);
    let status = |date| {
        let h = holder(&ev, date, "b", "a");
        (h.status, h.exercisable_votes)
    };
    assert_eq!(status("2024-01-01"), (VoteStatus::Suppressed, 0));
    assert_eq!(status("2024-02-29"), (VoteStatus::Suppressed, 0));
    assert_eq!(status("2024-03-01"), (VoteStatus::Full, 100));
    assert_eq!(status("2024-05-31"), (VoteStatus::Full, 100));
    assert_eq!(status("2024-06-01"), (VoteStatus::Suppressed, 0));
    assert!(
        !has_finding(&ev, "2024-03-01", FindingKind::Control, "a", "b"),
        "control is only computed when the rule is on"
    );
    assert_eq!(issuer(&ev, "2024-03-01", "a").exercisable_votes, 1000);
}

#[test]
fn conflicting_rule_events_on_one_date_are_refused() {
    let text = scenario_text(
        "",
        &[company("a", "France", 1000, 0)],
        &[],
        &[],
        &[
            r#"SetRule(date: "2024-03-01", rule: VoteCaps, on: false)"#.to_string(),
            r#"SetRule(date: "2024-03-01", rule: VoteCaps, on: true)"#.to_string(),
        ],
    );
    match alliance_sim::io::parse(&text, std::path::Path::new("t.ron")) {
        Err(alliance_sim::io::FileError::Invalid { error, .. }) => {
            assert_eq!(error.date, Some(crate::support::date("2024-03-01")))
        }
        other => panic!("expected an invalid scenario, got {other:?}"),
    }
}
