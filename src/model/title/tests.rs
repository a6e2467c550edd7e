//! Tests of titles, summaries and items as people and error messages read them.

use crate::model::{Amount, Behaviour, BehaviourSetting, Event, Fraction, VoteCap};

fn date(s: &str) -> chrono::NaiveDate {
    s.parse().unwrap_or_else(|e| panic!("{s}: {e}"))
}

#[test]
fn summaries_name_parties_and_group_digits() -> Result<(), crate::io::FileError> {
    let s = crate::io::default_scenario()?;
    let said: Vec<String> = s.events.iter().map(|e| s.event_summary(e)).collect();
    for expected in [
        "transfer of Nissan shares from Renault, down to 15% of issued, to French trust (Natixis)",
        "vote cap of 15% on Renault at Nissan",
        "vote cap lifted on French State at Renault",
        "buyback by Nissan of 211,000,000 shares from French trust (Natixis)",
        "buyback by Nissan of 1,110,800 shares from the public float",
        "cancellation of 211,000,000 Nissan treasury shares",
        "transfer of 6,936,275 Nissan shares from Nissan to the public float",
        "Renault publishes 401,082,760 theoretical votes",
        "phased sale of the whole holding of Nissan shares by French trust (Natixis) to the public float in 4 \
         tranches, 2026-02-16 to 2026-11-16",
    ] {
        assert!(said.iter().any(|x| x == expected), "{expected:?} not in {said:#?}");
    }
    // No id of a known party is left once the names are taken out (captions aside).
    let mut names: Vec<&str> = s.entities.iter().map(|e| e.name.as_str()).collect();
    names.push("the public float");
    names.sort_by_key(|n| std::cmp::Reverse(n.len()));
    let ids: Vec<&str> = s.entities.iter().map(|e| e.id.as_str()).chain([crate::model::MARKET]).collect();
    for (e, line) in s.events.iter().zip(&said) {
        if matches!(e, Event::Milestone { .. }) {
            continue;
        }
        let rest = names.iter().fold(line.clone(), |acc, n| acc.replace(n, ""));
        let raw: Vec<&str> = rest.split(|c: char| !(c.is_alphanumeric() || c == '-' || c == '_')).collect();
        assert!(ids.iter().all(|id| !raw.contains(id)), "an id in {line:?}");
        assert!(!line.contains("nissan shares") && !line.contains('`'), "{line}");
        // No word of the file either: an intent is said for people.
        assert!(!line.contains("down_to") && !line.contains("part:") && !line.contains("(part"), "{line}");
    }
    Ok(())
}

/// The default scenario's event `k` (from 0), or a panic naming it.
fn event(s: &crate::model::Scenario, k: usize) -> Event {
    s.events.get(k).cloned().unwrap_or_else(|| panic!("the default scenario has an event {}", k + 1))
}

