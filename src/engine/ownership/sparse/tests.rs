use super::*;

/// Options forcing the push solver on these small networks.
fn push() -> SparseOptions {
    SparseOptions { dense_max_n: 0, ..SparseOptions::default() }
}

fn network() -> Vec<(usize, usize, f64)> {
    // 0 and 1 hold each other; 2 holds 0; 3 holds 2 twice (summed).
    vec![(0, 1, 0.3), (1, 0, 0.2), (2, 0, 0.1), (3, 2, 0.25), (3, 2, 0.25)]
}

#[test]
fn duplicates_are_summed_and_columns_sorted() {
    let r = sparse_ownership(4, &network(), &push()).unwrap();
    assert_eq!(r.direct().get(3, 2), 0.5);
    assert_eq!(r.direct().column(0).collect::<Vec<_>>(), vec![(1, 0.2), (2, 0.1)]);
    assert_eq!(r.outside(), &[0.7, 0.7, 0.5, 1.0]);
    for j in 0..4 {
        let rows: Vec<usize> = r.integrated().column(j).map(|(i, _)| i).collect();
        assert!(rows.windows(2).all(|w| w[0] < w[1]));
    }
    // Company 3 reaches 0 only through 2: Y[3][0] = 0.5 · Y[2][0].
    let y = r.integrated();
    assert!((y.get(3, 0) - 0.5 * y.get(2, 0)).abs() < 1e-15);
    assert_eq!(y.get(9, 0), 0.0);
    assert_eq!(y.column(9).count(), 0);
}

#[test]
fn dense_and_push_solvers_agree() {
    let a = sparse_ownership(4, &network(), &push()).unwrap();
    let b = sparse_ownership(4, &network(), &SparseOptions::default()).unwrap();
    for (x, y) in [(a.integrated(), b.integrated()), (a.ultimate(), b.ultimate())] {
        assert_eq!(x.nnz(), y.nnz());
        for j in 0..4 {
            for (i, v) in x.column(j) {
                assert!((v - y.get(i, j)).abs() < 1e-12, "({i}, {j})");
            }
        }
    }
}

#[test]
fn two_threads_give_the_same_result() {
    let one = sparse_ownership(4, &network(), &push()).unwrap();
    let opts = SparseOptions { threads: 2, ..push() };
    let two = sparse_ownership(4, &network(), &opts).unwrap();
    assert_eq!(one, two);
}

#[test]
fn tiny_push_budget_reports_non_convergence() {
    let opts = SparseOptions { max_pushes_per_column: 1, ..push() };
    let err = sparse_ownership(4, &network(), &opts).unwrap_err();
    assert!(matches!(err, OwnershipError::NotConverged { issuer: 0, max_pushes: 1, .. }));
}

#[test]
fn near_singular_cycle_converges_or_reports() {
    // A pair holding 99.9% of each other: (I − W)⁻¹ has entries ≈ 500.
    let stakes = vec![(0, 1, 0.999), (1, 0, 0.999)];
    let r = sparse_ownership(2, &stakes, &push()).unwrap();
    let m00 = 1.0 / (1.0 - 0.999 * 0.999);
    assert!((r.integrated().get(0, 0) - (m00 - 1.0)).abs() < 1e-9);
    assert!(r.max_column_defect() < 1e-11, "{}", r.max_column_defect());
    // With a budget too small for that many pushes it reports instead.
    let opts = SparseOptions { max_pushes_per_column: 1000, ..push() };
    assert!(matches!(sparse_ownership(2, &stakes, &opts), Err(OwnershipError::NotConverged { .. })));
}

#[test]
fn rounding_slack_and_bad_inputs() {
    let slightly_over = vec![(0, 2, 0.1), (1, 2, 0.2), (3, 2, 0.7)];
    let r = sparse_ownership(4, &slightly_over, &push()).unwrap();
    assert_eq!(r.outside()[2], 0.0);
    let over = vec![(0, 2, 0.5), (1, 2, 0.6)];
    assert!(matches!(sparse_ownership(3, &over, &push()), Err(OwnershipError::OverHeld { issuer: 2, .. })));
    assert!(matches!(
        sparse_ownership(3, &[(0, 1, f64::NAN)], &push()),
        Err(OwnershipError::InvalidStake { holder: 0, issuer: 1, .. })
    ));
    let bad = SparseOptions { residual_tolerance: 0.0, ..push() };
    assert!(matches!(sparse_ownership(3, &[], &bad), Err(OwnershipError::InvalidOptions { .. })));
    let r = sparse_ownership(0, &[], &push()).unwrap();
    assert_eq!(r.n(), 0);
}
