//! The arithmetic of vote caps read "of the total after the cap": the limits that hold at once
//! for every capped holder of one meeting, in exact integers and fractions.

use num_bigint::BigInt;
use num_rational::BigRational;
use num_traits::ToPrimitive;

use crate::model::Fraction;

/// floor(c·others/(1 − c)) for one capped holder; `None` when c ≥ 1.
pub(super) fn single_after_cap_limit(c: Fraction, others: u64) -> Option<u64> {
    let (p, q) = (u128::from(c.numer()), u128::from(c.denom()));
    (p < q).then(|| (u128::from(others) * p / (q - p)).min(u128::from(u64::MAX)) as u64)
}

/// The total in play T after the after-cap limits, as an exact fraction, if one exists.
pub(super) fn solve_after_cap(unlimited: u64, after: &[(&(String, String), u64, Fraction)]) -> Option<BigRational> {
    let big = |n: u64| BigRational::from_integer(BigInt::from(n));
    let frac = |c: Fraction| BigRational::new(BigInt::from(c.numer()), BigInt::from(c.denom()));
    let mut order: Vec<usize> = (0..after.len()).collect();
    // Largest v/c first: those bind first as T shrinks.
    order.sort_by(|&x, &y| {
        let (vx, cx, vy, cy) = (after[x].1, after[x].2, after[y].1, after[y].2);
        (u128::from(vy) * u128::from(cy.denom()) * u128::from(cx.numer()))
            .cmp(&(u128::from(vx) * u128::from(cx.denom()) * u128::from(cy.numer())))
            .then(x.cmp(&y))
    });
    for k in 0..=after.len() {
        let (bound, free) = order.split_at(k);
        let c_sum: BigRational = bound.iter().map(|&i| frac(after[i].2)).sum();
        let rest = BigRational::from_integer(BigInt::from(1)) - c_sum;
        if rest <= BigRational::from_integer(BigInt::from(0)) {
            return None;
        }
        let t = (big(unlimited) + free.iter().map(|&i| big(after[i].1)).sum::<BigRational>()) / rest;
        let binds = |i: usize| big(after[i].1) >= frac(after[i].2) * &t;
        if bound.iter().all(|&i| binds(i))
            && free.iter().all(|&i| !binds(i) || big(after[i].1) == frac(after[i].2) * &t)
        {
            return Some(t);
        }
    }
    None
}

/// floor(c · t) for an exact t.
pub(super) fn floor_times(c: Fraction, t: &BigRational) -> u64 {
    let x = BigRational::new(BigInt::from(c.numer()), BigInt::from(c.denom())) * t;
    x.floor().to_integer().to_u64().unwrap_or(u64::MAX)
}
