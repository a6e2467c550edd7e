//! Votes at every issuer's meeting on one date, with the rules applied to a fixed point.
//!
//! 1. Theoretical votes: shares × votes per share, treasury included (AMF convention).
//! 2. Exercisable votes: minus treasury and the votes the law switches off (French control
//!    suppression, Japanese mutual quarter).
//! 3. Votes in the game: exercisable votes minus those made neutral (a trust, the excess over
//!    a cap). Neutral votes are "mirror" votes: they count for the quorum and split like the
//!    others, which is the same as leaving the game.
//! 4. Votes cast: blockholders attend with their exercisable votes; the float with its
//!    exercisable votes × turnout (rounded to the nearest vote).
//!
//! Rules depend on votes and votes on rules, so the switched-off votes and the caps are
//! iterated from "everything active" until a state repeats. Every step is computed from the
//! previous state as a whole, over maps keyed by id, so the result does not depend on the
//! order of anything in the file. A state that repeats after more than one step is a cycle,
//! reported as a finding.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Deref;

use num_bigint::BigInt;
use num_rational::BigRational;
use num_traits::ToPrimitive;

use crate::model::ledger::{Block, CapTerms, Register};
use crate::model::{CapReading, ControlTest, EntityKind, Fraction, Jurisdiction, QuarterTest, RuleName, Scenario};

/// How a holder's votes count at a meeting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum VoteStatus {
    /// Every vote counts.
    Full,
    /// Votes above a cap are neutral.
    Capped,
    /// Every vote is neutral (a trust).
    Neutral,
    /// The law switches the votes off.
    Suppressed,
}

impl VoteStatus {
    /// The name used in reports.
    pub fn key(self) -> &'static str {
        match self {
            VoteStatus::Full => "full",
            VoteStatus::Capped => "capped",
            VoteStatus::Neutral => "neutral",
            VoteStatus::Suppressed => "suppressed",
        }
    }
}

/// One holder's votes at one issuer.
#[derive(Debug, Clone, PartialEq)]
pub struct HolderVotes {
    /// Holder id.
    pub holder: String,
    /// Shares held.
    pub shares: u64,
    /// Of which with double votes.
    pub double_voting: u64,
    /// Theoretical votes.
    pub theoretical_votes: u64,
    /// Exercisable votes (zero when suppressed), AMF convention.
    pub exercisable_votes: u64,
    /// Exercisable votes after any cap, before the holder's behaviour (a trust's neutrality):
    /// what it brings into play on a kind of resolution where it is not neutral.
    pub available_votes: u64,
    /// Votes in the voting game: exercisable minus neutral votes.
    pub game_votes: u64,
    /// Status.
    pub status: VoteStatus,
    /// The rule behind a status other than full.
    pub rule: Option<RuleName>,
}

/// The votes at one issuer's meeting.
#[derive(Debug, Clone, PartialEq)]
pub struct IssuerVotes {
    /// Issuer id.
    pub issuer: String,
    /// Issued shares.
    pub issued_shares: u64,
    /// Treasury shares.
    pub treasury_shares: u64,
    /// Float shares (issued − treasury − listed holdings).
    pub float_shares: u64,
    /// The float's theoretical (= exercisable) votes.
    pub float_votes: u64,
    /// The float's votes cast at the scenario's turnout.
    pub float_votes_cast: u64,
    /// Theoretical votes, treasury included.
    pub theoretical_votes: u64,
    /// Exercisable votes.
    pub exercisable_votes: u64,
    /// Votes cast: blockholders' exercisable votes (neutral ones included) + float cast.
    pub votes_cast: u64,
    /// The votes in the game: cast minus neutral.
    pub game_total: u64,
    /// Holders, ordered by id.
    pub holders: Vec<HolderVotes>,
}

impl IssuerVotes {
    /// The holder with this id.
    pub fn holder(&self, id: &str) -> Option<&HolderVotes> {
        self.holders.iter().find(|h| h.holder == id)
    }
}

