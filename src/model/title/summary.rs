//! Summaries of events and items for people: everything an event does, by display names
//! for tooltips and lists, or with the file's ids beside the names for error messages.

use super::words::with_id;
use crate::model::{Amount, AmountProblem, Behaviour, BehaviourSetting, Event, MARKET, Scenario, percent, thousands};

/// How a summary writes a party.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Naming {
    /// By its display name ("Renault", "the public float").
    Names,
    /// By its display name followed by its id in the file ("Renault (`renault`)"), or by the
    /// id alone when the name is the id (an entity without a name of its own, or one the
    /// scenario does not list); an intent likewise by its words followed by the file's
    /// ("down to 15% of issued (`down_to: "15%"`)").
    WithIds,
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
    pub(super) fn behaviour_words(&self, b: &BehaviourSetting, kinds: &str, naming: Naming) -> String {
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
    pub(super) fn party(&self, id: &str, naming: Naming) -> String {
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
