//! Indirect power in reports: the `indirect` object of each date of `report --format json`
//! (issuer → kind → method, samples, holders, float), its CSV rows (record `indirect`) and the
//! plain-text table of the `indirect` command.

use crate::io::csv_format::Cell;
use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde::Serialize;

use crate::engine::indirect::{IndirectPower, KindPower};

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
                Cell::Share(Some(r.float.shapley_shubik)),
            );
            for (holder, h) in &r.holders {
                let mut cell = |field: &str, value: Option<f64>| {
                    row(date, "indirect", issuer, holder, &format!("{kind}_{field}"), Cell::Share(value))
                };
                cell("banzhaf_absolute", Some(h.banzhaf_absolute));
                cell("banzhaf", h.banzhaf);
                cell("shapley_shubik", Some(h.shapley_shubik));
                let se = h.stderr.as_ref();
                cell("stderr_banzhaf_absolute", se.map(|e| e.banzhaf_absolute));
                cell("stderr_shapley_shubik", se.map(|e| e.shapley_shubik));
            }
        }
    }
}

/// The plain-text table of one date's indirect power.
pub fn table(out: &mut String, by_issuer: &IndirectByIssuer) {
    let pct = |x: f64| format!("{:.2}%", x * 100.0);
    for (issuer, kinds) in by_issuer {
        for (kind, r) in kinds {
            let how = match r.samples {
                Some(n) => format!("Monte Carlo, {n} samples; ± one standard error"),
                None => "exact".to_string(),
            };
            let _ = writeln!(out, "\n{issuer}, {kind} resolutions ({how}):");
            let _ = writeln!(
                out,
                "  {:<20} {:>18} {:>18} {:>18}",
                "ultimate holder", "Banzhaf (abs.)", "Banzhaf", "Shapley–Shubik"
            );
            for (holder, h) in &r.holders {
                let se = |x: Option<f64>| x.map(|e| format!(" ±{:.2}", e * 100.0)).unwrap_or_default();
                let _ = writeln!(
                    out,
                    "  {:<20} {:>18} {:>18} {:>18}",
                    holder,
                    format!("{}{}", pct(h.banzhaf_absolute), se(h.stderr.as_ref().map(|e| e.banzhaf_absolute))),
                    h.banzhaf.map_or("—".to_string(), pct),
                    format!("{}{}", pct(h.shapley_shubik), se(h.stderr.as_ref().map(|e| e.shapley_shubik)))
                );
            }
            let _ = writeln!(out, "  {:<20} {:>18} {:>18} {:>18}", "(floats)", "", "", pct(r.float.shapley_shubik));
        }
    }
}