/// What the fixed point found beyond the votes.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct RuleOutcome {
    /// For each company, the companies it controls (directly or through a chain).
    pub control: BTreeMap<String, BTreeSet<String>>,
    /// Iterations until the state repeated.
    pub iterations: usize,
    /// Length of the cycle the iteration fell into (1 = converged).
    pub cycle: usize,
}

/// The iterated state: which (holder, issuer) votes are off and by which rule, and the game
/// votes left to capped holders.
#[derive(Debug, Clone, PartialEq, Eq, Default, Hash)]
struct RuleState {
    suppressed: BTreeMap<(String, String), RuleName>,
    capped: BTreeMap<(String, String), u64>,
}

/// The most iterations before the fixed point gives up and reports a cycle.
const MAX_ITERATIONS: usize = 256;

/// Static facts about the entities that the rules need.
struct Facts<'a> {
    jurisdiction: BTreeMap<&'a str, Jurisdiction>,
    trusts: BTreeSet<&'a str>,
}

impl<'a> Facts<'a> {
    fn of(s: &'a Scenario) -> Self {
        let mut jurisdiction = BTreeMap::new();
        let mut trusts = BTreeSet::new();
        for e in &s.entities {
            match &e.kind {
                EntityKind::Company { jurisdiction: j, .. } => {
                    jurisdiction.insert(e.id.as_str(), *j);
                }
                EntityKind::Trust { .. } => {
                    trusts.insert(e.id.as_str());
                }
                EntityKind::Investor => {}
            }
        }
        Facts { jurisdiction, trusts }
    }
}

/// A cap in force: its (holder, issuer) key and its terms.
type CapAt<'a> = (&'a (String, String), &'a CapTerms);

/// The register with its holdings indexed by issuer and by holder, built once per date. The
/// rules ask for an issuer's holders, its float and a holder's stakes many times per
/// iteration; the register itself answers those by a scan of every holding, which made the
/// fixed point grow as the square of the network (or worse).
struct Reg<'a> {
    r: &'a Register,
    /// The holders of each issuer with their blocks, ordered by holder id.
    by_issuer: BTreeMap<&'a str, Vec<(&'a str, &'a Block)>>,
    /// The issuers each holder holds shares of, ordered by issuer id.
    by_holder: BTreeMap<&'a str, Vec<&'a str>>,
    /// Float shares of each company ([`Register::float_shares`]).
    float: BTreeMap<&'a str, u64>,
    /// The caps at each issuer, ordered by holder id.
    caps_by_issuer: BTreeMap<&'a str, Vec<CapAt<'a>>>,
}

impl<'a> Reg<'a> {
    fn new(r: &'a Register) -> Self {
        let mut by_issuer: BTreeMap<&str, Vec<(&str, &Block)>> = BTreeMap::new();
        let mut by_holder: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
        for ((h, i), b) in &r.holdings {
            by_issuer.entry(i.as_str()).or_default().push((h.as_str(), b));
            by_holder.entry(h.as_str()).or_default().push(i.as_str());
        }
        let float = r
            .capital
            .iter()
            .map(|(i, c)| {
                let held: u64 = by_issuer.get(i.as_str()).map_or(0, |v| v.iter().map(|(_, b)| b.shares).sum());
                (i.as_str(), c.issued.saturating_sub(c.treasury).saturating_sub(held))
            })
            .collect();
        let mut caps: BTreeMap<&str, Vec<CapAt>> = BTreeMap::new();
        for (key, terms) in &r.caps {
            caps.entry(key.1.as_str()).or_default().push((key, terms));
        }
        Reg { r, by_issuer, by_holder, float, caps_by_issuer: caps }
    }

