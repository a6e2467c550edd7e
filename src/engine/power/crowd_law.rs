//! The laws behind the float as N equal holders ([`CrowdLaw`]), in forms whose cost does not
//! grow with N once built:
//! - Banzhaf: `ln P(lo ≤ K ≤ hi)` for the number K of holders voting yes (binomial, or Leech's
//!   normal density at the integers), from tables of the log-probabilities and of both log-tails
//!   built once per N (a float model has one N, so one table serves every game of an evaluation);
//! - Shapley–Shubik: the weight of the orderings in which a major follows a given set of `s`
//!   other majors and at most `j` holders, which is a hypergeometric tail of at most `m + 1`
//!   terms ([`shapley_prefix`]), so no table over N is needed.
//!
//! Also here, for both ways of solving a crowd game (`crowd_enumerate.rs`, `crowd_units.rs`):
//! [`FloatCrowd`], [`CrowdPower`] and the exact test of who wins ([`Threshold`]).

use crate::model::kinds::QuotaRule;

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

/// How the number of the float's holders voting yes is distributed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FloatCrowd {
    /// Binomial: each holder votes yes with probability 1/2 (exact sums).
    Binomial,
    /// Leech's normal approximation of the binomial.
    Normal,
}

/// Who wins, in exact integers: a coalition of (scaled) weight `w` with `k` float holders of
/// weight `f` each wins when `d·(w + k·f) ≥ target` (or `>` for [`QuotaRule::MoreThan`]).
#[derive(Debug, Clone, Copy)]
pub(super) struct Threshold {
    pub(super) target: i128,
    pub(super) d: i128,
    pub(super) f: i128,
    pub(super) rule: QuotaRule,
}

