//! Exact times on the float's clock: the fraction `t ∈ [0, 1]` of every float that votes yes,
//! as a fraction of integers, and the first time at which a meeting's yes votes reach a level.
//!
//! A meeting's yes votes as `t` grows are `y(t) = s(t) + t·f`, where `s(t)` adds a company
//! holder's votes once `t` has passed the time at which that company is controlled. Each
//! company joins strictly after its time, so `y` is nondecreasing and lower semicontinuous and
//! every time at which something changes is `(L − s)/f` for an integer sum `s` and the level
//! `L`: a fraction of integers, kept in `i64` and compared exactly by cross-multiplication in
//! `i128` (the caller bounds the integers, see [`MAX_SCALE`]).

use std::cmp::Ordering;

use crate::model::Quota;

/// Largest `T · max(2, quota denominator)` accepted: every numerator and denominator of a time
/// then fits an `i64`, and every product formed to compare them fits an `i128`.
pub const MAX_SCALE: u128 = 1 << 62;

/// A time `num/den` in `[0, 1]`, or never (`1/0`, after every time).
#[derive(Debug, Clone, Copy)]
pub struct Time {
    num: i64,
    den: i64,
}

impl Time {
    /// `t = 0`.
    pub const ZERO: Time = Time { num: 0, den: 1 };
    /// `t = 1/2`.
    pub const HALF: Time = Time { num: 1, den: 2 };
    /// `t = 1`.
    #[cfg(test)]
    pub const ONE: Time = Time { num: 1, den: 1 };
    /// Never within `[0, 1]`.
    pub const NEVER: Time = Time { num: 1, den: 0 };

    /// `num/den`, clamped to 0 below and to never above 1; `den > 0`.
    /// Both fit an `i64` when within `[0, 1]`, by the bound on the levels ([`MAX_SCALE`]).
    #[inline]
    fn clamped(num: i128, den: i128) -> Time {
        if num <= 0 {
            Time::ZERO
        } else if num > den {
            Time::NEVER
        } else {
            match (i64::try_from(num), i64::try_from(den)) {
                (Ok(num), Ok(den)) => Time { num, den },
                // Cannot happen: `den` is a level's denominator times a float, below 2^62 by the
                // bound checked before any time is formed.
                _ => Time::NEVER,
            }
        }
    }

    /// The time `num/den` (`den > 0`), clamped as every time is: 0 below, never above 1.
    pub fn fraction(num: i64, den: i64) -> Time {
        Time::clamped(i128::from(num), i128::from(den.max(1)))
    }

    /// The time as `(numerator, denominator)`; never is `(1, 0)`.
    pub fn parts(self) -> (i128, i128) {
        (i128::from(self.num), i128::from(self.den))
    }

    /// The parts as stored (not reduced; never is `(1, 0)`), as a key for caches.
    pub fn raw(self) -> (i64, i64) {
        (self.num, self.den)
    }

    /// Whether this is a time within `[0, 1)` at which something can still start to count.
    #[inline]
    pub fn before_one(self) -> bool {
        // Times are `0 ≤ num ≤ den` with `den ≥ 1`, or never (`1/0`): below 1 is `num < den`.
        self.num < self.den
    }

    /// The time as `f64`, never read as 1 (the end of the clock).
    pub fn to_f64(self) -> f64 {
        if self.den == 0 { 1.0 } else { self.num as f64 / self.den as f64 }
    }
}

impl PartialEq for Time {
    #[inline]
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Time {}

impl PartialOrd for Time {
    #[inline]
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Time {
    #[inline]
    fn cmp(&self, other: &Self) -> Ordering {
        // Times of the same meeting share a denominator (the level's times its float), and
        // never is the only time over 0.
        if self.den == other.den {
            return self.num.cmp(&other.num);
        }
        // One widening multiplication per side: both parts fit an `i64`.
        (i128::from(self.num) * i128::from(other.den)).cmp(&(i128::from(other.num) * i128::from(self.den)))
    }
}

/// A level of yes votes, `num/den` votes, reached strictly ("more than") or not ("at least").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Level {
    /// Numerator of the level in votes.
    pub num: i64,
    /// Denominator (positive).
    pub den: i64,
    /// "More than" the level when true, "at least" when false.
    pub strict: bool,
}

impl Level {
    /// An ordinary majority of `total` votes: more than `total/2`.
    pub fn majority(total: u64) -> Level {
        Level { num: small(u128::from(total)), den: 2, strict: true }
    }

    /// The level `quota` sets on `total` votes.
    pub fn quota(total: u64, quota: Quota) -> Level {
        let (numer, denom, strict) = (quota.numer(), quota.denom(), quota.is_strict());
        Level { num: small(u128::from(total) * u128::from(numer)), den: small(u128::from(denom)), strict }
    }

    /// Whether two levels are the same number of votes, reached the same way.
    pub fn same(&self, other: &Level) -> bool {
        self.strict == other.strict
            && i128::from(self.num) * i128::from(other.den) == i128::from(other.num) * i128::from(self.den)
    }

