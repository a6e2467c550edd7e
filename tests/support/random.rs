//! The tests' seeded draws: the shipped generator (`engine::random::SplitMix64`) with the
//! modulo-based draws the tests were written with, so every seed keeps giving the same cases.

use alliance_sim::engine::random::SplitMix64;

/// A seeded, deterministic generator for tests: SplitMix64 with `usize` draws, coin flips and
/// shuffles on top of its 64-bit outputs.
#[derive(Debug, Clone)]
pub struct Rng(SplitMix64);

impl Rng {
    /// A generator from a seed (the same stream as `SplitMix64::new(seed)`).
    pub fn new(seed: u64) -> Rng {
        Rng(SplitMix64::new(seed))
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0.next_u64()
    }

    /// A number in `0..bound` (`bound > 0`), by the modulo of the next output (slightly biased
    /// for huge bounds, which the tests do not use; kept so that seeds give the same cases).
    pub fn below_usize(&mut self, bound: usize) -> usize {
        (self.next_u64() % bound as u64) as usize
    }

    /// True with probability `numerator`/`denominator`.
    pub fn chance(&mut self, numerator: u64, denominator: u64) -> bool {
        self.next_u64() % denominator < numerator
    }

    /// Shuffles a slice (Fisher–Yates).
    pub fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = self.below_usize(i + 1);
            items.swap(i, j);
        }
    }
}
