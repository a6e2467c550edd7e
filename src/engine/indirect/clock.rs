//! The compound game at one fixed float yes-fraction (one clock), for Monte Carlo: each
//! company's votes needed for control and for the resolution as integer thresholds, and the
//! empty coalition's least fixed point, from which every sampled coalition starts.
//!
//! A coalition only adds votes, so its controlled companies are the empty coalition's plus
//! those its members' votes (and the votes of companies they come to control) push over
//! their thresholds: only the companies reached that way are touched, and put back after.
//! The cost of one coalition is the number of holdings it reaches, not the number of
//! companies.

use super::network::Network;
use crate::model::Quota;

/// The float's yes-fraction shared by the coalitions of one batch.
#[derive(Debug, Clone, Copy)]
pub(super) enum Clock {
    /// Exactly 1/2 (Dubey–Shapley): thresholds exact in integers.
    Half,
    /// A drawn fraction in (0, 1): where a float casts votes, `t·f` is `f64` (a tie with a
    /// threshold has probability 0); where it casts none, the thresholds are exact.
    At(f64),
}

/// The compound game at one clock, with the empty coalition's state and scratch space for one
/// coalition at a time.
pub(super) struct ClockedGame<'a> {
    net: &'a Network,
    quota: Quota,
    /// Yes votes of holders (committed, atomic and controlled companies) from which company
    /// k is controlled, at this clock; `u64::MAX` for never.
    control_need: Vec<u64>,
    /// Yes votes of holders from which the resolution passes at k, at this clock.
    pass_need: Vec<u64>,
    /// The empty coalition: each company's holders' yes votes, whether it is controlled and
    /// whether the resolution passes there.
    empty_sum: Vec<u64>,
    empty_controlled: Vec<bool>,
    empty_pass: Vec<bool>,
    sum: Vec<u64>,
    controlled: Vec<bool>,
    is_touched: Vec<bool>,
    touched: Vec<usize>,
    queue: Vec<usize>,
}

