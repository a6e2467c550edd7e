//! `alliance-sim power`: the reference values through the command line, exact fractions in
//! the JSON, the ocean, and errors that say what to do.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::process::Command;

use serde_json::Value;

fn power(args: &[&str]) -> (bool, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_alliance-sim")).arg("power").args(args).output().unwrap();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn json(args: &[&str]) -> Value {
    let mut all = args.to_vec();
    all.extend(["--format", "json"]);
    let (ok, out, err) = power(&all);
    assert!(ok, "{err}");
    serde_json::from_str(&out).unwrap()
}

fn field(v: &Value, k: usize, name: &str) -> Value {
    v["players"][k][name].clone()
}

#[test]
fn eec_1958_exactly() {
    let v = json(&["--weights", "4,4,4,2,2,1", "--quota", "12"]);
    let swings: Vec<&str> = (0..6).map(|k| v["players"][k]["swings"].as_str().unwrap()).collect();
    assert_eq!(swings, ["10", "10", "10", "6", "6", "0"]);
    assert_eq!(field(&v, 0, "banzhaf_exact"), "5/21");
    assert_eq!(field(&v, 3, "banzhaf_exact"), "1/7");
    assert_eq!(field(&v, 0, "shapley_shubik_exact"), "7/30");
    assert_eq!(field(&v, 3, "shapley_shubik_exact"), "3/20");
    assert_eq!(field(&v, 5, "shapley_shubik_exact"), "0/1");
    assert_eq!(field(&v, 0, "banzhaf_absolute").as_f64(), Some(5.0 / 16.0));
    assert!(v["ocean"].is_null());
}

#[test]
fn un_security_council_and_a_strict_majority_by_fraction() {
    let v = json(&["--weights", "7,7,7,7,7,1,1,1,1,1,1,1,1,1,1", "--quota", "39"]);
    assert_eq!(field(&v, 0, "shapley_shubik_exact"), "421/2145");
    assert_eq!(field(&v, 14, "shapley_shubik_exact"), "4/2145");
    assert_eq!(field(&v, 0, "swings"), "848");
    assert_eq!(field(&v, 0, "banzhaf_exact"), "106/635");
    // [51; 50, 49, 1] as "more than 1/2 of 100".
    let v = json(&["--weights", "50,49,1", "--quota-fraction", "1/2", "--strict"]);
    assert_eq!(field(&v, 0, "shapley_shubik_exact"), "2/3");
    assert_eq!(field(&v, 1, "banzhaf_exact"), "1/5");
}

#[test]
fn decimal_weights_are_read_exactly() {
    // Straffin [6; 4,3,2,1] scaled by 1/10: the same game.
    let v = json(&["--weights", "0.4,0.3,0.2,0.1", "--quota", "0.6"]);
    assert_eq!(field(&v, 0, "banzhaf_exact"), "5/12");
    assert_eq!(field(&v, 3, "shapley_shubik_exact"), "1/12");
}

#[test]
fn an_oceanic_float() {
    // A single major of 2/5 facing an ocean at a strict majority: Milnor–Shapley gives
    // w/(1 − w) = 2/3; its normalised Banzhaf is 1 (the degenerate case); the ocean has 1/3.
    let v = json(&["--weights", "0.4", "--ocean", "0.6", "--quota-fraction", "0.5", "--strict"]);
    assert_eq!(field(&v, 0, "shapley_shubik_exact"), "2/3");
    assert_eq!(field(&v, 0, "banzhaf_exact"), "1/1");
    assert!(field(&v, 0, "swings").is_null());
    assert!((v["ocean"]["shapley_shubik"].as_f64().unwrap() - 1.0 / 3.0).abs() < 1e-15);
    assert!(v["ocean"]["banzhaf"].is_null());
}

#[test]
fn mistakes_are_explained() {
    let (ok, _, err) = power(&["--weights", "0.4,0.3", "--ocean", "0.6", "--quota-fraction", "0.5"]);
    assert!(!ok);
    assert!(err.contains("must sum to 1"), "{err}");
    let (ok, _, err) = power(&["--weights", "4,x", "--quota", "3"]);
    assert!(!ok);
    assert!(err.contains("--weights") && err.contains("`x`"), "{err}");
    let (ok, _, err) = power(&["--weights", "4,4"]);
    assert!(!ok);
    assert!(err.contains("quota"), "{err}");
    let (ok, _, err) = power(&["--weights", "4,4", "--quota", "9"]);
    assert!(!ok);
    assert!(!err.is_empty());
}

#[test]
fn orderings_near_two_to_the_sixty_four_are_refused_at_once_with_the_time_they_would_take() {
    let (ok, out, err) = power(&["--weights", "4,3,2", "--quota", "5", "--monte-carlo", "18446744073709551615"]);
    assert!(!ok);
    assert!(out.is_empty(), "{out}");
    assert!(err.contains("at most 1,000,000,000") && err.contains("would take about"), "{err}");
}

#[test]
fn the_table_format_and_timing() {
    let (ok, out, _) = power(&["--weights", "51,49", "--quota", "51", "--repeat", "3"]);
    assert!(ok);
    assert!(out.contains("S-S exact") && out.contains("1/1"), "{out}");
    assert!(out.contains("3 solves: Banzhaf"), "{out}");
}

#[test]
fn weights_that_are_all_zero_are_named_as_such() {
    let (ok, _, err) = power(&["--weights", "0,0", "--quota", "1"]);
    assert!(!ok);
    assert!(err.contains("every weight is 0") && !err.contains("..="), "{err}");
}
