//! Names of events for people: "French trust (Natixis) sells Nissan shares, 2026" rather than
//! an index into the file. Used by the app's lists, markers and messages.
//!
//! A title is a few words; a summary says everything the event does ("transfer of 6,936,275
//! Nissan shares from Nissan to the public float"), by display names for tooltips and lists,
//! or with the file's ids beside the names for error messages, where a person has to find the
//! line in the file.

use super::{Amount, Behaviour, Event, MARKET, Scenario, percent, thousands};

/// How a summary writes a party.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Naming {
    /// By its display name ("Renault", "the public float").
    Names,
    /// By its display name followed by its id in the file ("Renault (`renault`)"), or by the
    /// id alone when the name is the id (an entity without a name of its own, or one the
    /// scenario does not list).
    WithIds,
}

impl Scenario {
    /// A short title naming the parties by their display names, with the date (a phased
    /// sale: its years).
    pub fn event_title(&self, e: &Event) -> String {
        let n = |id: &str| self.name_of(id).to_string();
        let what = match e {
            Event::Transfer { issuer, from, to, .. } => {
                let base = if to == MARKET {
                    format!("{} sells {} shares", n(from), n(issuer))
                } else if from == MARKET {
                    format!("{} buys {} shares", n(to), n(issuer))
                } else if to == issuer {
                    format!("{} sells {} shares back to it", n(from), n(issuer))
                } else {
                    format!("{} transfers {} shares to {}", n(from), n(issuer), n(to))
                };
                if e.is_what_if() { format!("What-if: {base}") } else { base }
            }
            Event::PhasedSale { issuer, seller, .. } => format!("{} sells {} shares", n(seller), n(issuer)),
            Event::Buyback { issuer, from, cancel, .. } => format!(
                "{} buys back shares from {}{}",
                n(issuer),
                if from == MARKET { "the market".to_string() } else { n(from) },
                if *cancel { " and cancels them" } else { "" }
            ),
            Event::Cancellation { issuer, .. } => format!("{} cancels treasury shares", n(issuer)),
            Event::Issue { issuer, to, .. } => format!(
                "{} issues shares to {}",
                n(issuer),
                if to == MARKET { "the market".to_string() } else { n(to) }
            ),
            Event::SetVoteCap { cap, .. } => format!("{} capped at {} at {}", n(&cap.holder), cap.cap, n(&cap.issuer)),
            Event::LiftVoteCap { holder, issuer, .. } => format!("Cap on {} at {} lifted", n(holder), n(issuer)),
            Event::SetRule { rule, on, .. } => {
                let label = rule.label();
                let mut c = label.chars();
                let cap = c.next().map(|f| f.to_uppercase().collect::<String>() + c.as_str()).unwrap_or_default();
                format!("{cap} {}", if *on { "on" } else { "off" })
            }
            Event::SetBehaviour { setting, .. } => format!(
                "{} votes {} at {}",
                n(&setting.holder),
                setting.kind.as_deref().map_or("on every kind".to_string(), |k| format!("on {k}")),
                setting.issuer.as_deref().map_or("every issuer".to_string(), n)
            ),
            Event::VoteCount { issuer, .. } => format!("{} publishes its vote count", n(issuer)),
            Event::Milestone { caption, .. } => short(caption),
        };
        let when = match e {
            Event::PhasedSale { start, end, .. } => {
                use chrono::Datelike;
                if start.year() == end.year() {
                    start.year().to_string()
                } else {
                    format!("{}–{}", start.year(), end.year())
                }
            }
            _ => e.date().to_string(),
        };
        format!("{what}, {when}")
    }
}

impl Scenario {
    /// What the event does, in one line for people: the parties by display name (`market` is
    /// "the public float"), share counts with thousands separators, a resolution kind by its
    /// name. An amount given as an intent keeps the words of the file (`(down_to: "15%")`),
    /// since what it comes to depends on the date.
    pub fn event_summary(&self, e: &Event) -> String {
        self.summarise(e, Naming::Names)
    }

    /// [`Scenario::event_summary`] for error messages: each party (and kind) is followed by its
    /// id in the file, "Nissan (`nissan`)", or is the id alone, "`nisan`", when it has no other
    /// name, so that the line can be found in the file.
    pub fn event_summary_with_ids(&self, e: &Event) -> String {
        self.summarise(e, Naming::WithIds)
    }

