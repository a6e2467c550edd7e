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

use super::kinds::{Decided, KindGame, kind_game};
use super::power::{
    CrowdLaw, FloatCrowd, GAME_BUDGET, PowerError, Quota, banzhaf_f64, equal_holders_with_law, ocean_votes_f64,
    power_cost, scale_votes, shapley_shubik_f64,
};
use super::votes::IssuerVotes;
use crate::model::ledger::Register;
use crate::model::{FloatModel, Scenario};

/// Units per whole game used to reduce vote counts to integer weights (0.01% of the votes).
pub const RESOLUTION: u64 = 10_000;

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
    /// The committed votes decide the resolution alone: every index is zero.
    pub decided: Option<Decided>,
}

/// The game and the power of one kind of resolution at one meeting.
#[derive(Debug, Clone, PartialEq)]
pub struct KindResult {
    /// Who plays, with which votes, and the quota.
    pub game: KindGame,
    /// The indices, aligned with [`IssuerVotes::holders`]: a holder whose votes follow another
    /// or are committed has zero power (its leader carries them).
    pub power: PowerSet,
}

/// Votes and power at one issuer's meeting.
#[derive(Debug, Clone, PartialEq)]
pub struct IssuerResult {
    /// The votes.
    pub votes: IssuerVotes,
    /// One result per resolution kind of the scenario, in its order.
    pub kinds: Vec<KindResult>,
}

impl IssuerResult {
    /// The result for one kind of resolution.
    pub fn kind(&self, kind: &str) -> Option<&KindResult> {
        self.kinds.iter().find(|k| k.game.kind == kind)
    }

    /// The headline kind's result: `ordinary` when the scenario defines it, else its first
    /// kind (the same as [`Scenario::headline_kind`]).
    pub fn headline(&self) -> Option<&KindResult> {
        self.kind(crate::model::kinds::ORDINARY).or(self.kinds.first())
    }

    /// Power for one kind of resolution.
    pub fn power(&self, kind: &str) -> Option<&PowerSet> {
        self.kind(kind).map(|k| &k.power)
    }

    /// A holder's power on a kind of resolution, if it holds shares.
    pub fn power_of(&self, holder: &str, kind: &str) -> Option<&Power> {
        let k = self.votes.holders.iter().position(|h| h.holder == holder)?;
        self.power(kind)?.holders.get(k)
    }
}

/// Votes and power at one issuer, for every kind of the scenario, with the behaviours in
/// force on the register's date.
pub fn analyse(votes: IssuerVotes, s: &Scenario, r: &Register) -> IssuerResult {
    analyse_with(votes, s, r, &mut PowerCache::default())
}

/// [`analyse`], reusing the indices of games already solved in `cache`.
pub fn analyse_with(votes: IssuerVotes, s: &Scenario, r: &Register, cache: &mut PowerCache) -> IssuerResult {
    let kinds = s
        .resolution_kinds()
        .iter()
        .map(|kind| {
            let game = kind_game(&votes, &r.behaviours, kind);
            let power = power_set_with(&votes, &game, s.meeting.float_model, cache);
            KindResult { game, power }
        })
        .collect();
    IssuerResult { votes, kinds }
}

/// The indices of the games solved so far in one evaluation. From one change point to the
/// next most meetings play the same game (an event touches a few issuers), and a meeting with
/// many blockholders is the costliest step of an evaluation, so each game is solved once. The
/// indices are a function of the game alone (the blockholders' votes in play in order, the
/// float's votes cast, the quota and the float model), which is the key.
///
/// The cache keeps the games of the current change point and of the one before
/// ([`PowerCache::next_point`]): memory stays at two points' games however many points a
/// scenario has, and a point reuses every game of the previous one, however many meetings
/// there are (a cache cleared when it reached a fixed size solved every game again at every
/// point once a scenario had more games than that size).
#[derive(Debug, Default)]
pub struct PowerCache {
    /// The games solved or reused at the current change point.
    current: std::collections::HashMap<GameKey, Result<Solved, PowerError>>,
    /// The games of the previous change point not yet reused at this one.
    previous: std::collections::HashMap<GameKey, Result<Solved, PowerError>>,
    /// How many games were solved (not found), for tests.
    solved: usize,
    /// The law of the float's holders for each number of holders met (`EqualHolders(N)`,
    /// `Leech(N)`): built once, in O(N), for every game of the evaluation.
    laws: std::collections::HashMap<(u32, FloatCrowd), std::sync::Arc<CrowdLaw>>,
}

/// What the indices of a game depend on.
type GameKey = (Vec<u64>, u64, Quota, u8, u32);

impl PowerCache {
    /// Starts the next change point: the games of the point just done stay available, older
    /// ones are dropped.
    pub fn next_point(&mut self) {
        self.previous = std::mem::take(&mut self.current);
    }

    /// The indices of a game, solved now or found from this point or the previous one.
    fn solve(
        &mut self,
        major_votes: Vec<u64>,
        float: u64,
        quota: Quota,
        model: FloatModel,
    ) -> Result<Solved, PowerError> {
        let (tag, n) = match model {
            FloatModel::Ocean => (0, 0),
            FloatModel::EqualHolders(n) => (1, n),
            FloatModel::Leech(n) => (2, n),
        };
        let key = (major_votes, float, quota, tag, n);
        if let Some(hit) = self.current.get(&key) {
            return hit.clone();
        }
        let solved = match self.previous.remove(&key) {
            Some(earlier) => earlier,
            None => {
                self.solved += 1;
                let law = match model {
                    FloatModel::Ocean => None,
                    FloatModel::EqualHolders(n) => Some(self.law(n, FloatCrowd::Binomial)),
                    FloatModel::Leech(n) => Some(self.law(n, FloatCrowd::Normal)),
                };
                solve_game(&key.0, float, quota, law.as_deref())
            }
        };
        self.current.insert(key, solved.clone());
        solved
    }
}

