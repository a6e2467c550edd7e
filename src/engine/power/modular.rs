//! Exact counting modulo several primes, with reconstruction by the Chinese remainder theorem.
//!
//! The exact power indices count coalitions; the counts reach `2^(n−1)`, far beyond 64 bits.
//! Instead of big integers in the inner loops, every count is computed modulo a few primes just
//! below `2^62` (plain `u64` additions and subtractions, exact in `Z/p`), and only the final
//! counts are rebuilt as big integers from their residues (Garner's algorithm). A count `c` with
//! `0 ≤ c < Π p` is rebuilt exactly, so [`Moduli::for_bits`] picks enough primes for the bound
//! the caller proves (for coalition counts of `m` players, `c ≤ 2^(m−1) < 2^m`).

use std::sync::OnceLock;

use num_bigint::BigUint;
use num_traits::Zero;

/// Every prime used is above `2^61`, so `k` primes cover `61·k` bits.
const BITS_PER_PRIME: usize = 61;

/// The primes below `2^62`, largest first, found once by a deterministic Miller–Rabin test.
fn first_primes(k: usize) -> Vec<u64> {
    static CACHE: OnceLock<Vec<u64>> = OnceLock::new();
    let cached = CACHE.get_or_init(|| primes_below(1 << 62, 16));
    if k <= cached.len() {
        return cached[..k].to_vec();
    }
    primes_below(1 << 62, k)
}

/// The `k` largest primes below `limit` (all above `2^61` for the sizes used here).
fn primes_below(limit: u64, k: usize) -> Vec<u64> {
    let mut out = Vec::with_capacity(k);
    let mut c = limit - 1;
    while out.len() < k && c > 2 {
        if is_prime(c) {
            out.push(c);
        }
        c -= 2;
    }
    out
}

fn mul_mod(a: u64, b: u64, p: u64) -> u64 {
    ((u128::from(a) * u128::from(b)) % u128::from(p)) as u64
}

fn pow_mod(mut a: u64, mut e: u64, p: u64) -> u64 {
    let mut r = 1 % p;
    a %= p;
    while e > 0 {
        if e & 1 == 1 {
            r = mul_mod(r, a, p);
        }
        a = mul_mod(a, a, p);
        e >>= 1;
    }
    r
}

/// Deterministic Miller–Rabin for `u64` (these twelve bases decide every `n < 3.3·10^24`).
fn is_prime(n: u64) -> bool {
    const BASES: [u64; 12] = [2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37];
    if n < 2 {
        return false;
    }
    for &b in &BASES {
        if n.is_multiple_of(b) {
            return n == b;
        }
    }
    let (mut d, mut s) = (n - 1, 0);
    while d.is_multiple_of(2) {
        d /= 2;
        s += 1;
    }
    'bases: for &a in &BASES {
        let mut x = pow_mod(a, d, n);
        if x == 1 || x == n - 1 {
            continue;
        }
        for _ in 1..s {
            x = mul_mod(x, x, n);
            if x == n - 1 {
                continue 'bases;
            }
        }
        return false;
    }
    true
}

/// `a + b mod p` for `a, b < p < 2^63`.
#[inline(always)]
pub(crate) fn add_mod(a: u64, b: u64, p: u64) -> u64 {
    let s = a + b;
    if s >= p { s - p } else { s }
}

/// `a − b mod p` for `a, b < p`.
#[inline(always)]
pub(crate) fn sub_mod(a: u64, b: u64, p: u64) -> u64 {
    if a >= b { a - b } else { a + p - b }
}

/// A set of primes and the constants of Garner's reconstruction.
#[derive(Debug, Clone)]
pub(crate) struct Moduli {
    primes: Vec<u64>,
    /// `inv[i][j]` (for `j < i`) is the inverse of `p_j` modulo `p_i`.
    inv: Vec<Vec<u64>>,
}

