//! Goal seek: the stake of one holding, on one date, that brings a measure to a target — the
//! balance of a pair (power, votes or capital; 0 is the perfect balance) or a holder's share of
//! the votes in play at a meeting.
//!
//! The stake is varied as the app varies it, through a what-if adjustment with the market on
//! that date ([`crate::model::what_if::set_holding_on`]), over every share count from 0 to
//! the holding plus the float. The balance of capital is monotone in the stake, so it is
//! solved by bisection; power and votes are not (rules switch votes off at thresholds), so
//! they are scanned at [`SCAN_SAMPLES`] stakes and every crossing of the target is refined by
//! bisection, to one share. A target that no stake reaches is an answer, not an error.

use chrono::NaiveDate;

use super::{Balance, IssuerResult};
use crate::model::validate::ValidationError;
use crate::model::{Fraction, MARKET, Names, Scenario, what_if};

/// Stakes evaluated by the scan before refinement, where the measure is not monotone.
pub const SCAN_SAMPLES: u64 = 256;

/// What to bring to a target.
#[derive(Debug, Clone, PartialEq)]
pub enum Target {
    /// The pair's balance of power (Shapley–Shubik, ordinary resolutions).
    BalancePower(f64),
    /// The pair's balance of votes in play.
    BalanceVotes(f64),
    /// The pair's balance of capital.
    BalanceCapital(f64),
    /// The holder's share of the votes in play at `issuer`'s meeting, exactly.
    VoteShare {
        /// The meeting.
        issuer: String,
        /// The threshold.
        share: Fraction,
    },
}

impl Target {
    /// The target as the command line writes it (`balance-power=0`, `vote-share=renault:1/4`).
    pub fn label(&self) -> String {
        match self {
            Target::BalancePower(v) => format!("balance-power={v}"),
            Target::BalanceVotes(v) => format!("balance-votes={v}"),
            Target::BalanceCapital(v) => format!("balance-capital={v}"),
            Target::VoteShare { issuer, share } => format!("vote-share={issuer}:{share}"),
        }
    }

    /// What the target measures, for people: "the balance of power, Renault at Nissan minus Nissan
    /// at Renault" (of `pair`, the pair read), or "Renault's share of the votes in play at
    /// Nissan" (of `holder`).
    pub fn measure_words(&self, names: &Names, holder: &str, pair: Option<&(String, String)>) -> String {
        let of_pair = |what: &str| match pair {
            Some((a, b)) => {
                let (a, b) = (names.entity(a), names.entity(b));
                format!("the balance of {what}, {a} at {b} minus {b} at {a}")
            }
            None => format!("the balance of {what}"),
        };
        match self {
            Target::BalancePower(_) => of_pair("power"),
            Target::BalanceVotes(_) => of_pair("votes"),
            Target::BalanceCapital(_) => of_pair("capital"),
            Target::VoteShare { issuer, .. } => {
                format!("{}'s share of the votes in play at {}", names.entity(holder), names.entity(issuer))
            }
        }
    }

    /// A value of the measure for people: a balance in percentage points ("+14.9808 points"),
    /// a share in percent ("25.0000%").
    pub fn value_words(&self, value: f64) -> String {
        match self {
            Target::VoteShare { .. } => format!("{:.4}%", value * 100.0),
            _ => format!("{:+.4} points", value * 100.0),
        }
    }

    /// The value the target asks for, in the words of [`Target::value_words`].
    pub fn target_words(&self) -> String {
        match self {
            Target::BalancePower(v) | Target::BalanceVotes(v) | Target::BalanceCapital(v) => self.value_words(*v),
            Target::VoteShare { share, .. } => self.value_words(share.to_f64()),
        }
    }

    fn monotone(&self) -> bool {
        matches!(self, Target::BalanceCapital(_))
    }
}

/// A goal-seek question.
#[derive(Debug, Clone, PartialEq)]
pub struct Question {
    /// The holder whose stake varies.
    pub holder: String,
    /// The issuer of that stake.
    pub issuer: String,
    /// The date on which the stake is set and the measure read.
    pub date: NaiveDate,
    /// The target.
    pub target: Target,
    /// The pair whose balance is read; by default the scenario's pair of holder and issuer.
    pub pair: Option<(String, String)>,
}

