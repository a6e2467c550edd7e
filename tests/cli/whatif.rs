//! The command line with intent amounts (`down_to`, `part`) and goal seek (`solve`), run as a
//! built binary on files written in the test.

#![allow(clippy::expect_used, clippy::unwrap_used)]

use std::path::Path;

use crate::support::{company, holding, investor, run, scenario_text};
use serde_json::Value;

fn text(b: &[u8]) -> String {
    String::from_utf8(b.to_vec()).expect("UTF-8")
}

/// A company `a` (1,000,000 shares) held 40% by `x`, and one transfer from `x` to `y`.
fn one_transfer(amount: &str) -> String {
    scenario_text(
        "",
        &[company("a", "Other", 1_000_000, 0), investor("x"), investor("y")],
        &[holding("x", "a", 400_000)],
        &[],
        &[format!(r#"Transfer(date: "2024-06-01", issuer: "a", from: "x", to: "y", {amount})"#)],
    )
}

fn write(dir: &Path, name: &str, text: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, text).expect("writable");
    path.to_str().expect("UTF-8 path").to_string()
}

/// `report --date D --format json`: the shares of `holder` at issuer `a`.
fn shares_on(file: &str, date: &str, holder: &str) -> u64 {
    let o = run(&["report", file, "--date", date, "--format", "json"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let v: Value = serde_json::from_str(&text(&o.stdout)).expect("JSON");
    v["dates"][0]["issuers"]["a"]["holders"][holder]["shares"].as_u64().unwrap_or(0)
}

#[test]
fn down_to_leaves_the_seller_with_its_target_share_of_issued() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let file = write(dir.path(), "down.ron", &one_transfer(r#"down_to: "15%""#));
    let o = run(&["check", &file]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    assert_eq!(shares_on(&file, "2024-06-01", "x"), 150_000);
    assert_eq!(shares_on(&file, "2024-06-01", "y"), 250_000);
    // Rounded to the nearest share: 1/3 of 1,000,000 is 333,333.33…
    let file = write(dir.path(), "third.ron", &one_transfer(r#"down_to: "1/3""#));
    assert_eq!(shares_on(&file, "2024-06-01", "x"), 333_333);
}

#[test]
fn part_sells_that_fraction_of_the_holding() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let file = write(dir.path(), "part.ron", &one_transfer(r#"part: "1/2""#));
    assert_eq!(shares_on(&file, "2024-06-01", "x"), 200_000);
    let file = write(dir.path(), "all.ron", &one_transfer(r#"part: "1""#));
    assert_eq!(shares_on(&file, "2024-06-01", "y"), 400_000);
}

#[test]
fn a_down_to_above_the_holding_or_two_amounts_are_refused_naming_event_and_date() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let file = write(dir.path(), "up.ron", &one_transfer(r#"down_to: "50%""#));
    let o = run(&["check", &file]);
    assert_eq!(o.status.code(), Some(1));
    let err = text(&o.stderr);
    assert!(err.contains("event 1") && err.contains("2024-06-01") && err.contains("purchase"), "{err}");
    let file = write(dir.path(), "two.ron", &one_transfer(r#"shares: 5, part: "1/2""#));
    let o = run(&["check", &file]);
    assert_eq!(o.status.code(), Some(1));
    let err = text(&o.stderr);
    assert!(err.contains("event 1") && err.contains("2024-06-01") && err.contains("more than one"), "{err}");
}

#[test]
fn a_phased_sale_splits_an_intent_total_into_its_tranches() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let t = scenario_text(
        "",
        &[company("a", "Other", 1_000_000, 0), investor("x")],
        &[holding("x", "a", 400_000)],
        &[],
        &[r#"PhasedSale(start: "2024-03-01", end: "2024-09-01", issuer: "a", seller: "x", buyer: "market",
            down_to: "10%", tranches: 3)"#
            .to_string()],
    );
    let file = write(dir.path(), "sale.ron", &t);
    assert_eq!(shares_on(&file, "2024-03-01", "x"), 300_000);
    assert_eq!(shares_on(&file, "2024-09-01", "x"), 100_000);
}

const DEFAULT: &str = "scenarios/renault-nissan-2023.ron";

#[test]
fn solve_finds_the_stake_that_balances_capital_to_one_share() {
    let o = run(&[
        "solve",
        DEFAULT,
        "--holding",
        "renault:nissan",
        "--date",
        "2026-06-01",
        "--target",
        "balance-capital=0",
        "--format",
        "json",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let v: Value = serde_json::from_str(&text(&o.stdout)).expect("JSON");
    assert_eq!(v["reached"], true);
    assert_eq!(v["method"], "bisection");
    let s = &v["solutions"][0];
    assert!(s["value"].as_f64().unwrap() >= 0.0 && s["value_one_share_below"].as_f64().unwrap() < 0.0, "{v}");
    // Nissan holds 15.0% of Renault; Renault's stake in Nissan matches it.
    assert!((s["capital"].as_f64().unwrap() - 44_358_343.0 / 295_722_284.0).abs() < 1e-9, "{v}");
}

#[test]
fn solve_balance_of_power_prints_shares_and_percentages() {
    let o =
        run(&["solve", DEFAULT, "--holding", "renault:nissan", "--date", "2026-06-01", "--target", "balance-power=0"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let out = text(&o.stdout);
    assert!(out.contains("Renault in Nissan on 2026-06-01"), "{out}");
    assert!(out.contains("% of issued") && out.contains("shares"), "{out}");
    assert!(out.contains("method: scan"), "{out}");
}

#[test]
fn a_target_no_stake_reaches_is_an_answer_not_an_error() {
    let o = run(&[
        "solve",
        DEFAULT,
        "--holding",
        "renault:nissan",
        "--date",
        "2024-06-01",
        "--target",
        "vote-share=renault:1%",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    assert!(text(&o.stdout).contains("no stake in [0, "), "{}", text(&o.stdout));
}

#[test]
fn solve_explains_its_mistakes() {
    let bad = |args: &[&str], needle: &str| {
        let mut all = vec!["solve", DEFAULT];
        all.extend(args);
        let o = run(&all);
        assert_eq!(o.status.code(), Some(1), "{args:?}");
        assert!(text(&o.stderr).contains(needle), "{args:?}: {}", text(&o.stderr));
    };
    bad(&["--holding", "renault", "--date", "2024-06-01", "--target", "balance-power=0"], "HOLDER:ISSUER");
    bad(
        &["--holding", "renault:nisan", "--date", "2024-06-01", "--target", "balance-power=0"],
        "`nisan` is not a company",
    );
    bad(
        &["--holding", "renault:nissan", "--date", "2030-01-01", "--target", "balance-power=0"],
        "outside the scenario's window",
    );
    bad(&["--holding", "renault:nissan", "--date", "2024-06-01", "--target", "power=0"], "not a measure");
}
