//! The float as N equal holders by enumerating the `2^m` sets of majors: for a set S, the
//! numbers k of float holders for which a player is pivotal form an interval, decided in exact
//! integers, so each index is a sum over the sets of a law's weight over an interval of k
//! (`crowd_law.rs`). It costs about `m·2^m` steps whatever N: what the engine uses while that
//! is small, and the reference the dynamic programme of `crowd_units.rs` is tested against.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use super::crowd_law::{CrowdLaw, CrowdPower, Threshold, ln_add, normalise_ln, shapley_prefix};

/// The indices of the majors (`weights`, scaled so that a float holder weighs `threshold.f`)
/// and of the float, by enumerating every set of majors.
pub(super) fn enumerate(weights: &[i128], threshold: &Threshold, law: &CrowdLaw) -> CrowdPower {
    let m = weights.len();
    let n = law.holders();
    let mut prefix_memo: HashMap<(usize, i128), f64, BuildHasherDefault<Mix>> = HashMap::default();
    let mut prefix = |s: usize, j: i128| *prefix_memo.entry((s, j)).or_insert_with(|| shapley_prefix(m, n, s, j));
    let mut majors_shapley = vec![0.0; m];
    let mut majors_ln = vec![f64::NEG_INFINITY; m];
    let mut float_ln = f64::NEG_INFINITY;
    let ln2 = std::f64::consts::LN_2;
    for mask in 0u64..(1u64 << m) {
        let size = mask.count_ones() as usize;
        let w: i128 = (0..m).filter(|j| mask >> j & 1 == 1).map(|j| weights[j]).sum();
        let first = threshold.first_win(w);
        // A float holder is pivotal when exactly first − 1 of the other N − 1 vote yes.
        if let Some(k) = first.checked_sub(1).filter(|&k| (0..n as i128).contains(&k)) {
            float_ln = ln_add(float_ln, law.ln_pmf_but_one(k as usize) - m as f64 * ln2);
        }
        if size == m {
            continue;
        }
        let hi = (first - 1).min(n as i128);
        let below_hi = prefix(size, hi);
        for i in (0..m).filter(|i| mask >> i & 1 == 0) {
            let lo = threshold.first_win(w + weights[i]).max(0);
            if hi < lo {
                continue;
            }
            majors_ln[i] = ln_add(majors_ln[i], law.ln_range(lo as usize, hi as usize) - (m as f64 - 1.0) * ln2);
            majors_shapley[i] += below_hi - prefix(size, lo - 1);
        }
    }
    let float_shapley = 1.0 - majors_shapley.iter().sum::<f64>();
    // The float's holders together: N times one holder's swing weight.
    let (majors_banzhaf, float_banzhaf) = normalise_ln(&majors_ln, float_ln + (n as f64).ln());
    CrowdPower { majors_shapley, float_shapley, majors_banzhaf, float_banzhaf }
}

/// A multiplicative hash for the memo's small integer keys (the standard one is built to resist
/// chosen keys, which these are not, and costs more than the sums it saves here).
#[derive(Default)]
struct Mix(u64);

impl Hasher for Mix {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u64(u64::from(b));
        }
    }

    fn write_u64(&mut self, x: u64) {
        self.0 = (self.0.rotate_left(5) ^ x).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }

    fn write_usize(&mut self, x: usize) {
        self.write_u64(x as u64);
    }

    fn write_i128(&mut self, x: i128) {
        self.write_u64(x as u64);
        self.write_u64((x >> 64) as u64);
    }
}
