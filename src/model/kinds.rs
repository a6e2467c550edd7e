//! Resolution kinds and how each holder votes on each kind.
//!
//! A meeting does not decide one kind of question: an ordinary resolution needs more than half
//! of the votes in play, a special one at least two thirds, and contracts make some holders vote
//! differently depending on the question (the 2023 trust votes neutrally, except on directors
//! that Renault nominates). A scenario names its kinds ([`ResolutionKind`]) and sets, per holder,
//! issuer and kind, a [`Behaviour`]; dated `SetBehaviour` events change it.

use serde::{Deserialize, Serialize};

use super::Fraction;

/// The id of the kind used when a scenario defines none: more than 1/2.
pub const ORDINARY: &str = "ordinary";
/// The id of the second default kind: at least 2/3.
pub const SPECIAL: &str = "special";

/// The quota of a resolution kind: a fraction of the votes in play, "more than" or "at least".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Quota {
    /// Passes with more than this fraction of the votes in play (ordinary: `MoreThan("1/2")`).
    MoreThan(Fraction),
    /// Passes with at least this fraction (special: `AtLeast("2/3")`).
    AtLeast(Fraction),
}

/// How a quota's fraction `F` of a total `T` is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum QuotaRule {
    /// Passes with at least `F·T`: the integer quota is `ceil(F·T)`.
    AtLeast,
    /// Passes with more than `F·T`: the integer quota is `floor(F·T) + 1` (for `F = 1/2`, the
    /// strict majority).
    MoreThan,
}

impl Quota {
    /// More than half: the strict majority (an ordinary resolution).
    pub const MAJORITY: Quota = Quota::MoreThan(Fraction::HALF);
    /// At least two thirds (a special resolution).
    pub const TWO_THIRDS: Quota = Quota::AtLeast(Fraction::TWO_THIRDS);

    /// The fraction `numer/denom` read by `rule`; `None` when `denom` is 0. A fraction above 1
    /// is a quota no coalition meets: the power functions refuse it, and scenario files are
    /// checked for it when read.
    pub fn new(numer: u64, denom: u64, rule: QuotaRule) -> Option<Quota> {
        let f = Fraction::new(numer, denom)?;
        Some(match rule {
            QuotaRule::AtLeast => Quota::AtLeast(f),
            QuotaRule::MoreThan => Quota::MoreThan(f),
        })
    }

    /// How the fraction is read.
    pub fn rule(self) -> QuotaRule {
        match self {
            Quota::MoreThan(_) => QuotaRule::MoreThan,
            Quota::AtLeast(_) => QuotaRule::AtLeast,
        }
    }

    /// The fraction's numerator (reduced).
    pub fn numer(self) -> u64 {
        self.fraction().numer()
    }

    /// The fraction's denominator (reduced, never 0).
    pub fn denom(self) -> u64 {
        self.fraction().denom()
    }

    /// The smallest integer weight that passes out of `total`: `ceil(F·T)` or `floor(F·T) + 1`
    /// (may be 0 or exceed `total`; the games check it).
    pub fn integer(self, total: u64) -> u128 {
        let prod = u128::from(total) * u128::from(self.numer());
        let d = u128::from(self.denom());
        match self.rule() {
            QuotaRule::AtLeast => prod.div_ceil(d),
            QuotaRule::MoreThan => prod / d + 1,
        }
    }

    /// The fraction.
    pub fn fraction(self) -> Fraction {
        match self {
            Quota::MoreThan(f) | Quota::AtLeast(f) => f,
        }
    }

    /// True for "more than", false for "at least".
    pub fn is_strict(self) -> bool {
        matches!(self, Quota::MoreThan(_))
    }

    /// Whether `yes` votes out of `total` in play meet the quota, exactly.
    pub fn passes(self, yes: u128, total: u128) -> bool {
        let f = self.fraction();
        let (lhs, rhs) = (yes * u128::from(f.denom()), total * u128::from(f.numer()));
        if self.is_strict() { lhs > rhs } else { lhs >= rhs }
    }

    /// "more than 1/2", "at least 2/3".
    pub fn label(self) -> String {
        format!("{} {}", if self.is_strict() { "more than" } else { "at least" }, self.fraction())
    }
}

/// A kind of resolution: an id used in files and reports, a name, and its quota.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ResolutionKind {
    /// Identifier (lowercase letters, digits, `-`, `_`), the key of `power` in reports.
    pub id: String,
    /// Name for people.
    pub name: String,
    /// A word or two for chart axes and narrow columns ("Renault nominee"); the name when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub short: Option<String>,
    /// The quota, of the votes in play.
    pub quota: Quota,
    /// Where the kind comes from (law, articles, agreement).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

impl ResolutionKind {
    /// The name to show where room is short: the short name if the file gives one, else the name.
    pub fn short_name(&self) -> &str {
        self.short.as_deref().unwrap_or(&self.name)
    }

    /// The kinds a scenario has when it names none: ordinary (> 1/2) and special (≥ 2/3).
    pub fn defaults() -> Vec<ResolutionKind> {
        let half = Fraction::new(1, 2).unwrap_or(Fraction::ONE);
        let two_thirds = Fraction::new(2, 3).unwrap_or(Fraction::ONE);
        vec![
            ResolutionKind {
                id: ORDINARY.into(),
                name: "Ordinary".into(),
                short: None,
                quota: Quota::MoreThan(half),
                source: None,
            },
            ResolutionKind {
                id: SPECIAL.into(),
                name: "Special".into(),
                short: None,
                quota: Quota::AtLeast(two_thirds),
                source: None,
            },
        ]
    }
}

