//! Resolution kinds and behaviours in whole scenarios, with exact integers: the default kinds,
//! kinds named in the file, a trust that follows its beneficiary on one kind, a cap on the
//! leader that does not cap the votes that follow it, behaviours changed by dated events,
//! and the report's `power` keyed by kind.

// Helpers outside #[test] functions may panic too: this is a test crate.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use crate::support::{date, eval};
use alliance_sim::engine::{Counted, Evaluation};
use alliance_sim::io;

/// `b` (Other, 10,000 shares): `a` holds 2,000 capped at 10% of the votes (before capping),
/// a trust holds 3,000, investor `x` 1,000; the float 4,000 at 50% turnout.
fn text(kinds: &str, behaviours: &str, events: &str) -> String {
    format!(
        r##"(
    version: 1,
    title: "kinds",
    start: "2024-01-01",
    end: "2025-12-31",
    meeting: (float_turnout: "50%"),
    entities: [
        (id: "a", name: "A", color: "#102030",
            kind: Company(jurisdiction: Other, issued_shares: 1000, treasury_shares: 0)),
        (id: "b", name: "B", color: "#102030",
            kind: Company(jurisdiction: Other, issued_shares: 10000, treasury_shares: 0)),
        (id: "x", name: "X", color: "#102030", kind: Investor),
        (id: "t", name: "T", color: "#102030", kind: Trust(beneficiary: "a")),
    ],
    holdings: [
        (holder: "a", issuer: "b", shares: 2000),
        (holder: "t", issuer: "b", shares: 3000),
        (holder: "x", issuer: "b", shares: 1000),
    ],
    vote_caps: [(holder: "a", issuer: "b", cap: "10%", reading: OfTotalBeforeCap)],
    kinds: [{kinds}],
    behaviours: [{behaviours}],
    events: [{events}],
)"##
    )
}

const DIRECTOR: &str = r#"
        (id: "ordinary", name: "Ordinary", quota: MoreThan("1/2")),
        (id: "director", name: "Director nominated by A", quota: MoreThan("1/2"), source: Some("an agreement")),
        (id: "proposal", name: "Shareholder proposal", quota: AtLeast("2/3")),
"#;

fn game<'a>(ev: &'a Evaluation, date: &str, kind: &str) -> &'a alliance_sim::engine::KindGame {
    &ev.at(crate::support::date(date)).unwrap().issuer("b").unwrap().kind(kind).unwrap().game
}

#[test]
fn a_scenario_without_kinds_has_ordinary_and_special() {
    let ev = eval(&text("", "", ""));
    let b = ev.at(date("2024-01-01")).unwrap().issuer("b").unwrap();
    let ids: Vec<&str> = b.kinds.iter().map(|k| k.game.kind.as_str()).collect();
    assert_eq!(ids, ["ordinary", "special"]);
    // Exercisable 10,000 (no treasury); a's cap before capping: floor(10% × 10,000) = 1,000.
    // The trust is neutral; in play: a 1,000 + x 1,000 + float 4,000 × 50% = 2,000.
    let g = game(&ev, "2024-01-01", "ordinary");
    assert_eq!(g.players(), vec![(0, 1000), (2, 1000)]);
    assert_eq!(g.total, 4000);
    assert_eq!(g.holders[1].counted, Counted::Neutral);
}

#[test]
fn the_trust_follows_its_beneficiary_on_one_kind_and_the_cap_limits_only_the_leaders_own_votes() {
    let ev = eval(&text(
        DIRECTOR,
        r#"(holder: "t", issuer: Some("b"), kind: Some("director"), behaviour: Follows("a"))"#,
        "",
    ));
    let ordinary = game(&ev, "2024-01-01", "ordinary");
    assert_eq!(ordinary.players(), vec![(0, 1000), (2, 1000)]);
    let director = game(&ev, "2024-01-01", "director");
    // a: its own 1,000 capped votes + the trust's 3,000 uncapped = 4,000 of 7,000 in play.
    assert_eq!(director.players(), vec![(0, 4000), (2, 1000)]);
    assert_eq!(director.total, 7000);
    assert_eq!(director.holders[1].counted, Counted::WithLeader("a".into()));
    assert!(director.passes(4000), "4,000 of 7,000 is more than half: a decides alone");
    let p = ev.at(date("2024-01-01")).unwrap().issuer("b").unwrap();
    assert_eq!(p.power_of("a", "director").unwrap().shapley_shubik, 1.0);
    assert_eq!(p.power_of("t", "director").unwrap().shapley_shubik, 0.0);
    assert!(p.power_of("a", "ordinary").unwrap().shapley_shubik < 1.0);
}

