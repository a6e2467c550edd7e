//! The report as a plain-text table for people: per date, each issuer's counts and holders,
//! the balance of each pair, look-through ownership, indirect power and the findings.

use std::borrow::Borrow;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::io;

use super::dto::{DateReport, IssuerReport, KindReport, OwnershipReport, PowerReport, Report};
use super::indirect;
use crate::engine::{BanzhafReading, ratio};
use crate::model::{MARKET, Names};

/// A fraction as a percentage with two decimals.
fn pct(fraction: f64) -> String {
    format!("{:.2}%", fraction * 100.0)
}

/// A percentage, or a dash when unknown.
fn opt(fraction: Option<f64>) -> String {
    fraction.map_or("—".to_string(), pct)
}

/// The width of a kind's two columns: its short name after "SS " or "Bz ", at least 8.
fn column_width(k: &KindReport) -> usize {
    (k.short.as_deref().unwrap_or(&k.name).chars().count() + 3).max(8)
}

/// The width of the holder column: the longest holder's name, at least 16.
fn holder_width(names: &Names, issuer: &IssuerReport) -> usize {
    issuer.holders.keys().map(|h| names.entity(h).chars().count()).max().unwrap_or(0).max(16)
}

/// The report as a plain-text table for people.
pub fn to_table(r: &Report) -> String {
    let mut out = format!("{}\n", r.scenario);
    for d in &r.dates {
        date_table(&mut out, &r.kinds, &r.names, d);
    }
    out
}

/// Writes the report as a plain-text table to `out`, one date at a time: the same bytes as
/// [`to_table`] of the whole report, while only the date being written is in memory when
/// `dates` builds each as it goes ([`super::date_reports`]).
pub fn write_table(
    out: &mut impl io::Write,
    scenario: &str,
    kinds: &[KindReport],
    names: &Names,
    dates: impl IntoIterator<Item = impl Borrow<DateReport>>,
) -> io::Result<()> {
    writeln!(out, "{scenario}")?;
    let mut text = String::new();
    for d in dates {
        date_table(&mut text, kinds, names, d.borrow());
        out.write_all(text.as_bytes())?;
        text.clear();
    }
    Ok(())
}

/// One date: each issuer, the balance, look-through ownership, indirect power, the findings.
fn date_table(out: &mut String, kinds: &[KindReport], names: &Names, d: &DateReport) {
    let _ = writeln!(out, "\n== {} ==", d.date);
    for (issuer_id, issuer) in &d.issuers {
        issuer_table(out, kinds, names, issuer_id, issuer);
    }
    balance_table(out, names, d);
    ownership_table(out, names, d.ownership.as_ref());
    if !d.indirect.is_empty() {
        let _ = writeln!(out, "\nindirect power through the network:");
        indirect::table(out, &d.indirect, names);
    }
    if !d.findings.is_empty() {
        let _ = writeln!(out, "\nfindings:");
        for f in &d.findings {
            let _ = writeln!(out, "  [{}] {}", f.label, f.detail);
        }
    }
}

/// The two indices of each kind, as table columns: a Banzhaf figure with a reading is written
/// as its word ("control", "never"), which [`readings_key`] says in full.
fn indices(kinds: &[KindReport], power: &PowerReport) -> String {
    let mut text = String::new();
    for k in kinds {
        let ix = power.get(&k.id);
        let banzhaf = match ix.and_then(|x| x.banzhaf_reading) {
            Some(key) => reading_word(key).to_string(),
            None => opt(ix.and_then(|x| x.banzhaf)),
        };
        let w = column_width(k);
        let _ = write!(text, " {:>w$} {:>w$}", opt(ix.and_then(|x| x.shapley_shubik)), banzhaf);
    }
    text
}

/// A Banzhaf reading's word in a table cell.
fn reading_word(key: &str) -> &'static str {
    match BanzhafReading::from_key(key) {
        Some(BanzhafReading::WorkingControl) => "control",
        Some(BanzhafReading::NeverDecisive) => "never",
        None => "—",
    }
}

/// What the words of the Banzhaf cells mean, under each issuer that has one.
fn readings_key() -> String {
    format!(
        "  Banzhaf \"control\": {}; \"never\": {} (every holder voting independently)",
        BanzhafReading::WorkingControl.words(),
        BanzhafReading::NeverDecisive.words()
    )
}

