//! Small numeric helpers shared by the power algorithms: conversion of exact
//! rationals to `f64`, Gauss–Legendre quadrature nodes on `[0, 1]`,
//! factorial tables.

use num_bigint::{BigInt, BigUint};
use num_rational::BigRational;
use num_traits::{One, ToPrimitive, Zero};

/// The `f64` nearest to an exact rational (correctly rounded by
/// `num-rational`); `NaN` only if the conversion is impossible, which cannot
/// happen for the finite values this module produces.
pub fn ratio_to_f64(r: &BigRational) -> f64 {
    r.to_f64().unwrap_or(f64::NAN)
}

/// `num / den` as an exact rational of unsigned integers; `den` must be non-zero
/// (callers guarantee it).
pub(crate) fn ratio(num: BigUint, den: BigUint) -> BigRational {
    if den.is_zero() {
        return BigRational::zero();
    }
    BigRational::new(BigInt::from(num), BigInt::from(den))
}

/// `0!, 1!, ..., n!` as big integers.
pub(crate) fn factorials(n: usize) -> Vec<BigUint> {
    let mut out = Vec::with_capacity(n + 1);
    let mut f = BigUint::one();
    out.push(f.clone());
    for k in 1..=n {
        f *= BigUint::from(k);
        out.push(f.clone());
    }
    out
}

/// Gauss–Legendre nodes and weights for `∫₀¹ f(t) dt` with `m` points,
/// exact for polynomials of degree up to `2m − 1`.
///
/// Nodes by Newton iteration on the Legendre polynomial from the usual
/// cosine initial guess; accurate to a few ulps for the sizes used here.
pub(crate) fn gauss_legendre_unit(m: usize) -> Vec<(f64, f64)> {
    let mut out = Vec::with_capacity(m);
    if m == 0 {
        return out;
    }
    let mf = m as f64;
    for i in 0..m.div_ceil(2) {
        let mut x = (std::f64::consts::PI * (i as f64 + 0.75) / (mf + 0.5)).cos();
        let mut dp = 1.0;
        for _ in 0..100 {
            let (p, d) = legendre(m, x);
            dp = d;
            let dx = p / d;
            x -= dx;
            if dx.abs() < 1e-16 {
                break;
            }
        }
        let (_, d) = legendre(m, x);
        if d.is_finite() {
            dp = d;
        }
        let w = 2.0 / ((1.0 - x * x) * dp * dp);
        // Map from [-1, 1] to [0, 1]: t = (1 ± x)/2, weight w/2.
        out.push((0.5 * (1.0 - x), 0.5 * w));
        if 2 * i + 1 != m {
            out.push((0.5 * (1.0 + x), 0.5 * w));
        }
    }
    out.sort_by(|a, b| a.0.total_cmp(&b.0));
    out
}

/// `(P_m(x), P_m'(x))` by the three-term recurrence.
fn legendre(m: usize, x: f64) -> (f64, f64) {
    let mut p0 = 1.0;
    let mut p1 = x;
    if m == 0 {
        return (1.0, 0.0);
    }
    for k in 2..=m {
        let kf = k as f64;
        let p2 = ((2.0 * kf - 1.0) * x * p1 - (kf - 1.0) * p0) / kf;
        p0 = p1;
        p1 = p2;
    }
    let d = m as f64 * (x * p1 - p0) / (x * x - 1.0);
    (p1, d)
}

/// A small deterministic xorshift generator for the module's randomized unit tests.
#[cfg(test)]
pub(crate) fn test_rng(seed: &mut u64) -> u64 {
    *seed ^= *seed << 13;
    *seed ^= *seed >> 7;
    *seed ^= *seed << 17;
    *seed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gauss_legendre_integrates_beta_polynomials_exactly() {
        // ∫ t^s (1-t)^r dt = s! r! / (s+r+1)!
        for m in [1usize, 2, 3, 7, 20, 101] {
            let nodes = gauss_legendre_unit(m);
            assert_eq!(nodes.len(), m);
            let deg = 2 * m - 1;
            for s in [0, deg / 3, deg] {
                let r = deg - s;
                let approx: f64 = nodes.iter().map(|&(t, w)| w * t.powi(s as i32) * (1.0 - t).powi(r as i32)).sum();
                let f = factorials(deg + 1);
                let exact = ratio(&f[s] * &f[r], f[deg + 1].clone());
                let e = ratio_to_f64(&exact);
                assert!(((approx - e) / e).abs() < 1e-11, "m={m} s={s} r={r} {approx} {e}");
            }
        }
    }
}
