//! The scenario: entities, holdings, rules, meeting parameters and dated events.
//!
//! These are the types that scenario files (RON) deserialize into, and that the app edits.
//! Holdings are share counts, never percentages: percentages are derived by the engine
//! because buybacks with cancellation change the denominator. Nothing here knows about egui
//! or about files; [`validate`] checks a scenario and [`ledger`] replays its events on share
//! counts, naming the item and the date of anything that cannot happen.

mod amount;
mod color;
pub mod diff;
mod fraction;
pub mod kinds;
pub mod ledger;
mod title;
pub mod validate;
pub mod what_if;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

pub use amount::{Amount, AmountProblem, percent, thousands};
pub use color::Color;
pub use fraction::{Fraction, FractionError};
pub use kinds::{Behaviour, BehaviourSetting, Quota, ResolutionKind};
pub use title::capitalised;

/// The version of the scenario format that this program writes.
pub const FORMAT_VERSION: u32 = 2;

/// The reserved party id for "the market": the public float of an issuer.
pub const MARKET: &str = "market";

/// A whole scenario: what a `.ron` file holds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    /// Format version; loading migrates older versions to [`FORMAT_VERSION`].
    pub version: u32,
    /// A short title, shown in the window title and on charts.
    pub title: String,
    /// A longer description (sources, assumptions).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// First date of the scenario's window; the holdings below are the state on this date.
    pub start: NaiveDate,
    /// Last date of the window.
    pub end: NaiveDate,
    /// Meeting parameters (float turnout, float model).
    pub meeting: Meeting,
    /// Which rules apply at the start, and how the law is read.
    #[serde(default)]
    pub rules: Rules,
    /// Pairs of companies (A, B) whose balance is reported as A at B's meeting minus B at
    /// A's; when empty, every pair of companies that hold each other, in id order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub balance_pairs: Vec<(String, String)>,
    /// Companies, investors and trusts.
    pub entities: Vec<Entity>,
    /// Holdings on the start date.
    pub holdings: Vec<Holding>,
    /// Vote caps in force on the start date.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub vote_caps: Vec<VoteCap>,
    /// The kinds of resolution; when empty, ordinary (> 1/2) and special (≥ 2/3).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub kinds: Vec<ResolutionKind>,
    /// Holders' behaviours per issuer and kind on the start date; a holder named nowhere is
    /// free, a trust neutral (while the trust rule is on).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub behaviours: Vec<BehaviourSetting>,
    /// Dated events, in any order (the engine sorts them by date, stably).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub events: Vec<Event>,
}

/// Meeting parameters shared by every issuer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Meeting {
    /// Fraction of the float's exercisable votes that are cast at a meeting.
    pub float_turnout: Fraction,
    /// How the float is modelled in the power indices.
    #[serde(default)]
    pub float_model: FloatModel,
}

/// How the public float enters the voting game.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum FloatModel {
    /// A continuum of infinitesimal holders (Milnor–Shapley, Dubey–Shapley). The default.
    #[default]
    Ocean,
    /// This many equal holders, an exact finite game.
    EqualHolders(u32),
    /// This many equal holders, by Leech's normal approximation (large registers).
    Leech(u32),
}

/// A company, an investor or a trust.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entity {
    /// Identifier used in the file (lowercase letters, digits, `-` and `_`).
    pub id: String,
    /// Display name.
    pub name: String,
    /// Colour on charts, `"#rrggbb"`.
    pub color: Color,
    /// What the entity is.
    pub kind: EntityKind,
    /// Where the figures come from (a disclosure, or "estimate: …"); shown on hover.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

/// The kinds of entity.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub enum EntityKind {
    /// Issuer and holder.
    Company {
        /// Whose company law applies at its meetings.
        jurisdiction: Jurisdiction,
        /// Issued shares on the start date.
        issued_shares: u64,
        /// Shares held by the company itself on the start date.
        treasury_shares: u64,
        /// Published theoretical votes on the start date (AMF convention, treasury included);
        /// when given, the float's double votes are calibrated to it.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        theoretical_votes: Option<u64>,
    },
    /// A holder only: a state, a fund, employees.
    Investor,
    /// Holds shares for a beneficiary: votes neutral, economic rights to the beneficiary.
    Trust {
        /// Id of the entity that receives the economic rights.
        beneficiary: String,
    },
}

