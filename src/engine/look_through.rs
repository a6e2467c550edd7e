//! Look-through (economic) ownership on one date, from the register: integrated ownership
//! Y = W(I − W)⁻¹ and ultimate claims U = diag(u)(I − W)⁻¹ among the companies, by the `f64`
//! solver of [`super::ownership`] (dense Gauss–Jordan for alliances of up to 128 companies,
//! agreeing with the exact path within 1e-12; tested). The values are for display and reports.
//!
//! W counts economic rights, not votes: a trust's shares count for its beneficiary, and the
//! denominator is the shares outstanding (issued minus treasury), since treasury shares carry
//! no economic rights of their own.

use std::collections::BTreeMap;

use super::ownership::{OwnershipError, SparseOptions, sparse_ownership};
use crate::model::ledger::Register;
use crate::model::{EntityKind, Scenario};

/// Integrated ownership and ultimate claims among the companies on one date.
///
/// Only the non-zero entries are kept (a sparse network has few, and a dense table of `n`
/// companies would cost `n²` on every date); a missing entry is 0.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct LookThrough {
    /// Holder company → issuer → integrated stake (direct and through every path).
    pub integrated: BTreeMap<String, BTreeMap<String, f64>>,
    /// Company (its outside owners) → issuer → ultimate claim; each issuer's claims sum to 1.
    pub ultimate: BTreeMap<String, BTreeMap<String, f64>>,
    /// Why it could not be computed, if so (then both tables are empty).
    pub unavailable: Option<String>,
    /// The companies of a closed group (wholly owned by one another, with no outside
    /// shareholder), for which look-through ownership is undefined (`I − W` is singular).
    pub closed_group: Vec<String>,
}

impl LookThrough {
    /// The integrated stake of `holder` in `issuer` (0 when there is none).
    pub fn integrated_stake(&self, holder: &str, issuer: &str) -> f64 {
        self.integrated.get(holder).and_then(|m| m.get(issuer)).copied().unwrap_or(0.0)
    }

    /// The ultimate claim of `company`'s outside owners on `issuer` (0 when there is none).
    pub fn ultimate_claim(&self, company: &str, issuer: &str) -> f64 {
        self.ultimate.get(company).and_then(|m| m.get(issuer)).copied().unwrap_or(0.0)
    }
}

/// The company that receives the economic rights of `holder`'s shares, if any.
fn economic_owner<'a>(entities: &super::findings::Entities<'a>, holder: &'a str) -> &'a str {
    match entities.get(holder).map(|e| &e.kind) {
        Some(EntityKind::Trust { beneficiary }) => beneficiary,
        _ => holder,
    }
}

/// Look-through ownership on the register's date.
pub fn look_through(s: &Scenario, r: &Register) -> LookThrough {
    let companies: Vec<&str> = r.capital.keys().map(String::as_str).collect();
    let positions: BTreeMap<&str, usize> = companies.iter().enumerate().map(|(k, c)| (*c, k)).collect();
    let index = |id: &str| positions.get(id).copied();
    let entities = super::findings::Entities::of(s);
    let outstanding: Vec<u64> = r.capital.values().map(|c| c.issued.saturating_sub(c.treasury)).collect();
    let stakes: Vec<(usize, usize, f64)> = r
        .holdings
        .iter()
        .filter_map(|((h, i), b)| {
            let (h, i) = (index(economic_owner(&entities, h))?, index(i)?);
            let out = *outstanding.get(i)?;
            (h != i && out > 0).then(|| (h, i, b.shares as f64 / out as f64))
        })
        .collect();
    match sparse_ownership(companies.len(), &stakes, &SparseOptions::default()) {
        Ok(o) => {
            // Column by column over the non-zero entries only.
            let table = |m: &super::ownership::SparseMatrix| -> BTreeMap<String, BTreeMap<String, f64>> {
                let mut out: BTreeMap<String, BTreeMap<String, f64>> = BTreeMap::new();
                for (b, ib) in companies.iter().enumerate() {
                    for (a, v) in m.column(b) {
                        if v != 0.0
                            && let Some(ha) = companies.get(a)
                        {
                            out.entry(ha.to_string()).or_default().insert(ib.to_string(), v);
                        }
                    }
                }
                out
            };
            LookThrough {
                integrated: table(o.integrated()),
                ultimate: table(o.ultimate()),
                unavailable: None,
                closed_group: Vec::new(),
            }
        }
        Err(e) => {
            let closed_group = match &e {
                OwnershipError::ClosedGroup { companies: group } => {
                    group.iter().filter_map(|&k| companies.get(k)).map(|c| c.to_string()).collect()
                }
                _ => Vec::new(),
            };
            LookThrough { unavailable: Some(e.to_string()), closed_group, ..LookThrough::default() }
        }
    }
}

/// A finding when look-through ownership is undefined: the closed group by name, or the reason.
pub fn findings(s: &Scenario, lt: &LookThrough) -> Vec<super::Finding> {
    let Some(why) = &lt.unavailable else { return Vec::new() };
    let detail = if lt.closed_group.is_empty() {
        format!("look-through ownership could not be computed: {why}")
    } else {
        let names: Vec<&str> = lt.closed_group.iter().map(|c| s.name_of(c)).collect();
        format!(
            "look-through ownership is undefined: {} own one another wholly, with no outside shareholder, so \
             their integrated ownership and ultimate claims have no value; lower one of their stakes below 100% \
             or give one of them outside shareholders",
            names.join(", ")
        )
    };
    vec![super::Finding {
        kind: super::FindingKind::LookThroughUndefined,
        holder: None,
        issuer: lt.closed_group.first().cloned(),
        kinds: Vec::new(),
        detail,
    }]
}

#[cfg(test)]
mod tests {
    use num_traits::ToPrimitive;

    use super::*;
    use crate::engine::ownership::exact_ownership_from_shares;

    #[test]
    fn the_f64_path_agrees_with_the_exact_one_on_every_date_of_the_default_scenario() {
        let s = crate::io::default_scenario().map_err(|e| e.to_string());
        let Ok(s) = s else { panic!("the default scenario loads") };
        let entries = crate::model::ledger::replay(&s).unwrap_or_default();
        assert!(!entries.is_empty());
        for e in &entries {
            let lt = look_through(&s, &e.register);
            let ids: Vec<&String> = e.register.capital.keys().collect();
            let idx = |id: &str| ids.iter().position(|c| *c == id);
            let issued: Vec<u64> = e.register.capital.values().map(|c| c.issued - c.treasury).collect();
            let holdings: Vec<(usize, usize, u64)> = e
                .register
                .holdings
                .iter()
                .filter_map(|((h, i), b)| {
                    Some((idx(economic_owner(&crate::engine::findings::Entities::of(&s), h))?, idx(i)?, b.shares))
                })
                .collect();
            let exact = exact_ownership_from_shares(&issued, &holdings).map_err(|e| e.to_string());
            let Ok(exact) = exact else { panic!("exact path fails on {}", e.date) };
            for (a, ha) in ids.iter().enumerate() {
                for (b, ib) in ids.iter().enumerate() {
                    let want = exact.ultimate()[a][b].to_f64().unwrap_or(f64::NAN);
                    let got = lt.ultimate_claim(ha, ib);
                    assert!((want - got).abs() < 1e-12, "{} U[{ha}][{ib}]: {got} vs {want}", e.date);
                    let want = exact.integrated()[a][b].to_f64().unwrap_or(f64::NAN);
                    assert!((want - lt.integrated_stake(ha, ib)).abs() < 1e-12);
                }
            }
        }
    }
}
