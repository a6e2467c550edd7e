//! Look-through (economic) ownership on one date, from the register: integrated ownership
//! Y = W(I − W)⁻¹ and ultimate claims U = diag(u)(I − W)⁻¹ among the companies, computed
//! exactly by [`super::ownership`] and reported as `f64`.
//!
//! W counts economic rights, not votes: a trust's shares count for its beneficiary, and the
//! denominator is the shares outstanding (issued minus treasury), since treasury shares carry
//! no economic rights of their own.

use std::collections::BTreeMap;

use num_traits::ToPrimitive;

use super::ownership::exact_ownership_from_shares;
use crate::model::ledger::Register;
use crate::model::{EntityKind, Scenario};

/// Integrated ownership and ultimate claims among the companies on one date.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct LookThrough {
    /// Holder company → issuer → integrated stake (direct and through every path).
    pub integrated: BTreeMap<String, BTreeMap<String, f64>>,
    /// Company (its outside owners) → issuer → ultimate claim; each issuer's claims sum to 1.
    pub ultimate: BTreeMap<String, BTreeMap<String, f64>>,
    /// Why it could not be computed (a closed group of companies owning each other), if so.
    pub unavailable: Option<String>,
}

/// The company that receives the economic rights of `holder`'s shares, if any.
fn economic_owner<'a>(s: &'a Scenario, holder: &'a str) -> &'a str {
    match s.entity(holder).map(|e| &e.kind) {
        Some(EntityKind::Trust { beneficiary }) => beneficiary,
        _ => holder,
    }
}

/// Look-through ownership on the register's date.
pub fn look_through(s: &Scenario, r: &Register) -> LookThrough {
    let companies: Vec<&str> = r.capital.keys().map(String::as_str).collect();
    let index = |id: &str| companies.iter().position(|c| *c == id);
    let outstanding: Vec<u64> = r.capital.values().map(|c| c.issued.saturating_sub(c.treasury)).collect();
    let holdings: Vec<(usize, usize, u64)> = r
        .holdings
        .iter()
        .filter_map(|((h, i), b)| Some((index(economic_owner(s, h))?, index(i)?, b.shares)))
        .filter(|(h, i, _)| h != i)
        .collect();
    match exact_ownership_from_shares(&outstanding, &holdings) {
        Ok(exact) => {
            let table = |m: &[Vec<num_rational::BigRational>]| -> BTreeMap<String, BTreeMap<String, f64>> {
                companies
                    .iter()
                    .enumerate()
                    .map(|(a, ha)| {
                        (
                            ha.to_string(),
                            companies
                                .iter()
                                .enumerate()
                                .map(|(b, ib)| (ib.to_string(), m[a][b].to_f64().unwrap_or(0.0)))
                                .collect(),
                        )
                    })
                    .collect()
            };
            LookThrough { integrated: table(exact.integrated()), ultimate: table(exact.ultimate()), unavailable: None }
        }
        Err(e) => LookThrough { unavailable: Some(e.to_string()), ..LookThrough::default() },
    }
}