impl PowerCache {
    /// The law of `n` holders, built on first use.
    fn law(&mut self, n: u32, crowd: FloatCrowd) -> std::sync::Arc<CrowdLaw> {
        let law = self.laws.entry((n, crowd)).or_insert_with(|| std::sync::Arc::new(CrowdLaw::new(n as usize, crowd)));
        std::sync::Arc::clone(law)
    }
}

/// Power of every player at one meeting for one kind of resolution. A game the power module
/// cannot solve leaves every index unknown (NaN, written as null) and says why in `unavailable`; a game the committed
/// votes decide alone gives every player and the float zero power (`decided`).
pub fn power_set(votes: &IssuerVotes, game: &KindGame, model: FloatModel) -> PowerSet {
    power_set_with(votes, game, model, &mut PowerCache::default())
}

/// The indices of the players of one game, by the float model: the ocean without a law, the
/// float as equal holders (binomial, or Leech's normal law) with the law of its holders.
fn solve_game(major_votes: &[u64], float: u64, quota: Quota, law: Option<&CrowdLaw>) -> Result<Solved, PowerError> {
    match law {
        None => ocean(major_votes, float, quota),
        Some(law) => equal_holders(major_votes, float, quota, law),
    }
}

/// [`power_set`], reusing the indices of games already solved in `cache`.
fn power_set_with(votes: &IssuerVotes, game: &KindGame, model: FloatModel, cache: &mut PowerCache) -> PowerSet {
    let players = game.players();
    let major_votes: Vec<u64> = players.iter().map(|&(_, w)| w).collect();
    let mut set = PowerSet {
        holders: vec![Power { shapley_shubik: 0.0, banzhaf: Some(0.0) }; votes.holders.len()],
        decided: game.decided(),
        ..PowerSet::default()
    };
    let Some(quota) = game.free_quota() else { return set };
    let solved = cache.solve(major_votes, game.float_votes_cast, quota, model);
    match solved {
        Ok(Solved { majors, float, degenerate }) => {
            for (p, &(k, _)) in majors.into_iter().zip(&players) {
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
#[derive(Debug, Clone, PartialEq)]
struct Solved {
    majors: Vec<Power>,
    float: Power,
    degenerate: bool,
}

/// The float as an ocean: Milnor–Shapley and Dubey–Shapley on the exact vote counts in play.
fn ocean(major_votes: &[u64], float: u64, quota: Quota) -> Result<Solved, PowerError> {
    let o = ocean_votes_f64(major_votes, float, quota)?;
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

/// The float as equal holders on the exact vote counts (binomial sums, or Leech's normal
/// approximation, by the law of its holders); with no float at all, the finite game of the
/// blockholders (solved as the ocean's game without an ocean when its `f64` tables would take
/// more than the work budget).
fn equal_holders(major_votes: &[u64], float_votes: u64, quota: Quota, law: &CrowdLaw) -> Result<Solved, PowerError> {
    if float_votes == 0 {
        let scaled = scale_votes(major_votes, RESOLUTION)?;
        let game = scaled.game(quota)?;
        let cost = power_cost(&game);
        if cost.shapley_shubik_f64.saturating_add(cost.banzhaf_f64) > GAME_BUDGET * 8 {
            let mut solved = ocean(major_votes, 0, quota)?;
            solved.float = Power { shapley_shubik: 0.0, banzhaf: Some(0.0) };
            return Ok(solved);
        }
        let ss = shapley_shubik_f64(&game)?;
        let bz = banzhaf_f64(&game)?;
        let majors =
            (0..major_votes.len()).map(|k| Power { shapley_shubik: ss[k], banzhaf: Some(bz.normalised[k]) }).collect();
        return Ok(Solved { majors, float: Power { shapley_shubik: 0.0, banzhaf: Some(0.0) }, degenerate: false });
    }
    let c = equal_holders_with_law(major_votes, float_votes, quota, law)?;
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

#[cfg(test)]
mod tests {
    use super::*;

    /// `games` distinct games: two majors whose votes differ from game to game, a float.
    fn play(cache: &mut PowerCache, games: u64) -> Vec<Result<Solved, PowerError>> {
        (0..games).map(|g| cache.solve(vec![100 + g, 50], 200, Quota::MAJORITY, FloatModel::Ocean)).collect()
    }

    #[test]
    fn a_point_reuses_every_game_of_the_point_before_however_many_there_are() {
        // More games than the 4,096 the cache used to keep before it was cleared.
        let mut cache = PowerCache::default();
        cache.next_point();
        let first = play(&mut cache, 5_000);
        assert_eq!(cache.solved, 5_000);
        cache.next_point();
        let second = play(&mut cache, 5_000);
        assert_eq!(cache.solved, 5_000, "the second point solved games again");
        assert_eq!(first, second);
        // One game changes at the third point: only it is solved.
        cache.next_point();
        let _ = play(&mut cache, 4_999);
        let _ = cache.solve(vec![1, 2], 3, Quota::MAJORITY, FloatModel::Ocean);
        assert_eq!(cache.solved, 5_001);
        // Games not played at a point are dropped after it: memory stays at two points' games.
        cache.next_point();
        cache.next_point();
        assert!(cache.current.is_empty() && cache.previous.is_empty());
    }
}
