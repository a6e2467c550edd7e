//! Findings on indirect power: an ultimate holder that decides at a company through the
//! network, and crossings of an ultimate holder's indirect power through 50%.
//!
//! Only exact figures give findings: a Monte Carlo estimate near 1 or 50% is not evidence
//! that the exact value is there.

use std::collections::BTreeMap;

use super::results::{HolderPower, IndirectPower, KindPower, Method};
use crate::engine::findings::Entities;
use crate::engine::{Finding, FindingKind, Measure};
use crate::model::Scenario;

/// What the indirect indices of one date say: who decides where, and what could not be
/// computed.
pub fn state_findings(s: &Scenario, set: &[KindPower]) -> Vec<Finding> {
    let mut out = Vec::new();
    let (entities, names) = (Entities::of(s), s.names());
    for k in set {
        let p = match &k.result {
            Ok(p) => p,
            Err(e) => {
                out.push(Finding {
                    kind: FindingKind::DegeneratePower,
                    holder: None,
                    issuer: None,
                    detail: format!(
                        "indirect power ({} resolutions) could not be computed: {e}",
                        names.kind_in_text(&k.kind)
                    ),
                });
                continue;
            }
        };
        if p.method != Method::Exact {
            continue;
        }
        for c in &p.companies {
            for (player, h) in p.players.iter().zip(&c.holders) {
                let decisive = h.banzhaf_absolute == 1.0;
                let alone = h.banzhaf == Some(1.0) && c.float_shapley_shubik.abs() < 1e-12;
                if decisive || alone {
                    let why = if !decisive {
                        "it alone has power there and the floats have none".to_string()
                    } else if c.float_shapley_shubik > 1e-12 {
                        format!(
                            "with every float split evenly its vote settles the outcome (indirect Banzhaf 1), \
                            yet the floats keep {:.1}% of Shapley–Shubik power: read that index too",
                            c.float_shapley_shubik * 100.0
                        )
                    } else {
                        "its vote settles the outcome whoever else joins it (indirect Banzhaf 1)".to_string()
                    };
                    out.push(Finding {
                        kind: FindingKind::IndirectDecides,
                        holder: Some(player.clone()),
                        issuer: Some(c.company.clone()),
                        detail: format!(
                            "{} decides at {} through the network ({} resolutions): {why}",
                            entities.name(player),
                            entities.name(&c.company),
                            names.kind_in_text(&k.kind)
                        ),
                    });
                }
            }
        }
    }
    out
}

/// Crossings of 50% by an ultimate holder's indirect power (each index) between two dates.
pub fn crossings(s: &Scenario, before: &[KindPower], after: &[KindPower]) -> Vec<Finding> {
    let mut out = Vec::new();
    let (entities, names) = (Entities::of(s), s.names());
    for k in after {
        let Some(new) = k.power() else { continue };
        let Some(old) = before.iter().find(|b| b.kind == k.kind).and_then(KindPower::power) else { continue };
        if new.method != Method::Exact || old.method != Method::Exact {
            continue;
        }
        let (old_at, new_at) = (Lookup::of(old), Lookup::of(new));
        for c in &new.companies {
            for player in &new.players {
                for m in Measure::ALL {
                    let (x0, x1) = (old_at.value(&c.company, player, m), new_at.value(&c.company, player, m));
                    if (x0 > 0.5) != (x1 > 0.5) {
                        out.push(Finding {
                            kind: FindingKind::IndirectThreshold,
                            holder: Some(player.clone()),
                            issuer: Some(c.company.clone()),
                            detail: format!(
                                "{}'s indirect {} power at {} ({} resolutions) crossed 50% {} ({:.2}% → {:.2}%)",
                                entities.name(player),
                                m.label(),
                                entities.name(&c.company),
                                names.kind_in_text(&k.kind),
                                if x1 > 0.5 { "upward" } else { "downward" },
                                x0 * 100.0,
                                x1 * 100.0
                            ),
                        });
                    }
                }
            }
        }
    }
    out
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