/// How a holder's votes in play count on one kind of resolution.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Behaviour {
    /// A player: votes as it chooses.
    Free,
    /// Its votes leave the game (they split like the others: "mirror" votes), as a trust's do.
    Neutral,
    /// Its votes in play add to this holder's (a cap on that holder limits the holder's own
    /// shares, not the votes that follow it).
    Follows(String),
    /// Committed yes.
    For,
    /// Committed no; also how a present abstention counts where the quota is on the votes
    /// present (Japan, Companies Act art. 309).
    Against,
}

impl Behaviour {
    /// The name used in reports: `free`, `neutral`, `follows:ID`, `for`, `against`.
    pub fn key(&self) -> String {
        match self {
            Behaviour::Free => "free".into(),
            Behaviour::Neutral => "neutral".into(),
            Behaviour::Follows(h) => format!("follows:{h}"),
            Behaviour::For => "for".into(),
            Behaviour::Against => "against".into(),
        }
    }

    /// The behaviour a report key names ([`Behaviour::key`]), if any.
    pub fn from_key(key: &str) -> Option<Behaviour> {
        match key {
            "free" => Some(Behaviour::Free),
            "neutral" => Some(Behaviour::Neutral),
            "for" => Some(Behaviour::For),
            "against" => Some(Behaviour::Against),
            _ => key.strip_prefix("follows:").map(|h| Behaviour::Follows(h.to_string())),
        }
    }

    /// A label for people; a holder followed is named by its id: [`crate::model::Names::behaviour`]
    /// names it as the file does.
    pub fn label(&self) -> String {
        match self {
            Behaviour::Free => "free (a player)".into(),
            Behaviour::Neutral => "neutral".into(),
            Behaviour::Follows(h) => format!("follows {h}"),
            Behaviour::For => "committed for".into(),
            Behaviour::Against => "committed against".into(),
        }
    }
}

/// A holder's behaviour: at one issuer or all, on one kind or all.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BehaviourSetting {
    /// Id of the holder.
    pub holder: String,
    /// Id of the issuer; none: at every issuer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issuer: Option<String>,
    /// Id of the kind; none: on every kind.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// The behaviour.
    pub behaviour: Behaviour,
    /// Where it comes from (an agreement's words).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

impl BehaviourSetting {
    /// The key under which the setting is kept: (holder, issuer, kind).
    pub fn key(&self) -> BehaviourKey {
        (self.holder.clone(), self.issuer.clone(), self.kind.clone())
    }
}

/// (holder, issuer or every issuer, kind or every kind).
pub type BehaviourKey = (String, Option<String>, Option<String>);

/// The behaviour set for `holder` at `issuer` on `kind`, the most specific setting first:
/// issuer and kind, then kind only, then issuer only, then neither. `None` when no setting
/// names the holder.
pub fn lookup<'a>(
    settings: &'a std::collections::BTreeMap<BehaviourKey, Behaviour>,
    holder: &str,
    issuer: &str,
    kind: &str,
) -> Option<&'a Behaviour> {
    let (h, i, k) = (holder.to_string(), Some(issuer.to_string()), Some(kind.to_string()));
    settings
        .get(&(h.clone(), i.clone(), k.clone()))
        .or_else(|| settings.get(&(h.clone(), None, k)))
        .or_else(|| settings.get(&(h.clone(), i, None)))
        .or_else(|| settings.get(&(h, None, None)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f(n: u64, d: u64) -> Fraction {
        Fraction::new(n, d).unwrap_or(Fraction::ZERO)
    }

    #[test]
    fn quotas_compare_exactly() {
        let more = Quota::MoreThan(f(1, 2));
        assert!(!more.passes(50, 100));
        assert!(more.passes(51, 100));
        let least = Quota::AtLeast(f(2, 3));
        assert!(least.passes(2, 3));
        assert!(!least.passes(199_999, 300_000));
        assert!(least.passes(200_000, 300_000));
        assert_eq!(least.label(), "at least 2/3");
        assert_eq!(Quota::MAJORITY.integer(10), 6);
        assert_eq!(Quota::MAJORITY.integer(9), 5);
        assert_eq!(Quota::TWO_THIRDS.integer(10), 7);
        assert_eq!(Quota::new(1, 2, QuotaRule::AtLeast).map(|q| q.integer(9)), Some(5));
        assert_eq!(Quota::new(1, 0, QuotaRule::AtLeast), None);
    }

    #[test]
    fn the_most_specific_setting_wins() {
        let mut m = std::collections::BTreeMap::new();
        m.insert(("t".to_string(), None, None), Behaviour::Neutral);
        m.insert(("t".to_string(), None, Some("d".to_string())), Behaviour::Follows("r".into()));
        m.insert(("t".to_string(), Some("n".to_string()), Some("d".to_string())), Behaviour::For);
        assert_eq!(lookup(&m, "t", "n", "d"), Some(&Behaviour::For));
        assert_eq!(lookup(&m, "t", "x", "d"), Some(&Behaviour::Follows("r".into())));
        assert_eq!(lookup(&m, "t", "n", "ordinary"), Some(&Behaviour::Neutral));
        assert_eq!(lookup(&m, "u", "n", "d"), None);
    }
}
