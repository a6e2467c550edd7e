//! Indirect power in reports: the `indirect` object of each date of `report --format json`
//! (issuer → kind → method, samples, holders, float), its CSV rows (record `indirect`) and the
//! plain-text table of the `indirect` command. JSON keeps a Monte Carlo estimate as it comes,
//! with its standard error; the CSV and the table show it inside [0, 1] with its 95% interval.

use crate::io::csv_format::Cell;
use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde::Serialize;

use crate::engine::indirect::{IndirectPower, KindPower};
use crate::engine::{BanzhafReading, Estimate};
use crate::model::Names;

/// Issuer id → kind of resolution → indirect power there.
pub type IndirectByIssuer = BTreeMap<String, BTreeMap<String, IndirectReport>>;

/// Indirect power at one issuer for one kind of resolution.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct IndirectReport {
    /// `exact` (every coalition enumerated) or `monte_carlo`.
    pub method: &'static str,
    /// Coalitions drawn for each index by Monte Carlo; null when exact.
    pub samples: Option<u64>,
    /// Every atomic player (ultimate holder) of the network, by id.
    pub holders: BTreeMap<String, IndirectHolderReport>,
    /// The floats together.
    pub float: IndirectFloatReport,
}

/// One ultimate holder's indirect power at one issuer.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct IndirectHolderReport {
    /// Absolute Banzhaf, each float voting yes with half its weight.
    pub banzhaf_absolute: f64,
    /// Banzhaf normalised over the ultimate holders; null when none of them ever swings.
    pub banzhaf: Option<f64>,
    /// The Banzhaf figure's reading (`working_control`, `never_decisive`), exact figures only;
    /// null in between and for a Monte Carlo estimate.
    pub banzhaf_reading: Option<&'static str>,
    /// Shapley–Shubik, the floats as oceans.
    pub shapley_shubik: f64,
    /// Standard errors of a Monte Carlo estimate; null when exact.
    pub stderr: Option<IndirectStdErrReport>,
}

/// Standard errors of a Monte Carlo estimate.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct IndirectStdErrReport {
    /// Of the absolute Banzhaf index.
    pub banzhaf_absolute: f64,
    /// Of the Shapley–Shubik index.
    pub shapley_shubik: f64,
}

/// The floats' share.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct IndirectFloatReport {
    /// 1 minus the ultimate holders' Shapley–Shubik indices.
    pub shapley_shubik: f64,
}

/// The `indirect` object of one date. Kinds that could not be computed are left out (a
/// finding says why).
pub fn indirect_by_issuer(set: &[KindPower]) -> IndirectByIssuer {
    let mut out: IndirectByIssuer = BTreeMap::new();
    for k in set {
        let Some(p) = k.power() else { continue };
        for (issuer, report) in kind_reports(p) {
            out.entry(issuer).or_default().insert(k.kind.clone(), report);
        }
    }
    out
}

/// One kind's figures, per issuer.
fn kind_reports(p: &IndirectPower) -> Vec<(String, IndirectReport)> {
    p.companies
        .iter()
        .map(|c| {
            let holders = p
                .players
                .iter()
                .zip(&c.holders)
                .map(|(id, h)| {
                    let stderr = h.stderr.map(|e| IndirectStdErrReport {
                        banzhaf_absolute: e.banzhaf_absolute,
                        shapley_shubik: e.shapley_shubik,
                    });
                    let r = IndirectHolderReport {
                        banzhaf_absolute: h.banzhaf_absolute,
                        banzhaf: h.banzhaf,
                        banzhaf_reading: h.banzhaf_reading().map(BanzhafReading::key),
                        shapley_shubik: h.shapley_shubik,
                        stderr,
                    };
                    (id.clone(), r)
                })
                .collect();
            let report = IndirectReport {
                method: p.method.key(),
                samples: p.method.samples(),
                holders,
                float: IndirectFloatReport { shapley_shubik: c.float_shapley_shubik },
            };
            (c.company.clone(), report)
        })
        .collect()
}

