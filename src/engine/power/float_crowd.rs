//! The float as N equal holders, solved on the exact vote counts with `f64` sums: what the
//! engine uses for the `EqualHolders(N)` and `Leech(N)` float models.
//!
//! Every weight is scaled by N, so each float holder weighs exactly F (the float's votes) and
//! a major v·N; no rounding to units is needed. Which coalitions win is decided in exact
//! integers; for a set S of majors, the numbers k of float holders for which a player is
//! pivotal form an interval, so each index is a sum over the 2^m sets S of binomial
//! weights over an interval of k: Shapley–Shubik from prefix sums (cost O(m·N) per game),
//! Banzhaf in log space, summed outward from the mode (it underflows `f64` otherwise).
//! `normal` replaces the binomial distribution of the float's yes-votes by Leech's normal
//! approximation (with continuity correction), for very large registers.

use super::error::PowerError;
use super::game::quota_parts;
use super::ocean::MAX_OCEAN_MAJORS;
use crate::model::kinds::{Quota, QuotaRule};

/// The power of the majors and of the float as N equal holders.
#[derive(Debug, Clone, PartialEq)]
pub struct CrowdPower {
    /// Shapley–Shubik of each major.
    pub majors_shapley: Vec<f64>,
    /// Shapley–Shubik of the float (all N holders together).
    pub float_shapley: f64,
    /// Normalised Banzhaf of each major (over majors and every float holder).
    pub majors_banzhaf: Vec<f64>,
    /// Normalised Banzhaf of the float (all N holders together).
    pub float_banzhaf: f64,
}

/// The most float holders accepted.
pub const MAX_CROWD: u64 = 1_000_000;

/// How the number of the float's holders voting yes is distributed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FloatCrowd {
    /// Binomial: each holder votes yes with probability 1/2 (exact sums).
    Binomial,
    /// Leech's normal approximation of the binomial.
    Normal,
}

/// Indices with the float split among `holders` equal holders, under a quota of all votes.
pub fn equal_holders_f64(
    major_votes: &[u64],
    float_votes: u64,
    holders: u64,
    quota: Quota,
    crowd: FloatCrowd,
) -> Result<CrowdPower, PowerError> {
    let (numer, denom, rule) = quota_parts(quota)?;
    let normal = crowd == FloatCrowd::Normal;
    let m = major_votes.len();
    if m > MAX_OCEAN_MAJORS {
        return Err(PowerError::TooManyMajors { majors: m, max: MAX_OCEAN_MAJORS });
    }
    if holders == 0 || holders > MAX_CROWD || float_votes == 0 {
        return Err(PowerError::InvalidFloatHolders(format!(
            "{holders} holders of {float_votes} votes: give between 1 and {MAX_CROWD} holders of a positive float"
        )));
    }
    let n = holders as usize;
    let scale = i128::from(holders);
    let total = (major_votes.iter().map(|&v| i128::from(v)).sum::<i128>() + i128::from(float_votes)) * scale;
    let game = Threshold { target: i128::from(numer) * total, d: i128::from(denom), f: i128::from(float_votes), rule };
    let weights: Vec<i128> = major_votes.iter().map(|&v| i128::from(v) * scale).collect();
    let all = Distribution::new(n, normal);
    let but_one = Distribution::new(n - 1, normal);
    let ss = ShapleyWeights::new(m, n);

    let mut majors_shapley = vec![0.0; m];
    // ln of each Banzhaf term: per major, and for one float holder.
    let mut majors_ln: Vec<Vec<f64>> = vec![Vec::new(); m];
    let mut float_ln: Vec<f64> = Vec::new();
    for mask in 0u32..(1u32 << m) {
        let size = mask.count_ones() as usize;
        let w: i128 = (0..m).filter(|j| mask >> j & 1 == 1).map(|j| weights[j]).sum();
        // A float holder is pivotal when exactly first_win(w) − 1 of the other N − 1 vote yes.
        if let Some(k) = game.first_win(w).checked_sub(1).filter(|&k| (0..n as i128).contains(&k)) {
            float_ln.push(but_one.ln_range(k as usize, k as usize) - m as f64 * std::f64::consts::LN_2);
        }
        for i in (0..m).filter(|i| mask >> i & 1 == 0) {
            let lo = game.first_win(w + weights[i]).max(0);
            let hi = (game.first_win(w) - 1).min(n as i128);
            if hi < lo {
                continue;
            }
            let (lo, hi) = (lo as usize, hi as usize);
            majors_ln[i].push(all.ln_range(lo, hi) - (m as f64 - 1.0) * std::f64::consts::LN_2);
            majors_shapley[i] += ss.range(size, lo, hi);
        }
    }
    let float_shapley = 1.0 - majors_shapley.iter().sum::<f64>();
    // Normalise in log space: ln β_i, and ln(N·β_float) for the float's holders together.
    let mut ln: Vec<f64> = majors_ln.iter().map(|t| ln_sum_exp(t)).collect();
    ln.push(ln_sum_exp(&float_ln) + (n as f64).ln());
    let total = ln_sum_exp(&ln);
    let norm = |x: f64| if total.is_finite() { (x - total).exp() } else { 0.0 };
    Ok(CrowdPower {
        majors_shapley,
        float_shapley,
        majors_banzhaf: ln[..m].iter().map(|&x| norm(x)).collect(),
        float_banzhaf: norm(ln[m]),
    })
}

