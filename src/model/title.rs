//! Names of events for people: "French trust (Natixis) sells Nissan shares, 2026" rather than
//! an index into the file. Used by the app's lists, markers and messages.
//!
//! A title is a few words; a summary says everything the event does ("transfer of 6,936,275
//! Nissan shares from Nissan to the public float"), by display names for tooltips and lists,
//! or with the file's ids beside the names for error messages, where a person has to find the
//! line in the file.

use super::{Amount, AmountProblem, Behaviour, BehaviourSetting, Event, MARKET, Scenario, percent, thousands};

/// How a summary writes a party.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Naming {
    /// By its display name ("Renault", "the public float").
    Names,
    /// By its display name followed by its id in the file ("Renault (`renault`)"), or by the
    /// id alone when the name is the id (an entity without a name of its own, or one the
    /// scenario does not list); an intent likewise by its words followed by the file's
    /// ("down to 15% of issued (`down_to: "15%"`)").
    WithIds,
}

impl Scenario {
    /// A short title naming the parties by their display names, with the date (a phased
    /// sale: its years).
    pub fn event_title(&self, e: &Event) -> String {
        let n = |id: &str| self.name_of(id).to_string();
        let what = match e {
            Event::Transfer { issuer, from, to, .. } => {
                let base = if from == issuer {
                    if to == MARKET {
                        format!("{} sells treasury shares", n(issuer))
                    } else {
                        format!("{} transfers treasury shares to {}", n(issuer), n(to))
                    }
                } else if to == MARKET {
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
                self.party(from, Naming::Names),
                if *cancel { " and cancels them" } else { "" }
            ),
            Event::Cancellation { issuer, .. } => format!("{} cancels treasury shares", n(issuer)),
            Event::Issue { issuer, to, .. } => {
                format!("{} issues shares to {}", n(issuer), self.party(to, Naming::Names))
            }
            Event::SetVoteCap { cap, .. } => {
                format!("{} capped at {} at {}", n(&cap.holder), percent(cap.cap), n(&cap.issuer))
            }
            Event::LiftVoteCap { holder, issuer, .. } => format!("Cap on {} at {} lifted", n(holder), n(issuer)),
            Event::SetRule { rule, on, .. } => {
                format!("{} {}", capitalised(rule.label()), if *on { "on" } else { "off" })
            }
            Event::SetBehaviour { setting, .. } => {
                let kinds = match setting.kind.as_deref() {
                    Some(k) => format!("\u{201c}{}\u{201d}", self.kind_short(k)),
                    None => "every resolution".to_string(),
                };
                self.behaviour_words(setting, &kinds, Naming::Names)
            }
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
    /// "the public float"), share counts with thousands separators, an amount given as an intent
    /// in words ("the whole holding of Nissan shares", "from Renault, down to 15% of issued,"),
    /// a resolution kind by its name.
    pub fn event_summary(&self, e: &Event) -> String {
        self.summarise(e, Naming::Names)
    }

    /// [`Scenario::event_summary`] for error messages: each party (and kind) is followed by its
    /// id in the file, "Nissan (`nissan`)", or is the id alone, "`nisan`", when it has no other
    /// name; an intent is followed by its words in the file, "down to 15% of issued
    /// (`down_to: "15%"`)", which the fixes of such errors name. The event's number (see
    /// [`Scenario::event_item`]) and these ids find the line in the file.
    pub fn event_summary_with_ids(&self, e: &Event) -> String {
        self.summarise(e, Naming::WithIds)
    }

    /// How error messages name the `k`-th event (from 0): its number in the file, from 1, and
    /// what it does with ids ("event 2 (transfer of Nissan (`nissan`) shares from Renault
    /// (`renault`), down to 15% of issued (`down_to: "15%"`), to …)"); the number alone when
    /// there is no such event.
    pub fn event_item(&self, k: usize) -> String {
        self.events.get(k).map_or_else(
            || format!("event {}", k + 1),
            |e| format!("event {} ({})", k + 1, self.event_summary_with_ids(e)),
        )
    }

    /// How error messages name the `k`-th vote cap of the start date (from 0): "vote cap 1 (15% on
    /// Renault (`renault`) at Nissan (`nissan`))", the words of a vote cap event's summary.
    pub fn vote_cap_item(&self, k: usize) -> String {
        self.vote_caps.get(k).map_or_else(
            || format!("vote cap {}", k + 1),
            |c| {
                let (h, i) = (self.party_with_id(&c.holder), self.party_with_id(&c.issuer));
                format!("vote cap {} ({} on {h} at {i})", k + 1, percent(c.cap))
            },
        )
    }

    /// How error messages name the `k`-th behaviour of the start date (from 0): "behaviour 1
    /// (French trust (Natixis) (`trust`) is neutral on every kind of resolution at every
    /// issuer)", the words of a behaviour event's summary.
    pub fn behaviour_item(&self, k: usize) -> String {
        self.behaviours.get(k).map_or_else(
            || format!("behaviour {}", k + 1),
            |b| format!("behaviour {} ({})", k + 1, self.behaviour_summary(b, Naming::WithIds)),
        )
    }

    /// A party as error messages write it, as in [`Scenario::event_summary_with_ids`]: "Renault
    /// (`renault`)", "the public float (`market`)", or "`nisan`" for an id the scenario does not
    /// name.
    pub fn party_with_id(&self, id: &str) -> String {
        self.party(id, Naming::WithIds)
    }

    fn summarise(&self, e: &Event, naming: Naming) -> String {
        let n = |id: &str| self.party(id, naming);
        match e {
            Event::Transfer { issuer, from, to, .. } => {
                let a = AmountWords::of(e, naming);
                format!(
                    "transfer of {}{} shares from {}{} to {}{}",
                    a.before,
                    n(issuer),
                    n(from),
                    a.after_seller,
                    n(to),
                    a.after_all
                )
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
            Event::PhasedSale { issuer, seller, buyer, tranches, start, end, .. } => {
                let a = AmountWords::of(e, naming);
                format!(
                    "phased sale of {}{} shares by {}{} to {} in {} {}, {start} to {end}{}",
                    a.before,
                    n(issuer),
                    n(seller),
                    a.after_seller,
                    n(buyer),
                    thousands(u64::from(*tranches)),
                    if *tranches == 1 { "tranche" } else { "tranches" },
                    a.after_all
                )
            }
            Event::SetVoteCap { cap, .. } => {
                format!("vote cap of {} on {} at {}", percent(cap.cap), n(&cap.holder), n(&cap.issuer))
            }
            Event::LiftVoteCap { holder, issuer, .. } => format!("vote cap lifted on {} at {}", n(holder), n(issuer)),
            Event::SetRule { rule, on, .. } => {
                format!("{} switched {}", rule.label(), if *on { "on" } else { "off" })
            }
            Event::SetBehaviour { setting, .. } => self.behaviour_summary(setting, naming),
            Event::VoteCount { issuer, theoretical_votes, .. } => {
                format!("{} publishes {} theoretical votes", n(issuer), thousands(*theoretical_votes))
            }
            Event::Milestone { caption, .. } => format!("milestone: {caption}"),
        }
    }

    /// A behaviour in full: "French trust (Natixis) votes with Renault on resolutions of kind
    /// “Election of a Renault-nominated Nissan director” at Nissan".
    fn behaviour_summary(&self, b: &BehaviourSetting, naming: Naming) -> String {
        let kinds = b.kind.as_deref().map_or_else(|| "every kind of resolution".to_string(), |k| self.kind(k, naming));
        self.behaviour_words(b, &kinds, naming)
    }

    /// "{holder} {votes how} {kinds} at {issuer}", with `kinds` already written ("every
    /// resolution", "resolutions of kind “Ordinary”"): "votes with Renault on", "votes for",
    /// "votes against", "votes freely on", "is neutral on".
    fn behaviour_words(&self, b: &BehaviourSetting, kinds: &str, naming: Naming) -> String {
        let n = |id: &str| self.party(id, naming);
        let how = match &b.behaviour {
            Behaviour::Follows(leader) => format!("votes with {} on", n(leader)),
            Behaviour::Free => "votes freely on".to_string(),
            Behaviour::Neutral => "is neutral on".to_string(),
            Behaviour::For => "votes for".to_string(),
            Behaviour::Against => "votes against".to_string(),
        };
        let at = b.issuer.as_deref().map_or_else(|| "every issuer".to_string(), n);
        format!("{} {how} {kinds} at {at}", n(&b.holder))
    }

    /// A party of an event, written as `naming` says.
    fn party(&self, id: &str, naming: Naming) -> String {
        let name = if id == MARKET { "the public float" } else { self.name_of(id) };
        match naming {
            Naming::Names if name.trim().is_empty() => id.to_string(),
            Naming::Names => name.to_string(),
            Naming::WithIds => with_id(name, id),
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

    /// A resolution kind's short name ("Renault nominee"), for titles; its id when the scenario
    /// does not have it.
    fn kind_short(&self, id: &str) -> String {
        self.resolution_kinds().iter().find(|k| k.id == id).map_or(id, |k| k.short_name()).to_string()
    }
}

/// A name followed by the id it has in the file, "Renault (`renault`)", or the id alone,
/// "`nisan`", when there is no other name (an entity the scenario does not list, or one whose
/// name is empty or its id).
pub(crate) fn with_id(name: &str, id: &str) -> String {
    if name.trim().is_empty() || name == id { format!("`{id}`") } else { format!("{name} (`{id}`)") }
}

/// `text` with its first letter in capitals, for a summary that starts a tooltip or a
/// sentence ("transfer of …" → "Transfer of …").
pub fn capitalised(text: &str) -> String {
    let mut c = text.chars();
    c.next().map(|f| f.to_uppercase().collect::<String>() + c.as_str()).unwrap_or_default()
}

/// Where an amount goes in a summary. A share count or a part of the holding comes before the
/// issuer's shares ("6,936,275 Nissan shares", "the whole holding of Nissan shares"); a stake
/// the seller keeps comes after the seller ("from Renault, down to 15% of issued, to …"); an
/// amount that cannot be read is said at the end. With ids, an intent is followed by its words
/// in the file.
struct AmountWords {
    before: String,
    after_seller: String,
    after_all: String,
}

impl AmountWords {
    fn of(e: &Event, naming: Naming) -> AmountWords {
        let mut out = AmountWords { before: String::new(), after_seller: String::new(), after_all: String::new() };
        let file = |a: Amount| match naming {
            Naming::Names => String::new(),
            Naming::WithIds => format!(" (`{}`)", a.file_form()),
        };
        match e.amount() {
            Some(Ok(Amount::Shares(n))) => out.before = format!("{} ", thousands(n)),
            Some(Ok(a @ Amount::Part(_))) => out.before = format!("{}{} of ", a.describe(), file(a)),
            Some(Ok(a @ Amount::DownTo(_))) => out.after_seller = format!(", {}{},", a.describe(), file(a)),
            Some(Err(AmountProblem::Missing)) => out.after_all = " (no amount given)".to_string(),
            Some(Err(AmountProblem::Several)) => out.after_all = " (more than one amount given)".to_string(),
            None => {}
        }
        out
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
        let sale = s.events.len() - 1;
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
        assert_eq!(super::capitalised("transfer of …"), "Transfer of …");
        assert_eq!(super::capitalised("élan"), "Élan");
        assert_eq!(super::capitalised(""), "");
    }
}
