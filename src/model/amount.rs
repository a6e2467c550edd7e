//! How much a transfer or a phased sale moves: a share count, or an intent that is resolved
//! on the event's date against the share register.
//!
//! In a file an event gives exactly one of `shares: N`, `down_to: "15%"` or `part: "1/2"`.
//! Intents keep later events meaningful when an earlier holding is changed: "Renault keeps
//! 15% of Nissan" stays true whatever Renault held before, where a share count would sell
//! too much or too little.

use super::{Event, Fraction};

/// The amount of a transfer or phased sale.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Amount {
    /// This many shares.
    Shares(u64),
    /// The seller keeps this fraction of the issuer's issued shares, evaluated on the event's
    /// date (a phased sale's start date) before any event of that date, rounded to the nearest
    /// share; it sells the rest of its holding.
    DownTo(Fraction),
    /// This fraction of the seller's holding on that date, rounded to the nearest share.
    Part(Fraction),
}

impl Amount {
    /// The amount in the words of a file (`shares: 5`, `down_to: "15%"`, `part: "1/2"`): a
    /// fraction read from a file as it is written there, so that the text can be searched for.
    pub fn file_form(self) -> String {
        match self {
            Amount::Shares(n) => format!("shares: {n}"),
            Amount::DownTo(f) => format!("down_to: \"{}\"", f.written().map_or_else(|| percent(f), str::to_string)),
            Amount::Part(f) => format!("part: \"{}\"", f.to_file_text()),
        }
    }

    /// The amount for people ("1,198,729,733 shares", "down to 15% of issued", "the whole
    /// holding", "50% of the holding", "1/3 of the holding").
    pub fn describe(self) -> String {
        match self {
            Amount::Shares(n) => format!("{} shares", thousands(n)),
            Amount::DownTo(f) => format!("down to {} of issued", percent(f)),
            Amount::Part(f) if f == Fraction::ONE => "the whole holding".to_string(),
            Amount::Part(f) => format!("{} of the holding", percent(f)),
        }
    }

    /// The share count, when the amount is one.
    pub fn shares(self) -> Option<u64> {
        match self {
            Amount::Shares(n) => Some(n),
            _ => None,
        }
    }
}

/// A fraction as a percentage, exact when it has few decimals (`0.15` → `15%`).
pub fn percent(f: Fraction) -> String {
    match Fraction::new(f.numer().saturating_mul(100), f.denom()) {
        Some(p) if f.numer() <= u64::MAX / 100 && p.to_string().len() <= 12 && !p.to_string().contains('/') => {
            format!("{p}%")
        }
        _ => f.to_string(),
    }
}

/// `1234567` → `1,234,567`.
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (k, c) in digits.chars().enumerate() {
        if k > 0 && (digits.len() - k).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Why an event's amount cannot be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AmountProblem {
    /// None of `shares`, `down_to` and `part` is given.
    Missing,
    /// More than one of them is given.
    Several,
}

impl Event {
    /// A transfer of `amount` of `issuer`'s shares from `from` to `to` on `date`, without a
    /// caption.
    pub fn transfer(date: chrono::NaiveDate, issuer: &str, from: &str, to: &str, amount: Amount) -> Event {
        let mut e = Event::Transfer {
            date,
            issuer: issuer.to_string(),
            from: from.to_string(),
            to: to.to_string(),
            shares: None,
            down_to: None,
            part: None,
            what_if: false,
            caption: String::new(),
            source: None,
        };
        e.set_amount(amount);
        e
    }

    /// The amount of a transfer or phased sale; `None` for other events.
    pub fn amount(&self) -> Option<Result<Amount, AmountProblem>> {
        match self {
            Event::Transfer { shares, down_to, part, .. } | Event::PhasedSale { shares, down_to, part, .. } => {
                Some(read_amount(*shares, *down_to, *part))
            }
            _ => None,
        }
    }

