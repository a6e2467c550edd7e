//! Findings on the voting games themselves: blocking minorities on resolutions whose quota is
//! above one half, and power indices that are degenerate or could not be computed.

use super::{Entities, Finding, FindingKind, pct};
use crate::engine::IssuerResult;
use crate::model::Scenario;

/// Findings for degenerate or unavailable power indices.
pub fn degenerate_findings(s: &Scenario, issuers: &[IssuerResult]) -> Vec<Finding> {
    let mut out = Vec::new();
    let entities = Entities::of(s);
    for x in issuers {
        for k in &x.kinds {
            let (set, kind) = (&k.power, k.game.kind.as_str());
            let issuer = Some(x.votes.issuer.clone());
            if set.degenerate {
                out.push(Finding {
                    kind: FindingKind::DegeneratePower,
                    holder: None,
                    issuer: issuer.clone(),
                    detail: format!(
                        "at {} ({kind} resolutions) a single blockholder faces only the float: its \
                        normalised Banzhaf index is 1 by construction; read Shapley–Shubik \
                        instead",
                        entities.name(&x.votes.issuer)
                    ),
                });
            }
            if let Some(why) = &set.unavailable {
                out.push(Finding {
                    kind: FindingKind::DegeneratePower,
                    holder: None,
                    issuer,
                    detail: format!(
                        "power at {} ({kind} resolutions) could not be computed: {why}",
                        entities.name(&x.votes.issuer),
                    ),
                });
            }
        }
    }
    out
}

/// Blocking minorities per kind of resolution whose quota is above one half: a player (with
/// the votes that follow it) whose votes alone keep the others below the quota.
pub fn blocking_findings(s: &Scenario, issuers: &[IssuerResult]) -> Vec<Finding> {
    let mut out = Vec::new();
    let kinds = s.resolution_kinds();
    let entities = Entities::of(s);
    for x in issuers {
        for kr in &x.kinds {
            let g = &kr.game;
            let f = g.quota.fraction();
            if u128::from(f.numer()) * 2 <= u128::from(f.denom()) || g.total == 0 {
                continue;
            }
            let name = kinds.iter().find(|k| k.id == g.kind).map_or(g.kind.clone(), |k| k.name.to_lowercase());
            for (k, w) in g.players() {
                // Every other free vote yes (committed yes votes are added by `passes`).
                if g.passes(u128::from(g.total - w - g.committed_against - g.committed_for)) {
                    continue;
                }
                let h = &x.votes.holders[k].holder;
                let with = if w > g.holders[k].votes { " with the votes that follow it" } else { "" };
                out.push(Finding {
                    kind: FindingKind::BlockingMinority,
                    holder: Some(h.clone()),
                    issuer: Some(x.votes.issuer.clone()),
                    detail: format!(
                        "{}{with} has {} of the votes in play at {} on {name} resolutions: enough to block them \
                        alone (they need {})",
                        entities.name(h),
                        pct(w, g.total),
                        entities.name(&x.votes.issuer),
                        g.quota.label()
                    ),
                });
            }
        }
    }
    out
}
