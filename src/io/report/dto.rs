//! The report's records: what `report --format json` writes (documented and stable), and
//! what the table and the CSV read.

use std::collections::BTreeMap;

use serde::Serialize;

use super::indirect::IndirectByIssuer;
use crate::model::Names;

/// The whole report.
#[derive(Debug, Serialize)]
pub struct Report {
    /// The scenario's title.
    pub scenario: String,
    /// The resolution kinds, in the scenario's order (the keys of every `power`).
    pub kinds: Vec<KindReport>,
    /// One element per change point (or the one date asked for).
    pub dates: Vec<DateReport>,
    /// The names of the ids, for the table and the CSV's values (not in JSON, whose keys are ids).
    #[serde(skip)]
    pub names: Names,
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
            d.keep_sections(keep);
        }
    }
}

impl DateReport {
    /// Leaves out every part of this date not in `keep` (empty in tables, absent in JSON, no
    /// rows in CSV).
    pub fn keep_sections(&mut self, keep: &[Section]) {
        if !keep.contains(&Section::Issuers) {
            self.issuers.clear();
        }
        if !keep.contains(&Section::Findings) {
            self.findings.clear();
        }
        if !keep.contains(&Section::Balance) {
            self.balance.clear();
        }
        if !keep.contains(&Section::Ownership) {
            self.ownership = None;
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
    /// The Banzhaf figure's reading: `working_control` within 0.0005 of 1, `never_decisive`
    /// within 0.0005 of 0, null in between (or without a figure); see
    /// [`crate::engine::BanzhafReading`].
    pub banzhaf_reading: Option<&'static str>,
}

/// One finding.
#[derive(Debug, Serialize)]
pub struct FindingReport {
    /// Kind (see docs/json.md).
    pub kind: &'static str,
    /// The kind in words, for the table (not written in JSON).
    #[serde(skip)]
    pub label: &'static str,
    /// Holder id or null.
    pub holder: Option<String>,
    /// Issuer id or null.
    pub issuer: Option<String>,
    /// The resolution kinds (ids) the finding holds on, in the scenario's order; empty when it
    /// does not depend on the kind of resolution.
    pub kinds: Vec<String>,
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
