//! Exact path: rational arithmetic, dense matrices, fraction-free
//! Gauss–Jordan elimination.

use num_bigint::BigInt;
use num_rational::BigRational;
use num_traits::{One, Signed, Zero};

use super::error::OwnershipError;
use super::graph::closed_group;

/// Exact integrated ownership and ultimate claims of a small network.
///
/// All matrices are dense, indexed `[holder][issuer]`, `n × n`.
#[derive(Debug, Clone, PartialEq)]
pub struct ExactOwnership {
    direct: Vec<Vec<BigRational>>,
    outside: Vec<BigRational>,
    integrated: Vec<Vec<BigRational>>,
    ultimate: Vec<Vec<BigRational>>,
}

impl ExactOwnership {
    /// Number of companies.
    pub fn n(&self) -> usize {
        self.direct.len()
    }

    /// The direct-holding matrix `W` (duplicates in the input summed).
    pub fn direct(&self) -> &[Vec<BigRational>] {
        &self.direct
    }

    /// `u[j] = 1 − Σᵢ W[i][j]`, the part of each company held by outsiders.
    pub fn outside(&self) -> &[BigRational] {
        &self.outside
    }

    /// Integrated ownership `Y = W (I − W)⁻¹`, indexed `[holder][issuer]`.
    pub fn integrated(&self) -> &[Vec<BigRational>] {
        &self.integrated
    }

    /// Ultimate claims `U = diag(u) (I − W)⁻¹`, indexed `[holder][issuer]`;
    /// every column sums to exactly 1.
    pub fn ultimate(&self) -> &[Vec<BigRational>] {
        &self.ultimate
    }

    /// `Y[holder][issuer]`, or `None` if an index is out of range.
    pub fn integrated_stake(&self, holder: usize, issuer: usize) -> Option<&BigRational> {
        self.integrated.get(holder)?.get(issuer)
    }

    /// `U[holder][issuer]`, or `None` if an index is out of range.
    pub fn ultimate_claim(&self, holder: usize, issuer: usize) -> Option<&BigRational> {
        self.ultimate.get(holder)?.get(issuer)
    }
}

/// Computes `Y` and `U` exactly from `(holder, issuer, fraction)` stakes.
///
/// Zero stakes are ignored; repeated `(holder, issuer)` pairs are summed.
/// Errors: an index `≥ n`, a self-holding, a negative stake, a column of `W`
/// summing above 1, or a closed group making `I − W` singular.
pub fn exact_ownership(n: usize, stakes: &[(usize, usize, BigRational)]) -> Result<ExactOwnership, OwnershipError> {
    let mut w = vec![vec![BigRational::zero(); n]; n];
    for (holder, issuer, fraction) in stakes {
        check_pair(n, *holder, *issuer)?;
        if fraction.is_negative() {
            return Err(OwnershipError::InvalidStake { holder: *holder, issuer: *issuer, value: fraction.to_string() });
        }
        w[*holder][*issuer] += fraction;
    }
    let one = BigRational::one();
    let mut outside = Vec::with_capacity(n);
    for issuer in 0..n {
        let sum = w.iter().fold(BigRational::zero(), |acc, row| acc + &row[issuer]);
        if sum > one {
            return Err(OwnershipError::OverHeld { issuer, sum: sum.to_string() });
        }
        outside.push(&one - sum);
    }
    solve(w, outside)
}

/// Computes `Y` and `U` exactly from share counts: `issued[j]` shares issued
/// by company `j` and `(holder, issuer, shares held)` holdings, so that
/// `W[holder][issuer] = held / issued[issuer]`.
///
/// Repeated pairs are summed. Errors as for [`exact_ownership`], plus a
/// company with zero issued shares or more shares held than issued.
pub fn exact_ownership_from_shares(
    issued: &[u64],
    holdings: &[(usize, usize, u64)],
) -> Result<ExactOwnership, OwnershipError> {
    let n = issued.len();
    let mut held = vec![vec![0u128; n]; n];
    let mut column = vec![0u128; n];
    for &(holder, issuer, shares) in holdings {
        check_pair(n, holder, issuer)?;
        held[holder][issuer] += u128::from(shares);
        column[issuer] += u128::from(shares);
    }
    for issuer in 0..n {
        if issued[issuer] == 0 {
            return Err(OwnershipError::ZeroIssuedShares { issuer });
        }
        if column[issuer] > u128::from(issued[issuer]) {
            return Err(OwnershipError::SharesOverIssued { issuer, held: column[issuer], issued: issued[issuer] });
        }
    }
    let w: Vec<Vec<BigRational>> = held
        .iter()
        .map(|row| row.iter().zip(issued).map(|(&h, &s)| BigRational::new(BigInt::from(h), BigInt::from(s))).collect())
        .collect();
    let outside = (0..n)
        .map(|j| {
            let s = issued[j];
            BigRational::new(BigInt::from(u128::from(s) - column[j]), BigInt::from(s))
        })
        .collect();
    solve(w, outside)
}