impl Threshold {
    /// The least number k ≥ 0 of float holders that makes weight `w` win.
    pub(super) fn first_win(&self, w: i128) -> i128 {
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

/// `ln β` of the normalised Banzhaf index from `ln` of each major's swing weight and of the
/// float's (all holders together): the normalised shares, 0 for all when nobody swings.
pub(super) fn normalise_ln(majors_ln: &[f64], float_ln: f64) -> (Vec<f64>, f64) {
    let total = majors_ln.iter().fold(float_ln, |a, &x| ln_add(a, x));
    let norm = |x: f64| if total.is_finite() { (x - total).exp() } else { 0.0 };
    (majors_ln.iter().map(|&x| norm(x)).collect(), norm(float_ln))
}

/// Below this many terms a window's probability is summed directly; above, it is the
/// difference of two tails (relative error about `1e-16·σ/width` for a window of `width` terms
/// near the mode, σ the law's spread: below 1e-13 for N up to 10⁶).
const SHORT_WINDOW: usize = 2;

/// The distribution of the number of yes-votes among N float holders, each voting yes with
/// probability 1/2, in log space: with many holders the probabilities that matter for Banzhaf
/// are far below the smallest `f64`, while their ratios, which the normalised index needs, are
/// not.
#[derive(Debug, Clone)]
pub struct CrowdLaw {
    n: usize,
    crowd: FloatCrowd,
    /// `ln P(K = k)`, k = 0..=N.
    ln_pmf: Vec<f64>,
    /// `ln P(K ≤ k)`.
    ln_lower: Vec<f64>,
    /// `ln P(K ≥ k)`.
    ln_upper: Vec<f64>,
}

impl CrowdLaw {
    /// The law of `n` holders (binomial or normal); costs O(n) once.
    pub fn new(n: usize, crowd: FloatCrowd) -> CrowdLaw {
        let ln_pmf: Vec<f64> = (0..=n).map(|k| ln_pmf(n, k, crowd)).collect();
        let mut ln_lower = Vec::with_capacity(n + 1);
        let mut acc = f64::NEG_INFINITY;
        for &p in &ln_pmf {
            acc = ln_add(acc, p);
            ln_lower.push(acc);
        }
        let mut ln_upper = vec![f64::NEG_INFINITY; n + 1];
        let mut acc = f64::NEG_INFINITY;
        for k in (0..=n).rev() {
            acc = ln_add(acc, ln_pmf[k]);
            ln_upper[k] = acc;
        }
        CrowdLaw { n, crowd, ln_pmf, ln_lower, ln_upper }
    }

    /// The number of holders.
    pub fn holders(&self) -> usize {
        self.n
    }

    /// Binomial or normal.
    pub fn crowd(&self) -> FloatCrowd {
        self.crowd
    }

    /// `ln P(lo ≤ K ≤ hi)`, `−∞` for an empty window (`hi` above N reads as N).
    pub fn ln_range(&self, lo: usize, hi: usize) -> f64 {
        let hi = hi.min(self.n);
        if lo > hi {
            return f64::NEG_INFINITY;
        }
        if hi - lo < SHORT_WINDOW {
            return self.ln_pmf[lo..=hi].iter().fold(f64::NEG_INFINITY, |a, &p| ln_add(a, p));
        }
        let below = if lo == 0 { f64::NEG_INFINITY } else { self.ln_lower[lo - 1] };
        let above = if hi == self.n { f64::NEG_INFINITY } else { self.ln_upper[hi + 1] };
        let mode = self.n / 2;
        if hi <= mode {
            self.ln_lower[hi] + ln_one_minus_exp(below - self.ln_lower[hi])
        } else if lo >= mode {
            self.ln_upper[lo] + ln_one_minus_exp(above - self.ln_upper[lo])
        } else {
            // The window holds the mode: what lies outside it is at most about one half.
            let all = self.ln_lower[self.n];
            all + ln_one_minus_exp(ln_add(below, above) - all)
        }
    }

    /// `ln P(K' = k)` for the `N − 1` other holders of one holder.
    pub fn ln_pmf_but_one(&self, k: usize) -> f64 {
        if self.n == 0 || k >= self.n {
            return f64::NEG_INFINITY;
        }
        match self.crowd {
            // C(N−1, k)/2^(N−1) = C(N, k)/2^N · 2(N − k)/N.
            FloatCrowd::Binomial => self.ln_pmf[k] + (2.0 * (self.n - k) as f64 / self.n as f64).ln(),
            FloatCrowd::Normal => ln_pmf(self.n - 1, k, FloatCrowd::Normal),
        }
    }
}

/// `ln P(K = k)` for `n` holders.
fn ln_pmf(n: usize, k: usize, crowd: FloatCrowd) -> f64 {
    match crowd {
        FloatCrowd::Binomial => ln_choose(n, k) - n as f64 * std::f64::consts::LN_2,
        FloatCrowd::Normal => {
            let (mu, var) = (n as f64 / 2.0, (n as f64 / 4.0).max(1e-12));
            let x = k as f64 - mu;
            -x * x / (2.0 * var) - 0.5 * (2.0 * std::f64::consts::PI * var).ln()
        }
    }
}

/// `ln(e^a + e^b)`.
pub(super) fn ln_add(a: f64, b: f64) -> f64 {
    let (hi, lo) = if a >= b { (a, b) } else { (b, a) };
    if lo == f64::NEG_INFINITY {
        return hi;
    }
    hi + (lo - hi).exp().ln_1p()
}

/// `ln(1 − e^a)` for `a ≤ 0`, accurate on both sides of `−ln 2`.
fn ln_one_minus_exp(a: f64) -> f64 {
    if a > -std::f64::consts::LN_2 { (-a.exp_m1()).ln() } else { (-a.exp()).ln_1p() }
}

/// `ln C(n, k)`.
pub(super) fn ln_choose(n: usize, k: usize) -> f64 {
    libm::lgamma(n as f64 + 1.0) - libm::lgamma(k as f64 + 1.0) - libm::lgamma((n - k) as f64 + 1.0)
}

/// The Shapley–Shubik weight of the orderings of `m` majors and `n` holders in which a major is
/// preceded by a given set of `s` other majors and at most `j` holders:
/// `Σ_{k=0..=j} C(N, k)·(s + k)!·(m + N − 1 − s − k)!/(m + N)!`.
///
/// It is `P(X ≥ s + 1)/(m·C(m − 1, s))` with X hypergeometric (the majors among the first
/// `s + 1 + j` of a random interleaving of the m majors and the N holders): the major is the
/// `s + 1`-th of the majors with probability `1/m`, and comes before the `j + 1`-th holder when
/// at least `s + 1` majors are among the first `s + 1 + j` players. The tail or its complement,
/// whichever has fewer terms, is summed in log space: O(m) whatever N.
pub fn shapley_prefix(m: usize, n: usize, s: usize, j: i128) -> f64 {
    let share = (-(m as f64).ln() - ln_choose(m - 1, s)).exp();
    if j < 0 {
        return 0.0;
    }
    if j >= n as i128 {
        return share;
    }
    let draws = s + 1 + j as usize;
    let (lo, hi) = (draws.saturating_sub(n), m.min(draws));
    if s + 1 > hi {
        return 0.0;
    }
    if s < lo {
        return share;
    }
    let ln_pmf = hypergeometric(m, n, draws);
    let tail = if hi - s <= s + 1 - lo { ln_pmf(s + 1, hi).exp() } else { 1.0 - ln_pmf(lo, s).exp() };
    tail.clamp(0.0, 1.0) * share
}

/// [`shapley_prefix`] for every `s` in `0..m` at once, in O(m): with `d = s + 1 + j` draws,
/// `A(s + 1) = A(s) − P_d(X = s + 1)·(N − j)/(m + N − d)` (the next player drawn is a holder),
/// the point probabilities following each other by their ratio (in log space: they can be far
/// below the smallest `f64` at first and not later).
pub(super) fn shapley_column(m: usize, n: usize, j: i128) -> Vec<f64> {
    let shares: Vec<f64> = (0..m).map(|s| (-(m as f64).ln() - ln_choose(m - 1, s)).exp()).collect();
    if j < 0 {
        return vec![0.0; m];
    }
    if j >= n as i128 {
        return shares;
    }
    let j = j as usize;
    let total = m + n;
    let point = hypergeometric_point(m, n, 1 + j);
    // A(0): at least one major among the first 1 + j players.
    let mut a = 1.0 - point(0).exp();
    let mut ln_point = point(1);
    let mut column = Vec::with_capacity(m);
    for (s, share) in shares.iter().enumerate() {
        column.push(a.clamp(0.0, 1.0) * share);
        if s + 1 == m {
            break;
        }
        let left = (total - s - 1 - j) as f64;
        a -= ln_point.exp() * (n - j) as f64 / left;
        ln_point += ((m - s - 1) as f64).ln() + ((s + 2 + j) as f64).ln() - ((s + 2) as f64).ln() - left.ln();
    }
    column
}

/// `ln P(X = a)` for X the successes among `draws` drawn from `m` successes and `n` failures:
/// `C(m, a)·C(n, d − a)/C(m + n, d)`, written as falling factorials of at most `m` terms
/// (`d!/(d − a)!·(m + n − d)!/(n − d + a)!/((m + n)!/n!)`) so that nothing of the size of `n!`
/// is subtracted: accurate to about `m` roundings whatever N.
fn hypergeometric_point(m: usize, n: usize, draws: usize) -> impl Fn(usize) -> f64 {
    let ln_all = ln_falling(m + n, m);
    move |a: usize| {
        if a > m || a > draws || draws - a > n {
            return f64::NEG_INFINITY;
        }
        ln_choose(m, a) + ln_falling(draws, a) + ln_falling(m + n - draws, m - a) - ln_all
    }
}

/// `ln(x!/(x − k)!)`, k terms.
fn ln_falling(x: usize, k: usize) -> f64 {
    (0..k).map(|i| ((x - i) as f64).ln()).sum()
}

/// `ln P(a ≤ X ≤ b)` for X the successes among `draws` drawn from `m` successes and `n` failures.
fn hypergeometric(m: usize, n: usize, draws: usize) -> impl Fn(usize, usize) -> f64 {
    let point = hypergeometric_point(m, n, draws);
    move |a: usize, b: usize| {
        let mut ln_term = point(a);
        let mut acc = ln_term;
        for x in a..b {
            // P(x + 1)/P(x) = (m − x)(d − x)/((x + 1)(n − d + x + 1)).
            let up = ((m - x) as f64).ln() + ((draws - x) as f64).ln();
            let down = ((x + 1) as f64).ln() + ((n + x + 1 - draws) as f64).ln();
            ln_term += up - down;
            acc = ln_add(acc, ln_term);
        }
        acc
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The prefix by its definition, in exact fractions.
    fn prefix_by_definition(m: usize, n: usize, s: usize, j: usize) -> f64 {
        use crate::engine::power::numeric::{factorials, ratio, ratio_to_f64};
        let total = m + n;
        let f = factorials(total);
        let num: num_bigint::BigUint =
            (0..=j.min(n)).map(|k| &f[n] / (&f[k] * &f[n - k]) * &f[s + k] * &f[total - 1 - s - k]).sum();
        ratio_to_f64(&ratio(num, f[total].clone()))
    }

    #[test]
    fn the_hypergeometric_prefix_is_the_sum_it_replaces() {
        for (m, n) in [(1, 1), (3, 7), (6, 40), (12, 300), (20, 5)] {
            for s in 0..m {
                for j in 0..=n + 1 {
                    let want = prefix_by_definition(m, n, s, j);
                    let got = shapley_prefix(m, n, s, j as i128);
                    assert!((got - want).abs() < 1e-14, "m {m} n {n} s {s} j {j}: {got} vs {want}");
                }
            }
        }
    }

    #[test]
    fn a_column_is_every_prefix_at_once() {
        for (m, n) in [(1, 1), (2, 9), (7, 40), (30, 500), (120, 1_000_000)] {
            for j in [-1i128, 0, 1, (n / 2) as i128, n as i128 - 1, n as i128, n as i128 + 5] {
                let column = shapley_column(m, n, j);
                for (s, got) in column.iter().enumerate() {
                    let want = shapley_prefix(m, n, s, j);
                    assert!((got - want).abs() < 1e-13, "m {m} n {n} s {s} j {j}: {got} vs {want}");
                }
            }
        }
    }

    #[test]
    fn a_window_is_the_sum_of_its_terms() {
        for crowd in [FloatCrowd::Binomial, FloatCrowd::Normal] {
            for n in [1usize, 2, 33, 200, 5_000] {
                let law = CrowdLaw::new(n, crowd);
                for (lo, hi) in [(0, n), (0, n / 3), (n / 4, 3 * n / 4), (n / 2, n), (n / 10, n / 10 + 40), (n, n + 3)]
                {
                    let want = (lo..=hi.min(n)).map(|k| ln_pmf(n, k, crowd)).fold(f64::NEG_INFINITY, ln_add);
                    let got = law.ln_range(lo, hi);
                    assert!(
                        (got - want).abs() < 1e-12 * want.abs().max(1.0),
                        "{crowd:?} {n} [{lo}, {hi}]: {got} vs {want}"
                    );
                }
            }
        }
    }
}