    /// The holders of `issuer` with their blocks, ordered by holder id.
    fn holders_of<'b>(&'b self, issuer: &str) -> impl Iterator<Item = (&'a str, &'a Block)> + 'b {
        self.by_issuer.get(issuer).into_iter().flatten().copied()
    }

    /// The issuers `holder` holds shares of.
    fn issuers_of<'b>(&'b self, holder: &str) -> impl Iterator<Item = &'a str> + 'b {
        self.by_holder.get(holder).into_iter().flatten().copied()
    }

    /// Shares of `issuer` that no listed holder holds.
    fn float_shares(&self, issuer: &str) -> u64 {
        self.float.get(issuer).copied().unwrap_or(0)
    }

    /// The block of `holder` in `issuer` (zero when none).
    fn block(&self, holder: &str, issuer: &str) -> Block {
        let Some(v) = self.by_issuer.get(issuer) else { return Block::default() };
        v.binary_search_by(|(h, _)| (*h).cmp(holder)).map_or(Block::default(), |k| *v[k].1)
    }

    /// The caps at `issuer`.
    fn caps_at<'b>(&'b self, issuer: &str) -> impl Iterator<Item = CapAt<'a>> + 'b {
        self.caps_by_issuer.get(issuer).into_iter().flatten().copied()
    }
}

impl Deref for Reg<'_> {
    type Target = Register;

    fn deref(&self) -> &Register {
        self.r
    }
}

/// Votes at every issuer on the register's date, with the rules' fixed point.
pub fn votes_on(s: &Scenario, r: &Register) -> (Vec<IssuerVotes>, RuleOutcome) {
    let facts = Facts::of(s);
    let r = &Reg::new(r);
    let mut seen: Vec<RuleState> = vec![RuleState::default()];
    let mut state = RuleState::default();
    let mut control = BTreeMap::new();
    let mut cycle = 0;
    for _ in 0..MAX_ITERATIONS {
        let (next, ctl) = step(r, &facts, &state);
        control = ctl;
        if let Some(pos) = seen.iter().position(|x| *x == next) {
            cycle = seen.len() - pos;
            state = next;
            break;
        }
        seen.push(next.clone());
        state = next;
    }
    let issuers = r.capital.keys().map(|i| issuer_votes(s, r, &facts, &state, i)).collect();
    (issuers, RuleOutcome { control, iterations: seen.len(), cycle })
}

/// One application of every rule to the current state.
fn step(r: &Reg, f: &Facts, st: &RuleState) -> (RuleState, BTreeMap<String, BTreeSet<String>>) {
    let rules = &r.rules;
    let mut next = RuleState::default();
    if rules.vote_caps {
        next.capped = caps(r, st);
    }
    let control = if rules.control_suppression { control_map(r, f, st) } else { BTreeMap::new() };
    for (issuer, controlled) in &control {
        if f.jurisdiction.get(issuer.as_str()) != Some(&Jurisdiction::France) {
            continue;
        }
        for h in controlled {
            if r.block(h, issuer).shares > 0 {
                next.suppressed.insert((h.clone(), issuer.clone()), RuleName::ControlSuppression);
            }
        }
    }
    if rules.mutual_quarter {
        for (issuer, j) in &f.jurisdiction {
            if *j != Jurisdiction::Japan {
                continue;
            }
            for (holder, _) in r.holders_of(issuer) {
                if f.jurisdiction.contains_key(holder) && quarter_held(r, st, issuer, holder) {
                    next.suppressed.entry((holder.to_string(), issuer.to_string())).or_insert(RuleName::MutualQuarter);
                }
            }
        }
    }
    (next, control)
}

/// Exercisable votes of a holder at an issuer under the current suppression state.
fn exercisable(r: &Reg, st: &RuleState, holder: &str, issuer: &str) -> u64 {
    if st.suppressed.contains_key(&(holder.to_string(), issuer.to_string())) {
        0
    } else {
        r.block(holder, issuer).votes()
    }
}

/// Total exercisable votes at an issuer: holders (after suppression) + float (+ treasury
/// when the treasury rule is off).
fn total_exercisable(r: &Reg, st: &RuleState, issuer: &str) -> u64 {
    let holders: u64 = r.holders_of(issuer).map(|(h, _)| exercisable(r, st, h, issuer)).sum();
    let c = r.capital.get(issuer).copied().unwrap_or_default();
    let treasury = if r.rules.treasury { 0 } else { c.treasury };
    holders + r.float_shares(issuer) + c.float_double_voting + treasury
}