fn check_pair(n: usize, holder: usize, issuer: usize) -> Result<(), OwnershipError> {
    for index in [holder, issuer] {
        if index >= n {
            return Err(OwnershipError::IndexOutOfRange { index, n });
        }
    }
    if holder == issuer {
        return Err(OwnershipError::SelfHolding { company: holder });
    }
    Ok(())
}

/// `w` validated (nonnegative, zero diagonal, column sums ≤ 1), `outside` its
/// column complements.
fn solve(w: Vec<Vec<BigRational>>, outside: Vec<BigRational>) -> Result<ExactOwnership, OwnershipError> {
    let n = w.len();
    let leaks: Vec<bool> = outside.iter().map(|u| u.is_positive()).collect();
    let edges = (0..n).flat_map(|i| (0..n).map(move |j| (i, j)));
    let closed = closed_group(&leaks, edges.filter(|&(i, j)| w[i][j].is_positive()));
    if !closed.is_empty() {
        return Err(OwnershipError::ClosedGroup { companies: closed });
    }
    let m = inverse_of_i_minus_w(&w)?;
    let integrated = m
        .iter()
        .enumerate()
        .map(|(i, row)| {
            let mut row = row.clone();
            row[i] -= BigRational::one();
            row
        })
        .collect();
    let ultimate = m.iter().zip(&outside).map(|(row, u)| row.iter().map(|x| x * u).collect()).collect();
    Ok(ExactOwnership { direct: w, outside, integrated, ultimate })
}

fn gcd(a: &BigInt, b: &BigInt) -> BigInt {
    let (mut a, mut b) = (a.abs(), b.abs());
    while !b.is_zero() {
        let r = &a % &b;
        a = b;
        b = r;
    }
    a
}