/// Who wins: a coalition of scaled weight x wins when d·x ≥ target (or > for MoreThan).
struct Threshold {
    target: i128,
    d: i128,
    f: i128,
    rule: QuotaRule,
}

impl Threshold {
    /// The least number k ≥ 0 of float holders that makes weight `w` win (k·f added).
    fn first_win(&self, w: i128) -> i128 {
        let gap = self.target - self.d * w;
        let step = self.d * self.f;
        match self.rule {
            QuotaRule::AtLeast => {
                if gap <= 0 {
                    0
                } else {
                    (gap + step - 1) / step
                }
            }
            QuotaRule::MoreThan => {
                if gap < 0 {
                    0
                } else {
                    gap / step + 1
                }
            }
        }
    }
}

/// The distribution of the number of yes-votes among N float holders voting yes or no with
/// probability 1/2 (binomial, or Leech's normal approximation), in log space: with many
/// holders the probabilities that matter for Banzhaf are far below the smallest `f64`, while
/// their ratios, which the normalised index needs, are not.
struct Distribution {
    n: usize,
    normal: bool,
    ln_total: f64,
}

impl Distribution {
    fn new(n: usize, normal: bool) -> Distribution {
        Distribution { n, normal, ln_total: n as f64 * std::f64::consts::LN_2 }
    }

    /// ln P(K = k).
    fn ln_pmf(&self, k: usize) -> f64 {
        if self.normal {
            let (mu, var) = (self.n as f64 / 2.0, (self.n as f64 / 4.0).max(1e-12));
            let x = k as f64 - mu;
            -x * x / (2.0 * var) - 0.5 * (2.0 * std::f64::consts::PI * var).ln()
        } else {
            ln_choose(self.n, k) - self.ln_total
        }
    }

    /// ln P(lo ≤ K ≤ hi), summing outward from the most likely k of the range until the
    /// terms no longer count (they fall off geometrically away from the mode).
    fn ln_range(&self, lo: usize, hi: usize) -> f64 {
        let hi = hi.min(self.n);
        if lo > hi {
            return f64::NEG_INFINITY;
        }
        let peak = (self.n / 2).clamp(lo, hi);
        let top = self.ln_pmf(peak);
        let mut sum = 1.0;
        for k in (peak + 1)..=hi {
            let t = (self.ln_pmf(k) - top).exp();
            sum += t;
            if t < 1e-18 * sum {
                break;
            }
        }
        for k in (lo..peak).rev() {
            let t = (self.ln_pmf(k) - top).exp();
            sum += t;
            if t < 1e-18 * sum {
                break;
            }
        }
        top + sum.ln()
    }
}

/// ln(Σ exp(x)) over the finite entries of `xs`; −∞ when there is none.
fn ln_sum_exp(xs: &[f64]) -> f64 {
    let top = xs.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    if top == f64::NEG_INFINITY {
        return top;
    }
    top + xs.iter().map(|x| (x - top).exp()).sum::<f64>().ln()
}

/// ln C(n, k).
fn ln_choose(n: usize, k: usize) -> f64 {
    libm::lgamma(n as f64 + 1.0) - libm::lgamma(k as f64 + 1.0) - libm::lgamma((n - k) as f64 + 1.0)
}

