//! The report built from an evaluated scenario: every change point, or the state in force on
//! one date.

use chrono::NaiveDate;

use super::dto::{
    BalanceReport, DateReport, FindingReport, HolderReport, IndexReport, IssuerReport, KindGameReport, KindReport,
    OwnershipReport, Report,
};
use super::indirect::indirect_by_issuer;
use crate::engine::{Decided, Evaluation, IssuerResult, KindResult, Point, Power, ratio};
use crate::model::Scenario;

/// The two indices of one player, `None` where not finite.
fn index(p: &Power) -> IndexReport {
    let known = |x: f64| x.is_finite().then_some(x);
    IndexReport {
        shapley_shubik: known(p.shapley_shubik),
        banzhaf: p.banzhaf.and_then(known),
        banzhaf_reading: p.banzhaf_reading().map(|r| r.key()),
    }
}

/// The game of one kind at one issuer.
fn kind_game_report(k: &KindResult) -> KindGameReport {
    let g = &k.game;
    KindGameReport {
        votes_in_play: g.total,
        committed_for: g.committed_for,
        committed_against: g.committed_against,
        decided: g.decided().map(|d| match d {
            Decided::Passes => "passes",
            Decided::Fails => "fails",
        }),
        notes: g.notes.clone(),
    }
}

/// One issuer: its capital, votes, holders and the float, and each kind's game.
fn issuer_report(x: &IssuerResult) -> IssuerReport {
    let v = &x.votes;
    let holders = v
        .holders
        .iter()
        .enumerate()
        .map(|(k, h)| {
            let zero = Power::default();
            let hr = HolderReport {
                shares: h.shares,
                capital: ratio(h.shares, v.issued_shares),
                theoretical_votes: h.theoretical_votes,
                exercisable_votes: h.exercisable_votes,
                vote_share: ratio(h.game_votes, v.game_total),
                status: h.status.key(),
                suppressed_by: h.rule.map(|r| r.key()),
                behaviour: x
                    .kinds
                    .iter()
                    .map(|kr| {
                        (kr.game.kind.clone(), kr.game.holders.get(k).map_or("free".into(), |p| p.behaviour.key()))
                    })
                    .collect(),
                power: x
                    .kinds
                    .iter()
                    .map(|kr| (kr.game.kind.clone(), index(kr.power.holders.get(k).unwrap_or(&zero))))
                    .collect(),
            };
            (h.holder.clone(), hr)
        })
        .collect();
    IssuerReport {
        issued_shares: v.issued_shares,
        treasury_shares: v.treasury_shares,
        float_shares: v.float_shares,
        theoretical_votes: v.theoretical_votes,
        exercisable_votes: v.exercisable_votes,
        votes_cast: v.votes_cast,
        votes_in_play: v.game_total,
        float_votes: v.float_votes,
        float_votes_cast: v.float_votes_cast,
        float_vote_share: ratio(v.float_votes_cast, v.game_total),
        holders,
        float_power: x.kinds.iter().map(|k| (k.game.kind.clone(), index(&k.power.float))).collect(),
        kinds: x.kinds.iter().map(|k| (k.game.kind.clone(), kind_game_report(k))).collect(),
    }
}

/// Everything on one change point.
fn date_report(p: &Point) -> DateReport {
    DateReport {
        date: p.date.to_string(),
        issuers: p.issuers.iter().map(|x| (x.votes.issuer.clone(), issuer_report(x))).collect(),
        findings: p
            .findings
            .iter()
            .map(|f| FindingReport {
                kind: f.kind.key(),
                label: f.kind.label(),
                holder: f.holder.clone(),
                issuer: f.issuer.clone(),
                kinds: f.kinds.clone(),
                detail: f.detail.clone(),
            })
            .collect(),
        balance: p
            .balance
            .iter()
            .map(|b| BalanceReport {
                a: b.a.clone(),
                b: b.b.clone(),
                power: b.power.is_finite().then_some(b.power),
                power_by_kind: b.power_by_kind.iter().map(|(k, v)| (k.clone(), v.is_finite().then_some(*v))).collect(),
                votes: b.votes,
                capital: b.capital,
            })
            .collect(),
        ownership: Some(OwnershipReport {
            integrated_ownership: p.ownership.unavailable.is_none().then(|| p.ownership.integrated.clone()),
            ultimate_claims: p.ownership.unavailable.is_none().then(|| p.ownership.ultimate.clone()),
        }),
        indirect: indirect_by_issuer(&p.indirect),
    }
}

/// The report of every change point, or of the state in force on `date`, whole in memory: for a
/// report to write, [`date_reports`] builds one date at a time.
pub fn report(s: &Scenario, ev: &Evaluation, date: Option<NaiveDate>) -> Report {
    Report {
        scenario: s.title.clone(),
        kinds: kind_reports(s),
        dates: date_reports(ev, date).collect(),
        names: s.names(),
    }
}

/// The scenario's resolution kinds, in its order (the keys of every `power`).
pub fn kind_reports(s: &Scenario) -> Vec<KindReport> {
    s.resolution_kinds()
        .into_iter()
        .map(|k| KindReport { quota: k.quota.label(), id: k.id, name: k.name, short: k.short, source: k.source })
        .collect()
}

/// The report's dates, each built when the iterator reaches it: every change point, or the state
/// in force on `date` dated `date` (none when `date` is before the first point). A writer that
/// writes each date and drops it holds one date's records at a time, not the whole report.
pub fn date_reports(ev: &Evaluation, date: Option<NaiveDate>) -> impl Iterator<Item = DateReport> + '_ {
    let points = match date {
        Some(d) => ev.at(d).map(std::slice::from_ref).unwrap_or_default(),
        None => ev.points.as_slice(),
    };
    points.iter().map(move |p| {
        let mut r = date_report(p);
        if let Some(d) = date {
            r.date = d.to_string();
        }
        r
    })
}