    /// Sets the amount of a transfer or phased sale (nothing for other events).
    pub fn set_amount(&mut self, amount: Amount) {
        if let Event::Transfer { shares, down_to, part, .. } | Event::PhasedSale { shares, down_to, part, .. } = self {
            (*shares, *down_to, *part) = (None, None, None);
            match amount {
                Amount::Shares(n) => *shares = Some(n),
                Amount::DownTo(f) => *down_to = Some(f),
                Amount::Part(f) => *part = Some(f),
            }
        }
    }

    /// The share count the event names in the file, when it names one: transfers and phased
    /// sales given in shares, buybacks, cancellations and issues.
    pub fn share_count(&self) -> Option<u64> {
        match self {
            Event::Transfer { .. } | Event::PhasedSale { .. } => self.amount()?.ok()?.shares(),
            Event::Buyback { shares, .. } | Event::Cancellation { shares, .. } | Event::Issue { shares, .. } => {
                Some(*shares)
            }
            _ => None,
        }
    }

    /// Sets the share count of an event that has one (a transfer or phased sale becomes a
    /// share count).
    pub fn set_share_count(&mut self, n: u64) {
        match self {
            Event::Transfer { .. } | Event::PhasedSale { .. } => self.set_amount(Amount::Shares(n)),
            Event::Buyback { shares, .. } | Event::Cancellation { shares, .. } | Event::Issue { shares, .. } => {
                *shares = n
            }
            _ => {}
        }
    }

    /// Whether the event is a what-if adjustment made in the app.
    pub fn is_what_if(&self) -> bool {
        matches!(self, Event::Transfer { what_if: true, .. })
    }
}

fn read_amount(
    shares: Option<u64>,
    down_to: Option<Fraction>,
    part: Option<Fraction>,
) -> Result<Amount, AmountProblem> {
    match (shares, down_to, part) {
        (Some(n), None, None) => Ok(Amount::Shares(n)),
        (None, Some(f), None) => Ok(Amount::DownTo(f)),
        (None, None, Some(f)) => Ok(Amount::Part(f)),
        (None, None, None) => Err(AmountProblem::Missing),
        _ => Err(AmountProblem::Several),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn describes_amounts_in_file_words_and_for_people() {
        let f = |t: &str| t.parse::<Fraction>().unwrap_or(Fraction::ZERO);
        assert_eq!(Amount::DownTo(f("15%")).file_form(), "down_to: \"15%\"");
        assert_eq!(Amount::DownTo(f("1/3")).file_form(), "down_to: \"1/3\"");
        assert_eq!(Amount::DownTo(f("0.15")).file_form(), "down_to: \"0.15\"", "as the file writes it");
        assert_eq!(Amount::Part(f("1/2")).file_form(), "part: \"1/2\"");
        let made = |n, d| Fraction::new(n, d).unwrap_or(Fraction::ZERO);
        assert_eq!(Amount::DownTo(made(3, 20)).file_form(), "down_to: \"15%\"", "made in the app");
        assert_eq!(Amount::Part(made(1, 2)).file_form(), "part: \"0.5\"");
        assert_eq!(Amount::Shares(1_198_729_733).describe(), "1,198,729,733 shares");
        assert_eq!(Amount::DownTo(f("17.9%")).describe(), "down to 17.9% of issued");
        // A part reads as a percentage where it is exact, not as the file's decimal ("0.5").
        assert_eq!(Amount::Part(f("1/2")).describe(), "50% of the holding");
        assert_eq!(Amount::Part(f("1/3")).describe(), "1/3 of the holding");
        assert_eq!(Amount::Part(Fraction::ONE).describe(), "the whole holding");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1000), "1,000");
    }

    #[test]
    fn exactly_one_amount_is_read() {
        let half = Fraction::new(1, 2);
        assert_eq!(read_amount(Some(5), None, None), Ok(Amount::Shares(5)));
        assert_eq!(read_amount(None, None, half), half.map(Amount::Part).ok_or(AmountProblem::Missing));
        assert_eq!(read_amount(None, None, None), Err(AmountProblem::Missing));
        assert_eq!(read_amount(Some(5), half, None), Err(AmountProblem::Several));
    }
}