/// The CSV rows of one date: `date,indirect,issuer,holder,KIND_field,value`, with the method,
/// the samples and the floats' share on rows without a holder.
pub(crate) fn csv_rows(
    date: &str,
    by_issuer: &IndirectByIssuer,
    row: &mut impl FnMut(&str, &str, &str, &str, &str, Cell),
) {
    for (issuer, kinds) in by_issuer {
        for (kind, r) in kinds {
            row(date, "indirect", issuer, "", &format!("{kind}_method"), Cell::Text(r.method.to_string()));
            row(
                date,
                "indirect",
                issuer,
                "",
                &format!("{kind}_samples"),
                Cell::Text(r.samples.map(|n| n.to_string()).unwrap_or_default()),
            );
            row(
                date,
                "indirect",
                issuer,
                "",
                &format!("{kind}_float_shapley_shubik"),
                Cell::Share(Some(if r.samples.is_some() {
                    r.float.shapley_shubik.clamp(0.0, 1.0)
                } else {
                    r.float.shapley_shubik
                })),
            );
            for (holder, h) in &r.holders {
                let mut cell =
                    |field: &str, value: Cell| row(date, "indirect", issuer, holder, &format!("{kind}_{field}"), value);
                // An estimate inside [0, 1], with its 95% interval's ends (clipped) beside it.
                let se = h.stderr.as_ref();
                let absolute = Estimate { value: h.banzhaf_absolute, standard_error: se.map(|e| e.banzhaf_absolute) };
                let shapley = Estimate { value: h.shapley_shubik, standard_error: se.map(|e| e.shapley_shubik) };
                cell("banzhaf_absolute", Cell::Share(Some(absolute.shown().value(absolute))));
                let clip = |b: f64| if se.is_some() { b.clamp(0.0, 1.0) } else { b };
                cell("banzhaf", Cell::Share(h.banzhaf.map(clip)));
                if let Some(reading) = h.banzhaf_reading.and_then(BanzhafReading::from_key) {
                    cell("banzhaf_reading", Cell::Text(reading.words().to_string()));
                }
                cell("shapley_shubik", Cell::Share(Some(shapley.shown().value(shapley))));
                cell("stderr_banzhaf_absolute", Cell::Share(se.map(|e| e.banzhaf_absolute)));
                cell("stderr_shapley_shubik", Cell::Share(se.map(|e| e.shapley_shubik)));
                for (name, e) in [("banzhaf_absolute", absolute), ("shapley_shubik", shapley)] {
                    if let Some((low, high)) = e.shown().interval() {
                        cell(&format!("{name}_low"), Cell::Share(Some(low)));
                        cell(&format!("{name}_high"), Cell::Share(Some(high)));
                    }
                }
            }
        }
    }
}

/// The plain-text table of one date's indirect power: estimates inside [0, 1] with their 95%
/// intervals (clipped), Banzhaf figures at their extremes in words, issuers, kinds and holders by
/// their names.
pub fn table(out: &mut String, by_issuer: &IndirectByIssuer, names: &Names) {
    let mut read = false;
    for (issuer, kinds) in by_issuer {
        for (kind, r) in kinds {
            let how = match r.samples {
                Some(n) => format!("Monte Carlo, {n} samples; 95% intervals, within 0–100%"),
                None => "exact".to_string(),
            };
            let _ = writeln!(out, "\n{} — {} ({how}):", names.entity(issuer), names.kind(kind));
            let width = r.holders.keys().map(|h| names.entity(h).chars().count()).max().unwrap_or(0).max(20);
            let _ = writeln!(
                out,
                "  {:<width$} {:>24} {:>18} {:>24}",
                "ultimate holder", "Banzhaf (abs.)", "Banzhaf", "Shapley–Shubik"
            );
            for (holder, h) in &r.holders {
                let se = h.stderr.as_ref();
                let shown = |value: f64, se: Option<f64>| Estimate { value, standard_error: se }.shown().percent(2);
                let banzhaf = match h.banzhaf_reading.and_then(BanzhafReading::from_key) {
                    Some(reading) => {
                        read = true;
                        reading.short().to_string()
                    }
                    None => {
                        h.banzhaf.map_or("—".to_string(), |b| Estimate::exact(b.clamp(0.0, 1.0)).shown().percent(2))
                    }
                };
                let _ = writeln!(
                    out,
                    "  {:<width$} {:>24} {:>18} {:>24}",
                    names.entity(holder),
                    shown(h.banzhaf_absolute, se.map(|e| e.banzhaf_absolute)),
                    banzhaf,
                    shown(h.shapley_shubik, se.map(|e| e.shapley_shubik))
                );
            }
            let floats = Estimate::exact(r.float.shapley_shubik.clamp(0.0, 1.0)).shown().percent(2);
            let _ = writeln!(out, "  {:<width$} {:>24} {:>18} {:>24}", "the floats", "", "", floats);
        }
    }
    if read {
        let _ = writeln!(
            out,
            "\n  Banzhaf \"{}\" and \"{}\" hold if the float splits evenly (every holder voting independently, \
             as the index assumes)",
            BanzhafReading::WorkingControl.short(),
            BanzhafReading::NeverDecisive.short(),
        );
    }
}
