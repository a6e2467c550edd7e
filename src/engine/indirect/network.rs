//! The network of meetings one date and one kind of resolution play: which votes each holder
//! has in play at each company's meeting, which holders are companies with a meeting of their
//! own, and which are the atomic players (everyone else with votes in play somewhere).

use std::collections::{BTreeMap, BTreeSet};

use super::error::IndirectError;
use crate::engine::IssuerResult;

/// One company's meeting on one kind of resolution: its float's votes cast, the total in
/// play, its holders' votes, and the votes committed yes whatever anyone does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Meeting {
    /// The company's id.
    pub company: String,
    /// Votes the float casts, f(j).
    pub float: u64,
    /// Votes in play, T(j): every holder's votes in play plus the float's and the committed
    /// votes (yes and no).
    pub total: u64,
    /// Holders (companies or atomic players) and their votes in play, v(i, j): a leader's
    /// votes include those that follow it on this kind.
    pub holders: Vec<(String, u64)>,
    /// Votes committed yes on this kind (a holder voting for whatever happens): counted yes
    /// for every coalition.
    pub committed_for: u64,
}

/// The network, indexed for the computations: companies `0..K`, atomic players `0..m`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Network {
    pub(super) companies: Vec<String>,
    pub(super) players: Vec<String>,
    pub(super) float: Vec<u64>,
    pub(super) total: Vec<u64>,
    /// At company k: the votes committed yes.
    pub(super) committed: Vec<u64>,
    /// At company k: its company holders and their votes.
    pub(super) company_holders: Vec<Vec<(usize, u64)>>,
    /// For company c: the companies at which it has votes in play, and those votes.
    pub(super) company_holds: Vec<Vec<(usize, u64)>>,
    /// At company k: its atomic holders and their votes.
    pub(super) player_votes: Vec<Vec<(usize, u64)>>,
    /// For player i: the companies at which it has votes in play.
    pub(super) player_holds: Vec<Vec<(usize, u64)>>,
    /// `reaches[k][i]`: player i has votes at k or at a company with a chain of votes to k.
    pub(super) reaches: Vec<Vec<bool>>,
}

impl Network {
    /// The network of these meetings. Holders that are not among the meetings' companies are
    /// the atomic players; holders with no votes in play anywhere are left out (they are
    /// dummies everywhere). A company's votes at its own meeting, if any, are left out.
    pub fn new(meetings: &[Meeting]) -> Result<Network, IndirectError> {
        let companies: Vec<String> = meetings.iter().map(|m| m.company.clone()).collect();
        let index: BTreeMap<&str, usize> = companies.iter().enumerate().map(|(k, c)| (c.as_str(), k)).collect();
        if index.len() != companies.len() {
            return Err(IndirectError::DuplicateCompany);
        }
        let is_company = |h: &str| index.contains_key(h);
        let players: Vec<String> = meetings
            .iter()
            .flat_map(|m| m.holders.iter())
            .filter(|(h, v)| *v > 0 && !is_company(h))
            .map(|(h, _)| h.clone())
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        let pindex: BTreeMap<String, usize> = players.iter().enumerate().map(|(k, p)| (p.clone(), k)).collect();
        let index: BTreeMap<String, usize> = index.into_iter().map(|(c, k)| (c.to_string(), k)).collect();
        let n = companies.len();
        let mut net = Network {
            float: meetings.iter().map(|m| m.float).collect(),
            total: meetings.iter().map(|m| m.total).collect(),
            committed: meetings.iter().map(|m| m.committed_for).collect(),
            company_holders: vec![Vec::new(); n],
            company_holds: vec![Vec::new(); n],
            player_votes: vec![Vec::new(); n],
            player_holds: vec![Vec::new(); players.len()],
            reaches: Vec::new(),
            companies,
            players,
        };
        for (k, m) in meetings.iter().enumerate() {
            let in_play = m
                .holders
                .iter()
                .try_fold(m.float, |acc, (_, v)| acc.checked_add(*v))
                .and_then(|x| x.checked_add(m.committed_for));
            if in_play.is_none_or(|x| x > m.total) {
                return Err(IndirectError::VotesAboveTotal { company: m.company.clone() });
            }
            for (h, v) in m.holders.iter().filter(|(_, v)| *v > 0) {
                if let Some(&c) = index.get(h) {
                    if c != k {
                        net.company_holders[k].push((c, *v));
                        net.company_holds[c].push((k, *v));
                    }
                } else if let Some(&i) = pindex.get(h) {
                    net.player_votes[k].push((i, *v));
                    net.player_holds[i].push((k, *v));
                }
            }
        }
        net.reaches = vec![vec![false; net.players.len()]; n];
        for i in 0..net.players.len() {
            for k in net.reached_by(i) {
                net.reaches[k][i] = true;
            }
        }
        Ok(net)
    }

