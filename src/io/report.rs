//! Reports of an evaluated scenario: JSON (documented and stable), CSV (one figure a row) and
//! a plain-text table, all carrying the same figures.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use chrono::NaiveDate;
use serde::Serialize;

use super::indirect_report::{self, IndirectByIssuer};
use crate::engine::{Decided, Evaluation, IssuerResult, KindResult, Point, Power, ratio};
use crate::io::export::csv::{CsvOptions, format_number};
use crate::model::Scenario;

/// The whole report.
#[derive(Debug, Serialize)]
pub struct Report {
    /// The scenario's title.
    pub scenario: String,
    /// The resolution kinds, in the scenario's order (the keys of every `power`).
    pub kinds: Vec<KindReport>,
    /// One element per change point (or the one date asked for).
    pub dates: Vec<DateReport>,
}

/// A part of each date of the report, for `report --sections`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Section {
    /// Votes, holders and power per issuer.
    Issuers,
    /// The findings.
    Findings,
    /// The balance of each pair.
    Balance,
    /// Integrated ownership and ultimate claims (two matrices: up to n² entries for n companies).
    Ownership,
}

impl Report {
    /// Leaves out every part of each date not in `keep` (empty in tables, absent in JSON, no
    /// rows in CSV).
    pub fn keep_sections(&mut self, keep: &[Section]) {
        for d in &mut self.dates {
            if !keep.contains(&Section::Issuers) {
                d.issuers.clear();
            }
            if !keep.contains(&Section::Findings) {
                d.findings.clear();
            }
            if !keep.contains(&Section::Balance) {
                d.balance.clear();
            }
            if !keep.contains(&Section::Ownership) {
                d.ownership = None;
            }
        }
    }
}

/// One kind of resolution.
#[derive(Debug, Serialize)]
pub struct KindReport {
    /// Id, the key of `power`.
    pub id: String,
    /// Name.
    pub name: String,
    /// The short name for chart axes, or null.
    pub short: Option<String>,
    /// "more than 1/2", "at least 2/3": of the votes in play.
    pub quota: String,
    /// Where the kind comes from, or null.
    pub source: Option<String>,
}

/// The game of one kind at one issuer on one date.
#[derive(Debug, Serialize)]
pub struct KindGameReport {
    /// All votes in play on this kind: players, the float's votes cast and committed votes.
    pub votes_in_play: u64,
    /// Votes committed yes.
    pub committed_for: u64,
    /// Votes committed no.
    pub committed_against: u64,
    /// `"passes"` or `"fails"` when the committed votes decide alone, else null.
    pub decided: Option<&'static str>,
    /// Notes (a leader with no shares here, a cycle of followers).
    pub notes: Vec<String>,
}

/// The state on one date.
#[derive(Debug, Serialize)]
pub struct DateReport {
    /// `YYYY-MM-DD`.
    pub date: String,
    /// Per issuer id.
    pub issuers: BTreeMap<String, IssuerReport>,
    /// Findings on this date.
    pub findings: Vec<FindingReport>,
    /// Balance of each reported pair.
    pub balance: Vec<BalanceReport>,
    /// Look-through ownership; `None` when `report --sections` left it out (then its two
    /// fields are not written at all).
    #[serde(flatten)]
    pub ownership: Option<OwnershipReport>,
    /// Indirect power of the ultimate holders through the network: issuer → kind → figures.
    pub indirect: IndirectByIssuer,
}

/// Look-through ownership on one date.
#[derive(Debug, Serialize)]
pub struct OwnershipReport {
    /// Integrated ownership Y = W(I − W)⁻¹: holder company → issuer → fraction (non-zero
    /// entries only); `None` (null) when undefined on this date (see the findings).
    pub integrated_ownership: Option<BTreeMap<String, BTreeMap<String, f64>>>,
    /// Ultimate claims U = diag(u)(I − W)⁻¹: company (its outside owners) → issuer → fraction
    /// (non-zero entries only); `None` (null) when undefined.
    pub ultimate_claims: Option<BTreeMap<String, BTreeMap<String, f64>>>,
}

