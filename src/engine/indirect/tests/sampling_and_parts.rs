//! The Monte Carlo estimates and the walk cut into parts against the exact indices, and the
//! errors and kinds of the public entry points.

use super::*;

#[test]
fn monte_carlo_lies_within_four_standard_errors_of_exact() {
    for (net, q) in [ring(8), ring_with(8, 14)].into_iter().flat_map(|n| [(n.clone(), ORDINARY), (n, SPECIAL)]) {
        let exact = indirect_power(&net, q, &Options::default()).unwrap_or_else(|e| panic!("{e}"));
        let opts = Options { max_exact: 0, samples: 40_000, seed: 7 };
        let mc = indirect_power(&net, q, &opts).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(mc.method, Method::MonteCarlo { samples: 40_000, seed: 7 });
        for (e, s) in exact.companies.iter().zip(&mc.companies) {
            for (x, y) in e.holders.iter().zip(&s.holders) {
                let se = y.stderr.unwrap_or_else(|| panic!("a Monte Carlo estimate carries its standard error"));
                assert!((x.banzhaf_absolute - y.banzhaf_absolute).abs() <= 4.0 * se.banzhaf_absolute + 1e-12);
                assert!((x.shapley_shubik - y.shapley_shubik).abs() <= 4.0 * se.shapley_shubik + 1e-12);
            }
        }
    }
}

#[test]
fn monte_carlo_lies_within_four_standard_errors_of_brute_force_on_random_small_networks() {
    // Zero floats, strict and "at least" quotas, committed votes and cycles: every threshold
    // of the sampled game against the definition read literally.
    let mut seed = SplitMix64::new(0x5eed);
    for case in 0..40 {
        let net = random_network(&mut seed);
        for q in [ORDINARY, SPECIAL] {
            let brute = brute_force(&net, q);
            let opts = Options { max_exact: 0, samples: 20_000, seed: case };
            let mc = indirect_power(&net, q, &opts).unwrap_or_else(|e| panic!("{e}"));
            for (j, c) in mc.companies.iter().enumerate() {
                for (u, h) in c.holders.iter().enumerate() {
                    let se = h.stderr.unwrap_or_else(|| panic!("a Monte Carlo estimate carries its standard error"));
                    let (bz, ss) =
                        (ratio_to_f64(&brute.banzhaf_absolute[j][u]), ratio_to_f64(&brute.shapley_shubik[j][u]));
                    assert!((h.banzhaf_absolute - bz).abs() <= 4.0 * se.banzhaf_absolute + 1e-12, "case {case}");
                    assert!((h.shapley_shubik - ss).abs() <= 4.0 * se.shapley_shubik + 1e-12, "case {case}");
                }
            }
        }
    }
}

#[test]
fn the_walk_in_parts_equals_the_walk_in_one_on_random_small_networks() {
    // The cut into parts (from 12 players in use) forced on every network from one player:
    // every part a single node or a few, walked on the machine's threads, their sums added in
    // the parts' order, equal those of one walk.
    let mut seed = SplitMix64::new(0x2f2);
    for case in 0..60 {
        let net = random_network(&mut seed);
        for quota in [ORDINARY, SPECIAL] {
            let one = enumerate::exact_split_from(&net, quota, usize::MAX);
            let parts = enumerate::exact_split_from(&net, quota, 1);
            assert_eq!(one.banzhaf_absolute, parts.banzhaf_absolute, "case {case}: {net:?}");
            for (a, b) in one.shapley_shubik.iter().flatten().zip(parts.shapley_shubik.iter().flatten()) {
                assert!((a - b).abs() < 1e-13, "case {case}: {a} against {b}");
            }
        }
    }
}

#[test]
fn the_reordered_walk_in_parts_equals_exact_fractions_on_random_networks() {
    // From walk::REORDER_FROM candidates on, a node orders its children by trial, and from
    // one player on (forced) the walk is cut into parts: with 5 to 9 investors both happen at
    // several depths. Exact fractions recompute every coalition from scratch, in no order.
    let mut seed = SplitMix64::new(0x5a5);
    let mut reordered = 0;
    for case in 0..40 {
        let net = random_sized(&mut seed, 5, 5..=9);
        reordered += usize::from(net.players().len() >= walk::REORDER_FROM);
        for q in [ORDINARY, SPECIAL] {
            let fractions = exact_fractions(&net, q).unwrap_or_else(|e| panic!("{e}"));
            let walked = enumerate::exact_split_from(&net, q, 1);
            for (j, (bz, ss)) in walked.banzhaf_absolute.iter().zip(&walked.shapley_shubik).enumerate() {
                for u in 0..bz.len() {
                    assert_eq!(bz[u], ratio_to_f64(&fractions.banzhaf_absolute[j][u]), "case {case}: {net:?}");
                    let exact = ratio_to_f64(&fractions.shapley_shubik[j][u]);
                    assert!((ss[u] - exact).abs() < 1e-12, "case {case}: {} against {exact}", ss[u]);
                }
            }
        }
    }
    assert!(reordered >= 20, "only {reordered} networks had enough investors to be reordered");
}

