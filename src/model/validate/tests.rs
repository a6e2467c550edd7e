//! Tests of the messages validation writes for people.

use super::{MAX_COUNT, check, problems};
use crate::model::{Amount, EntityKind, Event, Fraction, MARKET, Scenario};

fn scenario() -> Scenario {
    crate::io::default_scenario().unwrap_or_else(|e| panic!("{e}"))
}

/// The first problem `check` finds, as a user reads it.
fn first(s: &Scenario) -> String {
    check(s).err().map(|e| e.to_string()).unwrap_or_else(|| panic!("no problem found"))
}

#[test]
fn replay_errors_group_digits_and_name_each_party_with_its_id() {
    // Renault holds 1,831,837,000 Nissan shares before the closing.
    let mut s = scenario();
    s.events[1].set_amount(Amount::Shares(2_000_000_000));
    assert_eq!(
        first(&s),
        "event 2 (transfer of 2,000,000,000 Nissan (`nissan`) shares from Renault (`renault`) to French trust \
         (Natixis) (`trust`)) on 2023-11-08: Renault (`renault`) would sell 2,000,000,000 shares of Nissan \
         (`nissan`) but holds only 1,831,837,000; reduce the amount sold, or move the sale after the shares are \
         bought"
    );
    let mut s = scenario();
    s.events[1].set_amount(Amount::DownTo(Fraction::HALF));
    assert_eq!(
        first(&s),
        "event 2 (transfer of Nissan (`nissan`) shares from Renault (`renault`), down to 50% of issued \
         (`down_to: \"50%\"`), to French trust (Natixis) (`trust`)) on 2023-11-08: Renault (`renault`) should \
         keep 50% of Nissan (`nissan`), that is 2,110,357,556 shares, but holds only 1,831,837,000 (43.40%): that \
         would be a purchase; lower `down_to` to at most the holding, give a share count, or remove the event"
    );
    let mut s = scenario();
    let Some(Event::Cancellation { shares, .. }) = s.events.get_mut(6) else {
        panic!("event 7 of the default scenario is a cancellation")
    };
    *shares = 300_000_000;
    assert!(
        first(&s).ends_with(
            "Nissan (`nissan`) would cancel or sell 300,000,000 treasury shares but holds only 239,868,430; buy \
             the shares back first, or reduce the number cancelled"
        ),
        "{}",
        first(&s)
    );
    let mut s = scenario();
    let Some(Event::VoteCount { theoretical_votes, .. }) = s.events.get_mut(20) else {
        panic!("event 21 of the default scenario is a vote count (2024-10-31)")
    };
    *theoretical_votes = 1_000_000;
    assert!(
        first(&s).ends_with(
            "the published count of 1,000,000 theoretical votes for Renault (`renault`) is impossible: treasury, \
             holders and float give at least 384,468,542 and at most 583,677,695 votes; check the published \
             figure and the holdings' double voting shares on that date"
        ),
        "{}",
        first(&s)
    );
    let mut s = scenario();
    s.holdings[0].shares = 300_000_000;
    s.holdings[0].double_voting_shares = 0;
    assert_eq!(
        first(&s),
        "the holdings on 2022-10-31: the float of Renault (`renault`) would be negative: \
         295,722,284 shares issued, 4,562,561 in treasury, 344,358,343 held by listed holders; reduce the \
         holdings or the treasury shares, or issue more shares"
    );
}

#[test]
fn static_errors_label_items_by_name_and_id_and_group_digits() {
    let mut s = scenario();
    s.holdings[0].shares = 5_000_000_000;
    s.holdings[0].double_voting_shares = 6_000_000_000;
    s.vote_caps[0].issuer = "trust".into();
    s.behaviours[0].issuer = Some("trust".into());
    s.behaviours[1].kind = Some("nope".into());
    if let Some(EntityKind::Company { treasury_shares, .. }) = s.entities.get_mut(0).map(|e| &mut e.kind) {
        *treasury_shares = 5_000_000_000;
    }
    let big = MAX_COUNT + 1;
    let (start, caption) = (s.start, String::new());
    s.events.push(Event::Issue {
        date: start,
        issuer: "nissan".into(),
        to: MARKET.into(),
        shares: big,
        caption,
        source: None,
    });
    let said: Vec<String> = problems(&s).iter().map(ToString::to_string).collect();
    let issue = format!(
        "event {} (issue of 1,000,000,000,000,001 Nissan (`nissan`) shares to the public float (`market`)) on \
             2022-10-31: 1,000,000,000,000,001 is above the largest count supported (1,000,000,000,000,000); \
             check the figure: no listed company has that many shares",
        s.events.len()
    );
    for expected in [
        "entity Renault (`renault`) on 2022-10-31: 5,000,000,000 treasury shares exceed the 295,722,284 issued; \
         correct the share counts",
        "holding of French State (`french-state`) in Renault (`renault`) on 2022-10-31: 6,000,000,000 double \
         voting shares exceed the 5,000,000,000 shares held; lower `double_voting_shares` to at most `shares`",
        "vote cap 1 (17.9% on French State (`french-state`) at French trust (Natixis) (`trust`)): French trust \
         (Natixis) (`trust`) is not a company of the scenario; name the id of a company as the issuer",
        "behaviour 1 (French trust (Natixis) (`trust`) votes with Renault (`renault`) on resolutions of kind \
         \u{201c}Election of a Renault-nominated Nissan director\u{201d} (`director_renault_nominee`) at French \
         trust (Natixis) (`trust`)): French trust (Natixis) (`trust`) is not a company of the scenario; name a \
         company as the issuer, or leave the issuer out for every issuer",
        issue.as_str(),
    ] {
        assert!(said.iter().any(|x| x == expected), "{expected:?} not in {said:#?}");
    }
    let kind = said.iter().find(|x| x.starts_with("behaviour 2 (")).map_or("", String::as_str);
    assert!(kind.contains("votes for resolutions of kind `nope` at Nissan (`nissan`)): `nope` is not"), "{kind}");
    assert!(kind.contains("(kinds: `director_committee_nominee`, `director_renault_nominee`, `ordinary`"), "{kind}");
    // Every error says where and what to do.
    assert!(problems(&s).iter().all(|e| !e.item.is_empty() && !e.problem.is_empty() && !e.fix.is_empty()));
}

#[test]
fn an_unnamed_or_unknown_party_is_its_id_alone() {
    let mut s = scenario();
    s.holdings[0].holder = "etat".into();
    if let Some(e) = s.entities.iter_mut().find(|e| e.id == "renault") {
        e.name = String::new();
    }
    let said: Vec<String> = problems(&s).iter().map(ToString::to_string).collect();
    assert!(
        said.iter().any(|x| x.starts_with("holding of `etat` in `renault` on 2022-10-31: the holder `etat` is not")),
        "{said:#?}"
    );
    s.events.push(Event::Issue {
        date: s.start,
        issuer: "renault".into(),
        to: "etat".into(),
        shares: 1_000,
        caption: String::new(),
        source: None,
    });
    let item = s.event_item(s.events.len() - 1);
    assert!(item.ends_with("(issue of 1,000 `renault` shares to `etat`)"), "{item}");
}