/// One issuer on one date.
#[derive(Debug, Serialize)]
pub struct IssuerReport {
    /// Issued shares.
    pub issued_shares: u64,
    /// Treasury shares.
    pub treasury_shares: u64,
    /// Shares held by no listed holder.
    pub float_shares: u64,
    /// Theoretical votes, treasury included (AMF).
    pub theoretical_votes: u64,
    /// Theoretical minus treasury and votes switched off by law (AMF).
    pub exercisable_votes: u64,
    /// Blockholders' exercisable votes + the float's votes × turnout.
    pub votes_cast: u64,
    /// Votes cast minus neutral votes: the weight of the voting game.
    pub votes_in_play: u64,
    /// The float's theoretical votes.
    pub float_votes: u64,
    /// The float's votes cast.
    pub float_votes_cast: u64,
    /// The float's share of the votes in play.
    pub float_vote_share: f64,
    /// Holders by id.
    pub holders: BTreeMap<String, HolderReport>,
    /// The float's power.
    pub float_power: PowerReport,
    /// Per kind id: the votes in play and the committed votes.
    pub kinds: BTreeMap<String, KindGameReport>,
}

/// One holder at one issuer on one date.
#[derive(Debug, Serialize)]
pub struct HolderReport {
    /// Shares held.
    pub shares: u64,
    /// Fraction of issued capital.
    pub capital: f64,
    /// Theoretical votes.
    pub theoretical_votes: u64,
    /// Exercisable votes (0 when suppressed).
    pub exercisable_votes: u64,
    /// Fraction of the votes in play (0 when neutral or suppressed).
    pub vote_share: f64,
    /// `full`, `capped`, `neutral` or `suppressed`.
    pub status: &'static str,
    /// The rule behind a status other than `full`, else null.
    pub suppressed_by: Option<&'static str>,
    /// Behaviour per kind id: `free`, `neutral`, `follows:ID`, `for`, `against`.
    pub behaviour: BTreeMap<String, String>,
    /// Power indices per kind id.
    pub power: PowerReport,
}

/// Power per kind id (`ordinary`, `special`, and the scenario's other kinds).
pub type PowerReport = BTreeMap<String, IndexReport>;

/// The two indices.
#[derive(Debug, Serialize)]
pub struct IndexReport {
    /// Shapley–Shubik; `None` (null) when it could not be computed (see the findings).
    pub shapley_shubik: Option<f64>,
    /// Normalised Banzhaf (null for an oceanic float).
    pub banzhaf: Option<f64>,
}

/// One finding.
#[derive(Debug, Serialize)]
pub struct FindingReport {
    /// Kind (see the README).
    pub kind: &'static str,
    /// Holder id or null.
    pub holder: Option<String>,
    /// Issuer id or null.
    pub issuer: Option<String>,
    /// A sentence.
    pub detail: String,
}

/// The balance of one pair.
#[derive(Debug, Serialize)]
pub struct BalanceReport {
    /// Company A.
    pub a: String,
    /// Company B.
    pub b: String,
    /// Power of A at B minus B at A (Shapley–Shubik, the headline kind); `None` (null) when
    /// either could not be computed.
    pub power: Option<f64>,
    /// The same per kind id (null where unknown).
    pub power_by_kind: BTreeMap<String, Option<f64>>,
    /// Vote share of A at B minus B at A.
    pub votes: f64,
    /// Capital share of A in B minus B in A.
    pub capital: f64,
}

fn index(p: &Power) -> IndexReport {
    let known = |x: f64| x.is_finite().then_some(x);
    IndexReport { shapley_shubik: known(p.shapley_shubik), banzhaf: p.banzhaf.and_then(known) }
}

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

