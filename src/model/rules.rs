//! Which rules apply and how the law is read: the rule switches, vote caps and the two
//! readings of the French control test and the Japanese quarter test.

use serde::{Deserialize, Serialize};

use super::fraction::Fraction;

/// A cap on a holder's votes at an issuer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VoteCap {
    /// Id of the capped holder.
    pub holder: String,
    /// Id of the issuer.
    pub issuer: String,
    /// The cap, as a fraction of exercisable votes.
    pub cap: Fraction,
    /// Of which total the cap is taken.
    #[serde(default)]
    pub reading: CapReading,
    /// The cap lapses on its own terms while this holder's votes at the same issuer can be
    /// exercised: it applies only on dates when the law switches them off (the State's 2015
    /// stability covenant at Renault lapses when Nissan's Renault votes become exercisable).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lapses_when_exercisable: Option<String>,
    /// Where the figures come from (a disclosure, or "estimate: …"); shown on hover.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

/// The two readings of "at most c of the votes".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum CapReading {
    /// Of the total after capping: the fixed point x = c·(others + x). The default.
    #[default]
    OfTotalAfterCap,
    /// Of the exercisable votes before any capping.
    OfTotalBeforeCap,
}

/// Which rules are on, and how the law is read where it can be read two ways.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Rules {
    /// Treasury shares carry no votes.
    pub treasury: bool,
    /// France: shares held by a company that the issuer controls carry no votes.
    pub control_suppression: bool,
    /// Japan: a shareholder in which the issuer holds a quarter of the votes cannot vote.
    pub mutual_quarter: bool,
    /// Vote caps apply.
    pub vote_caps: bool,
    /// A trust's votes are neutral.
    pub trust_neutral: bool,
    /// Which votes the French control test counts.
    pub control_test: ControlTest,
    /// Which votes the Japanese quarter test counts.
    pub quarter_test: QuarterTest,
}

impl Default for Rules {
    fn default() -> Rules {
        Rules {
            treasury: true,
            control_suppression: true,
            mutual_quarter: true,
            vote_caps: true,
            trust_neutral: true,
            control_test: ControlTest::default(),
            quarter_test: QuarterTest::default(),
        }
    }
}

impl Rules {
    /// Whether `rule` is on.
    pub fn is_on(&self, rule: RuleName) -> bool {
        match rule {
            RuleName::Treasury => self.treasury,
            RuleName::ControlSuppression => self.control_suppression,
            RuleName::MutualQuarter => self.mutual_quarter,
            RuleName::VoteCaps => self.vote_caps,
            RuleName::TrustNeutral => self.trust_neutral,
        }
    }

    /// Switches `rule` on or off.
    pub fn set(&mut self, rule: RuleName, on: bool) {
        match rule {
            RuleName::Treasury => self.treasury = on,
            RuleName::ControlSuppression => self.control_suppression = on,
            RuleName::MutualQuarter => self.mutual_quarter = on,
            RuleName::VoteCaps => self.vote_caps = on,
            RuleName::TrustNeutral => self.trust_neutral = on,
        }
    }
}

/// The votes that the French control test (L233-3) counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum ControlTest {
    /// The votes the would-be controller can exercise: after suppression, caps and
    /// neutralisation. The default.
    #[default]
    ExercisableVotes,
    /// Its theoretical votes, whatever the law or a contract does to them.
    TheoreticalVotes,
}

/// The votes that the Japanese quarter test (art. 308(1)) counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum QuarterTest {
    /// The votes the issuer holds in the shareholder company, treasury aside, whether or
    /// not the shareholder's own law lets them be exercised. The default.
    #[default]
    HeldVotes,
    /// Only the votes the issuer can exercise at the shareholder's meeting.
    ExercisableVotes,
}

/// The rules, by name (in files, events and statuses).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum RuleName {
    /// Treasury shares carry no votes.
    Treasury,
    /// French control suppression.
    ControlSuppression,
    /// Japanese mutual quarter.
    MutualQuarter,
    /// Vote caps.
    VoteCaps,
    /// Trust neutrality.
    TrustNeutral,
}

impl RuleName {
    /// Every rule, in a fixed order.
    pub const ALL: [RuleName; 5] = [
        RuleName::Treasury,
        RuleName::ControlSuppression,
        RuleName::MutualQuarter,
        RuleName::VoteCaps,
        RuleName::TrustNeutral,
    ];

    /// The name used in reports (`snake_case`).
    pub fn key(self) -> &'static str {
        match self {
            RuleName::Treasury => "treasury",
            RuleName::ControlSuppression => "control_suppression",
            RuleName::MutualQuarter => "mutual_quarter",
            RuleName::VoteCaps => "vote_cap",
            RuleName::TrustNeutral => "trust",
        }
    }

    /// A label for people, with the legal basis.
    pub fn label(self) -> &'static str {
        match self {
            RuleName::Treasury => "treasury shares",
            RuleName::ControlSuppression => "control suppression (L233-31)",
            RuleName::MutualQuarter => "mutual quarter (art. 308(1))",
            RuleName::VoteCaps => "vote cap",
            RuleName::TrustNeutral => "trust neutrality",
        }
    }
}
