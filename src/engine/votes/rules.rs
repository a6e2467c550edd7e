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

use super::cap_limits::{floor_times, single_after_cap_limit, solve_after_cap};
use super::register::{Facts, IndexedRegister};
use super::results::{HolderVotes, IssuerVotes, RuleOutcome, VoteStatus};
use crate::model::ledger::Register;
use crate::model::{CapReading, ControlTest, Fraction, Jurisdiction, QuarterTest, RuleName, Scenario};

/// The iterated state: which (holder, issuer) votes are off and by which rule, and the game
/// votes left to capped holders.
#[derive(Debug, Clone, PartialEq, Eq, Default, Hash)]
struct RuleState {
    suppressed: BTreeMap<(String, String), RuleName>,
    capped: BTreeMap<(String, String), u64>,
}

/// The most iterations before the fixed point gives up and reports a cycle.
const MAX_ITERATIONS: usize = 256;

/// What every rule reads on one iteration of the fixed point: the register of the date, the
/// facts about the entities, and the state the previous iteration left.
struct RuleContext<'a> {
    /// The register of the date, indexed by issuer and by holder.
    register: &'a IndexedRegister<'a>,
    /// The entities' jurisdictions and which are trusts.
    facts: &'a Facts<'a>,
    /// The votes switched off and the caps' limits so far.
    state: &'a RuleState,
}

/// Votes at every issuer on the register's date, with the rules' fixed point.
pub fn votes_on(s: &Scenario, r: &Register) -> (Vec<IssuerVotes>, RuleOutcome) {
    let facts = Facts::of(s);
    let register = IndexedRegister::new(r);
    let mut seen: Vec<RuleState> = vec![RuleState::default()];
    let mut state = RuleState::default();
    let mut control = BTreeMap::new();
    let mut cycle = 0;
    for _ in 0..MAX_ITERATIONS {
        let (next, ctl) = RuleContext { register: &register, facts: &facts, state: &state }.step();
        control = ctl;
        if let Some(pos) = seen.iter().position(|x| *x == next) {
            cycle = seen.len() - pos;
            state = next;
            break;
        }
        seen.push(next.clone());
        state = next;
    }
    let context = RuleContext { register: &register, facts: &facts, state: &state };
    let issuers = register.capital.keys().map(|i| context.issuer_votes(s, i)).collect();
    (issuers, RuleOutcome { control, iterations: seen.len(), cycle })
}

