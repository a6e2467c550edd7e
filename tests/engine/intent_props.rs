//! Property tests of intent amounts: `down_to` leaves the seller with exactly its target
//! whatever it held before (at or above the target), and `part` sells exactly its fraction.

#![allow(clippy::expect_used, clippy::unwrap_used)]

use alliance_sim::model::ledger;
use alliance_sim::model::{Amount, Event, Fraction, MARKET};
use proptest::prelude::*;

use crate::support::{company, holding, investor, parse, scenario_text};

/// Company `a` with `issued` shares, `x` holding `held` of them, nothing else.
fn base(issued: u64, held: u64) -> alliance_sim::model::Scenario {
    parse(&scenario_text(
        "",
        &[company("a", "Other", issued, 0), investor("x"), investor("y")],
        &[holding("x", "a", held)],
        &[],
        &[],
    ))
}

/// The holding of `x` after the one event, on 2024-06-01.
fn after(s: &alliance_sim::model::Scenario) -> Result<u64, TestCaseError> {
    let entries = ledger::replay(s).map_err(|e| TestCaseError::fail(e.to_string()))?;
    let last = entries.last().ok_or_else(|| TestCaseError::fail("no entry"))?;
    prop_assert_eq!(last.date, crate::support::date("2024-06-01"));
    Ok(last.register.block("x", "a").shares)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    /// For any earlier holding at or above the target, `down_to` leaves exactly the target:
    /// the fraction of issued shares, rounded to the nearest share (half up).
    #[test]
    fn down_to_gives_the_target_from_any_holding_at_or_above_it(
        issued in 1u64..=1_000_000_000_000,
        numer in 0u64..=10_000,
        denom in 1u64..=10_000,
        extra in 0.0f64..=1.0,
        to_market in any::<bool>(),
    ) {
        let f = Fraction::new(numer.min(denom), denom).unwrap();
        let target = f.round_mul(issued);
        prop_assume!(target <= issued);
        let held = target + ((issued - target) as f64 * extra) as u64;
        let mut s = base(issued, held);
        let to = if to_market { MARKET } else { "y" };
        s.events.push(Event::transfer(crate::support::date("2024-06-01"), "a", "x", to, Amount::DownTo(f)));
        prop_assert_eq!(after(&s)?, target);
        // Nearest share: |target − f·issued| ≤ 1/2, in exact integers.
        let (n, d) = (i128::from(f.numer()), i128::from(f.denom()));
        prop_assert!((2 * i128::from(target) * d - 2 * n * i128::from(issued)).abs() <= d);
    }

    /// Below the target, `down_to` is refused as a purchase on its date.
    #[test]
    fn down_to_above_the_holding_is_a_conflict_on_its_date(issued in 2u64..=1_000_000_000, short in 1u64..=1000) {
        let f = Fraction::new(1, 2).unwrap();
        let target = f.round_mul(issued);
        prop_assume!(target >= short);
        let mut s = base(issued, target - short);
        s.events.push(Event::transfer(crate::support::date("2024-06-01"), "a", "x", MARKET, Amount::DownTo(f)));
        let r = ledger::replay_partial(&s).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let c = r.conflict.ok_or_else(|| TestCaseError::fail("no conflict"))?;
        prop_assert_eq!(c.date, crate::support::date("2024-06-01"));
        prop_assert_eq!(c.events, vec![0]);
        prop_assert_eq!(r.entries.len(), 1, "results up to the day before");
    }

    /// `part` sells its fraction of the holding, rounded to the nearest share.
    #[test]
    fn part_sells_its_fraction(held in 0u64..=1_000_000_000, numer in 1u64..=100, denom in 1u64..=100) {
        let f = Fraction::new(numer.min(denom), denom).unwrap();
        let mut s = base(held.max(1), held);
        s.events.push(Event::transfer(crate::support::date("2024-06-01"), "a", "x", "y", Amount::Part(f)));
        prop_assert_eq!(after(&s)?, held - f.round_mul(held));
    }
}