fn date_report(p: &Point) -> DateReport {
    DateReport {
        date: p.date.to_string(),
        issuers: p.issuers.iter().map(|x| (x.votes.issuer.clone(), issuer_report(x))).collect(),
        findings: p
            .findings
            .iter()
            .map(|f| FindingReport {
                kind: f.kind.key(),
                holder: f.holder.clone(),
                issuer: f.issuer.clone(),
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
        indirect: indirect_report::indirect_by_issuer(&p.indirect),
    }
}

/// The report of every change point, or of the state in force on `date`.
pub fn report(s: &Scenario, ev: &Evaluation, date: Option<NaiveDate>) -> Report {
    let dates = match date {
        Some(d) => ev
            .at(d)
            .map(|p| {
                let mut r = date_report(p);
                r.date = d.to_string();
                r
            })
            .into_iter()
            .collect(),
        None => ev.points.iter().map(date_report).collect(),
    };
    let kinds = s
        .resolution_kinds()
        .into_iter()
        .map(|k| KindReport { quota: k.quota.label(), id: k.id, name: k.name, short: k.short, source: k.source })
        .collect();
    Report { scenario: s.title.clone(), kinds, dates }
}

/// The report as pretty JSON.
pub fn to_json(r: &Report) -> Result<String, serde_json::Error> {
    serde_json::to_string_pretty(r)
}

/// Quotes a CSV field when needed.
pub fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n']) { format!("\"{}\"", s.replace('"', "\"\"")) } else { s.to_string() }
}

/// The report as CSV, one figure a row: `date,record,issuer,holder,field,value`; every digit,
/// shares as fractions.
pub fn to_csv(r: &Report) -> String {
    to_csv_with(r, &CsvOptions::default())
}

/// The report as CSV, numbers written as `options` say: with `percent`, the fields that are
/// shares (capital, vote shares, power, balance, ownership) are percentages and their names
/// end in `_percent`; share counts stay integers.
pub fn to_csv_with(r: &Report, options: &CsvOptions) -> String {
    let mut out = String::from(if options.bom { "\u{feff}" } else { "" });
    out.push_str("date,record,issuer,holder,field,value\n");
    let mut row = |date: &str, record: &str, issuer: &str, holder: &str, field: &str, value: Cell| {
        let (field, value) = match value {
            Cell::Text(text) => (field.to_string(), text),
            Cell::Share(v) => {
                let field = if options.percent { format!("{field}_percent") } else { field.to_string() };
                (field, format_number(v, options, true))
            }
        };
        let _ =
            writeln!(out, "{date},{record},{},{},{field},{}", csv_field(issuer), csv_field(holder), csv_field(&value));
    };
    for d in &r.dates {
        for (iid, i) in &d.issuers {
            for (field, value) in [
                ("issued_shares", i.issued_shares),
                ("treasury_shares", i.treasury_shares),
                ("float_shares", i.float_shares),
                ("theoretical_votes", i.theoretical_votes),
                ("exercisable_votes", i.exercisable_votes),
                ("votes_cast", i.votes_cast),
                ("votes_in_play", i.votes_in_play),
                ("float_votes", i.float_votes),
                ("float_votes_cast", i.float_votes_cast),
            ] {
                row(&d.date, "issuer", iid, "", field, Cell::Text(value.to_string()));
            }
            row(&d.date, "issuer", iid, "", "float_vote_share", Cell::Share(Some(i.float_vote_share)));
            power_rows(&mut row, &d.date, iid, "market", &i.float_power);
            for (kind, k) in &i.kinds {
                for (field, value) in [
                    ("votes_in_play", k.votes_in_play),
                    ("committed_for", k.committed_for),
                    ("committed_against", k.committed_against),
                ] {
                    row(&d.date, "issuer", iid, "", &format!("{field}_{kind}"), Cell::Text(value.to_string()));
                }
            }
            for (hid, h) in &i.holders {
                for (field, value) in [
                    ("shares", h.shares),
                    ("theoretical_votes", h.theoretical_votes),
                    ("exercisable_votes", h.exercisable_votes),
                ] {
                    row(&d.date, "holder", iid, hid, field, Cell::Text(value.to_string()));
                }
                row(&d.date, "holder", iid, hid, "capital", Cell::Share(Some(h.capital)));
                row(&d.date, "holder", iid, hid, "vote_share", Cell::Share(Some(h.vote_share)));
                row(&d.date, "holder", iid, hid, "status", Cell::Text(h.status.to_string()));
                row(
                    &d.date,
                    "holder",
                    iid,
                    hid,
                    "suppressed_by",
                    Cell::Text(h.suppressed_by.unwrap_or("").to_string()),
                );
                for (kind, b) in &h.behaviour {
                    row(&d.date, "holder", iid, hid, &format!("behaviour_{kind}"), Cell::Text(b.clone()));
                }
                power_rows(&mut row, &d.date, iid, hid, &h.power);
            }
        }
        for b in &d.balance {
            for (field, v) in [("power", b.power), ("votes", Some(b.votes)), ("capital", Some(b.capital))] {
                row(&d.date, "balance", &b.b, &b.a, field, Cell::Share(v));
            }
            for (kind, v) in &b.power_by_kind {
                row(&d.date, "balance", &b.b, &b.a, &format!("power_{kind}"), Cell::Share(*v));
            }
        }
        for (record, table) in
            [("integrated_ownership", d.ownership.as_ref()), ("ultimate_claims", d.ownership.as_ref())]
        {
            let table = table.and_then(|o| {
                if record == "integrated_ownership" {
                    o.integrated_ownership.as_ref()
                } else {
                    o.ultimate_claims.as_ref()
                }
            });
            for (holder, per) in table.into_iter().flatten() {
                for (issuer, v) in per {
                    row(&d.date, record, issuer, holder, "fraction", Cell::Share(Some(*v)));
                }
            }
        }
        indirect_report::csv_rows(&d.date, &d.indirect, &mut row);
        for f in &d.findings {
            row(
                &d.date,
                "finding",
                f.issuer.as_deref().unwrap_or(""),
                f.holder.as_deref().unwrap_or(""),
                f.kind,
                Cell::Text(f.detail.clone()),
            );
        }
    }
    out
}

