//! The event form's model: the kinds of event it makes, its fields ([`EventForm`]) and the
//! event they describe ([`EventForm::event`]), with the parsing of typed shares and fractions.
//! No drawing: the form's window is in `fields.rs`.

use chrono::NaiveDate;

use crate::model::kinds::{Behaviour, BehaviourSetting};
use crate::model::{Amount, CapReading, Event, Fraction, MARKET, RuleName, SaleProfile, Scenario, VoteCap};

/// The kinds of event the form makes, in menu order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum FormKind {
    /// Shares change hands.
    #[default]
    Transfer,
    /// A sale in tranches over a window.
    PhasedSale,
    /// The issuer buys its own shares.
    Buyback,
    /// The issuer cancels treasury shares.
    Cancellation,
    /// New shares.
    Issue,
    /// A vote cap is set.
    VoteCap,
    /// A vote cap is lifted.
    LiftVoteCap,
    /// A rule is switched on or off.
    Rule,
    /// A holder's behaviour is set.
    Behaviour,
    /// A published vote count.
    VoteCount,
    /// A caption only.
    Milestone,
}

impl FormKind {
    /// Every kind, in menu order.
    pub const ALL: [FormKind; 11] = [
        FormKind::Transfer,
        FormKind::PhasedSale,
        FormKind::Buyback,
        FormKind::Cancellation,
        FormKind::Issue,
        FormKind::VoteCap,
        FormKind::LiftVoteCap,
        FormKind::Rule,
        FormKind::Behaviour,
        FormKind::VoteCount,
        FormKind::Milestone,
    ];

    /// The menu's words.
    pub fn label(self) -> &'static str {
        match self {
            FormKind::Transfer => "Transfer of shares",
            FormKind::PhasedSale => "Phased sale (tranches over a window)",
            FormKind::Buyback => "Share buyback",
            FormKind::Cancellation => "Cancellation of treasury shares",
            FormKind::Issue => "Issue of new shares",
            FormKind::VoteCap => "Vote cap",
            FormKind::LiftVoteCap => "Vote cap lifted",
            FormKind::Rule => "Rule switched on or off",
            FormKind::Behaviour => "Behaviour of a holder",
            FormKind::VoteCount => "Published vote count",
            FormKind::Milestone => "Milestone (caption only)",
        }
    }

    pub(super) fn has_issuer(self) -> bool {
        !matches!(self, FormKind::Rule | FormKind::Milestone)
    }
}

/// How the amount of a transfer or phased sale is given.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum AmountKind {
    /// A share count.
    #[default]
    Shares,
    /// The stake the seller keeps.
    DownTo,
    /// A fraction of the seller's holding.
    Part,
}

impl AmountKind {
    pub(super) const ALL: [AmountKind; 3] = [AmountKind::Shares, AmountKind::DownTo, AmountKind::Part];

    pub(super) fn label(self) -> &'static str {
        match self {
            AmountKind::Shares => "shares",
            AmountKind::DownTo => "down to (stake kept)",
            AmountKind::Part => "part of the holding",
        }
    }

    pub(super) fn hint(self) -> &'static str {
        match self {
            AmountKind::Shares => "e.g. 211000000",
            AmountKind::DownTo => "e.g. 15%",
            AmountKind::Part => "e.g. 1/2 or 50%",
        }
    }
}

/// The behaviours the form offers (`Follows` takes the holder chosen as second party).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum BehaviourChoice {
    /// Votes as it chooses.
    #[default]
    Free,
    /// Leaves the game.
    Neutral,
    /// Follows another holder.
    Follows,
    /// Committed yes.
    For,
    /// Committed no.
    Against,
}

impl BehaviourChoice {
    pub(super) const ALL: [BehaviourChoice; 5] = [
        BehaviourChoice::Free,
        BehaviourChoice::Neutral,
        BehaviourChoice::Follows,
        BehaviourChoice::For,
        BehaviourChoice::Against,
    ];

    pub(super) fn label(self) -> &'static str {
        match self {
            BehaviourChoice::Free => "free (votes as it chooses)",
            BehaviourChoice::Neutral => "neutral (its votes leave the game)",
            BehaviourChoice::Follows => "follows another holder",
            BehaviourChoice::For => "committed for",
            BehaviourChoice::Against => "committed against",
        }
    }
}