/// A stake and what the measure is there.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Stake {
    /// Shares held on the date.
    pub shares: u64,
    /// Shares over the issuer's issued shares on the date.
    pub capital: f64,
    /// The measure at this stake.
    pub value: f64,
}

/// A stake at which the measure reaches or crosses the target.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Crossing {
    /// The first stake (in shares) on the target's side, exact to one share.
    pub at: Stake,
    /// The measure one share below, on the other side of the target (`None` at zero shares).
    pub below: Option<f64>,
}

/// How the answer was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// Bisection on a monotone measure.
    Bisection,
    /// A scan of this many stakes, each crossing refined by bisection.
    Scan(u64),
}

/// The answer.
#[derive(Debug, Clone, PartialEq)]
pub struct Answer {
    /// The question.
    pub question: Question,
    /// The pair whose balance was read, if the target is a balance.
    pub pair: Option<(String, String)>,
    /// The stake on the date as the scenario has it, and the measure there.
    pub current: Stake,
    /// The stakes searched: from 0 to this many shares (the holding plus the float).
    pub max_shares: u64,
    /// Every crossing found, nearest to the current stake first; empty when no stake in the
    /// range reaches the target.
    pub crossings: Vec<Crossing>,
    /// How they were found.
    pub method: Method,
    /// Measures evaluated.
    pub evaluations: usize,
}

/// Why a goal seek could not be run.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum GoalError {
    /// The scenario cannot be evaluated on or before the date.
    #[error("{0}")]
    Scenario(#[from] ValidationError),
    /// An id is not an entity, or not a company where one is needed.
    #[error("`{id}` is not {what} of the scenario; use one of: {known}")]
    Unknown {
        /// The id given.
        id: String,
        /// "an entity", "a company".
        what: &'static str,
        /// The ids that would do.
        known: String,
    },
    /// The balance pair cannot be chosen.
    #[error("no balance pair to read: {why}; name one with --pair A:B (the scenario reports {known})")]
    Pair {
        /// Why.
        why: String,
        /// The pairs the scenario reports.
        known: String,
    },
    /// The date is outside the scenario's window.
    #[error("the date {date} is outside the scenario's window {start} to {end}; give a date inside it")]
    Date {
        /// The date given.
        date: NaiveDate,
        /// Window start.
        start: NaiveDate,
        /// Window end.
        end: NaiveDate,
    },
}

/// Finds the stakes of the question's holding that bring the measure to the target.
pub fn solve(s: &Scenario, q: &Question) -> Result<Answer, GoalError> {
    check_question(s, q)?;
    let base = without_own_adjustment(s, q);
    let (now, max_shares) = what_if::holding_range(&base, &q.holder, &q.issuer, q.date, MARKET)?;
    let pair = match &q.target {
        Target::VoteShare { .. } => None,
        _ => Some(choose_pair(&base, q)?),
    };
    let mut probe = Probe { base: &base, q, pair: pair.as_ref(), evaluations: 0 };
    let (current, _) = probe.stake(now)?;
    let (crossings, method) = if q.target.monotone() {
        (probe.bisect_range(0, max_shares)?.into_iter().collect(), Method::Bisection)
    } else {
        (probe.scan(max_shares)?, Method::Scan(SCAN_SAMPLES))
    };
    let mut crossings = crossings;
    crossings.sort_by_key(|c| c.at.shares.abs_diff(now));
    let evaluations = probe.evaluations;
    Ok(Answer { question: q.clone(), pair, current, max_shares, crossings, method, evaluations })
}

fn check_question(s: &Scenario, q: &Question) -> Result<(), GoalError> {
    let companies = s.company_ids();
    let known = |list: Vec<&str>| list.join(", ");
    if s.entity(&q.holder).is_none() {
        let ids = s.entities.iter().map(|e| e.id.as_str()).collect();
        return Err(GoalError::Unknown { id: q.holder.clone(), what: "an entity", known: known(ids) });
    }
    let mut issuers = vec![q.issuer.as_str()];
    if let Target::VoteShare { issuer, .. } = &q.target {
        issuers.push(issuer);
    }
    for id in issuers {
        if !companies.contains(&id) {
            return Err(GoalError::Unknown { id: id.to_string(), what: "a company", known: known(companies.clone()) });
        }
    }
    if q.date < s.start || q.date > s.end {
        return Err(GoalError::Date { date: q.date, start: s.start, end: s.end });
    }
    Ok(())
}