/// The value of one row of the CSV report.
pub(crate) enum Cell {
    /// Written as it is (a count, a key, a sentence).
    Text(String),
    /// A share (a fraction of one; `None`: undefined), written as the options say.
    Share(Option<f64>),
}

fn power_rows(
    row: &mut impl FnMut(&str, &str, &str, &str, &str, Cell),
    date: &str,
    issuer: &str,
    holder: &str,
    p: &PowerReport,
) {
    let record = if holder == "market" { "float" } else { "holder" };
    for (res, ix) in p {
        row(date, record, issuer, holder, &format!("power_{res}_shapley_shubik"), Cell::Share(ix.shapley_shubik));
        row(date, record, issuer, holder, &format!("power_{res}_banzhaf"), Cell::Share(ix.banzhaf));
    }
}

/// The report as a plain-text table for people.
pub fn to_table(r: &Report) -> String {
    let mut out = format!("{}\n", r.scenario);
    for d in &r.dates {
        let _ = writeln!(out, "\n== {} ==", d.date);
        for (iid, i) in &d.issuers {
            let _ = writeln!(
                out,
                "\n{iid}: issued {}  treasury {}  float {}  theoretical votes {}  exercisable {}  cast {}  in play {}",
                i.issued_shares,
                i.treasury_shares,
                i.float_shares,
                i.theoretical_votes,
                i.exercisable_votes,
                i.votes_cast,
                i.votes_in_play
            );
            let pct = |x: f64| format!("{:.2}%", x * 100.0);
            let opt = |x: Option<f64>| x.map_or("—".to_string(), pct);
            // A short column name per kind: its initials when it has several words.
            let short = |k: &str| {
                if k.contains('_') {
                    k.split('_').filter_map(|w| w.chars().next()).collect::<String>()
                } else {
                    k.chars().take(5).collect::<String>()
                }
            };
            let mut head = format!(
                "  {:<16} {:>14} {:>8} {:>14} {:>14} {:>8} {:<11} {:<20}",
                "holder", "shares", "capital", "theor. votes", "exercisable", "votes", "status", "rule"
            );
            for k in &r.kinds {
                let _ = write!(head, " {:>8} {:>8}", format!("SS {}", short(&k.id)), format!("Bz {}", short(&k.id)));
            }
            let _ = writeln!(out, "{head}");
            let indices = |p: &PowerReport| -> String {
                let mut t = String::new();
                for k in &r.kinds {
                    let ix = p.get(&k.id);
                    let _ = write!(
                        t,
                        " {:>8} {:>8}",
                        opt(ix.and_then(|x| x.shapley_shubik)),
                        opt(ix.and_then(|x| x.banzhaf))
                    );
                }
                t
            };
            for (hid, h) in &i.holders {
                let _ = writeln!(
                    out,
                    "  {:<16} {:>14} {:>8} {:>14} {:>14} {:>8} {:<11} {:<20}{}",
                    hid,
                    h.shares,
                    pct(h.capital),
                    h.theoretical_votes,
                    h.exercisable_votes,
                    pct(h.vote_share),
                    h.status,
                    h.suppressed_by.unwrap_or(""),
                    indices(&h.power)
                );
                let special: Vec<String> = h
                    .behaviour
                    .iter()
                    .filter(|(_, b)| b.as_str() != "free" && b.as_str() != "neutral")
                    .map(|(k, b)| format!("{b} on {k}"))
                    .collect();
                if !special.is_empty() {
                    let _ = writeln!(out, "  {:<16} votes {}", "", special.join(", "));
                }
            }
            let _ = writeln!(
                out,
                "  {:<16} {:>14} {:>8} {:>14} {:>14} {:>8} {:<11} {:<20}{}",
                "(float)",
                i.float_shares,
                pct(ratio(i.float_shares, i.issued_shares)),
                i.float_votes,
                i.float_votes,
                pct(i.float_vote_share),
                "",
                "",
                indices(&i.float_power)
            );
            for (kind, k) in &i.kinds {
                if let Some(dec) = k.decided {
                    let _ = writeln!(out, "  {kind}: the committed votes decide alone: the resolution {dec}");
                }
                for n in &k.notes {
                    let _ = writeln!(out, "  {kind}: {n}");
                }
            }
        }
        if !d.balance.is_empty() {
            let _ = writeln!(out, "\nbalance (A at B minus B at A):");
            for b in &d.balance {
                let _ = writeln!(
                    out,
                    "  {} / {}: power {}  votes {:+.4}  capital {:+.4}",
                    b.a,
                    b.b,
                    b.power.map_or("—".to_string(), |p| format!("{p:+.4}")),
                    b.votes,
                    b.capital
                );
            }
        }
        let tables = d.ownership.as_ref().map(|o| (&o.integrated_ownership, &o.ultimate_claims));
        if let Some((Some(integrated), Some(ultimate))) = tables
            && !(integrated.is_empty() && ultimate.is_empty())
        {
            let _ = writeln!(out, "\nintegrated ownership / ultimate claims (entries that are 0 on both omitted):");
            let mut pairs: std::collections::BTreeSet<(&String, &String)> = std::collections::BTreeSet::new();
            for table in [integrated, ultimate] {
                pairs.extend(table.iter().flat_map(|(h, per)| per.keys().map(move |i| (h, i))));
            }
            let get = |t: &BTreeMap<String, BTreeMap<String, f64>>, h: &String, i: &String| {
                t.get(h).and_then(|m| m.get(i)).copied().unwrap_or(0.0)
            };
            for (h, i) in pairs {
                let _ = writeln!(out, "  {h} in {i}: {:.4} / {:.4}", get(integrated, h, i), get(ultimate, h, i));
            }
        } else if let Some((None, _)) = tables {
            let _ =
                writeln!(out, "\nintegrated ownership / ultimate claims: undefined on this date (see the findings)");
        }
        if !d.indirect.is_empty() {
            let _ = writeln!(out, "\nindirect power through the network:");
            indirect_report::table(&mut out, &d.indirect);
        }
        if !d.findings.is_empty() {
            let _ = writeln!(out, "\nfindings:");
            for f in &d.findings {
                let _ = writeln!(out, "  [{}] {}", f.kind, f.detail);
            }
        }
    }
    out
}