impl<'a> ClockedGame<'a> {
    /// The game on `net` for `quota`, at `clock`.
    pub fn new(net: &'a Network, quota: Quota, clock: Clock) -> ClockedGame<'a> {
        let k = net.companies.len();
        let mut g = ClockedGame {
            net,
            quota,
            control_need: vec![0; k],
            pass_need: vec![0; k],
            empty_sum: vec![0; k],
            empty_controlled: vec![false; k],
            empty_pass: vec![false; k],
            sum: vec![0; k],
            controlled: vec![false; k],
            is_touched: vec![false; k],
            touched: Vec::with_capacity(k),
            queue: Vec::with_capacity(k),
        };
        g.set_clock(clock);
        g
    }

    /// Moves the game to `clock`: new thresholds and the empty coalition's fixed point.
    pub fn set_clock(&mut self, clock: Clock) {
        let net = self.net;
        for k in 0..net.companies.len() {
            let (t, f) = (net.total[k], net.float[k]);
            self.control_need[k] = control_need(t, f, clock);
            self.pass_need[k] = pass_need(t, f, self.quota, clock);
        }
        self.sum.copy_from_slice(&net.committed);
        self.controlled.fill(false);
        self.queue.clear();
        for k in 0..self.sum.len() {
            if self.sum[k] >= self.control_need[k] {
                self.controlled[k] = true;
                self.queue.push(k);
            }
        }
        while let Some(c) = self.queue.pop() {
            for &(d, v) in &net.company_holds[c] {
                self.sum[d] += v;
                if !self.controlled[d] && self.sum[d] >= self.control_need[d] {
                    self.controlled[d] = true;
                    self.queue.push(d);
                }
            }
        }
        self.empty_sum.copy_from_slice(&self.sum);
        self.empty_controlled.copy_from_slice(&self.controlled);
        for j in 0..self.sum.len() {
            self.empty_pass[j] = self.sum[j] >= self.pass_need[j];
        }
    }

    /// Whether the resolution passes at `j` for the empty coalition.
    pub fn empty_passes(&self, j: usize) -> bool {
        self.empty_pass[j]
    }

    /// The least fixed point of control for the coalition `members`, then `pass(j)` for
    /// every target at which the resolution passes and did not for the empty coalition
    /// (passing only grows with the coalition).
    pub fn run(&mut self, members: &[usize], mut pass: impl FnMut(usize)) {
        let net = self.net;
        for &i in members {
            for &(k, v) in &net.player_holds[i] {
                self.bump(k, v);
            }
        }
        while let Some(c) = self.queue.pop() {
            for &(d, v) in &net.company_holds[c] {
                self.bump(d, v);
            }
        }
        // sum[j] now counts every controlled company's votes (a company never holds itself).
        for &j in &self.touched {
            if !self.empty_pass[j] && self.sum[j] >= self.pass_need[j] {
                pass(j);
            }
        }
        for &k in &self.touched {
            self.sum[k] = self.empty_sum[k];
            self.controlled[k] = self.empty_controlled[k];
            self.is_touched[k] = false;
        }
        self.touched.clear();
    }

    /// Adds `v` yes votes at company `k`, queueing it when it becomes controlled.
    fn bump(&mut self, k: usize, v: u64) {
        if !self.is_touched[k] {
            self.is_touched[k] = true;
            self.touched.push(k);
        }
        self.sum[k] += v;
        if !self.controlled[k] && self.sum[k] >= self.control_need[k] {
            self.controlled[k] = true;
            self.queue.push(k);
        }
    }
}

/// The fewest holders' yes votes `s` with `s + t·f > total/2` at `clock`.
fn control_need(total: u64, float: u64, clock: Clock) -> u64 {
    match clock {
        // 2s + f > T ⟺ s ≥ ⌊(T − f)/2⌋ + 1.
        Clock::Half => total.saturating_sub(float) / 2 + 1,
        Clock::At(_) if float == 0 => total / 2 + 1,
        Clock::At(t) => above(total as f64 / 2.0 - t * float as f64),
    }
}

/// The fewest holders' yes votes `s` with which `s + t·f` meets the quota of `total`.
fn pass_need(total: u64, float: u64, quota: Quota, clock: Clock) -> u64 {
    let (numer, denom, strict) = (u128::from(quota.numer()), u128::from(quota.denom().max(1)), quota.is_strict());
    match clock {
        Clock::Half => {
            // denom·(2s + f) against 2·numer·T: s against R/(2·denom), R = 2·numer·T − denom·f.
            let r = 2 * numer * u128::from(total);
            let r = r.saturating_sub(denom * u128::from(float));
            let need = if strict { r / (2 * denom) + 1 } else { r.div_ceil(2 * denom) };
            // With R = 0 only a strict quota needs a vote: s > 0, or s ≥ 0.
            u64::try_from(need).unwrap_or(u64::MAX)
        }
        Clock::At(_) if float == 0 => {
            let r = numer * u128::from(total);
            let need = if strict { r / denom + 1 } else { r.div_ceil(denom) };
            u64::try_from(need).unwrap_or(u64::MAX)
        }
        Clock::At(t) => above(numer as f64 * total as f64 / denom as f64 - t * float as f64),
    }
}

/// The least integer above `x`, 0 below 0 (`s > x` ⟺ `s ≥ above(x)` for integers `s ≥ 0`).
fn above(x: f64) -> u64 {
    if x < 0.0 {
        0
    } else if x >= u64::MAX as f64 {
        u64::MAX
    } else {
        x.floor() as u64 + 1
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Fraction;

    #[test]
    fn half_clock_thresholds_are_exact() {
        // T = 100, f = 40: 2s + 40 > 100 ⟺ s ≥ 31.
        assert_eq!(control_need(100, 40, Clock::Half), 31);
        assert_eq!(control_need(100, 41, Clock::Half), 30); // 2·30 + 41 = 101 > 100
        // At least 2/3 of 99 with f = 30: 3(2s + 30) ≥ 2·2·99 ⟺ s ≥ 51.
        let two_thirds = Quota::TWO_THIRDS;
        assert_eq!(pass_need(99, 30, two_thirds, Clock::Half), 51);
        // More than 2/3: 6s + 90 > 396 ⟺ s ≥ 52 (51 gives 396, not more).
        assert_eq!(pass_need(99, 30, Quota::MoreThan(two_thirds.fraction()), Clock::Half), 52);
        // Half of a float of 100 is 50 yes votes: 17 more reach 2/3 (3·(34 + 100) ≥ 400).
        assert_eq!(pass_need(100, 100, two_thirds, Clock::Half), 17);
        // ... and alone it is already at least half.
        assert_eq!(pass_need(100, 100, Quota::AtLeast(Fraction::HALF), Clock::Half), 0);
    }

    #[test]
    fn drawn_clock_thresholds_match_the_comparison() {
        for &(t, f, total) in &[(0.3, 40u64, 100u64), (0.71, 13, 57), (0.5, 0, 10), (0.9, 0, 11)] {
            let need = control_need(total, f, Clock::At(t));
            let meets = |s: u64| 2.0 * (s as f64 + t * f as f64) > total as f64;
            assert!(meets(need) && (need == 0 || !meets(need - 1)), "t {t} f {f} T {total}");
        }
        // Without a float the quota is exact whatever the clock.
        let q = Quota::TWO_THIRDS;
        assert_eq!(pass_need(99, 0, q, Clock::At(0.37)), 66);
        assert_eq!(pass_need(99, 0, Quota::MoreThan(q.fraction()), Clock::At(0.37)), 67);
    }
}