impl Moduli {
    /// Enough primes that every integer below `2^bits` is rebuilt exactly (at least one prime).
    pub(crate) fn for_bits(bits: usize) -> Self {
        let k = Self::count_for_bits(bits);
        let primes = first_primes(k);
        let inv = primes
            .iter()
            .enumerate()
            .map(|(i, &pi)| primes[..i].iter().map(|&pj| pow_mod(pj % pi, pi - 2, pi)).collect())
            .collect();
        Moduli { primes, inv }
    }

    /// How many primes [`Moduli::for_bits`] takes for `bits`.
    pub(crate) fn count_for_bits(bits: usize) -> usize {
        bits.div_ceil(BITS_PER_PRIME).max(1)
    }

    /// The primes, largest first.
    pub(crate) fn primes(&self) -> &[u64] {
        &self.primes
    }

    /// Mixed-radix digits `v` with `x = v0 + v1·p0 + v2·p0·p1 + …` (Garner).
    fn digits(&self, residues: &[u64]) -> Vec<u64> {
        let mut v: Vec<u64> = Vec::with_capacity(self.primes.len());
        for (i, &p) in self.primes.iter().enumerate() {
            let mut t = residues[i] % p;
            for (j, &vj) in v.iter().enumerate() {
                t = mul_mod(sub_mod(t, vj % p, p), self.inv[i][j], p);
            }
            v.push(t);
        }
        v
    }

    /// The integer `0 ≤ x < Π p` with `x ≡ residues[i] (mod p_i)`.
    pub(crate) fn rebuild(&self, residues: &[u64]) -> BigUint {
        if residues.iter().all(|&r| r == 0) {
            return BigUint::zero();
        }
        let v = self.digits(residues);
        let mut x = BigUint::zero();
        for (i, &d) in v.iter().enumerate().rev() {
            x = x * self.primes[i] + d;
        }
        x
    }

    /// The same integer as the nearest `f64` (relative error a few ulps), without big integers.
    pub(crate) fn rebuild_f64(&self, residues: &[u64]) -> f64 {
        if residues.iter().all(|&r| r == 0) {
            return 0.0;
        }
        let v = self.digits(residues);
        v.iter().enumerate().rev().fold(0.0, |x, (i, &d)| x * self.primes[i] as f64 + d as f64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use num_traits::One;

    #[test]
    fn the_primes_are_prime_and_large() {
        let m = Moduli::for_bits(61 * 5);
        assert_eq!(m.primes().len(), 5);
        for &p in m.primes() {
            assert!(p > 1 << 61 && p < 1 << 62);
            // Trial division by small numbers as an independent check.
            assert!((3..20_000u64).step_by(2).all(|d| !p.is_multiple_of(d)));
        }
        assert!(is_prime(1_000_000_007) && !is_prime(1_000_000_007 * 3) && !is_prime(561));
        assert_eq!(Moduli::for_bits(0).primes().len(), 1);
        assert_eq!(Moduli::for_bits(61).primes().len(), 1);
        assert_eq!(Moduli::for_bits(62).primes().len(), 2);
    }

    fn residue(x: &BigUint, p: u64) -> u64 {
        let r: BigUint = x % BigUint::from(p);
        r.iter_u64_digits().next().unwrap_or(0)
    }

    #[test]
    fn rebuilds_large_integers_exactly() {
        let m = Moduli::for_bits(300);
        let mut x = BigUint::one();
        for k in 1..=80u32 {
            x *= BigUint::from(k); // 80! has 396 bits: take it modulo 2^300 − 1
        }
        let x = x % ((BigUint::one() << 300) - 1u32);
        let residues: Vec<u64> = m.primes().iter().map(|&p| residue(&x, p)).collect();
        assert_eq!(m.rebuild(&residues), x);
        let f = m.rebuild_f64(&residues);
        let exact = num_traits::ToPrimitive::to_f64(&x).unwrap();
        assert!((f - exact).abs() <= exact * 1e-15);
        assert_eq!(m.rebuild(&[0; 5]), BigUint::zero());
    }
}
