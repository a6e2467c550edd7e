//! Reports of an evaluated scenario: JSON (documented and stable), CSV (one figure a row) and
//! a plain-text table, all carrying the same figures.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use chrono::NaiveDate;
use serde::Serialize;

use super::indirect_report::{self, IndirectByIssuer};
use crate::engine::{Evaluation, IssuerResult, Point, Power, PowerSet, ratio};
use crate::io::export::csv::{CsvOptions, format_number};
use crate::model::Scenario;

/// The whole report.
#[derive(Debug, Serialize)]
pub struct Report {
    /// The scenario's title.
    pub scenario: String,
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
    /// Power indices.
    pub power: PowerReport,
}

/// Power for both kinds of resolution.
#[derive(Debug, Serialize)]
pub struct PowerReport {
    /// More than 1/2 of votes cast.
    pub ordinary: IndexReport,
    /// At least 2/3 of votes cast.
    pub special: IndexReport,
}

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
    /// Power of A at B minus B at A (Shapley–Shubik, ordinary); `None` (null) when either
    /// could not be computed.
    pub power: Option<f64>,
    /// Vote share of A at B minus B at A.
    pub votes: f64,
    /// Capital share of A in B minus B in A.
    pub capital: f64,
}

fn index(p: &Power) -> IndexReport {
    let known = |x: f64| x.is_finite().then_some(x);
    IndexReport { shapley_shubik: known(p.shapley_shubik), banzhaf: p.banzhaf.and_then(known) }
}

fn power_report(o: Option<&Power>, s: Option<&Power>) -> PowerReport {
    let zero = Power::default();
    PowerReport { ordinary: index(o.unwrap_or(&zero)), special: index(s.unwrap_or(&zero)) }
}

fn issuer_report(x: &IssuerResult) -> IssuerReport {
    let v = &x.votes;
    let holders = v
        .holders
        .iter()
        .enumerate()
        .map(|(k, h)| {
            let pick = |set: &PowerSet| set.holders.get(k).copied();
            let hr = HolderReport {
                shares: h.shares,
                capital: ratio(h.shares, v.issued_shares),
                theoretical_votes: h.theoretical_votes,
                exercisable_votes: h.exercisable_votes,
                vote_share: ratio(h.game_votes, v.game_total),
                status: h.status.key(),
                suppressed_by: h.rule.map(|r| r.key()),
                power: power_report(pick(&x.ordinary).as_ref(), pick(&x.special).as_ref()),
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
        float_power: power_report(Some(&x.ordinary.float), Some(&x.special.float)),
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
    Report { scenario: s.title.clone(), dates }
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
                power_rows(&mut row, &d.date, iid, hid, &h.power);
            }
        }
        for b in &d.balance {
            for (field, v) in [("power", b.power), ("votes", Some(b.votes)), ("capital", Some(b.capital))] {
                row(&d.date, "balance", &b.b, &b.a, field, Cell::Share(v));
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
    for (res, ix) in [("ordinary", &p.ordinary), ("special", &p.special)] {
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
            let _ = writeln!(
                out,
                "  {:<16} {:>14} {:>8} {:>14} {:>14} {:>8} {:<11} {:<20} {:>8} {:>8} {:>8} {:>8}",
                "holder",
                "shares",
                "capital",
                "theor. votes",
                "exercisable",
                "votes",
                "status",
                "rule",
                "SS ord",
                "Bz ord",
                "SS spec",
                "Bz spec"
            );
            let pct = |x: f64| format!("{:.2}%", x * 100.0);
            let opt = |x: Option<f64>| x.map_or("—".to_string(), pct);
            for (hid, h) in &i.holders {
                let _ = writeln!(
                    out,
                    "  {:<16} {:>14} {:>8} {:>14} {:>14} {:>8} {:<11} {:<20} {:>8} {:>8} {:>8} {:>8}",
                    hid,
                    h.shares,
                    pct(h.capital),
                    h.theoretical_votes,
                    h.exercisable_votes,
                    pct(h.vote_share),
                    h.status,
                    h.suppressed_by.unwrap_or(""),
                    opt(h.power.ordinary.shapley_shubik),
                    opt(h.power.ordinary.banzhaf),
                    opt(h.power.special.shapley_shubik),
                    opt(h.power.special.banzhaf)
                );
            }
            let f = &i.float_power;
            let _ = writeln!(
                out,
                "  {:<16} {:>14} {:>8} {:>14} {:>14} {:>8} {:<11} {:<20} {:>8} {:>8} {:>8} {:>8}",
                "(float)",
                i.float_shares,
                pct(ratio(i.float_shares, i.issued_shares)),
                i.float_votes,
                i.float_votes,
                pct(i.float_vote_share),
                "",
                "",
                opt(f.ordinary.shapley_shubik),
                opt(f.ordinary.banzhaf),
                opt(f.special.shapley_shubik),
                opt(f.special.banzhaf)
            );
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