/// Game votes of a holder: exercisable, minus trust neutrality, minus the excess over a cap.
fn game_votes(r: &Reg, f: &Facts, st: &RuleState, holder: &str, issuer: &str) -> u64 {
    if r.rules.trust_neutral && f.trusts.contains(holder) {
        return 0;
    }
    available_votes(r, st, holder, issuer)
}

/// Exercisable votes of a holder minus the excess over its cap.
fn available_votes(r: &Reg, st: &RuleState, holder: &str, issuer: &str) -> u64 {
    let ex = exercisable(r, st, holder, issuer);
    match st.capped.get(&(holder.to_string(), issuer.to_string())) {
        Some(&c) if r.rules.vote_caps => ex.min(c),
        _ => ex,
    }
}

/// The cap limits for the next state, from the current suppression state, solved jointly
/// for every issuer so that they hold at once (no slow iteration between two capped holders).
fn caps(r: &Reg, st: &RuleState) -> BTreeMap<(String, String), u64> {
    let mut out = BTreeMap::new();
    for &issuer in r.caps_by_issuer.keys() {
        out.extend(issuer_caps(r, st, issuer));
    }
    out
}

/// The limits of the capped holders of one issuer.
///
/// Before-cap readings are floor(c·total). After-cap readings solve x_i = min(v_i, c_i·T) with
/// T = U + Σ x_i, where U holds every vote in play that no after-cap reading limits: the
/// binding set is the top k holders by v_i/c_i for the one k that is consistent, and then
/// T = (U + Σ unbound v_i)/(1 − Σ bound c_i) exactly. When the caps add up to 1 or more no
/// such T exists, and the before-cap reading is used instead.
fn issuer_caps(r: &Reg, st: &RuleState, issuer: &str) -> Vec<((String, String), u64)> {
    let total = total_exercisable(r, st, issuer);
    let mut out = Vec::new();
    let mut after: Vec<(&(String, String), u64, Fraction)> = Vec::new();
    let mut limited_total: u64 = 0;
    let lapsed = |terms: &crate::model::ledger::CapTerms| {
        terms.lapses_when_exercisable.as_deref().is_some_and(|other| {
            r.block(other, issuer).shares > 0 && !st.suppressed.contains_key(&(other.to_string(), issuer.to_string()))
        })
    };
    for (key, terms) in r.caps_at(issuer).filter(|(_, t)| !lapsed(t)) {
        let v = exercisable(r, st, &key.0, issuer);
        match terms.reading {
            CapReading::OfTotalBeforeCap => {
                let limit = terms.cap.floor_mul(total);
                limited_total += v - v.min(limit);
                out.push((key.clone(), limit));
            }
            CapReading::OfTotalAfterCap => after.push((key, v, terms.cap)),
        }
    }
    let unlimited = total - limited_total - after.iter().map(|a| a.1).sum::<u64>();
    if let [(key, _, c)] = after.as_slice() {
        // One holder: x = c·(U + x), so x = floor(c·U/(1 − c)), in integers.
        if let Some(limit) = single_after_cap_limit(*c, unlimited) {
            out.push(((*key).clone(), limit));
            return out;
        }
    }
    match solve_after_cap(unlimited, &after) {
        Some(t) => out.extend(after.iter().map(|(key, _, c)| ((*key).clone(), floor_times(*c, &t)))),
        None => out.extend(after.iter().map(|(key, _, c)| ((*key).clone(), c.floor_mul(total)))),
    }
    out
}

/// floor(c·others/(1 − c)) for one capped holder; `None` when c ≥ 1.
fn single_after_cap_limit(c: Fraction, others: u64) -> Option<u64> {
    let (p, q) = (u128::from(c.numer()), u128::from(c.denom()));
    (p < q).then(|| (u128::from(others) * p / (q - p)).min(u128::from(u64::MAX)) as u64)
}