#[test]
fn intents_read_for_people_and_keep_their_file_words_in_errors() -> Result<(), crate::io::FileError> {
    let s = crate::io::default_scenario()?;
    let sale = s.events.iter().position(|e| matches!(e, Event::PhasedSale { .. })).unwrap_or(0);
    let (down_to, whole) = (event(&s, 1), event(&s, sale));
    assert!(matches!(down_to.amount(), Some(Ok(Amount::DownTo(_)))), "{down_to:?}");
    assert!(matches!(whole.amount(), Some(Ok(Amount::Part(_)))), "{whole:?}");
    // With ids, each intent is followed by what the file says, as each party by its id.
    assert_eq!(
        s.event_item(1),
        "event 2 (transfer of Nissan (`nissan`) shares from Renault (`renault`), down to 15% of issued \
         (`down_to: \"15%\"`), to French trust (Natixis) (`trust`))"
    );
    assert_eq!(
        s.event_summary_with_ids(&whole),
        "phased sale of the whole holding (`part: \"1\"`) of Nissan (`nissan`) shares by French trust (Natixis) \
         (`trust`) to the public float (`market`) in 4 tranches, 2026-02-16 to 2026-11-16"
    );
    // A stake kept reads the same in a phased sale, and a part of the holding in a transfer.
    let half = Fraction::HALF;
    let mut sale_down = whole.clone();
    sale_down.set_amount(Amount::DownTo(Fraction::new(1, 10).unwrap_or_else(|| panic!("1/10 is a fraction"))));
    assert_eq!(
        s.event_summary(&sale_down),
        "phased sale of Nissan shares by French trust (Natixis), down to 10% of issued, to the public float in \
         4 tranches, 2026-02-16 to 2026-11-16"
    );
    let mut part = down_to.clone();
    part.set_amount(Amount::Part(half));
    assert_eq!(
        s.event_summary(&part),
        "transfer of 50% of the holding of Nissan shares from Renault to French trust (Natixis)"
    );
    assert_eq!(
        s.event_summary_with_ids(&part),
        "transfer of 50% of the holding (`part: \"0.5\"`) of Nissan (`nissan`) shares from Renault (`renault`) \
         to French trust (Natixis) (`trust`)"
    );
    // An amount that cannot be read is said as such, not as a share count.
    if let Event::Transfer { down_to, .. } = &mut part {
        *down_to = Some(half);
    }
    assert!(s.event_summary(&part).ends_with("to French trust (Natixis) (more than one amount given)"));
    if let Event::PhasedSale { tranches, .. } = &mut sale_down {
        *tranches = 1;
    }
    assert!(s.event_summary(&sale_down).contains(" in 1 tranche, "), "{}", s.event_summary(&sale_down));
    Ok(())
}

#[test]
fn start_date_items_name_parties_like_events() -> Result<(), crate::io::FileError> {
    let mut s = crate::io::default_scenario()?;
    assert_eq!(s.vote_cap_item(0), "vote cap 1 (17.9% on French State (`french-state`) at Renault (`renault`))");
    assert_eq!(
        s.behaviour_item(0),
        "behaviour 1 (French trust (Natixis) (`trust`) votes with Renault (`renault`) on resolutions of kind \
         \u{201c}Election of a Renault-nominated Nissan director\u{201d} (`director_renault_nominee`) at Nissan \
         (`nissan`))"
    );
    assert!(s.behaviour_item(1).contains("(`trust`) votes for resolutions of kind"), "{}", s.behaviour_item(1));
    assert!(s.behaviour_item(2).contains("(`trust`) votes against resolutions"), "{}", s.behaviour_item(2));
    let cap = VoteCap { holder: "renualt".into(), issuer: "market".into(), ..s.vote_caps[0].clone() };
    s.vote_caps.push(cap);
    assert_eq!(s.vote_cap_item(1), "vote cap 2 (17.9% on `renualt` at the public float (`market`))");
    assert_eq!(s.vote_cap_item(9), "vote cap 10");
    assert_eq!(s.behaviour_item(9), "behaviour 10");
    Ok(())
}