/// The form's fields.
#[derive(Debug, Clone)]
pub struct EventForm {
    /// The kind of event.
    pub kind: FormKind,
    /// Its date (a phased sale's first tranche).
    pub date: NaiveDate,
    /// A phased sale's last tranche.
    pub end: NaiveDate,
    /// The issuer.
    pub issuer: String,
    /// The first party: seller, capped holder, holder whose behaviour is set.
    pub from: String,
    /// The second party: buyer, receiver of new shares, holder followed.
    pub to: String,
    /// How the amount is given.
    pub amount_kind: AmountKind,
    /// The amount as typed.
    pub amount: String,
    /// A phased sale's tranche count.
    pub tranches: u32,
    /// A buyback cancels at once.
    pub cancel: bool,
    /// A cap, in percent.
    pub cap: String,
    /// The rule switched.
    pub rule: RuleName,
    /// Switched on (else off).
    pub on: bool,
    /// The behaviour set.
    pub behaviour: BehaviourChoice,
    /// A vote count.
    pub votes: String,
    /// The caption.
    pub caption: String,
    /// Where the figures come from.
    pub source: String,
}

impl EventForm {
    /// A form for an event on `date` in `s`, with its first company and holder chosen.
    pub fn new(s: &Scenario, date: NaiveDate) -> EventForm {
        let issuer = s.company_ids().first().map_or_else(String::new, |c| c.to_string());
        let from =
            s.holdings.iter().find(|h| h.issuer == issuer).map_or_else(|| MARKET.to_string(), |h| h.holder.clone());
        EventForm {
            kind: FormKind::Transfer,
            date,
            end: date.checked_add_months(chrono::Months::new(12)).unwrap_or(date).min(s.end.max(date)),
            issuer,
            from,
            to: MARKET.to_string(),
            amount_kind: AmountKind::Shares,
            amount: String::new(),
            tranches: 4,
            cancel: false,
            cap: "15%".into(),
            rule: RuleName::VoteCaps,
            on: true,
            behaviour: BehaviourChoice::Neutral,
            votes: String::new(),
            caption: String::new(),
            source: String::new(),
        }
    }

    /// The event the form describes, or what is missing or wrong in it.
    pub fn event(&self) -> Result<Event, String> {
        let (caption, source) = (self.caption.trim().to_string(), opt(&self.source));
        match self.kind {
            FormKind::Transfer => {
                self.parties_differ()?;
                let mut e = Event::transfer(self.date, &self.issuer, &self.from, &self.to, self.parse_amount()?);
                set_text(&mut e, caption, source);
                Ok(e)
            }
            FormKind::PhasedSale => self.phased_sale(caption, source),
            FormKind::Buyback | FormKind::Cancellation | FormKind::Issue => self.capital_change(caption, source),
            FormKind::VoteCap | FormKind::LiftVoteCap => self.vote_cap(caption, source),
            FormKind::Rule => Ok(Event::SetRule { date: self.date, rule: self.rule, on: self.on, caption, source }),
            FormKind::Behaviour => Ok(Event::SetBehaviour {
                date: self.date,
                setting: BehaviourSetting {
                    holder: self.from.clone(),
                    issuer: Some(self.issuer.clone()),
                    kind: None,
                    behaviour: self.behaviour()?,
                    source,
                },
                caption,
            }),
            FormKind::VoteCount => Ok(Event::VoteCount {
                date: self.date,
                issuer: self.issuer.clone(),
                theoretical_votes: parse_shares(&self.votes).map_err(|_| {
                    "type the theoretical votes as a whole number (digits, spaces or commas allowed)".to_string()
                })?,
                caption,
                source,
            }),
            FormKind::Milestone => {
                if caption.is_empty() {
                    return Err("a milestone is only its caption: type one".into());
                }
                Ok(Event::Milestone { date: self.date, caption, source })
            }
        }
    }

    /// A phased sale from the seller to the buyer over the window.
    fn phased_sale(&self, caption: String, source: Option<String>) -> Result<Event, String> {
        self.parties_differ()?;
        if self.end < self.date {
            return Err("the window ends before it starts: type a last tranche on or after the first".into());
        }
        let mut e = Event::PhasedSale {
            start: self.date,
            end: self.end,
            issuer: self.issuer.clone(),
            seller: self.from.clone(),
            buyer: self.to.clone(),
            shares: None,
            down_to: None,
            part: None,
            tranches: self.tranches.max(1),
            profile: SaleProfile::Even,
            caption,
            source,
        };
        e.set_amount(self.parse_amount()?);
        Ok(e)
    }

    /// A buyback, a cancellation of treasury shares or an issue of new shares.
    fn capital_change(&self, caption: String, source: Option<String>) -> Result<Event, String> {
        let shares = parse_shares(&self.amount)?;
        let (date, issuer) = (self.date, self.issuer.clone());
        Ok(match self.kind {
            FormKind::Buyback => {
                Event::Buyback { date, issuer, from: self.from.clone(), shares, cancel: self.cancel, caption, source }
            }
            FormKind::Cancellation => Event::Cancellation { date, issuer, shares, caption, source },
            _ => Event::Issue { date, issuer, to: self.to.clone(), shares, caption, source },
        })
    }