/// Whose law governs an issuer's meetings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Jurisdiction {
    /// France: control suppression (C. com. L233-31), double votes, 30% mandatory bid.
    France,
    /// Japan: mutual quarter (Companies Act art. 308(1)), tender-offer threshold.
    Japan,
    /// Neither: only treasury, caps and trusts apply.
    Other,
}

/// Shares of an issuer held by a holder on the start date.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Holding {
    /// Id of the holder.
    pub holder: String,
    /// Id of the issuing company.
    pub issuer: String,
    /// Number of shares.
    pub shares: u64,
    /// How many of them carry double voting rights (loi Florange); at most `shares`.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub double_voting_shares: u64,
    /// Where the figures come from (a disclosure, or "estimate: …"); shown on hover.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

fn is_zero(n: &u64) -> bool {
    *n == 0
}

fn is_false(b: &bool) -> bool {
    !*b
}

/// Writes an optional value without `Some(…)` (files read it back with implicit `Some`).
mod bare {
    use serde::{Serialize, Serializer};

    /// Serializes `Some(x)` as `x` (`None` is skipped by `skip_serializing_if`).
    pub fn serialize<T: Serialize, S: Serializer>(value: &Option<T>, s: S) -> Result<S::Ok, S::Error> {
        match value {
            Some(v) => v.serialize(s),
            None => s.serialize_none(),
        }
    }
}

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

/// How a phased sale spreads its shares over its tranches.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum SaleProfile {
    /// Equal tranches.
    #[default]
    Even,
    /// Tranches decreasing n, n−1, …, 1.
    FrontLoaded,
    /// Tranches increasing 1, 2, …, n.
    BackLoaded,
}

