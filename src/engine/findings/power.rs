//! Findings on the voting games themselves: blocking minorities on resolutions whose quota is
//! above one half, and power indices that are degenerate or could not be computed. Each is
//! observed kind by kind and grouped ([`super::group`]): one line per holder and issuer.

use super::finding::{Entities, Finding, FindingKind, pct};
use super::group::{OnKind, grouped, join};
use crate::engine::{IssuerResult, KindResult};
use crate::model::Scenario;

/// What the Banzhaf index assumes, said where a degenerate figure is explained.
const BANZHAF_READING: &str = "Banzhaf assumes the float's holders vote independently, so a large float splits \
     almost exactly in half and the blockholder that tips it has working control (Leech's reading); \
     Shapley–Shubik lets the float move as one";

/// Findings for degenerate or unavailable power indices: at each issuer, the one holder with
/// all the Banzhaf power (and those left with none), or why the indices could not be computed.
pub fn degenerate_findings(s: &Scenario, issuers: &[IssuerResult]) -> Vec<Finding> {
    let mut out = Vec::new();
    let entities = Entities::of(s);
    for x in issuers {
        let issuer = entities.name(&x.votes.issuer);
        for k in &x.kinds {
            let (set, resolution) = (&k.power, k.game.kind.clone());
            if set.degenerate {
                out.extend(degenerate(k, x, &entities));
            }
            if let Some(why) = &set.unavailable {
                out.push(OnKind {
                    kind: FindingKind::DegeneratePower,
                    holder: None,
                    issuer: Some(x.votes.issuer.clone()),
                    head: format!("Power at {issuer} could not be computed"),
                    body: why.clone(),
                    resolution,
                    tail: String::new(),
                });
            }
        }
    }
    grouped(s, out)
}

/// The degenerate game of one kind at one issuer, in words: the holder that tips every outcome
/// with the float split evenly, the holders it leaves with nothing, the shares of the votes in
/// play, and what Shapley–Shubik gives each.
fn degenerate(k: &KindResult, x: &IssuerResult, entities: &Entities) -> Option<OnKind> {
    let (g, set) = (&k.game, &k.power);
    let players = g.players();
    let (all, weight) = players.iter().copied().find(|&(i, _)| set.holders[i].banzhaf.is_some_and(|b| b > 0.0))?;
    // A holder whose votes alone meet the quota decides on every index: nothing is degenerate.
    if g.passes(u128::from(weight)) {
        return None;
    }
    let name = |i: usize| entities.name(&x.votes.holders[i].holder).to_string();
    let others: Vec<(usize, u64)> = players.into_iter().filter(|&(i, _)| i != all).collect();
    let mut against: Vec<String> = others.iter().map(|&(i, w)| format!("{}'s {}", name(i), pct(w, g.total))).collect();
    against.push(format!("the float's {}", pct(g.float_votes_cast, g.total)));
    let shapley: Vec<String> = std::iter::once(all)
        .chain(others.iter().map(|o| o.0))
        .map(|i| format!("{} {}", name(i), pct_f(set.holders[i].shapley_shubik)))
        .collect();
    let none = join(&others.iter().map(|&(i, _)| name(i)).collect::<Vec<_>>());
    let (left, never) = if others.is_empty() {
        (String::new(), String::new())
    } else {
        let possessive =
            if others.len() == 1 { format!("{none}'s never changes it") } else { format!("{none}'s never change it") };
        (format!(" and {none} none"), format!(", and {possessive}"))
    };
    Some(OnKind {
        kind: FindingKind::DegeneratePower,
        holder: Some(x.votes.holders[all].holder.clone()),
        issuer: Some(x.votes.issuer.clone()),
        head: format!("{} has all the Banzhaf power at {}{left}", name(all), entities.name(&x.votes.issuer)),
        body: format!(
            "{} of the votes in play against {} (Shapley–Shubik: {})",
            pct(weight, g.total),
            join(&against),
            shapley.join(", ")
        ),
        resolution: g.kind.clone(),
        tail: format!(
            ". With the float split evenly, {}'s vote tips every outcome{never}: {BANZHAF_READING}.",
            name(all)
        ),
    })
}

/// A share in [0, 1] as a percentage with one decimal.
fn pct_f(x: f64) -> String {
    format!("{:.1}%", x * 100.0)
}

/// Blocking minorities per kind of resolution whose quota is above one half: a player (with
/// the votes that follow it) whose votes alone keep the others below the quota.
pub fn blocking_findings(s: &Scenario, issuers: &[IssuerResult]) -> Vec<Finding> {
    let mut out = Vec::new();
    let entities = Entities::of(s);
    for x in issuers {
        for kr in &x.kinds {
            let g = &kr.game;
            let f = g.quota.fraction();
            if u128::from(f.numer()) * 2 <= u128::from(f.denom()) || g.total == 0 {
                continue;
            }
            for (k, w) in g.players() {
                // Every other free vote yes (committed yes votes are added by `passes`).
                if g.passes(u128::from(g.total - w - g.committed_against - g.committed_for)) {
                    continue;
                }
                let h = &x.votes.holders[k].holder;
                let with = if w > g.holders[k].votes { " with the votes that follow it" } else { "" };
                out.push(OnKind {
                    kind: FindingKind::BlockingMinority,
                    holder: Some(h.clone()),
                    issuer: Some(x.votes.issuer.clone()),
                    head: format!("{} has a blocking minority at {}", entities.name(h), entities.name(&x.votes.issuer)),
                    body: format!(
                        "{} of the votes in play{with}, where they need {}",
                        pct(w, g.total),
                        g.quota.label()
                    ),
                    resolution: g.kind.clone(),
                    tail: String::new(),
                });
            }
        }
    }
    grouped(s, out)
}
