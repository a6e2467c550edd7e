//! Shapley–Shubik by Monte Carlo: random orderings of the players, with a standard error.
//!
//! The Shapley–Shubik index of player `i` is the probability that `i` is pivotal in a uniformly
//! random ordering (the player whose vote first brings the running total to the quota). Each
//! sample draws one ordering (Fisher–Yates) and credits its pivot, so one sample costs `O(n)`
//! whatever the quota, against `O(n²·q)` for the exact counts. With `N` samples the estimate
//! `φ̂ = c/N` has standard error `√(φ̂(1 − φ̂)/N)`. The generator is a fixed SplitMix64 seeded by
//! the caller, so a run is reproducible.

use super::error::PowerError;
use super::game::Game;
use crate::engine::random::SplitMix64;

/// Monte Carlo estimates of the Shapley–Shubik index.
#[derive(Debug, Clone, PartialEq)]
pub struct MonteCarloShapley {
    /// The estimate of each player's index (each is a share of the samples; they sum to 1).
    pub estimate: Vec<f64>,
    /// The standard error of each estimate, `√(φ̂(1 − φ̂)/N)`.
    pub standard_error: Vec<f64>,
    /// The number of orderings drawn.
    pub samples: u64,
}

/// Estimates the Shapley–Shubik index of every player from `samples` random orderings.
///
/// Errors when `samples` is 0. Players of weight 0 are never pivotal and get 0 with error 0.
pub fn shapley_shubik_monte_carlo(game: &Game, samples: u64, seed: u64) -> Result<MonteCarloShapley, PowerError> {
    if samples == 0 {
        return Err(PowerError::InvalidNumber { what: "number of Monte Carlo samples", value: 0.0 });
    }
    let players: Vec<usize> = (0..game.n()).filter(|&i| game.weights()[i] > 0).collect();
    let mut order = players.clone();
    let mut pivots = vec![0u64; game.n()];
    let mut rng = SplitMix64::new(seed);
    for _ in 0..samples {
        for k in (1..order.len()).rev() {
            let j = rng.below(k as u64 + 1) as usize;
            order.swap(k, j);
        }
        let mut sum = 0u64;
        for &i in &order {
            sum += game.weights()[i];
            if sum >= game.quota() {
                pivots[i] += 1;
                break;
            }
        }
    }
    let n = samples as f64;
    let estimate: Vec<f64> = pivots.iter().map(|&c| c as f64 / n).collect();
    let standard_error = estimate.iter().map(|&p| (p * (1.0 - p) / n).sqrt()).collect();
    Ok(MonteCarloShapley { estimate, standard_error, samples })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn estimates_fall_within_a_few_standard_errors_of_the_exact_values() {
        // EEC 1958: 7/30, 7/30, 7/30, 3/20, 3/20, 0.
        let g = Game::new(vec![4, 4, 4, 2, 2, 1], 12).unwrap();
        let mc = shapley_shubik_monte_carlo(&g, 200_000, 7).unwrap();
        let exact = [7.0 / 30.0, 7.0 / 30.0, 7.0 / 30.0, 0.15, 0.15, 0.0];
        for ((e, se), x) in mc.estimate.iter().zip(&mc.standard_error).zip(exact) {
            assert!((e - x).abs() <= 5.0 * se.max(1e-12), "{e} ± {se} vs {x}");
        }
        assert!((mc.estimate.iter().sum::<f64>() - 1.0).abs() < 1e-12);
        assert_eq!(mc.estimate[5], 0.0);
        assert!(mc.standard_error[0] > 0.0 && mc.standard_error[0] < 0.002);
        // Reproducible for a seed.
        assert_eq!(shapley_shubik_monte_carlo(&g, 1000, 3).unwrap(), shapley_shubik_monte_carlo(&g, 1000, 3).unwrap());
        assert!(shapley_shubik_monte_carlo(&g, 0, 3).is_err());
    }
}