/// A dated event. Every event may carry a caption for presenters.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub enum Event {
    /// Shares of `issuer` move from one party to another (`"market"` is the float; the issuer
    /// itself as receiver means treasury).
    Transfer {
        /// Effective date.
        date: NaiveDate,
        /// Issuer of the shares.
        issuer: String,
        /// Seller (an entity id or `"market"`).
        from: String,
        /// Buyer (an entity id, `"market"`, or the issuer for treasury).
        to: String,
        /// Number of shares (give exactly one of `shares`, `down_to` and `part`).
        #[serde(default, skip_serializing_if = "Option::is_none", serialize_with = "bare::serialize")]
        shares: Option<u64>,
        /// The seller keeps this fraction of the issuer's issued shares (see [`Amount::DownTo`]).
        #[serde(default, skip_serializing_if = "Option::is_none", serialize_with = "bare::serialize")]
        down_to: Option<Fraction>,
        /// This fraction of the seller's holding is sold (see [`Amount::Part`]).
        #[serde(default, skip_serializing_if = "Option::is_none", serialize_with = "bare::serialize")]
        part: Option<Fraction>,
        /// A what-if adjustment made in the app (a holding changed at a later date), kept apart
        /// from the scenario's own events on the timeline and in lists.
        #[serde(default, skip_serializing_if = "is_false")]
        what_if: bool,
        /// Caption for presenters.
        #[serde(default, skip_serializing_if = "String::is_empty")]
        caption: String,
        /// Where the figures come from (a disclosure, or "estimate: …"); shown on hover.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        source: Option<String>,
    },
    /// The issuer buys its own shares from a holder or the market, into treasury or cancelled.
    Buyback {
        /// Effective date.
        date: NaiveDate,
        /// The issuer, who buys.
        issuer: String,
        /// Seller (an entity id or `"market"`).
        from: String,
        /// Number of shares.
        shares: u64,
        /// Cancel them at once instead of keeping them in treasury.
        #[serde(default)]
        cancel: bool,
        /// Caption for presenters.
        #[serde(default, skip_serializing_if = "String::is_empty")]
        caption: String,
        /// Where the figures come from (a disclosure, or "estimate: …"); shown on hover.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        source: Option<String>,
    },
    /// The issuer cancels treasury shares.
    Cancellation {
        /// Effective date.
        date: NaiveDate,
        /// The issuer.
        issuer: String,
        /// Number of treasury shares cancelled.
        shares: u64,
        /// Caption for presenters.
        #[serde(default, skip_serializing_if = "String::is_empty")]
        caption: String,
        /// Where the figures come from (a disclosure, or "estimate: …"); shown on hover.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        source: Option<String>,
    },
    /// New shares (capital increase, conversion of bonds).
    Issue {
        /// Effective date.
        date: NaiveDate,
        /// The issuer.
        issuer: String,
        /// Who receives them (an entity id or `"market"`).
        to: String,
        /// Number of new shares.
        shares: u64,
        /// Caption for presenters.
        #[serde(default, skip_serializing_if = "String::is_empty")]
        caption: String,
        /// Where the figures come from (a disclosure, or "estimate: …"); shown on hover.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        source: Option<String>,
    },
    /// A total sold by one holder over a window in tranches; expands into dated transfers.
    PhasedSale {
        /// Date of the first tranche.
        start: NaiveDate,
        /// Date of the last tranche.
        end: NaiveDate,
        /// Issuer of the shares.
        issuer: String,
        /// Seller.
        seller: String,
        /// Buyer (an entity id, `"market"`, or the issuer for a buyback into treasury).
        buyer: String,
        /// Total shares sold (give exactly one of `shares`, `down_to` and `part`).
        #[serde(default, skip_serializing_if = "Option::is_none", serialize_with = "bare::serialize")]
        shares: Option<u64>,
        /// The seller keeps this fraction of the issuer's issued shares on the start date.
        #[serde(default, skip_serializing_if = "Option::is_none", serialize_with = "bare::serialize")]
        down_to: Option<Fraction>,
        /// This fraction of the seller's holding on the start date is sold.
        #[serde(default, skip_serializing_if = "Option::is_none", serialize_with = "bare::serialize")]
        part: Option<Fraction>,
        /// Number of tranches (at least 1).
        tranches: u32,
        /// How the total is spread.
        #[serde(default)]
        profile: SaleProfile,
        /// Caption for presenters.
        #[serde(default, skip_serializing_if = "String::is_empty")]
        caption: String,
        /// Where the figures come from (a disclosure, or "estimate: …"); shown on hover.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        source: Option<String>,
    },
    /// A vote cap is set (or changed).
    SetVoteCap {
        /// Effective date.
        date: NaiveDate,
        /// The cap.
        cap: VoteCap,
        /// Caption for presenters.
        #[serde(default, skip_serializing_if = "String::is_empty")]
        caption: String,
        /// Where the figures come from (a disclosure, or "estimate: …"); shown on hover.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        source: Option<String>,
    },
    /// A vote cap is lifted.
    LiftVoteCap {
        /// Effective date.
        date: NaiveDate,
        /// Id of the holder.
        holder: String,
        /// Id of the issuer.
        issuer: String,
        /// Caption for presenters.
        #[serde(default, skip_serializing_if = "String::is_empty")]
        caption: String,
        /// Where the figures come from (a disclosure, or "estimate: …"); shown on hover.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        source: Option<String>,
    },
    /// A rule is switched on or off.
    SetRule {
        /// Effective date.
        date: NaiveDate,
        /// The rule.
        rule: RuleName,
        /// On or off.
        on: bool,
        /// Caption for presenters.
        #[serde(default, skip_serializing_if = "String::is_empty")]
        caption: String,
        /// Where the figures come from (a disclosure, or "estimate: …"); shown on hover.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        source: Option<String>,
    },
    /// A holder's behaviour is set (or changed) at one issuer or all, on one kind or all.
    SetBehaviour {
        /// Effective date.
        date: NaiveDate,
        /// The setting.
        setting: BehaviourSetting,
        /// Caption for presenters.
        #[serde(default, skip_serializing_if = "String::is_empty")]
        caption: String,
    },
    /// A published count of theoretical votes, to calibrate the float's double votes.
    VoteCount {
        /// Date of the count.
        date: NaiveDate,
        /// The issuer.
        issuer: String,
        /// Theoretical votes, treasury included (AMF convention).
        theoretical_votes: u64,
        /// Caption for presenters.
        #[serde(default, skip_serializing_if = "String::is_empty")]
        caption: String,
        /// Where the figures come from (a disclosure, or "estimate: …"); shown on hover.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        source: Option<String>,
    },
    /// A caption only.
    Milestone {
        /// Date.
        date: NaiveDate,
        /// Caption for presenters.
        caption: String,
        /// Where the figures come from (a disclosure, or "estimate: …"); shown on hover.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        source: Option<String>,
    },
}

