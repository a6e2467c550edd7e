//! Short titles of events for people ("French trust (Natixis) sells Nissan shares, 2026"):
//! the app's lists, markers and chart labels.

use super::summary::Naming;
use super::words::capitalised;
use crate::model::{Event, MARKET, Scenario, percent};

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

    /// A resolution kind's short name ("Renault nominee"), for titles; its id when the scenario
    /// does not have it.
    fn kind_short(&self, id: &str) -> String {
        self.resolution_kinds().iter().find(|k| k.id == id).map_or(id, |k| k.short_name()).to_string()
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