    /// How error messages name the `k`-th event (from 0): its number in the file, from 1, and
    /// what it does with ids ("event 2 (transfer of (down_to: \"15%\") Nissan (`nissan`) shares
    /// …)"); the number alone when there is no such event.
    pub fn event_item(&self, k: usize) -> String {
        self.events.get(k).map_or_else(
            || format!("event {}", k + 1),
            |e| format!("event {} ({})", k + 1, self.event_summary_with_ids(e)),
        )
    }

    fn summarise(&self, e: &Event, naming: Naming) -> String {
        let n = |id: &str| self.party(id, naming);
        match e {
            Event::Transfer { issuer, from, to, .. } => {
                format!("transfer of {} {} shares from {} to {}", amount_words(e), n(issuer), n(from), n(to))
            }
            Event::Buyback { issuer, from, shares, cancel, .. } => format!(
                "buyback by {} of {} shares from {}{}",
                n(issuer),
                thousands(*shares),
                n(from),
                if *cancel { ", cancelled" } else { "" }
            ),
            Event::Cancellation { issuer, shares, .. } => {
                format!("cancellation of {} {} treasury shares", thousands(*shares), n(issuer))
            }
            Event::Issue { issuer, to, shares, .. } => {
                format!("issue of {} {} shares to {}", thousands(*shares), n(issuer), n(to))
            }
            Event::PhasedSale { issuer, seller, buyer, tranches, start, end, .. } => format!(
                "phased sale of {} {} shares by {} to {} in {} tranches, {start} to {end}",
                amount_words(e),
                n(issuer),
                n(seller),
                n(buyer),
                thousands(u64::from(*tranches))
            ),
            Event::SetVoteCap { cap, .. } => {
                format!("vote cap of {} on {} at {}", percent(cap.cap), n(&cap.holder), n(&cap.issuer))
            }
            Event::LiftVoteCap { holder, issuer, .. } => format!("vote cap lifted on {} at {}", n(holder), n(issuer)),
            Event::SetRule { rule, on, .. } => {
                format!("{} switched {}", rule.label(), if *on { "on" } else { "off" })
            }
            Event::SetBehaviour { setting, .. } => format!(
                "{} votes {} at {} on {}",
                n(&setting.holder),
                match &setting.behaviour {
                    Behaviour::Follows(leader) => format!("with {}", n(leader)),
                    other => other.label(),
                },
                setting.issuer.as_deref().map_or_else(|| "every issuer".to_string(), n),
                setting
                    .kind
                    .as_deref()
                    .map_or_else(|| "every kind of resolution".to_string(), |k| self.kind(k, naming))
            ),
            Event::VoteCount { issuer, theoretical_votes, .. } => {
                format!("{} publishes {} theoretical votes", n(issuer), thousands(*theoretical_votes))
            }
            Event::Milestone { caption, .. } => format!("milestone: {caption}"),
        }
    }

    /// A party of an event, written as `naming` says.
    fn party(&self, id: &str, naming: Naming) -> String {
        let name = if id == MARKET { "the public float" } else { self.name_of(id) };
        match naming {
            Naming::Names => name.to_string(),
            Naming::WithIds if name == id => format!("`{id}`"),
            Naming::WithIds => format!("{name} (`{id}`)"),
        }
    }

    /// A resolution kind: "resolutions of kind “Ordinary”" (the kind's name when the scenario
    /// has the kind, else its id).
    fn kind(&self, id: &str, naming: Naming) -> String {
        let kinds = self.resolution_kinds();
        let name = kinds.iter().find(|k| k.id == id).map_or(id, |k| k.name.as_str());
        match naming {
            Naming::Names => format!("resolutions of kind \u{201c}{name}\u{201d}"),
            Naming::WithIds if name == id => format!("resolutions of kind `{id}`"),
            Naming::WithIds => format!("resolutions of kind \u{201c}{name}\u{201d} (`{id}`)"),
        }
    }
}