    /// A vote cap set or lifted.
    fn vote_cap(&self, caption: String, source: Option<String>) -> Result<Event, String> {
        let (date, holder, issuer) = (self.date, self.from.clone(), self.issuer.clone());
        if self.kind == FormKind::LiftVoteCap {
            return Ok(Event::LiftVoteCap { date, holder, issuer, caption, source });
        }
        let cap = VoteCap {
            holder,
            issuer,
            cap: parse_fraction(&self.cap, "the cap")?,
            reading: CapReading::default(),
            lapses_when_exercisable: None,
            source: source.clone(),
        };
        Ok(Event::SetVoteCap { date, cap, caption, source })
    }

    fn parties_differ(&self) -> Result<(), String> {
        if self.from == self.to {
            return Err("the seller and the buyer are the same: choose two different parties".into());
        }
        Ok(())
    }

    fn parse_amount(&self) -> Result<Amount, String> {
        match self.amount_kind {
            AmountKind::Shares => parse_shares(&self.amount).map(Amount::Shares),
            AmountKind::DownTo => parse_fraction(&self.amount, "the stake kept").map(Amount::DownTo),
            AmountKind::Part => parse_fraction(&self.amount, "the part sold").map(Amount::Part),
        }
    }

    fn behaviour(&self) -> Result<Behaviour, String> {
        Ok(match self.behaviour {
            BehaviourChoice::Free => Behaviour::Free,
            BehaviourChoice::Neutral => Behaviour::Neutral,
            BehaviourChoice::For => Behaviour::For,
            BehaviourChoice::Against => Behaviour::Against,
            BehaviourChoice::Follows => {
                if self.to == MARKET || self.to == self.from {
                    return Err("choose the holder it follows (another entity) as the second party".into());
                }
                Behaviour::Follows(self.to.clone())
            }
        })
    }
}

fn opt(text: &str) -> Option<String> {
    let t = text.trim();
    (!t.is_empty()).then(|| t.to_string())
}

fn set_text(e: &mut Event, caption: String, source: Option<String>) {
    if let Event::Transfer { caption: c, source: s, .. } = e {
        *c = caption;
        *s = source;
    }
}

/// A whole number of shares, typed with or without thousands separators.
pub fn parse_shares(text: &str) -> Result<u64, String> {
    let digits: String = text.chars().filter(|c| !matches!(c, ' ' | ',' | '_' | '\u{a0}' | '\u{202f}')).collect();
    if digits.is_empty() {
        return Err("type the number of shares".into());
    }
    digits.parse::<u64>().map_err(|_| format!("\u{201c}{}\u{201d} is not a whole number of shares", text.trim()))
}

/// A fraction typed as "15%", "15.5%" or "1/2".
pub fn parse_fraction(text: &str, what: &str) -> Result<Fraction, String> {
    let t = text.trim();
    if t.is_empty() {
        return Err(format!("type {what}, e.g. 15% or 1/2"));
    }
    t.parse::<Fraction>()
        .map_err(|e| format!("{what}: \u{201c}{t}\u{201d} is not a fraction ({e}); type e.g. 15% or 1/2"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> EventForm {
        let s = crate::io::default_scenario().map_err(|e| e.to_string());
        let Ok(s) = s else { panic!("the default scenario loads") };
        let date = "2025-01-15".parse().unwrap_or(s.start);
        EventForm::new(&s, date)
    }

    #[test]
    fn a_transfer_with_down_to_is_built_from_the_typed_text() {
        let mut f = form();
        f.from = "renault".into();
        f.to = MARKET.into();
        f.issuer = "nissan".into();
        f.amount_kind = AmountKind::DownTo;
        f.amount = "10%".into();
        let e = f.event();
        assert!(matches!(e, Ok(Event::Transfer { ref down_to, .. }) if down_to.is_some()), "{e:?}");
    }

    #[test]
    fn shares_accept_separators_and_refuse_words() {
        assert_eq!(parse_shares("211,000,000"), Ok(211_000_000));
        assert_eq!(parse_shares("211 000 000"), Ok(211_000_000));
        assert!(parse_shares("lots").is_err());
        assert!(parse_shares("").is_err());
    }

    #[test]
    fn the_form_says_what_is_missing() {
        let mut f = form();
        f.from = "renault".into();
        f.to = "renault".into();
        assert!(f.event().is_err_and(|e| e.contains("same")));
        f.to = MARKET.into();
        f.amount.clear();
        assert!(f.event().is_err_and(|e| e.contains("number of shares")));
        f.kind = FormKind::Milestone;
        assert!(f.event().is_err_and(|e| e.contains("caption")));
        f.caption = "Board meets".into();
        assert!(f.event().is_ok());
    }
}