impl Event {
    /// The date of the event (for a phased sale, its first tranche).
    pub fn date(&self) -> NaiveDate {
        match self {
            Event::Transfer { date, .. }
            | Event::Buyback { date, .. }
            | Event::Cancellation { date, .. }
            | Event::Issue { date, .. }
            | Event::SetVoteCap { date, .. }
            | Event::LiftVoteCap { date, .. }
            | Event::SetRule { date, .. }
            | Event::SetBehaviour { date, .. }
            | Event::VoteCount { date, .. }
            | Event::Milestone { date, .. } => *date,
            Event::PhasedSale { start, .. } => *start,
        }
    }

    /// Moves the event to `date`; a phased sale keeps the length of its window.
    pub fn set_date(&mut self, new: NaiveDate) {
        match self {
            Event::Transfer { date, .. }
            | Event::Buyback { date, .. }
            | Event::Cancellation { date, .. }
            | Event::Issue { date, .. }
            | Event::SetVoteCap { date, .. }
            | Event::LiftVoteCap { date, .. }
            | Event::SetRule { date, .. }
            | Event::SetBehaviour { date, .. }
            | Event::VoteCount { date, .. }
            | Event::Milestone { date, .. } => *date = new,
            Event::PhasedSale { start, end, .. } => {
                let len = *end - *start;
                *start = new;
                *end = new + len;
            }
        }
    }

    /// The caption, possibly empty.
    pub fn caption(&self) -> &str {
        match self {
            Event::Transfer { caption, .. }
            | Event::Buyback { caption, .. }
            | Event::Cancellation { caption, .. }
            | Event::Issue { caption, .. }
            | Event::PhasedSale { caption, .. }
            | Event::SetVoteCap { caption, .. }
            | Event::LiftVoteCap { caption, .. }
            | Event::SetRule { caption, .. }
            | Event::SetBehaviour { caption, .. }
            | Event::VoteCount { caption, .. }
            | Event::Milestone { caption, .. } => caption,
        }
    }

    /// The caption, to edit.
    pub fn caption_mut(&mut self) -> &mut String {
        match self {
            Event::Transfer { caption, .. }
            | Event::Buyback { caption, .. }
            | Event::Cancellation { caption, .. }
            | Event::Issue { caption, .. }
            | Event::PhasedSale { caption, .. }
            | Event::SetVoteCap { caption, .. }
            | Event::LiftVoteCap { caption, .. }
            | Event::SetRule { caption, .. }
            | Event::SetBehaviour { caption, .. }
            | Event::VoteCount { caption, .. }
            | Event::Milestone { caption, .. } => caption,
        }
    }

    /// Where the event's figures come from, when the file says (`source: "…"`).
    pub fn source(&self) -> Option<&str> {
        match self {
            Event::Transfer { source, .. }
            | Event::Buyback { source, .. }
            | Event::Cancellation { source, .. }
            | Event::Issue { source, .. }
            | Event::PhasedSale { source, .. }
            | Event::SetVoteCap { source, .. }
            | Event::LiftVoteCap { source, .. }
            | Event::SetRule { source, .. }
            | Event::VoteCount { source, .. }
            | Event::Milestone { source, .. } => source.as_deref(),
            Event::SetBehaviour { setting, .. } => setting.source.as_deref(),
        }
    }

    /// The entity ids the event names (parties, issuer, holder).
    pub fn parties(&self) -> Vec<&str> {
        match self {
            Event::Transfer { issuer, from, to, .. } => vec![issuer, from, to],
            Event::Buyback { issuer, from, .. } => vec![issuer, from],
            Event::Cancellation { issuer, .. } | Event::VoteCount { issuer, .. } => vec![issuer],
            Event::Issue { issuer, to, .. } => vec![issuer, to],
            Event::PhasedSale { issuer, seller, buyer, .. } => vec![issuer, seller, buyer],
            Event::SetVoteCap { cap, .. } => vec![&cap.holder, &cap.issuer],
            Event::LiftVoteCap { holder, issuer, .. } => vec![holder, issuer],
            Event::SetBehaviour { setting, .. } => {
                let mut v = vec![&setting.holder];
                v.extend(setting.issuer.as_ref());
                if let Behaviour::Follows(leader) = &setting.behaviour {
                    v.push(leader);
                }
                v
            }
            Event::SetRule { .. } | Event::Milestone { .. } => Vec::new(),
        }
        .into_iter()
        .map(String::as_str)
        .collect()
    }