    /// Compares `s + t·f` with the level: the sign of `(den·s)·q + p·(den·f) − num·q` for
    /// `t = p/q`. `den·s` and `den·f` are below 2^62 (votes are at most the total, see
    /// [`MAX_SCALE`]), so each product is one widening multiplication.
    #[cfg(test)]
    fn compare(&self, s: u64, f: u64, t: Time) -> Ordering {
        let (p, q) = (i128::from(t.num), i128::from(t.den));
        let (ds, df) = (self.den * small(u128::from(s)), self.den * small(u128::from(f)));
        let lhs = i128::from(ds) * q + p * i128::from(df);
        lhs.cmp(&(i128::from(self.num) * q))
    }

    /// Whether `s + t·f` meets the level at `t` itself.
    #[cfg(test)]
    fn met_at(&self, s: u64, f: u64, t: Time) -> bool {
        match self.compare(s, f, t) {
            Ordering::Greater => true,
            Ordering::Equal => !self.strict,
            Ordering::Less => false,
        }
    }

    /// Whether `s + t'·f` meets the level for every `t'` just after `t`.
    #[cfg(test)]
    fn met_after(&self, s: u64, f: u64, t: Time) -> bool {
        match self.compare(s, f, t) {
            Ordering::Greater => true,
            Ordering::Equal => !self.strict || f > 0,
            Ordering::Less => false,
        }
    }

    /// The time `(L − s)/f` at which `s + t·f` equals the level (`f > 0`), clamped.
    #[cfg(test)]
    fn crossing(&self, s: u64, f: u64) -> Time {
        let (num, den) = (i128::from(self.num), i128::from(self.den));
        Time::clamped(num - den * i128::from(s), den * i128::from(f))
    }
}

/// A vote count or level part as `i64`: below 2^62 under [`MAX_SCALE`], checked before any
/// level is formed (saturated otherwise, which that check rules out).
fn small(x: u128) -> i64 {
    i64::try_from(x).unwrap_or(i64::MAX)
}

/// When the yes votes first reach a level, and whether they reach it at that time itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reach {
    /// The infimum of the times at which the level is met (never if it is not met by 1).
    pub time: Time,
    /// Whether the level is met at `time` itself.
    pub closed: bool,
}

impl Reach {
    /// Never reached.
    pub const NEVER: Reach = Reach { time: Time::NEVER, closed: false };

    /// Whether the level is met at `t` (for the float's yes-fraction `t`).
    #[inline]
    pub fn met_at(self, t: Time) -> bool {
        self.time < t || (self.time == t && self.closed)
    }
}

