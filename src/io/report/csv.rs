//! The report as CSV, one figure a row: `date,record,issuer,holder,field,value`.

use std::borrow::Borrow;
use std::fmt::Write as _;
use std::io;

use super::dto::{DateReport, HolderReport, IssuerReport, OwnershipReport, PowerReport, Report};
use super::indirect;
use crate::engine::BanzhafReading;
use crate::io::csv_format::{Cell, CsvOptions, csv_field, format_number};
use crate::model::Names;

/// The report as CSV, one figure a row: `date,record,issuer,holder,field,value`; every digit,
/// shares as fractions.
pub fn to_csv(r: &Report) -> String {
    to_csv_with(r, &CsvOptions::default())
}

/// The report as CSV, numbers written as `options` say: with `percent`, the fields that are
/// shares (capital, vote shares, power, balance, ownership) are percentages and their names
/// end in `_percent`; share counts stay integers.
pub fn to_csv_with(r: &Report, options: &CsvOptions) -> String {
    let mut rows = Rows::new(options, &r.names);
    for d in &r.dates {
        rows.date(d);
    }
    rows.out
}

/// Writes the report as CSV to `out`, one date at a time: the same bytes as [`to_csv_with`] of
/// the whole report, while only the date being written is in memory when `dates` builds each
/// as it goes ([`super::date_reports`]).
pub fn write_csv(
    out: &mut impl io::Write,
    dates: impl IntoIterator<Item = impl Borrow<DateReport>>,
    options: &CsvOptions,
    names: &Names,
) -> io::Result<()> {
    let mut rows = Rows::new(options, names);
    for d in dates {
        rows.date(d.borrow());
        out.write_all(rows.out.as_bytes())?;
        rows.out.clear();
    }
    out.write_all(rows.out.as_bytes())
}

/// The CSV being written, and how numbers are written.
struct Rows<'a> {
    /// The text so far.
    out: String,
    /// How numbers are written.
    options: &'a CsvOptions,
    names: &'a Names,
}

impl<'a> Rows<'a> {
    /// The rows of no date yet: the byte-order mark when asked for, and the header.
    fn new(options: &'a CsvOptions, names: &'a Names) -> Self {
        let mut out = String::from(if options.bom { "\u{feff}" } else { "" });
        out.push_str("date,record,issuer,holder,field,value\n");
        Rows { out, options, names }
    }

    /// Every row of one date: issuers, balance, ownership, indirect power, findings.
    fn date(&mut self, d: &DateReport) {
        for (issuer_id, issuer) in &d.issuers {
            self.issuer(&d.date, issuer_id, issuer);
        }
        self.balance(d);
        self.ownership(&d.date, d.ownership.as_ref());
        indirect::csv_rows(&d.date, &d.indirect, &mut |date, record, issuer, holder, field, value| {
            self.row(date, record, issuer, holder, field, value)
        });
        for f in &d.findings {
            let (issuer, holder) = (f.issuer.as_deref().unwrap_or(""), f.holder.as_deref().unwrap_or(""));
            self.row(&d.date, "finding", issuer, holder, f.kind, Cell::Text(f.detail.clone()));
        }
    }

    /// Writes one row; a share's field name gets `_percent` when shares are percentages.
    fn row(&mut self, date: &str, record: &str, issuer: &str, holder: &str, field: &str, value: Cell) {
        let (field, value) = match value {
            Cell::Text(text) => (field.to_string(), text),
            Cell::Share(v) => {
                let field = if self.options.percent { format!("{field}_percent") } else { field.to_string() };
                (field, format_number(v, self.options, true))
            }
        };
        let (issuer, holder, value) = (csv_field(issuer), csv_field(holder), csv_field(&value));
        let _ = writeln!(self.out, "{date},{record},{issuer},{holder},{field},{value}");
    }

