//! Oracle and property tests of `alliance_sim::engine::ownership`.

use alliance_sim::engine::ownership::{
    CompanyLabels, ExactOwnership, OwnershipError, SparseOptions, exact_ownership, exact_ownership_from_shares,
    sparse_ownership,
};
use alliance_sim::engine::random::SplitMix64;
use num_bigint::BigInt;
use num_rational::BigRational;
use num_traits::{One, ToPrimitive, Zero};
use proptest::prelude::*;

fn q(a: i64, b: i64) -> BigRational {
    BigRational::new(BigInt::from(a), BigInt::from(b))
}

fn to_f64(x: &BigRational) -> f64 {
    x.to_f64().unwrap_or(f64::NAN)
}

/// Renault (0) holds 43.4% of Nissan (1); Nissan holds 15% of Renault.
fn renault_nissan() -> Vec<(usize, usize, BigRational)> {
    vec![(0, 1, q(434, 1000)), (1, 0, q(15, 100))]
}

#[test]
fn renault_nissan_exact() {
    let r = exact_ownership(2, &renault_nissan()).unwrap();
    let d = 9349;
    // (I − W)⁻¹ = Y + I.
    let inv: Vec<Vec<BigRational>> = (0..2)
        .map(|i| (0..2).map(|j| r.integrated()[i][j].clone() + if i == j { q(1, 1) } else { q(0, 1) }).collect())
        .collect();
    assert_eq!(inv, vec![vec![q(10000, d), q(4340, d)], vec![q(1500, d), q(10000, d)]]);
    assert_eq!(r.integrated(), &[vec![q(651, d), q(4340, d)], vec![q(1500, d), q(651, d)]][..]);
    assert_eq!(r.ultimate(), &[vec![q(8500, d), q(3689, d)], vec![q(849, d), q(5660, d)]][..]);
    assert_eq!(r.outside(), &[q(85, 100), q(566, 1000)][..]);
    // 46.42% and 16.04%.
    assert_eq!((to_f64(&r.integrated()[0][1]) * 10000.0).round(), 4642.0);
    assert_eq!((to_f64(&r.integrated()[1][0]) * 10000.0).round(), 1604.0);

    // The same network as share counts gives the same fractions.
    let shares = exact_ownership_from_shares(&[100, 1000], &[(0, 1, 434), (1, 0, 15)]).unwrap();
    assert_eq!(shares, r);

    // By label.
    let labels = CompanyLabels::new(["Renault", "Nissan"]).unwrap();
    let claim = labels.exact_claim(&r, "Renault", "Nissan").unwrap();
    assert_eq!((claim.integrated, claim.ultimate), (q(4340, d), q(3689, d)));
    assert_eq!(
        labels.exact_claim(&r, "Renault", "Mitsubishi"),
        Err(OwnershipError::UnknownLabel { label: "Mitsubishi".into() })
    );

    // The f64 path on the same network.
    let f: Vec<(usize, usize, f64)> = vec![(0, 1, 0.434), (1, 0, 0.15)];
    let s = sparse_ownership(2, &f, &SparseOptions::default()).unwrap();
    let c = labels.sparse_claim(&s, "Nissan", "Renault").unwrap();
    assert!((c.integrated - 1500.0 / 9349.0).abs() < 1e-14);
    assert!((c.ultimate - 849.0 / 9349.0).abs() < 1e-14);
}

/// A small network as share counts: `(issued, holdings)`; column sums of `W`
/// are at most `max_held / 1000` of each company.
fn small_network(max_n: usize, max_held: u64) -> impl Strategy<Value = (Vec<u64>, Vec<(usize, usize, u64)>)> {
    (1..=max_n).prop_flat_map(move |n| {
        (prop::collection::vec(1u64..=1000, n), prop::collection::vec((0..n, 0..n, 0u64..=1000), 0..=3 * n)).prop_map(
            move |(issued, raw)| {
                // Keep off-diagonal holdings, scaled so each column's total
                // stays within max_held / 1000 of the issued shares.
                let n = issued.len();
                let mut column = vec![0u64; n];
                let mut holdings = Vec::new();
                for (i, j, w) in raw {
                    if i == j {
                        continue;
                    }
                    let room = (issued[j] * max_held / 1000).saturating_sub(column[j]);
                    let h = (w * issued[j] / 1000).min(room);
                    column[j] += h;
                    holdings.push((i, j, h));
                }
                (issued, holdings)
            },
        )
    })
}

fn f64_stakes(issued: &[u64], holdings: &[(usize, usize, u64)]) -> Vec<(usize, usize, f64)> {
    holdings.iter().map(|&(i, j, h)| (i, j, h as f64 / issued[j] as f64)).collect()
}