#[test]
fn against_counts_in_the_total_and_a_dated_event_changes_the_behaviour() {
    let events = r#"SetBehaviour(date: "2025-01-01", setting: (holder: "t", kind: Some("proposal"), behaviour: Against),
        caption: "The trust abstains (counted against).")"#;
    let ev = eval(&text(DIRECTOR, "", events));
    let before = game(&ev, "2024-06-01", "proposal");
    assert_eq!((before.total, before.committed_against), (4000, 0));
    let after = game(&ev, "2025-01-01", "proposal");
    // The trust's 3,000 votes are a committed no: 7,000 in play, at least 2/3 needs 4,667 yes
    // and the free votes are only 4,000.
    assert_eq!((after.total, after.committed_against), (7000, 3000));
    assert!(!after.passes(4000));
    assert_eq!(after.decided(), Some(alliance_sim::engine::Decided::Fails));
    // Ordinary resolutions are untouched.
    assert_eq!(game(&ev, "2025-01-01", "ordinary").total, 4000);
}

#[test]
fn committed_for_votes_are_yes_votes_in_the_total() {
    let ev = eval(&text(DIRECTOR, r#"(holder: "x", kind: Some("director"), behaviour: For)"#, ""));
    let g = game(&ev, "2024-01-01", "director");
    assert_eq!((g.total, g.committed_for), (4000, 1000));
    assert_eq!(g.players(), vec![(0, 1000)]);
    // yes + 1,000 > 2,000 needs more than 1,000 free yes votes: a alone is not enough.
    assert!(!g.passes(1000) && g.passes(1001));
}

#[test]
fn unknown_kinds_and_leaders_are_refused_with_their_names() {
    let bad = io::parse(
        &text(DIRECTOR, r#"(holder: "t", kind: Some("nope"), behaviour: Follows("zz"))"#, ""),
        std::path::Path::new("k.ron"),
    )
    .unwrap_err()
    .to_string();
    assert!(bad.contains("`nope` is not a resolution kind"), "{bad}");
    let bad =
        io::parse(&text(DIRECTOR, r#"(holder: "t", behaviour: Follows("zz"))"#, ""), std::path::Path::new("k.ron"))
            .unwrap_err()
            .to_string();
    assert!(bad.contains("`zz`"), "{bad}");
    let bad = io::parse(&text(r#"(id: "o", name: "O", quota: MoreThan("1"))"#, "", ""), std::path::Path::new("k.ron"))
        .unwrap_err()
        .to_string();
    assert!(bad.contains("can never be met"), "{bad}");
}

#[test]
fn the_report_keys_power_by_kind() {
    let s = io::parse(
        &text(DIRECTOR, r#"(holder: "t", kind: Some("director"), behaviour: Follows("a"))"#, ""),
        std::path::Path::new("k.ron"),
    )
    .unwrap();
    let ev = alliance_sim::engine::evaluate(&s).unwrap();
    let r = io::report::report(&s, &ev, Some(date("2024-01-01")));
    let json: serde_json::Value = serde_json::from_str(&io::report::to_json(&r).unwrap()).unwrap();
    let holder = &json["dates"][0]["issuers"]["b"]["holders"]["a"];
    let keys: Vec<&str> = holder["power"].as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(keys, ["director", "ordinary", "proposal"]);
    assert_eq!(holder["power"]["director"]["shapley_shubik"], 1.0);
    assert_eq!(json["dates"][0]["issuers"]["b"]["holders"]["t"]["behaviour"]["director"], "follows:a");
    assert_eq!(json["dates"][0]["issuers"]["b"]["kinds"]["director"]["votes_in_play"], 7000);
    assert_eq!(json["kinds"][1]["quota"], "more than 0.5");
    let csv = io::report::to_csv(&r);
    assert!(csv.contains("2024-01-01,holder,b,a,power_director_shapley_shubik,1\n"), "{csv}");
}

// ---------------------------------------------------------------- the shipped scenarios

fn shipped(name: &str) -> (alliance_sim::model::Scenario, Evaluation) {
    let s = io::load(&crate::support::root().join("scenarios").join(name)).unwrap();
    let ev = alliance_sim::engine::evaluate(&s).unwrap();
    (s, ev)
}

#[test]
fn the_default_scenario_reproduces_each_corrected_disclosure() {
    let (_, ev) = shipped("renault-nissan-2023.ron");
    let issuer = |date: &str, id: &str| ev.at(crate::support::date(date)).unwrap().issuer(id).unwrap().votes.clone();
    // Nissan, 2024-03-27 release: 100,242,900 shares bought on 2024-03-28 (99,132,100 from the
    // trust, 1,110,800 from others), all cancelled on 2024-04-03.
    let before = issuer("2024-03-27", "nissan");
    let bought = issuer("2024-03-28", "nissan");
    assert_eq!(bought.treasury_shares - before.treasury_shares, 100_242_900);
    assert_eq!(before.holder("trust").unwrap().shares - bought.holder("trust").unwrap().shares, 99_132_100);
    // Nissan securities report: 21,932,155 treasury shares at 2024-03-31, the 100,242,900 bought
    // on 2024-03-28 aside (cancelled on 2024-04-03).
    assert_eq!(issuer("2024-03-31", "nissan").treasury_shares, 21_932_155 + 100_242_900);
    let cancelled = issuer("2024-04-03", "nissan");
    assert_eq!((cancelled.issued_shares, cancelled.treasury_shares), (3_909_472_212, 21_932_155));
    // Nissan semi-annual report to 2025-09-30: 3,713,998,612 issued, with no cancellation
    // beyond the three disclosed buybacks.
    assert_eq!(issuer("2025-09-30", "nissan").issued_shares, 3_713_998_612);
    assert_eq!(issuer("2025-09-30", "nissan").holder("trust").unwrap().shares, 693_124_033);
    // Renault, AMF count of 2025-09-30: 403,533,332 theoretical and 397,689,716 exercisable votes.
    let renault = issuer("2025-09-30", "renault");
    assert_eq!(renault.theoretical_votes, 403_533_332);
    assert_eq!(renault.theoretical_votes - renault.treasury_shares, 397_689_716);
    // Renault, AMF count of 2024-10-31: 401,082,760 theoretical and 393,315,887 exercisable.
    let renault = issuer("2024-10-31", "renault");
    assert_eq!(
        (renault.theoretical_votes, renault.theoretical_votes - renault.treasury_shares),
        (401_082_760, 393_315_887)
    );
    // Renault, AMF counts of 2024-04-30 (corrected 2024-05-28) and 2024-05-31: the treasury fell
    // to 3,933,088 shares before the 2024 meeting, then rose to 4,492,522.
    for (day, theoretical, exercisable) in
        [("2024-04-30", 400_614_117, 396_681_029), ("2024-05-31", 400_578_405, 396_085_883)]
    {
        let renault = issuer(day, "renault");
        assert_eq!(
            (renault.theoretical_votes, renault.theoretical_votes - renault.treasury_shares),
            (theoretical, exercisable)
        );
    }
    assert_eq!(issuer("2024-04-29", "renault").treasury_shares, 4_562_561, "the 2022-10-31 count until then");
    // Mercedes-Benz's pension trust holds about 140.1 million Nissan shares until its sale of
    // 2025-08-26.
    assert_eq!(issuer("2025-08-25", "nissan").holder("mercedes-pension").unwrap().shares, 140_100_000);
    assert!(issuer("2025-08-26", "nissan").holder("mercedes-pension").is_none_or(|h| h.shares == 0));
    // MMC, Nissan's release of 2024-11-07: Nissan's 506,620,577 shares are 34.07% and the
    // 149,028,300 sold 10.02% of the shares outside treasury, so MMC's treasury was not zero.
    let mmc = issuer("2024-11-07", "mitsubishi");
    let outside = (mmc.issued_shares - mmc.treasury_shares) as f64;
    assert!((506_620_577.0 / outside - 0.3407).abs() < 0.00005, "{}", 506_620_577.0 / outside);
    assert!((149_028_300.0 / outside - 0.1002).abs() < 0.00005, "{}", 149_028_300.0 / outside);
    // Mitsubishi Corporation, about 20% of MMC (an estimate, see the file): 22.23% of the shares
    // outside treasury at 2025-03-31.
    let mmc = issuer("2025-03-31", "mitsubishi");
    let mc = mmc.holder("mitsubishi-corp").unwrap().shares as f64 / (mmc.issued_shares - mmc.treasury_shares) as f64;
    assert!((mc - 0.2223).abs() < 0.00005, "{mc}");
    // With Mitsubishi Corporation in the game, Nissan's Shapley–Shubik power at MMC is near 57%
    // at 60% turnout (it was 85.8% without it).
    let p = ev
        .at(date("2024-06-01"))
        .unwrap()
        .issuer("mitsubishi")
        .unwrap()
        .power_of("nissan", "ordinary")
        .unwrap()
        .shapley_shubik;
    assert!((0.55..0.59).contains(&p), "{p}");
}

#[test]
fn on_the_trusts_exceptions_about_a_fifth_of_nissans_votes_are_not_neutral() {
    let (_, ev) = shipped("renault-nissan-2023.ron");
    let nissan = ev.at(date("2024-06-01")).unwrap().issuer("nissan").unwrap();
    let renault_ordinary = nissan.power_of("renault", "ordinary").unwrap().shapley_shubik;
    let renault_director = nissan.power_of("renault", "director_renault_nominee").unwrap().shapley_shubik;
    // With the trust's 888.6 million votes behind it Renault has 49.9% of the votes in play on
    // its nominees: short of a majority only because Mercedes-Benz's pension trust (140.1
    // million, attending in full) sits beside a float that casts 60%.
    assert!(renault_ordinary < 0.5 && (0.8..1.0).contains(&renault_director), "{renault_ordinary} {renault_director}");
    let trust = nissan.votes.holder("trust").unwrap().exercisable_votes as f64 / nissan.votes.exercisable_votes as f64;
    assert!((0.2..0.25).contains(&trust), "the trust holds {trust} of Nissan's exercisable votes");
    let committee = &nissan.kind("director_committee_nominee").unwrap().game;
    assert_eq!(committee.committed_for, nissan.votes.holder("trust").unwrap().exercisable_votes);
    let proposal = &nissan.kind("shareholder_proposal_opposed").unwrap().game;
    assert_eq!(proposal.committed_against, nissan.votes.holder("trust").unwrap().exercisable_votes);
}

#[test]
fn the_2019_quarter_is_crossed_near_18_5_percent_of_capital_and_the_covenant_lapses_then() {
    use alliance_sim::engine::VoteStatus;
    use alliance_sim::model::RuleName;
    let (_, ev) = shipped("nissan-25-percent.ron");
    let crossing = ev
        .points
        .iter()
        .position(|p| {
            p.issuer("nissan").unwrap().votes.holder("renault").unwrap().rule == Some(RuleName::MutualQuarter)
        })
        .expect("the quarter is crossed");
    let (before, at) = (&ev.points[crossing - 1], &ev.points[crossing]);
    assert_eq!(at.date, date("2019-06-07"));
    let capital = |p: &alliance_sim::engine::Point| {
        let r = &p.issuer("renault").unwrap().votes;
        r.holder("nissan").unwrap().shares as f64 / r.issued_shares as f64
    };
    assert!(capital(before) < 0.1875 && (0.185..0.19).contains(&capital(at)), "{} {}", capital(before), capital(at));
    // Votes, not capital: a quarter of the votes of all shareholders (treasury aside).
    let quarter = |p: &alliance_sim::engine::Point| {
        let r = &p.issuer("renault").unwrap().votes;
        4 * u128::from(r.holder("nissan").unwrap().theoretical_votes)
            >= u128::from(r.theoretical_votes - r.treasury_shares)
    };
    assert!(!quarter(before) && quarter(at));
    // The State's covenant applies while Nissan's votes are off and lapses when they come back.
    let state =
        |p: &alliance_sim::engine::Point| p.issuer("renault").unwrap().votes.holder("french-state").unwrap().status;
    let nissan_at_renault =
        |p: &alliance_sim::engine::Point| p.issuer("renault").unwrap().votes.holder("nissan").unwrap().status;
    assert_eq!((state(before), nissan_at_renault(before)), (VoteStatus::Capped, VoteStatus::Suppressed));
    assert_eq!((state(at), nissan_at_renault(at)), (VoteStatus::Full, VoteStatus::Full));
}

#[test]
fn a_tender_offer_finding_needs_an_acquisition_across_the_threshold() {
    use alliance_sim::engine::FindingKind;
    let (_, ev) = shipped("renault-nissan-2023.ron");
    // Nissan's 34% of MMC, held since 2016, crossed nothing in the window.
    assert!(ev.points.iter().all(|p| !p.findings.iter().any(|f| f.kind == FindingKind::TenderOffer)));
    // An acquisition across one third at a Japanese issuer gives one, on its date only.
    let text = text("", "", r#"Transfer(date: "2025-01-01", issuer: "b", from: "market", to: "x", shares: 3000)"#)
        .replace("jurisdiction: Other, issued_shares: 10000", "jurisdiction: Japan, issued_shares: 10000");
    let ev = eval(&text);
    let on = |date: &str| {
        ev.at(crate::support::date(date))
            .unwrap()
            .findings
            .iter()
            .filter(|f| f.kind == FindingKind::TenderOffer)
            .count()
    };
    assert_eq!((on("2024-06-01"), on("2025-01-01")), (0, 1));
}
