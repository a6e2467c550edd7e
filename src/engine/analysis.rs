//! Voting power at every meeting: the game each issuer's meeting plays, and its indices.
//!
//! The players are the blockholders whose votes are in the game (exercisable and not
//! neutral) and the float, whose votes cast are its exercisable votes × turnout. Quotas:
//! ordinary resolutions need more than 1/2 of the votes cast, special resolutions at least
//! 2/3 (neutral "mirror" votes split like the others, so they leave the game).
//!
//! The oceanic indices (the default) and the float as N equal holders are decided by exact
//! integer comparisons on the vote counts themselves; only a meeting with no float at all is
//! solved as a finite game on weights reduced to units of 1/[`RESOLUTION`] of the votes in
//! play (see the power module's `units`).

use super::power::{
    PowerError, QuotaRule, banzhaf_f64, equal_holders_f64, ocean_votes_f64, scale_votes, shapley_shubik_f64,
};
use super::votes::IssuerVotes;
use crate::model::{FloatModel, Meeting};

/// Units per whole game used to reduce vote counts to integer weights (0.01% of the votes).
pub const RESOLUTION: u64 = 10_000;

/// The two kinds of resolution.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Resolution {
    /// More than 1/2 of the votes cast.
    Ordinary,
    /// At least 2/3 of the votes cast.
    Special,
}

impl Resolution {
    /// Both, in order.
    pub const ALL: [Resolution; 2] = [Resolution::Ordinary, Resolution::Special];

    /// The name used in reports.
    pub fn key(self) -> &'static str {
        match self {
            Resolution::Ordinary => "ordinary",
            Resolution::Special => "special",
        }
    }

    /// The quota as (numerator, denominator, strict): strict means "more than".
    pub fn quota(self) -> (u64, u64, bool) {
        match self {
            Resolution::Ordinary => (1, 2, true),
            Resolution::Special => (2, 3, false),
        }
    }
}

/// The two power indices.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Measure {
    /// Shapley–Shubik.
    ShapleyShubik,
    /// Normalised Banzhaf.
    Banzhaf,
}

impl Measure {
    /// Both, in order.
    pub const ALL: [Measure; 2] = [Measure::ShapleyShubik, Measure::Banzhaf];

    /// The name used in reports.
    pub fn key(self) -> &'static str {
        match self {
            Measure::ShapleyShubik => "shapley_shubik",
            Measure::Banzhaf => "banzhaf",
        }
    }

    /// A label for people.
    pub fn label(self) -> &'static str {
        match self {
            Measure::ShapleyShubik => "Shapley–Shubik",
            Measure::Banzhaf => "Banzhaf",
        }
    }
}

/// The power of one player.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Power {
    /// Shapley–Shubik index; NaN when it could not be computed ([`PowerSet::unavailable`]
    /// says why; reports write null).
    pub shapley_shubik: f64,
    /// Normalised Banzhaf index; `None` for an oceanic float, whose Banzhaf share is not
    /// defined in the limit (each member's power vanishes while their number grows).
    pub banzhaf: Option<f64>,
}

impl Power {
    /// The value of one measure (Banzhaf `None` reads as `None`).
    pub fn get(&self, m: Measure) -> Option<f64> {
        match m {
            Measure::ShapleyShubik => self.shapley_shubik.is_finite().then_some(self.shapley_shubik),
            Measure::Banzhaf => self.banzhaf,
        }
    }
}

/// The power of every player at one meeting for one kind of resolution.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PowerSet {
    /// Aligned with [`IssuerVotes::holders`].
    pub holders: Vec<Power>,
    /// The float (all its members together).
    pub float: Power,
    /// A single major facing only an ocean: its normalised Banzhaf is 1 by construction.
    pub degenerate: bool,
    /// Why the indices could not be computed, if they could not (they are then unknown: NaN
    /// Shapley–Shubik, no Banzhaf).
    pub unavailable: Option<String>,
}

/// Votes and power at one issuer's meeting.
#[derive(Debug, Clone, PartialEq)]
pub struct IssuerResult {
    /// The votes.
    pub votes: IssuerVotes,
    /// Power for ordinary resolutions.
    pub ordinary: PowerSet,
    /// Power for special resolutions.
    pub special: PowerSet,
}

impl IssuerResult {
    /// Power for one kind of resolution.
    pub fn power(&self, r: Resolution) -> &PowerSet {
        match r {
            Resolution::Ordinary => &self.ordinary,
            Resolution::Special => &self.special,
        }
    }

    /// A holder's power at ordinary resolutions.
    pub fn holder_power(&self, holder: &str) -> Option<&Power> {
        let k = self.votes.holders.iter().position(|h| h.holder == holder)?;
        self.ordinary.holders.get(k)
    }

    /// A holder's power for a resolution, if it holds shares.
    pub fn power_of(&self, holder: &str, r: Resolution) -> Option<&Power> {
        let k = self.votes.holders.iter().position(|h| h.holder == holder)?;
        self.power(r).holders.get(k)
    }
}