/// The scenario without the holding's own what-if adjustment on the date: the search sets it.
fn without_own_adjustment(s: &Scenario, q: &Question) -> Scenario {
    let mut base = s.clone();
    if let Some(k) = what_if::adjustment(s, &q.holder, &q.issuer, q.date) {
        base.events.remove(k);
    }
    base
}

/// The pair asked for, else the reported pair made of the holder and the issuer, else the
/// only reported pair.
fn choose_pair(s: &Scenario, q: &Question) -> Result<(String, String), GoalError> {
    if let Some(p) = &q.pair {
        return Ok(p.clone());
    }
    let (_, balances) = super::evaluate_on(s, q.date)?;
    let pairs: Vec<(String, String)> = balances.iter().map(|b| (b.a.clone(), b.b.clone())).collect();
    let known = if pairs.is_empty() {
        "none".to_string()
    } else {
        pairs.iter().map(|(a, b)| format!("{a}:{b}")).collect::<Vec<_>>().join(", ")
    };
    let own = pairs.iter().find(|(a, b)| (*a == q.holder && *b == q.issuer) || (*a == q.issuer && *b == q.holder));
    match (own, pairs.as_slice()) {
        (Some(p), _) => Ok(p.clone()),
        (None, [only]) => Ok(only.clone()),
        (None, []) => Err(GoalError::Pair { why: "no two companies hold each other on that date".into(), known }),
        (None, _) => Err(GoalError::Pair { why: "several pairs, none of the holder and the issuer".into(), known }),
    }
}

/// Evaluates the measure at stakes of the holding.
struct Probe<'a> {
    base: &'a Scenario,
    q: &'a Question,
    pair: Option<&'a (String, String)>,
    evaluations: usize,
}