#[test]
fn monte_carlo_is_reproducible_from_its_seed() {
    let net = ring(24);
    let opts = Options { samples: 2_000, ..Options::default() };
    let a = indirect_power(&net, ORDINARY, &opts).unwrap_or_else(|e| panic!("{e}"));
    let b = indirect_power(&net, ORDINARY, &opts).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(a, b);
    assert_eq!(a.method.samples(), Some(2_048));
    let c = indirect_power(&net, ORDINARY, &Options { seed: 8, ..opts }).unwrap_or_else(|e| panic!("{e}"));
    assert_ne!(a, c);
}

#[test]
fn players_that_cannot_reach_a_company_have_no_power_there() {
    // i reaches only c1 (which holds nothing); j holds c0.
    let c0 = meeting("c0", 50, &[("j", 40)]);
    let c1 = meeting("c1", 50, &[("i", 40)]);
    let net = Network::new(&[c0, c1]).unwrap_or_else(|e| panic!("{e}"));
    let f = indirect_power(&net, ORDINARY, &Options::default()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(f.holder("c0", "i").map(|h| h.shapley_shubik), Some(0.0));
    assert!(f.holder("c0", "j").is_some_and(|h| h.shapley_shubik > 0.0));
}

#[test]
fn bad_quotas_and_huge_votes_are_explained() {
    let net = cross_pair();
    let q = Quota::AtLeast(Fraction::new(3, 2).unwrap_or(Fraction::ONE));
    assert!(matches!(indirect_power(&net, q, &Options::default()), Err(IndirectError::InvalidQuota { .. })));
    let big = meeting("big", u64::MAX / 4, &[]);
    let net = Network::new(&[big]).unwrap_or_else(|e| panic!("{e}"));
    assert!(matches!(indirect_power(&net, ORDINARY, &Options::default()), Err(IndirectError::TooManyVotes { .. })));
}

#[test]
fn each_kind_plays_on_its_own_votes_follows_and_commitments_included() {
    let s = crate::io::default_scenario().unwrap_or_else(|e| panic!("{e}"));
    let ev = crate::engine::evaluate(&s).unwrap_or_else(|e| panic!("{e}"));
    let date = chrono::NaiveDate::from_ymd_opt(2024, 3, 28).unwrap_or_default();
    let p = ev.at(date).unwrap_or_else(|| panic!("no results on {date}"));
    let ss = |kind: &str| {
        of_kind(&p.indirect, kind).and_then(|f| f.holder("nissan", "french-state")).map(|h| h.shapley_shubik)
    };
    // The trust is neutral on ordinary resolutions, follows Renault on the election of a
    // Renault-nominated director, and votes for the Committee's other candidates.
    let (ordinary, follows, committed) =
        (ss("ordinary"), ss("director_renault_nominee"), ss("director_committee_nominee"));
    assert!(ordinary.is_some() && follows.is_some() && committed.is_some());
    assert_ne!(ordinary, follows, "the trust's votes go with Renault's on the director it nominates");
    assert_ne!(ordinary, committed, "the trust's committed yes votes count for every coalition");
    for k in p.indirect.iter() {
        let net = Network::of_kind(p.issuers.iter().map(std::sync::Arc::as_ref), &k.kind)
            .unwrap_or_else(|| panic!("no {} network", k.kind));
        let net = net.unwrap_or_else(|e| panic!("{e}"));
        for (j, x) in p.issuers.iter().enumerate() {
            let game = x.kinds.iter().find(|g| g.game.kind == k.kind).map(|g| &g.game);
            let game = game.unwrap_or_else(|| panic!("no {} game", k.kind));
            assert_eq!((net.total[j], net.committed[j]), (game.total, game.committed_for), "{} at {j}", k.kind);
        }
    }
}