    /// An issuer's counts, the float's share and power, each kind's game and each holder.
    fn issuer(&mut self, date: &str, issuer_id: &str, issuer: &IssuerReport) {
        for (field, value) in [
            ("issued_shares", issuer.issued_shares),
            ("treasury_shares", issuer.treasury_shares),
            ("float_shares", issuer.float_shares),
            ("theoretical_votes", issuer.theoretical_votes),
            ("exercisable_votes", issuer.exercisable_votes),
            ("votes_cast", issuer.votes_cast),
            ("votes_in_play", issuer.votes_in_play),
            ("float_votes", issuer.float_votes),
            ("float_votes_cast", issuer.float_votes_cast),
        ] {
            self.row(date, "issuer", issuer_id, "", field, Cell::Text(value.to_string()));
        }
        self.row(date, "issuer", issuer_id, "", "float_vote_share", Cell::Share(Some(issuer.float_vote_share)));
        self.power(date, issuer_id, "market", &issuer.float_power);
        for (kind, k) in &issuer.kinds {
            for (field, value) in [
                ("votes_in_play", k.votes_in_play),
                ("committed_for", k.committed_for),
                ("committed_against", k.committed_against),
            ] {
                self.row(date, "issuer", issuer_id, "", &format!("{field}_{kind}"), Cell::Text(value.to_string()));
            }
        }
        for (holder_id, h) in &issuer.holders {
            self.holder(date, issuer_id, holder_id, h);
        }
    }

    /// One holder at one issuer: counts, shares, status, behaviours and power.
    fn holder(&mut self, date: &str, issuer_id: &str, holder_id: &str, report: &HolderReport) {
        for (field, value) in [
            ("shares", report.shares),
            ("theoretical_votes", report.theoretical_votes),
            ("exercisable_votes", report.exercisable_votes),
        ] {
            self.row(date, "holder", issuer_id, holder_id, field, Cell::Text(value.to_string()));
        }
        self.row(date, "holder", issuer_id, holder_id, "capital", Cell::Share(Some(report.capital)));
        self.row(date, "holder", issuer_id, holder_id, "vote_share", Cell::Share(Some(report.vote_share)));
        self.row(date, "holder", issuer_id, holder_id, "status", Cell::Text(report.status.to_string()));
        let rule = Cell::Text(report.suppressed_by.map_or("", Names::rule_key).to_string());
        self.row(date, "holder", issuer_id, holder_id, "suppressed_by", rule);
        for (kind, b) in &report.behaviour {
            self.row(
                date,
                "holder",
                issuer_id,
                holder_id,
                &format!("behaviour_{kind}"),
                Cell::Text(self.names.behaviour_key(b)),
            );
        }
        self.power(date, issuer_id, holder_id, &report.power);
    }

    /// The two indices per kind of a holder, or of the float (`market`).
    fn power(&mut self, date: &str, issuer: &str, holder: &str, power: &PowerReport) {
        let record = if holder == "market" { "float" } else { "holder" };
        for (res, ix) in power {
            let ss = Cell::Share(ix.shapley_shubik);
            self.row(date, record, issuer, holder, &format!("power_{res}_shapley_shubik"), ss);
            self.row(date, record, issuer, holder, &format!("power_{res}_banzhaf"), Cell::Share(ix.banzhaf));
            if let Some(words) = ix.banzhaf_reading.and_then(BanzhafReading::from_key).map(BanzhafReading::words) {
                let cell = Cell::Text(words.to_string());
                self.row(date, record, issuer, holder, &format!("power_{res}_banzhaf_reading"), cell);
            }
        }
    }

    /// The balance of each pair: power, votes and capital, then power per kind.
    fn balance(&mut self, date_report: &DateReport) {
        for b in &date_report.balance {
            for (field, v) in [("power", b.power), ("votes", Some(b.votes)), ("capital", Some(b.capital))] {
                self.row(&date_report.date, "balance", &b.b, &b.a, field, Cell::Share(v));
            }
            for (kind, v) in &b.power_by_kind {
                self.row(&date_report.date, "balance", &b.b, &b.a, &format!("power_{kind}"), Cell::Share(*v));
            }
        }
    }

    /// The two look-through tables, when defined and asked for.
    fn ownership(&mut self, date: &str, ownership: Option<&OwnershipReport>) {
        let tables = [
            ("integrated_ownership", ownership.and_then(|o| o.integrated_ownership.as_ref())),
            ("ultimate_claims", ownership.and_then(|o| o.ultimate_claims.as_ref())),
        ];
        for (record, table) in tables {
            for (holder, per) in table.into_iter().flatten() {
                for (issuer, v) in per {
                    self.row(date, record, issuer, holder, "fraction", Cell::Share(Some(*v)));
                }
            }
        }
    }
}