/// The amount as a summary writes it: a share count with separators, or the intent in the
/// words of the file.
fn amount_words(e: &Event) -> String {
    match e.amount() {
        Some(Ok(Amount::Shares(n))) => thousands(n),
        Some(Ok(a)) => format!("({})", a.file_form()),
        Some(Err(_)) => "(no single amount)".to_string(),
        None => String::new(),
    }
}

/// The first words of a caption (at most 48 characters, cut at a word).
fn short(caption: &str) -> String {
    let first = caption.split(['.', ':', ';']).next().unwrap_or(caption).trim();
    if first.is_empty() {
        return "Milestone".to_string();
    }
    if first.chars().count() <= 48 {
        return first.to_string();
    }
    let mut out = String::new();
    for word in first.split_whitespace() {
        if out.chars().count() + word.chars().count() + 1 > 47 {
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use crate::model::{Behaviour, BehaviourSetting, Event};

    fn date(s: &str) -> chrono::NaiveDate {
        s.parse().unwrap_or_else(|e| panic!("{s}: {e}"))
    }

    #[test]
    fn summaries_name_parties_and_group_digits() -> Result<(), crate::io::FileError> {
        let s = crate::io::default_scenario()?;
        let said: Vec<String> = s.events.iter().map(|e| s.event_summary(e)).collect();
        for expected in [
            "transfer of (down_to: \"15%\") Nissan shares from Renault to French trust (Natixis)",
            "vote cap of 15% on Renault at Nissan",
            "vote cap lifted on French State at Renault",
            "buyback by Nissan of 211,000,000 shares from French trust (Natixis)",
            "buyback by Nissan of 1,110,800 shares from the public float",
            "cancellation of 211,000,000 Nissan treasury shares",
            "transfer of 6,936,275 Nissan shares from Nissan to the public float",
            "Renault publishes 401,082,760 theoretical votes",
            "phased sale of (part: \"1\") Nissan shares by French trust (Natixis) to the public float in 4 tranches, \
             2026-02-16 to 2026-11-16",
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
        }
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
            "French trust (Natixis) votes with Renault at Nissan on resolutions of kind \
             \u{201c}Election of a Renault-nominated Nissan director\u{201d}"
        );
        assert_eq!(
            s.event_summary_with_ids(&e),
            "French trust (Natixis) (`trust`) votes with Renault (`renault`) at Nissan (`nissan`) on resolutions of \
             kind \u{201c}Election of a Renault-nominated Nissan director\u{201d} (`director_renault_nominee`)"
        );
        // A kind or a party the scenario does not have is written by its id.
        let e = follow("no_such_kind", None);
        assert!(s.event_summary(&e).ends_with("at every issuer on resolutions of kind \u{201c}no_such_kind\u{201d}"));
        assert!(s.event_summary_with_ids(&e).ends_with("on resolutions of kind `no_such_kind`"));
        let issue = Event::Issue {
            date: date("2024-01-01"),
            issuer: "nisan".into(),
            to: "market".into(),
            shares: 12_345_678,
            caption: String::new(),
            source: None,
        };
        assert_eq!(s.event_summary(&issue), "issue of 12,345,678 nisan shares to the public float");
        assert_eq!(
            s.event_summary_with_ids(&issue),
            "issue of 12,345,678 `nisan` shares to the public float (`market`)"
        );
        let mut with_issue = s.clone();
        with_issue.events.insert(0, issue);
        assert_eq!(
            with_issue.event_item(0),
            "event 1 (issue of 12,345,678 `nisan` shares to the public float (`market`))"
        );
        assert_eq!(s.event_item(s.events.len()), format!("event {}", s.events.len() + 1));
        Ok(())
    }

    #[test]
    fn titles_name_parties_and_dates_for_people() -> Result<(), crate::io::FileError> {
        let s = crate::io::default_scenario()?;
        let titles: Vec<String> = s.events.iter().map(|e| s.event_title(e)).collect();
        assert!(titles.contains(&"French trust (Natixis) sells Nissan shares, 2026".to_string()), "{titles:?}");
        assert!(titles.contains(&"Renault transfers Nissan shares to French trust (Natixis), 2023-11-08".to_string()));
        assert!(titles.iter().all(|t| !t.contains('#')));
        Ok(())
    }
}