    /// The kind of event, for people.
    pub fn kind_label(&self) -> &'static str {
        match self {
            Event::Transfer { .. } => "transfer",
            Event::Buyback { .. } => "buyback",
            Event::Cancellation { .. } => "cancellation",
            Event::Issue { .. } => "share issue",
            Event::PhasedSale { .. } => "phased sale",
            Event::SetVoteCap { .. } => "vote cap set",
            Event::LiftVoteCap { .. } => "vote cap lifted",
            Event::SetRule { .. } => "rule switched",
            Event::SetBehaviour { .. } => "behaviour set",
            Event::VoteCount { .. } => "published vote count",
            Event::Milestone { .. } => "milestone",
        }
    }
}

impl Scenario {
    /// The entity with this id.
    pub fn entity(&self, id: &str) -> Option<&Entity> {
        self.entities.iter().find(|e| e.id == id)
    }

    /// The display name of an id (`"market"` is "Public float"), or the id itself.
    pub fn name_of<'a>(&'a self, id: &'a str) -> &'a str {
        if id == MARKET {
            return "Public float";
        }
        self.entity(id).map_or(id, |e| e.name.as_str())
    }

    /// Issued and treasury shares of a company on the start date ((0, 0) for anything else).
    pub fn start_capital(&self, issuer: &str) -> (u64, u64) {
        match self.entity(issuer).map(|e| &e.kind) {
            Some(EntityKind::Company { issued_shares, treasury_shares, .. }) => (*issued_shares, *treasury_shares),
            _ => (0, 0),
        }
    }

    /// The float of a company on the start date: issued − treasury − listed holdings (never
    /// below zero; validation reports a negative one).
    pub fn start_float(&self, issuer: &str) -> u64 {
        let (issued, treasury) = self.start_capital(issuer);
        let held: u64 = self.holdings.iter().filter(|h| h.issuer == issuer).map(|h| h.shares).sum();
        issued.saturating_sub(treasury).saturating_sub(held)
    }

    /// Whether any holding, cap, balance pair, trust or event names the entity `id`.
    pub fn is_referenced(&self, id: &str) -> bool {
        self.holdings.iter().any(|h| h.holder == id || h.issuer == id)
            || self.vote_caps.iter().any(|c| c.holder == id || c.issuer == id)
            || self.balance_pairs.iter().any(|(a, b)| a == id || b == id)
            || self.entities.iter().any(|e| matches!(&e.kind, EntityKind::Trust { beneficiary } if beneficiary == id))
            || self.events.iter().any(|e| e.parties().contains(&id))
            || self.behaviours.iter().any(|b| {
                b.holder == id
                    || b.issuer.as_deref() == Some(id)
                    || matches!(&b.behaviour, Behaviour::Follows(l) if l == id)
            })
    }

    /// The resolution kinds: the file's, or ordinary and special when it names none.
    pub fn resolution_kinds(&self) -> Vec<ResolutionKind> {
        if self.kinds.is_empty() { ResolutionKind::defaults() } else { self.kinds.clone() }
    }

    /// The kind of the headline series (balance, compare): `ordinary` when defined, else the
    /// first kind.
    pub fn headline_kind(&self) -> String {
        let kinds = self.resolution_kinds();
        kinds
            .iter()
            .find(|k| k.id == kinds::ORDINARY)
            .or(kinds.first())
            .map_or_else(|| kinds::ORDINARY.to_string(), |k| k.id.clone())
    }

    /// Ids of the companies (issuers), in file order.
    pub fn company_ids(&self) -> Vec<&str> {
        self.entities.iter().filter(|e| matches!(e.kind, EntityKind::Company { .. })).map(|e| e.id.as_str()).collect()
    }
}