/// The total in play T after the after-cap limits, as an exact fraction, if one exists.
fn solve_after_cap(unlimited: u64, after: &[(&(String, String), u64, Fraction)]) -> Option<BigRational> {
    let big = |n: u64| BigRational::from_integer(BigInt::from(n));
    let frac = |c: Fraction| BigRational::new(BigInt::from(c.numer()), BigInt::from(c.denom()));
    let mut order: Vec<usize> = (0..after.len()).collect();
    // Largest v/c first: those bind first as T shrinks.
    order.sort_by(|&x, &y| {
        let (vx, cx, vy, cy) = (after[x].1, after[x].2, after[y].1, after[y].2);
        (u128::from(vy) * u128::from(cy.denom()) * u128::from(cx.numer()))
            .cmp(&(u128::from(vx) * u128::from(cx.denom()) * u128::from(cy.numer())))
            .then(x.cmp(&y))
    });
    for k in 0..=after.len() {
        let (bound, free) = order.split_at(k);
        let c_sum: BigRational = bound.iter().map(|&i| frac(after[i].2)).sum();
        let rest = BigRational::from_integer(BigInt::from(1)) - c_sum;
        if rest <= BigRational::from_integer(BigInt::from(0)) {
            return None;
        }
        let t = (big(unlimited) + free.iter().map(|&i| big(after[i].1)).sum::<BigRational>()) / rest;
        let binds = |i: usize| big(after[i].1) >= frac(after[i].2) * &t;
        if bound.iter().all(|&i| binds(i))
            && free.iter().all(|&i| !binds(i) || big(after[i].1) == frac(after[i].2) * &t)
        {
            return Some(t);
        }
    }
    None
}

/// floor(c · t) for an exact t.
fn floor_times(c: Fraction, t: &BigRational) -> u64 {
    let x = BigRational::new(BigInt::from(c.numer()), BigInt::from(c.denom())) * t;
    x.floor().to_integer().to_u64().unwrap_or(u64::MAX)
}

/// The votes counted for `holder` by the control test.
fn control_votes(r: &Reg, f: &Facts, st: &RuleState, holder: &str, issuer: &str) -> u64 {
    match r.rules.control_test {
        ControlTest::ExercisableVotes => game_votes(r, f, st, holder, issuer),
        ControlTest::TheoreticalVotes => r.block(holder, issuer).votes(),
    }
}

/// For each company, the set of companies it controls, directly or through a chain
/// (L233-3: more than 50% of the votes, or more than 40% with no other holder above).
fn control_map(r: &Reg, f: &Facts, st: &RuleState) -> BTreeMap<String, BTreeSet<String>> {
    f.jurisdiction.keys().map(|&a| (a.to_string(), controlled_by(r, f, st, a))).collect()
}

/// The companies `a` controls: the smallest group such that no other company is controlled
/// by `a` together with the group. [`controls`] only grows with the group, so the group does
/// not depend on the order in which companies are tried, and a company that neither `a` nor
/// a member of its group holds shares of cannot join: only those are tried, which keeps the
/// search proportional to the stakes it follows rather than to the number of companies.
fn controlled_by(r: &Reg, f: &Facts, st: &RuleState, a: &str) -> BTreeSet<String> {
    let mut group: BTreeSet<String> = BTreeSet::new();
    let is_candidate = |b: &str| b != a && f.jurisdiction.contains_key(b);
    let mut candidates: BTreeSet<&str> = r.issuers_of(a).filter(|b| is_candidate(b)).collect();
    loop {
        let joined: Vec<&str> =
            candidates.iter().copied().filter(|b| !group.contains(*b) && controls(r, f, st, a, &group, b)).collect();
        if joined.is_empty() {
            return group;
        }
        for b in joined {
            group.insert(b.to_string());
            candidates.extend(r.issuers_of(b).filter(|c| is_candidate(c)));
        }
    }
}