/// Votes and power at one issuer.
pub fn analyse(votes: IssuerVotes, meeting: &Meeting) -> IssuerResult {
    let ordinary = power_set(&votes, meeting.float_model, Resolution::Ordinary);
    let special = power_set(&votes, meeting.float_model, Resolution::Special);
    IssuerResult { votes, ordinary, special }
}
/// Power of every player at one meeting for one kind of resolution. A game the power module
/// cannot solve leaves every index unknown (NaN, written as null) and says why in `unavailable`.
fn power_set(votes: &IssuerVotes, model: FloatModel, r: Resolution) -> PowerSet {
    let players: Vec<usize> = (0..votes.holders.len()).filter(|&k| votes.holders[k].game_votes > 0).collect();
    let major_votes: Vec<u64> = players.iter().map(|&k| votes.holders[k].game_votes).collect();
    let mut set = PowerSet {
        holders: vec![Power { shapley_shubik: 0.0, banzhaf: Some(0.0) }; votes.holders.len()],
        ..PowerSet::default()
    };
    let solved = match model {
        FloatModel::Ocean => ocean(&major_votes, votes.game_total, r),
        FloatModel::EqualHolders(n) => equal_holders(&major_votes, votes.float_votes_cast, n, r, false),
        FloatModel::Leech(n) => equal_holders(&major_votes, votes.float_votes_cast, n, r, true),
    };
    match solved {
        Ok(Solved { majors, float, degenerate }) => {
            for (p, &k) in majors.into_iter().zip(&players) {
                set.holders[k] = p;
            }
            set.float = float;
            set.degenerate = degenerate;
        }
        Err(e) => {
            let unknown = Power { shapley_shubik: f64::NAN, banzhaf: None };
            set.holders.fill(unknown);
            set.float = unknown;
            set.unavailable = Some(e.to_string());
        }
    }
    set
}

/// The indices of the majors (in order) and of the float.
struct Solved {
    majors: Vec<Power>,
    float: Power,
    degenerate: bool,
}

/// The quota of a resolution for the power module.
fn quota_rule(r: Resolution) -> (u64, u64, QuotaRule) {
    let (n, d, strict) = r.quota();
    (n, d, if strict { QuotaRule::MoreThan } else { QuotaRule::AtLeast })
}

/// The float as an ocean: Milnor–Shapley and Dubey–Shapley on the exact vote counts in play.
fn ocean(major_votes: &[u64], total: u64, r: Resolution) -> Result<Solved, PowerError> {
    let (n, d, rule) = quota_rule(r);
    let float = total - major_votes.iter().sum::<u64>();
    let o = ocean_votes_f64(major_votes, float, n, d, rule)?;
    let majors = o
        .shapley
        .iter()
        .enumerate()
        .map(|(k, &s)| Power {
            shapley_shubik: s,
            banzhaf: o.banzhaf_normalised.as_ref().and_then(|v| v.get(k).copied()),
        })
        .collect();
    Ok(Solved { majors, float: Power { shapley_shubik: o.ocean_shapley, banzhaf: None }, degenerate: o.degenerate })
}

/// The float as `n` equal holders on the exact vote counts (binomial sums, or Leech's normal
/// approximation); with no float at all, the finite game of the blockholders.
fn equal_holders(
    major_votes: &[u64],
    float_votes: u64,
    n: u32,
    r: Resolution,
    leech: bool,
) -> Result<Solved, PowerError> {
    let (qn, qd, rule) = quota_rule(r);
    if float_votes == 0 {
        let scaled = scale_votes(major_votes, RESOLUTION)?;
        let game = scaled.game(qn, qd, rule)?;
        let ss = shapley_shubik_f64(&game)?;
        let bz = banzhaf_f64(&game)?;
        let majors =
            (0..major_votes.len()).map(|k| Power { shapley_shubik: ss[k], banzhaf: Some(bz.normalised[k]) }).collect();
        return Ok(Solved { majors, float: Power { shapley_shubik: 0.0, banzhaf: Some(0.0) }, degenerate: false });
    }
    let c = equal_holders_f64(major_votes, float_votes, u64::from(n), qn, qd, rule, leech)?;
    let majors = c
        .majors_shapley
        .iter()
        .zip(&c.majors_banzhaf)
        .map(|(&ss, &bz)| Power { shapley_shubik: ss, banzhaf: Some(bz) })
        .collect();
    Ok(Solved {
        majors,
        float: Power { shapley_shubik: c.float_shapley, banzhaf: Some(c.float_banzhaf) },
        degenerate: false,
    })
}

/// Findings for degenerate or unavailable power indices.
pub fn degenerate_findings(s: &crate::model::Scenario, issuers: &[IssuerResult]) -> Vec<super::Finding> {
    let mut out = Vec::new();
    for x in issuers {
        for r in Resolution::ALL {
            let set = x.power(r);
            let issuer = Some(x.votes.issuer.clone());
            if set.degenerate {
                out.push(super::Finding {
                    kind: super::FindingKind::DegeneratePower,
                    holder: None,
                    issuer: issuer.clone(),
                    detail: format!("at {} ({} resolutions) a single blockholder faces only the float: its normalised Banzhaf index is 1 by construction; read Shapley–Shubik instead", s.name_of(&x.votes.issuer), r.key()),
                });
            }
            if let Some(why) = &set.unavailable {
                out.push(super::Finding {
                    kind: super::FindingKind::DegeneratePower,
                    holder: None,
                    issuer,
                    detail: format!(
                        "power at {} ({} resolutions) could not be computed: {why}",
                        s.name_of(&x.votes.issuer),
                        r.key()
                    ),
                });
            }
        }
    }
    out
}