    /// The network of one date's meetings: the votes in play after the rules, caps and
    /// neutral votes, the float's votes cast and the total in play at every issuer.
    pub fn from_issuers<'a>(issuers: impl IntoIterator<Item = &'a IssuerResult>) -> Result<Network, IndirectError> {
        let meetings: Vec<Meeting> = issuers
            .into_iter()
            .map(|x| Meeting {
                company: x.votes.issuer.clone(),
                float: x.votes.float_votes_cast,
                total: x.votes.game_total,
                holders: x.votes.holders.iter().map(|h| (h.holder.clone(), h.game_votes)).collect(),
                committed_for: 0,
            })
            .collect();
        Network::new(&meetings)
    }

    /// The network that one kind of resolution plays on one date: at every issuer, that
    /// kind's game (behaviours applied: a follower's votes counted with its leader's, neutral
    /// votes out, committed votes yes or no whatever the players do). `None` when an issuer
    /// has no game of that kind.
    pub fn of_kind<'a>(
        issuers: impl IntoIterator<Item = &'a IssuerResult>,
        kind: &str,
    ) -> Option<Result<Network, IndirectError>> {
        let meetings: Option<Vec<Meeting>> = issuers
            .into_iter()
            .map(|x| {
                let game = &x.kinds.iter().find(|k| k.game.kind == kind)?.game;
                let holders = game
                    .players()
                    .into_iter()
                    .filter_map(|(h, w)| x.votes.holders.get(h).map(|v| (v.holder.clone(), w)))
                    .collect();
                Some(Meeting {
                    company: x.votes.issuer.clone(),
                    float: game.float_votes_cast,
                    total: game.total,
                    holders,
                    committed_for: game.committed_for,
                })
            })
            .collect();
        meetings.map(|m| Network::new(&m))
    }

    /// The companies, in the order of the meetings given.
    pub fn companies(&self) -> &[String] {
        &self.companies
    }

    /// The atomic players, by id.
    pub fn players(&self) -> &[String] {
        &self.players
    }

    /// Whether player `i` can weigh at company `k` at all: it has votes there, or at a company
    /// with a chain of votes in play to `k`.
    pub fn reaches(&self, k: usize, i: usize) -> bool {
        self.reaches.get(k).and_then(|r| r.get(i)).copied().unwrap_or(false)
    }

    /// The companies at which atomic player `i` weighs: those it holds votes in, and every
    /// company held by one of them, and so on down the chains. One search per player (rather
    /// than one up the chains from every company) keeps this proportional to the players
    /// times the holdings, not to the square of the companies.
    fn reached_by(&self, i: usize) -> Vec<usize> {
        let mut seen = vec![false; self.companies.len()];
        let mut stack: Vec<usize> = Vec::new();
        for &(k, _) in &self.player_holds[i] {
            if !seen[k] {
                seen[k] = true;
                stack.push(k);
            }
        }
        let mut out = Vec::new();
        while let Some(c) = stack.pop() {
            out.push(c);
            for &(d, _) in &self.company_holds[c] {
                if !seen[d] {
                    seen[d] = true;
                    stack.push(d);
                }
            }
        }
        out
    }
}
