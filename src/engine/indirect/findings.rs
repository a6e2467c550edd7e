//! Findings on indirect power: an ultimate holder that decides at a company through the
//! network, and crossings of an ultimate holder's indirect Shapley–Shubik power through 50%.
//!
//! A company's votes elsewhere are cast by its board, so a say through the network counts only
//! the companies a holder controls outright ([`super::robust`]); and a say that holds only with
//! every float split exactly evenly is a knife edge, not a finding: a holder decides when it
//! does so over the whole band [`super::ROBUST_BAND`] or with more than half of the
//! Shapley–Shubik power ([`HolderPower::decides_robustly`]). Banzhaf's flips at one half are
//! not reported as crossings for the same reason. Findings are grouped by holder and company
//! across the kinds of resolution.

use std::collections::BTreeMap;

use super::results::{HolderPower, IndirectPower, KindPower, Method};
use crate::engine::findings::Entities;
use crate::engine::findings::group::{OnKind, grouped};
use crate::engine::{Finding, FindingKind, Measure};
use crate::model::Scenario;

/// What the indirect indices of one date say: who decides where through the network, and what
/// could not be computed.
pub fn state_findings(s: &Scenario, set: &[KindPower]) -> Vec<Finding> {
    let mut out = Vec::new();
    let entities = Entities::of(s);
    for k in set {
        let p = match &k.result {
            Ok(p) => p,
            Err(e) => {
                out.push(OnKind {
                    kind: FindingKind::DegeneratePower,
                    holder: None,
                    issuer: None,
                    head: "Indirect power could not be computed".into(),
                    body: e.to_string(),
                    resolution: k.kind.clone(),
                    tail: String::new(),
                });
                continue;
            }
        };
        for c in &p.companies {
            for (player, h) in p.players.iter().zip(&c.holders) {
                let Some(r) = h.decisive.filter(|r| r.through_companies) else { continue };
                // A Monte Carlo estimate of Shapley–Shubik near one half is no evidence.
                let confirmed = r.robust || (p.method == Method::Exact && h.decides_robustly());
                if !confirmed {
                    continue;
                }
                let short = if r.robust {
                    String::new()
                } else {
                    format!(
                        ", short of the band from 45% to 55% but with {:.1}% of the Shapley–Shubik power there",
                        h.shapley_shubik * 100.0
                    )
                };
                out.push(OnKind {
                    kind: FindingKind::IndirectDecides,
                    holder: Some(player.clone()),
                    issuer: Some(c.company.clone()),
                    head: format!(
                        "{} decides at {} through the network",
                        entities.name(player),
                        entities.name(&c.company)
                    ),
                    body: format!(
                        "for every float voting yes with {:.1}% to {:.1}% of its votes{short}",
                        r.from * 100.0,
                        r.to * 100.0
                    ),
                    resolution: k.kind.clone(),
                    tail: ". Its own votes there and those of the companies it controls outright settle the outcome \
                           whatever the other holders, the boards it does not control and the floats within that \
                           range do"
                        .into(),
                });
            }
        }
    }
    grouped(s, out)
}

/// Crossings of 50% by an ultimate holder's indirect Shapley–Shubik power between two dates,
/// for holders that command other companies' votes at the company (companies they control
/// outright) on one of the two dates: elsewhere the indirect figure adds votes cast by boards
/// the holder does not control, and the direct figures say the rest.
pub fn crossings(s: &Scenario, before: &[KindPower], after: &[KindPower]) -> Vec<Finding> {
    let mut out = Vec::new();
    let entities = Entities::of(s);
    for k in after {
        let Some(new) = k.power() else { continue };
        let Some(old) = before.iter().find(|b| b.kind == k.kind).and_then(KindPower::power) else { continue };
        if new.method != Method::Exact || old.method != Method::Exact {
            continue;
        }
        let (old_at, new_at) = (Lookup::of(old), Lookup::of(new));
        for c in &new.companies {
            for player in &new.players {
                let commands =
                    |at: &Lookup| at.holder(&c.company, player).is_some_and(|h| h.votes_through_companies > 0);
                if !commands(&old_at) && !commands(&new_at) {
                    continue;
                }
                let m = Measure::ShapleyShubik;
                let (x0, x1) = (old_at.value(&c.company, player, m), new_at.value(&c.company, player, m));
                if (x0 > 0.5) != (x1 > 0.5) {
                    out.push(OnKind {
                        kind: FindingKind::IndirectThreshold,
                        holder: Some(player.clone()),
                        issuer: Some(c.company.clone()),
                        head: format!(
                            "{}'s Shapley–Shubik power at {} through the network crossed 50% {}",
                            entities.name(player),
                            entities.name(&c.company),
                            if x1 > 0.5 { "upward" } else { "downward" },
                        ),
                        body: format!("{:.2}% → {:.2}%", x0 * 100.0, x1 * 100.0),
                        resolution: k.kind.clone(),
                        tail: String::new(),
                    });
                }
            }
        }
    }
    grouped(s, out)
}

/// The companies and players of one set of indices by id, so that comparing two dates costs
/// a lookup per value rather than a scan of every company ([`IndirectPower::holder`]).
struct Lookup<'a> {
    p: &'a IndirectPower,
    companies: BTreeMap<&'a str, usize>,
    players: BTreeMap<&'a str, usize>,
}

impl<'a> Lookup<'a> {
    fn of(p: &'a IndirectPower) -> Self {
        // The first of two equal ids wins, as `IndirectPower::holder` finds.
        let first = |ids: Vec<&'a str>| ids.into_iter().enumerate().rev().map(|(k, id)| (id, k)).collect();
        Lookup {
            p,
            companies: first(p.companies.iter().map(|c| c.company.as_str()).collect()),
            players: first(p.players.iter().map(String::as_str).collect()),
        }
    }

    fn holder(&self, company: &str, player: &str) -> Option<&'a HolderPower> {
        let (c, u) = (self.companies.get(company)?, self.players.get(player)?);
        self.p.companies.get(*c)?.holders.get(*u)
    }

    /// A player's index at a company (0 when it is not a player there, or Banzhaf is null).
    fn value(&self, company: &str, player: &str, m: Measure) -> f64 {
        self.holder(company, player)
            .and_then(|h| match m {
                Measure::ShapleyShubik => Some(h.shapley_shubik),
                Measure::Banzhaf => h.banzhaf,
            })
            .unwrap_or(0.0)
    }
}