#[test]
fn behaviours_name_the_leader_and_the_kind_and_errors_keep_the_ids() -> Result<(), crate::io::FileError> {
    let s = crate::io::default_scenario()?;
    let follow = |kind: &str, issuer: Option<&str>| Event::SetBehaviour {
        date: date("2024-01-01"),
        setting: BehaviourSetting {
            holder: "trust".into(),
            issuer: issuer.map(Into::into),
            kind: Some(kind.into()),
            behaviour: Behaviour::Follows("renault".into()),
            source: None,
        },
        caption: String::new(),
    };
    let e = follow("director_renault_nominee", Some("nissan"));
    assert_eq!(
        s.event_summary(&e),
        "French trust (Natixis) votes with Renault on resolutions of kind \
         \u{201c}Election of a Renault-nominated Nissan director\u{201d} at Nissan"
    );
    assert_eq!(
        s.event_summary_with_ids(&e),
        "French trust (Natixis) (`trust`) votes with Renault (`renault`) on resolutions of kind \
         \u{201c}Election of a Renault-nominated Nissan director\u{201d} (`director_renault_nominee`) at Nissan \
         (`nissan`)"
    );
    assert_eq!(
        s.event_title(&e),
        "French trust (Natixis) votes with Renault on \u{201c}Renault nominee\u{201d} at Nissan, 2024-01-01"
    );
    // A kind or a party the scenario does not have is written by its id.
    let e = follow("no_such_kind", None);
    assert!(s.event_summary(&e).ends_with("on resolutions of kind \u{201c}no_such_kind\u{201d} at every issuer"));
    assert!(s.event_summary_with_ids(&e).ends_with("on resolutions of kind `no_such_kind` at every issuer"));
    // Each behaviour says how the holder votes, in words ("votes for", not "votes committed for").
    let said = |b: Behaviour, kind: Option<&str>| {
        let e = Event::SetBehaviour {
            date: date("2024-01-01"),
            setting: BehaviourSetting {
                holder: "trust".into(),
                issuer: Some("nissan".into()),
                kind: kind.map(Into::into),
                behaviour: b,
                source: None,
            },
            caption: String::new(),
        };
        (s.event_summary(&e), s.event_title(&e))
    };
    assert_eq!(
        said(Behaviour::For, None),
        (
            "French trust (Natixis) votes for every kind of resolution at Nissan".to_string(),
            "French trust (Natixis) votes for every resolution at Nissan, 2024-01-01".to_string()
        )
    );
    assert_eq!(
        said(Behaviour::Against, None).1,
        "French trust (Natixis) votes against every resolution at Nissan, 2024-01-01"
    );
    assert_eq!(
        said(Behaviour::Neutral, None).0,
        "French trust (Natixis) is neutral on every kind of resolution at Nissan"
    );
    assert_eq!(
        said(Behaviour::Free, Some("ordinary")).0,
        "French trust (Natixis) votes freely on resolutions of kind \u{201c}Ordinary\u{201d} at Nissan"
    );
    let issue = Event::Issue {
        date: date("2024-01-01"),
        issuer: "nisan".into(),
        to: "market".into(),
        shares: 12_345_678,
        caption: String::new(),
        source: None,
    };
    assert_eq!(s.event_summary(&issue), "issue of 12,345,678 nisan shares to the public float");
    assert_eq!(s.event_summary_with_ids(&issue), "issue of 12,345,678 `nisan` shares to the public float (`market`)");
    let mut with_issue = s.clone();
    with_issue.events.insert(0, issue);
    assert_eq!(with_issue.event_item(0), "event 1 (issue of 12,345,678 `nisan` shares to the public float (`market`))");
    assert_eq!(s.event_item(s.events.len()), format!("event {}", s.events.len() + 1));
    Ok(())
}

#[test]
fn titles_name_parties_and_dates_for_people() -> Result<(), crate::io::FileError> {
    let s = crate::io::default_scenario()?;
    let titles: Vec<String> = s.events.iter().map(|e| s.event_title(e)).collect();
    for expected in [
        "French trust (Natixis) sells Nissan shares, 2026",
        "Renault transfers Nissan shares to French trust (Natixis), 2023-11-08",
        // The public float, as summaries say it, not "the market".
        "Nissan buys back shares from the public float, 2024-03-28",
        // A cap as a percentage, not as the file's decimal.
        "Renault capped at 15% at Nissan, 2023-11-08",
        // An issuer selling its own shares sells treasury shares.
        "Nissan sells treasury shares, 2024-03-31",
    ] {
        assert!(titles.iter().any(|t| t == expected), "{expected:?} not in {titles:#?}");
    }
    assert!(titles.iter().all(|t| !t.contains('#') && !t.contains("market")), "{titles:#?}");
    let issue = Event::Issue {
        date: date("2024-01-01"),
        issuer: "nissan".into(),
        to: "market".into(),
        shares: 1,
        caption: String::new(),
        source: None,
    };
    assert_eq!(s.event_title(&issue), "Nissan issues shares to the public float, 2024-01-01");
    Ok(())
}

#[test]
fn capitalised_starts_a_sentence() {
    assert_eq!(super::words::capitalised("transfer of …"), "Transfer of …");
    assert_eq!(super::words::capitalised("élan"), "Élan");
    assert_eq!(super::words::capitalised(""), "");
}
