//! Tests of the ledger's parts that the integration tests cannot reach.

use chrono::NaiveDate;

use super::tranche_schedule;
use crate::model::SaleProfile;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap_or_else(|e| panic!("test date {s:?} is not YYYY-MM-DD: {e}"))
}

#[test]
fn apportions_exactly_by_profile() {
    let even = tranche_schedule(d("2026-01-01"), d("2026-12-31"), 10, 3, SaleProfile::Even);
    assert_eq!(even.iter().map(|t| t.1).collect::<Vec<_>>(), vec![4, 3, 3]);
    assert_eq!(even[0].0, d("2026-01-01"));
    assert_eq!(even[2].0, d("2026-12-31"));
    let front = tranche_schedule(d("2026-01-01"), d("2026-12-31"), 600, 3, SaleProfile::FrontLoaded);
    assert_eq!(front.iter().map(|t| t.1).collect::<Vec<_>>(), vec![300, 200, 100]);
    let back = tranche_schedule(d("2026-01-01"), d("2026-01-01"), 7, 2, SaleProfile::BackLoaded);
    assert_eq!(back.iter().map(|t| t.1).sum::<u64>(), 7);
    assert!(back[0].1 < back[1].1);
}