/// Prefix sums, for each number s of majors in the coalition, of the Shapley–Shubik weight
/// of joining a coalition of s majors and k float holders: C(N, k)·(s+k)!(n−1−s−k)!/n! with
/// n = m + N players.
struct ShapleyWeights {
    prefix: Vec<Vec<f64>>,
}

impl ShapleyWeights {
    fn new(m: usize, holders: usize) -> ShapleyWeights {
        let n = m + holders;
        let ln_n = libm::lgamma(n as f64 + 1.0);
        let prefix = (0..m.max(1))
            .map(|s| {
                let mut acc = 0.0;
                let mut row = Vec::with_capacity(holders + 2);
                row.push(0.0);
                for k in 0..=holders {
                    if s + k < n {
                        let ln = ln_choose(holders, k)
                            + libm::lgamma((s + k) as f64 + 1.0)
                            + libm::lgamma((n - 1 - s - k) as f64 + 1.0)
                            - ln_n;
                        acc += ln.exp();
                    }
                    row.push(acc);
                }
                row
            })
            .collect();
        ShapleyWeights { prefix }
    }

    /// Σ over k in lo..=hi of the weight for s majors.
    fn range(&self, s: usize, lo: usize, hi: usize) -> f64 {
        let row = &self.prefix[s];
        let top = row.len() - 1;
        (row[(hi + 1).min(top)] - row[lo.min(top)]).max(0.0)
    }
}

#[cfg(test)]
mod tests {
    use num_traits::ToPrimitive;

    use super::*;
    use crate::engine::power::checked_quota;
    use crate::engine::power::oracles::FloatHolders;

    use crate::engine::power::numeric::test_rng as next;

    #[test]
    fn agrees_with_the_exact_closed_forms() {
        let mut seed = 0xfeed_u64;
        for _ in 0..150 {
            let m = (next(&mut seed) % 4) as usize;
            let majors: Vec<u64> = (0..m).map(|_| next(&mut seed) % 40 + 1).collect();
            let float = next(&mut seed) % 60 + 1;
            let holders = next(&mut seed) % 12 + 1;
            let (rule, q, d) = if next(&mut seed).is_multiple_of(2) {
                (QuotaRule::MoreThan, 1, 2)
            } else {
                (QuotaRule::AtLeast, 2, 3)
            };
            let Ok(fh) = checked_quota(q, d, rule).and_then(|q| FloatHolders::new(majors.clone(), float, holders, q))
            else {
                continue;
            };
            let (Ok(ss), Ok(bz)) = (fh.shapley_shubik_exact(), fh.banzhaf_exact()) else { continue };
            let fast = checked_quota(q, d, rule)
                .and_then(|q| equal_holders_f64(&majors, float, holders, q, FloatCrowd::Binomial))
                .map_err(|e| e.to_string());
            let Ok(fast) = fast else { panic!("{fast:?}") };
            for i in 0..m {
                let want = ss.majors[i].to_f64().unwrap_or(f64::NAN);
                assert!(
                    (fast.majors_shapley[i] - want).abs() < 1e-12,
                    "{majors:?}+{float}/{holders}: SS {} vs {want}",
                    fast.majors_shapley[i]
                );
                let want = bz.majors_normalised[i].to_f64().unwrap_or(f64::NAN);
                assert!(
                    (fast.majors_banzhaf[i] - want).abs() < 1e-12,
                    "{majors:?}+{float}/{holders}: BZ {} vs {want}",
                    fast.majors_banzhaf[i]
                );
            }
            let want = bz.float_normalised.to_f64().unwrap_or(f64::NAN);
            assert!((fast.float_banzhaf - want).abs() < 1e-12);
            let want = ss.float_total.to_f64().unwrap_or(f64::NAN);
            assert!((fast.float_shapley - want).abs() < 1e-12);
        }
    }

    #[test]
    fn the_normal_approximation_is_close_for_a_large_crowd() {
        let exact = equal_holders_f64(&[350, 200], 450, 4000, Quota::MAJORITY, FloatCrowd::Binomial);
        let leech = equal_holders_f64(&[350, 200], 450, 4000, Quota::MAJORITY, FloatCrowd::Normal);
        let (Ok(exact), Ok(leech)) = (exact, leech) else { panic!("both solve") };
        for (a, b) in exact.majors_banzhaf.iter().zip(&leech.majors_banzhaf) {
            assert!((a - b).abs() < 1e-3, "{a} vs {b}");
        }
    }
}