impl RuleContext<'_> {
    /// One application of every rule to the current state.
    fn step(&self) -> (RuleState, BTreeMap<String, BTreeSet<String>>) {
        let rules = &self.register.rules;
        let mut next = RuleState::default();
        if rules.vote_caps {
            next.capped = self.caps();
        }
        let control = if rules.control_suppression { self.control_map() } else { BTreeMap::new() };
        for (issuer, controlled) in &control {
            if self.facts.jurisdiction.get(issuer.as_str()) != Some(&Jurisdiction::France) {
                continue;
            }
            for h in controlled {
                if self.register.block(h, issuer).shares > 0 {
                    next.suppressed.insert((h.clone(), issuer.clone()), RuleName::ControlSuppression);
                }
            }
        }
        if rules.mutual_quarter {
            for (issuer, j) in &self.facts.jurisdiction {
                if *j != Jurisdiction::Japan {
                    continue;
                }
                for (holder, _) in self.register.holders_of(issuer) {
                    if self.facts.jurisdiction.contains_key(holder) && self.quarter_held(issuer, holder) {
                        next.suppressed
                            .entry((holder.to_string(), issuer.to_string()))
                            .or_insert(RuleName::MutualQuarter);
                    }
                }
            }
        }
        (next, control)
    }

    /// Exercisable votes of a holder at an issuer under the current suppression state.
    fn exercisable(&self, holder: &str, issuer: &str) -> u64 {
        if self.state.suppressed.contains_key(&(holder.to_string(), issuer.to_string())) {
            0
        } else {
            self.register.block(holder, issuer).votes()
        }
    }

    /// Total exercisable votes at an issuer: holders (after suppression) + float (+ treasury
    /// when the treasury rule is off).
    fn total_exercisable(&self, issuer: &str) -> u64 {
        let holders: u64 = self.register.holders_of(issuer).map(|(h, _)| self.exercisable(h, issuer)).sum();
        let c = self.register.capital.get(issuer).copied().unwrap_or_default();
        let treasury = if self.register.rules.treasury { 0 } else { c.treasury };
        holders + self.register.float_shares(issuer) + c.float_double_voting + treasury
    }

    /// Game votes of a holder: exercisable, minus trust neutrality, minus the excess over a cap.
    fn game_votes(&self, holder: &str, issuer: &str) -> u64 {
        if self.register.rules.trust_neutral && self.facts.trusts.contains(holder) {
            return 0;
        }
        self.available_votes(holder, issuer)
    }

    /// Exercisable votes of a holder minus the excess over its cap.
    fn available_votes(&self, holder: &str, issuer: &str) -> u64 {
        let ex = self.exercisable(holder, issuer);
        match self.state.capped.get(&(holder.to_string(), issuer.to_string())) {
            Some(&c) if self.register.rules.vote_caps => ex.min(c),
            _ => ex,
        }
    }

    /// The cap limits for the next state, from the current suppression state, solved jointly
    /// for every issuer so that they hold at once (no slow iteration between two capped holders).
    fn caps(&self) -> BTreeMap<(String, String), u64> {
        let mut out = BTreeMap::new();
        for &issuer in self.register.caps_by_issuer.keys() {
            out.extend(self.issuer_caps(issuer));
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
    fn issuer_caps(&self, issuer: &str) -> Vec<((String, String), u64)> {
        let total = self.total_exercisable(issuer);
        let mut out = Vec::new();
        let mut after: Vec<(&(String, String), u64, Fraction)> = Vec::new();
        let mut limited_total: u64 = 0;
        let lapsed = |terms: &crate::model::ledger::CapTerms| {
            terms.lapses_when_exercisable.as_deref().is_some_and(|other| {
                self.register.block(other, issuer).shares > 0
                    && !self.state.suppressed.contains_key(&(other.to_string(), issuer.to_string()))
            })
        };
        for (key, terms) in self.register.caps_at(issuer).filter(|(_, t)| !lapsed(t)) {
            let v = self.exercisable(&key.0, issuer);
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

    /// The votes counted for `holder` by the control test.
    fn control_votes(&self, holder: &str, issuer: &str) -> u64 {
        match self.register.rules.control_test {
            ControlTest::ExercisableVotes => self.game_votes(holder, issuer),
            ControlTest::TheoreticalVotes => self.register.block(holder, issuer).votes(),
        }
    }

    /// For each company, the set of companies it controls, directly or through a chain
    /// (L233-3: more than 50% of the votes, or more than 40% with no other holder above).
    fn control_map(&self) -> BTreeMap<String, BTreeSet<String>> {
        self.facts.jurisdiction.keys().map(|&a| (a.to_string(), self.controlled_by(a))).collect()
    }

    /// The companies `a` controls: the smallest group such that no other company is controlled
    /// by `a` together with the group. [`controls`] only grows with the group, so the group does
    /// not depend on the order in which companies are tried, and a company that neither `a` nor
    /// a member of its group holds shares of cannot join: only those are tried, which keeps the
    /// search proportional to the stakes it follows rather than to the number of companies.
    fn controlled_by(&self, a: &str) -> BTreeSet<String> {
        let mut group: BTreeSet<String> = BTreeSet::new();
        let is_candidate = |b: &str| b != a && self.facts.jurisdiction.contains_key(b);
        let mut candidates: BTreeSet<&str> = self.register.issuers_of(a).filter(|b| is_candidate(b)).collect();
        loop {
            let joined: Vec<&str> =
                candidates.iter().copied().filter(|b| !group.contains(*b) && self.controls(a, &group, b)).collect();
            if joined.is_empty() {
                return group;
            }
            for b in joined {
                group.insert(b.to_string());
                candidates.extend(self.register.issuers_of(b).filter(|c| is_candidate(c)));
            }
        }
    }

    /// Whether `a` together with the companies it controls (`group`) controls `b`.
    fn controls(&self, a: &str, group: &BTreeSet<String>, b: &str) -> bool {
        let denom = match self.register.rules.control_test {
            ControlTest::ExercisableVotes => self.total_exercisable(b),
            ControlTest::TheoreticalVotes => {
                let c = self.register.capital.get(b).copied().unwrap_or_default();
                self.register.holders_of(b).map(|(_, bl)| bl.votes()).sum::<u64>()
                    + self.register.float_shares(b)
                    + c.float_double_voting
            }
        };
        if denom == 0 {
            return false;
        }
        let in_group = |h: &str| h == a || group.contains(h);
        let ours: u64 =
            self.register.holders_of(b).filter(|(h, _)| in_group(h)).map(|(h, _)| self.control_votes(h, b)).sum();
        let top_other = self
            .register
            .holders_of(b)
            .filter(|(h, _)| !in_group(h))
            .map(|(h, _)| self.control_votes(h, b))
            .max()
            .unwrap_or(0);
        let (o, d) = (u128::from(ours), u128::from(denom));
        o * 2 > d || (o * 5 > d * 2 && u128::from(top_other) <= o)
    }

    /// Whether Japanese `issuer` holds a quarter or more of the votes of `holder`'s shareholders.
    fn quarter_held(&self, issuer: &str, holder: &str) -> bool {
        let (held, all) = match self.register.rules.quarter_test {
            QuarterTest::HeldVotes => {
                let c = self.register.capital.get(holder).copied().unwrap_or_default();
                let all = self.register.holders_of(holder).map(|(_, b)| b.votes()).sum::<u64>()
                    + self.register.float_shares(holder)
                    + c.float_double_voting;
                (self.register.block(issuer, holder).votes(), all)
            }
            QuarterTest::ExercisableVotes => (self.exercisable(issuer, holder), self.total_exercisable(holder)),
        };
        all > 0 && u128::from(held) * 4 >= u128::from(all)
    }

    /// The final votes at one issuer.
    fn issuer_votes(&self, s: &Scenario, issuer: &str) -> IssuerVotes {
        let c = self.register.capital.get(issuer).copied().unwrap_or_default();
        let float_shares = self.register.float_shares(issuer);
        let float_votes = float_shares + c.float_double_voting;
        let float_votes_cast = s.meeting.float_turnout.round_mul(float_votes);
        let holders: Vec<HolderVotes> = self
            .register
            .holders_of(issuer)
            .map(|(h, b)| {
                let key = (h.to_string(), issuer.to_string());
                let exercisable_votes = self.exercisable(h, issuer);
                let game = self.game_votes(h, issuer);
                let available = self.available_votes(h, issuer);
                let (status, rule) = if let Some(rule) = self.state.suppressed.get(&key) {
                    (VoteStatus::Suppressed, Some(*rule))
                } else if self.register.rules.trust_neutral && self.facts.trusts.contains(h) {
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
        let treasury_votes = if self.register.rules.treasury { 0 } else { c.treasury };
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
}