/// One issuer: its counts, a row per holder, the float's row, and each kind's notes.
fn issuer_table(out: &mut String, kinds: &[KindReport], names: &Names, issuer_id: &str, issuer: &IssuerReport) {
    let _ = writeln!(
        out,
        "\n{}: issued {}  treasury {}  float {}  theoretical votes {}  exercisable {}  cast {}  in play {}",
        names.entity(issuer_id),
        issuer.issued_shares,
        issuer.treasury_shares,
        issuer.float_shares,
        issuer.theoretical_votes,
        issuer.exercisable_votes,
        issuer.votes_cast,
        issuer.votes_in_play
    );
    let hw = holder_width(names, issuer);
    let mut head = format!(
        "  {:<hw$} {:>14} {:>8} {:>14} {:>14} {:>8} {:<11} {:<20}",
        "holder", "shares", "capital", "theor. votes", "exercisable", "votes", "status", "rule"
    );
    for k in kinds {
        let (w, short) = (column_width(k), k.short.as_deref().unwrap_or(&k.name));
        let _ = write!(head, " {:>w$} {:>w$}", format!("SS {short}"), format!("Bz {short}"));
    }
    let _ = writeln!(out, "{head}");
    holder_rows(out, kinds, names, issuer);
    let _ = writeln!(
        out,
        "  {:<hw$} {:>14} {:>8} {:>14} {:>14} {:>8} {:<11} {:<20}{}",
        names.entity(MARKET),
        issuer.float_shares,
        pct(ratio(issuer.float_shares, issuer.issued_shares)),
        issuer.float_votes,
        issuer.float_votes,
        pct(issuer.float_vote_share),
        "",
        "",
        indices(kinds, &issuer.float_power)
    );
    let read = |power: &PowerReport| power.values().any(|x| x.banzhaf_reading.is_some());
    if issuer.holders.values().any(|h| read(&h.power)) || read(&issuer.float_power) {
        let _ = writeln!(out, "{}", readings_key());
    }
    for (kind, k) in &issuer.kinds {
        if let Some(dec) = k.decided {
            let _ = writeln!(out, "  {}: the committed votes decide alone: the resolution {dec}", names.kind(kind));
        }
        for note in &k.notes {
            let _ = writeln!(out, "  {}: {note}", names.kind(kind));
        }
    }
}

/// A row per holder of the issuer, and a line of its votes where it does not vote freely.
fn holder_rows(out: &mut String, kinds: &[KindReport], names: &Names, issuer: &IssuerReport) {
    let hw = holder_width(names, issuer);
    for (holder_id, h) in &issuer.holders {
        let _ = writeln!(
            out,
            "  {:<hw$} {:>14} {:>8} {:>14} {:>14} {:>8} {:<11} {:<20}{}",
            names.entity(holder_id),
            h.shares,
            pct(h.capital),
            h.theoretical_votes,
            h.exercisable_votes,
            pct(h.vote_share),
            h.status,
            h.suppressed_by.map_or("", Names::rule_key),
            indices(kinds, &h.power)
        );
        let special: Vec<String> = h
            .behaviour
            .iter()
            .filter(|(_, b)| b.as_str() != "free" && b.as_str() != "neutral")
            .map(|(k, b)| format!("{} on {}", names.behaviour_key(b), names.kind_short(k)))
            .collect();
        if !special.is_empty() {
            let _ = writeln!(out, "  {:<hw$} votes: {}", "", special.join(", "));
        }
    }
}

/// The balance of each pair, when there is any.
fn balance_table(out: &mut String, names: &Names, date_report: &DateReport) {
    if date_report.balance.is_empty() {
        return;
    }
    let _ = writeln!(out, "\nbalance (A at B minus B at A):");
    for b in &date_report.balance {
        let _ = writeln!(
            out,
            "  {} / {}: power {}  votes {:+.4}  capital {:+.4}",
            names.entity(&b.a),
            names.entity(&b.b),
            b.power.map_or("—".to_string(), |p| format!("{p:+.4}")),
            b.votes,
            b.capital
        );
    }
}

/// Integrated ownership and ultimate claims side by side, or why they are missing.
fn ownership_table(out: &mut String, names: &Names, ownership: Option<&OwnershipReport>) {
    let tables = ownership.map(|o| (&o.integrated_ownership, &o.ultimate_claims));
    if let Some((Some(integrated), Some(ultimate))) = tables
        && !(integrated.is_empty() && ultimate.is_empty())
    {
        let _ = writeln!(out, "\nintegrated ownership / ultimate claims (entries that are 0 on both omitted):");
        let mut pairs: BTreeSet<(&String, &String)> = BTreeSet::new();
        for table in [integrated, ultimate] {
            pairs.extend(table.iter().flat_map(|(h, per)| per.keys().map(move |i| (h, i))));
        }
        let get = |t: &BTreeMap<String, BTreeMap<String, f64>>, h: &String, i: &String| {
            t.get(h).and_then(|m| m.get(i)).copied().unwrap_or(0.0)
        };
        for (h, i) in pairs {
            let (held, issuer) = (names.entity(h), names.entity(i));
            let _ = writeln!(out, "  {held} in {issuer}: {:.4} / {:.4}", get(integrated, h, i), get(ultimate, h, i));
        }
    } else if let Some((None, _)) = tables {
        let _ = writeln!(out, "\nintegrated ownership / ultimate claims: undefined on this date (see the findings)");
    }
}