/// Whether `a` together with the companies it controls (`group`) controls `b`.
fn controls(r: &Reg, f: &Facts, st: &RuleState, a: &str, group: &BTreeSet<String>, b: &str) -> bool {
    let denom = match r.rules.control_test {
        ControlTest::ExercisableVotes => total_exercisable(r, st, b),
        ControlTest::TheoreticalVotes => {
            let c = r.capital.get(b).copied().unwrap_or_default();
            r.holders_of(b).map(|(_, bl)| bl.votes()).sum::<u64>() + r.float_shares(b) + c.float_double_voting
        }
    };
    if denom == 0 {
        return false;
    }
    let in_group = |h: &str| h == a || group.contains(h);
    let ours: u64 = r.holders_of(b).filter(|(h, _)| in_group(h)).map(|(h, _)| control_votes(r, f, st, h, b)).sum();
    let top_other =
        r.holders_of(b).filter(|(h, _)| !in_group(h)).map(|(h, _)| control_votes(r, f, st, h, b)).max().unwrap_or(0);
    let (o, d) = (u128::from(ours), u128::from(denom));
    o * 2 > d || (o * 5 > d * 2 && u128::from(top_other) <= o)
}

/// Whether Japanese `issuer` holds a quarter or more of the votes of `holder`'s shareholders.
fn quarter_held(r: &Reg, st: &RuleState, issuer: &str, holder: &str) -> bool {
    let (held, all) = match r.rules.quarter_test {
        QuarterTest::HeldVotes => {
            let c = r.capital.get(holder).copied().unwrap_or_default();
            let all = r.holders_of(holder).map(|(_, b)| b.votes()).sum::<u64>()
                + r.float_shares(holder)
                + c.float_double_voting;
            (r.block(issuer, holder).votes(), all)
        }
        QuarterTest::ExercisableVotes => (exercisable(r, st, issuer, holder), total_exercisable(r, st, holder)),
    };
    all > 0 && u128::from(held) * 4 >= u128::from(all)
}

/// The final votes at one issuer.
fn issuer_votes(s: &Scenario, r: &Reg, f: &Facts, st: &RuleState, issuer: &str) -> IssuerVotes {
    let c = r.capital.get(issuer).copied().unwrap_or_default();
    let float_shares = r.float_shares(issuer);
    let float_votes = float_shares + c.float_double_voting;
    let float_votes_cast = s.meeting.float_turnout.round_mul(float_votes);
    let holders: Vec<HolderVotes> = r
        .holders_of(issuer)
        .map(|(h, b)| {
            let key = (h.to_string(), issuer.to_string());
            let exercisable_votes = exercisable(r, st, h, issuer);
            let game = game_votes(r, f, st, h, issuer);
            let available = available_votes(r, st, h, issuer);
            let (status, rule) = if let Some(rule) = st.suppressed.get(&key) {
                (VoteStatus::Suppressed, Some(*rule))
            } else if r.rules.trust_neutral && f.trusts.contains(h) {
                (VoteStatus::Neutral, Some(RuleName::TrustNeutral))
            } else if game < exercisable_votes {
                (VoteStatus::Capped, Some(RuleName::VoteCaps))
            } else {
                (VoteStatus::Full, None)
            };
            HolderVotes {
                holder: h.to_string(),
                shares: b.shares,
                double_voting: b.double_voting,
                theoretical_votes: b.votes(),
                exercisable_votes,
                available_votes: available,
                game_votes: game,
                status,
                rule,
            }
        })
        .collect();
    let listed_theoretical: u64 = holders.iter().map(|h| h.theoretical_votes).sum();
    let listed_exercisable: u64 = holders.iter().map(|h| h.exercisable_votes).sum();
    let listed_game: u64 = holders.iter().map(|h| h.game_votes).sum();
    let treasury_votes = if r.rules.treasury { 0 } else { c.treasury };
    IssuerVotes {
        issuer: issuer.to_string(),
        issued_shares: c.issued,
        treasury_shares: c.treasury,
        float_shares,
        float_votes,
        float_votes_cast,
        theoretical_votes: c.treasury + listed_theoretical + float_votes,
        exercisable_votes: listed_exercisable + float_votes + treasury_votes,
        votes_cast: listed_exercisable + float_votes_cast,
        game_total: listed_game + float_votes_cast,
        holders,
    }
}