/// `(I − W)⁻¹` by fraction-free (Bareiss) Gauss–Jordan elimination.
///
/// Each column `j` of `I − W` is scaled by the least common multiple `d_j` of
/// its denominators, giving an integer matrix `B = (I − W) D`. Eliminating
/// `[B | I]` without fractions turns it into `[δ I | δ B⁻¹]` where `δ = ±det B`
/// (every division on the way is exact), and `(I − W)⁻¹ = D B⁻¹`.
fn inverse_of_i_minus_w(w: &[Vec<BigRational>]) -> Result<Vec<Vec<BigRational>>, OwnershipError> {
    let n = w.len();
    let mut scale = vec![BigInt::one(); n];
    for row in w {
        for (s, x) in scale.iter_mut().zip(row) {
            if !x.is_zero() {
                let g = gcd(s, x.denom());
                *s = &*s / g * x.denom();
            }
        }
    }
    let width = 2 * n;
    let mut a: Vec<Vec<BigInt>> = (0..n)
        .map(|i| {
            let mut row = vec![BigInt::zero(); width];
            for j in 0..n {
                let x = &w[i][j];
                let mut v = -(x.numer() * (&scale[j] / x.denom()));
                if i == j {
                    v += &scale[j];
                }
                row[j] = v;
            }
            row[n + i] = BigInt::one();
            row
        })
        .collect();
    let mut prev = BigInt::one();
    for k in 0..n {
        if a[k][k].is_zero() {
            let p = (k + 1..n).find(|&p| !a[p][k].is_zero()).ok_or(OwnershipError::Singular { company: k })?;
            a.swap(k, p);
        }
        let pivot_row = std::mem::take(&mut a[k]);
        let pivot = pivot_row[k].clone();
        for (i, row) in a.iter_mut().enumerate() {
            if i == k {
                continue;
            }
            let f = std::mem::take(&mut row[k]);
            // Columns < k other than the diagonal are already zero.
            if i < k {
                row[i] = pivot.clone();
            }
            for j in k + 1..width {
                let pk = &pivot_row[j];
                if row[j].is_zero() && (f.is_zero() || pk.is_zero()) {
                    continue;
                }
                let mut v = &pivot * &row[j];
                if !f.is_zero() && !pk.is_zero() {
                    v -= &f * pk;
                }
                row[j] = v / &prev;
            }
        }
        a[k] = pivot_row;
        prev = pivot;
    }
    if prev.is_zero() {
        return Err(OwnershipError::Singular { company: n.saturating_sub(1) });
    }
    Ok(a.into_iter()
        .zip(&scale)
        .map(|(row, s)| row[n..].iter().map(|x| BigRational::new(s * x, prev.clone())).collect())
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(a: i64, b: i64) -> BigRational {
        BigRational::new(BigInt::from(a), BigInt::from(b))
    }

    /// Plain rational Gauss–Jordan, as an independent reference.
    fn naive_inverse(w: &[Vec<BigRational>]) -> Option<Vec<Vec<BigRational>>> {
        let n = w.len();
        let mut a: Vec<Vec<BigRational>> = (0..n)
            .map(|i| {
                let mut row: Vec<BigRational> = (0..2 * n).map(|_| BigRational::zero()).collect();
                for j in 0..n {
                    row[j] = -w[i][j].clone();
                }
                row[i] += BigRational::one();
                row[n + i] = BigRational::one();
                row
            })
            .collect();
        for k in 0..n {
            let p = (k..n).find(|&p| !a[p][k].is_zero())?;
            a.swap(k, p);
            let inv = a[k][k].recip();
            let pr: Vec<BigRational> = a[k].iter().map(|x| x * &inv).collect();
            for (i, row) in a.iter_mut().enumerate() {
                if i != k {
                    let f = row[k].clone();
                    for j in 0..2 * n {
                        row[j] -= &f * &pr[j];
                    }
                }
            }
            a[k] = pr;
        }
        Some(a.into_iter().map(|r| r[n..].to_vec()).collect())
    }

    #[test]
    fn bareiss_matches_naive_gauss_jordan() {
        // Dense 4-company network with varied denominators.
        let w = vec![
            vec![q(0, 1), q(1, 3), q(1, 7), q(2, 9)],
            vec![q(1, 5), q(0, 1), q(3, 11), q(1, 9)],
            vec![q(2, 5), q(1, 6), q(0, 1), q(1, 4)],
            vec![q(1, 10), q(1, 2), q(1, 13), q(0, 1)],
        ];
        let fast = inverse_of_i_minus_w(&w).unwrap();
        let slow = naive_inverse(&w).unwrap();
        assert_eq!(fast, slow);
    }

    #[test]
    fn closed_pair_is_reported_by_name() {
        let stakes = vec![(0, 1, q(1, 1)), (1, 0, q(1, 1)), (0, 2, q(1, 2))];
        let err = exact_ownership(3, &stakes).unwrap_err();
        assert_eq!(err, OwnershipError::ClosedGroup { companies: vec![0, 1] });
    }

    #[test]
    fn fully_held_company_outside_a_cycle_is_fine() {
        // 0 owns all of 1; 0 is owned by outsiders: U[0][1] = 1.
        let r = exact_ownership(2, &[(0, 1, q(1, 1))]).unwrap();
        assert_eq!(r.ultimate()[0][1], q(1, 1));
        assert_eq!(r.ultimate()[1][1], q(0, 1));
        assert_eq!(r.integrated()[0][1], q(1, 1));
    }

    #[test]
    fn input_errors() {
        assert_eq!(exact_ownership(2, &[(0, 2, q(1, 2))]), Err(OwnershipError::IndexOutOfRange { index: 2, n: 2 }));
        assert_eq!(exact_ownership(2, &[(1, 1, q(1, 2))]), Err(OwnershipError::SelfHolding { company: 1 }));
        assert!(matches!(exact_ownership(2, &[(0, 1, q(-1, 2))]), Err(OwnershipError::InvalidStake { .. })));
        assert_eq!(
            exact_ownership(3, &[(0, 2, q(1, 2)), (1, 2, q(2, 3))]),
            Err(OwnershipError::OverHeld { issuer: 2, sum: "7/6".into() })
        );
        assert_eq!(
            exact_ownership_from_shares(&[10, 0], &[(0, 1, 1)]),
            Err(OwnershipError::ZeroIssuedShares { issuer: 1 })
        );
        assert_eq!(
            exact_ownership_from_shares(&[10, 5], &[(0, 1, 3), (0, 1, 3)]),
            Err(OwnershipError::SharesOverIssued { issuer: 1, held: 6, issued: 5 })
        );
    }

    #[test]
    fn shares_and_fractions_agree() {
        let a = exact_ownership_from_shares(&[1000, 300, 70], &[(0, 1, 120), (1, 2, 20), (2, 0, 100)]).unwrap();
        let b = exact_ownership(3, &[(0, 1, q(2, 5)), (1, 2, q(2, 7)), (2, 0, q(1, 10))]).unwrap();
        assert_eq!(a, b);
    }
}
