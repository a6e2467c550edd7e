//! Names of events for people: "French trust (Natixis) sells Nissan shares, 2026" rather than
//! an index into the file. Used by the app's lists, markers and messages.

use super::{Event, MARKET, Scenario};

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