/// The first time at which `base + Σ_{c: time_c < t} votes_c + t·float` meets `level`.
///
/// `holders` are the company holders' (time, votes), sorted by time; those at or after 1 never
/// count. Sums are kept scaled by the level's denominator (below 2^62 by [`MAX_SCALE`]), so
/// that at t = 0 every comparison is one of `i64`s and later ones one widening product a side.
pub fn first_time(base: u64, float: u64, holders: &[(Time, u64)], level: Level) -> Reach {
    let Level { num, den, strict } = level;
    let scaled = |v: u64| den.saturating_mul(small(u128::from(v)));
    let df = scaled(float);
    let mut ds = scaled(base);
    if ds > num || (ds == num && !strict) {
        return Reach { time: Time::ZERO, closed: true };
    }
    let mut at = Time::ZERO;
    let mut k = 0;
    loop {
        while let Some(&(t, v)) = holders.get(k) {
            if t != at {
                break;
            }
            ds = ds.saturating_add(scaled(v));
            k += 1;
        }
        // Met for every time just after `at`: ds + at·df against num, equality enough when
        // "at least" or when the float still adds votes.
        let after = if at.num == 0 {
            ds.cmp(&num)
        } else {
            let q = i128::from(at.den);
            (i128::from(ds) * q + i128::from(at.num) * i128::from(df)).cmp(&(i128::from(num) * q))
        };
        if after == Ordering::Greater || (after == Ordering::Equal && (!strict || df > 0)) {
            return Reach { time: at, closed: false };
        }
        // The next holder to join, if any joins before 1.
        let next = holders.get(k).map(|h| h.0).filter(|t| t.before_one());
        if df > 0 {
            // The float alone brings the votes to the level at (num − ds)/df (never after 1).
            let c = Time::clamped(i128::from(num) - i128::from(ds), i128::from(df));
            if next.map_or(c.den != 0, |n| c <= n) {
                return Reach { time: c, closed: !strict };
            }
        }
        match next {
            Some(n) => at = n,
            None => return Reach::NEVER,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Fraction;
    use crate::model::kinds::QuotaRule;

    fn quota(numer: u64, denom: u64) -> Quota {
        Quota::new(numer, denom, QuotaRule::AtLeast).unwrap()
    }

    fn t(n: i64, d: i64) -> Time {
        Time { num: n, den: d }
    }

    /// The former implementation, read step by step: the first time at which
    /// `base + Σ_{c: time_c < t} votes_c + t·float` meets `level`.
    ///
    /// `holders` are the company holders' (time, votes), sorted by time; those at or after 1 never
    /// count.
    fn first_time_reference(base: u64, float: u64, holders: &[(Time, u64)], level: Level) -> Reach {
        if level.met_at(base, float, Time::ZERO) {
            return Reach { time: Time::ZERO, closed: true };
        }
        let mut s = base;
        let mut at = Time::ZERO;
        let mut k = 0;
        loop {
            while let Some(&(t, v)) = holders.get(k) {
                if t != at {
                    break;
                }
                s += v;
                k += 1;
            }
            if level.met_after(s, float, at) {
                return Reach { time: at, closed: false };
            }
            let next = match holders.get(k) {
                Some(&(t, _)) if t.before_one() => t,
                _ => Time::ONE,
            };
            if float > 0 {
                let c = level.crossing(s, float);
                if c <= next {
                    return Reach { time: c, closed: !level.strict };
                }
            }
            if next == Time::ONE {
                return Reach::NEVER;
            }
            at = next;
        }
    }

    #[test]
    fn first_time_agrees_with_the_step_by_step_reading_on_random_meetings() {
        let mut x: u64 = 0x5eed;
        let mut next = |n: u64| {
            x = x.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            (x >> 33) % n
        };
        for case in 0..200_000 {
            let total = 1 + next(400);
            let float = if next(4) == 0 { 0 } else { next(total + 1) };
            let base = next(total - float + 1);
            let mut left = total - float - base;
            let mut holders = Vec::new();
            for _ in 0..next(4) {
                let v = next(left + 1);
                left -= v;
                // Times from a few denominators, some equal as fractions, some never.
                let time = match next(5) {
                    0 => Time::NEVER,
                    1 => Time::ZERO,
                    _ => {
                        let d = [2, 3, 4, 6, 12][next(5) as usize];
                        t(next(d as u64 + 1) as i64, d)
                    }
                };
                holders.push((time, v));
            }
            holders.sort_by_key(|h| h.0);
            let level = match next(3) {
                0 => Level::majority(total),
                1 => Level::quota(
                    total,
                    if next(2) == 0 { Quota::MoreThan(Fraction::TWO_THIRDS) } else { Quota::TWO_THIRDS },
                ),
                _ => Level::quota(total, Quota::AtLeast(Fraction::HALF)),
            };
            let (a, b) = (first_time(base, float, &holders, level), first_time_reference(base, float, &holders, level));
            assert_eq!((a.time, a.closed), (b.time, b.closed), "case {case}: {base} {float} {holders:?} {level:?}");
        }
    }
    #[test]
    fn times_compare_as_fractions_and_never_is_last() {
        assert_eq!(t(1, 2), t(2, 4));
        assert!(t(1, 3) < t(1, 2));
        assert!(Time::ONE < Time::NEVER);
        assert_eq!(Time::NEVER, Time::NEVER);
        assert!(Time::ZERO < t(1, 1_000_000));
    }

    #[test]
    fn the_float_alone_crosses_a_majority_at_the_exact_fraction() {
        // 40 fixed yes votes of 100, float 60: 40 + 60t > 50 from t = 1/6.
        let r = first_time(40, 60, &[], Level::majority(100));
        assert_eq!(r, Reach { time: t(1, 6), closed: false });
        // At least 2/3 of 100: 40 + 60t ≥ 200/3 from t = 4/9, reached at 4/9 itself.
        let r = first_time(40, 60, &[], Level::quota(100, Quota::TWO_THIRDS));
        assert_eq!(r, Reach { time: t(4, 9), closed: true });
        // Without a float the level is met from the start or never.
        assert_eq!(first_time(51, 0, &[], Level::majority(100)).time, Time::ZERO);
        assert_eq!(first_time(50, 0, &[], Level::majority(100)), Reach::NEVER);
    }

    #[test]
    fn a_company_holder_counts_just_after_its_own_time() {
        // 30 fixed, a company with 25 votes joining after t = 1/10, float 45 of 100.
        // Before 1/10: 30 + 45t ≤ 34.5; after: 55 + 45t > 50 at once: the time is 1/10, open.
        let r = first_time(30, 45, &[(t(1, 10), 25)], Level::majority(100));
        assert_eq!(r, Reach { time: t(1, 10), closed: false });
        // A holder that never joins changes nothing: 30 + 45t > 50 from t = 4/9.
        let r = first_time(30, 45, &[(Time::NEVER, 25)], Level::majority(100));
        assert_eq!(r.time, t(4, 9));
        // The float reaches "at least 1/2" exactly when the holder joins: met at 1/10 itself.
        let r = first_time(0, 500, &[(t(1, 10), 10)], Level::quota(1000, quota(1, 20)));
        assert_eq!(r, Reach { time: t(1, 10), closed: true });
    }

    #[test]
    fn met_at_reads_the_closed_end() {
        let open = Reach { time: Time::HALF, closed: false };
        let closed = Reach { time: Time::HALF, closed: true };
        assert!(!open.met_at(Time::HALF) && closed.met_at(Time::HALF));
        assert!(open.met_at(Time::ONE));
    }
}