/// Checks `(I − W)(Y + I) = I` exactly.
fn assert_inverse(r: &ExactOwnership) {
    let n = r.n();
    for i in 0..n {
        for j in 0..n {
            let mut acc = BigRational::zero();
            for k in 0..n {
                let a = if i == k { q(1, 1) } else { q(0, 1) } - &r.direct()[i][k];
                let m = if k == j { q(1, 1) } else { q(0, 1) } + &r.integrated()[k][j];
                acc += a * m;
            }
            let want = if i == j { BigRational::one() } else { BigRational::zero() };
            assert_eq!(acc, want, "entry ({i}, {j}) of (I − W)(Y + I)");
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn exact_columns_of_u_sum_to_one((issued, holdings) in small_network(6, 1000)) {
        match exact_ownership_from_shares(&issued, &holdings) {
            Ok(r) => {
                assert_inverse(&r);
                for j in 0..r.n() {
                    let sum = (0..r.n()).fold(BigRational::zero(), |a, i| a + &r.ultimate()[i][j]);
                    prop_assert_eq!(sum, BigRational::one());
                }
            }
            Err(OwnershipError::ClosedGroup { companies }) => {
                // A genuine closed group: no outside shareholders, and every
                // holder of a member is a member.
                prop_assert!(!companies.is_empty());
                for &j in &companies {
                    let held: u64 = holdings.iter().filter(|h| h.1 == j).map(|h| h.2).sum();
                    prop_assert_eq!(held, issued[j]);
                    for h in holdings.iter().filter(|h| h.1 == j && h.2 > 0) {
                        prop_assert!(companies.contains(&h.0));
                    }
                }
            }
            Err(e) => prop_assert!(false, "unexpected error {e}"),
        }
    }

    #[test]
    fn f64_path_matches_exact_path((issued, holdings) in small_network(7, 900)) {
        let exact = exact_ownership_from_shares(&issued, &holdings).unwrap();
        let n = issued.len();
        // Both f64 solvers: dense (the default at this size) and push.
        for dense_max_n in [128, 0] {
            let opts = SparseOptions { dense_max_n, ..SparseOptions::default() };
            let s = sparse_ownership(n, &f64_stakes(&issued, &holdings), &opts).unwrap();
            for i in 0..n {
                for j in 0..n {
                    prop_assert!((s.integrated().get(i, j) - to_f64(&exact.integrated()[i][j])).abs() < 1e-12);
                    prop_assert!((s.ultimate().get(i, j) - to_f64(&exact.ultimate()[i][j])).abs() < 1e-12);
                }
            }
            for j in 0..n {
                prop_assert!((s.ultimate().column_sum(j) - 1.0).abs() < 1e-12);
            }
            prop_assert!(s.max_column_defect() < 1e-12);
        }
    }

    #[test]
    fn relabelling_permutes_results(
        (issued, holdings) in small_network(6, 1000),
        keys in prop::collection::vec(any::<u32>(), 6),
    ) {
        let n = issued.len();
        let mut perm: Vec<usize> = (0..n).collect();
        perm.sort_by_key(|&k| (keys[k], k));
        let mut issued2 = vec![0; n];
        for k in 0..n {
            issued2[perm[k]] = issued[k];
        }
        let holdings2: Vec<_> = holdings.iter().map(|&(i, j, h)| (perm[i], perm[j], h)).collect();
        let a = exact_ownership_from_shares(&issued, &holdings);
        let b = exact_ownership_from_shares(&issued2, &holdings2);
        match (a, b) {
            (Ok(a), Ok(b)) => {
                for i in 0..n {
                    for j in 0..n {
                        prop_assert_eq!(&a.integrated()[i][j], &b.integrated()[perm[i]][perm[j]]);
                        prop_assert_eq!(&a.ultimate()[i][j], &b.ultimate()[perm[i]][perm[j]]);
                    }
                }
            }
            (
                Err(OwnershipError::ClosedGroup { companies: ca }),
                Err(OwnershipError::ClosedGroup { companies: cb }),
            ) => {
                let mut mapped: Vec<usize> = ca.iter().map(|&k| perm[k]).collect();
                mapped.sort_unstable();
                prop_assert_eq!(mapped, cb);
            }
            (a, b) => prop_assert!(false, "different outcomes: {a:?} / {b:?}"),
        }
    }

    #[test]
    fn chain_gives_product_of_stakes(stakes in prop::collection::vec(1i64..=1000, 1..8)) {
        // Company k holds stakes[k]/1000 of company k + 1.
        let n = stakes.len() + 1;
        let w: Vec<_> = stakes.iter().enumerate().map(|(k, &s)| (k, k + 1, q(s, 1000))).collect();
        let r = exact_ownership(n, &w).unwrap();
        let wf: Vec<_> = stakes.iter().enumerate().map(|(k, &s)| (k, k + 1, s as f64 / 1000.0)).collect();
        let push = SparseOptions { dense_max_n: 0, ..SparseOptions::default() };
        let sf = sparse_ownership(n, &wf, &push).unwrap();
        let mut product = q(1, 1);
        for j in 1..n {
            product *= q(stakes[j - 1], 1000);
            prop_assert_eq!(&r.integrated()[0][j], &product);
            let p = to_f64(&product);
            prop_assert!((sf.integrated().get(0, j) - p).abs() <= 1e-12 * p.max(1e-300) || p < 1e-12);
            // Nothing flows downwards or to oneself in a chain.
            prop_assert!(r.integrated()[j][0].is_zero());
            prop_assert!(r.integrated()[j][j].is_zero());
        }
    }

    #[test]
    fn over_held_column_is_an_error(extra in 1u64..500, n in 2usize..6) {
        // Companies 0..n-1 together hold issued + extra shares of the last.
        let issued = vec![1000u64; n];
        let last = n - 1;
        let per = (1000 + extra).div_ceil(last as u64);
        let holdings: Vec<_> = (0..last).map(|i| (i, last, per)).collect();
        let r = exact_ownership_from_shares(&issued, &holdings);
        let ok = matches!(&r, Err(OwnershipError::SharesOverIssued { issuer, .. }) if *issuer == last);
        prop_assert!(ok, "{:?}", r);
        let f = f64_stakes(&issued, &holdings);
        let r = sparse_ownership(n, &f, &SparseOptions::default());
        let ok = matches!(&r, Err(OwnershipError::OverHeld { issuer, .. }) if *issuer == last);
        prop_assert!(ok, "{:?}", r);
        let exact: Vec<_> = holdings.iter().map(|&(i, j, h)| (i, j, q(h as i64, 1000))).collect();
        let r = exact_ownership(n, &exact);
        let ok = matches!(&r, Err(OwnershipError::OverHeld { issuer, .. }) if *issuer == last);
        prop_assert!(ok, "{:?}", r);
    }
}

#[test]
fn hundred_percent_cycle_is_an_error_in_both_paths() {
    // 1 → 2 → 3 → 1 each wholly owned by the next; 0 holds half of 1 too much.
    let ring = vec![(2, 1, q(1, 1)), (3, 2, q(1, 1)), (1, 3, q(1, 1)), (1, 0, q(1, 2))];
    let expected = OwnershipError::ClosedGroup { companies: vec![1, 2, 3] };
    assert_eq!(exact_ownership(4, &ring), Err(expected.clone()));
    let f = vec![(2, 1, 1.0), (3, 2, 1.0), (1, 3, 1.0), (1, 0, 0.5)];
    assert_eq!(sparse_ownership(4, &f, &SparseOptions::default()), Err(expected));
    // Also as share counts.
    let e = exact_ownership_from_shares(&[10, 10, 10, 10], &[(2, 1, 10), (3, 2, 10), (1, 3, 10)]);
    assert!(matches!(e, Err(OwnershipError::ClosedGroup { .. })));
}

#[test]
fn medium_sparse_network_satisfies_the_defining_equation() {
    let n = 600;
    // SplitMix64 seeded with 7, for a deterministic medium-size network.
    let mut rng = SplitMix64::new(7);
    let mut stakes = Vec::new();
    for j in 0..n {
        let holders = 1 + (rng.next_u64() % 4) as usize;
        let total = 0.05 + 0.4 * (rng.next_u64() % 1000) as f64 / 1000.0;
        for _ in 0..holders {
            let mut h = (rng.next_u64() % n as u64) as usize;
            if h == j {
                h = (h + 1) % n;
            }
            stakes.push((h, j, total / holders as f64));
        }
    }
    let r = sparse_ownership(n, &stakes, &SparseOptions::default()).unwrap();
    assert!(r.max_column_defect() < 1e-9, "defect {}", r.max_column_defect());
    let w = r.direct().to_dense();
    let y = r.integrated().to_dense();
    for j in (0..n).step_by(5) {
        let sum: f64 = r.ultimate().column(j).map(|(_, v)| v).sum();
        assert!((sum - 1.0).abs() <= r.max_column_defect() + 1e-15);
        // Y = W + W Y, checked on every entry of column j.
        for i in 0..n {
            let wy: f64 = (0..n).map(|k| w[i][k] * y[k][j]).sum();
            assert!((y[i][j] - w[i][j] - wy).abs() < 1e-9, "({i}, {j})");
        }
    }
}
