//! Tests of the indirect indices: hand-worked cycles, the reduction to the direct oceanic
//! indices, a brute force straight from the definition on random small networks, and the
//! Monte Carlo estimates against the exact values.

use num_bigint::BigInt;
use num_rational::BigRational;
use num_traits::{One, Zero};

use super::*;
use crate::engine::power::{OceanGame, dubey_shapley, milnor_shapley, ratio_to_f64};
use crate::engine::random::SplitMix64;
use crate::model::Fraction;

mod sampling_and_parts;

fn r(a: i64, b: i64) -> BigRational {
    BigRational::new(BigInt::from(a), BigInt::from(b))
}

/// A meeting of `company` with its float and named holders' votes, nothing committed.
pub(super) fn meeting(company: &str, float: u64, holders: &[(&str, u64)]) -> Meeting {
    let total = float + holders.iter().map(|h| h.1).sum::<u64>();
    Meeting {
        company: company.into(),
        float,
        total,
        holders: holders.iter().map(|(h, v)| (h.to_string(), *v)).collect(),
        committed_for: 0,
    }
}

const ORDINARY: Quota = Quota::MAJORITY;
const SPECIAL: Quota = Quota::TWO_THIRDS;

/// Two companies holding each other, one investor each (votes in play, T = 100 at both):
/// A: X 40, B 20, float 40.   B: Y 30, A 30, float 40.   Ordinary resolutions (> 50).
///
/// Control times θ (company controlled for t > θ), which are also the pass times since the
/// pass condition at a company is its own control condition:
/// - ∅: A needs 40t > 50 without B, B needs 40t > 50 without A: never, so neither ever.
/// - {X}: A: 40 + 40t > 50 from 1/4; then B: 30 + 40t > 50 from 1/2.
/// - {Y}: B: 30 + 40t > 50 from 1/2; then A: 20 + 40t > 50 from 3/4.
/// - {X, Y}: A from 1/4 (40 + 40t); B gets A's 30 at once: 60 + 40t > 50, so also 1/4.
///
/// Banzhaf at A (t = 1/2): passes for {X} and {X, Y} only, so X swings twice (of 2^1) and Y
/// never: X 1, Y 0 — X decides at A through the network.
/// At B: passes for {X, Y} only (θ_B({X}) = 1/2 is not below 1/2): X and Y swing once: 1/2.
///
/// Shapley–Shubik, weights (1 − t) for S = ∅ and t for |S| = 1:
/// - X at A: ∫_{1/4}^{1} (1−t) dt + ∫_{1/4}^{3/4} t dt = 9/32 + 8/32 = 17/32.
/// - Y at A: ∫_{3/4}^{1} (1−t) dt + 0 = 1/32; the floats 14/32.
/// - X at B: ∫_{1/2}^{1} (1−t) dt + ∫_{1/4}^{1/2} t dt = 4/32 + 3/32 = 7/32; Y the same;
///   the floats 18/32.
fn cross_pair() -> Network {
    let a = meeting("a", 40, &[("x", 40), ("b", 20)]);
    let b = meeting("b", 40, &[("y", 30), ("a", 30)]);
    Network::new(&[a, b]).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn two_companies_holding_each_other_worked_by_hand() {
    let net = cross_pair();
    assert_eq!(net.players(), ["x", "y"]);
    let e = exact_fractions(&net, ORDINARY).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(e.banzhaf_absolute[0], vec![r(1, 1), r(0, 1)]);
    assert_eq!(e.banzhaf_absolute[1], vec![r(1, 2), r(1, 2)]);
    assert_eq!(e.shapley_shubik[0], vec![r(17, 32), r(1, 32)]);
    assert_eq!(e.shapley_shubik[1], vec![r(7, 32), r(7, 32)]);
    let f = indirect_power(&net, ORDINARY, &Options::default()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(f.method, Method::Exact);
    let a = &f.companies[0];
    assert!((a.holders[0].shapley_shubik - 17.0 / 32.0).abs() < 1e-15);
    assert!((a.float_shapley_shubik - 14.0 / 32.0).abs() < 1e-15);
    assert_eq!(a.holders[0].banzhaf, Some(1.0));
    assert_eq!(a.holders[1].banzhaf, Some(0.0));
    assert!((f.companies[1].float_shapley_shubik - 18.0 / 32.0).abs() < 1e-15);
}

/// The same pair where no investor is strong: X 10 at A, Y 10 at B, the companies 45 in
/// each other, float 45 (T = 100). With no one, neither company is ever controlled: each
/// needs the other (45t ≤ 45 < 50 alone), and the least fixed point does not let the cycle
/// hold itself up. With {X}: A needs 10 + 45t > 50, so t > 8/9; then B has A's 45 + 45t > 50
/// at once. {Y} is the mirror image and {X, Y} is no earlier (10 + 45t for each company).
/// So the resolution passes at A for every non-empty coalition after 8/9 and never for ∅:
/// X's Shapley–Shubik at A is ∫_{8/9}^{1} (1−t) dt = (1/9)²/2 = 1/162 (S = ∅) plus nothing
/// for S = {Y}; the same for Y. At t = 1/2 nothing ever passes: Banzhaf 0, normalised null.
#[test]
fn a_cycle_does_not_hold_itself_up() {
    let a = meeting("a", 45, &[("x", 10), ("b", 45)]);
    let b = meeting("b", 45, &[("y", 10), ("a", 45)]);
    let net = Network::new(&[a, b]).unwrap_or_else(|e| panic!("{e}"));
    let e = exact_fractions(&net, ORDINARY).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(e.banzhaf_absolute[0], vec![r(0, 1), r(0, 1)]);
    assert_eq!(e.shapley_shubik[0], vec![r(1, 162), r(1, 162)]);
    let f = indirect_power(&net, ORDINARY, &Options::default()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(f.companies[0].holders[0].banzhaf, None);
}

/// A company controlled only from t = 1 on is never controlled, and a later drop of that time
/// must reach the companies it holds. A: P 20, float 50, T = 100 (the rest against): without
/// P the float alone reaches 50 only at t = 1, which is no majority; with P, 20 + 50t > 50
/// from 3/5. B: A 40, Q 25, no float, T = 100: it passes with A and Q (65 > 50), so for
/// {P, Q} from 3/5 and never otherwise.
///
/// Shapley–Shubik at B (weight t for |S| = 1): P ∫_{3/5}^{1} t dt = 8/25 (S = {Q}), Q the
/// same (S = {P}), the float 9/25. At A: P ∫_{3/5}^{1} (1−t) dt + ∫_{3/5}^{1} t dt = 2/25 +
/// 8/25 = 2/5. Nothing passes at t = 1/2: Banzhaf 0. The walk adds Q (heavier) first, then P,
/// which moves A's time from 1 to 3/5 while B's is still never: the case that was missed.
#[test]
fn a_company_controlled_only_from_one_on_counts_nowhere_until_its_time_drops() {
    let meeting = |company: &str, float: u64, holders: &[(&str, u64)]| Meeting {
        company: company.into(),
        float,
        total: 100,
        holders: holders.iter().map(|(h, v)| (h.to_string(), *v)).collect(),
        committed_for: 0,
    };
    let a = meeting("a", 50, &[("p", 20)]);
    let b = meeting("b", 0, &[("a", 40), ("q", 25)]);
    let net = Network::new(&[a, b]).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(net.players(), ["p", "q"]);
    let e = exact_fractions(&net, ORDINARY).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(e.shapley_shubik[0], vec![r(2, 5), r(0, 1)]);
    assert_eq!(e.shapley_shubik[1], vec![r(8, 25), r(8, 25)]);
    assert_eq!(e.banzhaf_absolute[1], vec![r(0, 1), r(0, 1)]);
    let f = indirect_power(&net, ORDINARY, &Options::default()).unwrap_or_else(|e| panic!("{e}"));
    let b = &f.companies[1];
    for h in &b.holders {
        assert!((h.shapley_shubik - 8.0 / 25.0).abs() < 1e-15, "{b:?}");
    }
    assert!((b.float_shapley_shubik - 9.0 / 25.0).abs() < 1e-15);
    assert!((f.companies[0].holders[0].shapley_shubik - 2.0 / 5.0).abs() < 1e-15);
}

#[test]
fn a_company_held_only_by_atomic_players_has_its_direct_oceanic_indices() {
    let cases: [(&[u64], u64); 5] =
        [(&[40, 20, 10], 30), (&[27, 16, 9, 9, 5], 34), (&[60], 40), (&[3, 3, 3], 0), (&[1, 1, 1, 1, 1, 1], 94)];
    for (votes, float) in cases {
        for q in [ORDINARY, SPECIAL] {
            let holders: Vec<(String, u64)> = votes.iter().enumerate().map(|(k, &v)| (format!("p{k}"), v)).collect();
            let total = float + votes.iter().sum::<u64>();
            // The target also holds shares of another company, which changes nothing at it.
            let j = Meeting { company: "j".into(), float, total, holders, committed_for: 0 };
            let other = meeting("other", 50, &[("j", 30), ("q", 20)]);
            let net = Network::new(&[j, other]).unwrap_or_else(|e| panic!("{e}"));
            let e = exact_fractions(&net, q).unwrap_or_else(|e| panic!("{e}"));
            let game = OceanGame::from_votes(votes, total, q).unwrap_or_else(|e| panic!("{e}"));
            let ss = milnor_shapley(&game).unwrap_or_else(|e| panic!("{e}"));
            let bz = dubey_shapley(&game).unwrap_or_else(|e| panic!("{e}"));
            // Players are sorted by id: p0, p1, ..., then q (a dummy at j).
            let n = votes.len();
            assert_eq!(e.shapley_shubik[0][..n], ss.majors[..], "{votes:?} + {float}");
            assert_eq!(e.banzhaf_absolute[0][..n], bz.absolute[..], "{votes:?} + {float}");
            assert!(e.shapley_shubik[0][n].is_zero() && e.banzhaf_absolute[0][n].is_zero());
            let floats = BigRational::one() - e.shapley_shubik[0].iter().sum::<BigRational>();
            assert_eq!(floats, ss.ocean);
            let f = indirect_power(&net, q, &Options::default()).unwrap_or_else(|e| panic!("{e}"));
            for u in 0..n {
                assert!((f.companies[0].holders[u].shapley_shubik - ratio_to_f64(&ss.majors[u])).abs() < 1e-14);
            }
            let normalised = bz.normalised.map(|v| v.iter().map(ratio_to_f64).collect::<Vec<_>>());
            let ours: Option<Vec<f64>> = f.companies[0].holders[..n].iter().map(|h| h.banzhaf).collect();
            assert_eq!(ours.is_some(), normalised.is_some());
            if let (Some(a), Some(b)) = (ours, normalised) {
                assert!(a.iter().zip(&b).all(|(x, y)| (x - y).abs() < 1e-15));
            }
        }
    }
}

/// The random networks' generator.
fn next(rng: &mut SplitMix64) -> u64 {
    rng.next_u64()
}

/// A random network: 1 to 3 companies, 1 to 4 investors, holdings among all of them.
fn random_network(seed: &mut SplitMix64) -> Network {
    random_sized(seed, 3, 1..=4)
}

/// A random network of 1 to `companies` companies and `investors` investors (those with no
/// votes in play are left out), holdings among all of them.
fn random_sized(seed: &mut SplitMix64, companies: u64, investors: std::ops::RangeInclusive<u64>) -> Network {
    let k = 1 + (next(seed) % companies) as usize;
    let m = (investors.start() + next(seed) % (investors.end() - investors.start() + 1)) as usize;
    let mut meetings = Vec::new();
    for c in 0..k {
        let mut holders = Vec::new();
        for i in 0..m {
            if !next(seed).is_multiple_of(3) {
                holders.push((format!("i{i}"), next(seed) % 30));
            }
        }
        for d in (0..k).filter(|&d| d != c) {
            if next(seed).is_multiple_of(2) {
                holders.push((format!("c{d}"), next(seed) % 40));
            }
        }
        let float = if next(seed).is_multiple_of(5) { 0 } else { next(seed) % 50 };
        // Some meetings have votes committed yes (a holder voting for whatever happens) or no.
        let committed_for = if next(seed).is_multiple_of(3) { next(seed) % 30 } else { 0 };
        let committed_against = if next(seed).is_multiple_of(3) { next(seed) % 30 } else { 0 };
        let total = float + committed_for + committed_against + holders.iter().map(|h| h.1).sum::<u64>();
        meetings.push(Meeting { company: format!("c{c}"), float, total, holders, committed_for });
    }
    Network::new(&meetings).unwrap_or_else(|e| panic!("{e}"))
}

/// The definition, read literally: C(S, t) by iterating from the empty set, at exact t.
fn controlled(net: &Network, mask: u64, t: &BigRational) -> Vec<bool> {
    let k = net.companies.len();
    let mut c = vec![false; k];
    loop {
        let next: Vec<bool> = (0..k)
            .map(|j| {
                yes(net, mask, &c, t, j) * BigRational::from_integer(2.into())
                    > BigRational::from_integer(net.total[j].into())
            })
            .collect();
        if next == c {
            return c;
        }
        c = next;
    }
}

/// committed yes(j) + Σ_{i∈S} v(i,j) + Σ_{c∈C, c≠j} v(c,j) + t·f(j).
fn yes(net: &Network, mask: u64, c: &[bool], t: &BigRational, j: usize) -> BigRational {
    let atomic: u64 = net.player_votes[j].iter().filter(|(i, _)| mask >> i & 1 == 1).map(|x| x.1).sum();
    let companies: u64 = net.company_holders[j].iter().filter(|(h, _)| c[*h] && *h != j).map(|x| x.1).sum();
    let fixed = net.committed[j] + atomic + companies;
    BigRational::from_integer(fixed.into()) + t * BigRational::from_integer(net.float[j].into())
}

fn passes(net: &Network, q: Quota, mask: u64, t: &BigRational, j: usize) -> bool {
    let c = controlled(net, mask, t);
    let lhs = yes(net, mask, &c, t, j) * BigRational::from_integer(q.denom().into());
    let rhs = BigRational::from_integer((u128::from(q.numer()) * u128::from(net.total[j])).into());
    if q.is_strict() { lhs > rhs } else { lhs >= rhs }
}

/// Every t at which some condition can change: (L − s)/f for every company, both levels and
/// every sum s of a subset of its holders.
fn breakpoints(net: &Network, q: Quota) -> Vec<BigRational> {
    let mut out = vec![BigRational::zero(), BigRational::one()];
    for j in 0..net.companies.len() {
        let votes: Vec<u64> = net.player_votes[j].iter().chain(&net.company_holders[j]).map(|x| x.1).collect();
        let f = net.float[j];
        if f == 0 {
            continue;
        }
        let total = BigRational::from_integer(net.total[j].into());
        let levels =
            [total.clone() / BigRational::from_integer(2.into()), total * r(q.numer() as i64, q.denom() as i64)];
        for mask in 0u64..(1 << votes.len()) {
            let s: u64 =
                net.committed[j] + (0..votes.len()).filter(|b| mask >> b & 1 == 1).map(|b| votes[b]).sum::<u64>();
            for l in &levels {
                let t = (l - BigRational::from_integer(s.into())) / BigRational::from_integer(f.into());
                if t > BigRational::zero() && t < BigRational::one() {
                    out.push(t);
                }
            }
        }
    }
    out.sort();
    out.dedup();
    out
}

/// ∫_a^b t^s (1−t)^n dt, by the antiderivative expanded in powers of t.
fn integrate(s: usize, n: usize, a: &BigRational, b: &BigRational) -> BigRational {
    let prim = |x: &BigRational| {
        let mut sum = BigRational::zero();
        let mut binom = BigInt::one();
        for k in 0..=n {
            let e = s + k + 1;
            let p = (0..e).fold(BigRational::one(), |acc, _| acc * x);
            let term = BigRational::from_integer(binom.clone()) * p / BigRational::from_integer(BigInt::from(e));
            sum = if k % 2 == 0 { sum + term } else { sum - term };
            binom = binom * BigInt::from(n - k) / BigInt::from(k + 1);
        }
        sum
    };
    prim(b) - prim(a)
}

/// Both indices straight from the definition.
fn brute_force(net: &Network, q: Quota) -> ExactIndices {
    let (m, k) = (net.players.len(), net.companies.len());
    let half = r(1, 2);
    let points = breakpoints(net, q);
    let mut out = ExactIndices {
        banzhaf_absolute: vec![vec![BigRational::zero(); m]; k],
        shapley_shubik: vec![vec![BigRational::zero(); m]; k],
    };
    for j in 0..k {
        for u in 0..m {
            let mut swings = 0i64;
            for mask in (0u64..(1 << m)).filter(|s| s >> u & 1 == 0) {
                let with = mask | 1 << u;
                if passes(net, q, with, &half, j) && !passes(net, q, mask, &half, j) {
                    swings += 1;
                }
                let size = mask.count_ones() as usize;
                for w in points.windows(2) {
                    let mid = (&w[0] + &w[1]) / BigRational::from_integer(2.into());
                    if passes(net, q, with, &mid, j) && !passes(net, q, mask, &mid, j) {
                        out.shapley_shubik[j][u] += integrate(size, m - 1 - size, &w[0], &w[1]);
                    }
                }
            }
            out.banzhaf_absolute[j][u] = BigRational::new(swings.into(), BigInt::one() << (m - 1));
        }
    }
    out
}

#[test]
fn exact_equals_brute_force_on_random_small_networks() {
    let mut seed = SplitMix64::new(0x1d1);
    for case in 0..60 {
        let net = random_network(&mut seed);
        for q in [ORDINARY, SPECIAL] {
            let ours = exact_fractions(&net, q).unwrap_or_else(|e| panic!("{e}"));
            let brute = brute_force(&net, q);
            assert_eq!(ours, brute, "case {case}: {net:?} {q:?}");
            let fast = indirect_power(&net, q, &Options::default()).unwrap_or_else(|e| panic!("{e}"));
            for (j, c) in fast.companies.iter().enumerate() {
                for (u, h) in c.holders.iter().enumerate() {
                    assert!(
                        (h.shapley_shubik - ratio_to_f64(&brute.shapley_shubik[j][u])).abs() < 1e-13,
                        "case {case}"
                    );
                    assert_eq!(h.banzhaf_absolute, ratio_to_f64(&brute.banzhaf_absolute[j][u]), "case {case}");
                }
            }
        }
    }
}

/// A network with a cycle of four companies, eight investors and large floats.
fn ring(players: usize) -> Network {
    ring_with(players, 0)
}

/// [`ring`] with `committed` votes committed yes and half as many committed no at each meeting.
fn ring_with(players: usize, committed: u64) -> Network {
    let k = 4;
    let meetings: Vec<Meeting> = (0..k)
        .map(|c| {
            let mut holders: Vec<(String, u64)> = (0..players)
                .filter(|i| i % k == c || (i + 1) % k == c)
                .map(|i| (format!("i{i:02}"), 5 + (i as u64 * 7 + c as u64 * 3) % 11))
                .collect();
            holders.push((format!("c{}", (c + 1) % k), 15 + c as u64 * 5));
            let float = 40 + c as u64 * 3;
            let total = float + committed + committed / 2 + holders.iter().map(|h| h.1).sum::<u64>();
            Meeting { company: format!("c{c}"), float, total, holders, committed_for: committed }
        })
        .collect();
    Network::new(&meetings).unwrap_or_else(|e| panic!("{e}"))
}