impl Probe<'_> {
    /// The measure with the holding set to `shares` on the date, and for a vote share the
    /// holder's votes in play and the meeting's total (compared exactly).
    fn stake(&mut self, shares: u64) -> Result<(Stake, Option<(u64, u64)>), GoalError> {
        self.evaluations += 1;
        let mut s = self.base.clone();
        what_if::set_holding_on(&mut s, &self.q.holder, &self.q.issuer, self.q.date, shares, Some(MARKET))?;
        let (issuers, balances) = super::evaluate_on(&s, self.q.date)?;
        let issued = issuers.iter().find(|x| x.votes.issuer == self.q.issuer).map_or(0, |x| x.votes.issued_shares);
        let capital = super::ratio(shares, issued);
        let (value, exact) = self.measure(&issuers, &balances);
        Ok((Stake { shares, capital, value }, exact))
    }

    fn measure(&self, issuers: &[IssuerResult], balances: &[Balance]) -> (f64, Option<(u64, u64)>) {
        let balance = |f: fn(&Balance) -> f64| {
            self.pair.and_then(|(a, b)| balances.iter().find(|x| x.a == *a && x.b == *b)).map_or(0.0, f)
        };
        match &self.q.target {
            Target::BalancePower(_) => (balance(|b| b.power), None),
            Target::BalanceVotes(_) => (balance(|b| b.votes), None),
            Target::BalanceCapital(_) => (balance(|b| b.capital), None),
            Target::VoteShare { issuer, .. } => {
                let exact = issuers.iter().find(|x| x.votes.issuer == *issuer).map_or((0, 0), |x| {
                    (x.votes.holder(&self.q.holder).map_or(0, |h| h.game_votes), x.votes.game_total)
                });
                (super::ratio(exact.0, exact.1), Some(exact))
            }
        }
    }

    /// The stake and whether the measure there is at or above the target (vote shares
    /// compared exactly in integers).
    fn side(&mut self, shares: u64) -> Result<(Stake, bool), GoalError> {
        let (st, exact) = self.stake(shares)?;
        let above = match (&self.q.target, exact) {
            (Target::VoteShare { share, .. }, Some((votes, total))) => {
                u128::from(votes) * u128::from(share.denom()) >= u128::from(share.numer()) * u128::from(total)
            }
            (Target::VoteShare { share, .. }, None) => st.value >= share.to_f64(),
            (Target::BalancePower(t) | Target::BalanceVotes(t) | Target::BalanceCapital(t), _) => st.value >= *t,
        };
        Ok((st, above))
    }

    /// The crossing in `[lo, hi]` when the two ends are on different sides (or the low end
    /// is exactly on the target's side from zero).
    fn bisect_range(&mut self, lo: u64, hi: u64) -> Result<Option<Crossing>, GoalError> {
        let (a, a_side) = self.side(lo)?;
        let (b, b_side) = self.side(hi)?;
        if a_side == b_side {
            return Ok(None);
        }
        self.refine(lo, a, hi, b, b_side).map(Some)
    }

    /// Bisection between a stake on one side and a stake on the other: the first share on
    /// the side of `hi`.
    fn refine(
        &mut self,
        mut lo: u64,
        mut a: Stake,
        mut hi: u64,
        mut b: Stake,
        hi_side: bool,
    ) -> Result<Crossing, GoalError> {
        while hi - lo > 1 {
            let mid = lo + (hi - lo) / 2;
            let (m, side) = self.side(mid)?;
            if side == hi_side {
                (hi, b) = (mid, m);
            } else {
                (lo, a) = (mid, m);
            }
        }
        Ok(Crossing { at: b, below: Some(a.value) })
    }

    /// A scan over `[0, max]`, every change of side refined.
    fn scan(&mut self, max: u64) -> Result<Vec<Crossing>, GoalError> {
        let n = SCAN_SAMPLES.min(max.max(1));
        let points: Vec<u64> = (0..=n).map(|k| (u128::from(max) * u128::from(k) / u128::from(n)) as u64).collect();
        let mut sides = Vec::with_capacity(points.len());
        for &x in &points {
            sides.push(self.side(x)?);
        }
        let mut out = Vec::new();
        for k in 1..points.len() {
            let ((a, sa), (b, sb)) = (sides[k - 1], sides[k]);
            if sa != sb {
                out.push(self.refine(points[k - 1], a, points[k], b, sb)?);
            }
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap_or_else(|e| panic!("{s}: {e}"))
    }

    fn default() -> Scenario {
        crate::io::default_scenario().unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn capital_balance_is_solved_to_one_share() {
        let s = default();
        let q = Question {
            holder: "renault".into(),
            issuer: "nissan".into(),
            date: d("2026-06-01"),
            target: Target::BalanceCapital(0.0),
            pair: None,
        };
        let a = solve(&s, &q).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(a.method, Method::Bisection);
        let c = a.crossings.first().unwrap_or_else(|| panic!("a crossing"));
        assert!(c.at.value >= 0.0 && c.below.is_some_and(|v| v < 0.0), "{c:?}");
        // Nissan's Renault stake is the other side: Renault's stake in Nissan matches it.
        let nissan_in_renault = 44_358_343.0 / 295_722_284.0;
        assert!((c.at.capital - nissan_in_renault).abs() < 1e-9, "{c:?}");
    }

    #[test]
    fn a_vote_share_no_stake_reaches_is_an_answer() {
        let s = default();
        let q = Question {
            holder: "renault".into(),
            issuer: "nissan".into(),
            date: d("2024-06-01"),
            // Renault holds no Renault shares: whatever its stake in Nissan, it has no votes at
            // its own meeting.
            target: Target::VoteShare {
                issuer: "renault".into(),
                share: Fraction::new(1, 100).unwrap_or(Fraction::ONE),
            },
            pair: None,
        };
        let a = solve(&s, &q).unwrap_or_else(|e| panic!("{e}"));
        assert!(a.crossings.is_empty(), "{:?}", a.crossings);
        assert!(matches!(a.method, Method::Scan(_)));
    }

    #[test]
    fn every_crossing_is_exact_to_one_share() {
        let s = default();
        let q = Question {
            holder: "renault".into(),
            issuer: "nissan".into(),
            date: d("2022-12-01"),
            target: Target::VoteShare { issuer: "nissan".into(), share: Fraction::new(1, 3).unwrap_or(Fraction::ONE) },
            pair: None,
        };
        let a = solve(&s, &q).unwrap_or_else(|e| panic!("{e}"));
        assert!(!a.crossings.is_empty());
        for c in &a.crossings {
            let mut probe = Probe { base: &s, q: &q, pair: None, evaluations: 0 };
            let (_, at) = probe.side(c.at.shares).unwrap_or_else(|e| panic!("{e}"));
            let (_, below) = probe.side(c.at.shares - 1).unwrap_or_else(|e| panic!("{e}"));
            assert_ne!(at, below, "{c:?}");
        }
    }
}
